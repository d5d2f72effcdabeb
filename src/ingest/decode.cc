#include "ingest/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <utility>

#include "ingest/text_checks.h"

namespace rasd::ingest {
namespace {

// How much of a page the HTML standard's prescan looks at.
constexpr size_t kPrescanBytes = 1024;

// A document is repaired as UTF-8, not re-read in another charset, when at most this share of
// its non-ASCII bytes is ill-formed: a UTF-8 page with a few bytes cut mid-character by a CMS
// is far below it, Windows-1256 Arabic (lead bytes followed by letters, not continuation
// bytes) is far above.
constexpr uint64_t kRepairNonAsciiPercent = 10;
// When the detector is not sure, a document is still repaired when at most this share of all
// its bytes is ill-formed: an English page with one Latin-1 copyright sign.
constexpr uint64_t kRepairAllPercent = 1;

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - std::min(pos, s.size()) < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

std::string_view TrimLabel(std::string_view s) {
  while (!s.empty() && (IsAsciiSpace(s.front()) || s.front() == '"' || s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (IsAsciiSpace(s.back()) || s.back() == '"' || s.back() == '\'')) {
    s.remove_suffix(1);
  }
  return s;
}

// One UTF-8 sequence at `i`: its length and whether it is well-formed. An ill-formed one has
// the length of its maximal subpart (at least 1), which becomes one U+FFFD.
struct Utf8Sequence {
  size_t length;
  bool valid;
};

Utf8Sequence NextUtf8(const unsigned char* p, size_t n, size_t i) {
  // ICU's U8_NEXT follows the Unicode Standard's table 3-7 and consumes the maximal subpart of
  // an ill-formed sequence.
  auto j = static_cast<int64_t>(i);
  UChar32 c = 0;
  U8_NEXT(p, j, static_cast<int64_t>(n), c);
  return {static_cast<size_t>(j) - i, c >= 0};
}

struct Utf8Counts {
  uint64_t non_ascii = 0;
  uint64_t invalid = 0;
};

Utf8Counts CountUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  Utf8Counts counts;
  for (size_t i = 0; i < s.size();) {
    Utf8Sequence seq = NextUtf8(p, s.size(), i);
    if (p[i] >= 0x80) counts.non_ascii += seq.length;
    if (!seq.valid) counts.invalid += seq.length;
    i += seq.length;
  }
  return counts;
}

// Labels the HTML standard maps elsewhere than ICU would, or that ICU does not know. Latin-1
// and ASCII labels mean Windows-1252 on the web (pages so labelled use 0x80-0x9F for curly
// quotes); UTF-16 in a <meta> cannot be true of bytes that were readable enough to find it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kLabelAliases = {{
    {"utf8", "utf-8"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"iso-8859-1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"ascii", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"x-user-defined", "windows-1252"},
    {"x-cp1256", "windows-1256"},
    {"cp1256", "windows-1256"},
    {"iso-8859-6-i", "iso-8859-6"},
    {"iso-8859-6-e", "iso-8859-6"},
    {"asmo-708", "iso-8859-6"},
}};

std::string CanonicalLabel(std::string_view label, bool from_meta) {
  std::string l = Lower(TrimLabel(label));
  for (const auto& [alias, canonical] : kLabelAliases) {
    if (l == alias) return std::string(canonical);
  }
  if (from_meta && l.rfind("utf-16", 0) == 0) return "utf-8";
  return l;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter OpenConverter(const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  Converter c(ucnv_open(charset.c_str(), &err));
  if (U_FAILURE(err)) return nullptr;
  return c;
}

// ICU's to-Unicode callback: every unmapped or ill-formed byte sequence becomes U+FFFD (some
// single-byte converters would write U+001A) and is counted.
void CountingSubstitute(const void* context, UConverterToUnicodeArgs* args, const char*,
                        int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  *static_cast<uint64_t*>(const_cast<void*>(context)) += static_cast<uint64_t>(length);
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

struct Converted {
  bool ok = false;
  std::string text;
  uint64_t replaced_bytes = 0;
};

Converted Convert(std::string_view bytes, UConverter* converter) {
  Converted out;
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter, CountingSubstitute, &out.replaced_bytes, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return out;
  icu::UnicodeString unicode(bytes.data(), static_cast<int32_t>(bytes.size()), converter, err);
  if (U_FAILURE(err)) return out;
  unicode.toUTF8String(out.text);
  out.ok = true;
  return out;
}

struct Detected {
  std::string charset;  // lower case; "" when the detector had nothing
  int confidence = 0;
};

// ICU's best guess, ignoring UTF-16 and UTF-32 (without a byte order mark such text holds NUL
// bytes and was rejected as binary before detection runs).
Detected Detect(std::string_view bytes, bool html) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&err),
                                                                      &ucsdet_close);
  if (U_FAILURE(err)) return {};
  // Tags are ASCII and would dilute the statistics of the text between them.
  ucsdet_enableInputFilter(detector.get(), html);
  ucsdet_setText(detector.get(), bytes.data(),
                 static_cast<int32_t>(std::min<size_t>(bytes.size(), INT32_MAX)), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &err);
  if (U_FAILURE(err)) return {};
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    std::string name = Lower(ucsdet_getName(matches[i], &e));
    int confidence = ucsdet_getConfidence(matches[i], &e);
    if (U_FAILURE(e)) continue;
    if (name.rfind("utf-16", 0) == 0 || name.rfind("utf-32", 0) == 0) continue;
    return {name, confidence};
  }
  return {};
}

Decoded Reject(RejectReason reason, std::string problem) {
  Decoded d;
  d.reason = reason;
  d.problem = std::move(problem);
  return d;
}

Decoded Accept(std::string text, std::string charset, uint64_t replaced,
               std::vector<std::string> warnings) {
  Decoded d;
  d.ok = true;
  d.text = std::move(text);
  d.charset = std::move(charset);
  d.replaced_bytes = replaced;
  d.warnings = std::move(warnings);
  if (replaced > 0) {
    d.warnings.push_back(std::to_string(replaced) + " bytes not valid " + d.charset +
                         " replaced with U+FFFD");
  }
  return d;
}

// The decoded text must not be binary either: UTF-16 can spell NUL and control characters.
Decoded CheckDecoded(Decoded d) {
  if (d.ok && LooksBinary(d.text)) {
    return Reject(RejectReason::kBinary, "binary data after decoding " + d.charset +
                                             " (NUL or mostly control characters)");
  }
  return d;
}

Decoded FromUtf16(std::string_view bytes, const char* charset) {
  std::vector<std::string> warnings;
  if (bytes.size() % 2 != 0) {
    warnings.push_back("odd number of bytes for " + std::string(charset) +
                       ": the last byte is cut off");
  }
  Converter c = OpenConverter(charset);
  Converted conv = c ? Convert(bytes, c.get()) : Converted{};
  if (!conv.ok)
    return Reject(RejectReason::kInvalidUtf8, std::string(charset) + " conversion failed");
  return CheckDecoded(
      Accept(std::move(conv.text), charset, conv.replaced_bytes, std::move(warnings)));
}

Decoded FromCharset(std::string_view bytes, const std::string& charset, UConverter* converter,
                    std::vector<std::string> warnings) {
  Converted conv = Convert(bytes, converter);
  if (!conv.ok) return Reject(RejectReason::kInvalidUtf8, charset + " conversion failed");
  return CheckDecoded(
      Accept(std::move(conv.text), charset, conv.replaced_bytes, std::move(warnings)));
}

// The value of a charset parameter at `pos` (just after the word "charset"), as the HTML
// standard's "extract a character encoding from a meta element" reads it.
std::string CharsetValueAt(std::string_view s, size_t pos) {
  while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
  if (pos >= s.size() || s[pos] != '=') return "";
  ++pos;
  while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
  if (pos >= s.size()) return "";
  if (s[pos] == '"' || s[pos] == '\'') {
    size_t end = s.find(s[pos], pos + 1);
    if (end == std::string_view::npos) return "";
    return std::string(s.substr(pos + 1, end - pos - 1));
  }
  size_t end = pos;
  while (end < s.size() && !IsAsciiSpace(s[end]) && s[end] != ';') ++end;
  return std::string(s.substr(pos, end - pos));
}

std::string ExtractCharset(std::string_view s) {
  const std::string lower = Lower(s);
  for (size_t pos = 0; (pos = lower.find("charset", pos)) != std::string::npos;) {
    pos += 7;
    std::string value = CharsetValueAt(s, pos);
    if (!value.empty()) return value;
  }
  return "";
}

// The HTML standard's "get an attribute" for the prescan: advances `pos`; nullopt when the
// tag ends (or the input does).
struct Attribute {
  std::string name;
  std::string value;
};

std::optional<Attribute> GetAttribute(std::string_view s, size_t& pos) {
  while (pos < s.size() && (IsAsciiSpace(s[pos]) || s[pos] == '/')) ++pos;
  if (pos >= s.size() || s[pos] == '>') return std::nullopt;
  Attribute attr;
  while (pos < s.size()) {
    char c = s[pos];
    if (c == '=' && !attr.name.empty()) break;
    if (IsAsciiSpace(c) || c == '/' || c == '>') break;
    attr.name += AsciiLower(c);
    ++pos;
  }
  while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
  if (pos >= s.size() || s[pos] != '=') return attr;
  ++pos;
  while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
  if (pos >= s.size()) return attr;
  if (s[pos] == '"' || s[pos] == '\'') {
    char quote = s[pos++];
    while (pos < s.size() && s[pos] != quote) attr.value += AsciiLower(s[pos++]);
    if (pos < s.size()) ++pos;
    return attr;
  }
  while (pos < s.size() && !IsAsciiSpace(s[pos]) && s[pos] != '>') {
    attr.value += AsciiLower(s[pos++]);
  }
  return attr;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

bool MostlyUtf8(std::string_view s) {
  Utf8Counts counts = CountUtf8(s);
  return counts.invalid * 100 <= counts.non_ascii * kRepairNonAsciiPercent;
}

RepairedUtf8 RepairUtf8(std::string_view s) {
  RepairedUtf8 out;
  out.text.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    Utf8Sequence seq = NextUtf8(p, s.size(), i);
    if (seq.valid) {
      out.text.append(s.data() + i, seq.length);
    } else {
      out.text += "\xEF\xBF\xBD";
      out.replaced_bytes += seq.length;
    }
    i += seq.length;
  }
  return out;
}

std::string CharsetOfContentType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  if (semi == std::string_view::npos) return "";
  return Lower(TrimLabel(ExtractCharset(content_type.substr(semi + 1))));
}

std::string PrescanHtmlCharset(std::string_view head) {
  std::string_view s = head.substr(0, kPrescanBytes);
  size_t pos = 0;
  while (pos < s.size()) {
    if (s.compare(pos, 4, "<!--") == 0) {
      size_t end = s.find("-->", pos + 2);
      if (end == std::string_view::npos) return "";
      pos = end + 3;
      continue;
    }
    if (StartsWithNoCase(s, pos, "<meta") && pos + 5 < s.size() &&
        (IsAsciiSpace(s[pos + 5]) || s[pos + 5] == '/')) {
      pos += 6;
      bool got_pragma = false;
      std::optional<bool> need_pragma;
      std::string charset;
      std::vector<std::string> seen;
      while (std::optional<Attribute> attr = GetAttribute(s, pos)) {
        if (std::find(seen.begin(), seen.end(), attr->name) != seen.end()) continue;
        seen.push_back(attr->name);
        if (attr->name == "http-equiv" && attr->value == "content-type") {
          got_pragma = true;
        } else if (attr->name == "content" && charset.empty()) {
          std::string found = ExtractCharset(attr->value);
          if (!found.empty()) {
            charset = found;
            need_pragma = true;
          }
        } else if (attr->name == "charset") {
          charset = attr->value;
          need_pragma = false;
        }
      }
      if (!need_pragma || (*need_pragma && !got_pragma) || TrimLabel(charset).empty()) continue;
      return std::string(TrimLabel(charset));
    }
    if (s[pos] == '<' && pos + 1 < s.size() &&
        (IsAsciiAlpha(s[pos + 1]) ||
         (s[pos + 1] == '/' && pos + 2 < s.size() && IsAsciiAlpha(s[pos + 2])))) {
      // Another tag: skip its name and attributes, whose quoted values may hold '>'.
      while (pos < s.size() && !IsAsciiSpace(s[pos]) && s[pos] != '>') ++pos;
      while (GetAttribute(s, pos)) {
      }
      ++pos;
      continue;
    }
    if (s.compare(pos, 2, "<!") == 0 || s.compare(pos, 2, "</") == 0 ||
        s.compare(pos, 2, "<?") == 0) {
      size_t end = s.find('>', pos + 2);
      if (end == std::string_view::npos) return "";
      pos = end + 1;
      continue;
    }
    ++pos;
  }
  return "";
}

Decoded DecodeText(std::string_view bytes, std::string_view declared_charset, bool html) {
  // A byte order mark wins over any declaration, as in browsers.
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (LooksBinary(bytes)) {
      return Reject(RejectReason::kBinary, "binary data (NUL bytes or mostly control characters)");
    }
    RepairedUtf8 r = RepairUtf8(bytes);
    return Accept(std::move(r.text), "utf-8", r.replaced_bytes, {});
  }
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") {
    return FromUtf16(bytes.substr(2), "utf-16le");
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") {
    return FromUtf16(bytes.substr(2), "utf-16be");
  }
  if (LooksBinary(bytes)) {
    return Reject(RejectReason::kBinary, "binary data (NUL bytes or mostly control characters)");
  }

  std::vector<std::string> warnings;
  std::string declared;
  bool from_meta = false;
  if (!declared_charset.empty()) {
    declared = CanonicalLabel(declared_charset, /*from_meta=*/false);
  } else if (html) {
    declared = CanonicalLabel(PrescanHtmlCharset(bytes), /*from_meta=*/true);
    from_meta = true;
  }
  const char* where = from_meta ? "<meta>" : "header";
  Converter declared_converter;
  if (!declared.empty() && declared != "utf-8") {
    declared_converter = OpenConverter(declared);
    if (!declared_converter) {
      warnings.push_back("charset '" + declared + "' in the " + where +
                         " is unknown; the bytes decide");
      declared.clear();
    }
  }

  Utf8Counts counts = CountUtf8(bytes);
  if (counts.invalid == 0) {
    if (declared_converter && counts.non_ascii > 0) {
      warnings.push_back("charset '" + declared + "' in the " + where +
                         " ignored: the bytes are valid UTF-8");
    }
    return Accept(std::string(bytes), "utf-8", 0, std::move(warnings));
  }
  if (declared_converter) {
    return FromCharset(bytes, declared, declared_converter.get(), std::move(warnings));
  }
  if (MostlyUtf8(bytes)) {
    RepairedUtf8 r = RepairUtf8(bytes);
    return Accept(std::move(r.text), "utf-8", r.replaced_bytes, std::move(warnings));
  }
  Detected guess = Detect(bytes, html);
  if (!guess.charset.empty() && guess.confidence >= kMinDetectConfidence &&
      guess.charset != "utf-8") {
    std::string charset = CanonicalLabel(guess.charset, /*from_meta=*/false);
    if (Converter c = OpenConverter(charset)) {
      if (declared == "utf-8") {
        warnings.push_back(std::string("charset 'utf-8' in the ") + where +
                           " ignored: the bytes are not UTF-8");
      }
      warnings.push_back("charset " + charset + " detected (confidence " +
                         std::to_string(guess.confidence) + ")");
      return FromCharset(bytes, charset, c.get(), std::move(warnings));
    }
  }
  if (counts.invalid * 100 <= bytes.size() * kRepairAllPercent) {
    RepairedUtf8 r = RepairUtf8(bytes);
    return Accept(std::move(r.text), "utf-8", r.replaced_bytes, std::move(warnings));
  }
  std::string problem = "not UTF-8 (" + std::to_string(counts.invalid) + " of " +
                        std::to_string(bytes.size()) + " bytes invalid, the first at byte " +
                        std::to_string(FindInvalidUtf8(bytes).value_or(0)) +
                        ") and no charset declared or detected";
  if (!guess.charset.empty()) {
    problem += " (best guess " + guess.charset + " at confidence " +
               std::to_string(guess.confidence) + ")";
  }
  return Reject(RejectReason::kInvalidUtf8, problem);
}

}  // namespace rasd::ingest
