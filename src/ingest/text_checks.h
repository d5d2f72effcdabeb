// Byte-level checks on input text. Internal to src/ingest (FindInvalidUtf8 and SniffFormat are
// public in ingest.h).
//
// In: raw bytes as read. Out: yes/no answers and offsets; nothing is modified or copied.
// Guaranteed: linear time, no allocation, any bytes accepted (including NUL).
#ifndef RASD_INGEST_TEXT_CHECKS_H_
#define RASD_INGEST_TEXT_CHECKS_H_

#include <cstddef>
#include <string_view>

namespace rasd::ingest {

// How many leading bytes LooksBinary examines, and the share of control bytes above which text
// is taken for binary. 8 KB is what `file` and git look at; 30% tolerates a few stray form
// feeds or escape codes in real text while catching images, archives and executables.
inline constexpr size_t kBinarySniffBytes = 8192;

// True if the first kBinarySniffBytes of `head` hold a NUL byte or more than 30% control bytes
// (C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL).
bool LooksBinary(std::string_view head);

// `s` without a leading UTF-8 byte order mark (EF BB BF).
std::string_view StripUtf8Bom(std::string_view s);

// True if `s` holds nothing but whitespace: ASCII whitespace, no-break spaces, the Unicode
// space separators, zero-width spaces and joiners, direction marks and byte order marks.
// `s` must be valid UTF-8.
bool IsBlank(std::string_view s);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_TEXT_CHECKS_H_
