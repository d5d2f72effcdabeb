#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "eval/eval.h"

namespace rasd::eval {
namespace {

struct Stages {
  text::Analyzer analyzer;
  ner::Recognizer recognizer;
  time::Tagger tagger;
  events::Coder coder;
};

const Stages& TheStages() {
  static const Stages* stages = [] {
    auto* s = new Stages();
    Result<text::Analyzer> a = text::Analyzer::Load();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    if (!a.ok()) return s;
    s->analyzer = std::move(a).value();
    Result<ner::Recognizer> r = ner::Recognizer::Load(s->analyzer);
    Result<time::Tagger> t = time::Tagger::Load(s->analyzer);
    Result<events::Coder> c = events::Coder::Load(s->analyzer);
    EXPECT_TRUE(r.ok() && t.ok() && c.ok());
    if (r.ok()) s->recognizer = std::move(r).value();
    if (t.ok()) s->tagger = std::move(t).value();
    if (c.ok()) s->coder = std::move(c).value();
    return s;
  }();
  return *stages;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

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
