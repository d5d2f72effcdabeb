// clean: the article text and its metadata out of a raw document.
//
// In: an ingest::RawDocument. Out: an Article with text (UTF-8, paragraphs separated by blank
// lines), title, url, outlet, published (ISO 8601 or ""), source, format, metadata_json; the id
// is left empty (pipeline/ sets it from the normalised text). Guaranteed: never throws; HTML of
// any depth or size is handled without recursion limits being hit; a publication date that is
// not valid ISO 8601 is dropped with a warning, never guessed (a date in the URL's path,
// /2024/03/05/, is used when nothing else gives one). A JSONL record whose text is HTML is
// extracted like a page, its own fields winning. Pages nested deeper than 512 elements are
// flattened below that depth first (a warning says so).
//
// Page boilerplate (data/clean/markers.tsv) is dropped from the text of every format, by whole
// lines, and each dropped block is kept in Cleaned::dropped with its reason: the end of a page
// after the article (source and copyright lines, tag lists, "read also" blocks with the story
// they carry, "similar articles" lists, "end of message", edit prompts, share bars), and
// inside the article one-line "read more" teasers, share bars and source lines. The last
// source line ("المصدر: RT Arabic") gives the outlet when the document names none; every
// source line is kept in metadata_json ("sources"), a copyright line as "copyright". Not
// guaranteed: boilerplate without a marker (a teaser paragraph that names no "read also", a
// byline, a photo caption) stays; a "read also" marker alone on a line near the end whose
// following text is at most half the article before it is taken for the end of the page.
//
//   clean::Cleaner cleaner;
//   Result<clean::Cleaned> c = cleaner.Clean(raw);
//   if (c.ok()) Use(c->article);
#ifndef RASD_CLEAN_CLEAN_H_
#define RASD_CLEAN_CLEAN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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
};
// "read-also", "teaser", "tag-list", "similar-articles", "source-line", "copyright",
// "end-of-message", "edit-prompt", "share".
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
  // the text extracted from the page (ExtractHtml(body).text) for HTML.
  std::vector<Dropped> dropped;
};

class Cleaner {
 public:
  // Fails (kInvalidInput) only when no text is left, e.g. an HTML page with no body text.
  Result<Cleaned> Clean(const ingest::RawDocument& raw) const;
};

// HTML to text with gumbo: block elements become line breaks, script/style/nav/header/footer/
// aside/form are dropped (boilerplate inside the article element, such as "read also" boxes,
// is left for Cleaner, which drops it from this text as from plain text); title from og:title, h1
// or <title>; published from article:published_time, <time datetime>, or JSON-LD datePublished;
// outlet from og:site_name.
struct HtmlExtract {
  std::string text;
  std::string title;
  std::string published;
  std::string outlet;
  std::string url;  // canonical or og:url
  std::string language;
};
HtmlExtract ExtractHtml(std::string_view html);

// "2023-08-16", "2023-08-16T10:00:00Z", "2023-08-16 10:00" -> normalised ISO 8601
// ("2023-08-16", "2023-08-16T10:00:00Z"); "" when the input is not a valid date.
std::string NormalizeIsoDate(std::string_view s);

}  // namespace rasd::clean

#endif  // RASD_CLEAN_CLEAN_H_
