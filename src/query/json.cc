// The JSON output contract (README.md, "Output contract"): every documented key is present,
// with null where the value is unknown, so consumers never need to test for a missing key.
#include <cmath>

#include "query/query.h"
#include "query/render.h"

namespace rasd::query {
namespace {

using nlohmann::json;

json TextOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json NumberOrNull(double d) { return std::isnan(d) ? json(nullptr) : json(d); }
json CountOrNull(int64_t n) { return n < 0 ? json(nullptr) : json(n); }

json ActorJson(const Actor& a) {
  if (!a.known()) return nullptr;
  return {{"entity", TextOrNull(a.entity)},
          {"name_en", TextOrNull(a.name_en)},
          {"name_ar", TextOrNull(a.name_ar)},
          {"country", TextOrNull(a.country)},
          {"actor_code", TextOrNull(a.actor_code)}};
}

json LocationJson(const Location& l) {
  if (!l.known()) return nullptr;
  return {{"entity", TextOrNull(l.entity)},   {"name_en", TextOrNull(l.name_en)},
          {"name_ar", TextOrNull(l.name_ar)}, {"country", TextOrNull(l.country)},
          {"lat", NumberOrNull(l.lat)},       {"lon", NumberOrNull(l.lon)}};
}

// A stored metadata string that is not a JSON object (hand-edited database) is kept, as text,
// under "raw" rather than dropped or allowed to break the output.
json MetadataJson(const std::string& text) {
  if (text.empty()) return json::object();
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return json{{"raw", text}};
  return j;
}


}  // namespace

json EventJson(const Event& e) {
  json casualties = json::array();
  for (const Casualties& c : e.casualties) {
    casualties.push_back({{"side", TextOrNull(c.side)},
                          {"killed", CountOrNull(c.killed)},
                          {"wounded", CountOrNull(c.wounded)},
                          {"killed_max", CountOrNull(c.killed_max)},
                          {"wounded_max", CountOrNull(c.wounded_max)},
                          {"group", TextOrNull(c.group)}});
  }
  return {
      {"id", e.id},
      {"article", e.article},
      {"type", EventTypeName(e.type)},
      {"mode", TextOrNull(e.mode)},
      {"cameo", TextOrNull(e.cameo)},
      {"source", ActorJson(e.source)},
      {"target", ActorJson(e.target)},
      {"location", LocationJson(e.location)},
      {"when",
       {{"value", TextOrNull(e.when.value)},
        {"granularity", e.when.granularity == Granularity::kUnknown
                            ? json(nullptr)
                            : json(GranularityName(e.when.granularity))},
        {"historical", e.when.historical}}},
      {"background", e.background},
      {"status", EventStatusName(e.status)},
      {"claimant", ActorJson(e.claimant)},
      {"negated", e.negated},
      {"referenced", e.referenced},
      {"casualties", std::move(casualties)},
      {"evidence",
       {{"sentence", e.evidence.sentence},
        {"start", e.evidence.span.start},
        {"end", e.evidence.span.end},
        {"text", e.evidence.text}}},
      {"trigger", {{"start", e.trigger.start}, {"end", e.trigger.end}, {"text", e.trigger_text}}},
      {"confidence", std::isnan(e.confidence) ? 0.0 : e.confidence},
      {"story", TextOrNull(e.story)},
      {"sources", e.sources},
      {"gloss", internal::Gloss(e)},
  };
}

json ArticleJson(const store::ArticleRow& row, bool with_text) {
  const Article& a = row.article;
  json j = {
      {"id", a.id},
      {"url", TextOrNull(a.url)},
      {"title", TextOrNull(a.title)},
      {"outlet", TextOrNull(a.outlet)},
      {"published", TextOrNull(a.published)},
      {"source", a.source},
      {"format", a.format},
      {"language", a.language},
      {"duplicate_of", TextOrNull(row.duplicate_of)},
      {"similarity", row.duplicate_of.empty() ? json(nullptr) : json(row.similarity)},
      {"ingested_at", TextOrNull(row.ingested_at)},
      {"events", row.event_count},
      {"mentions", row.mention_count},
      {"metadata", MetadataJson(a.metadata_json)},
  };
  if (with_text) j["text"] = a.text;
  return j;
}

json ArticleDetailJson(const store::ArticleDetail& detail) {
  json j = ArticleJson(detail.row, /*with_text=*/true);
  json mentions = json::array();
  for (const Mention& m : detail.mentions) mentions.push_back(MentionJson(m));
  json timexes = json::array();
  for (const Timex& t : detail.timexes) timexes.push_back(TimexJson(t));
  json events = json::array();
  for (const Event& e : detail.events) events.push_back(EventJson(e));
  j["mentions"] = std::move(mentions);
  j["timexes"] = std::move(timexes);
  j["events"] = std::move(events);
  return j;
}

json EntityJson(const store::EntityRow& row) {
  const Entity& e = row.entity;
  return {{"id", e.id},
          {"name_en", TextOrNull(e.name_en)},
          {"name_ar", TextOrNull(e.name_ar)},
          {"type", e.type == EntityType::kUnknown ? json(nullptr) : json(EntityTypeName(e.type))},
          {"country", TextOrNull(e.country)},
          {"actor_code", TextOrNull(e.actor_code)},
          {"role", TextOrNull(e.role)},
          {"lat", NumberOrNull(e.lat)},
          {"lon", NumberOrNull(e.lon)},
          {"mentions", row.mentions},
          {"articles", row.articles},
          {"events", row.events}};
}

json TimexJson(const Timex& t) {
  return {{"start", t.span.start},
          {"end", t.span.end},
          {"sentence", t.sentence},
          {"text", t.text},
          {"value", TextOrNull(t.value)},
          {"granularity", t.granularity == Granularity::kUnknown
                              ? json(nullptr)
                              : json(GranularityName(t.granularity))},
          {"anchor", TextOrNull(t.anchor)},
          {"historical", t.historical}};
}

json MentionJson(const Mention& m) {
  return {{"start", m.span.start},
          {"end", m.span.end},
          {"sentence", m.sentence},
          {"text", m.text},
          {"entity", TextOrNull(m.entity)},
          {"type", m.type == EntityType::kUnknown ? json(nullptr) : json(EntityTypeName(m.type))},
          {"kind", MentionKindName(m.kind)},
          {"country", TextOrNull(m.country)},
          {"actor_code", TextOrNull(m.actor_code)}};
}

json SearchHitJson(const store::SearchHit& hit) {
  json j = ArticleJson(hit.row, /*with_text=*/false);
  j["snippet"] = hit.snippet;
  j["rank"] = hit.rank;
  return j;
}

json StatsJson(const store::Stats& s) {
  return {{"articles", s.articles},
          {"duplicates", s.duplicates},
          {"events", s.events},
          {"entities", s.entities},
          {"mentions", s.mentions},
          {"rejects", s.rejects},
          {"events_by_type", s.events_by_type},
          {"rejects_by_reason", s.rejects_by_reason},
          {"articles_by_format", s.articles_by_format},
          {"schema_version", s.schema_version},
          {"db_bytes", s.db_bytes}};
}

json RejectJson(const store::RejectRecord& r) {
  return {{"source", r.source}, {"reason", r.reason}, {"message", r.message}, {"at", r.at}};
}

json StoryJson(const store::StoryRow& r) {
  const Event& e = r.first;
  json claims = json::array();
  for (const store::StoryClaim& c : r.claims) {
    claims.push_back({{"status", EventStatusName(c.status)},
                      {"negated", c.negated},
                      {"claimant", ActorJson(c.claimant)},
                      {"events", c.events}});
  }
  return {{"id", e.id},
          {"type", EventTypeName(e.type)},
          {"mode", TextOrNull(e.mode)},
          {"cameo", TextOrNull(e.cameo)},
          {"source", ActorJson(e.source)},
          {"target", ActorJson(e.target)},
          {"location", LocationJson(e.location)},
          {"first_seen", TextOrNull(r.first_seen)},
          {"last_seen", TextOrNull(r.last_seen)},
          {"first_published", TextOrNull(r.first_published)},
          {"last_published", TextOrNull(r.last_published)},
          {"events", r.events},
          {"articles", r.articles},
          {"outlets", r.outlets},
          {"claims", std::move(claims)},
          {"first_event", e.id},
          {"first_article", e.article},
          {"evidence", e.evidence.text},
          {"gloss", internal::Gloss(e)}};
}

json StoryDetailJson(const store::StoryDetail& detail) {
  json out = StoryJson(detail.row);
  json reports = json::array();
  for (const store::StoryReport& r : detail.reports) {
    reports.push_back({{"event", EventJson(r.event)},
                       {"article",
                        {{"id", r.event.article},
                         {"title", TextOrNull(r.title)},
                         {"outlet", TextOrNull(r.outlet)},
                         {"published", TextOrNull(r.published)},
                         {"source", TextOrNull(r.source)}}}});
  }
  json sides = json::array();
  for (const internal::ClaimGroup& g : internal::GroupByClaim(detail)) {
    const Event& e = detail.reports[g.reports.front()].event;
    sides.push_back({{"claim", g.text},
                     {"status", EventStatusName(e.status)},
                     {"negated", e.negated},
                     {"claimant", ActorJson(e.claimant)},
                     {"reports", g.reports}});
  }
  out["reports"] = std::move(reports);
  out["sides"] = std::move(sides);
  return out;
}

}  // namespace rasd::query
