#include "ingest/jsonl.h"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "ingest/decode.h"
#include "ingest/text_checks.h"

namespace rasd::ingest {
namespace {

using Json = nlohmann::json;

// Fields that may hold the article text, in order of preference.
constexpr std::array<const char*, 3> kTextFields = {"text", "body", "content"};
// Fields copied to RawDocument members when they are strings.
constexpr std::array<const char*, 4> kStringFields = {"title", "url", "published", "outlet"};

// Records where the parser gave up, to name the byte in the message. Runs only on lines that
// already failed to parse, so the common path parses once.
class ErrorPosition : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    position_ = position;
    return false;
  }
  std::optional<size_t> position() const { return position_; }

 private:
  std::optional<size_t> position_;
};

std::string SyntaxErrorMessage(std::string_view line) {
  ErrorPosition sax;
  Json::sax_parse(line, &sax);
  if (!sax.position()) return "not valid JSON";
  return "not valid JSON (syntax error near byte " + std::to_string(*sax.position()) + ")";
}

const char* TypeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::null:
      return "null";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    default:
      return "a value of another type";
  }
}

}  // namespace

Item Rejected(std::string source, RejectReason reason, std::string message, uint64_t input_bytes) {
  Item item;
  item.kind = ItemKind::kRejection;
  item.rejection.source = std::move(source);
  item.rejection.reason = reason;
  item.rejection.message = std::move(message);
  item.rejection.input_bytes = input_bytes;
  return item;
}

Item ParseJsonlLine(std::string_view line, const std::string& source, uint64_t input_bytes) {
  auto reject = [&](RejectReason reason, const std::string& problem) {
    return Rejected(source, reason, source + ": " + problem, input_bytes);
  };
  // Checked before parsing so the reason is "invalid-utf8", not a JSON syntax error. JSON is
  // UTF-8 by definition: a line that is mostly UTF-8 is repaired, another is rejected.
  std::string repaired;
  uint64_t replaced_bytes = 0;
  if (std::optional<size_t> bad = FindInvalidUtf8(line)) {
    if (!MostlyUtf8(line)) {
      return reject(RejectReason::kInvalidUtf8,
                    "invalid UTF-8 at byte " + std::to_string(*bad) + " of the line");
    }
    RepairedUtf8 r = RepairUtf8(line);
    repaired = std::move(r.text);
    replaced_bytes = r.replaced_bytes;
    line = repaired;
  }

  bool too_deep = false;
  Json::parser_callback_t limit_depth = [&too_deep](int depth, Json::parse_event_t event, Json&) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth) {
      too_deep = true;
      return false;  // not built: the parser skips the value
    }
    return true;
  };
  Json record = Json::parse(line, limit_depth, /*allow_exceptions=*/false);
  if (record.is_discarded()) return reject(RejectReason::kMalformedJson, SyntaxErrorMessage(line));
  if (too_deep) {
    return reject(RejectReason::kMalformedJson,
                  "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  if (!record.is_object()) {
    return reject(RejectReason::kMalformedJson,
                  std::string("expected a JSON object, got ") + TypeName(record));
  }

  // The text: the first of kTextFields that holds a string. null counts as absent, as feeds
  // write "body": null when a record has only "content".
  const char* text_field = nullptr;
  const char* wrong_type = nullptr;
  for (const char* field : kTextFields) {
    auto it = record.find(field);
    if (it == record.end() || it->is_null()) continue;
    if (it->is_string()) {
      text_field = field;
      break;
    }
    if (!wrong_type) wrong_type = field;
  }
  if (!text_field) {
    if (wrong_type) {
      return reject(RejectReason::kBadField, std::string(wrong_type) + " must be a string");
    }
    return reject(RejectReason::kNoText, "no \"text\", \"body\" or \"content\" string");
  }

  RawDocument doc;
  doc.source = source;
  doc.format = "jsonl";
  doc.input_bytes = input_bytes;
  doc.body = std::move(record[text_field].get_ref<std::string&>());
  record.erase(text_field);
  if (IsBlank(doc.body)) return reject(RejectReason::kEmpty, std::string(text_field) + " is empty");
  if (LooksBinary(doc.body)) {
    return reject(RejectReason::kBinary,
                  std::string(text_field) + " holds NUL or mostly control characters");
  }

  std::array<std::string*, 4> members = {&doc.title, &doc.url, &doc.published, &doc.outlet};
  for (size_t i = 0; i < kStringFields.size(); ++i) {
    auto it = record.find(kStringFields[i]);
    if (it == record.end()) continue;
    if (it->is_string()) {
      *members[i] = std::move(it->get_ref<std::string&>());
    } else if (!it->is_null()) {
      return reject(RejectReason::kBadField,
                    std::string(kStringFields[i]) + " must be a string, not " + TypeName(*it));
    }
    record.erase(it);
  }
  if (replaced_bytes > 0) {
    record["replaced_bytes"] = replaced_bytes;
    doc.warnings.push_back(std::to_string(replaced_bytes) +
                           " bytes not valid utf-8 replaced with U+FFFD");
  }
  // The strings are valid UTF-8 (checked above; the parser rejects lone surrogates), so
  // replace never fires: it only guarantees dump() cannot throw.
  doc.metadata_json = record.dump(-1, ' ', false, Json::error_handler_t::replace);

  Item item;
  item.kind = ItemKind::kDocument;
  item.document = std::move(doc);
  return item;
}

}  // namespace rasd::ingest
