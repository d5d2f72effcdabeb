// dedup: near-duplicate articles, background passages (dedup/passages.h) and stories of events
// (dedup/stories.h), both included below.
// An article that repeats an earlier one (the same wire copy republished with another
// headline, a trimmed end, a share bar or an agency signature added, other punctuation,
// diacritics or digits) is recognised as a copy of the first one seen.
//
// In: the analysis of an article's clean text (text::Analyzer tokens) and its id. Out: a
// Signature per article, and for each article in input order either nothing (an original,
// now indexed) or a Match naming the indexed original it copies with their estimated Jaccard
// similarity.
//
// Method. MinHash with LSH banding over word shingles, rather than SimHash: MinHash estimates
// the Jaccard similarity of the two shingle sets, so the threshold is a figure with a meaning
// ("three quarters of the word triples are shared") that the gold and the generator in bench/
// can check, and a trimmed copy or one with boilerplate added loses similarity in proportion
// to what changed. SimHash's Hamming distance has no such reading and, on texts of a few
// hundred words, separates a copy with a paragraph trimmed from another report of the same
// event less cleanly. The details:
// - Shingles are runs of kShingleWords consecutive words (word, number and Latin tokens, by
//   their normalised key, Token::key), hashed with XXH3. Punctuation, diacritics, tatweel,
//   alef, hamza, ta marbuta and alef maqsura spellings and Arabic-Indic digits are folded by
//   the text stage before a shingle sees them. Not the clitic-free stem: a copy keeps its
//   words, and the stem of a word with ta marbuta written ه (الساعه) differs from the stem of
//   the same word written with ة (the ه reads as a pronoun). A text of fewer words is one
//   shingle.
// - kHashes MinHash values per article by one permutation hashing (Li, Owen and Zhang 2012):
//   the top 7 bits of a shingle's 64-bit hash choose one of 128 bins, each bin keeps the
//   smallest low 32 bits among its shingles, and an empty bin (a short text) is filled by
//   optimal densification (Shrivastava 2017), so one hash per shingle does the work of 128
//   and agreeing bins still estimate Jaccard similarity. Only the low 16 bits of each value
//   are kept (b-bit minwise hashing, Li and König 2010): a signature is 256 bytes, and two
//   unequal bins agree by accident with probability 2^-16, which the estimate corrects for.
// - LSH: kBands bands of kRows values. Two articles are compared only when one band agrees in
//   full, which happens with probability 1 - (1 - J^kRows)^kBands: 0.87 at J = 0.5, 0.988 at
//   0.6, 0.9997 at 0.7 and above 0.999999 from 0.8; 0.003 at J = 0.1 (two reports of the same
//   event sharing a background paragraph) and 3 * 10^-7 at 0.01 (unrelated news). A copy that
//   keeps less than 60% of its text in common is thus sometimes missed; in exchange the
//   originals a lookup compares stay few however large the index: about 3.6 per article from
//   the 8,000th to the 100,000th of bench/dedup_bench.cc's stream, where bands of 3 values
//   compared 4.4 on average over the first 8,000 and 6.9 over the first 65,000, a number
//   that grows with the index.
// Thresholds (estimated Jaccard of the word-triple sets): >= kNearCopy a near copy; 1.0 an
// exact copy (the same words in the same order, whatever the punctuation and spelling). Why 0.5:
// a copy that loses a fifth of its text and gains a tenth of boilerplate keeps J = 0.8 / 1.1 =
// 0.73; one cut by a paragraph at each end, about 0.6. Different articles on the same event
// measure at most 0.17 on the gold (tests/testdata/dedup-gold/), where a report repeats
// another's background paragraph word for word; unrelated articles, below 0.05. The
// estimate's standard error is about 0.044 at J = 0.5 (128 values).
//
// Guaranteed: signatures depend only on the text's words (stable across runs and machines;
// the serialised form is stored, kScheme names it); an Index gives the same answers for the
// same sequence of calls (ties go to the earliest article); cost per Check does not grow with
// the number of indexed articles beyond the rare LSH candidates and the cache misses of a
// larger table; memory 650 to 1,100 bytes per indexed article (signature 256, id 40, 32 band
// slots of 8 bytes at a load between 3/8 and 3/4; 808 MB for 802,758 originals). Not guaranteed:
// Index is not thread-safe (the pipeline calls it in input order from one place); a copy cut to
// less than half of the original, or rewritten word by word, is not a near copy here (it is a
// story, not a copy).
//
//   dedup::Index index;
//   dedup::Signature s = dedup::Sign(analyzer.Analyze(article.text));
//   if (std::optional<dedup::Match> m = index.Check(article.id, s)) { /* a copy of m->original */ }
#ifndef RASD_DEDUP_DEDUP_H_
#define RASD_DEDUP_DEDUP_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/core.h"
#include "dedup/passages.h"  // background passages: Passages, PassageTerms
#include "dedup/stories.h"   // stories of events: Stories, StoryDay
#include "text/text.h"

namespace rasd::dedup {

inline constexpr int kShingleWords = 3;
inline constexpr int kHashes = 128;
inline constexpr int kBands = 32;
inline constexpr int kRows = 4;  // kBands * kRows of the kHashes values take part in LSH
static_assert(kBands * kRows <= kHashes);
inline constexpr double kNearCopy = 0.5;
// Names the signature's parameters and hash functions; a stored signature of another scheme
// is computed again from its article's text.
inline constexpr std::string_view kScheme = "minhash-oph-w3-k128-b16-v1";

struct Signature {
  std::array<uint16_t, kHashes> values{};
  uint32_t shingles = 0;  // shingles hashed (with repeats); 0: no words, never a copy

  // kHashes * 2 bytes, little-endian, for storing.
  std::string Bytes() const;
  // Fails (kInvalidInput) on a wrong size. `shingles` is not stored and comes back as 1.
  static Result<Signature> FromBytes(std::string_view bytes);
  bool empty() const { return shingles == 0; }
  // "shingles=212 values=3f1a 0b77 ..." (the first four values).
  std::string ToString() const;
};

// The signature of an analysed text (its kWord, kNumber and kLatin tokens).
Signature Sign(const text::Analysis& analysis);
// The same from the raw text: analyzer.Analyze(text), then Sign.
Signature Sign(const text::Analyzer& analyzer, std::string_view text);

// The estimated Jaccard similarity of the two articles' shingle sets, 0..1; 0 when either is
// empty.
double Similarity(const Signature& a, const Signature& b);

struct Match {
  std::string original;   // id of the indexed article this one copies
  double similarity = 0;  // estimated Jaccard, kNearCopy..1
  bool exact() const { return similarity >= 1.0; }
  // "copy of 0123abcd... 0.86" or "exact copy of 0123abcd..."
  std::string ToString() const;
};

// The articles seen so far, each an original: a copy is reported, not indexed, so every match
// names a first-seen article.
class Index {
 public:
  explicit Index(double threshold = kNearCopy);
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // The indexed article most similar to `signature` among those with an estimated Jaccard of
  // at least the threshold; of equally similar ones the first indexed. nullopt for an empty
  // signature or when nothing comes close enough.
  std::optional<Match> Find(const Signature& signature) const;
  // Indexes an original. An empty signature is not indexed (it would match nothing).
  void Add(std::string_view id, const Signature& signature);
  // The decision for the next article in input order: Find, and Add when nothing was found.
  std::optional<Match> Check(std::string_view id, const Signature& signature);

  // Prepares room for `articles` in all, so that growth does not happen mid-run.
  void Reserve(size_t articles);
  size_t size() const;
  size_t MemoryBytes() const;  // heap bytes held
  double threshold() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::dedup

#endif  // RASD_DEDUP_DEDUP_H_
