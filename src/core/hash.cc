#include "core/hash.h"

namespace rasd {

std::string Hash128Hex(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    uint64_t word = i < 8 ? h.high64 : h.low64;
    int shift = (7 - (i % 8)) * 8;
    auto byte = static_cast<uint8_t>(word >> shift);
    out[2 * i] = kHex[byte >> 4];
    out[2 * i + 1] = kHex[byte & 0xF];
  }
  return out;
}

}  // namespace rasd
