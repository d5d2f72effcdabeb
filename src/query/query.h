// query: the user-facing side of reads, shared by the CLI and the HTTP API, so both accept the
// same parameters and print the same fields.
//
// In: parameters as name -> value strings (CLI flags or an HTTP query string). Out: validated
// store queries, and JSON/CSV/table renderings of stored rows. Guaranteed: an unknown type, a
// malformed date, a negative or non-numeric limit gives kInvalidArgument with a message naming
// the parameter (HTTP 400, CLI exit 2); JSON follows the output contract in README.md (fields
// present with null where unknown). Not guaranteed: table layout is for people, not parsing.
//
//   ASSIGN_OR_RETURN(store::EventQuery q, query::ParseEventQuery({{"type", "consult"}}));
//   ASSIGN_OR_RETURN(auto events, db->Events(q));
//   for (const Event& e : events) std::cout << query::EventJson(e).dump() << "\n";
#ifndef RASD_QUERY_QUERY_H_
#define RASD_QUERY_QUERY_H_

#include <map>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/core.h"
#include "store/store.h"

namespace rasd::query {

using Params = std::map<std::string, std::string>;

// Keys: actor, type, from, to, place, article, historical (true|false), unique (true|false:
// one event per story), limit, offset.
// Dates: YYYY, YYYY-MM or YYYY-MM-DD. limit: 1..10000 (default 100).
Result<store::EventQuery> ParseEventQuery(const Params& params);
// Keys: actor, type, from, to, limit, offset (the filters apply to a story's first event).
Result<store::StoryQuery> ParseStoryQuery(const Params& params);
// Keys: outlet, from, to, limit, offset.
Result<store::ArticleQuery> ParseArticleQuery(const Params& params);
// Keys: name, type (country|place|person|organization|igo|group), country, limit, offset.
Result<store::EntityQuery> ParseEntityQuery(const Params& params);
// Keys: q (required, non-empty), limit, offset.
Result<store::SearchQuery> ParseSearchQuery(const Params& params);

// Output formats for lists.
enum class Format { kTable, kJson, kCsv, kJsonl };
Result<Format> ParseFormat(const std::string& name);  // "table", "json", "csv", "jsonl"

// JSON objects (the output contract).
nlohmann::json EventJson(const Event& event);
nlohmann::json ArticleJson(const store::ArticleRow& row, bool with_text);
// ArticleJson(row, true) with "mentions", "timexes" and "events" as arrays of objects instead
// of counts.
nlohmann::json ArticleDetailJson(const store::ArticleDetail& detail);
nlohmann::json EntityJson(const store::EntityRow& row);
nlohmann::json StoryJson(const store::StoryRow& row);
// StoryJson with "reports" (every event of the story: {"event": EventJson, "article": {id,
// title, outlet, published, source}}, in stored order) and "sides" (the reports grouped by
// what they claim: {claim, status, negated, claimant, reports: [indices into reports]}, a
// claim beside its denial).
nlohmann::json StoryDetailJson(const store::StoryDetail& detail);
nlohmann::json MentionJson(const Mention& mention);
nlohmann::json TimexJson(const Timex& timex);
nlohmann::json SearchHitJson(const store::SearchHit& hit);
nlohmann::json StatsJson(const store::Stats& stats);
nlohmann::json RejectJson(const store::RejectRecord& reject);

// CSV (RFC 4180, header line first) for pandas and R.
std::string EventsCsv(std::span<const Event> events, bool header = true);
std::string ArticlesCsv(std::span<const store::ArticleRow> rows, bool header = true);
std::string EntitiesCsv(std::span<const store::EntityRow> rows, bool header = true);
std::string StoriesCsv(std::span<const store::StoryRow> rows, bool header = true);

// Aligned terminal tables; Arabic excerpts are cut to `width` display columns.
std::string EventsTable(std::span<const Event> events, int excerpt_width = 60);
std::string ArticlesTable(std::span<const store::ArticleRow> rows);
std::string EntitiesTable(std::span<const store::EntityRow> rows);
std::string StoriesTable(std::span<const store::StoryRow> rows);
// One story for people: its gloss and counts, then its reports grouped by claim, each with
// its date, outlet, title and evidence sentence.
std::string StoryText(const store::StoryDetail& detail);
std::string SearchTable(std::span<const store::SearchHit> hits);
std::string StatsTable(const store::Stats& stats);

// The article text with entity mentions marked [[text|entity]] and event evidence
// sentences prefixed by their event type, for `rasd show`.
std::string MarkedText(const store::ArticleDetail& detail);

}  // namespace rasd::query

#endif  // RASD_QUERY_QUERY_H_
