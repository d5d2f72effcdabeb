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
//   serve::Server server(db, {.host = "127.0.0.1", .port = 8080});
//   RETURN_IF_ERROR(server.Start());   // binds; port() is the bound port
//   server.Wait();                     // until Stop() from another thread or a signal
#ifndef RASD_SERVE_SERVE_H_
#define RASD_SERVE_SERVE_H_

#include <memory>
#include <string>

#include "core/core.h"
#include "store/store.h"

namespace rasd::serve {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
};

class Server {
 public:
  // `db` must outlive the server.
  Server(store::Store& db, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts answering on a background thread. Fails if the port is taken.
  Status Start();
  int port() const;
  // Blocks until Stop().
  void Wait();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::serve

#endif  // RASD_SERVE_SERVE_H_
