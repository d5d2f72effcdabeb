#include "ingest/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "ingest/byte_reader.h"
#include "ingest/decode.h"
#include "ingest/jsonl.h"
#include "ingest/text_checks.h"
#include "ingest/warc.h"

namespace rasd::ingest {
namespace {

namespace fs = std::filesystem;

// How far into an input of unknown format SniffFormat looks for its first non-blank byte.
constexpr size_t kSniffBytes = 64 * 1024;

std::string ErrnoMessage(int err) {
  return std::error_code(err, std::generic_category()).message();
}

// "txt", "jsonl", "html", "warc", or "" for an extension rasd does not read. Case-insensitive,
// as pages saved on Windows come as PAGE.HTM.
std::string FormatOfExtension(const std::string& path) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".gz") {
    std::string inner = lower(fs::path(path).stem().extension().string());
    return inner == ".warc" ? "warc" : "";
  }
  if (ext == ".warc") return "warc";
  if (ext == ".txt") return "txt";
  if (ext == ".jsonl") return "jsonl";
  if (ext == ".html" || ext == ".htm") return "html";
  return "";
}

Item Skipped(std::string path) {
  Item item;
  item.kind = ItemKind::kSkip;
  item.skipped = std::move(path);
  return item;
}

struct DirId {
  dev_t dev = 0;
  ino_t ino = 0;
  bool operator==(const DirId&) const = default;
};

// The checks every whole document (a .txt or .html file, or stdin) goes through, in the order
// that names the most useful reason: a PNG is "binary", not "invalid-utf8". The charset is
// the BOM's, the page's <meta>, or detected (decode.h).
Item WholeDocument(const std::string& source, const std::string& format, std::string data,
                   uint64_t bytes) {
  auto reject = [&](RejectReason reason, const std::string& problem) {
    return Rejected(source, reason, source + ": " + problem, bytes);
  };
  if (data.empty()) return reject(RejectReason::kEmpty, "empty file");
  Decoded text = DecodeText(data, "", format == "html");
  std::string().swap(data);
  if (!text.ok) return reject(text.reason, text.problem);
  if (IsBlank(text.text)) return reject(RejectReason::kEmpty, "only whitespace");
  Item item;
  item.kind = ItemKind::kDocument;
  item.document.source = source;
  item.document.format = format;
  item.document.body = std::move(text.text);
  item.document.input_bytes = bytes;
  if (text.charset != "utf-8" || text.replaced_bytes > 0) {
    nlohmann::json meta = nlohmann::json::object();
    if (text.charset != "utf-8") meta["charset"] = text.charset;
    if (text.replaced_bytes > 0) meta["replaced_bytes"] = text.replaced_bytes;
    item.document.metadata_json = meta.dump();
  }
  item.document.warnings = std::move(text.warnings);
  return item;
}

}  // namespace

const char* RejectReasonName(RejectReason reason) {
  switch (reason) {
    case RejectReason::kMissing:
      return "missing";
    case RejectReason::kUnreadable:
      return "unreadable";
    case RejectReason::kBinary:
      return "binary";
    case RejectReason::kInvalidUtf8:
      return "invalid-utf8";
    case RejectReason::kEmpty:
      return "empty";
    case RejectReason::kMalformedJson:
      return "malformed-json";
    case RejectReason::kNoText:
      return "no-text";
    case RejectReason::kTooLarge:
      return "too-large";
    case RejectReason::kBadField:
      return "bad-field";
    case RejectReason::kHttpStatus:
      return "http-status";
    case RejectReason::kBadRecord:
      return "bad-record";
    case RejectReason::kCorruptGzip:
      return "corrupt-gzip";
  }
  return "unknown";
}

bool IsReadableFormat(const std::string& path) { return !FormatOfExtension(path).empty(); }

struct Reader::Impl {
  // A directory being walked: its entries sorted by name, and the next one to visit.
  struct DirFrame {
    DirId id;
    std::vector<std::string> entries;
    size_t next = 0;
  };

  // A JSONL input being read line by line.
  struct JsonlInput {
    std::string name;  // path, or "-"
    BufferedReader reader;
    uint64_t line = 0;     // lines read so far (the 1-based number of the last one)
    uint64_t records = 0;  // non-blank lines
  };

  Impl(std::vector<std::string> p, Options o, std::istream* in)
      : paths(std::move(p)), options(o), stdin_stream(in ? in : &std::cin) {}

  std::optional<Item> Next();
  std::optional<Item> Open(const std::string& path, bool named);
  std::optional<Item> EnterDirectory(const std::string& path, DirId id);
  std::optional<Item> Start(const std::string& name, std::unique_ptr<ByteSource> source,
                            std::string format, uint64_t known_size);
  std::optional<Item> NextLine();
  std::optional<Item> NextRecord();

  std::vector<std::string> paths;
  size_t next_path = 0;
  Options options;
  std::istream* stdin_stream;
  std::vector<DirFrame> dirs;        // the walk, outermost first: also the loop check
  std::optional<JsonlInput> jsonl;   // the JSONL input being read, if any
  std::unique_ptr<WarcReader> warc;  // the WARC input being read, if any
  uint64_t warc_counted = 0;         // warc->file_bytes() already added to bytes
  uint64_t warc_skipped = 0;         // records_skipped() of the WARC inputs already closed
  uint64_t bytes = 0;
  uint64_t files = 0;
};

std::optional<Item> Reader::Impl::Next() {
  // A loop, not recursion: a walk through thousands of empty directories yields nothing for
  // a long time and must not grow the stack.
  while (true) {
    if (jsonl) {
      if (std::optional<Item> item = NextLine()) return item;
      continue;  // NextLine closed the input
    }
    if (warc) {
      if (std::optional<Item> item = NextRecord()) return item;
      continue;  // NextRecord closed the input
    }
    if (!dirs.empty()) {
      DirFrame& top = dirs.back();
      if (top.next == top.entries.size()) {
        dirs.pop_back();
        continue;
      }
      std::string entry = std::move(top.entries[top.next++]);
      if (std::optional<Item> item = Open(entry, /*named=*/false)) return item;
      continue;
    }
    if (next_path < paths.size()) {
      const std::string& path = paths[next_path++];
      if (std::optional<Item> item = Open(path, /*named=*/true)) return item;
      continue;
    }
    return std::nullopt;
  }
}

// Opens one path: a file named by the caller (`named`) or met in a walk. Returns the item it
// produced at once (a rejection, a skip, a whole document), or nullopt when it started a
// directory walk or a JSONL input that Next() goes on reading.
std::optional<Item> Reader::Impl::Open(const std::string& path, bool named) {
  if (named && path == "-") {
    ++files;
    return Start("-", StreamSource(*stdin_stream), "", 0);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    struct stat link {};
    if ((err == ENOENT || err == ENOTDIR) && ::lstat(path.c_str(), &link) == 0) {
      return Rejected(path, RejectReason::kMissing, path + ": dangling symbolic link", 0);
    }
    if (err == ENOENT || err == ENOTDIR) {
      return Rejected(path, RejectReason::kMissing, path + ": no such file or directory", 0);
    }
    return Rejected(path, RejectReason::kUnreadable, path + ": " + ErrnoMessage(err), 0);
  }
  if (S_ISDIR(st.st_mode)) return EnterDirectory(path, {st.st_dev, st.st_ino});

  std::string format = FormatOfExtension(path);
  bool regular = S_ISREG(st.st_mode);
  // In a walk only files of a known format are read; a file the caller named is read whatever
  // its name (sniffed), and so is a named pipe such as bash's <(...).
  if (!named && (format.empty() || !regular)) return Skipped(path);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return Rejected(path, RejectReason::kUnreadable, path + ": " + ErrnoMessage(err), 0);
  }
  ++files;
  uint64_t size = regular ? static_cast<uint64_t>(st.st_size) : 0;
  return Start(path, FdSource(fd), std::move(format), size);
}

std::optional<Item> Reader::Impl::EnterDirectory(const std::string& path, DirId id) {
  // A directory already on the walk is an ancestor reached again through a symbolic link:
  // walking it would never end.
  for (const DirFrame& frame : dirs) {
    if (frame.id == id) return Skipped(path);
  }
  std::error_code ec;
  fs::directory_iterator it(path, ec);
  if (ec) {
    return Rejected(path, RejectReason::kUnreadable,
                    path + ": cannot list directory: " + ec.message(), 0);
  }
  DirFrame frame;
  frame.id = id;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    frame.entries.push_back(it->path().string());
  }
  // Every entry starts with the same "path/", so comparing whole strings compares names.
  std::sort(frame.entries.begin(), frame.entries.end());
  dirs.push_back(std::move(frame));
  if (ec) {
    return Rejected(path, RejectReason::kUnreadable,
                    path + ": listing stopped early: " + ec.message(), 0);
  }
  return std::nullopt;
}

std::optional<Item> Reader::Impl::Start(const std::string& name, std::unique_ptr<ByteSource> source,
                                        std::string format, uint64_t known_size) {
  BufferedReader reader(std::move(source));
  // Size first, so a 10 GB file is rejected without reading it.
  if (known_size > options.max_document_bytes && format != "jsonl" && format != "warc") {
    bytes += known_size;
    return Rejected(name, RejectReason::kTooLarge,
                    name + ": " + std::to_string(known_size) + " bytes, over the limit of " +
                        std::to_string(options.max_document_bytes) + " bytes",
                    known_size);
  }
  if (format == "warc") {
    warc = std::make_unique<WarcReader>(name, std::move(reader).Release(), options);
    warc_counted = 0;
    return std::nullopt;
  }
  if (format.empty() || format == "jsonl") {
    // Sniffing never reads past the document limit, so stdin over the limit stops at limit + 1.
    size_t peek =
        format.empty()
            ? static_cast<size_t>(std::min<uint64_t>(kSniffBytes, options.max_document_bytes + 1))
            : kBinarySniffBytes;
    Result<std::string_view> head = reader.Peek(peek);
    if (!head.ok()) {
      return Rejected(name, RejectReason::kUnreadable, name + ": " + head.status().message(), 0);
    }
    if (format.empty()) format = SniffFormat(*head);
    if (format == "warc") {
      warc = std::make_unique<WarcReader>(name, std::move(reader).Release(), options);
      warc_counted = 0;
      return std::nullopt;
    }
    if (format == "jsonl") {
      if (LooksBinary(*head)) {
        bytes += known_size;
        return Rejected(name, RejectReason::kBinary,
                        name + ": binary data (NUL bytes or mostly control characters)",
                        known_size);
      }
      jsonl.emplace(JsonlInput{name, std::move(reader)});
      return std::nullopt;
    }
  }
  Result<BufferedReader::Whole> whole = reader.ReadAll(options.max_document_bytes, known_size);
  if (!whole.ok()) {
    return Rejected(name, RejectReason::kUnreadable, name + ": " + whole.status().message(), 0);
  }
  bytes += whole->bytes;
  if (whole->too_large) {
    return Rejected(
        name, RejectReason::kTooLarge,
        name + ": over the limit of " + std::to_string(options.max_document_bytes) + " bytes",
        whole->bytes);
  }
  return WholeDocument(name, format, std::move(whole->data), whole->bytes);
}

std::optional<Item> Reader::Impl::NextLine() {
  JsonlInput& in = *jsonl;
  while (true) {
    Result<std::optional<BufferedReader::Line>> line =
        in.reader.ReadLine(options.max_document_bytes);
    if (!line.ok()) {
      std::string source = in.name + ":" + std::to_string(in.line + 1);
      jsonl.reset();
      return Rejected(source, RejectReason::kUnreadable, source + ": " + line.status().message(),
                      0);
    }
    if (!*line) {
      // Every input ends as an item: a JSONL file without a single record is reported.
      std::optional<Item> item;
      if (in.records == 0) {
        item = Rejected(in.name, RejectReason::kEmpty, in.name + ": no JSON lines", 0);
      }
      jsonl.reset();
      return item;
    }
    BufferedReader::Line& l = **line;
    ++in.line;
    bytes += l.bytes;
    std::string source = in.name + ":" + std::to_string(in.line);
    if (l.too_long) {
      ++in.records;
      return Rejected(source, RejectReason::kTooLarge,
                      source + ": line of " + std::to_string(l.bytes) +
                          " bytes, over the limit of " +
                          std::to_string(options.max_document_bytes) + " bytes",
                      l.bytes);
    }
    std::string_view text = l.text;
    if (in.line == 1) text = StripUtf8Bom(text);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    // Blank lines separate nothing in JSONL; editors and `cat a b` leave them. Skipped
    // silently. Only ASCII whitespace here: anything else is a malformed line.
    if (text.find_first_not_of(" \t\r\f\v") == std::string_view::npos) continue;
    ++in.records;
    return ParseJsonlLine(text, source, l.bytes);
  }
}

std::optional<Item> Reader::Impl::NextRecord() {
  std::optional<Item> item = warc->Next();
  bytes += warc->file_bytes() - warc_counted;
  warc_counted = warc->file_bytes();
  if (!item) {
    warc_skipped += warc->records_skipped();
    warc.reset();
  }
  return item;
}

Reader::Reader(std::vector<std::string> paths, Options options, std::istream* stdin_stream)
    : impl_(std::make_unique<Impl>(std::move(paths), options, stdin_stream)) {}

Reader::~Reader() = default;

std::optional<Item> Reader::Next() { return impl_->Next(); }

uint64_t Reader::bytes_read() const { return impl_->bytes; }

uint64_t Reader::files_read() const { return impl_->files; }

uint64_t Reader::records_skipped() const {
  return impl_->warc_skipped + (impl_->warc ? impl_->warc->records_skipped() : 0);
}

}  // namespace rasd::ingest
