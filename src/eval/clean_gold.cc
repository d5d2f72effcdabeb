// Reading the page-cleaning gold (JSONL, eval.h) and another extractor's kept text.
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "eval/clean_internal.h"
#include "eval/gold_lines.h"
#include "eval/seg_internal.h"

namespace rasd::eval {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kFields = "id, page, layout, main, keep_lines, must_not, must_not_lines";

// A JSON value as a line range: a line number n (only where `single` allows it) is [n, n].
bool ToRange(const Json& v, bool single, LineRange& out) {
  if (single && v.is_number_integer()) {
    out = {v.get<int64_t>(), v.get<int64_t>()};
  } else if (v.is_array() && v.size() == 2 && v[0].is_number_integer() &&
             v[1].is_number_integer()) {
    out = {v[0].get<int64_t>(), v[1].get<int64_t>()};
  } else {
    return false;
  }
  return out.first >= 1 && out.first <= out.last;
}

class GoldLine {
 public:
  GoldLine(std::string_view name, int64_t number)
      : where_(std::string(name) + ":" + std::to_string(number) + ": ") {}

  Status Error(const std::string& problem) const { return Status::InvalidInput(where_ + problem); }

  Status String(const Json& object, const char* field, std::string& out) const {
    auto it = object.find(field);
    if (it == object.end()) return Status::Ok();
    if (!it->is_string()) return Error(std::string("'") + field + "' must be a string");
    out = it->get<std::string>();
    return Status::Ok();
  }

  // [[first, last], ...] in order, not overlapping; with `single`, a plain line number may
  // stand for a range of one line.
  Status Ranges(const Json& object, const char* field, bool single,
                std::vector<LineRange>& out) const {
    auto it = object.find(field);
    if (it == object.end()) return Status::Ok();
    const std::string shape =
        single ? "line numbers or [first, last] ranges" : "[first, last] ranges";
    if (!it->is_array()) {
      return Error(std::string("'") + field + "' must be a list of " + shape);
    }
    for (const Json& v : *it) {
      LineRange r;
      if (!ToRange(v, single, r)) {
        return Error(std::string("'") + field + "': " + v.dump() + " is not one of " + shape +
                     " (lines count from 1, first <= last)");
      }
      if (!out.empty() && r.first <= out.back().last) {
        return Error(std::string("'") + field + "': " + v.dump() +
                     " does not come after the range before it");
      }
      out.push_back(r);
    }
    return Status::Ok();
  }

 private:
  std::string where_;
};

Result<CleanGoldPage> ReadGoldLine(std::string_view text, std::string_view name, int64_t number) {
  const GoldLine g(name, number);
  if (FindInvalidUtf8(text) != std::string_view::npos) return g.Error("not valid UTF-8");
  const Json object = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return g.Error("not valid JSON");
  if (!object.is_object()) return g.Error("not a JSON object");
  static const std::unordered_set<std::string> kKnown = {
      "id", "page", "layout", "main", "keep_lines", "must_not", "must_not_lines"};
  for (const auto& [key, value] : object.items()) {
    if (!kKnown.contains(key)) {
      return g.Error("unknown field '" + key + "' (fields: " + std::string(kFields) + ")");
    }
  }

  CleanGoldPage page;
  page.line = number;
  RETURN_IF_ERROR(g.String(object, "page", page.page));
  if (page.page.empty()) return g.Error("no 'page' (the page file, relative to the pages folder)");
  RETURN_IF_ERROR(g.String(object, "id", page.id));
  if (page.id.empty()) page.id = page.page;
  RETURN_IF_ERROR(g.String(object, "layout", page.layout));
  page.has_main = object.contains("main");
  RETURN_IF_ERROR(g.String(object, "main", page.main));
  RETURN_IF_ERROR(g.Ranges(object, "keep_lines", /*single=*/false, page.keep_lines));
  const bool has_lines = object.contains("keep_lines");
  if (page.has_main == has_lines) {
    return g.Error(page.has_main ? "both 'main' and 'keep_lines': give one main text"
                                 : "no main text: give 'main' or 'keep_lines'");
  }
  if (has_lines && page.keep_lines.empty()) return g.Error("'keep_lines' is empty");
  if (auto it = object.find("must_not"); it != object.end()) {
    if (!it->is_array()) return g.Error("'must_not' must be a list of strings");
    for (const Json& v : *it) {
      if (!v.is_string()) return g.Error("'must_not': " + v.dump() + " is not a string");
      std::string s = v.get<std::string>();
      if (CleanTokens(s).empty()) {
        return g.Error("'must_not': " + v.dump() + " has no letter or digit to look for");
      }
      page.must_not.push_back(std::move(s));
    }
  }
  RETURN_IF_ERROR(g.Ranges(object, "must_not_lines", /*single=*/true, page.must_not_lines));
  return page;
}

}  // namespace

Result<std::vector<CleanGoldPage>> ReadCleanGold(std::string_view content, std::string_view name) {
  std::vector<CleanGoldPage> pages;
  std::unordered_map<std::string, int64_t> id_lines;
  RETURN_IF_ERROR(ForEachLine(content, [&](int64_t number, std::string_view line) -> Status {
    ASSIGN_OR_RETURN(CleanGoldPage page, ReadGoldLine(line, name, number));
    auto [it, inserted] = id_lines.emplace(page.id, number);
    if (!inserted) {
      return Status::InvalidInput(std::string(name) + ":" + std::to_string(number) +
                                  ": duplicate id '" + page.id + "' (first on line " +
                                  std::to_string(it->second) + ")");
    }
    pages.push_back(std::move(page));
    return Status::Ok();
  }));
  if (pages.empty()) return Status::InvalidInput(std::string(name) + ": no gold page in the file");
  return pages;
}

Result<std::unordered_map<std::string, std::string>> ReadCleanPredictions(std::string_view content,
                                                                          std::string_view name) {
  std::unordered_map<std::string, std::string> texts;
  RETURN_IF_ERROR(ForEachLine(content, [&](int64_t number, std::string_view line) -> Status {
    const GoldLine g(name, number);
    const Json object = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) return g.Error("not a JSON object");
    auto id = object.find("id");
    auto text = object.find("text");
    if (id == object.end() || !id->is_string() || text == object.end() || !text->is_string()) {
      return g.Error("needs a string 'id' and a string 'text'");
    }
    if (!texts.emplace(id->get<std::string>(), text->get<std::string>()).second) {
      return g.Error("duplicate id '" + id->get<std::string>() + "'");
    }
    return Status::Ok();
  }));
  return texts;
}

Result<std::string> PageLines(std::string_view body, std::span<const LineRange> ranges,
                              std::string_view where) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A final line break does not start another line.
    if (end == body.size() && line.empty() && !lines.empty()) break;
    lines.push_back(line);
    pos = end + 1;
  }
  std::string out;
  for (const LineRange& r : ranges) {
    if (r.last > static_cast<int64_t>(lines.size())) {
      return Status::InvalidInput(std::string(where) + "line " + std::to_string(r.last) +
                                  " is beyond the page's " + std::to_string(lines.size()) +
                                  " lines");
    }
    for (int64_t i = r.first; i <= r.last; ++i) {
      if (!out.empty()) out += '\n';
      out += lines[static_cast<size_t>(i - 1)];
    }
  }
  return out;
}

}  // namespace rasd::eval
