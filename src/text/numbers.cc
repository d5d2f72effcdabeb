// NumberReader: quantities in digits and words. The words and what they mean are in
// data/text/numbers.tsv; this file is the grammar that combines them:
//
//   quantity  := [modifier] number [modifier_after]
//   number    := ordinal [teen | و ten]
//              | few [scale|plural]... | plural [scale|plural]...      (approximate)
//              | fraction scale
//              | [ال] cardinal
//   cardinal  := group [scale] (و group [scale] | و scale | و fraction [scale])...
//   group     := digits | unit [teen | مئة] [و ten] | teen_unit teen | ten
//              | hundred [و (unit [teen] [و ten] | teen_unit teen | ten)]
//
// A later part joined with و must be smaller than the scale before it (مليون وخمسمائة ألف), so
// a list of numbers (ثلاثة وأربعة) stays two quantities.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data.h"
#include "core/hash.h"
#include "text/numbers_internal.h"
#include "text/text.h"

namespace rasd::text {
namespace {

// Key spellings the grammar itself refers to (everything else is in numbers.tsv).
const std::string kArticle = "\u0627\u0644";  // ال, the definite article
const std::string kAnd = "\u0648";            // و written apart: خمسة و عشرون
const std::string kLamLam = "\u0644\u0644";   // لل: ل + ال with the alef of the article elided
const std::string kSeparatorChars = "/:-";    // 2020/11/10, 23:50, 10-11-2020
// The letters of MarkedLetter as written, with their presentation forms (which the key folds
// to the same letters).
const std::string kTehMarbutaForms[] = {"\u0629", "\uFE93", "\uFE94"};
const std::string kAlefMaqsuraForms[] = {"\u0649", "\uFEEF", "\uFEF0"};
const std::string kBareAlef = "\u0627";
// أ إ آ and their presentation forms.
const std::string kHamzaAlefForms[] = {"\u0623", "\u0625", "\u0622", "\uFE83", "\uFE84",
                                       "\uFE87", "\uFE88", "\uFE81", "\uFE82"};
constexpr double kUnbounded = std::numeric_limits<double>::infinity();
constexpr size_t kMaxWordsBeforeModifierAfter = 2;  // 10 أشخاص على الأقل, 10 جنود سوريين تقريبا

std::optional<double> ParseValue(std::string_view s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

template <size_t N>
bool StartsWithAny(std::string_view s, const std::string (&forms)[N]) {
  for (const std::string& f : forms) {
    if (s.starts_with(f)) return true;
  }
  return false;
}

// Whether `written` (the text from the letter on) writes the letter the table insists on.
bool Agrees(MarkedLetter letter, std::string_view written) {
  switch (letter) {
    case MarkedLetter::kTehMarbuta:
      return StartsWithAny(written, kTehMarbutaForms);
    case MarkedLetter::kAlefMaqsura:
      return StartsWithAny(written, kAlefMaqsuraForms);
    case MarkedLetter::kBareAlef:
      return !StartsWithAny(written, kHamzaAlefForms);
  }
  return true;
}

// The marks of one written word of the table (see MarkedLetter). A bare alef at the start is
// not marked: اثنان and اثنتان are often written إثنان, إثنتان.
NumberWord MarkedWord(const Normalizer& normalizer, std::string_view written) {
  NumberWord w;
  const Normalized n = normalizer.Normalize(written);
  w.key = n.key;
  for (uint32_t j = 0; j < n.key.size(); ++j) {
    if ((static_cast<unsigned char>(n.key[j]) & 0xC0) == 0x80) continue;  // not a letter start
    const std::string_view from = written.substr(n.to_original[j]);
    if (StartsWithAny(from, kTehMarbutaForms)) {
      w.marks.push_back({j, MarkedLetter::kTehMarbuta});
    } else if (StartsWithAny(from, kAlefMaqsuraForms)) {
      w.marks.push_back({j, MarkedLetter::kAlefMaqsura});
    } else if (j > 0 && from.starts_with(kBareAlef)) {
      w.marks.push_back({j, MarkedLetter::kBareAlef});
    }
  }
  return w;
}

// value x multiplier, without the binary noise of decimals (4.1 مليار is 4100000000, not
// 4099999999.9999995).
double Times(double value, double multiplier) {
  const double product = value * multiplier;
  const double rounded = std::round(product);
  return std::abs(product - rounded) <= 1e-9 * std::max(1.0, std::abs(product)) ? rounded : product;
}

std::vector<std::string> SplitWords(std::string_view key) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= key.size()) {
    size_t sp = key.find(' ', start);
    if (sp == std::string_view::npos) sp = key.size();
    if (sp > start) words.emplace_back(key.substr(start, sp - start));
    start = sp + 1;
  }
  return words;
}

struct KindName {
  std::string_view name;
  NumberKind kind;
};
constexpr KindName kKindNames[] = {
    {"unit", NumberKind::kUnit},
    {"teen_unit", NumberKind::kTeenUnit},
    {"teen", NumberKind::kTeen},
    {"ten", NumberKind::kTen},
    {"hundred", NumberKind::kHundred},
    {"scale", NumberKind::kScale},
    {"scale_dual", NumberKind::kScaleDual},
    {"plural", NumberKind::kPlural},
    {"few", NumberKind::kFew},
    {"fraction", NumberKind::kFraction},
    {"ordinal", NumberKind::kOrdinal},
    {"ordinal_teen_unit", NumberKind::kOrdinalTeenUnit},
    {"modifier", NumberKind::kModifier},
    {"modifier_after", NumberKind::kModifierAfter},
    {"not_number", NumberKind::kNotNumber},
    {"prefix", NumberKind::kPrefix},
    {"plural_suffix", NumberKind::kPluralSuffix},
    {"plural_noun", NumberKind::kPluralNoun},
};

constexpr std::pair<std::string_view, Bound> kBoundNames[] = {
    {"about", Bound::kAbout},     {"more", Bound::kMore},     {"less", Bound::kLess},
    {"atleast", Bound::kAtLeast}, {"atmost", Bound::kAtMost},
};

bool IsWordKind(NumberKind k) { return k <= NumberKind::kOrdinalTeenUnit; }
bool IsPhraseKind(NumberKind k) {
  return k == NumberKind::kModifier || k == NumberKind::kModifierAfter ||
         k == NumberKind::kNotNumber;
}
// Kinds whose value column is a positive number.
bool HasValue(NumberKind k) { return IsWordKind(k) && k != NumberKind::kFew; }

// Whether every separator `sep` in `digits` is followed by exactly three digits, and the first
// group has one to three: 1,250,000 or 1.250.000.
bool GroupsOfThree(std::string_view digits, char sep) {
  const size_t first = digits.find(sep);
  if (first == std::string_view::npos || first == 0 || first > 3) return false;
  for (size_t c = first; c != std::string_view::npos;) {
    const size_t next = digits.find(sep, c + 1);
    if ((next == std::string_view::npos ? digits.size() : next) - c - 1 != 3) return false;
    c = next;
  }
  return true;
}

std::string Without(std::string_view s, char drop) {
  std::string out;
  for (char ch : s) {
    if (ch != drop) out += ch;
  }
  return out;
}

// Digits as the tokenizer keeps them: ASCII digits with , and . between (٫ and ٬ are already
// . and , in the key). Read as:
// - commas before groups of three separate thousands, a "." after them is the decimal point
//   (1,250,000 and 1,250.5); any other single comma is a decimal comma (2,5 مليار);
// - dots before groups of three with no comma separate thousands when there are two or more
//   (1.250.000) or the group is 000 (30.000: nobody writes 30 with three decimal zeros, while
//   84.540 مليون is a decimal); any other single dot is the decimal point;
// - anything else (10.11.2020, a date or a version) is not a quantity.
std::optional<double> ParseDigits(std::string_view key) {
  const size_t commas = std::count(key.begin(), key.end(), ',');
  const size_t dots = std::count(key.begin(), key.end(), '.');
  if (commas == 0) {
    if (dots >= 1 && GroupsOfThree(key, '.') && (dots >= 2 || key.ends_with(".000"))) {
      return ParseValue(Without(key, '.'));
    }
    if (dots > 1) return std::nullopt;
    return ParseValue(key);
  }
  const size_t dot = key.find('.');
  const std::string_view integer = key.substr(0, dot);
  const bool commas_before_dot = dot == std::string_view::npos || key.find(',', dot) == key.npos;
  if (dots <= 1 && commas_before_dot && GroupsOfThree(integer, ',')) {
    return ParseValue(Without(key, ','));
  }
  if (commas == 1 && dots == 0) {
    std::string decimal(key);
    decimal[decimal.find(',')] = '.';
    return ParseValue(decimal);
  }
  return std::nullopt;
}

std::string FormatNumber(double v) {
  if (std::isinf(v)) return "inf";
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  if (ec != std::errc()) return "?";
  return std::string(buf, ptr);
}

// One way to read one token: a table entry for the key with `prefix` (a prefix row, or null)
// removed from its front.
struct Reading {
  const NumberEntry* entry = nullptr;
  const NumberEntry* prefix = nullptr;
  bool joins() const { return prefix != nullptr && prefix->joins; }
  bool definite() const { return prefix != nullptr && prefix->article; }
  // Allowed on a word that continues a compound after و: و or وال.
  bool JoinPrefixOnly() const {
    return prefix != nullptr && prefix->joins && !prefix->prep && !prefix->conj;
  }
  // Allowed on a scale right after its number: none, or the article (عشرات الآلاف).
  bool NoneOrArticle() const {
    return prefix == nullptr ||
           (prefix->article && !prefix->joins && !prefix->prep && !prefix->conj);
  }
};

// The shape of a parsed number, before modifiers.
struct Parsed {
  uint32_t first = 0;  // first token (the article written apart, الـ20, included)
  uint32_t end = 0;    // one past the last token
  double low = 0;
  double high = 0;
  bool ordinal = false;
  bool approximate = false;
  std::string gender;
  // A definite lone ten (العشرين), واحد + ten (الواحد والعشرين) or definite digits (الـ20):
  // an ordinal after a definite singular noun, Arabic having no ordinal form for them.
  bool ordinal_candidate = false;
};

// The running value of a cardinal (see the grammar at the top).
struct Cardinal {
  enum class Last { kNone, kUnit, kTeenUnit, kTeen, kTen, kHundred, kScale, kDigits, kFraction };
  double total = 0;                // complete groups times their scales
  double group = 0;                // the group being read (< 1000 in words)
  double last_scale = kUnbounded;  // the smallest scale applied so far
  double fraction_scale = 0;  // the scale a fraction was taken of (مليون ونصف المليون)
  double unit = 0;            // the last unit read
  bool has_ten = false;
  Last last = Last::kNone;
  std::string gender;
  int atoms = 0;
  NumberKind first_kind = NumberKind::kUnit;
  double first_value = 0;

  // Whether an atom (a word of `kind` and `value`, or digits) may come next; if so, adds it.
  // `joined`: written after و.
  bool Add(NumberKind kind, double value, const std::string& form_gender, bool digits,
           bool joined) {
    const bool ok = atoms == 0 ? First(kind, value, form_gender, digits)
                    : joined   ? Joined(kind, value, form_gender, digits)
                               : Next(kind, value, digits);
    if (ok) {
      if (atoms == 0) {
        first_kind = kind;
        first_value = value;
      }
      ++atoms;
    }
    return ok;
  }
  bool Complete() const { return last != Last::kNone && last != Last::kTeenUnit; }
  double Value() const { return total + group; }

 private:
  bool First(NumberKind kind, double v, const std::string& g, bool digits) {
    if (digits) {
      group = v;
      last = Last::kDigits;
      return true;
    }
    switch (kind) {
      case NumberKind::kUnit:
      case NumberKind::kTeenUnit:
        StartUnit(kind, v, g);
        return true;
      case NumberKind::kTen:
        group = v;
        has_ten = true;
        last = Last::kTen;
        return true;
      case NumberKind::kHundred:
        group = v;
        last = Last::kHundred;
        return true;
      case NumberKind::kScale:
      case NumberKind::kScaleDual:
        total = kind == NumberKind::kScaleDual ? 2 * v : v;
        last_scale = v;
        last = Last::kScale;
        return true;
      default:
        return false;
    }
  }

  // No و between this atom and the one before.
  bool Next(NumberKind kind, double v, bool digits) {
    if (digits) return false;
    const bool after_unit = last == Last::kUnit && unit >= 3 && unit <= 9;
    switch (kind) {
      case NumberKind::kTeen:  // ثلاثة عشر, أحد عشر
        if (!after_unit && last != Last::kTeenUnit) return false;
        group += v;
        last = Last::kTeen;
        return true;
      case NumberKind::kHundred:  // ثلاث مئة
        if (!after_unit || v != 100 || group != unit) return false;
        group = unit * v;
        last = Last::kHundred;
        gender.clear();
        return true;
      case NumberKind::kScale:
      case NumberKind::kPlural:
        if (last == Last::kFraction && v == fraction_scale) {  // مليون ونصف المليون
          last = Last::kScale;
          return true;
        }
        if (last == Last::kNone || last == Last::kTeenUnit || last == Last::kScale ||
            last == Last::kFraction || group <= 0 || v >= last_scale) {
          return false;
        }
        total += Times(group, v);
        group = 0;
        last_scale = v;
        last = Last::kScale;
        gender.clear();  // ثلاثة آلاف: ثلاثة agrees with آلاف, not with the counted noun
        return true;
      default:
        return false;
    }
  }

  bool Joined(NumberKind kind, double v, const std::string& g, bool digits) {
    const bool new_group = last == Last::kScale && group == 0;
    if (digits) {
      if (!new_group) return false;
      group = v;
      last = Last::kDigits;
      return true;
    }
    switch (kind) {
      case NumberKind::kTen:
        if (last == Last::kUnit && unit >= 1 && unit <= 9 && !has_ten) {
          group += v;  // خمسة وعشرون: the unit's gender stays
        } else if (last == Last::kHundred || new_group) {
          group += v;
          gender.clear();
        } else {
          return false;
        }
        has_ten = true;
        last = Last::kTen;
        return true;
      case NumberKind::kUnit:
      case NumberKind::kTeenUnit:
        if (last != Last::kHundred && !new_group) return false;
        group += v;
        unit = v;
        gender = g;
        has_ten = false;
        last = kind == NumberKind::kUnit ? Last::kUnit : Last::kTeenUnit;
        return true;
      case NumberKind::kHundred:
        if (!new_group) return false;
        group = v;
        has_ten = false;
        last = Last::kHundred;
        gender.clear();
        return true;
      case NumberKind::kScale:
      case NumberKind::kScaleDual:  // مليون وألفان
        if (!new_group || v >= last_scale) return false;
        total += kind == NumberKind::kScaleDual ? 2 * v : v;
        last_scale = v;
        return true;
      case NumberKind::kFraction:  // مليون ونصف
        if (!new_group) return false;
        total += Times(v, last_scale);
        fraction_scale = last_scale;
        last = Last::kFraction;
        return true;
      default:
        return false;
    }
  }

  void StartUnit(NumberKind kind, double v, const std::string& g) {
    group = v;
    unit = v;
    gender = g;
    last = kind == NumberKind::kUnit ? Last::kUnit : Last::kTeenUnit;
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The table.

Result<NumberTable> ParseNumberTable(const Normalizer& normalizer, std::string_view tsv,
                                     std::string_view file) {
  NumberTable table;
  for (const TsvRow& row : ParseTsv(tsv)) {
    const std::string where = std::string(file) + ":" + std::to_string(row.line) + ": ";
    if (row.fields.size() < 5) {
      return Status::InvalidInput(where + "expected form<TAB>kind<TAB>value<TAB>gender<TAB>range");
    }
    const std::string& form = row.fields[0];
    const std::string& kind_name = row.fields[1];
    const std::string& value = row.fields[2];
    const std::string& gender = row.fields[3];
    const std::string& range = row.fields[4];
    NumberEntry e;
    e.line = row.line;
    auto kind = std::find_if(std::begin(kKindNames), std::end(kKindNames),
                             [&](const KindName& k) { return k.name == kind_name; });
    if (kind == std::end(kKindNames)) {
      return Status::InvalidInput(where + "unknown kind '" + kind_name + "'");
    }
    e.kind = kind->kind;

    const std::string key = normalizer.Key(form);
    if (form.empty() || key.empty()) return Status::InvalidInput(where + "empty form");
    for (const std::string& written : SplitWords(form)) {
      e.words.push_back(MarkedWord(normalizer, written));
      if (e.words.back().key.empty() || e.words.back().key.find(' ') != std::string::npos) {
        return Status::InvalidInput(where + "form '" + form + "' does not split into words");
      }
    }
    if (e.words.size() > 1 && !IsPhraseKind(e.kind)) {
      return Status::InvalidInput(where + "kind '" + kind_name + "' takes a single word");
    }

    if (HasValue(e.kind)) {
      std::optional<double> v = ParseValue(value);
      if (!v || *v <= 0) {
        return Status::InvalidInput(where + "value '" + value + "' is not a positive number");
      }
      e.value = *v;
    } else if (e.kind == NumberKind::kModifier || e.kind == NumberKind::kModifierAfter) {
      auto b = std::find_if(std::begin(kBoundNames), std::end(kBoundNames),
                            [&](const auto& p) { return p.first == value; });
      if (b == std::end(kBoundNames)) {
        return Status::InvalidInput(where + "modifier value '" + value +
                                    "' is not about|more|less|atleast|atmost");
      }
      e.bound = b->second;
    } else if (e.kind == NumberKind::kPrefix) {
      std::string tags = value;
      std::replace(tags.begin(), tags.end(), '+', ' ');
      for (const std::string& tag : SplitWords(tags)) {
        if (tag == "and") {
          e.joins = true;
        } else if (tag == "conj") {
          e.conj = true;
        } else if (tag == "prep") {
          e.prep = true;
        } else if (tag == "article") {
          e.article = true;
        } else {
          return Status::InvalidInput(where + "prefix tag '" + tag +
                                      "' is not and|conj|prep|article");
        }
      }
    } else if (value != "-") {
      return Status::InvalidInput(where + "kind '" + kind_name + "' takes no value ('-')");
    }

    if (gender == "m" || gender == "f") {
      e.gender = gender;
    } else if (gender != "-") {
      return Status::InvalidInput(where + "gender '" + gender + "' is not m, f or -");
    }

    const bool needs_range = e.kind == NumberKind::kPlural || e.kind == NumberKind::kFew;
    if (needs_range) {
      const size_t dots = range.find("..");
      std::optional<double> low, high;
      if (dots != std::string::npos) {
        low = ParseValue(std::string_view(range).substr(0, dots));
        high = ParseValue(std::string_view(range).substr(dots + 2));
      }
      if (!low || !high || *low <= 0 || *high < *low) {
        return Status::InvalidInput(where + "range '" + range + "' is not low..high");
      }
      e.low = *low;
      e.high = *high;
    } else if (range != "-") {
      return Status::InvalidInput(where + "kind '" + kind_name + "' takes no range ('-')");
    }

    const size_t index = table.entries.size();
    if (IsWordKind(e.kind)) {
      table.words[e.words[0].key].push_back(index);
    } else if (IsPhraseKind(e.kind)) {
      table.phrases[e.words[0].key].push_back(index);
    } else if (e.kind == NumberKind::kPrefix) {
      table.prefixes.push_back(index);
    } else if (e.kind == NumberKind::kPluralSuffix) {
      table.plural_suffixes.push_back(key);
    } else {
      table.plural_nouns.insert(key);
    }
    table.entries.push_back(std::move(e));
  }
  // Longest prefixes first, so that وال is tried before و on والعشرين (both are tried; the
  // order only decides which reading a tie keeps).
  std::stable_sort(table.prefixes.begin(), table.prefixes.end(), [&](size_t a, size_t b) {
    return table.entries[a].words[0].key.size() > table.entries[b].words[0].key.size();
  });
  return table;
}

// ---------------------------------------------------------------------------------------------
// Quantity

std::string Quantity::ToString() const {
  std::string out = FormatNumber(low);
  if (high != low) out += ".." + FormatNumber(high);
  if (!gender.empty()) out += " " + gender;
  if (ordinal) out += " ordinal";
  if (approximate) out += " approx";
  return out;
}

// ---------------------------------------------------------------------------------------------
// The reader.

struct NumberReader::Impl {
  NumberTable table;
  const Normalizer* normalizer = nullptr;  // owned by the Analyzer, which outlives the reader
};

namespace {

// One call of Read: the readings of every token and the grammar over them.
class Scanner {
 public:
  // Reads tokens [first, end): the readings of other tokens are never asked, since a number
  // or phrase never runs past its sentence (every look at a token after or before one checks
  // SameSentence first); `first` and `end` are 0 and tokens.size(), or a sentence's bounds.
  Scanner(const NumberTable& table, const Normalizer& normalizer, std::string_view text,
          const std::vector<Token>& tokens, uint32_t first, uint32_t end)
      : table_(table),
        normalizer_(normalizer),
        text_(text),
        tokens_(tokens),
        first_(first),
        end_(end) {
    readings_.resize(tokens.size());
    normalized_.resize(tokens.size());
    for (uint32_t i = first_; i < end_; ++i) {
      if (tokens[i].kind == TokenKind::kWord) FillReadings(i);
    }
  }

  std::vector<Quantity> Run() {
    std::vector<Quantity> out;
    const uint32_t n = end_;
    for (uint32_t i = first_; i < n;) {
      std::optional<Quantity> q = QuantityAt(i);
      const uint32_t not_number = PhraseEnd(i, NumberKind::kNotNumber);
      // The longer reading wins; a tie goes to the phrase (ثاني أكسيد, الأولى أن).
      if (not_number > i && (!q || not_number >= q->end_token)) {
        i = not_number;
        continue;
      }
      if (!q) {
        ++i;
        continue;
      }
      i = q->end_token;
      out.push_back(std::move(*q));
    }
    return out;
  }

 private:
  bool SameSentence(uint32_t a, uint32_t b) const {
    return tokens_[a].sentence == tokens_[b].sentence;
  }

  // Whether token i writes the letters the entry's first word insists on (MarkedLetter). The
  // entry's key starts at byte `shift` of the token's key; a negative shift means the entry's
  // key begins with an article the token does not write (ل + الثانية in للثانية).
  bool Spelled(uint32_t i, const NumberWord& word, int shift) {
    if (word.marks.empty()) return true;
    if (!normalized_[i]) normalized_[i] = normalizer_.Normalize(tokens_[i].span.In(text_));
    const Normalized& n = *normalized_[i];
    const std::string_view original = tokens_[i].span.In(text_);
    for (const Mark& m : word.marks) {
      const int at = static_cast<int>(m.offset) + shift;
      if (at < 0) continue;
      if (static_cast<size_t>(at) >= n.key.size()) return false;
      if (!Agrees(m.letter, original.substr(n.to_original[at]))) return false;
    }
    return true;
  }

  void AddReadings(uint32_t i, std::string_view form, const NumberEntry* prefix, int shift) {
    const uint64_t hash = Hash64(form);
    for (const KeyIndex* map : {&table_.words, &table_.phrases}) {
      const std::vector<size_t>* indices = map->FindHashed(hash, form);
      if (indices == nullptr) continue;
      for (size_t index : *indices) {
        const NumberEntry& e = table_.entries[index];
        if (Spelled(i, e.words[0], shift)) readings_[i].push_back({&e, prefix});
      }
    }
  }

  void FillReadings(uint32_t i) {
    const std::string& key = tokens_[i].key;
    AddReadings(i, key, nullptr, 0);
    for (size_t p : table_.prefixes) {
      const NumberEntry& prefix = table_.entries[p];
      const std::string& pk = prefix.words[0].key;
      if (key.size() <= pk.size() || !key.starts_with(pk)) continue;
      const std::string_view rest = std::string_view(key).substr(pk.size());
      const int shift = static_cast<int>(pk.size());
      AddReadings(i, rest, &prefix, shift);
      // لل is ل + ال: للثانية is also ل + الثانية, a form listed with its article.
      if (prefix.article && !pk.ends_with(kArticle)) {
        AddReadings(i, kArticle + std::string(rest), &prefix,
                    shift - static_cast<int>(kArticle.size()));
      }
    }
  }

  bool HasNumberReading(uint32_t i) const {
    for (const Reading& r : readings_[i]) {
      if (IsWordKind(r.entry->kind)) return true;
    }
    return false;
  }

  // One past the end of the longest phrase of `kind` that starts at token i; i if none. Only
  // the first word may carry proclitics (بنحو, وأكثر من).
  uint32_t PhraseEnd(uint32_t i, NumberKind kind, const NumberEntry** matched = nullptr) const {
    uint32_t best = i;
    for (const Reading& r : readings_[i]) {
      if (r.entry->kind != kind) continue;
      if (kind == NumberKind::kModifierAfter && r.prefix != nullptr) continue;
      const std::vector<NumberWord>& words = r.entry->words;
      uint32_t k = i + 1;
      size_t w = 1;
      for (; w < words.size() && k < tokens_.size() && SameSentence(i, k); ++w, ++k) {
        if (tokens_[k].key != words[w].key) break;
      }
      if (w == words.size() && k > best) {
        best = k;
        if (matched != nullptr) *matched = r.entry;
      }
    }
    return best;
  }

  // Digits that are part of a date, a time or a score (2020/11/10, 23:50, 10-11) are not a
  // quantity: a separator touching digits on both sides.
  bool InDigitChain(uint32_t i) const {
    auto touching_separator = [&](uint32_t sep, uint32_t other) {
      return tokens_[sep].kind == TokenKind::kPunct && tokens_[sep].key.size() == 1 &&
             kSeparatorChars.find(tokens_[sep].key[0]) != std::string::npos &&
             tokens_[other].kind == TokenKind::kNumber;
    };
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    if (i + 2 < n && tokens_[i].span.end == tokens_[i + 1].span.start &&
        tokens_[i + 1].span.end == tokens_[i + 2].span.start && touching_separator(i + 1, i + 2)) {
      return true;
    }
    return i >= 2 && tokens_[i - 1].span.end == tokens_[i].span.start &&
           tokens_[i - 2].span.end == tokens_[i - 1].span.start && touching_separator(i - 1, i - 2);
  }

  std::optional<double> DigitsAt(uint32_t i) const {
    if (tokens_[i].kind != TokenKind::kNumber || InDigitChain(i)) return std::nullopt;
    return ParseDigits(tokens_[i].key);
  }

  // The next atom of a compound after token k-1: the token at k, or the one after a و
  // written apart. Calls f(token, reading or null for digits, digits value, joined) for each
  // reading until f returns true; returns one past the atom's token, or 0 if none was taken.
  template <typename F>
  uint32_t NextAtom(uint32_t start, uint32_t k, F&& f) const {
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    if (k >= n || !SameSentence(start, k)) return 0;
    bool apart = false;
    if (tokens_[k].kind == TokenKind::kWord && tokens_[k].key == kAnd) {
      if (k + 1 >= n || !SameSentence(start, k + 1)) return 0;
      apart = true;
      ++k;
    }
    if (std::optional<double> d = DigitsAt(k)) {
      if (f(k, static_cast<const Reading*>(nullptr), *d, apart)) return k + 1;
      return 0;
    }
    for (const Reading& r : readings_[k]) {
      if (!IsWordKind(r.entry->kind)) continue;
      bool joined = false;
      if (apart) {
        if (r.prefix != nullptr && !r.NoneOrArticle()) continue;
        joined = true;
      } else if (r.joins()) {
        if (!r.JoinPrefixOnly()) continue;
        joined = true;
      } else if (!r.NoneOrArticle()) {
        continue;
      }
      if (f(k, &r, 0.0, joined)) return k + 1;
    }
    return 0;
  }

  std::optional<Parsed> ParseCardinal(uint32_t i, uint32_t first, const Reading* r,
                                      double digits) const {
    Cardinal c;
    const bool ok = r == nullptr
                        ? c.Add(NumberKind::kUnit, digits, "", true, false)
                        : c.Add(r->entry->kind, r->entry->value, r->entry->gender, false, false);
    if (!ok) return std::nullopt;
    std::optional<Parsed> best;
    uint32_t k = first + 1;
    while (true) {
      if (c.Complete()) {
        Parsed p;
        p.first = i;
        p.end = k;
        p.low = p.high = c.Value();
        p.gender = c.gender;
        const bool definite = r == nullptr ? i < first : r->definite();
        const bool lone_ten = c.atoms == 1 && c.first_kind == NumberKind::kTen;
        const bool one_and_ten = c.atoms == 2 && c.first_kind == NumberKind::kUnit &&
                                 c.first_value == 1 && c.last == Cardinal::Last::kTen;
        const bool lone_digits = r == nullptr && c.atoms == 1;
        p.ordinal_candidate = definite && (lone_ten || one_and_ten || lone_digits);
        best = p;
      }
      const uint32_t next = NextAtom(i, k, [&](uint32_t, const Reading* a, double d, bool joined) {
        Cardinal trial = c;
        const bool added = a == nullptr ? trial.Add(NumberKind::kUnit, d, "", true, joined)
                                        : trial.Add(a->entry->kind, a->entry->value,
                                                    a->entry->gender, false, joined);
        if (added) c = trial;
        return added;
      });
      if (next == 0) break;
      k = next;
    }
    return best;
  }

  std::optional<Parsed> ParseOrdinal(uint32_t i, const Reading& r) const {
    const NumberEntry& e = *r.entry;
    const bool teen_unit = e.kind == NumberKind::kOrdinalTeenUnit;
    const bool extends = teen_unit || (e.value >= 2 && e.value <= 9);
    Parsed p;
    p.first = i;
    p.ordinal = true;
    p.gender = e.gender;
    double value = e.value;
    uint32_t end = 0;
    if (extends) {
      end = NextAtom(i, i + 1, [&](uint32_t, const Reading* a, double, bool joined) {
        if (a == nullptr) return false;
        if (!joined && a->prefix == nullptr && a->entry->kind == NumberKind::kTeen) {
          value += a->entry->value;  // الثالث عشر
          return true;
        }
        if (joined && a->entry->kind == NumberKind::kTen) {
          value += a->entry->value;  // الخامس والعشرون
          return true;
        }
        return false;
      });
    }
    if (end == 0) {
      if (teen_unit) return std::nullopt;
      end = i + 1;
    }
    p.end = end;
    p.low = p.high = value;
    return p;
  }

  // عشرات, مئات الآلاف, بضعة آلاف, عدة ملايين.
  std::optional<Parsed> ParseApproximate(uint32_t i, const Reading& r) const {
    const NumberEntry& e = *r.entry;
    Parsed p;
    p.first = i;
    p.approximate = true;
    p.low = e.low;
    p.high = e.high;
    p.gender = e.gender;
    double multiplier = e.kind == NumberKind::kPlural ? e.value : 1;
    uint32_t k = i + 1;
    while (true) {
      const uint32_t next = NextAtom(i, k, [&](uint32_t, const Reading* a, double, bool joined) {
        if (a == nullptr || joined) return false;
        const NumberKind kind = a->entry->kind;
        if ((kind != NumberKind::kScale && kind != NumberKind::kPlural) ||
            a->entry->value <= multiplier) {
          return false;
        }
        multiplier = a->entry->value;
        p.low = Times(p.low, multiplier);
        p.high = Times(p.high, multiplier);
        p.gender.clear();  // بضعة آلاف: بضعة agrees with آلاف
        return true;
      });
      if (next == 0) break;
      k = next;
    }
    p.end = k;
    return p;
  }

  // نصف مليون, ربع مليار.
  std::optional<Parsed> ParseFraction(uint32_t i, const Reading& r) const {
    Parsed p;
    p.first = i;
    const uint32_t end = NextAtom(i, i + 1, [&](uint32_t, const Reading* a, double, bool joined) {
      if (a == nullptr || joined || a->entry->kind != NumberKind::kScale) return false;
      p.low = p.high = Times(r.entry->value, a->entry->value);
      return true;
    });
    if (end == 0) return std::nullopt;
    p.end = end;
    return p;
  }

  static void KeepLonger(std::optional<Parsed>& best, std::optional<Parsed> p) {
    if (p && (!best || p->end > best->end)) best = std::move(p);
  }

  // The longest number (no modifiers) that starts at token i.
  std::optional<Parsed> NumberAt(uint32_t i) const {
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    if (std::optional<double> d = DigitsAt(i)) return ParseCardinal(i, i, nullptr, *d);
    // The article written apart before digits: الـ20 (the tatweel is not in the key).
    if (tokens_[i].kind == TokenKind::kWord && tokens_[i].key == kArticle && i + 1 < n &&
        SameSentence(i, i + 1)) {
      if (std::optional<double> d = DigitsAt(i + 1)) return ParseCardinal(i, i + 1, nullptr, *d);
    }
    std::optional<Parsed> best;
    for (const Reading& r : readings_[i]) {
      switch (r.entry->kind) {
        case NumberKind::kOrdinal:
        case NumberKind::kOrdinalTeenUnit:
          KeepLonger(best, ParseOrdinal(i, r));
          break;
        case NumberKind::kPlural:
        case NumberKind::kFew:
          KeepLonger(best, ParseApproximate(i, r));
          break;
        case NumberKind::kFraction:
          KeepLonger(best, ParseFraction(i, r));
          break;
        case NumberKind::kUnit:
        case NumberKind::kTeenUnit:
        case NumberKind::kTen:
        case NumberKind::kHundred:
        case NumberKind::kScale:
        case NumberKind::kScaleDual:
          KeepLonger(best, ParseCardinal(i, i, &r, 0));
          break;
        default:
          break;
      }
    }
    return best;
  }

  // The word before token i is definite (article or possessive pronoun) and not plural: the
  // context in which a definite ten is an ordinal (الذكرى العشرين, عيد ميلاده الستين).
  bool AfterDefiniteSingular(uint32_t i) const {
    if (i == 0 || !SameSentence(i - 1, i)) return false;
    const Token& t = tokens_[i - 1];
    if (t.kind != TokenKind::kWord || HasNumberReading(i - 1)) return false;
    const bool definite = t.key.starts_with(kArticle) || t.proclitics.ends_with(kArticle) ||
                          t.proclitics.ends_with(kLamLam) || !t.enclitic.empty();
    if (!definite) return false;
    if (table_.plural_nouns.contains(t.key) || table_.plural_nouns.contains(kArticle + t.stem)) {
      return false;
    }
    for (const std::string& suffix : table_.plural_suffixes) {
      if (t.stem.size() > suffix.size() + 2 && t.stem.ends_with(suffix)) return false;
    }
    return true;
  }

  static void ApplyBound(Bound bound, Quantity& q) {
    switch (bound) {
      case Bound::kNone:
        return;
      case Bound::kAbout:
        break;
      case Bound::kMore:
      case Bound::kAtLeast:
        q.high = kUnbounded;
        break;
      case Bound::kLess:
      case Bound::kAtMost:
        q.low = 0;
        break;
    }
    q.approximate = true;
    q.value = q.low;
  }

  std::optional<Quantity> QuantityAt(uint32_t i) const {
    const NumberEntry* modifier = nullptr;
    const uint32_t after_modifier = PhraseEnd(i, NumberKind::kModifier, &modifier);
    // نحو الثالث is not a modified quantity: a modifier governs cardinals only.
    std::optional<Parsed> p;
    if (after_modifier > i && after_modifier < tokens_.size()) p = NumberAt(after_modifier);
    uint32_t first = i;
    if (!p.has_value() || p->ordinal) {
      modifier = nullptr;
      p = NumberAt(i);
      if (!p.has_value()) return std::nullopt;
      first = p->first;
    }
    Quantity q;
    q.first_token = first;
    q.end_token = p->end;
    q.low = p->low;
    q.high = p->high;
    q.value = q.low;
    q.ordinal = p->ordinal;
    q.approximate = p->approximate;
    q.gender = p->gender;
    if (p->ordinal_candidate && modifier == nullptr && AfterDefiniteSingular(p->first)) {
      q.ordinal = true;
      q.gender.clear();
    }
    if (modifier != nullptr) ApplyBound(modifier->bound, q);
    if (!q.ordinal) ModifierAfter(q);
    q.span = {tokens_[q.first_token].span.start, tokens_[q.end_token - 1].span.end};
    return q;
  }

  // 10 قتلى على الأقل: the modifier may follow the counted noun; the span grows only when it
  // follows the number directly.
  void ModifierAfter(Quantity& q) const {
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    for (uint32_t k = q.end_token; k < n && k <= q.end_token + kMaxWordsBeforeModifierAfter; ++k) {
      if (!SameSentence(q.first_token, k)) return;
      const NumberEntry* modifier = nullptr;
      const uint32_t end = PhraseEnd(k, NumberKind::kModifierAfter, &modifier);
      if (end > k) {
        ApplyBound(modifier->bound, q);
        if (k == q.end_token) q.end_token = end;
        return;
      }
      if (tokens_[k].kind != TokenKind::kWord || HasNumberReading(k)) return;
    }
  }

  const NumberTable& table_;
  const Normalizer& normalizer_;
  std::string_view text_;
  const std::vector<Token>& tokens_;
  uint32_t first_;  // the tokens read: [first_, end_)
  uint32_t end_;
  std::vector<std::vector<Reading>> readings_;         // per token
  std::vector<std::optional<Normalized>> normalized_;  // per token, when a spelling is checked
};

}  // namespace

Result<NumberReader> NumberReader::Load(const Analyzer& analyzer) {
  const std::string kFile = "text/numbers.tsv";
  ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(kFile));
  auto impl = std::make_unique<Impl>();
  ASSIGN_OR_RETURN(impl->table, ParseNumberTable(analyzer.normalizer(), tsv, "data/" + kFile));
  impl->normalizer = &analyzer.normalizer();
  NumberReader reader;
  reader.impl_ = std::move(impl);
  return reader;
}

NumberReader::NumberReader() = default;
NumberReader::~NumberReader() = default;
NumberReader::NumberReader(NumberReader&&) noexcept = default;
NumberReader& NumberReader::operator=(NumberReader&&) noexcept = default;

std::vector<Quantity> NumberReader::Read(std::string_view text, const Analysis& analysis) const {
  if (impl_ == nullptr) return {};
  return Scanner(impl_->table, *impl_->normalizer, text, analysis.tokens, 0,
                 static_cast<uint32_t>(analysis.tokens.size()))
      .Run();
}

std::vector<Quantity> NumberReader::ReadSentence(std::string_view text, const Analysis& analysis,
                                                 uint32_t sentence) const {
  if (impl_ == nullptr || sentence >= analysis.sentences.size()) return {};
  const Sentence& s = analysis.sentences[sentence];
  const auto n = static_cast<uint32_t>(analysis.tokens.size());
  return Scanner(impl_->table, *impl_->normalizer, text, analysis.tokens,
                 std::min(s.first_token, n), std::min(s.end_token, n))
      .Run();
}

}  // namespace rasd::text
