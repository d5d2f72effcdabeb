// The folding loop behind Normalizer::Normalize/Key, with the extra offsets the tokenizer
// needs. Internal to src/text.
#ifndef RASD_TEXT_FOLDING_H_
#define RASD_TEXT_FOLDING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <memory>
#include <utility>
#include <vector>

#include "text/char_table.h"
#include "text/text.h"

namespace rasd::text {

// The key of a text and, per key byte, the input range of the unit that produced it.
// An allocator whose resize() leaves new elements uninitialised: the offsets below are written
// in full by the folding loop, and zeroing them first cost as much as writing them.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using Offsets = std::vector<uint32_t, UninitializedAllocator<uint32_t>>;

struct FoldedText {
  std::string key;
  // starts[i]: input offset of the unit that produced key byte i; starts[key.size()] is the
  // input size (the same as Normalized::to_original).
  Offsets starts;
  // ends[i]: input offset just after that unit and any marks (DROP: harakat, tatweel) that
  // follow it, so a token's span covers its diacritics. ends[key.size()] is the input size.
  Offsets ends;
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
