// Throughput of the time stage: time::Tagger::Tag on about 1 MB of Arabic news text whose
// text::Analysis is made once, outside the timing (the analysis is the text stage's cost, in
// text_bench). The input is the .txt articles under examples/corpus/txt repeated to ~1 MB.
//
//   build/bench/time_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "text/text.h"
#include "time/time.h"

namespace {

constexpr size_t kTargetBytes = 1 << 20;

std::string LoadCorpus() {
  const std::filesystem::path dir = std::filesystem::path(RASD_SOURCE_DIR) / "examples/corpus/txt";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string corpus;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    corpus += buf.str() + "\n\n";
  }
  if (corpus.empty()) {
    std::cerr << "time_bench: no articles under " << dir << "\n";
    std::exit(1);
  }
  std::string text;
  while (text.size() < kTargetBytes) text += corpus;
  return text;
}

struct Fixture {
  rasd::text::Analyzer analyzer;
  rasd::time::Tagger tagger;
  std::string text;
  rasd::text::Analysis analysis;
};

Fixture& Get() {
  static Fixture* f = [] {
    auto analyzer = rasd::text::Analyzer::Load();
    if (!analyzer.ok()) std::exit(1);
    auto* fx = new Fixture{std::move(analyzer).value(), {}, LoadCorpus(), {}};
    auto tagger = rasd::time::Tagger::Load(fx->analyzer);
    if (!tagger.ok()) std::exit(1);
    fx->tagger = std::move(tagger).value();
    fx->analysis = fx->analyzer.Analyze(fx->text);
    return fx;
  }();
  return *f;
}

void BM_Tag(benchmark::State& state) {
  Fixture& f = Get();
  size_t found = 0;
  for (auto _ : state) {
    std::vector<rasd::Timex> t = f.tagger.Tag(f.text, f.analysis, "2024-03-14");
    found = t.size();
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.text.size()));
  state.counters["timexes"] = static_cast<double>(found);
}
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond);

}  // namespace
