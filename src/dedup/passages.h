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
//   Cup 2018 draw tomorrow"). Two articles report the same news when they share
//   kSameNewsPassages passages or more that neither narrates as past: outlets writing up one
//   event share its present facts, articles on different news share the past they retell.
// - never a sentence the pipeline flags recent (a time word anchored on the publication:
//   "اليوم"، "أمس"، "الثلاثاء"): daily reports in a fixed wording ("قصفت القوات الأرمنية مواقع
//   في منطقة توفوز") are new each day, and they say so.
// An article added later than its retellings but published before them (an archive ingested
// out of order) makes them background when they are added, and they are reported then.
//
// What is looked up. Every passage is indexed, but of a dated article only the sentences with
// events are looked up (Passage::events: the others have nothing to mark), unless an article
// already added is dated kBackgroundDays or more after it (an archive ingested out of order:
// any of its sentences may show a later one to be background); of an undated article, every
// sentence. In a feed read in date order, that is one sentence in four or five.
// Guaranteed: deterministic for one sequence of calls; candidates are found through an
// inverted index of the terms: the kPassageSearchTerms rarest terms of a sentence (by their
// count so far), each read through its kPassagePostings latest sentences, so that a lookup
// costs at most their product whatever the size of the index; a sentence met through
// kPassageMinHits of them or more is checked on the exact term sets. Memory: 12 bytes a term
// indexed and about 40 a sentence (a news sentence has 10 to 20 terms).
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
inline constexpr size_t kPassageSearchTerms = 16;
inline constexpr size_t kPassagePostings = 16;
inline constexpr size_t kPassageMinHits = 2;

// The content terms of one sentence.
struct Passage {
  uint32_t sentence = 0;        // index into Analysis::sentences
  std::vector<uint32_t> terms;  // hashes of the terms, sorted, distinct
  bool recent = false;          // the sentence dates itself on the publication: never background
  bool past = false;            // the sentence narrates the past (a historical date or event)
  bool events = false;          // events were coded in the sentence

  // The terms as 4 bytes each, little-endian, then a byte of flags (1 recent, 2 past, 4
  // events); for the store.
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

  // The passages of an analysed text: its sentences of at least kPassageMinTerms terms that
  // hold a fact background could retell: a number (a date, a count), an event, or a past
  // narration. The others ("وأضاف أن الوضع في المنطقة يبعث على القلق الشديد") are not indexed:
  // half the sentences of news, and half the index's memory.
  // `recent` lists the sentences that date themselves on the publication, `past` those that
  // narrate the past (a historical date or event), `events` those with events, in any order.
  std::vector<Passage> Of(const text::Analysis& analysis, std::span<const uint32_t> recent = {},
                          std::span<const uint32_t> past = {},
                          std::span<const uint32_t> events = {}) const;

 private:
  std::unordered_set<uint64_t> function_words_;  // Hash64 of their keys and stems
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
  };
  struct Article {
    std::string id;
    std::optional<int64_t> day;
  };
  std::span<const uint32_t> Terms(const Entry& e) const {
    return {terms_.data() + e.terms, e.count};
  }
  // Indexes `p` of article `article`.
  void Insert(uint32_t article, const Passage& p, bool background);
  // The indexed entries of other articles whose terms are similar to `p`, distinct, in order.
  std::vector<uint32_t> Similar(uint32_t article, const Passage& p) const;

  std::vector<Article> articles_;
  std::optional<int64_t> latest_day_;  // of the articles added
  std::vector<Entry> entries_;
  // Every indexed term occurrence: the term, its entry, and the position of the term's
  // previous occurrence + 1 (0: none), so that each term's occurrences form a list, newest
  // first.
  std::vector<uint32_t> terms_, owner_, previous_;
  // The lists' heads: open addressing over terms, at most half full.
  struct TermSlot {
    uint32_t term = 0;
    uint32_t head = 0;   // latest position + 1; 0: an empty slot
    uint32_t count = 0;  // occurrences indexed: how common the term is
  };
  std::vector<TermSlot> slots_;
  size_t used_ = 0;
  TermSlot* Slot(uint32_t term);
  const TermSlot* FindSlot(uint32_t term) const;
};

}  // namespace rasd::dedup

#endif  // RASD_DEDUP_PASSAGES_H_
