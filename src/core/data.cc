#include "core/data.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/embedded_data.h"

namespace rasd {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::string> ReadDataFile(std::string_view relative_path) {
  if (const char* dir = std::getenv("RASD_DATA_DIR"); dir != nullptr && *dir != '\0') {
    std::string path = std::string(dir) + "/" + std::string(relative_path);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": data file not found (RASD_DATA_DIR is set)");
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.name == relative_path) return std::string(f.content);
  }
  return Status::NotFound("data/" + std::string(relative_path) +
                          ": no such data file in this build");
}

std::vector<std::string> DataFileNames() {
  std::vector<std::string> names;
  for (const EmbeddedFile& f : EmbeddedFiles()) names.emplace_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<TsvRow> ParseTsv(std::string_view content, std::string_view header_first_field) {
  std::vector<TsvRow> rows;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    TsvRow row;
    row.line = line_no;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      std::string_view field = line.substr(start, tab == std::string_view::npos ? line.npos
                                                                                : tab - start);
      row.fields.emplace_back(Trim(field));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (!header_first_field.empty() && row.fields[0] == header_first_field) continue;
    rows.push_back(std::move(row));
    if (nl == content.size()) break;
  }
  return rows;
}

}  // namespace rasd
