// text: Arabic normalisation, sentences, tokens and clitics.
//
// In: UTF-8 text as written. Out: a matching key with a map back to original byte offsets
// (Normalizer), and an Analysis: sentences and tokens whose spans are byte offsets into the
// input. Guaranteed: the input is never modified; every key byte maps to an original offset;
// invalid UTF-8 is treated as U+FFFD without crashing; thread-safe after Load() (all methods
// const). Not guaranteed: the treebank's choice where it needs context (انه: أن + ه or إن + ه).
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
// - Clitics (kWord tokens of Arabic letters only) come from the treebank segmenter that
//   Segments() shows (one segmentation a word, cached): Token::proclitics is the key of the
//   conjunction (و ف), the preposition or future particle (ب ل ك س) and the article (ال; لل
//   for ل + ال), Token::enclitic the key of a third-person pronoun (ه ها هما هم هن; first- and
//   second-person pronouns stay on the stem, as names end so: تيلاني), and Token::stem the key
//   of the stem in the treebank's spelling, so a letter the text wrote otherwise comes back
//   (حكومته -> حكومه, مستواها -> مستوي, لقائه -> لقاء). So key == proclitics + stem + enclitic
//   except for such restored letters and for لل before a noun in ل (للجنة keeps its noun's ل
//   when the segmenter reads the article). Names stay whole: data/text/protected.tsv, and the
//   words of four letters or more of the names of people, places and countries in
//   data/lexicon/ (باشنيان and وانغ are no ب + اشنيان, و + انغ), which are also stems after a
//   clitic (وباشنيان, بطولكرم); و before a word the dictionary lacks is cut (وغانلوكا). Stems are a
//   deterministic function of the word, so lexicon entries and text agree when both go through
//   AnalyzeWord/Analyze. Measured: 98.7% of content words of UD Arabic-PADT dev get the treebank's
//   clitics (text_test).
// - A default-constructed Normalizer or Analyzer (not loaded) is usable but inert: the key is
//   the input, and Analyze returns nothing.
//
//   ASSIGN_OR_RETURN(text::Analyzer analyzer, text::Analyzer::Load());
//   std::string k = analyzer.normalizer().Key("مُحَمَّدٌ");   // "محمد"
//   text::Analysis a = analyzer.Analyze("زار لافروف يريفان. ثم غادر.");  // 2 sentences
#ifndef RASD_TEXT_TEXT_H_
#define RASD_TEXT_TEXT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "core/hash.h"

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
  // Hash64 of each token's key and of its stem (the key's hash when they are equal), made once
  // by Analyzer::Analyze for every stage that looks tokens up in its tables. KeyHash and
  // StemHash hash the token itself in an analysis built otherwise.
  std::vector<uint64_t> key_hashes;
  std::vector<uint64_t> stem_hashes;
  uint64_t KeyHash(size_t i) const {
    return key_hashes.size() == tokens.size() ? key_hashes[i] : Hash64(tokens[i].key);
  }
  uint64_t StemHash(size_t i) const {
    if (stem_hashes.size() == tokens.size()) return stem_hashes[i];
    return tokens[i].stem == tokens[i].key ? KeyHash(i) : Hash64(tokens[i].stem);
  }
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
  // The same for a caller that needs the text's key (the bytes of Normalizer::Key) before it
  // decides to analyse (the pipeline names an article by its key's hash and skips a stored
  // one): `proceed(key)` is called once the text is folded, and an empty Analysis is returned
  // when it says no. The text is folded once for both.
  Analysis Analyze(std::string_view text,
                   const std::function<bool(std::string_view key)>& proceed) const;

  // Word and number terms for full-text search, in order. Used both when indexing and when
  // parsing a query, so a query word matches every written form that folds to the same key.
  std::vector<Term> SearchTerms(std::string_view text) const;

  // Key and stem of a single word, as Analyze would produce them (for lexicon compilation).
  Token AnalyzeWord(std::string_view word) const;

  // The syntactic words of one written word, as a treebank writes them (UD Arabic-PADT
  // conventions), in the word's own spelling (not the key): separate proclitics (و ف ب ك ل س),
  // the stem with the definite article kept on it and restored after ل (للحكومة -> ل الحكومة),
  // ta marbuta restored before a pronoun (حكومته -> حكومة ه), and the enclitic pronoun
  // (بموجبه -> ب موجب ه), with the treebank's spelling where the text dropped it (واضاف ->
  // و أضاف, مستواها -> مستوى ها, لكنه -> لٰكن ه) and without diacritics. One element, the word
  // itself, when it does not split; never empty for a non-empty word. Stems are checked against
  // the Hunspell Arabic dictionary (hunspell-ar, embedded at build time; indexed on the first
  // call, about 0.3 s) and data/text/segment.tsv; the same segmentation as the tokens' clitics
  // and stem. Measured (`rasd eval seg`, CoNLL 2018 words F1): 98.3 on PADT dev, 98.7 on train.
  // Used by `rasd eval seg` and shown by `rasd text`.
  std::vector<std::string> Segments(std::string_view word) const;
  // The same, into `out`, whose strings keep their storage from call to call: no allocation
  // for a word met before once `out` has grown. The form for a loop over many words.
  void Segments(std::string_view word, std::vector<std::string>& out) const;

  // True when the stem of one written word (Segments without its clitics and article) is a
  // form of the Arabic dictionary or a word of data/text/protected.tsv: a common word, not a
  // name the dictionary lacks (بلير، شيراك، لافروف). False for a word that is not Arabic
  // letters alone, and always false when built without hunspell-ar. Used by ner/ to accept an
  // unknown person name after a title.
  bool IsDictionaryWord(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A quantity written in digits, in words, or both: خمسة, الثامنة, ثلاثة آلاف, 3 آلاف, عشرات.
struct Quantity {
  Span span;                 // in the text given to Read
  uint32_t first_token = 0;  // index into Analysis::tokens
  uint32_t end_token = 0;    // one past the last token
  double value = 0;          // the value; for an approximate quantity, the low end
  double low = 0;            // range: equal to value when exact (عشرات: 20..90, مئات: 200..900)
  double high = 0;           // +infinity when open above (أكثر من 100: 100..inf)
  bool ordinal = false;      // الثامنة, الحادي عشر
  bool approximate = false;  // عشرات, مئات, آلاف, نحو, قرابة
  std::string gender;        // "m", "f" or "" when the form does not say
  // The value part, without the span: "5 m", "8 f ordinal", "20..90 approx", "100..inf approx".
  // Print span.In(text) beside it.
  std::string ToString() const;
};

// Reads cardinal and ordinal number words (gender and case forms), compounds, approximate
// quantities and mixed digits and words from an Analysis. Table: data/text/numbers.tsv.
// Thread-safe after Load().
//
// What a caller can rely on:
// - Quantities are in text order and do not overlap; one never crosses a sentence. A span
//   covers whole tokens, so proclitics are inside it (وخمسة, بالآلاف), and so is the article
//   written apart before digits (الـ20) and a modifier before the number (نحو 3 آلاف). A
//   modifier after the counted noun (10 أشخاص على الأقل) changes the range but not the span.
// - gender is that of the counted noun the form goes with: خمسة (masculine noun, by Arabic
//   polarity) "m", خمس "f", الخامس "m", الخامسة "f". "" for forms that do not vary (عشرون,
//   مئة, digits) and once a scale follows (ثلاثة آلاف agrees with آلاف, not with the noun).
// - Ranges: the plural of a power of ten P is 2P..9P (عشرات 20..90, آلاف 2000..9000, عشرات
//   الآلاف 20000..90000); بضعة/بضع 3..9; عدة 3..10. نحو/قرابة/حوالي N keep N..N and set
//   approximate; أكثر من/ما لا يقل عن N give N..inf (the written figure, inclusive: no false
//   precision for أكثر من 1.5 مليون); أقل من/ما يصل إلى N give 0..N.
// - A definite ten (العشرين, الواحد والعشرين) or definite digits (الـ15) right after a
//   definite singular word is an ordinal (الذكرى العشرين, الدورة الـ15); after a plural
//   (المعتقلين العشرين) a cardinal. Arabic has no ordinal form for the tens.
// - Digits: "," before groups of three and "." before groups of three (two or more, or .000)
//   separate thousands; another single "," or "." is the decimal mark (2,5 مليار). Digits
//   joined to others by / : - (dates, times, scores) and 10.11.2020 are not quantities; a
//   year (عام 2020) and a percentage (50%, 10 في المائة: the 10) are plain numbers.
// - Not read: أحد/إحدى alone ("one of", "no one"; 1 only in أحد عشر), الأحد and الاثنين
//   (weekdays), month names (كانون الثاني), ثاني أكسيد, and the other phrases listed as
//   not_number in the table. A form written with ة, ى or a word-internal bare alef matches
//   only a word that writes them so (عدة is not بعده, أولى is not أولي "preliminary", واحد
//   is not وأحد).
//
//   ASSIGN_OR_RETURN(text::NumberReader numbers, text::NumberReader::Load(analyzer));
//   for (const text::Quantity& q : numbers.Read(text, analyzer.Analyze(text))) ...
class NumberReader {
 public:
  // `analyzer` must outlive the reader.
  static Result<NumberReader> Load(const Analyzer& analyzer);
  NumberReader();
  ~NumberReader();
  NumberReader(NumberReader&&) noexcept;
  NumberReader& operator=(NumberReader&&) noexcept;

  std::vector<Quantity> Read(std::string_view text, const Analysis& analysis) const;
  // The quantities of one sentence (analysis.sentences[sentence]): the same as Read gives in
  // it, since no quantity runs across sentences, for the cost of its tokens only.
  std::vector<Quantity> ReadSentence(std::string_view text, const Analysis& analysis,
                                     uint32_t sentence) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_TEXT_H_
