// rasd bench: end-to-end throughput of every stage but the store, and peak memory.
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "pipeline/pipeline.h"

namespace rasd::cli {

Command AddBench(CLI::App& app, const Globals& /*globals*/) {
  struct Opts {
    std::vector<std::string> paths;
    int threads = 0;
    int repeat = 1;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "bench", "Measure end-to-end speed (ingest to events, nothing stored) and peak memory");
  sub->add_option("paths", o->paths, "Files or folders of articles")->required();
  sub->add_option("-j,--threads", o->threads, "Worker threads (default: one per core)");
  sub->add_option("--repeat", o->repeat, "Read the inputs this many times (for small corpora)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  sub->add_flag("--json", o->json, "Print the figures as one JSON object");
  sub->footer("Example:\n  rasd bench examples/corpus --repeat 50");
  return {sub, [o] {
            auto t0 = std::chrono::steady_clock::now();
            Result<std::unique_ptr<pipeline::Engine>> engine = pipeline::Engine::Load();
            if (!engine.ok()) return Fail(engine.status());
            double load =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::vector<std::string> paths;
            for (int i = 0; i < o->repeat; ++i) {
              paths.insert(paths.end(), o->paths.begin(), o->paths.end());
            }
            pipeline::Options options;
            options.threads = o->threads;
            Result<pipeline::BenchResult> r = pipeline::Bench(**engine, paths, options);
            if (!r.ok()) return Fail(r.status());
            const double secs = r->seconds > 0 ? r->seconds : 1e-9;
            const double mb = r->bytes / 1048576.0;
            const double mbps = mb / secs;
            const double aps = r->articles / secs;
            if (o->json) {
              std::cout << "{\"articles\":" << r->articles << ",\"bytes\":" << r->bytes
                        << ",\"events\":" << r->events << ",\"mentions\":" << r->mentions
                        << ",\"threads\":" << r->threads << ",\"seconds\":" << secs
                        << ",\"mb_per_s\":" << mbps
                        << ",\"mb_per_s_per_core\":" << mbps / r->threads
                        << ",\"articles_per_s\":" << aps
                        << ",\"articles_per_s_per_core\":" << aps / r->threads
                        << ",\"peak_rss_mb\":" << r->peak_rss_bytes / 1048576.0
                        << ",\"load_seconds\":" << load
                        << ",\"stage_seconds\":{\"clean\":" << r->stages.clean
                        << ",\"text\":" << r->stages.text << ",\"ner\":" << r->stages.ner
                        << ",\"time\":" << r->stages.time << ",\"events\":" << r->stages.events
                        << ",\"rest\":" << r->stages.rest << "}}\n";
              return kExitOk;
            }
            std::cout << std::fixed << std::setprecision(2);
            std::cout << "rasd bench: " << r->articles << " articles (" << mb << " MB), "
                      << r->events << " events, " << r->mentions << " mentions, on "
                      << r->threads << " threads (" << std::thread::hardware_concurrency()
                      << " cores)\n"
                      << "  wall time      " << secs << " s (data loaded in " << load
                      << " s, not counted)\n"
                      << "  throughput     " << mbps << " MB/s, " << std::setprecision(0) << aps
                      << " articles/s\n"
                      << std::setprecision(2) << "  per core       " << mbps / r->threads
                      << " MB/s, " << std::setprecision(0) << aps / r->threads
                      << " articles/s\n"
                      << std::setprecision(1) << "  peak memory    "
                      << r->peak_rss_bytes / 1048576.0 << " MB\n";
            const pipeline::StageSeconds& st = r->stages;
            const double total = st.Total() > 0 ? st.Total() : 1e-9;
            auto share = [&](double s) {
              return std::to_string(std::lround(100 * s / total)) + "%";
            };
            std::cout << "  stages         clean " << share(st.clean) << ", text " << share(st.text)
                      << ", ner " << share(st.ner) << ", time " << share(st.time) << ", events "
                      << share(st.events) << ", rest " << share(st.rest) << " of "
                      << std::setprecision(2) << st.Total() << " thread-seconds\n";
            if (r->rejected > 0) std::cout << "  rejected       " << r->rejected << " inputs\n";
            return kExitOk;
          }};
}

}  // namespace rasd::cli
