// serve: the HTTP JSON API over a store (cpp-httplib), loopback by default.
//
// In: an open store and options. Out: JSON over HTTP: /api/articles, /api/articles/{id},
// /api/events, /api/entities, /api/entities/{id}, /api/search, /api/stats, /api/rejects,
// /api/health. Lists take the same parameters as the CLI (query/query.h) plus limit and
// offset, and answer {"items": [...], "total": N, "limit": L, "offset": O}. Guaranteed: a bad
// parameter gives 400 and an unknown id 404, both as {"error": {"status", "message"}}; an
// unknown path gives 404 in JSON; the server never exits on a bad request. Not guaranteed:
// authentication (bind to loopback, or put it behind a proxy).
//
// Also: GET / (and /api) lists the endpoints with examples; an unknown parameter, or one given
// twice, is a 400 naming it; lists of events, articles and entities take format=csv (for
// pandas and R; the total is then in the X-Total-Count header); any method but GET, HEAD and
// OPTIONS (CORS preflight) on an endpoint is 405; every response carries
// Access-Control-Allow-Origin: * so notebooks and local pages can call it; a store failure is a
// 500 with its message.
//
//   serve::Server server(db, {.host = "127.0.0.1", .port = 8080});
//   RETURN_IF_ERROR(server.Start());   // binds; port() is the bound port
//   server.Wait();                     // until Stop() from another thread or a signal
#ifndef RASD_SERVE_SERVE_H_
#define RASD_SERVE_SERVE_H_

#include <functional>
#include <memory>
#include <string>

#include "core/core.h"
#include "store/store.h"

namespace rasd::serve {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  // Called once per answered request, from the server's worker threads (possibly several at
  // once), with one line: remote address, method, target, status, body bytes. Empty: no log.
  // Exceptions it throws are swallowed.
  std::function<void(const std::string& line)> access_log;
};

class Server {
 public:
  // `db` must outlive the server.
  Server(store::Store& db, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts answering on a background thread; when it returns ok, connections are
  // accepted. Fails with "HOST:PORT: <reason>" (kIoError) if the port is taken or the host
  // cannot be bound, kInvalidArgument for a port outside 0..65535 or a second Start while
  // running. Start again after Stop is allowed.
  Status Start();
  // The bound port (the chosen one when Options::port is 0); 0 before Start.
  int port() const;
  // Blocks until the server has stopped (Stop() from another thread); returns at once if it is
  // not running.
  void Wait();
  // Stops accepting, waits for requests in flight, joins the thread. After it returns no
  // request touches the store. Idempotent; also done by the destructor.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::serve

#endif  // RASD_SERVE_SERVE_H_
