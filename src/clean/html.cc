// ExtractHtml: the article text and metadata of a page, with gumbo.
//
// Two walks over gumbo's tree, both iterative (an explicit stack, so depth costs heap, not call
// stack): the first gathers metadata and measures how much text each candidate article root
// holds; the second turns the chosen root into text. gumbo's own recursive tree destructor is
// never called: every allocation goes through GumboArena, which frees them in a loop.
#include <gumbo.h>
#include <strings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

// gumbo's allocator hooks: a bump allocator. gumbo makes a small allocation for every node,
// attribute and string, and frees the whole tree at the end; malloc and free were a fifth of
// the time of a page. Blocks come from chunks freed together by the destructor, so the tree
// is also never freed by gumbo_destroy_output, which recurses once per level of nesting.
// Deallocate gives memory back only when it is the last block handed out; what gumbo frees
// while parsing (grown string buffers, the parser's stacks) stays until the page is done,
// which costs at most a small multiple of the tree's own size.
//
// Chunks are kept for the next page of the thread (up to kSpareChunks): fresh memory from the
// system costs a page fault per 4 KB, which was a quarter of the time of a page.
class GumboArena {
 public:
  GumboArena() = default;
  ~GumboArena() {
    std::vector<Chunk>& spare = Spare();
    for (Chunk& c : chunks_) {
      if (c.size == kChunk && spare.size() < kSpareChunks) spare.push_back(std::move(c));
    }
  }
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;

  static void* Allocate(void* userdata, size_t size) {
    return static_cast<GumboArena*>(userdata)->Take(size);
  }

  static void Deallocate(void* userdata, void* ptr) {
    auto* arena = static_cast<GumboArena*>(userdata);
    if (ptr && ptr == arena->last_) {
      arena->used_ = static_cast<size_t>(static_cast<char*>(ptr) - arena->chunk_);
      arena->last_ = nullptr;
    }
  }

 private:
  static constexpr size_t kAlign = alignof(std::max_align_t);
  static constexpr size_t kChunk = size_t{64} << 10;
  static constexpr size_t kSpareChunks = 64;  // 4 MB a thread

  struct Chunk {
    std::unique_ptr<std::max_align_t[]> data;
    size_t size = 0;
  };

  static std::vector<Chunk>& Spare() {
    thread_local std::vector<Chunk> spare;
    return spare;
  }

  void* Take(size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > kChunk / 4) {  // a large block gets a chunk of its own
      chunks_.push_back(
          {std::unique_ptr<std::max_align_t[]>(new (std::nothrow) std::max_align_t[size / kAlign]),
           size});
      last_ = nullptr;
      return chunks_.back().data.get();
    }
    if (!chunk_ || used_ + size > kChunk) {
      std::vector<Chunk>& spare = Spare();
      if (!spare.empty()) {
        chunks_.push_back(std::move(spare.back()));
        spare.pop_back();
      } else {
        chunks_.push_back({std::unique_ptr<std::max_align_t[]>(
                               new (std::nothrow) std::max_align_t[kChunk / kAlign]),
                           kChunk});
      }
      chunk_ = reinterpret_cast<char*>(chunks_.back().data.get());
      if (!chunk_) return nullptr;
      used_ = 0;
    }
    last_ = chunk_ + used_;
    used_ += size;
    return last_;
  }

  std::vector<Chunk> chunks_;
  char* chunk_ = nullptr;  // the chunk small blocks come from
  size_t used_ = 0;
  void* last_ = nullptr;  // the last small block handed out
};

const GumboVector* Children(const GumboNode* node);

// A parsed page. The tree lives as long as this object. `stand_ins` are the runs of text the
// page's stand-in characters replace (PrepareHtml): they are put back into the tree's text.
class ParsedPage {
 public:
  explicit ParsedPage(std::string_view html, const std::vector<std::string_view>& stand_ins = {}) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboArena::Allocate;
    options.deallocator = &GumboArena::Deallocate;
    options.userdata = &arena_;
    // Every parse error copies the stack of open elements: on a page nested 10,000 deep that
    // is gigabytes. rasd never reads the errors.
    options.max_errors = 0;
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
    if (!stand_ins.empty()) ExpandTree(stand_ins);
  }
  ParsedPage(const ParsedPage&) = delete;
  ParsedPage& operator=(const ParsedPage&) = delete;

  const GumboNode* document() const { return output_->document; }
  const GumboNode* root() const { return output_->root; }

 private:
  // Every text node's stand-ins replaced by their runs, the new text in the arena.
  void ExpandTree(const std::vector<std::string_view>& runs) {
    std::vector<GumboNode*> stack = {output_->document};
    std::string text;  // one buffer for every node's expansion
    while (!stack.empty()) {
      GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type == GUMBO_NODE_TEXT) {
        if (ExpandStandIns(node->v.text.text, runs, text)) {
          auto* copy = static_cast<char*>(GumboArena::Allocate(&arena_, text.size() + 1));
          if (copy == nullptr) continue;  // out of memory: the stand-ins stay
          std::memcpy(copy, text.c_str(), text.size() + 1);
          node->v.text.text = copy;
        }
        continue;
      }
      const GumboVector* children = Children(node);
      if (children == nullptr) continue;
      for (unsigned i = 0; i < children->length; ++i) {
        stack.push_back(static_cast<GumboNode*>(children->data[i]));
      }
    }
  }

  GumboArena arena_;
  GumboOutput* output_ = nullptr;  // allocated in arena_
};

const GumboVector* Children(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node->v.element.children;
    default:
      return nullptr;
  }
}

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool IsText(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
         node->type == GUMBO_NODE_CDATA;
}

GumboTag TagOf(const GumboNode* node) {
  return IsElement(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

std::string_view Attr(const GumboNode* node, const char* name) {
  if (!IsElement(node)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// True if the space-separated list `list` (rel="...", itemprop="...") holds `token`, ASCII
// case-insensitively.
bool HasToken(std::string_view list, std::string_view lower_token) {
  std::string l = Lower(list);
  size_t pos = 0;
  while (pos < l.size()) {
    size_t start = l.find_first_not_of(" \t\r\n\f", pos);
    if (start == std::string::npos) break;
    size_t end = l.find_first_of(" \t\r\n\f", start);
    if (end == std::string::npos) end = l.size();
    if (std::string_view(l).substr(start, end - start) == lower_token) return true;
    pos = end;
  }
  return false;
}

// Visits `root` and its descendants in document order. `enter(node)` returns whether to visit
// the node's children; `leave(node)` runs after them, for every node whose children were
// entered. An explicit stack: no recursion, whatever the depth.
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (!enter(root)) return;
  stack.push_back({root, 0});
  while (!stack.empty()) {
    const GumboNode* node = stack.back().node;
    const GumboVector* children = Children(node);
    if (children && stack.back().next < children->length) {
      auto* child = static_cast<const GumboNode*>(children->data[stack.back().next++]);
      if (enter(child)) stack.push_back({child, 0});
    } else {
      leave(node);
      stack.pop_back();
    }
  }
}

// Elements whose content is never article text. form is special: see PageFacts::forms.
bool IsDropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_NOFRAMES:
      return true;
    default:
      return false;
  }
}

// The attributes read of every element, found in one pass over them: gumbo_get_attribute
// scans the whole list for each name. As there, a name matches ASCII case-insensitively, the
// first attribute of a name is the one read, and one without a value reads as empty.
struct CommonAttrs {
  std::string_view cls;
  std::string_view id;
  std::string_view itemprop;
  std::string_view aria_hidden;
  bool hidden = false;
};

CommonAttrs CommonAttrsOf(const GumboNode* node) {
  CommonAttrs out;
  if (!IsElement(node)) return out;
  bool has_cls = false, has_id = false, has_itemprop = false, has_aria_hidden = false;
  const GumboVector& attrs = node->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    const std::string_view value = a->value ? std::string_view(a->value) : std::string_view();
    auto take = [&](const char* name, bool& found, std::string_view& slot) {
      if (found || strcasecmp(a->name, name) != 0) return;
      found = true;
      slot = value;
    };
    // The first letter picks the one or two names worth comparing.
    switch (std::tolower(static_cast<unsigned char>(a->name[0]))) {
      case 'c':
        take("class", has_cls, out.cls);
        break;
      case 'i':
        take("id", has_id, out.id);
        take("itemprop", has_itemprop, out.itemprop);
        break;
      case 'a':
        take("aria-hidden", has_aria_hidden, out.aria_hidden);
        break;
      case 'h':
        if (strcasecmp(a->name, "hidden") == 0) out.hidden = true;
        break;
      default:
        break;
    }
  }
  return out;
}

// Hidden by the page itself: never shown, so never article text.
bool IsHidden(const CommonAttrs& attrs) {
  return attrs.hidden || Lower(attrs.aria_hidden) == "true";
}

bool IsHidden(const GumboNode* node) { return IsHidden(CommonAttrsOf(node)); }

// Line breaks around an element: 2 for a paragraph (blank line), 1 for a line, 0 inline.
int BreakAround(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY:
      return 2;
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_LEGEND:
      return 1;
    default:
      return 0;
  }
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements that may be an article root found by density: containers, not a paragraph (a root
// that is one long paragraph would lose the short ones around it).
bool IsContainer(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

// Builds text from text nodes and break requests: whitespace runs (ASCII and no-break space,
// which pages use as padding) become one space, breaks are emitted only between text, so no
// line starts or ends with a space and there are no leading or trailing blank lines. The
// output is what TidyText would make of it.
class TextBuilder {
 public:
  void Break(int level) { pending_ = std::max(pending_, level); }
  // <br>: each one is a line break, and two in a row make a paragraph.
  void LineBreak() { pending_ = std::min(2, pending_ + 1); }

  void Text(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        space_ = true;
        ++i;
        continue;
      }
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        space_ = true;
        i += 2;
        continue;
      }
      if (!out_.empty()) {
        if (pending_ > 0) {
          out_.append(static_cast<size_t>(pending_), '\n');
        } else if (space_) {
          out_.push_back(' ');
        }
      }
      pending_ = 0;
      space_ = false;
      // Copy the run up to the next whitespace byte in one go.
      size_t end = i + 1;
      while (end < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[end]);
        if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v' ||
            d == 0xC2) {
          break;
        }
        ++end;
      }
      out_.append(s.substr(i, end - i));
      if (end < s.size() && static_cast<unsigned char>(s[end]) == 0xC2 &&
          !(end + 1 < s.size() && static_cast<unsigned char>(s[end + 1]) == 0xA0)) {
        out_.append(s.substr(end, 1));  // a 0xC2 that starts another character
        ++end;
      }
      i = end;
    }
  }

  // Where the next text will start in the output.
  size_t NextTextStart() const {
    if (out_.empty()) return 0;
    return out_.size() + (pending_ > 0 ? static_cast<size_t>(pending_) : (space_ ? 1 : 0));
  }
  size_t size() const { return out_.size(); }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int pending_ = 0;
  bool space_ = false;
};

// The text of an element on one line (titles, h1): whitespace collapsed, ends trimmed.
std::string InlineText(const GumboNode* node) {
  TextBuilder b;
  Walk(
      node,
      [&](const GumboNode* n) {
        if (IsText(n)) {
          b.Text(n->v.text.text);
          return false;
        }
        if (n != node && (IsDropped(TagOf(n)) || TagOf(n) == GUMBO_TAG_BR)) {
          b.Text(" ");
          return false;
        }
        return IsElement(n);
      },
      [](const GumboNode*) {});
  return b.Take();
}

// The whitespace-collapsed, trimmed form of an attribute or JSON value.
std::string Collapse(std::string_view s) {
  TextBuilder b;
  b.Text(s);
  return b.Take();
}

// Candidate article roots in order of preference: see ChooseRoot.
enum Tier : int { kItempropBody = 0, kArticleBodyClass = 1, kArticleTag = 2, kContentClass = 3 };
constexpr int kTiers = 4;
constexpr int kNoTier = -1;
// Without paragraphs to measure, a candidate needs 1/kMinShare of the body's text: an
// <article> that is a 200-byte teaser card, or a "content" class on a widget, loses to the body.
constexpr size_t kMinShare = 5;
// A block of at least this many bytes of text, less than a third of it in links, is a
// paragraph: about 30 Arabic letters, longer than menu items, headlines of cards and captions.
constexpr uint32_t kMinParagraphBytes = 60;
// A box's heading is an element of at most this many bytes of text.
constexpr uint32_t kMaxHeadingBytes = 96;
// Bounds on what the first walk keeps, so a page of 100,000 <time> elements costs no more
// than a normal one.
constexpr size_t kMaxTimes = 64;
constexpr size_t kMaxDateLines = 16;
constexpr uint32_t kMaxDateLineBytes = 160;
constexpr size_t kMaxJsonLd = 16;
constexpr int kMaxJsonLdDepth = 32;
constexpr uint32_t kNone = UINT32_MAX;

// What the first walk learns about an element, in document order. Text counters are running
// totals over the page at the element's start and end, so an element's text is end - start.
struct Element {
  const GumboNode* node = nullptr;
  uint32_t parent = kNone;
  uint32_t end = 0;                       // index after its last descendant
  uint32_t text_start = 0, text_end = 0;  // visible text bytes
  uint32_t link_start = 0, link_end = 0;  // ... of them inside links
  uint32_t para_start = 0, para_end = 0;  // ... of them in paragraphs
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  int8_t tier = kNoTier;
  bool no_text = false;  // inside an element whose text is never article text
  bool dateish = false;  // class or id says date or time ("newsDate", "article__date")
  const BoxHints::Pattern* hint = nullptr;
  uint32_t text() const { return text_end - text_start; }
  uint32_t links() const { return link_end - link_start; }
  uint32_t paragraphs() const { return para_end - para_start; }
};

// What the first walk learns about a page.
struct PageFacts {
  std::string language;
  std::unordered_map<std::string, std::string> meta;  // lowercased property/name -> content
  std::string title_element;
  std::string first_h1;  // outside page-level header, nav, footer and aside
  std::string canonical;
  std::string itemprop_published;
  std::vector<std::pair<uint32_t, std::string>> times;  // <time datetime>: element, value
  std::vector<std::string> json_ld;
  // Short texts of elements whose class or id says date or time, outside page furniture: a
  // date line ("الإثنين، 08 أبريل 2024 02:00 م") the page gives no machine-readable date for.
  std::vector<std::pair<uint32_t, std::string>> date_lines;
  std::vector<Element> elements;
  // <form> elements. ASP.NET WebForms pages wrap the whole page in one form, so a form
  // holding half the page's text is kept; other forms (search, comments, newsletter) go.
  std::vector<uint32_t> forms;
  uint32_t body = kNone;
};

// Context bits inherited by descendants in the first walk.
enum Context : uint8_t {
  kNoText = 1,       // inside an element whose text is not article text
  kBoilerplate = 2,  // inside nav, footer, aside or a page-level header
  kInArticle = 4,    // inside article or main: a header here is the article's header
  kInLink = 8,
  kInOpenLink = 16,  // inside an <a> without an end tag
};

// The words of class and id, and the name of a custom element (amp-ad), against the hints.
const BoxHints::Pattern* HintOf(const GumboNode* node, const CommonAttrs& attrs,
                                const BoxHints& hints) {
  const GumboElement& el = node->v.element;
  if (el.tag == GUMBO_TAG_UNKNOWN) {
    GumboStringPiece name = el.original_tag;
    gumbo_tag_from_original_text(&name);
    if (name.length > 0) {
      if (const auto* p = MatchClassHint(hints, std::string_view(name.data, name.length))) return p;
    }
  }
  if (!attrs.cls.empty()) {
    if (const auto* p = MatchClassHint(hints, attrs.cls)) return p;
  }
  if (!attrs.id.empty()) return MatchClassHint(hints, attrs.id);
  return nullptr;
}

PageFacts GatherFacts(const GumboNode* document, const BoxHints* hints) {
  PageFacts facts;
  std::vector<Element>& elements = facts.elements;
  struct Frame {
    uint8_t context;
    uint32_t element;  // kNone for the document
  };
  std::vector<Frame> stack = {{0, kNone}};
  struct Block {
    uint32_t text = 0;
    uint32_t links = 0;
    bool paragraph = false;  // headings and page furniture are blocks, never paragraphs
  };
  std::vector<Block> blocks;
  uint32_t text = 0, links = 0, paragraphs = 0;

  auto enter = [&](const GumboNode* node) {
    const uint8_t outer = stack.back().context;
    if (IsText(node)) {
      if (!(outer & kNoText) && node->type != GUMBO_NODE_WHITESPACE) {
        uint32_t n = static_cast<uint32_t>(std::strlen(node->v.text.text));
        text += n;
        if (outer & kInLink) links += n;
        if (!blocks.empty()) {
          blocks.back().text += n;
          if (outer & kInLink) blocks.back().links += n;
        }
      }
      return false;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) return true;
    if (!IsElement(node)) return false;
    const GumboElement& el = node->v.element;
    const GumboTag tag = el.tag;
    uint8_t ctx = outer;
    const uint32_t index = static_cast<uint32_t>(elements.size());
    Element& e = elements.emplace_back();
    e.node = node;
    e.parent = stack.back().element;
    e.tag = tag;
    e.text_start = text;
    e.link_start = links;
    e.para_start = paragraphs;
    e.no_text = outer & kNoText;
    const CommonAttrs attrs = CommonAttrsOf(node);

    if (el.tag_namespace == GUMBO_NAMESPACE_HTML) {
      switch (tag) {
        case GUMBO_TAG_HTML:
          facts.language = Collapse(Attr(node, "lang"));
          break;
        case GUMBO_TAG_BODY:
          if (facts.body == kNone) facts.body = index;
          break;
        case GUMBO_TAG_META: {
          std::string_view content = Attr(node, "content");
          for (const char* key_attr : {"property", "name", "itemprop", "http-equiv"}) {
            std::string key = Lower(Collapse(Attr(node, key_attr)));
            if (!key.empty()) facts.meta.emplace(key, Collapse(content));
          }
          break;
        }
        case GUMBO_TAG_LINK:
          if (facts.canonical.empty() && HasToken(Attr(node, "rel"), "canonical")) {
            facts.canonical = Collapse(Attr(node, "href"));
          }
          break;
        case GUMBO_TAG_TITLE:
          if (facts.title_element.empty()) facts.title_element = InlineText(node);
          break;
        case GUMBO_TAG_H1:
          if (facts.first_h1.empty() && !(ctx & kBoilerplate)) facts.first_h1 = InlineText(node);
          break;
        case GUMBO_TAG_TIME:
          if (!(ctx & kBoilerplate) && facts.times.size() < kMaxTimes &&
              !Attr(node, "datetime").empty()) {
            facts.times.emplace_back(index, Collapse(Attr(node, "datetime")));
          }
          break;
        case GUMBO_TAG_SCRIPT:
          if (facts.json_ld.size() < kMaxJsonLd &&
              Lower(Collapse(Attr(node, "type"))) == "application/ld+json") {
            std::string json;
            for (unsigned i = 0; i < el.children.length; ++i) {
              auto* child = static_cast<const GumboNode*>(el.children.data[i]);
              if (IsText(child)) json += child->v.text.text;
            }
            facts.json_ld.push_back(std::move(json));
          }
          break;
        case GUMBO_TAG_FORM:
          facts.forms.push_back(index);
          break;
        case GUMBO_TAG_A:
          ctx |= kInLink;
          // An <a> left open (or rebuilt by the parser after one was left open) wraps whatever
          // follows it, the article too: paragraphs inside it are not link text.
          if (node->parse_flags &
              (GUMBO_INSERTION_IMPLICIT_END_TAG | GUMBO_INSERTION_RECONSTRUCTED_FORMATTING_ELEMENT |
               GUMBO_INSERTION_ADOPTION_AGENCY_CLONED)) {
            ctx |= kInOpenLink;
          }
          break;
        default:
          break;
      }
      // itemprop="datePublished" on any element: the date is in content or datetime, or is
      // the element's text.
      if (facts.itemprop_published.empty() && HasToken(attrs.itemprop, "datepublished")) {
        std::string_view v = Attr(node, "content");
        if (v.empty()) v = Attr(node, "datetime");
        facts.itemprop_published = v.empty() ? InlineText(node) : Collapse(v);
      }
    }

    // Candidate article roots.
    if (HasToken(attrs.itemprop, "articlebody")) {
      e.tier = kItempropBody;
    } else {
      std::string names = Lower(attrs.cls) + " " + Lower(attrs.id);
      if (names.find("article-body") != std::string::npos ||
          names.find("article_body") != std::string::npos ||
          names.find("articlebody") != std::string::npos) {
        e.tier = kArticleBodyClass;
      } else if (tag == GUMBO_TAG_ARTICLE) {
        e.tier = kArticleTag;
      } else if (names.find("content") != std::string::npos) {
        e.tier = kContentClass;
      }
      e.dateish = names.find("date") != std::string::npos ||
                  names.find("time") != std::string::npos ||
                  names.find("meta") != std::string::npos;
    }
    if (hints && tag != GUMBO_TAG_HTML && tag != GUMBO_TAG_BODY)
      e.hint = HintOf(node, attrs, *hints);

    // Context for the children.
    if ((IsDropped(tag) && tag != GUMBO_TAG_FORM) || IsHidden(attrs) ||
        (e.hint && e.hint->hidden)) {
      ctx |= kNoText;
    }
    if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_ASIDE ||
        (tag == GUMBO_TAG_HEADER && !(ctx & kInArticle))) {
      ctx |= kBoilerplate;
    }
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) ctx |= kInArticle;
    if (BreakAround(tag) > 0) {
      blocks.push_back({0, 0, !IsHeading(tag) && !(ctx & kBoilerplate)});
      if (ctx & kInOpenLink) ctx &= static_cast<uint8_t>(~(kInLink | kInOpenLink));
    }
    stack.push_back({ctx, index});
    return true;
  };

  auto leave = [&](const GumboNode* node) {
    const uint32_t index = stack.back().element;
    const uint8_t context = stack.back().context;
    stack.pop_back();
    if (index == kNone) return;
    Element& e = elements[index];
    if (BreakAround(e.tag) > 0) {
      const Block b = blocks.back();
      blocks.pop_back();
      if (b.paragraph && b.text >= kMinParagraphBytes && b.links * 3 < b.text) paragraphs += b.text;
    }
    e.end = static_cast<uint32_t>(elements.size());
    e.text_end = text;
    e.link_end = links;
    e.para_end = paragraphs;
    if (e.dateish && e.text() > 0 && e.text() <= kMaxDateLineBytes && !(context & kBoilerplate) &&
        facts.date_lines.size() < kMaxDateLines) {
      facts.date_lines.emplace_back(index, InlineText(node));
    }
  };

  Walk(document, enter, leave);
  return facts;
}

// Boxes and the article root, decided from the first walk's measures.
struct Layout {
  std::vector<int8_t> box;  // DropReason of a box, or -1
  std::vector<uint8_t> in_box;
  std::vector<uint32_t> box_text;  // text of the boxes inside an element
  std::vector<uint32_t> box_links;
  std::vector<uint32_t> box_paragraphs;
  uint32_t total_paragraphs = 0;  // of the body, boxes not counted
  uint32_t total_text = 0;        // of the body, boxes counted
  uint32_t root = kNone;
};

// True if `e` holds half the page's paragraph text (or, on a page without paragraphs, half
// its text): the article, or what holds it, whatever its class says.
bool HoldsArticle(const Element& e, uint32_t all_paragraphs, uint32_t all_text) {
  if (all_paragraphs > 0) return uint64_t{e.paragraphs()} * 2 >= all_paragraphs;
  return uint64_t{e.text()} * 2 >= all_text && e.text() > 0;
}

// A block that is mostly links: a list of headlines, a menu, a row of tags.
bool IsLinkBox(const Element& e) {
  if (e.text() == 0 || e.links() == 0) return false;
  if (e.tag == GUMBO_TAG_P || IsHeading(e.tag))
    return uint64_t{e.links()} * 5 >= uint64_t{e.text()} * 4;
  if (!IsContainer(e.tag) && e.tag != GUMBO_TAG_UL && e.tag != GUMBO_TAG_OL &&
      e.tag != GUMBO_TAG_DL && e.tag != GUMBO_TAG_TABLE && e.tag != GUMBO_TAG_FIGURE) {
    return false;
  }
  return uint64_t{e.links()} * 2 >= e.text();
}

Layout Decide(const PageFacts& facts, const std::vector<uint8_t>& kept_forms) {
  const std::vector<Element>& el = facts.elements;
  const size_t n = el.size();
  Layout out;
  out.box.assign(n, -1);
  out.in_box.assign(n, 0);
  out.box_text.assign(n, 0);
  out.box_links.assign(n, 0);
  out.box_paragraphs.assign(n, 0);
  if (n == 0) return out;
  const Element& page = facts.body != kNone ? el[facts.body] : el[0];
  const uint32_t all_paragraphs = page.paragraphs();
  out.total_text = page.text();

  // Boxes, outermost first.
  for (uint32_t i = 0; i < n; ++i) {
    const Element& e = el[i];
    if (e.parent != kNone && (out.in_box[e.parent] || out.box[e.parent] >= 0)) {
      out.in_box[i] = 1;
      continue;
    }
    if (e.no_text || e.tag == GUMBO_TAG_HTML || e.tag == GUMBO_TAG_BODY || i == facts.body)
      continue;
    // On a page without paragraphs, holding most of the text protects only what is not a
    // list of links (a menu is most of the text of a page that is all menu).
    if (HoldsArticle(e, all_paragraphs, out.total_text) &&
        (all_paragraphs > 0 || uint64_t{e.links()} * 5 < uint64_t{e.text()} * 4)) {
      continue;
    }
    if (e.hint && !e.hint->hidden && (BreakAround(e.tag) > 0 || e.tag == GUMBO_TAG_UNKNOWN)) {
      out.box[i] = static_cast<int8_t>(e.hint->reason);
    } else if (IsLinkBox(e)) {
      out.box[i] = static_cast<int8_t>(DropReason::kLinkList);
    }
  }
  // What the boxes inside each element hold: children come after their parent.
  for (uint32_t i = static_cast<uint32_t>(n); i-- > 0;) {
    const Element& e = el[i];
    if (e.parent == kNone) continue;
    if (out.box[i] >= 0) {
      out.box_text[e.parent] += e.text();
      out.box_links[e.parent] += e.links();
      out.box_paragraphs[e.parent] += e.paragraphs();
    } else {
      out.box_text[e.parent] += out.box_text[i];
      out.box_links[e.parent] += out.box_links[i];
      out.box_paragraphs[e.parent] += out.box_paragraphs[i];
    }
  }
  const uint32_t page_index = facts.body != kNone ? facts.body : 0;
  auto kept_paragraphs = [&](uint32_t i) { return el[i].paragraphs() - out.box_paragraphs[i]; };
  auto kept_text = [&](uint32_t i) { return el[i].text() - out.box_text[i]; };
  auto kept_plain = [&](uint32_t i) { return kept_text(i) - (el[i].links() - out.box_links[i]); };
  out.total_paragraphs = kept_paragraphs(page_index);
  auto usable = [&](uint32_t i) {
    return !out.in_box[i] && out.box[i] < 0 && !el[i].no_text &&
           (!IsDropped(el[i].tag) || kept_forms[i]) && !IsHidden(el[i].node);
  };

  // 1. An element marked as the article: the first tier whose best candidate holds half the
  // paragraph text (or, on a page without paragraphs, a fifth of the text).
  std::array<uint32_t, kTiers> best;
  best.fill(kNone);
  for (uint32_t i = 0; i < n; ++i) {
    if (el[i].tier == kNoTier || !usable(i)) continue;
    uint32_t& b = best[static_cast<size_t>(el[i].tier)];
    auto measure = [&](uint32_t j) {
      return out.total_paragraphs > 0 ? kept_paragraphs(j) : el[j].text();
    };
    if (b == kNone || measure(i) > measure(b)) b = i;
  }
  for (uint32_t c : best) {
    if (c == kNone) continue;
    if (out.total_paragraphs > 0
            ? uint64_t{kept_paragraphs(c)} * 2 >= out.total_paragraphs
            : el[c].text() > 0 && uint64_t{el[c].text()} * kMinShare >= page.text()) {
      out.root = c;
      // A page whose article is all inside a link (an <a> left open above it) has no lists of
      // links in its article: every paragraph would be one.
      if (uint64_t{el[c].links()} * 5 >= uint64_t{el[c].text()} * 4) {
        for (uint32_t i = c + 1; i < el[c].end; ++i) {
          if (out.box[i] == static_cast<int8_t>(DropReason::kLinkList)) out.box[i] = -1;
        }
      }
      return out;
    }
  }
  if (out.total_paragraphs == 0) {
    out.root = page_index;
    return out;
  }
  // 2. By density: the smallest container holding 60% of the paragraph text, then its
  // ancestors while they add little besides it (the headline, a dateline, a short lead).
  uint32_t root = page_index;
  for (uint32_t i = page_index; i < el[page_index].end; ++i) {
    if (!usable(i) || !IsContainer(el[i].tag)) continue;
    if (uint64_t{kept_paragraphs(i)} * 5 >= uint64_t{out.total_paragraphs} * 3) root = i;
  }
  // Climbing takes what stands before the root (a headline, a dateline, a lead shorter than a
  // paragraph) but stops at prose after it: a sidebar or a teaser beside the article.
  while (root != page_index && el[root].parent != kNone && el[root].parent != page_index) {
    const uint32_t up = el[root].parent;
    const uint32_t extra = kept_plain(up) - kept_plain(root);
    const uint32_t after_links = el[up].link_end - el[root].link_end;
    const uint32_t after = el[up].text_end - el[root].text_end - after_links;
    const uint32_t boxed = out.box_text[up] - out.box_text[root];
    const uint32_t after_kept = after > boxed ? after - boxed : 0;
    if (uint64_t{extra} * 2 > kept_text(root) || uint64_t{after_kept} * 8 > kept_text(root)) break;
    root = up;
  }
  out.root = root;
  return out;
}

// The box `i` (not already a box) is headed by one of the hints' headings: its first text, the
// first element down its chain of first children that is short enough to be a heading, or the
// element itself when its text starts in it. Returns the reason.
std::optional<DropReason> HeadingBox(const PageFacts& facts, uint32_t i, const BoxHints& hints) {
  const std::vector<Element>& el = facts.elements;
  uint32_t cur = i;
  for (int depth = 0; depth < 16; ++depth) {
    const Element& e = el[cur];
    if (e.text() == 0) return std::nullopt;
    if (cur != i && e.text() <= kMaxHeadingBytes) return MatchHeading(hints, InlineText(e.node));
    // The first child element with text, if no text comes before it.
    uint32_t child = kNone;
    for (uint32_t j = cur + 1; j < e.end; j = el[j].end) {
      if (el[j].text() > 0) {
        child = j;
        break;
      }
    }
    if (child == kNone || el[child].text_start != e.text_start) {
      if (e.text() <= kMaxHeadingBytes) return MatchHeading(hints, InlineText(e.node));
      return std::nullopt;
    }
    cur = child;
  }
  return std::nullopt;
}

struct Emitted {
  std::string page_text;
  std::vector<Dropped> boxes;
};

// The text of the root, boxes in place and recorded.
Emitted EmitText(const PageFacts& facts, const Layout& layout, const BoxHints* hints,
                 const std::vector<uint8_t>& kept_forms) {
  const std::vector<Element>& el = facts.elements;
  Emitted out;
  TextBuilder b;
  const GumboNode* root = el[layout.root].node;
  uint32_t next = layout.root;  // index of the next element the walk enters
  const uint32_t all_paragraphs = facts.body != kNone ? el[facts.body].paragraphs() : 0;
  const GumboNode* box_node = nullptr;
  DropReason box_reason = DropReason::kReadAlso;
  size_t box_start = 0;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (IsText(node)) {
          b.Text(node->v.text.text);
          return false;
        }
        if (!IsElement(node)) return false;
        const uint32_t i = next++;
        const Element& e = el[i];
        const GumboTag tag = e.tag;
        if (node != root) {
          if ((IsDropped(tag) && !kept_forms[i]) || IsHidden(node) || (e.hint && e.hint->hidden)) {
            next = e.end;
            return false;
          }
          if (!box_node) {
            std::optional<DropReason> reason;
            if (layout.box[i] >= 0) {
              reason = static_cast<DropReason>(layout.box[i]);
              // A list of links that says what it is: "اقرأ أيضا" over it, or opening it.
              if (*reason == DropReason::kLinkList && hints) {
                std::optional<DropReason> named = HeadingBox(facts, i, *hints);
                if (!named && e.text() <= 4 * kMaxHeadingBytes) {
                  named = MatchHeadingPrefix(*hints, InlineText(node));
                }
                if (named) reason = named;
              }
            } else if (hints && (BreakAround(tag) > 0 || tag == GUMBO_TAG_UNKNOWN) &&
                       !HoldsArticle(e, all_paragraphs, layout.total_text)) {
              reason = HeadingBox(facts, i, *hints);
            }
            if (reason) {
              b.Break(2);
              box_node = node;
              box_reason = *reason;
              box_start = b.NextTextStart();
            }
          }
        }
        if (tag == GUMBO_TAG_BR) {
          b.LineBreak();
          next = e.end;
          return false;
        }
        b.Break(BreakAround(tag));
        return true;
      },
      [&](const GumboNode* node) {
        if (!IsElement(node)) return;
        b.Break(BreakAround(node->v.element.tag));
        if (node == box_node) {
          if (b.size() > box_start) out.boxes.push_back({box_reason, "", box_start, b.size()});
          b.Break(2);
          box_node = nullptr;
        }
      });
  out.page_text = b.Take();
  for (Dropped& d : out.boxes) d.text = out.page_text.substr(d.start, d.end - d.start);
  return out;
}

// page_text without the boxes; fills segments.
std::string CutBoxes(const std::string& page_text, const std::vector<Dropped>& boxes,
                     std::vector<HtmlDetails::Segment>& segments) {
  std::string text;
  text.reserve(page_text.size());
  size_t pos = 0;
  auto keep = [&](size_t start, size_t end) {
    while (start < end && page_text[start] == '\n') ++start;
    while (end > start && page_text[end - 1] == '\n') --end;
    if (start == end) return;
    if (!text.empty()) text.append("\n\n");
    segments.push_back({text.size(), start, end - start});
    text.append(page_text, start, end - start);
  };
  for (const Dropped& d : boxes) {
    keep(pos, d.start);
    pos = d.end;
  }
  keep(pos, page_text.size());
  return text;
}

// datePublished, publisher.name, headline and url from the JSON-LD blocks, which may be one
// object, an array of them, or an object with an "@graph" array. Breadth first, so the
// top-level article's fields win over those of nested objects (a quoted review, an author's
// profile). A publisher given as {"@id": ...} is looked up among the objects of the page.
struct JsonLdFacts {
  std::string published;
  std::string created;
  std::string publisher;
  std::string headline;
  std::string url;
};

std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return Collapse(it->get<std::string>());
  if (it->is_array() && !it->empty() && it->front().is_string()) {
    return Collapse(it->front().get<std::string>());
  }
  if (it->is_object()) {  // mainEntityOfPage: {"@id": "https://..."}
    auto id = it->find("@id");
    if (id != it->end() && id->is_string()) return Collapse(id->get<std::string>());
  }
  return "";
}

JsonLdFacts ReadJsonLd(const std::vector<std::string>& blocks) {
  using Json = nlohmann::json;
  JsonLdFacts out;
  std::vector<Json> docs;
  for (const std::string& block : blocks) {
    // Exceptions off; deep nesting is skipped while parsing, so nothing deep is ever built.
    Json::parser_callback_t limit = [](int depth, Json::parse_event_t event, Json&) {
      return !((event == Json::parse_event_t::object_start ||
                event == Json::parse_event_t::array_start) &&
               depth >= kMaxJsonLdDepth);
    };
    Json doc = Json::parse(block, limit, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) docs.push_back(std::move(doc));
  }
  std::unordered_map<std::string, const Json*> by_id;
  std::vector<const Json*> publishers;
  std::deque<const Json*> queue;
  for (const Json& doc : docs) queue.push_back(&doc);
  while (!queue.empty()) {
    const Json* j = queue.front();
    queue.pop_front();
    if (j->is_array()) {
      for (const Json& item : *j) queue.push_back(&item);
      continue;
    }
    if (!j->is_object()) continue;
    std::string id = JsonString(*j, "@id");
    if (!id.empty()) by_id.emplace(id, j);
    if (out.published.empty()) out.published = JsonString(*j, "datePublished");
    if (out.created.empty()) out.created = JsonString(*j, "dateCreated");
    if (out.headline.empty()) out.headline = JsonString(*j, "headline");
    if (out.url.empty() && j->contains("headline")) {
      out.url = JsonString(*j, "url");
      if (out.url.empty()) out.url = JsonString(*j, "mainEntityOfPage");
    }
    auto pub = j->find("publisher");
    if (pub != j->end()) {
      if (pub->is_array()) {
        for (const Json& p : *pub) publishers.push_back(&p);
      } else {
        publishers.push_back(&*pub);
      }
    }
    for (const Json& value : *j) {
      if (value.is_structured()) queue.push_back(&value);
    }
  }
  for (const Json* p : publishers) {
    if (!p->is_object()) continue;
    std::string name = JsonString(*p, "name");
    if (name.empty()) {
      auto it = by_id.find(JsonString(*p, "@id"));
      if (it != by_id.end()) name = JsonString(*it->second, "name");
    }
    if (!name.empty()) {
      out.publisher = std::move(name);
      break;
    }
  }
  return out;
}

std::string MetaValue(const PageFacts& facts, const char* key) {
  auto it = facts.meta.find(key);
  return it == facts.meta.end() ? std::string() : it->second;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

// "Title | Site", "Title - Site", "Site | Title": the title without the site's name, when the
// page names its site. A title that is only the site's name is kept.
std::string StripSiteName(std::string title, std::string_view site) {
  if (site.empty()) return title;
  static constexpr std::array<std::string_view, 7> kSeparators = {
      " | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00AB ", " \u00BB "};
  for (std::string_view sep : kSeparators) {
    size_t n = sep.size() + site.size();
    if (title.size() <= n) continue;
    std::string_view t = title;
    if (EqualsIgnoreCase(t.substr(t.size() - n), std::string(sep) + std::string(site))) {
      return title.substr(0, title.size() - n);
    }
    if (EqualsIgnoreCase(t.substr(0, n), std::string(site) + std::string(sep))) {
      return title.substr(n);
    }
  }
  return title;
}

bool IsAbsoluteUrl(std::string_view url) {
  std::string l = Lower(url.substr(0, 8));
  return l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0;
}


// Forms that hold half the page's text, by element: see PageFacts::forms.
std::vector<uint8_t> KeptForms(const PageFacts& facts) {
  std::vector<uint8_t> kept(facts.elements.size(), 0);
  if (facts.elements.empty()) return kept;
  const Element& page = facts.elements[facts.body != kNone ? facts.body : 0];
  for (uint32_t f : facts.forms) {
    const Element& form = facts.elements[f];
    if (form.text() > 0 && uint64_t{form.text()} * 2 >= page.text()) kept[f] = 1;
  }
  return kept;
}

}  // namespace

std::string HostOf(std::string_view url) {
  if (!IsAbsoluteUrl(url)) return "";
  url.remove_prefix(url.find("//") + 2);
  url = url.substr(0, url.find_first_of("/?#"));
  if (size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  std::string host = Lower(url);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  if (host.find('.') == std::string::npos) return "";
  return host;
}

HtmlDetails ExtractHtmlDetails(std::string_view html, size_t max_depth, bool stand_ins) {
  HtmlDetails details;
  PreparedHtml prepared = PrepareHtml(html, max_depth, kMaxPreparedBytes, stand_ins);
  details.flattened = prepared.flattened;
  details.truncated = prepared.truncated;
  ParsedPage page(prepared.html, prepared.stand_ins);
  const Result<BoxHints>& hints = DefaultBoxHints();
  const BoxHints* box_hints = hints.ok() ? &*hints : nullptr;
  PageFacts facts = GatherFacts(page.document(), box_hints);
  HtmlExtract& out = details.extract;

  // Text.
  std::string time_in_root;
  if (!facts.elements.empty()) {
    std::vector<uint8_t> kept_forms = KeptForms(facts);
    Layout layout = Decide(facts, kept_forms);
    Emitted emitted = EmitText(facts, layout, box_hints, kept_forms);
    out.page_text = std::move(emitted.page_text);
    details.boxes = std::move(emitted.boxes);
    out.text = CutBoxes(out.page_text, details.boxes, details.segments);

    const Element& root = facts.elements[layout.root];
    // The last resort: a date line of the article (inside the root or before it, not in a
    // box, where related stories carry their own dates), then the first lines of the text.
    for (const auto& [index, line] : facts.date_lines) {
      if (index >= root.end || layout.box[index] >= 0 || layout.in_box[index]) continue;
      details.dateline_date = DatelineDate(line);
      if (!details.dateline_date.empty()) break;
    }
    if (details.dateline_date.empty()) details.dateline_date = DatelineDate(out.text);
    // A <time> inside the root is the article's own.
    for (const auto& [index, value] : facts.times) {
      if (index > layout.root && index < root.end) {
        time_in_root = value;
        break;
      }
    }
  }

  // Metadata.
  JsonLdFacts json_ld = ReadJsonLd(facts.json_ld);
  std::string og_url = MetaValue(facts, "og:url");
  if (!facts.canonical.empty() && (IsAbsoluteUrl(facts.canonical) || og_url.empty())) {
    out.url = facts.canonical;
  } else {
    out.url = og_url;
  }
  if (out.url.empty()) out.url = json_ld.url;

  out.outlet = MetaValue(facts, "og:site_name");
  if (out.outlet.empty()) out.outlet = json_ld.publisher;
  std::string site = out.outlet;
  if (out.outlet.empty()) {
    out.outlet = HostOf(out.url);
    details.outlet_from_domain = !out.outlet.empty();
  }

  for (std::string candidate : {MetaValue(facts, "og:title"), facts.first_h1, json_ld.headline,
                                MetaValue(facts, "twitter:title"), facts.title_element}) {
    if (!candidate.empty()) {
      out.title = StripSiteName(std::move(candidate), site);
      break;
    }
  }

  out.language = facts.language;
  if (out.language.empty()) out.language = MetaValue(facts, "og:locale");
  if (out.language.empty()) out.language = MetaValue(facts, "content-language");

  // Publication date: the first candidate, in order of reliability, that is a valid date.
  std::vector<std::string> candidates = {MetaValue(facts, "article:published_time")};
  for (const char* name : {"og:published_time", "pubdate", "publishdate", "publish-date",
                           "publish_date", "publication_date", "date", "dc.date.issued", "dc.date",
                           "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date"}) {
    candidates.push_back(MetaValue(facts, name));
  }
  candidates.push_back(facts.itemprop_published);
  candidates.push_back(time_in_root);
  if (!facts.times.empty()) candidates.push_back(facts.times.front().second);
  candidates.push_back(json_ld.published);
  candidates.push_back(json_ld.created);
  for (const std::string& c : candidates) {
    if (c.empty()) continue;
    std::string date = NormalizeIsoDate(c);
    if (!date.empty()) {
      out.published = std::move(date);
      break;
    }
    if (std::find(details.invalid_dates.begin(), details.invalid_dates.end(), c) ==
        details.invalid_dates.end()) {
      details.invalid_dates.push_back(c);
    }
  }
  if (out.published.empty()) out.published = DateFromUrl(out.url);
  return details;
}

HtmlExtract ExtractHtml(std::string_view html) { return ExtractHtmlDetails(html).extract; }

std::vector<Dropped> DroppedInPageText(const HtmlDetails& details, std::vector<Dropped> dropped) {
  const std::string& page = details.extract.page_text;
  std::vector<Dropped> out = details.boxes;
  for (const Dropped& d : dropped) {
    for (const HtmlDetails::Segment& s : details.segments) {
      size_t start = std::max(d.start, s.text);
      size_t end = std::min(d.end, s.text + s.size);
      if (start >= end) continue;
      start = start - s.text + s.page;
      end = end - s.text + s.page;
      while (start < end && (page[start] == '\n' || page[start] == ' ')) ++start;
      while (end > start && (page[end - 1] == '\n' || page[end - 1] == ' ')) --end;
      if (start < end) out.push_back({d.reason, page.substr(start, end - start), start, end});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Dropped& a, const Dropped& b) { return a.start < b.start; });
  return out;
}

}  // namespace rasd::clean
