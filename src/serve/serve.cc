#include "serve/serve.h"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "serve/api.h"

namespace rasd::serve {
namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

// Request bodies are never used; a large one is refused (413) instead of read into memory.
constexpr size_t kMaxBodyBytes = 64 * 1024;
// An idle keep-alive connection holds a worker, and Stop() waits for it, this long.
constexpr time_t kKeepAliveSeconds = 2;

std::string HostPort(const std::string& host, int port) {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// httplib reports a failed bind as false, without the reason; this repeats the bind to find
// it. Called only after a failure, so a race (the port freed meanwhile) only blurs a message.
std::string BindFailure(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0) return std::string("cannot resolve the host: ") + gai_strerror(rc);
  std::string reason = "cannot bind";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) {
      reason = std::error_code(errno, std::generic_category()).message();
      continue;
    }
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      int error = errno;
      reason = error == EADDRINUSE ? "address already in use"
                                   : std::error_code(error, std::generic_category()).message();
      close(fd);
      break;
    }
    close(fd);
  }
  freeaddrinfo(found);
  return reason;
}

// Without SO_REUSEPORT, which httplib sets by default: with it a second server on a taken port
// binds too and the kernel splits the connections between the two, so a stale `rasd serve`
// would silently answer half the requests. SO_REUSEADDR still allows an immediate restart.
void SetSocketOptions(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

ApiRequest ToApiRequest(const httplib::Request& req) {
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  request.params.assign(req.params.begin(), req.params.end());
  request.host = req.get_header_value("Host");
  return request;
}

void Reply(const ApiResponse& answer, httplib::Response& res) {
  res.status = answer.status;
  for (const auto& [name, value] : answer.headers) res.set_header(name, value);
  res.headers.erase("Content-Type");
  if (answer.content_type.empty()) {
    res.body.clear();
  } else {
    res.set_content(answer.body, answer.content_type);
  }
}

// A request that declares a body goes through httplib's routing, which reads (or refuses) the
// body first; answering it before that would leave the body in the stream, to be parsed as the
// next request of a keep-alive connection.
bool HasBody(const httplib::Request& req) {
  std::string length = req.get_header_value("Content-Length");
  return (!length.empty() && length != "0") || req.has_header("Transfer-Encoding");
}

std::string_view HttpErrorMessage(int status) {
  switch (status) {
    case 400:
      return "malformed HTTP request";
    case 413:
      return "request body too large (the API takes none)";
    case 414:
      return "request target too long";
    case 416:
      return "unsatisfiable Range header";
    default:
      return "HTTP error";
  }
}

}  // namespace

struct Server::Impl {
  Impl(store::Store& db, Options options) : db(db), options(std::move(options)) {}

  void Configure(httplib::Server& http);

  store::Store& db;
  const Options options;
  std::unique_ptr<httplib::Server> http;
  std::thread thread;  // runs listen_after_bind; joinable from Start to Stop
  int port = 0;

  mutable std::mutex mu;
  std::condition_variable stopped_cv;
  bool listening = false;  // guarded by mu: the listen loop has not returned yet
};

// Every GET, HEAD and OPTIONS without a body is answered in the pre-routing hook, so no
// httplib route (a std::regex, whose matcher recurses once per character of the path) sees
// it. Everything else falls through httplib's routing, which has no routes: it reads the body
// and answers 404, and the error handler hands the request to Answer (405 on an endpoint,
// 404 elsewhere). The error handler also turns httplib's own errors (400, 413, 414) into JSON.
void Server::Impl::Configure(httplib::Server& server) {
  server.set_socket_options(SetSocketOptions);
  server.set_payload_max_length(kMaxBodyBytes);
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_default_headers({{"Access-Control-Allow-Origin", "*"},
                              {"Access-Control-Expose-Headers", "X-Total-Count"},
                              {"X-Content-Type-Options", "nosniff"}});

  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    bool read_only = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
    if (!read_only || HasBody(req)) return HandlerResponse::Unhandled;
    Reply(Answer(db, ToApiRequest(req)), res);
    return HandlerResponse::Handled;
  });

  // Runs outside httplib's try block: it must not throw.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return HandlerResponse::Unhandled;  // an answer of ours
        try {
          if (res.status == 404) {
            Reply(Answer(db, ToApiRequest(req)), res);
          } else {
            Reply(ErrorResponse(res.status, HttpErrorMessage(res.status)), res);
          }
          return HandlerResponse::Handled;
        } catch (...) {
          return HandlerResponse::Unhandled;
        }
      }));

  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        try {
          Reply(ErrorResponse(500, "internal error: " + what), res);
        } catch (...) {
          res.status = 500;
        }
      });

  if (options.access_log) {
    server.set_logger(
        [log = options.access_log](const httplib::Request& req, const httplib::Response& res) {
          try {
            log(req.remote_addr + " " + req.method + " " + req.target + " " +
                std::to_string(res.status) + " " + std::to_string(res.body.size()));
          } catch (...) {
          }
        });
  }
}

Server::Server(store::Store& db, Options options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& s = *impl_;
  const std::string& host = s.options.host;
  const int wanted = s.options.port;
  if (wanted < 0 || wanted > 65535) {
    return Status::InvalidArgument("port " + std::to_string(wanted) + ": not in 0..65535");
  }
  std::unique_lock lock(s.mu);
  if (s.thread.joinable()) {
    return Status::InvalidArgument(HostPort(host, s.port) + ": server already started");
  }
  auto http = std::make_unique<httplib::Server>();
  s.Configure(*http);
  int port = wanted;
  if (wanted == 0) {
    port = http->bind_to_any_port(host);
    if (port < 0) return Status::IoError(HostPort(host, 0) + ": " + BindFailure(host, 0));
  } else if (!http->bind_to_port(host, wanted)) {
    return Status::IoError(HostPort(host, wanted) + ": " + BindFailure(host, wanted));
  }
  s.http = std::move(http);
  s.port = port;
  s.listening = true;
  httplib::Server* server = s.http.get();
  s.thread = std::thread([&s, server] {
    server->listen_after_bind();
    std::lock_guard done(s.mu);
    s.listening = false;
    s.stopped_cv.notify_all();
  });
  // The socket already listens (connections queue in the backlog), but httplib's stop() does
  // nothing until the loop has started, so a Stop() right after Start() would hang without
  // this wait.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server->is_running()) {
    if (!s.listening) {
      s.thread.join();  // it has set `listening` under the lock we hold, and only exits now
      return Status::IoError(HostPort(host, port) + ": the server loop ended");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Internal(HostPort(host, port) + ": the server loop did not start");
    }
    s.stopped_cv.wait_for(lock, std::chrono::milliseconds(1));
  }
  return Status::Ok();
}

int Server::port() const {
  std::lock_guard lock(impl_->mu);
  return impl_->port;
}

void Server::Wait() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return !impl_->listening; });
}

void Server::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->thread.joinable()) {
      impl_->http->stop();
      thread = std::move(impl_->thread);
    }
  }
  if (thread.joinable()) thread.join();
  Wait();  // a concurrent Stop() may be the one joining
}

}  // namespace rasd::serve
