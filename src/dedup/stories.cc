#include "dedup/stories.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <utility>

namespace rasd::dedup {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ParseNumber(std::string_view text, unsigned& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string StoryDate(int64_t day) {
  // Hinnant's civil_from_days.
  day += 719468;
  const int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const auto doe = static_cast<unsigned>(day - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  char buf[48];  // room for any int64_t year, though news is dated 0000 to 9999
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::optional<int64_t> StoryDay(const When& when) {
  if (when.historical) return std::nullopt;
  switch (when.granularity) {
    case Granularity::kDay:
    case Granularity::kHour:
    case Granularity::kMinute:
      break;
    default:
      return std::nullopt;
  }
  const std::string_view v = when.value;
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  unsigned y = 0, m = 0, d = 0;
  if (!ParseNumber(v.substr(0, 4), y) || !ParseNumber(v.substr(5, 2), m) ||
      !ParseNumber(v.substr(8, 2), d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  return DaysFromCivil(y, m, d);
}

std::string StorySide(const Actor& actor) {
  if (!actor.country.empty()) return actor.country;
  return actor.actor_code;
}

bool SymmetricDyad(const Event& event) {
  switch (event.type) {
    case EventType::kConsult:
    case EventType::kAgree:
    case EventType::kCooperate:
      return true;
    default:
      return event.mode == "clash";
  }
}

bool PlacesConflict(const Location& a, const Location& b) {
  if (!a.known() || !b.known()) return false;
  if (!a.country.empty() && !b.country.empty() && a.country != b.country) return true;
  // Below a country: an entity other than the country itself (a country's entity id is its
  // code). Two such places of one country are two towns, or a town and a region, which an
  // analyst would not merge without a gazetteer's containment, which rasd does not keep.
  const bool a_below = !a.entity.empty() && a.entity != a.country;
  const bool b_below = !b.entity.empty() && b.entity != b.country;
  if (a_below && b_below) return a.entity != b.entity;
  // Places known only by their Arabic name (no entity) are compared by name.
  if (a.entity.empty() && b.entity.empty()) return a.name_ar != b.name_ar;
  return false;
}

std::string Stories::Key(const Event& event, int64_t day) {
  if (event.type == EventType::kUnknown) return "";
  std::string a = StorySide(event.source);
  std::string b = StorySide(event.target);
  if (a.empty() && b.empty()) return "";
  if (SymmetricDyad(event) && b < a) std::swap(a, b);
  std::string key = EventTypeName(event.type);
  // What a request asks for is part of what it is: two appeals of one side on one day, one for
  // a ceasefire and one for a review of election rules, are two stories.
  if (event.type == EventType::kRequest) key += "/" + event.mode;
  key += '\x1f';
  key += a;
  key += '\x1f';
  key += b;
  key += '\x1f';
  key += std::to_string(day);
  return key;
}

void Stories::AddPlace(Head& head, const Location& place) {
  if (!place.known()) return;
  for (const Location& p : head.places) {
    if (p.entity == place.entity && p.country == place.country && p.name_ar == place.name_ar) {
      return;
    }
  }
  head.places.push_back(place);
}

void Stories::Assign(std::span<Event> events) {
  for (Event& e : events) {
    e.story.clear();
    const std::optional<int64_t> day = StoryDay(e.when);
    if (!day) continue;
    if (Key(e, *day).empty()) {
      e.story = e.id;  // a story of its own: nothing could tell it from another report
      continue;
    }
    for (int64_t d = *day - kStoryDays; d <= *day + kStoryDays; ++d) LoadDay(d);
    size_t best = std::numeric_limits<size_t>::max();
    for (int64_t d = *day - kStoryDays; d <= *day + kStoryDays; ++d) {
      auto it = by_key_.find(Key(e, d));
      if (it == by_key_.end()) continue;
      for (size_t h : it->second) {
        if (h >= best) break;                // in order: later heads cannot win
        if (heads_[h].id.empty()) continue;  // replaced by no event (Replace)
        const bool conflict =
            std::any_of(heads_[h].places.begin(), heads_[h].places.end(),
                        [&](const Location& p) { return PlacesConflict(p, e.location); });
        if (!conflict) {
          best = h;
          break;
        }
      }
    }
    if (best != std::numeric_limits<size_t>::max()) {
      e.story = heads_[best].id;
      AddPlace(heads_[best], e.location);
      continue;
    }
    e.story = e.id;
    Restore(e);
  }
}

void Stories::Replace(const std::string& old_head, const std::string& new_head) {
  auto it = by_id_.find(old_head);
  if (it == by_id_.end() || old_head == new_head) return;
  const size_t h = it->second;
  by_id_.erase(it);
  heads_[h].id = new_head;
  if (!new_head.empty()) by_id_.emplace(new_head, h);
}

void Stories::LoadDay(int64_t day) {
  if (!loader_ || !loaded_days_.insert(day).second) return;
  for (const Event& e : loader_(day)) Restore(e);
}

void Stories::Restore(const Event& event) {
  if (event.story.empty()) return;
  if (event.story != event.id) {
    auto it = by_id_.find(event.story);
    if (it != by_id_.end()) AddPlace(heads_[it->second], event.location);
    return;
  }
  const std::optional<int64_t> day = StoryDay(event.when);
  if (!day) return;
  const std::string key = Key(event, *day);
  if (key.empty() || by_id_.contains(event.id)) return;
  const size_t h = heads_.size();
  heads_.push_back({.id = event.id, .day = *day, .places = {}});
  AddPlace(heads_.back(), event.location);
  by_key_[key].push_back(h);
  by_id_.emplace(event.id, h);
}

}  // namespace rasd::dedup
