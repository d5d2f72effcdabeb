// Debugging faces of single stages: read a file or "-", write JSONL, store nothing, so a stage
// can be run and piped alone.
#include <iostream>
#include <nlohmann/json.hpp>

#include "clean/clean.h"
#include "cli/commands.h"
#include "ingest/ingest.h"
#include "ner/ner.h"
#include "pipeline/pipeline.h"
#include "query/query.h"
#include "time/time.h"

namespace rasd::cli {
namespace {

// Reads every document of `paths` and calls `fn` on each; rejections go to stderr.
// Returns the exit code.
int ForEachDocument(const std::vector<std::string>& paths,
                    const std::function<void(const ingest::RawDocument&)>& fn) {
  ingest::Reader reader(paths, {});
  bool rejected = false;
  while (std::optional<ingest::Item> item = reader.Next()) {
    if (item->kind == ingest::ItemKind::kRejection) {
      std::cerr << "rasd: rejected " << item->rejection.source << ": "
                << ingest::RejectReasonName(item->rejection.reason) << ": "
                << item->rejection.message << "\n";
      rejected = true;
    } else if (item->kind == ingest::ItemKind::kDocument) {
      fn(item->document);
    }
  }
  return rejected ? kExitRejected : kExitOk;
}

// Cleans every document of `paths` as ingest does (lines recurring across the earlier
// documents of a site go) and calls `fn` on each; cleaning failures go to stderr.
int ForEachCleaned(const std::vector<std::string>& paths,
                   const std::function<void(const ingest::RawDocument&, clean::Cleaned&)>& fn) {
  clean::Cleaner cleaner;
  clean::RecurringLines learned;
  return ForEachDocument(paths, [&](const ingest::RawDocument& raw) {
    Result<clean::Cleaned> c = cleaner.Clean(raw, learned.Learn(raw));
    if (!c.ok()) {
      std::cerr << "rasd: " << c.status().message() << "\n";
      return;
    }
    fn(raw, *c);
  });
}

}  // namespace

Command AddText(CLI::App& app, const Globals& /*globals*/) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand(
      "text", "Debug: sentences, tokens, clitics and normalised keys of a file, as JSONL");
  sub->add_option("paths", *paths, "Files, folders, or - for standard input")->required();
  sub->footer("Example:\n  echo 'وقال لافروف لنظيره.' | rasd text -");
  return {sub, [paths] {
            Result<text::Analyzer> analyzer = text::Analyzer::Load();
            if (!analyzer.ok()) return Fail(analyzer.status());
            return ForEachCleaned(*paths, [&](const ingest::RawDocument& raw, clean::Cleaned& c) {
              const std::string& t = c.article.text;
              text::Analysis a = analyzer->Analyze(t);
              for (size_t i = 0; i < a.sentences.size(); ++i) {
                const Sentence& s = a.sentences[i];
                nlohmann::json tokens = nlohmann::json::array();
                for (uint32_t k = s.first_token; k < s.end_token; ++k) {
                  const Token& tok = a.tokens[k];
                  // The token's syntactic words as `rasd eval seg` scores them.
                  nlohmann::json segments = analyzer->Segments(tok.span.In(t));
                  tokens.push_back({{"text", std::string(tok.span.In(t))},
                                    {"start", tok.span.start},
                                    {"end", tok.span.end},
                                    {"kind", TokenKindName(tok.kind)},
                                    {"key", tok.key},
                                    {"stem", tok.stem},
                                    {"proclitics", tok.proclitics},
                                    {"enclitic", tok.enclitic},
                                    {"segments", std::move(segments)}});
                }
                nlohmann::json line = {
                    {"source", raw.source},   {"sentence", i},
                    {"start", s.span.start},  {"end", s.span.end},
                    {"dateline", s.dateline}, {"text", std::string(s.span.In(t))},
                    {"tokens", tokens}};
                std::cout << line.dump() << "\n";
              }
            });
          }};
}

Command AddClean(CLI::App& app, const Globals& /*globals*/) {
  struct Opts {
    std::vector<std::string> paths;
    bool show_dropped = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub =
      app.add_subcommand("clean",
                         "Debug: the clean article text and metadata of a page as JSONL, and with "
                         "--show-dropped the boilerplate removed and why");
  sub->add_option("paths", o->paths, "Files, folders, or - for standard input")->required();
  sub->add_flag("--show-dropped", o->show_dropped,
                "Also list every dropped block (read-also, tag-list, teaser...) with its reason");
  sub->footer("Example:\n  rasd clean page.html --show-dropped | jq -r '.dropped[].reason'");
  return {sub, [o] {
            return ForEachCleaned(o->paths, [&](const ingest::RawDocument&, clean::Cleaned& c) {
              const Article& a = c.article;
              nlohmann::json line = {{"source", a.source}, {"format", a.format},
                                     {"title", a.title},   {"url", a.url},
                                     {"outlet", a.outlet}, {"published", a.published},
                                     {"text", a.text},     {"warnings", c.warnings}};
              if (o->show_dropped) {
                nlohmann::json dropped = nlohmann::json::array();
                for (const clean::Dropped& d : c.dropped) {
                  dropped.push_back({{"reason", clean::DropReasonName(d.reason)},
                                     {"start", d.start},
                                     {"end", d.end},
                                     {"text", d.text}});
                }
                line["dropped"] = dropped;
              }
              std::cout << line.dump() << "\n";
            });
          }};
}

Command AddNer(CLI::App& app, const Globals& /*globals*/) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand(
      "ner",
      "Debug: the entity mentions of a file as JSONL, one a line, each with the canonical "
      "entity it links to");
  sub->add_option("paths", *paths, "Files, folders, or - for standard input")->required();
  sub->footer(
      "Example:\n  echo 'قال وزير الخارجية الروسي سيرغي لافروف إن موسكو...' | rasd ner -\n"
      "  rasd ner article.txt | jq -r 'select(.entity == null) | .text'");
  return {sub, [paths] {
            Result<text::Analyzer> analyzer = text::Analyzer::Load();
            if (!analyzer.ok()) return Fail(analyzer.status());
            Result<ner::Recognizer> recognizer = ner::Recognizer::Load(*analyzer);
            if (!recognizer.ok()) return Fail(recognizer.status());
            return ForEachCleaned(*paths, [&](const ingest::RawDocument& raw, clean::Cleaned& c) {
              const std::string& text = c.article.text;
              const text::Analysis analysis = analyzer->Analyze(text);
              for (const Mention& m : recognizer->Recognize(text, analysis)) {
                nlohmann::json line = query::MentionJson(m);
                line["source"] = raw.source;
                // The canonical entity, or null for a name the lexicon lacks: the name as
                // written is then the document-local entity.
                const Entity* e = m.entity.empty() ? nullptr : recognizer->FindEntity(m.entity);
                line["name_en"] = e != nullptr && !e->name_en.empty() ? nlohmann::json(e->name_en)
                                                                      : nlohmann::json(nullptr);
                line["name_ar"] =
                    e != nullptr ? nlohmann::json(e->name_ar) : nlohmann::json(m.text);
                std::cout << line.dump() << "\n";
              }
            });
          }};
}

Command AddTime(CLI::App& app, const Globals& /*globals*/) {
  struct Opts {
    std::vector<std::string> paths;
    std::string published;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "time",
      "Debug: the date and time expressions of a file as JSONL, one a line, normalised "
      "against the publication date");
  sub->add_option("paths", o->paths, "Files, folders, or - for standard input")->required();
  sub->add_option("--published", o->published,
                  "Publication date (YYYY-MM-DD); overrides the one the input carries");
  sub->footer(
      "Example:\n  echo 'وصل الوزير أمس الأربعاء إلى باكو.' | rasd time - --published 2023-08-17\n"
      "  rasd time article.txt --published 2023-08-16 | jq -r '[.text, .value] | @tsv'");
  return {sub, [o] {
            if (!o->published.empty() && clean::NormalizeIsoDate(o->published).empty()) {
              return Fail("--published: '" + o->published + "' is not an ISO 8601 date");
            }
            Result<text::Analyzer> analyzer = text::Analyzer::Load();
            if (!analyzer.ok()) return Fail(analyzer.status());
            Result<time::Tagger> tagger = time::Tagger::Load(*analyzer);
            if (!tagger.ok()) return Fail(tagger.status());
            return ForEachCleaned(o->paths, [&](const ingest::RawDocument& raw, clean::Cleaned& c) {
              const std::string& text = c.article.text;
              const std::string published = o->published.empty()
                                                ? c.article.published
                                                : clean::NormalizeIsoDate(o->published);
              const text::Analysis analysis = analyzer->Analyze(text);
              for (const Timex& t : tagger->Tag(text, analysis, published)) {
                nlohmann::json line = query::TimexJson(t);
                line["source"] = raw.source;
                line["published"] = published;
                std::cout << line.dump() << "\n";
              }
            });
          }};
}

Command AddCode(CLI::App& app, const Globals& /*globals*/) {
  struct Opts {
    std::vector<std::string> paths;
    std::string published;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand(
      "code",
      "Debug: run every stage on a file and print its mentions, dates and events as "
      "JSONL, storing nothing");
  sub->add_option("paths", o->paths, "Files, folders, or - for standard input")->required();
  sub->add_option("--published", o->published,
                  "Publication date (YYYY-MM-DD) for inputs that carry none");
  sub->footer("Example:\n  rasd code article.txt --published 2023-08-16 | jq '.events[].gloss'");
  return {sub, [o] {
            Result<std::unique_ptr<pipeline::Engine>> engine = pipeline::Engine::Load();
            if (!engine.ok()) return Fail(engine.status());
            if (!o->published.empty() && clean::NormalizeIsoDate(o->published).empty()) {
              return Fail("--published: '" + o->published + "' is not an ISO 8601 date");
            }
            return ForEachDocument(o->paths, [&](const ingest::RawDocument& raw) {
              ingest::RawDocument doc = raw;
              if (!o->published.empty()) doc.published = o->published;
              Result<store::ProcessedArticle> p = (*engine)->Process(doc);
              if (!p.ok()) {
                std::cerr << "rasd: " << p.status().message() << "\n";
                return;
              }
              nlohmann::json mentions = nlohmann::json::array();
              for (const Mention& m : p->mentions) mentions.push_back(query::MentionJson(m));
              nlohmann::json timexes = nlohmann::json::array();
              for (const Timex& t : p->timexes) {
                timexes.push_back(query::TimexJson(t));
              }
              nlohmann::json events = nlohmann::json::array();
              for (const Event& e : p->events) events.push_back(query::EventJson(e));
              nlohmann::json line = {
                  {"source", raw.source},      {"id", p->article.id},
                  {"title", p->article.title}, {"published", p->article.published},
                  {"mentions", mentions},      {"timexes", timexes},
                  {"events", events}};
              std::cout << line.dump() << "\n";
            });
          }};
}

}  // namespace rasd::cli
