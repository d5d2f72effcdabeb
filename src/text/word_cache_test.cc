#include "text/word_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace rasd::text {
namespace {

struct TestTag {};
using Cache = WordCache<TestTag, 1024, 64>;

TEST(WordCacheTest, FindsWhatWasStoredForTheSameOwnerWordAndSalt) {
  const uint64_t owner = NewWordCacheOwner();
  EXPECT_FALSE(Cache::Find(owner, "وبحكومته").has_value());
  Cache::Store(owner, "وبحكومته", "abc");
  Cache::Store(owner, "الحكومة", "de", /*salt=*/1);
  EXPECT_EQ(Cache::Find(owner, "وبحكومته").value_or("none"), "abc");
  EXPECT_EQ(Cache::Find(owner, "الحكومة", 1).value_or("none"), "de");
  EXPECT_FALSE(Cache::Find(owner, "الحكومة").has_value());  // other salt
  EXPECT_FALSE(Cache::Find(owner, "حكومة").has_value());
  EXPECT_FALSE(Cache::Find(NewWordCacheOwner(), "وبحكومته").has_value());  // other owner
}

TEST(WordCacheTest, APreparedProbeFindsWhatTheWordFinds) {
  const uint64_t owner = NewWordCacheOwner();
  const Cache::Probe probe = Cache::Prepare("للحكومة");
  Cache::Prefetch(probe);  // a hint only: nothing is stored or found by it
  EXPECT_FALSE(Cache::Find(owner, probe).has_value());
  Cache::Store(owner, probe, "ل");
  EXPECT_EQ(Cache::Find(owner, "للحكومة").value_or("none"), "ل");
  Cache::Store(owner, "للحكومة", "لل");
  EXPECT_EQ(Cache::Find(owner, probe).value_or("none"), "لل");
  EXPECT_FALSE(Cache::Find(owner, Cache::Prepare("للحكومة", /*salt=*/2)).has_value());
}

TEST(WordCacheTest, AnEmptyValueIsAHit) {
  const uint64_t owner = NewWordCacheOwner();
  Cache::Store(owner, "في", "");
  ASSERT_TRUE(Cache::Find(owner, "في").has_value());
  EXPECT_EQ(*Cache::Find(owner, "في"), "");
}

TEST(WordCacheTest, AWordTooLongForAnEntryIsNotStored) {
  const uint64_t owner = NewWordCacheOwner();
  const std::string word(Cache::kBytes, 'a');
  Cache::Store(owner, word, "x");
  EXPECT_FALSE(Cache::Find(owner, word).has_value());
  Cache::Store(owner, word.substr(1), "x");
  EXPECT_EQ(Cache::Find(owner, word.substr(1)).value_or("none"), "x");
}

TEST(WordCacheTest, ManyWordsReplaceOneAnotherWithoutWrongAnswers) {
  const uint64_t owner = NewWordCacheOwner();
  for (int i = 0; i < 20000; ++i) Cache::Store(owner, "w" + std::to_string(i), std::to_string(i));
  int found = 0;
  for (int i = 0; i < 20000; ++i) {
    if (auto v = Cache::Find(owner, "w" + std::to_string(i))) {
      EXPECT_EQ(*v, std::to_string(i));
      ++found;
    }
  }
  EXPECT_GT(found, 0);
  EXPECT_LE(found, 1024);
}

TEST(WordCacheTest, EachThreadHasItsOwnTable) {
  const uint64_t owner = NewWordCacheOwner();
  Cache::Store(owner, "موسكو", "main");
  bool seen_in_other_thread = true;
  std::thread([&] { seen_in_other_thread = Cache::Find(owner, "موسكو").has_value(); }).join();
  EXPECT_FALSE(seen_in_other_thread);
  EXPECT_TRUE(Cache::Find(owner, "موسكو").has_value());
}

}  // namespace
}  // namespace rasd::text
