#include "dedup/passages.h"

#include <algorithm>
#include <array>
#include <limits>
#include <unordered_map>

#include "core/data.h"
#include "core/hash.h"
#include "dedup/stories.h"

namespace rasd::dedup {
namespace {

constexpr std::string_view kFunctionWordsFile = "text/function_words.tsv";

// A word stem of fewer letters than this is not a term: two-letter stems are function words
// or clitic remnants far more often than facts. Letters of the Arabic block are two bytes.
constexpr size_t kMinStemBytes = 6;

// splitmix64's finaliser, seeded per hash function: the minimum hashes of the LSH bands.
constexpr uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// The kPassageBands band keys of a term set: the minimum of hash function b over the terms.
// One value a band, not several: a retelling inside a longer sentence shares a third of the
// longer one's terms (Jaccard 0.3), and two values agree in full too seldom for that.
std::array<uint32_t, kPassageBands> BandKeys(std::span<const uint32_t> terms) {
  std::array<uint64_t, kPassageBands> mins;
  mins.fill(std::numeric_limits<uint64_t>::max());
  for (const uint32_t t : terms) {
    for (size_t i = 0; i < mins.size(); ++i) {
      mins[i] = std::min(mins[i], Mix((uint64_t{i} << 32) | t));
    }
  }
  std::array<uint32_t, kPassageBands> keys;
  for (size_t b = 0; b < keys.size(); ++b) keys[b] = static_cast<uint32_t>(mins[b] >> 32);
  return keys;
}

}  // namespace

std::string Passage::Bytes() const {
  std::string out;
  out.reserve(terms.size() * 4 + 1);
  for (const uint32_t t : terms) {
    for (int shift = 0; shift < 32; shift += 8)
      out.push_back(static_cast<char>((t >> shift) & 0xFF));
  }
  out.push_back(static_cast<char>((recent ? 1 : 0) | (past ? 2 : 0)));
  return out;
}

Result<Passage> Passage::FromBytes(uint32_t sentence, std::string_view bytes) {
  if (bytes.size() % 4 != 1) {
    return Status::InvalidInput("passage of sentence " + std::to_string(sentence) + ": " +
                                std::to_string(bytes.size()) + " bytes, expected 4 * n + 1");
  }
  Passage p;
  p.sentence = sentence;
  p.terms.reserve(bytes.size() / 4);
  for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
    uint32_t t = 0;
    for (int k = 0; k < 4; ++k) t |= uint32_t{static_cast<uint8_t>(bytes[i + k])} << (8 * k);
    p.terms.push_back(t);
  }
  std::sort(p.terms.begin(), p.terms.end());
  p.terms.erase(std::unique(p.terms.begin(), p.terms.end()), p.terms.end());
  p.recent = (bytes.back() & 1) != 0;
  p.past = (bytes.back() & 2) != 0;
  return p;
}

std::string Passage::ToString() const {
  return "sentence=" + std::to_string(sentence) + " terms=" + std::to_string(terms.size()) +
         (recent ? " recent" : "") + (past ? " past" : "");
}

std::string Recurrence::ToString() const {
  return article.substr(0, 8) + ":" + std::to_string(sentence) + " in " + std::to_string(articles) +
         " articles";
}

SharedTerms Shared(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t i = 0, j = 0;
  SharedTerms common;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common.terms;
      if (a[i] & kNumberTerm) ++common.numbers;
      ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return common;
}

bool SamePassage(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  const SharedTerms shared = Shared(a, b);
  const auto shorter = static_cast<double>(std::min(a.size(), b.size()));
  const auto terms = static_cast<double>(shared.terms);
  if (shared.numbers > 0) {
    return shared.terms >= kPassageMinShared && terms >= kPassageOverlapWithNumber * shorter;
  }
  return shared.terms >= kPassageMinShared + 1 && terms >= kPassageOverlap * shorter;
}

std::optional<int64_t> PublishedDay(std::string_view published) {
  return StoryDay(
      When{.value = std::string(published.substr(0, 10)), .granularity = Granularity::kDay});
}

Result<PassageTerms> PassageTerms::Load(const text::Analyzer& analyzer) {
  ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(std::string(kFunctionWordsFile)));
  PassageTerms out;
  for (const TsvRow& row : ParseTsv(tsv)) {
    if (row.fields.empty() || row.fields[0].empty()) {
      return Status::InvalidInput("data/" + std::string(kFunctionWordsFile) + ":" +
                                  std::to_string(row.line) + ": expected word<TAB>note");
    }
    const Token t = analyzer.AnalyzeWord(row.fields[0]);
    out.function_words_.insert(t.key);
    out.function_words_.insert(t.stem);
  }
  return out;
}

std::vector<Passage> PassageTerms::Of(const text::Analysis& analysis,
                                      std::span<const uint32_t> recent,
                                      std::span<const uint32_t> past) const {
  std::vector<Passage> out;
  for (uint32_t s = 0; s < analysis.sentences.size(); ++s) {
    const Sentence& sentence = analysis.sentences[s];
    Passage p;
    p.sentence = s;
    for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
      const Token& t = analysis.tokens[i];
      std::string_view term;
      switch (t.kind) {
        case TokenKind::kWord:
          if (t.stem.size() < kMinStemBytes || function_words_.contains(t.key) ||
              function_words_.contains(t.stem)) {
            continue;
          }
          term = t.stem;
          break;
        case TokenKind::kNumber:
        case TokenKind::kLatin:
          term = t.key;
          break;
        default:
          continue;
      }
      const auto hash = static_cast<uint32_t>(Hash64(term));
      p.terms.push_back(t.kind == TokenKind::kNumber ? hash | kNumberTerm : hash & ~kNumberTerm);
    }
    std::sort(p.terms.begin(), p.terms.end());
    p.terms.erase(std::unique(p.terms.begin(), p.terms.end()), p.terms.end());
    if (p.terms.size() < kPassageMinTerms) continue;
    p.recent = std::find(recent.begin(), recent.end(), s) != recent.end();
    p.past = std::find(past.begin(), past.end(), s) != past.end();
    out.push_back(std::move(p));
  }
  return out;
}

uint64_t* Passages::Slot(uint32_t key) {
  if (2 * (used_ + 1) > slots_.size()) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), 0);
    used_ = 0;
    for (const uint64_t s : old) {
      if (s != 0) *Slot(static_cast<uint32_t>(s >> 32)) = s;
    }
  }
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) {
      ++used_;
      slots_[i] = uint64_t{key} << 32;
      return &slots_[i];
    }
    if (slots_[i] >> 32 == key) return &slots_[i];
  }
}

const uint64_t* Passages::FindSlot(uint32_t key) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) return nullptr;
    if (slots_[i] >> 32 == key) return &slots_[i];
  }
}

uint32_t Passages::Insert(uint32_t article, const Passage& p, bool background) {
  const auto index = static_cast<uint32_t>(entries_.size());
  Entry e;
  e.article = article;
  e.sentence = p.sentence;
  e.terms = static_cast<uint32_t>(terms_.size());
  e.count = static_cast<uint16_t>(std::min<size_t>(p.terms.size(), UINT16_MAX));
  e.recent = p.recent;
  e.past = p.past;
  e.background = background;
  terms_.insert(terms_.end(), p.terms.begin(), p.terms.begin() + e.count);
  const std::array<uint32_t, kPassageBands> keys = BandKeys(Terms(e));
  for (size_t b = 0; b < keys.size(); ++b) {
    uint64_t* slot = Slot(keys[b]);
    e.next[b] = static_cast<uint32_t>(*slot & 0xFFFFFFFFu);
    *slot = (*slot & ~uint64_t{0xFFFFFFFFu}) | (index + 1);
  }
  entries_.push_back(e);
  return index;
}

std::vector<uint32_t> Passages::Similar(uint32_t article, const Passage& p) const {
  std::vector<uint32_t> candidates;
  const std::array<uint32_t, kPassageBands> keys = BandKeys(p.terms);
  for (size_t b = 0; b < keys.size(); ++b) {
    const uint64_t* slot = FindSlot(keys[b]);
    if (slot == nullptr) continue;
    uint32_t link = static_cast<uint32_t>(*slot & 0xFFFFFFFFu);
    for (size_t n = 0; link != 0 && n < kPassageBucketSize; ++n) {
      candidates.push_back(link - 1);
      link = entries_[link - 1].next[b];
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::erase_if(candidates, [&](uint32_t e) {
    return entries_[e].article == article || !SamePassage(Terms(entries_[e]), p.terms);
  });
  return candidates;
}

std::vector<Recurrence> Passages::Add(std::string_view article, std::optional<int64_t> day,
                                      std::span<const Passage> passages) {
  const auto a = static_cast<uint32_t>(articles_.size());
  std::vector<const Passage*> indexed;
  for (const Passage& p : passages) {
    if (p.terms.size() >= kPassageMinTerms) indexed.push_back(&p);
  }
  articles_.push_back({std::string(article), day, static_cast<uint32_t>(indexed.size())});
  std::vector<std::vector<uint32_t>> similar;
  similar.reserve(indexed.size());
  // How many of this article's passages each earlier article shares.
  std::unordered_map<uint32_t, uint32_t> shared;
  for (const Passage* p : indexed) {
    similar.push_back(Similar(a, *p));
    std::vector<uint32_t> seen;
    for (const uint32_t e : similar.back()) seen.push_back(entries_[e].article);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (const uint32_t x : seen) ++shared[x];
  }
  auto same_news = [&](uint32_t x) {
    const uint32_t n = shared[x];
    const uint32_t smaller = std::min(articles_[x].passages, articles_[a].passages);
    return n >= kSameNewsPassages && n * kSameNewsShare >= smaller;
  };
  std::vector<Recurrence> now, earlier;
  for (size_t k = 0; k < indexed.size(); ++k) {
    const Passage& p = *indexed[k];
    bool background = false;
    std::vector<uint32_t> later;    // dated retellings published kBackgroundDays or more after
    std::vector<uint32_t> undated;  // occurrences that no date orders against this one
    std::vector<uint32_t> articles{a}, undated_articles{a};
    bool past = p.past;
    for (const uint32_t e : similar[k]) {
      const Entry& x = entries_[e];
      const std::optional<int64_t>& xday = articles_[x.article].day;
      articles.push_back(x.article);
      if (day && xday) {
        if (*xday <= *day - kBackgroundDays) background = true;
        if (*xday >= *day + kBackgroundDays) later.push_back(e);
      } else if (!same_news(x.article)) {
        undated.push_back(e);
        undated_articles.push_back(x.article);
        past = past || x.past;
      }
    }
    auto distinct = [](std::vector<uint32_t>& v) {
      std::sort(v.begin(), v.end());
      return static_cast<int>(std::unique(v.begin(), v.end()) - v.begin());
    };
    const int in_articles = distinct(articles);
    if (distinct(undated_articles) >= kUndatedArticles && past) {
      background = true;
      later.insert(later.end(), undated.begin(), undated.end());
    }
    background = background && !p.recent;
    Insert(a, p, background);
    if (background) now.push_back({std::string(article), p.sentence, in_articles});
    for (const uint32_t e : later) {
      Entry& x = entries_[e];
      if (x.background || x.recent) continue;
      x.background = true;
      earlier.push_back({articles_[x.article].id, x.sentence, in_articles});
    }
  }
  now.insert(now.end(), std::make_move_iterator(earlier.begin()),
             std::make_move_iterator(earlier.end()));
  return now;
}

void Passages::Restore(std::string_view article, std::optional<int64_t> day,
                       std::span<const Passage> passages, std::span<const uint32_t> background) {
  const auto a = static_cast<uint32_t>(articles_.size());
  articles_.push_back({std::string(article), day, 0});
  for (const Passage& p : passages) {
    if (p.terms.size() < kPassageMinTerms) continue;
    ++articles_.back().passages;
    Insert(a, p, std::find(background.begin(), background.end(), p.sentence) != background.end());
  }
}

size_t Passages::MemoryBytes() const {
  size_t bytes = terms_.capacity() * sizeof(uint32_t) + entries_.capacity() * sizeof(Entry) +
                 slots_.capacity() * sizeof(uint64_t) + articles_.capacity() * sizeof(Article);
  for (const Article& a : articles_) bytes += a.id.capacity() > 15 ? a.id.capacity() + 1 : 0;
  return bytes;
}

}  // namespace rasd::dedup
