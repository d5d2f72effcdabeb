// A trie over token sequences, for multi-word lexicon lookup. Internal to src/ner.
//
// In: phrases as sequences of words, each word given by the labels it may match under (its
// normalised key and its clitic-free stem). Out: for a position in a token sequence, every
// phrase that matches there and its length in tokens. A text token follows an edge when its key
// or its stem equals the edge's label, so one phrase may be reached by several paths; Match
// reports each (length, value) pair once. Guaranteed: read-only after construction, so Match is
// thread-safe. Not guaranteed: any order among values of equal length.
//
//   PhraseTrie trie;
//   trie.Add({{"روسيا", "روسيا"}}, 7);
//   trie.Match(tokens, 0, tokens.size(), [](uint32_t len, uint32_t value) { ... });
#ifndef RASD_NER_PHRASE_TRIE_H_
#define RASD_NER_PHRASE_TRIE_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/string_table.h"
#include "core/types.h"

namespace rasd::ner {

// The labels one word of a phrase can be matched under: its key and its stem (equal when the
// word has no clitics).
struct WordLabels {
  std::string key;
  std::string stem;
};

class PhraseTrie {
 public:
  PhraseTrie() : next_(1), values_(1) {}

  // Adds a phrase of at least one word with `value`. The same value may be added under several
  // phrases.
  void Add(std::span<const WordLabels> words, uint32_t value);

  // Calls visit(length, value) for each phrase matching tokens[begin, end) from `begin`, where
  // length is the number of tokens it spans. Each (length, value) pair is reported once.
  template <typename Visit>
  void Match(std::span<const Token> tokens, size_t begin, size_t end, Visit&& visit) const {
    MatchHashed(tokens, begin, end, std::forward<Visit>(visit),
                [&](size_t i, bool stem) { return Hash64(stem ? tokens[i].stem : tokens[i].key); });
  }
  // The same with Hash64 of each token's key and stem given, one per token of `tokens`: a caller
  // matching at every position of a text hashes each word once, not at every walk.
  template <typename Visit>
  void Match(std::span<const Token> tokens, std::span<const uint64_t> key_hashes,
             std::span<const uint64_t> stem_hashes, size_t begin, size_t end, Visit&& visit) const {
    MatchHashed(tokens, begin, end, std::forward<Visit>(visit),
                [&](size_t i, bool stem) { return stem ? stem_hashes[i] : key_hashes[i]; });
  }

  bool empty() const { return values_.size() == 1; }

  // Asks for the root's edge of a word whose key or stem hashes to `hash` to be brought into
  // the CPU cache: every match starts there, and the root's table is the trie's largest.
  void PrefetchFirst(uint64_t hash) const { next_[0].Prefetch(hash); }

 private:
  // An edge leads to (child << 1) | 1 when phrases end at the child, (child << 1) when they
  // only pass through it: a walk reads a node's values only where there are some. Every node
  // but the root has exactly one edge into it.
  static uint32_t NodeOf(uint32_t edge) { return edge >> 1; }
  static bool HasValues(uint32_t edge) { return (edge & 1) != 0; }
  // The edge of `node` along `label` (whose Hash64 is `hash`), or 0 when there is none (the
  // root is never a child).
  uint32_t Child(uint32_t node, uint64_t hash, std::string_view label) const {
    const uint32_t* edge = next_[node].FindHashed(hash, label);
    return edge == nullptr ? 0 : *edge;
  }
  template <typename Visit, typename HashOf>
  void MatchHashed(std::span<const Token> tokens, size_t begin, size_t end, Visit&& visit,
                   HashOf&& hash_of) const;

  // By node: its edges by label (a hot node's small table stays in the cache), and the values
  // of the phrases ending there.
  std::vector<StringTable<uint32_t>> next_;
  std::vector<std::vector<uint32_t>> values_;
};

// A few trie nodes or values, kept inline: a match follows one or two paths (a word's key and
// its stem) and meets a value or two, and Match runs at every token, so a heap allocation
// per call would cost more than the walk itself. Grows onto the heap past kInline: `size_`
// counts every id, and `more_` holds those after the first kInline, so the common case reads
// no vector.
class SmallIds {
 public:
  void clear() {
    if (size_ > kInline) more_.clear();
    size_ = 0;
  }
  void push_back(uint32_t v) {
    if (size_ < kInline) {
      inline_[size_] = v;
    } else {
      more_.push_back(v);
    }
    ++size_;
  }
  size_t size() const { return size_; }
  uint32_t operator[](size_t i) const { return i < kInline ? inline_[i] : more_[i - kInline]; }
  void set(size_t i, uint32_t v) { (i < kInline ? inline_[i] : more_[i - kInline]) = v; }
  // Inlined up to the size check: a walk's step mostly reaches one node.
  void sort() {
    if (size_ > 1) SortMany();
  }
  bool contains(uint32_t v) const {
    for (size_t i = 0; i < size_; ++i) {
      if ((*this)[i] == v) return true;
    }
    return false;
  }

 private:
  void SortMany() {
    if (size_ <= kInline) {
      std::sort(inline_.begin(), inline_.begin() + static_cast<std::ptrdiff_t>(size_));
      return;
    }
    std::vector<uint32_t> all(inline_.begin(), inline_.end());
    all.insert(all.end(), more_.begin(), more_.end());
    std::sort(all.begin(), all.end());
    clear();
    for (uint32_t v : all) push_back(v);
  }

  static constexpr size_t kInline = 8;
  // Left uninitialised: only the first size_ entries are read, and a walk sets up three
  // lists at every token.
  std::array<uint32_t, kInline> inline_;
  size_t size_ = 0;
  std::vector<uint32_t> more_;
};

template <typename Visit, typename HashOf>
void PhraseTrie::MatchHashed(std::span<const Token> tokens, size_t begin, size_t end,
                             Visit&& visit, HashOf&& hash_of) const {
  if (begin >= end) return;
  // The root's edges of the first word are looked up before the walk's state is set up: Match
  // is asked at every token, and most words begin no phrase.
  const Token& first = tokens[begin];
  const bool first_stem = first.stem != first.key;
  const uint32_t first_by_key = Child(0, hash_of(begin, false), first.key);
  const uint32_t first_by_stem = first_stem ? Child(0, hash_of(begin, true), first.stem) : 0;
  if (first_by_key == 0 && first_by_stem == 0) return;
  // The frontier and the next step's nodes trade places by pointer: swapping the lists
  // themselves would copy their inline arrays at every step.
  SmallIds ids[2], seen_values;
  SmallIds* frontier_ids = &ids[0];
  SmallIds* next_ids = &ids[1];
  frontier_ids->push_back(0);
  for (size_t i = begin; i < end && frontier_ids->size() > 0; ++i) {
    const SmallIds& frontier = *frontier_ids;
    SmallIds& next = *next_ids;
    next.clear();
    // Each node is added once: two labels may lead to the same child.
    auto add = [&next](uint32_t c) {
      if (c != 0 && !next.contains(c)) next.push_back(c);
    };
    if (i == begin) {
      add(first_by_key);
      add(first_by_stem);
    } else {
      const Token& t = tokens[i];
      const bool stem = t.stem != t.key;
      const uint64_t key_hash = hash_of(i, false);
      const uint64_t stem_hash = stem ? hash_of(i, true) : 0;
      for (size_t f = 0; f < frontier.size(); ++f) {
        add(Child(frontier[f], key_hash, t.key));
        if (stem) add(Child(frontier[f], stem_hash, t.stem));
      }
    }
    next.sort();  // values are visited in node order, as callers' ties expect
    seen_values.clear();
    for (size_t n = 0; n < next.size(); ++n) {
      if (!HasValues(next[n])) continue;
      for (uint32_t v : values_[NodeOf(next[n])]) {
        if (seen_values.contains(v)) continue;
        seen_values.push_back(v);
        visit(static_cast<uint32_t>(i + 1 - begin), v);
      }
    }
    for (size_t n = 0; n < next.size(); ++n) next.set(n, NodeOf(next[n]));
    std::swap(frontier_ids, next_ids);
  }
}

}  // namespace rasd::ner

#endif  // RASD_NER_PHRASE_TRIE_H_
