// Pieces of clean/ shared between its files and tested on their own. Internal to src/clean:
// other stages use clean.h.
#ifndef RASD_CLEAN_CLEAN_INTERNAL_H_
#define RASD_CLEAN_CLEAN_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"

namespace rasd::clean {

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

}  // namespace rasd::clean

#endif  // RASD_CLEAN_CLEAN_INTERNAL_H_
