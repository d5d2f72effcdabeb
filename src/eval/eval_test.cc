#include "eval/eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "eval/seg_internal.h"

namespace rasd::eval {
namespace {

const text::Analyzer& TheAnalyzer() {
  static const text::Analyzer* analyzer = [] {
    Result<text::Analyzer> a = text::Analyzer::Load();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return new text::Analyzer(a.ok() ? std::move(a).value() : text::Analyzer());
  }();
  return *analyzer;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// A segmentation in the notation of conll18_ud_eval.py's own tests: "abc" is a token that is
// one word, "abc a b c" a multiword token "abc" with words a, b, c; "|" ends a sentence.
// Offsets follow the forms, as in a gold file. Forms are folded by rasd's normaliser.
Segmentation Build(const std::vector<std::string>& notation) {
  Segmentation seg;
  uint32_t pos = 0;
  uint32_t sentence_start = 0;
  for (const std::string& item : notation) {
    if (item == "|") {
      if (pos > sentence_start) seg.sentences.push_back({sentence_start, pos});
      sentence_start = pos;
      continue;
    }
    std::vector<std::string> parts = SplitSpaces(item);
    const auto size = static_cast<uint32_t>(parts[0].size());
    if (parts.size() == 1) {
      AppendToken(seg, {pos, pos + size}, parts, false, &TheAnalyzer().normalizer());
    } else {
      std::vector<std::string> words(parts.begin() + 1, parts.end());
      AppendToken(seg, {pos, pos + size}, words, true, &TheAnalyzer().normalizer());
    }
    pos += size;
  }
  if (pos > sentence_start) seg.sentences.push_back({sentence_start, pos});
  return seg;
}

// "correct/gold/system" of each figure.
std::string Counts(const Prf& p) {
  return std::to_string(p.correct) + "/" + std::to_string(p.gold) + "/" + std::to_string(p.system);
}
std::string Summary(const SegScores& s) {
  return "S " + Counts(s.sentences) + " T " + Counts(s.tokens) + " W " + Counts(s.words) + " WF " +
         Counts(s.words_folded) + " exact " + std::to_string(s.tokens_exact);
}

// ---- The scorer ------------------------------------------------------------------------------

// The alignment tests of conll18_ud_eval.py itself (TestAlignment): {gold, system, correct
// words}; word counts are those of the notation.
TEST(ScoreTest, ScriptsOwnAlignmentCases) {
  struct Case {
    std::vector<std::string> gold;
    std::vector<std::string> system;
    int64_t correct;
  };
  const Case cases[] = {
      {{"a"}, {"a"}, 1},
      {{"a", "b", "c"}, {"a", "b", "c"}, 3},
      {{"abc a b c"}, {"a", "b", "c"}, 3},
      {{"a", "bc b c", "d"}, {"a", "b", "c", "d"}, 4},
      {{"abcd a b c d"}, {"ab a b", "cd c d"}, 4},
      {{"abc a b c", "de d e"}, {"a", "bcd b c d", "e"}, 5},
      {{"abcd"}, {"a", "b", "c", "d"}, 0},
      {{"abc", "d"}, {"a", "b", "c", "d"}, 1},
      {{"a", "bc", "d"}, {"a", "b", "c", "d"}, 2},
      {{"a", "bc b c", "d"}, {"a", "b", "cd"}, 2},
      {{"abc a BX c", "def d EX f"}, {"ab a b", "cd c d", "ef e f"}, 4},
      {{"ab a b", "cd bc d"}, {"a", "bc", "d"}, 2},
      {{"a", "bc b c", "d"}, {"ab AX BX", "cd CX a"}, 1},
  };
  auto words = [](const std::vector<std::string>& notation) {
    int64_t n = 0;
    for (const std::string& t : notation) {
      n += std::max<int64_t>(1, static_cast<int64_t>(SplitSpaces(t).size()) - 1);
    }
    return n;
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.gold) + " vs " + ::testing::PrintToString(c.system));
    const SegScores s = ScoreSegmentation(Build(c.gold), Build(c.system), false);
    const int64_t g = words(c.gold);
    const int64_t y = words(c.system);
    EXPECT_EQ(s.words.correct, c.correct);
    EXPECT_EQ(s.words.gold, g);
    EXPECT_EQ(s.words.system, y);
    EXPECT_DOUBLE_EQ(s.words.precision, static_cast<double>(c.correct) / y);
    EXPECT_DOUBLE_EQ(s.words.recall, static_cast<double>(c.correct) / g);
    EXPECT_DOUBLE_EQ(s.words.f1, 2.0 * c.correct / (g + y));
  }
}

// Hand-made Arabic pairs: {what, gold, system, expected counts (correct/gold/system)}.
TEST(ScoreTest, ArabicPairs) {
  struct Case {
    const char* what;
    std::vector<std::string> gold;
    std::vector<std::string> system;
    const char* expected;
  };
  const Case cases[] = {
      {"the same split",
       {"للحكومة ل الحكومة"},
       {"للحكومة ل الحكومة"},
       "S 1/1/1 T 1/1/1 W 2/2/2 WF 2/2/2 exact 1"},
      {"not split", {"للحكومة ل الحكومة"}, {"للحكومة"}, "S 1/1/1 T 1/1/1 W 0/2/1 WF 0/2/1 exact 0"},
      {"partial split",
       {"وبحكومته و ب حكومة ه"},
       {"وبحكومته و بحكومة ه"},
       "S 1/1/1 T 1/1/1 W 2/4/3 WF 2/4/3 exact 0"},
      {"extra split", {"بلاد"}, {"بلاد ب لاد"}, "S 1/1/1 T 1/1/1 W 0/1/2 WF 0/1/2 exact 0"},
      {"ta marbuta not restored",
       {"قال", "للحكومة ل الحكومة", "حكومته حكومة ه"},
       {"قال", "للحكومة ل الحكومة", "حكومته حكومت ه"},
       "S 1/1/1 T 3/3/3 W 4/5/5 WF 4/5/5 exact 2"},
      {"hamza spelled differently",
       {"انه أن ه"},
       {"انه ان ه"},
       "S 1/1/1 T 1/1/1 W 1/2/2 WF 2/2/2 exact 0"},
      {"punctuation left on the word",
       {"قال", "،"},
       {"قال،"},
       "S 1/1/1 T 0/2/1 W 0/2/1 WF 0/2/1 exact 0"},
      {"a token split in two", {"قال،"}, {"قال", "،"}, "S 1/1/1 T 0/1/2 W 0/1/2 WF 0/1/2 exact 0"},
      {"sentence boundary missed",
       {"قال", "|", "ذهب"},
       {"قال", "ذهب"},
       "S 0/2/1 T 2/2/2 W 2/2/2 WF 2/2/2 exact 2"},
      {"sentence boundary moved",
       {"قال", "ذهب", "|", "عاد", "."},
       {"قال", "|", "ذهب", "عاد", "."},
       "S 0/2/2 T 4/4/4 W 4/4/4 WF 4/4/4 exact 4"},
      {"sentences right, tokens wrong",
       {"قال،", "|", "عاد"},
       {"قال", "،", "|", "عاد"},
       "S 2/2/2 T 1/2/3 W 1/2/3 WF 1/2/3 exact 1"},
      {"a fused token split in two instead of three",
       {"وله و ل ه", "بيت"},
       {"وله و له", "بيت"},
       "S 1/1/1 T 2/2/2 W 2/4/3 WF 2/4/3 exact 1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Summary(ScoreSegmentation(Build(c.gold), Build(c.system), true)), c.expected)
        << c.what;
  }
}

// P, R and F1 by hand: 3 of 4 system words right (و ه قال), 3 of 5 gold words found,
// F1 = 2*3/(5+4); one of two gold tokens split exactly.
TEST(ScoreTest, PrecisionRecallF1ByHand) {
  const SegScores s = ScoreSegmentation(Build({"وبحكومته و ب حكومة ه", "قال"}),
                                        Build({"وبحكومته و بحكومة ه", "قال"}), false);
  EXPECT_EQ(s.words.ToString(), "gold=5 system=4 correct=3 P=0.7500 R=0.6000 F1=0.6667");
  EXPECT_EQ(s.tokens.ToString(), "gold=2 system=2 correct=2 P=1.0000 R=1.0000 F1=1.0000");
  EXPECT_DOUBLE_EQ(s.token_accuracy, 0.5);
  EXPECT_EQ(s.sentences.gold, 0);  // not asked for
  EXPECT_EQ(MakePrf(0, 0, 0).ToString(), "gold=0 system=0 correct=0 P=0.0000 R=0.0000 F1=0.0000");
}

TEST(ScoreTest, SpansScoreMatchesStartsAndEnds) {
  const std::vector<Range> gold = {{0, 2}, {2, 5}, {5, 6}};
  const std::vector<Range> system = {{0, 2}, {2, 4}, {4, 6}};
  EXPECT_EQ(Counts(SpansScore(gold, system)), "1/3/3");
}

TEST(ScoreTest, LowercaseAsPython) {
  EXPECT_EQ(Lowercase("IRAQ"), "iraq");
  EXPECT_EQ(Lowercase("للحكومة"), "للحكومة");
  EXPECT_EQ(Lowercase("ÉTÉ Москва"), "été москва");
}

// ---- Fused tokens of word/UPOS -------------------------------------------------------------

// {surface, the items that follow it, expected parts ("?" when no count spells the surface)}.
TEST(FusedTest, PartCounts) {
  struct Case {
    const char* surface;
    const char* following;
    const char* expected;
  };
  const Case cases[] = {
      {"وقال", "و قال الوزير", "2"},
      {"للحكومة", "ل الحكومة في", "2"},    // ل + ال written لل
      {"للاجئين", "ل اللاجئين في", "2"},   // ل + الل written لل
      {"لالتقاط", "ل التقاط الصور", "2"},  // ال of the stem, not the article
      {"وبانه", "و ب أن ه قال", "4"},      // hamza folded, four parts
      {"لحكومته", "ل حكومة ه في", "3"},    // ta marbuta restored, three parts
      {"حياته", "حياة ه الجديدة", "2"},
      {"عليه", "على ه أن", "2"},        // alef maqsura written ي
      {"مستواها", "مستوى ها في", "2"},  // alef maqsura written ا
      {"مما", "من ما يعني", "2"},       // ن assimilated
      {"الا", "أن لا يكون", "2"},
      {"ولكني", "و لٰكن ني أعتقد", "3"},  // dagger alef; ن + ني
      {"لدي", "لدى ي معلومات", "2"},     // ي + ي merged
      {"عملائها", "عملاء ها في", "2"},   // hamza seat
      {"قتلوه", "قتلوا ه في", "2"},      // the alef of وا dropped before a pronoun
      {"وقال", "و قال ـ في", "2"},       // ـ is never a part
      {"بها", "ب ها", "2"},
      {"جائزة", "جائزة الكبرى", "1"},        // a one-word fused token
      {"سيقرأون", "س يقرؤون الكتاب", "2?"},  // hamza seat before و: closest
      {"وكتب", "", "0?"},                    // no parts at all
      {"وكتب", "قلم", "1?"},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> following = SplitSpaces(c.following);
    const FusedSplit split = ResolveFused(c.surface, following);
    EXPECT_EQ(std::to_string(split.parts) + (split.spelled ? "" : "?"), c.expected)
        << c.surface << " | " << c.following;
  }
}

// ---- Readers ---------------------------------------------------------------------------------

// Sentences printed as "[line] tokens", a token as "form" or "form=w1+w2", SpaceAfter=No as a
// trailing "~", then "#text" when there was a `# text`; a new document as "D", paragraph "P".
std::string Print(const GoldFile& f) {
  std::string out;
  for (const GoldSentence& s : f.sentences) {
    if (!out.empty()) out += " / ";
    out += "[" + std::to_string(s.line) + "]";
    if (s.new_document) out += "D";
    if (s.new_paragraph) out += "P";
    for (const GoldToken& t : s.tokens) {
      out += " " + t.form;
      if (t.multiword) {
        out += "=";
        for (size_t i = 0; i < t.words.size(); ++i) out += (i ? "+" : "") + t.words[i];
      }
      if (!t.space_after) out += "~";
    }
    if (!s.text.empty()) out += " #" + s.text;
  }
  return out;
}

TEST(ReaderTest, WordUposLines) {
  struct Case {
    const char* line;
    const char* expected;
    int64_t fused;
    int64_t unresolved;
  };
  const Case cases[] = {
      {"وقال و قال الوزير إن حكومته حكومة ه ستدعم للحكومة ل الحكومة .\t"
       "_ CCONJ VERB NOUN PART _ NOUN PRON VERB _ ADP NOUN PUNCT",
       "[1] وقال=و+قال الوزير إن حكومته=حكومة+ه ستدعم للحكومة=ل+الحكومة .", 3, 0},
      {"وبانه و ب أن ه عاد لحكومته ل حكومة ه\t_ CCONJ ADP SCONJ PRON VERB _ ADP NOUN PRON",
       "[1] وبانه=و+ب+أن+ه عاد لحكومته=ل+حكومة+ه", 2, 0},
      // An empty node (`_` tagged `_`) inside a fused token's words is skipped.
      {"والثانية و _ الثانية فازت\t_ CCONJ _ ADJ VERB", "[1] والثانية=و+الثانية فازت", 1, 0},
      // A fused token at the end of the line without parts: a plain word, unresolved.
      {"قال وكتب\tVERB _", "[1] قال وكتب", 1, 1},
      // Several spaces between items are one separator.
      {"قال  الوزير\tVERB  NOUN", "[1] قال الوزير", 0, 0},
  };
  for (const Case& c : cases) {
    Result<GoldFile> f = ReadWordUpos(c.line, "t.txt");
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_EQ(Print(*f), c.expected);
    EXPECT_EQ(f->fused_tokens, c.fused) << c.line;
    EXPECT_EQ(f->fused_unresolved, c.unresolved) << c.line;
  }
}

constexpr std::string_view kConllu =
    "# newdoc id = d1\n"
    "# newpar\n"
    "# sent_id = 1\n"
    "# text = وقال الوزير: للحكومة حق.\n"
    "1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tو\tو\tCCONJ\t_\t_\t2\tcc\t_\t_\n"
    "2\tقال\tقال\tVERB\t_\t_\t0\troot\t_\t_\n"
    "3\tالوزير\tوزير\tNOUN\t_\t_\t2\tnsubj\t_\tSpaceAfter=No\n"
    "4\t:\t:\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "5-6\tللحكومة\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "5\tل\tل\tADP\t_\t_\t6\tcase\t_\t_\n"
    "6\tالحكومة\tحكومة\tNOUN\t_\t_\t7\tnmod\t_\t_\n"
    "6.1\t_\t_\t_\t_\t_\t_\t_\t2:orphan\t_\n"
    "7\tحق\tحق\tNOUN\t_\t_\t2\tccomp\t_\tSpaceAfter=No\n"
    "8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 2\n"
    "1\tعاد\tعاد\tVERB\t_\t_\t0\troot\t_\t_\r\n"
    "2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\tSpaceAfter=No\n";  // no final blank line

TEST(ReaderTest, Conllu) {
  Result<GoldFile> f = ReadConllu(kConllu, "t.conllu");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(Print(*f),
            "[5]DP وقال=و+قال الوزير~ : للحكومة=ل+الحكومة حق~ . #وقال الوزير: للحكومة حق."
            " / [18] عاد .~");
  EXPECT_EQ(f->fused_tokens, 2);
  EXPECT_EQ(f->format, "conllu");
}

TEST(ReaderTest, DetectsTheFormat) {
  EXPECT_EQ(DetectFormat(kConllu, "t").value(), "conllu");
  EXPECT_EQ(DetectFormat("\n1\tقال\t_\t_\t_\t_\t_\t_\t_\t_\n", "t").value(), "conllu");
  EXPECT_EQ(DetectFormat("قال الوزير\tVERB NOUN\n", "t").value(), "word-upos");
}

// Bad gold files fail with the file, the line and the problem: {content, format, message}.
TEST(ReaderTest, BadFiles) {
  struct Case {
    std::string content;
    const char* format;
    const char* message;
  };
  const std::string rest = "\t_\t_\t_\t_\t_\t_\t_\t_\n";
  const Case cases[] = {
      {"قال\tVERB\n\xff\xfe\tX\n", "", "invalid input: g:2: not valid UTF-8 (byte 1 of the line)"},
      {"1\tقال\t_\t_\n", "conllu",
       "invalid input: g:1: expected 10 tab-separated columns, found 4"},
      {"1-2\tللحكومة" + rest + "\n", "conllu",
       "invalid input: g:1: multiword token 1-2 'للحكومة' is missing its words (expected lines "
       "for IDs 1 to 2)"},
      {"1-2\tللحكومة" + rest + "1\tل" + rest + "3\tالحكومة" + rest, "conllu",
       "invalid input: g:3: word ID '3' inside multiword token 1-2 (expected 2)"},
      {"1\tقال" + rest + "3\tالوزير" + rest, "conllu",
       "invalid input: g:2: word ID '3' out of order (expected 2)"},
      {"1\t" + rest, "conllu", "invalid input: g:1: empty FORM"},
      {"x-2\tقال" + rest, "conllu", "invalid input: g:1: cannot parse multiword token ID 'x-2'"},
      {"# only a comment\n", "conllu", "invalid input: g: no sentences in this CoNLL-U file"},
      {"قال الوزير\tVERB\n", "", "invalid input: g:1: 2 words but 1 tags"},
      {"قال\tVERB\tX\n", "word-upos",
       "invalid input: g:1: expected words, a TAB and their tags; found 3 tab-separated fields"},
      {"قال الوزير\n", "",
       "invalid input: g:1: cannot tell the format: expected CoNLL-U (10 tab-separated columns or "
       "# comments) or word/UPOS (words<TAB>tags); found 1 tab-separated fields (use --format)"},
      {"\n\n", "", "invalid input: g: empty file"},
      {"قال\tVERB\n", "xml", "invalid argument: unknown gold format 'xml' (conllu or word-upos)"},
  };
  for (const Case& c : cases) {
    Result<SegScores> r =
        EvalSegmentationContent(TheAnalyzer(), c.content, "g", SegOptions{c.format, ""});
    ASSERT_FALSE(r.ok()) << c.content;
    EXPECT_EQ(r.status().ToString(), c.message);
  }
}

// ---- The whole evaluation --------------------------------------------------------------------

std::filesystem::path TempPath(const std::string& name) {
  return std::filesystem::path(::testing::TempDir()) / ("rasd_eval_" + name);
}

void WriteFile(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EvalTest, MissingAndFolderGoldFiles) {
  Result<SegScores> r = EvalSegmentation(TheAnalyzer(), "/nonexistent/dev.conllu", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "not found: /nonexistent/dev.conllu: no such file");
  r = EvalSegmentation(TheAnalyzer(), ::testing::TempDir(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
}

TEST(EvalTest, PredictionsThatCannotBeWritten) {
  Result<SegScores> r = EvalSegmentationContent(TheAnalyzer(), "قال\tVERB\n", "g",
                                                SegOptions{"", "/nonexistent/dir/p.txt"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            "i/o error: /nonexistent/dir/p.txt: cannot write the predictions");
}

// rasd's predictions, read back as gold, score 1: the predictions are in the gold format and
// the reader recovers every fused token rasd writes.
TEST(EvalTest, PredictionsScoreOneAgainstThemselves) {
  struct Case {
    const char* name;
    std::string content;
  };
  const Case cases[] = {
      {"pred.txt",
       "وقال و قال الوزير إن حكومته حكومة ه ستدعم للحكومة ل الحكومة .\t"
       "_ CCONJ VERB NOUN PART _ NOUN PRON VERB _ ADP NOUN PUNCT\n"
       "وبحسب و ب حسب بيانها بيان ها ، فإن ف إن المساعدات وصلت لأهلها ل أهل ها .\t"
       "_ CCONJ ADP NOUN _ NOUN PRON PUNCT _ CCONJ SCONJ NOUN VERB _ ADP NOUN PRON PUNCT\n"},
      {"pred.conllu", std::string(kConllu)},
  };
  for (const Case& c : cases) {
    const std::filesystem::path gold = TempPath(std::string("gold_") + c.name);
    const std::filesystem::path pred = TempPath(c.name);
    WriteFile(gold, c.content);
    Result<SegScores> first = EvalSegmentation(TheAnalyzer(), gold.string(), {"", pred.string()});
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_GT(first->words.f1, 0.5) << first->ToString();
    Result<SegScores> again = EvalSegmentation(TheAnalyzer(), pred.string(), {});
    ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << ReadFile(pred);
    EXPECT_EQ(again->format, first->format);
    EXPECT_DOUBLE_EQ(again->tokens.f1, 1.0) << again->ToString() << "\n" << ReadFile(pred);
    EXPECT_DOUBLE_EQ(again->words.f1, 1.0) << again->ToString() << "\n" << ReadFile(pred);
    EXPECT_DOUBLE_EQ(again->token_accuracy, 1.0) << again->ToString();
    EXPECT_EQ(again->fused_unresolved, 0);
    EXPECT_EQ(again->tokens.system, first->tokens.system);
    EXPECT_EQ(again->words.system, first->words.system);
    if (again->format == "conllu") {
      EXPECT_DOUBLE_EQ(again->sentences.f1, 1.0) << again->ToString();
    }
  }
}

TEST(EvalTest, ConlluScoresAndPredictionFormat) {
  const std::filesystem::path pred = TempPath("format.conllu");
  Result<SegScores> r =
      EvalSegmentationContent(TheAnalyzer(), kConllu, "t.conllu", {"", pred.string()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "conllu");
  EXPECT_EQ(r->sentences_read, 2);
  EXPECT_EQ(r->texts_rebuilt, 1);  // the second sentence has no `# text`
  EXPECT_EQ(r->sentences.gold, 2);
  EXPECT_EQ(r->tokens.gold, 8);
  EXPECT_EQ(r->words.gold, 10);
  EXPECT_EQ(r->fused_tokens, 2);
  // "الوزير:" is two tokens, ":" and "." are tokens of their own, so tokens line up.
  EXPECT_EQ(r->tokens.correct, 8) << r->ToString();
  const std::string p = ReadFile(pred);
  EXPECT_TRUE(p.starts_with("# newdoc\n# sent_id = 1\n# text = وقال الوزير: للحكومة حق.\n")) << p;
  Result<GoldFile> back = ReadConllu(p, "pred");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sentences.size(), static_cast<size_t>(r->sentences.system));
}

TEST(EvalTest, ConlluTextThatDisagreesWithTheTokensIsRebuilt) {
  const std::string rest = "\t_\t_\t_\t_\t_\t_\t_\t_\n";
  const std::string content = "# text = شيء آخر\n1\tقال" + rest + "2\tالوزير" + rest + "\n";
  Result<SegScores> r = EvalSegmentationContent(TheAnalyzer(), content, "t", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->texts_rebuilt, 1);
  EXPECT_EQ(Summary(*r), "S 1/1/1 T 2/2/2 W 2/2/2 WF 2/2/2 exact 2");
}

// The whole evaluation on UD Arabic-PADT dev (word/UPOS form) when the shared data is there.
// The figure is printed; the floor is low enough not to fail on segmentation work in progress.
TEST(EvalTest, PadtDev) {
  const std::filesystem::path dev =
      std::filesystem::path(RASD_SOURCE_DIR) / "../shared/data/ud-arabic-padt/ar_padt-ud-dev.txt";
  if (!std::filesystem::exists(dev)) {
    GTEST_SKIP() << "no UD Arabic-PADT data at " << dev.string();
  }
  Result<SegScores> r = EvalSegmentation(TheAnalyzer(), dev.string(), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << "PADT dev: " << r->ToString() << "\n";
  EXPECT_EQ(r->format, "word-upos");
  EXPECT_EQ(r->sentences_read, 909);
  EXPECT_EQ(r->words.gold, 30240);
  EXPECT_LE(r->fused_unresolved, 5);
  EXPECT_GE(r->words.f1, 0.95);
}

}  // namespace
}  // namespace rasd::eval
