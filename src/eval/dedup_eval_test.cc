#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/eval.h"
#include "eval/test_stages.h"

namespace rasd::eval {
namespace {

using test::TheStages;
using test::WriteTemp;

// Tests run from the repository's root (rasd_test), where the gold's names hold.
const std::vector<std::string> kInputs = {"examples/corpus", "tests/testdata/dedup-gold/pages"};

TEST(DedupEvalTest, GoldOfTheSampleCorpus) {
  Result<DedupScores> s =
      EvalDedup(TheStages().analyzer, "tests/testdata/dedup-gold/groups.tsv", kInputs);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 49);
  EXPECT_EQ(s->gold_copies, 14);
  EXPECT_EQ(s->pairs.gold, 15);
  EXPECT_GE(s->pairs.precision, 0.95) << s->pairs.ToString();
  EXPECT_GE(s->pairs.recall, 0.95) << s->pairs.ToString();
  EXPECT_GE(s->linked_right, 13);
  for (const DedupPair& p : s->missed) ADD_FAILURE() << "missed " << p.a << " " << p.b;
  for (const DedupPair& p : s->wrong) ADD_FAILURE() << "wrong " << p.a << " " << p.b;
  // Reports on the same events that repeat a background paragraph stay well apart.
  EXPECT_LT(s->most_similar_others.similarity, 0.3) << s->most_similar_others.b;
}

TEST(DedupEvalTest, MissedAndWrongPairs) {
  // Gold claims two distinct articles are copies and leaves the corpus's own copy out.
  const std::string gold = WriteTemp("rasd_dedup_gold_wrong.tsv",
                                     "examples/corpus/txt/01_lavrov_mirzoyan_call.txt\t"
                                     "examples/corpus/txt/02_azerbaijan_armenia_border_fire.txt\n");
  Result<DedupScores> s = EvalDedup(TheStages().analyzer, gold, {"examples/corpus/txt"});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->pairs.ToString(), "gold=1 system=1 correct=0 P=0.0000 R=0.0000 F1=0.0000");
  ASSERT_EQ(s->missed.size(), 1u);
  EXPECT_EQ(s->missed[0].b, "examples/corpus/txt/02_azerbaijan_armenia_border_fire.txt");
  ASSERT_EQ(s->wrong.size(), 1u);
  EXPECT_EQ(s->wrong[0].a, "examples/corpus/txt/09_lebanon_ceasefire_takes_effect.txt");
  EXPECT_EQ(s->wrong[0].b, "examples/corpus/txt/12_ceasefire_republished.txt");
  EXPECT_GE(s->wrong[0].similarity, 0.5);
}

TEST(DedupEvalTest, BadGold) {
  const struct {
    const char* gold;
    const char* message;  // after "invalid input: <path>:"
  } rows[] = {
      {"examples/corpus/txt/nope.txt\texamples/corpus/txt/01_lavrov_mirzoyan_call.txt\n",
       "1: no document 'examples/corpus/txt/nope.txt' in the inputs"},
      {"# a comment\n\nexamples/corpus/txt/01_lavrov_mirzoyan_call.txt\n",
       "3: a group needs an original and at least one copy"},
      {"examples/corpus/txt/01_lavrov_mirzoyan_call.txt\t"
       "examples/corpus/txt/12_ceasefire_republished.txt\n"
       "examples/corpus/txt/09_lebanon_ceasefire_takes_effect.txt\t"
       "examples/corpus/txt/12_ceasefire_republished.txt\n",
       "2: 'examples/corpus/txt/12_ceasefire_republished.txt' is already in the group of line 1"},
  };
  for (const auto& row : rows) {
    const std::string path = WriteTemp("rasd_dedup_gold_bad.tsv", row.gold);
    Result<DedupScores> s = EvalDedup(TheStages().analyzer, path, {"examples/corpus/txt"});
    ASSERT_FALSE(s.ok()) << row.gold;
    EXPECT_EQ(s.status().ToString(), "invalid input: " + path + ":" + row.message);
  }
  EXPECT_EQ(EvalDedup(TheStages().analyzer, "no/such/gold.tsv", {}).status().code(),
            Status::Code::kNotFound);
}

}  // namespace
}  // namespace rasd::eval
