#include "store/schema.h"

#include <string>

#include "store/store.h"

namespace rasd::store::internal {
namespace {

// Version 1. Conventions:
// - Enums other than the event type are stored as their integer values (core/types.h keeps
//   those values stable); the event type is stored by PLOVER name because analysts filter on
//   it in SQL.
// - Optional strings are NULL when unknown, so "IS NULL" and ORDER BY treat them alike.
// - *_name_key columns hold text::Normalizer::Key of the Arabic name beside it: Arabic name
//   filters compare keys, so لافروف finds لاڤروف and أرمينيا finds ارمينيا.
// - articles.seq is an explicit INTEGER PRIMARY KEY (the rowid) rather than making the text
//   id the primary key: the FTS index is keyed by the content table's rowid, and VACUUM may
//   renumber implicit rowids, which would silently detach the index. The text id is UNIQUE
//   and is what every other table refers to. seq is also the ingestion order.
// - "end" is a keyword in SQL and is always quoted.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE articles (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  source       TEXT NOT NULL DEFAULT '',
  format       TEXT NOT NULL DEFAULT '',
  url          TEXT,
  title        TEXT,
  outlet       TEXT,
  published    TEXT,
  language     TEXT NOT NULL DEFAULT 'ar',
  text         TEXT NOT NULL,
  metadata     TEXT NOT NULL DEFAULT '{}',
  duplicate_of TEXT,
  ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet, published);

CREATE TABLE entities (
  id         TEXT PRIMARY KEY,
  name_en    TEXT NOT NULL DEFAULT '',
  name_ar    TEXT NOT NULL DEFAULT '',
  name_key   TEXT NOT NULL DEFAULT '',
  type       INTEGER NOT NULL DEFAULT 0,
  country    TEXT NOT NULL DEFAULT '',
  actor_code TEXT NOT NULL DEFAULT '',
  role       TEXT NOT NULL DEFAULT '',
  lat        REAL,
  lon        REAL
) WITHOUT ROWID;

CREATE TABLE mentions (
  article     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  sentence    INTEGER NOT NULL,
  first_token INTEGER NOT NULL DEFAULT 0,
  end_token   INTEGER NOT NULL DEFAULT 0,
  text        TEXT NOT NULL,
  entity      TEXT,
  type        INTEGER NOT NULL DEFAULT 0,
  kind        INTEGER NOT NULL DEFAULT 0,
  country     TEXT,
  actor_code  TEXT
);
CREATE INDEX mentions_article ON mentions(article, start);
CREATE INDEX mentions_entity ON mentions(entity, article);

CREATE TABLE timexes (
  article     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  sentence    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  value       TEXT,
  granularity INTEGER NOT NULL DEFAULT 0,
  anchor      TEXT,
  historical  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX timexes_article ON timexes(article, start);

CREATE TABLE events (
  id                  TEXT PRIMARY KEY,
  article             TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  type                TEXT NOT NULL,
  mode                TEXT,
  cameo               TEXT,
  source_entity       TEXT,
  source_name_en      TEXT,
  source_name_ar      TEXT,
  source_name_key     TEXT,
  source_country      TEXT,
  source_actor_code   TEXT,
  source_start        INTEGER NOT NULL DEFAULT 0,
  source_end          INTEGER NOT NULL DEFAULT 0,
  target_entity       TEXT,
  target_name_en      TEXT,
  target_name_ar      TEXT,
  target_name_key     TEXT,
  target_country      TEXT,
  target_actor_code   TEXT,
  target_start        INTEGER NOT NULL DEFAULT 0,
  target_end          INTEGER NOT NULL DEFAULT 0,
  claimant_entity     TEXT,
  claimant_name_en    TEXT,
  claimant_name_ar    TEXT,
  claimant_name_key   TEXT,
  claimant_country    TEXT,
  claimant_actor_code TEXT,
  claimant_start      INTEGER NOT NULL DEFAULT 0,
  claimant_end        INTEGER NOT NULL DEFAULT 0,
  location_entity     TEXT,
  location_name_en    TEXT,
  location_name_ar    TEXT,
  location_name_key   TEXT,
  location_country    TEXT,
  location_lat        REAL,
  location_lon        REAL,
  when_value          TEXT,
  when_granularity    INTEGER NOT NULL DEFAULT 0,
  when_historical     INTEGER NOT NULL DEFAULT 0,
  status              INTEGER NOT NULL DEFAULT 0,
  negated             INTEGER NOT NULL DEFAULT 0,
  casualties          TEXT NOT NULL DEFAULT '[]',
  evidence_sentence   INTEGER NOT NULL DEFAULT 0,
  evidence_start      INTEGER NOT NULL DEFAULT 0,
  evidence_end        INTEGER NOT NULL DEFAULT 0,
  evidence_text       TEXT NOT NULL DEFAULT '',
  trigger_start       INTEGER NOT NULL DEFAULT 0,
  trigger_end         INTEGER NOT NULL DEFAULT 0,
  trigger_text        TEXT NOT NULL DEFAULT '',
  confidence          REAL NOT NULL DEFAULT 0,
  story               TEXT,
  sources             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_article ON events(article, evidence_start);
CREATE INDEX events_type ON events(type, when_value);
CREATE INDEX events_order ON events(when_value DESC, article, evidence_start, trigger_start, id);
CREATE INDEX events_source_entity ON events(source_entity);
CREATE INDEX events_target_entity ON events(target_entity);
CREATE INDEX events_source_actor ON events(source_actor_code);
CREATE INDEX events_target_actor ON events(target_actor_code);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_location ON events(location_entity);
CREATE INDEX events_story ON events(story);

CREATE TABLE rejects (
  id      INTEGER PRIMARY KEY,
  source  TEXT NOT NULL,
  reason  TEXT NOT NULL,
  message TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX rejects_reason ON rejects(reason);

-- External-content FTS5 index over articles(title, text), kept in step by triggers. The
-- delete triggers pass the old values, which the tokenizer turns into the same terms again.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='seq', tokenize='rasd');
-- Titles weigh twice the body in the ranking (bm25 column weights: title, text).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
)sql";

// Version 2: near-duplicate articles (src/dedup/). articles.similarity is the estimated Jaccard
// similarity to the article named by duplicate_of (NULL for an original). signatures keeps the
// dedup signature of every original, so the next run finds copies of articles stored before
// without analysing their text again; scheme names the signature's parameters (a signature of
// another scheme is computed again from the text).
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE articles ADD COLUMN similarity REAL;
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE TABLE signatures (
  article   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  scheme    TEXT NOT NULL,
  signature BLOB NOT NULL
) WITHOUT ROWID;
)sql";

// Version 3: background passages (src/dedup/passages.h). passages keeps the content terms of
// each sentence of an original article (dedup::Passage::Bytes) so that the next run compares
// new articles with the stored ones; background marks the sentences found to retell older
// articles. events.background marks the events of such sentences (also historical, and in no
// story).
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
CREATE TABLE passages (
  article    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence   INTEGER NOT NULL,
  terms      BLOB NOT NULL,
  background INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article, sentence)
) WITHOUT ROWID;
)sql";

// Version 4: events.referenced (Event::referenced): the event is the matter of another event its
// sentence reports, or told in a relative clause, rather than reported.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE events ADD COLUMN referenced INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr Migration kMigrations[] = {
    {1, "articles, entities, mentions, timexes, events, rejects and the FTS5 index", kSchemaV1},
    {2, "articles.similarity and the signatures of near-duplicate detection", kSchemaV2},
    {3, "events.background and the passages of background detection", kSchemaV3},
    {4, "events.referenced", kSchemaV4},
};
static_assert(std::size(kMigrations) == kSchemaVersion,
              "every schema version needs its migration step");

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

Status Migrate(Connection& db) {
  ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version"));
  if (version > kSchemaVersion) {
    return Status::InvalidInput(db.path() + ": database schema version " + std::to_string(version) +
                                " is newer than this build of rasd (" +
                                std::to_string(kSchemaVersion) + "); use a newer rasd to open it");
  }
  ASSIGN_OR_RETURN(int64_t app_id, db.QueryInt("PRAGMA application_id"));
  if (app_id != 0 && app_id != kApplicationId) {
    return Status::InvalidInput(db.path() +
                                ": a SQLite database of another program "
                                "(application_id " +
                                std::to_string(app_id) + "), not rasd's");
  }
  if (version == 0) {
    ASSIGN_OR_RETURN(int64_t objects, db.QueryInt("SELECT count(*) FROM sqlite_schema"));
    if (objects > 0) {
      return Status::InvalidInput(db.path() + ": a SQLite database with " +
                                  std::to_string(objects) +
                                  " tables and indexes but no rasd schema; refusing to add ours");
    }
  }
  for (const Migration& step : kMigrations) {
    if (step.version <= version) continue;
    RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    // Another process may have migrated between our read and our write lock: read again.
    Result<int64_t> now = db.QueryInt("PRAGMA user_version");
    Status s = now.ok() ? Status::Ok() : now.status();
    if (s.ok() && *now < step.version) {
      s = db.Exec(step.sql);
      if (s.ok()) {
        s = db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId) +
                    "; PRAGMA user_version = " + std::to_string(step.version));
      }
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");  // the first error is the one worth reporting
      return Status(s.code(), s.message() + " (migrating to schema version " +
                                  std::to_string(step.version) + ": " + step.summary + ")");
    }
    RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace rasd::store::internal
