#include "pipeline/pipeline.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "dedup/dedup.h"
#include "pipeline/bounded_queue.h"

namespace rasd::pipeline {
namespace {

namespace fs = std::filesystem;

// Tests run from the repository's root (rasd_test).
const std::vector<std::string> kCorpusAndCopies = {"examples/corpus",
                                                   "tests/testdata/dedup-gold/pages"};

const Engine& TheEngine() {
  static const Engine* engine = [] {
    Result<std::unique_ptr<Engine>> e = Engine::Load();
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? std::move(e).value().release() : nullptr;
  }();
  return *engine;
}

class TempDb {
 public:
  TempDb() {
    path_ = fs::temp_directory_path() /
            ("rasd-pipeline-test-" + std::to_string(::getpid()) + "-" + std::to_string(n_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
    Result<std::unique_ptr<store::Store>> db =
        store::Store::Open((path_ / "rasd.db").string(), TheEngine().analyzer());
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (db.ok()) db_ = std::move(db).value();
  }
  ~TempDb() {
    db_.reset();
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  store::Store& db() { return *db_; }
  const fs::path& dir() const { return path_; }

  // source -> source of the original it copies ("" for an original).
  std::map<std::string, std::string> Copies() {
    Result<std::vector<store::ArticleRow>> rows = db_->Articles({.limit = 0});
    EXPECT_TRUE(rows.ok());
    std::map<std::string, std::string> source_of, out;
    for (const store::ArticleRow& r : *rows) source_of[r.article.id] = r.article.source;
    for (const store::ArticleRow& r : *rows) {
      out[r.article.source] = r.duplicate_of.empty() ? "" : source_of[r.duplicate_of];
    }
    return out;
  }

 private:
  static inline int n_ = 0;
  fs::path path_;
  std::unique_ptr<store::Store> db_;
};

// Which article is the original depends on the input order only: one worker or four, the
// same copies name the same originals.
// Producers blocked on a full queue are woken only once it has drained to half: every item
// still arrives, in order for each producer, whatever the capacity and the number of threads.
TEST(BoundedQueueTest, EveryItemArrivesInOrderWhateverTheCapacity) {
  for (size_t capacity : {1, 2, 3, 4, 9}) {
    for (int producers : {1, 3}) {
      for (int consumers : {1, 2}) {
        BoundedQueue<std::pair<int, int>> queue(capacity);
        constexpr int kItems = 2000;
        std::vector<std::vector<std::pair<int, int>>> got(static_cast<size_t>(consumers));
        std::vector<std::thread> threads;
        for (int c = 0; c < consumers; ++c) {
          threads.emplace_back([&, c] {
            while (auto item = queue.Pop()) got[static_cast<size_t>(c)].push_back(*item);
          });
        }
        std::vector<std::thread> pushers;
        for (int p = 0; p < producers; ++p) {
          pushers.emplace_back([&, p] {
            for (int i = 0; i < kItems; ++i) EXPECT_TRUE(queue.Push({p, i}));
          });
        }
        for (std::thread& t : pushers) t.join();
        queue.Close();
        for (std::thread& t : threads) t.join();
        EXPECT_FALSE(queue.Push({0, 0}));
        size_t total = 0;
        for (const auto& items : got) {
          total += items.size();
          std::map<int, int> last;  // producer -> last item seen by this consumer
          for (const auto& [p, i] : items) {
            auto it = last.find(p);
            if (it != last.end()) {
              EXPECT_LT(it->second, i) << "capacity " << capacity;
            }
            last[p] = i;
          }
        }
        EXPECT_EQ(total, static_cast<size_t>(kItems * producers)) << "capacity " << capacity;
      }
    }
  }
}

// Engine::Analyze names the article from the key it folds for the analysis: the same id as
// ArticleId, the same analysis as the analyzer's own, and none when told not to go on.
TEST(PipelineEngineTest, AnalyzeNamesTheArticleFromTheKeyItFolds) {
  const Engine& engine = TheEngine();
  for (const std::string text :
       {"زار وزير الخارجية الروسي سيرغي لافروف يريفان أمس. وقال إن المحادثات كانت بنّاءة.",
        "Plain Latin text, 2024.", "", "ـــ لا\u200f   إِلَهَ"}) {
    store::ProcessedArticle p;
    p.article.text = text;
    std::string seen;
    const text::Analysis a = engine.Analyze(p, [&](const std::string& id) {
      seen = id;
      return true;
    });
    EXPECT_EQ(p.article.id, engine.ArticleId(text)) << text;
    EXPECT_EQ(seen, p.article.id);
    const text::Analysis direct = engine.analyzer().Analyze(text);
    ASSERT_EQ(a.tokens.size(), direct.tokens.size()) << text;
    for (size_t i = 0; i < a.tokens.size(); ++i) EXPECT_EQ(a.tokens[i].key, direct.tokens[i].key);
    EXPECT_EQ(a.sentences.size(), direct.sentences.size());
    store::ProcessedArticle q;
    q.article.text = text;
    const text::Analysis none = engine.Analyze(q, [](const std::string&) { return false; });
    EXPECT_EQ(q.article.id, p.article.id);
    EXPECT_TRUE(none.tokens.empty());
    EXPECT_TRUE(none.sentences.empty());
  }
}

// Bench runs every stage on the sample corpus and counts where the time goes: each stage took
// some, and together they take no more than the workers had.
TEST(PipelineBenchTest, CountsArticlesAndStageSeconds) {
  Result<BenchResult> r = Bench(TheEngine(), {"examples/corpus"}, {.threads = 2});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->articles, 30u);
  EXPECT_GT(r->events, 0u);
  const StageSeconds& s = r->stages;
  for (double stage : {s.clean, s.text, s.ner, s.time, s.events, s.rest}) EXPECT_GT(stage, 0);
  EXPECT_LE(s.Total(), r->seconds * r->threads);
}

TEST(PipelineDedupTest, OriginalsDoNotDependOnThreads) {
  TempDb one, four;
  Result<Summary> a = Ingest(TheEngine(), one.db(), kCorpusAndCopies, {.threads = 1});
  Result<Summary> b = Ingest(TheEngine(), four.db(), kCorpusAndCopies, {.threads = 4});
  ASSERT_TRUE(a.ok() && b.ok());
  // The gold's 14 copies: 12 near copies, and 2 whose clean text has the original's normalised
  // key (the corpus's byte-identical article, and copy_05, which differs from its original in
  // hamzas and in a dateline the cleaner sets apart): the same article id, not stored twice.
  EXPECT_EQ(a->totals.copies, 12u);
  EXPECT_EQ(a->totals.duplicates, 2u);
  EXPECT_EQ(b->totals.copies, a->totals.copies);
  EXPECT_EQ(b->totals.events, a->totals.events);
  const std::map<std::string, std::string> copies = one.Copies();
  EXPECT_EQ(four.Copies(), copies);
  EXPECT_EQ(copies.at("tests/testdata/dedup-gold/pages/copy_11_ceasefire_second_site.txt"),
            "examples/corpus/txt/09_lebanon_ceasefire_takes_effect.txt");
}

// A database whose originals have no signature of this scheme (written before dedup, or with
// other parameters) gets them from the stored texts when a run starts, and the run finds
// copies of those articles.
TEST(PipelineDedupTest, SignsStoredArticlesThatLackASignature) {
  TempDb t;
  ASSERT_TRUE(Ingest(TheEngine(), t.db(), {"examples/corpus/txt"}, {}).ok());
  std::vector<std::pair<std::string, std::string>> old;
  ASSERT_TRUE(t.db()
                  .ForEachSignature(dedup::kScheme,
                                    [&](std::string_view id, std::string_view) {
                                      old.emplace_back(std::string(id), "old");
                                    })
                  .ok());
  ASSERT_EQ(old.size(), 12u);  // 13 files, one of them a copy
  ASSERT_TRUE(t.db().SaveSignatures("an-older-scheme", old).ok());
  int unsigned_originals = 0;
  ASSERT_TRUE(t.db()
                  .ForEachUnsigned(dedup::kScheme, [&](std::string_view,
                                                       std::string_view) { ++unsigned_originals; })
                  .ok());
  EXPECT_EQ(unsigned_originals, 12);

  Result<Summary> s =
      Ingest(TheEngine(), t.db(),
             {"tests/testdata/dedup-gold/pages/copy_04_el_fasher_trimmed_digits.txt"}, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->totals.copies, 1u);
  EXPECT_EQ(t.Copies().at("tests/testdata/dedup-gold/pages/copy_04_el_fasher_trimmed_digits.txt"),
            "examples/corpus/txt/04_el_fasher_shelling.txt");
  unsigned_originals = 0;
  ASSERT_TRUE(t.db()
                  .ForEachUnsigned(dedup::kScheme, [&](std::string_view,
                                                       std::string_view) { ++unsigned_originals; })
                  .ok());
  EXPECT_EQ(unsigned_originals, 0) << "the signatures made are kept";
}

// "source:sentence TYPE" of every event marked background, with the story it has ("" for
// none, as background must be).
std::vector<std::string> BackgroundEvents(store::Store& db) {
  Result<std::vector<store::ArticleRow>> rows = db.Articles({.limit = 0});
  Result<std::vector<Event>> events = db.Events({.limit = 0});
  EXPECT_TRUE(rows.ok() && events.ok());
  std::map<std::string, std::string> source_of;
  for (const store::ArticleRow& r : *rows) {
    source_of[r.article.id] = fs::path(r.article.source).filename().string();
  }
  std::vector<std::string> out;
  for (const Event& e : *events) {
    if (!e.background) continue;
    EXPECT_TRUE(e.when.historical) << e.ToString();
    EXPECT_EQ(e.story, "") << e.ToString();
    out.push_back(source_of[e.article] + " s" + std::to_string(e.evidence.sentence) + " " +
                  EventTypeName(e.type));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Three articles written for this test, each on other news, each retelling that Russian
// peacekeepers have been in Karabakh since the 2020 war, in other words: later.jsonl (1 and
// 12 March 2024), then, in a second run, earlier.jsonl (20 February).
TEST(PipelineBackgroundTest, RetellingsOfOlderArticlesAreBackgroundInEitherOrder) {
  TempDb t;
  ASSERT_TRUE(Ingest(TheEngine(), t.db(), {"tests/testdata/background/later.jsonl"}, {}).ok());
  // 12 March retells 1 March: background; 1 March is the first report, news.
  EXPECT_EQ(BackgroundEvents(t.db()), (std::vector<std::string>{"later.jsonl:2 s3 AID"}));
  Result<std::vector<store::StoryRow>> before = t.db().Stories({.limit = 0});
  ASSERT_TRUE(before.ok());

  ASSERT_TRUE(Ingest(TheEngine(), t.db(), {"tests/testdata/background/earlier.jsonl"}, {}).ok());
  // 20 February came in after both: 1 March's retelling is background now, and its story (of
  // one report) is gone; 20 February's own sentence is the first report.
  EXPECT_EQ(BackgroundEvents(t.db()),
            (std::vector<std::string>{"later.jsonl:1 s3 AID", "later.jsonl:2 s3 AID"}));
  Result<std::vector<store::StoryRow>> after = t.db().Stories({.limit = 0});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), before->size()) << "one story lost, earlier.jsonl's gained";
  for (const store::StoryRow& r : *after) EXPECT_FALSE(r.first.background);

  // A third run finds nothing new: what was marked stays marked, once.
  ASSERT_TRUE(Ingest(TheEngine(), t.db(), {"tests/testdata/background"}, {}).ok());
  EXPECT_EQ(BackgroundEvents(t.db()).size(), 2u);
}

}  // namespace
}  // namespace rasd::pipeline
