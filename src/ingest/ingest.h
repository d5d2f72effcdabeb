// ingest: turns paths (files, directories walked recursively, "-" for stdin) into a stream of
// raw documents, one at a time, with bounded memory.
//
// In: paths. Out: Items, each a RawDocument, a Rejection (with the file, the line where there
// is one, and the reason) or a Skip (a file of a format rasd does not read, e.g. a README or
// an image, met during a directory walk). Guaranteed: every input ends as exactly one of these,
// so nothing is lost; no exception escapes; one bad file or line never stops the stream;
// at most one document (bounded by Options::max_document_bytes) is held in memory per Next().
// Not guaranteed: order across files follows directory order sorted by name.
//
// Formats, by extension: .txt (UTF-8 text), .jsonl (one article per line; text from "text",
// "body" or "content"; "title", "url", "published", "outlet" read; other fields kept in
// metadata_json), .html/.htm (kept raw; clean/ extracts the text). Stdin is sniffed: JSONL if
// the first non-blank byte is '{', HTML if it starts with '<', text otherwise.
//
// Details callers may rely on: a file named explicitly with another extension (or a named
// pipe) is sniffed like stdin, not skipped; in a walk, other files, pipes and devices are
// Skips, and so is a symbolic link back to a directory already on the walk (no loops). A UTF-8
// BOM is stripped; CRLF is kept in txt/html bodies (clean/ normalises it) and stripped from
// JSONL lines. In JSONL, a null field counts as absent, nesting deeper than 64 levels is
// malformed-json, and an input without a single record is rejected as empty. Invalid UTF-8
// rejects the document (the message gives the byte offset); nothing is repaired.
//
//   ingest::Reader reader({"corpus/", "-"}, {});
//   while (std::optional<ingest::Item> item = reader.Next()) {
//     if (item->kind == ingest::ItemKind::kDocument) Process(item->document);
//   }
#ifndef RASD_INGEST_INGEST_H_
#define RASD_INGEST_INGEST_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace rasd::ingest {

// A document as read, before cleaning.
struct RawDocument {
  std::string source;     // "path", "path:LINE" (JSONL), "-" or "-:LINE" (stdin)
  std::string format;     // "txt", "jsonl" or "html"
  std::string body;       // UTF-8 (validated): text, or the HTML page for "html"
  std::string title;      // from JSONL fields; empty otherwise
  std::string url;
  std::string published;  // as given (validated as ISO 8601 by clean/)
  std::string outlet;
  std::string metadata_json = "{}";  // unknown JSONL fields as a JSON object
  uint64_t input_bytes = 0;          // bytes this document occupied in its input
};

// Stored in the rejects table: values must not be renumbered.
enum class RejectReason : uint8_t {
  kMissing = 0,        // path does not exist
  kUnreadable = 1,     // permission denied or read error
  kBinary = 2,         // NUL bytes or mostly non-text
  kInvalidUtf8 = 3,    // not valid UTF-8
  kEmpty = 4,          // no text at all
  kMalformedJson = 5,  // a JSONL line that does not parse or is not an object
  kNoText = 6,         // a JSONL object without a text/body/content string
  kTooLarge = 7,       // a document over Options::max_document_bytes
  kBadField = 8,       // a field of the wrong type (e.g. "published": 5)
};
const char* RejectReasonName(RejectReason reason);  // "invalid-utf8", "malformed-json", ...

struct Rejection {
  std::string source;   // file, with ":LINE" for a JSONL line
  RejectReason reason = RejectReason::kMissing;
  std::string message;  // one line naming the file and the problem
  uint64_t input_bytes = 0;
};

enum class ItemKind : uint8_t { kDocument = 0, kRejection = 1, kSkip = 2 };

struct Item {
  ItemKind kind = ItemKind::kDocument;
  RawDocument document;   // when kDocument
  Rejection rejection;    // when kRejection
  std::string skipped;    // path of the skipped file, when kSkip
};

struct Options {
  uint64_t max_document_bytes = 64ull << 20;  // larger documents/lines are rejected (kTooLarge)
};

class Reader {
 public:
  // `paths` are read in order; a directory is walked recursively (sorted by name). stdin is
  // read when a path is "-"; `stdin_stream` replaces std::cin for tests.
  Reader(std::vector<std::string> paths, Options options, std::istream* stdin_stream = nullptr);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The next item, or nullopt when every input has been read. Never throws.
  std::optional<Item> Next();

  // Bytes consumed so far over all inputs (for progress and MB/s). A file rejected as too
  // large without being read counts with its size; skipped files do not count, so a walk ends
  // at the total size of the folder's files of readable formats.
  uint64_t bytes_read() const;
  // Files opened so far (a JSONL file counts once).
  uint64_t files_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True if `path` has an extension rasd reads (.txt, .jsonl, .html, .htm).
bool IsReadableFormat(const std::string& path);

// The format of an input by its first bytes, as for stdin and for a named file of unknown
// extension: "jsonl" if the first non-blank byte (after a UTF-8 BOM) is '{', "html" if it is
// '<', "txt" otherwise (also for empty input).
const char* SniffFormat(std::string_view head);

// The byte offset of the first ill-formed UTF-8 sequence in `s` (overlong forms, surrogates
// and code points above U+10FFFF are ill-formed), or nullopt when `s` is valid UTF-8.
std::optional<size_t> FindInvalidUtf8(std::string_view s);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_INGEST_H_
