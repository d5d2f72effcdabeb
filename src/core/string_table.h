// A map from strings to values for lexicons that are built once and then read from many
// threads: found by std::string_view, without a copy of the key.
//
// Why not std::unordered_map: lexicon lookups run several times a token (the events coder asks
// for the key, the key without its conjunction and the stem of every token, in two lexicons),
// and the node-based map's murmur hash and bucket chains were a sixth of the pipeline's time.
// Here: XXH3 (core/hash.h), open addressing over 16-byte slots holding the hash and an index,
// keys and values in two vectors.
// Guaranteed: Find returns the value stored under exactly that key; values keep their address
// until the next insertion. Not thread-safe while inserting; read-only use is.
#ifndef RASD_CORE_STRING_TABLE_H_
#define RASD_CORE_STRING_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"

namespace rasd {

template <typename V>
class StringTable {
 public:
  // The value of `key`, inserted default-constructed when absent.
  V& operator[](std::string_view key) {
    if (2 * (keys_.size() + 1) > slots_.size()) Grow();
    const uint64_t h = Hash64(key);
    Slot& slot = slots_[SlotOf(h, key)];
    if (slot.index == kEmpty) {
      slot = {h, static_cast<uint32_t>(keys_.size())};
      keys_.emplace_back(key);
      values_.emplace_back();
    }
    return values_[slot.index];
  }

  // The value of `key`, or nullptr.
  const V* Find(std::string_view key) const { return FindHashed(Hash64(key), key); }
  // The same with `hash` == Hash64(key) computed by the caller, who asks several tables about
  // one key.
  const V* FindHashed(uint64_t hash, std::string_view key) const {
    if (keys_.empty()) return nullptr;
    const Slot& slot = slots_[SlotOf(hash, key)];
    return slot.index == kEmpty ? nullptr : &values_[slot.index];
  }

  // Asks for the slot of `hash` to be brought into the CPU cache, ahead of a FindHashed: a
  // caller that knows the words it will ask about soon overlaps their misses.
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  size_t size() const { return keys_.size(); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = kEmpty;
  };

  // The position of the slot holding `key`, or of the empty slot where it would go.
  size_t SlotOf(uint64_t hash, std::string_view key) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty || (s.hash == hash && keys_[s.index] == key)) return i;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    for (const Slot& s : old) {
      if (s.index != kEmpty) slots_[SlotOf(s.hash, keys_[s.index])] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
  std::vector<V> values_;
};

}  // namespace rasd

#endif  // RASD_CORE_STRING_TABLE_H_
