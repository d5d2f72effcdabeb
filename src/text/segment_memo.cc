#include "text/segment_memo.h"

#include "core/hash.h"

namespace rasd::text {
namespace {

constexpr size_t kMinSlots = 1024;
constexpr size_t kMaxSlots = 2 * SegmentMemo::kShardWords;  // at most half full
constexpr size_t kMaxLength = 255;                          // bytes of a word or segment

}  // namespace

uint64_t SegmentMemo::HashOf(std::string_view word) { return Hash64(word); }

uint64_t* SegmentMemo::Probe(Shard& shard, uint64_t hash, std::string_view word) {
  const uint64_t tag = hash >> 32;
  const size_t mask = shard.slots.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    uint64_t& slot = shard.slots[i];
    if (slot == 0) return &slot;
    if ((slot >> 32) != tag) continue;
    const size_t at = static_cast<uint32_t>(slot) - 1;
    const size_t length = static_cast<unsigned char>(shard.arena[at]);
    if (std::string_view(shard.arena).substr(at + 1, length) == word) return &slot;
  }
}

bool SegmentMemo::Find(std::string_view word, std::vector<std::string>& out) const {
  if (word.size() > kMaxLength) return false;
  const uint64_t hash = HashOf(word);
  Shard& shard = shards_[(hash >> 16) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.slots.empty()) return false;
  const uint64_t slot = *Probe(shard, hash, word);
  if (slot == 0) return false;
  size_t at = static_cast<uint32_t>(slot) - 1;
  at += 1 + static_cast<unsigned char>(shard.arena[at]);
  const size_t count = static_cast<unsigned char>(shard.arena[at++]);
  out.resize(count);
  for (std::string& segment : out) {
    const size_t length = static_cast<unsigned char>(shard.arena[at++]);
    segment.assign(shard.arena, at, length);
    at += length;
  }
  return true;
}

void SegmentMemo::Insert(std::string_view word, const std::vector<std::string>& segments) {
  if (word.size() > kMaxLength || segments.size() > kMaxLength) return;
  for (const std::string& s : segments) {
    if (s.size() > kMaxLength) return;
  }
  const uint64_t hash = HashOf(word);
  Shard& shard = shards_[(hash >> 16) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.words >= kShardWords || shard.arena.size() > UINT32_MAX / 2) {
    shard.slots.assign(kMinSlots, 0);
    shard.arena.clear();
    shard.words = 0;
  }
  if (shard.slots.empty()) shard.slots.assign(kMinSlots, 0);
  // The table grows with the words, so that a small vocabulary stays in cache.
  if (2 * (shard.words + 1) > shard.slots.size() && shard.slots.size() < kMaxSlots) {
    std::vector<uint64_t> old(2 * shard.slots.size(), 0);
    old.swap(shard.slots);
    for (const uint64_t slot : old) {
      if (slot == 0) continue;
      const size_t at = static_cast<uint32_t>(slot) - 1;
      const std::string_view w =
          std::string_view(shard.arena).substr(at + 1, static_cast<unsigned char>(shard.arena[at]));
      *Probe(shard, HashOf(w), w) = slot;
    }
  }
  uint64_t* slot = Probe(shard, hash, word);
  if (*slot != 0) return;
  *slot = (hash >> 32) << 32 | (shard.arena.size() + 1);
  shard.arena.push_back(static_cast<char>(word.size()));
  shard.arena.append(word);
  shard.arena.push_back(static_cast<char>(segments.size()));
  for (const std::string& s : segments) {
    shard.arena.push_back(static_cast<char>(s.size()));
    shard.arena.append(s);
  }
  ++shard.words;
}

}  // namespace rasd::text
