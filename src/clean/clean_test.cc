#include "clean/clean.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
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

// LineBreaks finds what find_first_of("\r\n") finds, forwards and after a step back, in texts
// with one kind of break or both.
TEST(LineBreaksTest, AgreesWithFindFirstOf) {
  for (std::string_view text : {"", "a", "a\nb", "a\rb\rc", "a\r\nb\n\nc\r", "\n\r\n\r",
                                "no break at all", "x\ry\nz\rw\n"}) {
    SCOPED_TRACE(text);
    LineBreaks breaks(text);
    for (size_t pos = 0; pos <= text.size() + 1; ++pos) {
      EXPECT_EQ(breaks.Next(pos), text.find_first_of("\r\n", pos)) << pos;
    }
    for (size_t pos : {size_t{3}, size_t{0}, size_t{2}}) {  // back, then forward again
      EXPECT_EQ(breaks.Next(pos), text.find_first_of("\r\n", pos)) << pos;
    }
  }
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
       "2024-03-05", "x.com", "https://x.com/news/2024/03/05/slug", "نص."},
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
      // The widget is a box of its own (html_boxes.tsv), dropped.
      {"small content-class widget loses to the body",
       "<body><div class=\"widget-content\">ودجت</div><p>" + Repeat("نص. ", 20) + "</p></body>", "",
       "", "", "", "نص." + Repeat(" نص.", 19)},
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

// ---------------------------------------------------------------------------------------------
// Page boilerplate.

std::string ReadPath(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "reason: text" for each dropped block, in order.
std::vector<std::string> Blocks(const Cleaned& c) {
  std::vector<std::string> out;
  for (const Dropped& d : c.dropped)
    out.push_back(std::string(DropReasonName(d.reason)) + ": " + d.text);
  return out;
}

// Every dropped block is the text of its byte range, and blocks are in order without overlap.
void ExpectRangesMatch(std::string_view page, const Cleaned& c, const std::string& name) {
  size_t pos = 0;
  for (const Dropped& d : c.dropped) {
    ASSERT_LE(pos, d.start) << name;
    ASSERT_LE(d.start, d.end) << name;
    ASSERT_LE(d.end, page.size()) << name;
    EXPECT_EQ(page.substr(d.start, d.end - d.start), d.text) << name;
    pos = d.end;
  }
}

TEST(FoldForMatchingTest, Table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"إقرأ أيضاً", "اقرا ايضا"},
      {"اقرأ أيضًا", "اقرا ايضا"},  // tanwin on the dad
      {"اقرأ ايضا", "اقرا ايضا"},
      {"آخر أخبار", "اخر اخبار"},
      {"ٱلمصدر", "المصدر"},                  // alef wasla
      {"مقالــات مشابهة", "مقالات مشابهه"},  // tatweel; teh marbuta
      {"المؤتمر الدولي", "الموتمر الدولي"},
      {"فی قره باغ", "في قره باغ"},  // Persian yeh
      {"مستشفى", "مستشفي"},
      {"ک", "ك"},                              // keheh
      {"كلمات\u200C دلالية", "كلمات دلاليه"},  // zero-width non-joiner
      {"  كلمات \t\u00A0 دلالية : ", "كلمات دلاليه :"},
      {"\u200Fالمصدر: RT Arabic", "المصدر: rt arabic"},
      {"مُحَمَّد", "محمد"},
      {"", ""},
      // Invalid bytes give U+FFFD, three bytes for one: the key outgrows the line.
      {"\xFF\xFE\xFD", "\uFFFD\uFFFD\uFFFD"},
      {"ا\xFF \xFE", "ا\uFFFD \uFFFD"},
  };
  for (const auto& [input, expected] : rows) EXPECT_EQ(FoldForMatching(input), expected) << input;
  const std::string invalid(5000, '\xFF');
  std::string replaced;
  for (int i = 0; i < 5000; ++i) replaced += "\uFFFD";
  EXPECT_EQ(FoldForMatching(invalid), replaced);
}

TEST(MarkersTest, DataFileLoads) {
  const Result<Markers>& markers = DefaultMarkers();
  ASSERT_TRUE(markers.ok()) << markers.status().ToString();
  std::set<MarkerKind> kinds;
  for (const Markers::Phrase& p : markers->phrases) kinds.insert(p.kind);
  EXPECT_EQ(kinds, (std::set<MarkerKind>{MarkerKind::kReadAlso, MarkerKind::kTagList,
                                         MarkerKind::kSourceLine, MarkerKind::kCopyright,
                                         MarkerKind::kSimilarArticles, MarkerKind::kEndOfMessage,
                                         MarkerKind::kEditPrompt, MarkerKind::kComments}));
  EXPECT_TRUE(markers->share_words.count("فيسبوك"));
  EXPECT_NE(markers->bullets.find(U'\u2022'), std::u32string::npos);
  // Longest first, so "مصدر الخبر" is tried before "مصدر".
  for (size_t i = 1; i < markers->phrases.size(); ++i) {
    EXPECT_GE(markers->phrases[i - 1].key.size(), markers->phrases[i].key.size());
  }
}

TEST(MarkersTest, BadRowsAreErrors) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"read-also\tاقرأ أيضاً\nnonsense\tx\n", "clean/markers.tsv:2: unknown kind 'nonsense'"},
      {"# Format: kind<TAB>marker\nread-also\n", "clean/markers.tsv:2: expected kind<TAB>marker"},
      {"read-also\t\u064B\n", "clean/markers.tsv:1: marker folds to nothing"},
  };
  for (const auto& [tsv, message] : rows) {
    Result<Markers> m = ParseMarkers(tsv);
    ASSERT_FALSE(m.ok()) << tsv;
    EXPECT_EQ(m.status().message(), message);
  }
  Result<Markers> ok = ParseMarkers("share\tفيس بوك|تويتر\nbullet\t•|▪\ntag-list\tوسوم| الوسوم \n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->share_words, (std::unordered_set<std::string>{"فيس", "بوك", "تويتر"}));
  EXPECT_EQ(ok->bullets, U"\u2022\u25AA");
  ASSERT_EQ(ok->phrases.size(), 2u);
  EXPECT_EQ(ok->phrases[0].key, "الوسوم");
}

// Article paragraphs and another story, written for these tests.
const std::string kP1 = "التقى وزير الخارجية الروسي نظيره الأرميني في موسكو اليوم الأربعاء.";
const std::string kP2 = "وبحث الجانبان الوضع في قره باغ وعملية تطبيع العلاقات بين البلدين.";
const std::string kP3 =
    "وقال الوزير إن بلاده مستعدة للمساعدة في التوصل إلى اتفاق سلام دائم بين "
    "البلدين، داعيا إلى استئناف المفاوضات في أقرب وقت ممكن.";
const std::string kArticle = kP1 + "\n\n" + kP2 + "\n\n" + kP3;
const std::string kHeadline = "بكين تدعو إلى ضبط النفس في بحر الصين الجنوبي";
const std::string kStory = "دعت وزارة الخارجية الصينية جميع الأطراف إلى ضبط النفس وتجنب التصعيد.";

struct BoilerplateRow {
  std::string name;
  std::string page;
  std::string text;                  // the article text expected
  std::vector<std::string> dropped;  // "reason: text"
};

void CheckRows(const std::vector<BoilerplateRow>& rows) {
  for (const BoilerplateRow& row : rows) {
    Result<Cleaned> c = Cleaner().Clean(Raw("txt", row.page));
    ASSERT_TRUE(c.ok()) << row.name << ": " << c.status().ToString();
    EXPECT_EQ(c->article.text, row.text) << row.name;
    EXPECT_EQ(Blocks(*c), row.dropped) << row.name;
    ExpectRangesMatch(row.page, *c, row.name);
  }
}

TEST(BoilerplateTest, ReadAlsoAtTheEndTakesTheStoryItCarries) {
  std::vector<BoilerplateRow> rows;
  for (std::string marker : {"إقرأ أيضاً:", "اقرأ أيضا:", "اقرأ ايضا", "إقرأ أيضًا :", "اقرأ أيضــاً",
                             "اقرأ كذلك:", "• اقرأ أيضاً:", "شاهد أيضا:"}) {
    // After a tag list: the story and the "similar articles" bullets go with it.
    rows.push_back({"after tags: " + marker,
                    kArticle + "\n\nكلمات دلالية: روسيا أرمينيا\n\n" + marker + "\n\n" + kHeadline +
                        "\n\n" + kStory + "\n\nمقالات مشابهة\n\n  • " + kHeadline + "\n  • خبر آخر",
                    kArticle,
                    {"tag-list: كلمات دلالية: روسيا أرمينيا",
                     "read-also: " + marker + "\n\n" + kHeadline + "\n\n" + kStory,
                     "similar-articles: مقالات مشابهة\n\n  • " + kHeadline + "\n  • خبر آخر"}});
    // The page's last block, nothing before it: the story is short next to the article.
    rows.push_back({"last block: " + marker,
                    kArticle + "\n\n" + marker + "\n" + kHeadline + "\n" + kStory,
                    kArticle,
                    {"read-also: " + marker + "\n" + kHeadline + "\n" + kStory}});
  }
  // Glued to the headline it announces, at the end of the page.
  rows.push_back(
      {"glued, at the end",
       kArticle +
           "\n\nكلمات دلالية: روسيا\n\nاقرأ أيضاًمصادر دبلوماسية: جولة محادثات "
           "جديدة الأسبوع المقبل\n\n" +
           kHeadline,
       kArticle,
       {"tag-list: كلمات دلالية: روسيا",
        "read-also: اقرأ أيضاًمصادر دبلوماسية: جولة محادثات جديدة الأسبوع المقبل\n\n" + kHeadline}});
  CheckRows(rows);
}

TEST(BoilerplateTest, CommentsAtTheEndGo) {
  const std::string kComment1 = "متى ينتهي هذا الانتظار الطويل؟ نريد حلا الآن.";
  const std::string kComment2 = "كلام جميل لكن الواقع مختلف تماما على الأرض.";
  CheckRows({
      {"label alone, short comments after the article",
       kArticle + "\n\nتعليقات\n\n" + kComment1 + "\n\n" + kComment2,
       kArticle,
       {"comments: تعليقات\n\n" + kComment1 + "\n\n" + kComment2}},
      {"another label",
       kArticle + "\n\nأضف تعليقك\n" + kComment1,
       kArticle,
       {"comments: أضف تعليقك\n" + kComment1}},
      // The word inside a sentence, or a label followed by more text than the article above
      // it, is not the end of the page.
      {"in a sentence",
       kArticle + "\n\nوتلقت الوزارة تعليقات كثيرة على القرار.",
       kArticle + "\n\nوتلقت الوزارة تعليقات كثيرة على القرار.",
       {}},
  });
}

TEST(BoilerplateTest, TeaserInsideTheArticleDropsItsLinesOnly) {
  const std::string teaser = "إقرأ المزيد الخارجية الروسية: نأمل استئناف الحوار قريبا";
  const std::string glued = "اقرأ أيضاًمصادر دبلوماسية: جولة محادثات جديدة الأسبوع المقبل";
  CheckRows({
      {"read more, one line",
       kP1 + "\n\n" + teaser + "\n\n" + kP2 + "\n\n" + kP3,
       kArticle,
       {"teaser: " + teaser}},
      {"read more with a colon",
       kP1 + "\n\nاقرأ المزيد: " + kHeadline + "\n\n" + kP2 + "\n\n" + kP3,
       kArticle,
       {"teaser: اقرأ المزيد: " + kHeadline}},
      {"glued", kP1 + "\n\n" + glued + "\n\n" + kP2 + "\n\n" + kP3, kArticle, {"teaser: " + glued}},
      // Paragraphs one a line stay one a line.
      {"single line breaks",
       kP1 + "\n" + teaser + "\n" + kP2 + "\n" + kP3,
       kP1 + "\n" + kP2 + "\n" + kP3,
       {"teaser: " + teaser}},
      {"marker alone, headlines under it",
       kP1 + "\n\nاقرأ أيضا:\n" + kHeadline + "\nخبر آخر عن المحادثات\n\n" + kP2 + "\n\n" + kP3,
       kArticle,
       {"teaser: اقرأ أيضا:\n" + kHeadline + "\nخبر آخر عن المحادثات"}},
      // The teaser's headline was a link the scraper lost: only the marker goes.
      {"marker alone before prose",
       kP1 + "\n\nاقرأ أيضا:\n\n" + kP2 + "\n\n" + kP3,
       kArticle,
       {"teaser: اقرأ أيضا:"}},
      // Not teasers: prose that begins with the same words, a marker inside a line.
      {"prose starting with the words",
       kP1 + "\n\nشاهد أيضاً مراسلنا في المدينة عشرات الآليات العسكرية تتجه نحو الحدود.\n\n" + kP2,
       kP1 + "\n\nشاهد أيضاً مراسلنا في المدينة عشرات الآليات العسكرية تتجه نحو الحدود.\n\n" + kP2,
       {}},
      {"marker inside a line",
       kP1 + " اقرأ أيضا: " + kHeadline + "\n\n" + kP2,
       kP1 + " اقرأ أيضا: " + kHeadline + "\n\n" + kP2,
       {}},
  });
}

TEST(BoilerplateTest, TagListsSimilarArticlesAndOtherBlocks) {
  CheckRows({
      {"tag list, other label",
       kArticle + "\n\nالكلمات الدلالية: روسيا، أرمينيا",
       kArticle,
       {"tag-list: الكلمات الدلالية: روسيا، أرمينيا"}},
      {"tag list label alone, a tag a line",
       kArticle + "\n\nالوسوم\nروسيا\nأرمينيا\nقره باغ",
       kArticle,
       {"tag-list: الوسوم\nروسيا\nأرمينيا\nقره باغ"}},
      // Above the article, a tag list is not the end of the page.
      {"tags above the article",
       "كلمات دلالية: روسيا أرمينيا\n\n" + kArticle,
       kArticle,
       {"tag-list: كلمات دلالية: روسيا أرمينيا"}},
      {"similar articles, bullets",
       kArticle + "\n\nمقالات مشابهة\n\n  • " + kHeadline + "\n  ● خبر آخر",
       kArticle,
       {"similar-articles: مقالات مشابهة\n\n  • " + kHeadline + "\n  ● خبر آخر"}},
      {"related news, one headline a line",
       kArticle + "\n\nأخبار ذات صلة:\n" + kHeadline + "\nخبر آخر",
       kArticle,
       {"similar-articles: أخبار ذات صلة:\n" + kHeadline + "\nخبر آخر"}},
      // Headlines run together on the label's line (Al Jazirah's "other articles by the
      // writer").
      {"similar articles on one line",
       kArticle + "\n\nمقالات أخرى للكاتبمستقبل الحوار الخليجيأسواق النفط بعد الاتفاق",
       kArticle,
       {"similar-articles: مقالات أخرى للكاتبمستقبل الحوار الخليجيأسواق النفط بعد الاتفاق"}},
      {"related news inside the article",
       kP1 + "\n\nمقالات ذات صلة\n" + kHeadline + "\n\n" + kP2 + "\n\n" + kP3,
       kArticle,
       {"similar-articles: مقالات ذات صلة\n" + kHeadline}},
      {"end of message and edit prompts",
       kArticle + "\nنهاية الرسالة /\nيمكنك تعديل هذه المقالة\nاقترح هذه المقالة للصفحة الأولى",
       kArticle,
       {"end-of-message: نهاية الرسالة /", "edit-prompt: يمكنك تعديل هذه المقالة",
        "edit-prompt: اقترح هذه المقالة للصفحة الأولى"}},
      {"share bar under the headline",
       kHeadline + "\n\nشارك: فيسبوك تويتر واتساب\n\n" + kArticle,
       kHeadline + "\n\n" + kArticle,
       {"share: شارك: فيسبوك تويتر واتساب"}},
      {"share and print buttons",
       kArticle + "\n\nمشاركة طباعة نسخ الرابط",
       kArticle,
       {"share: مشاركة طباعة نسخ الرابط"}},
      {"share button alone", kArticle + "\n\nمشاركة", kArticle, {"share: مشاركة"}},
      {"copyright",
       kArticle + "\n\n© 2024 وكالة المثال. جميع الحقوق محفوظة",
       kArticle,
       {"copyright: © 2024 وكالة المثال. جميع الحقوق محفوظة"}},
      // Bullets end a page only inside its boilerplate.
      {"bullets after a source line",
       kArticle + "\n\nالمصدر: رصد\n• " + kHeadline + "\n• خبر آخر",
       kArticle,
       {"source-line: المصدر: رصد", "similar-articles: • " + kHeadline + "\n• خبر آخر"}},
      {"CRLF",
       kP1 + "\r\n\r\nكلمات دلالية: روسيا  \r\n\r\nاقرأ أيضا:\r\n" + kHeadline + "\r\n",
       kP1,
       {"tag-list: كلمات دلالية: روسيا", "read-also: اقرأ أيضا:\r\n" + kHeadline}},
  });
}

// Lines that look like markers at first sight and are article text.
TEST(BoilerplateTest, ArticleTextIsKept) {
  const std::vector<std::string> lines = {
      // An anonymous source is not a source line.
      "المصدر أن القوات ستنسحب من المنطقة خلال أيام.",
      "وقال المصدر: إن المحادثات ستستأنف الأسبوع المقبل.",
      "المصدر: إن المحادثات ستستأنف الأسبوع المقبل، وإن الوفدين سيلتقيان في جنيف.",
      "المصدر: «لن نتراجع عن قرارنا»",
      "المصدر: الاجتماع انتهى. الوفود غادرت",
      "المصدر الدبلوماسي أكد أن الاجتماع سيعقد غدا.",
      "مصدر مطلع: الوفد يصل غدا إلى جنيف لبدء جولة جديدة من المحادثات مع الجانب الآخر والوسطاء",
      "مصدرين مطلعين: الاجتماع تأجل",
      // Share words among others.
      "شارك في الاجتماع وزراء خارجية الدول الثلاث.",
      // Words of an end marker in a sentence.
      "انتهى الاجتماع دون التوصل إلى اتفاق.",
      "ذات صلة بالملف النووي الإيراني، قال الوزير إن المحادثات مستمرة.",
      "الأكثر قراءة بين الشباب كانت الصحف الإلكترونية، بحسب الاستطلاع.",
      // A list in the article, at its end.
      "وتضمن البيان النقاط التالية:\n• وقف إطلاق النار فورا\n• تبادل الأسرى",
  };
  for (const std::string& line : lines) {
    std::string page = kArticle + "\n\n" + line;
    Result<Cleaned> c = Cleaner().Clean(Raw("txt", page));
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->article.text, page) << line;
    EXPECT_TRUE(c->dropped.empty()) << line << "\n" << c->dropped.front().ToString();
  }
}

TEST(BoilerplateTest, SourceLineGivesTheOutlet) {
  struct Row {
    std::string page;
    std::string outlet;    // given by the document ("" = none)
    std::string metadata;  // given by the document
    std::string expected_outlet;
    std::string expected_metadata;
  };
  const std::vector<Row> rows = {
      {kArticle + "\n\nالمصدر: RT Arabic", "", "{}", "RT Arabic", R"({"sources":["RT Arabic"]})"},
      {kArticle + "\n\nالمصدر : عربي21.", "", "{}", "عربي21", R"({"sources":["عربي21"]})"},
      {kArticle + "\n\nالمصدر: أ.ف.ب", "", "{}", "أ.ف.ب", R"({"sources":["أ.ف.ب"]})"},
      {kArticle + "\n\nمصدر الخبر: وكالة الأنباء السعودية (واس)", "", "{}",
       "وكالة الأنباء السعودية (واس)", R"j({"sources":["وكالة الأنباء السعودية (واس)"]})j"},
      // Several: the last is the outlet, all are kept.
      {kArticle + "\n\nالمصدر: نوفوستي\n\nالمصدر: RT Arabic\n\nكلمات دلالية: روسيا", "", "{}",
       "RT Arabic", R"({"sources":["نوفوستي","RT Arabic"]})"},
      // The document's own outlet wins; metadata keeps its fields in order.
      {kArticle + "\n\nالمصدر: رويترز", "سبوتنيك", R"({"section":"world","id":7})", "سبوتنيك",
       R"({"section":"world","id":7,"sources":["رويترز"]})"},
      {kArticle + "\n\nالمصدر: رويترز", "", R"({"sources":"input"})", "رويترز",
       R"({"sources":"input"})"},
      {kArticle + "\n\nجميع الحقوق محفوظة © 2024", "", "{}", "",
       R"({"copyright":"جميع الحقوق محفوظة © 2024"})"},
  };
  for (const Row& row : rows) {
    ingest::RawDocument raw = Raw("jsonl", row.page);
    raw.outlet = row.outlet;
    raw.metadata_json = row.metadata;
    Result<Cleaned> c = Cleaner().Clean(raw);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->article.text, kArticle) << row.page;
    EXPECT_EQ(c->article.outlet, row.expected_outlet) << row.page;
    EXPECT_EQ(c->article.metadata_json, row.expected_metadata) << row.page;
  }
}

TEST(BoilerplateTest, OnlyBoilerplateIsInvalidInput) {
  Result<Cleaned> c = Cleaner().Clean(Raw("txt", "المصدر: رويترز\n\nكلمات دلالية: روسيا"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kInvalidInput);
  EXPECT_EQ(c.status().message(), "test.txt: only page boilerplate, no article text");
}

TEST(BoilerplateTest, PagesOfTooManyLinesAreNotSearched) {
  std::string page = Repeat(kP1 + "\n", 70000) + "كلمات دلالية: روسيا";
  Result<Cleaned> c = Cleaner().Clean(Raw("txt", page));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->dropped.empty());
  EXPECT_EQ(c->article.text, page);
  EXPECT_EQ(c->warnings, std::vector<std::string>{"boilerplate kept: more than 65536 lines"});
}

TEST(BoilerplateTest, HtmlArticleElementCarryingReadAlso) {
  const std::string html =
      "<html><head><meta property=\"og:site_name\" content=\"الموقع\"></head><body><article>"
      "<h1>" +
      kHeadline + "</h1><p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 +
      "</p>"
      "<p class=\"source\">المصدر: وكالات</p>"
      "<div class=\"read-also\"><strong>إقرأ أيضاً:</strong><h3><a href=\"/1\">خبر آخر</a></h3>"
      "<p>" +
      kStory +
      "</p></div>"
      "<div class=\"related\"><h3>مقالات مشابهة</h3><ul><li><a href=\"/2\">عنوان أول</a></li>"
      "<li><a href=\"/3\">عنوان ثان</a></li></ul></div></article></body></html>";
  Result<Cleaned> c = Cleaner().Clean(Raw("html", html));
  ASSERT_TRUE(c.ok());
  // The <h1> is the title; the text is the article.
  EXPECT_EQ(c->article.title, kHeadline);
  EXPECT_EQ(c->article.text, kArticle);
  EXPECT_EQ(c->article.outlet, "الموقع");  // the page's own name wins over its source line
  EXPECT_EQ(Blocks(*c),
            (std::vector<std::string>{"headline: " + kHeadline, "source-line: المصدر: وكالات",
                                      "read-also: إقرأ أيضاً:\n\nخبر آخر\n\n" + kStory,
                                      "similar-articles: مقالات مشابهة\n\nعنوان أول\nعنوان ثان"}));
  ExpectRangesMatch(ExtractHtml(html).page_text, *c, "html");
}

TEST(DroppedTest, PrintsOnOneLine) {
  Dropped d{DropReason::kReadAlso, "إقرأ أيضاً:\n\n\"خبر\"", 10, 38};
  EXPECT_EQ(d.ToString(), "read-also [10,38) \"إقرأ أيضاً:\\n\\n\\\"خبر\\\"\"");
  EXPECT_STREQ(DropReasonName(DropReason::kTeaser), "teaser");
  EXPECT_STREQ(DropReasonName(DropReason::kEndOfMessage), "end-of-message");
}

// The real pages in ../shared/seeds (outside the repository). Three of them carry a whole other
// story in a "read also" block; none of it may survive, and each article's first paragraph must.
TEST(BoilerplateTest, Seeds) {
  const std::filesystem::path seeds =
      std::filesystem::path(RASD_SOURCE_DIR) / ".." / "shared" / "seeds";
  if (!std::filesystem::is_directory(seeds)) GTEST_SKIP() << "no seed articles at " << seeds;
  struct Row {
    std::string file;
    std::string absent;  // a word of the carried story only ("" = none)
    std::string outlet;
    std::set<std::string> reasons;
  };
  const std::vector<Row> rows = {
      {"000_f375c548f42ea630.txt", "", "", {"end-of-message", "edit-prompt"}},
      {"001_60a703c32cbdec00.txt",
       "ترامب",
       "عربي21",
       {"source-line", "tag-list", "read-also", "similar-articles"}},
      {"002_4b1cc2553c7c1946.txt",
       "فنلندا",
       "RT Arabic",
       {"teaser", "source-line", "tag-list", "read-also", "similar-articles"}},
      {"003_d864a0b9b98c93fc.txt", "", "", {}},
      {"004_e007c826f62b0ef6.txt",
       "داعش",
       "RT Arabic",
       {"teaser", "source-line", "tag-list", "read-also", "similar-articles"}},
  };
  for (const Row& row : rows) {
    std::string page = ReadPath(seeds / row.file);
    ASSERT_FALSE(page.empty()) << row.file;
    ingest::RawDocument raw = Raw("txt", page);
    Result<Cleaned> c = Cleaner().Clean(raw);
    ASSERT_TRUE(c.ok()) << row.file;
    const std::string& text = c->article.text;
    if (!row.absent.empty()) {
      EXPECT_EQ(text.find(row.absent), std::string::npos) << row.file;
    }
    for (const char* marker : {"كلمات دلالية", "مقالات مشابهة", "أيضاً", "المزيد", "المصدر:", "•",
                               "نهاية الرسالة", "يمكنك تعديل"}) {
      EXPECT_EQ(text.find(marker), std::string::npos) << row.file << ": " << marker;
    }
    std::string first = TidyText(page);
    first = first.substr(0, first.find('\n'));
    EXPECT_EQ(text.rfind(first, 0), 0u) << row.file << ": first paragraph lost";
    EXPECT_EQ(c->article.outlet, row.outlet) << row.file;
    std::set<std::string> reasons;
    for (const Dropped& d : c->dropped) reasons.insert(DropReasonName(d.reason));
    EXPECT_EQ(reasons, row.reasons) << row.file;
    ExpectRangesMatch(page, *c, row.file);
  }
}

// The sample corpus (examples/corpus): its README says ten articles carry page boilerplate;
// every one loses it, no other article loses anything but a share bar, and the first
// paragraph of every article survives.
TEST(BoilerplateTest, SampleCorpus) {
  const std::filesystem::path root = std::filesystem::path(RASD_SOURCE_DIR) / "examples" / "corpus";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no sample corpus at " << root;
  const std::set<std::string> kEnd = {"source-line", "tag-list", "read-also", "similar-articles"};
  const std::map<std::string, std::set<std::string>> boilerplate = {
      {"txt/02_azerbaijan_armenia_border_fire.txt", kEnd},
      {"txt/04_el_fasher_shelling.txt", {"source-line", "tag-list", "similar-articles"}},
      {"txt/07_eu_sanctions_package.txt", {"tag-list", "read-also", "source-line"}},
      {"txt/11_armenia_azerbaijan_border_deal.txt",
       {"source-line", "tag-list", "similar-articles"}},
      {"txt/12_ceasefire_republished.txt", {"source-line", "tag-list", "similar-articles"}},
      {"jsonl/01_wire_2023_2024.jsonl:3", {"source-line", "tag-list", "read-also"}},
      {"jsonl/02_portal_2025.jsonl:4", kEnd},
      {"html/02_israel_strikes_south_lebanon.html", kEnd},
      {"html/07_aliyev_accuses_russia_plane.html", kEnd},
      {"html/09_yerevan_protest_tavush.html", kEnd},
  };
  ASSERT_EQ(boilerplate.size(), 10u);
  // Share bars ("شارك: فيسبوك تويتر واتساب") of three pages, which the README does not count.
  const std::set<std::string> share = {"html/01_araghchi_cairo_visit.html",
                                       "html/05_jordan_election_results.html",
                                       "html/10_sudan_uae_ties_republished.html"};
  ingest::Reader reader({root.string()}, {});
  size_t articles = 0;
  std::set<std::string> cleaned_files;
  while (std::optional<ingest::Item> item = reader.Next()) {
    if (item->kind != ingest::ItemKind::kDocument) continue;
    const ingest::RawDocument& raw = item->document;
    std::string name = raw.source.substr(root.string().size() + 1);
    ++articles;
    Result<Cleaned> c = Cleaner().Clean(raw);
    ASSERT_TRUE(c.ok()) << name;
    const std::string& text = c->article.text;

    std::set<std::string> reasons;
    for (const Dropped& d : c->dropped) reasons.insert(DropReasonName(d.reason));
    // A page's <h1> leaves the text for the title: not boilerplate this test is about.
    reasons.erase("headline");
    auto it = boilerplate.find(name);
    if (it != boilerplate.end()) {
      EXPECT_EQ(reasons, it->second) << name;
      cleaned_files.insert(name);
    } else if (share.count(name)) {
      EXPECT_EQ(reasons, std::set<std::string>{"share"}) << name;
    } else {
      EXPECT_TRUE(reasons.empty()) << name;
    }
    for (const char* marker :
         {"كلمات دلالية", "مقالات مشابهة", "أيضاً:", "أيضا:", "المصدر:", "•", "فيسبوك"}) {
      EXPECT_EQ(text.find(marker), std::string::npos) << name << ": " << marker;
    }

    // The first paragraph: the first line of a text, the first <p> of a page.
    std::string first;
    if (raw.format == "html") {
      size_t p = raw.body.find("<p>");
      ASSERT_NE(p, std::string::npos) << name;
      first = ExtractHtml(raw.body.substr(p, raw.body.find("</p>", p) - p)).text;  // entities
    } else {
      first = TidyText(raw.body);
      first = first.substr(0, first.find('\n'));
    }
    ASSERT_FALSE(first.empty()) << name;
    EXPECT_NE(text.find(first), std::string::npos) << name << ": first paragraph lost";
  }
  EXPECT_EQ(articles, 35u);
  EXPECT_EQ(cleaned_files.size(), boilerplate.size());
}

}  // namespace
}  // namespace rasd::clean

namespace rasd::clean {
namespace {

// A text document of the site "news" (its folder) whose lines are `lines`.
ingest::RawDocument SiteDoc(const std::string& name, const std::vector<std::string>& lines,
                            const std::string& outlet = "") {
  ingest::RawDocument raw;
  raw.source = "news/" + name + ".txt";
  raw.format = "txt";
  raw.outlet = outlet;
  for (const std::string& l : lines) raw.body += l + "\n\n";
  return raw;
}

std::string Story(int i) {
  return "أعلنت الحكومة في بيانها رقم " + std::to_string(i) +
         " اليوم أنها ستعقد اجتماعا طارئا لبحث الأوضاع الاقتصادية في البلاد خلال الأسبوع المقبل.";
}

TEST(RecurringLinesTest, ALineOfManyEarlierDocumentsOfASiteIsDropped) {
  const std::string kSlogan = "تابعوا آخر الأخبار على تطبيقنا المجاني";
  RecurringLines learned;
  Cleaner cleaner;
  for (uint32_t i = 0; i < RecurringLines::kMinDocuments; ++i) {
    // The first documents keep the line: nothing is known of the site yet.
    ingest::RawDocument raw =
        SiteDoc("a" + std::to_string(i), {Story(static_cast<int>(i)), kSlogan});
    const std::vector<uint64_t> keys = learned.Learn(raw);
    EXPECT_TRUE(keys.empty()) << i;
    Result<Cleaned> c = cleaner.Clean(raw, keys);
    ASSERT_TRUE(c.ok());
    EXPECT_NE(c->article.text.find(kSlogan), std::string::npos) << i;
  }
  ingest::RawDocument next = SiteDoc("b", {Story(99), kSlogan, "وأضاف المتحدث أن القرار نهائي."});
  const std::vector<uint64_t> keys = learned.Learn(next);
  ASSERT_EQ(keys.size(), 1u);
  Result<Cleaned> c = cleaner.Clean(next, keys);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->article.text, Story(99) + "\n\nوأضاف المتحدث أن القرار نهائي.");
  ASSERT_EQ(c->dropped.size(), 1u);
  EXPECT_EQ(c->dropped[0].ToString().substr(0, 9), "recurring");
  EXPECT_EQ(next.body.substr(c->dropped[0].start, c->dropped[0].end - c->dropped[0].start),
            kSlogan);

  // Another site, the same line: it has not recurred there.
  EXPECT_TRUE(learned.Learn(SiteDoc("c", {Story(1), kSlogan}, "موقع آخر")).empty());
  // A long line (a paragraph repeated by a syndicated story) is never a candidate, and an
  // HTML page is left to its DOM boxes.
  RecurringLines other;
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(other.Learn(SiteDoc("d" + std::to_string(i), {Story(7)})).empty());
  ingest::RawDocument html = SiteDoc("e", {kSlogan});
  html.format = "html";
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(learned.Learn(html).empty());
}

}  // namespace
}  // namespace rasd::clean
