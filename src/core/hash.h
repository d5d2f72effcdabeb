// Content hashes used as stable ids.
//
// In: bytes. Out: 32 lowercase hex characters of XXH3-128. Guaranteed stable across runs,
// machines and versions of rasd (ids are stored). Not a cryptographic hash.
//
//   std::string id = Hash128Hex(analyzer.normalizer().Key(text));
#ifndef RASD_CORE_HASH_H_
#define RASD_CORE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

// Inlined: Hash64 keys the word caches and the dictionary index, where a call into the shared
// library cost more than hashing a short word.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace rasd {

std::string Hash128Hex(std::string_view bytes);
inline uint64_t Hash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace rasd

#endif  // RASD_CORE_HASH_H_
