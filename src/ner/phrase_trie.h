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
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

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
  PhraseTrie() : nodes_(1) {}

  // Adds a phrase of at least one word with `value`. The same value may be added under several
  // phrases.
  void Add(std::span<const WordLabels> words, uint32_t value);

  // Calls visit(length, value) for each phrase matching tokens[begin, end) from `begin`, where
  // length is the number of tokens it spans. Each (length, value) pair is reported once.
  template <typename Visit>
  void Match(std::span<const Token> tokens, size_t begin, size_t end, Visit&& visit) const;

  bool empty() const { return nodes_.size() == 1; }

 private:
  struct Node {
    StringTable<uint32_t> next;
    std::vector<uint32_t> values;
  };
  // The child of `node` along `label`, or 0 (the root, never a child) when there is none.
  uint32_t Child(uint32_t node, std::string_view label) const {
    const uint32_t* child = nodes_[node].next.Find(label);
    return child == nullptr ? 0 : *child;
  }

  std::vector<Node> nodes_;
};

template <typename Visit>
void PhraseTrie::Match(std::span<const Token> tokens, size_t begin, size_t end,
                       Visit&& visit) const {
  std::vector<uint32_t> frontier = {0};
  std::vector<uint32_t> next;
  std::vector<uint32_t> seen_values;
  for (size_t i = begin; i < end && !frontier.empty(); ++i) {
    next.clear();
    const Token& t = tokens[i];
    for (uint32_t node : frontier) {
      if (uint32_t c = Child(node, t.key); c != 0) next.push_back(c);
      if (t.stem != t.key) {
        if (uint32_t c = Child(node, t.stem); c != 0) next.push_back(c);
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    seen_values.clear();
    for (uint32_t node : next) {
      for (uint32_t v : nodes_[node].values) {
        if (std::find(seen_values.begin(), seen_values.end(), v) != seen_values.end()) continue;
        seen_values.push_back(v);
        visit(static_cast<uint32_t>(i + 1 - begin), v);
      }
    }
    std::swap(frontier, next);
  }
}

}  // namespace rasd::ner

#endif  // RASD_NER_PHRASE_TRIE_H_
