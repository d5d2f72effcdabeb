// The WARC reader on arbitrary bytes, read as a .warc.gz (gzip when the bytes start with its
// magic, plain otherwise) and again as a .warc with the bytes gzip-compressed, so the record
// parser sees arbitrary records either way. Every item must be well-formed: a document's body
// valid UTF-8, a rejection naming its source.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "ingest/ingest.h"

namespace {

std::string Gzip(const uint8_t* data, size_t size) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, size) + 64, '\0');
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

void ReadAll(const std::string& bytes) {
  std::istringstream in(bytes);
  // A small limit so the too-large paths run too.
  rasd::ingest::Reader reader({"-"}, {.max_document_bytes = 4096}, &in);
  while (std::optional<rasd::ingest::Item> item = reader.Next()) {
    if (item->kind == rasd::ingest::ItemKind::kDocument &&
        rasd::ingest::FindInvalidUtf8(item->document.body)) {
      std::abort();
    }
    if (item->kind == rasd::ingest::ItemKind::kRejection && item->rejection.message.empty()) {
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string raw(reinterpret_cast<const char*>(data), size);
  // Stdin is sniffed: make sure the raw bytes are taken for a WARC.
  if (raw.substr(0, 5) != "WARC/" && raw.substr(0, 2) != "\x1f\x8b") raw.insert(0, "WARC/1.0\r\n");
  ReadAll(raw);
  ReadAll(Gzip(data, size));
  return 0;
}
