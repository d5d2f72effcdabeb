// Parameter parsing: one function per list, sharing the validators below so the CLI and the
// HTTP API reject the same inputs with the same messages.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "query/query.h"

namespace rasd::query {
namespace {

constexpr int64_t kMaxLimit = 10000;

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// The trimmed value of `key`, "" when absent.
std::string Get(const Params& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? std::string() : Trim(it->second);
}

Result<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return Status::InvalidArgument("not an integer");
  }
  return v;
}

Status ReadLimit(const Params& params, int64_t& limit, int64_t& offset) {
  if (std::string s = Get(params, "limit"); !s.empty()) {
    Result<int64_t> v = ParseInt(s);
    if (!v.ok() || *v < 1 || *v > kMaxLimit) {
      return Status::InvalidArgument("limit: must be an integer between 1 and " +
                                     std::to_string(kMaxLimit) + " (got '" + s + "')");
    }
    limit = *v;
  }
  if (std::string s = Get(params, "offset"); !s.empty()) {
    Result<int64_t> v = ParseInt(s);
    if (!v.ok() || *v < 0) {
      return Status::InvalidArgument("offset: must be a non-negative integer (got '" + s + "')");
    }
    offset = *v;
  }
  return Status::Ok();
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
bool IsDate(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!AllDigits(s.substr(0, 4))) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !AllDigits(s.substr(5, 2))) return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !AllDigits(s.substr(8, 2))) return false;
  const int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int max_day = month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
  return day >= 1 && day <= max_day;
}

// Reads `from` and `to`; to is inclusive by prefix, so from=2023-08-15, to=2023-08 is a valid
// range (the second half of August), and only a from that sorts after every date within
// `to` is an error.
Status ReadDates(const Params& params, std::string& from, std::string& to) {
  for (const char* key : {"from", "to"}) {
    std::string s = Get(params, key);
    if (!s.empty() && !IsDate(s)) {
      return Status::InvalidArgument(std::string(key) + ": '" + s +
                                     "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    (std::string_view(key) == "from" ? from : to) = s;
  }
  if (!from.empty() && !to.empty() && from > to + "~") {
    return Status::InvalidArgument("from: '" + from + "' is after to '" + to + "'");
  }
  return Status::Ok();
}

std::string EventTypeList() {
  std::string out;
  for (int i = 1;; ++i) {
    const auto type = static_cast<EventType>(i);
    if (std::string_view(EventTypeName(type)) == "unknown") break;
    out += (out.empty() ? "" : ", ") + std::string(EventTypeName(type));
  }
  return out;
}

Result<bool> ParseBool(const std::string& key, const std::string& s) {
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "1" || lower == "yes") return true;
  if (lower == "false" || lower == "0" || lower == "no") return false;
  return Status::InvalidArgument(key + ": must be true or false (got '" + s + "')");
}

// The "min_confidence" parameter: a number from 0 to 1.
Result<double> ParseConfidence(const std::string& s) {
  double value = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (ec != std::errc() || ptr != end || !(value >= 0 && value <= 1)) {
    return Status::InvalidArgument("min_confidence: must be a number from 0 to 1 (got '" + s +
                                   "')");
  }
  return value;
}

// The "type" parameter: a PLOVER type name, or nothing.
Status ReadEventType(const Params& params, EventType& type) {
  const std::string name = Get(params, "type");
  if (name.empty()) return Status::Ok();
  type = EventTypeFromName(name);
  if (type == EventType::kUnknown) {
    return Status::InvalidArgument("type: unknown event type '" + name + "' (one of " +
                                   EventTypeList() + ")");
  }
  return Status::Ok();
}

}  // namespace

Result<store::EventQuery> ParseEventQuery(const Params& params) {
  store::EventQuery q;
  q.actor = Get(params, "actor");
  RETURN_IF_ERROR(ReadEventType(params, q.type));
  RETURN_IF_ERROR(ReadDates(params, q.from, q.to));
  q.place = Get(params, "place");
  q.article = Get(params, "article");
  if (std::string h = Get(params, "historical"); !h.empty()) {
    ASSIGN_OR_RETURN(q.include_historical, ParseBool("historical", h));
  }
  if (std::string r = Get(params, "referenced"); !r.empty()) {
    ASSIGN_OR_RETURN(q.include_referenced, ParseBool("referenced", r));
  }
  if (std::string u = Get(params, "unique"); !u.empty()) {
    ASSIGN_OR_RETURN(q.unique, ParseBool("unique", u));
  }
  if (std::string c = Get(params, "min_confidence"); !c.empty()) {
    ASSIGN_OR_RETURN(q.min_confidence, ParseConfidence(c));
  }
  RETURN_IF_ERROR(ReadLimit(params, q.limit, q.offset));
  return q;
}

Result<store::StoryQuery> ParseStoryQuery(const Params& params) {
  store::StoryQuery q;
  q.actor = Get(params, "actor");
  RETURN_IF_ERROR(ReadEventType(params, q.type));
  RETURN_IF_ERROR(ReadDates(params, q.from, q.to));
  RETURN_IF_ERROR(ReadLimit(params, q.limit, q.offset));
  return q;
}

Result<store::ArticleQuery> ParseArticleQuery(const Params& params) {
  store::ArticleQuery q;
  q.outlet = Get(params, "outlet");
  RETURN_IF_ERROR(ReadDates(params, q.from, q.to));
  RETURN_IF_ERROR(ReadLimit(params, q.limit, q.offset));
  return q;
}

Result<store::EntityQuery> ParseEntityQuery(const Params& params) {
  store::EntityQuery q;
  q.name = Get(params, "name");
  if (std::string type = Get(params, "type"); !type.empty()) {
    std::string lower = type;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "organisation") lower = "organization";
    q.type = EntityTypeFromName(lower);
    if (q.type == EntityType::kUnknown) {
      return Status::InvalidArgument("type: unknown entity type '" + type +
                                     "' (one of country, place, person, organization, igo, "
                                     "group)");
    }
  }
  if (std::string country = Get(params, "country"); !country.empty()) {
    const bool letters =
        country.size() == 3 && std::all_of(country.begin(), country.end(),
                                           [](unsigned char c) { return std::isalpha(c) != 0; });
    if (!letters) {
      return Status::InvalidArgument("country: '" + country +
                                     "' is not an ISO 3166 alpha-3 code (three letters, e.g. "
                                     "ARM)");
    }
    std::transform(country.begin(), country.end(), country.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    q.country = country;
  }
  RETURN_IF_ERROR(ReadLimit(params, q.limit, q.offset));
  return q;
}

Result<store::SearchQuery> ParseSearchQuery(const Params& params) {
  store::SearchQuery q;
  q.text = Get(params, "q");
  if (q.text.empty()) {
    return Status::InvalidArgument("q: required (the words to search for)");
  }
  RETURN_IF_ERROR(ReadLimit(params, q.limit, q.offset));
  return q;
}

Result<Format> ParseFormat(const std::string& name) {
  const std::string n = Trim(name);
  if (n == "table") return Format::kTable;
  if (n == "json") return Format::kJson;
  if (n == "csv") return Format::kCsv;
  if (n == "jsonl") return Format::kJsonl;
  return Status::InvalidArgument("format: unknown format '" + name +
                                 "' (one of table, json, csv, jsonl)");
}

}  // namespace rasd::query
