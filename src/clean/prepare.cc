// PrepareHtml and FlattenDeepNesting: one linear scan over the tags of a page, before gumbo.
//
// Why a pre-pass. gumbo tokenises every byte through its state machine (27 MB/s on the pages
// of bench/html_bench.cc), and most bytes of a news page are not the article: inline scripts
// and JSON state, CSS, SVG icon sprites, images, and attributes (srcset, data-*, style, long
// class lists on menu items). This scan finds tags with memchr and skips those bytes (3 GB/s),
// so gumbo parses a fifth of the page. BENCHMARKS.md has the figures. It also estimates how deep
// gumbo would nest the page, and removes start tags past a cap, so gumbo never sees a pathological
// tree.
//
// It is a tag scanner, not a parser: it knows where tags, comments and raw text elements
// begin and end, as the HTML tokenizer does, and follows the tree builder only loosely for the
// depth estimate (see FlattenDeepNesting in clean_internal.h).
#include <gumbo.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
}

// ASCII case-insensitive: does `s` start with the lowercase `lower`?
bool StartsWithLower(std::string_view s, std::string_view lower) {
  if (s.size() < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (ToLower(s[i]) != lower[i]) return false;
  }
  return true;
}

// How the scan treats an element, by tag.
enum class Kind : uint8_t {
  kNormal,
  kVoid,              // never has children
  kVoidDropped,       // ... and gives ExtractHtml nothing: skipped in strip mode
  kImplicitlyClosed,  // closes an open one of its family: does not nest in practice
  kRawKept,           // raw text kept (title, and JSON-LD scripts)
  kRawDropped,        // raw text or content never shown as article text: skipped in strip mode
  kForeign,           // svg, math: skipped whole in strip mode
  kPlaintext,         // the rest of the page is text
};

Kind KindOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
      return Kind::kVoid;
    // Images are most of the tags of a page's cards and grids.
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
      return Kind::kVoidDropped;
    // Counting these would take every <p> without </p> for a level.
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
      return Kind::kImplicitlyClosed;
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SCRIPT:  // kept only as JSON-LD; see Scanner::StartTag
      return Kind::kRawKept;
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
      return Kind::kRawDropped;
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return Kind::kForeign;
    case GUMBO_TAG_PLAINTEXT:
      return Kind::kPlaintext;
    default:
      return Kind::kNormal;
  }
}

// Attributes ExtractHtml reads; in strip mode every other attribute is removed. href only
// matters on <link rel="canonical">.
bool IsKeptAttribute(std::string_view lower_name, GumboTag tag) {
  static constexpr std::array<std::string_view, 14> kKept = {
      "class", "id",   "itemprop", "role",     "hidden", "aria-hidden", "lang",
      "rel",   "name", "content",  "property", "type",   "datetime",    "http-equiv"};
  if (lower_name == "href") return tag == GUMBO_TAG_LINK;
  return std::find(kKept.begin(), kKept.end(), lower_name) != kKept.end();
}

// One attribute of a start tag: its bytes (name, and =value as written) and its name.
struct AttrSpan {
  size_t start = 0;
  size_t end = 0;
  size_t name_end = 0;
};

// Whether a private use character (U+E000..U+F8FF: EE xx xx, or EF 80..A3 xx) is in `s`.
bool HasPrivateUse(std::string_view s) {
  if (std::memchr(s.data(), '\xEE', s.size()) != nullptr) return true;
  for (size_t i = 0; (i = s.find('\xEF', i)) != std::string_view::npos; ++i) {
    if (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xA3) return true;
  }
  return false;
}

// Whether gumbo gives the bytes of `text` back unchanged as the text of a node: valid UTF-8
// without a character reference (&), and without a character its tokenizer changes: NUL, CR
// (line breaks are normalised), and what it replaces with U+FFFD (controls other than tab, LF
// and FF; DEL and the C1 controls; U+FDD0..U+FDEF and the code points ending FFFE or FFFF).
bool KeptByGumbo(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\f') || b == 0x7F || b == '&') {
        return false;
      }
      ++i;
      continue;
    }
    // The Arabic block, most of a page's text: a lead byte D8..DB and a continuation byte.
    if (b >= 0xD8 && b <= 0xDB && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || (c >= 0x80 && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) ||
        (c & 0xFFFE) == 0xFFFE) {
      return false;
    }
  }
  return true;
}

class Scanner {
 public:
  Scanner(std::string_view html, size_t max_depth, bool strip, size_t max_output,
          bool stand_ins = false)
      : html_(html),
        max_depth_(max_depth),
        strip_(strip),
        max_output_(max_output),
        stand_ins_(strip && stand_ins && !HasPrivateUse(html)) {
    if (strip_) out_.reserve(std::min(html.size(), max_output_) / 2);
  }

  void Run() {
    size_t i = 0;
    bool after_markup = true;  // i follows a tag, a comment or the start of the page
    while (i < html_.size()) {
      const void* found = std::memchr(html_.data() + i, '<', html_.size() - i);
      size_t lt = found ? static_cast<size_t>(static_cast<const char*>(found) - html_.data())
                        : html_.size();
      if (strip_ && lt >= copied_ && lt - copied_ + size() > max_output_) {
        Truncate(lt);
        return;
      }
      if (stand_ins_ && after_markup) StandIn(i, lt);
      if (!found) break;
      const size_t next = Markup(lt);
      after_markup = next != lt + 1;  // only a '<' read as text moves on by one byte
      i = next;
    }
  }

  bool exceeded() const { return exceeded_; }
  bool truncated() const { return truncated_; }
  std::vector<std::string_view> TakeStandIns() { return std::move(runs_); }

  std::string TakeOutput() {
    if (!truncated_) {
      if (size() + (html_.size() - copied_) > max_output_) {
        Truncate(html_.size());
      } else {
        Flush(html_.size());
      }
    }
    return std::move(out_);
  }

 private:
  // Handles the markup at `lt` (a '<'); returns where scanning goes on.
  size_t Markup(size_t lt) {
    std::string_view rest = html_.substr(lt);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = html_.find("-->", lt + 4);
      end = end == std::string_view::npos ? html_.size() : end + 3;
      if (strip_) Replace(lt, end, {});
      return end;
    }
    if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) {
      size_t end = html_.find('>', lt);
      end = end == std::string_view::npos ? html_.size() : end + 1;
      if (strip_ && rest[1] == '?') Replace(lt, end, {});  // <?xml ...?>: a bogus comment
      return end;
    }
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const size_t name_start = lt + 1 + (closing ? 1 : 0);
    if (name_start >= html_.size() || !IsAsciiAlpha(html_[name_start])) return lt + 1;  // text
    size_t name_end = name_start;
    while (name_end < html_.size() && IsNameChar(html_[name_end])) ++name_end;
    const int id = TagId(html_.substr(name_start, name_end - name_start));
    const GumboTag tag = id < GUMBO_TAG_LAST ? static_cast<GumboTag>(id) : GUMBO_TAG_UNKNOWN;
    attrs_.clear();
    const size_t tag_end = ParseAttributes(name_end);
    if (tag_end == std::string_view::npos) {  // gumbo drops a tag cut off by the end
      if (strip_) Replace(lt, html_.size(), {});
      return html_.size();
    }
    if (closing) {
      EndTag(id, lt, tag_end);
      return tag_end;
    }
    const bool self_closing = html_[tag_end - 2] == '/';
    return StartTag(id, tag, self_closing, lt, name_end, tag_end);
  }

  // Parses the attributes of a start or end tag from `pos` (after the name), as the HTML
  // tokenizer does: quoted values may hold '>'. Fills attrs_; returns the position after the
  // '>' that ends the tag, npos when the page ends first.
  size_t ParseAttributes(size_t pos) {
    const size_t n = html_.size();
    while (true) {
      while (pos < n && (IsSpace(html_[pos]) || html_[pos] == '/')) ++pos;
      if (pos >= n) return std::string_view::npos;
      if (html_[pos] == '>') return pos + 1;
      AttrSpan a;
      a.start = pos;
      ++pos;  // the first character is part of the name, even '=' or a quote
      while (pos < n && !IsSpace(html_[pos]) && html_[pos] != '/' && html_[pos] != '>' &&
             html_[pos] != '=') {
        ++pos;
      }
      a.name_end = pos;
      size_t after = pos;
      while (after < n && IsSpace(html_[after])) ++after;
      if (after < n && html_[after] == '=') {
        pos = after + 1;
        while (pos < n && IsSpace(html_[pos])) ++pos;
        if (pos < n && (html_[pos] == '"' || html_[pos] == '\'')) {
          const void* close = std::memchr(html_.data() + pos + 1, html_[pos], n - pos - 1);
          if (!close) return std::string_view::npos;
          pos = static_cast<size_t>(static_cast<const char*>(close) - html_.data()) + 1;
        } else {
          while (pos < n && !IsSpace(html_[pos]) && html_[pos] != '>') ++pos;
        }
      }
      a.end = pos;
      if (attrs_.size() < kMaxAttributes) attrs_.push_back(a);
    }
  }

  size_t StartTag(int id, GumboTag tag, bool self_closing, size_t start, size_t name_end,
                  size_t end) {
    // Without stripping, a template's content is counted like any other (gumbo builds it).
    const Kind kind = (!strip_ && tag == GUMBO_TAG_TEMPLATE) ? Kind::kNormal : KindOf(tag);
    if (kind == Kind::kPlaintext) return html_.size();
    if (kind == Kind::kRawKept || kind == Kind::kRawDropped) {
      const size_t close = FindEndTag(tag, end);
      const size_t after = close == std::string_view::npos ? html_.size() : EndOfTag(close);
      if (strip_ && (kind == Kind::kRawDropped || (tag == GUMBO_TAG_SCRIPT && !IsJsonLd()))) {
        Replace(start, after, {});
        return after;
      }
      if (strip_) Slim(start, name_end, end, tag);
      return close == std::string_view::npos ? html_.size() : close;
    }
    if (kind == Kind::kForeign && strip_ && !self_closing) {
      // The whole element goes. One without an end tag is left to gumbo, whose tree builder
      // leaves foreign content at the next HTML block element.
      const size_t close = FindForeignEnd(id, end);
      if (close != std::string_view::npos) {
        Replace(start, EndOfTag(close), {});
        return EndOfTag(close);
      }
    }
    if (kind == Kind::kVoidDropped || (tag == GUMBO_TAG_LINK && !IsCanonicalLink())) {
      if (strip_) {
        Replace(start, end, {});
        return end;
      }
    }
    // In SVG and MathML "<path/>" is complete; in HTML the slash is ignored and <div/> opens.
    if (kind == Kind::kVoid || kind == Kind::kVoidDropped || kind == Kind::kImplicitlyClosed ||
        (self_closing && foreign_ > 0)) {
      if (strip_) Slim(start, name_end, end, tag);
      return end;
    }
    if (open_.size() >= max_depth_) {
      exceeded_ = true;
      Replace(start, end, " ");
      ++Count(dropped_, id);
      return end;
    }
    open_.push_back(id);
    ++Count(open_count_, id);
    if (kind == Kind::kForeign) ++foreign_;
    if (strip_) Slim(start, name_end, end, tag);
    return end;
  }

  void EndTag(int id, size_t start, size_t end) {
    if (uint32_t& d = Count(dropped_, id); d > 0) {
      --d;
      Replace(start, end, " ");
      return;
    }
    // An end tag with no open element of its name is ignored, as by the tree builder.
    if (Count(open_count_, id) == 0) return;
    while (!open_.empty()) {
      const int top = open_.back();
      open_.pop_back();
      --Count(open_count_, top);
      if (top == GUMBO_TAG_SVG || top == GUMBO_TAG_MATH) --foreign_;
      if (top == id) break;
    }
  }

  // The start tag [start, end) without the attributes ExtractHtml does not read. Left in
  // place (no copy) when it has none.
  void Slim(size_t start, size_t name_end, size_t end, GumboTag tag) {
    bool all_kept = true;
    for (const AttrSpan& a : attrs_) {
      if (!IsKept(a, tag)) {
        all_kept = false;
        break;
      }
    }
    if (all_kept) return;
    Flush(start);
    out_.append(html_.substr(start, name_end - start));
    for (const AttrSpan& a : attrs_) {
      if (!IsKept(a, tag)) continue;
      out_.push_back(' ');
      out_.append(html_.substr(a.start, a.end - a.start));
    }
    out_.push_back('>');
    copied_ = end;
  }

  bool IsKept(const AttrSpan& a, GumboTag tag) const {
    const size_t len = a.name_end - a.start;
    if (len > 16) return false;
    char lower[16];
    for (size_t i = 0; i < len; ++i) lower[i] = ToLower(html_[a.start + i]);
    return IsKeptAttribute(std::string_view(lower, len), tag);
  }

  // The value of the attribute `lower_name` of the tag being read, as written, quotes and
  // surrounding spaces removed.
  std::string_view AttrValue(std::string_view lower_name) const {
    for (const AttrSpan& a : attrs_) {
      std::string_view name = html_.substr(a.start, a.name_end - a.start);
      if (name.size() != lower_name.size() || !StartsWithLower(name, lower_name)) continue;
      std::string_view value = html_.substr(a.name_end, a.end - a.name_end);
      size_t eq = value.find('=');
      if (eq == std::string_view::npos) return {};
      value = value.substr(eq + 1);
      while (!value.empty() &&
             (IsSpace(value.front()) || value.front() == '"' || value.front() == '\'')) {
        value.remove_prefix(1);
      }
      while (!value.empty() &&
             (IsSpace(value.back()) || value.back() == '"' || value.back() == '\'')) {
        value.remove_suffix(1);
      }
      return value;
    }
    return {};
  }

  // <script type="application/ld+json">.
  bool IsJsonLd() const {
    std::string_view type = AttrValue("type");
    return type.size() == 19 && StartsWithLower(type, "application/ld+json");
  }

  // <link rel="canonical">: the only link ExtractHtml reads.
  bool IsCanonicalLink() const {
    std::string_view rel = AttrValue("rel");
    for (size_t i = 0; i + 9 <= rel.size(); ++i) {
      if (StartsWithLower(rel.substr(i), "canonical")) return true;
    }
    return false;
  }

  // Position of "</name" (the name of `tag`) from `pos`, ASCII case-insensitively; npos if
  // none.
  size_t FindEndTag(GumboTag tag, size_t pos) const {
    const std::string_view name = gumbo_normalized_tagname(tag);
    while ((pos = html_.find("</", pos)) != std::string_view::npos) {
      std::string_view after = html_.substr(pos + 2);
      if (StartsWithLower(after, name) &&
          (after.size() == name.size() || !IsNameChar(after[name.size()]))) {
        return pos;
      }
      pos += 2;
    }
    return std::string_view::npos;
  }

  // The end tag matching a foreign element opened before `pos`, counting nested ones of the
  // same name; npos if none.
  //
  // A page of many unclosed <svg> would make every search run to the end of the page: the
  // searches of one page share a budget of a few times its size, and past it every foreign
  // element is left to gumbo.
  size_t FindForeignEnd(int id, size_t pos) {
    const std::string_view name = gumbo_normalized_tagname(static_cast<GumboTag>(id));
    size_t depth = 1;
    const size_t from = pos;
    while (true) {
      const void* found = std::memchr(html_.data() + pos, '<', html_.size() - pos);
      size_t next = found ? static_cast<size_t>(static_cast<const char*>(found) - html_.data())
                          : html_.size();
      if (next - from > foreign_budget_) {
        foreign_budget_ = 0;
        return std::string_view::npos;
      }
      if (!found) {
        foreign_budget_ -= next - from;
        return std::string_view::npos;
      }
      pos = next;
      const bool closing = pos + 1 < html_.size() && html_[pos + 1] == '/';
      std::string_view after = html_.substr(pos + 1 + (closing ? 1 : 0));
      if (StartsWithLower(after, name) &&
          (after.size() == name.size() || !IsNameChar(after[name.size()]))) {
        if (closing && --depth == 0) {
          foreign_budget_ -= pos - from;
          return pos;
        }
        if (!closing) {
          size_t gt = html_.find('>', pos);
          if (gt != std::string_view::npos && html_[gt - 1] != '/') ++depth;
        }
      }
      ++pos;
    }
  }

  // Position after the '>' of the end tag at `pos`, or the end of the page.
  size_t EndOfTag(size_t pos) const {
    size_t gt = html_.find('>', pos);
    return gt == std::string_view::npos ? html_.size() : gt + 1;
  }

  // gumbo's tag number for known HTML tags, GUMBO_TAG_LAST + n for other names.
  int TagId(std::string_view name) {
    char lower[32];
    if (name.size() <= sizeof(lower)) {
      for (size_t i = 0; i < name.size(); ++i) lower[i] = ToLower(name[i]);
      GumboTag tag = gumbo_tagn_enum(lower, static_cast<unsigned>(name.size()));
      if (tag != GUMBO_TAG_UNKNOWN) return tag;
    }
    std::string key(name);
    std::transform(key.begin(), key.end(), key.begin(), ToLower);
    auto [it, added] = other_names_.emplace(std::move(key), 0);
    if (added) it->second = GUMBO_TAG_LAST + 1 + static_cast<int>(other_names_.size());
    return it->second;
  }

  static uint32_t& Count(std::vector<uint32_t>& counts, int id) {
    if (static_cast<size_t>(id) >= counts.size()) counts.resize(static_cast<size_t>(id) + 1);
    return counts[static_cast<size_t>(id)];
  }

  void Flush(size_t upto) {
    out_.append(html_.substr(copied_, upto - copied_));
    copied_ = upto;
  }

  // The output has html_[start, end) replaced by `with`.
  void Replace(size_t start, size_t end, std::string_view with) {
    Flush(start);
    out_.append(with);
    copied_ = end;
  }

  // The size of the output so far, its stand-ins counted as the runs they stand for.
  size_t size() const { return out_.size() + saved_; }

  // The text [from, to) between two tags replaced by a stand-in when gumbo would read it
  // unchanged (see PrepareHtml). White space at either end stays: where it goes depends on the
  // tree builder's mode, and text that is all white space is a node of its own kind.
  void StandIn(size_t from, size_t to) {
    if (foreign_ > 0 || runs_.size() == kMaxStandIns) return;
    while (from < to && IsSpace(html_[from])) ++from;
    while (to > from && IsSpace(html_[to - 1])) --to;
    constexpr size_t kStandInBytes = 3;
    if (to - from <= kStandInBytes) return;
    const std::string_view run = html_.substr(from, to - from);
    if (!KeptByGumbo(run)) return;
    const uint32_t c = kFirstStandIn + static_cast<uint32_t>(runs_.size());
    const char bytes[kStandInBytes] = {static_cast<char>(0xE0 | (c >> 12)),
                                       static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                                       static_cast<char>(0x80 | (c & 0x3F))};
    Replace(from, to, std::string_view(bytes, kStandInBytes));
    saved_ += run.size() - kStandInBytes;
    runs_.push_back(run);
  }

  // Ends the output at `pos` (a '<' or the cap), at a character boundary.
  void Truncate(size_t pos) {
    size_t room = max_output_ > size() ? max_output_ - size() : 0;
    size_t end = std::min(pos, copied_ + room);
    while (end > copied_ && end < html_.size() &&
           (static_cast<unsigned char>(html_[end]) & 0xC0) == 0x80) {
      --end;
    }
    Flush(end);
    truncated_ = true;
  }

  // A start tag with more attributes keeps only the first ones (in strip mode, the rest go).
  static constexpr size_t kMaxAttributes = 64;

  std::string_view html_;
  size_t max_depth_;
  bool strip_;
  size_t max_output_;
  bool stand_ins_;
  std::vector<std::string_view> runs_;  // the runs stand-ins replaced, by number
  size_t saved_ = 0;                    // bytes of runs less their stand-ins
  bool exceeded_ = false;
  bool truncated_ = false;
  std::vector<AttrSpan> attrs_;       // of the tag being read
  std::vector<int> open_;             // estimated stack of open elements, never above the cap
  std::vector<uint32_t> open_count_;  // open elements by tag id
  std::vector<uint32_t> dropped_;     // removed start tags awaiting their end tags, by tag id
  std::unordered_map<std::string, int> other_names_;
  size_t foreign_ = 0;                                            // open svg and math elements
  size_t foreign_budget_ = 4 * html_.size() + (size_t{1} << 20);  // see FindForeignEnd
  std::string out_;
  size_t copied_ = 0;  // html_ before this is in out_
};

}  // namespace

std::optional<std::string> FlattenDeepNesting(std::string_view html, size_t max_depth) {
  Scanner probe(html, max_depth, /*strip=*/false, html.size());
  probe.Run();
  if (!probe.exceeded()) return std::nullopt;
  return probe.TakeOutput();
}

PreparedHtml PrepareHtml(std::string_view html, size_t max_depth, size_t max_bytes,
                         bool stand_ins) {
  Scanner scanner(html, max_depth, /*strip=*/true, max_bytes, stand_ins);
  scanner.Run();
  PreparedHtml out;
  out.flattened = scanner.exceeded();
  std::string page = scanner.TakeOutput();
  out.truncated = scanner.truncated();
  out.html = std::move(page);
  out.stand_ins = scanner.TakeStandIns();
  return out;
}

bool ExpandStandIns(std::string_view text, const std::vector<std::string_view>& runs,
                    std::string& out) {
  bool any = false;
  size_t copied = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 != 0xEE && b0 != 0xEF) continue;
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    const uint32_t c = (b0 & 0x0Fu) << 12 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu);
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || c < kFirstStandIn ||
        c - kFirstStandIn >= runs.size()) {
      continue;
    }
    if (!any) {
      out.clear();
      any = true;
    }
    out.append(text.substr(copied, i - copied));
    out.append(runs[c - kFirstStandIn]);
    copied = i + 3;
    i += 2;
  }
  if (any) out.append(text.substr(copied));
  return any;
}

}  // namespace rasd::clean
