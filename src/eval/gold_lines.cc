#include "eval/gold_lines.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

namespace rasd::eval {

Result<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + ": is a folder, not a " + std::string(what));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(path + ": cannot read");
  return content;
}

bool IsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

Result<GoldObject> GoldObject::Parse(std::string_view line, std::string_view fields,
                                     std::string where) {
  GoldObject g;
  g.where_ = std::move(where);
  g.json_ = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (g.json_.is_discarded() || !g.json_.is_object()) return g.Error("not a JSON object");
  for (auto it = g.json_.begin(); it != g.json_.end(); ++it) {
    bool known = false;
    for (size_t start = 0; start < fields.size() && !known;) {
      size_t comma = fields.find(',', start);
      if (comma == std::string_view::npos) comma = fields.size();
      known = fields.substr(start, comma - start) == it.key();
      start = comma + 2;
    }
    if (!known) {
      return g.Error("unknown field '" + it.key() + "' (fields: " + std::string(fields) + ")");
    }
  }
  return g;
}

Status GoldObject::String(const char* name, bool required, std::string& out) const {
  auto it = json_.find(name);
  if (it == json_.end()) {
    return required ? Error(std::string("missing '") + name + "'") : Status::Ok();
  }
  if (!it->is_string()) return Error(std::string("'") + name + "' must be a string");
  out = it->get<std::string>();
  return Status::Ok();
}

Status GoldObject::Integer(const char* name, bool required, int64_t min, int64_t& out) const {
  auto it = json_.find(name);
  if (it == json_.end()) {
    return required ? Error(std::string("missing '") + name + "'") : Status::Ok();
  }
  if (!it->is_number_integer() || it->get<int64_t>() < min) {
    return Error(std::string("'") + name + "' must be an integer of at least " +
                 std::to_string(min));
  }
  out = it->get<int64_t>();
  return Status::Ok();
}

Result<std::map<int64_t, ingest::RawDocument>> ReadDocuments(const std::filesystem::path& path,
                                                             const std::string& where) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(where + "document " + path.string() + ": no such file");
  }
  std::map<int64_t, ingest::RawDocument> out;
  ingest::Reader reader({path.string()}, {});
  while (std::optional<ingest::Item> item = reader.Next()) {
    if (item->kind == ingest::ItemKind::kRejection) {
      return Status::InvalidInput(where +
                                  "document rejected by ingest: " + item->rejection.message);
    }
    if (item->kind != ingest::ItemKind::kDocument) {
      return Status::InvalidInput(where + "document " + path.string() +
                                  ": not a format rasd reads (.html, .htm, .txt, .jsonl)");
    }
    int64_t record = 0;
    if (item->document.format == "jsonl") {
      const std::string& source = item->document.source;
      record = std::stoll(source.substr(source.rfind(':') + 1));
    }
    out.emplace(record, std::move(item->document));
  }
  return out;
}

Result<Article> GoldDocuments::Clean(const std::string& doc, int64_t record,
                                     const std::string& where) {
  auto file = files_.find(doc);
  if (file == files_.end()) {
    ASSIGN_OR_RETURN(auto records, ReadDocuments(pages_ / doc, where));
    file = files_.emplace(doc, std::move(records)).first;
  }
  auto raw = file->second.find(record);
  if (raw == file->second.end()) {
    return Status::InvalidInput(where +
                                (record > 0 ? "no record " + std::to_string(record) + " in "
                                            : "give 'record' for the JSONL file ") +
                                doc);
  }
  Result<clean::Cleaned> cleaned = cleaner_.Clean(raw->second);
  if (!cleaned.ok()) {
    return Status::InvalidInput(where + doc + (record > 0 ? ":" + std::to_string(record) : "") +
                                ": clean failed: " + cleaned.status().message());
  }
  return std::move(cleaned->article);
}

}  // namespace rasd::eval
