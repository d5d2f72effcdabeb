// dedup/stories: reports of one real-world event, from several articles and outlets, grouped
// under one story id. Included through dedup/dedup.h, the stage's contract.
//
// In: the coded events of each original article, article after article in input order (a copy
// is not coded and brings none). Out: Event::story set on every event that can take part in a
// story: the id of the story's first event, so the first report of an event is its own story's
// head (story == id) and every later report names it.
//
// When two events are one story. All of:
// - The same PLOVER type, and for a REQUEST the same mode (what it asks for: two appeals of
//   one side on one day, for a ceasefire and for a review of election rules, are two stories).
// - The same dyad. A side is its country (ISO 3166 alpha-3) or, for an IGO with no country,
//   its actor code (UNO, EUR, NATO); Lavrov and the Russian foreign ministry are both RUS. For
//   symmetric types (CONSULT, AGREE, COOPERATE) and for fighting in mode "clash" the two sides
//   are unordered: "Armenia and Azerbaijan agreed" is "Azerbaijan and Armenia agreed". An
//   unknown side matches only an unknown side, never a known one: "forces opened fire on
//   Azerbaijani positions" could be any of several incidents of the day, and an analyst who
//   counts sources is misled more by two incidents merged than by one report left alone. An
//   event with both sides unknown joins no story and starts none that others could join (it
//   keeps a story of its own).
// - Dates within kStoryDays of the story's first event, compared as calendar days. Only an
//   event with a date to the day or finer (when.value starting YYYY-MM-DD) and not historical
//   takes part: an undated event cannot be told from last year's, and a historical one
//   (background, "the 2020 war") is old news, never a new occurrence. Such events get no story
//   (Event::story stays ""). The tolerance is one day because outlets date an event by their
//   own publication ("yesterday" in a morning paper, "today" on the wire) and time zones split
//   a night; the story's first event anchors it, so daily shelling of one town makes one story
//   a day or two, not one story for a month.
// - Places that do not conflict: two known places conflict when their countries differ, or
//   when both are places below a country (a city, a region) and differ. A country does not
//   conflict with its own cities; an unknown place conflicts with nothing. A story remembers
//   the places of all its events.
// Of several stories an event could join, the one started first.
//
// Stories of earlier runs. A StoryLoader gives the stored events of the stories whose first
// event falls on a given day; Assign asks for each day an event could meet a story on (its day
// and kStoryDays either side) once, before matching, so a report ingested today joins the story
// an earlier run started, and a run loads the stories of the days its input is about, whatever
// the size of the database: one indexed query per distinct day, about linear in the input.
//
// Guaranteed: the outcome depends only on the order of the calls and on what the loader gives
// (deterministic; the pipeline calls Assign in input order from its single ordered writer, so
// the number of threads changes nothing, and ingesting in two runs groups as one run does); a
// story's id is the id of an event stored with it; cost per event is a few hash lookups
// whatever the number of stories; memory about 150 bytes per story head and per known place.
// Not guaranteed: thread safety (one caller at a time); that a story spans no more than
// 2 * kStoryDays + 1 days when its first event is dated later than the others.
//
//   dedup::Stories stories([&](int64_t day) { return StoredStoryEvents(StoryDate(day)); });
//   stories.Assign(article.events);  // each new article, in input order
#ifndef RASD_DEDUP_STORIES_H_
#define RASD_DEDUP_STORIES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/core.h"

namespace rasd::dedup {

inline constexpr int kStoryDays = 1;

// The stored events (Event::story set) of the stories whose first event is dated `day` (days
// since 1970-01-01), in ingestion order: a story's first event before its others.
using StoryLoader = std::function<std::vector<Event>(int64_t day)>;

// The day of an event for story grouping, as days since 1970-01-01; nullopt when the event
// cannot take part in a story (no date to the day, a relative value, historical).
std::optional<int64_t> StoryDay(const When& when);
// "YYYY-MM-DD" of a day since 1970-01-01.
std::string StoryDate(int64_t day);
// A side of a dyad: country, else actor code, else "" (unknown).
std::string StorySide(const Actor& actor);
// CONSULT, AGREE, COOPERATE, and any event in mode "clash".
bool SymmetricDyad(const Event& event);
// True when both places are known and cannot be the same place (see the header comment).
bool PlacesConflict(const Location& a, const Location& b);

class Stories {
 public:
  // Without a loader, only the stories of this object's own Assign calls are known.
  explicit Stories(StoryLoader loader = nullptr) : loader_(std::move(loader)) {}

  // Sets Event::story of each event in order; an event may join a story started earlier in
  // the same span. Events that cannot take part keep "".
  void Assign(std::span<Event> events);
  // The story headed by event `old_head` is now headed by `new_head`, an event that joined it;
  // "" when none is left (its events were found to be background). Later events join the
  // story under its new id, or no longer meet it. Unknown ids are ignored.
  void Replace(const std::string& old_head, const std::string& new_head);
  size_t size() const { return by_id_.size(); }  // stories known

 private:
  // Registers a stored event whose story was assigned earlier. Heads (story == id) come before
  // the other events of their story; an event whose head is unknown, or with no story, is
  // ignored, and a head already known is not registered twice.
  void Restore(const Event& event);
  void LoadDay(int64_t day);

  struct Head {
    std::string id;
    int64_t day = 0;
    std::vector<Location> places;  // the known places of its events, distinct
  };
  void AddPlace(Head& head, const Location& place);
  // (type, dyad, day) of an event; "" when it cannot take part.
  static std::string Key(const Event& event, int64_t day);

  StoryLoader loader_;
  std::unordered_set<int64_t> loaded_days_;
  std::vector<Head> heads_;
  std::unordered_map<std::string, std::vector<size_t>> by_key_;  // key -> heads_, in order
  std::unordered_map<std::string, size_t> by_id_;                // story id -> heads_
};

}  // namespace rasd::dedup

#endif  // RASD_DEDUP_STORIES_H_
