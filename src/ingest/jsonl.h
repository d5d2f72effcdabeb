// One JSONL line to a RawDocument or a Rejection. Internal to src/ingest.
//
// In: one line of a JSONL input without its '\n' or trailing '\r', not blank, and the source
// name to report ("path:LINE"). Out: an Item of kind kDocument or kRejection, never kSkip.
// Guaranteed: no exception escapes (the JSON parser runs with exceptions off); nesting deeper
// than kMaxJsonDepth is rejected rather than built, so no later recursive walk (dump, destroy)
// can exhaust the stack.
#ifndef RASD_INGEST_JSONL_H_
#define RASD_INGEST_JSONL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ingest.h"

namespace rasd::ingest {

// News records are two or three levels deep; anything past this is a broken or hostile line.
inline constexpr int kMaxJsonDepth = 64;

Item ParseJsonlLine(std::string_view line, const std::string& source, uint64_t input_bytes);

// An Item of kind kRejection.
Item Rejected(std::string source, RejectReason reason, std::string message, uint64_t input_bytes);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_JSONL_H_
