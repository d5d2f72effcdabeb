// rasd ingest: every stage over files, directories or stdin, into the database.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace rasd::cli {
namespace {

// Total bytes of the inputs rasd will read, for the progress bar's percentage; 0 when unknown
// (stdin). A stat walk is cheap next to processing.
uint64_t TotalInputBytes(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  uint64_t total = 0;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") return 0;
    if (fs::is_regular_file(p, ec)) {
      total += fs::file_size(p, ec);
    } else if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && ingest::IsReadableFormat(it->path().string())) {
          total += it->file_size(ec);
        }
      }
    }
  }
  return total;
}

std::string Megabytes(uint64_t bytes) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(bytes < (10u << 20) ? 2 : 1) << bytes / 1048576.0 << " MB";
  return o.str();
}

void DrawProgress(const pipeline::Progress& p, uint64_t total_bytes) {
  double secs = p.seconds > 0 ? p.seconds : 1e-9;
  std::ostringstream line;
  if (total_bytes > 0) {
    double frac = std::min(1.0, static_cast<double>(p.bytes) / static_cast<double>(total_bytes));
    int filled = static_cast<int>(frac * 24);
    line << "[" << std::string(filled, '#') << std::string(24 - filled, '-') << "] "
         << std::setw(3) << static_cast<int>(frac * 100) << "%  ";
  }
  line << p.files << " files  " << p.documents << " articles  " << std::fixed
       << std::setprecision(0) << p.documents / secs << " art/s  " << std::setprecision(1)
       << p.bytes / 1048576.0 / secs << " MB/s  stored " << p.stored << "  copies " << p.copies
       << "  dup " << p.duplicates << "  rejected " << p.rejected;
  std::cerr << "\r" << line.str() << "\033[K" << std::flush;
}

}  // namespace

Command AddIngest(CLI::App& app, const Globals& globals) {
  struct Opts {
    std::vector<std::string> paths;
    int threads = 0;
    bool quiet = false;
    size_t batch = 256;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "ingest", "Read articles (.txt, .jsonl, .html; folders recursively; - for stdin), code "
                "their events and store them");
  sub->add_option("paths", opts->paths, "Files, folders, or - for standard input")->required();
  sub->add_option("-j,--threads", opts->threads, "Worker threads (default: one per core)");
  sub->add_option("--batch", opts->batch, "Articles per database transaction")
      ->capture_default_str();
  sub->add_flag("-q,--quiet", opts->quiet, "No progress bar and no summary");
  sub->footer(
      "Examples:\n"
      "  rasd ingest examples/corpus\n"
      "  rasd --db news.db ingest today.jsonl pages/\n"
      "  cat feed.jsonl | rasd ingest -\n"
      "Ingesting the same article twice stores it once (ids are hashes of the normalised "
      "text).\nExit code 1 when some inputs were rejected; 'rasd rejects' lists them.");
  return {sub, [opts, &globals]() -> int {
            Result<std::unique_ptr<pipeline::Engine>> engine = pipeline::Engine::Load();
            if (!engine.ok()) return Fail(engine.status());
            Result<std::unique_ptr<store::Store>> db =
                store::Store::Open(globals.db, (*engine)->analyzer());
            if (!db.ok()) return Fail(db.status());

            const bool tty = !opts->quiet && isatty(STDERR_FILENO) == 1;
            const uint64_t total = tty ? TotalInputBytes(opts->paths) : 0;
            pipeline::Options options;
            options.threads = opts->threads;
            options.batch_size = opts->batch == 0 ? 1 : opts->batch;
            if (tty) {
              options.on_progress = [total](const pipeline::Progress& p) {
                DrawProgress(p, total);
              };
            }
            Result<pipeline::Summary> result =
                pipeline::Ingest(**engine, **db, opts->paths, options);
            if (tty) std::cerr << "\r\033[K" << std::flush;
            if (!result.ok()) return Fail(result.status());
            const pipeline::Summary& s = *result;
            const pipeline::Progress& t = s.totals;
            if (!opts->quiet) {
              std::ostringstream o;
              o << "rasd: read " << t.files << " files (" << Megabytes(t.bytes) << ") into "
                << globals.db << " in " << std::fixed << std::setprecision(2) << t.seconds
                << " s\n";
              o << "  stored      " << t.stored << " articles, " << t.events << " events\n";
              o << "  copies      " << t.copies
                << " (of them, near copies of earlier articles: stored, not coded)\n";
              o << "  duplicates  " << t.duplicates << " (already stored, not coded again)\n";
              o << "  rejected    " << t.rejected;
              if (!s.rejected_by_reason.empty()) {
                o << "  (";
                bool first = true;
                for (const auto& [reason, n] : s.rejected_by_reason) {
                  o << (first ? "" : ", ") << reason << ": " << n;
                  first = false;
                }
                o << ")";
              }
              o << "\n  skipped     " << t.skipped << " files of other formats\n";
              std::cout << o.str() << std::flush;
              o.str("");
              for (const store::RejectRecord& r : s.rejections) {
                o << "rasd: rejected " << r.source << ": " << r.reason << ": " << r.message
                  << "\n";
              }
              if (t.rejected > s.rejections.size()) {
                o << "rasd: ... " << (t.rejected - s.rejections.size())
                  << " more; 'rasd rejects' lists them all\n";
              }
              for (const std::string& w : s.warnings) o << "rasd: warning: " << w << "\n";
              std::cerr << o.str();
            }
            return t.rejected > 0 ? kExitRejected : kExitOk;
          }};
}

}  // namespace rasd::cli
