#include "dedup/dedup.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

namespace rasd::dedup {
namespace {

// A value of two different shingle sets agrees by accident with this probability (16 bits).
constexpr double kChance = 1.0 / 65536;

// splitmix64's finaliser: the probe sequence of densification. Part of kScheme.
constexpr uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

bool IsWord(TokenKind kind) {
  return kind == TokenKind::kWord || kind == TokenKind::kNumber || kind == TokenKind::kLatin;
}

// The hash of one band of a signature, with the band's number in it so that equal values in
// different bands do not meet.
uint64_t BandHash(int band, const uint16_t* values) {
  std::array<uint16_t, kRows + 1> key{};
  key[0] = static_cast<uint16_t>(band);
  std::copy(values + band * kRows, values + (band + 1) * kRows, key.begin() + 1);
  return Hash64(std::string_view(reinterpret_cast<const char*>(key.data()), sizeof key));
}

double Estimate(const uint16_t* a, const uint16_t* b) {
  int equal = 0;
  for (int i = 0; i < kHashes; ++i) equal += a[i] == b[i] ? 1 : 0;
  const double agree = static_cast<double>(equal) / kHashes;
  return std::max(0.0, (agree - kChance) / (1 - kChance));
}

}  // namespace

std::string Signature::Bytes() const {
  std::string out(kHashes * 2, '\0');
  for (int i = 0; i < kHashes; ++i) {
    out[2 * i] = static_cast<char>(values[i] & 0xFF);
    out[2 * i + 1] = static_cast<char>(values[i] >> 8);
  }
  return out;
}

Result<Signature> Signature::FromBytes(std::string_view bytes) {
  if (bytes.size() != kHashes * 2) {
    return Status::InvalidInput("dedup signature of " + std::to_string(bytes.size()) + " bytes; " +
                                std::to_string(kHashes * 2) + " expected");
  }
  Signature s;
  for (int i = 0; i < kHashes; ++i) {
    s.values[i] = static_cast<uint16_t>(static_cast<uint8_t>(bytes[2 * i]) |
                                        (static_cast<uint8_t>(bytes[2 * i + 1]) << 8));
  }
  s.shingles = 1;
  return s;
}

std::string Signature::ToString() const {
  std::string out = "shingles=" + std::to_string(shingles) + " values=";
  char buf[8];
  for (int i = 0; i < 4; ++i) {
    std::snprintf(buf, sizeof buf, "%04x", values[i]);
    if (i > 0) out += ' ';
    out += buf;
  }
  return out;
}

Signature Sign(const text::Analysis& analysis) {
  std::vector<uint64_t> words;
  words.reserve(analysis.tokens.size());
  for (const Token& t : analysis.tokens) {
    if (IsWord(t.kind)) words.push_back(Hash64(t.key));
  }
  Signature s;
  if (words.empty()) return s;
  // One permutation: the top 7 bits of a shingle's hash choose its bin, the low 32 bits are
  // its value, and each bin keeps its smallest value.
  static_assert(kHashes == 128, "the bin is the top 7 bits of the hash");
  std::array<uint32_t, kHashes> mins;
  std::array<bool, kHashes> filled{};
  mins.fill(std::numeric_limits<uint32_t>::max());
  const size_t width = std::min<size_t>(kShingleWords, words.size());
  for (size_t i = 0; i + width <= words.size(); ++i) {
    const uint64_t x = Hash64(
        std::string_view(reinterpret_cast<const char*>(&words[i]), width * sizeof(uint64_t)));
    const size_t bin = x >> 57;
    mins[bin] = std::min(mins[bin], static_cast<uint32_t>(x));
    filled[bin] = true;
    ++s.shingles;
  }
  // Optimal densification: an empty bin takes the value of the first filled bin of its own
  // fixed pseudo-random probe sequence, the same in every text, so two texts with the same
  // shingles fill their empty bins alike.
  for (int h = 0; h < kHashes; ++h) {
    uint32_t v = mins[h];
    for (uint64_t attempt = 0; !filled[h]; ++attempt) {
      const size_t j = Mix((static_cast<uint64_t>(h) << 32) | attempt) % kHashes;
      if (filled[j]) {
        v = mins[j];
        break;
      }
    }
    s.values[h] = static_cast<uint16_t>(v);
  }
  return s;
}

Signature Sign(const text::Analyzer& analyzer, std::string_view text) {
  return Sign(analyzer.Analyze(text));
}

double Similarity(const Signature& a, const Signature& b) {
  if (a.empty() || b.empty()) return 0;
  return Estimate(a.values.data(), b.values.data());
}

std::string Match::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, " %.3f", similarity);
  return (exact() ? "exact copy of " : "copy of ") + original + (exact() ? "" : buf);
}

// The LSH table is one open-addressing array of (tag, article) slots for all bands, probed
// linearly; several articles may sit under one band hash. An article takes 256 bytes of
// values, 40 of id, and kBands slots of 8 bytes at a load of 3/8 to 3/4.
struct Index::Impl {
  struct Slot {
    uint32_t tag = 0;
    uint32_t article = kEmpty;
  };
  static constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();

  double threshold = kNearCopy;
  std::vector<uint16_t> values;  // kHashes per article
  std::string ids;               // the ids one after another
  std::vector<size_t> id_ends;   // ids[id_ends[i-1], id_ends[i]) is article i's
  std::vector<Slot> slots;       // size a power of two, or empty
  size_t used = 0;

  size_t size() const { return id_ends.size(); }
  std::string_view Id(uint32_t article) const {
    const size_t begin = article == 0 ? 0 : id_ends[article - 1];
    return std::string_view(ids).substr(begin, id_ends[article] - begin);
  }

  void Place(uint64_t hash, uint32_t article) {
    const size_t mask = slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots[i].article == kEmpty) {
        slots[i] = {static_cast<uint32_t>(hash >> 32), article};
        return;
      }
    }
  }

  // Grows the slot array to hold `entries` at a load of at most 3/4.
  void Grow(size_t entries) {
    size_t capacity = slots.empty() ? 1024 : slots.size();
    while (entries * 4 > capacity * 3) capacity *= 2;
    if (capacity == slots.size()) return;
    std::vector<Slot> old = std::move(slots);
    slots.assign(capacity, Slot{});
    // The tag keeps only the high half of the hash: the low half (the home slot) is found
    // again from each article's values.
    for (uint32_t article = 0; article < size(); ++article) {
      for (int band = 0; band < kBands; ++band) {
        Place(BandHash(band, &values[size_t{article} * kHashes]), article);
      }
    }
  }
};

Index::Index(double threshold) : impl_(std::make_unique<Impl>()) { impl_->threshold = threshold; }
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

std::optional<Match> Index::Find(const Signature& signature) const {
  const Impl& m = *impl_;
  if (signature.empty() || m.slots.empty()) return std::nullopt;
  // The band hashes first, and their slots asked for at once: in a large index each is a cache
  // (and TLB) miss, and 32 misses in flight cost about as much as one.
  std::array<uint64_t, kBands> hashes;
  const size_t mask = m.slots.size() - 1;
  for (int band = 0; band < kBands; ++band) {
    hashes[band] = BandHash(band, signature.values.data());
    __builtin_prefetch(&m.slots[hashes[band] & mask]);
  }
  std::vector<uint32_t> candidates;
  for (const uint64_t hash : hashes) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = hash & mask; m.slots[i].article != Impl::kEmpty; i = (i + 1) & mask) {
      if (m.slots[i].tag == tag) candidates.push_back(m.slots[i].article);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (uint32_t article : candidates) __builtin_prefetch(&m.values[size_t{article} * kHashes]);
  std::optional<Match> best;
  uint32_t best_article = 0;
  for (uint32_t article : candidates) {  // ascending: the first of equals stays
    const double j = Estimate(signature.values.data(), &m.values[size_t{article} * kHashes]);
    if (j < m.threshold || (best && j <= best->similarity)) continue;
    best = Match{.original = "", .similarity = j};
    best_article = article;
  }
  if (best) best->original = std::string(m.Id(best_article));
  return best;
}

void Index::Add(std::string_view id, const Signature& signature) {
  Impl& m = *impl_;
  if (signature.empty()) return;
  m.Grow(m.used + kBands);
  const auto article = static_cast<uint32_t>(m.size());
  m.values.insert(m.values.end(), signature.values.begin(), signature.values.end());
  m.ids.append(id);
  m.id_ends.push_back(m.ids.size());
  for (int band = 0; band < kBands; ++band) {
    m.Place(BandHash(band, signature.values.data()), article);
  }
  m.used += kBands;
}

std::optional<Match> Index::Check(std::string_view id, const Signature& signature) {
  std::optional<Match> match = Find(signature);
  if (!match) Add(id, signature);
  return match;
}

void Index::Reserve(size_t articles) {
  impl_->values.reserve(articles * kHashes);
  impl_->ids.reserve(articles * 32);  // article ids are 32 hex characters
  impl_->id_ends.reserve(articles);
  impl_->Grow(articles * kBands);
}

size_t Index::size() const { return impl_->size(); }

size_t Index::MemoryBytes() const {
  const Impl& m = *impl_;
  return m.values.capacity() * sizeof(uint16_t) + m.ids.capacity() +
         m.id_ends.capacity() * sizeof(size_t) + m.slots.capacity() * sizeof(Impl::Slot);
}

double Index::threshold() const { return impl_->threshold; }

}  // namespace rasd::dedup
