// The lines of a JSONL gold file, shared by the scorers of src/eval. Internal to src/eval.
#ifndef RASD_EVAL_GOLD_LINES_H_
#define RASD_EVAL_GOLD_LINES_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "core/status.h"
#include "ingest/ingest.h"

namespace rasd::eval {

// The bytes of a gold or system file; a missing file, a folder, or a read error fails naming
// the path (`what`: "gold file", "JSONL file"...).
Result<std::string> ReadFile(const std::string& path, std::string_view what);

// "YYYY-MM-DD" in digits (the calendar is not checked).
bool IsoDate(std::string_view s);

// The documents a gold names, each file read once, cleaned as the pipeline cleans them.
class GoldDocuments {
 public:
  explicit GoldDocuments(std::filesystem::path pages) : pages_(std::move(pages)) {}
  // The clean article of `doc` (relative to the pages folder) and `record` (the 1-based line
  // of a JSONL file; 0 for a file that is one document). Fails on a missing or rejected file,
  // a missing record, or a page that cleaning leaves empty; `where` ("gold.jsonl:3: ") starts
  // every message.
  Result<Article> Clean(const std::string& doc, int64_t record, const std::string& where);

 private:
  std::filesystem::path pages_;
  std::map<std::string, std::map<int64_t, ingest::RawDocument>> files_;
  clean::Cleaner cleaner_;
};

// Every document of a page file that a gold names, as ingest reads it, by record (the 1-based
// line of a JSONL file; 0 for a file that is one document). `where` ("gold.jsonl:3: ") starts
// every message.
Result<std::map<int64_t, ingest::RawDocument>> ReadDocuments(const std::filesystem::path& path,
                                                             const std::string& where);

// One line of a JSONL gold file as a JSON object whose fields are checked against the known
// ones; its readers fail with messages that start with `where` ("gold.jsonl:3: ").
class GoldObject {
 public:
  // Fails when `line` is not a JSON object or has a field that is not in `fields`, a list such
  // as "doc, record, text" that the message repeats.
  static Result<GoldObject> Parse(std::string_view line, std::string_view fields,
                                  std::string where);
  // A string field; an absent one leaves `out` as it is, or fails when `required`.
  Status String(const char* name, bool required, std::string& out) const;
  // An integer field of at least `min`; an absent one leaves `out` as it is, or fails when
  // `required`.
  Status Integer(const char* name, bool required, int64_t min, int64_t& out) const;
  Status Error(const std::string& problem) const { return Status::InvalidInput(where_ + problem); }
  const nlohmann::json& json() const { return json_; }
  const std::string& where() const { return where_; }

 private:
  nlohmann::json json_;
  std::string where_;
};

// Calls `line_fn(number, text)` (Status) for each line of `content` that is not blank or a
// `#` comment, numbered from 1 as an editor shows them, without a trailing CR; stops at the
// first error and returns it.
template <typename LineFn>
Status ForEachLine(std::string_view content, LineFn&& line_fn) {
  int64_t number = 0;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    RETURN_IF_ERROR(line_fn(number, line));
  }
  return Status::Ok();
}

}  // namespace rasd::eval

#endif  // RASD_EVAL_GOLD_LINES_H_
