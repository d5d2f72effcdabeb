#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "eval/eval.h"
#include "eval/test_stages.h"

namespace rasd::eval {
namespace {

using test::TheStages;
using test::WriteTemp;

Result<LinkScores> EvalGold(const std::string& gold, const std::string& pages = "") {
  return EvalLinks(TheStages().analyzer, TheStages().recognizer, gold, {.pages_dir = pages});
}

// An article written for this test, in the folder of its gold (this process's own).
std::string WriteDocument() {
  const std::filesystem::path dir = test::TempPath("rasd_links_gold/a.txt").parent_path();
  std::ofstream(dir / "a.txt") << "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة.\n\n"
                                  "وأضاف لافروف أن روبرتو فالنتي زار روسيا.\n";
  return (dir / "gold.jsonl").string();
}

TEST(EvalLinksTest, ScoresEachGoldMentionByTheEntityOfTheMentionOverlappingIt) {
  const std::string gold = WriteDocument();
  std::ofstream(gold) << "# written for this test\n"
                         "{\"doc\": \"a.txt\", \"text\": \"سيرغي لافروف\", \"id\": "
                         "\"person:sergei-lavrov\", \"kind\": \"name\"}\n"
                         "{\"doc\": \"a.txt\", \"text\": \"موسكو\", \"id\": \"place:moscow\", "
                         "\"kind\": \"capital\"}\n"
                         // The second لافروف: the surname after the full name.
                         "{\"doc\": \"a.txt\", \"text\": \"لافروف\", \"n\": 2, \"id\": "
                         "\"person:sergei-lavrov\"}\n"
                         // A name the lexicon lacks: right when rasd links it to nothing.
                         "{\"doc\": \"a.txt\", \"text\": \"روبرتو فالنتي\", \"id\": "
                         "\"local:Roberto Valenti\"}\n"
                         // A deliberately wrong gold id, to see a wrong link counted.
                         "{\"doc\": \"a.txt\", \"text\": \"روسيا\", \"n\": 1, \"id\": \"UKR\"}\n"
                         // Nothing of rasd's overlaps a common word: a missed mention.
                         "{\"doc\": \"a.txt\", \"text\": \"مستعدة\", \"id\": \"RUS\"}\n";
  Result<LinkScores> s = EvalGold(gold);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 1);
  EXPECT_EQ(s->mentions, 6);
  EXPECT_EQ(s->found, 5);
  EXPECT_EQ(s->correct, 4) << s->ToString();
  EXPECT_DOUBLE_EQ(s->accuracy, 4.0 / 6.0);
  ASSERT_EQ(s->wrong.size(), 1u);
  EXPECT_EQ(s->wrong[0].gold, "UKR");
  EXPECT_EQ(s->wrong[0].system, "RUS");
  ASSERT_EQ(s->missed.size(), 1u);
  EXPECT_EQ(s->missed[0].text, "مستعدة");
  EXPECT_TRUE(s->missed[0].missed);
  EXPECT_EQ(s->by_kind.at("name").correct, 1);
  EXPECT_EQ(s->by_kind.at("capital").correct, 1);
  EXPECT_EQ(s->by_kind.at("").gold, 4);
  EXPECT_TRUE(s->extra.empty()) << s->extra.front();
}

TEST(EvalLinksTest, BadGoldNamesFileLineAndProblem) {
  const std::string gold = WriteDocument();
  auto fails_with = [&](const std::string& line, const std::string& message) {
    std::ofstream(gold) << line << "\n";
    Result<LinkScores> s = EvalGold(gold);
    ASSERT_FALSE(s.ok()) << line;
    EXPECT_NE(s.status().message().find(message), std::string::npos) << s.status().message();
    EXPECT_NE(s.status().message().find("gold.jsonl:1: "), std::string::npos)
        << s.status().message();
  };
  fails_with("{\"doc\": \"a.txt\", \"text\": \"موسكو\"}", "missing 'id'");
  fails_with("{\"doc\": \"a.txt\", \"text\": \"موسكو\", \"id\": \"local:\"}", "'id' must be");
  fails_with("{\"doc\": \"a.txt\", \"text\": \"موسكو\", \"id\": \"RUS\", \"n\": 0}",
             "'n' must be an integer of at least 1");
  fails_with("{\"doc\": \"a.txt\", \"text\": \"موسكو\", \"id\": \"RUS\", \"kind\": \"city\"}",
             "'kind' must be name, role");
  fails_with("{\"doc\": \"a.txt\", \"text\": \"موسكو\", \"id\": \"RUS\", \"start\": 3}",
             "unknown field 'start'");
  fails_with("{\"doc\": \"a.txt\", \"text\": \"موسكو\", \"n\": 2, \"id\": \"RUS\"}",
             "does not occur 2 time(s)");
  fails_with("{\"doc\": \"none.txt\", \"text\": \"موسكو\", \"id\": \"RUS\"}", "no such file");
  fails_with("[1, 2]", "not a JSON object");
}

// The seed articles against the linking gold written for them, when ../shared is there.
TEST(EvalLinksTest, SeedsFloor) {
  const std::filesystem::path seeds = std::filesystem::path(RASD_SOURCE_DIR) / "../shared/seeds";
  if (!std::filesystem::exists(seeds)) {
    GTEST_SKIP() << seeds << " not found: the seeds' linking gold is not scored";
  }
  Result<LinkScores> s = EvalGold(
      std::string(RASD_SOURCE_DIR) + "/tests/testdata/ner-gold/seeds.jsonl", seeds.string());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 5);
  EXPECT_GE(s->accuracy, 0.95) << s->ToString();
}

}  // namespace
}  // namespace rasd::eval
