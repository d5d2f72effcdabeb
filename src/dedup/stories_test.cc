#include "dedup/stories.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rasd::dedup {
namespace {

Actor Side(const std::string& country, const std::string& code = "") {
  Actor a;
  a.country = country;
  a.actor_code = code.empty() && !country.empty() ? country + "GOV" : code;
  a.entity = country.empty() ? code : country;
  return a;
}

Location Place(const std::string& entity, const std::string& country) {
  Location l;
  l.entity = entity;
  l.country = country;
  l.name_ar = entity;
  return l;
}

// An event "id" of `type` from `source` to `target` (countries, "" unknown) on `date`.
Event Make(const std::string& id, EventType type, const std::string& source,
           const std::string& target, const std::string& date, const std::string& mode = "") {
  Event e;
  e.id = id;
  e.type = type;
  e.mode = mode;
  if (!source.empty()) e.source = Side(source);
  if (!target.empty()) e.target = Side(target);
  e.when.value = date;
  e.when.granularity = date.size() >= 10 ? Granularity::kDay : Granularity::kMonth;
  return e;
}

// The story of each event after assigning them all, one article each, in order.
std::vector<std::string> StoriesOf(std::vector<Event> events) {
  Stories stories;
  std::vector<std::string> out;
  for (Event& e : events) {
    stories.Assign(std::span<Event>(&e, 1));
    out.push_back(e.story);
  }
  return out;
}

struct Case {
  const char* name;
  std::vector<Event> events;
  std::vector<std::string> stories;  // expected Event::story, in order
};

TEST(StoriesTest, Table) {
  const EventType kConsult = EventType::kConsult;
  const EventType kAssault = EventType::kAssault;
  const EventType kAccuse = EventType::kAccuse;
  const std::vector<Case> cases = {
      {"same type, dyad and day",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-13"),
        Make("b", kAccuse, "AZE", "ARM", "2024-02-13")},
       {"a", "a"}},
      {"a day apart either way",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-13"),
        Make("b", kAccuse, "AZE", "ARM", "2024-02-12"),
        Make("c", kAccuse, "AZE", "ARM", "2024-02-14")},
       {"a", "a", "a"}},
      {"two days apart: another story",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-13"),
        Make("b", kAccuse, "AZE", "ARM", "2024-02-15")},
       {"a", "b"}},
      {"anchored on the first event, not chained",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-13"),
        Make("b", kAccuse, "AZE", "ARM", "2024-02-14"),
        Make("c", kAccuse, "AZE", "ARM", "2024-02-15")},
       {"a", "a", "c"}},
      {"month boundary",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-29"),
        Make("b", kAccuse, "AZE", "ARM", "2024-03-01")},
       {"a", "a"}},
      {"other type",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-13"),
        Make("b", kAssault, "AZE", "ARM", "2024-02-13")},
       {"a", "b"}},
      {"accusation is directed: reversed dyad is another story",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02-13"),
        Make("b", kAccuse, "ARM", "AZE", "2024-02-13")},
       {"a", "b"}},
      {"consultation is symmetric",
       {Make("a", kConsult, "RUS", "ARM", "2023-11-21"),
        Make("b", kConsult, "ARM", "RUS", "2023-11-21")},
       {"a", "a"}},
      {"a clash is symmetric",
       {Make("a", kAssault, "AZE", "ARM", "2024-02-13", "clash"),
        Make("b", kAssault, "ARM", "AZE", "2024-02-13", "clash")},
       {"a", "a"}},
      {"unknown side matches an unknown side",
       {Make("a", kAssault, "ARM", "", "2024-02-13"), Make("b", kAssault, "ARM", "", "2024-02-13")},
       {"a", "a"}},
      {"unknown side never matches a known one",
       {Make("a", kAssault, "ARM", "AZE", "2024-02-13"),
        Make("b", kAssault, "ARM", "", "2024-02-13")},
       {"a", "b"}},
      {"both sides unknown: a story of its own",
       {Make("a", kAssault, "", "", "2024-02-13"), Make("b", kAssault, "", "", "2024-02-13")},
       {"a", "b"}},
      {"a request is also what it asks for",
       {Make("a", EventType::kRequest, "EUR", "", "2024-09-10", "yield"),
        Make("b", EventType::kRequest, "EUR", "", "2024-09-10", ""),
        Make("c", EventType::kRequest, "EUR", "", "2024-09-11", "yield")},
       {"a", "b", "a"}},
      {"no day: no story",
       {Make("a", kAccuse, "AZE", "ARM", "2024-02"), Make("b", kAccuse, "AZE", "ARM", ""),
        Make("c", kAccuse, "AZE", "ARM", "P-1D")},
       {"", "", ""}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StoriesOf(c.events), c.stories) << c.name;
  }
}

TEST(StoriesTest, HistoricalEventsTakeNoStory) {
  Event old = Make("a", EventType::kAssault, "AZE", "ARM", "2020-09-27");
  old.when.historical = true;
  Event now = Make("b", EventType::kAssault, "AZE", "ARM", "2020-09-27");
  EXPECT_EQ(StoriesOf({old, now}), (std::vector<std::string>{"", "b"}));
}

TEST(StoriesTest, PlacesMustNotConflict) {
  Event fasher = Make("a", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  fasher.location = Place("place:el-fasher", "SDN");
  Event sudan = Make("b", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  sudan.location = Place("SDN", "SDN");  // the country contains the town
  Event nyala = Make("c", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  nyala.location = Place("place:nyala", "SDN");
  Event chad = Make("d", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  chad.location = Place("TCD", "TCD");
  Event nowhere = Make("e", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  EXPECT_EQ(StoriesOf({fasher, sudan, nyala, chad, nowhere}),
            (std::vector<std::string>{"a", "a", "c", "d", "a"}));
  EXPECT_TRUE(PlacesConflict(fasher.location, nyala.location));
  EXPECT_FALSE(PlacesConflict(fasher.location, sudan.location));
  EXPECT_FALSE(PlacesConflict(fasher.location, Location()));
}

TEST(StoriesTest, AStoryRemembersThePlacesOfItsEvents) {
  // The head has no place; the second report places it in El Fasher; a report from Nyala the
  // same day is another incident.
  Event head = Make("a", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  Event fasher = Make("b", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  fasher.location = Place("place:el-fasher", "SDN");
  Event nyala = Make("c", EventType::kAssault, "SDN", "SDN", "2024-05-10");
  nyala.location = Place("place:nyala", "SDN");
  EXPECT_EQ(StoriesOf({head, fasher, nyala}), (std::vector<std::string>{"a", "a", "c"}));
}

TEST(StoriesTest, EventsOfOneArticleJoinEachOther) {
  Stories stories;
  std::vector<Event> article = {Make("a", EventType::kAgree, "ARM", "AZE", "2024-04-19"),
                                Make("b", EventType::kAgree, "AZE", "ARM", "2024-04-19")};
  stories.Assign(article);
  EXPECT_EQ(article[0].story, "a");
  EXPECT_EQ(article[1].story, "a");
  EXPECT_EQ(stories.size(), 1u);
}

TEST(StoriesTest, StoriesOfEarlierRunsAreLoadedByDay) {
  // A first run assigned these; the store gives them back by the day of the story's head.
  std::vector<Event> first = {Make("a", EventType::kAccuse, "AZE", "ARM", "2024-02-13"),
                              Make("b", EventType::kAccuse, "AZE", "ARM", "2024-02-13")};
  Stories run1;
  run1.Assign(first);
  ASSERT_EQ(first[1].story, "a");

  std::vector<std::string> asked;
  Stories run2([&](int64_t day) {
    asked.push_back(StoryDate(day));
    return StoryDate(day) == "2024-02-13" ? first : std::vector<Event>();
  });
  std::vector<Event> next = {Make("c", EventType::kAccuse, "AZE", "ARM", "2024-02-14"),
                             Make("d", EventType::kAccuse, "AZE", "ARM", "2024-02-14")};
  run2.Assign(next);
  EXPECT_EQ(next[0].story, "a");
  EXPECT_EQ(next[1].story, "a");
  EXPECT_EQ(run2.size(), 1u);
  // Each day once, the event's day and one either side.
  EXPECT_EQ(asked, (std::vector<std::string>{"2024-02-13", "2024-02-14", "2024-02-15"}));

  // A stored member whose head the loader does not give is ignored.
  Stories partial([&](int64_t) { return std::vector<Event>{first[1]}; });
  std::vector<Event> other = {Make("e", EventType::kAccuse, "AZE", "ARM", "2024-02-13")};
  partial.Assign(other);
  EXPECT_EQ(other[0].story, "e");
}

TEST(StoriesTest, StoryDateIsTheInverseOfStoryDay) {
  for (const char* date : {"1970-01-01", "2000-02-29", "2024-03-01", "2024-12-31", "1969-12-31"}) {
    When w;
    w.value = date;
    w.granularity = Granularity::kDay;
    ASSERT_TRUE(StoryDay(w).has_value()) << date;
    EXPECT_EQ(StoryDate(*StoryDay(w)), date);
  }
}

TEST(StoriesTest, FirstStartedStoryWins) {
  // b (day 14) cannot join a (day 12); c (day 13) could join both and joins a, the first.
  EXPECT_EQ(StoriesOf({Make("a", EventType::kAccuse, "AZE", "ARM", "2024-02-12"),
                       Make("b", EventType::kAccuse, "AZE", "ARM", "2024-02-14"),
                       Make("c", EventType::kAccuse, "AZE", "ARM", "2024-02-13")}),
            (std::vector<std::string>{"a", "b", "a"}));
}

TEST(StoriesTest, StoryDayReadsDaysAndFinerOnly) {
  When w;
  w.value = "1970-01-02T10:30";
  w.granularity = Granularity::kMinute;
  EXPECT_EQ(StoryDay(w), 1);
  w.value = "2024-03-01";
  w.granularity = Granularity::kDay;
  EXPECT_EQ(StoryDay(w), 19783);
  w.granularity = Granularity::kRange;
  EXPECT_EQ(StoryDay(w), std::nullopt);
  w.granularity = Granularity::kDay;
  w.value = "2024-13-01";
  EXPECT_EQ(StoryDay(w), std::nullopt);
}

TEST(StoriesTest, SideIsCountryElseActorCode) {
  Actor un;
  un.actor_code = "UNO";
  un.entity = "org:united-nations";
  EXPECT_EQ(StorySide(un), "UNO");
  EXPECT_EQ(StorySide(Side("RUS")), "RUS");
  EXPECT_EQ(StorySide(Actor()), "");
}

}  // namespace
}  // namespace rasd::dedup
