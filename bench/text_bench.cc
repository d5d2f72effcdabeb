// Throughput of the text stage: Normalizer::Key, Normalizer::Normalize, Analyzer::Analyze,
// Analyzer::SearchTerms, on about 1 MB of Arabic news text.
//
// The input is the .txt articles under examples/corpus/txt, repeated to ~1 MB; when that
// folder is absent, a built-in paragraph written for this benchmark (wire-agency style, with
// diacritics, a dateline, numbers in both digit sets, quotes and a URL) is repeated instead.
//
//   build/bench/text_bench --benchmark_filter=Analyze
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/text.h"

namespace {

constexpr size_t kTargetBytes = 1 << 20;

constexpr char kFallbackParagraph[] =
    "موسكو - سبوتنيك. أعلنَ وزيرُ الخارجية الروسي سيرغي لافروف، اليوم الثلاثاء ٢١ تشرين "
    "الثاني/نوفمبر 2023، أنّ بلاده مستعدة لاستضافة جولة جديدة من المحادثات بين يريفان وباكو، "
    "مشيرا إلى أنّ أكثر من ١٠٠ ألف شخص نزحوا من الإقليم خلال أيلول/سبتمبر الماضي.\n\n"
    "وقال لافروف للصحفيين: «نأمل أن تتوصل الأطراف إلى اتفاق سلام دائم قبل نهاية العام»، "
    "مضيفا أن موسكو \"لن تتخلى عن التزاماتها\" تجاه حلفائها في المنطقة. ونقلت وكالة "
    "الأنباء الرسمية عن مصدر دبلوماسي قوله إن نسبة التقدم في المفاوضات بلغت 3.5%، وفق "
    "بيان نشر على الموقع https://www.mid.ru/ar/foreign_policy/news/.\n\n"
    "القاهرة (رويترز) - قالت وزارة الخارجية المصرية في بيان إن الوزير بحث مع نظيره الأردني "
    "التطورات في قطاع غزة، وأكد الجانبان ضرورة وقف إطلاق النار فوراً وإدخال المساعدات "
    "الإنسانية دون قيود. #غزة @MFAEgypt\n\n";

std::string LoadCorpus() {
  std::string corpus;
  const std::filesystem::path dir = std::filesystem::path(RASD_SOURCE_DIR) / "examples/corpus/txt";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    corpus += buf.str();
    corpus += "\n\n";
  }
  if (corpus.empty()) corpus = kFallbackParagraph;
  std::string text;
  text.reserve(kTargetBytes + corpus.size());
  while (text.size() < kTargetBytes) text += corpus;
  return text;
}

const std::string& Corpus() {
  static const std::string* text = new std::string(LoadCorpus());
  return *text;
}

const rasd::text::Analyzer& TheAnalyzer() {
  static const rasd::text::Analyzer* analyzer = [] {
    rasd::Result<rasd::text::Analyzer> a = rasd::text::Analyzer::Load();
    if (!a.ok()) {
      std::cerr << a.status().ToString() << "\n";
      std::abort();  // a benchmark without its data files measures nothing
    }
    return new rasd::text::Analyzer(std::move(a).value());
  }();
  return *analyzer;
}

void BM_NormalizerKey(benchmark::State& state) {
  const std::string& text = Corpus();
  const rasd::text::Normalizer& n = TheAnalyzer().normalizer();
  for (auto _ : state) benchmark::DoNotOptimize(n.Key(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NormalizerKey)->Unit(benchmark::kMillisecond);

void BM_NormalizerNormalize(benchmark::State& state) {
  const std::string& text = Corpus();
  const rasd::text::Normalizer& n = TheAnalyzer().normalizer();
  for (auto _ : state) benchmark::DoNotOptimize(n.Normalize(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NormalizerNormalize)->Unit(benchmark::kMillisecond);

void BM_AnalyzerAnalyze(benchmark::State& state) {
  const std::string& text = Corpus();
  const rasd::text::Analyzer& a = TheAnalyzer();
  size_t tokens = 0;
  for (auto _ : state) {
    rasd::text::Analysis analysis = a.Analyze(text);
    tokens = analysis.tokens.size();
    benchmark::DoNotOptimize(analysis);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_AnalyzerAnalyze)->Unit(benchmark::kMillisecond);

// Real news that repeats nothing: the article bodies of the SaudiNewsNet development sample
// (about 1 MB, outside the repository) when it is there, else the articles of the sample corpus
// (repeated, so the word caches are warmer than on real text: say which in BENCHMARKS.md).
const std::vector<std::string>& NewsArticles() {
  static const std::vector<std::string> articles = [] {
    const std::filesystem::path path = std::filesystem::path(RASD_SOURCE_DIR) /
                                       "../shared/data/saudinewsnet/saudinewsnet_dev_sample.jsonl";
    std::ifstream in(path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j["content"].is_string()) out.push_back(j["content"].get<std::string>());
    }
    if (out.empty()) {
      std::cerr << "text_bench: " << path << " not found; segmenting the sample corpus instead\n";
      const std::string& corpus = Corpus();
      for (size_t pos = 0; pos < corpus.size();) {
        size_t end = corpus.find("\n\n", std::min(corpus.size(), pos + 4000));
        if (end == std::string::npos) end = corpus.size();
        out.push_back(corpus.substr(pos, end - pos));
        pos = end;
      }
    }
    return out;
  }();
  return articles;
}

// Analyse each article, as the pipeline does, and ask the treebank segments of every word
// token; the number of segments.
size_t AnalyzeAndSegment(const rasd::text::Analyzer& a, std::span<const std::string> articles,
                         bool segment = true) {
  size_t segments = 0;
  std::vector<std::string> parts;
  for (const std::string& text : articles) {
    rasd::text::Analysis analysis = a.Analyze(text);
    for (const rasd::Token& t : analysis.tokens) {
      if (t.kind != rasd::TokenKind::kWord || !segment) continue;
      a.Segments(t.span.In(text), parts);
      segments += parts.size();
      benchmark::DoNotOptimize(parts);
    }
  }
  return segments;
}

// The whole text stage as the segmentation figure counts it: normalise, sentences, tokens, and
// the treebank segments of every word token, an article at a time, on news no pass has seen
// before. Each pass starts with a fresh analyzer, loaded (and the last one freed) outside the
// timing. Argument 0: the word caches start empty, as at the start of a run. Argument 1: the
// analyzer has first read the first half of the articles (outside the timing) and the second
// half is timed, as in the steady state of a long run, where the caches know the frequent
// words of the news but every article is new.
void BM_AnalyzeAndSegment(benchmark::State& state) {
  const std::vector<std::string>& all = NewsArticles();
  const bool warm = state.range(0) == 1;
  const std::span<const std::string> first(all.data(), warm ? all.size() / 2 : 0);
  const std::span<const std::string> timed(all.data() + first.size(), all.size() - first.size());
  size_t bytes = 0;
  for (const std::string& text : timed) bytes += text.size();
  size_t segments = 0;
  std::optional<rasd::text::Analyzer> analyzer;
  for (auto _ : state) {
    state.PauseTiming();
    analyzer.reset();
    auto loaded = rasd::text::Analyzer::Load();
    if (!loaded.ok()) {
      state.SkipWithError(loaded.status().ToString().c_str());
      return;
    }
    const rasd::text::Analyzer& a = analyzer.emplace(std::move(loaded).value());
    a.Segments("وبحكومته");  // indexes the dictionary once, outside the timing
    AnalyzeAndSegment(a, first);
    state.ResumeTiming();
    segments = AnalyzeAndSegment(a, timed, state.range(1) == 1);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["segments"] = static_cast<double>(segments);
  state.counters["MB"] = static_cast<double>(bytes) / (1 << 20);
}
BENCHMARK(BM_AnalyzeAndSegment)
    ->ArgNames({"warm", "segments"})
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

// Number words and digits read from an analysed text.
void BM_NumberReader(benchmark::State& state) {
  const std::string& text = Corpus();
  const rasd::text::Analyzer& a = TheAnalyzer();
  static const rasd::text::NumberReader reader = [&] {
    auto r = rasd::text::NumberReader::Load(a);
    if (!r.ok()) {
      std::cerr << r.status().ToString() << "\n";
      std::exit(1);
    }
    return std::move(r).value();
  }();
  rasd::text::Analysis analysis = a.Analyze(text);
  for (auto _ : state) {
    std::vector<rasd::text::Quantity> q = reader.Read(text, analysis);
    benchmark::DoNotOptimize(q);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NumberReader)->Unit(benchmark::kMillisecond);

// One article at a time, as the pipeline calls it.
void BM_AnalyzerAnalyzeArticles(benchmark::State& state) {
  const std::string& text = Corpus();
  std::vector<std::string_view> articles;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = std::min(text.size(), pos + 4000);
    end = text.find("\n\n", end);
    if (end == std::string::npos) end = text.size();
    articles.push_back(std::string_view(text).substr(pos, end - pos));
    pos = end;
  }
  const rasd::text::Analyzer& a = TheAnalyzer();
  for (auto _ : state) {
    for (std::string_view article : articles) benchmark::DoNotOptimize(a.Analyze(article));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AnalyzerAnalyzeArticles)->Unit(benchmark::kMillisecond);

void BM_AnalyzerSearchTerms(benchmark::State& state) {
  const std::string& text = Corpus();
  const rasd::text::Analyzer& a = TheAnalyzer();
  for (auto _ : state) benchmark::DoNotOptimize(a.SearchTerms(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AnalyzerSearchTerms)->Unit(benchmark::kMillisecond);

}  // namespace
