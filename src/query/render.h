// Internal to query/: helpers shared by the JSON, CSV and table renderings. Nothing outside
// src/query/ includes this header.
#ifndef RASD_QUERY_RENDER_H_
#define RASD_QUERY_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "store/store.h"

namespace rasd::query::internal {

// Columns a terminal gives `text`: combining marks (Arabic harakat, shadda, tanwin), format
// characters (ZWJ, ZWNJ, bidi marks) and control characters take 0, East Asian wide and
// fullwidth characters 2, everything else 1. Invalid UTF-8 bytes count 1 each.
int DisplayWidth(std::string_view text);

// `text` when it fits in `width` columns, else its longest prefix that fits in width - 1
// followed by "…". Cuts only between code points and keeps a base letter's marks with it.
std::string CutToWidth(std::string_view text, int width);

// Control characters (newlines, tabs) replaced by spaces, byte for byte, so offsets into the
// result are offsets into `text`.
std::string OneLine(std::string_view text);

// True when `text` holds a right-to-left letter (Arabic, Hebrew, Syriac, Thaana...).
bool HasRtl(std::string_view text);

// How an actor is named for people: English name, else Arabic as written, else the entity id
// or actor code; "" when nothing is known.
std::string ActorName(const Actor& actor);
// A short code for compact marks: actor code, else entity id, else the Arabic name; "?" when
// unknown.
std::string ActorCode(const Actor& actor);

// One line in English summarising an event, e.g.
// "Russia (RUSGOV) CONSULT Armenia (ARMGOV), phone, 2023-08-16".
std::string Gloss(const Event& event);

// One claim for people: "claimed by Azerbaijan", "not occurred", "denied by Armenia".
std::string ClaimText(EventStatus status, bool negated, const Actor& claimant);

// A story's claims side by side, in stored order: "claimed by Azerbaijan (2); denied by
// Armenia"; a status with no claimant stands alone ("occurred (3)"). The count shows above 1.
std::string ClaimsText(const store::StoryRow& row);

// The reports of a story grouped by what they claim (ClaimText), groups in the order of their
// first report, reports in stored order (indices into detail.reports).
struct ClaimGroup {
  std::string text;
  std::vector<size_t> reports;
};
std::vector<ClaimGroup> GroupByClaim(const store::StoryDetail& detail);

// Shortest decimal text that reads back as `value`; "" for NaN.
std::string FormatDouble(double value);

}  // namespace rasd::query::internal

#endif  // RASD_QUERY_RENDER_H_
