// Near-duplicate detection at scale: every article of a generated stream (dedup_gen.h: 70%
// originals, 20% near copies of recent originals, 10% other articles on a recent original's
// topic) analysed by the text stage, signed and checked against the index of all originals so
// far, in input order on one thread: the work the pipeline's ordered dedup step and its
// workers do for each article. Generating the articles is not timed.
//
// Reported: CPU microseconds per article over the first and the second half of the stream
// (the second must not cost more: lookups do not grow with the index), measured with the
// thread's CPU clock so that other processes on the machine do not count; peak resident
// memory of the process; the index's own bytes; and the links copy -> original against the
// generator's truth (precision: links that name the right original; recall: copies linked to
// it). The benchmark's own time is wall time of the timed part.
//
//   build/bench/dedup_bench --benchmark_filter='Dedup/1000000'
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "core/hash.h"
#include "dedup/dedup.h"
#include "dedup_gen.h"
#include "ingest/ingest.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The clean texts of the sample corpus, as the pipeline would have them.
std::vector<std::string> CorpusTexts() {
  rasd::ingest::Reader reader({std::string(RASD_SOURCE_DIR) + "/examples/corpus"}, {});
  rasd::clean::Cleaner cleaner;
  std::vector<std::string> texts;
  while (std::optional<rasd::ingest::Item> item = reader.Next()) {
    if (item->kind != rasd::ingest::ItemKind::kDocument) continue;
    rasd::Result<rasd::clean::Cleaned> c = cleaner.Clean(item->document);
    if (c.ok()) texts.push_back(c->article.text);
  }
  return texts;
}

const rasd::text::Analyzer& TheAnalyzer() {
  static const rasd::text::Analyzer* analyzer = [] {
    auto a = rasd::text::Analyzer::Load();
    if (!a.ok()) {
      std::cerr << "dedup_bench: " << a.status().ToString() << "\n";
      std::exit(1);
    }
    return new rasd::text::Analyzer(std::move(a).value());
  }();
  return *analyzer;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024;  // KiB on Linux
}

void BM_Dedup(benchmark::State& state) {
  const auto n = static_cast<uint64_t>(state.range(0));
  const rasd::text::Analyzer& analyzer = TheAnalyzer();
  const std::vector<std::string> texts = CorpusTexts();
  for (auto _ : state) {
    rasd::bench::DedupGenerator gen(analyzer, texts, /*seed=*/20261207);
    rasd::dedup::Index index;
    // Article number -> Hash64 of its id, to check links against the truth.
    std::vector<uint64_t> ids;
    ids.reserve(n);
    double seconds = 0;
    double cpu[2] = {0, 0};
    double check_cpu[2] = {0, 0};  // of cpu, in Index::Check
    uint64_t bytes = 0, copies = 0, links = 0, right_links = 0, found_copies = 0;
    for (uint64_t i = 0; i < n; ++i) {
      const rasd::bench::GeneratedArticle a = gen.Next();
      const std::string id = rasd::Hash128Hex(a.text);
      ids.push_back(rasd::Hash64(id));
      bytes += a.text.size();
      const Clock::time_point t0 = Clock::now();
      const double c0 = ThreadCpuSeconds();
      const rasd::dedup::Signature s = rasd::dedup::Sign(analyzer.Analyze(a.text));
      const double c1 = ThreadCpuSeconds();
      std::optional<rasd::dedup::Match> m = index.Check(id, s);
      const double c2 = ThreadCpuSeconds();
      cpu[i < n / 2 ? 0 : 1] += c2 - c0;
      check_cpu[i < n / 2 ? 0 : 1] += c2 - c1;
      seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      const bool copy = a.kind == rasd::bench::Kind::kCopy;
      copies += copy ? 1 : 0;
      if (m) {
        ++links;
        const bool right = copy && rasd::Hash64(m->original) == ids[static_cast<size_t>(a.copy_of)];
        right_links += right ? 1 : 0;
        found_copies += right ? 1 : 0;
      }
    }
    const double first = cpu[0] / static_cast<double>(n / 2);
    const double second = cpu[1] / static_cast<double>(n - n / 2);
    state.SetIterationTime(seconds);
    state.counters["cpu_s"] = cpu[0] + cpu[1];
    state.counters["articles"] = static_cast<double>(n);
    state.counters["avg_bytes"] = static_cast<double>(bytes) / static_cast<double>(n);
    state.counters["us_first_half"] = first * 1e6;
    state.counters["us_second_half"] = second * 1e6;
    state.counters["second_vs_first"] = second / first;
    state.counters["us_check_first_half"] = check_cpu[0] / static_cast<double>(n / 2) * 1e6;
    state.counters["us_check_second_half"] = check_cpu[1] / static_cast<double>(n - n / 2) * 1e6;
    state.counters["index_MB"] = static_cast<double>(index.MemoryBytes()) / (1 << 20);
    state.counters["originals"] = static_cast<double>(index.size());
    state.counters["peak_rss_MB"] = PeakRssMb();
    state.counters["precision"] =
        links == 0 ? 1.0 : static_cast<double>(right_links) / static_cast<double>(links);
    state.counters["recall"] =
        copies == 0 ? 1.0 : static_cast<double>(found_copies) / static_cast<double>(copies);
  }
}
BENCHMARK(BM_Dedup)->Arg(10000)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(
    benchmark::kSecond);

// Background passages at scale: the originals and same-topic articles of the same stream (a
// copy is not coded, so it brings no passages), 1,000 articles a day, each reduced to its
// passages (PassageTerms::Of) and added to one Passages index in input order, as the
// pipeline's writer does. The same-topic articles repeat a paragraph of an article a few
// days older: their sentences are the background the index must find. One sentence in four
// is taken to have events (the pipeline looks up those of an article read in date order).
// Reported: CPU
// microseconds per article over each half of the stream, the index's bytes, peak resident
// memory, passages indexed and sentences found background.
//
//   build/bench/dedup_bench --benchmark_filter='Passages/1000000'
void BM_Passages(benchmark::State& state) {
  const auto n = static_cast<uint64_t>(state.range(0));
  const rasd::text::Analyzer& analyzer = TheAnalyzer();
  const std::vector<std::string> texts = CorpusTexts();
  const rasd::Result<rasd::dedup::PassageTerms> terms = rasd::dedup::PassageTerms::Load(analyzer);
  if (!terms.ok()) {
    state.SkipWithError(terms.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    rasd::bench::DedupGenerator gen(analyzer, texts, /*seed=*/20261207);
    rasd::dedup::Passages index;
    double seconds = 0;
    double cpu[2] = {0, 0};
    uint64_t added[2] = {0, 0}, background = 0, same_topic = 0;
    for (uint64_t i = 0; i < n; ++i) {
      const rasd::bench::GeneratedArticle a = gen.Next();
      if (a.kind == rasd::bench::Kind::kCopy) continue;
      same_topic += a.kind == rasd::bench::Kind::kSameTopic ? 1 : 0;
      const std::string id = rasd::Hash128Hex(a.text);
      const rasd::text::Analysis analysis = analyzer.Analyze(a.text);
      const Clock::time_point t0 = Clock::now();
      const double c0 = ThreadCpuSeconds();
      std::vector<rasd::dedup::Passage> passages = terms->Of(analysis);
      // Events in one sentence in four, about as in news (the generator codes none).
      for (rasd::dedup::Passage& p : passages) p.events = p.sentence % 4 == 1;
      background += index.Add(id, static_cast<int64_t>(i / 1000), passages).size();
      cpu[i < n / 2 ? 0 : 1] += ThreadCpuSeconds() - c0;
      ++added[i < n / 2 ? 0 : 1];
      seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
    const double first = cpu[0] / static_cast<double>(added[0]);
    const double second = cpu[1] / static_cast<double>(added[1]);
    state.SetIterationTime(seconds);
    state.counters["cpu_s"] = cpu[0] + cpu[1];
    state.counters["articles"] = static_cast<double>(added[0] + added[1]);
    state.counters["same_topic"] = static_cast<double>(same_topic);
    state.counters["us_first_half"] = first * 1e6;
    state.counters["us_second_half"] = second * 1e6;
    state.counters["second_vs_first"] = second / first;
    state.counters["passages"] = static_cast<double>(index.size());
    state.counters["background"] = static_cast<double>(background);
    state.counters["index_MB"] = static_cast<double>(index.MemoryBytes()) / (1 << 20);
    state.counters["peak_rss_MB"] = PeakRssMb();
  }
}
BENCHMARK(BM_Passages)->Arg(10000)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(
    benchmark::kSecond);

}  // namespace
