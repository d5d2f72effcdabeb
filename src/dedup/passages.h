// dedup/passages: background passages, sentences that retell what other articles said days
// before, in the same words or others ("the war of September 2020 ended after 44 days with a
// ceasefire brokered by Moscow"). Included through dedup/dedup.h, the stage's contract.
//
// In: for each original article (a copy is not coded and brings none), in input order, its
// publication day and the content terms of its sentences (PassageTerms::Of). Out: the
// sentences that are background, of this article and of articles added before it, each
// reported once. The pipeline marks their events background: historical, with no story, never
// a new occurrence (Event::background, when.historical).
//
// When two sentences are one passage. Each sentence is reduced to its content terms: word
// stems, numbers and Latin words, less the function words and relative time words of
// data/text/function_words.tsv. A retelling keeps the facts -- names, places, dates, numbers,
// the nouns of what happened -- and changes the verbs, the order and what surrounds them, often
// inside a longer sentence: "وكانت الأعمال العدائية قد استؤنفت في قره باغ نهاية سبتمبر 2020،
// كحلقة من صراع طويل الأمد، وفي ليلة 10 نوفمبر، اتفقت أذربيجان وأرمينيا..." holds "في نهاية
// سبتمبر 2020، استؤنفت الأعمال القتالية في ناغورني قره باغ، والتي أصبحت استمرارا للصراع الطويل
// الأمد..." in 10 of the shorter's 19 terms, though the Jaccard similarity of the two is 0.28.
// So two sentences are one passage when they share kPassageMinShared terms or more, among them
// a number (a year, a day, a count: the facts background retells are dated), and at least
// kPassageOverlapWithNumber of the shorter sentence's terms; or, sharing no number, at least
// kPassageMinShared + 1 terms and kPassageOverlap of the shorter's (a near-verbatim retelling:
// "وتتمركز قوات حفظ السلام الروسية في المنطقة بما في ذلك في ممر لاتشين"). Without the number,
// sentences on one subject pass the lower overlap too easily: "Putin's visit to Azerbaijan"
// and "Putin said that Armenia recognised Azerbaijan's sovereignty" share half their terms.
// Whole-word shingles, which find copies, see nothing in common in any of these. A sentence of
// fewer than kPassageMinTerms terms is never a passage.
//
// When an occurrence is background:
// - another article published at least kBackgroundDays days earlier has the passage: the
//   sentence retells older news. Reports of the same day (or the next: time zones, morning
//   papers) are the same news from several outlets, a story, not background; so is a passage
//   retold only by later articles, which leaves its first report news.
// - where the dates cannot say which came first (either article undated), the passage is in
//   kUndatedArticles articles or more, not counting articles that report the same news, and
//   one of them narrates the past (Passage::past: a date or an event the time and event
//   stages flag historical, "وكانت الأعمال العدائية قد استؤنفت ... نهاية سبتمبر 2020"): a
//   retelling of the past that three articles on different news repeat is background; every
//   such occurrence is background. Without dates, recurrence alone cannot tell a retelling
//   from the news of the day that several outlets wrote up ("Blatter will attend the World
//   Cup 2018 draw tomorrow"). Two articles report the same news when they share kSameNewsPassages
//   passages or more, and at least one in kSameNewsShare of the shorter article's: outlets
//   retelling one event share most of its facts, articles on different events share the background
//   paragraph and little else (in the seeds, two of a dozen sentences).
// - never a sentence the pipeline flags recent (a time word anchored on the publication:
//   "اليوم"، "أمس"، "الثلاثاء"): daily reports in a fixed wording ("قصفت القوات الأرمنية مواقع
//   في منطقة توفوز") are new each day, and they say so.
// An article added later than its retellings but published before them (an archive ingested
// out of order) makes them background when they are added, and they are reported then.
//
// Guaranteed: deterministic for one sequence of calls; candidate sentences are found through
// kPassageBands LSH bands of 2 minimum hashes over the term sets (a pair at similarity 0.5 meets
// in a band with probability 0.94, at 0.6 0.99); a lookup reads the kPassageBucketSize latest
// sentences of each band bucket, so that a common pair of terms costs no more than that; every
// candidate is checked on its exact term sets. Memory: 4 bytes a term and about 220 a sentence
// indexed (its entry, a link per band and a slot per band in a table at most half full; a
// news sentence has 10 to 20 terms).
// Not guaranteed: thread safety (the pipeline calls Add from its single writer); that a passage
// rewritten with mostly other words (synonyms for every noun) is found.
//
//   dedup::Passages passages;
//   for (const dedup::Recurrence& r : passages.Add(article.id, day, terms.Of(analysis, recent)))
//     MarkBackground(r.article, r.sentence);
#ifndef RASD_DEDUP_PASSAGES_H_
#define RASD_DEDUP_PASSAGES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/core.h"
#include "text/text.h"

namespace rasd::dedup {

inline constexpr size_t kPassageMinTerms = 6;
inline constexpr size_t kPassageMinShared = 5;
inline constexpr double kPassageOverlapWithNumber = 0.4;
inline constexpr double kPassageOverlap = 0.7;
// The top bit of a term's hash: set for a number, clear for a word.
inline constexpr uint32_t kNumberTerm = 0x80000000u;
inline constexpr int kBackgroundDays = 2;
inline constexpr int kUndatedArticles = 3;
inline constexpr uint32_t kSameNewsPassages = 2;
inline constexpr uint32_t kSameNewsShare = 4;  // one passage in 4 of the shorter article
inline constexpr int kPassageBands = 12;
inline constexpr size_t kPassageBucketSize = 32;

// The content terms of one sentence.
struct Passage {
  uint32_t sentence = 0;        // index into Analysis::sentences
  std::vector<uint32_t> terms;  // hashes of the terms, sorted, distinct
  bool recent = false;          // the sentence dates itself on the publication: never background
  bool past = false;            // the sentence narrates the past (a historical date or event)

  // The terms as 4 bytes each, little-endian, then a byte of flags (1 recent, 2 past); for
  // the store.
  std::string Bytes() const;
  // Fails (kInvalidInput) when the size is not 4 * n + 1.
  static Result<Passage> FromBytes(uint32_t sentence, std::string_view bytes);
  // "sentence=3 terms=12 recent"
  std::string ToString() const;
};

struct SharedTerms {
  size_t terms = 0;
  size_t numbers = 0;  // of terms, numbers
};
// The terms two sorted, distinct term lists share.
SharedTerms Shared(std::span<const uint32_t> a, std::span<const uint32_t> b);
// True when two term lists are one passage (see the header comment).
bool SamePassage(std::span<const uint32_t> a, std::span<const uint32_t> b);

// The day (since 1970-01-01) of a publication date (YYYY-MM-DD...); nullopt when unknown.
std::optional<int64_t> PublishedDay(std::string_view published);

class PassageTerms {
 public:
  // Reads data/text/function_words.tsv, keyed by `analyzer`, which must outlive this object.
  static Result<PassageTerms> Load(const text::Analyzer& analyzer);

  // The passages of an analysed text: its sentences of at least kPassageMinTerms terms.
  // `recent` lists the sentences that date themselves on the publication, `past` those that
  // narrate the past (a historical date or event), in any order.
  std::vector<Passage> Of(const text::Analysis& analysis, std::span<const uint32_t> recent = {},
                          std::span<const uint32_t> past = {}) const;

 private:
  std::unordered_set<std::string> function_words_;  // keys and stems
};

// A sentence found to be background.
struct Recurrence {
  std::string article;
  uint32_t sentence = 0;
  int articles = 0;              // articles with the passage when it was found, this one included
  std::string ToString() const;  // "0123abcd…:4 in 3 articles"
};

class Passages {
 public:
  // Adds an original article's passages, published on `day` (nullopt: unknown), and returns
  // the sentences now background: this article's, then earlier articles' that this one shows
  // to be retellings. Each sentence is returned once over the object's life. An article id
  // added twice is treated as two articles (the pipeline never does so).
  std::vector<Recurrence> Add(std::string_view article, std::optional<int64_t> day,
                              std::span<const Passage> passages);
  // Registers the passages of an article stored by an earlier run, without deciding anything:
  // `background` lists its sentences already marked, which are never reported again.
  void Restore(std::string_view article, std::optional<int64_t> day,
               std::span<const Passage> passages, std::span<const uint32_t> background);

  size_t size() const { return entries_.size(); }  // passages indexed
  size_t MemoryBytes() const;

 private:
  struct Entry {
    uint32_t article = 0;  // index into articles_
    uint32_t sentence = 0;
    uint32_t terms = 0;  // offset into terms_
    uint16_t count = 0;  // number of terms
    bool recent = false;
    bool past = false;
    bool background = false;
    // Per band, the entry added before this one to the same bucket, + 1 (0: none).
    std::array<uint32_t, kPassageBands> next{};
  };
  struct Article {
    std::string id;
    std::optional<int64_t> day;
    uint32_t passages = 0;  // indexed
  };
  std::span<const uint32_t> Terms(const Entry& e) const {
    return {terms_.data() + e.terms, e.count};
  }
  // Indexes `p` of article `article`; returns its entry's index.
  uint32_t Insert(uint32_t article, const Passage& p, bool background);
  // The indexed entries of other articles whose terms are similar to `p`, distinct, in order.
  std::vector<uint32_t> Similar(uint32_t article, const Passage& p) const;

  std::vector<Article> articles_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> terms_;
  // The buckets: open addressing over 32-bit band keys (a key that collides only brings
  // candidates the exact check turns away), each slot band key << 32 | (latest entry + 1);
  // 0 is empty. At most half full.
  std::vector<uint64_t> slots_;
  size_t used_ = 0;
  uint64_t* Slot(uint32_t key);
  const uint64_t* FindSlot(uint32_t key) const;
};

}  // namespace rasd::dedup

#endif  // RASD_DEDUP_PASSAGES_H_
