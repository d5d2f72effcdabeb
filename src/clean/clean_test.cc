#include "clean/clean.h"

#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <sstream>

#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(RASD_SOURCE_DIR) + "/src/clean/testdata/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ingest::RawDocument Raw(std::string format, std::string body) {
  ingest::RawDocument raw;
  raw.source = "test." + format;
  raw.format = std::move(format);
  raw.body = std::move(body);
  return raw;
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

TEST(NormalizeIsoDateTest, Table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      // Dates.
      {"2023-08-16", "2023-08-16"},
      {" 2023-08-16\n", "2023-08-16"},
      {"2023/08/16", "2023-08-16"},
      {"2024-02-29", "2024-02-29"},  // leap year
      {"2000-02-29", "2000-02-29"},  // divisible by 400
      {"1900-02-28", "1900-02-28"},
      {"2100-12-31", "2100-12-31"},
      {"2023-02-29", ""},  // not a leap year
      {"1900-02-29", ""},  // divisible by 100, not 400
      {"2023-04-31", ""},
      {"2023-13-01", ""},
      {"2023-00-10", ""},
      {"2023-01-00", ""},
      {"1899-12-31", ""},
      {"2101-01-01", ""},
      {"2023-8-16", ""},
      {"2023-08/16", ""},  // mixed separators
      {"16/08/2023", ""},
      {"13/45/2020", ""},
      {"20230816", ""},
      {"", ""},
      {"yesterday", ""},
      {"2023-08-16x", ""},
      // Date-times.
      {"2023-08-16T10:00", "2023-08-16T10:00:00"},
      {"2023-08-16T10:00:05", "2023-08-16T10:00:05"},
      {"2023-08-16T10:00:05.123", "2023-08-16T10:00:05"},
      {"2023-08-16T10:00:05.123456Z", "2023-08-16T10:00:05Z"},
      {"2023-08-16T10:00:00Z", "2023-08-16T10:00:00Z"},
      {"2023-08-16t10:00:00z", "2023-08-16T10:00:00Z"},
      {"2023-08-16T10:00:00+03:00", "2023-08-16T10:00:00+03:00"},
      {"2023-08-16T10:00:00-04:30", "2023-08-16T10:00:00-04:30"},
      {"2023-08-16T10:00:00+0300", "2023-08-16T10:00:00+03:00"},
      {"2023-08-16T10:00+03", "2023-08-16T10:00:00+03:00"},
      {"2023-08-16 10:00", "2023-08-16T10:00:00"},
      {"2023-08-16 10:00:59", "2023-08-16T10:00:59"},
      {"2023/08/16 23:59", "2023-08-16T23:59:00"},
      {"2023-08-16T24:00", ""},
      {"2023-08-16T10:60", ""},
      {"2023-08-16T10:00:60", ""},
      {"2023-08-16T10", ""},
      {"2023-08-16T1:00", ""},
      {"2023-08-16T10:00:00.", ""},
      {"2023-08-16T10:00:00+3", ""},
      {"2023-08-16T10:00:00+03:00x", ""},
      {"2023-08-16T10:00:00 GMT", ""},
      {"2023-08-16T10:00:00Zz", ""},
      {"2023-08-16T", ""},
      {"Wed, 16 Aug 2023 10:00:00 GMT", ""},
  };
  for (const auto& [input, expected] : rows) {
    EXPECT_EQ(NormalizeIsoDate(input), expected) << "'" << input << "'";
  }
}

TEST(DateFromUrlTest, Table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"https://example.com/2024/03/05/slug", "2024-03-05"},
      {"https://example.com/news/2024/3/5/slug.html", "2024-03-05"},
      {"https://example.com/news/2024/03/05", "2024-03-05"},
      {"https://example.com/2024-03-05-slug", "2024-03-05"},
      {"/2024/03/05/", "2024-03-05"},
      {"https://example.com/2024/02/30/slug", ""},  // no such day
      {"https://example.com/2024/03/slug", ""},
      {"https://example.com/2024/03/0512/slug", ""},
      {"https://example.com/article?date=/2024/03/05/", ""},  // query, not path
      {"https://2024/03/05.example.com/a", ""},               // host, not path
      {"https://example.com/a/123456789/", ""},
      {"", ""},
  };
  for (const auto& [url, expected] : rows) EXPECT_EQ(DateFromUrl(url), expected) << url;
}

TEST(TidyTextTest, Table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"a\r\nb\r\n", "a\nb"},
      {"a\rb", "a\nb"},
      {"a   \nb\t\n", "a\nb"},
      {"a\xC2\xA0\nb", "a\nb"},  // trailing no-break space
      {"a\n\nb", "a\n\nb"},
      {"a\n\n\n\n\nb", "a\n\nb"},
      {"a\n   \n \t \n\nb", "a\n\nb"},
      {"\n\n  \na\n\n\n", "a"},
      {"  indented\n    kept", "  indented\n    kept"},
      {"", ""},
      {" \n \r\n", ""},
  };
  for (const auto& [input, expected] : rows) EXPECT_EQ(TidyText(input), expected) << input;
}

TEST(CleanerTest, PlainText) {
  Cleaner cleaner;
  ingest::RawDocument raw = Raw("txt", "زار لافروف يريفان.  \r\n\r\n\r\n\r\nثم غادر.\r\n");
  raw.source = "a.txt";
  Result<Cleaned> c = cleaner.Clean(raw);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->article.text, "زار لافروف يريفان.\n\nثم غادر.");
  EXPECT_EQ(c->article.source, "a.txt");
  EXPECT_EQ(c->article.format, "txt");
  EXPECT_EQ(c->article.language, "ar");
  EXPECT_EQ(c->article.published, "");
  EXPECT_EQ(c->article.id, "");  // pipeline/ sets it
  EXPECT_TRUE(c->warnings.empty());
}

TEST(CleanerTest, TextThatLooksLikeHtmlInATxtFileStaysText) {
  Result<Cleaned> c = Cleaner().Clean(Raw("txt", "<b>نص</b>"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->article.text, "<b>نص</b>");
}

TEST(CleanerTest, EmptyOrInvalidTextIsInvalidInput) {
  Result<Cleaned> empty = Cleaner().Clean(Raw("txt", " \n\n\t"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidInput);
  EXPECT_EQ(empty.status().message(), "test.txt: no text");

  Result<Cleaned> bad = Cleaner().Clean(Raw("txt", "نص\xFF"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidInput);
  EXPECT_EQ(bad.status().message(), "test.txt: invalid UTF-8 at byte 4");
}

TEST(CleanerTest, JsonlFieldsAndPublishedValidation) {
  struct Row {
    std::string published;
    std::string url;
    std::string expected;
    std::string warning;  // "" = no warning
  };
  const std::vector<Row> rows = {
      {"2023-08-16", "", "2023-08-16", ""},
      {"2023-08-16T10:00:00+03:00", "", "2023-08-16T10:00:00+03:00", ""},
      {"2023-08-16 10:00", "", "2023-08-16T10:00:00", ""},
      {"13/45/2020", "", "", "published: '13/45/2020' is not ISO 8601, dropped"},
      {"", "https://example.com/2022/09/15/a", "2022-09-15", ""},
      {"yesterday", "https://example.com/2022/09/15/a", "2022-09-15",
       "published: 'yesterday' is not ISO 8601, dropped"},
  };
  for (const Row& row : rows) {
    ingest::RawDocument raw = Raw("jsonl", "نص الخبر.\r\n");
    raw.source = "feed.jsonl:3";
    raw.title = "عنوان";
    raw.url = row.url;
    raw.outlet = "سبوتنيك";
    raw.published = row.published;
    raw.metadata_json = "{\"id\":7}";
    Result<Cleaned> c = Cleaner().Clean(raw);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->article.text, "نص الخبر.");
    EXPECT_EQ(c->article.title, "عنوان");
    EXPECT_EQ(c->article.outlet, "سبوتنيك");
    EXPECT_EQ(c->article.url, row.url);
    EXPECT_EQ(c->article.source, "feed.jsonl:3");
    EXPECT_EQ(c->article.format, "jsonl");
    EXPECT_EQ(c->article.metadata_json, "{\"id\":7}");
    EXPECT_EQ(c->article.published, row.expected) << row.published;
    std::vector<std::string> warnings;
    if (!row.warning.empty()) warnings.push_back(row.warning);
    EXPECT_EQ(c->warnings, warnings) << row.published;
  }
}

TEST(CleanerTest, JsonlRecordCarryingHtmlKeepsItsOwnFields) {
  ingest::RawDocument raw =
      Raw("jsonl",
          "<html lang=\"ar\"><head><meta property=\"og:title\" content=\"عنوان الصفحة\">"
          "<meta property=\"og:site_name\" content=\"الموقع\">"
          "<meta property=\"article:published_time\" content=\"2020-01-01\"></head>"
          "<body><nav>قائمة</nav><p>نص الخبر.</p></body></html>");
  raw.title = "عنوان من الحقل";
  raw.published = "2023-08-16";
  Result<Cleaned> c = Cleaner().Clean(raw);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->article.text, "نص الخبر.");
  EXPECT_EQ(c->article.title, "عنوان من الحقل");  // the JSONL field wins
  EXPECT_EQ(c->article.published, "2023-08-16");
  EXPECT_EQ(c->article.outlet, "الموقع");  // the page fills what the record lacks
  EXPECT_EQ(c->article.format, "jsonl");
}

TEST(CleanerTest, NewsPageFixture) {
  ingest::RawDocument raw = Raw("html", ReadFixture("news_page.html"));
  ASSERT_FALSE(raw.body.empty());
  Result<Cleaned> c = Cleaner().Clean(raw);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Article& a = c->article;
  EXPECT_EQ(a.title, "لافروف يلتقي نظيره الأرميني في موسكو");
  EXPECT_EQ(a.published, "2023-08-16T10:30:00+03:00");
  EXPECT_EQ(a.outlet, "وكالة المثال");
  EXPECT_EQ(a.url, "https://example.com/news/lavrov-mirzoyan");
  EXPECT_EQ(a.language, "ar");
  EXPECT_EQ(a.text,
            "موسكو - المثال. التقى وزير الخارجية الروسي سيرغي لافروف، يوم الأربعاء، نظيره "
            "الأرميني أرارات ميرزويان في موسكو.\n\n"
            "وبحث الجانبان الوضع في منطقة قره باغ & ممر لاتشين.\n\n"
            "لافروف وميرزويان\n\n"
            "وقال لافروف:\n«نؤيد الحوار».");
  EXPECT_TRUE(c->warnings.empty());
}

// {page, expected field}: one row per page shape.
struct HtmlRow {
  std::string name;
  std::string html;
  std::string title;
  std::string published;
  std::string outlet;
  std::string url;
  std::string text;
};

TEST(ExtractHtmlTest, PageShapes) {
  const std::vector<HtmlRow> rows = {
      {"og tags and canonical",
       "<html><head><meta property=\"og:title\" content=\" عنوان  og \">"
       "<meta property=\"og:site_name\" content=\"الموقع\">"
       "<meta property=\"og:url\" content=\"https://x.com/og\">"
       "<link rel=\"Canonical\" href=\"https://x.com/canonical\">"
       "<meta property=\"article:published_time\" content=\"2023-08-16T10:00:00Z\">"
       "<title>عنوان title</title></head><body><h1>عنوان h1</h1><p>نص.</p></body></html>",
       "عنوان og", "2023-08-16T10:00:00Z", "الموقع", "https://x.com/canonical", "عنوان h1\n\nنص."},
      {"title with site suffix, og:url, meta pubdate",
       "<title>خبر عاجل | الموقع</title><meta property=\"og:site_name\" content=\"الموقع\">"
       "<meta property=\"og:url\" content=\"https://x.com/a\">"
       "<meta name=\"pubdate\" content=\"2022-09-15\"><p>نص.</p>",
       "خبر عاجل", "2022-09-15", "الموقع", "https://x.com/a", "نص."},
      {"title with dash suffix and a relative canonical",
       "<title>خبر - Site</title><meta property=\"og:site_name\" content=\"site\">"
       "<link rel=\"canonical\" href=\"/a\"><meta property=\"og:url\" content=\"https://x.com/a\">"
       "<meta name=\"date\" content=\"2022/09/15\"><p>نص.</p>",
       "خبر", "2022-09-15", "site", "https://x.com/a", "نص."},
      {"site name alone is not stripped",
       "<title>الموقع</title><meta property=\"og:site_name\" content=\"الموقع\"><p>نص.</p>",
       "الموقع", "", "الموقع", "", "نص."},
      {"h1 over title; logo h1 in page header ignored; time datetime",
       "<title>عنوان title</title><body><header><h1>الشعار</h1></header>"
       "<h1>عنوان <b>h1</b></h1><time datetime=\"2021-05-06T07:08\">أمس</time><p>نص.</p>",
       "عنوان h1", "2021-05-06T07:08:00", "", "", "عنوان h1\n\nأمس\n\nنص."},
      {"JSON-LD @graph and publisher; itemprop articleBody",
       "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},"
       "{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-09-27T08:00:00+04:00\","
       "\"publisher\":{\"name\":\"وكالة\"}}]}</script>"
       "<div>قائمة جانبية</div><div itemprop=\"articleBody\"><p>نص الخبر الرئيسي هنا.</p></div>",
       "", "2020-09-27T08:00:00+04:00", "وكالة", "", "نص الخبر الرئيسي هنا."},
      {"JSON-LD array, broken JSON-LD ignored",
       "<script type=\"application/ld+json\">{broken</script>"
       "<script type=\"application/ld+json\">[{\"datePublished\":\"2019-01-02\"}]</script>"
       "<p>نص.</p>",
       "", "2019-01-02", "", "", "نص."},
      {"itemprop datePublished on a meta and on a span",
       "<span itemprop=\"datePublished\">2018-07-08</span><p>نص.</p>", "", "2018-07-08", "", "",
       "2018-07-08\n\nنص."},
      {"date from the URL when the page gives none",
       "<link rel=\"canonical\" href=\"https://x.com/news/2024/03/05/slug\"><p>نص.</p>", "",
       "2024-03-05", "", "https://x.com/news/2024/03/05/slug", "نص."},
      {"invalid meta date falls through to a valid one",
       "<meta property=\"article:published_time\" content=\"Tue, 05 Mar 2024\">"
       "<time datetime=\"2024-03-05\"></time><p>نص.</p>",
       "", "2024-03-05", "", "", "نص."},
      {"article-body class preferred; teaser articles and sidebar ignored",
       "<body><div class=\"sidebar\">" + Repeat("خبر جانبي طويل جدا. ", 5) +
           "</div><article><p>تشويقة.</p></article>"
           "<div class=\"post article-body\"><p>" +
           Repeat("نص المقال. ", 10) + "</p></div></body>",
       "", "", "", "", "نص المقال." + Repeat(" نص المقال.", 9)},
      {"small content-class widget loses to the body",
       "<body><div class=\"widget-content\">ودجت</div><p>" + Repeat("نص. ", 20) + "</p></body>", "",
       "", "", "", "ودجت\n\nنص." + Repeat(" نص.", 19)},
      {"boilerplate dropped",
       "<body><script>var a = '<p>x</p>';</script><style>p{}</style><noscript>فعّل</noscript>"
       "<nav>قائمة</nav><header>رأس</header><aside>جانب</aside>"
       "<form><label>بحث</label><input></form>"
       "<iframe>إطار</iframe><svg><text>رسم</text></svg><template><p>قالب</p></template>"
       "<button>زر</button><select><option>خيار</option></select>"
       "<p>النص</p><div hidden>مخفي</div><span aria-hidden=\"true\">أيقونة</span>"
       "<footer>تذييل</footer></body>",
       "", "", "", "", "النص"},
      {"ASP.NET form wrapping the page is kept",
       "<body><form id=\"aspnetForm\"><div><p>" + Repeat("نص المقال. ", 5) +
           "</p></div></form><form><label>بحث</label><input></form></body>",
       "", "", "", "", "نص المقال." + Repeat(" نص المقال.", 4)},
      {"unclosed tags", "<html><body><p>واحد<p>اثنان<div>ثلاثة<span>أربعة<li>خمسة<li>ستة", "", "",
       "", "", "واحد\n\nاثنان\n\nثلاثةأربعة\nخمسة\nستة"},
      {"entities and whitespace", "<p>أ&amp;ب&nbsp;&nbsp;ج &#1583; &lt;tag&gt;\n\t  هـ</p>", "", "",
       "", "", "أ&ب ج د <tag> هـ"},
      {"line breaks, lists and tables",
       "<p>سطر<br>سطر<br><br>فقرة</p><ul><li>أ</li><li>ب</li></ul>"
       "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
       "", "", "", "", "سطر\nسطر\n\nفقرة\n\nأ\nب\n\n1\n2\n3"},
  };
  for (const HtmlRow& row : rows) {
    HtmlExtract e = ExtractHtml(row.html);
    EXPECT_EQ(e.title, row.title) << row.name;
    EXPECT_EQ(e.published, row.published) << row.name;
    EXPECT_EQ(e.outlet, row.outlet) << row.name;
    EXPECT_EQ(e.url, row.url) << row.name;
    EXPECT_EQ(e.text, row.text) << row.name;
  }
}

TEST(ExtractHtmlTest, Language) {
  EXPECT_EQ(ExtractHtml("<html lang=\"ar-EG\"><p>نص</p>").language, "ar-EG");
  EXPECT_EQ(ExtractHtml("<p>نص</p>").language, "");
  Result<Cleaned> en = Cleaner().Clean(Raw("html", "<html lang=\"EN-us\"><p>text</p>"));
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->article.language, "en");
  Result<Cleaned> odd = Cleaner().Clean(Raw("html", "<html lang=\"x\"><p>text</p>"));
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->article.language, "ar");  // unusable: the default stays
}

TEST(CleanerTest, InvalidHtmlDatesAreWarnedAbout) {
  Result<Cleaned> c =
      Cleaner().Clean(Raw("html", "<meta name=\"pubdate\" content=\"16/08/2023\"><p>نص.</p>"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->article.published, "");
  EXPECT_EQ(c->warnings,
            std::vector<std::string>{"published: '16/08/2023' is not ISO 8601, dropped"});
}

TEST(CleanerTest, HtmlWithoutArticleTextIsInvalidInput) {
  const std::vector<std::string> pages = {
      "",
      "<html><head><title>عنوان</title></head><body></body></html>",
      "<html><body>   \n </body></html>",
      "<body><nav>قائمة</nav><script>x()</script><footer>تذييل</footer></body>",
      "<!-- only a comment -->",
  };
  for (const std::string& page : pages) {
    ingest::RawDocument raw = Raw("html", page);
    raw.source = "page.html";
    Result<Cleaned> c = Cleaner().Clean(raw);
    ASSERT_FALSE(c.ok()) << page;
    EXPECT_EQ(c.status().code(), Status::Code::kInvalidInput);
    EXPECT_EQ(c.status().message(), "page.html: no article text found in HTML");
  }
}

std::string Nested(size_t depth, std::string_view open, std::string_view close, bool closed) {
  return "<html><body>" + Repeat(open, depth) + "<p>النص العميق</p>" +
         (closed ? Repeat(close, depth) : "") + "<p>بعده</p></body></html>";
}

TEST(ExtractHtmlTest, DeepNestingDoesNotCrash) {
  struct Row {
    std::string name;
    std::string html;
  };
  const std::vector<Row> rows = {
      {"10,000 closed divs", Nested(10000, "<div>", "</div>", true)},
      {"10,000 unclosed divs", Nested(10000, "<div>", "", false)},
      {"100,000 unclosed spans", Nested(100000, "<span>", "", false)},
      {"10,000 unclosed b", Nested(10000, "<b>", "", false)},
      {"10,000 nested tables", Nested(10000, "<table><tr><td>", "</td></tr></table>", true)},
  };
  for (const Row& row : rows) {
    HtmlDetails d = ExtractHtmlDetails(row.html);
    EXPECT_TRUE(d.flattened) << row.name;
    EXPECT_NE(d.extract.text.find("النص العميق"), std::string::npos) << row.name;
    EXPECT_NE(d.extract.text.find("بعده"), std::string::npos) << row.name;
  }
  ingest::RawDocument raw = Raw("html", rows[0].html);
  Result<Cleaned> c = Cleaner().Clean(raw);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->article.text, "النص العميق\n\nبعده");
  EXPECT_EQ(c->warnings, std::vector<std::string>{
                             "html: nested deeper than 512 elements; flattened below that depth"});
}

// The tree walks themselves, on a tree gumbo really nests 10,000 deep (no flattening), and
// freeing it without gumbo's recursive destructor.
TEST(ExtractHtmlTest, UnflattenedDeepTreeIsWalkedIteratively) {
  HtmlDetails d = ExtractHtmlDetails(Nested(10000, "<div>", "</div>", true),
                                     std::numeric_limits<size_t>::max());
  EXPECT_FALSE(d.flattened);
  EXPECT_EQ(d.extract.text, "النص العميق\n\nبعده");
}

TEST(FlattenDeepNestingTest, Table) {
  struct Row {
    std::string html;
    size_t max_depth;
    std::optional<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"<div><div>a</div></div>", 2, std::nullopt},
      {"<div><div><div>a</div></div></div>", 2, "<div><div> a </div></div>"},
      {"<DIV><Div><div class=\"x\">a</DIV></div></div>", 2, "<DIV><Div> a </div></div>"},
      // Not nesting: void, implicitly closed, comments, raw text, self-closed in SVG.
      {"<div><p>a<p>b<br><img src=x><li>c</div>", 1, std::nullopt},
      {"<div><!-- <div><div> --></div>", 1, std::nullopt},
      {"<div><script>if (a<b) document.write('<div><div>')</script></div>", 1, std::nullopt},
      {"<div><textarea><div><div></textarea></div>", 1, std::nullopt},
      {"<svg><path/><path/></svg>", 1, std::nullopt},
      {"<div a='>' b=\"<div>\"><div>x</div></div>", 1, "<div a='>' b=\"<div>\"> x </div>"},
      // An end tag closes the nearest open element of its name and what was opened after it.
      {"<div><span></div><div>a</div>", 2, std::nullopt},
      // A stray end tag closes nothing.
      {"<div></span><div>a</div></div>", 1, "<div></span> a </div>"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(FlattenDeepNesting(row.html, row.max_depth), row.expected) << row.html;
  }
}

TEST(LooksLikeHtmlTest, Table) {
  const std::vector<std::pair<std::string, bool>> rows = {
      {"<html>", true},
      {"  <p>نص</p>", true},
      {"<!DOCTYPE html>", true},
      {"\xEF\xBB\xBF<div>", true},
      {"نص <b>", false},
      {"<< اقتباس", false},
      {"< 5", false},
      {"", false},
      {"<", false},
  };
  for (const auto& [body, html] : rows) EXPECT_EQ(LooksLikeHtml(body), html) << body;
}

}  // namespace
}  // namespace rasd::clean
