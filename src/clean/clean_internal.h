// Pieces of clean/ shared between its files and tested on their own. Internal to src/clean:
// other stages use clean.h.
#ifndef RASD_CLEAN_CLEAN_INTERNAL_H_
#define RASD_CLEAN_CLEAN_INTERNAL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clean/clean.h"

namespace rasd::clean {

// `line` without trailing ASCII whitespace (not line breaks) and no-break spaces (U+00A0).
std::string_view TrimLineEnd(std::string_view line);

// The line breaks (\r or \n) of a text, found left to right: Next(pos) is what
// find_first_of("\r\n", pos) gives, by memchr scans (find_first_of calls memchr once a byte).
// The next \n and the next \r are kept, so that a text with only one kind of break is still
// read once, not once a line.
class LineBreaks {
 public:
  explicit LineBreaks(std::string_view text) : text_(text) {}
  size_t Next(size_t pos) {
    if (pos < last_) nl_ = cr_ = kUnsearched;  // asked about an earlier place: search again
    last_ = pos;
    if (nl_ == kUnsearched || (nl_ != std::string_view::npos && nl_ < pos)) {
      nl_ = text_.find('\n', pos);
    }
    if (cr_ == kUnsearched || (cr_ != std::string_view::npos && cr_ < pos)) {
      cr_ = text_.find('\r', pos);
    }
    return std::min(nl_, cr_);
  }

 private:
  static constexpr size_t kUnsearched = std::string_view::npos - 1;
  std::string_view text_;
  size_t last_ = 0;
  size_t nl_ = kUnsearched;  // the first \n at or after last_, or npos
  size_t cr_ = kUnsearched;
};

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

// A page is cut after this many bytes of prepared HTML (see PrepareHtml): gumbo's tree costs
// up to thirty times the markup it holds (a page of nothing but <li><a> menu items), and no
// article needs more. Real pages of 300 KB prepare to well under 100 KB.
inline constexpr size_t kMaxPreparedBytes = size_t{4} << 20;

// If the estimated element nesting of `html` goes past `max_depth`, the page with the start
// tags past that depth (and their end tags) replaced by a space, so the text stays and the
// structure below the cap is lost; nullopt when the page is within the cap. The estimate
// follows the HTML tree builder loosely: void elements, elements closed implicitly (p, li,
// td...) and raw text (script, style, textarea...) do not nest; an end tag closes the nearest
// open element of its name and everything opened after it.
std::optional<std::string> FlattenDeepNesting(std::string_view html, size_t max_depth);

// The page gumbo parses: `html` flattened as by FlattenDeepNesting, and without what
// ExtractHtml never reads, so gumbo tokenises a fraction of the bytes: comments, processing
// instructions, and the whole of script (but JSON-LD), style, noscript, template, iframe,
// textarea, noembed, noframes, xmp, svg and math elements (an svg or math element without an
// end tag is left in); attributes of start tags other than class, id, itemprop, role, hidden,
// aria-hidden, lang, rel, name, content, property, type, datetime, http-equiv and href on
// <link>. Text and the remaining tags are kept byte for byte. Past `max_bytes` of output the
// page is cut at the last tag boundary that fits (and at a character boundary inside text).
// Linear in the size of the page.
//
// With `stand_ins`, each run of text between tags (its white space at both ends left in place)
// is replaced by one stand-in character, a code point of the private use area numbered by the
// run (StandInCode), and the run itself is kept in `stand_ins`: gumbo reads text a code point
// at a time (about 400 instructions each), and the tree it builds is the same, since the tree
// builder treats every run of text that is not white space alike (ExpandStandIns puts the
// runs back into the tree's text). A run is replaced only where gumbo would give its bytes back
// unchanged: no character reference (&), no carriage return, NUL or other character gumbo
// replaces with U+FFFD, valid UTF-8, outside svg and math, and not after a '<' that opens no
// tag. A page that holds a private use character itself gets no stand-ins. The size cap counts
// the runs, not their stand-ins, so a page is cut where it would be without them.
struct PreparedHtml {
  std::string html;
  bool flattened = false;  // start tags past max_depth were removed
  bool truncated = false;  // cut at max_bytes
  std::vector<std::string_view> stand_ins;  // by number: the runs (views into the input page)
};
PreparedHtml PrepareHtml(std::string_view html, size_t max_depth = kMaxHtmlDepth,
                         size_t max_bytes = kMaxPreparedBytes, bool stand_ins = false);

// The stand-in of run number n (n < kMaxStandIns): U+E000 + n, three bytes of UTF-8.
inline constexpr uint32_t kFirstStandIn = 0xE000;
inline constexpr size_t kMaxStandIns = 0xF8FF - 0xE000 + 1;

// `text` with each stand-in replaced by its run, into `out` (its memory reused); false, with
// `out` untouched, when `text` holds none.
bool ExpandStandIns(std::string_view text, const std::vector<std::string_view>& runs,
                    std::string& out);

// ExtractHtml with what Clean needs besides. `max_depth` is kMaxHtmlDepth except in tests of
// the unflattened tree walk.
//
// extract.page_text is the text of the article root with the boxes dropped from it (`boxes`,
// with offsets into page_text) still in place, each its own paragraph; extract.text is
// page_text without them. `segments` maps extract.text back to page_text: each is a run of
// bytes copied unchanged, and the runs are joined in extract.text by a blank line.
struct HtmlDetails {
  struct Segment {
    size_t text = 0;  // offset in extract.text
    size_t page = 0;  // offset in page_text
    size_t size = 0;
  };
  HtmlExtract extract;                     // published is normalised or ""
  std::vector<std::string> invalid_dates;  // raw values, in the order they were tried
  std::vector<Dropped> boxes;              // page order, offsets into extract.page_text
  std::vector<Segment> segments;
  // The date of a dateline in the first lines of the text ("القاهرة - 16 أغسطس 2024"), ISO
  // 8601; the page's last word on its date, after its metadata and URL.
  std::string dateline_date;
  bool outlet_from_domain = false;  // extract.outlet is the canonical URL's host
  bool flattened = false;
  bool truncated = false;
};
// `stand_ins` is PrepareHtml's (tests compare the two ways).
HtmlDetails ExtractHtmlDetails(std::string_view html, size_t max_depth = kMaxHtmlDepth,
                               bool stand_ins = true);

// `dropped` (offsets into details.extract.text) moved to offsets into details.page_text, a
// block that spans a box split around it, and merged with the boxes, in page order.
std::vector<Dropped> DroppedInPageText(const HtmlDetails& details, std::vector<Dropped> dropped);

// The date in the dateline or date line that opens an article: "القاهرة في 16 أغسطس 2024 -",
// a line "الأحد 6 أيار/مايو 2024 - 10:15", "06/05/2024" (day first, as Arabic sites write it),
// "2024-05-06". Only a line of at most twelve words among the first five lines, or the part of
// the first paragraph before its dash, is read; "" when none holds a valid date.
std::string DatelineDate(std::string_view text);

// --- HTML boxes (data/clean/html_boxes.tsv) --------------------------------------------------

// Transparent hashing, so string_view keys find std::string ones without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// What marks a box of a page: words of class, id and tag names, and headings. Of the patterns
// a class value matches, the one of most words wins ("most read" over "read").
struct BoxHints {
  struct Pattern {
    std::vector<std::string> words;  // lowercase ASCII; the last may be a prefix
    bool prefix = false;             // "related*": the last word is a prefix
    DropReason reason = DropReason::kReadAlso;
    bool hidden = false;  // dropped silently: never shown on the page
  };
  std::vector<Pattern> patterns;
  // Indices into patterns: by first word, except one-word prefix patterns.
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> by_first_word;
  std::vector<uint32_t> one_word_prefixes;
  struct Heading {
    std::string key;  // FoldForMatching
    DropReason reason = DropReason::kReadAlso;
  };
  std::vector<Heading> headings;
};

// Parses html_boxes.tsv; an unknown reason or a malformed row is an error naming the line.
Result<BoxHints> ParseBoxHints(std::string_view tsv);
const Result<BoxHints>& DefaultBoxHints();

// The pattern that the words of a class, id or tag name (split at anything but ASCII letters
// and digits, lowercased) match, or nullptr.
const BoxHints::Pattern* MatchClassHint(const BoxHints& hints, std::string_view value);

// The reason a box headed by `heading` (its first text) is dropped, if the heading is one of
// the hints' headings, alone (a colon or a dash after it allowed); nullopt otherwise.
std::optional<DropReason> MatchHeading(const BoxHints& hints, std::string_view heading);

// The reason of the heading `text` opens with, followed by punctuation or a space and more
// ("اقرأ أيضا.. عنوان", a teaser that is all one link); nullopt if none.
std::optional<DropReason> MatchHeadingPrefix(const BoxHints& hints, std::string_view text);

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
  kComments,
};

// The host of an absolute URL, lowercased, without "www." and a port; "" when there is none.
std::string HostOf(std::string_view url);

// The key RecurringLines gives a line: a hash of its folded form, or 0 when the line has fewer
// than 2 or more than 12 words (not a candidate).
uint64_t RecurringLineKey(std::string_view line);

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
