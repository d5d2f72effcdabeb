// clean: the article text and its metadata out of a raw document.
//
// In: an ingest::RawDocument. Out: an Article with text (UTF-8, paragraphs separated by blank
// lines), title, url, outlet, published (ISO 8601 or ""), source, format, metadata_json; the id
// is left empty (pipeline/ sets it from the normalised text). Guaranteed: never throws; HTML of
// any depth or size is handled without recursion limits being hit; a publication date that is
// not valid ISO 8601 is dropped with a warning, never guessed (a date in the URL's path,
// /2024/03/05/, is used when nothing else gives one). A JSONL record whose text is HTML is
// extracted like a page, its own fields winning. Pages nested deeper than 512 elements are
// flattened below that depth first (a warning says so). Not guaranteed (yet): removal of
// "read also" blocks and tag lists in plain-text pages (a later clean-up deepens this).
//
//   clean::Cleaner cleaner;
//   Result<clean::Cleaned> c = cleaner.Clean(raw);
//   if (c.ok()) Use(c->article);
#ifndef RASD_CLEAN_CLEAN_H_
#define RASD_CLEAN_CLEAN_H_

#include <string>
#include <vector>

#include "core/core.h"
#include "ingest/ingest.h"

namespace rasd::clean {

struct Cleaned {
  Article article;
  std::vector<std::string> warnings;  // e.g. "published: '13/45/2020' is not ISO 8601, dropped"
};

class Cleaner {
 public:
  // Fails (kInvalidInput) only when no text is left, e.g. an HTML page with no body text.
  Result<Cleaned> Clean(const ingest::RawDocument& raw) const;
};

// HTML to text with gumbo: block elements become line breaks, script/style/nav/header/footer/
// aside/form are dropped; title from og:title, h1 or <title>; published from
// article:published_time, <time datetime>, or JSON-LD datePublished; outlet from og:site_name.
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
