// The treebank segments of words met before, for Analyzer::Segments. Internal to src/text.
//
// News vocabulary is Zipfian: three tokens in four repeat a word already seen, so a memo
// spares most dictionary searches. It is an open-addressing table of 8-byte slots (a hash tag
// and an offset) over one byte arena per shard: a hit reads one slot and one record, where a
// node-based map chased pointers across the heap. Sharded so that worker threads rarely wait on
// one another; a full shard is emptied, which bounds memory at kShards * kShardWords words
// (about 12 MB at most).
// Guaranteed: Find returns exactly what Insert stored for the same word (a hash collision is
// caught by comparing the word). Thread-safe.
// Not guaranteed: a word longer than 255 bytes, or with a segment that is, is not memoised.
#ifndef RASD_TEXT_SEGMENT_MEMO_H_
#define RASD_TEXT_SEGMENT_MEMO_H_

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::text {

class SegmentMemo {
 public:
  static constexpr size_t kShards = 16;
  static constexpr size_t kShardWords = 16384;

  // Replaces `out` with the segments stored for `word`; false when there are none.
  bool Find(std::string_view word, std::vector<std::string>& out) const;
  // Stores the segments of `word` (a word stored already keeps its first segments).
  void Insert(std::string_view word, const std::vector<std::string>& segments);

 private:
  struct Shard {
    std::mutex mu;
    // slot: hash tag (high 32 bits) << 32 | (offset of the record in arena + 1); 0 is empty.
    std::vector<uint64_t> slots;
    // records: word length (1 byte), word, segment count (1 byte), then each segment as its
    // length (1 byte) and bytes.
    std::string arena;
    size_t words = 0;
  };
  static uint64_t HashOf(std::string_view word);
  // The slot of `word` in `shard`: its own, or the empty one where it would go.
  static uint64_t* Probe(Shard& shard, uint64_t hash, std::string_view word);

  mutable std::array<Shard, kShards> shards_;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_SEGMENT_MEMO_H_
