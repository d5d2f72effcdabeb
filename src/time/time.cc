#include "time/time.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "core/hash.h"
#include "core/string_table.h"

namespace rasd::time {
namespace {

namespace chr = std::chrono;

// What a lexicon phrase is; see the header of data/lexicon/time_words.tsv.
enum class Kind : uint8_t {
  kMonth,
  kDay,
  kWeekday,
  kPart,
  kDayWord,
  kDirection,
  kRelYear,
  kRelMonth,
  kYearWord,
  kYearPrep,
  kMonthWord,
  kMonthEdge,
  kOf,
  kFuture,
  kAd,
  kHijri,
  kAfter,
  kClock,
  kNotFuture,
  kNotDate,
  kOrdinal,
  kDelivery,
  kUnit,
  kUnit2,
  kApprox,
  kRelSpan,
  kRelWeek,
  kRangeTo,
  kRangeFrom,
  kHour,
  kMinutes,
  kClockPart,
  kZone,
  kEdgeNow,
  kSeason,
  kThis,
};

constexpr uint64_t Bit(Kind k) { return uint64_t{1} << static_cast<uint32_t>(k); }

struct KindName {
  const char* name;
  Kind kind;
};
constexpr KindName kKindNames[] = {
    {"day", Kind::kDay},
    {"weekday", Kind::kWeekday},
    {"part", Kind::kPart},
    {"day_word", Kind::kDayWord},
    {"direction", Kind::kDirection},
    {"rel_year", Kind::kRelYear},
    {"rel_month", Kind::kRelMonth},
    {"year_word", Kind::kYearWord},
    {"year_prep", Kind::kYearPrep},
    {"month_word", Kind::kMonthWord},
    {"month_edge", Kind::kMonthEdge},
    {"of", Kind::kOf},
    {"future", Kind::kFuture},
    {"ad", Kind::kAd},
    {"hijri", Kind::kHijri},
    {"after", Kind::kAfter},
    {"clock", Kind::kClock},
    {"not_future", Kind::kNotFuture},
    {"not_date", Kind::kNotDate},
    {"ordinal", Kind::kOrdinal},
    {"delivery", Kind::kDelivery},
    {"unit", Kind::kUnit},
    {"unit2", Kind::kUnit2},
    {"approx", Kind::kApprox},
    {"rel_span", Kind::kRelSpan},
    {"rel_week", Kind::kRelWeek},
    {"range_to", Kind::kRangeTo},
    {"range_from", Kind::kRangeFrom},
    {"hour", Kind::kHour},
    {"minutes", Kind::kMinutes},
    {"clock_part", Kind::kClockPart},
    {"zone", Kind::kZone},
    {"edge_now", Kind::kEdgeNow},
    {"season", Kind::kSeason},
    {"this", Kind::kThis},
};

// One word of a phrase as the analyzer sees it.
struct Word {
  std::string key;
  std::string stem;
  std::string proclitics;
};

struct Phrase {
  std::vector<Word> words;
  Kind kind = Kind::kDay;
  int value = 0;           // month number, day offset, ISO weekday, direction, ...
  char unit = 0;           // unit, unit2, rel_span: the ISO 8601 designator (D W M Y H)
  bool ambiguous = false;  // needs context (months.tsv/time_words.tsv flags)
  bool hijri = false;      // a month of the Hijri calendar (months.tsv family "hijri")
};

// A phrase found in the token stream: tokens [begin, end).
struct Hit {
  const Phrase* phrase = nullptr;
  size_t begin = 0;
  size_t end = 0;
};

// The phrases that may start at one token: the lexicon is looked up once per token and
// Tag call (by key and by stem), so each kind tried later is a bit test, not a hash lookup.
struct PhraseList {
  std::vector<size_t> phrases;  // indices into Impl::phrases
  uint64_t kinds = 0;           // union of their kinds
};

struct Candidates {
  const PhraseList* by_key = nullptr;
  const PhraseList* by_stem = nullptr;
  uint64_t kinds = 0;  // union of the kinds of both lists
};

// The tokens of one Tag call with their lexicon candidates; borrows the analysis' tokens.
struct Tokens {
  const std::vector<Token>* tokens = nullptr;
  std::vector<Candidates> candidates;  // parallel to *tokens
  const Token& operator[](size_t i) const { return (*tokens)[i]; }
  size_t size() const { return tokens->size(); }
};

// Arabic letters are named by code point so that diffs stay readable (STYLE.md 6).
constexpr std::string_view kDefiniteArticle = "\u0627\u0644";    // ال
constexpr std::string_view kMeem = "\u0645";                     // م, era letter after a year
constexpr std::string_view kSeen = "\u0633";                     // س, the future proclitic
constexpr std::string_view kWaw = "\u0648";                      // و, "and" joining a range's ends
constexpr std::string_view kAlifSeenTeh = "\u0627\u0633\u062A";  // است, verbal nouns of form X
constexpr std::string_view kImperfectivePrefixes[] = {"\u064A", "\u062A", "\u0646",
                                                      "\u0627"};   // ي ت ن ا
constexpr std::string_view kEvening = "\u0645\u0633\u0627\u0621";  // مساء
constexpr std::string_view kNight = "\u0644\u064A\u0644";          // ليل
constexpr std::string_view kAgo = "\u0642\u0628\u0644";            // قبل, "ago" before an amount

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::string Format(int y, int m, int d) {
  char buf[32];
  if (d > 0) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  } else if (m > 0) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof(buf), "%04d", y);
  }
  return buf;
}

bool ValidDate(int y, int m, int d) {
  return chr::year_month_day(chr::year(y), chr::month(static_cast<unsigned>(m)),
                             chr::day(static_cast<unsigned>(d)))
      .ok();
}

std::optional<chr::year_month_day> ParseIsoDate(std::string_view s) {
  if (s.size() < 10 || !AllDigits(s.substr(0, 4)) || s[4] != '-' || !AllDigits(s.substr(5, 2)) ||
      s[7] != '-' || !AllDigits(s.substr(8, 2))) {
    return std::nullopt;
  }
  chr::year_month_day ymd(chr::year(ToInt(s.substr(0, 4))),
                          chr::month(static_cast<unsigned>(ToInt(s.substr(5, 2)))),
                          chr::day(static_cast<unsigned>(ToInt(s.substr(8, 2)))));
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

// A date being assembled: fields that are 0 are not stated.
struct Parsed {
  size_t begin = 0;  // token range
  size_t end = 0;
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = -1;
  int minute = -1;
  // Relative forms (anchored on publication).
  bool relative_day = false;
  int day_offset = 0;
  int weekday = 0;    // ISO 1..7 when a weekday is the whole reference
  int direction = 2;  // -1 strictly before, +1 strictly after, 0 current, 2 unstated
  bool relative_year = false;
  int year_offset = 0;
  bool relative_month = false;
  int month_offset = 0;
  bool edge = false;   // نهاية/مطلع: the value is the month, not a day
  bool hijri = false;  // day, month and year (when stated) are Hijri
  std::string part;    // part of the day ("evening"), for clock times
  bool today = false;  // اليوم with the full date written beside it: the publication date
  // An amount of time (44 يوما): the ISO 8601 duration, and its amount and unit letter (Y, M,
  // W, D, H); the fields above are unused.
  std::string duration;
  int duration_amount = 0;
  char duration_unit = 0;
  // A stretch at publication (الأيام القليلة المقبلة): `span_amount` units `span_unit` after
  // publication when positive, before it when negative.
  bool relative_span = false;
  int span_amount = 0;
  char span_unit = 0;
  bool relative_week = false;
  int week_offset = 0;
  // A season (صيف 2024, الشتاء الماضي): its first month (3, 6, 9 or 12); 0 for none.
  int season = 0;
  // A clock time with no day in its phrase (الساعة الثامنة مساء): the day comes from the
  // sentence once it is tagged.
  bool clock_only = false;
  // The first hour of a 12-hour clock that a part written after the time (مساء, ظهرا) moves
  // to the afternoon; 13 moves none.
  int pm_from = 13;
};

// The publication date, when known.
struct Pub {
  std::optional<chr::year_month_day> date;
  int y() const { return static_cast<int>(date->year()); }
  int m() const { return static_cast<int>(static_cast<unsigned>(date->month())); }
  int d() const { return static_cast<int>(static_cast<unsigned>(date->day())); }
};

// An amount that text::NumberReader reads as a whole number (44, عشرة, نحو 3): its first and
// end tokens and value. Tag keeps them sorted by `begin`; only those before a duration unit.
struct Amount {
  size_t begin = 0;
  size_t end = 0;
  int64_t value = 0;
};

// The amount that starts at token i, if any.
const Amount* AmountAt(const std::vector<Amount>& amounts, size_t i) {
  auto it = std::lower_bound(amounts.begin(), amounts.end(), i,
                             [](const Amount& a, size_t k) { return a.begin < k; });
  return it != amounts.end() && it->begin == i ? &*it : nullptr;
}

}  // namespace

struct Tagger::Impl {
  const text::Analyzer* analyzer = nullptr;
  text::NumberReader numbers;
  std::vector<Phrase> phrases;
  // First word key -> phrases; first word stem -> phrases (for clitic-bearing tokens).
  StringTable<PhraseList> by_key;
  StringTable<PhraseList> by_stem;

  // The candidates of every token of `tokens`.
  Tokens Index(const text::Analysis& analysis) const;

  Status AddPhrase(std::string_view file, int line, std::string_view text, Kind kind, int value,
                   bool ambiguous, bool hijri = false, char unit = 0);
  bool WordMatches(const Token& t, const Word& w, bool first, bool ambiguous) const;
  // The longest phrase of one of `kinds` starting at token i (and ending before `limit`).
  std::optional<Hit> Longest(const Tokens& tokens, size_t i, size_t limit, uint64_t kinds) const {
    // Most tokens start no phrase of the kinds asked for: answered here, without a call.
    if (i >= limit || (tokens.candidates[i].kinds & kinds) == 0) return std::nullopt;
    return LongestAt(tokens, i, limit, kinds);
  }
  std::optional<Hit> LongestAt(const Tokens& tokens, size_t i, size_t limit, uint64_t kinds) const;

  std::optional<Parsed> ParseAt(const Tokens& tokens, size_t i, size_t limit) const;
  std::optional<Parsed> ParseDuration(const Tokens& tokens, size_t i, size_t limit,
                                      const std::vector<Amount>& amounts) const;
  // A weekday or day at k after a range word (إلى صباح الثلاثاء, والثلاثاء): the other end
  // of a range, which makes an ambiguous weekday before it a day.
  bool RangeEndAfter(const Tokens& tokens, size_t k, size_t limit) const;
  std::optional<Parsed> ParseCore(const Tokens& tokens, size_t i, size_t limit, bool has_cue) const;
  void ParseYearPart(const Tokens& tokens, size_t limit, Parsed& p) const;
  std::optional<Parsed> ParseNumericDate(const Tokens& tokens, size_t i, size_t limit) const;
  // A future reading for an expression at [i, end): a future word or verb earlier in its
  // sentence, or a future verb right after it (يوم الخميس، سيلتقي).
  bool FutureAround(const Tokens& tokens, size_t sentence_begin, size_t i, size_t end,
                    size_t limit) const;
  // A verb in the future tense at k (سيزور, ستعقد), or a word of the future list.
  bool FutureAt(const Tokens& tokens, size_t k, size_t limit) const;
  // A range at i, [من|بين] FIRST (إلى|حتى|و|-) SECOND: of dates, of days or of years.
  struct Range {
    Parsed first;
    Parsed second;
    size_t begin = 0;
    size_t end = 0;
  };
  std::optional<Range> ParseRange(const Tokens& tokens, size_t i, size_t limit) const;
  // The years of a range whose first end starts at j (after من or بين when `from`).
  std::optional<Range> ParseYearRange(const Tokens& tokens, size_t i, size_t j, bool from,
                                      bool between, size_t limit) const;
  Timex ResolveRange(const Range& range, const Tokens& tokens, size_t sentence_begin, size_t limit,
                     const Pub& pub, int context_year, int context_month) const;
  // The end of a month's second name at k, or k when there is none: أيلول/ سبتمبر,
  // تشرين الثاني/نوفمبر, أيلول (سبتمبر), and the wire services' يوليو تموز (same month, no
  // separator; a different month there is another date).
  size_t SecondMonth(const Tokens& tokens, size_t k, size_t limit, int month) const;
  // The token after an era letter (2014م, 2014 م) at j, or j when there is none.
  size_t AfterEra(const Tokens& tokens, size_t j, size_t limit) const {
    if (auto ad = Longest(tokens, j, limit, Bit(Kind::kAd))) return ad->end;
    return j;
  }
};

Tagger::Tagger() = default;
Tagger::~Tagger() = default;
Tagger::Tagger(Tagger&&) noexcept = default;
Tagger& Tagger::operator=(Tagger&&) noexcept = default;

Status Tagger::Impl::AddPhrase(std::string_view file, int line, std::string_view text, Kind kind,
                               int value, bool ambiguous, bool hijri, char unit) {
  Phrase p;
  p.kind = kind;
  p.value = value;
  p.unit = unit;
  p.ambiguous = ambiguous;
  p.hijri = hijri;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t sp = text.find(' ', pos);
    if (sp == std::string_view::npos) sp = text.size();
    std::string_view w = text.substr(pos, sp - pos);
    pos = sp + 1;
    if (w.empty()) continue;
    Token t = analyzer->AnalyzeWord(w);
    p.words.push_back({t.key, t.stem, t.proclitics});
  }
  if (p.words.empty() || p.words[0].key.empty()) {
    return Status::InvalidInput(std::string(file) + ":" + std::to_string(line) + ": empty phrase");
  }
  size_t index = phrases.size();
  PhraseList& keyed = by_key[p.words[0].key];
  keyed.phrases.push_back(index);
  keyed.kinds |= Bit(kind);
  PhraseList& stemmed = by_stem[p.words[0].stem];
  stemmed.phrases.push_back(index);
  stemmed.kinds |= Bit(kind);
  phrases.push_back(std::move(p));
  return Status::Ok();
}

// A token matches a word when the keys are equal, or (first word only) when the stems are
// equal and the token carries the word's proclitics plus only conjunctions and prepositions
// (والثلاثاء, وأمس, بسبتمبر). An extra definite article is refused: الآب is "the father", not
// August. Ambiguous names match on the key alone.
bool Tagger::Impl::WordMatches(const Token& t, const Word& w, bool first, bool ambiguous) const {
  if (t.key == w.key) return true;
  if (!first || ambiguous || t.stem != w.stem || !t.enclitic.empty()) return false;
  if (t.proclitics.size() < w.proclitics.size() ||
      t.proclitics.compare(t.proclitics.size() - w.proclitics.size(), w.proclitics.size(),
                           w.proclitics) != 0) {
    return false;
  }
  std::string_view extra(t.proclitics.data(), t.proclitics.size() - w.proclitics.size());
  return extra.find(kDefiniteArticle) == std::string_view::npos;
}

Tokens Tagger::Impl::Index(const text::Analysis& analysis) const {
  const std::vector<Token>& tokens = analysis.tokens;
  Tokens out;
  out.tokens = &tokens;
  out.candidates.resize(tokens.size());
  // The keys' table slots are asked for a few tokens ahead of their lookups, so that their
  // cache misses overlap.
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < std::min(kAhead, tokens.size()); ++i) {
    by_key.Prefetch(analysis.KeyHash(i));
    by_stem.Prefetch(analysis.StemHash(i));
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i + kAhead < tokens.size()) {
      by_key.Prefetch(analysis.KeyHash(i + kAhead));
      by_stem.Prefetch(analysis.StemHash(i + kAhead));
    }
    const Token& t = tokens[i];
    Candidates& c = out.candidates[i];
    if (const PhraseList* list = by_key.FindHashed(analysis.KeyHash(i), t.key); list != nullptr) {
      c.by_key = list;
      c.kinds |= list->kinds;
    }
    if (t.stem != t.key) {
      if (const PhraseList* list = by_stem.FindHashed(analysis.StemHash(i), t.stem);
          list != nullptr) {
        c.by_stem = list;
        c.kinds |= list->kinds;
      }
    }
  }
  return out;
}

std::optional<Hit> Tagger::Impl::LongestAt(const Tokens& tokens, size_t i, size_t limit,
                                           uint64_t kinds) const {
  const Candidates& c = tokens.candidates[i];
  std::optional<Hit> best;
  auto consider = [&](const PhraseList* list) {
    if (list == nullptr || (list->kinds & kinds) == 0) return;
    for (size_t index : list->phrases) {
      const Phrase& p = phrases[index];
      if ((kinds & Bit(p.kind)) == 0) continue;
      if (i + p.words.size() > limit) continue;
      if (best && p.words.size() <= best->end - best->begin) continue;
      bool ok = true;
      for (size_t w = 0; w < p.words.size() && ok; ++w) {
        ok = WordMatches(tokens[i + w], p.words[w], w == 0, p.ambiguous);
      }
      if (ok) best = Hit{&p, i, i + p.words.size()};
    }
  };
  consider(c.by_key);
  consider(c.by_stem);
  return best;
}

Result<Tagger> Tagger::Load(const text::Analyzer& analyzer) {
  Tagger tagger;
  tagger.impl_ = std::make_unique<Impl>();
  Impl& impl = *tagger.impl_;
  impl.analyzer = &analyzer;

  ASSIGN_OR_RETURN(std::string months, ReadDataFile("lexicon/months.tsv"));
  for (const TsvRow& row : ParseTsv(months, "name")) {
    if (row.fields.size() < 2 || !AllDigits(row.fields[1]) || ToInt(row.fields[1]) < 1 ||
        ToInt(row.fields[1]) > 12) {
      return Status::InvalidInput("data/lexicon/months.tsv:" + std::to_string(row.line) +
                                  ": expected a name and a month number 1-12");
    }
    bool ambiguous = row.fields.size() > 3 && row.fields[3] == "ambiguous";
    bool hijri = row.fields.size() > 2 && row.fields[2] == "hijri";
    RETURN_IF_ERROR(impl.AddPhrase("data/lexicon/months.tsv", row.line, row.fields[0], Kind::kMonth,
                                   ToInt(row.fields[1]), ambiguous, hijri));
  }

  ASSIGN_OR_RETURN(std::string words, ReadDataFile("lexicon/time_words.tsv"));
  for (const TsvRow& row : ParseTsv(words, "phrase")) {
    std::string where = "data/lexicon/time_words.tsv:" + std::to_string(row.line);
    if (row.fields.size() < 2) return Status::InvalidInput(where + ": expected phrase and kind");
    std::optional<Kind> kind;
    for (const KindName& k : kKindNames) {
      if (row.fields[1] == k.name) kind = k.kind;
    }
    if (!kind) return Status::InvalidInput(where + ": unknown kind '" + row.fields[1] + "'");
    int value = 0;
    char unit = 0;
    if (*kind == Kind::kUnit || *kind == Kind::kUnit2 || *kind == Kind::kRelSpan ||
        *kind == Kind::kEdgeNow) {
      // D W M Y H (unit, unit2), M Y (edge_now) or +7D (rel_span): the designator last.
      std::string_view v = row.fields.size() > 2 ? std::string_view(row.fields[2]) : "";
      std::string_view units = *kind == Kind::kRelSpan   ? "DWM"
                               : *kind == Kind::kEdgeNow ? "MY"
                                                         : "DWMYH";
      if (v.empty() || units.find(v.back()) == std::string_view::npos) {
        return Status::InvalidInput(where + ": value '" + std::string(v) +
                                    "' does not end in one of " + std::string(units));
      }
      unit = v.back();
      v.remove_suffix(1);
      if (*kind == Kind::kRelSpan) {
        bool negative = !v.empty() && v.front() == '-';
        if (!v.empty() && (negative || v.front() == '+')) v.remove_prefix(1);
        if (!AllDigits(v) || ToInt(v) == 0) {
          return Status::InvalidInput(where + ": expected a signed amount such as +7D");
        }
        value = negative ? -ToInt(v) : ToInt(v);
      } else if (!v.empty()) {
        return Status::InvalidInput(where + ": expected one of D W M Y H");
      }
    } else if (row.fields.size() > 2 && !row.fields[2].empty()) {
      std::string_view v = row.fields[2];
      bool negative = v.front() == '-';
      if (negative || v.front() == '+') v.remove_prefix(1);
      if (AllDigits(v)) {
        value = negative ? -ToInt(v) : ToInt(v);
      } else if (*kind != Kind::kPart && *kind != Kind::kMonthEdge) {
        return Status::InvalidInput(where + ": value '" + row.fields[2] + "' is not a number");
      }
    }
    bool ambiguous = row.fields.size() > 3 && row.fields[3] == "ambiguous";
    RETURN_IF_ERROR(impl.AddPhrase("data/lexicon/time_words.tsv", row.line, row.fields[0], *kind,
                                   value, ambiguous, false, unit));
  }
  ASSIGN_OR_RETURN(impl.numbers, text::NumberReader::Load(analyzer));
  return tagger;
}

namespace {

bool Adjacent(const Token& a, const Token& b) { return a.span.end == b.span.start; }

bool IsPunct(const Token& t, std::string_view chars) {
  return t.kind == TokenKind::kPunct && !t.key.empty() &&
         chars.find(t.key) != std::string_view::npos;
}

// A day of the month: "16", or "ال16" when the article is glued to the number (الـ16).
std::optional<int> DayNumber(const Token& t) {
  std::string_view k = t.key;
  if (k.starts_with(kDefiniteArticle)) k.remove_prefix(kDefiniteArticle.size());
  if (k.empty() || k.size() > 2 || !AllDigits(k)) return std::nullopt;
  int d = ToInt(k);
  if (d < 1 || d > 31) return std::nullopt;
  return d;
}

// A Gregorian year written in full ("2020", "2020م").
std::optional<int> YearNumber(const Token& t) {
  std::string_view k = t.key;
  if (k.size() > 4 && k.substr(4) == kMeem) k = k.substr(0, 4);
  if (k.size() != 4 || !AllDigits(k)) return std::nullopt;
  int y = ToInt(k);
  if (y < 1900 || y > 2100) return std::nullopt;
  return y;
}

// A Hijri year written in full ("1445", before هـ or after a Hijri month).
std::optional<int> HijriYearNumber(const Token& t) {
  if (t.key.size() != 4 || !AllDigits(t.key)) return std::nullopt;
  int y = ToInt(t.key);
  if (y < 1300 || y > 1600) return std::nullopt;
  return y;
}

std::unique_ptr<icu::Calendar> MakeCalendar(const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> c(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  if (U_FAILURE(status)) return nullptr;
  return c;
}

// Hijri day/month/year to the Gregorian day, by the Umm al-Qura calendar (ICU's
// islamic-umalqura, the calendar of Saudi official dates; other countries' sighting may
// differ by a day). nullopt for a day the month does not have.
std::optional<chr::year_month_day> HijriToGregorian(int y, int m, int d) {
  std::unique_ptr<icu::Calendar> hijri = MakeCalendar("@calendar=islamic-umalqura");
  std::unique_ptr<icu::Calendar> greg = MakeCalendar("@calendar=gregorian");
  if (!hijri || !greg) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  hijri->clear();
  hijri->set(y, m - 1, d, 12, 0);
  UDate when = hijri->getTime(status);
  // ICU is lenient: 30 of a 29-day month rolls over; read the fields back to refuse it.
  hijri->setTime(when, status);
  if (U_FAILURE(status) || hijri->get(UCAL_DATE, status) != d ||
      hijri->get(UCAL_MONTH, status) != m - 1) {
    return std::nullopt;
  }
  greg->setTime(when, status);
  chr::year_month_day ymd(chr::year(greg->get(UCAL_YEAR, status)),
                          chr::month(static_cast<unsigned>(greg->get(UCAL_MONTH, status) + 1)),
                          chr::day(static_cast<unsigned>(greg->get(UCAL_DATE, status))));
  if (U_FAILURE(status) || !ymd.ok()) return std::nullopt;
  return ymd;
}

// The Hijri year in which a Gregorian day falls (Umm al-Qura); 0 on failure.
int HijriYearOf(chr::year_month_day g) {
  std::unique_ptr<icu::Calendar> hijri = MakeCalendar("@calendar=islamic-umalqura");
  std::unique_ptr<icu::Calendar> greg = MakeCalendar("@calendar=gregorian");
  if (!hijri || !greg) return 0;
  UErrorCode status = U_ZERO_ERROR;
  greg->clear();
  greg->set(static_cast<int>(g.year()), static_cast<int>(static_cast<unsigned>(g.month())) - 1,
            static_cast<int>(static_cast<unsigned>(g.day())), 12, 0);
  hijri->setTime(greg->getTime(status), status);
  int y = hijri->get(UCAL_EXTENDED_YEAR, status);
  return U_FAILURE(status) ? 0 : y;
}

}  // namespace

// Year after a month: [،] [من] [عام|العام|سنة] YYYY [م], or [من] العام الجاري/الماضي.
void Tagger::Impl::ParseYearPart(const Tokens& tokens, size_t limit, Parsed& p) const {
  size_t j = p.end;
  if (j < limit && IsPunct(tokens[j], ",")) ++j;
  if (auto of = Longest(tokens, j, limit, Bit(Kind::kOf))) j = of->end;
  if (auto rel = Longest(tokens, j, limit, Bit(Kind::kRelYear))) {
    p.relative_year = true;
    p.year_offset = rel->phrase->value;
    p.end = rel->end;
    return;
  }
  if (auto yw = Longest(tokens, j, limit, Bit(Kind::kYearWord))) j = yw->end;
  if (j < limit) {
    if (auto y = YearNumber(tokens[j])) {
      // 1445هـ is a Hijri year: not ours.
      if (j + 1 < limit && Longest(tokens, j + 1, limit, Bit(Kind::kHijri))) return;
      p.year = *y;
      p.end = j + 1;
      if (p.end < limit && Adjacent(tokens[j], tokens[p.end]) &&
          Longest(tokens, p.end, limit, Bit(Kind::kAd))) {
        ++p.end;
      }
    }
  }
}

// 2020/11/10, 10-11-2020, 10.11.2020: adjacent number and separator tokens (the tokenizer may
// keep them as one token or split them). Day first when ambiguous, as Arabic news writes.
std::optional<Parsed> Tagger::Impl::ParseNumericDate(const Tokens& tokens, size_t i,
                                                     size_t limit) const {
  if (i >= limit || tokens[i].kind != TokenKind::kNumber) return std::nullopt;
  std::string joined;
  size_t j = i;
  while (j < limit) {
    const Token& t = tokens[j];
    bool number = t.kind == TokenKind::kNumber;
    bool sep = IsPunct(t, "/-.");
    if (!number && !sep) break;
    // Saudi papers space the slashes: "5 / 11 / 1436 هـ الموافق 20 / 8 / 2015م".
    auto joined_to = [&](const Token& a, const Token& b) {
      return Adjacent(a, b) || a.key == "/" || b.key == "/";
    };
    if (j > i && !joined_to(tokens[j - 1], t)) break;
    // A separator counts only between numbers: "10-11-2020." ends a sentence.
    if (sep && (j + 1 >= limit || tokens[j + 1].kind != TokenKind::kNumber ||
                !joined_to(t, tokens[j + 1]))) {
      break;
    }
    joined += t.key;
    ++j;
  }
  // Split on the separators; all three must be the same.
  std::vector<std::string> parts(1);
  char sep = 0;
  for (char c : joined) {
    if (c >= '0' && c <= '9') {
      parts.back().push_back(c);
    } else if (c == '/' || c == '-' || c == '.') {
      if (sep != 0 && c != sep) return std::nullopt;
      sep = c;
      parts.emplace_back();
    } else {
      return std::nullopt;
    }
  }
  if (parts.size() != 3) return std::nullopt;
  for (const std::string& part : parts) {
    if (part.empty()) return std::nullopt;
  }
  int a = ToInt(parts[0]), b = ToInt(parts[1]), c = ToInt(parts[2]);
  // 5/11/1436هـ: a Hijri day, month and year (converted by Tag).
  if (parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 4 && c >= 1300 &&
      c <= 1600 && b >= 1 && b <= 12 && a >= 1 && a <= 30) {
    auto h = Longest(tokens, j, limit, Bit(Kind::kHijri));
    if (!h) return std::nullopt;
    Parsed p;
    p.begin = i;
    p.end = h->end;
    p.year = c;
    p.month = b;
    p.day = a;
    p.hijri = true;
    return p;
  }
  int y = 0, m = 0, d = 0;
  if (parts[0].size() == 4) {
    y = a, m = b, d = c;
  } else if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
    y = c;
    if (b > 12 && a <= 12) {
      m = a, d = b;  // 11/25/2020: only the US order can be meant
    } else {
      d = a, m = b;
    }
  } else {
    return std::nullopt;
  }
  if (y < 1900 || y > 2100 || !ValidDate(y, m, d)) return std::nullopt;
  Parsed p;
  p.begin = i;
  p.end = parts[2].size() == 4 ? AfterEra(tokens, j, limit) : j;
  p.year = y;
  p.month = m;
  p.day = d;
  return p;
}

size_t Tagger::Impl::SecondMonth(const Tokens& tokens, size_t k, size_t limit, int month) const {
  if (k >= limit) return k;
  if (IsPunct(tokens[k], "/(-")) {
    bool paren = tokens[k].key == "(";
    if (auto second = Longest(tokens, k + 1, limit, Bit(Kind::kMonth))) {
      size_t end = second->end;
      if (paren && end < limit && tokens[end].key == ")") ++end;
      return end;
    }
    return k;
  }
  if (auto second = Longest(tokens, k, limit, Bit(Kind::kMonth));
      second && !second->phrase->hijri && second->phrase->value == month) {
    return second->end;
  }
  return k;
}

// The date itself, after any part-of-day or يوم prefix. `has_cue` says a prefix was seen (it
// licenses an ambiguous weekday).
std::optional<Parsed> Tagger::Impl::ParseCore(const Tokens& tokens, size_t i, size_t limit,
                                              bool has_cue) const {
  if (i >= limit) return std::nullopt;
  if (auto numeric = ParseNumericDate(tokens, i, limit)) return numeric;

  // DD [من] [شهر] MONTH [/ MONTH] [year part], or an ordinal day before من or a month
  // (الثامن من أكتوبر, أول يناير): the ordinal alone is too common a word (الأول) to be a day.
  std::optional<int> day = DayNumber(tokens[i]);
  size_t after_day = i + 1;
  if (!day) {
    if (auto ord = Longest(tokens, i, limit, Bit(Kind::kOrdinal));
        ord && Longest(tokens, ord->end, limit,
                       Bit(Kind::kOf) | Bit(Kind::kMonthWord) | Bit(Kind::kMonth))) {
      day = ord->phrase->value;
      after_day = ord->end;
    }
  }
  if (day) {
    size_t j = after_day;
    if (auto of = Longest(tokens, j, limit, Bit(Kind::kOf))) j = of->end;
    if (auto mw = Longest(tokens, j, limit, Bit(Kind::kMonthWord))) j = mw->end;
    // An ambiguous month name next to a day number is a month; WordMatches only insists on
    // the exact key for it.
    if (auto month = Longest(tokens, j, limit, Bit(Kind::kMonth))) {
      Parsed p;
      p.begin = i;
      p.end = month->end;
      p.day = *day;
      p.month = month->phrase->value;
      if (month->phrase->hijri) {
        // 6 شوال 1436هـ, 6 شوال 1436 هـ, 6 من شوال: the year, when written, is Hijri.
        p.hijri = true;
        size_t k = p.end;
        if (auto yw = Longest(tokens, k, limit, Bit(Kind::kYearWord))) k = yw->end;
        if (k < limit) {
          if (auto y = HijriYearNumber(tokens[k])) {
            p.year = *y;
            p.end = k + 1;
            if (auto h = Longest(tokens, p.end, limit, Bit(Kind::kHijri))) p.end = h->end;
          }
        }
        if (p.year == 0) {
          if (auto dir = Longest(tokens, p.end, limit, Bit(Kind::kDirection))) {
            p.direction = dir->phrase->value;
            p.end = dir->end;
          }
        }
        if (p.day > 30) return std::nullopt;
        return p;
      }
      p.end = SecondMonth(tokens, p.end, limit, p.month);
      ParseYearPart(tokens, limit, p);
      if (!ValidDate(p.year != 0 ? p.year : 2000, p.month, p.day)) return std::nullopt;
      // 28 أيلول (سبتمبر) الماضي: the direction belongs to the date.
      if (p.year == 0 && !p.relative_year) {
        if (auto dir = Longest(tokens, p.end, limit, Bit(Kind::kDirection))) {
          p.direction = dir->phrase->value;
          p.end = dir->end;
        }
      }
      return p;
    }
  }

  // [شهر] MONTH [/ MONTH] [year part | direction]
  {
    size_t j = i;
    bool month_word = false;
    if (auto mw = Longest(tokens, j, limit, Bit(Kind::kMonthWord))) {
      j = mw->end;
      month_word = true;
    }
    if (auto month = Longest(tokens, j, limit, Bit(Kind::kMonth))) {
      // A Hijri month without its day (رمضان) spans two Gregorian months: not normalised.
      if (month->phrase->hijri) return std::nullopt;
      Parsed p;
      p.begin = i;
      p.end = month->end;
      p.month = month->phrase->value;
      size_t single_end = p.end;
      p.end = SecondMonth(tokens, p.end, limit, p.month);
      bool doubled = p.end != single_end;
      ParseYearPart(tokens, limit, p);
      if (p.year == 0 && !p.relative_year) {
        if (auto dir = Longest(tokens, p.end, limit, Bit(Kind::kDirection))) {
          p.direction = dir->phrase->value;
          p.end = dir->end;
        } else if (i > 0 && Longest(tokens, i - 1, i, Bit(Kind::kDelivery))) {
          // العقود الآجلة تسليم أغسطس: a futures contract's month is the next one.
          p.direction = 1;
        }
      }
      bool stated = p.year != 0 || p.relative_year || p.direction != 2;
      if (month->phrase->ambiguous && !month_word && !doubled && !stated) return std::nullopt;
      return p;
    }
  }

  // A season with its year or direction: صيف 2024, خريف العام الماضي, الشتاء الماضي. Alone it
  // is too often a name or a habit (الربيع العربي, في الصيف) to be a date.
  size_t season_at = i;
  bool this_one = false;  // هذا الصيف: the current one
  if (auto th = Longest(tokens, i, limit, Bit(Kind::kThis))) {
    season_at = th->end;
    this_one = true;
  }
  if (auto season = Longest(tokens, season_at, limit, Bit(Kind::kSeason))) {
    Parsed p;
    p.begin = i;
    p.end = season->end;
    p.season = season->phrase->value;
    if (this_one) {
      p.direction = 0;
      return p;
    }
    ParseYearPart(tokens, limit, p);
    if (p.year == 0 && !p.relative_year) {
      auto dir = Longest(tokens, p.end, limit, Bit(Kind::kDirection));
      if (!dir) return std::nullopt;
      p.direction = dir->phrase->value;
      p.end = dir->end;
    }
    return p;
  }

  // Relative year, month, week or stretch: العام الماضي, الشهر المقبل, الأسبوع الماضي,
  // الأيام القليلة المقبلة.
  constexpr uint64_t kRelative =
      Bit(Kind::kRelYear) | Bit(Kind::kRelMonth) | Bit(Kind::kRelWeek) | Bit(Kind::kRelSpan);
  if (auto rel = Longest(tokens, i, limit, kRelative)) {
    Parsed p;
    p.begin = i;
    p.end = rel->end;
    if (rel->phrase->kind == Kind::kRelSpan) {
      p.relative_span = true;
      p.span_amount = rel->phrase->value;
      p.span_unit = rel->phrase->unit;
    } else if (rel->phrase->kind == Kind::kRelWeek) {
      p.relative_week = true;
      p.week_offset = rel->phrase->value;
    } else if (rel->phrase->kind == Kind::kRelYear) {
      // العام الماضي 2014م: the written year says which.
      if (p.end < limit) {
        if (auto y = YearNumber(tokens[p.end])) {
          p.year = *y;
          p.end = AfterEra(tokens, p.end + 1, limit);
          return p;
        }
      }
      p.relative_year = true;
      p.year_offset = rel->phrase->value;
    } else {
      p.relative_month = true;
      p.month_offset = rel->phrase->value;
    }
    return p;
  }

  // اليوم, أمس, غدا (+ weekday) (+ date).
  if (auto day = Longest(tokens, i, limit, Bit(Kind::kDay))) {
    // اليوم التالي is "the next day" of a narrative, not today.
    if (Longest(tokens, day->end, limit, Bit(Kind::kAfter))) return std::nullopt;
    Parsed p;
    p.begin = i;
    p.end = day->end;
    p.relative_day = true;
    p.day_offset = day->phrase->value;
    if (auto wd = Longest(tokens, p.end, limit, Bit(Kind::kWeekday))) p.end = wd->end;
    // "اليوم 16 أغسطس": the written date wins over the relative word.
    if (auto date = ParseCore(tokens, p.end, limit, true); date && date->day != 0) {
      date->begin = i;
      date->today = p.day_offset == 0 && date->year != 0 && !date->hijri;
      return date;
    }
    return p;
  }

  // Weekday [direction] (+ date).
  if (auto wd = Longest(tokens, i, limit, Bit(Kind::kWeekday))) {
    Parsed p;
    p.begin = i;
    p.end = wd->end;
    p.weekday = wd->phrase->value;
    bool cue = has_cue;
    if (auto dir = Longest(tokens, p.end, limit, Bit(Kind::kDirection))) {
      p.direction = dir->phrase->value;
      p.end = dir->end;
      cue = true;
    }
    if (auto date = ParseCore(tokens, p.end, limit, true); date && date->day != 0) {
      date->begin = i;
      return date;
    }
    if (wd->phrase->ambiguous && !cue) {
      bool punct_before = i > 0 && tokens[i - 1].kind == TokenKind::kPunct;
      bool punct_after = p.end < tokens.size() && tokens[p.end].kind == TokenKind::kPunct;
      // من الاثنين إلى الثلاثاء, بين الأحد والاثنين: the other end of a range says it is a day
      // (بين الاثنين alone is "between the two").
      bool range_after = RangeEndAfter(tokens, p.end, limit);
      bool range_before = i >= 2 && Longest(tokens, i - 1, i, Bit(Kind::kRangeTo)) &&
                          Longest(tokens, i - 2, i - 1, Bit(Kind::kWeekday) | Bit(Kind::kDay));
      if (!punct_before && !punct_after && !range_after && !range_before) return std::nullopt;
    }
    return p;
  }
  return std::nullopt;
}

// A whole expression at token i: [part of day] [يوم] core, or [month edge] core, or a year
// after عام/في, or a clock time before or after a day.
std::optional<Parsed> Tagger::Impl::ParseAt(const Tokens& tokens, size_t i, size_t limit) const {
  size_t j = i;
  bool cue = false;
  std::string part;
  std::optional<std::pair<int, int>> clock;
  size_t clock_begin = i;
  size_t clock_end = i;  // after the time, its part of the day and its zone
  int pm_from = 13;
  // الساعة 23:50, الساعة 0400, الساعة الثامنة [والنصف] [مساء] [بالتوقيت المحلي] [من] ...
  if (auto c = Longest(tokens, j, limit, Bit(Kind::kClock))) {
    size_t k = c->end;
    int h = -1, m = 0;
    // The hour's digits, also after the article, written apart or on (الساعة الـ10, ال10).
    if (k + 1 < limit && tokens[k].key == kDefiniteArticle && Adjacent(tokens[k], tokens[k + 1])) {
      ++k;
    }
    std::string_view digits = k < limit ? std::string_view(tokens[k].key) : "";
    if (digits.starts_with(kDefiniteArticle)) digits.remove_prefix(kDefiniteArticle.size());
    if (AllDigits(digits) && digits.size() <= 2) {
      h = ToInt(digits);
      ++k;
      if (k + 1 < limit && IsPunct(tokens[k], ":") && AllDigits(tokens[k + 1].key) &&
          tokens[k + 1].key.size() == 2) {
        m = ToInt(tokens[k + 1].key);
        k += 2;
      }
    } else if (k < limit && AllDigits(tokens[k].key) && tokens[k].key.size() == 4) {
      // The wires' 24-hour HHMM (الساعة 0400 بتوقيت غرينتش).
      h = ToInt(std::string_view(tokens[k].key).substr(0, 2));
      m = ToInt(std::string_view(tokens[k].key).substr(2, 2));
      ++k;
    } else if (auto hour = Longest(tokens, k, limit, Bit(Kind::kHour))) {
      h = hour->phrase->value;
      k = hour->end;
      // والنصف, والربع, إلا ربعا: minutes after (or before) the hour.
      if (auto minutes = Longest(tokens, k, limit, Bit(Kind::kMinutes))) {
        m = minutes->phrase->value;
        k = minutes->end;
        if (m < 0) {
          h = h == 1 ? 12 : h - 1;  // الثامنة إلا ربعا is 7:45
          m += 60;
        }
      }
    }
    if (h < 0 || h > 24 || m < 0 || m >= 60) return std::nullopt;
    clock = {h, m};
    if (auto cp = Longest(tokens, k, limit, Bit(Kind::kClockPart))) {
      pm_from = cp->phrase->value;
      k = cp->end;
    }
    if (auto zone = Longest(tokens, k, limit, Bit(Kind::kZone))) k = zone->end;
    clock_end = k;
    j = k;
    if (auto of = Longest(tokens, j, limit, Bit(Kind::kOf))) j = of->end;
  }
  size_t part_end = 0;  // after a part of the day that directly follows the clock time
  if (auto p = Longest(tokens, j, limit, Bit(Kind::kPart))) {
    part = p->phrase->words.empty() ? "" : p->phrase->words[0].key;
    if (clock && p->begin == clock_end) part_end = p->end;
    j = p->end;
    cue = true;
  }
  if (auto dw = Longest(tokens, j, limit, Bit(Kind::kDayWord))) {
    j = dw->end;
    cue = true;
  }
  bool edge = false;
  if (!cue) {
    if (auto e = Longest(tokens, j, limit, Bit(Kind::kMonthEdge))) {
      j = e->end;
      edge = true;
    }
  }
  std::optional<Parsed> core = ParseCore(tokens, j, limit, cue);
  if (!core && clock) {
    // No day in the phrase: the clock time alone (الساعة 8 مساء); Tag gives it the
    // sentence's day.
    Parsed p;
    p.begin = clock_begin;
    p.end = part_end != 0 ? part_end : clock_end;
    p.part = part_end != 0 ? part : "";
    p.clock_only = true;
    p.hour = clock->first;
    p.minute = clock->second;
    p.pm_from = pm_from;
    return p;
  }
  if (!core && edge) {
    // نهاية العام 2014, بداية 2016: the edge of a year is the year.
    size_t k = j;
    if (auto yw = Longest(tokens, j, limit, Bit(Kind::kYearWord))) k = yw->end;
    if (k < limit) {
      if (auto y = YearNumber(tokens[k])) {
        if (k + 1 < limit && Longest(tokens, k + 1, limit, Bit(Kind::kHijri))) return std::nullopt;
        Parsed p;
        p.begin = i;
        p.end = AfterEra(tokens, k + 1, limit);
        p.year = *y;
        return p;
      }
    }
    // منتصف الشهر, نهاية العام: the month or year of publication.
    if (auto now = Longest(tokens, j, limit, Bit(Kind::kEdgeNow))) {
      Parsed p;
      p.begin = i;
      p.end = now->end;
      if (now->phrase->unit == 'M') {
        p.relative_month = true;
      } else {
        p.relative_year = true;
      }
      return p;
    }
    return std::nullopt;
  }
  if (!core && !cue && !edge) {
    // عام 2020, في 2020: a year alone.
    size_t k = i;
    bool word = false;
    if (auto yw = Longest(tokens, k, limit, Bit(Kind::kYearWord))) {
      k = yw->end;
      word = true;
    } else if (auto yp = Longest(tokens, k, limit, Bit(Kind::kYearPrep))) {
      k = yp->end;
    } else {
      return std::nullopt;
    }
    // في 2020/11/10: the number starts a numeric date, not a year.
    if (auto numeric = ParseNumericDate(tokens, k, limit)) return numeric;
    if (k < limit) {
      if (auto y = YearNumber(tokens[k])) {
        if (k + 1 < limit && Longest(tokens, k + 1, limit, Bit(Kind::kHijri))) return std::nullopt;
        Parsed p;
        p.begin = word ? i : k;
        p.end = AfterEra(tokens, k + 1, limit);
        p.year = *y;
        return p;
      }
    }
    return std::nullopt;
  }
  if (!core) return std::nullopt;
  core->begin = clock ? clock_begin : i;
  core->edge = edge;
  core->part = part;
  if (clock) {
    core->hour = clock->first;
    core->minute = clock->second;
    core->pm_from = pm_from;
  }
  return core;
}

// The ends of a range are written dates with a month (a day and month, or a month), not
// Hijri ones; or both are days named by a weekday or a relative day (من الأحد حتى الاثنين).
namespace {
bool CalendarEnd(const Parsed& p) {
  return p.month != 0 && !p.hijri && p.weekday == 0 && !p.relative_day && p.season == 0 &&
         !p.relative_month && !p.relative_span && !p.relative_week && p.duration.empty();
}
bool DayEnd(const Parsed& p) {
  return (p.weekday != 0 || p.relative_day) && p.month == 0 && p.duration.empty();
}
int MonthDay(const Parsed& p) { return p.month * 100 + p.day; }
}  // namespace

// من عام 2011 إلى 2015, بين عامي 2020 و2022, 2011-2015, من 1980 حتى 1988م: years only with a
// year word, an era letter or a dash ("من 1950 إلى 2010 دولارا" is an amount), the second
// after the first and at most a century on.
std::optional<Tagger::Impl::Range> Tagger::Impl::ParseYearRange(const Tokens& tokens, size_t i,
                                                                size_t j, bool from, bool between,
                                                                size_t limit) const {
  bool word = false;
  if (auto yw = Longest(tokens, j, limit, Bit(Kind::kYearWord))) {
    j = yw->end;
    word = true;
  }
  if (j + 2 >= limit) return std::nullopt;
  std::optional<int> first = YearNumber(tokens[j]);
  if (!first) return std::nullopt;
  size_t k = AfterEra(tokens, j + 1, limit);
  if (k >= limit) return std::nullopt;
  size_t e = 0;
  bool dash = IsPunct(tokens[k], "-");
  if (dash) {
    e = k + 1;
  } else if (between && tokens[k].key == kWaw) {
    e = k + 1;
  } else if (from && !between && tokens[k].key != kWaw) {
    auto to = Longest(tokens, k, limit, Bit(Kind::kRangeTo));
    if (!to) return std::nullopt;
    e = to->end;
  } else {
    return std::nullopt;
  }
  if (auto yw = Longest(tokens, e, limit, Bit(Kind::kYearWord))) {
    e = yw->end;
    word = true;
  }
  if (e >= limit) return std::nullopt;
  // The era letter says a year too (من 1980 حتى 1988م).
  bool era = k != j + 1 || AfterEra(tokens, e + 1, limit) != e + 1 ||
             std::string_view(tokens[e].key).ends_with(kMeem);
  if (!word && !dash && !era) return std::nullopt;
  std::optional<int> second = YearNumber(tokens[e]);
  if (!second || *second <= *first || *second - *first > 100) return std::nullopt;
  // 1445-1446هـ: Hijri years.
  if (e + 1 < limit && Longest(tokens, e + 1, limit, Bit(Kind::kHijri))) return std::nullopt;
  Range r;
  r.begin = i;
  r.first.year = *first;
  r.second.year = *second;
  r.end = AfterEra(tokens, e + 1, limit);
  return r;
}

std::optional<Tagger::Impl::Range> Tagger::Impl::ParseRange(const Tokens& tokens, size_t i,
                                                            size_t limit) const {
  if (i + 2 >= limit) return std::nullopt;
  std::optional<Hit> from = Longest(tokens, i, limit, Bit(Kind::kRangeFrom));
  // Without من or بين only a dash joins the ends (10-12 أغسطس): "6 و10 مارس" is two days.
  if (!from && !(tokens[i].kind == TokenKind::kNumber && IsPunct(tokens[i + 1], "-"))) {
    return std::nullopt;
  }
  bool between = from && from->phrase->value == 1;
  size_t j = from ? from->end : i;
  if (j >= limit) return std::nullopt;
  Range r;
  r.begin = i;
  if (auto years = ParseYearRange(tokens, i, j, from.has_value(), between, limit)) return years;
  // صباح, يوم before a day: من مساء الأحد إلى صباح الاثنين.
  auto after_cues = [&](size_t at) {
    if (auto part = Longest(tokens, at, limit, Bit(Kind::kPart))) at = part->end;
    if (auto dw = Longest(tokens, at, limit, Bit(Kind::kDayWord))) at = dw->end;
    return at;
  };
  size_t cued = after_cues(j);
  size_t k = 0;
  if (auto first = ParseCore(tokens, cued, limit, cued != j);
      first && (CalendarEnd(*first) || DayEnd(*first))) {
    r.first = *first;
    k = first->end;
  } else if (auto day = DayNumber(tokens[j])) {
    r.first.begin = j;
    r.first.day = *day;  // its month and year come from the second end
    k = j + 1;
  } else {
    return std::nullopt;
  }
  if (k >= limit) return std::nullopt;
  size_t e = 0;
  if (IsPunct(tokens[k], "-")) {
    e = k + 1;
  } else if (between) {
    // بين 10 و12: و alone, or glued to the second end (بين يناير ومارس).
    if (tokens[k].key == kWaw) {
      e = k + 1;
    } else if (tokens[k].proclitics.starts_with(kWaw)) {
      e = k;
    } else {
      return std::nullopt;
    }
  } else if (from) {
    auto to = Longest(tokens, k, limit, Bit(Kind::kRangeTo));
    if (!to || tokens[k].key == kWaw) return std::nullopt;
    e = to->end;
  } else {
    return std::nullopt;
  }
  if (DayEnd(r.first)) {
    size_t cued_second = after_cues(e);
    std::optional<Parsed> second = ParseCore(tokens, cued_second, limit, cued_second != e);
    if (!second || !DayEnd(*second)) return std::nullopt;
    r.second = *second;
    r.end = second->end;
    return r;
  }
  std::optional<Parsed> second = ParseCore(tokens, e, limit, false);
  if (!second && r.first.month != 0 && r.first.day == 0) {
    // من يناير إلى مارس: after a first month an ambiguous name (مارس, آب) is a month too.
    if (auto month = Longest(tokens, e, limit, Bit(Kind::kMonth)); month && !month->phrase->hijri) {
      second = Parsed{};
      second->begin = e;
      second->end = month->end;
      second->month = month->phrase->value;
      ParseYearPart(tokens, limit, *second);
    }
  }
  if (!second || !CalendarEnd(*second)) return std::nullopt;
  if (r.first.month == 0) {
    // من 10 إلى 12 أغسطس: the first day in the second's month, and before it.
    if (second->day == 0 || r.first.day >= second->day) return std::nullopt;
    r.first.month = second->month;
  } else if ((r.first.day != 0) != (second->day != 0)) {
    return std::nullopt;  // a month to a day: not one range
  }
  // A year or direction written after the second end is the whole range's; the first end is
  // a year earlier when its month and day come after the second's (من ديسمبر إلى فبراير 2024).
  if (r.first.year == 0 && !r.first.relative_year) {
    bool earlier_year = MonthDay(r.first) > MonthDay(*second);
    if (second->year != 0) r.first.year = second->year - (earlier_year ? 1 : 0);
    if (second->relative_year) {
      r.first.relative_year = true;
      r.first.year_offset = second->year_offset - (earlier_year ? 1 : 0);
    }
    if (r.first.direction == 2) r.first.direction = second->direction;
  }
  if (!ValidDate(r.first.year != 0 ? r.first.year : 2000, r.first.month,
                 r.first.day != 0 ? r.first.day : 1)) {
    return std::nullopt;
  }
  r.second = *second;
  r.end = second->end;
  return r;
}

bool Tagger::Impl::RangeEndAfter(const Tokens& tokens, size_t k, size_t limit) const {
  if (k >= limit) return false;
  if (auto to = Longest(tokens, k, limit, Bit(Kind::kRangeTo))) {
    k = to->end;
  } else if (!tokens[k].proclitics.starts_with(kWaw)) {  // والثلاثاء: و glued to the next end
    return false;
  }
  if (auto part = Longest(tokens, k, limit, Bit(Kind::kPart))) k = part->end;
  if (auto dw = Longest(tokens, k, limit, Bit(Kind::kDayWord))) k = dw->end;
  return Longest(tokens, k, limit, Bit(Kind::kWeekday) | Bit(Kind::kDay)).has_value();
}

// [approx] amount unit, [approx] dual, approx singular unit: 44 يوما, عشرة أيام, يومين,
// أكثر من عام, قرابة أسبوعين. The approx word is in the span, not in the value.
std::optional<Parsed> Tagger::Impl::ParseDuration(const Tokens& tokens, size_t i, size_t limit,
                                                  const std::vector<Amount>& amounts) const {
  if (i >= limit) return std::nullopt;
  size_t j = i;
  bool approx = false;
  // NumberReader reads an approx word into the amount (نحو 3 أيام): then the amount starts at i.
  if (AmountAt(amounts, i) == nullptr) {
    if (auto a = Longest(tokens, j, limit, Bit(Kind::kApprox))) {
      j = a->end;
      approx = true;
    }
  }
  int64_t amount = 0;
  char unit = 0;
  size_t end = j;
  if (auto dual = Longest(tokens, j, limit, Bit(Kind::kUnit2))) {
    amount = 2;
    unit = dual->phrase->unit;
    end = dual->end;
  } else if (const Amount* a = AmountAt(amounts, j)) {
    if (auto u = Longest(tokens, a->end, limit, Bit(Kind::kUnit))) {
      amount = a->value;
      unit = u->phrase->unit;
      end = u->end;
    }
  } else if (approx) {
    if (auto u = Longest(tokens, j, limit, Bit(Kind::kUnit))) {
      amount = 1;
      unit = u->phrase->unit;
      end = u->end;
    }
  }
  if (unit == 0 || amount <= 0) return std::nullopt;
  // A unit word carrying a proclitic starts another phrase (ارتفع 32 لعام 2015: "for the
  // year"), and one before a number is a year (أكثر من عام 2020).
  const Token& last = tokens[end - 1];
  if (!last.proclitics.empty() || (end < limit && tokens[end].kind == TokenKind::kNumber)) {
    return std::nullopt;
  }
  Parsed p;
  p.begin = i;
  p.end = end;
  p.duration = (unit == 'H' ? "PT" : "P") + std::to_string(amount) + unit;
  p.duration_amount = static_cast<int>(amount);
  p.duration_unit = unit;
  return p;
}

bool Tagger::Impl::FutureAt(const Tokens& tokens, size_t k, size_t limit) const {
  const Token& t = tokens[k];
  // استقرار, استمرار: a verbal noun of form X; the future س never follows an alif.
  if (std::string_view(t.key).starts_with(kAlifSeenTeh)) return false;
  // سيزور, ستعقد: the future proclitic, whether or not the analyzer split it off. Nouns and
  // names that start the same way (سياسة, سيرغي) are listed as not_future.
  std::string_view word = t.proclitics.find(kSeen) != std::string::npos ? std::string_view(t.stem)
                                                                        : std::string_view(t.key);
  if (word.starts_with(kSeen) || t.proclitics.find(kSeen) != std::string::npos) {
    if (word.starts_with(kSeen)) word.remove_prefix(kSeen.size());
    bool imperfective = false;
    for (std::string_view prefix : kImperfectivePrefixes) {
      imperfective = imperfective || word.starts_with(prefix);
    }
    if (imperfective && word.size() >= 6 && !Longest(tokens, k, limit, Bit(Kind::kNotFuture))) {
      return true;
    }
  }
  return Longest(tokens, k, limit, Bit(Kind::kFuture)).has_value();
}

bool Tagger::Impl::FutureAround(const Tokens& tokens, size_t sentence_begin, size_t i, size_t end,
                                size_t limit) const {
  for (size_t k = sentence_begin; k < i; ++k) {
    if (FutureAt(tokens, k, i)) return true;
  }
  // After it only a verb directly following (a comma between), not one further on: in قال
  // الوزير الخميس إنه سيزور the visit is future, the saying is not.
  size_t k = end;
  if (k < limit && IsPunct(tokens[k], ",")) ++k;
  return k < limit && FutureAt(tokens, k, limit);
}

namespace {

// Evening hours written on a 12-hour clock (الساعة 8 مساء) move to the afternoon.
int AdjustHour(int hour, std::string_view part_key) {
  if (hour < 12 && (part_key == kEvening || part_key == kNight) && hour >= 5) return hour + 12;
  return hour;
}

std::string FormatDay(chr::sys_days day) {
  chr::year_month_day ymd(day);
  return Format(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day())));
}

// "START/END" for `amount` units (D W M) after publication, or before it when negative.
std::string SpanAt(chr::year_month_day pub, int amount, char unit) {
  chr::sys_days base(pub);
  chr::sys_days other = base;
  if (unit == 'M') {
    // The same day `amount` months away, or the last day of a shorter month.
    chr::year_month_day moved = pub + chr::months(amount);
    if (!moved.ok()) {
      moved = chr::year_month_day_last(moved.year(), chr::month_day_last(moved.month()));
    }
    other = chr::sys_days(moved);
  } else {
    other = base + chr::days(unit == 'W' ? 7 * amount : amount);
  }
  return amount > 0 ? FormatDay(base) + "/" + FormatDay(other)
                    : FormatDay(other) + "/" + FormatDay(base);
}

// "MONDAY/SUNDAY" of the week `offset` weeks from the week of publication.
std::string WeekAt(chr::year_month_day pub, int offset) {
  chr::sys_days base(pub);
  int iso = static_cast<int>(chr::weekday(base).iso_encoding());
  chr::sys_days monday = base - chr::days(iso - 1) + chr::days(7 * offset);
  return FormatDay(monday) + "/" + FormatDay(monday + chr::days(6));
}

struct Ymd {
  int y = 0;
  int m = 0;
  int d = 0;
};

// Resolves a date expression (relative day, weekday, relative month or year, Hijri or written
// date) to its calendar fields and sets tx's value, granularity and anchor; y is 0 when no year
// can be given. `context_year`/`context_month` are the last date with a written year in the
// sentence (0 for none). nullopt: a date that does not exist (a Hijri day its month lacks).
std::optional<Ymd> ResolveDate(const Parsed& p, bool future, const Pub& pub, int context_year,
                               int context_month, Timex& tx) {
  int y = 0, m = 0, d = 0;  // resolved calendar fields (0 = unstated)
  if (p.relative_day || p.weekday != 0) {
    tx.granularity = Granularity::kDay;
    if (pub.date) {
      chr::sys_days base(*pub.date);
      chr::sys_days day = base;
      if (p.relative_day) {
        day = base + chr::days(p.day_offset);
      } else {
        chr::weekday pub_wd(base);
        int pub_iso = static_cast<int>(pub_wd.iso_encoding());
        if (future) {
          int ahead = (p.weekday - pub_iso + 7) % 7;
          if (ahead == 0) ahead = 7;
          day = base + chr::days(ahead);
        } else {
          int back = (pub_iso - p.weekday + 7) % 7;
          if (back == 0 && p.direction == -1) back = 7;
          day = base - chr::days(back);
        }
      }
      chr::year_month_day ymd(day);
      y = static_cast<int>(ymd.year());
      m = static_cast<int>(static_cast<unsigned>(ymd.month()));
      d = static_cast<int>(static_cast<unsigned>(ymd.day()));
      tx.anchor = "published";
    } else if (p.relative_day) {
      tx.value = "P" + std::to_string(p.day_offset) + "D";
    } else {
      tx.value = "XXXX-WXX-" + std::to_string(p.weekday);
    }
  } else if (p.month == 0 && (p.relative_year || p.relative_month)) {
    if (p.relative_month) {
      tx.granularity = Granularity::kMonth;
      if (pub.date) {
        int total = pub.y() * 12 + (pub.m() - 1) + p.month_offset;
        y = total / 12;
        m = total % 12 + 1;
        tx.anchor = "published";
      } else {
        tx.value = "P" + std::to_string(p.month_offset) + "M";
      }
    } else {
      tx.granularity = Granularity::kYear;
      if (pub.date) {
        y = pub.y() + p.year_offset;
        tx.anchor = "published";
      } else {
        tx.value = "P" + std::to_string(p.year_offset) + "Y";
      }
    }
  } else if (p.hijri) {
    // A Hijri day: converted to the Gregorian day. Without a year, the Hijri year of
    // publication, or the one before when that date would be after publication (the
    // year after for a future reference).
    tx.granularity = Granularity::kDay;
    std::optional<chr::year_month_day> g;
    if (p.year != 0) {
      g = HijriToGregorian(p.year, p.month, p.day);
      tx.anchor = "absolute";
    } else if (pub.date) {
      int hy = HijriYearOf(*pub.date);
      g = HijriToGregorian(hy, p.month, p.day);
      if (g && !future && chr::sys_days(*g) > chr::sys_days(*pub.date)) {
        g = HijriToGregorian(hy - 1, p.month, p.day);
      } else if (g && future && chr::sys_days(*g) < chr::sys_days(*pub.date)) {
        g = HijriToGregorian(hy + 1, p.month, p.day);
      }
      tx.anchor = "published";
    }
    if (!g && p.year != 0) return std::nullopt;  // a day the Hijri month does not have
    if (g) {
      y = static_cast<int>(g->year());
      m = static_cast<int>(static_cast<unsigned>(g->month()));
      d = static_cast<int>(static_cast<unsigned>(g->day()));
    } else {
      tx.anchor.clear();
    }
  } else {
    // Calendar date: day/month/year, month/year, month or year.
    m = p.month;
    d = p.edge ? 0 : p.day;
    tx.granularity = d != 0 ? Granularity::kDay : m != 0 ? Granularity::kMonth : Granularity::kYear;
    if (p.year != 0) {
      y = p.year;
      tx.anchor = "absolute";
    } else if (p.relative_year) {
      if (pub.date) {
        y = pub.y() + p.year_offset;
        tx.anchor = "published";
      }
    } else if (context_year != 0 && p.direction == 2) {
      // الماضي/المقبل anchor on publication, not on the sentence's narrative.
      y = context_year + (m < context_month ? 1 : 0);
      tx.anchor = "absolute";
    } else if (pub.date) {
      // The nearest such date on or before publication (past narration), or strictly
      // after it for a future or "المقبل" reference, strictly before for "الماضي".
      int dd = d != 0 ? d : 1;
      auto key = [](int mm, int day) { return mm * 100 + day; };
      int pub_key = key(pub.m(), d != 0 ? pub.d() : 1);
      int k = key(m, dd);
      y = pub.y();
      if (future) {
        // A month: the current one is this year's (ستبدأ نهاية يوليو, written in July).
        if (d != 0 || p.direction == 1 ? k <= pub_key : k < pub_key) ++y;
      } else if (p.direction == -1) {
        if (k >= pub_key) --y;
      } else if (p.direction == 0) {
        // الجاري: this year's.
      } else if (k > pub_key) {
        --y;
      }
      if (d != 0 && !ValidDate(y, m, d)) {
        y = 0;  // 29 February in a year without it
      } else {
        tx.anchor = "published";
      }
    }
    if (y == 0) {
      char buf[32];
      if (d != 0) {
        std::snprintf(buf, sizeof(buf), "XXXX-%02d-%02d", m, d);
      } else {
        std::snprintf(buf, sizeof(buf), "XXXX-%02d", m);
      }
      tx.value = m != 0 ? buf : "";
    }
  }
  if (y != 0) tx.value = Format(y, m, d);
  return Ymd{y, m, d};
}

// Clearly before publication. A day or month counts when it falls before the publication
// month (and, for a day, more than a week earlier, so that "yesterday" on the 1st stays news);
// a year when it is before the publication year.
bool Historical(const Pub& pub, int y, int m, int d);

// The point `amount` units (Y, M, W or D) before publication, written into tx at the grain of
// its unit: a year, a month or a day; with no publication date, the relative form (P-3Y).
void AgoFrom(const Pub& pub, int amount, char unit, Timex& tx) {
  if (!pub.date) {
    tx.value = "P-" + std::to_string(amount) + unit;
    tx.anchor = "";
    tx.granularity = unit == 'Y'   ? Granularity::kYear
                     : unit == 'M' ? Granularity::kMonth
                                   : Granularity::kDay;
    return;
  }
  tx.anchor = "published";
  if (unit == 'Y') {
    const int y = pub.y() - amount;
    tx.value = std::to_string(y);
    tx.granularity = Granularity::kYear;
    tx.historical = Historical(pub, y, 0, 0);
  } else if (unit == 'M') {
    const chr::year_month ym =
        chr::year_month(pub.date->year(), pub.date->month()) - chr::months(amount);
    const int y = static_cast<int>(ym.year()),
              m = static_cast<int>(static_cast<unsigned>(ym.month()));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    tx.value = buf;
    tx.granularity = Granularity::kMonth;
    tx.historical = Historical(pub, y, m, 0);
  } else {
    const int days = unit == 'W' ? 7 * amount : amount;
    const chr::year_month_day day{chr::sys_days(*pub.date) - chr::days(days)};
    tx.value = FormatDay(chr::sys_days(day));
    tx.granularity = Granularity::kDay;
    tx.historical = Historical(pub, static_cast<int>(day.year()),
                               static_cast<int>(static_cast<unsigned>(day.month())),
                               static_cast<int>(static_cast<unsigned>(day.day())));
  }
}

bool Historical(const Pub& pub, int y, int m, int d) {
  if (!pub.date || y == 0) return false;
  int pub_ym = pub.y() * 12 + pub.m();
  if (m == 0) return y < pub.y();
  if (y * 12 + m >= pub_ym) return false;
  if (d == 0) return true;
  chr::sys_days date{chr::year_month_day(chr::year(y), chr::month(m), chr::day(d))};
  return chr::sys_days(*pub.date) - date > chr::days(7);
}

// A season as the interval of its three months (meteorological, northern hemisphere: spring
// March-May, summer June-August, autumn September-November, winter December-February). Winter
// Y is the one whose January and February fall in Y. Without a written year: the latest one
// ended before the publication month (الماضي), the first one begun after it (المقبل), or the one
// under way or next (الحالي); nothing is resolved without a publication date.
void ResolveSeason(const Parsed& p, const Pub& pub, Timex& tx) {
  tx.granularity = Granularity::kRange;
  // Months counted from year 0: y * 12 + (month - 1).
  auto first_month = [&](int y) { return p.season == 12 ? y * 12 - 1 : y * 12 + p.season - 1; };
  int y = 0;
  if (p.year != 0) {
    y = p.year;
    tx.anchor = "absolute";
  } else if (pub.date) {
    int now = pub.y() * 12 + pub.m() - 1;
    if (p.relative_year) {
      y = pub.y() + p.year_offset;
    } else if (p.direction == -1) {
      y = pub.y() + 1;
      while (first_month(y) + 2 >= now) --y;
    } else if (p.direction == 1) {
      y = pub.y() - 1;
      while (first_month(y) <= now) ++y;
    } else {
      y = pub.y() - 1;
      while (first_month(y) + 2 < now) ++y;
    }
    tx.anchor = "published";
  }
  if (y == 0) return;
  int first = first_month(y), last = first + 2;
  tx.value = Format(first / 12, first % 12 + 1, 0) + "/" + Format(last / 12, last % 12 + 1, 0);
  tx.historical = pub.date && last < pub.y() * 12 + pub.m() - 1;
}

// The hour on a 24-hour clock: a part written after the time (الثامنة مساء, الثانية ظهرا) or
// before the day (الساعة 8 من مساء أمس) moves a 12-hour time to the afternoon.
int ClockHour(const Parsed& p) {
  if (p.hour >= p.pm_from && p.hour < 12) return p.hour + 12;
  return AdjustHour(p.hour, p.part);
}

std::string ClockSuffix(int hour, int minute) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d", hour, minute);
  return buf;
}

// A Timex that names one day (2024-08-15, XXXX-08-15, XXXX-WXX-3), with or without its time.
bool HasDay(const Timex& t) {
  return (t.granularity == Granularity::kDay && t.value.size() == 10) ||
         (t.granularity == Granularity::kMinute && t.value.size() == 16 &&
          !t.value.starts_with("XXXX-XX-XX"));
}

// A clock time without a day in its phrase, waiting for the day of its sentence.
struct LoneClock {
  size_t index = 0;  // into the output
  int hour = 0;      // on a 24-hour clock when `stated`, else as written
  int minute = 0;
  bool stated = false;  // a part of the day written with it (صباحا, مساء)
};

}  // namespace

// One Timex for the range: "START/END" of the ends' values (days or months). Without a written
// year the first end is resolved as a date alone would be and the second follows it.
Timex Tagger::Impl::ResolveRange(const Range& range, const Tokens& tokens, size_t sentence_begin,
                                 size_t limit, const Pub& pub, int context_year,
                                 int context_month) const {
  Timex tx;
  tx.granularity = Granularity::kRange;
  const Parsed& first = range.first;
  Parsed second = range.second;
  bool future =
      first.direction == 1 ||
      (first.direction == 2 && FutureAround(tokens, sentence_begin, range.begin, range.end, limit));
  if (first.month == 0 && !DayEnd(first)) {
    // A range of years.
    tx.value = Format(first.year, 0, 0) + "/" + Format(second.year, 0, 0);
    tx.anchor = "absolute";
    tx.historical = Historical(pub, second.year, 0, 0);
    return tx;
  }
  Timex a, b;
  std::optional<Ymd> start = ResolveDate(first, future, pub, context_year, context_month, a);
  if (!start) return tx;
  if (DayEnd(first)) {
    // A weekday at the second end is the first such day after the first end (من السبت إلى
    // الاثنين: two days on, whatever the publication day).
    std::optional<Ymd> end;
    if (second.weekday != 0 && start->y != 0) {
      chr::sys_days from{
          chr::year_month_day(chr::year(start->y), chr::month(start->m), chr::day(start->d))};
      int from_iso = static_cast<int>(chr::weekday(from).iso_encoding());
      int ahead = (second.weekday - from_iso + 7) % 7;
      chr::year_month_day to(from + chr::days(ahead == 0 ? 7 : ahead));
      end = Ymd{static_cast<int>(to.year()), static_cast<int>(static_cast<unsigned>(to.month())),
                static_cast<int>(static_cast<unsigned>(to.day()))};
      b.value = Format(end->y, end->m, end->d);
    } else {
      end = ResolveDate(second, future, pub, context_year, context_month, b);
    }
    if (!end || a.value.empty() || b.value.empty()) return tx;
    tx.value = a.value + "/" + b.value;
    tx.anchor = a.anchor;
    tx.historical = Historical(pub, end->y, end->m, end->d);
    return tx;
  }
  if (start->y != 0 && second.year == 0) {
    second.year = start->y + (MonthDay(second) < MonthDay(first) ? 1 : 0);
    second.relative_year = false;
  }
  std::optional<Ymd> end = ResolveDate(second, future, pub, context_year, context_month, b);
  if (!end || a.value.empty() || b.value.empty()) return tx;
  tx.value = a.value + "/" + b.value;
  tx.anchor = a.anchor;
  tx.historical = Historical(pub, end->y, end->m, end->d);
  return tx;
}

std::vector<Timex> Tagger::Tag(std::string_view text, const text::Analysis& analysis,
                               std::string_view published) const {
  std::vector<Timex> out;
  if (!impl_) return out;
  const std::vector<Token>& all = analysis.tokens;
  const Tokens tokens = impl_->Index(analysis);
  // Without a publication date, a dateline "اليوم الثلاثاء 21 نوفمبر 2023" gives it for the
  // expressions after it.
  Pub pub{ParseIsoDate(published)};

  std::vector<Sentence> whole;
  if (analysis.sentences.empty() && !all.empty()) {
    Sentence s;
    s.span = {all.front().span.start, all.back().span.end};
    s.first_token = 0;
    s.end_token = static_cast<uint32_t>(all.size());
    whole.push_back(s);
  }
  const std::vector<Sentence>& sentences = whole.empty() ? analysis.sentences : whole;

  // Amounts before duration units. Reading numbers is the costliest step of tagging, so the
  // reader sees only a window of tokens before each unit that can end a duration (يوما, أشهر;
  // not لعام or عام 2020, see ParseDuration), each window as a sentence of its own: an amount
  // is a few words (ما لا يقل عن ثلاثة آلاف), far shorter than the window.
  constexpr size_t kAmountWindow = 12;
  std::vector<Amount> amounts;
  text::Analysis windows;
  std::vector<size_t> origin;  // index in `all` of each token of `windows`
  for (const Sentence& s : sentences) {
    size_t end = std::min<size_t>(s.end_token, all.size());
    size_t copied = s.first_token;  // tokens before this are already in a window
    for (size_t k = s.first_token; k < end; ++k) {
      if ((tokens.candidates[k].kinds & Bit(Kind::kUnit)) == 0 || !all[k].proclitics.empty() ||
          (k + 1 < end && all[k + 1].kind == TokenKind::kNumber) ||
          !impl_->Longest(tokens, k, end, Bit(Kind::kUnit))) {
        continue;
      }
      size_t from = std::max<size_t>(k >= kAmountWindow ? k - kAmountWindow : 0, s.first_token);
      // A window joined to the one before in this sentence keeps its number; a new one gets
      // its own, so that no amount is read across a gap.
      bool joined = copied > s.first_token && from <= copied;
      uint32_t id = joined ? windows.tokens.back().sentence : static_cast<uint32_t>(origin.size());
      for (size_t t = std::max(from, copied); t < k; ++t) {
        windows.tokens.push_back(all[t]);
        windows.tokens.back().sentence = id;
        origin.push_back(t);
      }
      copied = std::max(copied, k);
    }
  }
  if (!origin.empty()) {
    for (const text::Quantity& q : impl_->numbers.Read(text, windows)) {
      if (q.ordinal || q.first_token >= q.end_token || q.end_token > origin.size()) continue;
      // A whole amount: exact, at least N (أكثر من 3) or at most N (أقل من 3).
      double v = q.low == q.high || std::isinf(q.high) ? q.low : q.low == 0 ? q.high : -1;
      if (v < 1 || v > 100000 || v != std::floor(v)) continue;
      amounts.push_back(
          {origin[q.first_token], origin[q.end_token - 1] + 1, static_cast<int64_t>(v)});
    }
  }

  // Where a date, a time or a duration can start: a word of the lexicon, a number, an amount
  // read in words. Every other token is passed over without trying the parsers.
  std::vector<bool> may_start(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    may_start[i] = tokens.candidates[i].kinds != 0 || tokens[i].kind == TokenKind::kNumber;
  }
  for (const Amount& a : amounts) {
    if (a.begin < may_start.size()) may_start[a.begin] = true;
  }

  // The parts of the day written with day expressions (مساء أمس), by output index.
  std::vector<std::pair<size_t, std::string>> day_parts;
  for (uint32_t si = 0; si < sentences.size(); ++si) {
    const Sentence& sentence = sentences[si];
    size_t limit = std::min<size_t>(sentence.end_token, tokens.size());
    // The last date with a written year in this sentence: a later date without a year
    // continues its narrative ("نهاية سبتمبر 2020 ... وفي ليلة 10 نوفمبر").
    int context_year = 0, context_month = 0;
    size_t sentence_out = out.size();  // this sentence's first Timex
    std::vector<LoneClock> lone_clocks;
    for (size_t i = sentence.first_token; i < limit;) {
      if (!may_start[i]) {
        ++i;
        continue;
      }
      // ذلك اليوم is the day of the story, not the day of publication: skipped whole.
      if (auto skip = impl_->Longest(tokens, i, limit, Bit(Kind::kNotDate))) {
        i = skip->end;
        continue;
      }
      if (auto range = impl_->ParseRange(tokens, i, limit)) {
        Timex tx = impl_->ResolveRange(*range, tokens, sentence.first_token, limit, pub,
                                       context_year, context_month);
        tx.sentence = si;
        tx.span = {tokens[range->begin].span.start, tokens[range->end - 1].span.end};
        tx.text = std::string(tx.span.In(text));
        if (range->second.year != 0 && range->second.month != 0) {
          context_year = range->second.year;
          context_month = range->second.month;
        }
        out.push_back(std::move(tx));
        i = range->end;
        continue;
      }
      std::optional<Parsed> parsed = impl_->ParseAt(tokens, i, limit);
      if (!parsed) parsed = impl_->ParseDuration(tokens, i, limit, amounts);
      if (!parsed) {
        ++i;
        continue;
      }
      Parsed& p = *parsed;
      Timex tx;
      tx.sentence = si;
      tx.span = {tokens[p.begin].span.start, tokens[p.end - 1].span.end};
      tx.text = std::string(tx.span.In(text));
      if (!p.duration.empty()) {
        tx.value = p.duration;
        tx.granularity = Granularity::kDuration;
        tx.anchor = "duration";
        // "قبل ثلاث سنوات": that long before publication, a point at the unit's grain.
        if (p.begin > sentence.first_token && tokens[p.begin - 1].key == kAgo &&
            tokens[p.begin - 1].proclitics.empty() && p.duration_unit != 'H') {
          AgoFrom(pub, p.duration_amount, p.duration_unit, tx);
          tx.span.start = tokens[p.begin - 1].span.start;
          tx.text = std::string(tx.span.In(text));
        }
        out.push_back(std::move(tx));
        i = p.end;
        continue;
      }
      if (p.relative_span || p.relative_week) {
        tx.granularity = Granularity::kRange;
        if (pub.date) {
          tx.value = p.relative_span ? SpanAt(*pub.date, p.span_amount, p.span_unit)
                                     : WeekAt(*pub.date, p.week_offset);
          tx.anchor = "published";
        } else if (p.relative_span) {
          std::string amount = "P" + std::to_string(p.span_amount) + p.span_unit;
          tx.value = p.span_amount > 0 ? "P0D/" + amount : amount + "/P0D";
        } else {
          tx.value = "P" + std::to_string(p.week_offset) + "W";
        }
        out.push_back(std::move(tx));
        i = p.end;
        continue;
      }
      if (p.season != 0) {
        ResolveSeason(p, pub, tx);
        out.push_back(std::move(tx));
        i = p.end;
        continue;
      }
      if (p.clock_only) {
        tx.granularity = Granularity::kMinute;
        bool stated = p.pm_from != 13 || !p.part.empty();
        lone_clocks.push_back({out.size(), stated ? ClockHour(p) : p.hour, p.minute, stated});
        out.push_back(std::move(tx));
        i = p.end;
        continue;
      }
      bool future =
          p.direction == 1 ||
          (p.direction == 2 && impl_->FutureAround(tokens, sentence.first_token, i, p.end, limit));
      std::optional<Ymd> ymd = ResolveDate(p, future, pub, context_year, context_month, tx);
      if (!ymd) {
        i = p.end;
        continue;
      }
      auto [y, m, d] = *ymd;
      if (p.year != 0 && m != 0 && !p.hijri) {
        context_year = p.year;
        context_month = m;
      }
      if (y != 0) {
        if (p.today && !pub.date && d != 0 && ValidDate(y, m, d)) {
          pub.date = chr::year_month_day(chr::year(y), chr::month(static_cast<unsigned>(m)),
                                         chr::day(static_cast<unsigned>(d)));
        }
        if (p.hour >= 0 && d != 0) {
          tx.value += ClockSuffix(ClockHour(p), p.minute);
          tx.granularity = Granularity::kMinute;
        }
        tx.historical = Historical(pub, y, m, d);
      }
      if (!p.part.empty()) day_parts.emplace_back(out.size(), p.part);
      out.push_back(std::move(tx));
      i = p.end;
    }
    // A lone clock time takes the nearest day of its sentence, else the last day written
    // before it when that is not background (a wire's أمس ... . وارتفع السعر بحلول الساعة
    // 0400), else stays without a day.
    for (const LoneClock& clock : lone_clocks) {
      Timex& tx = out[clock.index];
      const Timex* day = nullptr;
      uint32_t best = UINT32_MAX;
      for (size_t k = sentence_out; k < out.size(); ++k) {
        const Timex& other = out[k];
        if (!HasDay(other)) continue;
        uint32_t dist = other.span.start > tx.span.start ? other.span.start - tx.span.end
                                                         : tx.span.start - other.span.end;
        if (dist < best) {
          best = dist;
          day = &other;
        }
      }
      // Before the sentence, only a day of the news: after a background date (وكانت الحرب
      // بدأت في 7 أكتوبر 2023) a clock time is not that day's.
      bool searched = day != nullptr;
      for (size_t k = sentence_out; !searched && k > 0; --k) {
        const Timex& other = out[k - 1];
        if (!HasDay(other)) continue;
        if (!other.historical) day = &other;
        searched = true;
      }
      // مساء أمس ... اعتبارا من الساعة الثامنة: the day's evening says which eight.
      int hour = clock.hour;
      if (!clock.stated && day != nullptr) {
        size_t index = static_cast<size_t>(day - out.data());
        for (const auto& [k, part] : day_parts) {
          if (k == index) hour = AdjustHour(hour, part);
        }
      }
      std::string time = ClockSuffix(hour, clock.minute);
      if (day != nullptr) {
        tx.value = day->value.substr(0, 10) + time;
        tx.anchor = day->anchor;
        tx.historical = day->historical;
      } else {
        tx.value = "XXXX-XX-XX" + time;
      }
    }
  }
  return out;
}

}  // namespace rasd::time
