// time: date and time expressions, normalised against the publication date.
//
// In: the article text, its text::Analysis and publication date (ISO 8601 or "" when
// unknown). Out: Timex records sorted by position. Guaranteed: absolute dates (16 أغسطس 2023,
// 27 أيلول/ سبتمبر 2020, 2020/11/10), month + year, years, relative days (اليوم, أمس, غدا),
// weekdays (يوم الأربعاء), ordinal days (الثامن من أكتوبر), Hijri days (6 شوال 1436هـ,
// 5 / 11 / 1436 هـ) are found; relative ones resolve against the publication date, or when it
// is "" against a dateline "اليوم الثلاثاء 21 نوفمبر 2023" earlier in the text, otherwise keep a
// relative value ("P-1D"); nothing is invented. A weekday is the latest such day on or before
// publication, or the next one after it in a future context (سيزور, يعتزم, من المقرر, من
// المتوقع, المقبل, or a future verb right after it). A month edge (منتصف, مطلع, نهاية) is the
// month or year it names, alone the publication's (منتصف الشهر = its month, "month").
// Clock times (الساعة 23:50, الساعة 0400, الساعة الثامنة والنصف مساء بالتوقيت المحلي) are
// "minute" with the day of their phrase, else the nearest day of their sentence, else the last
// day written before them unless that is background ("2024-08-15T20:30"), else none
// ("XXXX-XX-XXT20:30"); a zone is in the span, not the value. Durations (44 يوما, ثلاث سنوات,
// يومين, أكثر من عام) are "duration" with an ISO 8601 value (P44D, P3Y, P2D, P1Y; PT5H) and anchor
// "duration"; a qualifier (أكثر من, نحو) is in the span, not the value. Stretches and weeks at
// publication (الأيام القليلة المقبلة, الأسبوع الماضي) are "range" with "START/END" dates, or
// without a publication date a relative value ("P0D/P7D", "P-1W"). A range of dates (من 10 إلى 12
// أغسطس, بين 10 و12 أغسطس, 10-12 أغسطس 2024, من يناير إلى مارس), of days (من الاثنين إلى صباح
// الثلاثاء) or of years (بين عامي 2020 و2022) is one "range" Timex, "2024-08-10/2024-08-12",
// "2024-01/2024-03", "2020/2022", or "XXXX-WXX-1/XXXX-WXX-2" without a publication date. A season
// with its year or direction (صيف 2024, الشتاء الماضي, هذا الصيف) is a "range" of its three months,
// "2024-06/2024-08" (TIMEX3 would write 2024-SU; winter 2024 is 2023-12/2024-02); without a
// publication date a season that needs one has the value "". Thread-safe after Load().
// Not guaranteed (yet): a bare weekday of a programme told in the present tense (تحاضر ...
// «الخميس»), a clock time with a day whose publication date is unknown (the day stays relative,
// the time is dropped), a season alone (في الصيف: often a habit), and a futures contract's
// month.
//
//   ASSIGN_OR_RETURN(time::Tagger tagger, time::Tagger::Load(analyzer));
//   std::vector<Timex> t = tagger.Tag(text, analysis, "2023-08-16");
#ifndef RASD_TIME_TIME_H_
#define RASD_TIME_TIME_H_

#include <memory>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "text/text.h"

namespace rasd::time {

class Tagger {
 public:
  // Reads data/lexicon/months.tsv, data/lexicon/time_words.tsv and the number table
  // (text::NumberReader, for durations); `analyzer` must outlive it.
  static Result<Tagger> Load(const text::Analyzer& analyzer);
  Tagger();
  ~Tagger();
  Tagger(Tagger&&) noexcept;
  Tagger& operator=(Tagger&&) noexcept;

  std::vector<Timex> Tag(std::string_view text, const text::Analysis& analysis,
                         std::string_view published) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::time

#endif  // RASD_TIME_TIME_H_
