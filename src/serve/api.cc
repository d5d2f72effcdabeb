#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/query.h"

namespace rasd::serve {
namespace {

using nlohmann::json;

enum class Endpoint {
  kIndex,
  kHealth,
  kStats,
  kArticles,
  kArticle,
  kEvents,
  kStories,
  kStory,
  kEntities,
  kEntity,
  kSearch,
  kRejects,
};

// Parameters each endpoint accepts. The store-query keys are those of query/query.h, so the
// API and the CLI take the same names; "format" (json|csv) is the API's own.
constexpr std::string_view kArticleParams[] = {"outlet", "from", "to", "limit", "offset", "format"};
constexpr std::string_view kEventParams[] = {
    "actor",      "type",           "from",   "to",    "place",  "article", "historical",
    "referenced", "min_confidence", "unique", "limit", "offset", "format"};
constexpr std::string_view kStoryParams[] = {"actor", "type",   "from",  "to",
                                             "limit", "offset", "format"};
constexpr std::string_view kEntityParams[] = {"name",  "type",   "country",
                                              "limit", "offset", "format"};
constexpr std::string_view kSearchParams[] = {"q", "limit", "offset"};
constexpr std::string_view kPageParams[] = {"limit", "offset"};

struct EndpointSpec {
  Endpoint endpoint;
  std::string_view path;                     // as listed in the index
  std::span<const std::string_view> params;  // allowed query parameters
  std::string_view example;                  // path and query string
  std::string_view about;
};

constexpr std::span<const std::string_view> kNone;

constexpr EndpointSpec kEndpoints[] = {
    {Endpoint::kIndex, "/", kNone, "/", "this list"},
    {Endpoint::kHealth, "/api/health", kNone, "/api/health", "liveness: {\"status\": \"ok\"}"},
    {Endpoint::kStats, "/api/stats", kNone, "/api/stats",
     "counts of articles, events, entities, mentions and rejects"},
    {Endpoint::kArticles, "/api/articles", kArticleParams,
     "/api/articles?from=2020-09&to=2020-10&limit=20", "stored articles, without their text"},
    {Endpoint::kArticle, "/api/articles/{id}", kNone, "/api/articles/{id}",
     "one article (its id or a unique prefix of 6+ characters) with its text, mentions, time "
     "expressions and events"},
    {Endpoint::kEvents, "/api/events", kEventParams, "/api/events?type=CONSULT&actor=RUS&limit=5",
     "PLOVER events with actors and evidence (unique=true: one event per story)"},
    {Endpoint::kStories, "/api/stories", kStoryParams, "/api/stories?type=ASSAULT&limit=5",
     "stories: reports of one event grouped, newest first, with counts of articles and outlets "
     "and the claims side by side"},
    {Endpoint::kStory, "/api/stories/{id}", kNone, "/api/stories/{id}",
     "one story (its id or a unique prefix of 6+ characters) with every report, its article "
     "and sentence, and the reports grouped by claim"},
    {Endpoint::kEntities, "/api/entities", kEntityParams, "/api/entities?type=country&limit=20",
     "canonical entities with mention and event counts"},
    {Endpoint::kEntity, "/api/entities/{id}", kNone, "/api/entities/RUS", "one entity"},
    {Endpoint::kSearch, "/api/search", kSearchParams,
     "/api/search?q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81",
     "full-text search over normalised Arabic (all words must occur; \"...\" for a phrase)"},
    {Endpoint::kRejects, "/api/rejects", kPageParams, "/api/rejects?limit=20",
     "inputs rejected at ingest, with the reason"},
};

const EndpointSpec& Spec(Endpoint endpoint) {
  for (const EndpointSpec& spec : kEndpoints) {
    if (spec.endpoint == endpoint) return spec;
  }
  return kEndpoints[0];  // unreachable: every Endpoint has a row
}

struct Route {
  const EndpointSpec* spec = nullptr;
  std::string id;  // for /api/articles/{id}, /api/stories/{id} and /api/entities/{id}
};

// Exact paths; one trailing slash is tolerated because people type it.
std::optional<Route> MatchRoute(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/" || path == "/api") return Route{&Spec(Endpoint::kIndex), ""};
  constexpr std::string_view kPrefix = "/api/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  std::string_view rest = path.substr(kPrefix.size());
  std::string_view name = rest.substr(0, rest.find('/'));
  std::string_view id = name.size() < rest.size() ? rest.substr(name.size() + 1) : "";
  struct Collection {
    std::string_view name;
    Endpoint list;
    std::optional<Endpoint> item;
  };
  constexpr Collection kCollections[] = {
      {"health", Endpoint::kHealth, std::nullopt},
      {"stats", Endpoint::kStats, std::nullopt},
      {"articles", Endpoint::kArticles, Endpoint::kArticle},
      {"events", Endpoint::kEvents, std::nullopt},
      {"stories", Endpoint::kStories, Endpoint::kStory},
      {"entities", Endpoint::kEntities, Endpoint::kEntity},
      {"search", Endpoint::kSearch, std::nullopt},
      {"rejects", Endpoint::kRejects, std::nullopt},
  };
  for (const Collection& c : kCollections) {
    if (c.name != name) continue;
    if (id.empty()) return Route{&Spec(c.list), ""};
    if (c.item) return Route{&Spec(*c.item), std::string(id)};
    return std::nullopt;
  }
  return std::nullopt;
}

// Optimal string alignment distance, ASCII case folded, so a swapped pair ("tpye") counts 1.
int EditDistance(std::string_view a, std::string_view b) {
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// The closest candidate within two edits (and closer than the word is long), or "".
std::string_view Closest(std::string_view word, std::span<const std::string_view> candidates) {
  if (word.size() > 64) return "";  // not a typo; spare the quadratic table
  std::string_view best;
  int best_distance = 3;
  for (std::string_view c : candidates) {
    int distance = EditDistance(word, c);
    if (distance < best_distance && distance < static_cast<int>(std::min(word.size(), c.size()))) {
      best = c;
      best_distance = distance;
    }
  }
  return best;
}

std::string Join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

// The parameters as a map, refusing names the endpoint does not take (a typo would otherwise
// silently widen the result) and names given twice (which one would win is arbitrary).
Result<query::Params> CheckParams(const ApiRequest& request, const EndpointSpec& spec) {
  query::Params params;
  for (const auto& [name, value] : request.params) {
    if (std::find(spec.params.begin(), spec.params.end(), name) == spec.params.end()) {
      std::string message = "unknown parameter '" + name + "'";
      if (spec.params.empty()) {
        message += " (" + std::string(spec.path) + " takes no parameters)";
      } else {
        std::string_view guess = Closest(name, spec.params);
        if (!guess.empty()) message += "; did you mean '" + std::string(guess) + "'?";
        message += " (allowed: " + Join(spec.params) + ")";
      }
      return Status::InvalidArgument(message);
    }
    if (!params.emplace(name, value).second) {
      return Status::InvalidArgument("parameter '" + name + "' given more than once");
    }
  }
  return params;
}

enum class Format { kJson, kCsv };

// Removes "format" from `params`: the store-query parsers do not know it.
Result<Format> TakeFormat(query::Params& params) {
  auto it = params.find("format");
  if (it == params.end()) return Format::kJson;
  const std::string given = it->second;
  params.erase(it);
  std::string value = given;
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (value.empty() || value == "json") return Format::kJson;
  if (value == "csv") return Format::kCsv;
  return Status::InvalidArgument("format: unknown format '" + given + "' (json or csv)");
}

ApiResponse JsonResponse(const json& value) {
  ApiResponse response;
  response.body = DumpJson(value);
  return response;
}

ApiResponse ListResponse(json items, int64_t total, int64_t limit, int64_t offset) {
  json body = {{"items", std::move(items)}, {"total", total}, {"limit", limit}, {"offset", offset}};
  ApiResponse response = JsonResponse(body);
  response.headers.emplace_back("X-Total-Count", std::to_string(total));
  return response;
}

ApiResponse CsvResponse(std::string csv, int64_t total) {
  ApiResponse response;
  response.content_type = std::string(kCsvType);
  response.body = std::move(csv);
  response.headers.emplace_back("X-Total-Count", std::to_string(total));
  return response;
}

// Ids of stored rows for the {id} examples, so every link in the index works when clicked.
struct SampleIds {
  std::string article;
  std::string entity;
  std::string story;
};

// Percent-encodes all but unreserved characters and ':' (entity ids are "place:yerevan").
std::string PathSegment(std::string_view id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

SampleIds Samples(store::Store& db) {
  SampleIds ids;
  store::ArticleQuery articles;
  articles.limit = 1;
  if (auto rows = db.Articles(articles); rows.ok() && !rows->empty()) {
    ids.article = rows->front().article.id;
  }
  store::StoryQuery stories;
  stories.limit = 1;
  if (auto rows = db.Stories(stories); rows.ok() && !rows->empty()) {
    ids.story = rows->front().first.id;
  }
  store::EntityQuery entities;
  entities.limit = 1;
  if (auto rows = db.Entities(entities); rows.ok() && !rows->empty()) {
    ids.entity = rows->front().entity.id;
  }
  return ids;
}

json Index(const std::string& host, const SampleIds& samples) {
  json endpoints = json::array();
  for (const EndpointSpec& spec : kEndpoints) {
    std::string example(spec.example);
    if (spec.endpoint == Endpoint::kArticle && !samples.article.empty()) {
      example = "/api/articles/" + PathSegment(samples.article);
    }
    if (spec.endpoint == Endpoint::kStory && !samples.story.empty()) {
      example = "/api/stories/" + PathSegment(samples.story);
    }
    if (spec.endpoint == Endpoint::kEntity && !samples.entity.empty()) {
      example = "/api/entities/" + PathSegment(samples.entity);
    }
    if (!host.empty()) example = "http://" + host + example;
    endpoints.push_back(
        {{"path", spec.path},
         {"parameters", std::vector<std::string>(spec.params.begin(), spec.params.end())},
         {"example", example},
         {"about", spec.about}});
  }
  return {{"name", "rasd"},
          {"about", "political and conflict events from Arabic news; read-only JSON API"},
          {"lists",
           "{\"items\": [...], \"total\": N, \"limit\": L, \"offset\": O}; limit "
           "1..10000 (default 100, search 20), offset >= 0; format=csv on events, stories, "
           "articles and entities"},
          {"errors",
           "{\"error\": {\"status\": S, \"message\": \"...\"}}: 400 bad parameter, "
           "404 unknown id or path, 405 method, 500 store failure"},
          {"endpoints", std::move(endpoints)}};
}

Result<ApiResponse> ListArticles(store::Store& db, query::Params params) {
  ASSIGN_OR_RETURN(Format format, TakeFormat(params));
  ASSIGN_OR_RETURN(store::ArticleQuery q, query::ParseArticleQuery(params));
  ASSIGN_OR_RETURN(std::vector<store::ArticleRow> rows, db.Articles(q));
  ASSIGN_OR_RETURN(int64_t total, db.CountArticles(q));
  if (format == Format::kCsv) return CsvResponse(query::ArticlesCsv(rows), total);
  json items = json::array();
  for (const store::ArticleRow& row : rows) items.push_back(query::ArticleJson(row, false));
  return ListResponse(std::move(items), total, q.limit, q.offset);
}

Result<ApiResponse> ListEvents(store::Store& db, query::Params params) {
  ASSIGN_OR_RETURN(Format format, TakeFormat(params));
  ASSIGN_OR_RETURN(store::EventQuery q, query::ParseEventQuery(params));
  ASSIGN_OR_RETURN(std::vector<Event> events, db.Events(q));
  ASSIGN_OR_RETURN(int64_t total, db.CountEvents(q));
  if (format == Format::kCsv) return CsvResponse(query::EventsCsv(events), total);
  json items = json::array();
  for (const Event& event : events) items.push_back(query::EventJson(event));
  return ListResponse(std::move(items), total, q.limit, q.offset);
}

Result<ApiResponse> ListStories(store::Store& db, query::Params params) {
  ASSIGN_OR_RETURN(Format format, TakeFormat(params));
  ASSIGN_OR_RETURN(store::StoryQuery q, query::ParseStoryQuery(params));
  ASSIGN_OR_RETURN(std::vector<store::StoryRow> rows, db.Stories(q));
  ASSIGN_OR_RETURN(int64_t total, db.CountStories(q));
  if (format == Format::kCsv) return CsvResponse(query::StoriesCsv(rows), total);
  json items = json::array();
  for (const store::StoryRow& row : rows) items.push_back(query::StoryJson(row));
  return ListResponse(std::move(items), total, q.limit, q.offset);
}

Result<ApiResponse> ListEntities(store::Store& db, query::Params params) {
  ASSIGN_OR_RETURN(Format format, TakeFormat(params));
  ASSIGN_OR_RETURN(store::EntityQuery q, query::ParseEntityQuery(params));
  ASSIGN_OR_RETURN(std::vector<store::EntityRow> rows, db.Entities(q));
  ASSIGN_OR_RETURN(int64_t total, db.CountEntities(q));
  if (format == Format::kCsv) return CsvResponse(query::EntitiesCsv(rows), total);
  json items = json::array();
  for (const store::EntityRow& row : rows) items.push_back(query::EntityJson(row));
  return ListResponse(std::move(items), total, q.limit, q.offset);
}

Result<ApiResponse> SearchArticles(store::Store& db, const query::Params& params) {
  ASSIGN_OR_RETURN(store::SearchQuery q, query::ParseSearchQuery(params));
  if (std::all_of(q.text.begin(), q.text.end(),
                  [](unsigned char c) { return std::isspace(c) != 0; })) {
    return Status::InvalidArgument("q: required: the words to search for (/api/search?q=...)");
  }
  ASSIGN_OR_RETURN(std::vector<store::SearchHit> hits, db.Search(q));
  ASSIGN_OR_RETURN(int64_t total, db.CountSearch(q));
  json items = json::array();
  for (const store::SearchHit& hit : hits) items.push_back(query::SearchHitJson(hit));
  return ListResponse(std::move(items), total, q.limit, q.offset);
}

Result<ApiResponse> ListRejects(store::Store& db, const query::Params& params) {
  // The article parser validates limit and offset exactly as every other list does.
  ASSIGN_OR_RETURN(store::ArticleQuery page, query::ParseArticleQuery(params));
  ASSIGN_OR_RETURN(std::vector<store::RejectRecord> rejects, db.Rejects(page.limit, page.offset));
  ASSIGN_OR_RETURN(store::Stats stats, db.GetStats());
  json items = json::array();
  for (const store::RejectRecord& reject : rejects) items.push_back(query::RejectJson(reject));
  return ListResponse(std::move(items), stats.rejects, page.limit, page.offset);
}

Result<ApiResponse> GetArticle(store::Store& db, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<store::ArticleDetail> detail, db.GetArticle(id));
  if (!detail) {
    return Status::NotFound("no article with id '" + id + "'" +
                            (id.size() < 6 ? " (a prefix needs at least 6 characters)" : ""));
  }
  return JsonResponse(query::ArticleDetailJson(*detail));
}

Result<ApiResponse> GetStory(store::Store& db, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<store::StoryDetail> detail, db.GetStory(id));
  if (!detail) {
    return Status::NotFound("no story with id '" + id + "'" +
                            (id.size() < 6 ? " (a prefix needs at least 6 characters)" : ""));
  }
  return JsonResponse(query::StoryDetailJson(*detail));
}

Result<ApiResponse> GetEntity(store::Store& db, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<store::EntityRow> row, db.GetEntity(id));
  if (!row) return Status::NotFound("no entity with id '" + id + "'");
  return JsonResponse(query::EntityJson(*row));
}

Result<ApiResponse> Dispatch(store::Store& db, const ApiRequest& request, const Route& route) {
  ASSIGN_OR_RETURN(query::Params params, CheckParams(request, *route.spec));
  switch (route.spec->endpoint) {
    case Endpoint::kIndex:
      return JsonResponse(Index(request.host, Samples(db)));
    case Endpoint::kHealth:
      return JsonResponse({{"status", "ok"}});
    case Endpoint::kStats: {
      ASSIGN_OR_RETURN(store::Stats stats, db.GetStats());
      return JsonResponse(query::StatsJson(stats));
    }
    case Endpoint::kArticles:
      return ListArticles(db, std::move(params));
    case Endpoint::kArticle:
      return GetArticle(db, route.id);
    case Endpoint::kEvents:
      return ListEvents(db, std::move(params));
    case Endpoint::kStories:
      return ListStories(db, std::move(params));
    case Endpoint::kStory:
      return GetStory(db, route.id);
    case Endpoint::kEntities:
      return ListEntities(db, std::move(params));
    case Endpoint::kEntity:
      return GetEntity(db, route.id);
    case Endpoint::kSearch:
      return SearchArticles(db, params);
    case Endpoint::kRejects:
      return ListRejects(db, params);
  }
  return Status::Internal("unhandled endpoint " + std::string(route.spec->path));
}

ApiResponse NoSuchPath(std::string_view path) {
  std::string message = "no such endpoint: " + std::string(path);
  std::vector<std::string_view> paths;
  for (const EndpointSpec& spec : kEndpoints) {
    if (spec.path.find('{') == std::string_view::npos && spec.path != "/") {
      paths.push_back(spec.path);
    }
  }
  std::string_view guess = Closest(path, paths);
  if (guess.empty() && !path.starts_with("/api"))
    guess = Closest("/api" + std::string(path), paths);
  if (!guess.empty()) message += "; did you mean " + std::string(guess) + "?";
  message += " (GET / lists the endpoints)";
  return ErrorResponse(404, message);
}

}  // namespace

std::string DumpJson(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

ApiResponse ErrorResponse(int status, std::string_view message) {
  ApiResponse response;
  response.status = status;
  response.body = DumpJson({{"error", {{"status", status}, {"message", message}}}});
  return response;
}

int HttpStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kInvalidArgument:
    case Status::Code::kInvalidInput:
    case Status::Code::kTooLarge:
      return 400;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kIoError:
    case Status::Code::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse Answer(store::Store& db, const ApiRequest& request) {
  std::optional<Route> route = MatchRoute(request.path);
  if (!route) return NoSuchPath(request.path);
  if (request.method == "OPTIONS") {
    // A CORS preflight: the API is public to any page, read-only.
    ApiResponse response;
    response.status = 204;
    response.content_type.clear();
    response.headers = {{"Allow", std::string(kAllowedMethods)},
                        {"Access-Control-Allow-Methods", std::string(kAllowedMethods)},
                        {"Access-Control-Allow-Headers", "*"},
                        {"Access-Control-Max-Age", "86400"}};
    return response;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    ApiResponse response =
        ErrorResponse(405, "method " + request.method + " not allowed on " + request.path +
                               " (the API is read-only: " + std::string(kAllowedMethods) + ")");
    response.headers.emplace_back("Allow", std::string(kAllowedMethods));
    return response;
  }
  try {
    Result<ApiResponse> response = Dispatch(db, request, *route);
    if (!response.ok()) {
      return ErrorResponse(HttpStatus(response.status()), response.status().message());
    }
    return std::move(response).value();
  } catch (const std::exception& e) {
    // A renderer or library throwing is a bug, but one request must not take the server down.
    return ErrorResponse(500, std::string("internal error: ") + e.what());
  }
}

}  // namespace rasd::serve
