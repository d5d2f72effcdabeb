// Throughput of the ner stage: recognition and linking (Recognizer::Recognize) on real news
// articles, one article at a time as the pipeline calls it, and the time to load the lexicon
// (Recognizer::Load).
//
// The input is the article bodies of the SaudiNewsNet development sample (about 1 MB, outside the
// repository, ../shared/data/saudinewsnet/) when it is there, else the .txt articles of
// examples/corpus/txt. Each article is analysed (text::Analyzer::Analyze) right before it is
// recognised, as in the pipeline, and outside the timing: the figure is the ner stage alone.
//
//   build/bench/ner_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ner/ner.h"
#include "text/text.h"

namespace {

// The articles' texts: SaudiNewsNet's "content" fields, or the sample corpus.
std::vector<std::string> LoadArticles() {
  std::vector<std::string> out;
  const std::filesystem::path sample = std::filesystem::path(RASD_SOURCE_DIR) /
                                       "../shared/data/saudinewsnet/saudinewsnet_dev_sample.jsonl";
  std::ifstream in(sample);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j["content"].is_string()) out.push_back(j["content"].get<std::string>());
  }
  if (!out.empty()) return out;
  std::cerr << "ner_bench: " << sample << " not found; using examples/corpus/txt instead\n";
  const std::filesystem::path dir = std::filesystem::path(RASD_SOURCE_DIR) / "examples/corpus/txt";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream buf;
    buf << file.rdbuf();
    out.push_back(buf.str());
  }
  return out;
}

template <typename T>
T OrDie(rasd::Result<T> r) {
  if (!r.ok()) {
    std::cerr << r.status().ToString() << "\n";
    std::abort();  // a benchmark without its data files measures nothing
  }
  return std::move(r).value();
}

const std::vector<std::string>& Articles() {
  static const std::vector<std::string> articles = LoadArticles();
  return articles;
}

// Recognition and linking of every article, one Recognize call each, as the pipeline calls
// it: each article is analysed (untimed) right before it is recognised, so the analyzer's word
// caches hold its words as they do in the pipeline. Only the Recognize calls are timed (wall
// clock, manual time). Each pass starts from a fresh analyzer and recognizer, loaded outside
// the timing, so the per-thread tables of facts about words that ner keeps across documents
// start empty, and repeating the passes does not warm them. Argument warm=0: the timed pass is
// every article, from empty tables, as at the start of a run. Argument warm=1: the first half
// of the articles is analysed and recognised untimed and the second half is timed, as in the
// steady state of a long run, where the frequent words are known but every article is new.
void BM_Recognize(benchmark::State& state) {
  const std::vector<std::string>& articles = Articles();
  const bool warm = state.range(0) == 1;
  const size_t first = warm ? articles.size() / 2 : 0;
  size_t bytes = 0;
  for (size_t i = first; i < articles.size(); ++i) bytes += articles[i].size();
  size_t mentions = 0;
  for (auto _ : state) {
    auto analyzer = std::make_unique<rasd::text::Analyzer>(OrDie(rasd::text::Analyzer::Load()));
    auto recognizer = std::make_unique<rasd::ner::Recognizer>(
        OrDie(rasd::ner::Recognizer::Load(*analyzer)));
    for (size_t i = 0; i < first; ++i) {
      benchmark::DoNotOptimize(recognizer->Recognize(articles[i], analyzer->Analyze(articles[i])));
    }
    mentions = 0;
    std::chrono::steady_clock::duration recognizing{};
    for (size_t i = first; i < articles.size(); ++i) {
      const rasd::text::Analysis analysis = analyzer->Analyze(articles[i]);
      const auto start = std::chrono::steady_clock::now();
      std::vector<rasd::Mention> m = recognizer->Recognize(articles[i], analysis);
      recognizing += std::chrono::steady_clock::now() - start;
      mentions += m.size();
      benchmark::DoNotOptimize(m);
    }
    state.SetIterationTime(std::chrono::duration<double>(recognizing).count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["articles"] = static_cast<double>(articles.size() - first);
  state.counters["mentions"] = static_cast<double>(mentions);
  state.counters["MB"] = static_cast<double>(bytes) / (1 << 20);
}
BENCHMARK(BM_Recognize)
    ->ArgName("warm")
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// Recognizer::Load: compiling the lexicon files and GeoNames' places, and indexing the
// analyzer's Arabic dictionary (once per analyzer: a fresh analyzer each time, loaded outside
// the timing, so that its indexing is counted as a new process would pay it).
void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto analyzer = std::make_unique<rasd::text::Analyzer>(OrDie(rasd::text::Analyzer::Load()));
    state.ResumeTiming();
    rasd::ner::Recognizer r = OrDie(rasd::ner::Recognizer::Load(*analyzer));
    benchmark::DoNotOptimize(r);
    state.PauseTiming();
    r = rasd::ner::Recognizer();
    analyzer.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
