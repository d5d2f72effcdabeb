// `rasd eval events --gsr`: sentence-level event detection against the arabic_event_gsr CSV
// form, and actor codes against its spans file. The formats and rules are in eval.h.
#include <csv.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "eval/eval.h"
#include "eval/gold_lines.h"

namespace rasd::eval {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr const char* kRequiredColumns[] = {"id", "event_type", "label", "text"};
constexpr const char* kLabels[] = {"yes", "easy no", "difficult no", "ambiguous"};

// The records of a CSV file as libcsv reads them: fields unquoted, quotes undoubled.
struct CsvRecords {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};

Result<std::vector<std::vector<std::string>>> ParseCsv(const std::string& path,
                                                       const std::string& content) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Status::Internal("libcsv: cannot initialise the parser");
  }
  CsvRecords records;
  auto on_field = [](void* field, size_t length, void* data) {
    static_cast<CsvRecords*>(data)->current.emplace_back(static_cast<const char*>(field), length);
  };
  auto on_row = [](int, void* data) {
    auto* r = static_cast<CsvRecords*>(data);
    r->rows.push_back(std::move(r->current));
    r->current.clear();
  };
  const size_t parsed = csv_parse(&parser, content.data(), content.size(), on_field, on_row,
                                  &records);
  const bool ok = parsed == content.size() && csv_fini(&parser, on_field, on_row, &records) == 0;
  const std::string error = ok ? "" : csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!ok) {
    return Status::InvalidInput(path + ": malformed CSV after record " +
                                std::to_string(records.rows.size()) + ": " + error);
  }
  return std::move(records.rows);
}

// One coder's codes of one actor: (country or "", sector or "").
using ActorCode = std::pair<std::string, std::string>;

std::optional<ActorCode> ReadRole(const Json& role) {
  if (!role.is_object() || !role.contains("main") || !role.contains("role")) return std::nullopt;
  if (!role["main"].is_string() || !role["role"].is_string()) return std::nullopt;
  std::string main = role["main"].get<std::string>(), sector = role["role"].get<std::string>();
  if (main == "None") main.clear();
  if (sector == "None") sector.clear();
  if (main.empty() && sector.empty()) return std::nullopt;  // the coders gave it no code
  return ActorCode{main, sector};
}

struct GoldActors {
  std::vector<ActorCode> source, target;
};

// Sentence id -> the coders' actor codes, from a *_spans.json file.
Result<std::map<std::string, GoldActors>> ReadSpans(const std::string& path) {
  ASSIGN_OR_RETURN(std::string content, ReadFile(path, "spans file"));
  Json doc = Json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_array()) return Status::InvalidInput(path + ": expected a JSON array of sentences");
  std::map<std::string, GoldActors> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    const Json& item = doc[i];
    const std::string where = path + ": item " + std::to_string(i + 1) + ": ";
    if (!item.is_object() || !item.contains("source") || !item["source"].is_string() ||
        !item.contains("spans") || !item["spans"].is_array()) {
      return Status::InvalidInput(where + "expected an object with \"source\" and \"spans\"");
    }
    GoldActors& actors = out[item["source"].get<std::string>()];
    for (const Json& span : item["spans"]) {
      if (!span.is_object()) return Status::InvalidInput(where + "a span is not an object");
      if (auto c = ReadRole(span.value("source_role", Json()))) actors.source.push_back(*c);
      if (auto c = ReadRole(span.value("target_role", Json()))) actors.target.push_back(*c);
    }
  }
  return out;
}

// The (country, sector) of an event's actor.
ActorCode CodeOf(const Actor& a) {
  std::string sector = a.actor_code;
  if (!a.country.empty() && sector.starts_with(a.country)) sector.erase(0, a.country.size());
  return {a.country, sector};
}

void Agree(const Actor& actor, const std::vector<ActorCode>& gold, GsrActorAgreement& agreement) {
  if (gold.empty()) return;
  ++agreement.compared;
  const ActorCode mine = CodeOf(actor);
  bool country = false, code = false;
  for (const ActorCode& g : gold) {
    if (g.first == mine.first) {
      country = true;
      code = code || g.second == mine.second;
    }
  }
  agreement.country += country;
  agreement.code += code;
}

// A reported event of `type`: happened (occurred or claimed), not negated, and the sentence's
// news rather than the matter of another event it reports (Event::referenced).
bool Reports(const Event& e, EventType type, double min_confidence) {
  return e.type == type && !e.negated && !e.referenced && e.confidence >= min_confidence &&
         (e.status == EventStatus::kOccurred || e.status == EventStatus::kClaimed);
}

}  // namespace

std::string GsrScores::ToString() const {
  std::string out;
  for (const auto& [type, s] : by_type) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%s: P %.2f R %.2f F1 %.2f (yes %lld, detected %lld, right %lld; false on easy "
                  "no %lld, difficult no %lld)\n",
                  type.c_str(), 100 * s.detection.precision, 100 * s.detection.recall,
                  100 * s.detection.f1, static_cast<long long>(s.detection.gold),
                  static_cast<long long>(s.detection.system),
                  static_cast<long long>(s.detection.correct),
                  static_cast<long long>(s.false_easy), static_cast<long long>(s.false_difficult));
    out += line;
  }
  return out;
}

Result<GsrScores> EvalEventsGsr(const text::Analyzer& analyzer, const ner::Recognizer& recognizer,
                                const time::Tagger& tagger, const events::Coder& coder,
                                const std::string& gold_path, const GsrOptions& options) {
  const Clock::time_point start = Clock::now();
  ASSIGN_OR_RETURN(std::string content, ReadFile(gold_path, "CSV file"));
  ASSIGN_OR_RETURN(auto records, ParseCsv(gold_path, content));
  if (records.empty()) return Status::InvalidInput(gold_path + ": no header line");
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < records[0].size(); ++i) column[records[0][i]] = i;
  for (const char* name : kRequiredColumns) {
    if (!column.contains(name)) {
      return Status::InvalidInput(gold_path + ": the header has no column \"" + name +
                                  "\" (needed: id, event_type, label, text)");
    }
  }
  std::map<std::string, GoldActors> spans;
  if (!options.spans_path.empty()) {
    ASSIGN_OR_RETURN(spans, ReadSpans(options.spans_path));
  }

  GsrScores scores;
  std::map<std::string, std::array<int64_t, 3>> counts;  // type -> gold, system, correct
  for (size_t r = 1; r < records.size(); ++r) {
    const std::vector<std::string>& rec = records[r];
    const std::string where = gold_path + ": record " + std::to_string(r + 1) + ": ";
    if (rec.size() != records[0].size()) {
      return Status::InvalidInput(where + "has " + std::to_string(rec.size()) +
                                  " fields, the header " + std::to_string(records[0].size()));
    }
    GsrRow row{rec[column["id"]], rec[column["event_type"]], rec[column["label"]]};
    const EventType type = EventTypeFromName(row.type);
    if (type == EventType::kUnknown) {
      return Status::InvalidInput(where + "unknown event_type \"" + row.type + "\"");
    }
    if (std::find(std::begin(kLabels), std::end(kLabels), row.label) == std::end(kLabels)) {
      return Status::InvalidInput(where + "unknown label \"" + row.label +
                                  "\" (yes, easy no, difficult no, ambiguous)");
    }
    ++scores.rows;
    const std::string name = EventTypeName(type);
    GsrTypeScores& s = scores.by_type[name];
    std::array<int64_t, 3>& c = counts[name];
    const bool yes = row.label == "yes";
    if (row.label == "ambiguous") {
      ++s.ambiguous;
      continue;
    }
    ++(yes ? c[0] : row.label == "easy no" ? s.easy_no : s.difficult_no);

    Article article;
    article.id = row.id;
    article.text = rec[column["text"]];
    const text::Analysis analysis = analyzer.Analyze(article.text);
    const std::vector<Mention> mentions = recognizer.Recognize(article.text, analysis);
    const std::vector<Timex> timexes = tagger.Tag(article.text, analysis, article.published);
    const std::vector<Event> events =
        coder.Code(article, analysis, mentions, timexes, recognizer);
    const Event* reported = nullptr;
    for (const Event& e : events) {
      if (e.type != type) continue;
      row.glosses.push_back(std::string(EventStatusName(e.status)) +
                            (e.negated ? ", negated" : "") + " [" + e.trigger_text +
                            "]: " + events::Gloss(e));
      if (reported == nullptr && Reports(e, type, options.min_confidence)) reported = &e;
    }
    row.detected = reported != nullptr;
    if (row.detected) {
      ++c[1];
      if (yes) {
        ++c[2];
        if (auto it = spans.find(row.id); it != spans.end()) {
          Agree(reported->source, it->second.source, s.source);
          Agree(reported->target, it->second.target, s.target);
        }
      } else {
        ++(row.label == "easy no" ? s.false_easy : s.false_difficult);
      }
    }
    if (row.detected != yes) {
      row.text = article.text;
      scores.errors.push_back(std::move(row));
    }
  }
  for (auto& [name, s] : scores.by_type) {
    const std::array<int64_t, 3>& c = counts[name];
    s.detection = MakePrf(c[0], c[1], c[2]);
  }
  scores.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return scores;
}

}  // namespace rasd::eval
