// A generator of news articles with near copies, for measuring src/dedup/ (dedup_bench.cc).
//
// In: clean article texts to learn word successions from (the sample corpus), and a seed.
// Out: a stream of articles, each an original, a near copy of a recent original, or another
// article on the same topic as a recent original (it shares one paragraph, the background, and
// must not be taken for a copy), with the truth about which is which.
//
// Originals are made by a word-bigram chain over the learned texts: a headline line, then four
// to eight paragraphs of two to four sentences, 150 to 400 words, shaped like the corpus's
// articles but new (two originals share few word triples, about as many as two unrelated wire
// stories). A copy takes its original and applies a random set of the edits agencies and sites
// make when they republish (Edit): paragraphs reordered, a new headline, the dateline or first
// paragraph dropped, the last paragraph or sentence cut, boilerplate added (share bar, "read
// also" block, source line, tags), punctuation, diacritics, digits and alef spellings changed.
// Guaranteed: the same seed and texts give the same stream. Not guaranteed: grammatical text.
//
//   bench::DedupGenerator gen(analyzer, corpus_texts, /*seed=*/1);
//   bench::GeneratedArticle a = gen.Next();  // a.kind, a.copy_of
#ifndef RASD_BENCH_DEDUP_GEN_H_
#define RASD_BENCH_DEDUP_GEN_H_

#include <cstdint>
#include <deque>
#include <random>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/text.h"

namespace rasd::bench {

// The edits of a copy, a bit each.
enum Edit : uint32_t {
  kReorder = 1,       // two paragraphs swap places
  kHeadline = 2,      // a new headline
  kTrimStart = 4,     // the first paragraph dropped
  kTrimEnd = 8,       // the last paragraph, or its last sentence, dropped
  kBoilerplate = 16,  // share bar, "read also" block, source line, tags, agency signature
  kPunctuation = 32,  // ، . ؛ written otherwise, a dateline dash
  kDiacritics = 64,   // harakat and tatweel on some words
  kDigits = 128,      // Arabic-Indic digits, alef and ta marbuta spellings
};

enum class Kind { kOriginal, kCopy, kSameTopic };
const char* KindName(Kind kind);  // "original", "copy", "same-topic"

struct Draft {
  std::string headline;
  std::vector<std::string> paragraphs;
  std::string Text() const;  // headline, blank line, paragraphs separated by blank lines
};

struct GeneratedArticle {
  uint64_t number = 0;  // position in the stream, from 0
  Kind kind = Kind::kOriginal;
  int64_t copy_of = -1;  // kCopy: the number of its original; kSameTopic: of the article whose
                         // topic it shares; -1 for an original
  uint32_t edits = 0;    // kCopy: the Edit bits applied
  std::string text;
};

class DedupGenerator {
 public:
  // `analyzer` must outlive the generator; `texts` are only read here.
  DedupGenerator(const text::Analyzer& analyzer, std::span<const std::string> texts, uint64_t seed);

  // The next article of the stream: 70% originals, 20% copies and 10% same-topic articles of
  // one of the last 1,000 originals.
  GeneratedArticle Next();
  // A new original.
  Draft Original();
  // `base` with the `edits` applied.
  Draft Copy(const Draft& base, uint32_t edits);
  // Another article on `base`'s topic: new paragraphs around one of base's (its background).
  Draft SameTopic(const Draft& base);

 private:
  std::string Sentence(int min_words, int max_words);
  std::string Paragraph();
  std::string Boilerplate();
  std::string Respell(const std::string& text, uint32_t edits);

  const text::Analyzer& analyzer_;
  std::mt19937_64 rng_;
  std::vector<std::string> words_;           // every distinct word
  std::vector<uint32_t> starts_;             // words that begin a sentence
  std::vector<std::vector<uint32_t>> next_;  // successors of each word, with repeats
  std::unordered_map<std::string, uint32_t> index_;
  std::deque<std::pair<uint64_t, Draft>> recent_;  // the last originals, by number
  uint64_t count_ = 0;
};

}  // namespace rasd::bench

#endif  // RASD_BENCH_DEDUP_GEN_H_
