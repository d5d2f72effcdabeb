// Page boilerplate in article text: which lines of a scraped page are not the article.
//
// Pages are read by whole lines. Each line is first classified on its own (a marker of
// data/clean/markers.tsv, or article text); then one forward pass finds where the article
// ends, and everything from there on is dropped; lines with a marker before that point are
// dropped one by one (with the few headline lines a teaser carries), and the article goes on
// after them.
//
// Where the article ends. The seeds that broke the simple rules: a page ends with its source
// line, a tag list, "إقرأ أيضاً:" followed by a whole other story (headline and paragraphs),
// and "مقالات مشابهة" bullets; the carried story looks exactly like article text, so it is
// recognised only by standing after the end. The end is the earliest marker line (with article
// text before it) from which every following line is either a marker line or is accounted
// for by a marker above it in that stretch:
//   - a "read also" marker accounts for everything after it when the stretch began above it
//     (the story carried after the tag list), or, when the stretch begins with it, when the
//     marker stands alone on its line and the text it would take (up to the next marker line
//     or the end) is at most half the article text before it: a page whose only end marker is
//     "اقرأ أيضا:" above a short story. A teaser inside an article ("إقرأ المزيد الخارجية
//     الروسية: ...", with most of the article after it) takes nothing;
//   - a "similar articles" header accounts for the headline lines under it, a tag-list label
//     for short tag lines;
//   - a bullet line is accounted for only inside that stretch: a list in the article stays.
// Any other line (article text) ends the stretch, and the search begins again after it.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

constexpr std::string_view kMarkersFile = "clean/markers.tsv";

// Folding (see FoldForMatching).
constexpr char32_t kAlef = U'\u0627';
constexpr char32_t kAlefMadda = U'\u0622';
constexpr char32_t kAlefHamzaAbove = U'\u0623';
constexpr char32_t kAlefHamzaBelow = U'\u0625';
constexpr char32_t kAlefWasla = U'\u0671';
constexpr char32_t kWawHamza = U'\u0624';
constexpr char32_t kWaw = U'\u0648';
constexpr char32_t kYehHamza = U'\u0626';
constexpr char32_t kAlefMaksura = U'\u0649';
constexpr char32_t kYeh = U'\u064A';
constexpr char32_t kFarsiYeh = U'\u06CC';
constexpr char32_t kTehMarbuta = U'\u0629';
constexpr char32_t kHeh = U'\u0647';
constexpr char32_t kKeheh = U'\u06A9';
constexpr char32_t kKaf = U'\u0643';
constexpr char32_t kArabicBlockBegin = U'\u0600';  // the Arabic block: no white space in it
constexpr char32_t kArabicBlockEnd = U'\u06FF';
constexpr char32_t kTatweel = U'\u0640';
constexpr char32_t kSuperscriptAlef = U'\u0670';
constexpr char32_t kArabicMarksBegin = U'\u064B';  // fathatan .. U+065F: tanwin, harakat,
constexpr char32_t kArabicMarksEnd = U'\u065F';    // shadda, sukun and other combining marks
constexpr char32_t kQuranicMarksBegin = U'\u0610';
constexpr char32_t kQuranicMarksEnd = U'\u061A';
constexpr char32_t kQuranicAnnotationBegin = U'\u06D6';
constexpr char32_t kQuranicAnnotationEnd = U'\u06ED';
constexpr char32_t kArabicLetterMark = U'\u061C';
constexpr char32_t kSoftHyphen = U'\u00AD';
constexpr char32_t kByteOrderMark = U'\uFEFF';

// Line classification.
constexpr char32_t kArabicComma = U'\u060C';
constexpr char32_t kArabicSemicolon = U'\u061B';
constexpr char32_t kArabicFullStop = U'\u06D4';
// Markers stand at the start of a short line: a line is folded up to this many bytes and
// kMaxHeadlineWords words, and a longer line counts as having more words than any bound below.
constexpr size_t kFoldBytes = 512;
constexpr int kManyWords = 1000;
constexpr int kMaxHeadlineWords = 25;  // a teaser or related-article headline
constexpr int kMaxSourceWords = 8;     // "المصدر: أوراسيا بالعربي - باكو"
constexpr int kMaxCopyrightWords = 20;  // "© 2024 روسيا اليوم. جميع الحقوق محفوظة"
constexpr int kMaxShareWords = 12;  // "شارك: فيسبوك تويتر واتساب تلغرام"
constexpr int kMaxTagWords = 6;     // one tag a line under a tag-list label
// A teaser marker inside an article takes at most this many headline lines after it (Al
// Jazeera's "اقرأ أيضا" box holds four).
constexpr size_t kMaxTeaserLines = 5;
// Pages with more lines are not searched: no article has them, and a 64 MB input of empty
// lines must not cost gigabytes of line records.
constexpr size_t kMaxLines = size_t{1} << 16;

bool IsFoldedAway(char32_t c) {
  return (c >= kArabicMarksBegin && c <= kArabicMarksEnd) ||
         (c >= kQuranicMarksBegin && c <= kQuranicMarksEnd) ||
         (c >= kQuranicAnnotationBegin && c <= kQuranicAnnotationEnd) || c == kSuperscriptAlef ||
         c == kTatweel || c == kArabicLetterMark || c == kSoftHyphen || c == kByteOrderMark ||
         (c >= U'\u200B' && c <= U'\u200F') ||  // zero-width space, non-joiner, joiner, LRM, RLM
         (c >= U'\u202A' && c <= U'\u202E') ||  // bidi embeddings and overrides
         (c >= U'\u2066' && c <= U'\u2069');    // bidi isolates
}

char32_t FoldChar(char32_t c) {
  switch (c) {
    case kAlefMadda:
    case kAlefHamzaAbove:
    case kAlefHamzaBelow:
    case kAlefWasla:
      return kAlef;
    case kWawHamza:
      return kWaw;
    case kYehHamza:
    case kAlefMaksura:
    case kFarsiYeh:
      return kYeh;
    case kTehMarbuta:
      return kHeh;
    case kKeheh:
      return kKaf;
    default:
      return (c >= U'A' && c <= U'Z') ? c - U'A' + U'a' : c;
  }
}

// The next code point of `s` at `i` (advanced); U+FFFD for an invalid sequence.
char32_t NextCodePoint(std::string_view s, int32_t& i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool IsWordChar(char32_t c) { return u_isalnum(static_cast<UChar32>(c)); }

// The Arabic block (U+0600..U+06FF, two UTF-8 bytes each) folded once: each character's folded
// form, itself in the block, or 0 when it is folded away, and whether that form is a word
// character. Most of a page's text is in it.
class ArabicBlockFolds {
 public:
  ArabicBlockFolds() {
    for (char32_t c = kArabicBlockBegin; c <= kArabicBlockEnd; ++c) {
      const char32_t f = IsFoldedAway(c) ? 0 : FoldChar(c);
      folded_[c - kArabicBlockBegin] =
          static_cast<uint16_t>(f == 0 ? 0 : f | (IsWordChar(f) ? kWordBit : 0));
    }
  }
  // The folded form of the block's character whose UTF-8 bytes are b0 b1, or 0, with kWordBit
  // set when it is a word character.
  uint32_t Of(unsigned char b0, unsigned char b1) const {
    return folded_[((b0 & 0x1Fu) << 6 | (b1 & 0x3Fu)) - kArabicBlockBegin];
  }
  static constexpr uint32_t kWordBit = 0x8000;  // above every character of the block

 private:
  std::array<uint16_t, kArabicBlockEnd - kArabicBlockBegin + 1> folded_{};
};

const ArabicBlockFolds& BlockFolds() {
  static const ArabicBlockFolds folds;
  return folds;
}

// A line folded for matching, with where each byte of the key came from. The buffers only
// grow: one FoldedLine serves every line of a thread.
struct FoldedLine {
  std::string_view key() const { return {buffer.data(), size}; }
  std::string buffer;          // the key, then room
  // from[i]: offset in the line of the character an ASCII byte key()[i] came from. Only ASCII
  // bytes are looked up (the colon of a source line), so the other bytes are left unwritten.
  std::vector<uint32_t> from;
  size_t size = 0;             // bytes of the key
  int words = 0;               // words in the key
  bool truncated = false;      // the line goes on after the key: more bytes or words than asked
};

// Folds `s` into `f`, up to max_bytes of the line and max_words words: a line classified
// needs no more than its first words (a longer one is prose) and every marker is shorter.
void Fold(std::string_view s, size_t max_bytes, int max_words, FoldedLine& f) {
  f.size = 0;
  f.words = 0;
  f.truncated = false;
  max_bytes = std::min<size_t>(max_bytes, INT32_MAX);
  if (s.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // char start
    s = s.substr(0, cut);
    f.truncated = true;
  }
  // The key is never longer than the bytes read so far (a space stands for white space of a
  // byte or more), but for an invalid byte, which gives the three of U+FFFD: room for the line
  // and a character, grown when an invalid byte would need more.
  auto ensure_room = [&](size_t room) {
    if (f.buffer.size() < room) f.buffer.resize(std::max(room, 2 * f.buffer.size()));
    if (f.from.size() < room) f.from.resize(f.buffer.size());
  };
  ensure_room(s.size() + 4);
  char* key = f.buffer.data();
  uint32_t* from = f.from.data();
  size_t n = 0;
  const ArabicBlockFolds& block = BlockFolds();
  bool space = false;
  bool in_word = false;
  // Whether a character that is (or is not) a word character may be added: false when it would
  // begin a word past max_words.
  auto admit = [&](bool word) {
    if (word && !in_word) {
      if (f.words == max_words) return false;
      ++f.words;
    }
    in_word = word;
    return true;
  };
  auto put_space = [&](uint32_t at) {
    if (!space) return;
    key[n] = ' ';
    from[n++] = at;
    space = false;
  };
  int32_t i = 0;
  while (static_cast<size_t>(i) < s.size()) {
    const uint32_t at = static_cast<uint32_t>(i);
    // The Arabic block (lead bytes D8..DB and a continuation byte): one table read.
    if (const auto b = static_cast<unsigned char>(s[i]);
        b >= 0xD8 && b <= 0xDB && static_cast<size_t>(i) + 1 < s.size() &&
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      const uint32_t folded = block.Of(b, static_cast<unsigned char>(s[i + 1]));
      i += 2;
      if (folded == 0) continue;
      if (space) in_word = false;
      if (!admit((folded & ArabicBlockFolds::kWordBit) != 0)) {
        f.truncated = true;
        break;
      }
      put_space(at);
      const char32_t c = folded & ~ArabicBlockFolds::kWordBit;
      key[n] = static_cast<char>(0xC0 | (c >> 6));
      key[n + 1] = static_cast<char>(0x80 | (c & 0x3F));
      n += 2;
      if ((folded & ArabicBlockFolds::kWordBit) == 0) continue;
      // The rest of the word: a letter of the block inside a word begins no word and follows
      // no space, and a character folded away changes nothing, so neither needs the checks
      // above. Anything else goes back to the loop.
      while (static_cast<size_t>(i) + 1 < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) break;
        const uint32_t next = block.Of(b0, b1);
        if (next != 0 && (next & ArabicBlockFolds::kWordBit) == 0) break;
        i += 2;
        if (next == 0) continue;
        const char32_t letter = next & ~ArabicBlockFolds::kWordBit;
        key[n] = static_cast<char>(0xC0 | (letter >> 6));
        key[n + 1] = static_cast<char>(0x80 | (letter & 0x3F));
        n += 2;
      }
      continue;
    }
    // ASCII, most of a page's markup-free lines but for the letters: no decoding, no ICU.
    if (const auto b = static_cast<unsigned char>(s[i]); b < 0x80) {
      ++i;
      if (b == ' ' || (b >= '\t' && b <= '\r')) {
        space = n != 0;
        continue;
      }
      const char lower = static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      if (space) in_word = false;
      if (!admit((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))) {
        f.truncated = true;
        break;
      }
      put_space(at);
      key[n] = lower;
      from[n++] = at;
      continue;
    }
    char32_t c = NextCodePoint(s, i);
    if (IsFoldedAway(c)) continue;
    // No character of the Arabic block is white space; ICU decides for the rest.
    if ((c < kArabicBlockBegin || c > kArabicBlockEnd) &&
        u_isUWhiteSpace(static_cast<UChar32>(c))) {
      space = n != 0;
      continue;
    }
    c = FoldChar(c);
    if (space) in_word = false;
    if (!admit(IsWordChar(c))) {
      f.truncated = true;
      break;
    }
    if (n + 4 + (s.size() - static_cast<size_t>(i)) > f.buffer.size()) {
      ensure_room(n + 4 + (s.size() - static_cast<size_t>(i)));
      key = f.buffer.data();
      from = f.from.data();
    }
    put_space(at);
    int32_t len = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(key + n), len, static_cast<UChar32>(c));
    n += static_cast<size_t>(len);
  }
  f.size = n;
}

// Byte offset in `key` of the first word character at or after `pos`; npos when none.
size_t NextWordChar(std::string_view key, size_t pos) {
  int32_t i = static_cast<int32_t>(pos);
  while (static_cast<size_t>(i) < key.size()) {
    int32_t at = i;
    if (IsWordChar(NextCodePoint(key, i))) return static_cast<size_t>(at);
  }
  return std::string_view::npos;
}

bool WordCharAt(std::string_view key, size_t pos) {
  if (pos >= key.size()) return false;
  int32_t i = static_cast<int32_t>(pos);
  return IsWordChar(NextCodePoint(key, i));
}

int CountWords(std::string_view key) {
  int words = 0;
  bool in_word = false;
  int32_t i = 0;
  while (static_cast<size_t>(i) < key.size()) {
    bool word = IsWordChar(NextCodePoint(key, i));
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

// Trims ASCII whitespace and no-break spaces from both ends.
std::string_view Trim(std::string_view s) {
  s = TrimLineEnd(s);
  while (!s.empty()) {
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\f' || s[0] == '\v') {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  return s;
}

// True if the (trimmed) line ends as a sentence or an introduction does: a full stop that is
// not an ellipsis, or a colon. Headlines end otherwise ("...", "؟", or nothing).
bool EndsLikeProse(std::string_view line) {
  if (line.empty()) return false;
  if (line.back() == ':') return true;
  if (line.back() == '.') return line.size() < 2 || line[line.size() - 2] != '.';
  int32_t i = static_cast<int32_t>(line.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(line.data()), 0, i, c);
  return c == static_cast<UChar32>(kArabicFullStop);
}

struct Line {
  size_t start = 0;  // first byte of the line in the page text
  size_t end = 0;    // end of its content: trailing whitespace and the line break excluded
  bool blank = true;
  MarkerKind kind = MarkerKind::kNone;
  bool alone = false;     // read-also, tag-list, similar-articles: only the marker on the line
  bool headline = false;  // at most kMaxHeadlineWords words, not ending as prose does
  int words = 0;
  std::string value;  // source-line: the source as written; copyright: the line
  size_t size() const { return end - start; }
  bool marker() const { return kind != MarkerKind::kNone && kind != MarkerKind::kBullet; }
};

// The source named after "المصدر" at `after` in the key, or "" when the line is not a source
// line but a sentence that begins with the word ("المصدر أن ...", "المصدر: إن القوات ستنسحب،
// وإن ..."): a colon, then at most kMaxSourceWords words without a comma, semicolon,
// quotation mark or a full stop between sentences (the dots of "أ.ف.ب" and of a URL are not).
std::string SourceValue(std::string_view line, const FoldedLine& f, size_t after) {
  std::string_view key = f.key();
  if (f.truncated) return "";
  size_t colon = after;
  if (colon < key.size() && key[colon] == ' ') ++colon;
  if (colon >= key.size() || key[colon] != ':') return "";
  std::string_view value_key = key.substr(colon + 1);
  int words = CountWords(value_key);
  if (words == 0 || words > kMaxSourceWords) return "";
  if (value_key.find(". ") != std::string_view::npos) return "";
  int32_t i = 0;
  while (static_cast<size_t>(i) < value_key.size()) {
    char32_t c = NextCodePoint(value_key, i);
    if (c == U',' || c == kArabicComma || c == U';' || c == kArabicSemicolon || c == U'"' ||
        c == U'\u00AB' || c == U'\u00BB' || c == U'\u201C' || c == U'\u201D') {
      return "";
    }
  }
  std::string_view value = Trim(line.substr(f.from[colon] + 1));
  while (!value.empty() && value.back() == '.') value.remove_suffix(1);
  return std::string(Trim(value));
}

void Classify(std::string_view text, const Markers& markers, Line& line) {
  std::string_view s = text.substr(line.start, line.end - line.start);
  thread_local FoldedLine f;  // its buffers serve every line of the thread
  Fold(s, kFoldBytes, kMaxHeadlineWords, f);
  std::string_view key = f.key();
  line.words = f.truncated ? kManyWords : f.words;
  line.headline = line.words <= kMaxHeadlineWords && !EndsLikeProse(Trim(s));

  if (size_t c0 = NextWordChar(key, 0); c0 != std::string_view::npos) {
    std::string_view content = key.substr(c0);
    for (const Markers::Phrase& p : markers.phrases) {
      // The first and last bytes of the phrase turn away almost every line before the whole
      // comparison: each is a condition of starts_with, so no match is lost.
      if (p.kind == MarkerKind::kCopyright || p.key.size() > content.size() ||
          content[0] != p.key[0] || content[p.key.size() - 1] != p.key.back() ||
          !content.starts_with(p.key)) {
        continue;
      }
      const size_t after = c0 + p.key.size();
      const bool alone = NextWordChar(key, after) == std::string_view::npos;
      // Pages glue "read also" and "similar articles" labels to the headlines after them
      // ("اقرأ أيضاًمصادر أمريكية", "مقالات أخرى للكاتبمدمن الأوراق"); every other marker ends
      // at a word boundary: "مصدرين" is another word.
      const bool glue = p.kind == MarkerKind::kReadAlso || p.kind == MarkerKind::kSimilarArticles;
      if (!glue && WordCharAt(key, after)) continue;
      switch (p.kind) {
        case MarkerKind::kReadAlso:
          // A teaser is a headline; a paragraph of prose that happens to begin with the
          // words ("شاهد أيضاً مراسلنا ... .") is article text.
          if (!alone && !line.headline) continue;
          line.alone = alone;
          break;
        case MarkerKind::kSimilarArticles:
          // Headlines run together on the label's line: no word limit, but no prose ending.
          if (!alone && EndsLikeProse(Trim(s))) continue;
          line.alone = alone;
          break;
        case MarkerKind::kTagList:
          line.alone = alone;
          break;
        case MarkerKind::kSourceLine:
          line.value = SourceValue(s, f, after);
          if (line.value.empty()) continue;
          break;
        default:  // the whole line
          if (!alone) continue;
          break;
      }
      line.kind = p.kind;
      return;
    }
  }

  if (line.words > 0 && line.words <= kMaxShareWords) {
    bool all_share = true;
    size_t pos = 0;
    while (all_share && (pos = NextWordChar(key, pos)) != std::string_view::npos) {
      int32_t i = static_cast<int32_t>(pos);
      int32_t end = i;
      while (static_cast<size_t>(i) < key.size() && IsWordChar(NextCodePoint(key, i))) end = i;
      all_share = markers.share_words.count(std::string(key.substr(pos, end - pos))) > 0;
      pos = static_cast<size_t>(end);
    }
    if (all_share) {
      line.kind = MarkerKind::kShare;
      return;
    }
  }

  if (line.words <= kMaxCopyrightWords) {
    for (const Markers::Phrase& p : markers.phrases) {
      if (p.kind == MarkerKind::kCopyright && key.find(p.key) != std::string_view::npos) {
        line.kind = MarkerKind::kCopyright;
        line.value = std::string(Trim(s));
        return;
      }
    }
  }

  std::string_view lead = Trim(s);
  int32_t i = 0;
  if (!lead.empty() && markers.bullets.find(NextCodePoint(lead, i)) != std::u32string::npos) {
    line.kind = MarkerKind::kBullet;
  }
}

// The classified lines of `text`; nullopt when there are more than kMaxLines.
std::optional<std::vector<Line>> SplitLines(std::string_view text, const Markers& markers) {
  std::vector<Line> lines;
  LineBreaks text_breaks(text);
  size_t pos = 0;
  while (pos < text.size()) {
    if (lines.size() == kMaxLines) return std::nullopt;
    size_t brk = text_breaks.Next(pos);
    if (brk == std::string_view::npos) brk = text.size();
    Line line;
    line.start = pos;
    line.end = pos + TrimLineEnd(text.substr(pos, brk - pos)).size();
    line.blank = Trim(text.substr(line.start, line.end - line.start)).empty();
    if (!line.blank) Classify(text, markers, line);
    lines.push_back(std::move(line));
    pos = brk;
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
  }
  return lines;
}

// Where the end of the page begins (see the file comment); lines.size() when the article runs
// to the end. `before[i]`: article bytes above line i; `taken[i]`: article bytes between marker
// line i and the next marker line.
size_t FindEnd(const std::vector<Line>& lines, const std::vector<size_t>& before,
               const std::vector<size_t>& taken) {
  constexpr size_t kNone = SIZE_MAX;
  size_t end = kNone;
  size_t owner = kNone;  // the marker line that accounts for article-looking lines below it
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank) continue;
    if (line.kind == MarkerKind::kBullet) continue;  // in the article, or inside the end
    if (line.kind == MarkerKind::kNone) {
      if (end == kNone) continue;
      bool accounted = false;
      if (owner != kNone) {
        const Line& o = lines[owner];
        switch (o.kind) {
          case MarkerKind::kReadAlso:
            accounted = end < owner || (o.alone && 2 * taken[owner] <= before[owner]);
            break;
          case MarkerKind::kSimilarArticles:
            accounted = line.headline;
            break;
          case MarkerKind::kTagList:
            accounted = line.headline && line.words <= kMaxTagWords;
            break;
          case MarkerKind::kComments:
            // Readers' comments are prose like the article: the label ends the page only
            // when what follows is short beside the article above it.
            accounted = 2 * taken[owner] <= before[owner];
            break;
          default:
            break;
        }
      }
      if (!accounted) end = owner = kNone;
      continue;
    }
    // A marker line. Markers above the article (a tag list before the text) are not its end.
    if (end == kNone) {
      if (before[i] == 0) continue;
      end = i;
    }
    const bool owns = line.kind == MarkerKind::kReadAlso ||
                      line.kind == MarkerKind::kSimilarArticles ||
                      line.kind == MarkerKind::kTagList || line.kind == MarkerKind::kComments;
    owner = owns ? i : kNone;
  }
  return end == kNone ? lines.size() : end;
}

// The last line of the run that starts after `first` and whose lines satisfy `take`, at most
// `max` of them, before `limit`; `first` when there is none. Blank lines are passed over when
// `skip_blank`, else they end the run.
template <typename Take>
size_t Run(const std::vector<Line>& lines, size_t first, size_t limit, size_t max, bool skip_blank,
           Take take) {
  size_t last = first;
  size_t count = 0;
  for (size_t j = first + 1; j < limit && count < max; ++j) {
    if (lines[j].blank) {
      if (skip_blank) continue;
      break;
    }
    if (!take(lines[j])) break;
    last = j;
    ++count;
  }
  return last;
}

DropReason EndReason(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::kTagList:
      return DropReason::kTagList;
    case MarkerKind::kSourceLine:
      return DropReason::kSourceLine;
    case MarkerKind::kCopyright:
      return DropReason::kCopyright;
    case MarkerKind::kSimilarArticles:
    case MarkerKind::kBullet:
      return DropReason::kSimilarArticles;
    case MarkerKind::kEndOfMessage:
      return DropReason::kEndOfMessage;
    case MarkerKind::kEditPrompt:
      return DropReason::kEditPrompt;
    case MarkerKind::kShare:
      return DropReason::kShare;
    case MarkerKind::kComments:
      return DropReason::kComments;
    case MarkerKind::kReadAlso:
    case MarkerKind::kNone:
      break;
  }
  return DropReason::kReadAlso;
}

// Blocks that are one line and take no lines after them.
bool IsOneLine(DropReason reason) {
  return reason == DropReason::kSourceLine || reason == DropReason::kCopyright ||
         reason == DropReason::kEndOfMessage || reason == DropReason::kEditPrompt ||
         reason == DropReason::kShare;
}

void NoteValue(const Line& line, Boilerplate& out) {
  if (line.kind == MarkerKind::kSourceLine) out.sources.push_back(line.value);
  if (line.kind == MarkerKind::kCopyright) out.copyright = line.value;
}

std::string Escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

MarkerKind KindFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, MarkerKind> kKinds[] = {
      {"read-also", MarkerKind::kReadAlso},
      {"tag-list", MarkerKind::kTagList},
      {"source-line", MarkerKind::kSourceLine},
      {"copyright", MarkerKind::kCopyright},
      {"similar-articles", MarkerKind::kSimilarArticles},
      {"end-of-message", MarkerKind::kEndOfMessage},
      {"edit-prompt", MarkerKind::kEditPrompt},
      {"share", MarkerKind::kShare},
      {"bullet", MarkerKind::kBullet},
      {"comments", MarkerKind::kComments},
  };
  for (const auto& [n, kind] : kKinds) {
    if (n == name) return kind;
  }
  return MarkerKind::kNone;
}

}  // namespace

const char* DropReasonName(DropReason reason) {
  switch (reason) {
    case DropReason::kReadAlso:
      return "read-also";
    case DropReason::kTeaser:
      return "teaser";
    case DropReason::kTagList:
      return "tag-list";
    case DropReason::kSimilarArticles:
      return "similar-articles";
    case DropReason::kSourceLine:
      return "source-line";
    case DropReason::kCopyright:
      return "copyright";
    case DropReason::kEndOfMessage:
      return "end-of-message";
    case DropReason::kEditPrompt:
      return "edit-prompt";
    case DropReason::kShare:
      return "share";
    case DropReason::kNavigation:
      return "navigation";
    case DropReason::kComments:
      return "comments";
    case DropReason::kHeadline:
      return "headline";
    case DropReason::kRecurring:
      return "recurring";
    case DropReason::kAdvert:
      return "advert";
    case DropReason::kSubscribe:
      return "subscribe";
    case DropReason::kWidget:
      return "widget";
    case DropReason::kLinkList:
      return "link-list";
  }
  return "unknown";
}

std::string Dropped::ToString() const {
  std::ostringstream o;
  o << DropReasonName(reason) << " [" << start << "," << end << ") \"" << Escaped(text) << "\"";
  return o.str();
}

std::string FoldForMatching(std::string_view text) {
  FoldedLine f;
  Fold(text, SIZE_MAX, INT_MAX, f);
  return std::string(f.key());
}

Result<Markers> ParseMarkers(std::string_view tsv) {
  Markers markers;
  for (const TsvRow& row : ParseTsv(tsv)) {
    const std::string where = std::string(kMarkersFile) + ":" + std::to_string(row.line) + ": ";
    if (row.fields.size() < 2 || row.fields[1].empty()) {
      return Status::InvalidInput(where + "expected kind<TAB>marker");
    }
    MarkerKind kind = KindFromName(row.fields[0]);
    if (kind == MarkerKind::kNone) {
      return Status::InvalidInput(where + "unknown kind '" + row.fields[0] + "'");
    }
    std::string_view variants = row.fields[1];
    while (!variants.empty()) {
      size_t bar = variants.find('|');
      std::string_view variant = Trim(variants.substr(0, bar));
      variants = bar == std::string_view::npos ? std::string_view() : variants.substr(bar + 1);
      if (variant.empty()) continue;
      if (kind == MarkerKind::kBullet) {
        int32_t i = 0;
        while (static_cast<size_t>(i) < variant.size()) {
          markers.bullets.push_back(NextCodePoint(variant, i));
        }
        continue;
      }
      std::string key = FoldForMatching(variant);
      if (key.empty()) return Status::InvalidInput(where + "marker folds to nothing");
      if (kind == MarkerKind::kShare) {
        size_t pos = 0;
        while (pos <= key.size()) {
          size_t space = key.find(' ', pos);
          if (space == std::string::npos) space = key.size();
          markers.share_words.insert(key.substr(pos, space - pos));
          pos = space + 1;
        }
        continue;
      }
      markers.phrases.push_back({kind, std::move(key)});
    }
  }
  // Longest first: "مصدر الخبر" before "مصدر".
  std::stable_sort(markers.phrases.begin(), markers.phrases.end(),
                   [](const Markers::Phrase& a, const Markers::Phrase& b) {
                     return a.key.size() > b.key.size();
                   });
  return markers;
}

const Result<Markers>& DefaultMarkers() {
  static const Result<Markers> markers = []() -> Result<Markers> {
    ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(kMarkersFile));
    return ParseMarkers(tsv);
  }();
  return markers;
}

Boilerplate FindBoilerplate(std::string_view text, const Markers& markers) {
  Boilerplate out;
  std::optional<std::vector<Line>> split = SplitLines(text, markers);
  if (!split) {
    out.skipped = "more than " + std::to_string(kMaxLines) + " lines";
    return out;
  }
  const std::vector<Line>& lines = *split;
  const size_t n = lines.size();
  std::vector<size_t> before(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    const Line& l = lines[i];
    before[i + 1] = before[i] + (!l.blank && l.kind == MarkerKind::kNone ? l.size() : 0);
  }
  std::vector<size_t> taken(n, 0);
  size_t run = 0;
  for (size_t i = n; i-- > 0;) {
    if (lines[i].blank) continue;
    if (lines[i].kind == MarkerKind::kNone) {
      run += lines[i].size();
    } else {
      taken[i] = run;
      run = 0;
    }
  }
  const size_t end = FindEnd(lines, before, taken);

  auto add = [&](DropReason reason, size_t first, size_t last) {
    out.dropped.push_back({reason, "", lines[first].start, lines[last].end});
  };

  // Inside the article: marker lines one by one, with what a teaser or a list header carries.
  for (size_t i = 0; i < end; ++i) {
    const Line& line = lines[i];
    if (!line.marker()) continue;
    NoteValue(line, out);
    size_t last = i;
    switch (line.kind) {
      case MarkerKind::kReadAlso:
        if (line.alone) {
          last = Run(lines, i, end, kMaxTeaserLines, true,
                     [](const Line& l) { return l.kind == MarkerKind::kNone && l.headline; });
        }
        add(DropReason::kTeaser, i, last);
        break;
      case MarkerKind::kSimilarArticles:
        if (line.alone) {
          last = Run(lines, i, end, SIZE_MAX, true, [](const Line& l) {
            return (l.kind == MarkerKind::kNone && l.headline) || l.kind == MarkerKind::kBullet;
          });
        }
        add(DropReason::kSimilarArticles, i, last);
        break;
      case MarkerKind::kTagList:
        if (line.alone) {
          last = Run(lines, i, end, SIZE_MAX, false, [](const Line& l) {
            return l.kind == MarkerKind::kNone && l.headline && l.words <= kMaxTagWords;
          });
        }
        add(DropReason::kTagList, i, last);
        break;
      default:
        add(EndReason(line.kind), i, i);
        break;
    }
    i = last;
  }

  // The end of the page: a block for each marker line, with the lines it accounts for.
  bool open = false;
  for (size_t i = end; i < n; ++i) {
    const Line& line = lines[i];
    if (line.blank) continue;
    NoteValue(line, out);
    DropReason reason = EndReason(line.kind);
    bool starts = line.marker() || !open ||
                  (line.kind == MarkerKind::kBullet && IsOneLine(out.dropped.back().reason));
    if (starts) {
      add(reason, i, i);
      open = true;
    } else {
      out.dropped.back().end = line.end;
    }
  }

  for (Dropped& d : out.dropped) d.text = std::string(text.substr(d.start, d.end - d.start));
  return out;
}

std::string RemoveDropped(std::string_view text, const std::vector<Dropped>& dropped) {
  std::string out;
  out.reserve(text.size());
  LineBreaks text_breaks(text);
  size_t pos = 0;
  for (const Dropped& d : dropped) {
    if (d.start < pos || d.end > text.size() || d.end < d.start) continue;  // not ours
    out.append(text.substr(pos, d.start - pos));
    size_t e = d.end;
    // The rest of the last line (trailing whitespace) and its line break.
    size_t brk = text_breaks.Next(e);
    if (brk == std::string_view::npos) brk = text.size();
    if (Trim(text.substr(e, brk - e)).empty()) {
      e = brk;
      if (e < text.size() && text[e] == '\r') ++e;
      if (e < text.size() && text[e] == '\n') ++e;
    }
    pos = e;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace rasd::clean
