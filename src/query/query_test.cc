#include "query/query.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "query/render.h"

namespace rasd::query {
namespace {

using nlohmann::json;

// ---- Parameter parsing.

// Each row: the parameters and the exact error message, or "" when they are valid.
TEST(ParseTest, EventQueryErrorsNameTheParameter) {
  struct Case {
    Params params;
    std::string error;
  };
  const Case cases[] = {
      {{}, ""},
      {{{"type", "consult"}, {"from", "2023"}, {"to", "2023-08-31"}}, ""},
      {{{"unknown_key", "ignored"}}, ""},
      {{{"type", "FOO"}},
       "type: unknown event type 'FOO' (one of AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, "
       "RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, "
       "ASSAULT)"},
      {{{"from", "2023-13"}}, "from: '2023-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"},
      {{{"to", "2023-02-29"}}, "to: '2023-02-29' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"},
      {{{"to", "2024-02-29"}}, ""},  // leap year
      {{{"from", "23-08-01"}}, "from: '23-08-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"},
      {{{"from", "2023/08/01"}}, "from: '2023/08/01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"},
      {{{"from", "2023-09"}, {"to", "2023-08"}}, "from: '2023-09' is after to '2023-08'"},
      {{{"from", "2023-08-15"}, {"to", "2023-08"}}, ""},  // to is inclusive by prefix
      {{{"limit", "0"}}, "limit: must be an integer between 1 and 10000 (got '0')"},
      {{{"limit", "10001"}}, "limit: must be an integer between 1 and 10000 (got '10001')"},
      {{{"limit", "-5"}}, "limit: must be an integer between 1 and 10000 (got '-5')"},
      {{{"limit", "ten"}}, "limit: must be an integer between 1 and 10000 (got 'ten')"},
      {{{"limit", "10x"}}, "limit: must be an integer between 1 and 10000 (got '10x')"},
      {{{"offset", "-1"}}, "offset: must be a non-negative integer (got '-1')"},
      {{{"historical", "maybe"}}, "historical: must be true or false (got 'maybe')"},
  };
  for (const Case& c : cases) {
    Result<store::EventQuery> q = ParseEventQuery(c.params);
    if (c.error.empty()) {
      EXPECT_TRUE(q.ok()) << q.status().ToString();
    } else {
      ASSERT_FALSE(q.ok()) << c.error;
      EXPECT_EQ(q.status().code(), Status::Code::kInvalidArgument);
      EXPECT_EQ(q.status().message(), c.error);
    }
  }
}

TEST(ParseTest, EventQueryValues) {
  Result<store::EventQuery> q = ParseEventQuery({{"actor", " RUS "},
                                                 {"type", "consult"},
                                                 {"from", "2023-08"},
                                                 {"to", "2023-08-31"},
                                                 {"place", "place:yerevan"},
                                                 {"article", "abc"},
                                                 {"historical", "false"},
                                                 {"referenced", "false"},
                                                 {"limit", "25"},
                                                 {"offset", "50"}});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->actor, "RUS");
  EXPECT_EQ(q->type, EventType::kConsult);
  EXPECT_EQ(q->from, "2023-08");
  EXPECT_EQ(q->to, "2023-08-31");
  EXPECT_EQ(q->place, "place:yerevan");
  EXPECT_EQ(q->article, "abc");
  EXPECT_FALSE(q->include_historical);
  EXPECT_FALSE(q->include_referenced);
  EXPECT_EQ(q->limit, 25);
  EXPECT_EQ(q->offset, 50);
  Result<store::EventQuery> d = ParseEventQuery({{"type", ""}});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->type, EventType::kUnknown);
  EXPECT_TRUE(d->include_historical);
  EXPECT_TRUE(d->include_referenced);
  EXPECT_EQ(d->min_confidence, 0);
  EXPECT_EQ(d->limit, 100);
  Result<store::EventQuery> c = ParseEventQuery({{"min_confidence", "0.5"}});
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(c->min_confidence, 0.5);
  for (const char* bad : {"1.5", "-0.1", "high", "0.5x"}) {
    Result<store::EventQuery> b = ParseEventQuery({{"min_confidence", bad}});
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_NE(b.status().message().find("min_confidence: must be a number from 0 to 1"),
              std::string::npos)
        << b.status().ToString();
  }
}

TEST(ParseTest, OtherQueries) {
  EXPECT_TRUE(ParseArticleQuery({{"outlet", "RIA"}, {"from", "2024"}}).ok());
  EXPECT_TRUE(ParseEntityQuery({{"type", "Person"}, {"country", "arm"}}).ok());
  EXPECT_TRUE(ParseSearchQuery({{"q", "لافروف"}}).ok());
  EXPECT_EQ(ParseArticleQuery({{"to", "yesterday"}}).status().message(),
            "to: 'yesterday' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  EXPECT_EQ(ParseEntityQuery({{"type", "city"}}).status().message(),
            "type: unknown entity type 'city' (one of country, place, person, organization, "
            "igo, group)");
  EXPECT_EQ(ParseEntityQuery({{"country", "Armenia"}}).status().message(),
            "country: 'Armenia' is not an ISO 3166 alpha-3 code (three letters, e.g. ARM)");
  EXPECT_EQ(ParseSearchQuery({}).status().message(), "q: required (the words to search for)");
  EXPECT_EQ(ParseSearchQuery({{"q", "   "}}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(ParseSearchQuery({{"q", "x"}, {"limit", "0"}}).status().message(),
            "limit: must be an integer between 1 and 10000 (got '0')");

  Result<store::EntityQuery> e = ParseEntityQuery({{"type", "organisation"}, {"country", "arm"}});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->type, EntityType::kOrganization);
  EXPECT_EQ(e->country, "ARM");
  Result<store::SearchQuery> s = ParseSearchQuery({{"q", "\"وقف إطلاق النار\""}});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->text, "\"وقف إطلاق النار\"");
  EXPECT_EQ(s->limit, 20);
}

TEST(ParseTest, Format) {
  const std::pair<const char*, Format> ok[] = {{"table", Format::kTable},
                                               {"json", Format::kJson},
                                               {"csv", Format::kCsv},
                                               {"jsonl", Format::kJsonl}};
  for (const auto& [name, format] : ok) {
    Result<Format> f = ParseFormat(name);
    ASSERT_TRUE(f.ok()) << name;
    EXPECT_EQ(*f, format);
  }
  EXPECT_EQ(ParseFormat("xml").status().message(),
            "format: unknown format 'xml' (one of table, json, csv, jsonl)");
}

// ---- JSON.

Event FullEvent() {
  Event e;
  e.id = "ev1";
  e.article = "art1";
  e.type = EventType::kConsult;
  e.mode = "phone";
  e.cameo = "041";
  e.source = {"RUS", "Russia", "روسيا", "RUS", "RUSGOV", {0, 10}};
  e.target = {"ARM", "Armenia", "أرمينيا", "ARM", "ARMGOV", {20, 34}};
  e.when = {"2023-08-16", Granularity::kDay, false};
  e.evidence = {2, {100, 180}, "أجرى الرئيس الروسي اتصالا هاتفيا بنظيره الأرميني."};
  e.trigger = {110, 120};
  e.trigger_text = "اتصالا";
  e.confidence = 0.9;
  e.sources = 3;
  return e;
}

std::set<std::string> Keys(const json& j) {
  std::set<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
  return keys;
}

TEST(JsonTest, EventHasEveryContractKeyWithNullsWhereUnknown) {
  Event e;  // nothing known
  e.id = "ev0";
  e.article = "art0";
  e.casualties = {{"", -1, 4, ""}};
  json j = EventJson(e);
  EXPECT_EQ(
      Keys(j),
      (std::set<std::string>{
          "id",       "article",    "type",   "mode",     "cameo",   "source",     "target",
          "location", "when",       "status", "claimant", "negated", "casualties", "evidence",
          "trigger",  "confidence", "story",  "sources",  "gloss",   "background", "referenced"}));
  const char* nulls[] = {"mode", "cameo", "source", "target", "location", "claimant", "story"};
  for (const char* key : nulls) EXPECT_TRUE(j[key].is_null()) << key;
  EXPECT_EQ(Keys(j["when"]), (std::set<std::string>{"value", "granularity", "historical"}));
  EXPECT_TRUE(j["when"]["value"].is_null());
  EXPECT_TRUE(j["when"]["granularity"].is_null());
  EXPECT_EQ(j["when"]["historical"], false);
  EXPECT_EQ(j["status"], "occurred");
  EXPECT_EQ(j["negated"], false);
  EXPECT_EQ(Keys(j["evidence"]), (std::set<std::string>{"sentence", "start", "end", "text"}));
  EXPECT_EQ(Keys(j["trigger"]), (std::set<std::string>{"start", "end", "text"}));
  ASSERT_EQ(j["casualties"].size(), 1u);
  EXPECT_EQ(Keys(j["casualties"][0]),
            (std::set<std::string>{"side", "killed", "wounded", "killed_max", "wounded_max", "group"}));
  EXPECT_TRUE(j["casualties"][0]["killed"].is_null());
  EXPECT_EQ(j["casualties"][0]["wounded"], 4);
  EXPECT_TRUE(j["casualties"][0]["side"].is_null());
  EXPECT_TRUE(j["gloss"].is_string());
}

TEST(JsonTest, EventValues) {
  Event e = FullEvent();
  e.location = {"place:yerevan", "Yerevan", "يريفان", "ARM", 40.18, NAN};
  e.status = EventStatus::kClaimed;
  e.claimant = {"", "", "", "", "ARMGOV", {}};
  json j = EventJson(e);
  EXPECT_EQ(j["type"], "CONSULT");
  EXPECT_EQ(j["mode"], "phone");
  EXPECT_EQ(j["source"], (json{{"entity", "RUS"},
                               {"name_en", "Russia"},
                               {"name_ar", "روسيا"},
                               {"country", "RUS"},
                               {"actor_code", "RUSGOV"}}));
  EXPECT_EQ(Keys(j["location"]),
            (std::set<std::string>{"entity", "name_en", "name_ar", "country", "lat", "lon"}));
  EXPECT_DOUBLE_EQ(j["location"]["lat"].get<double>(), 40.18);
  EXPECT_TRUE(j["location"]["lon"].is_null());
  EXPECT_EQ(j["when"]["value"], "2023-08-16");
  EXPECT_EQ(j["when"]["granularity"], "day");
  EXPECT_EQ(j["status"], "claimed");
  EXPECT_EQ(j["claimant"]["actor_code"], "ARMGOV");
  EXPECT_TRUE(j["claimant"]["entity"].is_null());
  EXPECT_EQ(j["evidence"]["start"], 100);
  EXPECT_EQ(j["trigger"]["text"], "اتصالا");
  EXPECT_EQ(j["sources"], 3);
}

TEST(JsonTest, Gloss) {
  struct Case {
    Event event;
    std::string gloss;
  };
  std::vector<Case> cases;
  cases.push_back({FullEvent(), "Russia (RUSGOV) CONSULT Armenia (ARMGOV), phone, 2023-08-16"});
  {
    Event e = FullEvent();
    e.type = EventType::kAssault;
    e.mode = "";
    e.source = {"", "", "مسلحون", "", "", {}};
    e.target.actor_code = "ARMMIL";
    e.location.name_en = "Stepanakert";
    e.location.entity = "place:stepanakert";
    e.when.historical = true;
    e.status = EventStatus::kClaimed;
    e.claimant = {"AZE", "Azerbaijan", "", "AZE", "AZEGOV", {}};
    e.casualties = {{"ARMMIL", 2, 5, "soldiers"}};
    cases.push_back({e,
                     "مسلحون ASSAULT Armenia (ARMMIL), in Stepanakert, 2023-08-16 (background), "
                     "claimed by Azerbaijan (AZEGOV), 2 killed and 5 wounded (soldiers) on the "
                     "ARMMIL side"});
  }
  {
    Event e;
    e.type = EventType::kReject;
    e.negated = true;
    e.target = {"", "", "", "", "UNO", {}};
    cases.push_back({e, "someone did not REJECT UNO"});
  }
  for (const Case& c : cases) EXPECT_EQ(EventJson(c.event)["gloss"], c.gloss);
}

TEST(JsonTest, ArticleEmptyStringsAreNull) {
  store::ArticleRow row;
  row.article.id = "abc";
  row.article.source = "in/a.txt";
  row.article.format = "txt";
  row.article.text = "نص";
  row.article.metadata_json = R"({"section":"world","tags":["a"]})";
  row.ingested_at = "2024-01-01T00:00:00Z";
  row.event_count = 2;
  json j = ArticleJson(row, false);
  EXPECT_EQ(Keys(j), (std::set<std::string>{"id", "url", "title", "outlet", "published", "source",
                                            "format", "language", "duplicate_of", "similarity",
                                            "ingested_at", "events", "mentions", "metadata"}));
  for (const char* key : {"url", "title", "outlet", "published", "duplicate_of", "similarity"}) {
    EXPECT_TRUE(j[key].is_null()) << key;
  }
  EXPECT_EQ(j["metadata"]["section"], "world");
  EXPECT_EQ(j["events"], 2);
  EXPECT_EQ(ArticleJson(row, true)["text"], "نص");

  row.article.metadata_json = "not json";
  EXPECT_EQ(ArticleJson(row, false)["metadata"], (json{{"raw", "not json"}}));

  store::ArticleDetail d;
  d.row = row;
  Mention m;
  m.span = {0, 4};
  m.text = "نص";
  d.mentions = {m};
  d.events = {FullEvent()};
  json detail = ArticleDetailJson(d);
  EXPECT_EQ(detail["text"], "نص");
  ASSERT_TRUE(detail["mentions"].is_array());
  EXPECT_EQ(detail["mentions"][0]["kind"], "name");
  EXPECT_TRUE(detail["mentions"][0]["entity"].is_null());
  ASSERT_TRUE(detail["events"].is_array());
  EXPECT_EQ(detail["events"][0]["id"], "ev1");
  EXPECT_TRUE(detail["timexes"].is_array());
}

TEST(JsonTest, EntityStatsRejectAndSearchHit) {
  store::EntityRow r;
  r.entity = {"ARM", "Armenia", "أرمينيا", EntityType::kCountry, "ARM", "ARMGOV", "", NAN, NAN};
  r.mentions = 5;
  json e = EntityJson(r);
  EXPECT_EQ(e["type"], "country");
  EXPECT_TRUE(e["lat"].is_null());
  EXPECT_TRUE(e["role"].is_null());
  EXPECT_EQ(e["mentions"], 5);

  store::Stats s;
  s.articles = 3;
  s.events_by_type = {{"CONSULT", 2}};
  s.schema_version = 1;
  json sj = StatsJson(s);
  EXPECT_EQ(sj["articles"], 3);
  EXPECT_EQ(sj["events_by_type"]["CONSULT"], 2);
  EXPECT_EQ(sj["schema_version"], 1);

  EXPECT_EQ(RejectJson({"a.txt:3", "binary", "NUL bytes", "2024-01-01T00:00:00Z"})["reason"],
            "binary");

  store::SearchHit hit;
  hit.row.article.id = "abc";
  hit.snippet = "قال [محمد] إن";
  hit.rank = -1.5;
  json h = SearchHitJson(hit);
  EXPECT_EQ(h["id"], "abc");
  EXPECT_EQ(h["snippet"], "قال [محمد] إن");
  EXPECT_EQ(h["rank"], -1.5);
}

// ---- CSV.

TEST(CsvTest, QuotesCommasQuotesAndNewlines) {
  Event e = FullEvent();
  e.evidence.text = "قال، \"نعم\", ثم\nسطر";  // Arabic comma is not a separator
  e.target.name_en = "Armenia, Republic of";
  std::string csv = EventsCsv(std::vector<Event>{e});
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "id,article,type,mode,cameo,source_entity,source_name_en,source_name_ar,"
            "source_country,source_actor_code,target_entity,target_name_en,target_name_ar,"
            "target_country,target_actor_code,location_name_en,location_country,lat,lon,when,"
            "granularity,historical,background,status,negated,referenced,confidence,evidence_start,"
            "evidence_end,"
            "evidence_text,gloss");
  EXPECT_NE(csv.find(",\"Armenia, Republic of\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"قال، \"\"نعم\"\", ثم\nسطر\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2023-08-16,day,false,false,occurred,false,false,0.9,100,180,"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.back(), '\n');
  EXPECT_EQ(EventsCsv(std::vector<Event>{e}, /*header=*/false).rfind("ev1,art1,CONSULT,", 0), 0u);

  store::ArticleRow row;
  row.article.id = "abc";
  row.article.title = "title with \"quotes\"";
  std::string articles = ArticlesCsv(std::vector{row});
  EXPECT_EQ(articles.rfind("id,published,outlet,title,", 0), 0u);
  EXPECT_NE(articles.find("\"title with \"\"quotes\"\"\""), std::string::npos) << articles;

  store::EntityRow entity;
  entity.entity = {
      "place:yerevan", "Yerevan", "يريفان", EntityType::kPlace, "ARM", "", "", 40.5, 44.25};
  std::string entities = EntitiesCsv(std::vector{entity}, /*header=*/false);
  EXPECT_EQ(entities, "place:yerevan,Yerevan,يريفان,place,ARM,,,40.5,44.25,0,0,0\n");
}

// ---- Terminal output.

TEST(TableTest, DisplayWidth) {
  struct Case {
    std::string text;
    int width;
  };
  const Case cases[] = {
      {"", 0},
      {"abc", 3},
      {"محمد", 4},
      {"مُحَمَّدٌ", 4},         // damma, fatha, shadda, dammatan take no column
      {"لا\u200Cإله", 5},  // ZWNJ takes none
      {"…", 1},
      {"中文", 4},  // wide
      {"\xff", 1},  // invalid byte
  };
  for (const Case& c : cases) EXPECT_EQ(internal::DisplayWidth(c.text), c.width) << c.text;
}

TEST(TableTest, CutToWidthKeepsCharactersWhole) {
  struct Case {
    std::string text;
    int width;
    std::string cut;
  };
  // clang-format off
  const Case cases[] = {
      {"abcdef", 6, "abcdef"},
      {"abcdefg", 6, "abcde…"},
      {"مُحَمَّدٌ أحمد", 12, "مُحَمَّدٌ أحمد"},
      {"مُحَمَّدٌ أحمد", 5, "مُحَمَّدٌ…"},  // the marks of the last kept letter stay with it
      {"مُحَمَّدٌ أحمد", 4, "مُحَمَّ…"},
      {"مُحَمَّدٌ", 3, "مُحَ…"},
      {"abc", 0, ""},
  };
  // clang-format on
  for (const Case& c : cases) {
    std::string cut = internal::CutToWidth(c.text, c.width);
    EXPECT_EQ(cut, c.cut) << c.text << " @" << c.width;
    EXPECT_LE(internal::DisplayWidth(cut), c.width);
  }
}

// The column after an Arabic cell starts at the same display column on every line, whatever
// the number of diacritics (bytes) in the cell.
TEST(TableTest, ColumnsAlignByDisplayWidth) {
  std::vector<store::EntityRow> rows(3);
  rows[0].entity = {"p1", "Muhammad", "مُحَمَّدٌ", EntityType::kPerson, "", "", "", NAN, NAN};
  rows[1].entity = {"p2", "", "أحمد بن محمد", EntityType::kPerson, "", "", "", NAN, NAN};
  rows[2].entity = {"X", "X", "x", EntityType::kPerson, "", "", "", NAN, NAN};
  std::string table = EntitiesTable(rows);
  std::istringstream in(table);
  std::string line;
  std::vector<int> columns;
  while (std::getline(in, line)) {
    size_t pos = line.find("person");
    if (pos == std::string::npos) pos = line.find("TYPE");
    ASSERT_NE(pos, std::string::npos) << line;
    columns.push_back(internal::DisplayWidth(line.substr(0, pos)));
  }
  ASSERT_EQ(columns.size(), 4u) << table;
  for (int c : columns) EXPECT_EQ(c, columns[0]) << table;
  EXPECT_EQ(EntitiesTable({}), "(none)\n");
}

TEST(TableTest, EventsTableExcerptsTheEvidence) {
  Event e = FullEvent();
  std::string long_sentence;
  for (int i = 0; i < 20; ++i) long_sentence += "كلمةٌ ";
  const uint32_t trigger = static_cast<uint32_t>(long_sentence.size());
  long_sentence += "اتصالا هاتفيا";
  for (int i = 0; i < 20; ++i) long_sentence += " آخرُ";
  e.evidence.text = long_sentence;
  e.evidence.span = {1000, 1000 + static_cast<uint32_t>(long_sentence.size())};
  e.trigger = {1000 + trigger, 1000 + trigger + 12};
  std::string table = EventsTable(std::vector<Event>{e}, 40);
  std::istringstream in(table);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(header.rfind("DATE", 0), 0u);
  for (const char* col : {"TYPE", "MODE", "SOURCE", "TARGET", "EVIDENCE"}) {
    EXPECT_NE(header.find(col), std::string::npos) << col;
  }
  EXPECT_NE(row.find("Russia"), std::string::npos);
  EXPECT_NE(row.find("اتصالا"), std::string::npos) << "the trigger is in the excerpt: " << row;
  const size_t evidence = row.find("…");
  ASSERT_NE(evidence, std::string::npos) << row;
  EXPECT_LE(internal::DisplayWidth(row.substr(evidence)), 40 + 1) << row;  // + LRM
}

// A story of three reports: a claim twice, a denial once.
store::StoryRow SampleStory() {
  store::StoryRow r;
  r.first = FullEvent();
  r.first_seen = "2023-08-16";
  r.last_seen = "2023-08-17";
  r.first_published = "2023-08-16T10:00";
  r.last_published = "2023-08-17T08:00";
  r.events = 3;
  r.articles = 3;
  r.outlets = 2;
  store::StoryClaim claim;
  claim.status = EventStatus::kClaimed;
  claim.claimant = {"AZE", "Azerbaijan", "أذربيجان", "AZE", "AZEGOV", {}};
  claim.events = 2;
  store::StoryClaim denial;
  denial.status = EventStatus::kDenied;
  denial.claimant = {"ARM", "Armenia", "أرمينيا", "ARM", "ARMGOV", {}};
  denial.events = 1;
  r.claims = {claim, denial};
  return r;
}

TEST(StoryTest, JsonCsvAndTableShowTheClaimsSideBySide) {
  const store::StoryRow r = SampleStory();
  const nlohmann::json j = StoryJson(r);
  for (const char* key :
       {"id", "type", "mode", "cameo", "source", "target", "location", "first_seen", "last_seen",
        "first_published", "last_published", "events", "articles", "outlets", "claims",
        "first_event", "first_article", "evidence", "gloss"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["id"], r.first.id);
  EXPECT_EQ(j["outlets"], 2);
  ASSERT_EQ(j["claims"].size(), 2u);
  EXPECT_EQ(j["claims"][1]["status"], "denied");
  EXPECT_EQ(j["claims"][1]["claimant"]["country"], "ARM");
  EXPECT_EQ(j["claims"][0]["events"], 2);

  const std::vector<store::StoryRow> rows = {r};
  const std::string csv = StoriesCsv(rows);
  EXPECT_NE(csv.find("claimed by Azerbaijan (2); denied by Armenia"), std::string::npos) << csv;

  const std::string table = StoriesTable(rows);
  EXPECT_EQ(table.rfind("SEEN", 0), 0u) << table;
  EXPECT_NE(table.find("2023-08-16..2023-08-17"), std::string::npos) << table;
  EXPECT_NE(table.find("claimed by Azerbaijan (2); denied by Armenia"), std::string::npos) << table;
  EXPECT_EQ(StoriesTable({}), "(none)\n");
}

TEST(ParamsTest, StoryQueryAndUniqueEvents) {
  Result<store::StoryQuery> q = ParseStoryQuery({{"type", "assault"}, {"actor", "ARM"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->type, EventType::kAssault);
  EXPECT_EQ(q->actor, "ARM");
  EXPECT_FALSE(ParseStoryQuery({{"type", "VISIT"}}).ok());
  EXPECT_FALSE(ParseStoryQuery({{"from", "yesterday"}}).ok());
  Result<store::EventQuery> e = ParseEventQuery({{"unique", "true"}});
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->unique);
  EXPECT_FALSE(ParseEventQuery({{"unique", "maybe"}}).ok());
}

TEST(MarkedTextTest, MarksMentionsAndEvents) {
  store::ArticleDetail d;
  d.row.article.text = "اتصل لافروف بنظيره الأرميني. ثم غادر.";
  const std::string& t = d.row.article.text;
  auto span = [&](const std::string& word) {
    const uint32_t start = static_cast<uint32_t>(t.find(word));
    return Span{start, start + static_cast<uint32_t>(word.size())};
  };
  Mention lavrov;
  lavrov.span = span("لافروف");
  lavrov.text = "لافروف";
  lavrov.entity = "person:sergei-lavrov";
  Mention armenian;
  armenian.span = span("بنظيره الأرميني");
  armenian.actor_code = "ARMGOV";
  Mention nested;  // inside the previous one: skipped
  nested.span = span("الأرميني");
  nested.entity = "ARM";
  Mention bad;  // past the end of the text: skipped
  bad.span = {1000, 1004};
  d.mentions = {lavrov, armenian, nested, bad};
  Event e = FullEvent();
  e.source = {"person:sergei-lavrov", "Sergei Lavrov", "", "RUS", "RUSGOV", {}};
  e.evidence.span = {0, static_cast<uint32_t>(t.find(" ثم"))};
  d.events = {e};
  EXPECT_EQ(MarkedText(d),
            "اتصل [[لافروف|person:sergei-lavrov]] [[بنظيره الأرميني|ARMGOV]]. "
            "⟦CONSULT/phone RUSGOV→ARMGOV 2023-08-16⟧ ثم غادر.");
}

}  // namespace
}  // namespace rasd::query
