// The character table behind the matching key: how every code point folds (keep, replace,
// drop, space) and which class it belongs to for the tokenizer. Internal to src/text.
//
// In: data/text/normalize.tsv and data/text/html_entities.tsv. Out: O(1) lookups.
// Guaranteed: code points below kFlatSize (all of Latin, Arabic and Arabic Supplement) are a
// flat array read; others are one hash lookup, ICU is only called at Load() and for the class
// of rare characters above kFlatSize. Thread-safe after Load() (all methods const).
#ifndef RASD_TEXT_CHAR_TABLE_H_
#define RASD_TEXT_CHAR_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace rasd::text {

inline constexpr char32_t kReplacementChar = U'\uFFFD';

// What the key does with one input character.
enum class FoldKind : uint8_t {
  kKeep = 0,    // copied as written (valid UTF-8 of the input, or re-encoded for entities)
  kMap = 1,     // replaced by CharTable::Replacement()
  kDrop = 2,    // removed; a mark that belongs to the preceding letter (harakat, tatweel)
  kIgnore = 3,  // removed; a format control that belongs to nothing (ZWNJ, bidi, BOM)
  kSpace = 4,   // whitespace: a run becomes one space, trimmed at both ends of the key
};

struct Fold {
  FoldKind kind = FoldKind::kKeep;
  uint8_t length = 0;   // bytes of the replacement (kMap)
  uint32_t offset = 0;  // into the replacement pool (kMap)
};

// A two-byte UTF-8 character as the folding loop's fast path takes it: a letter whose key is two
// bytes (kept as written, or mapped to two bytes: أ -> ا, ة -> ه), a mark the key drops
// (harakat, tatweel), or neither (kNone: the general path decides).
enum class TwoByteKind : uint8_t { kNone, kLetter, kMark };
struct TwoByteFold {
  TwoByteKind kind = TwoByteKind::kNone;
  char bytes[2] = {};  // the key bytes of a letter
};

// Tokenizer classes of key characters (after folding).
enum class CharClass : uint8_t {
  kSymbol = 0,  // anything else: S* categories, emoji, U+FFFD, '%'
  kSpace = 1,
  kArabic = 2,  // an alphabetic character of the Arabic script (includes bare hamza)
  kLetter = 3,  // an alphabetic character of any other script (Latin, Cyrillic, CJK...)
  kDigit = 4,   // a decimal digit (ASCII after folding; other scripts' Nd as written)
  kMark = 5,    // a combining mark outside Arabic (kept; it joins the letter before it)
  kPunct = 6,   // P* categories
};

// One unit of input: a UTF-8 character, an HTML character reference, or an invalid sequence.
struct Unit {
  char32_t cp = 0;
  uint32_t length = 0;  // bytes consumed, >= 1
  bool raw = true;      // the input bytes are cp's valid UTF-8 (false: entity or invalid)
};

// Decodes one UTF-8 character at text[i] (i < text.size()). An invalid or truncated sequence
// yields U+FFFD for its maximal ill-formed subpart (at least one byte), as ICU's U8_NEXT does.
inline Unit DecodeUtf8(std::string_view text, size_t i) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const unsigned b0 = s[i];
  if (b0 < 0x80) return {b0, 1, true};
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < n && s[k] >= lo && s[k] <= hi;
  };
  if (b0 < 0xC2) return {kReplacementChar, 1, false};
  if (b0 < 0xE0) {
    if (!cont(i + 1)) return {kReplacementChar, 1, false};
    return {((b0 & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu), 2, true};
  }
  if (b0 < 0xF0) {
    const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
    if (!cont(i + 1, lo, hi)) return {kReplacementChar, 1, false};
    if (!cont(i + 2)) return {kReplacementChar, 2, false};
    return {((b0 & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu), 3, true};
  }
  if (b0 < 0xF5) {
    const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (!cont(i + 1, lo, hi)) return {kReplacementChar, 1, false};
    if (!cont(i + 2)) return {kReplacementChar, 2, false};
    if (!cont(i + 3)) return {kReplacementChar, 3, false};
    return {((b0 & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
                (s[i + 3] & 0x3Fu),
            4, true};
  }
  return {kReplacementChar, 1, false};
}

// Appends the UTF-8 encoding of cp (a valid scalar value) to out.
void AppendUtf8(char32_t cp, std::string& out);

// Number of code points in valid UTF-8.
inline size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// CountChars(s) >= n, reading no further than the n-th character.
inline bool HasChars(std::string_view s, size_t n) {
  if (n == 0) return true;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && --n == 0) return true;
  }
  return false;
}

class CharTable {
 public:
  static constexpr char32_t kFlatSize = 0x800;  // every 1- and 2-byte UTF-8 character

  static Result<CharTable> Load();

  Fold Lookup(char32_t cp) const {
    if (cp < kFlatSize) return flat_[cp];
    auto it = high_.find(cp);
    return it == high_.end() ? Fold{} : it->second;
  }
  // How the fast path folds the two-byte character cp (0x80 <= cp < kFlatSize): one read.
  TwoByteFold TwoByte(char32_t cp) const { return two_byte_[cp]; }
  // The same for every cp below kFlatSize at once, for a loop that must not reload the table
  // after each byte it writes (a char store may alias the vector's pointer).
  const TwoByteFold* TwoByteTable() const { return two_byte_.data(); }
  std::string_view Replacement(Fold f) const {
    return std::string_view(pool_).substr(f.offset, f.length);
  }

  // One input unit at text[i]: an HTML character reference ("&amp;", "&#1605;", "&#x645;")
  // when one starts there, else a UTF-8 character.
  Unit DecodeUnit(std::string_view text, size_t i) const {
    if (text[i] == '&') {
      Unit u = DecodeEntity(text, i);
      if (u.length != 0) return u;
    }
    return DecodeUtf8(text, i);
  }

  CharClass Class(char32_t cp) const {
    return cp < kFlatSize ? static_cast<CharClass>(class_[cp]) : ClassSlow(cp);
  }

 private:
  Unit DecodeEntity(std::string_view text, size_t i) const;  // length 0 when none
  static CharClass ClassSlow(char32_t cp);

  std::vector<Fold> flat_;                   // kFlatSize entries
  std::unordered_map<char32_t, Fold> high_;  // only code points that do not fold to themselves
  std::string pool_;                         // replacement bytes
  std::vector<uint8_t> class_;               // kFlatSize CharClass values
  std::vector<TwoByteFold> two_byte_;        // kFlatSize entries, derived from flat_
  std::unordered_map<std::string, char32_t> entities_;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_CHAR_TABLE_H_
