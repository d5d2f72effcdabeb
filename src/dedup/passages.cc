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

}  // namespace

std::string Passage::Bytes() const {
  std::string out;
  out.reserve(terms.size() * 4 + 1);
  for (const uint32_t t : terms) {
    for (int shift = 0; shift < 32; shift += 8)
      out.push_back(static_cast<char>((t >> shift) & 0xFF));
  }
  out.push_back(static_cast<char>((recent ? 1 : 0) | (past ? 2 : 0) | (events ? 4 : 0)));
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
  p.events = (bytes.back() & 4) != 0;
  return p;
}

std::string Passage::ToString() const {
  return "sentence=" + std::to_string(sentence) + " terms=" + std::to_string(terms.size()) +
         (recent ? " recent" : "") + (past ? " past" : "") + (events ? " events" : "");
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
    out.function_words_.insert(Hash64(t.key));
    out.function_words_.insert(Hash64(t.stem));
  }
  return out;
}

std::vector<Passage> PassageTerms::Of(const text::Analysis& analysis,
                                      std::span<const uint32_t> recent,
                                      std::span<const uint32_t> past,
                                      std::span<const uint32_t> events) const {
  std::vector<Passage> out;
  for (uint32_t s = 0; s < analysis.sentences.size(); ++s) {
    const Sentence& sentence = analysis.sentences[s];
    Passage p;
    p.sentence = s;
    p.past = std::find(past.begin(), past.end(), s) != past.end();
    p.events = std::find(events.begin(), events.end(), s) != events.end();
    // A number token is the only source of a number term, so a sentence with no event, no
    // past narration and no number token is dropped below whatever its words: its terms are
    // not worth hashing and sorting.
    const bool number = std::any_of(analysis.tokens.begin() + sentence.first_token,
                                    analysis.tokens.begin() + sentence.end_token,
                                    [](const Token& t) { return t.kind == TokenKind::kNumber; });
    if (!p.events && !p.past && !number) continue;
    p.terms.reserve(sentence.end_token - sentence.first_token);
    for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
      const Token& t = analysis.tokens[i];
      uint64_t term = 0;
      switch (t.kind) {
        case TokenKind::kWord:
          if (t.stem.size() < kMinStemBytes) continue;
          term = analysis.StemHash(i);
          if (function_words_.contains(term) ||
              (t.key != t.stem && function_words_.contains(analysis.KeyHash(i)))) {
            continue;
          }
          break;
        case TokenKind::kNumber:
        case TokenKind::kLatin:
          term = analysis.KeyHash(i);
          break;
        default:
          continue;
      }
      const auto hash = static_cast<uint32_t>(term);
      p.terms.push_back(t.kind == TokenKind::kNumber ? hash | kNumberTerm : hash & ~kNumberTerm);
    }
    std::sort(p.terms.begin(), p.terms.end());
    p.terms.erase(std::unique(p.terms.begin(), p.terms.end()), p.terms.end());
    if (p.terms.size() < kPassageMinTerms) continue;
    p.recent = std::find(recent.begin(), recent.end(), s) != recent.end();
    out.push_back(std::move(p));
  }
  return out;
}

Passages::TermSlot* Passages::Slot(uint32_t term) {
  if (2 * (used_ + 1) > slots_.size()) {
    std::vector<TermSlot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), TermSlot{});
    used_ = 0;
    for (const TermSlot& s : old) {
      if (s.head != 0) *Slot(s.term) = s;
    }
  }
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(term) & mask;; i = (i + 1) & mask) {
    if (slots_[i].head == 0) {
      ++used_;
      slots_[i].term = term;
      return &slots_[i];
    }
    if (slots_[i].term == term) return &slots_[i];
  }
}

const Passages::TermSlot* Passages::FindSlot(uint32_t term) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(term) & mask;; i = (i + 1) & mask) {
    if (slots_[i].head == 0) return nullptr;
    if (slots_[i].term == term) return &slots_[i];
  }
}

void Passages::Insert(uint32_t article, const Passage& p, bool background) {
  const auto index = static_cast<uint32_t>(entries_.size());
  Entry e;
  e.article = article;
  e.sentence = p.sentence;
  e.terms = static_cast<uint32_t>(terms_.size());
  e.count = static_cast<uint16_t>(std::min<size_t>(p.terms.size(), UINT16_MAX));
  e.recent = p.recent;
  e.past = p.past;
  e.background = background;
  for (size_t k = 0; k < e.count; ++k) {
    TermSlot* slot = Slot(p.terms[k]);
    const auto at = static_cast<uint32_t>(terms_.size());
    terms_.push_back(p.terms[k]);
    owner_.push_back(index);
    previous_.push_back(slot->head);
    slot->head = at + 1;
    ++slot->count;
  }
  entries_.push_back(e);
}

std::vector<uint32_t> Passages::Similar(uint32_t article, const Passage& p) const {
  // The passage's kPassageSearchTerms rarest terms that are indexed, each read back through
  // its kPassagePostings latest occurrences: a retelling shares kPassageMinShared terms, and
  // the facts among them (a year, a place, a figure) are rarer than the words every article
  // has, whose lists would cost the most to read and find the least.
  std::array<const TermSlot*, kPassageSearchTerms> rarest{};
  size_t found = 0;
  for (const uint32_t t : p.terms) {
    const TermSlot* slot = FindSlot(t);
    if (slot == nullptr) continue;
    if (found < rarest.size()) {
      rarest[found++] = slot;
    } else {
      auto commonest = std::max_element(
          rarest.begin(), rarest.end(),
          [](const TermSlot* a, const TermSlot* b) { return a->count < b->count; });
      if (slot->count < (*commonest)->count) *commonest = slot;
    }
  }
  if (found < kPassageMinHits) return {};
  std::vector<uint32_t> met;
  met.reserve(found * kPassagePostings);
  for (size_t k = 0; k < found; ++k) {
    uint32_t link = rarest[k]->head;
    for (size_t n = 0; link != 0 && n < kPassagePostings; ++n) {
      met.push_back(owner_[link - 1]);
      link = previous_[link - 1];
    }
  }
  std::sort(met.begin(), met.end());
  std::vector<uint32_t> candidates;
  for (size_t i = 0; i < met.size();) {
    size_t j = i;
    while (j < met.size() && met[j] == met[i]) ++j;
    const uint32_t e = met[i];
    if (j - i >= kPassageMinHits && entries_[e].article != article &&
        SamePassage(Terms(entries_[e]), p.terms)) {
      candidates.push_back(e);
    }
    i = j;
  }
  return candidates;
}

std::vector<Recurrence> Passages::Add(std::string_view article, std::optional<int64_t> day,
                                      std::span<const Passage> passages) {
  const auto a = static_cast<uint32_t>(articles_.size());
  std::vector<const Passage*> indexed;
  for (const Passage& p : passages) {
    if (p.terms.size() >= kPassageMinTerms) indexed.push_back(&p);
  }
  articles_.push_back({std::string(article), day});
  // Whether any passage of this article can make an earlier one background.
  const bool all = !day || (latest_day_ && *latest_day_ >= *day + kBackgroundDays);
  if (day && (!latest_day_ || *day > *latest_day_)) latest_day_ = day;
  std::vector<std::vector<uint32_t>> similar;
  similar.reserve(indexed.size());
  // How many passages of the present (narrated as past by neither) this article shares with
  // each earlier one.
  std::unordered_map<uint32_t, uint32_t> shared;
  for (const Passage* p : indexed) {
    similar.push_back(all || p->events ? Similar(a, *p) : std::vector<uint32_t>());
    if (p->past) continue;
    std::vector<uint32_t> seen;
    for (const uint32_t e : similar.back()) {
      if (!entries_[e].past) seen.push_back(entries_[e].article);
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (const uint32_t x : seen) ++shared[x];
  }
  auto same_news = [&](uint32_t x) { return shared[x] >= kSameNewsPassages; };
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
  articles_.push_back({std::string(article), day});
  if (day && (!latest_day_ || *day > *latest_day_)) latest_day_ = day;
  for (const Passage& p : passages) {
    if (p.terms.size() < kPassageMinTerms) continue;
    Insert(a, p, std::find(background.begin(), background.end(), p.sentence) != background.end());
  }
}

size_t Passages::MemoryBytes() const {
  size_t bytes = terms_.capacity() * sizeof(uint32_t) + entries_.capacity() * sizeof(Entry) +
                 owner_.capacity() * sizeof(uint32_t) + previous_.capacity() * sizeof(uint32_t) +
                 slots_.capacity() * sizeof(TermSlot) + articles_.capacity() * sizeof(Article);
  for (const Article& a : articles_) bytes += a.id.capacity() > 15 ? a.id.capacity() + 1 : 0;
  return bytes;
}

}  // namespace rasd::dedup
