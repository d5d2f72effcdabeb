// A map from strings to values for lexicons that are built once and then read from many
// threads: found by std::string_view, without a copy of the key.
//
// Why not std::unordered_map: lexicon lookups run several times a token (the events coder asks
// for the key, the key without its conjunction and the stem of every token, in two lexicons),
// and the node-based map's murmur hash and bucket chains were a sixth of the pipeline's time.
// Here: XXH3 (core/hash.h), open addressing over 32-byte slots, two to a cache line. A slot
// holds the hash, the key itself when it has at most kInlineKey bytes (an Arabic word of nine
// letters), and the value itself when it is small (a byte, an index), so a hit reads one line
// instead of slot, key string, its heap bytes and value. Longer keys live in one buffer, larger
// values in a vector. A bitmap of four bits a slot, one set by each key (Bloom-like, with one
// hash bit), answers most lookups of absent words without reading a slot: most words of a text
// are in no lexicon. Measured (BENCHMARKS.md, tenth session): 30% fewer simulated cache misses
// and a little fewer instructions; the wall-time gain on the development machine was within
// its noise.
// Guaranteed: Find returns the value stored under exactly that key (bytes compared, not only
// the hash); values keep their address until the next insertion. Not thread-safe while
// inserting; read-only use is.
#ifndef RASD_CORE_STRING_TABLE_H_
#define RASD_CORE_STRING_TABLE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/hash.h"

namespace rasd {

template <typename V>
class StringTable {
 public:
  // The value of `key`, inserted default-constructed when absent.
  V& operator[](std::string_view key) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const uint64_t h = Hash64(key);
    Slot& slot = slots_[SlotOf(h, key)];
    if (slot.size == kFree) {
      slot.hash = h;
      if (key.size() <= kInlineKey) {
        slot.size = static_cast<uint8_t>(key.size());
        if (!key.empty()) std::memcpy(slot.key, key.data(), key.size());
      } else {
        slot.size = kLong;
        const LongKey at{static_cast<uint32_t>(long_keys_.size()),
                         static_cast<uint32_t>(key.size())};
        std::memcpy(slot.key, &at, sizeof at);
        long_keys_.append(key);
      }
      if constexpr (kValueInSlot) {
        slot.item = V{};
      } else {
        slot.item = static_cast<uint32_t>(values_.size());
        values_.emplace_back();
      }
      ++size_;
      Mark(h);
    }
    return ValueOf(slot);
  }

  // The value of `key`, or nullptr.
  const V* Find(std::string_view key) const { return FindHashed(Hash64(key), key); }
  // The same with `hash` == Hash64(key) computed by the caller, who asks several tables about
  // one key.
  const V* FindHashed(uint64_t hash, std::string_view key) const {
    if (!MayHold(hash)) return nullptr;
    const Slot& slot = slots_[SlotOf(hash, key)];
    return slot.size == kFree ? nullptr : &ValueOf(slot);
  }

  // Asks for the slot of `hash` to be brought into the CPU cache, ahead of a FindHashed: a
  // caller that knows the words it will ask about soon overlaps their misses.
  void Prefetch(uint64_t hash) const {
    if (MayHold(hash)) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kInlineKey = 19;
  // 8 to 16 filter bits a key: the slots are half full or less.
  static constexpr size_t kFilterBitsPerSlot = 4;
  // Small to start with: most tables of the phrase tries hold a word or two.
  static constexpr size_t kFirstSlots = 16;
  static_assert(kFirstSlots * kFilterBitsPerSlot % 64 == 0);
  static constexpr uint8_t kLong = 254;  // Slot::size of a key kept in long_keys_
  static constexpr uint8_t kFree = 255;  // Slot::size of an empty slot
  static constexpr bool kValueInSlot = sizeof(V) <= sizeof(uint32_t) &&
                                       std::is_trivially_copyable_v<V> &&
                                       std::is_default_constructible_v<V>;
  struct LongKey {
    uint32_t offset;
    uint32_t size;
  };
  // Aligned so that no slot straddles two cache lines.
  struct alignas(32) Slot {
    uint64_t hash = 0;
    std::conditional_t<kValueInSlot, V, uint32_t> item{};  // the value, or its index in values_
    uint8_t size = kFree;  // the key's length when inline, kLong or kFree
    char key[kInlineKey];  // the key, or a LongKey into long_keys_
  };
  static_assert(sizeof(Slot) == 32);

  V& ValueOf(Slot& slot) {
    if constexpr (kValueInSlot) {
      return slot.item;
    } else {
      return values_[slot.item];
    }
  }
  const V& ValueOf(const Slot& slot) const {
    if constexpr (kValueInSlot) {
      return slot.item;
    } else {
      return values_[slot.item];
    }
  }

  // The filter's bit for `hash`: taken from the hash's high half, which the slot index (its
  // low bits) does not use. Always false for an empty table.
  bool MayHold(uint64_t hash) const {
    if (filter_.empty()) return false;
    const uint64_t bit = (hash >> 32) & (filter_.size() * 64 - 1);
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  void Mark(uint64_t hash) {
    const uint64_t bit = (hash >> 32) & (filter_.size() * 64 - 1);
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }

  bool Holds(const Slot& s, std::string_view key) const {
    if (s.size != kLong) {
      return s.size == key.size() && (key.empty() || std::memcmp(s.key, key.data(), s.size) == 0);
    }
    LongKey at;
    std::memcpy(&at, s.key, sizeof at);
    return std::string_view(long_keys_).substr(at.offset, at.size) == key;
  }

  // The position of the slot holding `key`, or of the empty slot where it would go.
  size_t SlotOf(uint64_t hash, std::string_view key) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.size == kFree || (s.hash == hash && Holds(s, key))) return i;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kFirstSlots : 2 * old.size(), Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.size == kFree) continue;
      size_t i = s.hash & mask;  // keys are distinct: the first free slot is its place
      while (slots_[i].size != kFree) i = (i + 1) & mask;
      slots_[i] = s;
    }
    filter_.assign(slots_.size() * kFilterBitsPerSlot / 64, 0);
    for (const Slot& s : slots_) {
      if (s.size != kFree) Mark(s.hash);
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint64_t> filter_;  // kFilterBitsPerSlot bits a slot
  std::string long_keys_;         // keys longer than kInlineKey, end to end
  std::vector<V> values_;         // values too large for a slot
  size_t size_ = 0;
};

}  // namespace rasd

#endif  // RASD_CORE_STRING_TABLE_H_
