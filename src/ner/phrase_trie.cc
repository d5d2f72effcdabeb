#include "ner/phrase_trie.h"

namespace rasd::ner {

void PhraseTrie::Add(std::span<const WordLabels> words, uint32_t value) {
  if (words.empty()) return;
  // A word reachable under two labels gets two edges; the paths may then diverge, so insertion
  // follows every path built so far (at most 2^words, and words are few).
  std::vector<uint32_t> frontier = {0};
  std::vector<uint32_t> next;
  for (const WordLabels& w : words) {
    next.clear();
    for (uint32_t node : frontier) {
      for (const std::string* label : {&w.key, &w.stem}) {
        if (label->empty()) continue;
        uint32_t child = Child(node, Hash64(*label), *label);
        if (child == 0) {
          child = static_cast<uint32_t>(nodes_.size());
          nodes_.emplace_back();
          nodes_[node].next[*label] = child;
        }
        next.push_back(child);
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    std::swap(frontier, next);
  }
  for (uint32_t node : frontier) {
    std::vector<uint32_t>& values = nodes_[node].values;
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
}

}  // namespace rasd::ner
