// Clitic segmentation of one Arabic word key: proclitics (و ف ب ك ل ال and their
// combinations) and enclitic pronouns. Internal to src/text.
//
// In: the key of a token made only of Arabic letters, and whether its last written letter is
// heh (ه and ة fold to the same key letter; only a written ه can be a pronoun).
// Out: key == proclitics + stem + enclitic, except that a stem whose ت stood for ة before a
// pronoun is flagged (Segmentation::ta_marbuta) for the caller to restore.
// Guaranteed: a deterministic function of (key, final heh); words in data/text/protected.tsv
// are never cut, and a cut that leaves a protected word stops there (للبنان -> ل + لبنان).
// Not guaranteed: treebank accuracy; this is a conservative first version (see clitics.tsv).
#ifndef RASD_TEXT_CLITICS_H_
#define RASD_TEXT_CLITICS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "text/word_set.h"

namespace rasd::text {

class Normalizer;

struct Segmentation {
  std::string_view proclitics;  // views into the key passed to Segment
  std::string_view stem;
  std::string_view enclitic;
  // The stem's final ت is a ta marbuta written open before the pronoun (حكومته = حكومة + ه):
  // the lexicon stem is the view with its last letter replaced by ه, the key of ة.
  bool ta_marbuta = false;
};

class CliticSegmenter {
 public:
  // Reads data/text/clitics.tsv and data/text/protected.tsv, keying words with `normalizer`.
  static Result<CliticSegmenter> Load(const Normalizer& normalizer);

  // final_heh: the word's last written letter is U+0647 heh (not ta marbuta).
  Segmentation Segment(std::string_view key, bool final_heh) const;

  // key is a protected word; or begins with a protected prefix ("فرنس*" in protected.tsv
  // covers فرنسا، فرنسي، فرنسية); or is a protected word plus an inflectional ending from
  // clitics.tsv (وزير protects وزيرا، وزيرة، وزيري).
  bool IsProtected(std::string_view key) const;

  // FNV states of every prefix of one word (state[i] after i bytes), so that the dozen
  // membership questions asked about a word and its prefixes hash it once.
  class Prefixes {
   public:
    explicit Prefixes(std::string_view word);
    std::string_view word() const { return word_; }
    uint64_t State(size_t length) const { return states_[length]; }

   private:
    static constexpr size_t kInline = 64;
    std::string_view word_;
    uint64_t inline_[kInline + 1];
    std::vector<uint64_t> heap_;  // words longer than kInline bytes
    uint64_t* states_;
  };
  // IsProtected of word()[0, length).
  bool IsProtected(const Prefixes& p, size_t length) const;

 private:
  struct Proclitic {
    std::string form;
    // Only cut when the article (فال، كال), the future particle (فسيقوم) or a protected word
    // (فإن) follows.
    bool needs_article = false;
  };
  // Length of the article (ال), a preposition with it (بال، لل) at the start of s, or 0.
  size_t ArticleLength(std::string_view s) const;
  // Length of the future particle at the start of s when an imperfect verb follows, or 0.
  size_t FutureLength(std::string_view s) const;
  bool MayStartWithProclitic(std::string_view s) const;
  // s may be left as a stem: three letters, or a protected two-letter word (و + كل, ب + ما).
  bool CanBeStem(std::string_view s) const;

  std::vector<Proclitic> conjunctions_;     // و ف
  std::vector<Proclitic> prepositions_;     // ب ل ك
  std::string article_;                     // ال
  std::vector<std::string> prep_articles_;  // لل (ل + ال, alef elided)
  std::string future_;                      // س
  std::vector<std::string> verb_prefixes_;  // ي ت ن: what follows the future particle
  std::vector<std::string> enclitics_;      // longest first
  std::vector<std::string> endings_;        // inflectional endings, for IsProtected
  std::vector<std::vector<std::string>> endings_by_last_byte_;  // 256 lists, longest first
  std::string heh_;     // the enclitic ه, which ة also folds to
  std::string teh_;     // ت: ة written open before a pronoun
  std::string plural_;  // ات: a plural, whose ت stays
  WordSet protected_;
  WordSet protected_prefixes_;
  std::vector<size_t> prefix_lengths_;  // distinct byte lengths of protected_prefixes_
};

}  // namespace rasd::text

#endif  // RASD_TEXT_CLITICS_H_
