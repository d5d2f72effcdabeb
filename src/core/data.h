// Access to the files under data/ (normalisation tables, lexicons, triggers).
//
// In: a path relative to data/, e.g. "lexicon/countries.tsv". Out: the file's bytes.
// Guaranteed: every data file is compiled into the binary, so rasd runs from any directory;
// when the environment variable RASD_DATA_DIR is set, files are read from that directory
// instead (edit a lexicon and rerun without rebuilding). Not guaranteed: files added after the
// build are only visible through RASD_DATA_DIR.
//
//   ASSIGN_OR_RETURN(std::string tsv, ReadDataFile("lexicon/countries.tsv"));
//   for (const TsvRow& row : ParseTsv(tsv)) { ... row.fields[0] ... }
#ifndef RASD_CORE_DATA_H_
#define RASD_CORE_DATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rasd {

Result<std::string> ReadDataFile(std::string_view relative_path);

// Names of all data files known to this build, relative to data/, sorted.
std::vector<std::string> DataFileNames();

// One non-comment, non-blank line of a TSV data file.
struct TsvRow {
  int line = 0;                      // 1-based line number, for error messages
  std::vector<std::string> fields;   // split on tabs, each trimmed of surrounding spaces
};

// Splits a data file: '#' starts a comment line, blank lines are skipped, fields are tab
// separated. A line whose first field is a header named in `header_first_field` is skipped.
std::vector<TsvRow> ParseTsv(std::string_view content, std::string_view header_first_field = "");

}  // namespace rasd

#endif  // RASD_CORE_DATA_H_
