// Bytes of unknown encoding to UTF-8 text. Internal to src/ingest.
//
// In: the bytes of one document, the charset its HTTP header declares (or "") and whether it is
// HTML (then a <meta> charset in the first 1024 bytes counts as a declaration). Out: UTF-8 text
// and what was done to get it, or a rejection reason.
//
// The charset comes from, in order: a byte order mark (UTF-8, UTF-16 LE/BE), the HTTP header,
// the page's <meta> prescanned as the HTML standard does, and ICU's detector (ucsdet) when the
// bytes are not valid UTF-8. Conversion is ICU's (ucnv). Guaranteed: the text is valid UTF-8;
// bytes that do not decode become U+FFFD, counted in replaced_bytes and named in a warning;
// no exception escapes. A document whose bytes are mostly valid UTF-8 is repaired that way, not
// re-read in another charset; bytes valid as UTF-8 are read as UTF-8 even when a single-byte
// charset is declared (a page moved to UTF-8 keeps its old <meta> often; Arabic in
// Windows-1256 or ISO-8859-6 is never valid UTF-8). Rejected: binary data (NUL bytes or mostly
// control characters, see LooksBinary), and bytes that are neither mostly UTF-8 nor in a
// charset the detector is sure of. Not guaranteed: a declaration that names the wrong
// single-byte charset is believed.
//
//   Decoded d = DecodeText(bytes, "windows-1256", /*html=*/true);
//   if (d.ok) Use(d.text);
#ifndef RASD_INGEST_DECODE_H_
#define RASD_INGEST_DECODE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"

namespace rasd::ingest {

// The detector's confidence (0-100) below which its guess is not used. Short or mixed inputs
// score 20-35 for whatever single-byte charset fits; a paragraph of Arabic in Windows-1256
// scores above 60.
inline constexpr int kMinDetectConfidence = 50;

struct Decoded {
  bool ok = false;
  // When ok:
  std::string text;                   // valid UTF-8, without a byte order mark
  std::string charset;                // lower case, e.g. "utf-8", "windows-1256", "utf-16le"
  uint64_t replaced_bytes = 0;        // input bytes that became U+FFFD
  std::vector<std::string> warnings;  // e.g. "charset 'x-foo' unknown; detected windows-1256"
  // When not ok:
  RejectReason reason = RejectReason::kInvalidUtf8;
  std::string problem;  // one line, without the source name
};

Decoded DecodeText(std::string_view bytes, std::string_view declared_charset, bool html);

// The charset a page declares in a <meta charset> or <meta http-equiv="Content-Type"> among its
// first 1024 bytes, found as the HTML standard's prescan does (comments and other tags'
// attribute values skipped); lower case, or "" when there is none.
std::string PrescanHtmlCharset(std::string_view head);

// The charset parameter of a Content-Type value ("text/html; charset=UTF-8" -> "utf-8"), or "".
std::string CharsetOfContentType(std::string_view content_type);

// True if at most 10% of the non-ASCII bytes of `s` are ill-formed UTF-8: a UTF-8 text with a
// few damaged characters, to be repaired, rather than text in another charset.
bool MostlyUtf8(std::string_view s);

struct RepairedUtf8 {
  std::string text;
  uint64_t replaced_bytes = 0;
};
// `s` with every maximal ill-formed subsequence replaced by one U+FFFD (the Unicode Standard's
// recommended practice, as ICU and browsers do).
RepairedUtf8 RepairUtf8(std::string_view s);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_DECODE_H_
