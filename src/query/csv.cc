// CSV for pandas and R: RFC 4180 quoting (a field with a comma, double quote, CR or LF is
// double-quoted, with quotes doubled), one header line, lines ending in LF (both readers accept
// it, and Unix tools do not see a stray CR). Booleans are "true"/"false", unknown values empty.
#include <initializer_list>

#include "query/query.h"
#include "query/render.h"

namespace rasd::query {
namespace {

using internal::FormatDouble;

void AppendField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    first = false;
    AppendField(out, f);
  }
  out += '\n';
}

const char* Bool(bool b) { return b ? "true" : "false"; }

// Empty unless the article is a near copy.
std::string Similarity(const store::ArticleRow& r) {
  return r.duplicate_of.empty() ? "" : FormatDouble(r.similarity);
}

}  // namespace

std::string EventsCsv(std::span<const Event> events, bool header) {
  std::string out;
  if (header) {
    AppendRow(out, {"id",
                    "article",
                    "type",
                    "mode",
                    "cameo",
                    "source_entity",
                    "source_name_en",
                    "source_name_ar",
                    "source_country",
                    "source_actor_code",
                    "target_entity",
                    "target_name_en",
                    "target_name_ar",
                    "target_country",
                    "target_actor_code",
                    "location_name_en",
                    "location_country",
                    "lat",
                    "lon",
                    "when",
                    "granularity",
                    "historical",
                    "background",
                    "status",
                    "negated",
                    "referenced",
                    "confidence",
                    "evidence_start",
                    "evidence_end",
                    "evidence_text",
                    "gloss"});
  }
  for (const Event& e : events) {
    const std::string granularity =
        e.when.granularity == Granularity::kUnknown ? "" : GranularityName(e.when.granularity);
    AppendRow(out, {e.id,
                    e.article,
                    EventTypeName(e.type),
                    e.mode,
                    e.cameo,
                    e.source.entity,
                    e.source.name_en,
                    e.source.name_ar,
                    e.source.country,
                    e.source.actor_code,
                    e.target.entity,
                    e.target.name_en,
                    e.target.name_ar,
                    e.target.country,
                    e.target.actor_code,
                    e.location.name_en,
                    e.location.country,
                    FormatDouble(e.location.lat),
                    FormatDouble(e.location.lon),
                    e.when.value,
                    granularity,
                    Bool(e.when.historical),
                    Bool(e.background),
                    EventStatusName(e.status),
                    Bool(e.negated),
                    Bool(e.referenced),
                    FormatDouble(e.confidence),
                    std::to_string(e.evidence.span.start),
                    std::to_string(e.evidence.span.end),
                    e.evidence.text,
                    internal::Gloss(e)});
  }
  return out;
}

std::string ArticlesCsv(std::span<const store::ArticleRow> rows, bool header) {
  std::string out;
  if (header) {
    AppendRow(out, {"id", "published", "outlet", "title", "url", "source", "format", "language",
                    "duplicate_of", "similarity", "ingested_at", "events", "mentions"});
  }
  for (const store::ArticleRow& r : rows) {
    const Article& a = r.article;
    AppendRow(out, {a.id, a.published, a.outlet, a.title, a.url, a.source, a.format, a.language,
                    r.duplicate_of, Similarity(r), r.ingested_at, std::to_string(r.event_count),
                    std::to_string(r.mention_count)});
  }
  return out;
}

std::string EntitiesCsv(std::span<const store::EntityRow> rows, bool header) {
  std::string out;
  if (header) {
    AppendRow(out, {"id", "name_en", "name_ar", "type", "country", "actor_code", "role", "lat",
                    "lon", "mentions", "articles", "events"});
  }
  for (const store::EntityRow& r : rows) {
    const Entity& e = r.entity;
    AppendRow(
        out,
        {e.id, e.name_en, e.name_ar, e.type == EntityType::kUnknown ? "" : EntityTypeName(e.type),
         e.country, e.actor_code, e.role, FormatDouble(e.lat), FormatDouble(e.lon),
         std::to_string(r.mentions), std::to_string(r.articles), std::to_string(r.events)});
  }
  return out;
}

std::string StoriesCsv(std::span<const store::StoryRow> rows, bool header) {
  std::string out;
  if (header) {
    AppendRow(out, {"id",
                    "type",
                    "source_name_en",
                    "source_country",
                    "source_actor_code",
                    "target_name_en",
                    "target_country",
                    "target_actor_code",
                    "location_name_en",
                    "first_seen",
                    "last_seen",
                    "first_published",
                    "last_published",
                    "events",
                    "articles",
                    "outlets",
                    "claims",
                    "first_article",
                    "evidence_text",
                    "gloss"});
  }
  for (const store::StoryRow& r : rows) {
    const Event& e = r.first;
    AppendRow(out, {e.id,
                    EventTypeName(e.type),
                    e.source.name_en,
                    e.source.country,
                    e.source.actor_code,
                    e.target.name_en,
                    e.target.country,
                    e.target.actor_code,
                    e.location.name_en,
                    r.first_seen,
                    r.last_seen,
                    r.first_published,
                    r.last_published,
                    std::to_string(r.events),
                    std::to_string(r.articles),
                    std::to_string(r.outlets),
                    internal::ClaimsText(r),
                    e.article,
                    e.evidence.text,
                    internal::Gloss(e)});
  }
  return out;
}

}  // namespace rasd::query
