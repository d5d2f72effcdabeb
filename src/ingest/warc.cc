#include "ingest/warc.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/decode.h"
#include "ingest/jsonl.h"
#include "ingest/text_checks.h"

namespace rasd::ingest {

namespace {

constexpr size_t kChunkBytes = 64 * 1024;
// A WARC header is a dozen short lines; Common Crawl's are under 1 KB.
constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::string_view kRecordLine = "WARC/1.";
constexpr std::string_view kGzipMagic = "\x1f\x8b\x08";

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<uint64_t> ParseUint(std::string_view s) {
  s = Trim(s);
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// The end of a header block (just past its blank line), accepting LF as well as CRLF line
// ends; npos when there is none in `s`.
size_t HeaderEnd(std::string_view s) {
  for (size_t i = s.find('\n'); i != std::string_view::npos; i = s.find('\n', i + 1)) {
    if (i + 1 < s.size() && s[i + 1] == '\n') return i + 2;
    if (i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

struct HeaderField {
  std::string name;  // lower case
  std::string value;
};

// "Name: value" lines after the first line of `header`; continuation lines (starting with a
// space or tab) extend the previous value. nullopt if a line is neither.
std::optional<std::vector<HeaderField>> ParseFields(std::string_view header) {
  std::vector<HeaderField> fields;
  size_t pos = header.find('\n');
  while (pos != std::string_view::npos && pos + 1 < header.size()) {
    size_t start = pos + 1;
    size_t end = header.find('\n', start);
    std::string_view line =
        header.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    pos = end;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      if (fields.empty()) return std::nullopt;
      fields.back().value += " ";
      fields.back().value += Trim(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    fields.push_back(
        {Lower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1)))});
  }
  return fields;
}

std::string FieldOf(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& f : fields) {
    if (f.name == name) return f.value;
  }
  return "";
}

// Inflates a whole gzip or zlib payload (an HTTP Content-Encoding), stopping past `limit`.
struct Inflated {
  bool ok = false;
  bool too_large = false;
  std::string data;
};

Inflated InflatePayload(std::string_view in, uint64_t limit) {
  Inflated out;
  z_stream z{};
  // 15 + 32: zlib or gzip, by the header.
  if (inflateInit2(&z, 15 + 32) != Z_OK) return out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  int ret = Z_OK;
  while (ret == Z_OK) {
    size_t old = out.data.size();
    if (old > limit) {
      out.too_large = true;
      break;
    }
    out.data.resize(old + kChunkBytes);
    z.next_out = reinterpret_cast<Bytef*>(out.data.data() + old);
    z.avail_out = kChunkBytes;
    ret = inflate(&z, Z_NO_FLUSH);
    out.data.resize(old + kChunkBytes - z.avail_out);
  }
  inflateEnd(&z);
  out.ok = ret == Z_STREAM_END || out.too_large;
  return out;
}

// The body of an HTTP message in chunked transfer coding; nullopt if it is not well-formed.
// Writers that keep the wire bytes (wget) store it so; Common Crawl decodes it.
std::optional<std::string> Dechunk(std::string_view in) {
  std::string out;
  while (true) {
    size_t eol = in.find('\n');
    if (eol == std::string_view::npos) return std::nullopt;
    std::string_view size_line = in.substr(0, eol);
    size_line = size_line.substr(0, size_line.find(';'));
    size_line = Trim(size_line);
    uint64_t size = 0;
    auto [end, ec] =
        std::from_chars(size_line.data(), size_line.data() + size_line.size(), size, 16);
    if (ec != std::errc() || end != size_line.data() + size_line.size() || size_line.empty()) {
      return std::nullopt;
    }
    in.remove_prefix(eol + 1);
    if (size == 0) return out;
    if (size > in.size()) return std::nullopt;
    out.append(in.substr(0, size));
    in.remove_prefix(size);
    if (in.substr(0, 2) == "\r\n") {
      in.remove_prefix(2);
    } else if (in.substr(0, 1) == "\n") {
      in.remove_prefix(1);
    }
  }
}

}  // namespace

// The uncompressed bytes of a WARC file, read front to back, with where each came from.
// Corrupt gzip data is "damage": reading stops at it, as at the end of the input, until the
// caller takes the message, then goes on at the next gzip member.
class WarcStream {
 public:
  explicit WarcStream(std::unique_ptr<ByteSource> file) : file_(std::move(file)) {}
  ~WarcStream() {
    if (z_init_) inflateEnd(&z_);
  }
  WarcStream(const WarcStream&) = delete;
  WarcStream& operator=(const WarcStream&) = delete;

  // Up to `n` bytes from the read position; fewer at the end of the input or at damage.
  Result<std::string_view> Peek(size_t n) {
    while (buf_.size() - pos_ < n && !eof_ && !damage_) RETURN_IF_ERROR(Fill());
    return std::string_view(buf_).substr(pos_, n);
  }

  void Consume(size_t n) {
    n = std::min(n, buf_.size() - pos_);
    pos_ += n;
    offset_ += n;
  }

  uint64_t offset() const { return offset_; }
  uint64_t file_bytes() const { return file_bytes_; }
  bool damaged() const { return damage_.has_value() && pos_ == buf_.size(); }

  // The damage's file offset and message; reading goes on past it.
  std::pair<uint64_t, std::string> TakeDamage() {
    auto d = std::move(*damage_);
    damage_.reset();
    return d;
  }

  // "@OFFSET" or "@MEMBER+N" for an offset at or after the current record's start.
  std::string Where(uint64_t offset) const {
    if (!gzip_) return "@" + std::to_string(offset);
    const Boundary* at = nullptr;
    for (const Boundary& b : boundaries_) {
      if (b.uncompressed <= offset) at = &b;
    }
    if (!at) return "@" + std::to_string(offset);
    if (at->uncompressed == offset) return "@" + std::to_string(at->member);
    return "@" + std::to_string(at->member) + "+" + std::to_string(offset - at->uncompressed);
  }

  // True if a gzip member starts at `offset` of the uncompressed stream.
  bool IsMemberStart(uint64_t offset) const {
    for (const Boundary& b : boundaries_) {
      if (b.uncompressed == offset) return true;
    }
    return false;
  }

  // Forgets member boundaries that no offset from `offset` on can fall in.
  void ForgetBefore(uint64_t offset) {
    while (boundaries_.size() > 1 && boundaries_[1].uncompressed <= offset) {
      boundaries_.pop_front();
    }
  }

 private:
  struct Boundary {
    uint64_t uncompressed;  // offset in the uncompressed stream where the member starts
    uint64_t member;        // file offset of the member
  };

  // Drops consumed bytes when they are at least half the buffer, so it stays near the peek size.
  void Compact() {
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
  }

  // Reads the next chunk of the file into in_; false at its end.
  Result<bool> ReadInput() {
    if (in_eof_) return false;
    in_offset_ += in_pos_;
    in_.erase(0, in_pos_);
    in_pos_ = 0;
    size_t old = in_.size();
    in_.resize(old + kChunkBytes);
    Result<size_t> n = file_->Read(in_.data() + old, kChunkBytes);
    if (!n.ok()) {
      in_.resize(old);
      return n.status();
    }
    in_.resize(old + *n);
    file_bytes_ += *n;
    if (*n == 0) in_eof_ = true;
    return *n > 0;
  }

  Status Fill() {
    Compact();
    if (!started_) {
      started_ = true;
      while (in_.size() < kGzipMagic.size()) {
        Result<bool> more = ReadInput();
        if (!more.ok()) return more.status();
        if (!*more) break;
      }
      gzip_ = std::string_view(in_).substr(0, 2) == kGzipMagic.substr(0, 2);
    }
    if (!gzip_) {
      if (in_pos_ == in_.size()) {
        Result<bool> more = ReadInput();
        if (!more.ok()) return more.status();
        if (!*more) {
          eof_ = true;
          return Status::Ok();
        }
      }
      buf_.append(in_, in_pos_, std::string::npos);
      in_pos_ = in_.size();
      return Status::Ok();
    }
    return Inflate();
  }

  // Skips to the next gzip magic; bytes skipped are damage unless `quiet` (the rest of a
  // member already reported as corrupt).
  Status SkipToMember(bool quiet) {
    uint64_t start = in_offset_ + in_pos_;
    while (true) {
      size_t found = std::string_view(in_).find(kGzipMagic, in_pos_);
      if (found != std::string_view::npos) {
        in_pos_ = found;
        break;
      }
      // Keep a possible start of the magic at the end of the chunk.
      in_pos_ = std::max(in_pos_, in_.size() - std::min(in_.size(), kGzipMagic.size() - 1));
      Result<bool> more = ReadInput();
      if (!more.ok()) return more.status();
      if (!*more) {
        in_pos_ = in_.size();
        eof_ = true;
        break;
      }
    }
    uint64_t skipped = in_offset_ + in_pos_ - start;
    if (!quiet && skipped > 0) {
      damage_ = {start, std::to_string(skipped) + " bytes that are not gzip data at byte " +
                            std::to_string(start)};
    }
    return Status::Ok();
  }

  Status Inflate() {
    if (in_pos_ == in_.size()) {
      Result<bool> more = ReadInput();
      if (!more.ok()) return more.status();
      if (!*more) {
        if (in_member_) {
          uint64_t end = in_offset_ + in_pos_;
          damage_ = {member_, "gzip data cut off at byte " + std::to_string(end) +
                                  " (in the member starting at byte " + std::to_string(member_) +
                                  ")"};
          in_member_ = false;
        }
        eof_ = true;
        return Status::Ok();
      }
    }
    if (!in_member_) {
      if (in_.size() - in_pos_ < kGzipMagic.size() && !in_eof_) {
        Result<bool> more = ReadInput();
        if (!more.ok()) return more.status();
      }
      if (std::string_view(in_).substr(in_pos_, kGzipMagic.size()) != kGzipMagic) {
        return SkipToMember(/*quiet=*/false);
      }
      int ret = z_init_ ? inflateReset(&z_) : inflateInit2(&z_, 15 + 16);  // gzip only
      if (ret != Z_OK) return Status::Internal("zlib: cannot start a gzip member");
      z_init_ = true;
      in_member_ = true;
      member_ = in_offset_ + in_pos_;
      boundaries_.push_back({produced_, member_});
    }
    z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    z_.avail_in = static_cast<uInt>(in_.size() - in_pos_);
    size_t old = buf_.size();
    buf_.resize(old + kChunkBytes);
    z_.next_out = reinterpret_cast<Bytef*>(buf_.data() + old);
    z_.avail_out = kChunkBytes;
    int ret = inflate(&z_, Z_NO_FLUSH);
    size_t produced = kChunkBytes - z_.avail_out;
    buf_.resize(old + produced);
    produced_ += produced;
    in_pos_ = in_.size() - z_.avail_in;
    if (ret == Z_STREAM_END) {
      in_member_ = false;
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      uint64_t at = in_offset_ + in_pos_;
      damage_ = {member_, "corrupt gzip data at byte " + std::to_string(at) +
                              " (in the member starting at byte " + std::to_string(member_) +
                              "): " + (z_.msg ? z_.msg : "inflate failed")};
      in_member_ = false;
      // Resume after the member's start: the next magic is the next member.
      if (in_pos_ == 0 || in_offset_ + in_pos_ <= member_) ++in_pos_;
      return SkipToMember(/*quiet=*/true);
    }
    return Status::Ok();
  }

  std::unique_ptr<ByteSource> file_;
  bool started_ = false;
  bool gzip_ = false;
  bool eof_ = false;
  // Uncompressed bytes: buf_[pos_] is at offset_ of the stream.
  std::string buf_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  uint64_t produced_ = 0;  // uncompressed bytes produced so far
  // Compressed bytes: in_[0] is at file offset in_offset_.
  std::string in_;
  size_t in_pos_ = 0;
  uint64_t in_offset_ = 0;
  bool in_eof_ = false;
  uint64_t file_bytes_ = 0;
  z_stream z_{};
  bool z_init_ = false;
  bool in_member_ = false;
  uint64_t member_ = 0;  // file offset of the member being inflated
  std::deque<Boundary> boundaries_;
  std::optional<std::pair<uint64_t, std::string>> damage_;
};

namespace {

struct HttpResponse {
  int status = 0;
  std::string reason;
  std::vector<HeaderField> fields;
  std::string_view payload;
};

std::optional<HttpResponse> ParseHttp(std::string_view block) {
  if (block.substr(0, 5) != "HTTP/") return std::nullopt;
  size_t end = HeaderEnd(block);
  if (end == std::string_view::npos) {
    // Headers without a body: the block may end right after the last header line.
    if (block.size() < 2 || block.back() != '\n') return std::nullopt;
    end = block.size();
  }
  size_t eol = block.find('\n');
  std::string_view status_line = Trim(block.substr(0, eol));
  size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  std::string_view rest = status_line.substr(sp + 1);
  size_t sp2 = rest.find(' ');
  std::optional<uint64_t> code = ParseUint(rest.substr(0, sp2));
  if (!code || *code < 100 || *code > 999) return std::nullopt;
  std::optional<std::vector<HeaderField>> fields = ParseFields(block.substr(0, end));
  if (!fields) return std::nullopt;
  HttpResponse r;
  r.status = static_cast<int>(*code);
  if (sp2 != std::string_view::npos) r.reason = std::string(Trim(rest.substr(sp2 + 1)));
  r.fields = std::move(*fields);
  r.payload = block.substr(end);
  return r;
}

Item SkippedRecord(std::string source, std::string reason) {
  Item item;
  item.kind = ItemKind::kSkip;
  item.skipped = std::move(source);
  item.skip_reason = std::move(reason);
  return item;
}

// The format of a response by its media type: "html", "txt", or "" for one rasd does not read.
std::string FormatOfMediaType(std::string_view media_type, std::string_view payload) {
  if (media_type == "text/html" || media_type == "application/xhtml+xml") return "html";
  if (media_type == "text/plain") return "txt";
  if (media_type.empty()) return std::string(SniffFormat(payload)) == "html" ? "html" : "txt";
  return "";
}

}  // namespace

WarcReader::WarcReader(std::string name, std::unique_ptr<ByteSource> file, Options options)
    : name_(std::move(name)),
      options_(options),
      stream_(std::make_unique<WarcStream>(std::move(file))) {}

WarcReader::~WarcReader() = default;

uint64_t WarcReader::file_bytes() const { return stream_->file_bytes(); }

std::optional<Item> WarcReader::Next() {
  if (done_) return std::nullopt;
  std::optional<Item> item = ReadRecord();
  if (item) {
    ++items_;
    return item;
  }
  done_ = true;
  // Every input ends as at least one item.
  if (records_ == 0 && items_ == 0) {
    return Rejected(name_, RejectReason::kEmpty, name_ + ": no WARC records (empty file)",
                    file_bytes());
  }
  if (items_ == 0) {
    return SkippedRecord(
        name_, "no response records (" + std::to_string(records_skipped_) + " other records)");
  }
  return std::nullopt;
}

uint64_t WarcReader::Resync(bool at_line_start) {
  uint64_t skipped = 0;
  while (true) {
    Result<std::string_view> view = stream_->Peek(kChunkBytes);
    if (!view.ok() || view->empty()) return skipped;
    if (at_line_start && view->substr(0, kRecordLine.size()) == kRecordLine) return skipped;
    at_line_start = false;
    std::string pattern = "\n" + std::string(kRecordLine);
    size_t found = view->find(pattern);
    if (found != std::string_view::npos) {
      stream_->Consume(found + 1);
      return skipped + found + 1;
    }
    // Keep what may be the start of the pattern at the end of the view; a view that short is
    // the end of the input (or of the readable gzip data).
    size_t take = view->size() > pattern.size() ? view->size() - pattern.size() : view->size();
    stream_->Consume(take);
    skipped += take;
  }
}

std::optional<Item> WarcReader::ReadRecord() {
  while (true) {
    if (resync_) {
      resync_ = false;
      Resync(/*at_line_start=*/true);
    }
    const uint64_t start = stream_->offset();
    stream_->ForgetBefore(start);
    Result<std::string_view> head = stream_->Peek(kMaxHeaderBytes);
    if (!head.ok()) {
      done_ = true;
      return Rejected(name_, RejectReason::kUnreadable, name_ + ": " + head.status().message(), 0);
    }
    if (head->empty()) {
      if (!stream_->damaged()) return std::nullopt;
      auto [at, message] = stream_->TakeDamage();
      resync_ = true;
      std::string source = name_ + "@" + std::to_string(at);
      return Rejected(source, RejectReason::kCorruptGzip, source + ": " + message, 0);
    }
    const std::string where = stream_->Where(start);
    const std::string source = name_ + where;
    auto reject = [&](RejectReason reason, const std::string& problem, uint64_t bytes) {
      return Rejected(source, reason, source + ": " + problem, bytes);
    };

    if (head->substr(0, kRecordLine.size()) != kRecordLine) {
      uint64_t skipped = Resync(/*at_line_start=*/false);
      std::string problem =
          records_ == 0 && start == 0
              ? "not a WARC file (no \"WARC/1.\" record line at its start)"
              : std::to_string(skipped) + " bytes outside any WARC record; skipped to the next";
      RejectReason reason = RejectReason::kBadRecord;
      if (stream_->damaged()) {
        problem += "; then " + stream_->TakeDamage().second;
        reason = RejectReason::kCorruptGzip;
        resync_ = true;
      }
      return reject(reason, problem, skipped);
    }

    size_t header_end = HeaderEnd(*head);
    std::optional<std::vector<HeaderField>> fields;
    if (header_end != std::string_view::npos) fields = ParseFields(head->substr(0, header_end));
    std::optional<uint64_t> length;
    std::string type;
    if (fields) {
      length = ParseUint(FieldOf(*fields, "content-length"));
      type = Lower(FieldOf(*fields, "warc-type"));
    }
    if (!length || type.empty()) {
      std::string problem =
          header_end == std::string_view::npos
              ? (head->size() < kMaxHeaderBytes
                     ? "WARC header cut off"
                     : "WARC header longer than " + std::to_string(kMaxHeaderBytes) + " bytes")
          : !fields ? "corrupt WARC header (a line that is not \"Name: value\")"
          : !length ? "corrupt WARC header (no valid Content-Length)"
                    : "corrupt WARC header (no WARC-Type)";
      stream_->Consume(kRecordLine.size());
      uint64_t skipped = kRecordLine.size() + Resync(/*at_line_start=*/false);
      RejectReason reason = RejectReason::kBadRecord;
      if (stream_->damaged()) {
        problem += "; " + stream_->TakeDamage().second;
        reason = RejectReason::kCorruptGzip;
        resync_ = true;
      }
      return reject(reason, problem + "; skipped to the next record", skipped);
    }
    ++records_;
    const std::string record_id = FieldOf(*fields, "warc-record-id");
    const std::string named = record_id.empty() ? "" : " (record " + record_id + ")";
    const uint64_t header_bytes = header_end;
    const bool response = type == "response";
    if (!response) ++records_skipped_;

    if (*length > options_.max_document_bytes) {
      // Drained a chunk at a time, never held.
      stream_->Consume(header_bytes);
      uint64_t left = *length;
      while (left > 0) {
        Result<std::string_view> part = stream_->Peek(std::min<uint64_t>(left, kChunkBytes));
        if (!part.ok() || part->empty()) break;
        stream_->Consume(part->size());
        left -= part->size();
      }
      resync_ = true;
      if (left > 0) {
        std::string problem = "record cut off: Content-Length " + std::to_string(*length) +
                              " but the input ends " + std::to_string(left) + " bytes short";
        RejectReason reason = RejectReason::kBadRecord;
        if (stream_->damaged()) {
          problem += "; " + stream_->TakeDamage().second;
          reason = RejectReason::kCorruptGzip;
        }
        return reject(reason, problem + named, *length - left);
      }
      if (!response) continue;
      return reject(RejectReason::kTooLarge,
                    "record of " + std::to_string(*length) + " bytes, over the limit of " +
                        std::to_string(options_.max_document_bytes) + " bytes" + named,
                    header_bytes + *length);
    }

    // The record and what follows it: its CRLF CRLF and the next record line.
    const size_t block_end = header_bytes + static_cast<size_t>(*length);
    Result<std::string_view> view = stream_->Peek(block_end + 4 + kRecordLine.size());
    if (!view.ok()) {
      done_ = true;
      return reject(RejectReason::kUnreadable, view.status().message(), 0);
    }
    // A record line inside the block means the Content-Length overruns this record.
    auto next_record_in_block = [&]() -> size_t {
      std::string_view block = view->substr(0, std::min(view->size(), block_end));
      size_t found = block.find("\n" + std::string(kRecordLine), header_bytes - 1);
      return found == std::string_view::npos ? found : found + 1;
    };
    if (view->size() < block_end) {
      if (size_t next = next_record_in_block(); next != std::string_view::npos) {
        stream_->Consume(next);
        return reject(RejectReason::kBadRecord,
                      "Content-Length " + std::to_string(*length) +
                          " runs past the next record, at " + stream_->Where(start + next) + named,
                      next);
      }
      size_t got = view->size();
      stream_->Consume(got);
      std::string problem = "record cut off: Content-Length " + std::to_string(*length) +
                            " but only " + std::to_string(got - header_bytes) + " bytes follow";
      RejectReason reason = RejectReason::kBadRecord;
      if (stream_->damaged()) {
        problem += "; " + stream_->TakeDamage().second;
        reason = RejectReason::kCorruptGzip;
        resync_ = true;
      }
      return reject(reason, problem + named, got);
    }
    // The record must end where its Content-Length says: CR/LF bytes, then the next record
    // line, the end of the input, or the end of its gzip member (what follows may be damaged).
    std::string_view after = view->substr(block_end);
    size_t crlf = 0;
    while (crlf < after.size() && crlf < 4 && (after[crlf] == '\r' || after[crlf] == '\n')) ++crlf;
    std::string_view next = after.substr(crlf);
    bool ends_right = next.substr(0, kRecordLine.size()) ==
                          kRecordLine.substr(0, std::min(next.size(), kRecordLine.size())) ||
                      stream_->IsMemberStart(start + block_end + crlf);
    if (!ends_right) {
      size_t at = next_record_in_block();
      if (at != std::string_view::npos) {
        stream_->Consume(at);
      } else {
        stream_->Consume(block_end);
        Resync(/*at_line_start=*/false);
      }
      return reject(RejectReason::kBadRecord,
                    "Content-Length " + std::to_string(*length) +
                        " does not end at the record's end; skipped to the next record" + named,
                    stream_->offset() - start);
    }
    const uint64_t record_bytes = block_end + crlf;
    if (!response) {
      stream_->Consume(record_bytes);
      continue;
    }
    // Copied out: the view dies with the next read. At most max_document_bytes.
    std::string block(view->substr(header_bytes, static_cast<size_t>(*length)));
    stream_->Consume(record_bytes);

    std::optional<HttpResponse> http = ParseHttp(block);
    if (!http) {
      return reject(RejectReason::kBadRecord, "unreadable HTTP response header" + named,
                    record_bytes);
    }
    if (http->status != 200) {
      return reject(RejectReason::kHttpStatus,
                    "HTTP " + std::to_string(http->status) +
                        (http->reason.empty() ? "" : " " + http->reason) + named,
                    record_bytes);
    }
    const std::string content_type = FieldOf(http->fields, "content-type");
    std::string media_type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
    std::string format = FormatOfMediaType(media_type, http->payload);
    if (format.empty()) {
      return SkippedRecord(source, "HTTP response of type " + media_type + named);
    }
    std::string payload(http->payload);
    if (Lower(FieldOf(http->fields, "transfer-encoding")).find("chunked") != std::string::npos) {
      std::optional<std::string> body = Dechunk(payload);
      if (!body) {
        return reject(RejectReason::kBadRecord, "broken chunked transfer coding" + named,
                      record_bytes);
      }
      payload = std::move(*body);
    }
    std::string encoding = Lower(FieldOf(http->fields, "content-encoding"));
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
      Inflated inflated = InflatePayload(payload, options_.max_document_bytes);
      if (inflated.too_large) {
        return reject(RejectReason::kTooLarge,
                      "payload over the limit of " + std::to_string(options_.max_document_bytes) +
                          " bytes once decompressed" + named,
                      record_bytes);
      }
      if (!inflated.ok) {
        return reject(RejectReason::kCorruptGzip,
                      "payload with Content-Encoding " + encoding + " does not decompress" + named,
                      record_bytes);
      }
      payload = std::move(inflated.data);
    } else if (!encoding.empty() && encoding != "identity") {
      return reject(RejectReason::kBinary,
                    "payload compressed with " + encoding + ", which rasd does not read" + named,
                    record_bytes);
    }
    if (payload.empty()) return reject(RejectReason::kEmpty, "empty payload" + named, record_bytes);
    Decoded text = DecodeText(payload, CharsetOfContentType(content_type), format == "html");
    if (!text.ok) return reject(text.reason, text.problem + named, record_bytes);
    if (IsBlank(text.text))
      return reject(RejectReason::kEmpty, "only whitespace" + named, record_bytes);

    Item item;
    item.kind = ItemKind::kDocument;
    RawDocument& doc = item.document;
    doc.source = source;
    doc.format = format;
    doc.body = std::move(text.text);
    doc.url = FieldOf(*fields, "warc-target-uri");
    // WARC 1.1's grammar (by mistake) wrapped the URI in angle brackets; some writers follow it.
    if (doc.url.size() >= 2 && doc.url.front() == '<' && doc.url.back() == '>') {
      doc.url = doc.url.substr(1, doc.url.size() - 2);
    }
    doc.input_bytes = record_bytes;
    nlohmann::json meta = nlohmann::json::object();
    // The WARC-Date is when the page was fetched, not published: clean/ finds the latter.
    std::string crawl_date = FieldOf(*fields, "warc-date");
    if (!crawl_date.empty()) meta["crawl_date"] = crawl_date;
    if (!record_id.empty()) meta["warc_record_id"] = record_id;
    if (text.charset != "utf-8") meta["charset"] = text.charset;
    if (text.replaced_bytes > 0) meta["replaced_bytes"] = text.replaced_bytes;
    doc.metadata_json = meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    doc.warnings = std::move(text.warnings);
    return item;
  }
}

}  // namespace rasd::ingest
