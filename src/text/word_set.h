// A read-only set of short strings (word keys) with fast lookup by string_view. Internal to
// src/text.
//
// Why not std::unordered_set: the clitic segmenter asks about a dozen membership questions
// per word (each layer, with and without the enclitic, with inflectional endings), and the
// node-based set's hashing and pointer chasing made that the largest cost of Analyze().
// Here: open addressing over a flat array, FNV-1a hashes stored beside the keys.
#ifndef RASD_TEXT_WORD_SET_H_
#define RASD_TEXT_WORD_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::text {

class WordSet {
 public:
  // Adds a word; duplicates are ignored. Not thread-safe: fill before sharing.
  void Insert(std::string_view word) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    if (!Place(std::string(word), Finish(Extend(kSeed, word)))) return;
    ++size_;
  }

  bool Contains(std::string_view word) const {
    return ContainsHashed(word, {}, Finish(Extend(kSeed, word)));
  }

  // The FNV-1a state after `s`, continued from `state` (kSeed for the empty string). Callers
  // that ask about every prefix of one word hash it once, keeping the state at each length.
  static constexpr uint64_t kSeed = 14695981039346656037ull;
  static uint64_t Extend(uint64_t state, std::string_view s) {
    for (unsigned char c : s) state = Step(state, c);
    return state;
  }
  static uint64_t Step(uint64_t state, unsigned char c) { return (state ^ c) * 1099511628211ull; }
  static uint64_t Finish(uint64_t state) { return state ^ (state >> 29); }

  // Whether a + b is in the set; hash is Finish(Extend(Extend(kSeed, a), b)).
  bool ContainsHashed(std::string_view a, std::string_view b, uint64_t hash) const {
    if (size_ == 0) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.used) return false;
      if (s.hash == hash && s.word.size() == a.size() + b.size() && Same(s.word.data(), a) &&
          Same(s.word.data() + a.size(), b)) {
        return true;
      }
    }
  }

  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    bool used = false;
    std::string word;
  };

  // Words are short: a byte loop beats a call to memcmp.
  static bool Same(const char* p, std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (p[i] != s[i]) return false;
    }
    return true;
  }

  bool Place(std::string word, uint64_t h) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) {
        s = Slot{h, true, std::move(word)};
        return true;
      }
      if (s.hash == h && s.word == word) return false;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (Slot& s : old) {
      if (s.used) Place(std::move(s.word), s.hash);
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_WORD_SET_H_
