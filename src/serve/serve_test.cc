// The HTTP API over a small hand-written store, through a real socket with httplib::Client.
#include "serve/serve.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/core.h"
#include "serve/api.h"
#include "store/store.h"
#include "text/text.h"

namespace rasd::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// The data: two articles, three events, four entities, one reject.

constexpr char kIdA[] = "0123456789abcdef0123456789abcdef";
constexpr char kIdB[] = "fedcba9876543210fedcba9876543210";
constexpr char kEvConsult[] = "11111111111111111111111111111111";
constexpr char kEvAssault[] = "22222222222222222222222222222222";
constexpr char kEvAccuse[] = "33333333333333333333333333333333";

const char kTextA[] =
    "موسكو - سبوتنيك. زار وزير الخارجية الروسي سيرغي لافروف يريفان اليوم والتقى نظيره "
    "الأرميني. وقصفت القوات الأذربيجانية مواقع أرمنية أمس.";
// Written with diacritics: a search without them must still find it.
const char kTextB[] = "اتهمت أرمينيا أذربيجان بخرق الهدنة. وقال المتحدث مُحَمَّدٌ إن المُفاوَضات ستستمر.";

Entity Country(std::string id, std::string en, std::string ar) {
  Entity e;
  e.id = id;
  e.name_en = std::move(en);
  e.name_ar = std::move(ar);
  e.type = EntityType::kCountry;
  e.country = id;
  e.actor_code = id;
  return e;
}

Entity Lavrov() {
  Entity e;
  e.id = "person:sergei-lavrov";
  e.name_en = "Sergei Lavrov";
  e.name_ar = "سيرغي لافروف";
  e.type = EntityType::kPerson;
  e.country = "RUS";
  e.actor_code = "RUSGOV";
  e.role = "foreign minister";
  return e;
}

Span Find(std::string_view text, std::string_view part) {
  size_t at = text.find(part);
  EXPECT_NE(at, std::string_view::npos) << part;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + part.size())};
}

Mention MentionOf(std::string_view text, std::string_view surface, const Entity& e,
                  MentionKind kind, std::string actor_code) {
  Mention m;
  m.span = Find(text, surface);
  m.text = std::string(surface);
  m.entity = e.id;
  m.type = e.type;
  m.kind = kind;
  m.country = e.country;
  m.actor_code = std::move(actor_code);
  return m;
}

Actor ActorOf(const Entity& e, std::string actor_code) {
  Actor a;
  a.entity = e.id;
  a.name_en = e.name_en;
  a.name_ar = e.name_ar;
  a.country = e.country;
  a.actor_code = std::move(actor_code);
  return a;
}

Event EventOf(std::string id, std::string article, std::string_view text, EventType type,
              Actor source, Actor target, std::string when, std::string_view sentence,
              std::string_view trigger) {
  Event e;
  e.id = std::move(id);
  e.article = std::move(article);
  e.type = type;
  e.source = std::move(source);
  e.target = std::move(target);
  e.when.value = std::move(when);
  e.when.granularity = Granularity::kDay;
  e.evidence.span = Find(text, sentence);
  e.evidence.text = std::string(sentence);
  e.evidence.sentence = 1;
  e.trigger = Find(text, trigger);
  e.trigger_text = std::string(trigger);
  e.confidence = 0.9;
  return e;
}

std::vector<store::ProcessedArticle> Batch() {
  const Entity rus = Country("RUS", "Russia", "روسيا");
  const Entity arm = Country("ARM", "Armenia", "أرمينيا");
  const Entity aze = Country("AZE", "Azerbaijan", "أذربيجان");
  const Entity lavrov = Lavrov();

  store::ProcessedArticle a;
  a.article.id = kIdA;
  a.article.text = kTextA;
  a.article.title = "لافروف في يريفان";
  a.article.url = "https://example.org/a";
  a.article.outlet = "sputnik";
  a.article.published = "2020-09-29";
  a.article.source = "a.txt";
  a.article.format = "txt";
  a.mentions = {MentionOf(kTextA, "الروسي", rus, MentionKind::kNationality, "RUSGOV"),
                MentionOf(kTextA, "سيرغي لافروف", lavrov, MentionKind::kName, "RUSGOV"),
                MentionOf(kTextA, "يريفان", arm, MentionKind::kCapital, "ARMGOV"),
                MentionOf(kTextA, "الأذربيجانية", aze, MentionKind::kNationality, "AZEMIL")};
  a.events = {
      EventOf(kEvConsult, kIdA, kTextA, EventType::kConsult, ActorOf(lavrov, "RUSGOV"),
              ActorOf(arm, "ARMGOV"), "2020-09-29",
              "زار وزير الخارجية الروسي سيرغي لافروف يريفان اليوم والتقى نظيره الأرميني.", "زار"),
      EventOf(kEvAssault, kIdA, kTextA, EventType::kAssault, ActorOf(aze, "AZEMIL"),
              ActorOf(arm, "ARMMIL"), "2020-09-28", "وقصفت القوات الأذربيجانية مواقع أرمنية أمس.",
              "وقصفت")};
  a.events[1].mode = "shelling";
  a.events[0].story = kEvConsult;  // two stories of one report each; the accusation has none
  a.events[1].story = kEvAssault;
  a.entities = {rus, arm, aze, lavrov};

  store::ProcessedArticle b;
  b.article.id = kIdB;
  b.article.text = kTextB;
  b.article.title = "أرمينيا تتهم أذربيجان";
  b.article.url = "https://example.org/b";
  b.article.outlet = "aljazeera";
  b.article.published = "2020-10-10";
  b.article.source = "b.txt";
  b.article.format = "txt";
  b.mentions = {MentionOf(kTextB, "أرمينيا", arm, MentionKind::kName, "ARMGOV"),
                MentionOf(kTextB, "أذربيجان", aze, MentionKind::kName, "AZEGOV")};
  b.events = {EventOf(kEvAccuse, kIdB, kTextB, EventType::kAccuse, ActorOf(arm, "ARMGOV"),
                      ActorOf(aze, "AZEGOV"), "2020-10-10", "اتهمت أرمينيا أذربيجان بخرق الهدنة.",
                      "اتهمت")};
  b.entities = {arm, aze};
  return {a, b};
}

// ---------------------------------------------------------------------------------------------
// Client helpers.

struct Reply {
  int status = 0;
  std::string body;
  json doc;  // discarded when the body is not JSON
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

Reply ToReply(const httplib::Result& res) {
  Reply r;
  if (!res) {
    ADD_FAILURE() << "no response: " << httplib::to_string(res.error());
    return r;
  }
  r.status = res->status;
  r.body = res->body;
  r.doc = json::parse(res->body, nullptr, false);
  r.headers = res->headers;
  return r;
}

httplib::Client ClientFor(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  return client;
}

// Sends raw bytes and reads one response (or what came within 10 s): for requests
// httplib::Client will not send.
std::string RawExchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    size_t sent = 0;
    while (sent < request.size()) {
      ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    char buf[4096];
    for (ssize_t n; (n = recv(fd, buf, sizeof(buf), 0)) > 0;) {
      reply.append(buf, n);
      // Stop at the end of the first response: the server may keep the connection open.
      size_t head_end = reply.find("\r\n\r\n");
      if (head_end == std::string::npos) continue;
      size_t length_at = reply.find("Content-Length: ");
      size_t length = length_at < head_end ? std::stoul(reply.substr(length_at + 16)) : 0;
      if (reply.size() >= head_end + 4 + length) break;
    }
  }
  close(fd);
  return reply;
}

std::set<std::string> Ids(const json& items) {
  std::set<std::string> ids;
  for (const json& item : items) ids.insert(item.value("id", ""));
  return ids;
}

// ---------------------------------------------------------------------------------------------
// One store and one server for the suite; tests only read.

class ServeTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<text::Analyzer> analyzer = text::Analyzer::Load();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = std::make_unique<text::Analyzer>(std::move(analyzer).value());
    db_ = OpenFilledStore(DbPath("main"));
    ASSERT_NE(db_, nullptr);
    server_ = std::make_unique<Server>(*db_, Options{.host = "127.0.0.1", .port = 0});
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    ASSERT_GT(server_->port(), 0);
  }

  static void TearDownTestSuite() {
    server_.reset();
    db_.reset();
    analyzer_.reset();
    RemoveDb(DbPath("main"));
  }

  static fs::path DbPath(const std::string& name) {
    return fs::temp_directory_path() /
           ("rasd-serve-test-" + std::to_string(::getpid()) + "-" + name + ".db");
  }

  static void RemoveDb(const fs::path& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ec);
  }

  // A fresh store at `path` holding Batch() and one reject; nullptr (and a failure) if not.
  static std::unique_ptr<store::Store> OpenFilledStore(const fs::path& path) {
    RemoveDb(path);
    Result<std::unique_ptr<store::Store>> db = store::Store::Open(path.string(), *analyzer_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return nullptr;
    std::vector<store::ProcessedArticle> batch = Batch();
    std::vector<store::RejectRecord> rejects = {
        {"bad.jsonl:3", "bad-json", "expected a JSON object", ""}};
    Result<store::WriteResult> written = (*db)->WriteBatch(batch, rejects);
    EXPECT_TRUE(written.ok()) << written.status().ToString();
    if (!written.ok() || written->stored != 2) return nullptr;
    return std::move(db).value();
  }

  void SetUp() override {
    if (server_ == nullptr) GTEST_SKIP() << "the fixture failed to start";
  }

  static Reply Get(const std::string& target) {
    httplib::Client client = ClientFor(server_->port());
    return ToReply(client.Get(target));
  }

  static inline std::unique_ptr<text::Analyzer> analyzer_;
  static inline std::unique_ptr<store::Store> db_;
  static inline std::unique_ptr<Server> server_;
};

// Every endpoint: status, JSON content type, CORS, and the error envelope naming the problem.
TEST_F(ServeTest, StatusAndEnvelopeOfEveryEndpoint) {
  struct Row {
    std::string target;
    int status;
    std::string message_has;  // errors only: a substring of error.message
  };
  const std::string a = kIdA;
  const Row rows[] = {
      {"/", 200, ""},
      {"/api", 200, ""},
      {"/api/health", 200, ""},
      {"/api/health/", 200, ""},
      {"/api/stats", 200, ""},
      {"/api/articles", 200, ""},
      {"/api/articles/" + a, 200, ""},
      {"/api/articles/" + a.substr(0, 8), 200, ""},
      {"/api/events", 200, ""},
      {"/api/events?unique=true", 200, ""},
      {"/api/stories", 200, ""},
      {"/api/stories/" + std::string(kEvConsult), 200, ""},
      {"/api/stories/" + std::string(kEvConsult).substr(0, 6), 200, ""},
      {"/api/entities", 200, ""},
      {"/api/entities/RUS", 200, ""},
      {"/api/entities/person:sergei-lavrov", 200, ""},
      {"/api/entities/person%3Asergei-lavrov", 200, ""},
      {"/api/search?q=لافروف", 200, ""},
      {"/api/rejects", 200, ""},
      // Unknown ids and paths.
      {"/api/articles/99999999999999999999999999999999", 404, "9999"},
      {"/api/entities/XYZ", 404, "XYZ"},
      {"/api/stories/abc", 404, "a prefix needs at least 6 characters"},
      {"/api/stories/" + std::string(kEvAccuse), 404, "no story"},
      {"/api/nothing", 404, "/api/nothing"},
      {"/api/event", 404, "did you mean /api/events?"},
      {"/events", 404, "did you mean /api/events?"},
      {"/api/health/x", 404, "no such endpoint"},
      // Bad parameters: the message names the parameter.
      {"/api/events?type=FOO", 400, "type"},
      {"/api/events?limit=abc", 400, "limit"},
      {"/api/events?limit=0", 400, "limit"},
      {"/api/events?offset=-1", 400, "offset"},
      {"/api/events?from=yesterday", 400, "from"},
      {"/api/events?tpye=CONSULT", 400, "unknown parameter 'tpye'; did you mean 'type'?"},
      {"/api/events?type=CONSULT&type=ACCUSE", 400, "'type' given more than once"},
      {"/api/events?format=xml", 400, "format"},
      {"/api/articles?actor=RUS", 400, "unknown parameter 'actor'"},
      {"/api/stories?place=Baku", 400, "unknown parameter 'place'"},
      {"/api/stories?type=FOO", 400, "type"},
      {"/api/events?unique=maybe", 400, "unique"},
      {"/api/entities?type=planet", 400, "type"},
      {"/api/search", 400, "q"},
      {"/api/search?q=", 400, "q"},
      {"/api/search?q=%20%20", 400, "q"},
      {"/api/search?format=csv&q=x", 400, "format"},
      {"/api/rejects?limit=-5", 400, "limit"},
      {"/api/health?verbose=1", 400, "takes no parameters"},
      {"/api/articles/" + a + "?with_text=1", 400, "with_text"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.target);
    Reply r = Get(row.target);
    EXPECT_EQ(r.status, row.status) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*");
    ASSERT_FALSE(r.doc.is_discarded()) << r.body;
    if (row.status == 200) {
      EXPECT_FALSE(r.doc.contains("error")) << r.body;
    } else {
      ASSERT_TRUE(r.doc["error"].is_object()) << r.body;
      EXPECT_EQ(r.doc["error"]["status"], row.status);
      EXPECT_NE(r.doc["error"]["message"].get<std::string>().find(row.message_has),
                std::string::npos)
          << r.body;
    }
  }
}

TEST_F(ServeTest, HealthIndexAndStats) {
  EXPECT_EQ(Get("/api/health").doc, json({{"status", "ok"}}));

  Reply index = Get("/");
  ASSERT_TRUE(index.doc["endpoints"].is_array()) << index.body;
  std::set<std::string> paths;
  for (const json& e : index.doc["endpoints"]) {
    paths.insert(e["path"].get<std::string>());
    // Examples are absolute URLs on this server, and each of them works.
    const std::string origin = "http://127.0.0.1:" + std::to_string(server_->port());
    std::string example = e["example"].get<std::string>();
    ASSERT_EQ(example.rfind(origin, 0), 0u) << e.dump();
    Reply r = Get(example.substr(origin.size()));
    EXPECT_EQ(r.status, 200) << example << " " << r.body;
  }
  for (const char* p :
       {"/api/events", "/api/articles", "/api/articles/{id}", "/api/entities", "/api/entities/{id}",
        "/api/search", "/api/stats", "/api/rejects", "/api/health"}) {
    EXPECT_TRUE(paths.count(p)) << p;
  }

  Reply stats = Get("/api/stats");
  EXPECT_EQ(stats.doc["articles"], 2) << stats.body;
  EXPECT_EQ(stats.doc["events"], 3) << stats.body;
  EXPECT_EQ(stats.doc["rejects"], 1) << stats.body;
}

TEST_F(ServeTest, EventFiltersNarrowTheList) {
  struct Row {
    std::string query;
    std::set<std::string> ids;
  };
  const std::string b = kIdB;
  const Row rows[] = {
      {"", {kEvConsult, kEvAssault, kEvAccuse}},
      {"type=CONSULT", {kEvConsult}},
      {"type=consult", {kEvConsult}},
      {"type=ASSAULT", {kEvAssault}},
      {"type=AGREE", {}},
      {"actor=AZE", {kEvAssault, kEvAccuse}},
      {"actor=RUS", {kEvConsult}},
      {"actor=person:sergei-lavrov", {kEvConsult}},
      {"actor=AZE&type=ACCUSE", {kEvAccuse}},
      {"from=2020-10", {kEvAccuse}},
      {"to=2020-09-28", {kEvAssault}},
      {"from=2020-09-29&to=2020-09-29", {kEvConsult}},
      {"from=2020&to=2020", {kEvConsult, kEvAssault, kEvAccuse}},
      {"article=" + b, {kEvAccuse}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    Reply r = Get("/api/events?" + row.query);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Ids(r.doc["items"]), row.ids);
    EXPECT_EQ(r.doc["total"], row.ids.size());
    EXPECT_EQ(r.header("X-Total-Count"), std::to_string(row.ids.size()));
  }

  // The items are the query renderings of the stored events.
  Reply consult = Get("/api/events?type=CONSULT");
  ASSERT_EQ(consult.doc["items"].size(), 1u);
  const json& e = consult.doc["items"][0];
  EXPECT_EQ(e["type"], "CONSULT");
  EXPECT_EQ(e["article"], kIdA);
  EXPECT_EQ(e["source"]["entity"], "person:sergei-lavrov");
  EXPECT_EQ(e["target"]["entity"], "ARM");
  EXPECT_EQ(e["when"]["value"], "2020-09-29");
  EXPECT_NE(e["evidence"]["text"].get<std::string>().find("لافروف"), std::string::npos);
}

TEST_F(ServeTest, StoriesNewestFirstWithCounts) {
  Reply all = Get("/api/stories");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.doc["items"].size(), 2u);
  EXPECT_EQ(all.doc["total"], 2);
  const json& first = all.doc["items"][0];
  EXPECT_EQ(first["id"], kEvConsult);
  EXPECT_EQ(first["type"], "CONSULT");
  EXPECT_EQ(first["first_seen"], "2020-09-29");
  EXPECT_EQ(first["events"], 1);
  EXPECT_EQ(first["articles"], 1);
  EXPECT_EQ(first["claims"][0]["status"], "occurred");
  EXPECT_EQ(all.doc["items"][1]["id"], kEvAssault);

  // One story with its reports and their articles, grouped by claim.
  Reply one = Get("/api/stories/" + std::string(kEvAssault));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.doc["id"], kEvAssault);
  ASSERT_EQ(one.doc["reports"].size(), 1u);
  EXPECT_EQ(one.doc["reports"][0]["event"]["id"], kEvAssault);
  EXPECT_EQ(one.doc["reports"][0]["article"]["outlet"], "sputnik");
  EXPECT_EQ(one.doc["reports"][0]["article"]["title"], "لافروف في يريفان");
  ASSERT_EQ(one.doc["sides"].size(), 1u);
  EXPECT_EQ(one.doc["sides"][0]["claim"], "occurred");
  EXPECT_EQ(one.doc["sides"][0]["reports"], json::array({0}));

  Reply assaults = Get("/api/stories?type=ASSAULT&actor=AZE");
  ASSERT_EQ(assaults.status, 200) << assaults.body;
  EXPECT_EQ(Ids(assaults.doc["items"]), std::set<std::string>{kEvAssault});

  Reply csv = Get("/api/stories?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')),
            "id,type,source_name_en,source_country,source_actor_code,target_name_en,"
            "target_country,target_actor_code,location_name_en,first_seen,last_seen,"
            "first_published,last_published,events,articles,outlets,claims,first_article,"
            "evidence_text,gloss");
}

TEST_F(ServeTest, PagingReportsLimitOffsetAndTotal) {
  std::set<std::string> seen;
  for (int offset = 0; offset < 3; ++offset) {
    Reply r = Get("/api/events?limit=1&offset=" + std::to_string(offset));
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.doc["items"].size(), 1u);
    EXPECT_EQ(r.doc["total"], 3);
    EXPECT_EQ(r.doc["limit"], 1);
    EXPECT_EQ(r.doc["offset"], offset);
    seen.insert(r.doc["items"][0]["id"].get<std::string>());
  }
  EXPECT_EQ(seen.size(), 3u);  // the pages do not overlap
  Reply past = Get("/api/events?limit=2&offset=3");
  EXPECT_TRUE(past.doc["items"].empty());
  EXPECT_EQ(past.doc["total"], 3);

  Reply defaults = Get("/api/events");
  EXPECT_EQ(defaults.doc["limit"], 100);
  EXPECT_EQ(defaults.doc["offset"], 0);

  Reply articles = Get("/api/articles?limit=1");
  EXPECT_EQ(articles.doc["items"].size(), 1u);
  EXPECT_EQ(articles.doc["total"], 2);

  Reply entities = Get("/api/entities?limit=3&offset=2");
  EXPECT_EQ(entities.doc["items"].size(), 2u);
  EXPECT_EQ(entities.doc["total"], 4) << entities.body;

  Reply search = Get("/api/search?q=%D8%A3%D8%B1%D9%85%D9%8A%D9%86%D9%8A%D8%A7&offset=1");
  EXPECT_TRUE(search.doc["items"].empty());
  EXPECT_EQ(search.doc["total"], 1) << search.body;
}

TEST_F(ServeTest, ArticlesListAndDetail) {
  struct Row {
    std::string query;
    std::set<std::string> ids;
  };
  const Row rows[] = {
      {"", {kIdA, kIdB}},     {"outlet=sputnik", {kIdA}}, {"from=2020-10", {kIdB}},
      {"to=2020-09", {kIdA}}, {"from=2021", {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    Reply r = Get("/api/articles?" + row.query);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Ids(r.doc["items"]), row.ids);
    EXPECT_EQ(r.doc["total"], row.ids.size());
  }
  // Lists leave the text out; the detail has it, with the article's events and mentions.
  Reply list = Get("/api/articles?outlet=sputnik");
  ASSERT_EQ(list.doc["items"].size(), 1u);
  EXPECT_EQ(list.doc["items"][0]["outlet"], "sputnik");
  EXPECT_FALSE(list.doc["items"][0].contains("text") && list.doc["items"][0]["text"].is_string() &&
               !list.doc["items"][0]["text"].get<std::string>().empty());

  Reply detail = Get(std::string("/api/articles/") + kIdA);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_NE(detail.body.find("سيرغي لافروف"), std::string::npos);
  EXPECT_NE(detail.body.find(kEvConsult), std::string::npos);
  EXPECT_NE(detail.body.find(kEvAssault), std::string::npos);
  EXPECT_EQ(detail.body.find(kEvAccuse), std::string::npos);
  Reply prefix = Get(std::string("/api/articles/") + std::string(kIdB).substr(0, 6));
  EXPECT_NE(prefix.body.find(kEvAccuse), std::string::npos) << prefix.body;
}

TEST_F(ServeTest, EntitiesListAndDetail) {
  struct Row {
    std::string query;
    std::set<std::string> ids;
  };
  const Row rows[] = {
      {"", {"RUS", "ARM", "AZE", "person:sergei-lavrov"}},
      {"type=country", {"RUS", "ARM", "AZE"}},
      {"type=person", {"person:sergei-lavrov"}},
      {"country=RUS", {"RUS", "person:sergei-lavrov"}},
      {"name=Lavrov", {"person:sergei-lavrov"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    Reply r = Get("/api/entities?" + row.query);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Ids(r.doc["items"]), row.ids) << r.body;
    EXPECT_EQ(r.doc["total"], row.ids.size());
  }
  Reply arm = Get("/api/entities/ARM");
  ASSERT_EQ(arm.status, 200) << arm.body;
  EXPECT_EQ(arm.doc["id"], "ARM");
  EXPECT_EQ(arm.doc["name_en"], "Armenia");
}

TEST_F(ServeTest, SearchFoldsDiacritics) {
  struct Row {
    std::string q;
    std::set<std::string> articles;
  };
  const Row rows[] = {
      {"محمد", {kIdB}},       // stored as مُحَمَّدٌ
      {"المفاوضات", {kIdB}},  // stored as المُفاوَضات
      {"مُحَمَّد", {kIdB}},       // diacritics in the query too
      {"لافروف", {kIdA}},    {"أرمينيا", {kIdB}}, {"كلمةغائبة", {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.q);
    httplib::Client client = ClientFor(server_->port());
    Reply r = ToReply(client.Get("/api/search", httplib::Params{{"q", row.q}}, {}));
    ASSERT_EQ(r.status, 200) << r.body;
    std::set<std::string> found;
    for (const json& hit : r.doc["items"]) {
      std::string id = hit.value("id", "");
      if (id.empty() && hit.contains("article")) id = hit["article"].value("id", "");
      found.insert(id);
    }
    EXPECT_EQ(found, row.articles) << r.body;
    EXPECT_EQ(r.doc["total"], row.articles.size()) << r.body;
    EXPECT_EQ(r.doc["limit"], 20);
  }
}

TEST_F(ServeTest, RejectsList) {
  Reply r = Get("/api/rejects");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.doc["items"].size(), 1u);
  EXPECT_EQ(r.doc["total"], 1);
  EXPECT_NE(r.body.find("bad.jsonl:3"), std::string::npos);
  EXPECT_TRUE(Get("/api/rejects?offset=1").doc["items"].empty());
}

TEST_F(ServeTest, CsvForPandas) {
  httplib::Client client = ClientFor(server_->port());
  Reply r = ToReply(client.Get("/api/events?format=csv&type=ASSAULT"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("X-Total-Count"), "1");
  EXPECT_EQ(r.body.rfind("id,", 0), 0u) << r.body;
  EXPECT_NE(r.body.find(kEvAssault), std::string::npos);
  EXPECT_EQ(r.body.find(kEvConsult), std::string::npos);
  for (const char* target : {"/api/articles?format=csv", "/api/entities?format=CSV"}) {
    Reply csv = Get(target);
    EXPECT_EQ(csv.status, 200) << target;
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8") << target;
  }
}

TEST_F(ServeTest, OnlyGetHeadAndOptions) {
  httplib::Client client = ClientFor(server_->port());
  struct Row {
    std::string method;
    std::string path;
    int status;
  };
  const Row rows[] = {
      {"POST", "/api/events", 405},
      {"PUT", "/api/articles", 405},
      {"DELETE", std::string("/api/articles/") + kIdA, 405},
      {"PATCH", "/api/entities/RUS", 405},
      {"POST", "/", 405},
      {"POST", "/api/nothing", 404},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.method + " " + row.path);
    httplib::Result res = row.method == "POST"     ? client.Post(row.path, "x=1", "text/plain")
                          : row.method == "PUT"    ? client.Put(row.path, "{}", "application/json")
                          : row.method == "DELETE" ? client.Delete(row.path)
                                                   : client.Patch(row.path, "{}", "text/plain");
    Reply r = ToReply(res);
    EXPECT_EQ(r.status, row.status) << r.body;
    ASSERT_TRUE(r.doc["error"].is_object()) << r.body;
    EXPECT_EQ(r.doc["error"]["status"], row.status);
    EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
    if (row.status == 405) {
      EXPECT_EQ(r.header("Allow"), "GET, HEAD, OPTIONS");
    }
  }

  Reply head = ToReply(client.Head("/api/events"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());

  Reply preflight = ToReply(client.Options("/api/events"));
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(preflight.header("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
}

// Malformed HTTP, oversized bodies and bad parameters are answered in JSON, and the server
// goes on answering.
TEST_F(ServeTest, KeepsServingAfterBadRequests) {
  const int port = server_->port();
  std::string garbage = RawExchange(port, "NONSENSE\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage;
  EXPECT_NE(garbage.find("{\"error\":"), std::string::npos) << garbage;

  std::string big = RawExchange(port,
                                "POST /api/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                "Content-Length: 100000\r\n\r\n" +
                                    std::string(100000, 'x'));
  EXPECT_EQ(big.rfind("HTTP/1.1 413", 0), 0u) << big.substr(0, 300);
  EXPECT_NE(big.find("{\"error\":"), std::string::npos) << big.substr(0, 300);

  // A GET with a body is read in full and answered like any GET.
  std::string get_with_body =
      RawExchange(port,
                  "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                  "Content-Length: 5\r\n\r\nhello");
  EXPECT_EQ(get_with_body.rfind("HTTP/1.1 200", 0), 0u) << get_with_body;

  for (const char* target :
       {"/api/events?type=FOO", "/api/nothing", "/api/search", "/api/articles/%FF%FE",
        "/api/search?q=%22unbalanced", "/api/search?q=%29%28*%3A", "/api/entities?name=%00"}) {
    Reply r = Get(target);
    EXPECT_TRUE(r.status == 400 || r.status == 404 || r.status == 200) << target << r.body;
    EXPECT_FALSE(r.doc.is_discarded()) << target << " " << r.body;
  }
  EXPECT_EQ(Get("/api/health").status, 200);
}

TEST_F(ServeTest, AnswersConcurrentClients) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&ok, port = server_->port()] {
      httplib::Client client = ClientFor(port);
      for (int i = 0; i < 10; ++i) {
        auto res = client.Get(i % 2 ? "/api/events?type=CONSULT"
                                    : "/api/search?q=%D9%85%D8%AD%D9%85%D8%AF");
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 60);
}

TEST_F(ServeTest, TakenPortFailsWithAStatus) {
  Server second(*db_, {.host = "127.0.0.1", .port = server_->port()});
  Status s = second.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(s.message(),
            "127.0.0.1:" + std::to_string(server_->port()) + ": address already in use");
  EXPECT_EQ(Get("/api/health").status, 200);  // the first one is untouched

  Server bad_port(*db_, {.host = "127.0.0.1", .port = 70000});
  EXPECT_EQ(bad_port.Start().code(), Status::Code::kInvalidArgument);
}

TEST_F(ServeTest, StartStopWaitAndRestart) {
  Server server(*db_, {.host = "127.0.0.1", .port = 0});
  server.Stop();  // before Start: nothing to do
  server.Wait();  // not running: returns at once
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(server.Start().code(), Status::Code::kInvalidArgument);  // already running
  EXPECT_EQ(ToReply(ClientFor(server.port()).Get("/api/health")).status, 200);

  std::thread stopper([&server] { server.Stop(); });
  server.Wait();  // returns once the other thread has stopped it
  stopper.join();
  server.Stop();  // again: nothing to do
  httplib::Client client = ClientFor(server.port());
  client.set_connection_timeout(1);
  EXPECT_FALSE(client.Get("/api/health"));  // nobody listens any more

  ASSERT_TRUE(server.Start().ok());  // a stopped server starts again
  EXPECT_EQ(ToReply(ClientFor(server.port()).Get("/api/health")).status, 200);
}  // the destructor stops it

TEST_F(ServeTest, AccessLogGetsOneLinePerRequest) {
  std::mutex mu;
  std::vector<std::string> lines;
  Options options{.host = "127.0.0.1", .port = 0};
  options.access_log = [&](const std::string& line) {
    std::lock_guard lock(mu);
    lines.push_back(line);
  };
  {
    Server server(*db_, options);
    ASSERT_TRUE(server.Start().ok());
    httplib::Client client = ClientFor(server.port());
    client.Get("/api/events?type=FOO");
    client.Get("/api/health");
  }  // stopped: every log call is done
  // Two workers may log in either order.
  ASSERT_EQ(lines.size(), 2u);
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines[0].rfind("127.0.0.1 GET /api/events?type=FOO 400 ", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("127.0.0.1 GET /api/health 200 16", 0), 0u) << lines[1];
}

// A failing store gives a 500 with the store's message, and the server goes on.
TEST_F(ServeTest, StoreFailureIs500) {
  const fs::path path = DbPath("broken");
  std::unique_ptr<store::Store> db = OpenFilledStore(path);
  ASSERT_NE(db, nullptr);
  {
    // Fault injection behind the store's back; knows one table name of store/schema.cc.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(raw, "DROP TABLE events", nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(raw);
  }
  {
    Server server(*db, {.host = "127.0.0.1", .port = 0});
    ASSERT_TRUE(server.Start().ok());
    httplib::Client client = ClientFor(server.port());
    Reply r = ToReply(client.Get("/api/events"));
    EXPECT_EQ(r.status, 500) << r.body;
    ASSERT_TRUE(r.doc["error"].is_object()) << r.body;
    EXPECT_EQ(r.doc["error"]["status"], 500);
    EXPECT_NE(r.doc["error"]["message"].get<std::string>().find("events"), std::string::npos)
        << r.body;
    EXPECT_EQ(ToReply(client.Get("/api/health")).status, 200);
  }
  db.reset();
  RemoveDb(path);
}

TEST(HttpStatusTest, MapsStatusCodes) {
  struct Row {
    Status status;
    int http;
  };
  const Row rows[] = {
      {Status::InvalidArgument("type: unknown"), 400},
      {Status::InvalidInput("fts5: syntax error"), 400},
      {Status::TooLarge("limit"), 400},
      {Status::NotFound("no article"), 404},
      {Status::IoError("disk I/O error"), 500},
      {Status::Internal("bug"), 500},
  };
  for (const Row& row : rows) EXPECT_EQ(HttpStatus(row.status), row.http) << row.status.ToString();
}

TEST(ErrorResponseTest, IsTheErrorEnvelope) {
  ApiResponse r = ErrorResponse(500, "store: disk I/O error");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(json::parse(r.body),
            json({{"error", {{"status", 500}, {"message", "store: disk I/O error"}}}}));
  // Invalid UTF-8 in a message (an id echoed back) is replaced, not thrown.
  ApiResponse bad = ErrorResponse(404, "no article with id '\xff\xfe'");
  EXPECT_FALSE(json::parse(bad.body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace rasd::serve
