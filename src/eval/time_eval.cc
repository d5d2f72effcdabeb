// `rasd eval time`: rasd's time expressions on the documents of a gold file, scored by value
// (value and granularity) and by span (exact and overlapping). The gold format is in eval.h.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "clean/clean.h"
#include "eval/eval.h"
#include "eval/gold_lines.h"
#include "ingest/ingest.h"

namespace rasd::eval {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr std::string_view kFields =
    "doc, record, published, start, end, text, value, granularity, kind, note";
constexpr std::string_view kGranularities[] = {"minute", "hour", "day", "month", "year", "range"};

struct GoldExpr {
  int64_t line = 0;
  std::string doc;
  int64_t record = 0;  // 0 = the document is the whole file
  std::string published;
  Span span;
  std::string text;
  std::string value;
  std::string granularity;
  std::string kind;
};

// One document of the gold and its expressions, in gold order.
struct GoldDoc {
  std::string doc;
  int64_t record = 0;
  std::string published;
  int64_t first_line = 0;
  std::vector<size_t> exprs;  // indices into the gold expressions
};

std::string DocName(const std::string& doc, int64_t record) {
  return record > 0 ? doc + ":" + std::to_string(record) : doc;
}

Result<std::vector<GoldExpr>> ReadGold(std::string_view content, const std::string& path) {
  std::vector<GoldExpr> out;
  RETURN_IF_ERROR(ForEachLine(content, [&](int64_t number, std::string_view line) -> Status {
    const std::string where = path + ":" + std::to_string(number) + ": ";
    auto error = [&](const std::string& problem) { return Status::InvalidInput(where + problem); };
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return error("not a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      bool known = false;
      size_t start = 0;
      while (start < kFields.size()) {
        size_t comma = kFields.find(',', start);
        if (comma == std::string_view::npos) comma = kFields.size();
        known = known || kFields.substr(start, comma - start) == key;
        start = comma + 2;
      }
      if (!known)
        return error("unknown field '" + key + "' (fields: " + std::string(kFields) + ")");
    }
    GoldExpr g;
    g.line = number;
    auto string = [&](const char* field, bool required, std::string& out) -> Status {
      auto it = j.find(field);
      if (it == j.end()) {
        return required ? error(std::string("missing '") + field + "'") : Status::Ok();
      }
      if (!it->is_string()) return error(std::string("'") + field + "' must be a string");
      out = it->get<std::string>();
      return Status::Ok();
    };
    auto integer = [&](const char* field, bool required, int64_t& out) -> Status {
      auto it = j.find(field);
      if (it == j.end()) {
        return required ? error(std::string("missing '") + field + "'") : Status::Ok();
      }
      if (!it->is_number_integer() || it->get<int64_t>() < 0) {
        return error(std::string("'") + field + "' must be a non-negative integer");
      }
      out = it->get<int64_t>();
      return Status::Ok();
    };
    RETURN_IF_ERROR(string("doc", true, g.doc));
    RETURN_IF_ERROR(integer("record", false, g.record));
    RETURN_IF_ERROR(string("published", true, g.published));
    int64_t start = 0, stop = 0;
    RETURN_IF_ERROR(integer("start", true, start));
    RETURN_IF_ERROR(integer("end", true, stop));
    RETURN_IF_ERROR(string("text", true, g.text));
    RETURN_IF_ERROR(string("value", true, g.value));
    RETURN_IF_ERROR(string("granularity", true, g.granularity));
    RETURN_IF_ERROR(string("kind", false, g.kind));
    std::string note;
    RETURN_IF_ERROR(string("note", false, note));
    if (g.doc.empty()) return error("'doc' is empty");
    if (j.contains("record") && g.record == 0) return error("'record' counts from 1");
    if (!g.published.empty() && !IsoDate(g.published)) {
      return error("'published' must be YYYY-MM-DD or \"\", got '" + g.published + "'");
    }
    if (stop <= start || stop > UINT32_MAX) return error("'end' must be after 'start'");
    if (g.text.empty()) return error("'text' is empty");
    if (g.value.empty()) return error("'value' is empty");
    if (std::find(std::begin(kGranularities), std::end(kGranularities), g.granularity) ==
        std::end(kGranularities)) {
      return error("'granularity' must be minute, hour, day, month, year or range, got '" +
                   g.granularity + "'");
    }
    g.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(stop)};
    out.push_back(std::move(g));
    return Status::Ok();
  }));
  if (out.empty()) return Status::InvalidInput(path + ": no expressions");
  return out;
}

bool Overlaps(Span a, Span b) { return a.start < b.end && b.start < a.end; }

uint32_t OverlapSize(Span a, Span b) { return std::min(a.end, b.end) - std::max(a.start, b.start); }

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

std::string TimeMiss::ToString() const {
  return doc + " (gold line " + std::to_string(line) + ") " + (kind.empty() ? "" : kind + " ") +
         "\"" + text + "\": gold " + gold + ", rasd " + (system.empty() ? "nothing" : system);
}

std::string TimeScores::ToString() const {
  char buf[256];
  std::snprintf(buf, sizeof buf, "documents=%lld expressions=%lld value_accuracy=%.4f ",
                static_cast<long long>(documents), static_cast<long long>(expressions),
                value_accuracy);
  return buf + ("exact " + exact.ToString()) + " overlap " + overlap.ToString();
}

Result<TimeScores> EvalTime(const text::Analyzer& analyzer, const time::Tagger& tagger,
                            const std::string& gold_path, const TimeOptions& options) {
  namespace fs = std::filesystem;
  const Clock::time_point t0 = Clock::now();
  std::error_code ec;
  ASSIGN_OR_RETURN(std::string content, ReadFile(gold_path, "gold file"));
  ASSIGN_OR_RETURN(std::vector<GoldExpr> gold, ReadGold(content, gold_path));

  // Documents in order of first appearance.
  std::vector<GoldDoc> docs;
  std::map<std::pair<std::string, int64_t>, size_t> doc_index;
  for (size_t i = 0; i < gold.size(); ++i) {
    const GoldExpr& g = gold[i];
    auto [it, added] = doc_index.try_emplace({g.doc, g.record}, docs.size());
    if (added) docs.push_back({g.doc, g.record, g.published, g.line, {}});
    GoldDoc& d = docs[it->second];
    if (d.published != g.published) {
      return Status::InvalidInput(gold_path + ":" + std::to_string(g.line) + ": 'published' " +
                                  g.published + " differs from " + d.published + " on line " +
                                  std::to_string(d.first_line) + " for the same document");
    }
    d.exprs.push_back(i);
  }

  const fs::path pages =
      options.pages_dir.empty() ? fs::path(gold_path).parent_path() : fs::path(options.pages_dir);
  GoldDocuments documents(pages);
  TimeScores s;
  int64_t exact_correct = 0, system_total = 0, gold_overlapped = 0, system_overlapping = 0;
  for (const GoldDoc& d : docs) {
    const std::string where = gold_path + ":" + std::to_string(d.first_line) + ": ";
    ASSIGN_OR_RETURN(const Article article, documents.Clean(d.doc, d.record, where));
    const std::string& text = article.text;
    for (size_t i : d.exprs) {
      const GoldExpr& g = gold[i];
      if (g.span.end > text.size() || g.span.In(text) != g.text) {
        std::string found = g.span.end <= text.size() ? std::string(g.span.In(text)) : "";
        return Status::InvalidInput(
            gold_path + ":" + std::to_string(g.line) + ": span [" + std::to_string(g.span.start) +
            ", " + std::to_string(g.span.end) + ") of " + DocName(d.doc, d.record) + " holds \"" +
            found + "\", not \"" + g.text + "\" (the span drifted)");
      }
    }
    const Clock::time_point t1 = Clock::now();
    const text::Analysis analysis = analyzer.Analyze(text);
    const std::vector<Timex> system = tagger.Tag(text, analysis, d.published);
    s.tag_seconds += SecondsSince(t1);
    s.bytes += text.size();
    ++s.documents;
    system_total += static_cast<int64_t>(system.size());

    std::vector<bool> system_hit(system.size(), false);
    for (size_t i : d.exprs) {
      const GoldExpr& g = gold[i];
      std::optional<size_t> match;
      bool overlapped = false;
      for (size_t k = 0; k < system.size(); ++k) {
        if (!Overlaps(system[k].span, g.span)) continue;
        system_hit[k] = true;
        overlapped = true;
        if (system[k].span == g.span) {
          match = k;
        } else if (!match || (system[match.value()].span != g.span &&
                              OverlapSize(system[k].span, g.span) >
                                  OverlapSize(system[match.value()].span, g.span))) {
          match = k;
        }
      }
      if (overlapped) ++gold_overlapped;
      if (match && system[*match].span == g.span) ++exact_correct;
      TimeKindScore& kind = s.by_kind[g.kind];
      ++kind.gold;
      const Timex* t = match ? &system[*match] : nullptr;
      if (t != nullptr && t->value == g.value && GranularityName(t->granularity) == g.granularity) {
        ++s.value_correct;
        ++kind.correct;
      } else {
        TimeMiss miss;
        miss.line = g.line;
        miss.doc = DocName(d.doc, d.record);
        miss.kind = g.kind;
        miss.text = g.text;
        miss.gold = g.value + " " + g.granularity;
        if (t != nullptr) {
          miss.system = "\"" + t->text + "\" = " + (t->value.empty() ? "\"\"" : t->value) + " " +
                        GranularityName(t->granularity);
        }
        s.misses.push_back(std::move(miss));
      }
    }
    for (size_t k = 0; k < system.size(); ++k) {
      if (system_hit[k]) {
        ++system_overlapping;
      } else {
        s.extra.push_back(DocName(d.doc, d.record) + ": \"" + system[k].text +
                          "\" = " + system[k].value + " " + GranularityName(system[k].granularity));
      }
    }
  }
  s.expressions = static_cast<int64_t>(gold.size());
  s.value_accuracy = static_cast<double>(s.value_correct) / static_cast<double>(s.expressions);
  s.exact = MakePrf(s.expressions, system_total, exact_correct);
  s.overlap = MakePrf(s.expressions, system_total, gold_overlapped);
  s.overlap.precision =
      system_total > 0 ? static_cast<double>(system_overlapping) / static_cast<double>(system_total)
                       : 0.0;
  s.overlap.f1 =
      s.overlap.precision + s.overlap.recall > 0
          ? 2 * s.overlap.precision * s.overlap.recall / (s.overlap.precision + s.overlap.recall)
          : 0.0;
  s.seconds = SecondsSince(t0);
  return s;
}

}  // namespace rasd::eval
