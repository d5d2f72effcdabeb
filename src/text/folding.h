// The folding loop behind Normalizer::Normalize/Key, with the extra offsets the tokenizer
// needs. Internal to src/text.
#ifndef RASD_TEXT_FOLDING_H_
#define RASD_TEXT_FOLDING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/char_table.h"
#include "text/text.h"

namespace rasd::text {

// The key of a text and, per key byte, the input range of the unit that produced it.
struct FoldedText {
  std::string key;
  // starts[i]: input offset of the unit that produced key byte i; starts[key.size()] is the
  // input size (the same as Normalized::to_original).
  std::vector<uint32_t> starts;
  // ends[i]: input offset just after that unit and any marks (DROP: harakat, tatweel) that
  // follow it, so a token's span covers its diacritics. ends[key.size()] is the input size.
  std::vector<uint32_t> ends;
};

// Key only.
void FoldKey(const CharTable& table, std::string_view text, std::string& key);
// Key and both offset vectors (ends are filled only when with_ends).
void FoldWithOffsets(const CharTable& table, std::string_view text, bool with_ends,
                     FoldedText& out);

struct Normalizer::Impl {
  CharTable table;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_FOLDING_H_
