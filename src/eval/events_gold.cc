// `rasd eval events --gold`: rasd's events on whole articles against a gold written for them.
// The gold format and the matching rules are in eval.h.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "eval/eval.h"
#include "eval/gold_lines.h"

namespace rasd::eval {
namespace {

using Json = nlohmann::json;

constexpr const char* kStatuses[] = {"occurred", "claimed", "denied", "intended", "requested"};
constexpr std::string_view kDocFields = "doc, record, published, events, note";
constexpr std::string_view kEventFields = "type, source, target, date, status, historical, note";

struct GoldEvent {
  EventType type = EventType::kUnknown;
  std::string source, target, date, status;
  bool historical = false;
};

struct GoldDocument {
  int64_t line = 0;
  std::string doc;
  int64_t record = 0;
  std::string published;
  std::vector<GoldEvent> events;
};

// A string field of `j`; "" when absent and not required.
Status StringField(const Json& j, const char* name, bool required, std::string& out,
                   const std::string& where) {
  if (!j.contains(name)) {
    return required ? Status::InvalidInput(where + "missing '" + name + "'") : Status::Ok();
  }
  if (!j[name].is_string()) return Status::InvalidInput(where + "'" + name + "' is not a string");
  out = j[name].get<std::string>();
  return Status::Ok();
}

Result<GoldEvent> ReadEvent(const Json& j, const std::string& where) {
  if (!j.is_object()) return Status::InvalidInput(where + "an event is not an object");
  for (const auto& [key, value] : j.items()) {
    if (kEventFields.find(key) == std::string_view::npos || key.empty()) {
      return Status::InvalidInput(where + "unknown event field '" + key + "' (" +
                                  std::string(kEventFields) + ")");
    }
  }
  GoldEvent e;
  std::string type, note;
  RETURN_IF_ERROR(StringField(j, "type", true, type, where));
  RETURN_IF_ERROR(StringField(j, "source", true, e.source, where));
  RETURN_IF_ERROR(StringField(j, "target", true, e.target, where));
  RETURN_IF_ERROR(StringField(j, "date", false, e.date, where));
  RETURN_IF_ERROR(StringField(j, "status", true, e.status, where));
  RETURN_IF_ERROR(StringField(j, "note", false, note, where));
  e.type = EventTypeFromName(type);
  if (e.type == EventType::kUnknown) {
    return Status::InvalidInput(where + "unknown event type '" + type + "'");
  }
  if (std::find(std::begin(kStatuses), std::end(kStatuses), e.status) == std::end(kStatuses)) {
    return Status::InvalidInput(where + "'status' must be occurred, claimed, denied, intended or "
                                "requested, got '" + e.status + "'");
  }
  if (j.contains("historical")) {
    if (!j["historical"].is_boolean()) {
      return Status::InvalidInput(where + "'historical' is not true or false");
    }
    e.historical = j["historical"].get<bool>();
  }
  return e;
}

Result<std::vector<GoldDocument>> ReadGold(std::string_view content, const std::string& path) {
  std::vector<GoldDocument> out;
  RETURN_IF_ERROR(ForEachLine(content, [&](int64_t number, std::string_view line) -> Status {
    const std::string where = path + ":" + std::to_string(number) + ": ";
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return Status::InvalidInput(where + "not a JSON object");
    for (const auto& [key, value] : j.items()) {
      if (kDocFields.find(key) == std::string_view::npos || key.empty()) {
        return Status::InvalidInput(where + "unknown field '" + key + "' (" +
                                    std::string(kDocFields) + ")");
      }
    }
    GoldDocument d;
    d.line = number;
    RETURN_IF_ERROR(StringField(j, "doc", true, d.doc, where));
    RETURN_IF_ERROR(StringField(j, "published", true, d.published, where));
    if (d.doc.empty()) return Status::InvalidInput(where + "'doc' is empty");
    if (!d.published.empty() && !IsoDate(d.published)) {
      return Status::InvalidInput(where + "'published' must be YYYY-MM-DD or \"\", got '" +
                                  d.published + "'");
    }
    if (j.contains("record")) {
      if (!j["record"].is_number_integer() || j["record"].get<int64_t>() < 1) {
        return Status::InvalidInput(where + "'record' counts from 1");
      }
      d.record = j["record"].get<int64_t>();
    }
    if (!j.contains("events") || !j["events"].is_array()) {
      return Status::InvalidInput(where + "'events' must be a list (empty for none)");
    }
    for (const Json& e : j["events"]) {
      ASSIGN_OR_RETURN(GoldEvent event, ReadEvent(e, where));
      d.events.push_back(std::move(event));
    }
    out.push_back(std::move(d));
    return Status::Ok();
  }));
  if (out.empty()) return Status::InvalidInput(path + ": no documents");
  return out;
}

bool Symmetric(EventType t) {
  return t == EventType::kConsult || t == EventType::kAgree || t == EventType::kCooperate;
}

// A system actor as the gold writes sides: its country, else its code (an IGO), else "".
std::string Side(const Actor& a) { return !a.country.empty() ? a.country : a.actor_code; }

bool Agrees(const std::string& gold, const std::string& system) {
  return gold.empty() || gold == system;
}

// rasd's date is the gold's, or a finer date within it (gold 2024-08-18, rasd
// 2024-08-18T23:50; gold 2020-09, rasd 2020-09-27); a coarser one is not.
bool DateAgrees(const std::string& gold, const std::string& system) {
  return system == gold || (system.starts_with(gold) && system.size() > gold.size() &&
                            (system[gold.size()] == '-' || system[gold.size()] == 'T'));
}

bool Matches(const GoldEvent& g, const Event& e) {
  if (g.type != e.type) return false;
  const std::string src = Side(e.source), tgt = Side(e.target);
  if (Agrees(g.source, src) && Agrees(g.target, tgt)) return true;
  return Symmetric(g.type) && Agrees(g.source, tgt) && Agrees(g.target, src);
}

constexpr size_t kNone = SIZE_MAX;

// The system event paired with each gold event (kNone: none). Gold events that name both sides
// choose first, then those that name one, then the rest, so that a lenient gold event ("" sides)
// does not take the system event a specific one needed; each takes the first free system event
// that fits, preferring one with its status, then one with its date.
std::vector<size_t> PairEvents(const std::vector<GoldEvent>& gold,
                               const std::vector<Event>& system) {
  std::vector<size_t> of_gold(gold.size(), kNone);
  std::vector<bool> used(system.size(), false);
  for (int named = 2; named >= 0; --named) {
    for (size_t g = 0; g < gold.size(); ++g) {
      if (!gold[g].source.empty() + !gold[g].target.empty() != named) continue;
      size_t best = kNone;
      int best_score = -1;
      for (size_t e = 0; e < system.size(); ++e) {
        if (used[e] || !Matches(gold[g], system[e])) continue;
        // Its status counts first, then its date (when the gold gives one).
        const int score =
            2 * (gold[g].status == EventStatusName(system[e].status)) +
            (!gold[g].date.empty() && DateAgrees(gold[g].date, system[e].when.value));
        if (score > best_score) {
          best = e;
          best_score = score;
        }
      }
      if (best != kNone) {
        used[best] = true;
        of_gold[g] = best;
      }
    }
  }
  return of_gold;
}

std::string Describe(const GoldEvent& g) {
  return std::string(EventTypeName(g.type)) + " " + (g.source.empty() ? "-" : g.source) + ">" +
         (g.target.empty() ? "-" : g.target) + " " + (g.date.empty() ? "-" : g.date) + " " +
         g.status + (g.historical ? " historical" : "");
}

}  // namespace

std::string EventsGoldScores::ToString() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "documents=%lld matched=%lld dated=%lld date_correct=%lld ",
                static_cast<long long>(documents), static_cast<long long>(matched),
                static_cast<long long>(dated), static_cast<long long>(date_correct));
  return buf + overall.ToString();
}

Result<EventsGoldScores> EvalEventsGold(const text::Analyzer& analyzer,
                                        const ner::Recognizer& recognizer,
                                        const time::Tagger& tagger, const events::Coder& coder,
                                        const std::string& gold_path,
                                        const EventsGoldOptions& options) {
  namespace fs = std::filesystem;
  ASSIGN_OR_RETURN(std::string content, ReadFile(gold_path, "gold file"));
  ASSIGN_OR_RETURN(std::vector<GoldDocument> gold, ReadGold(content, gold_path));
  const fs::path pages =
      options.pages_dir.empty() ? fs::path(gold_path).parent_path() : fs::path(options.pages_dir);
  GoldDocuments documents(pages);
  EventsGoldScores s;
  std::map<std::string, std::array<int64_t, 3>> counts;  // type -> gold, system, correct
  for (const GoldDocument& d : gold) {
    const std::string where = gold_path + ":" + std::to_string(d.line) + ": ";
    const std::string name = d.record > 0 ? d.doc + ":" + std::to_string(d.record) : d.doc;
    ASSIGN_OR_RETURN(Article article, documents.Clean(d.doc, d.record, where));
    article.id = name;
    article.published = d.published;
    const text::Analysis analysis = analyzer.Analyze(article.text);
    const std::vector<Mention> mentions = recognizer.Recognize(article.text, analysis);
    const std::vector<Timex> timexes = tagger.Tag(article.text, analysis, article.published);
    const std::vector<Event> system = coder.Code(article, analysis, mentions, timexes, recognizer);
    ++s.documents;

    for (const Event& e : system) ++counts[EventTypeName(e.type)][1];
    const std::vector<size_t> pair = PairEvents(d.events, system);
    std::vector<bool> used(system.size(), false);
    for (size_t gi = 0; gi < d.events.size(); ++gi) {
      const GoldEvent& g = d.events[gi];
      auto& c = counts[EventTypeName(g.type)];
      ++c[0];
      if (pair[gi] == kNone) {
        s.missed.push_back(name + ": " + Describe(g));
        continue;
      }
      used[pair[gi]] = true;
      ++c[2];
      const Event& e = system[pair[gi]];
      ++s.matched;
      s.status_correct += g.status == EventStatusName(e.status);
      s.historical_correct += g.historical == e.when.historical;
      if (!g.date.empty()) {
        ++s.dated;
        const bool right = DateAgrees(g.date, e.when.value);
        s.date_correct += right;
        if (!right) {
          s.wrong_dates.push_back(name + ": " + Describe(g) + ": rasd " +
                                  (e.when.value.empty() ? "-" : e.when.value) + " [" +
                                  e.trigger_text + "]");
        }
      }
    }
    for (size_t i = 0; i < system.size(); ++i) {
      // The last band whose low end the confidence reaches.
      for (auto band = s.by_confidence.rbegin(); band != s.by_confidence.rend(); ++band) {
        if (system[i].confidence >= band->low) {
          ++band->events;
          band->matched += used[i];
          break;
        }
      }
      if (!used[i]) {
        s.extra.push_back(name + ": " + events::Gloss(system[i]) + " (" +
                          EventStatusName(system[i].status) + ")");
      }
    }
  }
  int64_t g = 0, sys = 0, correct = 0;
  for (const auto& [type, c] : counts) {
    s.by_type[type] = MakePrf(c[0], c[1], c[2]);
    g += c[0];
    sys += c[1];
    correct += c[2];
  }
  s.overall = MakePrf(g, sys, correct);
  return s;
}

}  // namespace rasd::eval
