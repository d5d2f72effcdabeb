// rasd eval: rasd measured against public gold data. A subcommand group with one subcommand per
// scorer in src/eval/ (seg, clean, ner, time, events); the figures, their definitions and
// measured values are in docs/eval.md.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "eval/eval.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace rasd::cli {
namespace {

nlohmann::json PrfJson(const eval::Prf& p) {
  return {{"gold", p.gold},           {"system", p.system}, {"correct", p.correct},
          {"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}

std::string Row(const char* name, const eval::Prf& p) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-11s %8lld %8lld %8lld %10.2f %7.2f %7.2f\n", name,
                static_cast<long long>(p.gold), static_cast<long long>(p.system),
                static_cast<long long>(p.correct), 100 * p.precision, 100 * p.recall, 100 * p.f1);
  return buf;
}

// The stages a scorer runs, loaded once: the analyzer, and the recognizer, tagger and coder
// when asked for. Heap-held: the later stages keep a pointer to the analyzer.
struct Stages {
  text::Analyzer analyzer;
  ner::Recognizer recognizer;
  time::Tagger tagger;
  events::Coder coder;
  double load_seconds = 0;
};

Result<std::unique_ptr<Stages>> LoadStages(bool recognizer, bool tagger, bool coder) {
  const auto t0 = std::chrono::steady_clock::now();
  auto s = std::make_unique<Stages>();
  ASSIGN_OR_RETURN(s->analyzer, text::Analyzer::Load());
  if (recognizer) {
    ASSIGN_OR_RETURN(s->recognizer, ner::Recognizer::Load(s->analyzer));
  }
  if (tagger) {
    ASSIGN_OR_RETURN(s->tagger, time::Tagger::Load(s->analyzer));
  }
  if (coder) {
    ASSIGN_OR_RETURN(s->coder, events::Coder::Load(s->analyzer));
  }
  s->load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s;
}

std::string Table(const std::string& path, const eval::SegScores& s, double load_seconds) {
  const bool conllu = s.format == "conllu";
  std::string out = "rasd eval seg: " + path + " (" + s.format + ", " +
                    std::to_string(s.sentences_read) + " sentences)\n\n";
  out += "               gold   system  correct  precision  recall      F1\n";
  if (conllu) {
    out += Row("sentences", s.sentences);
  } else {
    out +=
        "sentences          -        -        -          -       -       -"
        "  (one sentence a line: no boundaries to score)\n";
  }
  out += Row("tokens", s.tokens);
  out += Row("words", s.words);
  out += Row("words*", s.words_folded);
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "\nexact token accuracy  %.2f%%  (%lld of %lld gold tokens split into exactly "
                "the gold words)\n",
                100 * s.token_accuracy, static_cast<long long>(s.tokens_exact),
                static_cast<long long>(s.tokens.gold));
  out += buf;
  if (conllu) {
    out += "multiword tokens      " + std::to_string(s.fused_tokens) + "\n";
    if (s.texts_rebuilt > 0) {
      out += "texts rebuilt         " + std::to_string(s.texts_rebuilt) +
             " sentences whose `# text` was missing or did not hold their tokens\n";
    }
  } else {
    out += "fused tokens          " + std::to_string(s.fused_tokens) + ", unresolved " +
           std::to_string(s.fused_unresolved) +
           " (no part count spells the surface: the closest count was used)\n";
  }
  std::snprintf(buf, sizeof buf,
                "time                  %.2f s (segmentation %.2f s; data loaded in %.2f s, not "
                "counted)\n",
                s.seconds, s.segment_seconds, load_seconds);
  out += buf;
  out +=
      "\nwords: the CoNLL 2018 shared-task score (forms in multiword tokens compared as "
      "written, lowercased).\nwords*: the same with forms compared by rasd's normalised key "
      "(hamza, alef, ta marbuta folded);\n        not a standard figure.\n";
  return out;
}

nlohmann::json Json(const std::string& path, const std::string& predictions,
                    const eval::SegScores& s) {
  return {
      {"gold", path},
      {"format", s.format},
      {"sentences_read", s.sentences_read},
      {"sentences", s.format == "conllu" ? PrfJson(s.sentences) : nlohmann::json(nullptr)},
      {"tokens", PrfJson(s.tokens)},
      {"words", PrfJson(s.words)},
      {"words_folded", PrfJson(s.words_folded)},
      {"tokens_exact", s.tokens_exact},
      {"token_accuracy", s.token_accuracy},
      {"fused_tokens", s.fused_tokens},
      {"fused_unresolved", s.fused_unresolved},
      {"texts_rebuilt", s.texts_rebuilt},
      {"seconds", s.seconds},
      {"segment_seconds", s.segment_seconds},
      {"predictions", predictions.empty() ? nlohmann::json(nullptr) : nlohmann::json(predictions)}};
}

Command AddEvalSeg(CLI::App& group) {
  struct Opts {
    std::string path;
    eval::SegOptions options;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "seg",
      "Score rasd's tokens, clitic segmentation and sentences against Universal "
      "Dependencies data (CoNLL 2018 shared-task definitions)");
  sub->add_option("file", o->path, "Gold file: CoNLL-U, or one sentence a line as words<TAB>tags")
      ->required();
  sub->add_option("--format", o->options.format, "Gold format (default: detected)")
      ->check(CLI::IsMember({"conllu", "word-upos"}));
  sub->add_option("--predictions", o->options.predictions_path,
                  "Write rasd's segmentation to this file, in the gold file's format and order");
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Examples:\n"
      "  rasd eval seg ../shared/data/ud-arabic-padt/ar_padt-ud-dev.txt\n"
      "  rasd eval seg ar_padt-ud-dev.conllu --predictions pred.conllu --json | tail -1\n"
      "Figures and formats: docs/eval.md.");
  return {sub, [o] {
            const auto t0 = std::chrono::steady_clock::now();
            Result<text::Analyzer> analyzer = text::Analyzer::Load();
            if (!analyzer.ok()) return Fail(analyzer.status());
            const double load =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            Result<eval::SegScores> s = eval::EvalSegmentation(*analyzer, o->path, o->options);
            if (!s.ok()) return Fail(s.status());
            std::cout << Table(o->path, *s, load);
            if (o->json) {
              std::cout << Json(o->path, o->options.predictions_path, *s).dump() << "\n";
            }
            return kExitOk;
          }};
}

// ---- rasd eval clean ---------------------------------------------------------------------------

std::string CleanRow(const eval::CleanFigures& f) {
  char buf[200];
  std::snprintf(
      buf, sizeof buf, "%-20s %5lld %8lld %8lld %8lld %9.2f %7.2f %7.2f %9.2f %6lld/%lld\n",
      f.name.c_str(), static_cast<long long>(f.pages), static_cast<long long>(f.micro.gold),
      static_cast<long long>(f.micro.system), static_cast<long long>(f.micro.correct),
      100 * f.micro.precision, 100 * f.micro.recall, 100 * f.micro.f1, 100 * f.macro_f1,
      static_cast<long long>(f.violations), static_cast<long long>(f.must_not));
  return buf;
}

// A must-not string on one line, cut to about 120 bytes (never inside a character).
std::string Quote(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (out.size() > 120) {
    size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return "\"" + out + "\"";
}

std::string CleanTable(const std::string& path, const eval::CleanScores& s, size_t worst) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "rasd eval clean: %s (%lld pages, %.1f KB; kept text: %s)\n\n",
                path.c_str(), static_cast<long long>(s.all.pages), s.bytes / 1e3,
                s.system == "rasd" ? "rasd's cleaner" : s.system.c_str());
  std::string out = buf;
  out +=
      "                     pages     gold   system  correct precision  recall      F1  macro F1 "
      "must-not\n";
  out += CleanRow(s.all);
  for (const eval::CleanFigures& f : s.by_format) out += CleanRow(f);
  if (!s.by_layout.empty()) {
    out += "by layout\n";
    for (const eval::CleanFigures& f : s.by_layout) out += CleanRow(f);
  }

  std::vector<const eval::CleanPageScore*> pages;
  for (const eval::CleanPageScore& p : s.pages) pages.push_back(&p);
  std::stable_sort(pages.begin(), pages.end(),
                   [](const auto* a, const auto* b) { return a->tokens.f1 < b->tokens.f1; });
  if (pages.size() > worst) pages.resize(worst);
  if (!pages.empty()) {
    out += "\nlowest F1 (" + std::to_string(pages.size()) + " of " +
           std::to_string(s.pages.size()) + " pages)\n";
    out += "     F1       P       R  missing    extra  must-not  page\n";
    for (const eval::CleanPageScore* p : pages) {
      std::snprintf(buf, sizeof buf, "%7.2f %7.2f %7.2f %8lld %8lld %6zu/%-3lld %s\n",
                    100 * p->tokens.f1, 100 * p->tokens.precision, 100 * p->tokens.recall,
                    static_cast<long long>(p->tokens.gold - p->tokens.correct),
                    static_cast<long long>(p->tokens.system - p->tokens.correct),
                    p->violations.size(), static_cast<long long>(p->must_not), p->id.c_str());
      out += buf;
    }
  }

  std::string violations;
  std::string errors;
  for (const eval::CleanPageScore& p : s.pages) {
    for (const std::string& v : p.violations) violations += "  " + p.id + ": " + Quote(v) + "\n";
    if (!p.error.empty()) errors += "  " + p.id + ": " + p.error + "\n";
  }
  out += "\nmust-not strings that survived: " + std::to_string(s.all.violations) + " of " +
         std::to_string(s.all.must_not) + "\n" + violations;
  if (!errors.empty()) out += "\npages the cleaner failed on (scored as empty text)\n" + errors;
  if (s.system == "rasd") {
    const double seconds = std::max(s.clean_seconds, 1e-9);
    std::snprintf(buf, sizeof buf,
                  "\nspeed: %.2f MB/s, %.0f pages/s (ingest::Reader + Cleaner::Clean, one thread; "
                  "%.3f s)\n",
                  s.bytes / 1e6 / seconds, static_cast<double>(s.all.pages) / seconds,
                  s.clean_seconds);
    out += buf;
  }
  out +=
      "\nTokens: letters and digits after NFKC, case folding and removing diacritics and "
      "tatweel;\ncorrect = multiset overlap. P, R, F1 micro over all tokens; macro F1: mean of "
      "the pages' F1.\n";
  return out;
}

nlohmann::json CleanFiguresJson(const eval::CleanFigures& f) {
  return {
      {"name", f.name},
      {"pages", f.pages},
      {"micro", PrfJson(f.micro)},
      {"macro", {{"precision", f.macro_precision}, {"recall", f.macro_recall}, {"f1", f.macro_f1}}},
      {"must_not", f.must_not},
      {"violations", f.violations},
      {"errors", f.errors}};
}

nlohmann::json CleanJson(const std::string& path, const std::string& predictions,
                         const eval::CleanScores& s) {
  nlohmann::json by_format = nlohmann::json::array();
  for (const eval::CleanFigures& f : s.by_format) by_format.push_back(CleanFiguresJson(f));
  nlohmann::json by_layout = nlohmann::json::array();
  for (const eval::CleanFigures& f : s.by_layout) by_layout.push_back(CleanFiguresJson(f));
  nlohmann::json pages = nlohmann::json::array();
  for (const eval::CleanPageScore& p : s.pages) {
    pages.push_back(
        {{"id", p.id},
         {"page", p.page},
         {"format", p.format},
         {"layout", p.layout},
         {"bytes", p.bytes},
         {"tokens", PrfJson(p.tokens)},
         {"must_not", p.must_not},
         {"violations", p.violations},
         {"error", p.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.error)}});
  }
  const double seconds = std::max(s.clean_seconds, 1e-9);
  const bool rasd = s.system == "rasd";
  return {
      {"gold", path},
      {"system", s.system},
      {"all", CleanFiguresJson(s.all)},
      {"by_format", by_format},
      {"by_layout", by_layout},
      {"pages", pages},
      {"bytes", s.bytes},
      {"clean_seconds", rasd ? nlohmann::json(s.clean_seconds) : nlohmann::json(nullptr)},
      {"mb_per_second", rasd ? nlohmann::json(s.bytes / 1e6 / seconds) : nlohmann::json(nullptr)},
      {"pages_per_second",
       rasd ? nlohmann::json(static_cast<double>(s.all.pages) / seconds) : nlohmann::json(nullptr)},
      {"seconds", s.seconds},
      {"predictions", predictions.empty() ? nlohmann::json(nullptr) : nlohmann::json(predictions)}};
}

Command AddEvalClean(CLI::App& group) {
  struct Opts {
    std::string gold;
    eval::CleanOptions options;
    bool json = false;
    size_t worst = 10;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "clean",
      "Score the text rasd keeps from news pages against gold main text (token precision, "
      "recall and F1; boilerplate that must not survive)");
  sub->add_option("--gold", o->gold, "Gold file: JSONL, one page a line (docs/eval.md)")
      ->required();
  sub->add_option("--pages", o->options.pages_dir,
                  "Folder the gold's page files are relative to (default: the gold file's folder)");
  sub->add_option("--predictions", o->options.predictions_path,
                  "Write rasd's kept text to this file: JSONL, {id, page, text} per gold page");
  sub->add_option("--system", o->options.system_path,
                  "Score this file of kept text (the --predictions format, e.g. another "
                  "extractor's) instead of running rasd");
  sub->add_option("--worst", o->worst, "How many of the lowest-F1 pages to list (default 10)");
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Examples:\n"
      "  rasd eval clean --gold tests/testdata/clean-gold/gold.jsonl\n"
      "  rasd eval clean --gold tests/testdata/clean-gold/seeds.jsonl --pages ../shared/seeds\n"
      "  rasd eval clean --gold tests/testdata/clean-gold/gold.jsonl --json | tail -1 | jq .all\n"
      "Figures and the gold format: docs/eval.md.");
  return {sub, [o] {
            Result<eval::CleanScores> s = eval::EvalCleaning(o->gold, o->options);
            if (!s.ok()) return Fail(s.status());
            std::cout << CleanTable(o->gold, *s, o->worst);
            if (o->json) {
              std::cout << CleanJson(o->gold, o->options.predictions_path, *s).dump() << "\n";
            }
            return kExitOk;
          }};
}

// ---- rasd eval ner -----------------------------------------------------------------------------

std::string NerTable(const std::string& path, const eval::NerScores& s, double load_seconds) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "rasd eval ner: %s (%lld sentences, %lld tokens)\n\n",
                path.c_str(), static_cast<long long>(s.sentences),
                static_cast<long long>(s.tokens));
  std::string out = buf;
  out += "               gold   system  correct  precision  recall      F1\n";
  out += Row("micro", s.micro);
  for (const auto& [type, prf] : s.by_type) out += Row(type.c_str(), prf);
  out += "\nmicro: PERS, LOC and ORG (rasd has no MISC). Exact chunks, as conlleval counts them.\n";
  const double mb = static_cast<double>(s.bytes) / (1 << 20);
  std::snprintf(buf, sizeof buf,
                "time: load %.2f s, analyse + recognise %.2f s (%.1f MB/s), total %.2f s\n",
                load_seconds, s.recognize_seconds,
                s.recognize_seconds > 0 ? mb / s.recognize_seconds : 0.0, s.seconds);
  out += buf;
  return out;
}

std::string LinksTable(const std::string& path, const eval::LinkScores& s, size_t worst,
                       double load_seconds) {
  auto pct = [](int64_t n, int64_t d) { return d > 0 ? 100.0 * static_cast<double>(n) / d : 0.0; };
  char buf[320];
  std::snprintf(buf, sizeof buf, "rasd eval ner: %s (%lld documents, %lld gold mentions)\n\n",
                path.c_str(), static_cast<long long>(s.documents),
                static_cast<long long>(s.mentions));
  std::string out = buf;
  std::snprintf(buf, sizeof buf,
                "linking accuracy  %.2f%%  (%lld of %lld linked to the gold entity; %lld found)\n\n",
                100 * s.accuracy, static_cast<long long>(s.correct),
                static_cast<long long>(s.mentions), static_cast<long long>(s.found));
  out += buf;
  out += "by kind          gold    found  correct  accuracy\n";
  for (const auto& [kind, k] : s.by_kind) {
    std::snprintf(buf, sizeof buf, "%-13s %7lld %8lld %8lld %8.2f%%\n",
                  kind.empty() ? "(none)" : kind.c_str(), static_cast<long long>(k.gold),
                  static_cast<long long>(k.found), static_cast<long long>(k.correct),
                  pct(k.correct, k.gold));
    out += buf;
  }
  if (worst > 0) {
    auto list = [&](const char* title, const std::vector<eval::LinkError>& errors) {
      out += "\n" + std::string(title) + " (" + std::to_string(std::min(worst, errors.size())) +
             " of " + std::to_string(errors.size()) + ")\n";
      for (size_t i = 0; i < errors.size() && i < worst; ++i) {
        out += "  " + errors[i].ToString() + "\n";
      }
    };
    list("missed gold mentions", s.missed);
    list("wrong links", s.wrong);
    out += "\nrasd's mentions outside the gold (" + std::to_string(std::min(worst, s.extra.size())) +
           " of " + std::to_string(s.extra.size()) + ")\n";
    for (size_t i = 0; i < s.extra.size() && i < worst; ++i) out += "  " + s.extra[i] + "\n";
  }
  const double mb = static_cast<double>(s.bytes) / 1e6;
  std::snprintf(buf, sizeof buf,
                "\ntime: load %.2f s, analyse + recognise %.3f s (%.1f MB/s over %.3f MB), total "
                "%.2f s\n",
                load_seconds, s.recognize_seconds,
                s.recognize_seconds > 0 ? mb / s.recognize_seconds : 0.0, mb, s.seconds);
  out += buf;
  return out;
}

nlohmann::json LinksJson(const std::string& path, const eval::LinkScores& s) {
  nlohmann::json kinds = nlohmann::json::object();
  for (const auto& [kind, k] : s.by_kind) {
    kinds[kind] = {{"gold", k.gold}, {"found", k.found}, {"correct", k.correct}};
  }
  auto errors = [](const std::vector<eval::LinkError>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const eval::LinkError& e : list) {
      out.push_back({{"line", e.line},
                     {"doc", e.doc},
                     {"text", e.text},
                     {"gold", e.gold},
                     {"system", e.missed ? nlohmann::json(nullptr) : nlohmann::json(e.system)}});
    }
    return out;
  };
  return {{"gold", path},
          {"documents", s.documents},
          {"mentions", s.mentions},
          {"found", s.found},
          {"correct", s.correct},
          {"accuracy", s.accuracy},
          {"by_kind", kinds},
          {"missed", errors(s.missed)},
          {"wrong", errors(s.wrong)},
          {"extra", s.extra},
          {"bytes", s.bytes},
          {"recognize_seconds", s.recognize_seconds},
          {"seconds", s.seconds}};
}

Command AddEvalNer(CLI::App& group) {
  struct Opts {
    std::string path;
    std::string links;
    eval::NerOptions options;
    eval::LinkOptions link_options;
    bool json = false;
    size_t worst = 0;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "ner",
      "Score rasd's named-entity mentions against CoNLL/ANERcorp-style BIO gold (--conll: "
      "conlleval chunks) or the entities they link to against a gold of whole articles "
      "(--links: linking accuracy)");
  CLI::Option* conll = sub->add_option("--conll,file", o->path,
                                       "Gold file: TOKEN TAG a line, blank line between sentences");
  CLI::Option* links = sub->add_option(
      "--links", o->links, "Gold links of whole articles: JSONL, one mention a line (docs/eval.md)");
  conll->excludes(links);
  sub->add_option("--pages", o->link_options.pages_dir,
                  "With --links: the folder its documents are relative to (default: its folder)");
  sub->add_option("--errors", o->worst,
                  "With --links: list this many missed mentions, wrong links and rasd's mentions "
                  "outside the gold");
  sub->add_option("--sentences-per-document", o->options.sentences_per_document,
                  "With --conll: sentences read as one document (default 20)")
      ->check(CLI::Range(1, 100000));
  sub->add_option("--predictions", o->options.predictions_path,
                  "With --conll: write TOKEN GOLD RASD a line (conlleval's input) to this file");
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Examples:\n"
      "  rasd eval ner --conll ../shared/data/anercorp/ANERCorp_CamelLab_train.txt\n"
      "  rasd eval ner --conll gold.txt --predictions pred.txt && conlleval < pred.txt\n"
      "  rasd eval ner --links tests/testdata/ner-gold/seeds.jsonl --pages ../shared/seeds "
      "--errors 20\n"
      "Figures and formats: docs/eval.md.");
  return {sub, [o] {
            if (o->path.empty() && o->links.empty()) {
              return Fail("rasd eval ner: give --conll FILE or --links FILE");
            }
            Result<std::unique_ptr<Stages>> st = LoadStages(true, false, false);
            if (!st.ok()) return Fail(st.status());
            const double load = (*st)->load_seconds;
            if (!o->links.empty()) {
              Result<eval::LinkScores> s =
                  eval::EvalLinks((*st)->analyzer, (*st)->recognizer, o->links, o->link_options);
              if (!s.ok()) return Fail(s.status());
              std::cout << LinksTable(o->links, *s, o->worst, load);
              if (o->json) std::cout << LinksJson(o->links, *s).dump() << "\n";
              return kExitOk;
            }
            Result<eval::NerScores> s =
                eval::EvalNer((*st)->analyzer, (*st)->recognizer, o->path, o->options);
            if (!s.ok()) return Fail(s.status());
            std::cout << NerTable(o->path, *s, load);
            if (o->json) {
              nlohmann::json j = {{"gold", o->path},
                                  {"sentences", s->sentences},
                                  {"tokens", s->tokens},
                                  {"micro", PrfJson(s->micro)},
                                  {"load_seconds", load},
                                  {"recognize_seconds", s->recognize_seconds},
                                  {"seconds", s->seconds}};
              for (const auto& [type, prf] : s->by_type) j["by_type"][type] = PrfJson(prf);
              std::cout << j.dump() << "\n";
            }
            return kExitOk;
          }};
}


// ---- rasd eval time ----------------------------------------------------------------------------

std::string TimeTable(const std::string& path, const eval::TimeScores& s, size_t worst,
                      double load_seconds) {
  char buf[320];
  std::snprintf(buf, sizeof buf, "rasd eval time: %s (%lld documents, %lld expressions)\n\n",
                path.c_str(), static_cast<long long>(s.documents),
                static_cast<long long>(s.expressions));
  std::string out = buf;
  std::snprintf(buf, sizeof buf, "value accuracy  %.2f%%  (%lld of %lld: value and granularity)\n\n",
                100 * s.value_accuracy, static_cast<long long>(s.value_correct),
                static_cast<long long>(s.expressions));
  out += buf;
  out += "spans          gold   system  correct  precision  recall      F1\n";
  out += Row("exact", s.exact);
  out += Row("overlap", s.overlap);
  out += "\nby kind         gold  correct  accuracy\n";
  for (const auto& [kind, k] : s.by_kind) {
    std::snprintf(buf, sizeof buf, "%-13s %6lld %8lld %8.2f%%\n",
                  kind.empty() ? "(none)" : kind.c_str(), static_cast<long long>(k.gold),
                  static_cast<long long>(k.correct),
                  k.gold > 0 ? 100.0 * static_cast<double>(k.correct) / k.gold : 0.0);
    out += buf;
  }
  if (!s.misses.empty()) {
    out += "\nwrong values (" + std::to_string(std::min(worst, s.misses.size())) + " of " +
           std::to_string(s.misses.size()) + ")\n";
    for (size_t i = 0; i < s.misses.size() && i < worst; ++i) {
      out += "  " + s.misses[i].ToString() + "\n";
    }
  }
  if (!s.extra.empty()) {
    out += "\nrasd's expressions outside the gold (" +
           std::to_string(std::min(worst, s.extra.size())) + " of " +
           std::to_string(s.extra.size()) + ")\n";
    for (size_t i = 0; i < s.extra.size() && i < worst; ++i) out += "  " + s.extra[i] + "\n";
  }
  const double mb = static_cast<double>(s.bytes) / 1e6;
  std::snprintf(buf, sizeof buf,
                "\ntime: load %.2f s, analyse + tag %.3f s (%.1f MB/s over %.2f MB), total %.2f "
                "s\n",
                load_seconds, s.tag_seconds, s.tag_seconds > 0 ? mb / s.tag_seconds : 0.0, mb,
                s.seconds);
  out += buf;
  return out;
}

nlohmann::json TimeJson(const std::string& path, const eval::TimeScores& s) {
  nlohmann::json kinds = nlohmann::json::object();
  for (const auto& [kind, k] : s.by_kind) {
    kinds[kind] = {{"gold", k.gold}, {"correct", k.correct}};
  }
  nlohmann::json misses = nlohmann::json::array();
  for (const eval::TimeMiss& m : s.misses) {
    misses.push_back({{"line", m.line},
                      {"doc", m.doc},
                      {"kind", m.kind},
                      {"text", m.text},
                      {"gold", m.gold},
                      {"system", m.system}});
  }
  return {{"gold", path},
          {"documents", s.documents},
          {"expressions", s.expressions},
          {"value_correct", s.value_correct},
          {"value_accuracy", s.value_accuracy},
          {"exact", PrfJson(s.exact)},
          {"overlap", PrfJson(s.overlap)},
          {"by_kind", kinds},
          {"misses", misses},
          {"extra", s.extra},
          {"bytes", s.bytes},
          {"tag_seconds", s.tag_seconds},
          {"seconds", s.seconds}};
}

Command AddEvalTime(CLI::App& group) {
  struct Opts {
    std::string gold;
    eval::TimeOptions options;
    bool json = false;
    size_t worst = 20;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "time",
      "Score rasd's date and time expressions against gold values normalised by hand (value "
      "accuracy; span precision and recall)");
  sub->add_option("--gold", o->gold, "Gold file: JSONL, one expression a line (docs/eval.md)")
      ->required();
  sub->add_option("--pages", o->options.pages_dir,
                  "Folder the gold's documents are relative to (default: the gold file's folder)");
  sub->add_option("--worst", o->worst,
                  "How many wrong values and extra expressions to list (default 20)");
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Examples:\n"
      "  rasd eval time --gold tests/testdata/time-gold/corpus.jsonl --pages examples/corpus\n"
      "  rasd eval time --gold tests/testdata/time-gold/seeds.jsonl --pages ../shared/seeds\n"
      "  rasd eval time --gold tests/testdata/time-gold/corpus.jsonl --pages examples/corpus "
      "--json | tail -1 | jq .value_accuracy\n"
      "Figures and the gold format: docs/eval.md.");
  return {sub, [o] {
            Result<std::unique_ptr<Stages>> st = LoadStages(false, true, false);
            if (!st.ok()) return Fail(st.status());
            const double load = (*st)->load_seconds;
            Result<eval::TimeScores> s =
                eval::EvalTime((*st)->analyzer, (*st)->tagger, o->gold, o->options);
            if (!s.ok()) return Fail(s.status());
            std::cout << TimeTable(o->gold, *s, o->worst, load);
            if (o->json) std::cout << TimeJson(o->gold, *s).dump() << "\n";
            return kExitOk;
          }};
}

// ---- rasd eval events --------------------------------------------------------------------------

std::string AgreementRow(const char* name, const eval::GsrActorAgreement& a) {
  char buf[160];
  auto pct = [](int64_t n, int64_t d) { return d > 0 ? 100.0 * static_cast<double>(n) / d : 0.0; };
  std::snprintf(buf, sizeof buf, "  %-7s %8lld %8.2f%% %8.2f%%\n", name,
                static_cast<long long>(a.compared), pct(a.country, a.compared),
                pct(a.code, a.compared));
  return buf;
}

std::string GsrTable(const std::string& path, const eval::GsrScores& s, size_t worst,
                     bool spans, double load_seconds) {
  char buf[320];
  std::snprintf(buf, sizeof buf, "rasd eval events: %s (%lld sentences)\n\n", path.c_str(),
                static_cast<long long>(s.rows));
  std::string out = buf;
  out += "detection       gold   system  correct  precision  recall      F1   false on: easy no"
         "  difficult no  (ambiguous, left out)\n";
  for (const auto& [type, t] : s.by_type) {
    std::string row = Row(type.c_str(), t.detection);
    row.pop_back();
    std::snprintf(buf, sizeof buf, "   %5lld/%-5lld %7lld/%-5lld  (%lld)\n",
                  static_cast<long long>(t.false_easy), static_cast<long long>(t.easy_no),
                  static_cast<long long>(t.false_difficult),
                  static_cast<long long>(t.difficult_no), static_cast<long long>(t.ambiguous));
    out += row + buf;
  }
  if (spans) {
    out += "\nactors of detected \"yes\" sentences, against the coders' codes\n"
           "  type/side compared  country   country+sector\n";
    for (const auto& [type, t] : s.by_type) {
      out += type + "\n" + AgreementRow("source", t.source) + AgreementRow("target", t.target);
    }
  }
  if (!s.errors.empty() && worst > 0) {
    out += "\nerrors (" + std::to_string(std::min(worst, s.errors.size())) + " of " +
           std::to_string(s.errors.size()) + ": missed \"yes\", detected \"no\")\n";
    for (size_t i = 0; i < s.errors.size() && i < worst; ++i) {
      const eval::GsrRow& r = s.errors[i];
      out += "  " + r.id + " " + r.type + " [" + r.label + "] " + r.text + "\n";
      for (const std::string& g : r.glosses) out += "      " + g + "\n";
    }
  }
  std::snprintf(buf, sizeof buf, "\ntime: load %.2f s, coding and scoring %.2f s\n",
                load_seconds, s.seconds);
  out += buf;
  return out;
}

nlohmann::json GsrJson(const std::string& path, const eval::GsrScores& s) {
  nlohmann::json types = nlohmann::json::object();
  auto agreement = [](const eval::GsrActorAgreement& a) {
    return nlohmann::json{{"compared", a.compared}, {"country", a.country}, {"code", a.code}};
  };
  for (const auto& [type, t] : s.by_type) {
    types[type] = {{"detection", PrfJson(t.detection)},
                   {"easy_no", t.easy_no},
                   {"difficult_no", t.difficult_no},
                   {"ambiguous", t.ambiguous},
                   {"false_easy", t.false_easy},
                   {"false_difficult", t.false_difficult},
                   {"source", agreement(t.source)},
                   {"target", agreement(t.target)}};
  }
  return {{"gold", path}, {"rows", s.rows}, {"by_type", types}, {"seconds", s.seconds}};
}

std::string EventsGoldTable(const std::string& path, const eval::EventsGoldScores& s,
                            size_t worst) {
  char buf[320];
  std::snprintf(buf, sizeof buf, "rasd eval events: %s (%lld documents)\n\n", path.c_str(),
                static_cast<long long>(s.documents));
  std::string out = buf;
  out += "events          gold   system  correct  precision  recall      F1\n";
  out += Row("all", s.overall);
  for (const auto& [type, p] : s.by_type) out += Row(type.c_str(), p);
  auto pct = [](int64_t n, int64_t d) { return d > 0 ? 100.0 * static_cast<double>(n) / d : 0.0; };
  std::snprintf(buf, sizeof buf,
                "\nof %lld matched events: date right %.2f%% (%lld of %lld dated in the gold), "
                "status right %.2f%%, historical flag right %.2f%%\n",
                static_cast<long long>(s.matched), pct(s.date_correct, s.dated),
                static_cast<long long>(s.date_correct), static_cast<long long>(s.dated),
                pct(s.status_correct, s.matched), pct(s.historical_correct, s.matched));
  out += buf;
  out += "\nby confidence   system  correct  precision\n";
  for (const eval::EventsGoldScores::ConfidenceBand& b : s.by_confidence) {
    std::snprintf(buf, sizeof buf, "%.1f-%.1f   %10lld %8lld %10.2f\n", b.low,
                  b.high, static_cast<long long>(b.events),
                  static_cast<long long>(b.matched), pct(b.matched, b.events));
    out += buf;
  }
  if (worst > 0) {
    out += "\nmissed gold events (" + std::to_string(std::min(worst, s.missed.size())) + " of " +
           std::to_string(s.missed.size()) + ")\n";
    for (size_t i = 0; i < s.missed.size() && i < worst; ++i) out += "  " + s.missed[i] + "\n";
    out += "\nrasd's events outside the gold (" + std::to_string(std::min(worst, s.extra.size())) +
           " of " + std::to_string(s.extra.size()) + ")\n";
    for (size_t i = 0; i < s.extra.size() && i < worst; ++i) out += "  " + s.extra[i] + "\n";
    out += "\nmatched events with another date (" +
           std::to_string(std::min(worst, s.wrong_dates.size())) + " of " +
           std::to_string(s.wrong_dates.size()) + ")\n";
    for (size_t i = 0; i < s.wrong_dates.size() && i < worst; ++i) {
      out += "  " + s.wrong_dates[i] + "\n";
    }
  }
  return out;
}

nlohmann::json EventsGoldJson(const std::string& path, const eval::EventsGoldScores& s) {
  nlohmann::json types = nlohmann::json::object();
  for (const auto& [type, p] : s.by_type) types[type] = PrfJson(p);
  nlohmann::json bands = nlohmann::json::array();
  for (const eval::EventsGoldScores::ConfidenceBand& b : s.by_confidence) {
    bands.push_back({{"low", b.low},
                     {"high", b.high},
                     {"events", b.events},
                     {"matched", b.matched}});
  }
  return {{"gold", path},
          {"documents", s.documents},
          {"overall", PrfJson(s.overall)},
          {"by_type", types},
          {"matched", s.matched},
          {"dated", s.dated},
          {"date_correct", s.date_correct},
          {"status_correct", s.status_correct},
          {"historical_correct", s.historical_correct},
          {"by_confidence", bands}};
}

Command AddEvalEvents(CLI::App& group) {
  struct Opts {
    std::string gsr, gold;
    eval::GsrOptions options;
    eval::EventsGoldOptions gold_options;
    bool json = false;
    size_t worst = 0;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "events",
      "Score rasd's events: on sentences labelled for one event type (--gsr: detection "
      "precision, recall, F1; actor codes) or on whole articles (--gold: events by type and "
      "dyad, dates, status)");
  CLI::Option* gsr = sub->add_option(
      "--gsr", o->gsr,
      "Labelled sentences: the arabic_event_gsr CSV form (id, event_type, label, text)");
  CLI::Option* gold = sub->add_option(
      "--gold", o->gold, "Gold events of whole articles: JSONL, one document a line (docs/eval.md)");
  gsr->excludes(gold);
  sub->add_option("--pages", o->gold_options.pages_dir,
                  "With --gold: the folder its documents are relative to (default: its folder)");
  sub->add_option("--spans", o->options.spans_path,
                  "The coders' actors of the same sentences (*_spans.json) to score actor codes");
  sub->add_option("--errors", o->worst,
                  "List this many errors (missed \"yes\" and detected \"no\"; with --gold, "
                  "missed gold events, rasd's events outside the gold and matched events with "
                  "another date)");
  sub->add_option("--min-confidence", o->options.min_confidence,
                  "With --gsr: the confidence from which an event counts as reported")
      ->default_val(events::kReportedConfidence)
      ->check(CLI::Range(0.0, 1.0));
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Examples:\n"
      "  rasd eval events --gsr ../shared/data/arabic_event_gsr/assault_gsr.csv \\\n"
      "      --spans ../shared/data/arabic_event_gsr/assault_spans.json\n"
      "  rasd eval events --gsr ../shared/data/arabic_event_gsr/protest_gsr.csv --errors 30\n"
      "  rasd eval events --gold tests/testdata/events-gold/seeds.jsonl --pages ../shared/seeds\n"
      "Figures and the formats: docs/eval.md.");
  return {sub, [o] {
            if (o->gsr.empty() && o->gold.empty()) {
              return Fail("rasd eval events: give --gsr FILE or --gold FILE");
            }
            Result<std::unique_ptr<Stages>> st = LoadStages(true, true, true);
            if (!st.ok()) return Fail(st.status());
            const Stages& stages = **st;
            if (!o->gold.empty()) {
              Result<eval::EventsGoldScores> g =
                  eval::EvalEventsGold(stages.analyzer, stages.recognizer, stages.tagger,
                                       stages.coder, o->gold, o->gold_options);
              if (!g.ok()) return Fail(g.status());
              std::cout << EventsGoldTable(o->gold, *g, o->worst);
              if (o->json) std::cout << EventsGoldJson(o->gold, *g).dump() << "\n";
              return kExitOk;
            }
            Result<eval::GsrScores> s =
                eval::EvalEventsGsr(stages.analyzer, stages.recognizer, stages.tagger,
                                    stages.coder, o->gsr, o->options);
            if (!s.ok()) return Fail(s.status());
            std::cout << GsrTable(o->gsr, *s, o->worst, !o->options.spans_path.empty(),
                                  stages.load_seconds);
            if (o->json) std::cout << GsrJson(o->gsr, *s).dump() << "\n";
            return kExitOk;
          }};
}

Command AddEvalDedup(CLI::App& group) {
  struct Opts {
    std::string gold;
    std::vector<std::string> inputs;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "dedup",
      "Score near-duplicate detection against groups of copies labelled by hand (precision and "
      "recall of duplicate pairs)");
  sub->add_option("--gold", o->gold, "Gold file: TSV, one group of copies a line (docs/eval.md)")
      ->required();
  sub->add_option("inputs", o->inputs, "Files and folders to read, as for rasd ingest")
      ->required();
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Example (from the repository's root):\n"
      "  rasd eval dedup --gold tests/testdata/dedup-gold/groups.tsv examples/corpus "
      "tests/testdata/dedup-gold/pages");
  return {sub, [o] {
            Result<std::unique_ptr<Stages>> st = LoadStages(false, false, false);
            if (!st.ok()) return Fail(st.status());
            Result<eval::DedupScores> s = eval::EvalDedup((*st)->analyzer, o->gold, o->inputs);
            if (!s.ok()) return Fail(s.status());
            std::ostringstream out;
            out << "rasd eval dedup: " << o->gold << " (" << s->documents << " documents, "
                << s->gold_copies << " copies)\n\n"
                << "               gold   system  correct  precision  recall      F1\n"
                << Row("pairs", s->pairs) << "\nlinks  " << s->linked_right << " of "
                << s->gold_copies << " copies name their original\n";
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3f", s->least_similar_copies.similarity);
            out << "least similar copies  " << buf << "  " << s->least_similar_copies.a << "  "
                << s->least_similar_copies.b << "\n";
            std::snprintf(buf, sizeof buf, "%.3f", s->most_similar_others.similarity);
            out << "most similar others   " << buf << "  " << s->most_similar_others.a << "  "
                << s->most_similar_others.b << "\n";
            for (const auto& [what, list] : {std::pair{"missed", &s->missed},
                                             std::pair{"wrong", &s->wrong}}) {
              for (const eval::DedupPair& p : *list) {
                std::snprintf(buf, sizeof buf, "%.3f", p.similarity);
                out << what << "  " << buf << "  " << p.a << "  " << p.b << "\n";
              }
            }
            std::cout << out.str();
            if (o->json) {
              std::cout << nlohmann::json{{"gold", o->gold},
                                          {"documents", s->documents},
                                          {"pairs", PrfJson(s->pairs)},
                                          {"copies", s->gold_copies},
                                          {"linked_right", s->linked_right},
                                          {"least_similar_copies",
                                           s->least_similar_copies.similarity},
                                          {"most_similar_others",
                                           s->most_similar_others.similarity}}
                               .dump()
                        << "\n";
            }
            return kExitOk;
          }};
}

// The stories of `inputs` as the pipeline stores them: ingested into a database of their own
// in the temporary folder (removed afterwards), then read back with their documents.
Result<std::vector<eval::StoryMember>> IngestStories(const std::vector<std::string>& inputs) {
  ASSIGN_OR_RETURN(std::unique_ptr<pipeline::Engine> engine, pipeline::Engine::Load());
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("rasd-eval-stories-" + std::to_string(::getpid()) + ".db");
  auto remove = [&] {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix, ec);
    }
  };
  remove();
  std::vector<eval::StoryMember> members;
  Status status = [&]() -> Status {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db,
                     store::Store::Open(path.string(), engine->analyzer()));
    ASSIGN_OR_RETURN(pipeline::Summary summary, pipeline::Ingest(*engine, *db, inputs, {}));
    (void)summary;
    ASSIGN_OR_RETURN(std::vector<store::ArticleRow> articles, db->Articles({.limit = 0}));
    std::map<std::string, std::string> source;
    for (const store::ArticleRow& a : articles) source[a.article.id] = a.article.source;
    ASSIGN_OR_RETURN(std::vector<Event> events, db->Events({.limit = 0}));
    for (const Event& e : events) {
      if (!e.story.empty()) members.push_back({source[e.article], e.story, e.type});
    }
    return Status::Ok();
  }();
  remove();
  if (!status.ok()) return status;
  return members;
}

Command AddEvalStories(CLI::App& group) {
  struct Opts {
    std::string gold;
    std::vector<std::string> inputs;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = group.add_subcommand(
      "stories",
      "Score story grouping against stories labelled by hand (precision and recall of "
      "same-story pairs of documents)");
  sub->add_option("--gold", o->gold, "Gold file: TSV, one story a line (docs/eval.md)")->required();
  sub->add_option("inputs", o->inputs, "Files and folders to ingest, as for rasd ingest")
      ->required();
  sub->add_flag("--json", o->json, "End with the figures as one JSON object on the last line");
  sub->footer(
      "Example (from the repository's root):\n"
      "  rasd eval stories --gold tests/testdata/story-gold/stories.tsv examples/corpus "
      "tests/testdata/dedup-gold/pages tests/testdata/story-gold/pages");
  return {sub, [o] {
            Result<std::vector<eval::StoryMember>> members = IngestStories(o->inputs);
            if (!members.ok()) return Fail(members.status());
            Result<eval::StoryScores> s = eval::EvalStories(o->gold, *members);
            if (!s.ok()) return Fail(s.status());
            std::ostringstream out;
            out << "rasd eval stories: " << o->gold << " (" << s->gold_stories << " gold stories, "
                << s->system_stories << " system stories of more than one document)\n\n"
                << "               gold   system  correct  precision  recall      F1\n"
                << Row("pairs", s->pairs);
            for (const auto& [what, list] :
                 {std::pair{"missed", &s->missed}, std::pair{"wrong", &s->wrong}}) {
              for (const eval::StoryPair& p : *list) {
                out << what << "  " << EventTypeName(p.type) << "  " << p.a << "  " << p.b << "\n";
              }
            }
            std::cout << out.str();
            if (o->json) {
              std::cout << nlohmann::json{{"gold", o->gold},
                                          {"gold_stories", s->gold_stories},
                                          {"system_stories", s->system_stories},
                                          {"pairs", PrfJson(s->pairs)}}
                               .dump()
                        << "\n";
            }
            return kExitOk;
          }};
}

}  // namespace

Command AddEval(CLI::App& app, const Globals& /*globals*/) {
  CLI::App* group = app.add_subcommand(
      "eval", "Measure rasd against public gold data (one subcommand per stage's scorer)");
  group->require_subcommand(1);
  group->footer(
      "Examples:\n  rasd eval seg ../shared/data/ud-arabic-padt/ar_padt-ud-dev.txt\n"
      "  rasd eval clean --gold tests/testdata/clean-gold/gold.jsonl\n"
      "  rasd eval ner --conll ../shared/data/anercorp/ANERCorp_CamelLab_train.txt\n"
      "  rasd eval time --gold tests/testdata/time-gold/corpus.jsonl --pages examples/corpus\n"
      "  rasd eval events --gsr ../shared/data/arabic_event_gsr/assault_gsr.csv\n"
      "  rasd eval dedup --gold tests/testdata/dedup-gold/groups.tsv examples/corpus "
      "tests/testdata/dedup-gold/pages\n"
      "  rasd eval stories --gold tests/testdata/story-gold/stories.tsv examples/corpus "
      "tests/testdata/dedup-gold/pages tests/testdata/story-gold/pages");
  std::vector<Command> subcommands = {
      AddEvalSeg(*group),    AddEvalClean(*group), AddEvalNer(*group),    AddEvalTime(*group),
      AddEvalEvents(*group), AddEvalDedup(*group), AddEvalStories(*group)};
  return {group, [subcommands] {
            for (const Command& c : subcommands) {
              if (c.app->parsed()) return c.run();
            }
            return Fail("rasd eval: no scorer given (try 'rasd eval --help')");
          }};
}

}  // namespace rasd::cli
