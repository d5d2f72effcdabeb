// `rasd eval clean`: every gold page through ingest and clean (or another extractor's kept
// text), scored against the gold main text, and rasd's kept text as predictions.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

#include "clean/clean.h"
#include "eval/clean_internal.h"
#include "eval/gold_lines.h"
#include "ingest/ingest.h"

namespace rasd::eval {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The one document of a page file, as the pipeline reads it. `where` ("gold.jsonl:3: ")
// starts every message.
Result<ingest::RawDocument> ReadPage(const std::filesystem::path& path, const std::string& where,
                                     uint64_t& bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(where + "page " + path.string() + ": no such file");
  }
  ingest::Reader reader({path.string()}, {});
  std::optional<ingest::RawDocument> document;
  while (std::optional<ingest::Item> item = reader.Next()) {
    switch (item->kind) {
      case ingest::ItemKind::kRejection:
        return Status::InvalidInput(where + "page rejected by ingest: " + item->rejection.message);
      case ingest::ItemKind::kSkip:
        return Status::InvalidInput(where + "page " + path.string() +
                                    ": not a format rasd reads (.html, .htm, .txt, .jsonl)");
      case ingest::ItemKind::kDocument:
        if (document) {
          return Status::InvalidInput(where + "page " + path.string() +
                                      ": holds more than one document (one page, one record)");
        }
        document = std::move(item->document);
        break;
    }
  }
  if (!document) return Status::InvalidInput(where + "page " + path.string() + ": no document");
  bytes = reader.bytes_read();
  return std::move(*document);
}

// The gold main text and must-not strings of a page, from the gold line and the page.
struct PageGold {
  std::string main;
  std::vector<std::string> must_not;
};

Result<PageGold> GoldOf(const CleanGoldPage& gold, const ingest::RawDocument& doc,
                        const std::string& where) {
  PageGold out;
  const bool by_lines = !gold.keep_lines.empty() || !gold.must_not_lines.empty();
  if (by_lines && doc.format != "txt") {
    return Status::InvalidInput(where + "'keep_lines' and 'must_not_lines' need a text page, and " +
                                gold.page + " is " + doc.format);
  }
  if (gold.has_main) {
    out.main = gold.main;
  } else {
    ASSIGN_OR_RETURN(out.main, PageLines(doc.body, gold.keep_lines, where + "'keep_lines': "));
  }
  out.must_not = gold.must_not;
  for (const LineRange& r : gold.must_not_lines) {
    for (int64_t line = r.first; line <= r.last; ++line) {
      const LineRange one[] = {{line, line}};
      ASSIGN_OR_RETURN(std::string text, PageLines(doc.body, one, where + "'must_not_lines': "));
      // A blank line in a range is nothing to look for.
      if (!CleanTokens(text).empty()) out.must_not.push_back(std::move(text));
    }
  }
  const std::vector<std::string> main_tokens = CleanTokens(out.main);
  for (const std::string& s : out.must_not) {
    if (ContainsTokens(main_tokens, CleanTokens(s))) {
      return Status::InvalidInput(where + "must-not string \"" + s +
                                  "\" occurs in the page's own main text");
    }
  }
  return out;
}

}  // namespace

Result<CleanScores> EvalCleaning(const std::string& gold_path, const CleanOptions& options) {
  const Clock::time_point t0 = Clock::now();
  ASSIGN_OR_RETURN(std::string content, ReadFile(gold_path, "gold file"));
  ASSIGN_OR_RETURN(std::vector<CleanGoldPage> gold, ReadCleanGold(content, gold_path));

  std::unordered_map<std::string, std::string> system_texts;
  const bool rasd = options.system_path.empty();
  if (!rasd) {
    ASSIGN_OR_RETURN(std::string system, ReadFile(options.system_path, "predictions file"));
    ASSIGN_OR_RETURN(system_texts, ReadCleanPredictions(system, options.system_path));
    for (const CleanGoldPage& page : gold) {
      if (!system_texts.contains(page.id)) {
        return Status::InvalidInput(options.system_path + ": no text for gold page '" + page.id +
                                    "'");
      }
    }
    if (system_texts.size() != gold.size()) {
      return Status::InvalidInput(options.system_path + ": " +
                                  std::to_string(system_texts.size() - gold.size()) +
                                  " ids that are not in the gold file");
    }
  }

  const std::filesystem::path pages_dir = options.pages_dir.empty()
                                              ? std::filesystem::path(gold_path).parent_path()
                                              : std::filesystem::path(options.pages_dir);
  std::error_code ec;
  if (!options.pages_dir.empty() && !std::filesystem::is_directory(pages_dir, ec)) {
    return Status::NotFound(options.pages_dir + ": no such folder (--pages)");
  }

  CleanScores scores;
  scores.system = rasd ? "rasd" : options.system_path;
  const clean::Cleaner cleaner;
  std::string predictions;
  for (const CleanGoldPage& page : gold) {
    const std::string where = gold_path + ":" + std::to_string(page.line) + ": ";
    CleanPageScore score;
    score.line = page.line;
    score.id = page.id;
    score.page = page.page;
    score.layout = page.layout;

    const Clock::time_point read_start = Clock::now();
    ASSIGN_OR_RETURN(ingest::RawDocument doc, ReadPage(pages_dir / page.page, where, score.bytes));
    std::string kept;
    if (rasd) {
      Result<clean::Cleaned> cleaned = cleaner.Clean(doc);
      scores.clean_seconds += SecondsSince(read_start);
      if (cleaned.ok()) {
        kept = std::move(cleaned->article.text);
      } else {
        score.error = cleaned.status().message();
      }
    } else {
      kept = system_texts[page.id];
    }
    score.format = doc.format;
    scores.bytes += score.bytes;

    ASSIGN_OR_RETURN(PageGold page_gold, GoldOf(page, doc, where));
    const std::vector<std::string> gold_tokens = CleanTokens(page_gold.main);
    const std::vector<std::string> kept_tokens = CleanTokens(kept);
    score.tokens = ScoreBags(gold_tokens, kept_tokens);
    score.must_not = static_cast<int64_t>(page_gold.must_not.size());
    for (const std::string& s : page_gold.must_not) {
      if (ContainsTokens(kept_tokens, CleanTokens(s))) score.violations.push_back(s);
    }
    if (!options.predictions_path.empty()) {
      predictions += nlohmann::json{{"id", page.id}, {"page", page.page}, {"text", kept}}.dump(
                         -1, ' ', false, nlohmann::json::error_handler_t::replace) +
                     "\n";
    }
    scores.pages.push_back(std::move(score));
  }
  SummarizeAll(scores);

  if (!options.predictions_path.empty()) {
    std::ofstream out(options.predictions_path, std::ios::binary | std::ios::trunc);
    out << predictions;
    out.close();
    if (!out) return Status::IoError(options.predictions_path + ": cannot write the predictions");
  }
  scores.seconds = SecondsSince(t0);
  return scores;
}

}  // namespace rasd::eval
