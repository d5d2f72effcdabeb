#include "text/char_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <map>
#include <optional>

#include "core/data.h"

namespace rasd::text {
namespace {

constexpr char32_t kSpaceChar = U' ';
constexpr int kMaxFoldDepth = 4;  // a replacement folded again; deeper means a cycle

// One line of normalize.tsv, before replacements are folded through the table.
struct Rule {
  enum class Action { kTarget, kDrop, kIgnore, kSpace, kLower, kNfkc };
  Action action = Action::kTarget;
  std::u32string target;
};

std::optional<char32_t> ParseCodePoint(std::string_view s) {
  if (s.size() < 3 || (s[0] != 'U' && s[0] != 'u') || s[1] != '+') return std::nullopt;
  char32_t v = 0;
  for (char c : s.substr(2)) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    v = v * 16 + static_cast<char32_t>(d);
    if (v > 0x10FFFF) return std::nullopt;
  }
  if (v >= 0xD800 && v <= 0xDFFF) return std::nullopt;
  return v;
}

// "U+0644 U+0627" -> {U+0644, U+0627}.
std::optional<std::u32string> ParseCodePoints(std::string_view s) {
  std::u32string out;
  while (!s.empty()) {
    size_t sp = s.find(' ');
    std::string_view item = s.substr(0, sp);
    if (!item.empty()) {
      std::optional<char32_t> cp = ParseCodePoint(item);
      if (!cp) return std::nullopt;
      out.push_back(*cp);
    }
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string Where(const std::string& file, int line) {
  return "data/" + file + ":" + std::to_string(line) + ": ";
}

// Folds rules into final strings. A resolved character is either a string (possibly empty, for
// DROP/IGNORE) or a whitespace marker.
class Resolver {
 public:
  explicit Resolver(const std::map<char32_t, Rule>& rules) : rules_(rules) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc_ = nullptr;
  }
  bool ok() const { return nfkc_ != nullptr; }

  // The folded form of cp as it appears inside a replacement: spaces become ' ', dropped
  // characters vanish. nullopt on a cycle.
  std::optional<std::u32string> Inner(char32_t cp, int depth) const {
    if (depth > kMaxFoldDepth) return std::nullopt;
    auto it = rules_.find(cp);
    if (it == rules_.end()) return std::u32string(1, cp);
    const Rule& r = it->second;
    switch (r.action) {
      case Rule::Action::kDrop:
      case Rule::Action::kIgnore:
        return std::u32string();
      case Rule::Action::kSpace:
        return std::u32string(1, kSpaceChar);
      case Rule::Action::kLower: {
        char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
        if (lower == cp) return std::u32string(1, cp);
        return FoldString(std::u32string(1, lower), depth + 1);
      }
      case Rule::Action::kNfkc: {
        std::u32string n = Nfkc(cp);
        if (n == std::u32string(1, cp)) return n;
        std::optional<std::u32string> f = FoldString(n, depth + 1);
        if (!f) return std::nullopt;
        // Isolated harakat forms (U+FE70...) are NFKC "space + mark": only the mark counts.
        while (!f->empty() && f->front() == kSpaceChar) f->erase(0, 1);
        while (!f->empty() && f->back() == kSpaceChar) f->pop_back();
        return f;
      }
      case Rule::Action::kTarget:
        return FoldString(r.target, depth + 1);
    }
    return std::nullopt;
  }

 private:
  std::optional<std::u32string> FoldString(const std::u32string& s, int depth) const {
    std::u32string out;
    for (char32_t c : s) {
      std::optional<std::u32string> f = Inner(c, depth);
      if (!f) return std::nullopt;
      out += *f;
    }
    return out;
  }

  std::u32string Nfkc(char32_t cp) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString in(static_cast<UChar32>(cp));
    icu::UnicodeString out = nfkc_->normalize(in, status);
    if (U_FAILURE(status)) return std::u32string(1, cp);
    std::u32string result;
    for (int32_t i = 0; i < out.length();) {
      UChar32 c = out.char32At(i);
      result.push_back(static_cast<char32_t>(c));
      i += U16_LENGTH(c);
    }
    return result;
  }

  const std::map<char32_t, Rule>& rules_;
  const icu::Normalizer2* nfkc_ = nullptr;
};

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Result<CharTable> CharTable::Load() {
  const std::string kNormalizeFile = "text/normalize.tsv";
  ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(kNormalizeFile));
  std::map<char32_t, Rule> rules;
  for (const TsvRow& row : ParseTsv(tsv)) {
    if (row.fields.size() < 2) {
      return Status::InvalidInput(Where(kNormalizeFile, row.line) + "expected from<TAB>to");
    }
    const std::string& from = row.fields[0];
    char32_t first, last;
    if (size_t dots = from.find(".."); dots != std::string::npos) {
      std::optional<char32_t> a = ParseCodePoint(std::string_view(from).substr(0, dots));
      std::optional<char32_t> b = ParseCodePoint(std::string_view(from).substr(dots + 2));
      if (!a || !b || *b < *a) {
        return Status::InvalidInput(Where(kNormalizeFile, row.line) + "bad range " + from);
      }
      first = *a;
      last = *b;
    } else {
      std::optional<char32_t> a = ParseCodePoint(from);
      if (!a)
        return Status::InvalidInput(Where(kNormalizeFile, row.line) + "bad code point " + from);
      first = last = *a;
    }
    Rule rule;
    const std::string& to = row.fields[1];
    if (to == "DROP") {
      rule.action = Rule::Action::kDrop;
    } else if (to == "IGNORE") {
      rule.action = Rule::Action::kIgnore;
    } else if (to == "SPACE") {
      rule.action = Rule::Action::kSpace;
    } else if (to == "LOWER") {
      rule.action = Rule::Action::kLower;
    } else if (to == "NFKC") {
      rule.action = Rule::Action::kNfkc;
    } else {
      std::optional<std::u32string> target = ParseCodePoints(to);
      if (!target)
        return Status::InvalidInput(Where(kNormalizeFile, row.line) + "bad target " + to);
      rule.target = *target;
    }
    for (char32_t cp = first; cp <= last; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      rules[cp] = rule;
    }
  }

  Resolver resolver(rules);
  if (!resolver.ok()) return Status::Internal("ICU NFKC normaliser unavailable");

  CharTable table;
  table.flat_.assign(kFlatSize, Fold{});
  table.class_.resize(kFlatSize);
  for (char32_t cp = 0; cp < kFlatSize; ++cp)
    table.class_[cp] = static_cast<uint8_t>(ClassSlow(cp));

  for (const auto& [cp, rule] : rules) {
    Fold fold;
    switch (rule.action) {
      case Rule::Action::kDrop:
        fold.kind = FoldKind::kDrop;
        break;
      case Rule::Action::kIgnore:
        fold.kind = FoldKind::kIgnore;
        break;
      case Rule::Action::kSpace:
        fold.kind = FoldKind::kSpace;
        break;
      default: {
        std::optional<std::u32string> folded = resolver.Inner(cp, 0);
        if (!folded) {
          return Status::InvalidInput("data/" + kNormalizeFile + ": replacement of U+" +
                                      std::to_string(static_cast<uint32_t>(cp)) +
                                      " folds in a cycle");
        }
        if (*folded == std::u32string(1, cp)) continue;  // kKeep
        if (folded->empty()) {
          fold.kind = FoldKind::kDrop;
        } else if (*folded == std::u32string(1, kSpaceChar)) {
          fold.kind = FoldKind::kSpace;
        } else {
          std::string bytes;
          for (char32_t c : *folded) AppendUtf8(c, bytes);
          if (bytes.size() > 255) continue;  // cannot happen with Unicode 15 NFKC; keep as is
          fold.kind = FoldKind::kMap;
          fold.offset = static_cast<uint32_t>(table.pool_.size());
          fold.length = static_cast<uint8_t>(bytes.size());
          table.pool_ += bytes;
        }
      }
    }
    if (cp < kFlatSize) {
      table.flat_[cp] = fold;
    } else {
      table.high_[cp] = fold;
    }
  }

  table.two_byte_.assign(kFlatSize, TwoByteFold{});
  for (char32_t cp = 0x80; cp < kFlatSize; ++cp) {
    const Fold f = table.flat_[cp];
    TwoByteFold& t = table.two_byte_[cp];
    if (f.kind == FoldKind::kKeep) {
      t.kind = TwoByteKind::kLetter;
      t.bytes[0] = static_cast<char>(0xC0 | (cp >> 6));
      t.bytes[1] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (f.kind == FoldKind::kMap && f.length == 2) {
      t.kind = TwoByteKind::kLetter;
      t.bytes[0] = table.pool_[f.offset];
      t.bytes[1] = table.pool_[f.offset + 1];
    } else if (f.kind == FoldKind::kDrop) {
      t.kind = TwoByteKind::kMark;
    }
  }

  const std::string kEntitiesFile = "text/html_entities.tsv";
  ASSIGN_OR_RETURN(std::string entities, ReadDataFile(kEntitiesFile));
  for (const TsvRow& row : ParseTsv(entities)) {
    std::optional<char32_t> cp;
    if (row.fields.size() >= 2) cp = ParseCodePoint(row.fields[1]);
    if (!cp || row.fields[0].empty()) {
      return Status::InvalidInput(Where(kEntitiesFile, row.line) + "expected name<TAB>U+XXXX");
    }
    table.entities_[row.fields[0]] = *cp;
  }
  return table;
}

Unit CharTable::DecodeEntity(std::string_view text, size_t i) const {
  // Longest reference we decode: "&#x10FFFF;" and named ones of up to 10 letters.
  constexpr size_t kMaxEntity = 12;
  size_t j = i + 1;
  const size_t limit = std::min(text.size(), i + kMaxEntity);
  if (j < limit && text[j] == '#') {
    ++j;
    int base = 10;
    if (j < limit && (text[j] == 'x' || text[j] == 'X')) {
      base = 16;
      ++j;
    }
    uint32_t value = 0;
    size_t digits = 0;
    for (; j < limit; ++j) {
      char c = text[j];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (base == 16 && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (base == 16 && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      value = value * static_cast<uint32_t>(base) + static_cast<uint32_t>(d);
      if (value > 0x10FFFF) value = 0x110000;  // saturate: invalid
      ++digits;
    }
    if (digits == 0 || j >= limit || text[j] != ';') return {};
    char32_t cp = value;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
    return {cp, static_cast<uint32_t>(j + 1 - i), false};
  }
  size_t name_start = j;
  while (j < limit && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
                       (text[j] >= '0' && text[j] <= '9'))) {
    ++j;
  }
  if (j == name_start || j >= limit || text[j] != ';') return {};
  auto it = entities_.find(std::string(text.substr(name_start, j - name_start)));
  if (it == entities_.end()) return {};
  return {it->second, static_cast<uint32_t>(j + 1 - i), false};
}

CharClass CharTable::ClassSlow(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  if (cp == U'%') return CharClass::kSymbol;  // TokenKind::kSymbol by contract (types.h)
  if (u_isUWhiteSpace(c)) return CharClass::kSpace;
  const int8_t type = u_charType(c);
  if (type == U_DECIMAL_DIGIT_NUMBER) return CharClass::kDigit;
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) {
    return CharClass::kMark;
  }
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(c, &status) == USCRIPT_ARABIC ? CharClass::kArabic
                                                           : CharClass::kLetter;
  }
  switch (type) {
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      return CharClass::kPunct;
    default:
      return CharClass::kSymbol;
  }
}

}  // namespace rasd::text
