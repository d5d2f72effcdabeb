// The table behind text::NumberReader, parsed from data/text/numbers.tsv. Internal to src/text;
// declared here so that numbers_test.cc can check malformed rows.
#ifndef RASD_TEXT_NUMBERS_INTERNAL_H_
#define RASD_TEXT_NUMBERS_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "core/string_table.h"
#include "text/text.h"

namespace rasd::text {

// The `kind` column; see the header of data/text/numbers.tsv.
enum class NumberKind {
  kUnit,
  kTeenUnit,
  kTeen,
  kTen,
  kHundred,
  kScale,
  kScaleDual,
  kPlural,
  kFew,
  kFraction,
  kOrdinal,
  kOrdinalTeenUnit,
  kModifier,
  kModifierAfter,
  kNotNumber,
  kPrefix,
  kPluralSuffix,
  kPluralNoun,
};

// What a modifier does to the range of the quantity it governs.
enum class Bound { kNone, kAbout, kMore, kLess, kAtLeast, kAtMost };

// A letter that the key folds away but that the table's spelling insists on.
enum class MarkedLetter : uint8_t {
  kTehMarbuta,  // ة (key ه): عدة "several" is not بعده "after him" or وعده "his promise"
  kAlefMaqsura,  // ى (key ي): أولى "first" is not أولي "preliminary"
  kBareAlef,     // ا after the first letter (key ا): واحد "one" is not وأحد "and one of"
};

struct Mark {
  uint32_t offset = 0;  // byte offset in NumberWord::key
  MarkedLetter letter = MarkedLetter::kTehMarbuta;
};

struct NumberWord {
  std::string key;          // normalised
  std::vector<Mark> marks;  // letters a word of the text must write as the table does
};

struct NumberEntry {
  std::vector<NumberWord> words;  // one for a number word; one or more for a phrase
  NumberKind kind = NumberKind::kUnit;
  double value = 0;  // the number, multiplier or fraction; 0 when the row has none
  double low = 0;    // range column (plural, few)
  double high = 0;
  std::string gender;  // "m", "f" or ""
  Bound bound = Bound::kNone;
  // Prefix tags (the value column of a prefix row).
  bool joins = false;    // and: و, the word may continue a compound (خمسة وعشرون)
  bool conj = false;     // conj: ف
  bool prep = false;     // prep: ب ل ك
  bool article = false;  // article: the prefix ends in the definite article
  int line = 0;
};

// Every word of every article is looked up with each of its possible prefixes removed, in both
// maps below: by string_view, with one hash for both (core/string_table.h).
using KeyIndex = StringTable<std::vector<size_t>>;

struct NumberTable {
  std::vector<NumberEntry> entries;  // every row, in file order
  // Single-word number entries (unit..ordinal_teen_unit) by key; indices into `entries`.
  KeyIndex words;
  // modifier, modifier_after and not_number phrases by the key of their first word.
  KeyIndex phrases;
  std::vector<size_t> prefixes;  // prefix rows, in file order
  std::vector<std::string> plural_suffixes;
  std::unordered_set<std::string> plural_nouns;
};

// Parses the text of numbers.tsv; `file` names it in error messages. Every row is checked: an
// unknown kind, a value or range that does not parse, a gender other than m/f/-, or a
// multi-word form of a single-word kind is an InvalidInput error naming the line.
Result<NumberTable> ParseNumberTable(const Normalizer& normalizer, std::string_view tsv,
                                     std::string_view file);

}  // namespace rasd::text

#endif  // RASD_TEXT_NUMBERS_INTERNAL_H_
