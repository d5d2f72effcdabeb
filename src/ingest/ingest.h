// ingest: turns paths (files, directories walked recursively, "-" for stdin) into a stream of
// raw documents, one at a time, with bounded memory.
//
// In: paths. Out: Items, each a RawDocument, a Rejection (with the file, the line or record
// where there is one, and the reason) or a Skip (a file of a format rasd does not read, e.g. a
// README or an image, met during a directory walk; or a WARC response that is not a page).
// Guaranteed: every input ends as exactly one of these, so nothing is lost; no exception
// escapes; one bad file, line or record never stops the stream; at most one document (bounded
// by Options::max_document_bytes) is held in memory per Next(). Not guaranteed: order across
// files follows directory order sorted by name.
//
// Formats, by extension: .txt (text), .jsonl (one article per line; text from "text", "body"
// or "content"; "title", "url", "published", "outlet" read; other fields kept in
// metadata_json), .html/.htm (kept raw; clean/ extracts the text), .warc and .warc.gz (Common
// Crawl's layout: each response record a document, see below). Stdin is sniffed: WARC if it
// starts with "WARC/" or the gzip magic, JSONL if the first non-blank byte is '{', HTML if it
// starts with '<', text otherwise.
//
// WARC: response records with HTTP status 200 and a text/html, application/xhtml+xml or
// text/plain payload become documents ("html" or "txt"): source "path@OFFSET" (the record's
// offset; in a .warc.gz the offset of its gzip member), url from WARC-Target-URI, and in
// metadata_json "crawl_date" (WARC-Date: when the page was fetched, not published; clean/
// finds the publication date) and "warc_record_id". Other statuses are rejected
// (http-status), other media types are Skips with skip_reason; warcinfo, request, metadata
// and other records are counted (records_skipped()), not returned. Plain and gzip files
// (one member per record, or one stream) are decompressed a chunk at a time. A corrupt record
// header or a Content-Length that does not end at the record's end rejects that record
// (bad-record) and reading resumes at the next "WARC/1." line; corrupt or truncated gzip data
// is rejected (corrupt-gzip) with its file offset, the records before it kept and reading
// resumed at the next gzip member; a record over the document limit is rejected (too-large)
// and drained, not held.
//
// Encodings: text is turned into UTF-8 from UTF-8 (with or without a BOM), UTF-16 LE/BE with a
// BOM, or any charset ICU converts (Windows-1256 and ISO-8859-6 for Arabic). The charset comes
// from the BOM, else the HTTP header (WARC), else a <meta> charset among the page's first 1024
// bytes (the HTML standard's prescan), else ICU's detector when the bytes are not valid UTF-8;
// a declared charset ICU does not know falls back to detection, with a warning. Bytes valid as
// UTF-8 are read as UTF-8 whatever is declared. A mostly valid UTF-8 document (at most 10% of
// its non-ASCII bytes ill-formed) has the bad bytes replaced with U+FFFD; so do bytes that do
// not convert. The count is kept in metadata_json ("replaced_bytes"), the charset when not
// UTF-8 ("charset"), and each is named in RawDocument::warnings. Binary data is rejected
// (binary); bytes neither mostly UTF-8 nor in a charset declared or detected with confidence
// are rejected (invalid-utf8, the message gives the first bad byte offset). A JSONL line must
// be UTF-8 (as JSON is): a mostly valid one is repaired the same way, another rejected.
//
// Details callers may rely on: a file named explicitly with another extension (or a named
// pipe) is sniffed like stdin, not skipped; in a walk, other files, pipes and devices are
// Skips, and so is a symbolic link back to a directory already on the walk (no loops). A UTF-8
// BOM is stripped; CRLF is kept in txt/html bodies (clean/ normalises it) and stripped from
// JSONL lines. In JSONL, a null field counts as absent, nesting deeper than 64 levels is
// malformed-json, and an input without a single record is rejected as empty.
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
  std::string source;  // "path", "path:LINE" (JSONL), "path@OFFSET" (WARC), "-" or "-:LINE"
  std::string format;  // "txt", "jsonl" or "html"
  std::string body;    // valid UTF-8 (converted, repaired): text, or the page for "html"
  std::string title;   // from JSONL fields; empty otherwise
  std::string url;
  std::string published;  // as given (validated as ISO 8601 by clean/)
  std::string outlet;
  std::string metadata_json = "{}";  // unknown JSONL fields; crawl_date, charset, replaced_bytes
  uint64_t input_bytes = 0;          // bytes this document occupied in its input (uncompressed)
  // Problems that did not stop the document, one line each: "3 bytes not valid utf-8 replaced
  // with U+FFFD", "charset 'x-foo' in the header is unknown; the bytes decide".
  std::vector<std::string> warnings;
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
  kHttpStatus = 9,     // a WARC response whose HTTP status is not 200
  kBadRecord = 10,     // a WARC record with a corrupt header, a wrong length, or cut off
  kCorruptGzip = 11,   // gzip data that does not decompress, or is cut off
};
const char* RejectReasonName(RejectReason reason);  // "invalid-utf8", "malformed-json", ...

struct Rejection {
  std::string source;  // file, with ":LINE" for a JSONL line
  RejectReason reason = RejectReason::kMissing;
  std::string message;  // one line naming the file and the problem
  uint64_t input_bytes = 0;
};

enum class ItemKind : uint8_t { kDocument = 0, kRejection = 1, kSkip = 2 };

struct Item {
  ItemKind kind = ItemKind::kDocument;
  RawDocument document;     // when kDocument
  Rejection rejection;      // when kRejection
  std::string skipped;      // path of the skipped file (or "path@OFFSET" record), when kSkip
  std::string skip_reason;  // why, for a WARC record or file ("HTTP response of type image/png")
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
  // Files opened so far (a JSONL or WARC file counts once).
  uint64_t files_read() const;
  // WARC records other than responses (warcinfo, request, metadata, ...) passed over so far.
  uint64_t records_skipped() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True if `path` has an extension rasd reads (.txt, .jsonl, .html, .htm, .warc, .warc.gz).
bool IsReadableFormat(const std::string& path);

// The format of an input by its first bytes, as for stdin and for a named file of unknown
// extension: "warc" if it starts with "WARC/" or the gzip magic (1F 8B), "jsonl" if the first
// non-blank byte (after a UTF-8 BOM) is '{', "html" if it is '<', "txt" otherwise (also for
// empty input).
const char* SniffFormat(std::string_view head);

// The byte offset of the first ill-formed UTF-8 sequence in `s` (overlong forms, surrogates
// and code points above U+10FFFF are ill-formed), or nullopt when `s` is valid UTF-8.
std::optional<size_t> FindInvalidUtf8(std::string_view s);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_INGEST_H_
