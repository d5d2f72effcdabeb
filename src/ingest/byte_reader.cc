#include "ingest/byte_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace rasd::ingest {
namespace {

class FdByteSource : public ByteSource {
 public:
  explicit FdByteSource(int fd) : fd_(fd) {}
  ~FdByteSource() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FdByteSource(const FdByteSource&) = delete;
  FdByteSource& operator=(const FdByteSource&) = delete;

  Result<size_t> Read(char* buffer, size_t size) override {
    while (true) {
      ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno == EINTR) continue;
      return Status::IoError(std::error_code(errno, std::generic_category()).message());
    }
  }

 private:
  int fd_;
};

class StreamByteSource : public ByteSource {
 public:
  explicit StreamByteSource(std::istream& in) : in_(in) {}

  Result<size_t> Read(char* buffer, size_t size) override {
    if (in_.eof()) return size_t{0};
    in_.read(buffer, static_cast<std::streamsize>(size));
    size_t got = static_cast<size_t>(in_.gcount());
    if (in_.bad()) return Status::IoError("read error on input stream");
    return got;
  }

 private:
  std::istream& in_;
};

// Bytes already read from a source, then the rest of it.
class PrefixedByteSource : public ByteSource {
 public:
  PrefixedByteSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}

  Result<size_t> Read(char* buffer, size_t size) override {
    if (pos_ < prefix_.size()) {
      size_t n = std::min(size, prefix_.size() - pos_);
      std::memcpy(buffer, prefix_.data() + pos_, n);
      pos_ += n;
      if (pos_ == prefix_.size()) {
        std::string().swap(prefix_);
        pos_ = 0;
      }
      return n;
    }
    return rest_->Read(buffer, size);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

}  // namespace

std::unique_ptr<ByteSource> FdSource(int fd) { return std::make_unique<FdByteSource>(fd); }

std::unique_ptr<ByteSource> StreamSource(std::istream& in) {
  return std::make_unique<StreamByteSource>(in);
}

BufferedReader::BufferedReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}

Status BufferedReader::Fill(size_t at_most) {
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  size_t want = std::min(at_most, kChunkBytes);
  size_t old = buffer_.size();
  buffer_.resize(old + want);
  Result<size_t> n = source_->Read(buffer_.data() + old, want);
  if (!n.ok()) {
    buffer_.resize(old);
    return n.status();
  }
  buffer_.resize(old + *n);
  if (*n == 0) eof_ = true;
  return Status::Ok();
}

Result<std::string_view> BufferedReader::Peek(size_t size) {
  while (buffer_.size() - pos_ < size && !eof_) {
    RETURN_IF_ERROR(Fill(size - (buffer_.size() - pos_)));
  }
  std::string_view available(buffer_.data() + pos_, buffer_.size() - pos_);
  return available.substr(0, size);
}

Result<std::optional<BufferedReader::Line>> BufferedReader::ReadLine(uint64_t max_bytes) {
  Line line;
  bool any = false;
  while (true) {
    if (pos_ == buffer_.size()) {
      if (eof_) break;
      RETURN_IF_ERROR(Fill(kChunkBytes));
      continue;
    }
    any = true;
    const char* start = buffer_.data() + pos_;
    size_t available = buffer_.size() - pos_;
    const void* nl = std::memchr(start, '\n', available);
    size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : available;
    if (!line.too_long) {
      if (line.text.size() + take > max_bytes) {
        // Drop what was gathered so memory stays bounded; the rest is counted, not kept.
        line.too_long = true;
        std::string().swap(line.text);
      } else {
        line.text.append(start, take);
      }
    }
    line.bytes += take;
    pos_ += take;
    if (nl) {
      ++pos_;
      ++line.bytes;
      return std::optional<Line>(std::move(line));
    }
  }
  if (!any) return std::optional<Line>();
  return std::optional<Line>(std::move(line));
}

std::unique_ptr<ByteSource> BufferedReader::Release() && {
  return std::make_unique<PrefixedByteSource>(buffer_.substr(pos_), std::move(source_));
}

Result<BufferedReader::Whole> BufferedReader::ReadAll(uint64_t max_bytes, uint64_t size_hint) {
  Whole whole;
  if (size_hint > 0) whole.data.reserve(static_cast<size_t>(std::min(size_hint, max_bytes) + 1));
  whole.data.assign(buffer_, pos_, std::string::npos);
  buffer_.clear();
  pos_ = 0;
  while (whole.data.size() <= max_bytes && !eof_) {
    size_t old = whole.data.size();
    size_t want = static_cast<size_t>(std::min<uint64_t>(
        std::max<size_t>(kChunkBytes, size_hint > old ? size_hint - old : 0), max_bytes + 1 - old));
    whole.data.resize(old + want);
    Result<size_t> n = source_->Read(whole.data.data() + old, want);
    if (!n.ok()) return n.status();
    whole.data.resize(old + *n);
    if (*n == 0) eof_ = true;
  }
  whole.bytes = whole.data.size();
  if (whole.data.size() > max_bytes) {
    whole.too_large = true;
    std::string().swap(whole.data);
  }
  return whole;
}

}  // namespace rasd::ingest
