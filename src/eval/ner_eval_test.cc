#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "eval/eval.h"
#include "eval/test_stages.h"

namespace rasd::eval {
namespace {

using test::Stages;
using test::TheStages;
using test::WriteTemp;

// One sentence a row: "token/TAG token/TAG ...".
std::string Bio(const std::vector<std::string>& sentences) {
  std::string out;
  for (const std::string& s : sentences) {
    std::istringstream in(s);
    for (std::string pair; in >> pair;) {
      const size_t slash = pair.rfind('/');
      out += pair.substr(0, slash) + " " + pair.substr(slash + 1) + "\n";
    }
    out += "\n";
  }
  return out;
}

TEST(EvalNerTest, ScoresExactChunksOfRasdsMentions) {
  const std::string gold = WriteTemp(
      "rasd_ner_gold.txt",
      Bio({"وقال/O وزير/O الخارجية/O الروسي/O سيرغي/B-PERS لافروف/I-PERS في/O موسكو/B-LOC ./O",
           "وصل/O لافروف/B-PERS إلى/O يريفان/B-LOC ./O"}));
  const std::string predictions =
      (std::filesystem::temp_directory_path() / "rasd_ner_predictions.txt").string();
  Result<NerScores> s = EvalNer(TheStages().analyzer, TheStages().recognizer, gold,
                                {.predictions_path = predictions});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->sentences, 2);
  EXPECT_EQ(s->tokens, 14);
  EXPECT_EQ(s->by_type.at("PERS").gold, 2);
  EXPECT_EQ(s->by_type.at("LOC").gold, 2);
  // The role (وزير الخارجية الروسي) tags nothing; the name, the surname after it and both
  // capitals are found with their exact tokens.
  EXPECT_EQ(s->micro.gold, 4);
  EXPECT_EQ(s->micro.correct, 4) << s->ToString();
  EXPECT_EQ(s->micro.system, 4) << s->ToString();
  std::ifstream in(predictions);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "وقال O O");
}

TEST(EvalNerTest, CountsChunksAsConllevalDoes) {
  // An I- tag after O starts a chunk (IOB1); a B- tag right after a chunk of the same type
  // starts another.
  const std::string gold =
      WriteTemp("rasd_ner_iob1.txt", Bio({"في/O مدينة/O I-LOC/I-LOC ب/B-LOC ج/B-LOC د/I-LOC ./O"}));
  Result<NerScores> s = EvalNer(TheStages().analyzer, TheStages().recognizer, gold, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->by_type.at("LOC").gold, 3);
}

TEST(EvalNerTest, RejectsMalformedGoldNamingFileAndLine) {
  const std::string bad = WriteTemp("rasd_ner_bad.txt", "موسكو B-LOC\nفي\n");
  Result<NerScores> s = EvalNer(TheStages().analyzer, TheStages().recognizer, bad, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(bad + ":2:"), std::string::npos) << s.status().ToString();
  const std::string bad_tag = WriteTemp("rasd_ner_bad_tag.txt", "موسكو LOC\n");
  s = EvalNer(TheStages().analyzer, TheStages().recognizer, bad_tag, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(":1: tag 'LOC'"), std::string::npos);
  s = EvalNer(TheStages().analyzer, TheStages().recognizer, "/nonexistent/gold.txt", {});
  EXPECT_FALSE(s.ok());
}

// The figure on the ANERcorp train split (development data, outside the repository).
TEST(EvalNerTest, AnercorpTrain) {
  const std::filesystem::path path = std::filesystem::path(RASD_SOURCE_DIR) /
                                     "../shared/data/anercorp/ANERCorp_CamelLab_train.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found: ANERcorp not scored";
  Result<NerScores> s = EvalNer(TheStages().analyzer, TheStages().recognizer, path.string(), {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::cout << "ANERcorp train: " << s->ToString() << "\n";
  EXPECT_EQ(s->sentences, 3973);
  EXPECT_EQ(s->tokens, 125102);
  // A regression floor a little under the figure measured (micro F1 0.729, docs/eval.md); the
  // issue's floor is 0.75 and is not reached yet.
  EXPECT_GT(s->micro.f1, 0.71);
  EXPECT_GT(s->by_type.at("LOC").f1, 0.82);
  EXPECT_GT(s->by_type.at("ORG").f1, 0.58);
  EXPECT_GT(s->by_type.at("PERS").f1, 0.61);
}

}  // namespace
}  // namespace rasd::eval
