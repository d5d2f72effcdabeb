// Sequential reading with bounded memory: lines and whole documents from a file descriptor or
// an std::istream. Internal to src/ingest.
//
// In: a ByteSource. Out: lines (without their '\n') or a whole input, each capped at a caller's
// limit. Guaranteed: memory held is the caller's limit plus one buffer (kChunkBytes), however
// long a line or input is: an over-long line is skipped in chunks, never held. Read errors come
// back as Status (kIoError); nothing throws. Not guaranteed: seeking, or re-reading what was
// consumed.
//
//   BufferedReader in(FdSource(fd));
//   while (auto line = in.ReadLine(64 << 20); line.ok() && *line) Use((*line)->text);
#ifndef RASD_INGEST_BYTE_READER_H_
#define RASD_INGEST_BYTE_READER_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace rasd::ingest {

// A source of bytes read front to back.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; 0 means the end of the input.
  virtual Result<size_t> Read(char* buffer, size_t size) = 0;
};

// Reads an open file descriptor, which it owns and closes.
std::unique_ptr<ByteSource> FdSource(int fd);
// Reads `in`, which must outlive the source (it is borrowed, e.g. std::cin).
std::unique_ptr<ByteSource> StreamSource(std::istream& in);

class BufferedReader {
 public:
  // Bytes asked of the source at a time.
  static constexpr size_t kChunkBytes = 64 * 1024;

  explicit BufferedReader(std::unique_ptr<ByteSource> source);

  // Up to `size` bytes from the current position, without consuming them; fewer only at the
  // end of the input. The view lives until the next call on this reader.
  Result<std::string_view> Peek(size_t size);

  struct Line {
    std::string text;       // without the '\n'; empty when too_long
    uint64_t bytes = 0;     // bytes consumed, '\n' included
    bool too_long = false;  // longer than the limit: skipped, not held
  };
  // The next line, or nullopt at the end of the input. A last line without '\n' is a line.
  Result<std::optional<Line>> ReadLine(uint64_t max_bytes);

  struct Whole {
    std::string data;        // the input from the current position, at most max_bytes
    uint64_t bytes = 0;      // bytes consumed
    bool too_large = false;  // more than max_bytes: reading stopped after max_bytes + 1
  };
  // The rest of the input. `size_hint` (0 when unknown) only pre-sizes the buffer.
  Result<Whole> ReadAll(uint64_t max_bytes, uint64_t size_hint);

  // The rest of the input as a source: the bytes buffered (peeked) first, then the source's.
  // For an input whose format is known only after peeking (a WARC on stdin).
  std::unique_ptr<ByteSource> Release() &&;

 private:
  // Appends up to min(at_most, kChunkBytes) bytes from the source to the buffer; sets eof_
  // when the source is exhausted. Peek asks for no more than it needs, so sniffing stdin never
  // reads past the document limit.
  Status Fill(size_t at_most);

  std::unique_ptr<ByteSource> source_;
  std::string buffer_;
  size_t pos_ = 0;  // first unconsumed byte of buffer_
  bool eof_ = false;
};

}  // namespace rasd::ingest

#endif  // RASD_INGEST_BYTE_READER_H_
