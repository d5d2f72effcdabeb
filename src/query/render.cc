#include "query/render.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace rasd::query::internal {
namespace {

int CodePointWidth(UChar32 c) {
  if (c < 0) return 1;  // an invalid byte: most terminals show one replacement glyph
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
      return 0;
    default:
      break;
  }
  const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
}

// Decodes the code point at `i` and advances `i` past it.
UChar32 Next(std::string_view text, int32_t& i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c;
}

constexpr std::string_view kEllipsis = "…";

}  // namespace

int DisplayWidth(std::string_view text) {
  int width = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());)
    width += CodePointWidth(Next(text, i));
  return width;
}

std::string CutToWidth(std::string_view text, int width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width <= 0) return "";
  const int budget = width - 1;  // one column for the ellipsis
  int used = 0;
  int32_t end = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    const int32_t before = i;
    const int w = CodePointWidth(Next(text, i));
    if (used + w > budget) {
      end = before;
      break;
    }
    used += w;
    end = i;
  }
  return std::string(text.substr(0, static_cast<size_t>(end))) + std::string(kEllipsis);
}

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

bool HasRtl(std::string_view text) {
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    const UChar32 c = Next(text, i);
    if (c < 0) continue;
    const int dir = u_charDirection(c);
    if (dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

std::string ActorName(const Actor& actor) {
  if (!actor.name_en.empty()) return actor.name_en;
  if (!actor.name_ar.empty()) return actor.name_ar;
  if (!actor.actor_code.empty()) return actor.actor_code;
  return actor.entity;
}

std::string ActorCode(const Actor& actor) {
  if (!actor.actor_code.empty()) return actor.actor_code;
  if (!actor.entity.empty()) return actor.entity;
  if (!actor.name_ar.empty()) return actor.name_ar;
  return "?";
}

namespace {

// "Russia (RUSGOV)", "RUSGOV", "سيرغي لافروف", or "" when the side is unknown.
std::string GlossActor(const Actor& actor) {
  std::string name = ActorName(actor);
  if (name.empty()) return "";
  if (!actor.actor_code.empty() && name != actor.actor_code) name += " (" + actor.actor_code + ")";
  return name;
}

// "71", "20-90" (an approximate count), or "" when not stated.
std::string Count(int64_t low, int64_t high) {
  if (low < 0) return "";
  return high > low ? std::to_string(low) + "-" + std::to_string(high) : std::to_string(low);
}

std::string CasualtyText(const Casualties& c) {
  std::string out;
  if (c.killed >= 0) out += Count(c.killed, c.killed_max) + " killed";
  if (c.wounded >= 0) {
    out += (out.empty() ? "" : " and ") + Count(c.wounded, c.wounded_max) + " wounded";
  }
  if (out.empty()) return out;
  if (!c.group.empty()) out += " (" + c.group + ")";
  if (!c.side.empty()) out += " on the " + c.side + " side";
  return out;
}

}  // namespace

std::string Gloss(const Event& event) {
  std::string source = GlossActor(event.source);
  std::string target = GlossActor(event.target);
  std::string out = source.empty() ? "someone" : source;
  out += " ";
  if (event.negated) out += "did not ";
  out += EventTypeName(event.type);
  if (!target.empty()) out += " " + target;
  std::vector<std::string> extras;
  if (!event.mode.empty()) extras.push_back(event.mode);
  const std::string place =
      !event.location.name_en.empty() ? event.location.name_en : event.location.name_ar;
  if (!place.empty()) extras.push_back("in " + place);
  if (!event.when.value.empty()) {
    extras.push_back(event.when.value + (event.when.historical ? " (background)" : ""));
  } else if (event.when.historical) {
    extras.push_back("background");
  }
  if (event.referenced) extras.push_back("referred to");
  if (event.status != EventStatus::kOccurred) {
    std::string status = EventStatusName(event.status);
    const std::string claimant = GlossActor(event.claimant);
    if (!claimant.empty()) status += " by " + claimant;
    extras.push_back(status);
  }
  for (const Casualties& c : event.casualties) {
    std::string text = CasualtyText(c);
    if (!text.empty()) extras.push_back(text);
  }
  for (const std::string& e : extras) out += ", " + e;
  return out;
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "";
  return std::string(buf, end);
}

std::string ClaimText(EventStatus status, bool negated, const Actor& claimant) {
  std::string out = negated ? "not " : "";
  out += EventStatusName(status);
  if (claimant.known() || !claimant.name_ar.empty()) out += " by " + ActorName(claimant);
  return out;
}

std::string ClaimsText(const store::StoryRow& row) {
  std::string out;
  for (const store::StoryClaim& c : row.claims) {
    if (!out.empty()) out += "; ";
    out += ClaimText(c.status, c.negated, c.claimant);
    if (c.events > 1) out += " (" + std::to_string(c.events) + ")";
  }
  return out;
}

std::vector<ClaimGroup> GroupByClaim(const store::StoryDetail& detail) {
  std::vector<ClaimGroup> groups;
  for (size_t i = 0; i < detail.reports.size(); ++i) {
    const Event& e = detail.reports[i].event;
    const std::string text = ClaimText(e.status, e.negated, e.claimant);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const ClaimGroup& g) { return g.text == text; });
    if (it == groups.end()) {
      groups.push_back({.text = text, .reports = {}});
      it = std::prev(groups.end());
    }
    it->reports.push_back(i);
  }
  return groups;
}

}  // namespace rasd::query::internal
