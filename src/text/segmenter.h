// Treebank segmentation of one written word into its syntactic words, as UD Arabic-PADT writes
// them (Analyzer::Segments). Internal to src/text.
//
// In: the letters of one Arabic word as written (marks removed) and their keys, letter for
// letter. Out: the syntactic words in treebank spelling: proclitics و ف ب ل ك س one word each,
// the stem with its article (restored after ل: للحكومة -> ل الحكومة), hamza and alef maqsura
// restored from the lexicon where the text dropped them (واضاف -> و أضاف, مستواها -> مستوى ها),
// ta marbuta restored before a pronoun (حكومته -> حكومة ه), and the pronoun.
//
// How, in order: fixed segmentations, pronoun hosts (عليه، لها، بأنه), protected words (whole;
// also the words of the lexicon's names, and no proclitic cut inside a
// protected prefix or from a protected word with an inflectional ending: وزيرا، وصلت),
// function words after a proclitic (وقد، بذلك) -- data/text/segment.tsv and protected.tsv --
// then every reading conjunction? (preposition or future)? stem pronoun? whose stem is a form
// of the Hunspell Arabic dictionary (expanded at build time, see segment_lexicon/) with the part
// of speech its clitics need (س before a verb, ب before a noun, ني after a verb), with the
// article, or protected. The word itself competes when it is a form. Best: the fewest clitics
// not flagged "cut" in segment.tsv (و ب س: وقال is و + قال although وقال is a form), then a
// stem spelled as written over a restored one, then a split over the whole word, then the
// longest stem. A word the dictionary lacks after the article or the conjunction و is cut
// there as a guess that any dictionary reading beats (بالسارس, وغانلوكا).
// SplitWord gives the same segmentation as counts and the stem's spelling, for the tokens'
// clitics (Analyzer::Analyze).
// Guaranteed: deterministic; never empty for a non-empty word; without the dictionary (built
// without hunspell-ar) only function words, protected words and the article are used.
// Not guaranteed: names that begin or end like clitics and are in neither the dictionary, nor
// protected.tsv, nor the lexicon can be cut (سيفان -> س + يفأن); the treebank's choices that need context
// (انه: أن + ه after most verbs, إن + ه after قال; قادته: قادة + ه or قادت + ه) get the more
// frequent reading.
// Thread-safe: Load() reads the tables; the dictionary index is built once, under
// std::call_once, by the first segmentation; all methods are const.
#ifndef RASD_TEXT_SEGMENTER_H_
#define RASD_TEXT_SEGMENTER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace rasd::text {

class CharTable;

// FNV-1a over the code points of a short key (a word or a part of one), mixed at the end:
// cheap enough to inline where a word's candidate stems are hashed by the dozen.
inline uint64_t U32KeyHash(std::u32string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (char32_t c : s) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

// Hash and equality for maps keyed by std::u32string that find by std::u32string_view without
// building a key string.
struct U32Hash {
  using is_transparent = void;
  size_t operator()(std::u32string_view s) const { return U32KeyHash(s); }
};
template <typename V>
using U32Map = std::unordered_map<std::u32string, V, U32Hash, std::equal_to<>>;

class TreebankSegmenter {
 public:
  static constexpr char32_t kArabicBlock = U'\u0600';  // block_keys_ covers U+0600 to U+06FF

  // Letters of one word, held inline: segmentation builds and compares many candidate stems
  // a word, and heap strings made their allocations a large part of its cost.
  class Letters {
   public:
    static constexpr size_t kCapacity = 32;  // kMaxLetters in the .cc, and two restored letters
    Letters() = default;
    Letters(std::u32string_view a, std::u32string_view b = {}) { Append(a), Append(b); }
    void Append(std::u32string_view s) {
      for (char32_t c : s) Append(c);
    }
    void Append(char32_t c) {
      if (size_ < kCapacity) data_[size_++] = c;
    }
    std::u32string_view view() const { return {data_.data(), size_}; }
    bool empty() const { return size_ == 0; }

   private:
    std::array<char32_t, kCapacity> data_;
    size_t size_ = 0;
  };
  // One word's segmentation: [conjunction] [preposition or future] stem [pronoun], as counts of
  // the written word's letters, and the stem in treebank spelling. A word that stays whole has
  // no clitic and its own letters as stem.
  struct Split {
    uint8_t conj = 0, prep = 0, pronoun = 0;  // written letters of each clitic, 0 when absent
    // The stem begins with the definite article, of which `article` letters are written: 2 for
    // ال, 1 after the preposition ل, which takes its alef (للحكومة = ل + الحكومة), 0 before a
    // noun in ل, which takes its lam too (للجنة = ل + اللجنة).
    bool definite = false;
    uint8_t article = 0;
    Letters stem;  // with the article, as the treebank writes it (الحكومة, أضاف, حكومة)
    // The pronoun is a first- or second-person one (ني, نا, ك...) that the token's view
    // (Token::enclitic) leaves on the stem: names end so (تيلاني), news rarely says "me".
    bool pronoun_stays_on_stem = false;
    // A fixed segmentation of another shape (عما = عن ما, مازال = ما زال): its words,
    // space-separated; the word then has no clitic and its own letters as stem.
    const std::u32string* other = nullptr;
    // No clitic and no fixed segmentation: the word is one syntactic word.
    bool whole() const { return conj + prep + pronoun == 0 && other == nullptr; }
  };

  // Reads data/text/segment.tsv and data/text/protected.tsv. `table` must outlive the
  // segmenter. The
  // dictionary is indexed on the first segmentation (about 0.3 s), so that loading an
  // Analyzer stays cheap for the callers that never ask for treebank segments.
  static Result<TreebankSegmenter> Load(const CharTable& table);

  // The segmentation of a word given as its letters (no marks) and their keys, one key letter
  // per letter.
  Split SplitWord(std::u32string_view letters, std::u32string_view keys) const;

  // Calls f(word) for each space-separated word of `s`, in order.
  template <typename F>
  static void ForEachSpaced(std::u32string_view s, F&& f) {
    for (size_t at = 0; at <= s.size();) {
      size_t end = s.find(U' ', at);
      if (end == std::u32string_view::npos) end = s.size();
      if (end > at) f(s.substr(at, end - at));
      at = end + 1;
    }
  }

  // Calls f(word) for each syntactic word of `split` of the word `letters`, in order: the
  // written clitics, the stem's spelling, the written pronoun (or the words of a fixed
  // segmentation of another shape). Not called when the word stays whole.
  template <typename F>
  static void ForEachWord(const Split& split, std::u32string_view letters, F&& f) {
    if (split.other != nullptr) {
      ForEachSpaced(*split.other, f);
      return;
    }
    if (split.whole()) return;
    if (split.conj != 0) f(letters.substr(0, split.conj));
    if (split.prep != 0) f(letters.substr(split.conj, split.prep));
    f(split.stem.view());
    if (split.pronoun != 0) f(letters.substr(letters.size() - split.pronoun));
  }

  // True when the word (letters and keys as for Segment) is a dictionary form, the article
  // and a dictionary noun, or a protected word.
  bool IsForm(std::u32string_view letters, std::u32string_view keys) const;

  // The key letter of one letter (أ -> ا, ة -> ه, ى -> ي...), the letter itself when its key is
  // not one letter.
  char32_t KeyLetter(char32_t letter) const {
    if (letter >= kArabicBlock && letter < kArabicBlock + 0x100) {
      if (const char32_t key = block_keys_[letter - kArabicBlock]; key != 0) return key;
    }
    return SlowKeyLetter(letter);
  }

  // Number of dictionary forms (0 when built without hunspell-ar).
  size_t LexiconSize() const { return Index().count; }

 private:
  struct Row {
    std::u32string form;                // as written in segment.tsv
    std::u32string value;               // spelling or segments
    bool after_preposition = false;     // host: بأنه = ب + أن + ه
    bool takes_verbal_pronoun = false;  // host: إنني = إن + ني
  };
  struct Clitic {
    std::u32string form;
    bool noun = false;     // only with a noun
    bool verb = false;     // only with a verb
    bool article = false;  // only before the article
    bool cut = false;      // cut even when the whole word is a dictionary form
    bool stays_on_stem = false;  // a pronoun the token leaves on its stem (Split)
  };
  // A dictionary lookup: parts of speech of the forms compatible with the written letters, and
  // the best spelling among them.
  struct Entry {
    bool verb = false;
    bool noun = false;
    bool found() const { return verb || noun; }
    Letters spelling;
    int rank = 0;       // 1 when the spelling puts a hamza on a seat the text wrote bare
    bool rare = false;  // every compatible form is rare in news (an imperative...)
  };
  // One reading of the word being segmented.
  struct Reading {
    const Clitic* conj = nullptr;
    const Clitic* prep = nullptr;  // a preposition or the future particle
    const Clitic* pronoun = nullptr;
    Letters stem;         // treebank spelling
    size_t length = 0;    // written letters of the stem
    int rank = 0;         // 0: the stem as written, 1: a restored final letter (ى ء ا)
    bool guessed = false;  // a word the dictionary lacks, after a clitic and the article
    int Clitics() const { return (conj != nullptr) + (prep != nullptr) + (pronoun != nullptr); }
  };

  class CliticList;
  struct LazyIndex;
  // The dictionary index, built once, on first use: records (each form's letters and keys,
  // one byte a letter, and its parts of speech), an open-addressing table of 8-byte slots (a
  // hash tag and a record offset) over them, and a Bloom filter in front. Segmentation tries
  // several readings a word and most are not forms: the filter (1 MiB, two bits a form, about
  // 2% false positives) answers those, and a form costs a slot and a record. All three live in
  // one block on huge pages where the kernel gives them, as TLB misses dominated the lookups.
  const LazyIndex& Index() const;
  Entry Lookup(std::u32string_view key, std::u32string_view letters) const;
  // Asks the memory Lookup(key, ...) will read for, without waiting for it.
  void Prefetch(std::u32string_view key) const;
  // The spelling of a word of protected.tsv written compatibly with `letters` (والي, not
  // وإلى; ألمانيا for المانيا); nullptr for any other word.
  // `names`: the words of the entity lexicon's names count too (see names_).
  const std::u32string* Protected(std::u32string_view key, std::u32string_view letters,
                                  bool names = true) const;
  const Row* Pick(const U32Map<std::vector<Row>>& table,
                  std::u32string_view key, std::u32string_view letters) const;
  // Fills r.stem and r.rank from the stem's key and letters; false when the reading is not
  // valid (no dictionary form with the part of speech its clitics need).
  bool ValidStem(std::u32string_view key, std::u32string_view letters, Reading& r) const;
  Split SplitClitics(std::u32string_view letters, std::u32string_view keys) const;
  // Sets split.definite and split.article when the stem begins with the article.
  void MarkArticle(std::u32string_view letters, std::u32string_view keys, Split& split) const;
  // The words of a fixed segmentation as a Split of `letters` when they have its shape.
  bool Shape(std::u32string_view value, std::u32string_view letters, Split& out) const;

  char32_t SlowKeyLetter(char32_t letter) const;  // KeyLetter through the character table

  const CharTable* table_ = nullptr;
  std::array<char32_t, 256> block_keys_{};  // KeyLetter of the Arabic block, U+0600 to U+06FF
  std::vector<Clitic> conjunctions_, prepositions_, pronouns_;  // prepositions_ has the future
  // pronouns_ (indexes, longest first) by the slot of their last letter (LetterSlot): most
  // words end with a letter no pronoun ends with.
  std::array<std::vector<uint8_t>, 64> pronouns_by_last_;
  std::u32string verb_prefixes_;
  // Lists of keys by one of their letters, for the few that can match a word: the slot of a
  // letter of the Arabic block (ء to ي fall in distinct slots).
  using ByLetter = std::array<std::vector<std::u32string>, 64>;
  static size_t LetterSlot(char32_t c) { return c & 63; }
  ByLetter endings_;  // keys of inflectional endings (segment.tsv), by their last letter
  U32Map<std::vector<Row>> hosts_, fixed_, function_words_;
  U32Map<std::vector<std::u32string>> protected_;  // key -> forms
  // The words of the entity lexicon's names (Load): kept whole like
  // protected words, but no dictionary words (IsForm).
  U32Map<std::vector<std::u32string>> names_;
  ByLetter protected_prefixes_;  // keys of protected.tsv's prefixes (سياس*), by first letter
  // The keys of the tables above and of names_, as a Bloom filter (131,072 bits, two a key,
  // about 0.5% false positives for the 5,000 keys of the data files and the lexicon's names):
  // most candidate stems of a word are in none of them, and the filter says so without a walk
  // through a map's buckets.
  class TableKeys {
   public:
    void Add(std::u32string_view key) {
      const uint64_t h = U32KeyHash(key);
      for (const uint64_t bit : {h & kMask, (h >> 32) & kMask}) bits_[bit >> 6] |= 1ull << (bit & 63);
    }
    bool MayContain(std::u32string_view key) const {
      const uint64_t h = U32KeyHash(key), b1 = h & kMask, b2 = (h >> 32) & kMask;
      return ((bits_[b1 >> 6] >> (b1 & 63)) & (bits_[b2 >> 6] >> (b2 & 63)) & 1) != 0;
    }

   private:
    static constexpr uint64_t kMask = (1u << 17) - 1;
    std::array<uint64_t, (kMask + 1) / 64> bits_{};
  };
  TableKeys table_keys_;
  // The dictionary: the embedded form list (static storage) and its index.
  std::string_view forms_;
  struct FreeDeleter {
    void operator()(void* p) const;
  };
  struct LazyIndex {
    std::once_flag once;
    std::unique_ptr<uint64_t[], FreeDeleter> memory;
    const uint64_t* filter = nullptr;  // 2^kFilterBits bits
    const uint64_t* slots = nullptr;   // tag << 32 | (record offset + 1); 0 is empty
    const uint8_t* records = nullptr;  // letters n, n letters, n keys, flags (see .cc)
    uint64_t mask = 0;                 // slots - 1, a power of two less 1
    size_t count = 0;                  // forms indexed
    static constexpr int kFilterBits = 23;
    static uint64_t Bit1(uint64_t hash) { return hash >> (64 - kFilterBits); }
    static uint64_t Bit2(uint64_t hash) { return (hash >> 18) & ((1ull << kFilterBits) - 1); }
    bool MayContain(uint64_t hash) const {
      const uint64_t b1 = Bit1(hash), b2 = Bit2(hash);
      return ((filter[b1 >> 6] >> (b1 & 63)) & (filter[b2 >> 6] >> (b2 & 63)) & 1) != 0;
    }
  };
  std::unique_ptr<LazyIndex> index_ = std::make_unique<LazyIndex>();
};

}  // namespace rasd::text

#endif  // RASD_TEXT_SEGMENTER_H_
