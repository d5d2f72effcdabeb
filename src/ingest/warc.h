// The records of a WARC file, plain or gzip-compressed, as ingest Items. Internal to src/ingest.
//
// In: the bytes of a .warc or .warc.gz file (gzip is recognised by its magic bytes, not the
// name), one gzip member per record as Common Crawl writes them or one gzip stream for the
// whole file. Out: an Item per response record (a RawDocument with the page, or a Rejection or
// Skip with the reason); other records (warcinfo, request, metadata, revisit, ...) are counted,
// not returned. A file without a single record is rejected as empty; one without a response
// record ends as a Skip.
//
// Sources are "path@OFFSET": the byte offset of the record in a plain file; in a .warc.gz, the
// offset of the gzip member the record starts in (where `dd skip=OFFSET | zcat` finds it), with
// "+N" when it starts N bytes into that member's data (a single-stream file).
//
// Guaranteed: bounded memory: the decompressor works a chunk at a time and at most one record
// (up to Options::max_document_bytes, plus its header) is held; a larger record is drained and
// rejected as too large. One bad record never stops the file: a corrupt WARC header rejects
// its record and reading resumes at the next line starting "WARC/1."; a Content-Length that
// does not end at the record's end rejects the record, and reading resumes at the next record
// line; corrupt gzip data is rejected with its file offset and reading resumes at the next gzip
// member; a file cut short keeps the records before the cut. Not guaranteed: a record whose
// over-long Content-Length swallows later records and exceeds the document limit loses those
// records too (they are drained with it).
//
//   WarcReader warc("crawl.warc.gz", FdSource(fd), options);
//   while (std::optional<Item> item = warc.Next()) Use(*item);
#ifndef RASD_INGEST_WARC_H_
#define RASD_INGEST_WARC_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ingest/byte_reader.h"
#include "ingest/ingest.h"

namespace rasd::ingest {

class WarcStream;

class WarcReader {
 public:
  WarcReader(std::string name, std::unique_ptr<ByteSource> file, Options options);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next item of the file, or nullopt at its end. Never throws.
  std::optional<Item> Next();

  uint64_t file_bytes() const;  // bytes of the file consumed so far (compressed)
  uint64_t records_skipped() const { return records_skipped_; }

 private:
  std::optional<Item> ReadRecord();
  // Consumes bytes up to the next line that starts "WARC/1." (not past it); returns how many.
  uint64_t Resync(bool at_line_start);

  std::string name_;
  Options options_;
  std::unique_ptr<WarcStream> stream_;
  uint64_t records_ = 0;          // records whose header parsed
  uint64_t items_ = 0;            // items returned
  uint64_t records_skipped_ = 0;  // records other than responses
  bool resync_ = false;           // after damage: skip to the next record line first
  bool done_ = false;
};

}  // namespace rasd::ingest

#endif  // RASD_INGEST_WARC_H_
