// clean: the article text and its metadata out of a raw document.
//
// In: an ingest::RawDocument. Out: an Article with text (UTF-8, paragraphs separated by blank
// lines), title, url, outlet, published (ISO 8601 or ""), source, format, metadata_json; the id
// is left empty (pipeline/ sets it from the normalised text). Guaranteed: never throws; HTML of
// any depth or size is handled without recursion limits being hit; a publication date that is
// not valid ISO 8601 is dropped with a warning, never guessed (a date in the URL's path,
// /2024/03/05/, is used when nothing else gives one; for an HTML page, then the date of its
// date line or dateline). A JSONL record whose text is HTML is extracted like a page, its own
// fields winning. Pages nested deeper than 512 elements are flattened below that depth first,
// and a page with more than 4 MB of markup once scripts and styles are set aside is read up
// to there (a warning says so). A page that says it is not Arabic (<html lang="en">), or
// whose text is mostly Latin letters, gets a warning.
//
// HTML pages lose their boxes first (see ExtractHtml): navigation, related stories, tag
// lists, share bars, comments, ads and figure captions inside the article element are dropped
// from the DOM and kept in Cleaned::dropped with their reasons, before the lines of the text
// are searched. The headline, when it opens the text (an <h1> inside the article), leaves the
// text for Article::title ("headline" in Cleaned::dropped), so it is not read twice.
//
// Page boilerplate (data/clean/markers.tsv) is dropped from the text of every format, by whole
// lines, and each dropped block is kept in Cleaned::dropped with its reason: the end of a page
// after the article (source and copyright lines, tag lists, "read also" blocks with the story
// they carry, "similar articles" lists, readers' comments, "end of message", edit prompts,
// share bars), and
// inside the article one-line "read more" teasers, share bars and source lines. The last
// source line ("المصدر: RT Arabic") gives the outlet when the document names none; every
// source line is kept in metadata_json ("sources"), a copyright line as "copyright". Not
// guaranteed: boilerplate without a marker (a teaser paragraph that names no "read also", a
// byline, a photo caption in a text page) stays; a "read also" marker alone on a line near the end whose
// following text is at most half the article before it is taken for the end of the page.
//
//   clean::Cleaner cleaner;
//   Result<clean::Cleaned> c = cleaner.Clean(raw);
//   if (c.ok()) Use(c->article);
#ifndef RASD_CLEAN_CLEAN_H_
#define RASD_CLEAN_CLEAN_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/core.h"
#include "ingest/ingest.h"

namespace rasd::clean {

// Why a block was dropped from the article text.
enum class DropReason : uint8_t {
  kReadAlso = 0,         // "read also" at the end of a page, with the story or headlines after it
  kTeaser = 1,           // a "read also"/"read more" teaser inside the article: only its lines
  kTagList = 2,          // كلمات دلالية: ...
  kSimilarArticles = 3,  // مقالات مشابهة and the headlines under it
  kSourceLine = 4,       // المصدر: RT Arabic
  kCopyright = 5,        // جميع الحقوق محفوظة
  kEndOfMessage = 6,     // نهاية الرسالة
  kEditPrompt = 7,       // يمكنك تعديل هذه المقالة
  kShare = 8,            // شارك: فيسبوك تويتر واتساب
  // Boxes of an HTML page, found by their class, id or heading (data/clean/html_boxes.tsv)
  // or by their links; the reasons above are given to boxes of those kinds too.
  kNavigation = 9,  // breadcrumbs, menus, pagination
  kComments = 10,   // readers' comments and the form to add one
  kAdvert = 11,     // ad slots, sponsored and recommended-content widgets
  kSubscribe = 12,  // newsletter sign-up, "follow us" (تابعونا), app download
  kWidget = 13,     // sidebar widgets, promos, author and video boxes without another reason
  kLinkList = 14,   // a box that is mostly links, with no hint to name it
  kHeadline = 15,   // the page's headline at the top of the text: it is Article::title
  kRecurring = 16,  // a line met in many earlier documents of the same site (RecurringLines)
};
// "read-also", "teaser", "tag-list", "similar-articles", "source-line", "copyright",
// "end-of-message", "edit-prompt", "share", "navigation", "comments", "advert", "subscribe",
// "widget", "link-list".
const char* DropReasonName(DropReason reason);

// One dropped block: whole lines of the page text, as written.
struct Dropped {
  DropReason reason = DropReason::kReadAlso;
  std::string text;  // the lines, with the line breaks between them
  size_t start = 0;  // [start, end): bytes of the page text (see Cleaned::dropped)
  size_t end = 0;
  std::string ToString() const;  // read-also [120,480) "إقرأ أيضاً:\n\nخبر..."
};

struct Cleaned {
  Article article;
  std::vector<std::string> warnings;  // e.g. "published: '13/45/2020' is not ISO 8601, dropped"
  // Page boilerplate removed from the text, in page order, for inspection. Offsets are into
  // the page text before anything was dropped: RawDocument::body for text and JSONL records,
  // HtmlExtract::page_text for HTML (the boxes ExtractHtml dropped are in it).
  std::vector<Dropped> dropped;
};

class Cleaner {
 public:
  // Fails (kInvalidInput) only when no text is left, e.g. an HTML page with no body text.
  // `recurring`: keys (RecurringLines::Learn) of lines to drop from a text or JSONL document
  // as boilerplate of its site.
  Result<Cleaned> Clean(const ingest::RawDocument& raw,
                        std::span<const uint64_t> recurring = {}) const;
};

// Lines that recur across the documents of one site, learned from the corpus itself: a short
// line (2 to 12 words, folded as the markers are) met in at least kMinDocuments earlier
// documents of a site is boilerplate in its later documents (a slogan, an app or newsletter
// line, a byline formula that no marker names). The site is the document's outlet, else the
// folder of its file. Text and JSONL documents only: an HTML page's boxes are found in its DOM.
// Guaranteed: a document is judged only by the documents before it, so the result depends on
// the input order and not on the number of workers; memory is bounded (kMaxLinesPerSite keys
// per site; lines met once are forgotten first). Not thread-safe: one reader feeds it in input
// order. Not guaranteed: the first kMinDocuments documents of a site keep such lines.
//
//   RecurringLines learned;
//   std::vector<uint64_t> keys = learned.Learn(raw);  // in input order
//   cleaner.Clean(raw, keys);                         // on any thread
class RecurringLines {
 public:
  static constexpr uint32_t kMinDocuments = 5;
  static constexpr size_t kMaxLinesPerSite = 50000;
  // The keys of the lines of `raw` that recurred in earlier documents of its site; then counts
  // the lines of `raw` (each once).
  std::vector<uint64_t> Learn(const ingest::RawDocument& raw);

 private:
  std::unordered_map<std::string, std::unordered_map<uint64_t, uint32_t>> sites_;
};

// The article of an HTML page and its metadata (gumbo, after a pre-pass that skips scripts,
// styles, SVG and attributes nothing reads; linear in the page, whatever its nesting).
//
// Text. The article root is the element marked as the article body (itemprop="articleBody",
// an article-body class, <article>, a content class) when it holds at least half the page's
// paragraph text, else the smallest element that holds most of it; a page with no paragraph
// of some length falls back to the body. Inside the root, boxes are dropped: elements whose
// class, id or tag name names a box ("related", "read-also", "tags", "share", "comments",
// "most-read", "newsletter", "breadcrumb", "ad"...), elements whose first text is a box's
// heading (اقرأ أيضا, مواضيع ذات صلة, الأكثر قراءة, كلمات دلالية, شارك, تابعونا...), and
// elements that are mostly links; an element holding half the page's paragraph text is never
// a box. script, style, nav, header (outside an article), footer, aside, forms, buttons,
// media and hidden elements never give text. Block elements become line breaks.
//
// Metadata. title: og:title, the first h1 outside page furniture, JSON-LD headline,
// twitter:title, <title>, without " | Site" when the site's name is known. published:
// article:published_time, meta date/pubdate/DC.date and the like, itemprop datePublished,
// <time datetime> in the article, JSON-LD datePublished (in @graph and arrays), a date in the
// URL's path. outlet: og:site_name, JSON-LD publisher.name, the host of the page's URL
// without "www.". url: an absolute canonical link, og:url, JSON-LD url or mainEntityOfPage.
// language: <html lang>, else og:locale or Content-Language.
struct HtmlExtract {
  std::string text;
  std::string title;
  std::string published;
  std::string outlet;
  std::string url;  // canonical or og:url
  std::string language;
  // The root's text with the dropped boxes in place; Cleaned::dropped offsets point into it.
  std::string page_text;
};
HtmlExtract ExtractHtml(std::string_view html);

// "2023-08-16", "2023-08-16T10:00:00Z", "2023-08-16 10:00" -> normalised ISO 8601
// ("2023-08-16", "2023-08-16T10:00:00Z"); "" when the input is not a valid date.
std::string NormalizeIsoDate(std::string_view s);

}  // namespace rasd::clean

#endif  // RASD_CLEAN_CLEAN_H_
