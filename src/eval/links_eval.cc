// `rasd eval ner --links`: the canonical entity each of rasd's mentions links to, against a gold
// written by hand for every mention of whole articles. The gold format and the rules are in
// eval.h.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "eval/eval.h"
#include "eval/gold_lines.h"

namespace rasd::eval {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kFields = "doc, record, text, n, id, kind, note";
constexpr std::string_view kLocal = "local:";
constexpr std::string_view kKinds[] = {"name", "role", "capital", "nationality", "body", "place"};

struct GoldLink {
  int64_t line = 0;
  std::string doc;
  int64_t record = 0;
  std::string text;
  int64_t n = 1;
  std::string id;
  std::string kind;
};

Result<std::vector<GoldLink>> ReadGold(std::string_view content, const std::string& path) {
  std::vector<GoldLink> out;
  RETURN_IF_ERROR(ForEachLine(content, [&](int64_t number, std::string_view line) -> Status {
    ASSIGN_OR_RETURN(GoldObject j,
                     GoldObject::Parse(line, kFields, path + ":" + std::to_string(number) + ": "));
    GoldLink g;
    g.line = number;
    std::string note;
    RETURN_IF_ERROR(j.String("doc", true, g.doc));
    RETURN_IF_ERROR(j.Integer("record", false, 1, g.record));
    RETURN_IF_ERROR(j.String("text", true, g.text));
    RETURN_IF_ERROR(j.Integer("n", false, 1, g.n));
    RETURN_IF_ERROR(j.String("id", true, g.id));
    RETURN_IF_ERROR(j.String("kind", false, g.kind));
    RETURN_IF_ERROR(j.String("note", false, note));
    if (g.doc.empty()) return j.Error("'doc' is empty");
    if (g.text.empty()) return j.Error("'text' is empty");
    if (g.id.empty() || g.id == kLocal) {
      return j.Error("'id' must be an entity id or \"local:\" + an English name");
    }
    if (!g.kind.empty() &&
        std::find(std::begin(kKinds), std::end(kKinds), g.kind) == std::end(kKinds)) {
      return j.Error("'kind' must be name, role, capital, nationality, body or place, got '" +
                     g.kind + "'");
    }
    out.push_back(std::move(g));
    return Status::Ok();
  }));
  if (out.empty()) return Status::InvalidInput(path + ": no mentions");
  return out;
}

// The byte span of the n-th occurrence (from 1) of `needle` in `text`, occurrences counted at
// every position (they may overlap); nullopt when there are fewer.
std::optional<Span> Occurrence(std::string_view text, std::string_view needle, int64_t n) {
  size_t pos = text.find(needle);
  for (int64_t k = 1; k < n && pos != std::string_view::npos; ++k) {
    pos = text.find(needle, pos + 1);
  }
  if (pos == std::string_view::npos) return std::nullopt;
  return Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + needle.size())};
}

uint32_t OverlapSize(Span a, Span b) {
  const uint32_t start = std::max(a.start, b.start), end = std::min(a.end, b.end);
  return end > start ? end - start : 0;
}

bool Linked(const std::string& gold, const Mention& m) {
  return gold.starts_with(kLocal) ? m.entity.empty() : m.entity == gold;
}

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

std::string LinkError::ToString() const {
  return doc + " (gold line " + std::to_string(line) + ") \"" + text + "\": gold " + gold +
         ", rasd " + (missed ? "no mention" : system.empty() ? "linked to none" : system);
}

std::string LinkScores::ToString() const {
  char buf[200];
  std::snprintf(buf, sizeof buf, "documents=%lld mentions=%lld found=%lld correct=%lld accuracy=%.4f",
                static_cast<long long>(documents), static_cast<long long>(mentions),
                static_cast<long long>(found), static_cast<long long>(correct), accuracy);
  return buf;
}

Result<LinkScores> EvalLinks(const text::Analyzer& analyzer, const ner::Recognizer& recognizer,
                             const std::string& gold_path, const LinkOptions& options) {
  namespace fs = std::filesystem;
  const Clock::time_point start = Clock::now();
  ASSIGN_OR_RETURN(std::string content, ReadFile(gold_path, "gold file"));
  ASSIGN_OR_RETURN(std::vector<GoldLink> gold, ReadGold(content, gold_path));
  const fs::path pages =
      options.pages_dir.empty() ? fs::path(gold_path).parent_path() : fs::path(options.pages_dir);
  GoldDocuments documents(pages);
  LinkScores s;

  // The gold lines of one document need not be together: documents are recognised once each,
  // in the order the gold first names them.
  std::vector<std::pair<std::string, int64_t>> order;
  std::map<std::pair<std::string, int64_t>, std::vector<size_t>> lines;
  for (size_t i = 0; i < gold.size(); ++i) {
    auto key = std::make_pair(gold[i].doc, gold[i].record);
    if (!lines.contains(key)) order.push_back(key);
    lines[key].push_back(i);
  }
  for (const auto& key : order) {
    const std::vector<size_t>& of_doc = lines[key];
    const GoldLink& first = gold[of_doc.front()];
    const std::string name =
        key.second > 0 ? key.first + ":" + std::to_string(key.second) : key.first;
    ASSIGN_OR_RETURN(
        Article article,
        documents.Clean(key.first, key.second, gold_path + ":" + std::to_string(first.line) + ": "));
    const Clock::time_point t0 = Clock::now();
    const text::Analysis analysis = analyzer.Analyze(article.text);
    const std::vector<Mention> mentions = recognizer.Recognize(article.text, analysis);
    s.recognize_seconds += SecondsSince(t0);
    s.bytes += article.text.size();
    ++s.documents;

    std::vector<bool> matched(mentions.size(), false);
    for (size_t gi : of_doc) {
      const GoldLink& g = gold[gi];
      std::optional<Span> span = Occurrence(article.text, g.text, g.n);
      if (!span) {
        return Status::InvalidInput(gold_path + ":" + std::to_string(g.line) + ": \"" + g.text +
                                    "\" does not occur " + std::to_string(g.n) +
                                    " time(s) in the clean text of " + name);
      }
      const Mention* best = nullptr;
      uint32_t best_overlap = 0;
      for (size_t m = 0; m < mentions.size(); ++m) {
        const uint32_t overlap = OverlapSize(*span, mentions[m].span);
        if (overlap == 0) continue;
        matched[m] = true;
        if (overlap > best_overlap) {
          best_overlap = overlap;
          best = &mentions[m];
        }
      }
      LinkKindScore& kind = s.by_kind[g.kind];
      ++s.mentions;
      ++kind.gold;
      LinkError error{g.line, name, g.text, g.id, "", best == nullptr};
      if (best == nullptr) {
        s.missed.push_back(std::move(error));
        continue;
      }
      ++s.found;
      ++kind.found;
      if (Linked(g.id, *best)) {
        ++s.correct;
        ++kind.correct;
      } else {
        error.system = best->entity;
        s.wrong.push_back(std::move(error));
      }
    }
    for (size_t m = 0; m < mentions.size(); ++m) {
      if (!matched[m]) {
        s.extra.push_back(name + ": " + mentions[m].text + " = " +
                          (mentions[m].entity.empty() ? "(none)" : mentions[m].entity));
      }
    }
  }
  s.accuracy = s.mentions > 0 ? static_cast<double>(s.correct) / static_cast<double>(s.mentions)
                              : 0.0;
  s.seconds = SecondsSince(start);
  return s;
}

}  // namespace rasd::eval
