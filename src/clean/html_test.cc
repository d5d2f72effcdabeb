// HTML pages: the article kept, the boxes of the page dropped and reported, the metadata, the
// pre-pass before gumbo, and bad pages.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(RASD_SOURCE_DIR) + "/src/clean/testdata/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ingest::RawDocument Page(std::string html) {
  ingest::RawDocument raw;
  raw.source = "page.html";
  raw.format = "html";
  raw.body = std::move(html);
  return raw;
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

std::set<std::string> Reasons(const Cleaned& c) {
  std::set<std::string> out;
  for (const Dropped& d : c.dropped) out.insert(DropReasonName(d.reason));
  return out;
}

// Every dropped block is the text of its range of the page text, in order, not overlapping,
// and gone from the article.
void ExpectDroppedRanges(const std::string& page_text, const Cleaned& c, const std::string& name) {
  size_t pos = 0;
  for (const Dropped& d : c.dropped) {
    ASSERT_LE(pos, d.start) << name << ": " << d.ToString();
    ASSERT_LT(d.start, d.end) << name;
    ASSERT_LE(d.end, page_text.size()) << name;
    EXPECT_EQ(page_text.substr(d.start, d.end - d.start), d.text) << name;
    // Gone as a block (its words may be in the article: "إعلان" in "بالإعلان").
    EXPECT_EQ(("\n" + c.article.text + "\n").find("\n" + d.text + "\n"), std::string::npos)
        << name << ": " << d.ToString();
    pos = d.end;
  }
}

// ---------------------------------------------------------------------------------------------
// Pages in the shapes of Arabic news sites (src/clean/testdata, written for these tests).

struct SiteRow {
  std::string file;
  std::string title;
  std::string published;
  std::string outlet;
  std::string url;
  std::vector<std::string> kept;    // story text that must stay: first, short and last paragraphs
  std::vector<std::string> absent;  // text of the page's boxes, menus and sidebars
  std::set<std::string> reasons;    // of the dropped blocks
};

TEST(HtmlSitesTest, ArticleKeptBoxesDropped) {
  const std::vector<SiteRow> rows = {
      {"aljazeera_like.html",
       "مجلس الأمن يمدد ولاية بعثة المراقبة في الصحراء عاما إضافيا",
       "2024-10-31T21:40:12Z",
       "الجزيرة نت",
       "https://www.aljazeera.example/news/2024/10/31/security-council-extends-mission",
       {"نيويورك- صوّت مجلس الأمن الدولي", "ورحب الطرف الآخر بالقرار.", "وفق بيانات الأمم المتحدة."},
       {"المبعوث الأممي يختتم", "اقرأ أيضا", "النشرة البريدية", "اشترك", "المصدر",
        "ارتفاع أسعار النفط", "الأكثر قراءة", "أخبار\n", "جميع الحقوق", "not text", "نشر في"},
       {"headline", "navigation", "read-also", "subscribe", "source-line"}},
      {"rt_arabic_like.html",
       "الكرملين: بوتين يبحث هاتفيا مع نظيره الأذربيجاني ملف الممرات",
       "2024-02-12T14:20:00Z",
       "RT Arabic",
       "https://arabic.rt.example/russia/1601234-الكرملين-بوتين-يبحث-هاتفيا/",
       {"أعلن الكرملين أن الرئيس الروسي", "وذكر المكتب الصحفي للكرملين",
        "وكان وزيرا خارجية البلدين قد التقيا الشهر الماضي في موسكو."},
       {"لافروف: موسكو مستعدة", "اقرأ المزيد", "كلمات دلالية", "فلاديمير بوتين", "تابعونا",
        "زلزال بقوة", "هيئة المسح الجيولوجي", "فيسبوك", "المصدر", "اتصل بنا", "الشرق الأوسط"},
       {"headline", "share", "read-also", "source-line", "tag-list", "subscribe", "similar-articles",
        "widget"}},
      {"skynews_arabia_like.html",
       "الأمم المتحدة: نقص التمويل يهدد برامج الغذاء في السودان",
       "2024-07-08T11:05:00+04:00",
       "سكاي نيوز عربية",
       "https://www.skynewsarabia.example/world/1712345-الأمم-المتحدة-نقص-التمويل",
       {"حذر برنامج الأغذية العالمي", "وأضافت: \"نحن أمام سباق مع الزمن\".", "منذ اندلاع الحرب."},
       {"إعلان", "أخبار ذات صلة", "مجلس الأمن يعقد", "نزوح آلاف الأسر", "مخيمات النزوح",
        "الأكثر مشاهدة", "فيسبوك", "تكنولوجيا"},
       {"advert", "similar-articles"}},
      {"asharq_alawsat_like.html",
       "وزراء الطاقة يبحثون في الرياض استقرار أسواق النفط",
       "2024-01-20",
       "الشرق الأوسط",
       "https://aawsat.example/home/article/4801234/وزراء-الطاقة-يبحثون",
       {"الرياض: «الشرق الأوسط»", "عقد وزراء الطاقة",
        "يُذكر أن أسعار النفط تراجعت خلال الأسابيع الأخيرة."},
       {"الوسوم", "التعليقات", "أتمنى أن تنعكس", "تحليل ممتاز", "قمة خليجية", "الأكثر قراءة",
        "الانتقال إلى المحتوى", "العالم العربي", "حقوق النشر"},
       {"headline", "tag-list", "comments", "widget"}},
      {"youm7_like.html",
       "محافظ الإسكندرية يتفقد أعمال تطوير الكورنيش",
       "2024-04-08",
       "اليوم السابع",
       "https://www.youm7.example/story/2024/4/8/محافظ-الإسكندرية-يتفقد/6543210",
       {"تفقد محافظ الإسكندرية، صباح اليوم الإثنين", "وشهدت الجولة حضور عدد من رؤساء الأحياء."},
       {"اقرأ أيضا", "رفع درجة الاستعداد", "الموضوعات المتعلقة", "أخبار متعلقة",
        "بدء التشغيل التجريبي", "أسعار الذهب", "واتساب", "عاجل"},
       {"read-also"}},
      {"wordpress_news.html",
       "السودان: اتفاق على هدنة إنسانية مدتها أسبوع في الفاشر",
       "2024-05-14T18:32:10+00:00",
       "النيلين نيوز",
       "https://alneelain.example/2024/05/14/sudan-truce-el-fasher/",
       {"الخرطوم – أعلنت الوساطة المشتركة", "لكن سكانا قالوا إن القصف لم يتوقف.",
        "فتح ممرين آمنين للمدنيين من الأحياء الشمالية والشرقية\nوقف استخدام الطيران المسير",
        "بحسب البيان."},
       {"\nإعلان", "الوسوم", "هدنة\n", "فيسبوك", "مقالات ذات صلة", "تحذيرات أممية", "اترك تعليقاً",
        "لن يتم نشر", "الأكثر قراءة", "أسعار العملات", "الانتقال إلى المحتوى", "جميع الحقوق"},
       {"share", "advert", "tag-list", "widget"}},
      {"amp_page.html",
       "تونس: انطلاق الحملة الانتخابية للانتخابات البلدية",
       "2024-06-01",  // the date line of the article: the page has no other
       "أصوات المغرب العربي",
       "https://www.example-maghreb.example/politics/tunisia-municipal-campaign",
       {"انطلقت في تونس، اليوم السبت", "وتعهدت أحزاب معارضة بمراقبة سير العملية الانتخابية.",
        "بالشأن المحلي، بعد تراجعها في الاستحقاقات الأخيرة."},
       {"إعلان", "اقرأ أيضا", "البرلمان يصادق", "سياسة الخصوصية", "القائمة", "اقتصاد"},
       {"advert"}},
  };
  for (const SiteRow& row : rows) {
    const std::string html = Fixture(row.file);
    ASSERT_FALSE(html.empty()) << row.file;
    Result<Cleaned> c = Cleaner().Clean(Page(html));
    ASSERT_TRUE(c.ok()) << row.file << ": " << c.status().ToString();
    const Article& a = c->article;
    EXPECT_EQ(a.title, row.title) << row.file;
    EXPECT_EQ(a.published, row.published) << row.file;
    EXPECT_EQ(a.outlet, row.outlet) << row.file;
    EXPECT_EQ(a.url, row.url) << row.file;
    EXPECT_EQ(a.language, "ar") << row.file;
    EXPECT_TRUE(c->warnings.empty()) << row.file << ": " << c->warnings.front();
    for (const std::string& s : row.kept) {
      EXPECT_NE(a.text.find(s), std::string::npos) << row.file << ": lost \"" << s << "\"\n"
                                                   << a.text;
    }
    for (const std::string& s : row.absent) {
      EXPECT_EQ(a.text.find(s), std::string::npos) << row.file << ": kept \"" << s << "\"\n"
                                                   << a.text;
    }
    EXPECT_EQ(Reasons(*c), row.reasons) << row.file;
    HtmlExtract e = ExtractHtml(html);
    EXPECT_EQ(TidyText(e.page_text), e.page_text) << row.file;
    ExpectDroppedRanges(e.page_text, *c, row.file);
  }
}

// ---------------------------------------------------------------------------------------------
// Boxes inside the article, and the article found without markup naming it.

const std::string kP1 =
    "<p>القاهرة - أعلنت وزارة الخارجية المصرية، اليوم الأحد، أن الوزير سيتوجه إلى عمّان في زيارة "
    "رسمية تستمر يومين يلتقي خلالها كبار المسؤولين.</p>";
const std::string kP2 =
    "<p>وقال المتحدث باسم الوزارة إن المحادثات ستتناول التطورات الإقليمية وسبل تعزيز التعاون "
    "الثنائي في مجالات الطاقة والنقل والتجارة.</p>";
const std::string kP3 =
    "<p>وكان الوزيران قد التقيا الشهر الماضي على هامش اجتماعات الجامعة العربية في الرياض، حيث "
    "بحثا الملفات ذات الاهتمام المشترك.</p>";
const std::string kShort = "<p>ولم يصدر تعليق رسمي.</p>";
const std::string kArticleText =
    "القاهرة - أعلنت وزارة الخارجية المصرية، اليوم الأحد، أن الوزير سيتوجه إلى عمّان في زيارة "
    "رسمية تستمر يومين يلتقي خلالها كبار المسؤولين.\n\n"
    "وقال المتحدث باسم الوزارة إن المحادثات ستتناول التطورات الإقليمية وسبل تعزيز التعاون "
    "الثنائي في مجالات الطاقة والنقل والتجارة.\n\n"
    "ولم يصدر تعليق رسمي.\n\n"
    "وكان الوزيران قد التقيا الشهر الماضي على هامش اجتماعات الجامعة العربية في الرياض، حيث "
    "بحثا الملفات ذات الاهتمام المشترك.";
const std::string kMenu =
    "<div class=\"top\"><a href=\"/\">الرئيسية</a> <a href=\"/a\">سياسة</a> <a "
    "href=\"/b\">اقتصاد</a> "
    "<a href=\"/c\">رياضة</a></div>";

struct BoxRow {
  std::string name;
  std::string html;
  std::string text;                  // the article text expected
  std::vector<std::string> dropped;  // "reason: text"
};

TEST(HtmlBoxesTest, Table) {
  const std::vector<BoxRow> rows = {
      {"boxes named by class inside the article element",
       "<article>" + kP1 + "<div class=\"inline-related\"><a href=\"/x\">خبر آخر</a></div>" + kP2 +
           kShort + "<div class=\"ad-slot\">إعلان</div>" + kP3 +
           "<section class=\"comments\"><h3>التعليقات</h3><p>تعليق طويل من أحد القراء على الخبر "
           "يقول فيه إن الزيارة مهمة جدا للعلاقات بين البلدين.</p></section></article>",
       kArticleText,
       {"read-also: خبر آخر", "advert: إعلان",
        "comments: التعليقات\n\nتعليق طويل من أحد القراء على الخبر يقول فيه إن الزيارة مهمة جدا "
        "للعلاقات بين البلدين."}},
      {"boxes named by their heading",
       "<article>" + kP1 + kP2 + kShort + kP3 +
           "<div><h4>مواضيع ذات صلة</h4><ul><li>عنوان أول بلا رابط</li><li>عنوان ثان بلا "
           "رابط</li></ul></div><div><strong>تابعونا:</strong> <span>فيسبوك</span></div>"
           "<section><h2>كلمات دلالية</h2><span>مصر</span> <span>الأردن</span></section></article>",
       kArticleText,
       {"similar-articles: مواضيع ذات صلة\n\nعنوان أول بلا رابط\nعنوان ثان بلا رابط",
        "subscribe: تابعونا: فيسبوك", "tag-list: كلمات دلالية\n\nمصر الأردن"}},
      {"a list of links without a name",
       "<article>" + kP1 + kP2 + kShort + kP3 +
           "<ul><li><a href=\"/1\">عنوان أول</a></li><li><a href=\"/2\">عنوان ثان</a></li></ul>"
           "</article>",
       kArticleText,
       {"link-list: عنوان أول\nعنوان ثان"}},
      // The article's own links (a name, a place) leave it prose.
      {"links in a paragraph",
       "<article><p>التقى <a href=\"/p\">الوزير</a> نظيره الأردني في عمّان وبحثا الملفات "
       "الإقليمية والعلاقات الثنائية وسبل تطويرها.</p></article>",
       "التقى الوزير نظيره الأردني في عمّان وبحثا الملفات الإقليمية والعلاقات الثنائية وسبل "
       "تطويرها.",
       {}},
      // A class that names a box on the element that holds the article is not a box.
      {"article holder with a box's class",
       "<body>" + kMenu + "<div class=\"post share-enabled comments-open\">" + kP1 + kP2 + kShort +
           kP3 + "</div></body>",
       kArticleText,
       {}},
      {"screen-reader text is dropped without a report",
       "<article><span class=\"sr-only\">انتقل إلى المحتوى</span>" + kP1 + kP2 + kShort + kP3 +
           "</article>",
       kArticleText,
       {}},
      // No article element, no class naming it: the container of most paragraph text, with the
      // headline and short paragraphs around them; the menu, the sidebar and the cards go.
      {"found by paragraph density",
       "<body>" + kMenu +
           "<div class=\"wrap\"><div class=\"main\"><h1>الوزير إلى عمّان</h1><div class=\"x1\">" +
           kP1 + kP2 + kShort + kP3 +
           "</div></div><div class=\"side\"><div class=\"box\"><a href=\"/1\">عنوان جانبي "
           "أول</a><p>ملخص طويل لخبر جانبي آخر لا علاقة له بالخبر الرئيسي على الإطلاق هنا.</p>"
           "</div></div></div><div class=\"bottom\">من نحن - اتصل بنا</div></body>",
       kArticleText,
       {"headline: الوزير إلى عمّان"}},
  };
  for (const BoxRow& row : rows) {
    Result<Cleaned> c = Cleaner().Clean(Page(row.html));
    ASSERT_TRUE(c.ok()) << row.name << ": " << c.status().ToString();
    EXPECT_EQ(c->article.text, row.text) << row.name;
    std::vector<std::string> dropped;
    for (const Dropped& d : c->dropped) {
      dropped.push_back(std::string(DropReasonName(d.reason)) + ": " + d.text);
    }
    EXPECT_EQ(dropped, row.dropped) << row.name;
    ExpectDroppedRanges(ExtractHtml(row.html).page_text, *c, row.name);
  }
}

// A "read also" block found in the text (boilerplate.cc) that runs across a box: its pieces
// are reported around the box, at their places in the page text.
TEST(HtmlBoxesTest, TextBlocksAroundABoxMapToThePageText) {
  const std::string html =
      "<article>" + kP1 + kP2 + kShort + kP3 +
      "<p>كلمات دلالية: مصر</p><div class=\"ad\">إعلان</div><p>المصدر: وكالات</p></article>";
  Result<Cleaned> c = Cleaner().Clean(Page(html));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->article.text, kArticleText);
  std::vector<std::string> dropped;
  for (const Dropped& d : c->dropped)
    dropped.push_back(d.ToString().substr(0, d.ToString().find(' ')));
  EXPECT_EQ(dropped, (std::vector<std::string>{"tag-list", "advert", "source-line"}));
  ExpectDroppedRanges(ExtractHtml(html).page_text, *c, "around a box");
}

// ---------------------------------------------------------------------------------------------
// Metadata.

struct MetaRow {
  std::string name;
  std::string html;
  std::string title;
  std::string published;
  std::string outlet;
  std::string url;
  std::string language;
};

TEST(HtmlMetadataTest, Table) {
  const std::string body = "<body>" + kP1 + "</body>";
  const std::vector<MetaRow> rows = {
      {"JSON-LD headline, publisher by @id, mainEntityOfPage",
       "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\","
       "\"headline\":\"عنوان من JSON-LD\",\"mainEntityOfPage\":{\"@id\":\"https://a.example/n/1\"},"
       "\"datePublished\":\"2024-03-01T10:00:00+03:00\",\"publisher\":{\"@id\":\"#org\"}},"
       "{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"صحيفة المثال\"}]}</script>" +
           body,
       "عنوان من JSON-LD", "2024-03-01T10:00:00+03:00", "صحيفة المثال", "https://a.example/n/1",
       ""},
      {"publisher array, dateCreated, twitter:title, og:locale",
       "<meta name=\"twitter:title\" content=\"عنوان تويتر\"><meta property=\"og:locale\" "
       "content=\"ar_AR\"><script type=\"application/ld+json\">[{\"@type\":\"Article\","
       "\"dateCreated\":\"2023-12-31\",\"publisher\":[{\"name\":\"وكالة\"}]}]</script>" +
           body,
       "عنوان تويتر", "2023-12-31", "وكالة", "", "ar_AR"},
      {"outlet from the canonical URL's host",
       "<title>خبر | موقع</title><link rel=\"canonical\" href=\"https://www.Alahram.example:443/"
       "News/1.aspx\">" +
           body,
       "خبر | موقع", "", "alahram.example", "https://www.Alahram.example:443/News/1.aspx", ""},
      {"title without the site's name from JSON-LD",
       "<title>الخبر الأول - صحيفة المثال</title><script type=\"application/ld+json\">"
       "{\"publisher\":{\"name\":\"صحيفة المثال\"}}</script>" +
           body,
       "الخبر الأول", "", "صحيفة المثال", "", ""},
      {"meta names of dates", "<meta name=\"publication_date\" content=\"2022-02-02\">" + body, "",
       "2022-02-02", "", "", ""},
      {"a <time> in the article wins over one in the sidebar",
       "<body><aside><time datetime=\"2020-01-01\">قديم</time></aside><article>" + kP1 + kP2 +
           "<time datetime=\"2024-05-05T05:05\">اليوم</time></article></body>",
       "", "2024-05-05T05:05:00", "", "", ""},
      {"Content-Language", "<meta http-equiv=\"Content-Language\" content=\"ar-SA\">" + body, "",
       "", "", "", "ar-SA"},
  };
  for (const MetaRow& row : rows) {
    HtmlExtract e = ExtractHtml(row.html);
    EXPECT_EQ(e.title, row.title) << row.name;
    EXPECT_EQ(e.published, row.published) << row.name;
    EXPECT_EQ(e.outlet, row.outlet) << row.name;
    EXPECT_EQ(e.url, row.url) << row.name;
    EXPECT_EQ(e.language, row.language) << row.name;
  }
}

// The date of the dateline or date line, when nothing else gives one.
TEST(DatelineDateTest, Table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"القاهرة - 16 أغسطس 2024\n\nنص الخبر.", "2024-08-16"},
      {"الأحد 6 أيار/مايو 2024 - 10:15", "2024-05-06"},
      {"الأحد 6 أيار (مايو) 2024", "2024-05-06"},
      {"بيروت في ١٤ حزيران ٢٠٢٤", "2024-06-14"},
      {"2 كانون الثاني 2025", "2025-01-02"},
      {"الإثنين، 08 أبريل 2024 02:00 م", "2024-04-08"},
      {"31/10/2024", "2024-10-31"},
      {"12.02.2024 | 14:20 GMT", "2024-02-12"},
      {"٢٠٢٤/٠٣/٠٥", "2024-03-05"},
      {"الرباط - 3 يونيو 2024 - أعلنت الحكومة المغربية، اليوم الإثنين، عن خطة جديدة لدعم "
       "الفلاحين المتضررين من الجفاف في عدة جهات من المملكة خلال الموسم الحالي.",
       "2024-06-03"},
      // Not a publication date: a date inside a long sentence, an invalid day, a mismatched
      // double month, a date past the first five lines.
      {"أعلنت الحكومة أن الانتخابات التي جرت في 7 أكتوبر 2023 شهدت مشاركة واسعة من الناخبين في "
       "مختلف المحافظات.",
       ""},
      {"30 فبراير 2024", ""},
      {"6 أيار/يونيو 2024", ""},
      {"أ\nب\nج\nد\nهـ\n16 أغسطس 2024", ""},
      {"", ""},
  };
  for (const auto& [text, expected] : rows) EXPECT_EQ(DatelineDate(text), expected) << text;
}

// ---------------------------------------------------------------------------------------------
// The hints file.

TEST(BoxHintsTest, DataFileLoads) {
  const Result<BoxHints>& hints = DefaultBoxHints();
  ASSERT_TRUE(hints.ok()) << hints.status().ToString();
  std::set<DropReason> reasons;
  for (const BoxHints::Pattern& p : hints->patterns) {
    if (!p.hidden) reasons.insert(p.reason);
  }
  EXPECT_EQ(reasons, (std::set<DropReason>{
                         DropReason::kReadAlso, DropReason::kSimilarArticles, DropReason::kTagList,
                         DropReason::kShare, DropReason::kNavigation, DropReason::kComments,
                         DropReason::kAdvert, DropReason::kSubscribe, DropReason::kWidget}));
  EXPECT_GT(hints->headings.size(), 50u);
}

TEST(BoxHintsTest, ClassNames) {
  const Result<BoxHints>& hints = DefaultBoxHints();
  ASSERT_TRUE(hints.ok());
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"read-also", "read-also"},
      {"box readAlso", "read-also"},
      {"related-posts", "similar-articles"},
      {"relatedArticles", "similar-articles"},
      {"block-most-read", "similar-articles"},  // "most read" over "read"
      {"post-tags", "tag-list"},
      {"tagcloud", "tag-list"},
      {"social-share-bar", "share"},
      {"breadcrumb", "navigation"},
      {"comments-area", "comments"},
      {"div-gpt-ad-1", "advert"},
      {"ad", "advert"},
      {"amp-ad", "advert"},
      {"newsletter-signup", "subscribe"},
      {"widget_recent", "widget"},
      {"sr-only", "hidden"},
      // Not boxes: a word inside another, class names taken one at a time.
      {"header", ""},
      {"shadow", ""},
      {"article-body", ""},
      {"tag-lebanon", ""},
      {"post tags-x", "tag-list"},
      {"read more-x", ""},
      {"", ""},
  };
  for (const auto& [value, expected] : rows) {
    const BoxHints::Pattern* p = MatchClassHint(*hints, value);
    std::string got = !p ? "" : p->hidden ? "hidden" : DropReasonName(p->reason);
    EXPECT_EQ(got, expected) << value;
  }
}

TEST(BoxHintsTest, Headings) {
  const Result<BoxHints>& hints = DefaultBoxHints();
  ASSERT_TRUE(hints.ok());
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"اقرأ أيضا", "read-also"},
      {"إقرأ أيضاً:", "read-also"},
      {" مواضيع ذات صلة ", "similar-articles"},
      {"الأكثر قراءة »", "similar-articles"},
      {"كلمات دلالية", "tag-list"},
      {"شارك", "share"},
      {"تابعونا على", "subscribe"},
      {"التعليقات", "comments"},
      {"إعلان", "advert"},
      {"اقرأ أيضا عن الزيارة", ""},  // a heading followed by more is not a heading
      {"الوزير", ""},
  };
  for (const auto& [heading, expected] : rows) {
    std::optional<DropReason> r = MatchHeading(*hints, heading);
    EXPECT_EQ(r ? DropReasonName(*r) : "", expected) << heading;
  }
  std::optional<DropReason> teaser = MatchHeadingPrefix(*hints, "اقرأ أيضا.. عنوان خبر آخر");
  ASSERT_TRUE(teaser);
  EXPECT_EQ(*teaser, DropReason::kReadAlso);
  EXPECT_FALSE(MatchHeadingPrefix(*hints, "شاركت الوزارة في المؤتمر"));
}

TEST(BoxHintsTest, BadRowsAreErrors) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"nonsense\tx\t-\n", "clean/html_boxes.tsv:1: unknown reason 'nonsense'"},
      {"advert\tad\n", "clean/html_boxes.tsv:1: expected reason<TAB>names<TAB>headings"},
      {"advert\t---\t-\n", "clean/html_boxes.tsv:1: a name without letters"},
      {"hidden\tsr only\tمخفي\n", "clean/html_boxes.tsv:1: hidden boxes have no headings"},
  };
  for (const auto& [tsv, message] : rows) {
    Result<BoxHints> h = ParseBoxHints(tsv);
    ASSERT_FALSE(h.ok()) << tsv;
    EXPECT_EQ(h.status().message(), message);
  }
}

// ---------------------------------------------------------------------------------------------
// The pre-pass.

TEST(PrepareHtmlTest, Table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"<p>نص</p>", "<p>نص</p>"},
      {"<script>var a = '<p>x</p>';</script><p>نص</p>", "<p>نص</p>"},
      {"<SCRIPT type=text/javascript>x</Script ><p>نص</p>", "<p>نص</p>"},
      {"<script type=\"application/ld+json\" id=\"x\">{\"a\":\"</p>\"}</script>",
       "<script type=\"application/ld+json\" id=\"x\">{\"a\":\"</p>\"}</script>"},
      {"<style>p{}</style><noscript><img src=x></noscript><template><p>t</p></template>a", "a"},
      {"a<!-- <p>تعليق</p> -->b<?xml version=\"1.0\"?>c", "abc"},
      {"<svg viewBox=\"0 0 1 1\"><svg><path d=\"M0\"/></svg><text>رسم</text></svg>بعد", "بعد"},
      {"<svg/>a", "<svg/>a"},
      {"<div class=\"a\" style=\"color:red\" data-x='1' id=b onclick=\"f('>')\">x</div>",
       "<div class=\"a\" id=b>x</div>"},
      {"<img src=\"a.jpg\" srcset=\"a 1x, b 2x\" alt=\"صورة\"><br class=x>", "<br class=x>"},
      {"<link rel=\"stylesheet\" href=\"a.css\"><link rel=\"Canonical\" href=\"https://x\">",
       "<link rel=\"Canonical\" href=\"https://x\">"},
      {"<a href=\"/x\" class=\"l\">رابط</a>", "<a class=\"l\">رابط</a>"},
      {"<meta property=\"og:title\" content=\"ع\" data-rh=\"true\">",
       "<meta property=\"og:title\" content=\"ع\">"},
      {"<title>أ <b> ب</title>", "<title>أ <b> ب</title>"},
      {"<!DOCTYPE html><p>a", "<!DOCTYPE html><p>a"},
      {"<p>a < b</p>", "<p>a < b</p>"},
      // Without end tags: a script swallows the rest, as in the HTML tokenizer; an svg is left.
      {"<p>a</p><script>x", "<p>a</p>"},
      {"<svg><p>نص", "<svg><p>نص"},
      {"<div class=\"x", ""},  // a tag cut off by the end of the page
  };
  for (const auto& [html, expected] : rows) {
    PreparedHtml p = PrepareHtml(html);
    EXPECT_EQ(p.html, expected) << html;
    EXPECT_FALSE(p.flattened) << html;
    EXPECT_FALSE(p.truncated) << html;
  }
  PreparedHtml deep = PrepareHtml("<div><div><div>a</div></div></div>", 2);
  EXPECT_EQ(deep.html, "<div><div> a </div></div>");
  EXPECT_TRUE(deep.flattened);
  PreparedHtml cut = PrepareHtml("<p>أبجد</p><p>هوز</p>", kMaxHtmlDepth, 10);
  EXPECT_EQ(cut.html, "<p>أبج");  // at a character boundary, within 10 bytes
  EXPECT_TRUE(cut.truncated);
}

// Stand-ins: a run of text between tags, its white space at the ends kept, is one private use
// character for gumbo; what gumbo would change (entities, CR, controls, invalid UTF-8) and
// what is not plain text (raw text elements, svg, text after a '<' that opens no tag) is left.
TEST(PrepareHtmlTest, StandIns) {
  struct Row {
    std::string html;
    std::string prepared;
    std::vector<std::string> runs;
  };
  const std::vector<Row> rows = {
      {"<p>  نص عربي  </p>", "<p>  \uE000  </p>", {"نص عربي"}},
      {"<p>أول</p>\n<p>ثان ثالث</p>", "<p>\uE000</p>\n<p>\uE001</p>", {"أول", "ثان ثالث"}},
      {"<p>abc</p>", "<p>abc</p>", {}},  // no longer than its stand-in
      {"<p>a &amp; b</p>", "<p>a &amp; b</p>", {}},
      {"<p>سطر\r\nسطر</p>", "<p>سطر\r\nسطر</p>", {}},
      {"<p>ab\x01"
       "cd</p>",
       "<p>ab\x01"
       "cd</p>",
       {}},
      {"<p>abc\xC2\x85"
       "def</p>",
       "<p>abc\xC2\x85"
       "def</p>",
       {}},  // a C1 control
      {"<p>abc\xFF"
       "def</p>",
       "<p>abc\xFF"
       "def</p>",
       {}},  // not UTF-8
      {"<title>عنوان الصفحة</title>", "<title>عنوان الصفحة</title>", {}},
      {"<p>abcd < efgh</p>", "<p>\uE000 < efgh</p>", {"abcd"}},
      {"<svg><p>نص طويل", "<svg><p>نص طويل", {}},
      {"<p>نص عربي</p>\uE123", "<p>نص عربي</p>\uE123", {}},  // the page has its own
  };
  for (const Row& row : rows) {
    PreparedHtml p = PrepareHtml(row.html, kMaxHtmlDepth, kMaxPreparedBytes, true);
    EXPECT_EQ(p.html, row.prepared) << row.html;
    EXPECT_EQ(std::vector<std::string>(p.stand_ins.begin(), p.stand_ins.end()), row.runs)
        << row.html;
    std::string expanded = p.html;
    ExpandStandIns(p.html, p.stand_ins, expanded);
    EXPECT_EQ(expanded, PrepareHtml(row.html).html) << row.html;
  }
  // The size cap counts the runs: the page is cut where it is without stand-ins.
  PreparedHtml cut = PrepareHtml("<p>أبجد هوز</p><p>حطي</p>", kMaxHtmlDepth, 20, true);
  std::string expanded;
  EXPECT_TRUE(ExpandStandIns(cut.html, cut.stand_ins, expanded));
  EXPECT_EQ(expanded, PrepareHtml("<p>أبجد هوز</p><p>حطي</p>", kMaxHtmlDepth, 20).html);
  EXPECT_TRUE(cut.truncated);
}

void ExpectSameExtraction(const std::string& html, const std::string& name) {
  const HtmlDetails with = ExtractHtmlDetails(html, kMaxHtmlDepth, true);
  const HtmlDetails without = ExtractHtmlDetails(html, kMaxHtmlDepth, false);
  EXPECT_EQ(with.extract.text, without.extract.text) << name;
  EXPECT_EQ(with.extract.page_text, without.extract.page_text) << name;
  EXPECT_EQ(with.extract.title, without.extract.title) << name;
  EXPECT_EQ(with.extract.published, without.extract.published) << name;
  EXPECT_EQ(with.extract.outlet, without.extract.outlet) << name;
  EXPECT_EQ(with.extract.url, without.extract.url) << name;
  EXPECT_EQ(with.extract.language, without.extract.language) << name;
  EXPECT_EQ(with.dateline_date, without.dateline_date) << name;
  ASSERT_EQ(with.boxes.size(), without.boxes.size()) << name;
  for (size_t i = 0; i < with.boxes.size(); ++i) {
    EXPECT_EQ(with.boxes[i].ToString(), without.boxes[i].ToString()) << name;
  }
  ASSERT_EQ(with.segments.size(), without.segments.size()) << name;
  for (size_t i = 0; i < with.segments.size(); ++i) {
    EXPECT_EQ(with.segments[i].text, without.segments[i].text) << name;
    EXPECT_EQ(with.segments[i].page, without.segments[i].page) << name;
    EXPECT_EQ(with.segments[i].size, without.segments[i].size) << name;
  }
}

// gumbo builds the same tree from a run as from its stand-in, wherever the tree builder puts
// text: in tables (moved before them), in the head, after the body, in lists and selects, in
// formatting elements it reopens, after <pre>.
TEST(HtmlStandInsTest, SameExtractionAsWithoutThem) {
  const std::string para =
      "<p>أعلنت وزارة الخارجية اليوم أن الوزير سيزور العاصمة الأسبوع المقبل لإجراء محادثات.</p>";
  const std::vector<std::string> snippets = {
      "<table>نص قبل الجدول<tr><td>خلية أولى</td><td> خلية ثانية </td></tr>بعد الصف</table>" + para,
      "<html><head>نص في الرأس<title>عنوان</title></head><body>" + para + "</body></html>",
      "نص قبل كل شيء<!DOCTYPE html><html>" + para + "</html>نص بعد الصفحة",
      "<body>" + para + "</body>نص بعد الجسم</html>نص بعد النهاية",
      "<ul>  <li>البند الأول</li> نص بين البنود <li>البند الثاني</ul>" + para,
      "<select><option>خيار أول</option>نص في القائمة</select>" + para,
      "<b>عريض<p>فقرة داخل العريض</b>بعد الإغلاق</p>" + para,
      "<pre>\nسطر أول\nسطر ثان</pre>" + para,
      "<p>نص &amp; رمز ثم نص آخر طويل</p>" + para,
      "<p>a < b ثم نص</p>" + para,
      "<article><h1>عنوان المقال هنا</h1>" + para + para +
          "<aside>اقرأ أيضا: خبر آخر</aside></article>",
      "<frameset>نص في الإطار<frame></frameset>" + para,
      "<table><caption>عنوان الجدول</caption>  <tbody>نص في جسم الجدول<tr><td>ع</td></tr></table>" +
          para,
      "<p>" + std::string(70000, 'a') + "</p>" + para,  // more runs' bytes than stand-ins
  };
  for (size_t i = 0; i < snippets.size(); ++i) {
    ExpectSameExtraction(snippets[i], "snippet " + std::to_string(i));
  }
  std::string many;  // more runs than there are stand-ins
  for (size_t i = 0; i < kMaxStandIns + 10; ++i)
    many += "<p>فقرة رقم " + std::to_string(i) + "</p>";
  ExpectSameExtraction(many, "many runs");
  for (const char* file : {"aljazeera_like.html", "amp_page.html", "asharq_alawsat_like.html",
                           "news_page.html", "rt_arabic_like.html", "skynews_arabia_like.html",
                           "wordpress_news.html", "youm7_like.html"}) {
    ExpectSameExtraction(Fixture(file), file);
  }
}

// ---------------------------------------------------------------------------------------------
// Bad pages: each is handled, with a clear result, in bounded time and memory.

TEST(HtmlBadInputTest, AllNavigationIsRejected) {
  std::string html = "<html><body>" + kMenu + "<ul class=\"menu\">";
  for (int i = 0; i < 50; ++i) html += "<li><a href=\"/s" + std::to_string(i) + "\">قسم</a></li>";
  html +=
      "</ul><div><a href=\"/1\">عنوان خبر أول</a> <a href=\"/2\">عنوان خبر ثان</a></div>"
      "<footer>جميع الحقوق محفوظة</footer></body></html>";
  Result<Cleaned> c = Cleaner().Clean(Page(html));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kInvalidInput);
  EXPECT_EQ(c.status().message(), "page.html: only page boilerplate, no article text");
}

TEST(HtmlBadInputTest, EmptyBodyAndBrokenMetadata) {
  for (const std::string& html :
       {std::string("<html><head><title>عنوان</title><meta property=\"og:site_name\" "
                    "content=\"موقع\"><script type=\"application/ld+json\">{\"headline\":\"x\"}"
                    "</script></head><body></body></html>"),
        std::string("<html><body><div class=\"article-body\">  </div></body></html>")}) {
    Result<Cleaned> c = Cleaner().Clean(Page(html));
    ASSERT_FALSE(c.ok()) << html;
    EXPECT_EQ(c.status().message(), "page.html: no article text found in HTML");
  }
  // Metadata without values, JSON-LD cut short, of the wrong types, or nested 100,000 deep:
  // ignored, the article kept.
  const std::string broken =
      "<html lang><head><meta property=\"og:title\"><meta content=\"بلا اسم\"><meta name>"
      "<link rel=\"canonical\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2024-</script><script type=\"application/ld+json\">{\"datePublished\":"
      "20240101,\"publisher\":\"نص\",\"headline\":{\"a\":1}}</script><script "
      "type=\"application/ld+json\">" +
      Repeat("[", 100000) + "</script></head><body><article>" + kP1 + "</article></body></html>";
  Result<Cleaned> c = Cleaner().Clean(Page(broken));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->article.text.rfind("القاهرة - أعلنت", 0), 0u);
  EXPECT_EQ(c->article.title, "");
  EXPECT_EQ(c->article.outlet, "");
  EXPECT_EQ(c->article.language, "ar");
  // The dateline has no date; the broken JSON-LD date gives none.
  EXPECT_EQ(c->article.published, "");
}

TEST(HtmlBadInputTest, AnotherLanguageIsWarned) {
  const std::string english =
      "<p>The foreign minister will travel to Amman on Sunday for a two-day official visit, the "
      "ministry said in a statement.</p>";
  Result<Cleaned> en =
      Cleaner().Clean(Page("<html lang=\"en\"><body>" + english + "</body></html>"));
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->article.language, "en");
  EXPECT_EQ(en->warnings,
            std::vector<std::string>{"language: the page says it is 'en', not Arabic"});
  Result<Cleaned> unsaid = Cleaner().Clean(Page("<body>" + english + "</body>"));
  ASSERT_TRUE(unsaid.ok());
  EXPECT_EQ(unsaid->article.language, "ar");
  EXPECT_EQ(unsaid->warnings, std::vector<std::string>{"language: the text is not Arabic"});
  // Arabic with Latin names and figures is Arabic.
  Result<Cleaned> ar = Cleaner().Clean(
      Page("<body><p>قال وزير الخارجية إن شركة Microsoft ستفتح مكتبا في الرياض العام المقبل "
           "ضمن خطة Vision 2030.</p></body>"));
  ASSERT_TRUE(ar.ok());
  EXPECT_TRUE(ar->warnings.empty());
}

TEST(HtmlBadInputTest, UnclosedTags) {
  const std::string html =
      "<html><body><div class=\"nav\"><a href=/>الرئيسية<a href=/a>سياسة<div "
      "class=\"article-body\">"
      "<p>القاهرة - أعلنت وزارة الخارجية المصرية، اليوم الأحد، أن الوزير سيتوجه إلى عمّان"
      "<p>وقال المتحدث باسم الوزارة إن المحادثات ستتناول التطورات الإقليمية<p>ولم يصدر تعليق"
      "<div class=\"related\"><h3>مقالات ذات صلة<ul><li><a href=/x>خبر آخر<li><a href=/y>خبر ثالث";
  Result<Cleaned> c = Cleaner().Clean(Page(html));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->article.text,
            "القاهرة - أعلنت وزارة الخارجية المصرية، اليوم الأحد، أن الوزير سيتوجه إلى عمّان\n\n"
            "وقال المتحدث باسم الوزارة إن المحادثات ستتناول التطورات الإقليمية\n\n"
            "ولم يصدر تعليق");
  EXPECT_EQ(Reasons(*c), std::set<std::string>{"similar-articles"});
}

TEST(HtmlBadInputTest, DeepNestingOfEveryKind) {
  const std::string after = "وكان الوزيران قد التقيا الشهر الماضي";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"divs", Repeat("<div>", 10000) + kP1 + kP3},
      {"boxes", Repeat("<div class=\"related\">", 10000) + kP1 + kP3},
      {"unclosed svg", Repeat("<svg>", 10000) + kP1 + kP3},
      {"articles",
       Repeat("<article><section>", 5000) + kP1 + kP3 + Repeat("</section></article>", 5000)},
      {"links", Repeat("<a href=x>", 10000) + kP1 + kP3},
      {"tables", Repeat("<table><tr><td>", 10000) + kP1 + kP3},
  };
  for (const auto& [name, html] : rows) {
    Result<Cleaned> c = Cleaner().Clean(Page(html));
    ASSERT_TRUE(c.ok()) << name << ": " << c.status().ToString();
    EXPECT_NE(c->article.text.find("القاهرة - أعلنت"), std::string::npos) << name;
    EXPECT_NE(c->article.text.find(after), std::string::npos) << name;
  }
}

// 50 MB pages: most of a real page's weight is scripts and styles, skipped before parsing; a
// page of 50 MB of markup is read up to the cap, with a warning.
TEST(HtmlBadInputTest, FiftyMegabytePages) {
  const size_t kSize = size_t{50} << 20;
  std::string heavy = "<html><head><script>";
  const std::string js = "var a=function(n){return n<1?'<div>':'</div>'};";
  heavy += Repeat(js, kSize / 2 / js.size());
  heavy += "</script><style>" + Repeat(".a{color:red}", kSize / 2 / 13) +
           "</style></head><body><article>" + kP1 + kP2 + "</article></body></html>";
  Result<Cleaned> c = Cleaner().Clean(Page(heavy));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->article.text.rfind("القاهرة - أعلنت", 0), 0u);
  EXPECT_TRUE(c->warnings.empty());

  std::string dense = "<html><body><article>" + kP1;
  dense += Repeat(kP2, kSize / kP2.size());
  dense += "</article></body></html>";
  Result<Cleaned> d = Cleaner().Clean(Page(dense));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->article.text.rfind("القاهرة - أعلنت", 0), 0u);
  EXPECT_LE(d->article.text.size(), kMaxPreparedBytes);
  EXPECT_EQ(d->warnings,
            std::vector<std::string>{"html: more than 4 MB of markup without scripts and styles; "
                                     "the rest was not read"});
}

}  // namespace
}  // namespace rasd::clean
