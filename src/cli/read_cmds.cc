// The reading subcommands: they parse flags into query::Params, so they accept exactly what
// the HTTP API accepts, and print with the renderings in query/.
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "query/query.h"

namespace rasd::cli {
namespace {

// Flags shared by list commands: the raw strings go to query::Parse*, which validates them.
struct ListFlags {
  std::string format = "table";
  std::string limit;
  std::string offset;
};

void AddListFlags(CLI::App* sub, ListFlags& f, const std::string& formats) {
  sub->add_option("--format", f.format, "Output: " + formats)->capture_default_str();
  sub->add_option("--limit", f.limit, "At most this many rows (1-10000, default 100)");
  sub->add_option("--offset", f.offset, "Skip this many rows first");
}

void Put(query::Params& p, const std::string& key, const std::string& value) {
  if (!value.empty()) p[key] = value;
}

void PutList(query::Params& p, const ListFlags& f) {
  Put(p, "limit", f.limit);
  Put(p, "offset", f.offset);
}

// Runs a read command with the database open; errors become exit code 2.
int WithDb(const Globals& g, const std::function<Status(store::Store&)>& body) {
  Result<OpenDb> open = OpenExisting(g.db);
  if (!open.ok()) return Fail(open.status());
  Status s = body(*open->db);
  return s.ok() ? kExitOk : Fail(s);
}

// JSON output is one object per line (JSON Lines) so it streams into jq, pandas and R.
template <typename Row, typename ToJson>
void PrintJsonLines(const std::vector<Row>& rows, ToJson to_json) {
  for (const Row& r : rows) std::cout << to_json(r).dump() << "\n";
}

// Rows in the format asked: JSON Lines, CSV or a table.
template <typename Row, typename ToJson, typename ToCsv, typename ToTable>
void PrintRows(query::Format format, const std::vector<Row>& rows, ToJson to_json, ToCsv to_csv,
               ToTable to_table) {
  if (format == query::Format::kJson || format == query::Format::kJsonl) {
    PrintJsonLines(rows, to_json);
  } else if (format == query::Format::kCsv) {
    std::cout << to_csv(rows);
  } else {
    std::cout << to_table(rows);
  }
}

}  // namespace

Command AddArticles(CLI::App& app, const Globals& g) {
  struct Opts {
    ListFlags list;
    std::string outlet, from, to;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("articles", "List stored articles, newest first");
  AddListFlags(sub, o->list, "table, json (one object per line) or csv");
  sub->add_option("--outlet", o->outlet, "Only this outlet");
  sub->add_option("--from", o->from, "Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--to", o->to, "Published on or before (inclusive)");
  sub->footer("Example:\n  rasd articles --from 2024-08 --format json | jq .title");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              query::Params p;
              Put(p, "outlet", o->outlet);
              Put(p, "from", o->from);
              Put(p, "to", o->to);
              PutList(p, o->list);
              ASSIGN_OR_RETURN(query::Format format, query::ParseFormat(o->list.format));
              ASSIGN_OR_RETURN(store::ArticleQuery q, query::ParseArticleQuery(p));
              ASSIGN_OR_RETURN(std::vector<store::ArticleRow> rows, db.Articles(q));
              PrintRows(
                  format, rows, [](const auto& r) { return query::ArticleJson(r, false); },
                  [](const auto& all) { return query::ArticlesCsv(all); },
                  [](const auto& all) { return query::ArticlesTable(all); });
              return Status::Ok();
            });
          }};
}

Command AddShow(CLI::App& app, const Globals& g) {
  struct Opts {
    std::string id;
    std::string format = "text";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "show", "One article with its entities marked [[like this|entity]] and its events");
  sub->add_option("id", o->id, "Article id, or a unique prefix of 6 or more characters")
      ->required();
  sub->add_option("--format", o->format, "text or json")->capture_default_str();
  sub->footer("Example:\n  rasd show 3f2a91c0");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              if (o->format != "text" && o->format != "json") {
                return Status::InvalidArgument("--format: '" + o->format +
                                               "' is not one of text, json");
              }
              ASSIGN_OR_RETURN(std::optional<store::ArticleDetail> d, db.GetArticle(o->id));
              if (!d) return Status::NotFound("no article with id '" + o->id + "'");
              if (o->format == "json") {
                std::cout << query::ArticleDetailJson(*d).dump(2) << "\n";
                return Status::Ok();
              }
              const Article& a = d->row.article;
              std::cout << "id:        " << a.id << "\n"
                        << "title:     " << a.title << "\n"
                        << "outlet:    " << a.outlet << "\n"
                        << "published: " << (a.published.empty() ? "unknown" : a.published)
                        << "\n"
                        << "url:       " << a.url << "\n"
                        << "source:    " << a.source << "\n";
              if (!d->row.duplicate_of.empty()) {
                std::cout << "copy of:   " << d->row.duplicate_of << " (similarity "
                          << std::fixed << std::setprecision(2) << d->row.similarity
                          << std::defaultfloat << ", not coded: its events are the original's)\n";
              }
              std::cout << "\n" << query::MarkedText(*d) << "\n";
              std::cout << "\nevents (" << d->events.size() << "):\n"
                        << query::EventsTable(d->events);
              return Status::Ok();
            });
          }};
}

Command AddEntities(CLI::App& app, const Globals& g) {
  struct Opts {
    ListFlags list;
    std::string name, type, country;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub =
      app.add_subcommand("entities", "Entities mentioned in stored articles, most mentioned first");
  AddListFlags(sub, o->list, "table, json (one object per line) or csv");
  sub->add_option("--name", o->name, "Part of the English or Arabic name");
  sub->add_option("--type", o->type, "country, place, person, organization, igo or group");
  sub->add_option("--country", o->country, "ISO 3166 alpha-3 code, e.g. ARM");
  sub->footer("Example:\n  rasd entities --type person --country RUS");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              query::Params p;
              Put(p, "name", o->name);
              Put(p, "type", o->type);
              Put(p, "country", o->country);
              PutList(p, o->list);
              ASSIGN_OR_RETURN(query::Format format, query::ParseFormat(o->list.format));
              ASSIGN_OR_RETURN(store::EntityQuery q, query::ParseEntityQuery(p));
              ASSIGN_OR_RETURN(std::vector<store::EntityRow> rows, db.Entities(q));
              PrintRows(
                  format, rows, [](const auto& r) { return query::EntityJson(r); },
                  [](const auto& all) { return query::EntitiesCsv(all); },
                  [](const auto& all) { return query::EntitiesTable(all); });
              return Status::Ok();
            });
          }};
}

Command AddEvents(CLI::App& app, const Globals& g) {
  struct Opts {
    ListFlags list;
    std::string actor, type, from, to, place, article;
    bool no_historical = false;
    bool no_referenced = false;
    std::string min_confidence;
    bool unique = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("events", "Coded events, newest first");
  AddListFlags(sub, o->list, "table, json (one object per line) or csv");
  sub->add_option("--actor", o->actor,
                  "Source or target: entity id, actor code (RUSGOV), country (RUS) or name");
  sub->add_option("--type", o->type, "PLOVER type: CONSULT, ASSAULT, ACCUSE, AGREE, REQUEST...");
  sub->add_option("--from", o->from, "On or after (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--to", o->to, "On or before (inclusive)");
  sub->add_option("--place", o->place, "Location entity id or name");
  sub->add_option("--article", o->article, "Events of one article");
  sub->add_flag("--no-historical", o->no_historical,
                "Leave out background events (old news retold in an article)");
  sub->add_flag("--no-referenced", o->no_referenced,
                "Leave out events a sentence only refers to (an attack it says was condemned, "
                "the killing an arrest followed): only the events sentences report");
  sub->add_option("--min-confidence", o->min_confidence,
                  "Only events of at least this confidence (0 to 1; from 0.5 rasd counts an "
                  "event as reported, docs/events.md)");
  sub->add_flag("--unique", o->unique,
                "One event per story (its first report); see `rasd stories`");
  sub->footer(
      "Examples:\n"
      "  rasd events --type CONSULT --actor RUS --from 2023-08\n"
      "  rasd events --unique --no-historical --no-referenced --min-confidence 0.5\n"
      "  rasd events --actor 'Lavrov' --format json\n"
      "  rasd events --format csv > events.csv");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              query::Params p;
              Put(p, "actor", o->actor);
              Put(p, "type", o->type);
              Put(p, "from", o->from);
              Put(p, "to", o->to);
              Put(p, "place", o->place);
              Put(p, "article", o->article);
              if (o->no_historical) p["historical"] = "false";
              if (o->no_referenced) p["referenced"] = "false";
              Put(p, "min_confidence", o->min_confidence);
              if (o->unique) p["unique"] = "true";
              PutList(p, o->list);
              ASSIGN_OR_RETURN(query::Format format, query::ParseFormat(o->list.format));
              ASSIGN_OR_RETURN(store::EventQuery q, query::ParseEventQuery(p));
              ASSIGN_OR_RETURN(std::vector<Event> events, db.Events(q));
              PrintRows(
                  format, events, [](const auto& e) { return query::EventJson(e); },
                  [](const auto& all) { return query::EventsCsv(all); },
                  [](const auto& all) { return query::EventsTable(all); });
              return Status::Ok();
            });
          }};
}

Command AddStories(CLI::App& app, const Globals& g) {
  struct Opts {
    ListFlags list;
    std::string id, actor, type, from, to;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "stories", "Stories: one line per real-world event, with its reports, outlets and claims");
  sub->add_option("id",
                  o->id,
                  "One story (its id or a unique prefix of 6 or more characters): every report "
                  "with its outlet and sentence, grouped by what it claims");
  AddListFlags(sub, o->list, "table, json (one object per line) or csv");
  sub->add_option("--actor", o->actor,
                  "Source or target of the first report: entity id, actor code, country or name");
  sub->add_option("--type", o->type, "PLOVER type: CONSULT, ASSAULT, ACCUSE, AGREE, REQUEST...");
  sub->add_option("--from", o->from, "First report on or after (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--to", o->to, "First report on or before (inclusive)");
  sub->footer(
      "Newest first. A story groups the events of one type between the same two sides within\n"
      "a day of its first report, where their places agree; undated and background events\n"
      "belong to none.\n"
      "Examples:\n"
      "  rasd stories --type ASSAULT --actor ARM\n"
      "  rasd stories --format json --limit 10\n"
      "  rasd stories 3b4b66a1b2c3          # one story, claims side by side");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              if (!o->id.empty()) {
                ASSIGN_OR_RETURN(query::Format format, query::ParseFormat(o->list.format));
                if (format == query::Format::kCsv) {
                  return Status::InvalidArgument(
                      "--format csv lists stories; one story prints as table or json");
                }
                ASSIGN_OR_RETURN(std::optional<store::StoryDetail> d, db.GetStory(o->id));
                if (!d) {
                  return Status::NotFound("no story with id '" + o->id + "'" +
                                          (o->id.size() < 6
                                               ? " (a prefix needs at least 6 characters)"
                                               : ""));
                }
                if (format == query::Format::kTable) {
                  std::cout << query::StoryText(*d);
                } else {
                  std::cout << query::StoryDetailJson(*d).dump(format == query::Format::kJson ? 2
                                                                                              : -1)
                            << "\n";
                }
                return Status::Ok();
              }
              query::Params p;
              Put(p, "actor", o->actor);
              Put(p, "type", o->type);
              Put(p, "from", o->from);
              Put(p, "to", o->to);
              PutList(p, o->list);
              ASSIGN_OR_RETURN(query::Format format, query::ParseFormat(o->list.format));
              ASSIGN_OR_RETURN(store::StoryQuery q, query::ParseStoryQuery(p));
              ASSIGN_OR_RETURN(std::vector<store::StoryRow> rows, db.Stories(q));
              PrintRows(
                  format, rows, [](const auto& r) { return query::StoryJson(r); },
                  [](const auto& all) { return query::StoriesCsv(all); },
                  [](const auto& all) { return query::StoriesTable(all); });
              return Status::Ok();
            });
          }};
}

Command AddSearch(CLI::App& app, const Globals& g) {
  struct Opts {
    std::vector<std::string> words;
    ListFlags list;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "search", "Full-text search over normalised Arabic (diacritics, hamza and clitics folded)");
  sub->add_option("query", o->words, "Words that must all occur; \"quoted phrase\" for a phrase")
      ->required();
  AddListFlags(sub, o->list, "table or json (one object per line)");
  sub->footer("Examples:\n  rasd search لافروف\n  rasd search '\"وقف إطلاق النار\"' --format json");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              query::Params p;
              std::string text;
              for (const std::string& w : o->words) text += (text.empty() ? "" : " ") + w;
              p["q"] = text;
              PutList(p, o->list);
              ASSIGN_OR_RETURN(query::Format format, query::ParseFormat(o->list.format));
              ASSIGN_OR_RETURN(store::SearchQuery q, query::ParseSearchQuery(p));
              ASSIGN_OR_RETURN(std::vector<store::SearchHit> hits, db.Search(q));
              if (format == query::Format::kJson || format == query::Format::kJsonl) {
                PrintJsonLines(hits, [](const store::SearchHit& h) { return query::SearchHitJson(h); });
              } else if (format == query::Format::kCsv) {
                return Status::InvalidArgument("--format: search prints table or json");
              } else {
                std::cout << query::SearchTable(hits);
              }
              return Status::Ok();
            });
          }};
}

Command AddExport(CLI::App& app, const Globals& g) {
  struct Opts {
    std::string format = "jsonl";
    std::string what = "events";
    std::string output;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("export", "Everything of one kind, for pandas, R or jq");
  sub->add_option("--format", o->format, "jsonl or csv")->capture_default_str();
  sub->add_option("--what", o->what, "events, articles (with text) or entities")
      ->capture_default_str();
  sub->add_option("-o,--output", o->output, "Write to this file instead of standard output");
  sub->footer(
      "Examples:\n  rasd export --format csv -o events.csv\n"
      "  rasd export --what articles --format jsonl | gzip > articles.jsonl.gz");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              if (o->format != "jsonl" && o->format != "csv") {
                return Status::InvalidArgument("--format: '" + o->format +
                                               "' is not one of jsonl, csv");
              }
              if (o->what != "events" && o->what != "articles" && o->what != "entities") {
                return Status::InvalidArgument("--what: '" + o->what +
                                               "' is not one of events, articles, entities");
              }
              std::ofstream file;
              if (!o->output.empty()) {
                file.open(o->output, std::ios::binary);
                if (!file) return Status::IoError(o->output + ": cannot open for writing");
              }
              std::ostream& out = o->output.empty() ? std::cout : file;
              const bool csv = o->format == "csv";
              constexpr int64_t kPage = 2000;
              for (int64_t offset = 0;; offset += kPage) {
                size_t n = 0;
                if (o->what == "events") {
                  store::EventQuery q;
                  q.limit = kPage;
                  q.offset = offset;
                  ASSIGN_OR_RETURN(std::vector<Event> rows, db.Events(q));
                  n = rows.size();
                  if (csv) {
                    out << query::EventsCsv(rows, offset == 0);
                  } else {
                    for (const Event& e : rows) out << query::EventJson(e).dump() << "\n";
                  }
                } else if (o->what == "articles") {
                  store::ArticleQuery q;
                  q.limit = kPage;
                  q.offset = offset;
                  ASSIGN_OR_RETURN(std::vector<store::ArticleRow> rows, db.Articles(q));
                  n = rows.size();
                  if (csv) {
                    out << query::ArticlesCsv(rows, offset == 0);
                  } else {
                    for (const store::ArticleRow& r : rows) {
                      // The list query leaves text out; fetch each article in full.
                      ASSIGN_OR_RETURN(std::optional<store::ArticleDetail> d,
                                       db.GetArticle(r.article.id));
                      if (d) out << query::ArticleJson(d->row, true).dump() << "\n";
                    }
                  }
                } else {
                  store::EntityQuery q;
                  q.limit = kPage;
                  q.offset = offset;
                  ASSIGN_OR_RETURN(std::vector<store::EntityRow> rows, db.Entities(q));
                  n = rows.size();
                  if (csv) {
                    out << query::EntitiesCsv(rows, offset == 0);
                  } else {
                    for (const auto& r : rows) out << query::EntityJson(r).dump() << "\n";
                  }
                }
                if (n < static_cast<size_t>(kPage)) break;
              }
              out.flush();
              if (!out) return Status::IoError((o->output.empty() ? "stdout" : o->output) +
                                               ": write failed");
              return Status::Ok();
            });
          }};
}

Command AddStats(CLI::App& app, const Globals& g) {
  auto format = std::make_shared<std::string>("table");
  CLI::App* sub = app.add_subcommand("stats", "Counts of articles, events, entities and rejects");
  sub->add_option("--format", *format, "table or json")->capture_default_str();
  sub->footer("Example:\n  rasd --db news.db stats --format json");
  return {sub, [format, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              ASSIGN_OR_RETURN(store::Stats s, db.GetStats());
              if (*format == "json") {
                std::cout << query::StatsJson(s).dump(2) << "\n";
              } else if (*format == "table") {
                std::cout << query::StatsTable(s);
              } else {
                return Status::InvalidArgument("--format: '" + *format +
                                               "' is not one of table, json");
              }
              return Status::Ok();
            });
          }};
}

Command AddRejects(CLI::App& app, const Globals& g) {
  struct Opts {
    ListFlags list;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("rejects", "Inputs that were not stored, with the reason");
  AddListFlags(sub, o->list, "table or json (one object per line)");
  sub->footer("Example:\n  rasd rejects --format json");
  return {sub, [o, &g] {
            return WithDb(g, [&](store::Store& db) -> Status {
              int64_t limit = 100, offset = 0;
              try {
                if (!o->list.limit.empty()) limit = std::stoll(o->list.limit);
                if (!o->list.offset.empty()) offset = std::stoll(o->list.offset);
              } catch (const std::exception&) {
                return Status::InvalidArgument("--limit/--offset: not an integer");
              }
              if (limit < 1 || offset < 0) {
                return Status::InvalidArgument("--limit must be >= 1 and --offset >= 0");
              }
              ASSIGN_OR_RETURN(std::vector<store::RejectRecord> rows, db.Rejects(limit, offset));
              for (const store::RejectRecord& r : rows) {
                if (o->list.format == "json" || o->list.format == "jsonl") {
                  std::cout << query::RejectJson(r).dump() << "\n";
                } else {
                  std::cout << r.at << "  " << r.reason << "  " << r.source << "  " << r.message
                            << "\n";
                }
              }
              return Status::Ok();
            });
          }};
}

}  // namespace rasd::cli
