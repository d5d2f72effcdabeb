#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eval/clean_internal.h"
#include "eval/eval.h"

namespace rasd::eval {
namespace {

namespace fs = std::filesystem;

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

std::vector<std::string> Tokens(std::string_view text) { return CleanTokens(text); }

// A folder of its own under the test's temporary directory, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::path(::testing::TempDir()) / ("rasd_clean_eval_" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Write(const std::string& name, const std::string& content) const {
    const fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// ---- Tokens and scores -----------------------------------------------------------------------

TEST(CleanTokensTest, Table) {
  struct Case {
    const char* text;
    const char* tokens;
  };
  const Case cases[] = {
      {"", ""},
      {"Al-Quds, 3 PM", "al quds 3 pm"},
      {"  «نؤيد الحوار».\n\nوقال:", "نؤيد الحوار وقال"},
      {"مُحَمَّدٌ", "محمد"},                   // harakat removed, not split
      {"الـــرئيس", "الرئيس"},            // tatweel removed
      {"\uFEFB\u0639\u0628", "لاعب"},     // presentation form lam-alef (NFKC)
      {"٣ آلاف و12٫5%", "٣ آلاف و12 5"},  // digits kept, Arabic decimal point splits
      {"ＲＴ Arabic", "rt arabic"},       // full-width letters (NFKC), case folded
      {"Straße", "strasse"},              // full case folding
      {"word\u200cword", "word word"},    // ZWNJ is a format character: separates
      {"https://x.com/a_b", "https x com a b"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Join(Tokens(c.text)), c.tokens) << c.text;
  }
}

TEST(CleanScoreTest, BagsByHand) {
  struct Case {
    const char* gold;
    const char* system;
    const char* expected;
  };
  const Case cases[] = {
      {"a b c d", "a b x", "gold=4 system=3 correct=2 P=0.6667 R=0.5000 F1=0.5714"},
      // Multisets: a repeated token counts as often as both sides have it.
      {"a a b", "a a a b", "gold=3 system=4 correct=3 P=0.7500 R=1.0000 F1=0.8571"},
      {"b a", "a b", "gold=2 system=2 correct=2 P=1.0000 R=1.0000 F1=1.0000"},
      // Nothing to find and nothing kept: a perfect page, as the benchmark scores it.
      {"", "", "gold=0 system=0 correct=0 P=1.0000 R=1.0000 F1=1.0000"},
      {"", "a", "gold=0 system=1 correct=0 P=0.0000 R=0.0000 F1=0.0000"},
      {"a", "", "gold=1 system=0 correct=0 P=0.0000 R=0.0000 F1=0.0000"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ScoreBags(Tokens(c.gold), Tokens(c.system)).ToString(), c.expected)
        << c.gold << " | " << c.system;
  }
}

TEST(CleanScoreTest, MicroAndMacro) {
  CleanPageScore a;
  a.format = "html";
  a.layout = "x";
  a.tokens = ScoreBags(Tokens("a b c d e f g h"), Tokens("a b c d e f g h i j"));  // 8/8/10
  a.must_not = 2;
  a.violations = {"i j"};
  CleanPageScore b;
  b.format = "txt";
  b.tokens = ScoreBags(Tokens("a b"), Tokens("a"));  // 1/2/1
  const CleanPageScore* pages[] = {&a, &b};
  const CleanFigures f = Summarize("all", pages);
  // Micro: 9 correct of 10 gold and 11 kept tokens.
  EXPECT_EQ(f.micro.ToString(), "gold=10 system=11 correct=9 P=0.8182 R=0.9000 F1=0.8571");
  // Macro: P (0.8 + 1) / 2, R (1 + 0.5) / 2, F1 (8/9 + 2/3) / 2.
  EXPECT_DOUBLE_EQ(f.macro_precision, 0.9);
  EXPECT_DOUBLE_EQ(f.macro_recall, 0.75);
  EXPECT_DOUBLE_EQ(f.macro_f1, (16.0 / 18.0 + 2.0 / 3.0) / 2);
  EXPECT_EQ(f.must_not, 2);
  EXPECT_EQ(f.violations, 1);
  EXPECT_EQ(f.ToString(), "all pages=2 micro F1=0.8571 macro F1=0.7778 violations=1");

  CleanScores s;
  s.pages = {a, b};
  SummarizeAll(s);
  ASSERT_EQ(s.by_format.size(), 2u);
  EXPECT_EQ(s.by_format[0].ToString(), "html pages=1 micro F1=0.8889 macro F1=0.8889 violations=1");
  EXPECT_EQ(s.by_format[1].ToString(), "txt pages=1 micro F1=0.6667 macro F1=0.6667 violations=0");
  ASSERT_EQ(s.by_layout.size(), 1u);  // b has no layout
  EXPECT_EQ(s.by_layout[0].name, "x");
}

TEST(CleanScoreTest, MustNotIsAContiguousRunOfTokens) {
  const std::vector<std::string> kept = Tokens("وقال الوزير: «الوضع هادئ». اقرأ أيضاً: خبر آخر");
  EXPECT_TRUE(ContainsTokens(kept, Tokens("اقرأ أيضا: خبر آخر")));  // tanween is a diacritic
  EXPECT_TRUE(ContainsTokens(kept, Tokens("اقرأ أيضاً خبر\nآخر")));
  EXPECT_FALSE(ContainsTokens(kept, Tokens("اقرأ أيضاً: خبر جديد")));
  EXPECT_TRUE(ContainsTokens(kept, Tokens("الوضع هادئ")));
  EXPECT_FALSE(ContainsTokens(kept, Tokens("هادئ الوضع")));
  EXPECT_FALSE(ContainsTokens(kept, Tokens("")));
}

// ---- Gold files ------------------------------------------------------------------------------

TEST(CleanGoldTest, ReadsPagesAndComments) {
  const char* content =
      "# a comment\n"
      "\n"
      R"({"page": "a.html", "main": "نص", "must_not": ["اقرأ أيضا"], "layout": "rt"})"
      "\n"
      R"({"id": "s1", "page": "s.txt", "keep_lines": [[1, 2], [4, 4]], "must_not_lines": [3, [5, 6]]})"
      "\r\n";
  Result<std::vector<CleanGoldPage>> g = ReadCleanGold(content, "g.jsonl");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->size(), 2u);
  const CleanGoldPage& a = (*g)[0];
  EXPECT_EQ(a.line, 3);
  EXPECT_EQ(a.id, "a.html");  // the page when no id is given
  EXPECT_TRUE(a.has_main);
  EXPECT_EQ(a.layout, "rt");
  EXPECT_EQ(a.must_not, std::vector<std::string>{"اقرأ أيضا"});
  const CleanGoldPage& s = (*g)[1];
  EXPECT_EQ(s.id, "s1");
  EXPECT_FALSE(s.has_main);
  ASSERT_EQ(s.keep_lines.size(), 2u);
  EXPECT_EQ(s.keep_lines[1].first, 4);
  ASSERT_EQ(s.must_not_lines.size(), 2u);
  EXPECT_EQ(s.must_not_lines[0].first, 3);
  EXPECT_EQ(s.must_not_lines[0].last, 3);
  EXPECT_EQ(s.must_not_lines[1].last, 6);
}

TEST(CleanGoldTest, BadFilesNameTheLine) {
  struct Case {
    std::string content;
    std::string message;
  };
  const std::string ok = R"({"page": "a.html", "main": "x"})";
  const Case cases[] = {
      {"", "invalid input: g.jsonl: no gold page in the file"},
      {"# only a comment\n", "invalid input: g.jsonl: no gold page in the file"},
      {ok + "\n{\"page\": \"b.html\", \"main\": \"x\"\n",
       "invalid input: g.jsonl:2: not valid JSON"},
      {"[1, 2]\n", "invalid input: g.jsonl:1: not a JSON object"},
      {"{\"page\": \"a\xff.html\", \"main\": \"x\"}\n",
       "invalid input: g.jsonl:1: not valid UTF-8"},
      {R"({"page": "a.html", "main": "x", "text": "y"})",
       "invalid input: g.jsonl:1: unknown field 'text' (fields: id, page, layout, main, "
       "keep_lines, must_not, must_not_lines)"},
      {R"({"main": "x"})",
       "invalid input: g.jsonl:1: no 'page' (the page file, relative to the pages folder)"},
      {R"({"page": 3, "main": "x"})", "invalid input: g.jsonl:1: 'page' must be a string"},
      {R"({"page": "a.html"})",
       "invalid input: g.jsonl:1: no main text: give 'main' or 'keep_lines'"},
      {R"({"page": "a.txt", "main": "x", "keep_lines": [[1, 2]]})",
       "invalid input: g.jsonl:1: both 'main' and 'keep_lines': give one main text"},
      {R"({"page": "a.txt", "keep_lines": []})", "invalid input: g.jsonl:1: 'keep_lines' is empty"},
      {R"({"page": "a.txt", "keep_lines": [3]})",
       "invalid input: g.jsonl:1: 'keep_lines': 3 is not one of [first, last] ranges (lines "
       "count from 1, first <= last)"},
      {R"({"page": "a.txt", "keep_lines": [[0, 2]]})",
       "invalid input: g.jsonl:1: 'keep_lines': [0,2] is not one of [first, last] ranges (lines "
       "count from 1, first <= last)"},
      {R"({"page": "a.txt", "keep_lines": [[5, 2]]})",
       "invalid input: g.jsonl:1: 'keep_lines': [5,2] is not one of [first, last] ranges (lines "
       "count from 1, first <= last)"},
      {R"({"page": "a.txt", "keep_lines": [[1, 5], [5, 6]]})",
       "invalid input: g.jsonl:1: 'keep_lines': [5,6] does not come after the range before it"},
      {R"({"page": "a.txt", "keep_lines": [[1, 5]], "must_not_lines": "7"})",
       "invalid input: g.jsonl:1: 'must_not_lines' must be a list of line numbers or [first, "
       "last] ranges"},
      {R"({"page": "a.html", "main": "x", "must_not": "y"})",
       "invalid input: g.jsonl:1: 'must_not' must be a list of strings"},
      {R"({"page": "a.html", "main": "x", "must_not": [1]})",
       "invalid input: g.jsonl:1: 'must_not': 1 is not a string"},
      {R"({"page": "a.html", "main": "x", "must_not": [" : "]})",
       "invalid input: g.jsonl:1: 'must_not': \" : \" has no letter or digit to look for"},
      {ok + "\n\n" + ok + "\n",
       "invalid input: g.jsonl:3: duplicate id 'a.html' (first on line 1)"},
  };
  for (const Case& c : cases) {
    Result<std::vector<CleanGoldPage>> g = ReadCleanGold(c.content, "g.jsonl");
    ASSERT_FALSE(g.ok()) << c.content;
    EXPECT_EQ(g.status().ToString(), c.message) << c.content;
  }
}

TEST(CleanGoldTest, PageLines) {
  const LineRange r[] = {{1, 1}, {3, 4}};
  Result<std::string> text = PageLines("one\r\ntwo\nthree\nfour\n", r, "g:1: ");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "one\nthree\nfour");
  const LineRange beyond[] = {{4, 5}};
  EXPECT_EQ(PageLines("one\ntwo\nthree\nfour\n", beyond, "g:1: ").status().ToString(),
            "invalid input: g:1: line 5 is beyond the page's 4 lines");
}

// ---- The whole evaluation on pages made here ---------------------------------------------------

constexpr const char* kHtml =
    "<html><head><title>عنوان</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
    "<article><p>قال الوزير إن المحادثات مستمرة.</p><p>وأضاف أن الجولة المقبلة في القاهرة.</p>"
    "</article><footer>جميع الحقوق محفوظة</footer></body></html>";
constexpr const char* kText =
    "أعلنت الحكومة خطة جديدة.\n\nوقال المتحدث إن الخطة تبدأ غدا.\n\nكلمات دلالية: حكومة خطة\n";

TEST(EvalCleaningTest, ScoresRasdAndAnotherSystemAlike) {
  TempDir dir("alike");
  dir.Write("pages/a.html", kHtml);
  dir.Write("pages/b.txt", kText);
  const std::string gold = dir.Write(
      "gold.jsonl",
      R"({"id": "a", "page": "pages/a.html", "layout": "l", "main": "قال الوزير إن المحادثات مستمرة.\n\nوأضاف أن الجولة المقبلة في القاهرة.", "must_not": ["الرئيسية", "جميع الحقوق محفوظة"]})"
      "\n"
      R"({"id": "b", "page": "pages/b.txt", "keep_lines": [[1, 3]], "must_not_lines": [5]})"
      "\n");
  CleanOptions options;
  options.predictions_path = dir.path() + "/pred.jsonl";
  Result<CleanScores> s = EvalCleaning(gold, options);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->system, "rasd");
  ASSERT_EQ(s->pages.size(), 2u);
  EXPECT_EQ(s->pages[0].format, "html");
  EXPECT_EQ(s->pages[1].format, "txt");
  EXPECT_EQ(s->pages[1].tokens.gold, 10);
  EXPECT_EQ(s->all.must_not, 3);
  EXPECT_GT(s->bytes, 0u);
  EXPECT_EQ(s->by_format.size(), 2u);
  EXPECT_EQ(s->by_layout.size(), 1u);

  // rasd's own kept text, scored as another system's, gives the same figures.
  CleanOptions again;
  again.system_path = options.predictions_path;
  Result<CleanScores> t = EvalCleaning(gold, again);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->system, options.predictions_path);
  EXPECT_EQ(t->all.micro.ToString(), s->all.micro.ToString());
  EXPECT_EQ(t->all.macro_f1, s->all.macro_f1);
  EXPECT_EQ(t->all.violations, s->all.violations);
  for (size_t i = 0; i < s->pages.size(); ++i) {
    EXPECT_EQ(t->pages[i].ToString(), s->pages[i].ToString());
  }

  // A perfect and an empty system.
  dir.Write(
      "perfect.jsonl",
      R"({"id": "a", "text": "قال الوزير إن المحادثات مستمرة. وأضاف أن الجولة المقبلة في القاهرة."})"
      "\n"
      R"({"id": "b", "text": "أعلنت الحكومة خطة جديدة. وقال المتحدث إن الخطة تبدأ غدا."})"
      "\n");
  again.system_path = dir.path() + "/perfect.jsonl";
  t = EvalCleaning(gold, again);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->all.ToString(), "all pages=2 micro F1=1.0000 macro F1=1.0000 violations=0");
  dir.Write("leaky.jsonl", R"({"id": "a", "text": "الرئيسية"})"
                           "\n"
                           R"({"id": "b", "text": "كلمات دلالية: حكومة خطة"})"
                           "\n");
  again.system_path = dir.path() + "/leaky.jsonl";
  t = EvalCleaning(gold, again);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  // a: 11 gold tokens, 1 kept, none right; b: 10 gold, 4 kept, خطة right. Micro 2 * 1 / 26,
  // macro (0 + 2 * 1 / 14) / 2.
  EXPECT_EQ(t->all.ToString(), "all pages=2 micro F1=0.0769 macro F1=0.0714 violations=2");
  EXPECT_EQ(t->pages[0].violations, std::vector<std::string>{"الرئيسية"});
}

TEST(EvalCleaningTest, Errors) {
  TempDir dir("errors");
  dir.Write("a.html", kHtml);
  dir.Write("two.jsonl", "{\"text\": \"واحد\"}\n{\"text\": \"اثنان\"}\n");
  dir.Write("bad.txt", std::string("binary\0\0\0\0\0\0\0\0data", 18));
  struct Case {
    std::string gold;
    std::string message;  // with DIR for the folder
  };
  const Case cases[] = {
      {R"({"page": "missing.html", "main": "x"})",
       "not found: DIR/gold.jsonl:1: page DIR/missing.html: no such file"},
      {R"({"page": "two.jsonl", "main": "x"})",
       "invalid input: DIR/gold.jsonl:1: page DIR/two.jsonl: holds more than one document (one "
       "page, one record)"},
      {R"({"page": "a.html", "keep_lines": [[1, 2]]})",
       "invalid input: DIR/gold.jsonl:1: 'keep_lines' and 'must_not_lines' need a text page, and "
       "a.html is html"},
      {R"({"page": "a.html", "main": "قال الوزير", "must_not": ["الوزير"]})",
       "invalid input: DIR/gold.jsonl:1: must-not string \"الوزير\" occurs in the page's own "
       "main text"},
  };
  for (const Case& c : cases) {
    const std::string gold = dir.Write("gold.jsonl", c.gold + "\n");
    Result<CleanScores> s = EvalCleaning(gold, {});
    ASSERT_FALSE(s.ok()) << c.gold;
    std::string expected = c.message;
    for (size_t p; (p = expected.find("DIR")) != std::string::npos;) {
      expected.replace(p, 3, dir.path());
    }
    EXPECT_EQ(s.status().ToString(), expected);
  }

  // Ingest's rejection, with its reason.
  const std::string gold = dir.Write("gold.jsonl", R"({"page": "bad.txt", "main": "x"})"
                                                   "\n");
  Result<CleanScores> s = EvalCleaning(gold, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("gold.jsonl:1: page rejected by ingest: "), std::string::npos)
      << s.status().ToString();

  EXPECT_EQ(EvalCleaning(dir.path() + "/none.jsonl", {}).status().ToString(),
            "not found: " + dir.path() + "/none.jsonl: no such file");
  CleanOptions options;
  options.pages_dir = dir.path() + "/nowhere";
  dir.Write("gold.jsonl", R"({"page": "a.html", "main": "x"})"
                          "\n");
  EXPECT_EQ(EvalCleaning(gold, options).status().ToString(),
            "not found: " + dir.path() + "/nowhere: no such folder (--pages)");

  // Another system's file must hold exactly the gold's pages.
  CleanOptions system;
  system.system_path = dir.Write("sys.jsonl", R"({"id": "other", "text": "x"})"
                                              "\n");
  EXPECT_EQ(EvalCleaning(gold, system).status().ToString(),
            "invalid input: " + system.system_path + ": no text for gold page 'a.html'");
  dir.Write("sys.jsonl", R"({"id": "a.html", "text": "x"})"
                         "\n"
                         R"({"id": "b", "text": "y"})"
                         "\n");
  EXPECT_EQ(EvalCleaning(gold, system).status().ToString(),
            "invalid input: " + system.system_path + ": 1 ids that are not in the gold file");
  dir.Write("sys.jsonl", R"({"id": "a.html"})"
                         "\n");
  EXPECT_EQ(EvalCleaning(gold, system).status().ToString(),
            "invalid input: " + system.system_path + ":1: needs a string 'id' and a string 'text'");
}

// ---- The gold sets: the floor rasd's cleaner must stay above ---------------------------------

void ExpectFloor(const CleanScores& s) {
  for (const CleanFigures& f : s.by_format) std::printf("  %s\n", f.ToString().c_str());
  for (const CleanPageScore& p : s.pages) {
    if (p.tokens.f1 < 0.95 || !p.violations.empty() || !p.error.empty()) {
      std::printf("  below: %s\n", p.ToString().c_str());
    }
    for (const std::string& v : p.violations) std::printf("    survived: %s\n", v.c_str());
  }
  EXPECT_GE(s.all.micro.f1, 0.95) << s.all.ToString();
  EXPECT_EQ(s.all.violations, 0) << s.all.ToString();
  EXPECT_EQ(s.all.errors, 0) << s.all.ToString();
}

// The written set's gold is well formed and every page reads and cleans (the figures:
// BENCHMARKS.md).
TEST(CleanGoldSetTest, WrittenPagesRead) {
  const fs::path gold = fs::path(RASD_SOURCE_DIR) / "tests/testdata/clean-gold/gold.jsonl";
  Result<CleanScores> s = EvalCleaning(gold.string(), {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::printf("%s\n", s->all.ToString().c_str());
  EXPECT_EQ(s->all.pages, 50);
  EXPECT_EQ(s->all.errors, 0);
  EXPECT_EQ(s->by_format.size(), 3u);
}

TEST(CleanGoldSetTest, WrittenPages) {
  const fs::path gold = fs::path(RASD_SOURCE_DIR) / "tests/testdata/clean-gold/gold.jsonl";
  Result<CleanScores> s = EvalCleaning(gold.string(), {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::printf("%s\n", s->all.ToString().c_str());
  EXPECT_GE(s->all.pages, 40);
  ExpectFloor(*s);
}


TEST(CleanGoldSetTest, Seeds) {
  const fs::path seeds = fs::path(RASD_SOURCE_DIR) / "../shared/seeds";
  if (!fs::is_directory(seeds)) GTEST_SKIP() << "no seed articles at " << seeds.string();
  CleanOptions options;
  options.pages_dir = seeds.string();
  const fs::path gold = fs::path(RASD_SOURCE_DIR) / "tests/testdata/clean-gold/seeds.jsonl";
  Result<CleanScores> s = EvalCleaning(gold.string(), options);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::printf("%s\n", s->all.ToString().c_str());
  EXPECT_EQ(s->all.pages, 5);
  ExpectFloor(*s);
}

}  // namespace
}  // namespace rasd::eval
