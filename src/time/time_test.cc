#include "time/time.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace rasd::time {
namespace {

class TimeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = text::Analyzer::Load();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = new text::Analyzer(std::move(analyzer).value());
    auto tagger = Tagger::Load(*analyzer_);
    ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
    tagger_ = new Tagger(std::move(tagger).value());
  }
  static void TearDownTestSuite() {
    delete tagger_;
    delete analyzer_;
  }

  // "text=value granularity anchor[ historical]" for each timex, joined by " | ".
  static std::string Print(std::string_view text, std::string_view published) {
    text::Analysis a = analyzer_->Analyze(text);
    std::string out;
    for (const Timex& t : tagger_->Tag(text, a, published)) {
      if (!out.empty()) out += " | ";
      EXPECT_EQ(t.text, t.span.In(text));
      out += t.text + "=" + t.value + " " + GranularityName(t.granularity) + " " +
             (t.anchor.empty() ? "-" : t.anchor) + (t.historical ? " historical" : "");
    }
    return out;
  }

  static text::Analyzer* analyzer_;
  static Tagger* tagger_;
};

text::Analyzer* TimeTest::analyzer_ = nullptr;
Tagger* TimeTest::tagger_ = nullptr;

struct Row {
  const char* text;
  const char* published;
  const char* expected;
};

TEST_F(TimeTest, AbsoluteDates) {
  const Row rows[] = {
      {"التقى الوزيران في 16 أغسطس 2023 في موسكو.", "2023-08-20",
       "16 أغسطس 2023=2023-08-16 day absolute"},
      {"وفي 10 تشرين الثاني/نوفمبر 2020، تم التوصل إلى اتفاق.", "2023-08-16",
       "10 تشرين الثاني/نوفمبر 2020=2020-11-10 day absolute historical"},
      {"وفي 27 أيلول/ سبتمبر 2020 أطلق الجيش عملية.", "2024-08-19",
       "27 أيلول/ سبتمبر 2020=2020-09-27 day absolute historical"},
      {"بدأت الحرب في 27 سبتمبر 2020.", "2023-08-16",
       "27 سبتمبر 2020=2020-09-27 day absolute historical"},
      {"وفي ديسمبر 2022، تم قطع الطريق.", "2023-08-16",
       "ديسمبر 2022=2022-12 month absolute historical"},
      {"استؤنفت الأعمال القتالية نهاية سبتمبر 2020.", "2023-08-16",
       "نهاية سبتمبر 2020=2020-09 month absolute historical"},
      {"وقعت الحوادث عام 2020 وتكررت في 2021.", "2023-08-16",
       "عام 2020=2020 year absolute historical | 2021=2021 year absolute historical"},
      {"الاجتماع عام 2023 مهم.", "2023-08-16", "عام 2023=2023 year absolute"},
      {"صدر القرار في 2020/11/10 ونشر في 10-11-2020.", "2023-08-16",
       "2020/11/10=2020-11-10 day absolute historical | "
       "10-11-2020=2020-11-10 day absolute historical"},
      {"بتاريخ 25/12/2023 أعلن الجيش.", "2023-12-30", "25/12/2023=2023-12-25 day absolute"},
      // Maghrebi and Levantine names, Arabic-Indic digits.
      {"وفي 5 جويلية 2024 احتج الآلاف.", "2024-07-06", "5 جويلية 2024=2024-07-05 day absolute"},
      {"منذ أفريل 2023 والأزمة مستمرة.", "2024-07-06",
       "أفريل 2023=2023-04 month absolute historical"},
      {"أدانت الوزارة اليوم الجمعة ١٤ حزيران/يونيو ٢٠٢٤ الغارات.", "",
       "اليوم الجمعة ١٤ حزيران/يونيو ٢٠٢٤=2024-06-14 day absolute"},
      {"اليوم الثلاثاء 21 تشرين الثاني/نوفمبر 2023، بحث الوزير.", "2023-11-21",
       "اليوم الثلاثاء 21 تشرين الثاني/نوفمبر 2023=2023-11-21 day absolute"},
      {"في الساعة 23:50 من مساء يوم الأحد قصفت القوات القرية.", "2024-08-19",
       "الساعة 23:50 من مساء يوم الأحد=2024-08-18T23:50 minute published"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, YearFromPublicationOrContext) {
  const Row rows[] = {
      // Past narration: the nearest such date on or before publication.
      {"أجرى الوزير محادثة هاتفية اليوم 16 أغسطس، مع نظيره.", "2023-08-16",
       "اليوم 16 أغسطس=2023-08-16 day published"},
      {"وصل الوفد في 16 أغسطس.", "2023-08-10", "16 أغسطس=2022-08-16 day published historical"},
      {"في سبتمبر، أشار الرئيس إلى الاعتراف.", "2023-09-19", "سبتمبر=2023-09 month published"},
      {"أقام حرس الحدود حاجزا في أبريل الماضي.", "2023-08-16",
       "أبريل الماضي=2023-04 month published historical"},
      {"خلال العام الماضي بدأت المباحثات.", "2023-09-19",
       "العام الماضي=2022 year published historical"},
      {"أعرب الرئيس، نهاية مايو من العام الجاري، عن استعداده.", "2023-09-19",
       "نهاية مايو من العام الجاري=2023-05 month published historical"},
      // A later date without a year continues the narrative of the one before it.
      {"استؤنفت الأعمال نهاية سبتمبر 2020، وفي ليلة 10 نوفمبر، اتفقت الأطراف.", "2023-09-19",
       "نهاية سبتمبر 2020=2020-09 month absolute historical | "
       "ليلة 10 نوفمبر=2020-11-10 day absolute historical"},
      // A future verb looks forward.
      {"سيزور الوزير موسكو في 20 سبتمبر.", "2023-09-01", "20 سبتمبر=2023-09-20 day published"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, RelativeDays) {
  const Row rows[] = {
      {"قال الوزير اليوم إن الوضع هادئ.", "2023-08-16", "اليوم=2023-08-16 day published"},
      {"وقع الهجوم أمس.", "2023-08-16", "أمس=2023-08-15 day published"},
      {"وصل الوفد أول أمس.", "2023-08-16", "أول أمس=2023-08-14 day published"},
      {"يصل الوزير غدا إلى باكو.", "2023-08-16", "غدا=2023-08-17 day published"},
      {"قصفت القوات القرية الليلة الماضية.", "2023-08-16",
       "الليلة الماضية=2023-08-15 day published"},
      {"أعلن عن الاتفاق مساء أمس.", "2022-09-15", "مساء أمس=2022-09-14 day published"},
      {"اجتمع الوزراء صباح اليوم.", "2022-09-15", "صباح اليوم=2022-09-15 day published"},
      // "The next day" of a narrative is not today.
      {"وفي اليوم التالي انسحبت القوات.", "2022-09-15", ""},
      // Yesterday on the first of a month is news, not background.
      {"وقع الهجوم أمس.", "2023-08-01", "أمس=2023-07-31 day published"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, Weekdays) {
  // 2023-08-16 was a Wednesday.
  const Row rows[] = {
      {"زار المسؤول المنطقة يوم الأربعاء.", "2023-08-16", "يوم الأربعاء=2023-08-16 day published"},
      {"وقعت الاشتباكات الثلاثاء الماضي.", "2023-08-16",
       "الثلاثاء الماضي=2023-08-15 day published"},
      {"واندلعت، ليل الثلاثاء، اشتباكات مسلحة.", "2023-08-16",
       "ليل الثلاثاء=2023-08-15 day published"},
      {"وحسب بيان الوزارة، الاثنين، قصفت القوات القرية.", "2023-08-16",
       "الاثنين=2023-08-14 day published"},
      {"قال الأربعاء الماضي إن الوضع هادئ.", "2023-08-16",
       "الأربعاء الماضي=2023-08-09 day published"},
      {"وأعلن رئيس الوزراء أمس الأربعاء أن الخسائر بلغت 105 قتلى.", "2022-09-15",
       "أمس الأربعاء=2022-09-14 day published"},
      // الاثنين is also "the two": not a day without a cue.
      {"جرت المحادثات بين الاثنين في موسكو.", "2023-08-16", ""},
      // A future verb takes the next such day.
      {"سيزور الوزير موسكو يوم الجمعة.", "2023-08-16", "يوم الجمعة=2023-08-18 day published"},
      {"تعقد القمة الأحد المقبل.", "2023-08-16", "الأحد المقبل=2023-08-20 day published"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, UnknownPublicationDateKeepsRelativeValues) {
  const Row rows[] = {
      {"وردت أنباء عن إطلاق نار أمس.", "", "أمس=P-1D day -"},
      {"قال الوزير اليوم إن الوضع هادئ.", "", "اليوم=P0D day -"},
      {"يصل الوفد غدا.", "", "غدا=P1D day -"},
      {"زار المسؤول المنطقة يوم الأربعاء.", "", "يوم الأربعاء=XXXX-WXX-3 day -"},
      {"وصل الوفد في 16 أغسطس.", "", "16 أغسطس=XXXX-08-16 day -"},
      {"خلال العام الماضي بدأت المباحثات.", "", "العام الماضي=P-1Y year -"},
      // Absolute dates need no publication date; nothing is historical without one.
      {"بدأت الحرب في 27 سبتمبر 2020.", "", "27 سبتمبر 2020=2020-09-27 day absolute"},
      {"وصل الوفد في 16 أغسطس 2023.", "not a date", "16 أغسطس 2023=2023-08-16 day absolute"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, AmbiguousWordsAreNotDates) {
  const Row rows[] = {
      {"مارس الرئيس ضغوطا كبيرة على الحكومة.", "2023-08-16", ""},
      {"تحدث الأب عن ابنه.", "2023-08-16", ""},
      {"في آب 2023 تصاعد التوتر.", "2023-09-16", "آب 2023=2023-08 month absolute historical"},
      {"قتل 71 جنديا وأصيب 10 آخرون في 2023 هجوما.", "2024-01-01",
       "2023=2023 year absolute historical"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, Durations) {
  const Row rows[] = {
      {"استمرت المعارك 44 يوما.", "2023-08-16", "44 يوما=P44D duration duration"},
      {"اعتقل منذ أكثر من عام.", "2023-08-16", "أكثر من عام=P1Y duration duration"},
      {"بقي الوفد نحو شهر في جنيف.", "2023-08-16", "نحو شهر=P1M duration duration"},
      {"استمرت المفاوضات قرابة أسبوعين.", "2023-08-16", "قرابة أسبوعين=P2W duration duration"},
      {"استمر القصف 5 ساعات.", "2023-08-16", "5 ساعات=PT5H duration duration"},
      {"مددت الهدنة يومين.", "2023-08-16", "يومين=P2D duration duration"},
      // قبل + an amount: that long before publication, at the unit's grain.
      {"وقعت الاشتباكات قبل عامين.", "", "قبل عامين=P-2Y year -"},
      {"بدأت الحرب قبل ثلاث سنوات.", "2025-02-18", "قبل ثلاث سنوات=2022 year published historical"},
      {"وقع الهجوم قبل خمسة أيام.", "2025-02-18", "قبل خمسة أيام=2025-02-13 day published"},
      {"زار الوزير دمشق قبل شهرين.", "2025-02-18", "قبل شهرين=2024-12 month published historical"},
      {"استمر القصف قبل ساعتين.", "2025-02-18", "ساعتين=PT2H duration duration"},
      {"حكم عليه بالسجن ثلاث سنوات.", "2023-08-16", "ثلاث سنوات=P3Y duration duration"},
      {"انسحبت القوات بعد 6 أشهر من القتال.", "2023-08-16", "6 أشهر=P6M duration duration"},
      {"تعطلت الرحلات نحو 3 أسابيع.", "2023-08-16", "نحو 3 أسابيع=P3W duration duration"},
      // A unit word alone, or before a year, is no duration.
      {"وقعت الحوادث عام 2020.", "2023-08-16", "عام 2020=2020 year absolute historical"},
      {"ارتفع الربح 32 لعام 2015.", "2016-01-10", "لعام 2015=2015 year absolute historical"},
      {"لم يتغير منذ أكثر من عام 2020.", "2023-08-16", "عام 2020=2020 year absolute historical"},
      {"زار المسؤول المنطقة يوم الأربعاء.", "2023-08-16", "يوم الأربعاء=2023-08-16 day published"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, RangesFromPublication) {
  // 2023-08-16 was a Wednesday.
  const Row rows[] = {
      {"ستعقد جولة جديدة خلال الأيام القليلة المقبلة.", "2023-08-16",
       "الأيام القليلة المقبلة=2023-08-16/2023-08-23 range published"},
      {"تصاعد القصف في الأيام الأخيرة.", "2023-08-16",
       "الأيام الأخيرة=2023-08-09/2023-08-16 range published"},
      {"تراجعت الأسعار خلال الأشهر القليلة الماضية.", "2023-08-16",
       "الأشهر القليلة الماضية=2023-05-16/2023-08-16 range published"},
      {"قتل العشرات خلال الأسابيع الماضية.", "2023-08-16",
       "الأسابيع الماضية=2023-07-26/2023-08-16 range published"},
      {"التقى الوزيران الأسبوع الماضي.", "2023-08-16",
       "الأسبوع الماضي=2023-08-07/2023-08-13 range published"},
      {"يلتقي الوزيران الأسبوع المقبل.", "2023-08-16",
       "الأسبوع المقبل=2023-08-21/2023-08-27 range published"},
      {"ارتفعت الأسعار الشهر الماضي.", "2023-08-16",
       "الشهر الماضي=2023-07 month published historical"},
      // A month away on the 31st ends on the last day of the shorter month.
      {"ينتظر القرار خلال الأشهر المقبلة.", "2023-11-30",
       "الأشهر المقبلة=2023-11-30/2024-02-29 range published"},
      // Without a publication date the value stays relative.
      {"ستعقد جولة جديدة خلال الأيام القليلة المقبلة.", "",
       "الأيام القليلة المقبلة=P0D/P7D range -"},
      {"تراجعت الأسعار خلال الأشهر القليلة الماضية.", "",
       "الأشهر القليلة الماضية=P-3M/P0D range -"},
      {"التقى الوزيران الأسبوع الماضي.", "", "الأسبوع الماضي=P-1W range -"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, DayRanges) {
  // 2023-08-16 was a Wednesday. A range of days is one Timex.
  const Row rows[] = {
      {"استمر القصف من وقت متأخر من الاثنين إلى صباح الثلاثاء.", "2023-08-16",
       "من الاثنين إلى صباح الثلاثاء=2023-08-14/2023-08-15 range published"},
      {"جرت الانتخابات بين الاثنين والثلاثاء.", "2023-08-16",
       "بين الاثنين والثلاثاء=2023-08-14/2023-08-15 range published"},
      {"أغلقت المعابر من الأحد حتى الاثنين.", "2023-08-16",
       "من الأحد حتى الاثنين=2023-08-13/2023-08-14 range published"},
      // The second end is the first such day after the first, across a week's end.
      {"أغلقت المعابر من السبت إلى الاثنين.", "2023-08-16",
       "من السبت إلى الاثنين=2023-08-12/2023-08-14 range published"},
      {"استمرت الاشتباكات من مساء أمس إلى صباح اليوم.", "2023-08-16",
       "من مساء أمس إلى صباح اليوم=2023-08-15/2023-08-16 range published"},
      {"استمر القصف من الاثنين إلى الثلاثاء.", "",
       "من الاثنين إلى الثلاثاء=XXXX-WXX-1/XXXX-WXX-2 range -"},
      // بين الاثنين alone is "between the two".
      {"جرت المحادثات بين الاثنين في موسكو.", "2023-08-16", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, HijriDates) {
  // Umm al-Qura: 3 Ramadan 1445 = 13 March 2024, 15 Rabi' al-Awwal 1445 = 30 September 2023.
  const Row rows[] = {
      {"استقبل ولي العهد مساء أمس الأربعاء 3 رمضان 1445هـ الوفد.", "2024-03-14",
       "مساء أمس الأربعاء 3 رمضان 1445هـ=2024-03-13 day absolute"},
      {"وقعا مذكرة تفاهم في 15 ربيع الأول 1445 هـ في الرياض.", "2024-03-14",
       "15 ربيع الأول 1445 هـ=2023-09-30 day absolute historical"},
      // Without a year: the latest such day on or before publication, or the next one.
      {"عقد الاجتماع يوم 20 شعبان الماضي.", "2024-03-14",
       "يوم 20 شعبان الماضي=2024-03-01 day published"},
      {"ومن المقرر أن تجتمع اللجنة في 10 شوال.", "2024-03-14", "10 شوال=2024-04-19 day published"},
      // A Hijri month without its day, and a Hijri year, are not Gregorian dates.
      {"اختتمت الحملة الخاصة بشهر رمضان لعام 1436هـ.", "2015-07-22", ""},
      // 30 of a 29-day month does not exist (Ramadan 1436 had 29 days).
      {"أعلن ذلك في 30 رمضان 1436هـ.", "2015-07-22", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, YearsWithEraLetterAndEdges) {
  const Row rows[] = {
      {"بلغت السعة في العام 2013م نحو 1321 جيجا.", "2015-07-22",
       "العام 2013م=2013 year absolute historical"},
      {"كشف تقرير الأداء بنهاية العام 2014م ارتفاعها.", "2015-07-22",
       "بنهاية العام 2014م=2014 year absolute historical"},
      {"زادت السعة في العام الماضي 2014 م إلى الضعف.", "2015-07-22",
       "العام الماضي 2014 م=2014 year absolute historical"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, DirectionAfterADayAndMonth) {
  const Row rows[] = {
      // الماضي belongs to the date, and anchors it on publication even after a written year
      // in the same sentence.
      {"يبدأ الدوام يوم 17/04/2024، وصرفت الرواتب في 27 فبراير الماضي.", "2024-03-14",
       "يوم 17/04/2024=2024-04-17 day absolute | "
       "27 فبراير الماضي=2024-02-27 day published historical"},
      {"عقد اجتماع في 28 أيلول (سبتمبر) الماضي.", "2023-10-09",
       "28 أيلول (سبتمبر) الماضي=2023-09-28 day published historical"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, StoryDayIsNotPublicationDay) {
  const Row rows[] = {
      {"احتفلت البلاد بالعيد، وأعلنت الرئيسة ذلك اليوم عيدا وطنيا.", "2015-07-22", ""},
      {"نظمت المدارس فعاليات اليوم الوطني.", "2015-07-22", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, ClockTimesInWords) {
  // 2024-08-16 was a Friday.
  const Row rows[] = {
      {"وقع الانفجار الساعة العاشرة من مساء أمس.", "2024-08-16",
       "الساعة العاشرة من مساء أمس=2024-08-15T22:00 minute published"},
      {"تبدأ الجلسة الساعة الثامنة والنصف صباح اليوم.", "2024-08-16",
       "الساعة الثامنة والنصف صباح اليوم=2024-08-16T08:30 minute published"},
      // A lone clock time takes the day of its sentence, its part of the day moves it.
      {"وصل الوفد أمس وبدأ الاجتماع الساعة الثامنة مساء بالتوقيت المحلي.", "2024-08-16",
       "أمس=2024-08-15 day published | "
       "الساعة الثامنة مساء بالتوقيت المحلي=2024-08-15T20:00 minute published"},
      {"أغلقت المراكز يوم الخميس الساعة الحادية عشرة ليلا.", "2024-08-16",
       "يوم الخميس=2024-08-15 day published | "
       "الساعة الحادية عشرة ليلا=2024-08-15T23:00 minute published"},
      {"وعاد الهدوء الساعة الواحدة ليلا أمس.", "2024-08-16",
       "الساعة الواحدة ليلا أمس=2024-08-15T01:00 minute published"},
      {"أعلن الاتفاق مساء أمس، على أن يبدأ من الساعة الثامنة.", "2024-08-16",
       "مساء أمس=2024-08-15 day published | الساعة الثامنة=2024-08-15T20:00 minute published"},
      {"يفتح الباب الساعة الثامنة إلا ربعا صباحا يوم الأحد المقبل.", "2024-08-16",
       "الساعة الثامنة إلا ربعا صباحا يوم الأحد المقبل=2024-08-18T07:45 minute published"},
      {"تراجع السعر أمس. وبلغ 54 دولارا بحلول الساعة 0947 بتوقيت غرينتش.", "2024-08-16",
       "أمس=2024-08-15 day published | "
       "الساعة 0947 بتوقيت غرينتش=2024-08-15T09:47 minute published"},
      // The last day before it is background: the time alone.
      {"بدأت الحرب في 7 أكتوبر 2023. وقصفت القوات المدينة الساعة الثامنة مساء.", "2024-08-16",
       "7 أكتوبر 2023=2023-10-07 day absolute historical | "
       "الساعة الثامنة مساء=XXXX-XX-XXT20:00 minute -"},
      // No day anywhere before it: the time alone.
      {"بدأ القصف الساعة الـ10 صباحا أمس.", "2024-08-16",
       "الساعة الـ10 صباحا أمس=2024-08-15T10:00 minute published"},
      {"وصل الوفد أمس الساعة الواحدة بعد الظهر.", "2024-08-16",
       "أمس=2024-08-15 day published | "
       "الساعة الواحدة بعد الظهر=2024-08-15T13:00 minute published"},
      {"تبدأ الصلاة الساعة الثانية عشرة ظهرا.", "2024-08-16",
       "الساعة الثانية عشرة ظهرا=XXXX-XX-XXT12:00 minute -"},
      {"الساعة الثالثة عصرا موعد الافتتاح.", "", "الساعة الثالثة عصرا=XXXX-XX-XXT15:00 minute -"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, MonthAndYearEdges) {
  const Row rows[] = {
      {"تصرف الرواتب منتصف الشهر.", "2024-08-16", "منتصف الشهر=2024-08 month published"},
      {"وصل الوفد مطلع الشهر.", "2024-08-16", "مطلع الشهر=2024-08 month published"},
      {"تنتهي المهلة أواخر الشهر المقبل.", "2024-08-16",
       "أواخر الشهر المقبل=2024-09 month published"},
      {"بدأت الحملة مطلع الشهر الماضي.", "2024-08-16",
       "مطلع الشهر الماضي=2024-07 month published historical"},
      {"ستنتهي الأعمال قبل نهاية العام.", "2024-08-16", "نهاية العام=2024 year published"},
      {"تصرف الرواتب منتصف الشهر.", "", "منتصف الشهر=P0M month -"},
      {"وقع الاتفاق منتصف مارس 2023.", "2024-08-16",
       "منتصف مارس 2023=2023-03 month absolute historical"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, RangesOfDates) {
  const Row rows[] = {
      {"تجرى الانتخابات من 10 إلى 12 أغسطس 2024.", "2024-07-01",
       "من 10 إلى 12 أغسطس 2024=2024-08-10/2024-08-12 range absolute"},
      {"جرت المناورات بين 10 و12 أغسطس.", "2024-08-16",
       "بين 10 و12 أغسطس=2024-08-10/2024-08-12 range published"},
      {"يقام المعرض 10-12 أغسطس 2024 في الرياض.", "2024-07-01",
       "10-12 أغسطس 2024=2024-08-10/2024-08-12 range absolute"},
      {"ارتفعت الأسعار من يناير إلى مارس.", "2024-08-16",
       "من يناير إلى مارس=2024-01/2024-03 range published historical"},
      {"امتد البرد من ديسمبر حتى فبراير 2024.", "2024-08-16",
       "من ديسمبر حتى فبراير 2024=2023-12/2024-02 range absolute historical"},
      {"استمرت الهدنة من 28 يوليو إلى 2 أغسطس الماضي.", "2024-08-16",
       "من 28 يوليو إلى 2 أغسطس الماضي=2024-07-28/2024-08-02 range published"},
      {"ستعقد الجولة بين 3 و5 سبتمبر.", "2024-08-16",
       "بين 3 و5 سبتمبر=2024-09-03/2024-09-05 range published"},
      {"تجرى الانتخابات من 10 إلى 12 أغسطس.", "",
       "من 10 إلى 12 أغسطس=XXXX-08-10/XXXX-08-12 range -"},
      // Not ranges of dates: an amount, two dates joined by "and", a clock time.
      {"حكم عليهم بالسجن من 10 إلى 12 عاما.", "2024-08-16", "12 عاما=P12Y duration duration"},
      {"وقعت هجمات في 6 و10 مارس.", "2024-08-16", "10 مارس=2024-03-10 day published historical"},
      {"تعقد المحاضرات من 7 إلى 9 مساء.", "2024-08-16", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, RangesOfYears) {
  const Row rows[] = {
      {"حكم البلاد من عام 2011 إلى 2015.", "2024-08-16",
       "من عام 2011 إلى 2015=2011/2015 range absolute historical"},
      {"ارتفع الإنتاج بين عامي 2020 و2022.", "2024-08-16",
       "بين عامي 2020 و2022=2020/2022 range absolute historical"},
      {"شغل المنصب في الفترة 2011-2015.", "2024-08-16",
       "2011-2015=2011/2015 range absolute historical"},
      {"استمرت الحرب من 1980 حتى 1988م.", "2024-08-16",
       "من 1980 حتى 1988م=1980/1988 range absolute historical"},
      {"تمتد الخطة من 2024 إلى 2030م.", "2024-08-16", "من 2024 إلى 2030م=2024/2030 range absolute"},
      // An amount between two four-digit numbers is no range of years.
      {"ارتفع السعر من 1950 إلى 2010 دولارا.", "2024-08-16", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, Seasons) {
  const Row rows[] = {
      {"اشتدت المعارك صيف 2024.", "2024-10-01",
       "صيف 2024=2024-06/2024-08 range absolute historical"},
      {"تضررت المحاصيل الشتاء الماضي.", "2024-08-16",
       "الشتاء الماضي=2023-12/2024-02 range published historical"},
      {"تعقد الانتخابات الربيع المقبل.", "2024-08-16",
       "الربيع المقبل=2025-03/2025-05 range published"},
      {"تراجع الإنتاج خريف العام الماضي.", "2024-08-16",
       "خريف العام الماضي=2023-09/2023-11 range published historical"},
      {"خاض البلدان حربا في خريف 2020.", "2025-03-13",
       "خريف 2020=2020-09/2020-11 range absolute historical"},
      {"يشتد الحر هذا الصيف.", "2024-08-16", "هذا الصيف=2024-06/2024-08 range published"},
      {"تجرى الانتخابات هذا الربيع.", "2024-01-10", "هذا الربيع=2024-03/2024-05 range published"},
      // The summer under way is not "last summer".
      {"ارتفعت الحرارة الصيف الماضي.", "2024-08-16",
       "الصيف الماضي=2023-06/2023-08 range published historical"},
      {"ارتفعت الحرارة الصيف الماضي.", "", "الصيف الماضي= range -"},
      // A name, not a date; a Hijri month, not spring.
      {"تحدث عن الربيع العربي.", "2024-08-16", ""},
      {"اجتمعت اللجنة في 15 ربيع الأول 1446 هـ.", "2024-10-01",
       "15 ربيع الأول 1446 هـ=2024-09-18 day absolute historical"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, FutureWeekdays) {
  // 2024-08-16 was a Friday.
  const Row rows[] = {
      {"سيزور الوزير موسكو الخميس.", "2024-08-16", "الخميس=2024-08-22 day published"},
      {"ومن المقرر أن يلتقي الوزير نظيره الاثنين.", "2024-08-16",
       "الاثنين=2024-08-19 day published"},
      {"يعتزم الوزير زيارة موسكو الأحد.", "2024-08-16", "الأحد=2024-08-18 day published"},
      {"ومن المتوقع أن يصل الوفد السبت.", "2024-08-16", "السبت=2024-08-17 day published"},
      {"وفي يوم الخميس، سيلتقي الوزير نظيره.", "2024-08-16", "يوم الخميس=2024-08-22 day published"},
      // A future verb further on is the saying's object, not the day's.
      {"قال الوزير الخميس إنه سيزور موسكو.", "2024-08-16", "الخميس=2024-08-15 day published"},
      // "Unexpected" is no future.
      {"أثار الهبوط غير المتوقع يوم الأربعاء قلقا.", "2024-08-16",
       "يوم الأربعاء=2024-08-14 day published"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

// Every data file this stage reads loads in full (STYLE.md 6).
// Rules that the gold sets brought in: ordinal days, the wire services' doubled month, the
// dateline as publication date, a future month in the current month, year edges, spaced
// numeric and Hijri dates, futures contracts, and nouns that start like a future verb.
TEST_F(TimeTest, RulesFromTheGold) {
  const Row rows[] = {
      {"اندلعت المواجهات في الثامن من تشرين الأول/أكتوبر 2023.", "2024-11-27",
       "الثامن من تشرين الأول/أكتوبر 2023=2023-10-08 day absolute historical"},
      {"قتل كثيرون منذ السابع من أكتوبر الماضي.", "2024-08-28",
       "السابع من أكتوبر الماضي=2023-10-07 day published historical"},
      {"ارتفع العدد من أول يناير حتى اليوم.", "2015-07-23",
       "أول يناير=2015-01-01 day published historical | اليوم=2015-07-23 day published"},
      {"وخسر الخام 13 بالمئة في يوليو تموز.", "2015-07-24", "يوليو تموز=2015-07 month published"},
      {"ستبدأ الهجرة مع نهاية يوليو.", "2015-07-27", "نهاية يوليو=2015-07 month published"},
      {"ستبدأ العمليات في نهاية 2015 أو بداية 2016.", "2015-07-22",
       "نهاية 2015=2015 year absolute | بداية 2016=2016 year absolute"},
      {"اليوم الثلاثاء 21 تشرين الثاني/نوفمبر 2023 بحث الوزيران ما جرى في أيلول/سبتمبر الماضي.", "",
       "اليوم الثلاثاء 21 تشرين الثاني/نوفمبر 2023=2023-11-21 day absolute | "
       "أيلول/سبتمبر الماضي=2023-09 month published historical"},
      {"وفي سياق متصل، تراجع النفط في حزيران (يونيو).", "2015-07-25",
       "حزيران (يونيو)=2015-06 month published historical"},
      {"وخسر الخام 74 سنتا منذ 31 مارس.", "2015-07-24",
       "31 مارس=2015-03-31 day published historical"},
      {"وأكد استمرار المحادثات يوم الأحد.", "2024-08-19", "يوم الأحد=2024-08-18 day published"},
      {"تصرف الأرباح يوم الخميس 5 / 11 / 1436 هـ الموافق 20 / 8 / 2015م.", "2015-07-26",
       "يوم الخميس 5 / 11 / 1436 هـ=2015-08-20 day absolute | "
       "20 / 8 / 2015م=2015-08-20 day absolute"},
      {"وارتفع عقد النفط تسليم أغسطس.", "2015-07-25", "أغسطس=2015-08 month published"},
      {"وزعت الوزارة موسوعة خطب الجمعة على المساجد.", "2015-07-25", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text, r.published), r.expected) << r.text;
}

TEST_F(TimeTest, DataFilesLoad) {
  for (const char* f : {"lexicon/months.tsv", "lexicon/time_words.tsv"}) {
    auto content = ReadDataFile(f);
    ASSERT_TRUE(content.ok()) << f;
    EXPECT_TRUE(content->starts_with("# ")) << f;
    EXPECT_NE(content->find("# Format:"), std::string::npos) << f;
    EXPECT_NE(content->find("# Source:"), std::string::npos) << f;
    EXPECT_GT(ParseTsv(*content).size(), 10u) << f;
  }
}

// A malformed row fails Load with the file and line (read through RASD_DATA_DIR).
TEST_F(TimeTest, BadRowNamesFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("rasd_time_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "lexicon");
  fs::copy_file(std::string(RASD_SOURCE_DIR) + "/data/lexicon/time_words.tsv",
                dir / "lexicon/time_words.tsv", fs::copy_options::overwrite_existing);
  std::ofstream(dir / "lexicon/months.tsv") << "# Format: x\nيناير\t1\tlatin\nفبراير\t13\n";
  ::setenv("RASD_DATA_DIR", dir.c_str(), 1);
  Result<Tagger> tagger = Tagger::Load(*analyzer_);
  ::unsetenv("RASD_DATA_DIR");
  ASSERT_FALSE(tagger.ok());
  EXPECT_NE(tagger.status().message().find("months.tsv:3:"), std::string::npos)
      << tagger.status().message();
  fs::remove_all(dir);
}

TEST_F(TimeTest, SeedArticleDates) {
  std::string path = std::string(RASD_SOURCE_DIR) + "/../shared/seeds/003_d864a0b9b98c93fc.txt";
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) GTEST_SKIP() << "seed articles not found at " << path;
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) text.append(buf, n);
  std::fclose(f);
  text::Analysis a = analyzer_->Analyze(text);
  std::vector<std::string> values;
  for (const Timex& t : tagger_->Tag(text, a, "2022-09-15")) values.push_back(t.value);
  // اليوم الخميس, مساء أمس, أمس الأربعاء, ليل الثلاثاء, نهاية أيلول/سبتمبر 2020, 10 تشرين
  // الثاني/نوفمبر 2020, عام 2020.
  for (const char* v :
       {"2022-09-15", "2022-09-14", "2022-09-13", "2020-09", "2020-11-10", "2020"}) {
    EXPECT_NE(std::find(values.begin(), values.end(), v), values.end()) << v;
  }
}

}  // namespace
}  // namespace rasd::time
