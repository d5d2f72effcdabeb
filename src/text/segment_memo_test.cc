#include "text/segment_memo.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rasd::text {
namespace {

using Segments = std::vector<std::string>;

TEST(SegmentMemoTest, FindsWhatWasStoredAndNothingElse) {
  SegmentMemo memo;
  Segments out = {"stale"};
  EXPECT_FALSE(memo.Find("وبحكومته", out));
  memo.Insert("وبحكومته", {"و", "ب", "حكومة", "ه"});
  memo.Insert("الحكومة", {"الحكومة"});
  ASSERT_TRUE(memo.Find("وبحكومته", out));
  EXPECT_EQ(out, (Segments{"و", "ب", "حكومة", "ه"}));
  ASSERT_TRUE(memo.Find("الحكومة", out));
  EXPECT_EQ(out, (Segments{"الحكومة"}));
  EXPECT_FALSE(memo.Find("حكومة", out));
  EXPECT_FALSE(memo.Find("وبحكومته ", out));
}

TEST(SegmentMemoTest, KeepsTheFirstSegmentsOfAWord) {
  SegmentMemo memo;
  memo.Insert("لها", {"ل", "ها"});
  memo.Insert("لها", {"لها"});
  Segments out;
  ASSERT_TRUE(memo.Find("لها", out));
  EXPECT_EQ(out, (Segments{"ل", "ها"}));
}

TEST(SegmentMemoTest, GrowsThenEmptiesAFullShardWithoutLosingTheRest) {
  SegmentMemo memo;
  // Far more words than all shards hold: every shard grows to its largest table, fills and is
  // emptied at least once; the last words stored are found with their own segments.
  const size_t words = 3 * SegmentMemo::kShards * SegmentMemo::kShardWords;
  for (size_t i = 0; i < words; ++i) {
    const std::string w = "w" + std::to_string(i);
    memo.Insert(w, {w.substr(0, 1), w.substr(1)});
  }
  Segments out;
  size_t found = 0;
  for (size_t i = words - 1000; i < words; ++i) {
    const std::string w = "w" + std::to_string(i);
    if (!memo.Find(w, out)) continue;
    ++found;
    EXPECT_EQ(out, (Segments{"w", std::to_string(i)}));
  }
  // A shard emptied just before the end loses its few last words; most are kept.
  EXPECT_GT(found, 900u);
}

TEST(SegmentMemoTest, LeavesOutWordsTooLongToStore) {
  SegmentMemo memo;
  const std::string long_word(300, 'a');
  memo.Insert(long_word, {long_word});
  memo.Insert("ok", {std::string(256, 'b')});
  Segments out;
  EXPECT_FALSE(memo.Find(long_word, out));
  EXPECT_FALSE(memo.Find("ok", out));
}

}  // namespace
}  // namespace rasd::text
