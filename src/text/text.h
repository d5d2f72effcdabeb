// text: Arabic normalisation, sentences, tokens and clitics.
//
// In: UTF-8 text as written. Out: a matching key with a map back to original byte offsets
// (Normalizer), and an Analysis: sentences and tokens whose spans are byte offsets into the
// input. Guaranteed: the input is never modified; every key byte maps to an original offset;
// invalid UTF-8 is treated as U+FFFD without crashing; thread-safe after Load() (all methods
// const). Not guaranteed: treebank-accurate clitic segmentation (a later issue deepens it).
//
// The key folds what Arabic spelling varies on: NFKC presentation forms, tatweel, diacritics,
// alef variants (أ إ آ ٱ -> ا), alef maqsura -> ya, ta marbuta -> ha, hamza carriers (ؤ -> و,
// ئ -> ي), Persian/Urdu letters (ی ک ە ۀ ہ), Arabic-Indic digits -> ASCII, Arabic punctuation
// -> Latin, zero-width and bidi marks dropped, all spaces -> one space. The table is
// data/text/normalize.tsv.
//
// Details callers rely on:
// - The key is context-free per character (HTML references such as &amp; and &#1605; count as
//   one character), except that whitespace runs collapse and the key is trimmed; so the key of
//   a token is Key() of the token's text alone. Latin letters are lowercased in the key.
// - Sentences: split after . ! ? (and ؟ ۔ …) unless inside a number (3.5, 10.11.2020), after an
//   abbreviation in data/text/abbreviations.tsv or a single Latin capital (U.S.), or between
//   Latin letters (e.g); closing quotes and brackets right after the mark stay in the sentence;
//   every line break ends a sentence. A dateline in the first three lines ("موسكو - سبوتنيك.",
//   "القاهرة (رويترز) -") is a sentence of its own with Sentence::dateline set.
// - Tokens: word runs of Arabic and/or Latin letters, numbers with , . ٫ ٬ between digits
//   (digits and Arabic letters never share a token: 2020م is 2020 + م), URLs (with a scheme,
//   www., or a domain in data/text/tlds.tsv), e-mails, #hashtags, @handles, and one token per
//   punctuation mark or symbol. A token's span covers its diacritics and tatweel.
// - Clitics (kWord tokens of Arabic letters only): Token::proclitics is the key prefix removed,
//   from و ف ب ك ل ال س in the layers conjunction, preposition/article, future (وال، بال، لل،
//   وس، فس...); Token::enclitic one of ه ها هما هم هن. key == proclitics + stem + enclitic,
//   except that a ت before a pronoun that stands for ة is restored in the stem (حكومته ->
//   stem حكومه). The rules are conservative and data-driven (data/text/clitics.tsv; words that
//   only look segmentable in data/text/protected.tsv); stems are a deterministic function of
//   the word, so lexicon entries and text agree when both go through AnalyzeWord/Analyze.
//   Measured: 97.9% of content words of UD Arabic-PADT dev get the treebank's clitics (text_test).
// - A default-constructed Normalizer or Analyzer (not loaded) is usable but inert: the key is
//   the input, and Analyze returns nothing.
//
//   ASSIGN_OR_RETURN(text::Analyzer analyzer, text::Analyzer::Load());
//   std::string k = analyzer.normalizer().Key("مُحَمَّدٌ");   // "محمد"
//   text::Analysis a = analyzer.Analyze("زار لافروف يريفان. ثم غادر.");  // 2 sentences
#ifndef RASD_TEXT_TEXT_H_
#define RASD_TEXT_TEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace rasd::text {

struct Normalized {
  std::string key;
  // to_original[i] is the byte offset in the input of the character that produced key byte i;
  // to_original[key.size()] is the input's size. Size: key.size() + 1.
  std::vector<uint32_t> to_original;
};

class Normalizer {
 public:
  // Reads data/text/normalize.tsv.
  static Result<Normalizer> Load();
  Normalizer();
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  Normalized Normalize(std::string_view text) const;
  // Key only (no offset map); the same bytes as Normalize(text).key.
  std::string Key(std::string_view text) const;

 private:
  friend class Analyzer;  // shares the character table instead of loading it twice
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Analysis {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
};

// A word of search text for the full-text index.
struct Term {
  std::string key;     // the stem when clitics were removed, else the key
  uint32_t start = 0;  // byte offsets in the input
  uint32_t end = 0;
};

class Analyzer {
 public:
  // Loads the normaliser and the clitic data (data/text/*.tsv).
  static Result<Analyzer> Load();
  Analyzer();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  const Normalizer& normalizer() const;

  // Sentences and tokens of `text`; spans index into `text`.
  Analysis Analyze(std::string_view text) const;

  // Word and number terms for full-text search, in order. Used both when indexing and when
  // parsing a query, so a query word matches every written form that folds to the same key.
  std::vector<Term> SearchTerms(std::string_view text) const;

  // Key and stem of a single word, as Analyze would produce them (for lexicon compilation).
  Token AnalyzeWord(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_TEXT_H_
