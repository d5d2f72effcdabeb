// ExtractHtml: the article text and metadata of a page, with gumbo.
//
// Two walks over gumbo's tree, both iterative (an explicit stack, so depth costs heap, not call
// stack): the first gathers metadata and measures how much text each candidate article root
// holds; the second turns the chosen root into text. gumbo's own recursive tree destructor is
// never called: every allocation goes through GumboArena, which frees them in a loop.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

// gumbo's allocator hooks. Every block is linked into a list so the whole tree is freed by a
// loop, not by gumbo_destroy_output, which recurses once per level of nesting.
class GumboArena {
 public:
  GumboArena() { head_.prev = head_.next = &head_; }
  ~GumboArena() {
    for (Header* h = head_.next; h != &head_;) {
      Header* next = h->next;
      std::free(h);
      h = next;
    }
  }
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;

  static void* Allocate(void* userdata, size_t size) {
    auto* arena = static_cast<GumboArena*>(userdata);
    // malloc, not new: gumbo is C and expects malloc's contract (nullptr on failure).
    auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + size));
    if (!h) return nullptr;
    h->prev = &arena->head_;
    h->next = arena->head_.next;
    arena->head_.next->prev = h;
    arena->head_.next = h;
    return h + 1;
  }

  static void Deallocate(void* /*userdata*/, void* ptr) {
    if (!ptr) return;
    Header* h = static_cast<Header*>(ptr) - 1;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    std::free(h);
  }

 private:
  // Keeps the block after it aligned as malloc's own blocks are.
  struct alignas(std::max_align_t) Header {
    Header* prev;
    Header* next;
  };
  Header head_;
};

// A parsed page. The tree lives as long as this object.
class ParsedPage {
 public:
  explicit ParsedPage(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboArena::Allocate;
    options.deallocator = &GumboArena::Deallocate;
    options.userdata = &arena_;
    // Every parse error copies the stack of open elements: on a page nested 10,000 deep that
    // is gigabytes. rasd never reads the errors.
    options.max_errors = 0;
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  }
  ParsedPage(const ParsedPage&) = delete;
  ParsedPage& operator=(const ParsedPage&) = delete;

  const GumboNode* document() const { return output_->document; }
  const GumboNode* root() const { return output_->root; }

 private:
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

bool HasAttr(const GumboNode* node, const char* name) {
  return IsElement(node) && gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
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

// Hidden by the page itself: never shown, so never article text.
bool IsHidden(const GumboNode* node) {
  return HasAttr(node, "hidden") || Lower(Attr(node, "aria-hidden")) == "true";
}

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

// Builds text from text nodes and break requests: whitespace runs (ASCII and no-break space,
// which pages use as padding) become one space, breaks are emitted only between text, so no
// line starts or ends with a space and there are no leading or trailing blank lines.
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

struct Candidate {
  const GumboNode* node = nullptr;
  int tier = 0;      // lower is preferred
  size_t start = 0;  // text bytes before the element, in document order
  size_t end = 0;    // ... and after it
  size_t length() const { return end - start; }
};

// Candidate article roots in order of preference. The text of a page is the text of the
// first tier whose largest candidate holds at least 1/kMinShare of the body's text: an
// <article> that is a 200-byte teaser card, or a "content" class on a widget, loses to the body.
enum Tier : int { kItempropBody = 0, kArticleBodyClass = 1, kArticleTag = 2, kContentClass = 3 };
constexpr int kTiers = 4;
constexpr size_t kMinShare = 5;
// Bounds on what the first walk keeps, so a page of 100,000 <time> elements costs no more
// than a normal one.
constexpr size_t kMaxCandidates = 256;
constexpr size_t kMaxTimes = 64;
constexpr size_t kMaxJsonLd = 16;
constexpr int kMaxJsonLdDepth = 32;

// What the first walk learns about a page.
struct PageFacts {
  std::string language;
  std::unordered_map<std::string, std::string> meta;  // lowercased property/name -> content
  std::string title_element;
  std::string first_h1;  // outside page-level header, nav, footer and aside
  std::string canonical;
  std::string itemprop_published;
  std::vector<std::pair<const GumboNode*, std::string>> times;  // <time datetime>, in order
  std::vector<std::string> json_ld;
  std::vector<Candidate> candidates;
  // <form> elements with their text. ASP.NET WebForms pages wrap the whole page in one form,
  // so a form holding most of the page's text is kept; other forms (search, comments,
  // newsletter) are dropped.
  std::vector<Candidate> forms;
  Candidate body;
  size_t total_text = 0;
};

// Context bits inherited by descendants in the first walk.
enum Context : uint8_t {
  kNoText = 1,       // inside an element whose text is not article text
  kBoilerplate = 2,  // inside nav, footer, aside or a page-level header
  kInArticle = 4,    // inside article or main: a header here is the article's header
};

PageFacts GatherFacts(const GumboNode* document) {
  PageFacts facts;
  std::vector<uint8_t> context = {0};
  std::vector<size_t> open_candidates;  // indices into facts.candidates, innermost last
  std::vector<size_t> open_forms;       // indices into facts.forms, innermost last
  size_t text = 0;
  bool body_seen = false;

  auto add_candidate = [&](const GumboNode* node, int tier) {
    if (facts.candidates.size() >= kMaxCandidates) return;
    open_candidates.push_back(facts.candidates.size());
    facts.candidates.push_back({node, tier, text, text});
  };

  auto enter = [&](const GumboNode* node) {
    uint8_t ctx = context.back();
    if (IsText(node)) {
      if (!(ctx & kNoText) && node->type != GUMBO_NODE_WHITESPACE) {
        text += std::strlen(node->v.text.text);
      }
      return false;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
      context.push_back(ctx);
      return true;
    }
    if (!IsElement(node)) return false;
    const GumboElement& el = node->v.element;
    const GumboTag tag = el.tag;
    const bool html_ns = el.tag_namespace == GUMBO_NAMESPACE_HTML;

    if (html_ns) {
      switch (tag) {
        case GUMBO_TAG_HTML:
          facts.language = Collapse(Attr(node, "lang"));
          break;
        case GUMBO_TAG_BODY:
          if (!body_seen) {
            body_seen = true;
            facts.body = {node, 0, text, text};
          }
          break;
        case GUMBO_TAG_META: {
          std::string_view content = Attr(node, "content");
          for (const char* key_attr : {"property", "name", "itemprop"}) {
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
            facts.times.emplace_back(node, Collapse(Attr(node, "datetime")));
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
          if (facts.forms.size() < kMaxCandidates) {
            open_forms.push_back(facts.forms.size());
            facts.forms.push_back({node, 0, text, text});
          }
          break;
        default:
          break;
      }
      // itemprop="datePublished" on any element: the date is in content or datetime, or is
      // the element's text.
      if (facts.itemprop_published.empty() && HasToken(Attr(node, "itemprop"), "datepublished")) {
        std::string_view v = Attr(node, "content");
        if (v.empty()) v = Attr(node, "datetime");
        facts.itemprop_published = v.empty() ? InlineText(node) : Collapse(v);
      }
    }

    // Candidate article roots.
    if (HasToken(Attr(node, "itemprop"), "articlebody")) {
      add_candidate(node, kItempropBody);
    } else {
      std::string names = Lower(Attr(node, "class")) + " " + Lower(Attr(node, "id"));
      if (names.find("article-body") != std::string::npos ||
          names.find("article_body") != std::string::npos ||
          names.find("articlebody") != std::string::npos) {
        add_candidate(node, kArticleBodyClass);
      } else if (html_ns && tag == GUMBO_TAG_ARTICLE) {
        add_candidate(node, kArticleTag);
      } else if (names.find("content") != std::string::npos) {
        add_candidate(node, kContentClass);
      }
    }

    // Context for the children.
    if ((IsDropped(tag) && tag != GUMBO_TAG_FORM) || IsHidden(node)) ctx |= kNoText;
    if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_ASIDE ||
        (tag == GUMBO_TAG_HEADER && !(ctx & kInArticle))) {
      ctx |= kBoilerplate;
    }
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) ctx |= kInArticle;
    context.push_back(ctx);
    return true;
  };

  auto leave = [&](const GumboNode* node) {
    context.pop_back();
    if (!open_candidates.empty() && facts.candidates[open_candidates.back()].node == node) {
      facts.candidates[open_candidates.back()].end = text;
      open_candidates.pop_back();
    }
    if (facts.body.node == node) facts.body.end = text;
    if (!open_forms.empty() && facts.forms[open_forms.back()].node == node) {
      facts.forms[open_forms.back()].end = text;
      open_forms.pop_back();
    }
  };

  Walk(document, enter, leave);
  facts.total_text = text;
  return facts;
}

// The root whose text is the article: see Tier.
const GumboNode* ChooseRoot(const PageFacts& facts, const GumboNode* fallback) {
  size_t body_text = facts.body.node ? facts.body.length() : facts.total_text;
  std::array<const Candidate*, kTiers> best{};
  for (const Candidate& c : facts.candidates) {
    const Candidate*& b = best[static_cast<size_t>(c.tier)];
    if (!b || c.length() > b->length()) b = &c;
  }
  for (const Candidate* c : best) {
    if (c && c->length() > 0 && c->length() * kMinShare >= body_text) return c->node;
  }
  return facts.body.node ? facts.body.node : fallback;
}

bool IsAncestor(const GumboNode* ancestor, const GumboNode* node) {
  for (const GumboNode* n = node; n; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

std::string ExtractText(const GumboNode* root, const std::unordered_set<const GumboNode*>& kept) {
  TextBuilder b;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (IsText(node)) {
          b.Text(node->v.text.text);
          return false;
        }
        if (node->type == GUMBO_NODE_DOCUMENT) return true;
        if (!IsElement(node)) return false;
        GumboTag tag = node->v.element.tag;
        if (node != root && ((IsDropped(tag) && !kept.count(node)) || IsHidden(node))) {
          return false;
        }
        if (tag == GUMBO_TAG_BR) {
          b.LineBreak();
          return false;
        }
        b.Break(BreakAround(tag));
        return true;
      },
      [&](const GumboNode* node) {
        if (IsElement(node)) b.Break(BreakAround(node->v.element.tag));
      });
  return TidyText(b.Take());
}

// datePublished and publisher.name from the JSON-LD blocks, which may be one object, an array
// of them, or an object with an "@graph" array. Breadth first, so the top-level article's
// fields win over those of nested objects (a quoted review, an author's profile).
struct JsonLdFacts {
  std::string published;
  std::string publisher;
};

JsonLdFacts ReadJsonLd(const std::vector<std::string>& blocks) {
  using Json = nlohmann::json;
  JsonLdFacts out;
  for (const std::string& block : blocks) {
    // Exceptions off; deep nesting is skipped while parsing, so nothing deep is ever built.
    Json::parser_callback_t limit = [](int depth, Json::parse_event_t event, Json&) {
      return !((event == Json::parse_event_t::object_start ||
                event == Json::parse_event_t::array_start) &&
               depth >= kMaxJsonLdDepth);
    };
    Json doc = Json::parse(block, limit, /*allow_exceptions=*/false);
    if (doc.is_discarded()) continue;
    std::deque<const Json*> queue = {&doc};
    while (!queue.empty() && (out.published.empty() || out.publisher.empty())) {
      const Json* j = queue.front();
      queue.pop_front();
      if (j->is_array()) {
        for (const Json& item : *j) queue.push_back(&item);
        continue;
      }
      if (!j->is_object()) continue;
      if (out.published.empty()) {
        auto it = j->find("datePublished");
        if (it != j->end() && it->is_string()) out.published = Collapse(it->get<std::string>());
      }
      if (out.publisher.empty()) {
        auto it = j->find("publisher");
        if (it != j->end() && it->is_object()) {
          auto name = it->find("name");
          if (name != it->end() && name->is_string()) {
            out.publisher = Collapse(name->get<std::string>());
          }
        }
      }
      for (const Json& value : *j) {
        if (value.is_structured()) queue.push_back(&value);
      }
    }
    if (!out.published.empty() && !out.publisher.empty()) break;
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
// page names its site in og:site_name. A title that is only the site's name is kept.
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

}  // namespace

HtmlDetails ExtractHtmlDetails(std::string_view html, size_t max_depth) {
  HtmlDetails details;
  std::optional<std::string> flattened = FlattenDeepNesting(html, max_depth);
  details.flattened = flattened.has_value();
  ParsedPage page(flattened ? std::string_view(*flattened) : html);
  PageFacts facts = GatherFacts(page.document());
  HtmlExtract& out = details.extract;

  // Text.
  std::unordered_set<const GumboNode*> kept_forms;
  size_t body_text = facts.body.node ? facts.body.length() : facts.total_text;
  for (const Candidate& form : facts.forms) {
    if (form.length() > 0 && form.length() * 2 >= body_text) kept_forms.insert(form.node);
  }
  const GumboNode* root = ChooseRoot(facts, page.root());
  out.text = ExtractText(root, kept_forms);

  // Metadata.
  JsonLdFacts json_ld = ReadJsonLd(facts.json_ld);
  out.outlet = MetaValue(facts, "og:site_name");
  if (out.outlet.empty()) out.outlet = json_ld.publisher;

  out.title = MetaValue(facts, "og:title");
  if (out.title.empty()) out.title = facts.first_h1;
  if (out.title.empty()) out.title = facts.title_element;
  out.title = StripSiteName(std::move(out.title), out.outlet);

  std::string og_url = MetaValue(facts, "og:url");
  if (!facts.canonical.empty() && (IsAbsoluteUrl(facts.canonical) || og_url.empty())) {
    out.url = facts.canonical;
  } else {
    out.url = og_url;
  }

  out.language = facts.language;

  // Publication date: the first candidate, in order of reliability, that is a valid date.
  std::string time_in_root;
  for (const auto& [node, value] : facts.times) {
    if (IsAncestor(root, node)) {
      time_in_root = value;
      break;
    }
  }
  std::vector<std::string> candidates = {MetaValue(facts, "article:published_time")};
  for (const char* name : {"pubdate", "publishdate", "publish-date", "publish_date", "date",
                           "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.date"}) {
    candidates.push_back(MetaValue(facts, name));
  }
  candidates.push_back(facts.itemprop_published);
  candidates.push_back(time_in_root);
  if (!facts.times.empty()) candidates.push_back(facts.times.front().second);
  candidates.push_back(json_ld.published);
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

}  // namespace rasd::clean
