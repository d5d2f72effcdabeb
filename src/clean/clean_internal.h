// Pieces of clean/ shared between its files and tested on their own. Internal to src/clean:
// other stages use clean.h.
#ifndef RASD_CLEAN_CLEAN_INTERNAL_H_
#define RASD_CLEAN_CLEAN_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "clean/clean.h"

namespace rasd::clean {

// `line` without trailing ASCII whitespace (not line breaks) and no-break spaces (U+00A0).
std::string_view TrimLineEnd(std::string_view line);

// Plain text made tidy: CRLF and lone CR become LF, trailing whitespace is cut from every
// line, a line of only whitespace becomes empty, runs of blank lines collapse to one blank line
// (three or more line breaks become two), and blank lines at the start and end go. Leading
// indentation and everything else is kept byte for byte.
std::string TidyText(std::string_view text);

// True if `body` starts (after whitespace) with '<' and a letter, '!' or '/': an HTML page or
// fragment carried in a JSONL text field.
bool LooksLikeHtml(std::string_view body);

// The date in a URL path such as https://x.com/news/2024/03/05/slug or /2024-03-05/, as
// "YYYY-MM-DD"; "" when there is none or it is not a valid date.
std::string DateFromUrl(std::string_view url);

// Blink caps the depth of the DOM its HTML parser builds at 512. gumbo has no cap: every start
// tag costs a walk over the stack of open elements, so a page nested 100,000 deep takes
// seconds (quadratic), and gumbo frees its tree recursively. Pages are flattened below this
// estimated depth before gumbo sees them.
inline constexpr size_t kMaxHtmlDepth = 512;

// If the estimated element nesting of `html` goes past `max_depth`, the page with the start
// tags past that depth (and their end tags) replaced by a space, so the text stays and the
// structure below the cap is lost; nullopt (no copy) when the page is within the cap. The
// estimate follows the HTML tree builder loosely: void elements, elements closed implicitly
// (p, li, td...) and raw text (script, style, textarea...) do not nest; an end tag closes the
// nearest open element of its name and everything opened after it.
std::optional<std::string> FlattenDeepNesting(std::string_view html, size_t max_depth);

// ExtractHtml with what Clean needs besides: the published candidates that were not valid
// dates (for warnings), and whether the page had to be flattened. `max_depth` is kMaxHtmlDepth
// except in tests of the unflattened tree walk.
struct HtmlDetails {
  HtmlExtract extract;                     // published is normalised or ""
  std::vector<std::string> invalid_dates;  // raw values, in the order they were tried
  bool flattened = false;
};
HtmlDetails ExtractHtmlDetails(std::string_view html, size_t max_depth = kMaxHtmlDepth);

// --- Page boilerplate (boilerplate.cc) ------------------------------------------------------

// The key markers are matched on: hamza and madda on alef become bare alef, alef maksura and
// yeh with hamza become yeh, teh marbuta becomes heh, waw with hamza becomes waw, Persian
// yeh and kaf become Arabic yeh and kaf; diacritics, tanwin, superscript alef, tatweel,
// zero-width and bidi marks go; runs of whitespace (no-break space too) become one space and
// the ends are trimmed; ASCII letters are lowercased. Everything else is kept.
//
// clean/ folds for itself rather than through text::Normalizer: clean comes before text in
// the pipeline and may depend only on core and ingest (STYLE.md), and markers need only this
// much. Invalid UTF-8 bytes become U+FFFD.
std::string FoldForMatching(std::string_view text);

enum class MarkerKind : uint8_t {
  kNone = 0,
  kReadAlso,
  kTagList,
  kSourceLine,
  kCopyright,
  kSimilarArticles,
  kEndOfMessage,
  kEditPrompt,
  kShare,
  kBullet,
};

// data/clean/markers.tsv, folded. The file's header says where each kind must stand.
struct Markers {
  struct Phrase {
    MarkerKind kind = MarkerKind::kNone;
    std::string key;  // folded
  };
  std::vector<Phrase> phrases;                  // longest key first
  std::unordered_set<std::string> share_words;  // folded single words
  std::u32string bullets;                       // code points
};

// Parses the markers file; an unknown kind or a row without a marker is an error naming the
// line.
Result<Markers> ParseMarkers(std::string_view tsv);

// data/clean/markers.tsv, read and parsed on first use (thread-safe), then shared.
const Result<Markers>& DefaultMarkers();

// What FindBoilerplate found in a page text.
struct Boilerplate {
  std::vector<Dropped> dropped;      // page order, not overlapping, whole lines
  std::vector<std::string> sources;  // values of the source lines, in page order
  std::string copyright;             // the last copyright line, as written
  std::string skipped;               // why the page was not searched ("" when it was)
};

// The boilerplate blocks of `text` (any line breaks: LF, CRLF, CR). Offsets are into `text`.
Boilerplate FindBoilerplate(std::string_view text, const Markers& markers);

// `text` without the `dropped` ranges (sorted, not overlapping), each taken with the line
// break that ends it, so paragraphs around a dropped line keep their separation.
std::string RemoveDropped(std::string_view text, const std::vector<Dropped>& dropped);

}  // namespace rasd::clean

#endif  // RASD_CLEAN_CLEAN_INTERNAL_H_
