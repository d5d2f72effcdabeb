// store: the embedded SQLite database: articles, entities, mentions, events, rejected inputs
// and a full-text index over normalised Arabic.
//
// In: processed articles and rejections, in batches; read queries as plain structs. Out:
// stored rows as core structs. Guaranteed: WAL mode; the schema is versioned (PRAGMA
// user_version) and migrated forward on Open; each WriteBatch is one transaction; an article
// whose id is already stored is skipped and counted as a duplicate (re-ingest adds nothing);
// a near copy (ProcessedArticle::duplicate_of, decided by the dedup stage) is stored with its
// text, the original's id and the similarity (the pipeline does not code it);
// the FTS5 index uses the "rasd" tokenizer built on text::Analyzer::SearchTerms, so a query
// for محمد finds مُحَمَّدٌ and أحمد finds احمد. All methods are safe to call from several threads
// (one connection, serialised). Not guaranteed: concurrent writers from several processes
// beyond SQLite's own locking.
//
//   ASSIGN_OR_RETURN(auto db, store::Store::Open("rasd.db", analyzer));
//   ASSIGN_OR_RETURN(store::WriteResult w, db->WriteBatch(batch, rejects));
//   ASSIGN_OR_RETURN(auto events, db->Events({.type = EventType::kConsult}));
#ifndef RASD_STORE_STORE_H_
#define RASD_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/core.h"
#include "text/text.h"

namespace rasd::store {

inline constexpr int kSchemaVersion = 4;

// One article after every stage, ready to store.
// The content terms of one sentence of an original article (dedup::Passage::Bytes), kept so
// that the next run's index of background passages knows the stored articles.
struct PassageRecord {
  uint32_t sentence = 0;
  std::string terms;
  bool background = false;  // found to retell older articles (dedup/passages.h)
};

// A sentence of a stored article.
struct SentenceRef {
  std::string article;
  uint32_t sentence = 0;
};

// A story whose first event left it: `new_story` (the id of its next event) heads it now, ""
// when no event is left.
struct StoryChange {
  std::string old_story;
  std::string new_story;
};

struct ProcessedArticle {
  Article article;
  std::vector<Mention> mentions;
  std::vector<Timex> timexes;
  std::vector<Event> events;
  std::vector<Entity> entities;  // every entity referenced by mentions and events (upserted)
  std::vector<std::string> warnings;
  // Set by the dedup stage for a near copy: the id of the first-seen article it copies and
  // their estimated Jaccard similarity (0..1). The pipeline leaves a copy's mentions, timexes
  // and events empty: it is not coded.
  std::string duplicate_of;
  double similarity = 0;
  // The dedup signature of an original (dedup::Signature::Bytes) and its scheme, kept for the
  // next run's index; "" for none.
  std::string signature;
  std::string signature_scheme;
  std::vector<PassageRecord> passages;  // of an original; none for a copy
};

struct RejectRecord {
  std::string source;   // file, "file:LINE" or "-:LINE"
  std::string reason;   // ingest::RejectReasonName or a stage's reason ("no-text")
  std::string message;
  std::string at;       // ISO 8601 UTC time it was recorded; filled by the store when empty
};

struct WriteResult {
  int64_t stored = 0;      // including near copies
  int64_t copies = 0;      // of them, stored as near copies (ProcessedArticle::duplicate_of)
  int64_t duplicates = 0;  // articles whose id was already stored (or twice in the batch)
  int64_t rejects = 0;
};

struct ArticleRow {
  Article article;                 // text filled only by GetArticle
  std::string duplicate_of;        // "" unless marked as a copy of another article
  double similarity = 0;           // estimated Jaccard with duplicate_of; 0 when not a copy
  std::string ingested_at;
  int64_t event_count = 0;
  int64_t mention_count = 0;
};

struct ArticleDetail {
  ArticleRow row;
  std::vector<Mention> mentions;
  std::vector<Timex> timexes;
  std::vector<Event> events;
};

struct ArticleQuery {
  std::string outlet;      // exact match, "" = any
  std::string from;        // published >= from (ISO date prefix), "" = any
  std::string to;          // published <= to (inclusive, by prefix)
  int64_t limit = 100;
  int64_t offset = 0;
};

struct EventQuery {
  // An entity id ("RUS", "person:sergei-lavrov"), an actor code ("RUSGOV", or a country code
  // "RUS" matching every sector), or a name (English or Arabic, normalised) matching either side.
  std::string actor;
  EventType type = EventType::kUnknown;  // kUnknown = any
  std::string from;        // when.value >= from (ISO prefix compare), "" = any
  std::string to;          // when.value <= to, inclusive by prefix
  std::string place;       // location entity id or name
  std::string article;     // article id
  bool include_historical = true;
  bool include_referenced = true;  // false: only the events their sentences report
  double min_confidence = 0;       // events of at least this confidence (0 = all)
  // One event per story: the story's first event (Event::story == id), and events with no
  // story (undated or historical ones, which are never grouped).
  bool unique = false;
  int64_t limit = 100;
  int64_t offset = 0;
};

// Stories (dedup/stories.h): the filters apply to a story's first event.
struct StoryQuery {
  std::string actor;                     // as EventQuery::actor
  EventType type = EventType::kUnknown;  // kUnknown = any
  std::string from;                      // first event's when.value >= from, "" = any
  std::string to;                        // first event's when.value <= to, by prefix
  int64_t limit = 100;
  int64_t offset = 0;
};

// One status and claimant among a story's events: "claimed by Azerbaijan (2 events)" beside
// "denied by Armenia (1 event)".
struct StoryClaim {
  EventStatus status = EventStatus::kOccurred;
  Actor claimant;  // unknown when the text attributes the report to no one
  bool negated = false;
  int64_t events = 0;
};

struct StoryRow {
  Event first;             // the story's first event; first.id is the story id
  std::string first_seen;  // min and max when.value of its events
  std::string last_seen;
  std::string first_published;  // min and max publication time of its articles, "" unknown
  std::string last_published;
  int64_t events = 0;
  int64_t articles = 0;            // distinct articles
  int64_t outlets = 0;             // distinct known outlets (a text file has none)
  std::vector<StoryClaim> claims;  // in the order their first event was stored
};

// One report of a story: an event and the article that carries it.
struct StoryReport {
  Event event;
  std::string title;      // of its article, "" when unknown
  std::string outlet;
  std::string published;
  std::string source;     // file or URL the article was read from
};

struct StoryDetail {
  StoryRow row;
  std::vector<StoryReport> reports;  // every event of the story, in ingestion order
};

struct EntityRow {
  Entity entity;
  int64_t mentions = 0;    // mentions stored
  int64_t articles = 0;    // distinct articles mentioning it
  int64_t events = 0;      // events with it as source or target
};

struct EntityQuery {
  std::string name;        // substring of English name or normalised Arabic name, "" = any
  EntityType type = EntityType::kUnknown;
  std::string country;
  int64_t limit = 100;
  int64_t offset = 0;
};

struct SearchHit {
  ArticleRow row;
  std::string snippet;     // the matching passage with the match in [brackets]
  double rank = 0;         // bm25, lower is better
};

struct SearchQuery {
  std::string text;        // words; all must occur (AND); "quoted phrase" for a phrase
  int64_t limit = 20;
  int64_t offset = 0;
};

struct Stats {
  int64_t articles = 0;
  int64_t duplicates = 0;  // articles marked duplicate_of
  int64_t events = 0;
  int64_t entities = 0;
  int64_t mentions = 0;
  int64_t rejects = 0;
  std::map<std::string, int64_t> events_by_type;
  std::map<std::string, int64_t> rejects_by_reason;
  std::map<std::string, int64_t> articles_by_format;
  int schema_version = 0;
  int64_t db_bytes = 0;
};

class Store {
 public:
  // Creates the file if needed, applies migrations, enables WAL, registers the "rasd" FTS5
  // tokenizer. `analyzer` must outlive the Store. Fails with the path in the message.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const text::Analyzer& analyzer);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // One transaction: articles (skipping stored ids), their mentions, timexes, events and
  // entities, and the rejects.
  Result<WriteResult> WriteBatch(std::span<const ProcessedArticle> articles,
                                 std::span<const RejectRecord> rejects);
  Result<bool> HasArticle(const std::string& id);

  // Lists: a limit <= 0 means no limit. Articles: newest published first, unknown dates
  // last, ties in ingestion order; counts of events and mentions filled, text left out.
  Result<std::vector<ArticleRow>> Articles(const ArticleQuery& query);
  Result<int64_t> CountArticles(const ArticleQuery& query);
  // nullopt when the id is unknown. Accepts a unique id prefix of at least 6 characters.
  // A prefix shared by several articles gives kInvalidArgument ("ambiguous").
  Result<std::optional<ArticleDetail>> GetArticle(const std::string& id);
  // Newest when.value first, undated last, then by article and evidence position: a total
  // order, so paging with limit/offset is stable.
  Result<std::vector<Event>> Events(const EventQuery& query);
  Result<int64_t> CountEvents(const EventQuery& query);
  // Newest first event first (then as Events orders them), each with its counts and claims.
  Result<std::vector<StoryRow>> Stories(const StoryQuery& query);
  Result<int64_t> CountStories(const StoryQuery& query);
  // One story with every report: its id (the id of its first event) or a unique prefix of at
  // least 6 characters; nullopt when no story matches, kInvalidArgument naming two when the
  // prefix is ambiguous (as GetArticle).
  Result<std::optional<StoryDetail>> GetStory(const std::string& id);
  // The events of the stories whose first event is dated `date` (YYYY-MM-DD; a value with a
  // time of that day counts), in ingestion order, a story's first event before its others:
  // what dedup::Stories needs of an earlier run's stories. Uses the when_value and story
  // indexes: the cost is that of the rows returned.
  Result<std::vector<Event>> StoryEventsOfDay(const std::string& date);
  // Most mentioned first.
  Result<std::vector<EntityRow>> Entities(const EntityQuery& query);
  Result<std::optional<EntityRow>> GetEntity(const std::string& id);
  // Best bm25 first (title matches weigh double). Query words are analysed like the text, and
  // never read as FTS5 syntax. Text with no searchable word gives no hits.
  Result<std::vector<SearchHit>> Search(const SearchQuery& query);
  // Newest first.
  Result<std::vector<RejectRecord>> Rejects(int64_t limit, int64_t offset);
  Result<Stats> GetStats();

  // Totals for paging (limit and offset of the query are ignored).
  Result<int64_t> CountEntities(const EntityQuery& query);
  Result<int64_t> CountSearch(const SearchQuery& query);
  // Marks article `id` as a copy of `original` with `similarity` (for the dedup stage);
  // kNotFound when `id` is not stored. An empty `original` clears the mark.
  Status SetDuplicateOf(const std::string& id, const std::string& original,
                        double similarity = 1.0);

  // The stored passages of background detection, in ingestion order of their articles and
  // sentence order: `fn(id, published, sentence, terms, background)` for each; `published` is
  // "" when unknown. `fn` must not call the Store. Memory: one row at a time.
  Status ForEachPassage(
      const std::function<void(std::string_view id, std::string_view published,
                               uint32_t sentence, std::string_view terms, bool background)>& fn);
  // Marks the sentences background, found so after they were stored: their passages, and
  // their events (background, historical, in no story, one source). A story that loses its
  // first event is headed by its next one in ingestion order; the changes are returned for
  // dedup::Stories::Replace. One transaction.
  Result<std::vector<StoryChange>> MarkBackground(std::span<const SentenceRef> sentences);

  // The dedup signatures of `scheme` of the stored originals (articles not marked as copies),
  // in ingestion order: `fn(id, bytes)` for each. `fn` must not call the Store (it runs under
  // its lock). Memory: one row at a time.
  Status ForEachSignature(
      std::string_view scheme,
      const std::function<void(std::string_view id, std::string_view bytes)>& fn);
  // The stored originals with no signature of `scheme` (stored by a rasd without dedup, or
  // with another scheme), in ingestion order: `fn(id, text)` for each, under the same rule.
  Status ForEachUnsigned(std::string_view scheme,
                         const std::function<void(std::string_view id, std::string_view text)>& fn);
  // Stores signatures (id, bytes) of `scheme` in one transaction, replacing older ones.
  Status SaveSignatures(std::string_view scheme,
                        std::span<const std::pair<std::string, std::string>> signatures);

  const std::string& path() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::store

#endif  // RASD_STORE_STORE_H_
