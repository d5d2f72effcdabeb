// A small cache of results computed from one word, one per thread. Internal to src/text.
//
// Why: news repeats three words in four, and the analyzer asks the same questions of every
// repeat (its clitics, its treebank segments). A hit here costs one hash and one 128-byte
// entry that no other thread touches: no lock, no allocation. The table is larger than the
// CPU's caches, so a caller with many words (a text's tokens) prepares them first and
// prefetches their entries ahead of the lookups (Prepare, Prefetch): the misses then overlap.
// How: direct-mapped, kEntries entries of kEntryBytes a thread, allocated on a thread's first
// use; a word that maps to a taken entry replaces it. Entries are tagged with their owner, a number
// no two owners share (NewWordCacheOwner), so that a cache outliving an analyzer never answers
// for another one built at the same address.
// Guaranteed: Find returns exactly the bytes Store was given for the same (owner, word, salt),
// or nothing. Not guaranteed: that a stored value is still there (it can be replaced).
// Words and values longer than an entry holds are not cached.
#ifndef RASD_TEXT_WORD_CACHE_H_
#define RASD_TEXT_WORD_CACHE_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "core/hash.h"

namespace rasd::text {

// A number for a new owner of entries; never 0 and never repeated within a process.
inline uint64_t NewWordCacheOwner() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// `Tag` tells the caches of different questions apart (each has its own thread-local table).
template <typename Tag, size_t kEntries, size_t kEntryBytes>
class WordCache {
 public:
  static constexpr size_t kHeader = 19;  // owner, hash, three lengths
  static constexpr size_t kBytes = kEntryBytes - kHeader;  // word and value together

  // A word (and salt) with its hash, computed once for Prefetch, Find and Store.
  struct Probe {
    std::string_view word;
    uint64_t hash = 0;
    uint8_t salt = 0;
  };
  static Probe Prepare(std::string_view word, uint8_t salt = 0) {
    return {word, HashOf(word, salt), salt};
  }

  // Asks for the entry of `probe` to be brought into the CPU cache: a text's words are
  // prepared and prefetched together before any is looked up, so that their entries' misses
  // overlap instead of following one another.
  static void Prefetch(const Probe& probe) {
    const Entry* e = &Local()->entries[probe.hash % kEntries];
    __builtin_prefetch(e);
    if constexpr (kEntryBytes > 64) __builtin_prefetch(reinterpret_cast<const char*>(e) + 64);
  }

  // The value stored for (owner, word, salt) in this thread's cache, if it is still there.
  static std::optional<std::string_view> Find(uint64_t owner, const Probe& probe) {
    const Entry& e = Local()->entries[probe.hash % kEntries];
    if (e.owner != owner || e.hash != probe.hash || e.word_length != probe.word.size() ||
        e.salt != probe.salt || std::memcmp(e.bytes, probe.word.data(), probe.word.size()) != 0) {
      return std::nullopt;
    }
    return std::string_view(e.bytes + e.word_length, e.value_length);
  }
  static std::optional<std::string_view> Find(uint64_t owner, std::string_view word,
                                              uint8_t salt = 0) {
    return Find(owner, Prepare(word, salt));
  }

  static void Store(uint64_t owner, const Probe& probe, std::string_view value) {
    if (probe.word.size() + value.size() > kBytes) return;
    Entry& e = Local()->entries[probe.hash % kEntries];
    e.owner = owner;
    e.hash = probe.hash;
    e.word_length = static_cast<uint8_t>(probe.word.size());
    e.value_length = static_cast<uint8_t>(value.size());
    e.salt = probe.salt;
    std::memcpy(e.bytes, probe.word.data(), probe.word.size());
    std::memcpy(e.bytes + probe.word.size(), value.data(), value.size());
  }
  static void Store(uint64_t owner, std::string_view word, std::string_view value,
                    uint8_t salt = 0) {
    Store(owner, Prepare(word, salt), value);
  }

 private:
  struct alignas(64) Entry {  // whole cache lines: an entry is two of them, or one
    uint64_t owner = 0;
    uint64_t hash = 0;
    uint8_t word_length = 0;
    uint8_t value_length = 0;
    uint8_t salt = 0;
    char bytes[kBytes];
  };
  static_assert(sizeof(Entry) == kEntryBytes);
  struct Table {
    std::array<Entry, kEntries> entries{};
  };

  static uint64_t HashOf(std::string_view word, uint8_t salt) {
    return Hash64(word) ^ (uint64_t{salt} * 0x9E3779B97F4A7C15ull);
  }

  static Table* Local() {
    thread_local std::unique_ptr<Table> table;
    if (table == nullptr) table = std::make_unique<Table>();
    return table.get();
  }
};

}  // namespace rasd::text

#endif  // RASD_TEXT_WORD_CACHE_H_
