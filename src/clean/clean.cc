#include "clean/clean.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

// The primary subtag of an HTML lang attribute, lowercased ("ar-EG" -> "ar"); "" when it is
// not two or three letters.
std::string PrimaryLanguage(std::string_view lang) {
  std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
  if (primary.size() < 2 || primary.size() > 3) return "";
  std::string out;
  for (char c : primary) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return "";
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// True unless `text` has letters and fewer than a third of them are Arabic: a page without a
// lang attribute whose article is in English or French.
bool LooksArabic(std::string_view text) {
  size_t arabic = 0, latin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      ++latin;
    } else if (c >= 0xD8 && c <= 0xDB) {  // U+0600..U+06FF
      ++arabic;
    }
  }
  return arabic * 2 >= latin || arabic + latin < 20;
}

std::string DroppedDateWarning(std::string_view value) {
  return "published: '" + std::string(value) + "' is not ISO 8601, dropped";
}

// The page's source lines as "sources" and its copyright line as "copyright" in the
// document's metadata object; a key the input already has is left alone.
void AddPageMetadata(const Boilerplate& page, std::string& metadata_json,
                     std::vector<std::string>& warnings) {
  if (page.sources.empty() && page.copyright.empty()) return;
  // ordered_json keeps the input's fields in their order.
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(
      metadata_json.empty() ? "{}" : metadata_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    warnings.push_back("metadata: not a JSON object; page sources not added");
    return;
  }
  if (!page.sources.empty() && !j.contains("sources")) j["sources"] = page.sources;
  if (!page.copyright.empty() && !j.contains("copyright")) j["copyright"] = page.copyright;
  metadata_json = j.dump();
}

// The article text of `page` (the document's text, or the text of an HTML page) without its
// boilerplate; what was dropped goes to out.dropped, the last source line to the outlet when
// the document names none, source and copyright lines to the metadata.
// The lines of `page` whose keys are in `recurring`, outside the blocks already `dropped`
// (both in page order), merged into `dropped` as recurring-line blocks.
void DropRecurring(std::string_view page, std::span<const uint64_t> recurring,
                   std::vector<Dropped>& dropped) {
  if (recurring.empty()) return;
  std::vector<Dropped> lines;
  LineBreaks page_breaks(page);
  for (size_t pos = 0; pos < page.size();) {
    size_t brk = page_breaks.Next(pos);
    if (brk == std::string_view::npos) brk = page.size();
    const std::string_view line = page.substr(pos, brk - pos);
    const uint64_t key = RecurringLineKey(line);
    const bool inside = std::any_of(dropped.begin(), dropped.end(),
                                    [&](const Dropped& d) { return d.start < brk && pos < d.end; });
    if (key != 0 && !inside &&
        std::find(recurring.begin(), recurring.end(), key) != recurring.end()) {
      const std::string_view trimmed = TrimLineEnd(line);
      lines.push_back({DropReason::kRecurring, std::string(trimmed), pos, pos + trimmed.size()});
    }
    pos = brk + 1;
  }
  if (lines.empty()) return;
  dropped.insert(dropped.end(), lines.begin(), lines.end());
  std::stable_sort(dropped.begin(), dropped.end(),
                   [](const Dropped& a, const Dropped& b) { return a.start < b.start; });
}

std::string ArticleText(std::string_view page, Cleaned& out,
                        std::span<const uint64_t> recurring = {}) {
  const Result<Markers>& markers = DefaultMarkers();
  if (!markers.ok()) {
    out.warnings.push_back("boilerplate kept: " + markers.status().message());
    return TidyText(page);
  }
  Boilerplate found = FindBoilerplate(page, *markers);
  DropRecurring(page, recurring, found.dropped);
  if (!found.skipped.empty()) out.warnings.push_back("boilerplate kept: " + found.skipped);
  if (found.dropped.empty()) return TidyText(page);
  Article& a = out.article;
  if (a.outlet.empty() && !found.sources.empty()) a.outlet = found.sources.back();
  AddPageMetadata(found, a.metadata_json, out.warnings);
  std::string text = TidyText(RemoveDropped(page, found.dropped));
  out.dropped = std::move(found.dropped);
  return text;
}

// The page's headline when it opens the extracted text (an <h1> inside the article): blanked
// out of `text` (spaces, so that offsets stay valid) and returned as a dropped block. The title
// keeps it; in the text it would be read twice, and coded twice.
std::optional<Dropped> TakeHeadline(std::string& text, std::string_view title) {
  const std::string title_key = FoldForMatching(title);
  if (title_key.empty()) return std::nullopt;
  size_t start = 0;
  while (start < text.size() && (text[start] == '\n' || text[start] == ' ')) ++start;
  const size_t end = std::min(text.find('\n', start), text.size());
  if (start >= end) return std::nullopt;
  const std::string_view line = std::string_view(text).substr(start, end - start);
  if (FoldForMatching(line) != title_key) return std::nullopt;
  Dropped d{DropReason::kHeadline, std::string(line), start, end};
  std::fill(text.begin() + static_cast<std::ptrdiff_t>(start),
            text.begin() + static_cast<std::ptrdiff_t>(end), ' ');
  return d;
}

}  // namespace

std::string_view TrimLineEnd(std::string_view line) {
  while (!line.empty()) {
    char c = line.back();
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
      line.remove_suffix(1);
    } else if (line.size() >= 2 && line[line.size() - 2] == '\xC2' && c == '\xA0') {
      line.remove_suffix(2);
    } else {
      break;
    }
  }
  return line;
}

std::string TidyText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool started = false;
  bool blank_pending = false;
  LineBreaks text_breaks(text);
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text_breaks.Next(pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimLineEnd(text.substr(pos, end - pos));
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') {
      pos = end + 2;
    } else {
      pos = end + 1;
    }
    bool blank = line.find_first_not_of(" \t\f\v") == std::string_view::npos;
    if (blank) {
      blank_pending = started;
      continue;
    }
    if (started) out.append(blank_pending ? "\n\n" : "\n");
    out.append(line);
    started = true;
    blank_pending = false;
  }
  return out;
}

bool LooksLikeHtml(std::string_view body) {
  if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  size_t i = body.find_first_not_of(" \t\r\n\f\v");
  if (i == std::string_view::npos || body[i] != '<' || i + 1 >= body.size()) return false;
  char c = body[i + 1];
  return std::isalpha(static_cast<unsigned char>(c)) || c == '!' || c == '/' || c == '?';
}

Result<Cleaned> Cleaner::Clean(const ingest::RawDocument& raw,
                               std::span<const uint64_t> recurring) const {
  Cleaned out;
  Article& a = out.article;
  a.source = raw.source;
  a.format = raw.format;
  a.metadata_json = raw.metadata_json.empty() ? "{}" : raw.metadata_json;
  a.title = raw.title;
  a.url = raw.url;
  a.outlet = raw.outlet;

  // A page is parsed as HTML when it came as one, or when a JSONL record (or a document of
  // unknown format) carries markup in its text field. A .txt file is text whatever it holds.
  const bool html = raw.format == "html" || (raw.format != "txt" && LooksLikeHtml(raw.body));

  // Publication date candidates in order: the input's own field, then what the page says.
  std::vector<std::string> dates;
  if (!raw.published.empty()) dates.push_back(raw.published);
  std::string dateline_date;

  if (html) {
    HtmlDetails d = ExtractHtmlDetails(raw.body);
    if (d.flattened) {
      out.warnings.push_back("html: nested deeper than " + std::to_string(kMaxHtmlDepth) +
                             " elements; flattened below that depth");
    }
    if (const Result<BoxHints>& hints = DefaultBoxHints(); !hints.ok()) {
      out.warnings.push_back("html boxes kept: " + hints.status().message());
    }
    if (d.truncated) {
      out.warnings.push_back("html: more than " + std::to_string(kMaxPreparedBytes >> 20) +
                             " MB of markup without scripts and styles; the rest was not read");
    }
    // Fields the input gave (JSONL) win over what the page says.
    if (a.title.empty()) a.title = std::move(d.extract.title);
    if (a.url.empty()) a.url = std::move(d.extract.url);
    if (a.outlet.empty()) a.outlet = std::move(d.extract.outlet);
    std::string language = PrimaryLanguage(d.extract.language);
    if (!language.empty()) a.language = std::move(language);
    if (a.language != "ar") {
      out.warnings.push_back("language: the page says it is '" + a.language + "', not Arabic");
    }
    for (std::string& bad : d.invalid_dates) dates.push_back(std::move(bad));
    if (!d.extract.published.empty()) dates.push_back(std::move(d.extract.published));
    dateline_date = std::move(d.dateline_date);
    std::optional<Dropped> headline = TakeHeadline(d.extract.text, a.title);
    a.text = ArticleText(d.extract.text, out);
    if (headline) out.dropped.insert(out.dropped.begin(), std::move(*headline));
    out.dropped = DroppedInPageText(d, std::move(out.dropped));
  } else {
    // ingest validates UTF-8; a RawDocument built elsewhere (the HTTP API, tests) may not be.
    if (std::optional<size_t> bad = ingest::FindInvalidUtf8(raw.body)) {
      return Status::InvalidInput(raw.source + ": invalid UTF-8 at byte " + std::to_string(*bad));
    }
    a.text = ArticleText(raw.body, out, recurring);
  }
  if (a.text.empty()) {
    if (!out.dropped.empty()) {
      return Status::InvalidInput(raw.source + ": only page boilerplate, no article text");
    }
    return Status::InvalidInput(raw.source +
                                (html ? ": no article text found in HTML" : ": no text"));
  }

  for (const std::string& candidate : dates) {
    std::string date = NormalizeIsoDate(candidate);
    if (!date.empty()) {
      a.published = std::move(date);
      break;
    }
    out.warnings.push_back(DroppedDateWarning(candidate));
  }
  // A date in the URL's path (/2024/03/05/) is the site's own statement of the day, not a
  // guess; used only when nothing else gives one.
  if (a.published.empty()) a.published = DateFromUrl(a.url);
  // The dateline of an HTML page ("القاهرة - 16 أغسطس 2024"), when nothing else says.
  if (a.published.empty()) a.published = std::move(dateline_date);
  // A page with no site name (a WARC record's page, a JSONL record with only a URL): its host.
  if (a.outlet.empty() && html) a.outlet = HostOf(a.url);
  if (html && a.language == "ar" && !LooksArabic(a.text)) {
    out.warnings.push_back("language: the text is not Arabic");
  }
  return out;
}

}  // namespace rasd::clean
