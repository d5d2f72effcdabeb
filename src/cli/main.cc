// rasd: the single entry point. Parses the command line and calls the stage headers.
#include <mimalloc.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"

#ifndef RASD_VERSION
#define RASD_VERSION "dev"
#endif

namespace rasd::cli {

int Fail(const std::string& message) {
  std::cerr << "rasd: error: " << message << "\n";
  return kExitError;
}

int Fail(const Status& status) { return Fail(status.message()); }

Result<OpenDb> OpenExisting(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no database here (run 'rasd ingest PATH' first, or pass --db PATH)");
  }
  OpenDb out;
  ASSIGN_OR_RETURN(text::Analyzer analyzer, text::Analyzer::Load());
  out.analyzer = std::make_unique<text::Analyzer>(std::move(analyzer));
  ASSIGN_OR_RETURN(out.db, store::Store::Open(path, *out.analyzer));
  return out;
}

int Main(int argc, char** argv) {
  CLI::App app(
      "rasd turns Arabic news into a searchable, deduplicated database of political and\n"
      "conflict events: who did what to whom, where, when, according to whom, with the\n"
      "sentence that says so.",
      "rasd");
  const int mi = mi_version();  // 209: 2.0.9
  app.set_version_flag(
      "--version", std::string("rasd ") + RASD_VERSION + " (mimalloc " + std::to_string(mi / 100) +
                       "." + std::to_string(mi / 10 % 10) + "." + std::to_string(mi % 10) + ")");
  app.require_subcommand(1);
  app.fallthrough();
  Globals globals;
  app.add_option("--db", globals.db, "SQLite database file")->capture_default_str();
  app.footer(
      "Examples:\n"
      "  rasd ingest examples/corpus          # build rasd.db from a folder of articles\n"
      "  rasd events --type CONSULT --actor RUS\n"
      "  rasd serve --port 8080               # JSON API on http://127.0.0.1:8080/api\n"
      "\nExit codes: 0 ok, 1 some inputs rejected, 2 usage or fatal error.\n"
      "Run 'rasd SUBCOMMAND --help' for the options and an example of each.");

  std::vector<Command> commands = {
      AddIngest(app, globals),   AddArticles(app, globals), AddShow(app, globals),
      AddEntities(app, globals), AddEvents(app, globals),   AddStories(app, globals),
      AddSearch(app, globals),   AddExport(app, globals),   AddStats(app, globals),
      AddRejects(app, globals),  AddServe(app, globals),    AddBench(app, globals),
      AddText(app, globals),     AddClean(app, globals),    AddNer(app, globals),
      AddTime(app, globals),     AddCode(app, globals),     AddEval(app, globals)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the parse error
    return code == 0 ? kExitOk : kExitError;
  }
  for (Command& c : commands) {
    if (c.app->parsed()) {
      try {
        return c.run();
      } catch (const std::exception& e) {
        return Fail(std::string("unexpected failure: ") + e.what());
      }
    }
  }
  return Fail("no subcommand given (try 'rasd --help')");
}

}  // namespace rasd::cli

int main(int argc, char** argv) { return rasd::cli::Main(argc, argv); }
