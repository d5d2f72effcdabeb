#include "pipeline/pipeline.h"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>
#include <variant>

#include "dedup/dedup.h"
#include "pipeline/bounded_queue.h"

namespace rasd::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kKeepFirst = 1000;  // rejections, skips and warnings kept for printing

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int WorkerCount(int requested) {
  if (requested > 0) return requested;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

uint64_t PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // ru_maxrss is in KiB on Linux
}

// What travels from the reader to the workers: a document or an item that needs no work.
struct Job {
  uint64_t seq = 0;
  ingest::Item item;
  std::vector<uint64_t> recurring;  // lines of the document's site to drop (RecurringLines)
};

// What travels from the workers to the writer.
struct Done {
  uint64_t seq = 0;
  enum class Kind { kArticle, kDuplicate, kReject, kSkip } kind = Kind::kArticle;
  store::ProcessedArticle article;
  store::RejectRecord reject;
  std::string skipped;
  uint64_t input_bytes = 0;
};

// Decides, in input order, which article is an original and which a copy of an earlier one:
// a worker calls Decide for its document once it is cleaned and signed, and the call waits
// until every earlier document has been decided, so the first copy in the input is the one
// kept whatever the worker that got there first. Every sequence number must go through Decide
// or Pass exactly once, or the later ones wait forever; a worker never waits for a later
// number than its own, and jobs leave the queue in order, so the earliest undecided document
// is always being worked on and the wait ends.
class OrderedDedup {
 public:
  enum class Verdict { kOriginal, kSameId, kNearCopy };

  explicit OrderedDedup(dedup::Index index) : index_(std::move(index)) {}

  // `match` is filled for kNearCopy.
  Verdict Decide(uint64_t seq, const std::string& id, const dedup::Signature& signature,
                 dedup::Match& match) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return next_ == seq; });
    Verdict verdict = Verdict::kOriginal;
    // Ids of this run (64-bit hashes, about 40 bytes an article with the set's overhead): the
    // same text twice is one article, not a copy of itself.
    if (!ids_.insert(Hash64(id)).second) {
      verdict = Verdict::kSameId;
    } else if (std::optional<dedup::Match> m = index_.Check(id, signature)) {
      verdict = Verdict::kNearCopy;
      match = std::move(*m);
    }
    ++next_;
    cv_.notify_all();
    return verdict;
  }

  // For a document with nothing to decide (rejected, skipped, stored before).
  void Pass(uint64_t seq) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return next_ == seq; });
    ++next_;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 0;
  dedup::Index index_;
  std::unordered_set<uint64_t> ids_;
};

// The dedup index of the articles already stored: their stored signatures, in ingestion order.
// Originals stored without a signature of this scheme (by an older rasd) are signed from their
// text first, and their signatures kept.
Result<dedup::Index> LoadDedupIndex(const Engine& engine, store::Store& db) {
  std::vector<std::pair<std::string, std::string>> fresh;
  RETURN_IF_ERROR(
      db.ForEachUnsigned(dedup::kScheme, [&](std::string_view id, std::string_view text) {
        dedup::Signature s = dedup::Sign(engine.analyzer(), text);
        if (!s.empty()) fresh.emplace_back(std::string(id), s.Bytes());
      }));
  RETURN_IF_ERROR(db.SaveSignatures(dedup::kScheme, fresh));
  dedup::Index index;
  RETURN_IF_ERROR(
      db.ForEachSignature(dedup::kScheme, [&](std::string_view id, std::string_view bytes) {
        // A signature of the wrong size is dropped: its article is then no original to match.
        if (Result<dedup::Signature> s = dedup::Signature::FromBytes(bytes); s.ok()) {
          index.Add(id, *s);
        }
      }));
  return index;
}

// The passages of the articles already stored, in ingestion order. A stored passage that does
// not parse is left out: its sentence then takes no part in background detection.
Result<dedup::Passages> LoadPassages(store::Store& db) {
  dedup::Passages passages;
  std::string article;
  std::optional<int64_t> day;
  std::vector<dedup::Passage> list;
  std::vector<uint32_t> background;
  auto add = [&] {
    if (!article.empty()) passages.Restore(article, day, list, background);
    list.clear();
    background.clear();
  };
  RETURN_IF_ERROR(db.ForEachPassage([&](std::string_view id, std::string_view published,
                                        uint32_t sentence, std::string_view terms, bool bg) {
    if (id != article) {
      add();
      article = id;
      day = dedup::PublishedDay(published);
    }
    if (Result<dedup::Passage> p = dedup::Passage::FromBytes(sentence, terms); p.ok()) {
      list.push_back(std::move(p).value());
      if (bg) background.push_back(sentence);
    }
  }));
  add();
  return passages;
}

// Marks the sentences of `found` that belong to `article` (being written) background: their
// events and passages. Returns the others, sentences of articles written before.
std::vector<store::SentenceRef> MarkOwnBackground(store::ProcessedArticle& article,
                                                  const std::vector<dedup::Recurrence>& found) {
  std::vector<store::SentenceRef> earlier;
  for (const dedup::Recurrence& r : found) {
    if (r.article != article.article.id) {
      earlier.push_back({.article = r.article, .sentence = r.sentence});
      continue;
    }
    for (Event& e : article.events) {
      if (e.evidence.sentence != r.sentence) continue;
      e.background = true;
      e.when.historical = true;
    }
    for (store::PassageRecord& p : article.passages) {
      if (p.sentence == r.sentence) p.background = true;
    }
  }
  return earlier;
}

store::RejectRecord RejectFrom(const ingest::Rejection& r) {
  return {.source = r.source,
          .reason = ingest::RejectReasonName(r.reason),
          .message = r.message,
          .at = ""};
}

// Turns a job into a result on a worker thread.
Done Work(const Engine& engine, store::Store& db, OrderedDedup& dedup, Job job) {
  Done done;
  done.seq = job.seq;
  switch (job.item.kind) {
    case ingest::ItemKind::kSkip:
      dedup.Pass(job.seq);
      done.kind = Done::Kind::kSkip;
      done.skipped = std::move(job.item.skipped);
      return done;
    case ingest::ItemKind::kRejection:
      dedup.Pass(job.seq);
      done.kind = Done::Kind::kReject;
      done.input_bytes = job.item.rejection.input_bytes;
      done.reject = RejectFrom(job.item.rejection);
      return done;
    case ingest::ItemKind::kDocument:
      break;
  }
  const ingest::RawDocument& raw = job.item.document;
  done.input_bytes = raw.input_bytes;
  Result<store::ProcessedArticle> cleaned = engine.Clean(raw, job.recurring);
  if (!cleaned.ok()) {
    dedup.Pass(job.seq);
    done.kind = Done::Kind::kReject;
    done.reject = {
        .source = raw.source, .reason = "no-text", .message = cleaned.status().message(), .at = ""};
    return done;
  }
  done.article = std::move(cleaned).value();
  store::ProcessedArticle& article = done.article;
  // An article stored by an earlier run is not analysed or coded again.
  bool stored_before = false;
  const text::Analysis analysis = engine.Analyze(article, [&](const std::string& id) {
    Result<bool> stored = db.HasArticle(id);
    stored_before = stored.ok() && *stored;
    return !stored_before;
  });
  if (stored_before) {
    dedup.Pass(job.seq);
    done.kind = Done::Kind::kDuplicate;
    return done;
  }
  // Copies are decided in input order, so the first copy is the one coded and stored.
  const dedup::Signature signature = dedup::Sign(analysis);
  dedup::Match match;
  switch (dedup.Decide(job.seq, article.article.id, signature, match)) {
    case OrderedDedup::Verdict::kSameId:
      done.kind = Done::Kind::kDuplicate;
      return done;
    case OrderedDedup::Verdict::kNearCopy:
      article.duplicate_of = std::move(match.original);
      article.similarity = match.similarity;
      return done;
    case OrderedDedup::Verdict::kOriginal:
      break;
  }
  if (!signature.empty()) {
    article.signature = signature.Bytes();
    article.signature_scheme = dedup::kScheme;
  }
  engine.Code(article, analysis);
  return done;
}

}  // namespace

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Load() {
  std::unique_ptr<Engine> engine(new Engine());
  ASSIGN_OR_RETURN(engine->analyzer_, text::Analyzer::Load());
  // The later stages keep a reference to the analyzer: it lives in the same Engine.
  ASSIGN_OR_RETURN(engine->ner_, ner::Recognizer::Load(engine->analyzer_));
  ASSIGN_OR_RETURN(engine->tagger_, time::Tagger::Load(engine->analyzer_));
  ASSIGN_OR_RETURN(engine->coder_, events::Coder::Load(engine->analyzer_));
  ASSIGN_OR_RETURN(engine->passage_terms_, dedup::PassageTerms::Load(engine->analyzer_));
  return engine;
}

std::string Engine::ArticleId(std::string_view clean_text) const {
  return Hash128Hex(analyzer_.normalizer().Key(clean_text));
}

StageSeconds& StageSeconds::operator+=(const StageSeconds& o) {
  clean += o.clean;
  text += o.text;
  ner += o.ner;
  time += o.time;
  events += o.events;
  rest += o.rest;
  return *this;
}

namespace {

// Adds the seconds since the last lap to a stage's count, when stages are counted.
class Laps {
 public:
  explicit Laps(StageSeconds* stages) : stages_(stages) {
    if (stages_ != nullptr) last_ = Clock::now();
  }
  void Lap(double StageSeconds::*stage) {
    if (stages_ == nullptr) return;
    const Clock::time_point now = Clock::now();
    stages_->*stage += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  StageSeconds* stages_;
  Clock::time_point last_;
};

}  // namespace

Result<store::ProcessedArticle> Engine::Process(const ingest::RawDocument& raw,
                                                std::span<const uint64_t> recurring,
                                                StageSeconds* stages) const {
  Laps laps(stages);
  ASSIGN_OR_RETURN(store::ProcessedArticle out, Clean(raw, recurring));
  laps.Lap(&StageSeconds::clean);
  const text::Analysis analysis = Analyze(out, [](const std::string&) { return true; });
  laps.Lap(&StageSeconds::text);
  Code(out, analysis, stages);
  return out;
}

Result<store::ProcessedArticle> Engine::Clean(const ingest::RawDocument& raw,
                                              std::span<const uint64_t> recurring) const {
  ASSIGN_OR_RETURN(clean::Cleaned cleaned, cleaner_.Clean(raw, recurring));
  store::ProcessedArticle out;
  out.article = std::move(cleaned.article);
  out.warnings = std::move(cleaned.warnings);
  return out;
}

text::Analysis Engine::Analyze(store::ProcessedArticle& processed,
                               const std::function<bool(const std::string& id)>& proceed) const {
  return analyzer_.Analyze(processed.article.text, [&](std::string_view key) {
    processed.article.id = Hash128Hex(key);  // as ArticleId, from the key Analyze folded
    return proceed(processed.article.id);
  });
}

void Engine::Code(store::ProcessedArticle& out, const text::Analysis& analysis,
                  StageSeconds* stages) const {
  Laps laps(stages);
  const Article& article = out.article;
  out.mentions = ner_.Recognize(article.text, analysis);
  laps.Lap(&StageSeconds::ner);
  out.timexes = tagger_.Tag(article.text, analysis, article.published);
  laps.Lap(&StageSeconds::time);
  out.events = coder_.Code(article, analysis, out.mentions, out.timexes, ner_);
  laps.Lap(&StageSeconds::events);
  // A sentence that dates itself on the publication ("today", "on Tuesday") is news, whatever
  // older articles said in the same words.
  // One that narrates the past is what background retells.
  std::vector<uint32_t> recent, past, coded;
  for (const Timex& t : out.timexes) {
    if (t.anchor == "published" && !t.historical) recent.push_back(t.sentence);
    if (t.historical) past.push_back(t.sentence);
  }
  for (const Event& e : out.events) {
    if (e.when.historical) past.push_back(e.evidence.sentence);
    coded.push_back(e.evidence.sentence);
  }
  out.passages.clear();
  for (const dedup::Passage& p : passage_terms_.Of(analysis, recent, past, coded)) {
    out.passages.push_back({.sentence = p.sentence, .terms = p.Bytes(), .background = false});
  }

  // Every entity a mention or an event refers to, once, so the store can upsert it.
  std::set<std::string> ids;
  for (const Mention& m : out.mentions) {
    if (!m.entity.empty()) ids.insert(m.entity);
  }
  for (const Event& e : out.events) {
    for (const std::string* id :
         {&e.source.entity, &e.target.entity, &e.claimant.entity, &e.location.entity}) {
      if (!id->empty()) ids.insert(*id);
    }
  }
  for (const std::string& id : ids) {
    if (const Entity* entity = ner_.FindEntity(id); entity != nullptr) {
      out.entities.push_back(*entity);
    }
  }
  laps.Lap(&StageSeconds::rest);
}

Result<Summary> Ingest(const Engine& engine, store::Store& db,
                       const std::vector<std::string>& paths, const Options& options) {
  const Clock::time_point start = Clock::now();
  const int workers = WorkerCount(options.threads);
  ingest::Reader reader(paths, {.max_document_bytes = options.max_document_bytes},
                        options.stdin_stream);
  BoundedQueue<Job> jobs(static_cast<size_t>(workers) * 4);
  BoundedQueue<Done> results(static_cast<size_t>(workers) * 4 + options.batch_size);
  ASSIGN_OR_RETURN(dedup::Index index, LoadDedupIndex(engine, db));
  OrderedDedup dedup(std::move(index));
  ASSIGN_OR_RETURN(dedup::Passages passages, LoadPassages(db));

  std::vector<std::thread> pool;
  std::atomic<int> running = workers;
  for (int i = 0; i < workers; ++i) {
    pool.emplace_back([&] {
      while (std::optional<Job> job = jobs.Pop()) {
        results.Push(Work(engine, db, dedup, std::move(*job)));
      }
      if (--running == 0) results.Close();
    });
  }

  // The writer restores input order (results come back in any order from the workers), groups
  // events into stories and writes in batches. Stories are decided here rather than in
  // OrderedDedup, which runs before coding: the writer is the one thread that sees coded
  // articles in input order, so the first report of an event heads its story whatever the
  // number of workers, and no worker waits for another's coding. The reorder buffer is
  // bounded: at most queue capacity + workers items are in flight.
  Summary summary;
  Status write_status;
  // Called from the writer thread only, like every use of `stories`.
  dedup::Stories stories([&](int64_t day) {
    Result<std::vector<Event>> stored = db.StoryEventsOfDay(dedup::StoryDate(day));
    if (!stored.ok()) {
      if (write_status.ok()) write_status = stored.status();
      return std::vector<Event>();
    }
    return std::move(stored).value();
  });
  std::atomic<uint64_t> bytes_read = 0;
  std::atomic<uint64_t> files_read = 0;
  std::thread writer([&] {
    std::map<uint64_t, Done> pending;
    uint64_t next = 0;
    std::vector<store::ProcessedArticle> batch;
    std::vector<store::RejectRecord> rejects;
    Progress& p = summary.totals;
    Clock::time_point last_progress = Clock::now();

    auto flush = [&] {
      if (batch.empty() && rejects.empty()) return;
      if (write_status.ok()) {
        Result<store::WriteResult> w = db.WriteBatch(batch, rejects);
        if (!w.ok()) {
          write_status = w.status();
        } else {
          p.stored += static_cast<uint64_t>(w->stored);
          p.duplicates += static_cast<uint64_t>(w->duplicates);
        }
      }
      batch.clear();
      rejects.clear();
    };

    while (std::optional<Done> done = results.Pop()) {
      pending.emplace(done->seq, std::move(*done));
      for (auto it = pending.find(next); it != pending.end(); it = pending.find(next)) {
        Done& d = it->second;
        ++p.documents;
        switch (d.kind) {
          case Done::Kind::kArticle:
            if (!d.article.duplicate_of.empty()) ++p.copies;
            p.events += d.article.events.size();
            if (d.article.duplicate_of.empty()) {
              std::vector<dedup::Passage> list;
              for (const store::PassageRecord& r : d.article.passages) {
                if (Result<dedup::Passage> x = dedup::Passage::FromBytes(r.sentence, r.terms);
                    x.ok()) {
                  list.push_back(std::move(x).value());
                }
              }
              const std::vector<store::SentenceRef> earlier = MarkOwnBackground(
                  d.article, passages.Add(d.article.article.id,
                                          dedup::PublishedDay(d.article.article.published), list));
              if (!earlier.empty()) {
                // Sentences of articles stored before (or waiting in the batch): written
                // first, then marked, before this article's events meet their stories.
                flush();
                if (write_status.ok()) {
                  Result<std::vector<store::StoryChange>> changes = db.MarkBackground(earlier);
                  if (!changes.ok()) {
                    write_status = changes.status();
                  } else {
                    for (const store::StoryChange& c : *changes) {
                      stories.Replace(c.old_story, c.new_story);
                    }
                  }
                }
              }
            }
            stories.Assign(d.article.events);
            for (const std::string& w : d.article.warnings) {
              if (summary.warnings.size() < kKeepFirst) {
                summary.warnings.push_back(d.article.article.source + ": " + w);
              }
            }
            batch.push_back(std::move(d.article));
            break;
          case Done::Kind::kDuplicate:
            ++p.duplicates;
            break;
          case Done::Kind::kReject:
            ++p.rejected;
            ++summary.rejected_by_reason[d.reject.reason];
            if (summary.rejections.size() < kKeepFirst) summary.rejections.push_back(d.reject);
            rejects.push_back(std::move(d.reject));
            break;
          case Done::Kind::kSkip:
            --p.documents;
            ++p.skipped;
            if (summary.skipped_files.size() < kKeepFirst) {
              summary.skipped_files.push_back(d.skipped);
            }
            break;
        }
        pending.erase(it);
        ++next;
        if (batch.size() + rejects.size() >= options.batch_size) flush();
      }
      if (options.on_progress &&
          std::chrono::duration<double>(Clock::now() - last_progress).count() >= 0.1) {
        last_progress = Clock::now();
        p.bytes = bytes_read.load();
        p.files = files_read.load();
        p.seconds = SecondsSince(start);
        options.on_progress(p);
      }
    }
    flush();
  });

  uint64_t seq = 0;
  // Learned here, in input order, so that what a document loses does not depend on which
  // worker cleans it first.
  clean::RecurringLines learned;
  while (std::optional<ingest::Item> item = reader.Next()) {
    bytes_read = reader.bytes_read();
    files_read = reader.files_read();
    std::vector<uint64_t> recurring;
    if (item->kind == ingest::ItemKind::kDocument) recurring = learned.Learn(item->document);
    if (!jobs.Push({.seq = seq++, .item = std::move(*item), .recurring = std::move(recurring)})) {
      break;
    }
  }
  bytes_read = reader.bytes_read();
  files_read = reader.files_read();
  jobs.Close();
  for (std::thread& t : pool) t.join();
  writer.join();

  summary.totals.bytes = reader.bytes_read();
  summary.totals.files = reader.files_read();
  summary.totals.seconds = SecondsSince(start);
  if (!write_status.ok()) return write_status;
  if (options.on_progress) options.on_progress(summary.totals);
  return summary;
}

Result<BenchResult> Bench(const Engine& engine, const std::vector<std::string>& paths,
                          const Options& options) {
  const int workers = WorkerCount(options.threads);
  BenchResult result;
  result.threads = workers;
  ingest::Reader reader(paths, {.max_document_bytes = options.max_document_bytes},
                        options.stdin_stream);
  BoundedQueue<Job> jobs(static_cast<size_t>(workers) * 4);
  std::atomic<uint64_t> articles = 0, rejected = 0, events = 0, mentions = 0;
  const Clock::time_point start = Clock::now();
  std::vector<std::thread> pool;
  std::vector<StageSeconds> stages(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) {
    pool.emplace_back([&, i] {
      StageSeconds own;  // the thread's own, added to `stages` at its end (no shared lines)
      while (std::optional<Job> job = jobs.Pop()) {
        if (job->item.kind != ingest::ItemKind::kDocument) {
          if (job->item.kind == ingest::ItemKind::kRejection) ++rejected;
          continue;
        }
        Result<store::ProcessedArticle> p =
            engine.Process(job->item.document, job->recurring, &own);
        if (!p.ok()) {
          ++rejected;
          continue;
        }
        ++articles;
        events += p->events.size();
        mentions += p->mentions.size();
      }
      stages[static_cast<size_t>(i)] = own;
    });
  }
  uint64_t seq = 0;
  clean::RecurringLines learned;
  while (std::optional<ingest::Item> item = reader.Next()) {
    std::vector<uint64_t> recurring;
    if (item->kind == ingest::ItemKind::kDocument) recurring = learned.Learn(item->document);
    jobs.Push({.seq = seq++, .item = std::move(*item), .recurring = std::move(recurring)});
  }
  jobs.Close();
  for (std::thread& t : pool) t.join();
  result.seconds = SecondsSince(start);
  for (const StageSeconds& s : stages) result.stages += s;
  result.articles = articles;
  result.rejected = rejected;
  result.events = events;
  result.mentions = mentions;
  result.bytes = reader.bytes_read();
  result.peak_rss_bytes = PeakRssBytes();
  return result;
}

}  // namespace rasd::pipeline
