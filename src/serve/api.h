// The API proper, without sockets: one request (method, path, query parameters) in, one
// response (status, content type, body, extra headers) out. serve.cc only carries these over
// HTTP with cpp-httplib, so every rule about paths, parameters and errors lives here.
// Private to serve/: other stages include serve/serve.h only.
//
// Guaranteed: Answer never throws for a bad request and never returns an empty body for an
// error; every error is {"error": {"status": S, "message": "..."}} with S the HTTP status.
// `db` is borrowed for the call only.
//
//   ApiResponse r = Answer(db, {.method = "GET", .path = "/api/events",
//                              .params = {{"type", "CONSULT"}}});
#ifndef RASD_SERVE_API_H_
#define RASD_SERVE_API_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/core.h"
#include "store/store.h"

namespace rasd::serve {

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kCsvType = "text/csv; charset=utf-8";
inline constexpr std::string_view kAllowedMethods = "GET, HEAD, OPTIONS";

struct ApiRequest {
  std::string method = "GET";
  std::string path;  // percent-decoded, without the query string
  // As received, in order; a name may occur twice (that is a 400, not a silent choice).
  std::vector<std::pair<std::string, std::string>> params;
  std::string host;  // the Host header, for absolute example URLs in the index; may be ""
};

struct ApiResponse {
  int status = 200;
  std::string content_type = std::string(kJsonType);
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type
};

// Routes and answers one request. GET and HEAD read; OPTIONS answers a CORS preflight for a
// known path; any other method on a known path is 405, and any unknown path is 404.
ApiResponse Answer(store::Store& db, const ApiRequest& request);

// {"error": {"status": status, "message": message}} with that status.
ApiResponse ErrorResponse(int status, std::string_view message);

// The HTTP status for a failed Status: 400 for a caller's mistake (bad parameter, bad query
// syntax), 404 for an unknown id, 500 for the store failing.
int HttpStatus(const Status& status);

// Compact JSON, UTF-8 as is; invalid UTF-8 in stored text becomes U+FFFD instead of throwing.
std::string DumpJson(const nlohmann::json& value);

}  // namespace rasd::serve

#endif  // RASD_SERVE_API_H_
