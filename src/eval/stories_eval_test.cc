#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/eval.h"
#include "eval/test_stages.h"

namespace rasd::eval {
namespace {

using test::WriteTemp;

constexpr EventType kAssault = EventType::kAssault;
constexpr EventType kAgree = EventType::kAgree;

TEST(StoriesEvalTest, PairsOfDocumentsByType) {
  // Gold: one assault reported by a, b and c (3 pairs); one agreement by a and d (1 pair).
  const std::string gold = WriteTemp("rasd_story_gold.tsv",
                                     "# comment\n"
                                     "fire\tASSAULT\ta\tb\tc\n"
                                     "\n"
                                     "deal\tAGREE\ta\td\n"
                                     "alone\tAGREE\te\n");
  // System: the assault of a and b grouped (c left alone), a headline and a body of a in one
  // story (no pair), the agreement of a wrongly grouped with e's.
  const std::vector<StoryMember> system = {
      {"a", "s1", kAssault}, {"a", "s1", kAssault}, {"b", "s1", kAssault}, {"c", "s2", kAssault},
      {"a", "s3", kAgree},   {"e", "s3", kAgree},   {"d", "s4", kAgree},   {"d", "", kAgree},
  };
  Result<StoryScores> s = EvalStories(gold, system);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->gold_stories, 3);
  EXPECT_EQ(s->system_stories, 2);
  EXPECT_EQ(s->pairs.ToString(), "gold=4 system=2 correct=1 P=0.5000 R=0.2500 F1=0.3333");
  ASSERT_EQ(s->wrong.size(), 1u);
  EXPECT_EQ(s->wrong[0], (StoryPair{kAgree, "a", "e"}));
  ASSERT_EQ(s->missed.size(), 3u);
  EXPECT_EQ(s->missed[0], (StoryPair{kAgree, "a", "d"}));
}

TEST(StoriesEvalTest, TheTypeIsPartOfThePair) {
  const std::string gold = WriteTemp("rasd_story_gold_type.tsv", "x\tASSAULT\ta\tb\n");
  Result<StoryScores> s = EvalStories(gold, {{"a", "s", kAgree}, {"b", "s", kAgree}});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->pairs.correct, 0);
}

TEST(StoriesEvalTest, BadGold) {
  for (const char* text : {"x\tASSAULT\n", "x\tVISIT\ta\tb\n", "x\tASSAULT\ta\ta\n"}) {
    const std::string gold = WriteTemp("rasd_story_gold_bad.tsv", text);
    Result<StoryScores> s = EvalStories(gold, {});
    EXPECT_FALSE(s.ok()) << text;
    EXPECT_NE(s.status().message().find(":1: "), std::string::npos) << s.status().ToString();
  }
  EXPECT_FALSE(EvalStories("no/such/gold.tsv", {}).ok());
}

}  // namespace
}  // namespace rasd::eval
