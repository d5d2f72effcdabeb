// rasd eval: rasd measured against public gold data. A subcommand group with one subcommand per
// scorer in src/eval/ (seg first); the figures, their definitions and measured values are in
// docs/eval.md.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "eval/eval.h"

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

}  // namespace

Command AddEval(CLI::App& app, const Globals& /*globals*/) {
  CLI::App* group = app.add_subcommand(
      "eval", "Measure rasd against public gold data (one subcommand per stage's scorer)");
  group->require_subcommand(1);
  group->footer("Example:\n  rasd eval seg ../shared/data/ud-arabic-padt/ar_padt-ud-dev.txt");
  std::vector<Command> subcommands = {AddEvalSeg(*group)};
  return {group, [subcommands] {
            for (const Command& c : subcommands) {
              if (c.app->parsed()) return c.run();
            }
            return Fail("rasd eval: no scorer given (try 'rasd eval --help')");
          }};
}

}  // namespace rasd::cli
