// FlattenDeepNesting: a linear scan of the tags of a page that estimates how deep gumbo would
// nest it, and removes start tags past a cap so gumbo never sees a pathological tree.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

template <size_t N>
bool In(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never have children.
constexpr std::array<std::string_view, 18> kVoid = {
    "area", "base",  "basefont", "bgsound", "br",   "col",  "embed", "frame",  "hr",
    "img",  "image", "input",    "keygen",  "link", "meta", "param", "source", "track"};
// Elements whose start tag closes an open one of the same family, so they do not nest in
// practice; counting them would take every <p> without </p> for a level.
constexpr std::array<std::string_view, 19> kImplicitlyClosed = {
    "p",     "li",    "dt", "dd", "option", "optgroup", "tr",       "td",   "th",  "thead",
    "tbody", "tfoot", "rb", "rt", "rp",     "rtc",      "colgroup", "html", "body"};
// Elements whose content is text up to their end tag: tags inside them are not tags.
constexpr std::array<std::string_view, 10> kRawText = {
    "script", "style",   "textarea", "title",    "xmp",
    "iframe", "noembed", "noframes", "noscript", "plaintext"};

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
         c == '.';
}

// Position after the '>' that ends the tag whose name ends at `pos`, skipping quoted attribute
// values; npos if the page ends first.
size_t FindTagEnd(std::string_view html, size_t pos) {
  char last = 0;
  while (pos < html.size()) {
    char c = html[pos];
    if ((c == '"' || c == '\'') && last == '=') {
      size_t close = html.find(c, pos + 1);
      if (close == std::string_view::npos) return close;
      pos = close + 1;
      last = c;
      continue;
    }
    if (c == '>') return pos + 1;
    if (!std::isspace(static_cast<unsigned char>(c))) last = c;
    ++pos;
  }
  return std::string_view::npos;
}

// Finds "</name" from `pos`, ASCII case-insensitively.
size_t FindEndTag(std::string_view html, std::string_view name, size_t pos) {
  while ((pos = html.find("</", pos)) != std::string_view::npos) {
    size_t start = pos + 2;
    if (start + name.size() <= html.size()) {
      bool match = true;
      for (size_t i = 0; i < name.size() && match; ++i) {
        match = std::tolower(static_cast<unsigned char>(html[start + i])) == name[i];
      }
      if (match) return pos;
    }
    pos += 2;
  }
  return std::string_view::npos;
}

class NestingScanner {
 public:
  NestingScanner(std::string_view html, size_t max_depth, bool rewrite)
      : html_(html), max_depth_(max_depth), rewrite_(rewrite) {}

  // Scans the page. Without rewrite, stops at the first tag past the cap.
  void Run() {
    size_t i = 0;
    while (i < html_.size()) {
      size_t lt = html_.find('<', i);
      if (lt == std::string_view::npos) break;
      if (html_.compare(lt, 4, "<!--") == 0) {
        size_t end = html_.find("-->", lt + 4);
        i = end == std::string_view::npos ? html_.size() : end + 3;
        continue;
      }
      if (lt + 1 < html_.size() && (html_[lt + 1] == '!' || html_[lt + 1] == '?')) {
        size_t end = html_.find('>', lt);
        i = end == std::string_view::npos ? html_.size() : end + 1;
        continue;
      }
      bool closing = lt + 1 < html_.size() && html_[lt + 1] == '/';
      size_t name_start = lt + 1 + (closing ? 1 : 0);
      if (name_start >= html_.size() ||
          !std::isalpha(static_cast<unsigned char>(html_[name_start]))) {
        i = lt + 1;  // a '<' in text
        continue;
      }
      size_t name_end = name_start;
      while (name_end < html_.size() && IsNameChar(html_[name_end])) ++name_end;
      std::string name(html_.substr(name_start, name_end - name_start));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      size_t tag_end = FindTagEnd(html_, name_end);
      if (tag_end == std::string_view::npos) break;  // gumbo drops a tag cut off by the end
      if (closing) {
        EndTag(name, lt, tag_end);
        i = tag_end;
      } else {
        bool self_closing = html_[tag_end - 2] == '/';
        i = StartTag(name, self_closing, lt, tag_end);
      }
      if (exceeded_ && !rewrite_) return;
    }
  }

  bool exceeded() const { return exceeded_; }

  std::string TakeOutput() {
    out_.append(html_.substr(copied_));
    return std::move(out_);
  }

 private:
  // Returns where scanning goes on.
  size_t StartTag(const std::string& name, bool self_closing, size_t start, size_t end) {
    if (In(kRawText, name)) {
      if (name == "plaintext") return html_.size();
      size_t close = FindEndTag(html_, name, end);
      return close == std::string_view::npos ? html_.size() : close;
    }
    // In SVG and MathML "<path/>" is complete; in HTML the slash is ignored and <div/> opens.
    if (In(kVoid, name) || In(kImplicitlyClosed, name) || (self_closing && foreign_ > 0)) {
      return end;
    }
    if (open_.size() >= max_depth_) {
      exceeded_ = true;
      if (rewrite_) {
        Drop(start, end);
        ++dropped_[name];
      }
      return end;
    }
    open_.push_back(name);
    ++open_count_[name];
    if (name == "svg" || name == "math") ++foreign_;
    return end;
  }

  void EndTag(const std::string& name, size_t start, size_t end) {
    if (auto it = dropped_.find(name); it != dropped_.end() && it->second > 0) {
      --it->second;
      Drop(start, end);
      return;
    }
    // An end tag with no open element of its name is ignored, as by the tree builder.
    auto it = open_count_.find(name);
    if (it == open_count_.end() || it->second == 0) return;
    while (!open_.empty()) {
      std::string top = std::move(open_.back());
      open_.pop_back();
      --open_count_[top];
      if (top == "svg" || top == "math") --foreign_;
      if (top == name) break;
    }
  }

  // Replaces html_[start, end) by a space in the output, so words on either side stay apart.
  void Drop(size_t start, size_t end) {
    out_.append(html_.substr(copied_, start - copied_));
    out_.push_back(' ');
    copied_ = end;
  }

  std::string_view html_;
  size_t max_depth_;
  bool rewrite_;
  bool exceeded_ = false;
  std::vector<std::string> open_;  // estimated stack of open elements, never above the cap
  std::unordered_map<std::string, size_t> open_count_;  // open elements by name
  std::unordered_map<std::string, size_t> dropped_;     // removed start tags awaiting end tags
  size_t foreign_ = 0;                                  // open svg and math elements
  std::string out_;
  size_t copied_ = 0;  // html_ before this is in out_
};

}  // namespace

std::optional<std::string> FlattenDeepNesting(std::string_view html, size_t max_depth) {
  NestingScanner probe(html, max_depth, /*rewrite=*/false);
  probe.Run();
  if (!probe.exceeded()) return std::nullopt;
  NestingScanner rewrite(html, max_depth, /*rewrite=*/true);
  rewrite.Run();
  return rewrite.TakeOutput();
}

}  // namespace rasd::clean
