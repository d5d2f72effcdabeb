// End-to-end expectations through the CLI, on files under examples/ and tests/testdata/.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/data.h"

namespace rasd {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kRasd = RASD_BINARY;
const fs::path kSource = RASD_SOURCE_DIR;
const fs::path kCorpus = kSource / "examples" / "corpus";
const fs::path kSeeds = kSource.parent_path() / "shared" / "seeds";

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    dir_ = fs::temp_directory_path() /
           ("rasd-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& path() const { return dir_; }
  fs::path operator/(const std::string& name) const { return dir_ / name; }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs rasd with `args` (already shell-quoted where needed); captures output and exit code.
CliRun Rasd(const std::string& args, const std::string& stdin_file = "") {
  TempDir tmp;
  std::string cmd = Quote(kRasd) + " " + args + " >" + Quote((tmp / "out").string()) + " 2>" +
                    Quote((tmp / "err").string()) +
                    (stdin_file.empty() ? " </dev/null" : " <" + Quote(stdin_file));
  int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(tmp / "out");
  r.err = Slurp(tmp / "err");
  return r;
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
    if (!j.is_discarded()) rows.push_back(j);
  }
  return rows;
}

json StatsOf(const fs::path& db) {
  CliRun r = Rasd("--db " + Quote(db.string()) + " stats --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  return json::parse(r.out, nullptr, false);
}

std::string ActorCountry(const json& actor) {
  if (actor.is_null()) return "";
  if (actor["country"].is_string()) return actor["country"];
  if (actor["actor_code"].is_string()) return actor["actor_code"].get<std::string>().substr(0, 3);
  return "";
}

// ---------------------------------------------------------------------------------------------
// The CLI's own contract.

TEST(CliTest, VersionAndHelp) {
  CliRun v = Rasd("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("rasd "), std::string::npos);
  for (const char* sub : {"ingest", "articles", "show", "entities", "events", "search", "export",
                          "stats", "serve", "bench", "rejects", "text", "clean", "code",
                          "eval"}) {
    CliRun h = Rasd(std::string(sub) + " --help");
    EXPECT_EQ(h.code, 0) << sub;
    EXPECT_NE(h.out.find("Example"), std::string::npos) << sub << " --help has no example";
  }
}

TEST(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Rasd("").code, 2);
  EXPECT_EQ(Rasd("no-such-command").code, 2);
  EXPECT_EQ(Rasd("ingest").code, 2);  // a path is required
  TempDir tmp;
  CliRun r = Rasd("--db " + Quote((tmp / "none.db").string()) + " events");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("none.db"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "none.db")) << "a read command must not create a database";
}

// ---------------------------------------------------------------------------------------------
// The sample corpus, end to end.

class CorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "corpus.db").string();
    first_ = new CliRun(Rasd("--db " + Quote(db_) + " ingest " + Quote(kCorpus.string())));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static std::string Db() { return "--db " + Quote(db_) + " "; }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline CliRun* first_ = nullptr;
};

TEST_F(CorpusTest, IngestStoresEveryArticleOnce) {
  ASSERT_EQ(first_->code, 0) << first_->out << first_->err;
  json stats = StatsOf(db_);
  ASSERT_TRUE(stats.is_object());
  EXPECT_GE(stats["articles"].get<int>(), 30);
  EXPECT_GE(stats["events"].get<int>(), 30);
  EXPECT_EQ(stats["rejects"].get<int>(), 0);
  // The corpus holds one article twice (a .txt copy of a JSONL article): counted, not stored.
  EXPECT_NE(first_->out.find("duplicates  1"), std::string::npos) << first_->out;
  // The README in the corpus folder is skipped, not rejected.
  EXPECT_NE(first_->out.find("skipped     1"), std::string::npos) << first_->out;
}

TEST_F(CorpusTest, ReingestAddsNothing) {
  json before = StatsOf(db_);
  CliRun again = Rasd(Db() + "ingest " + Quote(kCorpus.string()));
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("stored      0 articles"), std::string::npos) << again.out;
  json after = StatsOf(db_);
  EXPECT_EQ(before["articles"], after["articles"]);
  EXPECT_EQ(before["events"], after["events"]);
  EXPECT_EQ(before["mentions"], after["mentions"]);
}

TEST_F(CorpusTest, ArticlesJsonFollowsTheContract) {
  CliRun r = Rasd(Db() + "articles --format json --limit 1000");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> rows = JsonLines(r.out);
  ASSERT_GE(rows.size(), 30u);
  std::set<std::string> urls;
  for (const json& a : rows) {
    for (const char* key : {"id", "url", "title", "outlet", "published", "duplicate_of"}) {
      EXPECT_TRUE(a.contains(key)) << key << " missing in " << a.dump();
    }
    if (a["url"].is_string()) urls.insert(a["url"]);
  }
  // JSONL urls are kept verbatim, so a caller can find its article again.
  std::ifstream jsonl(kCorpus / "jsonl" / "01_wire_2023_2024.jsonl");
  std::string line;
  while (std::getline(jsonl, line)) {
    json j = json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("url")) {
      EXPECT_TRUE(urls.count(j["url"].get<std::string>())) << j["url"];
    }
  }
}

// The corpus's two republished stories (examples/corpus/README.md, "Duplicates") are stored as
// near copies of the article met first in the walk (html/ before jsonl/ before txt/), with
// their similarity, and never coded.
TEST_F(CorpusTest, NearCopiesNameTheirOriginal) {
  CliRun r = Rasd(Db() + "articles --format json --limit 1000");
  ASSERT_EQ(r.code, 0) << r.err;
  std::map<std::string, json> by_source;
  for (const json& a : JsonLines(r.out)) by_source[a["source"]] = a;
  const struct {
    std::string copy, original;
  } pairs[] = {
      {"txt/12_ceasefire_republished.txt", "txt/09_lebanon_ceasefire_takes_effect.txt"},
      {"jsonl/02_portal_2025.jsonl:3", "html/10_sudan_uae_ties_republished.html"},
  };
  int copies = 0;
  for (const auto& [name, a] : by_source) copies += a["duplicate_of"].is_null() ? 0 : 1;
  EXPECT_EQ(copies, 2);
  for (const auto& [copy, original] : pairs) {
    const json& c = by_source[(kCorpus / copy).string()];
    const json& o = by_source[(kCorpus / original).string()];
    ASSERT_TRUE(c.is_object() && o.is_object()) << copy << " or " << original << " not stored";
    EXPECT_EQ(c["duplicate_of"], o["id"]) << copy;
    ASSERT_TRUE(c["similarity"].is_number()) << c.dump();
    EXPECT_GE(c["similarity"].get<double>(), 0.5) << copy;
    EXPECT_LT(c["similarity"].get<double>(), 1.0) << copy;
    EXPECT_EQ(c["events"], 0) << copy;
    EXPECT_EQ(c["mentions"], 0) << copy;
    EXPECT_TRUE(o["duplicate_of"].is_null()) << original;
    EXPECT_TRUE(o["similarity"].is_null()) << original;
    EXPECT_GT(o["events"].get<int>(), 0) << original;
  }
  EXPECT_NE(first_->out.find("copies      2"), std::string::npos) << first_->out;
}

// A later run finds copies of articles stored by an earlier one: a copy of a corpus article
// made here (another headline, the last paragraph cut, a share line and Arabic-Indic digits),
// ingested into a database that already holds the corpus.
TEST(DedupTest, ReingestFindsCopiesOfStoredArticles) {
  TempDir dir;
  const std::string db = "--db " + Quote((dir / "rasd.db").string()) + " ";
  ASSERT_EQ(Rasd(db + "ingest " + Quote(kCorpus.string())).code, 0);

  std::string original = Slurp(kCorpus / "txt" / "03_turkish_strikes_duhok.txt");
  std::string copy = "غارات تركية جديدة على دهوك\n\n" + original.substr(original.find("\n\n") + 2);
  copy = copy.substr(0, copy.rfind("\n\n", copy.size() - 3));
  for (size_t pos = copy.find('2'); pos != std::string::npos; pos = copy.find('2', pos)) {
    copy.replace(pos, 1, "\u0662");
  }
  copy += "\n\nشارك الخبر: فيسبوك تويتر واتساب\n";
  {
    std::ofstream out(dir / "copy.txt", std::ios::binary);
    out << copy;
  }
  CliRun r = Rasd(db + "ingest " + Quote((dir / "copy.txt").string()));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("stored      1 articles, 0 events"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("copies      1"), std::string::npos) << r.out;

  CliRun articles = Rasd(db + "articles --format json --limit 1000");
  std::map<std::string, json> by_source;
  for (const json& a : JsonLines(articles.out)) by_source[a["source"]] = a;
  const json& c = by_source[(dir / "copy.txt").string()];
  const json& o = by_source[(kCorpus / "txt" / "03_turkish_strikes_duhok.txt").string()];
  ASSERT_TRUE(c.is_object() && o.is_object());
  EXPECT_EQ(c["duplicate_of"], o["id"]);
  EXPECT_GE(c["similarity"].get<double>(), 0.5);
  EXPECT_EQ(StatsOf(dir / "rasd.db")["duplicates"], 3);
}

TEST_F(CorpusTest, EventsJsonFollowsTheContract) {
  CliRun r = Rasd(Db() + "events --format json --limit 10000");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> events = JsonLines(r.out);
  ASSERT_GE(events.size(), 30u);
  for (const json& e : events) {
    for (const char* key : {"article", "type", "mode", "source", "target", "when", "status",
                            "evidence"}) {
      ASSERT_TRUE(e.contains(key)) << key << " missing in " << e.dump();
    }
    for (const char* side : {"source", "target"}) {
      if (e[side].is_null()) continue;
      for (const char* key : {"entity", "name_en", "country", "actor_code"}) {
        EXPECT_TRUE(e[side].contains(key)) << side << "." << key;
      }
    }
    for (const char* key : {"value", "granularity", "historical"}) {
      EXPECT_TRUE(e["when"].contains(key)) << "when." << key;
    }
    for (const char* key : {"text", "start", "end"}) {
      EXPECT_TRUE(e["evidence"].contains(key)) << "evidence." << key;
    }
    EXPECT_FALSE(e["evidence"]["text"].get<std::string>().empty());
  }
}

// The gold list of the main events the corpus articles state: the pipeline must find most of
// them with the right type and the right countries on both sides.
TEST_F(CorpusTest, FindsTheGoldEvents) {
  CliRun articles = Rasd(Db() + "articles --format json --limit 1000");
  std::map<std::string, std::string> id_by_source;
  // A near copy is not coded: the events it states are those of the original it names.
  for (const json& a : JsonLines(articles.out)) {
    id_by_source[a["source"]] = a["duplicate_of"].is_string() ? a["duplicate_of"] : a["id"];
  }
  CliRun r = Rasd(Db() + "events --format json --limit 10000");
  std::map<std::string, std::vector<json>> by_article;
  for (const json& e : JsonLines(r.out)) by_article[e["article"]].push_back(e);

  std::string gold = Slurp(kSource / "tests" / "testdata" / "corpus_expected.tsv");
  int total = 0, found = 0;
  std::string missed;
  for (const TsvRow& row : ParseTsv(gold)) {
    ASSERT_GE(row.fields.size(), 4u) << "line " << row.line;
    std::string file = row.fields[0];
    std::string source = (kCorpus / file).string();
    if (auto hash = file.find('#'); hash != std::string::npos) {
      source = (kCorpus / file.substr(0, hash)).string() + ":" + file.substr(hash + 1);
    }
    ++total;
    auto id = id_by_source.find(source);
    bool ok = false;
    if (id != id_by_source.end()) {
      for (const json& e : by_article[id->second]) {
        if (e["type"] != row.fields[1]) continue;
        std::set<std::string> sides = {ActorCountry(e["source"]), ActorCountry(e["target"])};
        bool src = row.fields[2] == "-" || sides.count(row.fields[2]);
        bool tgt = row.fields[3] == "-" || sides.count(row.fields[3]);
        if (src && tgt) ok = true;
      }
    }
    if (ok) {
      ++found;
    } else {
      missed += "  " + file + " " + row.fields[1] + " " + row.fields[2] + "->" + row.fields[3] +
                "\n";
    }
  }
  ASSERT_GE(total, 40);
  double recall = static_cast<double>(found) / total;
  std::printf("corpus gold events found: %d of %d (%.2f)\n", found, total, recall);
  EXPECT_GE(recall, 0.70) << "missed:\n" << missed;
}

TEST_F(CorpusTest, ShowMarksEntitiesAndEvents) {
  CliRun r = Rasd(Db() + "articles --format json --limit 1");
  std::vector<json> rows = JsonLines(r.out);
  ASSERT_FALSE(rows.empty());
  std::string id = rows[0]["id"];
  CliRun show = Rasd(Db() + "show " + id.substr(0, 8));
  EXPECT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("[["), std::string::npos) << "no entity marked:\n" << show.out;
  EXPECT_EQ(Rasd(Db() + "show ffffffffffff").code, 2);
}

TEST_F(CorpusTest, SearchFoldsDiacriticsAndClitics) {
  // Written plainly, with diacritics, and with a proclitic: all find the same articles.
  CliRun plain = Rasd(Db() + "search " + Quote("لافروف") + " --format json");
  CliRun marked = Rasd(Db() + "search " + Quote("لَافْرُوف") + " --format json");
  CliRun clitic = Rasd(Db() + "search " + Quote("ولافروف") + " --format json");
  ASSERT_EQ(plain.code, 0) << plain.err;
  size_t n = JsonLines(plain.out).size();
  EXPECT_GE(n, 1u);
  EXPECT_EQ(JsonLines(marked.out).size(), n);
  EXPECT_EQ(JsonLines(clitic.out).size(), n);
}

TEST_F(CorpusTest, FiltersNarrowEvents) {
  CliRun all = Rasd(Db() + "events --format json --limit 10000");
  CliRun consult = Rasd(Db() + "events --type consult --format json --limit 10000");
  ASSERT_EQ(consult.code, 0) << consult.err;
  std::vector<json> c = JsonLines(consult.out);
  EXPECT_GE(c.size(), 3u);
  EXPECT_LT(c.size(), JsonLines(all.out).size());
  for (const json& e : c) EXPECT_EQ(e["type"], "CONSULT");
  CliRun bad = Rasd(Db() + "events --type NOPE");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("type"), std::string::npos) << bad.err;
  CliRun rus = Rasd(Db() + "events --actor RUS --format json --limit 10000");
  std::vector<json> r = JsonLines(rus.out);
  EXPECT_GE(r.size(), 2u);
  for (const json& e : r) {
    EXPECT_TRUE(ActorCountry(e["source"]) == "RUS" || ActorCountry(e["target"]) == "RUS")
        << e.dump();
  }
}

// Every dated, current event heads a story or names the head of one; `rasd stories` has one
// line per head with the counts of its events; `--unique` keeps the heads and the events with no
// story.
TEST_F(CorpusTest, StoriesGroupEventsAndUniqueKeepsOnePerStory) {
  CliRun all = Rasd(Db() + "events --format json --limit 10000");
  ASSERT_EQ(all.code, 0) << all.err;
  std::vector<json> events = JsonLines(all.out);
  std::map<std::string, json> by_id;
  for (const json& e : events) by_id[e["id"]] = e;
  std::map<std::string, int> members;  // story id -> events
  size_t unique = 0;
  for (const json& e : events) {
    if (e["story"].is_null()) {
      ++unique;
      // No story: historical, not dated to the day, or dated relative to an unknown
      // publication date ("P-1D").
      const json& when = e["when"];
      const std::string value = when["value"].is_string() ? when["value"].get<std::string>() : "";
      const bool to_the_day = when["granularity"] == "day" || when["granularity"] == "hour" ||
                              when["granularity"] == "minute";
      EXPECT_TRUE(when["historical"].get<bool>() || !to_the_day || value.size() < 10 ||
                  value[4] != '-')
          << "a dated current event with no story: " << e.dump();
      continue;
    }
    EXPECT_FALSE(e["when"]["historical"].get<bool>()) << e.dump();
    const json& head = by_id[e["story"]];
    ASSERT_TRUE(head.is_object()) << "the story's first event is stored: " << e.dump();
    EXPECT_EQ(head["story"], head["id"]);
    EXPECT_EQ(head["type"], e["type"]);
    ++members[e["story"]];
    if (e["story"] == e["id"]) ++unique;
  }
  ASSERT_GE(members.size(), 20u);

  CliRun u = Rasd(Db() + "events --unique --format json --limit 10000");
  ASSERT_EQ(u.code, 0) << u.err;
  EXPECT_EQ(JsonLines(u.out).size(), unique);

  CliRun st = Rasd(Db() + "stories --format json --limit 10000");
  ASSERT_EQ(st.code, 0) << st.err;
  std::vector<json> stories = JsonLines(st.out);
  EXPECT_EQ(stories.size(), members.size());
  for (const json& s : stories) {
    for (const char* key : {"id", "type", "source", "target", "first_seen", "last_seen",
                            "first_published", "last_published", "events", "articles", "outlets",
                            "claims", "first_event", "evidence", "gloss"}) {
      EXPECT_TRUE(s.contains(key)) << key << " missing in " << s.dump();
    }
    EXPECT_EQ(s["events"], members[s["id"]]) << s.dump();
    EXPECT_LE(s["first_seen"].get<std::string>(), s["last_seen"].get<std::string>());
    EXPECT_GE(s["claims"].size(), 1u);
  }
  // Newest first, by the first event's date.
  for (size_t i = 1; i < stories.size(); ++i) {
    EXPECT_GE(by_id[stories[i - 1]["id"]]["when"]["value"].get<std::string>(),
              by_id[stories[i]["id"]]["when"]["value"].get<std::string>());
  }
  CliRun csv = Rasd(Db() + "stories --format csv --type ASSAULT");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("id,type,", 0), 0u) << csv.out.substr(0, 200);
  CliRun table = Rasd(Db() + "stories --limit 5");
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("SEEN", 0), 0u) << table.out;
  EXPECT_EQ(Rasd(Db() + "stories --type NOPE").code, 2);
}

// Other outlets' reports of corpus events (tests/testdata/story-gold/pages) join the stories
// the corpus started, whether they come in the same run or a later one, and whatever the
// number of threads.
TEST(StoriesTest, ReportsJoinTheCorpusStoriesInOneRunOrTwo) {
  const std::string corpus = Quote(kCorpus.string());
  const std::string reports = Quote((kSource / "tests/testdata/story-gold/pages").string());
  TempDir dir;
  auto stories_of = [&](const std::string& db) {
    CliRun r = Rasd("--db " + Quote((dir / db).string()) + " stories --format csv --limit 10000");
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  };
  ASSERT_EQ(
      Rasd("--db " + Quote((dir / "one.db").string()) + " ingest -j 1 " + corpus + " " + reports)
          .code,
      0);
  ASSERT_EQ(Rasd("--db " + Quote((dir / "threads.db").string()) + " ingest -j 3 " + corpus + " " +
                 reports)
                .code,
            0);
  ASSERT_EQ(Rasd("--db " + Quote((dir / "two.db").string()) + " ingest " + corpus).code, 0);
  ASSERT_EQ(Rasd("--db " + Quote((dir / "two.db").string()) + " ingest " + reports).code, 0);
  const std::string one = stories_of("one.db");
  EXPECT_EQ(stories_of("threads.db"), one);
  EXPECT_EQ(stories_of("two.db"), one);

  // The treaty text: the corpus's report and two other outlets', one a day later.
  CliRun r = Rasd("--db " + Quote((dir / "two.db").string()) +
                  " stories --type AGREE --from 2025-03-13 --to 2025-03-13 --format json");
  bool found = false;
  for (const json& s : JsonLines(r.out)) {
    if (s["articles"] != 3) continue;
    found = true;
    EXPECT_EQ(s["outlets"], 3);
    EXPECT_EQ(s["first_seen"], "2025-03-13");
    EXPECT_EQ(s["last_published"], "2025-03-14T09:05:00+03:00");
    // Each of its events counts the story's outlets as its sources.
    CliRun events = Rasd("--db " + Quote((dir / "two.db").string()) +
                         " events --type AGREE --from 2025-03-13 --to 2025-03-13 --format json");
    int members = 0;
    for (const json& e : JsonLines(events.out)) {
      if (e["story"] != s["id"]) continue;
      ++members;
      EXPECT_EQ(e["sources"], 3) << e.dump();
    }
    EXPECT_EQ(members, s["events"].get<int>());

    // The story alone: every report with its outlet, grouped by what it claims.
    const std::string id = s["id"].get<std::string>();
    CliRun one = Rasd("--db " + Quote((dir / "two.db").string()) + " stories " + id.substr(0, 8) +
                      " --format jsonl");
    ASSERT_EQ(one.code, 0) << one.err;
    const json detail = json::parse(one.out);
    EXPECT_EQ(detail["id"], id);
    ASSERT_EQ(detail["reports"].size(), static_cast<size_t>(members));
    std::set<std::string> outlets;
    size_t grouped = 0;
    for (const json& report : detail["reports"]) outlets.insert(report["article"]["outlet"]);
    for (const json& side : detail["sides"]) grouped += side["reports"].size();
    EXPECT_EQ(outlets.size(), 3u);
    EXPECT_EQ(grouped, detail["reports"].size());
    CliRun text = Rasd("--db " + Quote((dir / "two.db").string()) + " stories " + id);
    ASSERT_EQ(text.code, 0) << text.err;
    EXPECT_NE(text.out.find("story " + id), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("3 outlets"), std::string::npos) << text.out;
    EXPECT_EQ(Rasd("--db " + Quote((dir / "two.db").string()) + " stories 0000000000").code, 2);
  }
  EXPECT_TRUE(found) << r.out;
}

// The hand-written story gold (tests/testdata/story-gold/), scored through the pipeline.
TEST(StoriesTest, GoldPairs) {
  CliRun r = Rasd(
      "eval stories --json --gold tests/testdata/story-gold/stories.tsv examples/corpus "
      "tests/testdata/dedup-gold/pages tests/testdata/story-gold/pages");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> lines = JsonLines(r.out.substr(r.out.rfind("\n{") + 1));
  ASSERT_EQ(lines.size(), 1u) << r.out;
  const json& j = lines[0];
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_EQ(j["pairs"]["gold"], 8) << r.out;
  EXPECT_GE(j["pairs"]["precision"].get<double>(), 0.95) << r.out;
  EXPECT_GE(j["pairs"]["recall"].get<double>(), 0.70) << r.out;
}

TEST_F(CorpusTest, ExportsCsvAndJsonl) {
  CliRun csv = Rasd(Db() + "export --format csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("id,article,type", 0), 0u) << csv.out.substr(0, 200);
  CliRun jl = Rasd(Db() + "export --format jsonl --what articles");
  std::vector<json> rows = JsonLines(jl.out);
  ASSERT_GE(rows.size(), 30u);
  EXPECT_TRUE(rows[0]["text"].is_string());
}

// `rasd serve` answers on a free port, with JSON errors, and stops on SIGTERM.
TEST_F(CorpusTest, ServeAnswersTheApi) {
  TempDir tmp;
  fs::path out = tmp / "serve.out";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::freopen(out.c_str(), "w", stdout);
    execl(kRasd.c_str(), "rasd", "--db", db_.c_str(), "serve", "--port", "0", nullptr);
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 100 && port == 0; ++i) {  // wait up to 10 s for the banner
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::string banner = Slurp(out);
    if (auto p = banner.find("127.0.0.1:"); p != std::string::npos) {
      port = std::atoi(banner.c_str() + p + 10);
    }
  }
  ASSERT_GT(port, 0) << "no banner: " << Slurp(out);
  httplib::Client client("127.0.0.1", port);
  for (const char* path :
       {"/api/health", "/api/stats", "/api/articles", "/api/events", "/api/stories",
        "/api/entities", "/api/search?q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81", "/api/rejects"}) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << " " << res->body;
    EXPECT_FALSE(json::parse(res->body, nullptr, false).is_discarded()) << path;
  }
  auto bad = client.Get("/api/events?type=NOPE");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(json::parse(bad->body)["error"].is_object());
  auto missing = client.Get("/api/articles/0123456789abcdef");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

// `rasd clean --show-dropped` removes a page's "read also" block and says why.
TEST(CleanCliTest, ShowsDroppedBoilerplate) {
  CliRun r = Rasd("clean --show-dropped " +
                  Quote((kCorpus / "txt" / "02_azerbaijan_armenia_border_fire.txt").string()));
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> rows = JsonLines(r.out);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_FALSE(rows[0]["dropped"].empty()) << r.out;
  std::set<std::string> reasons;
  for (const json& d : rows[0]["dropped"]) {
    reasons.insert(d["reason"]);
    EXPECT_EQ(rows[0]["text"].get<std::string>().find(d["text"].get<std::string>()),
              std::string::npos) << "dropped text still in the article: " << d["text"];
  }
  EXPECT_TRUE(reasons.count("tag-list") || reasons.count("read-also")) << r.out;
}

TEST(NerCliTest, PrintsMentionsWithTheirEntities) {
  TempDir tmp;
  std::ofstream(tmp / "in.txt") << "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو لن تتراجع. "
                                   "وقال الرئيس ماركوس تيلاني إن بلاده تدعم الحل.\n";
  CliRun r = Rasd("ner -", (tmp / "in.txt").string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> rows = JsonLines(r.out);
  ASSERT_EQ(rows.size(), 3u) << r.out;
  EXPECT_EQ(rows[0]["text"], "سيرغي لافروف");
  EXPECT_EQ(rows[0]["entity"], "person:sergei-lavrov");
  EXPECT_EQ(rows[0]["name_en"], "Sergei Lavrov");
  EXPECT_EQ(rows[0]["actor_code"], "RUSGOV");
  EXPECT_EQ(rows[1]["entity"], "place:moscow");
  EXPECT_EQ(rows[1]["kind"], "capital");
  // A name the lexicon lacks, after a title: a person linked to no entity.
  EXPECT_EQ(rows[2]["text"], "ماركوس تيلاني");
  EXPECT_EQ(rows[2]["type"], "person");
  EXPECT_TRUE(rows[2]["entity"].is_null());
}

// ---------------------------------------------------------------------------------------------
// The real seed articles (outside the repository).

TEST(SeedsTest, StoresFiveArticlesAndTheLavrovMirzoyanCall) {
  if (!fs::is_directory(kSeeds)) GTEST_SKIP() << "no seed articles at " << kSeeds;
  TempDir tmp;
  std::string db = "--db " + Quote((tmp / "seeds.db").string()) + " ";
  CliRun r = Rasd(db + "ingest " + Quote(kSeeds.string()));
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(StatsOf(tmp / "seeds.db")["articles"], 5);
  CliRun ev = Rasd(db + "events --format json --limit 10000");
  ASSERT_EQ(ev.code, 0) << ev.err;
  std::vector<json> events = JsonLines(ev.out);
  ASSERT_FALSE(events.empty());
  // Seed 004: Lavrov and Mirzoyan spoke by phone.
  CliRun arts = Rasd(db + "articles --format json");
  std::string id_004;
  for (const json& a : JsonLines(arts.out)) {
    if (a["source"].get<std::string>().find("004_e007c826f62b0ef6") != std::string::npos) {
      id_004 = a["id"];
    }
  }
  ASSERT_FALSE(id_004.empty());
  bool call = false;
  for (const json& e : events) {
    if (e["article"] != id_004 || e["type"] != "CONSULT") continue;
    std::set<std::string> sides = {ActorCountry(e["source"]), ActorCountry(e["target"])};
    if (sides.count("RUS") && sides.count("ARM")) call = true;
  }
  EXPECT_TRUE(call) << ev.out;
}

// ---------------------------------------------------------------------------------------------
// Bad input: each case gets a clear message naming the file, the other inputs go on, and the
// reject is recorded in the store.

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(tmp_ / "good.txt") << "زار وزير الخارجية الروسي سيرغي لافروف يريفان اليوم.\n";
  }
  // Ingests good.txt plus `bad` and returns the run; checks the common guarantees.
  CliRun IngestWith(const std::string& bad, const std::string& reason, int stored = 1) {
    std::string db = "--db " + Quote((tmp_ / "bad.db").string()) + " ";
    CliRun r = Rasd(db + "ingest " + Quote((tmp_ / "good.txt").string()) + " " + Quote(bad));
    EXPECT_EQ(r.code, 1) << "some inputs rejected: exit 1\n" << r.out << r.err;
    EXPECT_NE(r.err.find(fs::path(bad).filename().string()), std::string::npos)
        << "the message names the file: " << r.err;
    EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
    EXPECT_EQ(StatsOf(tmp_ / "bad.db")["articles"], stored) << "the good inputs still go in";
    CliRun rejects = Rasd(db + "rejects --format json");
    std::vector<json> rows = JsonLines(rejects.out);
    bool recorded = false;
    for (const json& j : rows) recorded |= j["reason"] == reason;
    EXPECT_TRUE(recorded) << rejects.out;
    return r;
  }
  TempDir tmp_;
};

TEST_F(BadInputTest, MissingPath) { IngestWith((tmp_ / "nowhere.txt").string(), "missing"); }

TEST_F(BadInputTest, BinaryFile) {
  std::ofstream f(tmp_ / "image.txt", std::ios::binary);
  for (int i = 0; i < 4096; ++i) f.put(static_cast<char>(i % 256));
  f.close();
  IngestWith((tmp_ / "image.txt").string(), "binary");
}

TEST_F(BadInputTest, InvalidUtf8) {
  std::ofstream(tmp_ / "latin1.txt", std::ios::binary) << "\xC7\xE1\xD1\xC6\xED\xD3 \xff\xfe text";
  IngestWith((tmp_ / "latin1.txt").string(), "invalid-utf8");
}

TEST_F(BadInputTest, EmptyFile) {
  std::ofstream(tmp_ / "empty.txt").close();
  IngestWith((tmp_ / "empty.txt").string(), "empty");
}

TEST_F(BadInputTest, MalformedJsonLineReportsItsLineNumber) {
  std::ofstream(tmp_ / "feed.jsonl") << "{\"text\": \"اتصل لافروف هاتفيا بنظيره الأرميني.\"}\n"
                                     << "{\"text\": \"broken\n"
                                     << "{\"text\": \"التقى بوتين علييف في باكو.\"}\n";
  // Lines 1 and 3 are stored alongside good.txt.
  CliRun r = IngestWith((tmp_ / "feed.jsonl").string(), "malformed-json", 3);
  EXPECT_NE(r.err.find("feed.jsonl:2"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, HundredMegabyteLine) {
  {
    std::ofstream f(tmp_ / "huge.jsonl", std::ios::binary);
    f << "{\"text\": \"";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) f << chunk;
    f << "\"}\n";
  }
  IngestWith((tmp_ / "huge.jsonl").string(), "too-large");
}

TEST(StdinTest, ReadsJsonlFromStdin) {
  TempDir tmp;
  std::ofstream(tmp / "in.jsonl")
      << "{\"title\": \"t\", \"url\": \"https://x.example/a?b=1\", \"published\": \"2024-05-02\","
         " \"outlet\": \"Example\", \"section\": \"world\","
         " \"text\": \"بحث وزير الخارجية المصري مع نظيره الأردني الوضع في غزة.\"}\n";
  std::string db = "--db " + Quote((tmp / "s.db").string()) + " ";
  CliRun r = Rasd(db + "ingest -", (tmp / "in.jsonl").string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> rows = JsonLines(Rasd(db + "articles --format json").out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["url"], "https://x.example/a?b=1");
  EXPECT_EQ(rows[0]["outlet"], "Example");
  EXPECT_EQ(rows[0]["published"], "2024-05-02");
}

// ---------------------------------------------------------------------------------------------
// rasd eval seg on a small CoNLL-U file written here: sentence boundaries, words, predictions.

TEST(EvalSegTest, ScoresConlluAndWritesPredictions) {
  TempDir tmp;
  auto row = [](const std::string& id, const std::string& form, const std::string& upos,
                const std::string& head, const std::string& misc = "_") {
    return id + "\t" + form + "\t_\t" + upos + "\t_\t_\t" + head + "\t" +
           (head == "_" ? "_" : head == "0" ? "root" : "dep") + "\t_\t" + misc + "\n";
  };
  std::ofstream gold(tmp / "gold.conllu");
  gold << "# newdoc id = t1\n# sent_id = 1\n# text = وقال الوزير إنه يزور موسكو.\n"
       << row("1-2", "وقال", "_", "_") << row("1", "و", "CCONJ", "2") << row("2", "قال", "VERB", "0")
       << row("3", "الوزير", "NOUN", "2") << row("4-5", "إنه", "_", "_")
       << row("4", "إن", "PART", "6") << row("5", "ه", "PRON", "6") << row("6", "يزور", "VERB", "2")
       << row("7", "موسكو", "X", "6", "SpaceAfter=No") << row("8", ".", "PUNCT", "2") << "\n"
       << "# sent_id = 2\n# text = ثم عاد إلى بلاده.\n"
       << row("1", "ثم", "CCONJ", "2") << row("2", "عاد", "VERB", "0") << row("3", "إلى", "ADP", "4")
       << row("4-5", "بلاده", "_", "_", "SpaceAfter=No") << row("4", "بلاد", "NOUN", "2")
       << row("5", "ه", "PRON", "4") << row("6", ".", "PUNCT", "2") << "\n";
  gold.close();
  CliRun r = Rasd("eval seg " + Quote((tmp / "gold.conllu").string()) + " --json --predictions " +
                  Quote((tmp / "pred.conllu").string()));
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  json figures = json::parse(last, nullptr, false);
  ASSERT_TRUE(figures.is_object()) << last;
  EXPECT_EQ(figures["format"], "conllu");
  EXPECT_EQ(figures["sentences"]["gold"], 2);
  EXPECT_DOUBLE_EQ(figures["sentences"]["f1"].get<double>(), 1.0);
  EXPECT_EQ(figures["words"]["gold"], 14);
  EXPECT_GE(figures["words"]["f1"].get<double>(), 0.9) << last;
  std::string pred = Slurp(tmp / "pred.conllu");
  EXPECT_NE(pred.find("\tبلاد\t"), std::string::npos) << pred;

  std::ofstream(tmp / "bad.conllu") << "1\tonly three\tcolumns\n";
  CliRun bad = Rasd("eval seg " + Quote((tmp / "bad.conllu").string()) + " --format conllu");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("bad.conllu"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace rasd
