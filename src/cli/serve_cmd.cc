// rasd serve: the HTTP JSON API until Ctrl-C or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <iostream>

#include "cli/commands.h"
#include "serve/serve.h"

namespace rasd::cli {

Command AddServe(CLI::App& app, const Globals& g) {
  auto options = std::make_shared<serve::Options>();
  CLI::App* sub = app.add_subcommand("serve", "Answer the JSON API over HTTP (loopback by default)");
  sub->add_option("--host", options->host, "Address to bind; 0.0.0.0 exposes it to the network")
      ->capture_default_str();
  sub->add_option("-p,--port", options->port, "Port (0 picks a free one)")->capture_default_str();
  sub->footer(
      "Example:\n  rasd serve --port 8080 &\n"
      "  curl 'http://127.0.0.1:8080/api/events?type=CONSULT&actor=RUS&limit=5'\n"
      "Endpoints: /api/articles, /api/articles/{id}, /api/events, /api/entities,\n"
      "/api/entities/{id}, /api/search?q=..., /api/stats, /api/rejects, /api/health");
  return {sub, [options, &g] {
            Result<OpenDb> open = OpenExisting(g.db);
            if (!open.ok()) return Fail(open.status());
            // Block the stop signals before the server starts its threads, so they are
            // delivered to sigwait below and the server shuts down cleanly.
            sigset_t stop_signals;
            sigemptyset(&stop_signals);
            sigaddset(&stop_signals, SIGINT);
            sigaddset(&stop_signals, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
            serve::Server server(*open->db, *options);
            Status started = server.Start();
            if (!started.ok()) return Fail(started);
            std::cout << "rasd: serving " << g.db << " on http://" << options->host << ":"
                      << server.port() << "/api  (try /api/events?limit=5; Ctrl-C stops)"
                      << std::endl;
            int sig = 0;
            sigwait(&stop_signals, &sig);
            server.Stop();
            std::cout << "rasd: stopped" << std::endl;
            return kExitOk;
          }};
}

}  // namespace rasd::cli
