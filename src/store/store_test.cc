#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "store/schema.h"

namespace rasd::store {
namespace {

namespace fs = std::filesystem;

const text::Analyzer& TheAnalyzer() {
  static const text::Analyzer* analyzer = [] {
    Result<text::Analyzer> a = text::Analyzer::Load();
    if (!a.ok()) {
      ADD_FAILURE() << a.status().ToString();
      return new text::Analyzer();
    }
    return new text::Analyzer(std::move(a).value());
  }();
  return *analyzer;
}

// A database path under the temp directory, unique per process and test; the file and its WAL
// companions are removed afterwards.
class TempPath {
 public:
  explicit TempPath(const std::string& suffix = ".db") {
    static std::atomic<int> counter = 0;
    path_ = (fs::temp_directory_path() / ("rasd-store-test-" + std::to_string(::getpid()) + "-" +
                                          std::to_string(counter++) + suffix))
                .string();
    Remove();
  }
  ~TempPath() { Remove(); }
  const std::string& str() const { return path_; }

 private:
  void Remove() {
    std::error_code ec;
    for (const char* ext : {"", "-wal", "-shm", "-journal"}) fs::remove_all(path_ + ext, ec);
  }
  std::string path_;
};

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<Store>> db = Store::Open(path, TheAnalyzer());
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

int64_t UserVersion(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  int64_t v = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return v;
}

void ExecRaw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
  sqlite3_free(err);
  sqlite3_close(db);
}

// ---- Hand-built articles and events.

Article MakeArticle(const std::string& id, const std::string& text,
                    const std::string& published = "", const std::string& outlet = "") {
  Article a;
  a.id = id;
  a.text = text;
  a.title = "title " + id.substr(0, 4);
  a.published = published;
  a.outlet = outlet;
  a.source = "test/" + id + ".txt";
  a.format = "txt";
  a.metadata_json = R"({"section":"world"})";
  return a;
}

Actor MakeActor(const std::string& entity, const std::string& code, const std::string& en,
                const std::string& ar) {
  Actor a;
  a.entity = entity;
  a.actor_code = code;
  a.country = code.size() >= 3 && code != "UNO" ? code.substr(0, 3) : "";
  a.name_en = en;
  a.name_ar = ar;
  return a;
}

Event MakeEvent(const std::string& id, const std::string& article, EventType type,
                const Actor& source, const Actor& target, const std::string& when,
                bool historical = false) {
  Event e;
  e.id = id;
  e.article = article;
  e.type = type;
  e.source = source;
  e.target = target;
  e.when.value = when;
  e.when.granularity = when.size() == 10  ? Granularity::kDay
                       : when.size() == 7 ? Granularity::kMonth
                                          : Granularity::kUnknown;
  e.when.historical = historical;
  e.evidence.text = "جملة الدليل " + id;
  e.evidence.span = {0, static_cast<uint32_t>(e.evidence.text.size())};
  e.trigger = {0, 8};
  e.trigger_text = "جملة";
  e.confidence = 0.75;
  return e;
}

Entity MakeEntity(const std::string& id, EntityType type, const std::string& code,
                  const std::string& en, const std::string& ar) {
  Entity e;
  e.id = id;
  e.type = type;
  e.actor_code = code;
  e.country = code.size() >= 3 ? code.substr(0, 3) : "";
  e.name_en = en;
  e.name_ar = ar;
  return e;
}

Mention MakeMention(uint32_t start, uint32_t end, const std::string& text,
                    const std::string& entity, const std::string& code) {
  Mention m;
  m.span = {start, end};
  m.text = text;
  m.entity = entity;
  m.actor_code = code;
  m.type = EntityType::kCountry;
  return m;
}

const std::string kA1 = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
const std::string kA2 = "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2";
const std::string kB1 = "b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1";

const Actor kRussia = MakeActor("RUS", "RUSGOV", "Russia", "روسيا");
const Actor kRussiaMil = MakeActor("RUS", "RUSMIL", "Russia", "روسيا");
const Actor kArmenia = MakeActor("ARM", "ARMGOV", "Armenia", "أرمينيا");
const Actor kArmeniaMil = MakeActor("ARM", "ARMMIL", "Armenia", "أرمينيا");
const Actor kAzerbaijan = MakeActor("AZE", "AZEMIL", "Azerbaijan", "أذربيجان");
const Actor kAzerbaijanGov = MakeActor("AZE", "AZEGOV", "Azerbaijan", "أذربيجان");
const Actor kLavrov = MakeActor("person:sergei-lavrov", "RUSGOV", "Sergei Lavrov", "سيرغي لافروف");
const Actor kUsa = MakeActor("USA", "USAGOV", "United States", "الولايات المتحدة");
const Actor kUn = MakeActor("igo:un", "UNO", "United Nations", "الأمم المتحدة");
const Actor kBelarus = MakeActor("BLR", "BLRMIL", "Belarus", "بيلاروسيا");

// Two articles, six events, chosen so each filter has something to include and exclude:
//   e1 CONSULT RUS->ARM 2023-08-16        e4 AGREE  RUSMIL->AZE 2023-09-01
//   e2 ASSAULT AZE->ARM 2023-08-31 (Stepanakert)   e5 REQUEST UNO, undated
//   e3 ACCUSE Lavrov->USA 2020-09-27 historical    e6 MOBILIZE BLRMIL 2023-09, confidence 0.3
std::vector<ProcessedArticle> SampleBatch() {
  ProcessedArticle p1;
  p1.article = MakeArticle(kA1, "اتصل الرئيس الروسي بنظيره الأرميني.", "2023-08-16", "RIA");
  p1.mentions = {MakeMention(0, 8, "اتصل", "RUS", "RUSGOV"),
                 MakeMention(10, 20, "الرئيس", "RUS", "RUSGOV"),
                 MakeMention(22, 30, "الروسي", "ARM", "ARMGOV")};
  Timex t;
  t.span = {0, 4};
  t.text = "اليوم";
  t.value = "2023-08-16";
  t.granularity = Granularity::kDay;
  t.anchor = "published";
  p1.timexes = {t};
  p1.events.push_back(MakeEvent("e1", kA1, EventType::kConsult, kRussia, kArmenia, "2023-08-16"));
  p1.events.back().mode = "phone";
  p1.events.back().cameo = "041";
  Event e2 = MakeEvent("e2", kA1, EventType::kAssault, kAzerbaijan, kArmeniaMil, "2023-08-31");
  e2.location = {"place:stepanakert", "Stepanakert", "ستيباناكيرت", "AZE", 39.8, 46.75};
  e2.casualties = {{"ARMMIL", 2, -1, "soldiers"}};
  e2.status = EventStatus::kClaimed;
  e2.claimant = kArmenia;
  p1.events.push_back(e2);
  p1.events.push_back(
      MakeEvent("e3", kA1, EventType::kAccuse, kLavrov, kUsa, "2020-09-27", /*historical=*/true));
  p1.entities = {
      MakeEntity("RUS", EntityType::kCountry, "RUSGOV", "Russia", "روسيا"),
      MakeEntity("ARM", EntityType::kCountry, "ARMGOV", "Armenia", "أرمينيا"),
      MakeEntity("AZE", EntityType::kCountry, "AZEGOV", "Azerbaijan", "أذربيجان"),
      MakeEntity("person:sergei-lavrov", EntityType::kPerson, "RUSGOV", "Sergei Lavrov",
                 "سيرغي لافروف"),
      MakeEntity("USA", EntityType::kCountry, "USAGOV", "United States", "الولايات المتحدة")};

  ProcessedArticle p2;
  p2.article = MakeArticle(kA2, "وقعت روسيا وأذربيجان اتفاقا.", "2023-09-02", "TASS");
  p2.mentions = {MakeMention(9, 19, "روسيا", "RUS", "RUSGOV")};
  p2.events.push_back(
      MakeEvent("e4", kA2, EventType::kAgree, kRussiaMil, kAzerbaijanGov, "2023-09-01"));
  p2.events.push_back(MakeEvent("e5", kA2, EventType::kRequest, kUn, Actor{}, ""));
  p2.events.back().referenced = true;
  p2.events.push_back(MakeEvent("e6", kA2, EventType::kMobilize, kBelarus, Actor{}, "2023-09"));
  p2.events.back().confidence = 0.3;
  p2.entities = {MakeEntity("RUS", EntityType::kCountry, "RUSGOV", "Russia", "روسيا"),
                 MakeEntity("igo:un", EntityType::kIgo, "UNO", "United Nations", "الأمم المتحدة"),
                 MakeEntity("BLR", EntityType::kCountry, "BLRGOV", "Belarus", "بيلاروسيا")};
  return {p1, p2};
}

std::vector<std::string> Ids(const std::vector<Event>& events) {
  std::vector<std::string> ids;
  for (const Event& e : events) ids.push_back(e.id);
  return ids;
}

// ---- Schema and opening.

TEST(StoreOpenTest, MigratesAnEmptyFileAndReopeningIsANoOp) {
  TempPath path;
  {
    auto db = OpenOrDie(path.str());
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->path(), path.str());
    ASSERT_TRUE(db->WriteBatch(SampleBatch(), {}).ok());
  }
  EXPECT_EQ(UserVersion(path.str()), kSchemaVersion);
  EXPECT_EQ(internal::Migrations().size(), static_cast<size_t>(kSchemaVersion));
  auto again = OpenOrDie(path.str());
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(UserVersion(path.str()), kSchemaVersion);
  Result<Stats> stats = again->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->schema_version, kSchemaVersion);
  EXPECT_EQ(stats->articles, 2) << "reopening keeps the data";
}

TEST(StoreOpenTest, UsesWalMode) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.str().c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

TEST(StoreOpenTest, RefusesADatabaseNewerThanThisBuild) {
  TempPath path;
  { ASSERT_NE(OpenOrDie(path.str()), nullptr); }
  ExecRaw(path.str(), "PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
  Result<std::unique_ptr<Store>> db = Store::Open(path.str(), TheAnalyzer());
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find(path.str()), std::string::npos) << db.status().message();
  EXPECT_NE(db.status().message().find("newer"), std::string::npos) << db.status().message();
}

// Each row: what the file holds; Open must fail (never crash) and name the path.
TEST(StoreOpenTest, FailsCleanlyOnFilesThatAreNotRasdDatabases) {
  struct Case {
    const char* name;
    std::string bytes;  // written to the file; "<dir>" makes a directory instead
    Status::Code code;
  };
  std::string garbage;
  for (int i = 0; i < 8192; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
  std::string fake_header = std::string("SQLite format 3") + '\0' + garbage;
  const Case cases[] = {
      {"garbage bytes", garbage, Status::Code::kInvalidInput},
      {"a text file", "زار لافروف يريفان.\nthis is not a database\n", Status::Code::kInvalidInput},
      {"a SQLite header on garbage", fake_header, Status::Code::kInvalidInput},
      {"a directory", "<dir>", Status::Code::kIoError},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempPath path;
    if (c.bytes == "<dir>") {
      fs::create_directories(path.str());
    } else {
      std::ofstream(path.str(), std::ios::binary) << c.bytes;
    }
    Result<std::unique_ptr<Store>> db = Store::Open(path.str(), TheAnalyzer());
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), c.code) << db.status().ToString();
    EXPECT_NE(db.status().message().find(path.str()), std::string::npos) << db.status().message();
  }
}

// A rasd database whose pages were overwritten after the header: opening may succeed (the
// header and schema are intact), but no call may crash, and every failure names the path.
TEST(StoreOpenTest, SurvivesACorruptDatabase) {
  TempPath path;
  {
    auto db = OpenOrDie(path.str());
    ASSERT_NE(db, nullptr);
    std::vector<ProcessedArticle> batch;
    for (int i = 0; i < 200; ++i) {
      std::vector<ProcessedArticle> one = SampleBatch();
      char id[33];
      std::snprintf(id, sizeof id, "%032x", i + 1);
      one[0].article.id = id;
      for (Event& e : one[0].events) e.id = std::string(id) + e.id;
      one[0].mentions.clear();
      batch.push_back(one[0]);
    }
    ASSERT_TRUE(db->WriteBatch(batch, {}).ok());
  }
  const auto size = fs::file_size(path.str());
  ASSERT_GT(size, 16384u);
  {
    std::fstream f(path.str(), std::ios::in | std::ios::out | std::ios::binary);
    // The second half only: the schema pages at the start stay readable, so Open gets through
    // and the reads meet the damage.
    for (auto at = static_cast<std::streamoff>(size / 2);
         at + 512 < static_cast<std::streamoff>(size); at += 2048) {
      f.seekp(at);
      f << std::string(512, '\x5a');
    }
  }
  Result<std::unique_ptr<Store>> db = Store::Open(path.str(), TheAnalyzer());
  if (!db.ok()) {
    EXPECT_NE(db.status().message().find(path.str()), std::string::npos);
    return;
  }
  std::vector<Status> results = {(*db)->Events({}).status(),
                                 (*db)->Events({.actor = "RUS"}).status(),
                                 (*db)->Articles({}).status(),
                                 (*db)->Entities({}).status(),
                                 (*db)->Search({.text = "روسيا"}).status(),
                                 (*db)->GetStats().status(),
                                 (*db)->GetArticle(kA1).status(),
                                 (*db)->WriteBatch(SampleBatch(), {}).status()};
  int failures = 0;
  for (const Status& s : results) {
    if (s.ok()) continue;
    ++failures;
    EXPECT_NE(s.message().find(path.str()), std::string::npos) << s.message();
  }
  EXPECT_GT(failures, 0) << "the corruption went unnoticed";
}

TEST(StoreOpenTest, FailsOnAMissingDirectory) {
  TempPath dir;
  const std::string path = dir.str() + "/no/such/dir/rasd.db";
  Result<std::unique_ptr<Store>> db = Store::Open(path, TheAnalyzer());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Status::Code::kIoError);
  EXPECT_NE(db.status().message().find(path), std::string::npos) << db.status().message();
}

TEST(StoreOpenTest, RefusesAnotherProgramsSqliteDatabase) {
  TempPath path;
  ExecRaw(path.str(), "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
  Result<std::unique_ptr<Store>> db = Store::Open(path.str(), TheAnalyzer());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Status::Code::kInvalidInput);
  EXPECT_NE(db.status().message().find(path.str()), std::string::npos);
  EXPECT_EQ(UserVersion(path.str()), 0) << "nothing of ours was added";
}

// ---- Writing.

TEST(StoreWriteTest, StoresABatchAndSkipsItTheSecondTime) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<RejectRecord> rejects = {{"in/bad.bin", "binary", "not text", ""},
                                       {"feed.jsonl:3", "malformed-json", "expected '}'", "x"}};
  Result<WriteResult> first = db->WriteBatch(SampleBatch(), rejects);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->stored, 2);
  EXPECT_EQ(first->duplicates, 0);
  EXPECT_EQ(first->rejects, 2);

  Result<WriteResult> second = db->WriteBatch(SampleBatch(), {});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->stored, 0);
  EXPECT_EQ(second->duplicates, 2);

  // The same article twice in one batch: stored once.
  std::vector<ProcessedArticle> twice(2);
  twice[0].article = MakeArticle(kB1, "نص");
  twice[1].article = twice[0].article;
  Result<WriteResult> third = db->WriteBatch(twice, {});
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->stored, 1);
  EXPECT_EQ(third->duplicates, 1);

  Result<Stats> s = db->GetStats();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->articles, 3);
  EXPECT_EQ(s->events, 6);
  EXPECT_EQ(s->mentions, 4);
  EXPECT_EQ(s->entities, 7);  // RUS ARM AZE lavrov USA igo:un BLR, each once
  EXPECT_EQ(s->rejects, 2);
  EXPECT_EQ(s->duplicates, 0);
  EXPECT_EQ(s->events_by_type.at("CONSULT"), 1);
  EXPECT_EQ(s->events_by_type.size(), 6u);
  EXPECT_EQ(s->rejects_by_reason.at("binary"), 1);
  EXPECT_EQ(s->articles_by_format.at("txt"), 3);
  EXPECT_GT(s->db_bytes, 0);

  Result<bool> has = db->HasArticle(kA1);
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
  EXPECT_FALSE(*db->HasArticle("ffff"));
}

TEST(StoreWriteTest, RejectsGetATimeWhenTheyHaveNone) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->WriteBatch({}, std::vector<RejectRecord>{{"a.txt", "empty", "no text", ""},
                                                           {"b.txt", "binary", "NUL bytes",
                                                            "2024-01-02T03:04:05Z"}})
                  .ok());
  Result<std::vector<RejectRecord>> rows = db->Rejects(10, 0);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  // Newest first.
  EXPECT_EQ((*rows)[0].source, "b.txt");
  EXPECT_EQ((*rows)[0].at, "2024-01-02T03:04:05Z");
  EXPECT_EQ((*rows)[1].reason, "empty");
  ASSERT_EQ((*rows)[1].at.size(), 20u) << (*rows)[1].at;  // 2024-05-01T12:00:00Z
  EXPECT_EQ((*rows)[1].at[10], 'T');
  EXPECT_EQ((*rows)[1].at.back(), 'Z');
  EXPECT_EQ(db->Rejects(1, 1)->size(), 1u);
}

TEST(StoreWriteTest, EntityUpsertKeepsKnownFields) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  ProcessedArticle p;
  p.article = MakeArticle(kA1, "يريفان");
  Entity yerevan = MakeEntity("place:yerevan", EntityType::kPlace, "", "Yerevan", "يريفان");
  yerevan.country = "ARM";
  yerevan.lat = 40.18;
  yerevan.lon = 44.51;
  p.entities = {yerevan};
  p.mentions = {MakeMention(0, 12, "يريفان", "place:yerevan", "")};
  ASSERT_TRUE(db->WriteBatch(std::vector{p}, {}).ok());
  // A later article brings a partial record: the known fields stay.
  ProcessedArticle q;
  q.article = MakeArticle(kA2, "يريفان مجددا");
  Entity partial;
  partial.id = "place:yerevan";
  partial.role = "capital";
  q.entities = {partial};
  q.mentions = {MakeMention(0, 12, "يريفان", "place:yerevan", "")};
  ASSERT_TRUE(db->WriteBatch(std::vector{q}, {}).ok());
  Result<std::optional<EntityRow>> row = db->GetEntity("place:yerevan");
  ASSERT_TRUE(row.ok() && row->has_value());
  const EntityRow& r = **row;
  EXPECT_EQ(r.entity.name_en, "Yerevan");
  EXPECT_EQ(r.entity.name_ar, "يريفان");
  EXPECT_EQ(r.entity.type, EntityType::kPlace);
  EXPECT_EQ(r.entity.role, "capital");
  EXPECT_DOUBLE_EQ(r.entity.lat, 40.18);
  EXPECT_EQ(r.mentions, 2);
  EXPECT_EQ(r.articles, 2);
  EXPECT_EQ(r.events, 0);
  EXPECT_FALSE(db->GetEntity("place:nowhere")->has_value());
}

// ---- Reading articles.

TEST(StoreReadTest, GetArticleByIdAndPrefix) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<ProcessedArticle> batch = SampleBatch();
  ProcessedArticle twin;  // shares the first 6 characters with kA1
  twin.article = MakeArticle("a1a1a1ffffffffffffffffffffffffff", "نص آخر");
  batch.push_back(twin);
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());

  struct Case {
    std::string query;
    std::string expect_id;  // "" = not found
    bool error = false;     // ambiguous
  };
  // clang-format off
  const Case cases[] = {
      {kA1, kA1},
      {kA2.substr(0, 6), kA2},
      {kA2.substr(0, 12), kA2},
      {"a1a1a1a", kA1},
      {"a1a1a1", "", true},  // matches kA1 and the twin
      {"a2a2a", ""},         // prefixes shorter than 6 are not looked up
      {"", ""},
      {"ffffffffffff", ""},
      {"a2a2a2a2%", ""},     // no wildcard semantics
  };
  // clang-format on
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    Result<std::optional<ArticleDetail>> d = db->GetArticle(c.query);
    if (c.error) {
      ASSERT_FALSE(d.ok());
      EXPECT_EQ(d.status().code(), Status::Code::kInvalidArgument);
      EXPECT_NE(d.status().message().find("ambiguous"), std::string::npos);
      continue;
    }
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    if (c.expect_id.empty()) {
      EXPECT_FALSE(d->has_value());
    } else {
      ASSERT_TRUE(d->has_value());
      EXPECT_EQ((*d)->row.article.id, c.expect_id);
    }
  }

  Result<std::optional<ArticleDetail>> d = db->GetArticle(kA1.substr(0, 8));
  ASSERT_TRUE(d.ok() && d->has_value());
  const ArticleDetail& a = **d;
  EXPECT_EQ(a.row.article.text, "اتصل الرئيس الروسي بنظيره الأرميني.");
  EXPECT_EQ(a.row.article.published, "2023-08-16");
  EXPECT_EQ(a.row.article.outlet, "RIA");
  EXPECT_EQ(a.row.article.metadata_json, R"({"section":"world"})");
  EXPECT_EQ(a.row.article.url, "");
  EXPECT_EQ(a.row.event_count, 3);
  EXPECT_EQ(a.row.mention_count, 3);
  EXPECT_FALSE(a.row.ingested_at.empty());
  ASSERT_EQ(a.mentions.size(), 3u);
  EXPECT_EQ(a.mentions[1].span, (Span{10, 20}));
  EXPECT_EQ(a.mentions[1].entity, "RUS");
  EXPECT_EQ(a.mentions[1].actor_code, "RUSGOV");
  ASSERT_EQ(a.timexes.size(), 1u);
  EXPECT_EQ(a.timexes[0].value, "2023-08-16");
  EXPECT_EQ(a.timexes[0].granularity, Granularity::kDay);
  ASSERT_EQ(a.events.size(), 3u);

  // Every field of an event survives the round trip.
  const Event& e2 = a.events[1];
  EXPECT_EQ(e2.id, "e2");
  EXPECT_EQ(e2.type, EventType::kAssault);
  EXPECT_EQ(e2.source.actor_code, "AZEMIL");
  EXPECT_EQ(e2.source.name_ar, "أذربيجان");
  EXPECT_EQ(e2.target.entity, "ARM");
  EXPECT_EQ(e2.location.entity, "place:stepanakert");
  EXPECT_DOUBLE_EQ(e2.location.lat, 39.8);
  EXPECT_EQ(e2.status, EventStatus::kClaimed);
  EXPECT_EQ(e2.claimant.actor_code, "ARMGOV");
  ASSERT_EQ(e2.casualties.size(), 1u);
  EXPECT_EQ(e2.casualties[0].killed, 2);
  EXPECT_EQ(e2.casualties[0].wounded, -1);
  EXPECT_EQ(e2.casualties[0].group, "soldiers");
  EXPECT_EQ(e2.when.value, "2023-08-31");
  EXPECT_EQ(e2.when.granularity, Granularity::kDay);
  EXPECT_EQ(e2.evidence.text, "جملة الدليل e2");
  EXPECT_EQ(e2.trigger_text, "جملة");
  EXPECT_DOUBLE_EQ(e2.confidence, 0.75);
  EXPECT_EQ(e2.sources, 1);
  EXPECT_FALSE(e2.referenced);
  EXPECT_TRUE(std::isnan(a.events[0].location.lat));
}

TEST(StoreReadTest, ArticlesNewestFirstWithFilters) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<ProcessedArticle> batch = SampleBatch();
  ProcessedArticle undated;
  undated.article = MakeArticle(kB1, "نص بلا تاريخ");
  batch.push_back(undated);
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());

  struct Case {
    const char* name;
    ArticleQuery query;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {"all", {}, {kA2, kA1, kB1}},
      {"outlet", {.outlet = "RIA"}, {kA1}},
      {"from month", {.from = "2023-09"}, {kA2}},
      {"to month inclusive", {.to = "2023-08"}, {kA1}},
      {"to day inclusive", {.to = "2023-09-02"}, {kA2, kA1}},
      {"limit", {.limit = 1}, {kA2}},
      {"offset", {.limit = 1, .offset = 2}, {kB1}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::vector<ArticleRow>> rows = db->Articles(c.query);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> ids;
    for (const ArticleRow& r : *rows) ids.push_back(r.article.id);
    EXPECT_EQ(ids, c.ids);
    ArticleQuery all = c.query;
    all.limit = 0;
    all.offset = 0;
    Result<int64_t> n = db->CountArticles(all);
    ASSERT_TRUE(n.ok());
    EXPECT_GE(*n, static_cast<int64_t>(ids.size()));
  }
  Result<std::vector<ArticleRow>> rows = db->Articles({});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].event_count, 3);
  EXPECT_EQ((*rows)[0].mention_count, 1);
  EXPECT_TRUE((*rows)[0].article.text.empty()) << "lists leave the text out";
  EXPECT_EQ(*db->CountArticles({}), 3);
  EXPECT_EQ(*db->CountArticles({.outlet = "TASS"}), 1);
}

TEST(StoreReadTest, SetDuplicateOf) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->WriteBatch(SampleBatch(), {}).ok());
  ASSERT_TRUE(db->SetDuplicateOf(kA2, kA1).ok());
  EXPECT_EQ(db->SetDuplicateOf("nope", kA1).code(), Status::Code::kNotFound);
  EXPECT_EQ(db->GetStats()->duplicates, 1);
  EXPECT_EQ((*db->GetArticle(kA2))->row.duplicate_of, kA1);
  ASSERT_TRUE(db->SetDuplicateOf(kA2, "").ok());
  EXPECT_EQ(db->GetStats()->duplicates, 0);
}

// ---- Near copies and dedup signatures.

TEST(StoreDedupTest, NearCopiesAndSignatures) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<ProcessedArticle> batch = SampleBatch();
  batch[0].signature = "sig-a1";
  batch[0].signature_scheme = "s1";
  batch[1].duplicate_of = kA1;
  batch[1].similarity = 0.75;
  Result<WriteResult> w = db->WriteBatch(batch, {});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->stored, 2);
  EXPECT_EQ(w->copies, 1);
  EXPECT_EQ(db->GetStats()->duplicates, 1);
  Result<std::optional<ArticleDetail>> copy = db->GetArticle(kA2);
  ASSERT_TRUE(copy.ok() && copy->has_value());
  EXPECT_EQ((*copy)->row.duplicate_of, kA1);
  EXPECT_DOUBLE_EQ((*copy)->row.similarity, 0.75);
  EXPECT_DOUBLE_EQ((*db->GetArticle(kA1))->row.similarity, 0);

  using Pairs = std::vector<std::pair<std::string, std::string>>;
  auto signatures = [&](std::string_view scheme) {
    Pairs out;
    EXPECT_TRUE(db->ForEachSignature(scheme, [&](std::string_view id, std::string_view bytes) {
                    out.emplace_back(id, bytes);
                  }).ok());
    return out;
  };
  auto unsigned_ids = [&](std::string_view scheme) {
    std::vector<std::string> out;
    EXPECT_TRUE(db->ForEachUnsigned(scheme, [&](std::string_view id, std::string_view text) {
                    EXPECT_FALSE(text.empty());
                    out.emplace_back(id);
                  }).ok());
    return out;
  };
  // Copies have no signature and are never listed: only originals are indexed.
  EXPECT_EQ(signatures("s1"), (Pairs{{kA1, "sig-a1"}}));
  EXPECT_TRUE(unsigned_ids("s1").empty());
  EXPECT_EQ(unsigned_ids("s2"), (std::vector<std::string>{kA1}));
  ASSERT_TRUE(db->SaveSignatures("s2", Pairs{{kA1, "sig-a1-v2"}}).ok());
  EXPECT_EQ(signatures("s2"), (Pairs{{kA1, "sig-a1-v2"}}));
  EXPECT_TRUE(unsigned_ids("s2").empty());
  EXPECT_TRUE(signatures("s1").empty()) << "one signature an article, the newest scheme's";
}

// A database written before near-duplicate detection (schema version 1) gains the similarity
// column and the signatures table; its articles are then unsigned originals.
TEST(StoreDedupTest, MigratesAVersionOneDatabase) {
  TempPath path;
  // Version 1's schema as it shipped, written by plain SQLite: its FTS index with SQLite's
  // own tokenizer, which plain SQLite has ("rasd" is registered by Store::Open).
  std::string v1 = internal::Migrations()[0].sql;
  v1.replace(v1.find("tokenize='rasd'"), 15, "tokenize='unicode61'");
  ExecRaw(path.str(), v1 + "INSERT INTO articles(id, text, ingested_at) VALUES ('" + kA1 +
                          "', 'نص', '2024-01-01T00:00:00Z'), ('" + kA2 +
                          "', 'نص آخر', '2024-01-01T00:00:01Z'); PRAGMA application_id = " +
                          std::to_string(internal::kApplicationId) + "; PRAGMA user_version = 1;");
  ASSERT_EQ(UserVersion(path.str()), 1);
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(UserVersion(path.str()), kSchemaVersion);
  std::vector<std::string> ids;
  ASSERT_TRUE(db->ForEachUnsigned("s1", [&](std::string_view id, std::string_view) {
                  ids.emplace_back(id);
                }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{kA1, kA2}));
  ASSERT_TRUE(db->SetDuplicateOf(kA2, kA1, 0.6).ok());
  EXPECT_DOUBLE_EQ((*db->GetArticle(kA2))->row.similarity, 0.6);
}

// ---- Events filters.

TEST(StoreEventsTest, Filters) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->WriteBatch(SampleBatch(), {}).ok());
  using V = std::vector<std::string>;
  struct Case {
    const char* name;
    EventQuery query;
    V ids;
  };
  const Case cases[] = {
      // Order: when_value descending (2023-09-01 after 2023-09 is the longer, later string),
      // undated last.
      {"all", {}, V{"e4", "e6", "e2", "e1", "e3", "e5"}},
      {"actor by entity id", {.actor = "person:sergei-lavrov"}, V{"e3"}},
      {"actor by actor code", {.actor = "RUSGOV"}, V{"e1", "e3"}},
      {"actor by other sector", {.actor = "RUSMIL"}, V{"e4"}},
      {"actor by country: every sector", {.actor = "RUS"}, V{"e4", "e1", "e3"}},
      {"actor as target", {.actor = "ARMMIL"}, V{"e2"}},
      {"actor IGO code", {.actor = "UNO"}, V{"e5"}},
      {"actor by English name, any case", {.actor = "lavrov"}, V{"e3"}},
      {"actor by English name substring", {.actor = "Armen"}, V{"e2", "e1"}},
      {"actor by Arabic name without hamza", {.actor = "ارمينيا"}, V{"e2", "e1"}},
      {"actor by Arabic name with diacritics", {.actor = "أَذْرَبِيجَان"}, V{"e4", "e2"}},
      {"actor by part of an Arabic name", {.actor = "لافروف"}, V{"e3"}},
      {"actor unknown", {.actor = "Narnia"}, V{}},
      {"type", {.type = EventType::kAssault}, V{"e2"}},
      {"from month", {.from = "2023-09"}, V{"e4", "e6"}},
      {"to month includes its last day", {.to = "2023-08"}, V{"e2", "e1", "e3"}},
      {"to year", {.to = "2020"}, V{"e3"}},
      {"one day", {.from = "2023-08-16", .to = "2023-08-16"}, V{"e1"}},
      {"no historical", {.include_historical = false}, V{"e4", "e6", "e2", "e1", "e5"}},
      {"no referenced", {.include_referenced = false}, V{"e4", "e6", "e2", "e1", "e3"}},
      {"min confidence", {.min_confidence = 0.5}, V{"e4", "e2", "e1", "e3", "e5"}},
      {"min confidence is inclusive", {.min_confidence = 0.75}, V{"e4", "e2", "e1", "e3", "e5"}},
      {"place by id", {.place = "place:stepanakert"}, V{"e2"}},
      {"place by English name", {.place = "stepanakert"}, V{"e2"}},
      {"place by Arabic name", {.place = "ستيباناكيرت"}, V{"e2"}},
      {"article", {.article = kA2}, V{"e4", "e6", "e5"}},
      {"limit", {.limit = 2}, V{"e4", "e6"}},
      {"limit and offset", {.limit = 2, .offset = 1}, V{"e6", "e2"}},
      {"offset past the end", {.offset = 10}, V{}},
      {"actor and type", {.actor = "RUS", .type = EventType::kConsult}, V{"e1"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::vector<Event>> events = db->Events(c.query);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    EXPECT_EQ(Ids(*events), c.ids);
    EventQuery all = c.query;
    all.limit = 0;
    all.offset = 0;
    Result<int64_t> n = db->CountEvents(all);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, static_cast<int64_t>(db->Events(all)->size()));
  }
}

// ---- Entities.

// Three articles from two outlets report one border incident (a claim and a denial); a fourth
// event is a story of its own; a historical and an undated event belong to none.
TEST(StoreStoriesTest, OneLinePerStoryWithCountsAndClaims) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  const std::string kC1 = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";
  std::vector<ProcessedArticle> batch(3);
  batch[0].article = MakeArticle(kA1, "نص أول", "2024-02-13T09:00", "Wire");
  batch[1].article = MakeArticle(kA2, "نص ثان", "2024-02-13T15:30", "Portal");
  batch[2].article = MakeArticle(kC1, "نص ثالث", "2024-02-14", "Wire");
  Event claim = MakeEvent("s1", kA1, EventType::kAssault, kArmeniaMil, kAzerbaijan, "2024-02-13");
  claim.status = EventStatus::kClaimed;
  claim.claimant = kAzerbaijanGov;
  claim.story = "s1";
  Event old = MakeEvent("h1", kA1, EventType::kAssault, kArmeniaMil, kAzerbaijan, "2020-09-27",
                        /*historical=*/true);
  batch[0].events = {claim, old};
  Event denial = claim;
  denial.id = "s2";
  denial.article = kA2;
  denial.status = EventStatus::kDenied;
  denial.claimant = kArmenia;
  Event other = MakeEvent("o1", kA2, EventType::kConsult, kRussia, kArmenia, "2024-02-13");
  other.story = "o1";
  batch[1].events = {denial, other};
  Event again = claim;
  again.id = "s3";
  again.article = kC1;
  again.when.value = "2024-02-14";
  Event undated = MakeEvent("u1", kC1, EventType::kAccuse, kArmenia, kAzerbaijan, "");
  batch[2].events = {again, undated};
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());

  Result<std::vector<StoryRow>> stories = db->Stories({});
  ASSERT_TRUE(stories.ok()) << stories.status().ToString();
  ASSERT_EQ(stories->size(), 2u);
  const StoryRow& s = (*stories)[0];  // same day as the consultation, an earlier article id
  EXPECT_EQ((*stories)[1].first.id, "o1");
  EXPECT_EQ(s.first.id, "s1");
  EXPECT_EQ(s.first.type, EventType::kAssault);
  EXPECT_EQ(s.events, 3);
  EXPECT_EQ(s.articles, 3);
  EXPECT_EQ(s.outlets, 2);
  EXPECT_EQ(s.first_seen, "2024-02-13");
  EXPECT_EQ(s.last_seen, "2024-02-14");
  EXPECT_EQ(s.first_published, "2024-02-13T09:00");
  EXPECT_EQ(s.last_published, "2024-02-14");
  ASSERT_EQ(s.claims.size(), 2u);
  EXPECT_EQ(s.claims[0].status, EventStatus::kClaimed);
  EXPECT_EQ(s.claims[0].claimant.country, "AZE");
  EXPECT_EQ(s.claims[0].events, 2);
  EXPECT_EQ(s.claims[1].status, EventStatus::kDenied);
  EXPECT_EQ(s.claims[1].claimant.country, "ARM");
  EXPECT_EQ(s.claims[1].events, 1);

  // Filters apply to the first event.
  Result<std::vector<StoryRow>> assaults = db->Stories({.type = EventType::kAssault});
  ASSERT_TRUE(assaults.ok());
  ASSERT_EQ(assaults->size(), 1u);
  EXPECT_EQ(db->CountStories({.actor = "RUS"}).value(), 1);
  EXPECT_EQ(db->CountStories({.from = "2024-02-14"}).value(), 0);
  EXPECT_EQ(db->CountStories({}).value(), 2);

  // One event per story, and the events that belong to none.
  EventQuery unique;
  unique.unique = true;
  Result<std::vector<Event>> events = db->Events(unique);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> ids;
  for (const Event& e : *events) ids.push_back(e.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"h1", "o1", "s1", "u1"}));
  EXPECT_EQ(db->CountEvents(unique).value(), 4);

  // Every event of a story counts the story's outlets; an event with no story, its own one.
  Result<std::vector<Event>> stored = db->Events({});
  ASSERT_TRUE(stored.ok());
  std::map<std::string, int> sources;
  for (const Event& e : *stored) sources[e.id] = e.sources;
  EXPECT_EQ(sources, (std::map<std::string, int>{
                         {"h1", 1}, {"o1", 1}, {"s1", 2}, {"s2", 2}, {"s3", 2}, {"u1", 1}}));

  // The stories that start on a day, with all their events in ingestion order, for the next
  // run's matcher: s3 (dated the 14th) belongs to the story of the 13th.
  auto ids_of_day = [&](const std::string& day) {
    std::vector<std::string> ids;
    Result<std::vector<Event>> events = db->StoryEventsOfDay(day);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    if (events.ok()) {
      for (const Event& e : *events) ids.push_back(e.id);
    }
    return ids;
  };
  EXPECT_EQ(ids_of_day("2024-02-13"), (std::vector<std::string>{"s1", "s2", "o1", "s3"}));
  EXPECT_TRUE(ids_of_day("2024-02-14").empty());
  EXPECT_TRUE(ids_of_day("2020-09-27").empty());  // the historical event has no story

  // One story with every report, in ingestion order, and the article of each.
  Result<std::optional<StoryDetail>> detail = db->GetStory("s1");
  ASSERT_TRUE(detail.ok() && detail->has_value()) << detail.status().ToString();
  EXPECT_EQ((*detail)->row.events, 3);
  std::vector<std::string> reports;
  for (const StoryReport& r : (*detail)->reports) reports.push_back(r.event.id + "@" + r.outlet);
  EXPECT_EQ(reports, (std::vector<std::string>{"s1@Wire", "s2@Portal", "s3@Wire"}));
  EXPECT_EQ((*detail)->reports[1].published, "2024-02-13T15:30");
  EXPECT_FALSE(db->GetStory("s2").value().has_value()) << "s2 heads no story";
  EXPECT_FALSE(db->GetStory("").value().has_value());

  // The first report found to retell older news: background, out of its story, which the
  // next report heads now; the story's counts follow.
  Result<std::vector<StoryChange>> changes = db->MarkBackground(
      std::vector<SentenceRef>{{.article = kA1, .sentence = claim.evidence.sentence}});
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].old_story, "s1");
  EXPECT_EQ((*changes)[0].new_story, "s2");
  Result<std::optional<StoryDetail>> rehead = db->GetStory("s2");
  ASSERT_TRUE(rehead.ok() && rehead->has_value());
  EXPECT_EQ((*rehead)->row.events, 2);
  EXPECT_EQ((*rehead)->row.outlets, 2);
  Result<std::vector<Event>> after = db->Events({.article = kA1});
  ASSERT_TRUE(after.ok());
  for (const Event& e : *after) {
    EXPECT_TRUE(e.background) << e.id;
    EXPECT_TRUE(e.when.historical) << e.id;
    EXPECT_EQ(e.story, "") << e.id;
  }
  EXPECT_EQ(db->CountStories({}).value(), 2);
}

TEST(StoreStoriesTest, StoryEventsOfDayIncludeTimesOfThatDay) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<ProcessedArticle> batch(2);
  batch[0].article = MakeArticle(kA1, "نص أول", "2024-02-13");
  Event timed = MakeEvent("e1", kA1, EventType::kConsult, kRussia, kArmenia, "2024-02-13T10:30");
  timed.when.granularity = Granularity::kMinute;
  timed.story = "e1";
  batch[0].events = {timed};
  batch[1].article = MakeArticle(kA2, "نص ثان", "2024-02-12");
  Event before = MakeEvent("e2", kA2, EventType::kConsult, kRussia, kArmenia, "2024-02-12");
  before.story = "e2";
  batch[1].events = {before};
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());
  Result<std::vector<Event>> events = db->StoryEventsOfDay("2024-02-13");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].id, "e1");
  EXPECT_EQ((*events)[0].story, "e1");
}

// A story is found by its id or a prefix of 6 characters or more that names one story head;
// a prefix two heads share is an error that names them, as for articles.
TEST(StoreStoriesTest, GetStoryByPrefix) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<ProcessedArticle> batch(1);
  batch[0].article = MakeArticle(kA1, "نص أول", "2024-02-13");
  Event a = MakeEvent("abcdef01", kA1, EventType::kConsult, kRussia, kArmenia, "2024-02-13");
  a.story = a.id;
  Event b = MakeEvent("abcdef02", kA1, EventType::kAssault, kArmenia, kAzerbaijan, "2024-02-13");
  b.story = b.id;
  Event member =
      MakeEvent("abcdef03", kA1, EventType::kAssault, kArmenia, kAzerbaijan, "2024-02-13");
  member.story = b.id;  // not a head: a prefix naming it alone finds no story
  batch[0].events = {a, b, member};
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());
  EXPECT_EQ(db->GetStory("abcdef01").value()->row.first.id, "abcdef01");
  EXPECT_EQ(db->GetStory("abcdef02").value()->reports.size(), 2u);
  EXPECT_FALSE(db->GetStory("abcdef03").value().has_value());
  Result<std::optional<StoryDetail>> ambiguous = db->GetStory("abcdef");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_NE(ambiguous.status().message().find("ambiguous"), std::string::npos);
  EXPECT_FALSE(db->GetStory("abcde").value().has_value()) << "too short to be a prefix";
}

TEST(StoreEntitiesTest, CountsAndFilters) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->WriteBatch(SampleBatch(), {}).ok());
  Result<std::vector<EntityRow>> all = db->Entities({});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 7u);
  // Most mentioned first: RUS has 3 mentions in 2 articles, and is a side in e1 and e4.
  EXPECT_EQ((*all)[0].entity.id, "RUS");
  EXPECT_EQ((*all)[0].mentions, 3);
  EXPECT_EQ((*all)[0].articles, 2);
  EXPECT_EQ((*all)[0].events, 2);
  EXPECT_EQ(*db->CountEntities({}), 7);

  using V = std::vector<std::string>;
  struct Case {
    const char* name;
    EntityQuery query;
    V ids;
  };
  const Case cases[] = {
      {"English name", {.name = "lavrov"}, V{"person:sergei-lavrov"}},
      {"Arabic name, hamza folded", {.name = "الامم"}, V{"igo:un"}},
      {"type", {.type = EntityType::kPerson}, V{"person:sergei-lavrov"}},
      {"country", {.country = "BLR"}, V{"BLR"}},
      {"nothing", {.name = "zzz"}, V{}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::vector<EntityRow>> rows = db->Entities(c.query);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    V ids;
    for (const EntityRow& r : *rows) ids.push_back(r.entity.id);
    EXPECT_EQ(ids, c.ids);
    EXPECT_EQ(*db->CountEntities(c.query), static_cast<int64_t>(ids.size()));
  }
}

// ---- Full-text search.

TEST(StoreSearchTest, FoldsDiacriticsHamzaAndClitics) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::vector<ProcessedArticle> batch(3);
  batch[0].article = MakeArticle(kA1, "قال مُحَمَّدٌ إن أحمد سافر إلى القاهرة أمس.");
  batch[0].article.title = "خبر أول";
  batch[1].article = MakeArticle(kA2, "وصل الوفد الروسي إلى يريفان.");
  batch[1].article.title = "زيارة";
  batch[2].article = MakeArticle(kB1, "اجتماع في باكو.");
  batch[2].article.title = "محمد في باكو";
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());

  using V = std::vector<std::string>;
  struct Case {
    std::string query;
    V ids;  // in rank order where it matters; single hits otherwise
  };
  const Case cases[] = {
      {"محمد", V{kB1, kA1}},  // the title match ranks first
      {"مُحَمَّد", V{kB1, kA1}},
      {"احمد", V{kA1}},
      {"أحمد", V{kA1}},
      {"لمحمد", V{kB1, kA1}},     // proclitic li- removed from the query word
      {"محمد احمد", V{kA1}},      // every word must occur
      {"\"احمد سافر\"", V{kA1}},  // a phrase
      {"\"سافر احمد\"", V{}},     // the phrase in the other order is not there
      {"يريفان", V{kA2}},
      {"دمشق", V{}},  // absent
      {"محمد دمشق", V{}},
      {"...", V{}},                      // no searchable term
      {"NEAR(محمد) OR title:* -", V{}},  // FTS5 syntax is read as words
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    Result<std::vector<SearchHit>> hits = db->Search({.text = c.query});
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    V ids;
    for (const SearchHit& h : *hits) ids.push_back(h.row.article.id);
    EXPECT_EQ(ids, c.ids);
    Result<int64_t> n = db->CountSearch({.text = c.query});
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, static_cast<int64_t>(ids.size()));
  }

  Result<std::vector<SearchHit>> hits = db->Search({.text = "احمد"});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  // The match is marked as written in the article, with its hamza.
  EXPECT_NE((*hits)[0].snippet.find("[أحمد]"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_LT((*hits)[0].rank, 0) << "bm25: lower is better";
  EXPECT_EQ((*hits)[0].row.article.outlet, "");

  // Re-ingesting adds nothing to the index either.
  ASSERT_TRUE(db->WriteBatch(batch, {}).ok());
  EXPECT_EQ(db->Search({.text = "احمد"})->size(), 1u);
  EXPECT_EQ(db->Search({.text = "محمد", .limit = 1})->size(), 1u);
  EXPECT_EQ(db->Search({.text = "محمد", .limit = 1, .offset = 1})->at(0).row.article.id, kA1);
}

// ---- Threads and speed.

TEST(StoreConcurrencyTest, ReadersAndAWriterShareOneStore) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  std::atomic<bool> done = false;
  std::atomic<int> failures = 0;
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        if (!db->Events({.actor = "RUS"}).ok() || !db->Search({.text = "روسيا"}).ok() ||
            !db->GetStats().ok()) {
          ++failures;
        }
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    ProcessedArticle p;
    char id[33];
    std::snprintf(id, sizeof id, "%032x", i + 1);
    p.article = MakeArticle(id, "زار وفد من روسيا يريفان رقم " + std::to_string(i));
    p.events.push_back(
        MakeEvent(std::string(id) + "-e", id, EventType::kConsult, kRussia, kArmenia, "2023-08"));
    if (!db->WriteBatch(std::vector{p}, {}).ok()) ++failures;
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(*db->CountEvents({.actor = "RUS"}), 50);
}

TEST(StoreSpeedTest, WritesThousandsOfArticlesPerSecond) {
  TempPath path;
  auto db = OpenOrDie(path.str());
  ASSERT_NE(db, nullptr);
  constexpr int kArticles = 2000;
  constexpr int kBatch = 200;
  const std::string body =
      "أعلنت وزارة الخارجية الروسية أن الوزير سيرغي لافروف أجرى اتصالا هاتفيا مع نظيره "
      "الأرميني، وبحث الجانبان الوضع في قره باغ وسبل تنفيذ اتفاق وقف إطلاق النار. ";
  std::string text;
  for (int i = 0; i < 6; ++i) text += body;  // about 1.5 KB, a short news article
  auto start = std::chrono::steady_clock::now();
  for (int b = 0; b < kArticles / kBatch; ++b) {
    std::vector<ProcessedArticle> batch;
    for (int i = 0; i < kBatch; ++i) {
      ProcessedArticle p;
      char id[33];
      std::snprintf(id, sizeof id, "%032x", b * kBatch + i + 1);
      p.article = MakeArticle(id, text + std::to_string(b * kBatch + i), "2023-08-16");
      for (uint32_t m = 0; m < 8; ++m) {
        p.mentions.push_back(MakeMention(m * 10, m * 10 + 8, "لافروف", "RUS", "RUSGOV"));
      }
      for (int e = 0; e < 3; ++e) {
        p.events.push_back(MakeEvent(std::string(id) + std::to_string(e), id, EventType::kConsult,
                                     kLavrov, kArmenia, "2023-08-16"));
      }
      p.entities = {MakeEntity("RUS", EntityType::kCountry, "RUSGOV", "Russia", "روسيا")};
      batch.push_back(std::move(p));
    }
    Result<WriteResult> w = db->WriteBatch(batch, {});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_EQ(w->stored, kBatch);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = kArticles / seconds;
  std::printf("store: %d articles (%zu bytes each, 8 mentions, 3 events) in %.2f s: %.0f/s\n",
              kArticles, text.size(), seconds, rate);
  // A loose floor so a shared, loaded CI machine does not fail it; the printed rate is the
  // figure to watch.
  EXPECT_GT(rate, 300);
  EXPECT_EQ(db->Search({.text = "لافروف", .limit = 5})->size(), 5u);
}

}  // namespace
}  // namespace rasd::store
