// clean::Cleaner::Clean on arbitrary bytes as a RawDocument of format "html". Ill-formed
// UTF-8 bytes are turned into '?' first: ingest hands clean/ valid UTF-8 only, and inputs the
// cleaner refuses at its first check would teach the fuzzer nothing.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "clean/clean.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const rasd::clean::Cleaner cleaner;
  rasd::ingest::RawDocument raw;
  raw.source = "fuzz.html";
  raw.format = "html";
  raw.body.assign(reinterpret_cast<const char*>(data), size);
  while (std::optional<size_t> bad = rasd::ingest::FindInvalidUtf8(raw.body)) raw.body[*bad] = '?';
  rasd::Result<rasd::clean::Cleaned> cleaned = cleaner.Clean(raw);
  (void)cleaned;
  return 0;
}
