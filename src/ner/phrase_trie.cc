#include "ner/phrase_trie.h"

namespace rasd::ner {

void PhraseTrie::Add(std::span<const WordLabels> words, uint32_t value) {
  if (words.empty()) return;
  // A word reachable under two labels gets two edges; the paths may then diverge, so insertion
  // follows every path built so far (at most 2^words, and words are few). Each step keeps the
  // edge it came along, to mark it when phrases end at its node.
  struct Step {
    uint32_t node;
    uint32_t parent;
    const std::string* label;
  };
  std::vector<Step> frontier = {{0, 0, nullptr}};
  std::vector<Step> next;
  for (const WordLabels& w : words) {
    next.clear();
    for (const Step& at : frontier) {
      for (const std::string* label : {&w.key, &w.stem}) {
        if (label->empty()) continue;
        uint32_t& edge = next_[at.node][*label];
        if (edge == 0) {
          edge = static_cast<uint32_t>(values_.size()) << 1;
          next_.emplace_back();  // invalidates `edge`
          values_.emplace_back();
        }
        next.push_back({NodeOf(*next_[at.node].Find(*label)), at.node, label});
      }
    }
    std::sort(next.begin(), next.end(),
              [](const Step& a, const Step& b) { return a.node < b.node; });
    next.erase(std::unique(next.begin(), next.end(),
                           [](const Step& a, const Step& b) { return a.node == b.node; }),
               next.end());
    std::swap(frontier, next);
  }
  for (const Step& at : frontier) {
    std::vector<uint32_t>& values = values_[at.node];
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    next_[at.parent][*at.label] |= 1;
  }
}

}  // namespace rasd::ner
