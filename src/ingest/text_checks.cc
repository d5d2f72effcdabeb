#include "ingest/text_checks.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>
#include <optional>

#include "ingest/ingest.h"

namespace rasd::ingest {
namespace {

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Code points IsBlank accepts besides ASCII whitespace. Pages and feeds pad empty bodies with
// these (&nbsp;, &zwnj;, RLM from right-to-left editors), so they must not count as text.
bool IsBlankCodePoint(char32_t c) {
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  // Well-formed sequences per the Unicode Standard, table 3-7: no overlong forms, no
  // surrogates, nothing above U+10FFFF.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII runs are most of the markup and Latin text: check eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, sizeof(word));
      if ((word & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    // Arabic (and the other two-byte scripts) between the ASCII: a lead byte C2..DF and a
    // continuation byte are always well-formed.
    while (i + 1 < n && p[i] >= 0xC2 && p[i] <= 0xDF && (p[i + 1] & 0xC0) == 0x80) i += 2;
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    // ICU's U8_NEXT rejects what table 3-7 rejects.
    auto next = static_cast<int64_t>(i);
    UChar32 c = 0;
    U8_NEXT(p, next, static_cast<int64_t>(n), c);
    if (c < 0) return i;
    i = static_cast<size_t>(next);
  }
  return std::nullopt;
}

const char* SniffFormat(std::string_view head) {
  if (head.substr(0, 5) == "WARC/" || head.substr(0, 2) == "\x1f\x8b") return "warc";
  head = StripUtf8Bom(head);
  for (char ch : head) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (IsAsciiSpace(c)) continue;
    if (c == '{') return "jsonl";
    if (c == '<') return "html";
    return "txt";
  }
  return "txt";
}

bool LooksBinary(std::string_view head) {
  head = head.substr(0, kBinarySniffBytes);
  if (head.empty()) return false;
  size_t control = 0;
  for (char ch : head) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && !IsAsciiSpace(c)) || c == 0x7F) ++control;
  }
  return control * 10 > head.size() * 3;
}

std::string_view StripUtf8Bom(std::string_view s) {
  if (s.size() >= 3 && s[0] == '\xEF' && s[1] == '\xBB' && s[2] == '\xBF') s.remove_prefix(3);
  return s;
}

bool IsBlank(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (!IsAsciiSpace(c)) return false;
      ++i;
      continue;
    }
    // Decode one sequence; the input is valid UTF-8, so only the lead byte sets its length.
    char32_t cp = 0;
    size_t len = 0;
    if (c >= 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x1F;
      len = 2;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
    if (!IsBlankCodePoint(cp)) return false;
    i += len;
  }
  return true;
}

}  // namespace rasd::ingest
