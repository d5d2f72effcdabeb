// Gold files for `rasd eval seg`: CoNLL-U as conll18_ud_eval.py's load_conllu reads it, and
// the derived one-sentence-per-line word/UPOS form, whose fused tokens lost their part count.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>

#include "eval/seg_internal.h"

namespace rasd::eval {

bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0; }

std::string RemoveSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0 && IsSpace(static_cast<char32_t>(c))) continue;
    out.append(s.substr(static_cast<size_t>(begin), static_cast<size_t>(i - begin)));
  }
  return out;
}

size_t FindInvalidUtf8(std::string_view s) {
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return static_cast<size_t>(begin);
  }
  return std::string_view::npos;
}

namespace {

// The lines of a file: LF-separated, a CR before the LF dropped, a UTF-8 byte-order mark at the
// start skipped, no empty last line for a file that ends with LF.
std::vector<std::string_view> SplitLines(std::string_view content) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  std::vector<std::string_view> lines;
  while (!content.empty()) {
    const size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    content.remove_prefix(nl + 1);
  }
  return lines;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const size_t at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

std::string At(std::string_view name, size_t line) {
  return std::string(name) + ":" + std::to_string(line) + ": ";
}

Status CheckUtf8(std::string_view line, std::string_view name, size_t line_no) {
  const size_t bad = FindInvalidUtf8(line);
  if (bad == std::string_view::npos) return Status::Ok();
  return Status::InvalidInput(At(name, line_no) + "not valid UTF-8 (byte " +
                              std::to_string(bad + 1) + " of the line)");
}

bool ParseId(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && out > 0;
}

// ---- CoNLL-U -----------------------------------------------------------------------------

// `# key = value` or `# key value` or `# key`: true when the comment's key is `key`; `value`
// is what follows the key, an optional `=` and spaces.
bool CommentKey(std::string_view comment, std::string_view key, std::string_view& value) {
  std::string_view s = Trim(comment.substr(1));
  if (!s.starts_with(key)) return false;
  s.remove_prefix(key.size());
  if (!s.empty() && s.front() != ' ' && s.front() != '\t' && s.front() != '=') return false;
  s = Trim(s);
  if (s.starts_with('=')) s = Trim(s.substr(1));
  value = s;
  return true;
}

bool HasSpaceAfterNo(std::string_view misc) {
  for (std::string_view item : Split(misc, '|')) {
    if (item == "SpaceAfter=No") return true;
  }
  return false;
}

}  // namespace

Result<GoldFile> ReadConllu(std::string_view content, std::string_view name) {
  GoldFile file;
  file.format = "conllu";
  const std::vector<std::string_view> lines = SplitLines(content);
  GoldSentence cur;
  bool in_sentence = false;
  int64_t words = 0;  // syntactic words of the sentence so far
  auto finish = [&] {
    if (!cur.tokens.empty()) file.sentences.push_back(std::move(cur));
    cur = GoldSentence();
    in_sentence = false;
    words = 0;
  };
  // Columns of the line at index i, checked: 10 of them and a non-empty FORM (spaces removed,
  // as the scorer does, so gold and system characters agree).
  auto columns = [&](size_t i, std::vector<std::string_view>& cols, std::string& form) -> Status {
    cols = Split(lines[i], '\t');
    if (cols.size() != 10) {
      return Status::InvalidInput(At(name, i + 1) + "expected 10 tab-separated columns, found " +
                                  std::to_string(cols.size()));
    }
    form = RemoveSpaces(cols[1]);
    if (form.empty() && cols[0].find('.') == std::string_view::npos) {
      return Status::InvalidInput(At(name, i + 1) + "empty FORM");
    }
    return Status::Ok();
  };

  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    RETURN_IF_ERROR(CheckUtf8(line, name, i + 1));
    if (!in_sentence && line.starts_with('#')) {
      std::string_view value;
      if (CommentKey(line, "newdoc", value)) cur.new_document = true;
      if (CommentKey(line, "newpar", value)) cur.new_paragraph = true;
      if (CommentKey(line, "text", value)) cur.text = std::string(value);
      continue;
    }
    if (IsBlank(line)) {
      if (in_sentence) finish();
      continue;
    }
    if (!in_sentence) {
      in_sentence = true;
      cur.line = static_cast<int64_t>(i) + 1;
    }
    std::vector<std::string_view> cols;
    std::string form;
    RETURN_IF_ERROR(columns(i, cols, form));
    const std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // an empty node: not in the text

    GoldToken token;
    token.form = form;
    token.space_after = !HasSpaceAfterNo(cols[9]);
    const size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      int64_t first = 0;
      int64_t last = 0;
      if (!ParseId(id.substr(0, dash), first) || !ParseId(id.substr(dash + 1), last) ||
          last < first) {
        return Status::InvalidInput(At(name, i + 1) + "cannot parse multiword token ID '" +
                                    std::string(id) + "'");
      }
      if (first != words + 1) {
        return Status::InvalidInput(At(name, i + 1) + "multiword token ID '" + std::string(id) +
                                    "' out of order (expected it to start at " +
                                    std::to_string(words + 1) + ")");
      }
      token.multiword = true;
      const size_t range_line = i;
      for (int64_t k = first; k <= last; ++k) {
        ++i;
        if (i >= lines.size() || IsBlank(lines[i]) || lines[i].starts_with('#')) {
          return Status::InvalidInput(At(name, range_line + 1) + "multiword token " +
                                      std::string(id) + " '" + form +
                                      "' is missing its words (expected lines for IDs " +
                                      std::to_string(first) + " to " + std::to_string(last) + ")");
        }
        RETURN_IF_ERROR(CheckUtf8(lines[i], name, i + 1));
        std::vector<std::string_view> wcols;
        std::string wform;
        RETURN_IF_ERROR(columns(i, wcols, wform));
        int64_t wid = 0;
        if (!ParseId(wcols[0], wid) || wid != k) {
          return Status::InvalidInput(At(name, i + 1) + "word ID '" + std::string(wcols[0]) +
                                      "' inside multiword token " + std::string(id) +
                                      " (expected " + std::to_string(k) + ")");
        }
        token.words.push_back(std::move(wform));
      }
      words = last;
      ++file.fused_tokens;
    } else {
      int64_t wid = 0;
      if (!ParseId(id, wid)) {
        return Status::InvalidInput(At(name, i + 1) + "cannot parse word ID '" + std::string(id) +
                                    "'");
      }
      if (wid != words + 1) {
        return Status::InvalidInput(At(name, i + 1) + "word ID '" + std::string(id) +
                                    "' out of order (expected " + std::to_string(words + 1) + ")");
      }
      words = wid;
      token.words.push_back(form);
    }
    cur.tokens.push_back(std::move(token));
  }
  // The scorer wants a blank line after the last sentence; its absence loses nothing.
  if (in_sentence) finish();
  if (file.sentences.empty()) {
    return Status::InvalidInput(std::string(name) + ": no sentences in this CoNLL-U file");
  }
  return file;
}

// ---- word/UPOS ---------------------------------------------------------------------------

Result<GoldFile> ReadWordUpos(std::string_view content, std::string_view name) {
  GoldFile file;
  file.format = "word-upos";
  const std::vector<std::string_view> lines = SplitLines(content);
  auto items = [](std::string_view s) {
    std::vector<std::string> out;
    for (std::string_view w : Split(s, ' ')) {
      if (!w.empty()) out.emplace_back(w);
    }
    return out;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    RETURN_IF_ERROR(CheckUtf8(line, name, i + 1));
    if (IsBlank(line)) continue;
    const std::vector<std::string_view> fields = Split(line, '\t');
    if (fields.size() != 2) {
      return Status::InvalidInput(At(name, i + 1) + "expected words, a TAB and their tags; found " +
                                  std::to_string(fields.size()) + " tab-separated fields");
    }
    const std::vector<std::string> all_words = items(fields[0]);
    const std::vector<std::string> all_tags = items(fields[1]);
    if (all_words.size() != all_tags.size()) {
      return Status::InvalidInput(At(name, i + 1) + std::to_string(all_words.size()) +
                                  " words but " + std::to_string(all_tags.size()) + " tags");
    }
    // A word `_` tagged `_` is an empty node (an elided predicate in PADT): not in the text,
    // and skipped by the scorer.
    std::vector<std::string> words;
    std::vector<bool> fused;
    for (size_t k = 0; k < all_words.size(); ++k) {
      if (all_words[k] == "_" && all_tags[k] == "_") continue;
      words.push_back(all_words[k]);
      fused.push_back(all_tags[k] == "_");
    }
    GoldSentence sentence;
    sentence.line = static_cast<int64_t>(i) + 1;
    for (size_t k = 0; k < words.size();) {
      GoldToken token;
      token.form = words[k];
      if (!fused[k]) {
        token.words.push_back(words[k]);
        sentence.tokens.push_back(std::move(token));
        ++k;
        continue;
      }
      // The parts are among the words up to the next fused token.
      size_t next = k + 1;
      while (next < words.size() && !fused[next]) ++next;
      const FusedSplit split =
          ResolveFused(words[k], std::span<const std::string>(words).subspan(k + 1, next - k - 1));
      ++file.fused_tokens;
      if (!split.spelled) ++file.fused_unresolved;
      if (split.parts == 0) {
        token.words.push_back(words[k]);  // no parts at all: scored as a plain word
      } else {
        token.multiword = true;
        token.words.assign(words.begin() + static_cast<std::ptrdiff_t>(k + 1),
                           words.begin() + static_cast<std::ptrdiff_t>(k + 1 + split.parts));
      }
      sentence.tokens.push_back(std::move(token));
      k += 1 + split.parts;
    }
    // Kept even when empty, so predictions keep one line per gold line.
    file.sentences.push_back(std::move(sentence));
  }
  if (file.sentences.empty()) {
    return Status::InvalidInput(std::string(name) + ": no sentences in this word/UPOS file");
  }
  return file;
}

Result<std::string> DetectFormat(std::string_view content, std::string_view name) {
  const std::vector<std::string_view> lines = SplitLines(content);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (IsBlank(line)) continue;
    if (line.starts_with('#')) return std::string("conllu");
    const auto tabs = std::count(line.begin(), line.end(), '\t');
    if (tabs == 9) return std::string("conllu");
    if (tabs == 1) return std::string("word-upos");
    return Status::InvalidInput(
        At(name, i + 1) + "cannot tell the format: expected CoNLL-U (10 tab-separated columns " +
        "or # comments) or word/UPOS (words<TAB>tags); found " + std::to_string(tabs + 1) +
        " tab-separated fields (use --format)");
  }
  return Status::InvalidInput(std::string(name) + ": empty file");
}

Result<GoldFile> ReadGold(std::string_view content, std::string_view name,
                          std::string_view format) {
  std::string f(format);
  if (f.empty()) {
    ASSIGN_OR_RETURN(f, DetectFormat(content, name));
  }
  if (f == "conllu") return ReadConllu(content, name);
  if (f == "word-upos") return ReadWordUpos(content, name);
  return Status::InvalidArgument("unknown gold format '" + f + "' (conllu or word-upos)");
}

// ---- Fused tokens of word/UPOS -----------------------------------------------------------
//
// PADT writes the parts of a fused token in its own normalised spelling, not as substrings of
// the surface: للحكومة = ل + الحكومة, حكومته = حكومة + ه, عليه = على + ه, انه = أن + ه. The rules
// below say how parts are written together; each was added for fused tokens of PADT dev/train
// that the simpler version could not count (the comment names them).

namespace {

constexpr char32_t kHamza = U'\u0621';            // ء
constexpr char32_t kAlefMadda = U'\u0622';        // آ
constexpr char32_t kAlefHamzaAbove = U'\u0623';   // أ
constexpr char32_t kWawHamza = U'\u0624';         // ؤ
constexpr char32_t kAlefHamzaBelow = U'\u0625';   // إ
constexpr char32_t kYehHamza = U'\u0626';         // ئ
constexpr char32_t kAlef = U'\u0627';             // ا
constexpr char32_t kTehMarbuta = U'\u0629';       // ة
constexpr char32_t kTeh = U'\u062A';              // ت
constexpr char32_t kLam = U'\u0644';              // ل
constexpr char32_t kMeem = U'\u0645';             // م
constexpr char32_t kNoon = U'\u0646';             // ن
constexpr char32_t kHeh = U'\u0647';              // ه
constexpr char32_t kWaw = U'\u0648';              // و
constexpr char32_t kAlefMaksura = U'\u0649';      // ى
constexpr char32_t kYeh = U'\u064A';              // ي
constexpr char32_t kAlefWasla = U'\u0671';        // ٱ
constexpr char32_t kTatweel = U'\u0640';          // ـ
constexpr char32_t kSuperscriptAlef = U'\u0670';  // the dagger alef of لٰكن

// Diacritics, Quranic marks, tatweel and zero-width joiners: not spelled.
bool IsMark(char32_t c) {
  return (c >= U'\u0610' && c <= U'\u061A') || (c >= U'\u064B' && c <= U'\u065F') ||
         c == kSuperscriptAlef || (c >= U'\u06D6' && c <= U'\u06ED') || c == kTatweel ||
         c == U'\u200C' || c == U'\u200D';
}

// The letters of `s` (valid UTF-8) without marks.
std::u32string Letters(std::string_view s) {
  std::u32string out;
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    if (!IsMark(static_cast<char32_t>(c))) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

// What spelling varies on, folded: alef forms, ta marbuta/ha, alef maqsura/ya, hamza seats.
// A ya before hamza goes (مبادئ and مبادىء, both written in PADT).
std::u32string Skeleton(const std::u32string& letters) {
  std::u32string out;
  out.reserve(letters.size());
  for (char32_t c : letters) {
    switch (c) {
      case kAlefHamzaAbove:
      case kAlefHamzaBelow:
      case kAlefMadda:
      case kAlefWasla:
        c = kAlef;
        break;
      case kTehMarbuta:
        c = kHeh;
        break;
      case kAlefMaksura:
        c = kYeh;
        break;
      case kWawHamza:
      case kYehHamza:
        c = kHamza;
        break;
      default:
        break;
    }
    if (c == kHamza && !out.empty() && out.back() == kYeh) out.pop_back();
    out.push_back(c);
  }
  return out;
}

bool IsPronoun(const std::u32string& p) {
  static const char32_t* const kPronouns[] = {
      U"\u0647",
      U"\u0647\u0627",
      U"\u0647\u0645\u0627",  // ه ها هما
      U"\u0647\u0645",
      U"\u0647\u0646",
      U"\u0643",  // هم هن ك
      U"\u0643\u0645\u0627",
      U"\u0643\u0645",
      U"\u0643\u0646",  // كما كم كن
      U"\u064A",
      U"\u0646\u064A",
      U"\u0646\u0627",  // ي ني نا
  };
  for (const char32_t* q : kPronouns) {
    if (p == q) return true;
  }
  return false;
}

// The ways `parts` (letters only) can be written as one word.
std::vector<std::u32string> Spellings(const std::vector<std::u32string>& parts) {
  static constexpr size_t kMaxSpellings = 64;
  const std::u32string kLamOnly(1, kLam);
  const std::u32string kArticle = {kAlef, kLam};
  const std::u32string kWawAlef = {kWaw, kAlef};
  std::vector<std::u32string> outs = {U""};
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::u32string& p = parts[i];
    std::vector<std::u32string> variants = {p};
    if (i + 1 < parts.size() && !p.empty()) {
      const std::u32string head = p.substr(0, p.size() - 1);
      if (p.back() == kTehMarbuta) {
        variants = {head + kTeh};  // حياة + ه = حياته
      } else if (p.back() == kAlefMaksura) {
        variants = {head + kAlef, head + kYeh};  // مستوى + ها = مستواها, على + ه = عليه
      } else if (p.ends_with(kWawAlef) && IsPronoun(parts[i + 1])) {
        variants = {head, p};  // قتلوا + ه = قتلوه
      }
    }
    std::vector<std::u32string> next;
    for (const std::u32string& o : outs) {
      for (const std::u32string& v : variants) {
        if (i > 0 && parts[i - 1] == kLamOnly && v.starts_with(kArticle)) {
          next.push_back(o + v.substr(1));  // ل + الحكومة = للحكومة
          next.push_back(o + v);            // ل + التقاط = لالتقاط (not the article)
          if (v.size() > 2 && v[2] == kLam) next.push_back(o + v.substr(2));  // ل + اللاجئين
        } else if (!o.empty() && o.back() == kNoon && !v.empty() &&
                   (v[0] == kNoon || v[0] == kMeem || v[0] == kLam)) {
          // إن + ني = إني, لكن + ني = لكني, من + ما = مما, عن + ما = عما, أن + لا = ألا
          next.push_back(o.substr(0, o.size() - 1) + v);
          next.push_back(o + v);
        } else if (!o.empty() && (o.back() == kYeh || o.back() == kAlefMaksura) &&
                   v == std::u32string(1, kYeh)) {
          next.push_back(o.substr(0, o.size() - 1) + kYeh);  // لدى + ي = لدي, في + ي = في
          next.push_back(o + v);
        } else {
          next.push_back(o + v);
        }
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    if (next.size() > kMaxSpellings) next.resize(kMaxSpellings);
    outs = std::move(next);
  }
  return outs;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1);
  std::vector<size_t> cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

FusedSplit ResolveFused(std::string_view surface, std::span<const std::string> following) {
  if (following.empty()) return {};
  const std::u32string target = Skeleton(Letters(surface));
  const size_t most = std::min(following.size(), kMaxFusedParts);
  std::vector<std::u32string> parts;
  // Smallest distance between the surface and a spelling of the first `count` parts; 0 is a
  // match. A part with no letters (ـ used as a dash) is never a part.
  auto distance = [&](size_t count) -> size_t {
    parts.clear();
    for (size_t k = 0; k < count; ++k) {
      parts.push_back(Letters(following[k]));
      if (Skeleton(parts.back()).empty()) return SIZE_MAX;
    }
    size_t best = SIZE_MAX;
    for (const std::u32string& s : Spellings(parts)) {
      best = std::min(best, EditDistance(target, Skeleton(s)));
      if (best == 0) break;
    }
    return best;
  };
  // A fused token has two parts or more; one part that spells it is a token written as fused
  // with a single word.
  std::vector<size_t> dist(most + 1, SIZE_MAX);
  for (size_t count = 2; count <= most; ++count) {
    dist[count] = distance(count);
    if (dist[count] == 0) return {count, true};
  }
  dist[1] = distance(1);
  if (dist[1] == 0) return {1, true};
  // None spells it: the closest count, a tie going to more parts (the longest assignment
  // still consistent with the surface); two parts when no count has letters to compare.
  FusedSplit closest{most >= 2 ? size_t{2} : size_t{1}, false};
  for (size_t count = closest.parts; count <= most; ++count) {
    if (dist[count] != SIZE_MAX && dist[count] <= dist[closest.parts]) closest.parts = count;
  }
  return closest;
}

}  // namespace rasd::eval
