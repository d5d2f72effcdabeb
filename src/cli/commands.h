// Internal to cli/: each subcommand registers its options on the CLI11 app and returns how to
// run it. main.cc runs the one the user chose. Only cli/ prints and chooses exit codes.
#ifndef RASD_CLI_COMMANDS_H_
#define RASD_CLI_COMMANDS_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/core.h"
#include "store/store.h"
#include "text/text.h"

namespace rasd::cli {

// Exit codes, documented in README.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;  // the run finished but some inputs were rejected
inline constexpr int kExitError = 2;     // usage error or fatal error

struct Globals {
  std::string db = "rasd.db";
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Prints "rasd: error: MESSAGE" to stderr and returns kExitError.
int Fail(const std::string& message);
int Fail(const Status& status);

// An existing database opened for reading commands, with the analyzer its search index
// needs. Fails with a hint when the file does not exist.
struct OpenDb {
  std::unique_ptr<text::Analyzer> analyzer;
  std::unique_ptr<store::Store> db;
};
Result<OpenDb> OpenExisting(const std::string& path);

Command AddIngest(CLI::App& app, const Globals& globals);
Command AddArticles(CLI::App& app, const Globals& globals);
Command AddShow(CLI::App& app, const Globals& globals);
Command AddEntities(CLI::App& app, const Globals& globals);
Command AddEvents(CLI::App& app, const Globals& globals);
Command AddStories(CLI::App& app, const Globals& globals);
Command AddSearch(CLI::App& app, const Globals& globals);
Command AddExport(CLI::App& app, const Globals& globals);
Command AddStats(CLI::App& app, const Globals& globals);
Command AddRejects(CLI::App& app, const Globals& globals);
Command AddServe(CLI::App& app, const Globals& globals);
Command AddBench(CLI::App& app, const Globals& globals);
Command AddText(CLI::App& app, const Globals& globals);
Command AddClean(CLI::App& app, const Globals& globals);
Command AddCode(CLI::App& app, const Globals& globals);
Command AddNer(CLI::App& app, const Globals& globals);
Command AddTime(CLI::App& app, const Globals& globals);
// rasd eval <stage> ...: one subcommand group, a subcommand per stage's scorer.
Command AddEval(CLI::App& app, const Globals& globals);

}  // namespace rasd::cli

#endif  // RASD_CLI_COMMANDS_H_
