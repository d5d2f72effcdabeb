#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "eval/eval.h"
#include "eval/test_stages.h"

namespace rasd::eval {
namespace {

using test::Stages;
using test::TheStages;
using test::WriteTemp;

Result<GsrScores> Eval(const std::string& path, const GsrOptions& options = {}) {
  const Stages& s = TheStages();
  return EvalEventsGsr(s.analyzer, s.recognizer, s.tagger, s.coder, path, options);
}

// Sentences written for this test, in the gold's CSV form (quoted fields, a comma and a doubled
// quote inside one, an extra column the scorer ignores).
constexpr char kGold[] =
    "n,id,event_type,label,text\n"
    "1,a1,ASSAULT,yes,\"قصفت القوات الإسرائيلية مواقع في جنوب لبنان أمس، وقتل ثلاثة مقاتلين.\"\n"
    "2,a2,ASSAULT,easy no,\"افتتح الوزير معرضا للكتاب في القاهرة.\"\n"
    "3,a3,ASSAULT,ambiguous,\"قال المتحدث \"\"لا تعليق\"\" على الحادث.\"\n"
    "4,p1,PROTEST,yes,\"تظاهر آلاف الطلاب أمس أمام البرلمان في عمان احتجاجا على رفع الأسعار.\"\n"
    "5,p2,PROTEST,difficult no,\"زار رئيس الوزراء المصانع في الإسكندرية.\"\n";

TEST(EvalEventsGsrTest, ScoresDetectionPerTypeAndLeavesAmbiguousOut) {
  Result<GsrScores> s = Eval(WriteTemp("rasd_gsr.csv", kGold));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->rows, 5);
  ASSERT_EQ(s->by_type.size(), 2u);
  const GsrTypeScores& assault = s->by_type.at("ASSAULT");
  EXPECT_EQ(assault.detection.gold, 1);
  EXPECT_EQ(assault.detection.correct, 1);
  EXPECT_EQ(assault.detection.system, 1);
  EXPECT_EQ(assault.easy_no, 1);
  EXPECT_EQ(assault.ambiguous, 1);
  EXPECT_EQ(assault.false_easy, 0);
  const GsrTypeScores& protest = s->by_type.at("PROTEST");
  EXPECT_EQ(protest.detection.gold, 1);
  EXPECT_EQ(protest.detection.correct, 1);
  EXPECT_EQ(protest.difficult_no, 1);
  EXPECT_EQ(protest.false_difficult, 0);
  EXPECT_TRUE(s->errors.empty());
  EXPECT_NE(s->ToString().find("ASSAULT: P 100.00 R 100.00"), std::string::npos) << s->ToString();
}

TEST(EvalEventsGsrTest, ComparesActorCodesWithTheCoders) {
  const std::string spans = WriteTemp(
      "rasd_gsr_spans.json",
      R"([{"source": "a1", "spans": [
            {"source_role": {"main": "ISR", "role": "MIL"}, "target_role": "UNKNOWN"},
            {"source_role": {"main": "ISR", "role": "GOV"}, "target_role": {}}]}])");
  Result<GsrScores> s = Eval(WriteTemp("rasd_gsr.csv", kGold), {.spans_path = spans});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const GsrTypeScores& assault = s->by_type.at("ASSAULT");
  EXPECT_EQ(assault.source.compared, 1);
  EXPECT_EQ(assault.source.country, 1);  // القوات الإسرائيلية: ISR
  EXPECT_EQ(assault.source.code, 1);     // ISRMIL is one coder's code
  EXPECT_EQ(assault.target.compared, 0);  // no coder coded the target
}

TEST(EvalEventsGsrTest, BadFilesNameTheFileAndTheProblem) {
  Result<GsrScores> missing = Eval("/nonexistent/gsr.csv");
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/gsr.csv"), std::string::npos);

  const std::string no_label = WriteTemp("rasd_gsr_bad1.csv", "id,event_type,text\na,ASSAULT,x\n");
  Result<GsrScores> s = Eval(no_label);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("no column \"label\""), std::string::npos)
      << s.status().message();

  s = Eval(WriteTemp("rasd_gsr_bad2.csv", "id,event_type,label,text\na,ASSAULT,maybe,x\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("record 2: unknown label \"maybe\""), std::string::npos)
      << s.status().message();

  s = Eval(WriteTemp("rasd_gsr_bad3.csv", "id,event_type,label,text\na,ASSAULT,yes,\"open\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("malformed CSV"), std::string::npos)
      << s.status().message();

  s = Eval(WriteTemp("rasd_gsr_bad4.csv", "id,event_type,label,text\na,ASSAULT,yes\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("has 3 fields, the header 4"), std::string::npos)
      << s.status().message();

  s = Eval(WriteTemp("rasd_gsr.csv", kGold),
           {.spans_path = WriteTemp("rasd_gsr_bad_spans.json", "{\"not\": \"a list\"}")});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("expected a JSON array"), std::string::npos);
}

}  // namespace
}  // namespace rasd::eval

namespace rasd::eval {
namespace {

Result<EventsGoldScores> EvalGold(const std::string& gold, const std::string& pages = "") {
  const Stages& s = TheStages();
  return EvalEventsGold(s.analyzer, s.recognizer, s.tagger, s.coder, gold, {.pages_dir = pages});
}

TEST(EvalEventsGoldTest, MatchesByTypeAndDyadAndScoresDates) {
  const std::filesystem::path dir = test::TempPath("rasd_events_gold/a.txt").parent_path();
  std::ofstream(dir / "a.txt") << "قصفت القوات الأذربيجانية مواقع أرمينية أمس.\n\n"
                                  "واتفقت أرمينيا وأذربيجان على وقف إطلاق النار.\n";
  const std::string gold = WriteTemp(
      "rasd_events_gold/gold.jsonl",
      "# written for this test\n"
      "{\"doc\": \"a.txt\", \"published\": \"2024-03-02\", \"events\": ["
      "{\"type\": \"ASSAULT\", \"source\": \"AZE\", \"target\": \"ARM\", \"date\": \"2024-03-01\","
      " \"status\": \"occurred\"},"
      "{\"type\": \"AGREE\", \"source\": \"AZE\", \"target\": \"ARM\", \"status\": \"occurred\"},"
      "{\"type\": \"PROTEST\", \"source\": \"\", \"target\": \"\", \"status\": \"occurred\"}]}\n");
  Result<EventsGoldScores> s = EvalGold(gold);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 1);
  EXPECT_EQ(s->overall.gold, 3);
  EXPECT_EQ(s->overall.correct, 2);  // AGREE matches in either order (symmetric)
  EXPECT_EQ(s->by_type.at("PROTEST").correct, 0);
  ASSERT_EQ(s->missed.size(), 1u);
  EXPECT_NE(s->missed[0].find("PROTEST"), std::string::npos);
  EXPECT_EQ(s->dated, 1);
  EXPECT_EQ(s->date_correct, 1);  // أمس from 2024-03-02
  EXPECT_EQ(s->status_correct, 2);
}

TEST(EvalEventsGoldTest, BadGoldNamesFileLineAndProblem) {
  auto fails_with = [](const std::string& line, const std::string& message) {
    const std::string gold = WriteTemp("rasd_events_gold_bad.jsonl", line + "\n");
    Result<EventsGoldScores> s = EvalGold(gold, "/tmp");
    ASSERT_FALSE(s.ok()) << line;
    EXPECT_NE(s.status().message().find(message), std::string::npos) << s.status().message();
    EXPECT_NE(s.status().message().find("rasd_events_gold_bad.jsonl:1: "), std::string::npos)
        << s.status().message();
  };
  fails_with("{\"doc\": \"a.txt\", \"published\": \"\"}", "'events' must be a list");
  fails_with("{\"doc\": \"a.txt\", \"published\": \"16/08/2023\", \"events\": []}",
             "'published' must be YYYY-MM-DD");
  fails_with("{\"doc\": \"a.txt\", \"published\": \"\", \"events\": [{\"type\": \"FIGHT\", "
             "\"source\": \"\", \"target\": \"\", \"status\": \"occurred\"}]}",
             "unknown event type 'FIGHT'");
  fails_with("{\"doc\": \"a.txt\", \"published\": \"\", \"events\": [{\"type\": \"ASSAULT\", "
             "\"source\": \"\", \"target\": \"\", \"status\": \"maybe\"}]}",
             "'status' must be occurred");
  fails_with("{\"doc\": \"a.txt\", \"published\": \"\", \"when\": 1, \"events\": []}",
             "unknown field 'when'");
  fails_with("{\"doc\": \"no-such-file.txt\", \"published\": \"\", \"events\": []}",
             "no such file");
}

// The seed articles against the gold written for them, when ../shared is there.
TEST(EvalEventsGoldTest, SeedsFloor) {
  const std::filesystem::path seeds = std::filesystem::path(RASD_SOURCE_DIR) / "../shared/seeds";
  if (!std::filesystem::exists(seeds)) {
    GTEST_SKIP() << seeds << " not found: the seeds' events gold is not scored";
  }
  Result<EventsGoldScores> s =
      EvalGold(std::string(RASD_SOURCE_DIR) + "/tests/testdata/events-gold/seeds.jsonl",
               seeds.string());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 5);
  EXPECT_GE(s->overall.precision, 0.87) << s->ToString();
  EXPECT_GE(s->overall.recall, 0.74) << s->ToString();
  EXPECT_GE(static_cast<double>(s->date_correct), 0.85 * static_cast<double>(s->dated))
      << s->ToString();
}

// The 35 articles of the sample corpus against the gold written for them: held at the issue's
// floor, precision 0.80 and recall 0.70 (see docs/eval.md).
TEST(EvalEventsGoldTest, CorpusFloor) {
  const std::string root = RASD_SOURCE_DIR;
  Result<EventsGoldScores> s =
      EvalGold(root + "/tests/testdata/events-gold/corpus.jsonl", root + "/examples/corpus");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 35);
  EXPECT_GE(s->overall.precision, 0.80) << s->ToString();
  EXPECT_GE(s->overall.recall, 0.70) << s->ToString();
  EXPECT_GE(static_cast<double>(s->date_correct), 0.85 * static_cast<double>(s->dated))
      << s->ToString();
  // Confidence means something: events of 0.5 and more are right more often than the rest
  // (measured: 106 of 114 against 145 of 184).
  int64_t low = 0, low_matched = 0, high = 0, high_matched = 0;
  for (const EventsGoldScores::ConfidenceBand& b : s->by_confidence) {
    (b.low >= 0.5 ? high : low) += b.events;
    (b.low >= 0.5 ? high_matched : low_matched) += b.matched;
  }
  EXPECT_EQ(low + high, s->overall.system);
  ASSERT_GT(low, 0);
  ASSERT_GT(high, 0);
  EXPECT_GT(static_cast<double>(high_matched) / static_cast<double>(high),
            static_cast<double>(low_matched) / static_cast<double>(low) + 0.05);
}

// Sentence-level detection on the arabic_event_gsr development half, when ../shared is there:
// the floor, F1 0.65 with precision 0.60 for each type, at the reported confidence. Measured:
// ASSAULT P 0.632 R 0.705 F1 0.667, PROTEST P 0.646 R 0.738 F1 0.689.
TEST(EvalEventsGsrTest, DevelopmentHalfFloor) {
  const std::filesystem::path dir =
      std::filesystem::path(RASD_SOURCE_DIR) / "../shared/data/arabic_event_gsr";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir << " not found: GSR not scored";
  for (const char* name : {"assault", "protest"}) {
    Result<GsrScores> s = Eval((dir / (std::string(name) + "_gsr.csv")).string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_EQ(s->by_type.size(), 1u);
    const Prf& d = s->by_type.begin()->second.detection;
    EXPECT_GE(d.f1, 0.65) << s->ToString();
    EXPECT_GE(d.precision, 0.60) << s->ToString();
  }
}

}  // namespace
}  // namespace rasd::eval
