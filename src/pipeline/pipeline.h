// pipeline: the only code that knows the order of the stages.
//
//   ingest -> clean -> text -> dedup -> ner -> time -> events -> store
//
// In: paths (files, directories, "-") and an open store. Out: a Summary of what was stored,
// stored as a near copy, skipped as a duplicate, rejected (with reasons) or skipped as a
// non-article file.
// Guaranteed: all cores are used (one reader, N workers, one writer); memory is bounded by the
// queue sizes times the largest accepted document, plus the dedup index (650 to 1,100 bytes
// per stored original, read from the store when the run starts); articles are written in input
// order, in transactional batches; an article whose id (hash of its normalised text) is already
// stored is not coded again, and of several copies within one run only the first is stored
// (the others count as duplicates); a near copy of an earlier article (dedup::kNearCopy, of
// this run or one before) is stored with duplicate_of and its similarity and is never coded;
// which article is the original is decided in input order, whatever the number of workers;
// every input is either stored, counted as a duplicate, or recorded in the store's rejects
// with its reason; a sentence of an original that retells older articles (dedup/passages.h,
// against this run's articles and the stored ones) is marked background with its events,
// also when the older article comes later in the input (the stored events are updated). Not guaranteed: progress callbacks at a fixed rate (at most every 100 ms).
//
//   ASSIGN_OR_RETURN(auto engine, pipeline::Engine::Load());
//   ASSIGN_OR_RETURN(auto db, store::Store::Open("rasd.db", engine->analyzer()));
//   ASSIGN_OR_RETURN(pipeline::Summary s, pipeline::Ingest(*engine, *db, {"corpus/"}, {}));
#ifndef RASD_PIPELINE_PIPELINE_H_
#define RASD_PIPELINE_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "core/core.h"
#include "dedup/dedup.h"
#include "events/events.h"
#include "ingest/ingest.h"
#include "ner/ner.h"
#include "store/store.h"
#include "text/text.h"
#include "time/time.h"

namespace rasd::pipeline {

// Seconds spent in each stage of Engine::Process, summed over articles (and threads): where
// the time goes (rasd bench).
struct StageSeconds {
  double clean = 0;  // ingest's document to clean text (HTML, boilerplate)
  double text = 0;   // text::Analyzer
  double ner = 0;
  double time = 0;
  double events = 0;
  double rest = 0;  // passages for background detection, the entities to store
  double Total() const { return clean + text + ner + time + events + rest; }
  StageSeconds& operator+=(const StageSeconds& o);
};

// Every stage, loaded once and shared read-only by the worker threads.
class Engine {
 public:
  // Loads the data files of every stage; fails naming the file and line of a bad row.
  static Result<std::unique_ptr<Engine>> Load();
  ~Engine();

  // Cleans a raw document and runs text, ner, time and events on it. Fails (kInvalidInput)
  // when cleaning leaves no text; the article is then to be rejected. `recurring`: lines of
  // the document's site to drop (clean::RecurringLines, learned in input order by Ingest and
  // Bench).
  // `stages`, when given, adds the seconds each stage took.
  Result<store::ProcessedArticle> Process(const ingest::RawDocument& raw,
                                          std::span<const uint64_t> recurring = {},
                                          StageSeconds* stages = nullptr) const;
  // The steps of Process: Clean fills article (without its id) and warnings; Analyze
  // names the article and analyses its text, and Code runs ner, time and events on it. Split
  // so a stored article is recognised before it is coded.
  Result<store::ProcessedArticle> Clean(const ingest::RawDocument& raw,
                                        std::span<const uint64_t> recurring = {}) const;
  // Sets processed.article.id (ArticleId of its text) and returns the analysis of the text,
  // or an empty one when `proceed(id)` says no: the text is folded once for both.
  text::Analysis Analyze(store::ProcessedArticle& processed,
                         const std::function<bool(const std::string& id)>& proceed) const;
  // Code with the text analysis made. Also fills the passages by which background sentences
  // are found (dedup::PassageTerms).
  void Code(store::ProcessedArticle& processed, const text::Analysis& analysis,
            StageSeconds* stages = nullptr) const;
  // The article id rasd gives a clean text: XXH3-128 of its normalised key.
  std::string ArticleId(std::string_view clean_text) const;

  const text::Analyzer& analyzer() const { return analyzer_; }
  const ner::Recognizer& recognizer() const { return ner_; }
  const time::Tagger& tagger() const { return tagger_; }
  const events::Coder& coder() const { return coder_; }
  const clean::Cleaner& cleaner() const { return cleaner_; }

 private:
  Engine() = default;
  text::Analyzer analyzer_;
  ner::Recognizer ner_;
  time::Tagger tagger_;
  events::Coder coder_;
  dedup::PassageTerms passage_terms_;
  clean::Cleaner cleaner_;
};

struct Progress {
  uint64_t files = 0;        // input files opened
  uint64_t documents = 0;    // documents and rejections handled so far
  uint64_t bytes = 0;        // input bytes read
  uint64_t stored = 0;
  uint64_t copies = 0;       // of stored, near copies of earlier articles (not coded)
  uint64_t duplicates = 0;
  uint64_t rejected = 0;
  uint64_t skipped = 0;      // files of other formats met in a directory walk
  uint64_t events = 0;       // events coded in stored articles
  double seconds = 0;
};

struct Options {
  int threads = 0;                  // worker threads; 0 = one per core
  size_t batch_size = 256;          // articles per store transaction
  uint64_t max_document_bytes = 64ull << 20;
  std::istream* stdin_stream = nullptr;  // replaces std::cin for "-" (tests)
  std::function<void(const Progress&)> on_progress;  // called from the writer thread
};

struct Summary {
  Progress totals;
  std::map<std::string, uint64_t> rejected_by_reason;
  std::vector<store::RejectRecord> rejections;  // the first 1000, for printing
  std::vector<std::string> skipped_files;        // the first 1000
  std::vector<std::string> warnings;             // the first 1000, "source: message"
};

// Runs every stage over `paths` into `db`. Fails only on a store error (the database cannot
// be written); bad inputs never fail the run, they are counted and recorded as rejects.
Result<Summary> Ingest(const Engine& engine, store::Store& db, const std::vector<std::string>& paths,
                       const Options& options);

struct BenchResult {
  uint64_t articles = 0;   // documents processed through every stage (no store)
  uint64_t rejected = 0;
  uint64_t bytes = 0;      // input bytes
  uint64_t events = 0;
  uint64_t mentions = 0;
  int threads = 0;
  double seconds = 0;      // wall time of the processing run (loading excluded)
  double load_seconds = 0; // not filled by Bench: the caller times Engine::Load
  uint64_t peak_rss_bytes = 0;
  StageSeconds stages;  // summed over the workers
};

// Runs ingest, clean, text, ner, time and events over `paths` on `options.threads` workers
// without writing anything, and measures throughput and peak memory.
Result<BenchResult> Bench(const Engine& engine, const std::vector<std::string>& paths,
                          const Options& options);

}  // namespace rasd::pipeline

#endif  // RASD_PIPELINE_PIPELINE_H_
