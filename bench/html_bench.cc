// Throughput of HTML extraction (clean::ExtractHtml, and Cleaner::Clean on top of it) on news
// pages shaped like those of Arabic news sites.
//
// Real pages weigh 50-300 KB, and most of it is not the article: inline JavaScript bundles and
// configuration, critical CSS, SVG icon sprites, JSON state blobs (__NEXT_DATA__), mega menus
// with long class lists, lazy images with srcset, ad slots, "most read" and related-article
// grids, share bars and footers. The pages here are built with all of that, deterministically
// (a fixed seed), from Arabic text written for this benchmark, 24 pages from 50 to 300 KB. The
// hand-written pages of examples/corpus/html (about 7 KB each, lighter) are measured too.
//
// The Phase_* benchmarks split ExtractHtml's time: the pre-pass alone, and gumbo alone on the
// page as served and on the page the pre-pass leaves (they reach into clean_internal.h for
// that; bytes are those of the pages as served, so the figures add up).
//
//   build/bench/html_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"
#include "ingest/ingest.h"

namespace {

// Sentences in the register of wire copy, written for this benchmark.
constexpr std::string_view kSentences[] = {
    "أعلنت وزارة الخارجية في بيان صدر مساء اليوم أن الوزير سيتوجه إلى العاصمة في زيارة "
    "رسمية تستمر يومين يلتقي خلالها كبار المسؤولين",
    "وقال المتحدث باسم الحكومة للصحفيين إن المحادثات تناولت سبل تعزيز التعاون الثنائي في "
    "مجالات الطاقة والنقل والتجارة",
    "وأضاف أن الجانبين اتفقا على تشكيل لجنة مشتركة تجتمع كل ثلاثة أشهر لمتابعة تنفيذ "
    "الاتفاقات الموقعة",
    "من جهتها، دعت الأمم المتحدة جميع الأطراف إلى ضبط النفس وتجنب أي خطوات من شأنها تأجيج "
    "التوتر في المنطقة",
    "وأفادت مصادر محلية بسقوط عدد من الجرحى جراء القصف الذي استهدف أحياء سكنية في أطراف "
    "المدينة فجر اليوم",
    "وأشار التقرير إلى أن أكثر من مئة ألف شخص نزحوا من منازلهم خلال الأسابيع الماضية بسبب "
    "المعارك",
    "في المقابل، نفى الجيش أي علاقة له بالهجوم، مؤكدا التزامه بوقف إطلاق النار المعلن منذ "
    "مطلع الشهر",
    "ويأتي ذلك بعد أيام من تصريحات للرئيس أكد فيها أن بلاده لن تقبل أي تدخل في شؤونها "
    "الداخلية",
    "وكان البرلمان قد صادق الأسبوع الماضي على مشروع قانون الموازنة العامة بأغلبية الأعضاء "
    "الحاضرين",
    "ودانت جامعة الدول العربية في بيان الاعتداء، وطالبت المجتمع الدولي بتحمل مسؤولياته "
    "تجاه المدنيين",
    "وبحسب الأرقام الرسمية، ارتفع حجم التبادل التجاري بين البلدين إلى نحو أربعة مليارات "
    "دولار العام الماضي",
    "ولم يصدر حتى الآن أي تعليق رسمي من الجانب الآخر على ما ورد في البيان",
};
constexpr std::string_view kSections[] = {"الرئيسية",  "سياسة", "اقتصاد", "رياضة", "ثقافة",
                                          "تكنولوجيا", "صحة",   "منوعات", "آراء",  "فيديو",
                                          "عربي",      "دولي",  "تقارير", "حوارات"};

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 2862933555777941757ULL + 3037000493ULL) {}
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

std::string Sentence(Rng& rng) { return std::string(kSentences[rng.Below(std::size(kSentences))]); }

std::string Headline(Rng& rng) {
  std::string s = Sentence(rng);
  size_t cut = s.find(' ', 60);
  return cut == std::string::npos ? s : s.substr(0, cut);
}

std::string Paragraph(Rng& rng) {
  std::string p;
  size_t n = 1 + rng.Below(3);
  for (size_t i = 0; i < n; ++i) p += Sentence(rng) + (i + 1 < n ? "، " : ".");
  return p;
}

// Minified-looking JavaScript: identifiers, strings with markup in them, regular expressions.
std::string Script(Rng& rng, size_t bytes) {
  std::string js = "!function(e,t){\"use strict\";";
  while (js.size() < bytes) {
    size_t k = rng.Below(1000);
    js += "var a" + std::to_string(k) + "=function(n,r){if(n<r&&r>0){return t.querySelector(" +
          "'.card-" + std::to_string(k) + " > a')}e.innerHTML='<div class=\"x\">'+n+'</div>';" +
          "return /<\\/?[a-z]+>/g.test(r)?n:r};t.addEventListener(\"load\",a" + std::to_string(k) +
          ",{passive:!0});";
  }
  return js + "}(window,document);";
}

std::string Css(Rng& rng, size_t bytes) {
  std::string css;
  while (css.size() < bytes) {
    size_t k = rng.Below(500);
    css += ".c" + std::to_string(k) + " .item>a:hover,.c" + std::to_string(k) +
           "[data-x=\"1\"]{margin:0 auto;padding:4px 8px;font:600 15px/1.6 \"Noto Kufi Arabic\","
           "sans-serif;color:#1a1a1a;background:url(/img/bg.svg) no-repeat}";
    if (k % 7 == 0) css += "@media (max-width:768px){.c" + std::to_string(k) + "{display:none}}";
  }
  return css;
}

std::string Svg(Rng& rng, size_t bytes) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\">";
  while (svg.size() < bytes) {
    svg += "<symbol id=\"icon-" + std::to_string(rng.Below(100)) +
           "\" viewBox=\"0 0 24 24\"><path d=\"M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 "
           "10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8z\"/>"
           "<g><circle cx=\"12\" cy=\"12\" r=\"3\"/></g></symbol>";
  }
  return svg + "</svg>";
}

// A JSON state blob as single-page frameworks embed it, Arabic escaped as \u06xx.
std::string StateJson(Rng& rng, size_t bytes) {
  std::string json = "{\"props\":{\"pageProps\":{\"items\":[";
  while (json.size() < bytes) {
    json += "{\"id\":" + std::to_string(rng.Below(1000000)) +
            ",\"title\":\"\\u0623\\u0639\\u0644\\u0646\\u062a \\u0627\\u0644\\u0648\\u0632\\u0627"
            "\\u0631\\u0629\",\"url\":\"/news/2024/05/" +
            std::to_string(rng.Below(28) + 1) + "/item\",\"html\":\"<p>\\u0646\\u0635</p>\"},";
  }
  json.back() = ']';
  return json + "}}}";
}

std::string Img(Rng& rng) {
  std::string n = std::to_string(rng.Below(100000));
  return "<img class=\"lazyload wp-post-image img-fluid\" loading=\"lazy\" width=\"770\" "
         "height=\"433\" "
         "src=\"data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==\" "
         "data-src=\"https://cdn.example.net/uploads/2024/05/" +
         n + "-770x433.jpg\" srcset=\"" + "https://cdn.example.net/uploads/2024/05/" + n +
         "-300x169.jpg 300w, https://cdn.example.net/uploads/2024/05/" + n +
         "-770x433.jpg 770w, https://cdn.example.net/uploads/2024/05/" + n +
         "-1200x675.jpg 1200w\" sizes=\"(max-width: 770px) 100vw, 770px\" alt=\"\">";
}

std::string Card(Rng& rng) {
  std::string n = std::to_string(rng.Below(1000000));
  return "<div class=\"card card--horizontal col-6 col-md-4\"><a class=\"card__link\" "
         "href=\"/news/" +
         n + "\" data-track=\"related-" + n + "\"><figure class=\"card__media ratio ratio-16x9\">" +
         Img(rng) + "</figure><h3 class=\"card__title\">" + Headline(rng) +
         "</h3></a><time class=\"card__time\" datetime=\"2024-05-0" +
         std::to_string(rng.Below(9) + 1) + "T10:00:00+03:00\">منذ ساعتين</time></div>";
}

std::string NewsPage(uint64_t seed, size_t target) {
  Rng rng(seed);
  std::string h;
  h.reserve(target + 16384);
  const std::string slug = std::to_string(seed * 7919);
  h += "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\" class=\"no-js\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<title>" +
       Headline(rng) +
       " | الموقع الإخباري</title>"
       "<meta property=\"og:site_name\" content=\"الموقع الإخباري\">"
       "<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"" +
       Headline(rng) + "\"><meta property=\"og:url\" content=\"https://www.example.net/news/" +
       slug +
       "\"><meta property=\"article:published_time\" content=\"2024-05-06T09:15:00+03:00\">"
       "<link rel=\"canonical\" href=\"https://www.example.net/news/" +
       slug + "\">";
  for (int i = 0; i < 12; ++i) {
    h += "<link rel=\"preload\" as=\"font\" crossorigin href=\"/fonts/NotoKufiArabic-" +
         std::to_string(i) + ".woff2\"><meta name=\"twitter:x" + std::to_string(i) +
         "\" content=\"" + Headline(rng) + "\">";
  }
  // Head weight grows with the page: bigger sites ship bigger bundles.
  h += "<style id=\"critical-css\">" + Css(rng, target / 8) + "</style>";
  h += "<script>window.dataLayer=window.dataLayer||[];" + Script(rng, target / 16) + "</script>";
  h += "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-X\"></script>";
  h += "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
       "{\"@type\":\"NewsArticle\",\"headline\":\"" +
       Headline(rng) +
       "\",\"datePublished\":\"2024-05-06T09:15:00+03:00\",\"publisher\":{\"@type\":"
       "\"Organization\",\"name\":\"الموقع الإخباري\"}},{\"@type\":\"BreadcrumbList\","
       "\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,\"name\":\"سياسة\"}]}]}</"
       "script>";
  h += "</head><body class=\"post-template-default single single-post postid-" + slug +
       " single-format-standard\">";
  h += Svg(rng, target / 14);
  // Header with a mega menu.
  h += "<header class=\"site-header sticky-top\"><div class=\"container\"><a class=\"logo\" "
       "href=\"/\">"
       "<svg viewBox=\"0 0 200 40\"><path d=\"M0 0h200v40H0z\"/></svg></a>"
       "<nav class=\"main-nav navbar navbar-expand-lg\"><ul id=\"menu-main\" class=\"navbar-nav\">";
  for (int i = 0; i < 14; ++i) {
    h += "<li class=\"menu-item menu-item-type-taxonomy menu-item-object-category "
         "menu-item-has-children dropdown\"><a class=\"nav-link dropdown-toggle\" "
         "href=\"/category/" +
         std::to_string(i) + "\">" + std::string(kSections[i]) +
         "</a><ul class=\"sub-menu dropdown-menu\">";
    for (int j = 0; j < 6; ++j) {
      h += "<li class=\"menu-item menu-item-type-taxonomy menu-item-object-category\"><a "
           "class=\"dropdown-item\" href=\"/category/" +
           std::to_string(i) + "/" + std::to_string(j) + "\">" +
           std::string(kSections[(i + j + 1) % std::size(kSections)]) + "</a></li>";
    }
    h += "</ul></li>";
  }
  h += "</ul></nav></div></header>";
  h += "<div class=\"ad-slot ad-leaderboard\" id=\"div-gpt-ad-1\"><script>googletag.cmd.push("
       "function(){googletag.display('div-gpt-ad-1')});</script></div>";
  // The article.
  h += "<main id=\"main\" class=\"site-main\"><div class=\"container\"><div class=\"row\">"
       "<div class=\"col-lg-8\"><nav class=\"breadcrumb\"><a href=\"/\">الرئيسية</a> › <a "
       "href=\"/category/1\">سياسة</a></nav><article class=\"post single-article\">"
       "<h1 class=\"entry-title\">" +
       Headline(rng) +
       "</h1><div class=\"entry-meta\">"
       "<span class=\"author\">الموقع الإخباري</span> <time datetime=\"2024-05-06T09:15:00+03:00\">"
       "06 مايو 2024</time></div><figure class=\"featured\">" +
       Img(rng) + "<figcaption>صورة أرشيفية</figcaption></figure><div class=\"share-bar\">";
  for (const char* s : {"facebook", "twitter", "whatsapp", "telegram"}) {
    h += std::string("<a class=\"share share-") + s + "\" href=\"https://share.example/" + s +
         "?u=https://www.example.net/news/" + slug + "\"><svg class=\"icon\"><use href=\"#icon-" +
         s + "\"></use></svg></a>";
  }
  h += "</div><div class=\"entry-content\">";
  const size_t paragraphs = 6 + rng.Below(10);
  for (size_t i = 0; i < paragraphs; ++i) {
    h += "<p>" + Paragraph(rng) + "</p>";
    if (i == 2) {
      h += "<div class=\"read-also\"><span>اقرأ أيضا</span><ul>";
      for (int j = 0; j < 3; ++j)
        h += "<li><a href=\"/news/" + std::to_string(j) + "\">" + Headline(rng) + "</a></li>";
      h += "</ul></div>";
    }
    if (i == 4) {
      h += "<div class=\"ad-slot ad-inread\" id=\"div-gpt-ad-2\" data-slot=\"inread\"><script>"
           "googletag.cmd.push(function(){googletag.display('div-gpt-ad-2')});</script></div>";
    }
  }
  h += "</div><div class=\"tags\"><span>كلمات دلالية:</span>";
  for (int j = 0; j < 5; ++j)
    h += " <a rel=\"tag\" href=\"/tag/" + std::to_string(j) + "\">" +
         std::string(kSections[j + 1]) + "</a>";
  h +=
      "</div></article><section class=\"related-posts\"><h2>مواضيع ذات صلة</h2><div class=\"row\">";
  for (int j = 0; j < 6; ++j) h += Card(rng);
  h += "</div></section><div id=\"comments\" class=\"comments-area\"><h2>التعليقات</h2>"
       "<form class=\"comment-form\"><textarea "
       "name=\"c\"></textarea><button>إرسال</button></form></div>"
       "</div><aside class=\"col-lg-4 sidebar\"><section class=\"widget most-read\"><h2>الأكثر "
       "قراءة</h2>";
  for (int j = 0; j < 8; ++j) h += Card(rng);
  h += "</section><section class=\"widget newsletter\"><h2>النشرة البريدية</h2><p>اشترك ليصلك "
       "أهم الأخبار</p><form><input type=\"email\"><button>اشترك</button></form></section>"
       "</aside></div></div></main>";
  // More cards until the page reaches its weight (infinite-scroll "latest news" blocks).
  h += "<section class=\"latest-news\"><h2>آخر الأخبار</h2><div class=\"row\">";
  while (h.size() < target * 6 / 10) h += Card(rng);
  h += "</div></section><footer class=\"site-footer\"><div class=\"container\"><ul "
       "class=\"footer-links\">";
  for (int i = 0; i < 14; ++i)
    h += "<li><a href=\"/category/" + std::to_string(i) + "\">" + std::string(kSections[i]) +
         "</a></li>";
  h += "</ul><p class=\"copyright\">© 2024 الموقع الإخباري. جميع الحقوق محفوظة</p></div></footer>";
  h += "<script id=\"__NEXT_DATA__\" type=\"application/json\">" +
       StateJson(rng, target > h.size() ? (target - h.size()) / 2 : 1024) + "</script>";
  h += "<script>" + Script(rng, target > h.size() ? target - h.size() : 1024) +
       "</script></body></html>";
  return h;
}

// 24 pages from 50 to 300 KB.
const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    for (uint64_t i = 0; i < 24; ++i) out.push_back(NewsPage(i, 50 * 1024 + i * 250 * 1024 / 23));
    return out;
  }();
  return pages;
}

const std::vector<std::string>& CorpusPages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    const std::filesystem::path dir =
        std::filesystem::path(RASD_SOURCE_DIR) / "examples/corpus/html";
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".html") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream buf;
      buf << in.rdbuf();
      out.push_back(buf.str());
    }
    return out;
  }();
  return pages;
}

int64_t TotalBytes(const std::vector<std::string>& pages) {
  int64_t n = 0;
  for (const std::string& p : pages) n += static_cast<int64_t>(p.size());
  return n;
}

void ExtractPages(benchmark::State& state, const std::vector<std::string>& pages) {
  if (pages.empty()) {
    state.SkipWithError("no pages");
    return;
  }
  for (auto _ : state) {
    for (const std::string& page : pages) {
      rasd::clean::HtmlExtract e = rasd::clean::ExtractHtml(page);
      benchmark::DoNotOptimize(e.text.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(pages));
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * pages.size()), benchmark::Counter::kIsRate);
}

void BM_ExtractHtml_NewsPages(benchmark::State& state) { ExtractPages(state, Pages()); }
BENCHMARK(BM_ExtractHtml_NewsPages)->Unit(benchmark::kMillisecond);

void BM_ExtractHtml_CorpusPages(benchmark::State& state) { ExtractPages(state, CorpusPages()); }
BENCHMARK(BM_ExtractHtml_CorpusPages)->Unit(benchmark::kMillisecond);

// What the pipeline runs on a page: extraction, then the boxes and boilerplate lines dropped.
void BM_CleanHtml_NewsPages(benchmark::State& state) {
  std::vector<rasd::ingest::RawDocument> docs;
  for (const std::string& page : Pages()) {
    rasd::ingest::RawDocument raw;
    raw.source = "page.html";
    raw.format = "html";
    raw.body = page;
    docs.push_back(std::move(raw));
  }
  rasd::clean::Cleaner cleaner;
  for (auto _ : state) {
    for (const auto& raw : docs) {
      auto c = cleaner.Clean(raw);
      benchmark::DoNotOptimize(c.ok());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(Pages()));
}
BENCHMARK(BM_CleanHtml_NewsPages)->Unit(benchmark::kMillisecond);

void BM_Phase_Prepare(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      rasd::clean::PreparedHtml p = rasd::clean::PrepareHtml(page);
      benchmark::DoNotOptimize(p.html.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(Pages()));
}
BENCHMARK(BM_Phase_Prepare)->Unit(benchmark::kMillisecond);

// gumbo with its own allocator, as a program using it plainly would.
void Parse(benchmark::State& state, const std::vector<std::string>& pages) {
  for (auto _ : state) {
    for (const std::string& page : pages) {
      GumboOptions options = kGumboDefaultOptions;
      options.max_errors = 0;
      GumboOutput* out = gumbo_parse_with_options(&options, page.data(), page.size());
      gumbo_destroy_output(&options, out);
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(Pages()));
}

void BM_Phase_GumboOnPage(benchmark::State& state) { Parse(state, Pages()); }
BENCHMARK(BM_Phase_GumboOnPage)->Unit(benchmark::kMillisecond);

void BM_Phase_GumboOnPrepared(benchmark::State& state) {
  std::vector<std::string> prepared;
  for (const std::string& page : Pages()) prepared.push_back(rasd::clean::PrepareHtml(page).html);
  Parse(state, prepared);
  state.counters["prepared_share"] =
      static_cast<double>(TotalBytes(prepared)) / static_cast<double>(TotalBytes(Pages()));
}
BENCHMARK(BM_Phase_GumboOnPrepared)->Unit(benchmark::kMillisecond);

}  // namespace
