// Pieces of the page-cleaning scorer shared between eval/'s files and tested on their own.
// Internal to src/eval: other code uses eval.h.
//
// clean_gold.cc reads the gold JSONL and another extractor's kept text; clean_score.cc turns
// texts into scoring tokens and bags of them into figures (no page or cleaner needed, so it is
// tested on hand-made texts); clean_eval.cc joins them: pages through ingest and clean, scores,
// predictions.
#ifndef RASD_EVAL_CLEAN_INTERNAL_H_
#define RASD_EVAL_CLEAN_INTERNAL_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/core.h"
#include "eval/eval.h"

namespace rasd::eval {

// [first, last]: 1-based, inclusive lines of a page file.
struct LineRange {
  int64_t first = 0;
  int64_t last = 0;
};

// One line of the gold file. Exactly one of `main` (has_main) and `keep_lines` gives the main
// text; must-not strings come from `must_not` and `must_not_lines` (either may be empty).
struct CleanGoldPage {
  int64_t line = 0;  // of the gold file
  std::string id;
  std::string page;
  std::string layout;
  bool has_main = false;
  std::string main;
  std::vector<LineRange> keep_lines;  // sorted, not overlapping
  std::vector<std::string> must_not;
  std::vector<LineRange> must_not_lines;  // each line of each range is one must-not string
};

// Reads a gold file's content; `name` is used in messages ("gold.jsonl:12: ..."). Fails on
// invalid UTF-8, a line that is not a JSON object, an unknown field, a field of the wrong type,
// no "page", both or neither of "main" and "keep_lines", a line range that is not
// [first, last] with 1 <= first <= last or that overlaps another, an empty must-not string, a
// duplicate id, and a file without a single page.
Result<std::vector<CleanGoldPage>> ReadCleanGold(std::string_view content, std::string_view name);

// Another extractor's kept text by id, from a file in the predictions format (eval.h). Fails on
// a line that is not an object with string "id" and "text", and on a duplicate id.
Result<std::unordered_map<std::string, std::string>> ReadCleanPredictions(std::string_view content,
                                                                          std::string_view name);

// The lines [first, last] of `body`, joined by "\n" (a trailing "\r" dropped from each); an
// error naming `where` when a range ends beyond the last line.
Result<std::string> PageLines(std::string_view body, std::span<const LineRange> ranges,
                              std::string_view where);

// A page's figures from its bags of tokens: correct is the size of the multiset intersection.
// A page with no gold and no system token scores P = R = F1 = 1, as the article-extraction
// benchmark scores it; otherwise as MakePrf.
Prf ScoreBags(std::span<const std::string> gold, std::span<const std::string> system);

// True if `needle` (not empty) occurs contiguously, in order, in `haystack`.
bool ContainsTokens(std::span<const std::string> haystack, std::span<const std::string> needle);

// The figures of `pages` under `name`: micro over their token counts, macro means of their
// page figures.
CleanFigures Summarize(std::string_view name, std::span<const CleanPageScore* const> pages);

// Fills scores.all, by_format and by_layout from scores.pages.
void SummarizeAll(CleanScores& scores);

}  // namespace rasd::eval

#endif  // RASD_EVAL_CLEAN_INTERNAL_H_
