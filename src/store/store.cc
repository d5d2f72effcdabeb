#include "store/store.h"

#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/fts_tokenizer.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace rasd::store {
namespace {

using internal::Connection;
using internal::Use;

// How long a writer waits for another process's lock before failing with "database is
// locked". Ingest batches are short, so a few seconds covers a concurrent `rasd serve`.
constexpr int kBusyTimeoutMs = 10000;

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// An upper bound for "starts with or sorts before `prefix`-anything" on ISO dates and times:
// '~' sorts after every character ISO 8601 uses, so "2023-08" + "~" is above "2023-08-31T23:59".
std::string InclusiveUpper(const std::string& prefix) { return prefix + "~"; }

// LIKE pattern for a case-insensitive (ASCII) substring with \ as the escape character.
std::string ContainsPattern(std::string_view s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// "RUS", "RUSGOV", "UNO": what a user types for an actor code rather than a name. Names are
// matched as substrings, and "RUS" as a substring would also find Belarus.
bool LooksLikeCode(std::string_view s) {
  if (s.size() < 2) return false;
  for (char c : s) {
    if (!(std::isupper(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)))) {
      return false;
    }
  }
  return true;
}

int64_t LimitOrAll(int64_t limit) { return limit > 0 ? limit : -1; }

// Binds the :limit and :offset of a paged SELECT.
void BindPage(Use& q, int64_t limit, int64_t offset) {
  q.BindInt(":limit", LimitOrAll(limit));
  q.BindInt(":offset", std::max<int64_t>(offset, 0));
}

// Steps `q` to the end and reads every row with `read`.
template <typename ReadRow>
auto ReadAll(Use& q, ReadRow read) -> Result<std::vector<decltype(read(q))>> {
  std::vector<decltype(read(q))> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(read(q));
  }
  return out;
}

// Named parameters for a dynamically built statement. Every parameter named in the SQL is
// bound; Use::Bind ignores names the SQL does not contain.
struct Params {
  std::vector<std::pair<std::string, std::string>> text;
  std::vector<std::pair<std::string, int64_t>> ints;
  std::vector<std::pair<std::string, double>> reals;
  void BindAll(Use& q) const {
    for (const auto& [name, value] : text) q.Bind(name.c_str(), value);
    for (const auto& [name, value] : ints) q.BindInt(name.c_str(), value);
    for (const auto& [name, value] : reals) q.BindDouble(name.c_str(), value);
  }
};

struct Where {
  std::string sql;  // "" or " WHERE ..."
  Params params;
  void Add(const std::string& condition) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
  }
};

// ---- Events: one column list for insert and select, in the order of the bind/read code.

// clang-format off
constexpr std::array<const char*, 54> kEventColumns = {
    "id", "article", "type", "mode", "cameo",
    "source_entity", "source_name_en", "source_name_ar", "source_name_key", "source_country",
    "source_actor_code", "source_start", "source_end",
    "target_entity", "target_name_en", "target_name_ar", "target_name_key", "target_country",
    "target_actor_code", "target_start", "target_end",
    "claimant_entity", "claimant_name_en", "claimant_name_ar", "claimant_name_key",
    "claimant_country", "claimant_actor_code", "claimant_start", "claimant_end",
    "location_entity", "location_name_en", "location_name_ar", "location_name_key",
    "location_country", "location_lat", "location_lon",
    "when_value", "when_granularity", "when_historical", "status", "negated", "casualties",
    "evidence_sentence", "evidence_start", "evidence_end", "evidence_text",
    "trigger_start", "trigger_end", "trigger_text", "confidence", "story", "sources",
    "background", "referenced"};
// clang-format on

std::string EventColumnList() {
  std::string out;
  for (const char* c : kEventColumns) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

std::string CasualtiesJson(const std::vector<Casualties>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const Casualties& c : list) {
    nlohmann::json o;
    o["side"] = c.side;
    o["killed"] = c.killed < 0 ? nlohmann::json(nullptr) : nlohmann::json(c.killed);
    o["wounded"] = c.wounded < 0 ? nlohmann::json(nullptr) : nlohmann::json(c.wounded);
    if (c.killed_max >= 0) o["killed_max"] = c.killed_max;
    if (c.wounded_max >= 0) o["wounded_max"] = c.wounded_max;
    o["group"] = c.group;
    out.push_back(std::move(o));
  }
  return out.dump();
}

// Tolerates anything in the column (hand-edited databases): what is not understood is left
// at its default.
std::vector<Casualties> ParseCasualties(const std::string& text) {
  std::vector<Casualties> out;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const nlohmann::json& o : j) {
    if (!o.is_object()) continue;
    Casualties c;
    auto str = [&](const char* key, std::string& into) {
      auto it = o.find(key);
      if (it != o.end() && it->is_string()) into = it->get<std::string>();
    };
    auto num = [&](const char* key, int64_t& into) {
      auto it = o.find(key);
      if (it != o.end() && it->is_number_integer()) into = it->get<int64_t>();
    };
    str("side", c.side);
    num("killed", c.killed);
    num("wounded", c.wounded);
    num("killed_max", c.killed_max);
    num("wounded_max", c.wounded_max);
    str("group", c.group);
    out.push_back(std::move(c));
  }
  return out;
}

Event ReadEvent(const Use& q) {
  Event e;
  int i = 0;
  e.id = q.Text(i++);
  e.article = q.Text(i++);
  e.type = EventTypeFromName(q.Text(i++));
  e.mode = q.Text(i++);
  e.cameo = q.Text(i++);
  for (Actor* a : {&e.source, &e.target, &e.claimant}) {
    a->entity = q.Text(i++);
    a->name_en = q.Text(i++);
    a->name_ar = q.Text(i++);
    ++i;  // name_key
    a->country = q.Text(i++);
    a->actor_code = q.Text(i++);
    a->span.start = static_cast<uint32_t>(q.Int(i++));
    a->span.end = static_cast<uint32_t>(q.Int(i++));
  }
  e.location.entity = q.Text(i++);
  e.location.name_en = q.Text(i++);
  e.location.name_ar = q.Text(i++);
  ++i;  // name_key
  e.location.country = q.Text(i++);
  e.location.lat = q.Double(i++);
  e.location.lon = q.Double(i++);
  e.when.value = q.Text(i++);
  e.when.granularity = static_cast<Granularity>(q.Int(i++));
  e.when.historical = q.Int(i++) != 0;
  e.status = static_cast<EventStatus>(q.Int(i++));
  e.negated = q.Int(i++) != 0;
  e.casualties = ParseCasualties(q.Text(i++));
  e.evidence.sentence = static_cast<uint32_t>(q.Int(i++));
  e.evidence.span.start = static_cast<uint32_t>(q.Int(i++));
  e.evidence.span.end = static_cast<uint32_t>(q.Int(i++));
  e.evidence.text = q.Text(i++);
  e.trigger.start = static_cast<uint32_t>(q.Int(i++));
  e.trigger.end = static_cast<uint32_t>(q.Int(i++));
  e.trigger_text = q.Text(i++);
  e.confidence = q.Double(i++);
  if (std::isnan(e.confidence)) e.confidence = 0;
  e.story = q.Text(i++);
  e.sources = static_cast<int>(q.Int(i++));
  e.background = q.Int(i++) != 0;
  e.referenced = q.Int(i++) != 0;
  return e;
}

// ---- Articles

constexpr const char* kArticleColumns =
    "a.id, a.source, a.format, a.url, a.title, a.outlet, a.published, a.language, a.metadata, "
    "a.duplicate_of, a.ingested_at, "
    "(SELECT count(*) FROM events e WHERE e.article = a.id), "
    "(SELECT count(*) FROM mentions m WHERE m.article = a.id), a.similarity";
constexpr int kArticleColumnCount = 14;

ArticleRow ReadArticleRow(const Use& q) {
  ArticleRow r;
  int i = 0;
  r.article.id = q.Text(i++);
  r.article.source = q.Text(i++);
  r.article.format = q.Text(i++);
  r.article.url = q.Text(i++);
  r.article.title = q.Text(i++);
  r.article.outlet = q.Text(i++);
  r.article.published = q.Text(i++);
  r.article.language = q.Text(i++);
  r.article.metadata_json = q.Text(i++);
  r.duplicate_of = q.Text(i++);
  r.ingested_at = q.Text(i++);
  r.event_count = q.Int(i++);
  r.mention_count = q.Int(i++);
  r.similarity = q.IsNull(i) ? 0 : q.Double(i);
  ++i;
  return r;
}

// ---- Entities

constexpr const char* kEntityColumns =
    "n.id, n.name_en, n.name_ar, n.type, n.country, n.actor_code, n.role, n.lat, n.lon, "
    "(SELECT count(*) FROM mentions m WHERE m.entity = n.id) AS mention_count, "
    "(SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = n.id), "
    "(SELECT count(*) FROM events e WHERE e.source_entity = n.id) + "
    "(SELECT count(*) FROM events e WHERE e.target_entity = n.id "
    "AND e.source_entity IS NOT n.id)";

EntityRow ReadEntityRow(const Use& q) {
  EntityRow r;
  int i = 0;
  r.entity.id = q.Text(i++);
  r.entity.name_en = q.Text(i++);
  r.entity.name_ar = q.Text(i++);
  r.entity.type = static_cast<EntityType>(q.Int(i++));
  r.entity.country = q.Text(i++);
  r.entity.actor_code = q.Text(i++);
  r.entity.role = q.Text(i++);
  r.entity.lat = q.Double(i++);
  r.entity.lon = q.Double(i++);
  r.mentions = q.Int(i++);
  r.articles = q.Int(i++);
  r.events = q.Int(i++);
  return r;
}

// ---- Full-text query

// FTS5 string literal: double quotes, with embedded quotes doubled.
std::string FtsString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Builds the MATCH expression from the user's words: every term AND-ed, a "quoted passage"
// as one phrase. Each term is passed as the word *as the user wrote it*, double-quoted, so
// FTS5 runs it through the rasd tokenizer exactly as it ran the documents (the key of an
// already-folded key could differ from the key of the word). Quoting also means no user input
// is read as FTS5 syntax (NEAR, OR, column filters, *): a query is always words. Empty when
// the text has no searchable term.
std::string MatchExpression(std::string_view text, const text::Analyzer& analyzer) {
  std::string out;
  auto add = [&](std::string_view part) {
    if (!out.empty()) out += " AND ";
    out += FtsString(part);
  };
  bool in_phrase = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t quote = text.find('"', pos);
    if (quote == std::string_view::npos) quote = text.size();
    const std::string_view segment = text.substr(pos, quote - pos);
    const std::vector<text::Term> terms = analyzer.SearchTerms(segment);
    if (in_phrase) {
      if (!terms.empty()) {
        add(segment.substr(terms.front().start, terms.back().end - terms.front().start));
      }
    } else {
      for (const text::Term& t : terms) {
        if (t.end > t.start && t.end <= segment.size()) {
          add(segment.substr(t.start, t.end - t.start));
        }
      }
    }
    in_phrase = !in_phrase;
    pos = quote + 1;
  }
  return out;
}

}  // namespace

struct Store::Impl {
  std::mutex mu;
  const text::Analyzer* analyzer = nullptr;
  Connection db;

  std::string NameKey(std::string_view name) const {
    return name.empty() ? std::string() : analyzer->normalizer().Key(name);
  }

  Status Begin() {
    ASSIGN_OR_RETURN(Use q, db.Prepare("BEGIN IMMEDIATE"));
    return q.Run();
  }
  Status Commit() {
    ASSIGN_OR_RETURN(Use q, db.Prepare("COMMIT"));
    return q.Run();
  }
  void Rollback() {
    // Fails harmlessly when SQLite already rolled back (e.g. after SQLITE_FULL).
    if (sqlite3_get_autocommit(db.handle()) == 0) (void)db.Exec("ROLLBACK");
  }
  // Runs `work` (returning Status or Result<T>) in one transaction: committed when it
  // succeeds, rolled back when it or the commit fails.
  template <typename Work>
  auto InTransaction(Work&& work) -> decltype(work()) {
    RETURN_IF_ERROR(Begin());
    auto result = work();
    if (!result.ok()) {
      Rollback();
      return result;
    }
    if (Status commit = Commit(); !commit.ok()) {
      Rollback();
      return commit;
    }
    return result;
  }

  Result<bool> InsertArticle(const ProcessedArticle& p, const std::string& now);
  Status InsertSignature(const std::string& article, std::string_view scheme,
                         std::string_view bytes);
  Status InsertPassages(const std::string& article, std::span<const PassageRecord> passages);
  Status InsertMentions(const std::string& article, const std::vector<Mention>& mentions);
  Status InsertTimexes(const std::string& article, const std::vector<Timex>& timexes);
  Status InsertEvent(const std::string& article, const Event& e);
  Status UpsertEntity(const Entity& e);
  Status InsertReject(const RejectRecord& r, const std::string& now);
  // Event::sources of every event of `stories`: the distinct outlets of the story's articles.
  Status UpdateSources(const std::set<std::string_view>& stories);
  // The counts and claims of the story headed by `head`.
  Result<StoryRow> StoryRowOf(Event head);
  Result<WriteResult> Write(std::span<const ProcessedArticle> articles,
                            std::span<const RejectRecord> rejects);

  Where EventWhere(const EventQuery& q) const;
  Where ArticleWhere(const ArticleQuery& q) const;
  Where EntityWhere(const EntityQuery& q) const;
  Result<std::string> ResolveId(const std::string& id, std::string_view what,
                                std::string_view table, std::string_view condition);
  Result<std::vector<Event>> EventsOfArticle(const std::string& id);
  Result<int64_t> Count(const std::string& sql, const Params& params);

  // One page of `select_from` + `w` + `order`, each row read with `read`.
  template <typename ReadRow>
  auto Page(const std::string& select_from, const Where& w, const std::string& order,
            int64_t limit, int64_t offset, ReadRow read)
      -> Result<std::vector<decltype(read(std::declval<Use&>()))>> {
    ASSIGN_OR_RETURN(Use q,
                     db.Prepare(select_from + w.sql + order + " LIMIT :limit OFFSET :offset"));
    w.params.BindAll(q);
    BindPage(q, limit, offset);
    return ReadAll(q, read);
  }
};

Result<bool> Store::Impl::InsertArticle(const ProcessedArticle& p, const std::string& now) {
  const Article& a = p.article;
  ASSIGN_OR_RETURN(
      Use q,
      db.Prepare(
          "INSERT INTO articles(id, source, format, url, title, outlet, published, language, text, "
          "metadata, ingested_at, duplicate_of, similarity) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
          "ON CONFLICT(id) DO NOTHING"));
  q.Bind(1, a.id);
  q.Bind(2, a.source);
  q.Bind(3, a.format);
  q.BindNullIfEmpty(4, a.url);
  q.BindNullIfEmpty(5, a.title);
  q.BindNullIfEmpty(6, a.outlet);
  q.BindNullIfEmpty(7, a.published);
  q.Bind(8, a.language.empty() ? std::string_view("ar") : std::string_view(a.language));
  q.Bind(9, a.text);
  q.Bind(10, a.metadata_json.empty() ? std::string_view("{}") : std::string_view(a.metadata_json));
  q.Bind(11, now);
  q.BindNullIfEmpty(12, p.duplicate_of);
  q.BindDouble(13, p.duplicate_of.empty() ? NAN : p.similarity);
  RETURN_IF_ERROR(q.Run());
  // sqlite3_changes counts only the INSERT itself, not the FTS trigger's rows.
  return sqlite3_changes(db.handle()) > 0;
}

Status Store::Impl::InsertSignature(const std::string& article, std::string_view scheme,
                                    std::string_view bytes) {
  ASSIGN_OR_RETURN(Use q,
                   db.Prepare("INSERT OR REPLACE INTO signatures(article, scheme, signature) "
                              "VALUES (?1, ?2, ?3)"));
  q.Bind(1, article);
  q.Bind(2, scheme);
  q.BindBlob(3, bytes);
  return q.Run();
}

Status Store::Impl::InsertPassages(const std::string& article,
                                   std::span<const PassageRecord> passages) {
  if (passages.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(Use q, db.Prepare("INSERT OR REPLACE INTO passages(article, sentence, terms, "
                                     "background) VALUES (?1, ?2, ?3, ?4)"));
  for (const PassageRecord& p : passages) {
    q.Reset();
    q.Bind(1, article);
    q.BindInt(2, p.sentence);
    q.BindBlob(3, p.terms);
    q.BindInt(4, p.background ? 1 : 0);
    RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status Store::Impl::InsertMentions(const std::string& article,
                                   const std::vector<Mention>& mentions) {
  if (mentions.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(
      Use q,
      db.Prepare(
          "INSERT INTO mentions(article, start, \"end\", sentence, first_token, end_token, text, "
          "entity, type, kind, country, actor_code) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  for (const Mention& m : mentions) {
    q.Bind(1, article);
    q.BindInt(2, m.span.start);
    q.BindInt(3, m.span.end);
    q.BindInt(4, m.sentence);
    q.BindInt(5, m.first_token);
    q.BindInt(6, m.end_token);
    q.Bind(7, m.text);
    q.BindNullIfEmpty(8, m.entity);
    q.BindInt(9, static_cast<int64_t>(m.type));
    q.BindInt(10, static_cast<int64_t>(m.kind));
    q.BindNullIfEmpty(11, m.country);
    q.BindNullIfEmpty(12, m.actor_code);
    RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status Store::Impl::InsertTimexes(const std::string& article, const std::vector<Timex>& timexes) {
  if (timexes.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(Use q, db.Prepare("INSERT INTO timexes(article, start, \"end\", sentence, text, "
                                     "value, granularity, anchor, "
                                     "historical) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  for (const Timex& t : timexes) {
    q.Bind(1, article);
    q.BindInt(2, t.span.start);
    q.BindInt(3, t.span.end);
    q.BindInt(4, t.sentence);
    q.Bind(5, t.text);
    q.BindNullIfEmpty(6, t.value);
    q.BindInt(7, static_cast<int64_t>(t.granularity));
    q.BindNullIfEmpty(8, t.anchor);
    q.BindInt(9, t.historical ? 1 : 0);
    RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status Store::Impl::InsertEvent(const std::string& article, const Event& e) {
  static const std::string kSql = [] {
    std::string values;
    for (size_t i = 1; i <= kEventColumns.size(); ++i) {
      values += (i > 1 ? ", ?" : "?") + std::to_string(i);
    }
    // An id seen twice (a bug upstream) keeps the first event rather than failing the batch.
    return "INSERT INTO events(" + EventColumnList() + ") VALUES (" + values +
           ") ON CONFLICT(id) DO NOTHING";
  }();
  ASSIGN_OR_RETURN(Use q, db.Prepare(kSql));
  int i = 0;
  q.Bind(++i, e.id);
  q.Bind(++i, article);
  q.Bind(++i, EventTypeName(e.type));
  q.BindNullIfEmpty(++i, e.mode);
  q.BindNullIfEmpty(++i, e.cameo);
  for (const Actor* a : {&e.source, &e.target, &e.claimant}) {
    q.BindNullIfEmpty(++i, a->entity);
    q.BindNullIfEmpty(++i, a->name_en);
    q.BindNullIfEmpty(++i, a->name_ar);
    q.BindNullIfEmpty(++i, NameKey(a->name_ar));
    q.BindNullIfEmpty(++i, a->country);
    q.BindNullIfEmpty(++i, a->actor_code);
    q.BindInt(++i, a->span.start);
    q.BindInt(++i, a->span.end);
  }
  q.BindNullIfEmpty(++i, e.location.entity);
  q.BindNullIfEmpty(++i, e.location.name_en);
  q.BindNullIfEmpty(++i, e.location.name_ar);
  q.BindNullIfEmpty(++i, NameKey(e.location.name_ar));
  q.BindNullIfEmpty(++i, e.location.country);
  q.BindDouble(++i, e.location.lat);
  q.BindDouble(++i, e.location.lon);
  q.BindNullIfEmpty(++i, e.when.value);
  q.BindInt(++i, static_cast<int64_t>(e.when.granularity));
  q.BindInt(++i, e.when.historical ? 1 : 0);
  q.BindInt(++i, static_cast<int64_t>(e.status));
  q.BindInt(++i, e.negated ? 1 : 0);
  q.Bind(++i, CasualtiesJson(e.casualties));
  q.BindInt(++i, e.evidence.sentence);
  q.BindInt(++i, e.evidence.span.start);
  q.BindInt(++i, e.evidence.span.end);
  q.Bind(++i, e.evidence.text);
  q.BindInt(++i, e.trigger.start);
  q.BindInt(++i, e.trigger.end);
  q.Bind(++i, e.trigger_text);
  q.BindDouble(++i, std::isnan(e.confidence) ? 0.0 : e.confidence);
  q.BindNullIfEmpty(++i, e.story);
  q.BindInt(++i, e.sources);
  q.BindInt(++i, e.background ? 1 : 0);
  q.BindInt(++i, e.referenced ? 1 : 0);
  return q.Run();
}

Status Store::Impl::UpsertEntity(const Entity& e) {
  // The newest lexicon wins, except that an empty field never erases a known one (an entity
  // built from a partial record must not blank out the full lexicon entry).
  ASSIGN_OR_RETURN(
      Use q,
      db.Prepare(
          "INSERT INTO entities(id, name_en, name_ar, name_key, type, country, actor_code, role, "
          "lat, lon) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
          "ON CONFLICT(id) DO UPDATE SET "
          "name_en = coalesce(nullif(excluded.name_en, ''), name_en), "
          "name_ar = coalesce(nullif(excluded.name_ar, ''), name_ar), "
          "name_key = coalesce(nullif(excluded.name_key, ''), name_key), "
          "type = CASE WHEN excluded.type <> 0 THEN excluded.type ELSE type END, "
          "country = coalesce(nullif(excluded.country, ''), country), "
          "actor_code = coalesce(nullif(excluded.actor_code, ''), actor_code), "
          "role = coalesce(nullif(excluded.role, ''), role), "
          "lat = coalesce(excluded.lat, lat), lon = coalesce(excluded.lon, lon)"));
  q.Bind(1, e.id);
  q.Bind(2, e.name_en);
  q.Bind(3, e.name_ar);
  q.Bind(4, NameKey(e.name_ar));
  q.BindInt(5, static_cast<int64_t>(e.type));
  q.Bind(6, e.country);
  q.Bind(7, e.actor_code);
  q.Bind(8, e.role);
  q.BindDouble(9, e.lat);
  q.BindDouble(10, e.lon);
  return q.Run();
}

Status Store::Impl::InsertReject(const RejectRecord& r, const std::string& now) {
  ASSIGN_OR_RETURN(
      Use q,
      db.Prepare("INSERT INTO rejects(source, reason, message, at) VALUES (?1, ?2, ?3, ?4)"));
  q.Bind(1, r.source);
  q.Bind(2, r.reason);
  q.Bind(3, r.message);
  q.Bind(4, r.at.empty() ? now : r.at);
  return q.Run();
}

Result<WriteResult> Store::Impl::Write(std::span<const ProcessedArticle> articles,
                                       std::span<const RejectRecord> rejects) {
  WriteResult result;
  const std::string now = UtcNow();
  // Many articles of a batch name the same entities (every article on the Caucasus mentions
  // Russia): upsert each id once, with the last record seen.
  std::unordered_map<std::string_view, const Entity*> entities;
  std::set<std::string_view> stories;  // stories that gained events
  for (const ProcessedArticle& p : articles) {
    ASSIGN_OR_RETURN(bool stored, InsertArticle(p, now));
    if (!stored) {
      ++result.duplicates;
      continue;
    }
    ++result.stored;
    if (!p.duplicate_of.empty()) ++result.copies;
    if (!p.signature.empty()) {
      RETURN_IF_ERROR(InsertSignature(p.article.id, p.signature_scheme, p.signature));
    }
    RETURN_IF_ERROR(InsertPassages(p.article.id, p.passages));
    RETURN_IF_ERROR(InsertMentions(p.article.id, p.mentions));
    RETURN_IF_ERROR(InsertTimexes(p.article.id, p.timexes));
    for (const Event& e : p.events) {
      RETURN_IF_ERROR(InsertEvent(p.article.id, e));
      if (!e.story.empty()) stories.insert(e.story);
    }
    for (const Entity& e : p.entities) {
      if (!e.id.empty()) entities[e.id] = &e;
    }
  }
  for (const auto& [id, entity] : entities) RETURN_IF_ERROR(UpsertEntity(*entity));
  RETURN_IF_ERROR(UpdateSources(stories));
  for (const RejectRecord& r : rejects) {
    RETURN_IF_ERROR(InsertReject(r, now));
    ++result.rejects;
  }
  return result;
}

Status Store::Impl::UpdateSources(const std::set<std::string_view>& stories) {
  if (stories.empty()) return Status::Ok();
  // An article with no outlet (a text file) is a source of its own.
  ASSIGN_OR_RETURN(Use q, db.Prepare("UPDATE events SET sources = (SELECT count(DISTINCT "
                                     "coalesce(a.outlet, a.id)) FROM events e JOIN articles a "
                                     "ON a.id = e.article WHERE e.story = ?1) WHERE story = ?1"));
  for (std::string_view story : stories) {
    q.Reset();
    q.Bind(1, story);
    RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Where Store::Impl::EventWhere(const EventQuery& q) const {
  Where w;
  if (!q.actor.empty()) {
    w.params.text.emplace_back(":actor", q.actor);
    std::string c =
        "(source_entity = :actor OR target_entity = :actor OR source_actor_code = :actor OR "
        "target_actor_code = :actor";
    if (LooksLikeCode(q.actor)) {
      if (q.actor.size() == 3) {
        // A country code matches every sector of that country (RUS: RUSGOV, RUSMIL, ...) and
        // actors whose country is set without a code. GLOB (not LIKE) can use the index.
        w.params.text.emplace_back(":actor_glob", q.actor + "*");
        c += " OR source_country = :actor OR target_country = :actor OR "
             "source_actor_code GLOB :actor_glob OR target_actor_code GLOB :actor_glob";
      }
    } else {
      // A name: English case-insensitive substring, Arabic by normalised key, either on the
      // event's own names or on the linked entity's names.
      w.params.text.emplace_back(":actor_like", ContainsPattern(q.actor));
      w.params.text.emplace_back(":actor_key", NameKey(q.actor));
      const char* entity_match =
          "(SELECT id FROM entities WHERE name_en LIKE :actor_like ESCAPE '\\' OR "
          "(:actor_key <> '' AND instr(name_key, :actor_key) > 0))";
      c += std::string(" OR source_name_en LIKE :actor_like ESCAPE '\\'") +
           " OR target_name_en LIKE :actor_like ESCAPE '\\'" +
           " OR (:actor_key <> '' AND (instr(source_name_key, :actor_key) > 0 OR "
           "instr(target_name_key, :actor_key) > 0))" +
           " OR source_entity IN " + entity_match + " OR target_entity IN " + entity_match;
    }
    w.Add(c + ")");
  }
  if (q.type != EventType::kUnknown) {
    w.params.text.emplace_back(":type", EventTypeName(q.type));
    w.Add("type = :type");
  }
  // Only absolute ISO values take part in date filters; a relative value ("P-1D", when the
  // publication date was unknown) has no place on the calendar.
  if (!q.from.empty()) {
    w.params.text.emplace_back(":from", q.from);
    w.Add("when_value >= :from AND when_value GLOB '[0-9]*'");
  }
  if (!q.to.empty()) {
    w.params.text.emplace_back(":to", InclusiveUpper(q.to));
    w.Add("when_value <= :to AND when_value GLOB '[0-9]*'");
  }
  if (!q.place.empty()) {
    w.params.text.emplace_back(":place", q.place);
    w.params.text.emplace_back(":place_like", ContainsPattern(q.place));
    w.params.text.emplace_back(":place_key", NameKey(q.place));
    w.Add(
        "(location_entity = :place OR location_country = :place OR "
        "location_name_en LIKE :place_like ESCAPE '\\' OR "
        "(:place_key <> '' AND instr(location_name_key, :place_key) > 0))");
  }
  if (!q.article.empty()) {
    w.params.text.emplace_back(":article", q.article);
    w.Add("article = :article");
  }
  if (!q.include_historical) w.Add("when_historical = 0");
  if (!q.include_referenced) w.Add("referenced = 0");
  if (q.min_confidence > 0) {
    w.params.reals.emplace_back(":min_confidence", q.min_confidence);
    w.Add("confidence >= :min_confidence");
  }
  if (q.unique) w.Add("(story IS NULL OR story = id)");
  return w;
}

Where Store::Impl::ArticleWhere(const ArticleQuery& q) const {
  Where w;
  if (!q.outlet.empty()) {
    w.params.text.emplace_back(":outlet", q.outlet);
    w.Add("a.outlet = :outlet");
  }
  if (!q.from.empty()) {
    w.params.text.emplace_back(":from", q.from);
    w.Add("a.published >= :from");
  }
  if (!q.to.empty()) {
    w.params.text.emplace_back(":to", InclusiveUpper(q.to));
    w.Add("a.published <= :to");
  }
  return w;
}

Where Store::Impl::EntityWhere(const EntityQuery& q) const {
  Where w;
  if (!q.name.empty()) {
    w.params.text.emplace_back(":name", q.name);
    w.params.text.emplace_back(":name_like", ContainsPattern(q.name));
    w.params.text.emplace_back(":name_key", NameKey(q.name));
    w.Add(
        "(n.id = :name OR n.name_en LIKE :name_like ESCAPE '\\' OR "
        "(:name_key <> '' AND instr(n.name_key, :name_key) > 0))");
  }
  if (q.type != EntityType::kUnknown) {
    w.params.ints.emplace_back(":type", static_cast<int64_t>(q.type));
    w.Add("n.type = :type");
  }
  if (!q.country.empty()) {
    w.params.text.emplace_back(":country", q.country);
    w.Add("n.country = :country");
  }
  return w;
}

Result<int64_t> Store::Impl::Count(const std::string& sql, const Params& params) {
  ASSIGN_OR_RETURN(Use q, db.Prepare(sql));
  params.BindAll(q);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

// The full id for `id` or an unambiguous prefix of it (6 characters or more) among the rows of
// `table` that meet `condition` ("" for all); "" when nothing matches. `what` names the kind of
// id in the error for an ambiguous prefix.
Result<std::string> Store::Impl::ResolveId(const std::string& id, std::string_view what,
                                           std::string_view table, std::string_view condition) {
  if (id.empty()) return std::string();
  const std::string where = condition.empty() ? "" : " AND " + std::string(condition);
  {
    ASSIGN_OR_RETURN(Use q,
                     db.Prepare("SELECT 1 FROM " + std::string(table) + " WHERE id = :id" + where));
    q.Bind(":id", id);
    ASSIGN_OR_RETURN(bool found, q.Step());
    if (found) return id;
  }
  if (id.size() < 6) return std::string();
  // A range on the id's unique index rather than LIKE/GLOB, which would treat characters of
  // the prefix as wildcards. "\xff" sorts after every UTF-8 byte sequence.
  ASSIGN_OR_RETURN(
      Use q, db.Prepare("SELECT id FROM " + std::string(table) + " WHERE id >= :lo AND id < :hi" +
                        where + " ORDER BY id LIMIT 2"));
  q.Bind(":lo", id);
  q.Bind(":hi", id + "\xff");
  ASSIGN_OR_RETURN(bool found, q.Step());
  if (!found) return std::string();
  std::string first = q.Text(0);
  ASSIGN_OR_RETURN(bool second, q.Step());
  if (second) {
    return Status::InvalidArgument(std::string(what) + " id prefix '" + id + "' is ambiguous (" +
                                   first + ", " + q.Text(0) + ", ...); give more characters");
  }
  return first;
}

Result<std::vector<Event>> Store::Impl::EventsOfArticle(const std::string& id) {
  ASSIGN_OR_RETURN(Use q, db.Prepare("SELECT " + EventColumnList() +
                                     " FROM events WHERE article = :id "
                                     "ORDER BY evidence_start, trigger_start, id"));
  q.Bind(":id", id);
  return ReadAll(q, ReadEvent);
}

// ---- Store

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->db.path(); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           const text::Analyzer& analyzer) {
  auto impl = std::make_unique<Impl>();
  impl->analyzer = &analyzer;
  Connection& db = impl->db;
  RETURN_IF_ERROR(db.Open(path));
  sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
  // The first statement reads the file header: a file that is not a database fails here, with
  // SQLite's "file is not a database", as kInvalidInput naming the path.
  Status readable = [&]() -> Status {
    ASSIGN_OR_RETURN(Use q, db.Prepare("PRAGMA journal_mode = WAL"));
    return q.Step().status();
  }();
  if (!readable.ok()) return db.Error("not a usable SQLite database");
  // NORMAL is durable across application crashes in WAL mode and only risks the last
  // transactions on power loss; FULL would fsync every batch.
  RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON"));
  RETURN_IF_ERROR(internal::RegisterTokenizer(db.handle(), analyzer, path));
  RETURN_IF_ERROR(internal::Migrate(db));
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<WriteResult> Store::WriteBatch(std::span<const ProcessedArticle> articles,
                                      std::span<const RejectRecord> rejects) {
  std::lock_guard lock(impl_->mu);
  if (articles.empty() && rejects.empty()) return WriteResult{};
  return impl_->InTransaction([&] { return impl_->Write(articles, rejects); });
}

Result<bool> Store::HasArticle(const std::string& id) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(Use q, impl_->db.Prepare("SELECT 1 FROM articles WHERE id = :id"));
  q.Bind(":id", id);
  return q.Step();
}

Result<std::vector<ArticleRow>> Store::Articles(const ArticleQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->ArticleWhere(query);
  // Unknown publication dates go last; ties keep the order of ingestion.
  return impl_->Page(std::string("SELECT ") + kArticleColumns + " FROM articles a", w,
                     " ORDER BY a.published IS NULL, a.published DESC, a.seq", query.limit,
                     query.offset, ReadArticleRow);
}

Result<int64_t> Store::CountArticles(const ArticleQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->ArticleWhere(query);
  return impl_->Count("SELECT count(*) FROM articles a" + w.sql, w.params);
}

Result<std::optional<ArticleDetail>> Store::GetArticle(const std::string& id) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(std::string full, impl_->ResolveId(id, "article", "articles", ""));
  if (full.empty()) return std::optional<ArticleDetail>();
  ArticleDetail d;
  {
    ASSIGN_OR_RETURN(Use q, impl_->db.Prepare(std::string("SELECT ") + kArticleColumns +
                                              ", a.text FROM articles a WHERE a.id = :id"));
    q.Bind(":id", full);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return std::optional<ArticleDetail>();
    d.row = ReadArticleRow(q);
    d.row.article.text = q.Text(kArticleColumnCount);
  }
  {
    ASSIGN_OR_RETURN(
        Use q,
        impl_->db.Prepare(
            "SELECT start, \"end\", sentence, first_token, end_token, text, entity, type, kind, "
            "country, actor_code FROM mentions WHERE article = :id ORDER BY start, \"end\""));
    q.Bind(":id", full);
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Mention m;
      m.span = {static_cast<uint32_t>(q.Int(0)), static_cast<uint32_t>(q.Int(1))};
      m.sentence = static_cast<uint32_t>(q.Int(2));
      m.first_token = static_cast<uint32_t>(q.Int(3));
      m.end_token = static_cast<uint32_t>(q.Int(4));
      m.text = q.Text(5);
      m.entity = q.Text(6);
      m.type = static_cast<EntityType>(q.Int(7));
      m.kind = static_cast<MentionKind>(q.Int(8));
      m.country = q.Text(9);
      m.actor_code = q.Text(10);
      d.mentions.push_back(std::move(m));
    }
  }
  {
    ASSIGN_OR_RETURN(
        Use q, impl_->db.Prepare(
                   "SELECT start, \"end\", sentence, text, value, granularity, anchor, historical "
                   "FROM timexes WHERE article = :id ORDER BY start, \"end\""));
    q.Bind(":id", full);
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Timex t;
      t.span = {static_cast<uint32_t>(q.Int(0)), static_cast<uint32_t>(q.Int(1))};
      t.sentence = static_cast<uint32_t>(q.Int(2));
      t.text = q.Text(3);
      t.value = q.Text(4);
      t.granularity = static_cast<Granularity>(q.Int(5));
      t.anchor = q.Text(6);
      t.historical = q.Int(7) != 0;
      d.timexes.push_back(std::move(t));
    }
  }
  ASSIGN_OR_RETURN(d.events, impl_->EventsOfArticle(full));
  return std::optional<ArticleDetail>(std::move(d));
}

Result<std::vector<Event>> Store::Events(const EventQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->EventWhere(query);
  // Newest first, undated last (NULL sorts last in DESC). The trailing keys make the order
  // total, so paging with limit/offset neither repeats nor skips an event; the events_order
  // index has exactly these keys, so an unfiltered page (`rasd export`) walks the index
  // instead of sorting the table.
  return impl_->Page("SELECT " + EventColumnList() + " FROM events", w,
                     " ORDER BY when_value DESC, article, evidence_start, trigger_start, id",
                     query.limit, query.offset, ReadEvent);
}

Result<int64_t> Store::CountEvents(const EventQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->EventWhere(query);
  return impl_->Count("SELECT count(*) FROM events" + w.sql, w.params);
}

namespace {

// A story's first event carries the filters: the same ones as `rasd events`.
EventQuery StoryHeads(const StoryQuery& q) {
  EventQuery e;
  e.actor = q.actor;
  e.type = q.type;
  e.from = q.from;
  e.to = q.to;
  return e;
}

}  // namespace

Result<StoryRow> Store::Impl::StoryRowOf(Event head) {
  ASSIGN_OR_RETURN(
      Use counts,
      db.Prepare("SELECT count(*), count(DISTINCT e.article), count(DISTINCT a.outlet), "
                 "min(e.when_value), max(e.when_value), min(a.published), "
                 "max(a.published) FROM events e JOIN articles a ON a.id = e.article "
                 "WHERE e.story = ?1"));
  ASSIGN_OR_RETURN(
      Use claims,
      db.Prepare("SELECT status, negated, claimant_entity, claimant_name_en, "
                 "claimant_name_ar, claimant_country, claimant_actor_code, count(*) "
                 "FROM events WHERE story = ?1 GROUP BY status, negated, "
                 "claimant_entity, claimant_name_en, claimant_name_ar, claimant_country, "
                 "claimant_actor_code ORDER BY min(rowid)"));
  StoryRow r;
  counts.Bind(1, head.id);
  ASSIGN_OR_RETURN(bool row, counts.Step());
  if (row) {
    r.events = counts.Int(0);
    r.articles = counts.Int(1);
    r.outlets = counts.Int(2);
    r.first_seen = counts.Text(3);
    r.last_seen = counts.Text(4);
    r.first_published = counts.Text(5);
    r.last_published = counts.Text(6);
  }
  claims.Bind(1, head.id);
  while (true) {
    ASSIGN_OR_RETURN(bool more, claims.Step());
    if (!more) break;
    StoryClaim c;
    c.status = static_cast<EventStatus>(claims.Int(0));
    c.negated = claims.Int(1) != 0;
    c.claimant.entity = claims.Text(2);
    c.claimant.name_en = claims.Text(3);
    c.claimant.name_ar = claims.Text(4);
    c.claimant.country = claims.Text(5);
    c.claimant.actor_code = claims.Text(6);
    c.events = claims.Int(7);
    r.claims.push_back(std::move(c));
  }
  r.first = std::move(head);
  return r;
}

Result<std::vector<StoryRow>> Store::Stories(const StoryQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->EventWhere(StoryHeads(query));
  w.Add("story = id");
  ASSIGN_OR_RETURN(std::vector<Event> heads,
                   impl_->Page("SELECT " + EventColumnList() + " FROM events", w,
                               " ORDER BY when_value DESC, article, evidence_start, "
                               "trigger_start, id",
                               query.limit, query.offset, ReadEvent));
  std::vector<StoryRow> rows;
  rows.reserve(heads.size());
  for (Event& head : heads) {
    ASSIGN_OR_RETURN(StoryRow r, impl_->StoryRowOf(std::move(head)));
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<std::optional<StoryDetail>> Store::GetStory(const std::string& id) {
  std::lock_guard lock(impl_->mu);
  // The story's first event, by its id or a unique prefix of 6 or more characters.
  ASSIGN_OR_RETURN(const std::string story, impl_->ResolveId(id, "story", "events", "story = id"));
  if (story.empty()) return std::optional<StoryDetail>();
  ASSIGN_OR_RETURN(Use head,
                   impl_->db.Prepare("SELECT " + EventColumnList() + " FROM events WHERE id = ?1"));
  head.Bind(1, story);
  ASSIGN_OR_RETURN(std::vector<Event> heads, ReadAll(head, ReadEvent));
  if (heads.empty()) return std::optional<StoryDetail>();
  StoryDetail detail;
  ASSIGN_OR_RETURN(detail.row, impl_->StoryRowOf(std::move(heads.front())));
  ASSIGN_OR_RETURN(Use events, impl_->db.Prepare("SELECT " + EventColumnList() +
                                                 " FROM events WHERE story = ?1 ORDER BY rowid"));
  events.Bind(1, story);
  ASSIGN_OR_RETURN(std::vector<Event> list, ReadAll(events, ReadEvent));
  ASSIGN_OR_RETURN(Use article, impl_->db.Prepare("SELECT coalesce(title, ''), coalesce(outlet, "
                                                  "''), coalesce(published, ''), source FROM "
                                                  "articles WHERE id = ?1"));
  for (Event& e : list) {
    StoryReport r;
    article.Reset();
    article.Bind(1, e.article);
    ASSIGN_OR_RETURN(bool row, article.Step());
    if (row) {
      r.title = article.Text(0);
      r.outlet = article.Text(1);
      r.published = article.Text(2);
      r.source = article.Text(3);
    }
    r.event = std::move(e);
    detail.reports.push_back(std::move(r));
  }
  return std::optional<StoryDetail>(std::move(detail));
}

Result<int64_t> Store::CountStories(const StoryQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->EventWhere(StoryHeads(query));
  w.Add("story = id");
  return impl_->Count("SELECT count(*) FROM events" + w.sql, w.params);
}

Result<std::vector<Event>> Store::StoryEventsOfDay(const std::string& date) {
  std::lock_guard lock(impl_->mu);
  // "2024-02-13" <= value < "2024-02-13~" holds the day and its times ("2024-02-13T10:30").
  ASSIGN_OR_RETURN(Use q, impl_->db.Prepare("SELECT " + EventColumnList() +
                                            " FROM events WHERE story IN (SELECT id FROM events "
                                            "WHERE when_value >= ?1 AND when_value < ?1 || '~' "
                                            "AND story = id) ORDER BY rowid"));
  q.Bind(1, date);
  return ReadAll(q, ReadEvent);
}

Result<std::vector<EntityRow>> Store::Entities(const EntityQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->EntityWhere(query);
  return impl_->Page(std::string("SELECT ") + kEntityColumns + " FROM entities n", w,
                     " ORDER BY mention_count DESC, n.id", query.limit, query.offset,
                     ReadEntityRow);
}

Result<int64_t> Store::CountEntities(const EntityQuery& query) {
  std::lock_guard lock(impl_->mu);
  Where w = impl_->EntityWhere(query);
  return impl_->Count("SELECT count(*) FROM entities n" + w.sql, w.params);
}

Result<std::optional<EntityRow>> Store::GetEntity(const std::string& id) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(Use q, impl_->db.Prepare(std::string("SELECT ") + kEntityColumns +
                                            " FROM entities n WHERE n.id = :id"));
  q.Bind(":id", id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<EntityRow>();
  return std::optional<EntityRow>(ReadEntityRow(q));
}

Result<std::vector<SearchHit>> Store::Search(const SearchQuery& query) {
  std::lock_guard lock(impl_->mu);
  const std::string match = MatchExpression(query.text, *impl_->analyzer);
  std::vector<SearchHit> out;
  if (match.empty()) return out;
  // ORDER BY rank lets FTS5 sort by itself, so snippet() runs only for the rows returned.
  ASSIGN_OR_RETURN(
      Use q, impl_->db.Prepare(std::string("SELECT ") + kArticleColumns +
                               ", snippet(articles_fts, -1, '[', ']', '…', 24), articles_fts.rank "
                               "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                               "WHERE articles_fts MATCH :match ORDER BY articles_fts.rank LIMIT "
                               ":limit OFFSET :offset"));
  q.Bind(":match", match);
  BindPage(q, query.limit, query.offset);
  return ReadAll(q, [](const Use& r) {
    SearchHit hit;
    hit.row = ReadArticleRow(r);
    hit.snippet = r.Text(kArticleColumnCount);
    hit.rank = r.Double(kArticleColumnCount + 1);
    return hit;
  });
}

Result<int64_t> Store::CountSearch(const SearchQuery& query) {
  std::lock_guard lock(impl_->mu);
  const std::string match = MatchExpression(query.text, *impl_->analyzer);
  if (match.empty()) return int64_t{0};
  Params p;
  p.text.emplace_back(":match", match);
  return impl_->Count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :match", p);
}

Result<std::vector<RejectRecord>> Store::Rejects(int64_t limit, int64_t offset) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(
      Use q, impl_->db.Prepare("SELECT source, reason, message, at FROM rejects ORDER BY id DESC "
                               "LIMIT :limit OFFSET :offset"));
  BindPage(q, limit, offset);
  return ReadAll(q, [](const Use& r) {
    return RejectRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3)};
  });
}

Result<Stats> Store::GetStats() {
  std::lock_guard lock(impl_->mu);
  Connection& db = impl_->db;
  Stats s;
  ASSIGN_OR_RETURN(s.articles, db.QueryInt("SELECT count(*) FROM articles"));
  ASSIGN_OR_RETURN(s.duplicates,
                   db.QueryInt("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"));
  ASSIGN_OR_RETURN(s.events, db.QueryInt("SELECT count(*) FROM events"));
  ASSIGN_OR_RETURN(s.entities, db.QueryInt("SELECT count(*) FROM entities"));
  ASSIGN_OR_RETURN(s.mentions, db.QueryInt("SELECT count(*) FROM mentions"));
  ASSIGN_OR_RETURN(s.rejects, db.QueryInt("SELECT count(*) FROM rejects"));
  auto group = [&](const char* sql, std::map<std::string, int64_t>& into) -> Status {
    ASSIGN_OR_RETURN(Use q, db.Prepare(sql));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      into[q.Text(0)] = q.Int(1);
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(group("SELECT type, count(*) FROM events GROUP BY type", s.events_by_type));
  RETURN_IF_ERROR(
      group("SELECT reason, count(*) FROM rejects GROUP BY reason", s.rejects_by_reason));
  RETURN_IF_ERROR(
      group("SELECT format, count(*) FROM articles GROUP BY format", s.articles_by_format));
  ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version"));
  s.schema_version = static_cast<int>(version);
  ASSIGN_OR_RETURN(int64_t pages, db.QueryInt("PRAGMA page_count"));
  ASSIGN_OR_RETURN(int64_t page_size, db.QueryInt("PRAGMA page_size"));
  s.db_bytes = pages * page_size;
  return s;
}

Status Store::SetDuplicateOf(const std::string& id, const std::string& original,
                             double similarity) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(Use q, impl_->db.Prepare("UPDATE articles SET duplicate_of = :original, "
                                            "similarity = :similarity WHERE id = :id"));
  q.Bind(":id", id);
  q.BindNullIfEmpty(":original", original);
  q.BindDouble(":similarity", original.empty() ? NAN : similarity);
  RETURN_IF_ERROR(q.Run());
  if (sqlite3_changes(impl_->db.handle()) == 0) {
    return Status::NotFound(impl_->db.path() + ": no article with id '" + id + "'");
  }
  return Status::Ok();
}

namespace {

// Runs a query of two text columns with ?1 bound to `scheme`, a row at a time.
Status EachRow(Connection& db, const std::string& sql, std::string_view scheme,
               const std::function<void(std::string_view, std::string_view)>& fn) {
  ASSIGN_OR_RETURN(Use q, db.Prepare(sql));
  q.Bind(1, scheme);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    fn(q.View(0), q.View(1));
  }
  return Status::Ok();
}

}  // namespace

Status Store::ForEachSignature(
    std::string_view scheme,
    const std::function<void(std::string_view id, std::string_view bytes)>& fn) {
  std::lock_guard lock(impl_->mu);
  return EachRow(impl_->db,
                 "SELECT a.id, s.signature FROM articles a "
                 "JOIN signatures s ON s.article = a.id "
                 "WHERE a.duplicate_of IS NULL AND s.scheme = ?1 ORDER BY a.seq",
                 scheme, fn);
}

Status Store::ForEachPassage(
    const std::function<void(std::string_view id, std::string_view published, uint32_t sentence,
                             std::string_view terms, bool background)>& fn) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(
      Use q, impl_->db.Prepare("SELECT a.id, coalesce(a.published, ''), p.sentence, p.terms, "
                               "p.background FROM passages p JOIN articles a ON a.id = p.article "
                               "ORDER BY a.seq, p.sentence"));
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return Status::Ok();
    fn(q.View(0), q.View(1), static_cast<uint32_t>(q.Int(2)), q.View(3), q.Int(4) != 0);
  }
}

Result<std::vector<StoryChange>> Store::MarkBackground(std::span<const SentenceRef> sentences) {
  std::lock_guard lock(impl_->mu);
  std::vector<StoryChange> changes;
  if (sentences.empty()) return changes;
  RETURN_IF_ERROR(impl_->InTransaction([&]() -> Status {
    ASSIGN_OR_RETURN(Use passage, impl_->db.Prepare("UPDATE passages SET background = 1 WHERE "
                                                    "article = ?1 AND sentence = ?2"));
    ASSIGN_OR_RETURN(Use events, impl_->db.Prepare("SELECT id, coalesce(story, '') FROM events "
                                                   "WHERE article = ?1 AND evidence_sentence = ?2 "
                                                   "ORDER BY rowid"));
    ASSIGN_OR_RETURN(Use mark, impl_->db.Prepare("UPDATE events SET background = 1, "
                                                 "when_historical = 1, story = NULL, sources = 1 "
                                                 "WHERE id = ?1"));
    ASSIGN_OR_RETURN(Use next, impl_->db.Prepare("SELECT id FROM events WHERE story = ?1 "
                                                 "ORDER BY rowid LIMIT 1"));
    ASSIGN_OR_RETURN(Use rehead,
                     impl_->db.Prepare("UPDATE events SET story = ?2 WHERE story = ?1"));
    std::set<std::string> touched;  // stories that lost an event
    for (const SentenceRef& ref : sentences) {
      passage.Reset();
      passage.Bind(1, ref.article);
      passage.BindInt(2, ref.sentence);
      RETURN_IF_ERROR(passage.Run());
      std::vector<std::pair<std::string, std::string>> found;  // id, story
      events.Reset();
      events.Bind(1, ref.article);
      events.BindInt(2, ref.sentence);
      while (true) {
        ASSIGN_OR_RETURN(bool row, events.Step());
        if (!row) break;
        found.emplace_back(events.Text(0), events.Text(1));
      }
      for (const auto& [id, story] : found) {
        mark.Reset();
        mark.Bind(1, id);
        RETURN_IF_ERROR(mark.Run());
        if (story.empty()) continue;
        if (story != id) {
          touched.insert(story);
          continue;
        }
        // The event headed its story: the story's next event in ingestion order heads it now.
        next.Reset();
        next.Bind(1, id);
        ASSIGN_OR_RETURN(bool more, next.Step());
        const std::string head = more ? next.Text(0) : "";
        if (!head.empty()) {
          rehead.Reset();
          rehead.Bind(1, id);
          rehead.Bind(2, head);
          RETURN_IF_ERROR(rehead.Run());
          touched.erase(id);
          touched.insert(head);
        }
        changes.push_back({.old_story = id, .new_story = head});
      }
    }
    const std::set<std::string_view> views(touched.begin(), touched.end());
    return impl_->UpdateSources(views);
  }));
  return changes;
}

Status Store::ForEachUnsigned(
    std::string_view scheme,
    const std::function<void(std::string_view id, std::string_view text)>& fn) {
  std::lock_guard lock(impl_->mu);
  return EachRow(impl_->db,
                 "SELECT a.id, a.text FROM articles a WHERE a.duplicate_of IS NULL "
                 "AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.article = a.id "
                 "AND s.scheme = ?1) ORDER BY a.seq",
                 scheme, fn);
}

Status Store::SaveSignatures(std::string_view scheme,
                             std::span<const std::pair<std::string, std::string>> signatures) {
  std::lock_guard lock(impl_->mu);
  if (signatures.empty()) return Status::Ok();
  RETURN_IF_ERROR(impl_->Begin());
  for (const auto& [id, bytes] : signatures) {
    Status s = impl_->InsertSignature(id, scheme, bytes);
    if (!s.ok()) {
      impl_->Rollback();
      return s;
    }
  }
  Status commit = impl_->Commit();
  if (!commit.ok()) impl_->Rollback();
  return commit;
}

}  // namespace rasd::store
