#include "text/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::text {
namespace {

const Analyzer& TheAnalyzer() {
  static const Analyzer* analyzer = [] {
    Result<Analyzer> a = Analyzer::Load();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return new Analyzer(a.ok() ? std::move(a).value() : Analyzer());
  }();
  return *analyzer;
}
const Normalizer& TheNormalizer() { return TheAnalyzer().normalizer(); }

// Sentences printed as "a | b", a dateline as "[D] a".
std::string PrintSentences(std::string_view text) {
  Analysis a = TheAnalyzer().Analyze(text);
  std::string out;
  for (const Sentence& s : a.sentences) {
    if (!out.empty()) out += " | ";
    if (s.dateline) out += "[D] ";
    out += std::string(s.span.In(text));
  }
  return out;
}

// Tokens printed as "text/kind text/kind".
std::string PrintTokens(std::string_view text) {
  Analysis a = TheAnalyzer().Analyze(text);
  std::string out;
  for (const Token& t : a.tokens) {
    if (!out.empty()) out += " ";
    out += std::string(t.span.In(text)) + "/" + TokenKindName(t.kind);
  }
  return out;
}

// A word's segmentation printed as "pro+stem+enc" (empty parts stay empty: "+روسيا+").
std::string PrintSegmentation(const Token& t) {
  return t.proclitics + "+" + t.stem + "+" + t.enclitic;
}

TEST(TextTest, LoadsEveryDataFile) {
  Result<Normalizer> n = Normalizer::Load();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  Result<Analyzer> a = Analyzer::Load();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
}

// The analysis hashes each token's key and stem once for the stages after it; an analysis
// built by hand (no hashes, or tokens added since) gets them from the tokens.
TEST(TextTest, TokenHashes) {
  Analysis a = TheAnalyzer().Analyze("وبحث الوزيران في موسكو 12 اتفاقية، وقالت الخارجية.");
  ASSERT_EQ(a.key_hashes.size(), a.tokens.size());
  ASSERT_EQ(a.stem_hashes.size(), a.tokens.size());
  bool clitics = false;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const Token& t = a.tokens[i];
    EXPECT_EQ(a.KeyHash(i), Hash64(t.key)) << t.key;
    EXPECT_EQ(a.StemHash(i), Hash64(t.stem)) << t.stem;
    clitics = clitics || t.stem != t.key;
  }
  EXPECT_TRUE(clitics);
  a.tokens.push_back(a.tokens.front());
  a.tokens.back().stem = "موسكو";
  const size_t last = a.tokens.size() - 1;
  EXPECT_EQ(a.KeyHash(last), Hash64(a.tokens.back().key));
  EXPECT_EQ(a.StemHash(last), Hash64("موسكو"));
}

// Every data file of the stage is read by Load(); a new file must be added here and wired in.
TEST(TextTest, EveryTextDataFileIsKnownAndParses) {
  const std::vector<std::string> known = {
      "text/abbreviations.tsv", "text/agencies.tsv",  "text/function_words.tsv",
      "text/html_entities.tsv", "text/normalize.tsv", "text/numbers.tsv",
      "text/protected.tsv",     "text/segment.tsv",   "text/tlds.tsv"};
  std::vector<std::string> found;
  for (const std::string& name : DataFileNames()) {
    if (name.starts_with("text/")) found.push_back(name);
  }
  EXPECT_EQ(found, known);
  for (const std::string& name : known) {
    Result<std::string> content = ReadDataFile(name);
    ASSERT_TRUE(content.ok()) << name;
    EXPECT_NE(content->find("# Format:"), std::string::npos) << name;
    EXPECT_NE(content->find("# Source:"), std::string::npos) << name;
    EXPECT_FALSE(ParseTsv(*content).empty()) << name;
  }
}

// No protected word loses a proclitic (a pronoun may still come off: بيعها -> بيع + ها).
TEST(TextTest, ProtectedWordsKeepTheirFirstLetters) {
  Result<std::string> content = ReadDataFile("text/protected.tsv");
  ASSERT_TRUE(content.ok());
  for (const TsvRow& row : ParseTsv(*content)) {
    std::string word = row.fields[0];
    if (word.ends_with("*")) word.pop_back();
    Token t = TheAnalyzer().AnalyzeWord(word);
    EXPECT_EQ(t.proclitics, "") << word << " (protected.tsv:" << row.line << ")";
  }
}

// Names of the entity lexicon whose first letters look like clitics are read whole, and a real
// clitic before them is still cut; a clitic before a word of an organisation's name (لحقوق) or
// before the article is not protected by it.
TEST(TextTest, LexiconNamesKeepTheirFirstLetters) {
  struct Row {
    std::string word, proclitics, stem;
  };
  const Row rows[] = {
      {"باشنيان", "", "باشنيان"},    // Pashinyan (people.tsv), not ب + اشنيان
      {"وانغ", "", "وانغ"},          // Wang
      {"وباشنيان", "و", "باشنيان"},  // and Pashinyan
      {"لباشنيان", "ل", "باشنيان"},  // to Pashinyan
      {"لحقوق", "ل", "حقوق"},        // a word of an organisation's name keeps its clitic
      {"بالقرب", "بال", "قرب"},
  };
  for (const Row& r : rows) {
    const Token t = TheAnalyzer().AnalyzeWord(r.word);
    EXPECT_EQ(t.proclitics, r.proclitics) << r.word;
    EXPECT_EQ(t.stem, TheNormalizer().Key(r.stem)) << r.word;
  }
}

struct KeyRow {
  std::string input;
  std::string key;
};

TEST(TextTest, NormalizeKey) {
  const std::vector<KeyRow> rows = {
      // Diacritics, shadda, sukun, tanween, superscript alef, Quranic marks, tatweel.
      {"مُحَمَّدٌ", "محمد"},
      {"هٰذا", "هذا"},
      {"الرَّحْمَٰنِ", "الرحمن"},
      {"رسولُ اللهِ ﷺ", "رسول الله صلي الله عليه وسلم"},
      {"قِرَاءَةٌۖ", "قراءه"},
      {"صلى الله عليه وسلم\u0610", "صلي الله عليه وسلم"},
      {"مـــوسكو", "موسكو"},
      // Alef variants, alef maqsura, ta marbuta, hamza carriers (bare hamza kept).
      {"أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"},
      {"مستشفى", "مستشفي"},
      {"الحكومة", "الحكومه"},
      {"مؤتمر", "موتمر"},
      {"رئيس هيئة", "رييس هييه"},
      {"سماء", "سماء"},
      // Persian and Urdu letters.
      {"ایران", "ايران"},
      {"کابل", "كابل"},
      {"ۀ ہ ۃ ە", "ه ه ه ه"},
      {"ڤلاديمير", "فلاديمير"},
      // Digits.
      {"١٢٣٤٥٦٧٨٩٠", "1234567890"},
      {"۱۲۳۴۵۶۷۸۹۰", "1234567890"},
      {"٣٫٥", "3.5"},
      {"١٬٢٠٠", "1,200"},
      // Punctuation.
      {"نعم، لا؛ لماذا؟ ٥٠٪", "نعم, لا; لماذا? 50%"},
      {"«سلام» “peace” ‘x’", "\"سلام\" \"peace\" 'x'"},
      {"أ — ب – ج", "ا - ب - ج"},
      // Presentation forms (NFKC).
      {"ﻻ", "لا"},
      {"ﺍﻟﺴﻼﻡ", "السلام"},
      {"ﻣﻮﺳﻜﻮ", "موسكو"},
      {"ﺃﺣﻤﺪ", "احمد"},
      {"\uFEFBﺇ", "لاا"},
      // Zero-width characters, bidi controls, BOM.
      {"\xEF\xBB\xBF"
       "موسكو",
       "موسكو"},
      {"مو\u200Cسكو", "موسكو"},
      {"\u200Fموسكو\u200E", "موسكو"},
      {"\u202Bموسكو\u202C", "موسكو"},
      {"a\u2066b\u2069c", "abc"},
      {"شكرا\u200D", "شكرا"},
      // Whitespace: NBSP, other spaces, runs collapse, trimmed.
      {"  موسكو\u00A0\u00A0 و\t\n\nباكو \u2003", "موسكو و باكو"},
      {"a\u202Fb\u3000c", "a b c"},
      {"\n\n", ""},
      // Latin lowercase.
      {"Sputnik NEWS Über", "sputnik news über"},
      {"ＡＢＣ１２", "abc12"},
      // HTML entities.
      {"AT&amp;T &quot;x&quot;", "at&t \"x\""},
      {"a&nbsp;b", "a b"},
      {"&#1605;&#x62D;&#X645;&#1583;", "محمد"},
      {"&#1617;", ""},
      {"&unknown; & &amp", "&unknown; & &amp"},
      {"&#0; &#xD800;", "\uFFFD \uFFFD"},
      // Invalid UTF-8 becomes U+FFFD.
      {"a\xFF"
       "b",
       "a\uFFFDb"},
      {"\xC3", "\uFFFD"},
      {"\xE0\x80\x80", "\uFFFD\uFFFD\uFFFD"},
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
      {"\xF0\x9F\x98", "\uFFFD"},
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
      {"", ""},
  };
  for (const KeyRow& row : rows) {
    EXPECT_EQ(TheNormalizer().Key(row.input), row.key) << row.input;
    EXPECT_EQ(TheNormalizer().Normalize(row.input).key, row.key) << row.input;
  }
}

TEST(TextTest, OffsetMapPointsBackToTheOriginal) {
  const std::string text = "قال مُحَمَّدٌ: «نَعَمْ»";
  Normalized n = TheNormalizer().Normalize(text);
  ASSERT_EQ(n.to_original.size(), n.key.size() + 1);
  EXPECT_EQ(n.to_original.back(), text.size());
  // The key substring "محمد" maps back to the diacritised word, marks included.
  size_t k = n.key.find("محمد");
  ASSERT_NE(k, std::string::npos);
  const uint32_t start = n.to_original[k];
  const uint32_t end = n.to_original[k + std::string("محمد").size()];
  EXPECT_EQ(text.substr(start, end - start), "مُحَمَّدٌ");
  // Every key byte maps into the input, monotonically.
  for (size_t i = 0; i < n.key.size(); ++i) {
    EXPECT_LT(n.to_original[i], text.size());
    if (i > 0) {
      EXPECT_LE(n.to_original[i - 1], n.to_original[i]);
    }
  }
  // "«" folded to '"' maps to the guillemet.
  size_t q = n.key.find('"');
  ASSERT_NE(q, std::string::npos);
  EXPECT_EQ(text.substr(n.to_original[q], 2), "«");
}

TEST(TextTest, OffsetMapOfEntitiesLigaturesAndSpaces) {
  const std::string text = "  a&amp;ﻻ\u200F  b";
  Normalized n = TheNormalizer().Normalize(text);
  ASSERT_EQ(n.key, "a&لا b");
  EXPECT_EQ(n.to_original[0], 2u);   // a
  EXPECT_EQ(n.to_original[1], 3u);   // & from "&amp;"
  EXPECT_EQ(n.to_original[2], 8u);   // ل from the ligature
  EXPECT_EQ(n.to_original[4], 8u);   // ا from the same ligature
  EXPECT_EQ(n.to_original[6], 14u);  // the space run starts after the RLM
  EXPECT_EQ(n.to_original[7], 16u);  // b
  EXPECT_EQ(n.to_original[8], text.size());
}

TEST(TextTest, KeyEqualsNormalizeKeyOnCorpusLikeText) {
  const std::string text =
      "موسكو - سبوتنيك. أعلن وزيرُ الخارجيّة الروسيّ سيرغي لافروف، اليوم، أنّ ٣٫٥ مليون "
      "شخصٍ…\n\nhttps://example.com/a?b=c «اقرأ أيضاً»";
  EXPECT_EQ(TheNormalizer().Key(text), TheNormalizer().Normalize(text).key);
}

struct SentenceRow {
  std::string input;
  std::string sentences;
};

TEST(TextTest, Sentences) {
  const std::vector<SentenceRow> rows = {
      {"زار لافروف يريفان. ثم غادر.", "زار لافروف يريفان. | ثم غادر."},
      {"هل زار يريفان؟ نعم! زارها.", "هل زار يريفان؟ | نعم! | زارها."},
      {"ارتفع بنسبة 3.5 في المئة. ثم تراجع.", "ارتفع بنسبة 3.5 في المئة. | ثم تراجع."},
      {"ارتفع بنسبة ٣٫٥ في المئة.", "ارتفع بنسبة ٣٫٥ في المئة."},
      {"في 10.11.2020 وقع الاتفاق. وفي 2020/11/10 أيضا.",
       "في 10.11.2020 وقع الاتفاق. | وفي 2020/11/10 أيضا."},
      {"قال د. أحمد إن الوضع صعب.", "قال د. أحمد إن الوضع صعب."},
      {"قال أ. محمد ذلك. ووافق.", "قال أ. محمد ذلك. | ووافق."},
      {"زار U.S. Army المنطقة.", "زار U.S. Army المنطقة."},
      {"قال لتلفزيون بي. بي. سي إن الاتفاق تم.", "قال لتلفزيون بي. بي. سي إن الاتفاق تم."},
      {"وتراجع سهم إي.دي.إف الفرنسية.", "وتراجع سهم إي.دي.إف الفرنسية."},
      {"لم يحضر أحد في. إن الأمر محسوم.", "لم يحضر أحد في. | إن الأمر محسوم."},
      {"قال: \"انتهى الأمر.\" ثم غادر.", "قال: \"انتهى الأمر.\" | ثم غادر."},
      {"قال: «انتهى الأمر.» ثم غادر.", "قال: «انتهى الأمر.» | ثم غادر."},
      {"(انتهى الأمر.) ثم غادر.", "(انتهى الأمر.) | ثم غادر."},
      {"ماذا؟! لا أصدق...", "ماذا؟! | لا أصدق..."},
      {"سطر أول\nسطر ثان", "سطر أول | سطر ثان"},
      {"فقرة أولى\n\nفقرة ثانية", "فقرة أولى | فقرة ثانية"},
      {"نص بلا نقطة\r\n\r\nنص آخر", "نص بلا نقطة | نص آخر"},
      {"زار الموقع sputniknews.com أمس.", "زار الموقع sputniknews.com أمس."},
      {"قال.وأضاف", "قال. | وأضاف"},
      // Datelines.
      {"موسكو - سبوتنيك. أعلن الكرملين أمس.", "[D] موسكو - سبوتنيك. | أعلن الكرملين أمس."},
      {"القاهرة (رويترز) - قال مسؤول إن المحادثات مستمرة.",
       "[D] القاهرة (رويترز) - | قال مسؤول إن المحادثات مستمرة."},
      {"عمّان - رصد. احتج المئات.", "[D] عمّان - رصد. | احتج المئات."},
      {"واشنطن، 12 نوفمبر (أ ف ب) - قال البيت الأبيض.",
       "[D] واشنطن، 12 نوفمبر (أ ف ب) - | قال البيت الأبيض."},
      {"باريس (أ.ف.ب) - أعلنت الرئاسة.", "[D] باريس (أ.ف.ب) - | أعلنت الرئاسة."},
      {"دهوك (العراق) - رصد. أدانت بغداد الغارات.",
       "[D] دهوك (العراق) - رصد. | أدانت بغداد الغارات."},
      {"موسكو، 28 سبتمبر/ أيلول - سبوتنيك\nقال الكرملين.",
       "[D] موسكو، 28 سبتمبر/ أيلول - سبوتنيك | قال الكرملين."},
      {"غزة: قصف إسرائيلي", "غزة: قصف إسرائيلي"},
      {"غزة - وكالة الأناضول: قتل ثلاثة.", "[D] غزة - وكالة الأناضول: | قتل ثلاثة."},
      {"غزة - \"وفا\": قتل ثلاثة.", "[D] غزة - \"وفا\": | قتل ثلاثة."},
      {"بيروت - أعلنت الحكومة اللبنانية استقالتها.",
       "[D] بيروت - | أعلنت الحكومة اللبنانية استقالتها."},
      {"لافروف يبحث التطبيع\n\nموسكو - رصد. بحث الوزير.",
       "لافروف يبحث التطبيع | [D] موسكو - رصد. | بحث الوزير."},
      {"أعلن الجيش السوري - بحسب بيان - أنه قصف مواقع.",
       "أعلن الجيش السوري - بحسب بيان - أنه قصف مواقع."},
      {"", ""},
      {"   \n\n  ", ""},
  };
  for (const SentenceRow& row : rows) {
    EXPECT_EQ(PrintSentences(row.input), row.sentences) << row.input;
  }
}

TEST(TextTest, EveryTokenBelongsToExactlyOneSentence) {
  const std::string text =
      "موسكو - سبوتنيك. أعلن الكرملين أمس أن 1,200 جندي.\n\nقال د. أحمد: «نعم.» ثم (لا).";
  Analysis a = TheAnalyzer().Analyze(text);
  uint32_t next = 0;
  for (uint32_t s = 0; s < a.sentences.size(); ++s) {
    EXPECT_EQ(a.sentences[s].first_token, next);
    EXPECT_LT(a.sentences[s].first_token, a.sentences[s].end_token);
    for (uint32_t t = a.sentences[s].first_token; t < a.sentences[s].end_token; ++t) {
      EXPECT_EQ(a.tokens[t].sentence, s);
    }
    next = a.sentences[s].end_token;
  }
  EXPECT_EQ(next, a.tokens.size());
}

struct TokenRow {
  std::string input;
  std::string tokens;
};

TEST(TextTest, TokenKinds) {
  const std::vector<TokenRow> rows = {
      {"قال الوزير", "قال/word الوزير/word"},
      {"١٠٥ 3.5 1,200 ٣٫٥ ١٬٠٠٠", "١٠٥/number 3.5/number 1,200/number ٣٫٥/number ١٬٠٠٠/number"},
      {"عام 2020.", "عام/word 2020/number ./punct"},
      {"2020م", "2020/number م/word"},
      {"(نعم)، «لا»!", "(/punct نعم/word )/punct ،/punct «/punct لا/word »/punct !/punct"},
      {"50% و٪", "50/number %/symbol و/word ٪/symbol"},
      {"https://www.rt.com/news/1.html, ok", "https://www.rt.com/news/1.html/url ,/punct ok/latin"},
      {"www.aljazeera.net.", "www.aljazeera.net/url ./punct"},
      {"موقع sputniknews.com", "موقع/word sputniknews.com/url"},
      {"راسلنا info@example.org.", "راسلنا/word info@example.org/email ./punct"},
      {"#غزة_الآن @UN_News", "#غزة_الآن/hashtag @UN_News/handle"},
      {"F-16 COVID-19 إس-400", "F-16/latin COVID-19/latin إس-400/word"},
      {"الـCNN", "الـCNN/word"},
      {"Reuters وكالة", "Reuters/latin وكالة/word"},
      {"مُحَمَّدٌ.", "مُحَمَّدٌ/word ./punct"},
      {"😀 $5", "😀/symbol $/symbol 5/number"},
      {"U.S.", "U/latin ./punct S/latin ./punct"},
  };
  for (const TokenRow& row : rows) {
    EXPECT_EQ(PrintTokens(row.input), row.tokens) << row.input;
  }
}

TEST(TextTest, TokenKeysAreNormalized) {
  const std::string text = "أعلنَ الرئيسُ «بوتين» ١٠٥";
  Analysis a = TheAnalyzer().Analyze(text);
  std::vector<std::string> keys;
  for (const Token& t : a.tokens) keys.push_back(t.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"اعلن", "الرييس", "\"", "بوتين", "\"", "105"}));
}

struct CliticRow {
  std::string word;
  std::string segmentation;  // proclitics+stem+enclitic, as keys
};

TEST(TextTest, Clitics) {
  const std::vector<CliticRow> rows = {
      {"لروسيا", "ل+روسيا+"},
      {"وروسيا", "و+روسيا+"},
      {"بموسكو", "ب+موسكو+"},
      {"للحكومة", "لل+حكومه+"},
      {"والرئيس", "وال+رييس+"},
      {"وبالتالي", "وبال+تالي+"},
      {"الروسية", "ال+روسيه+"},
      {"فالحكومة", "فال+حكومه+"},
      {"كالعادة", "كال+عاده+"},
      {"وللحكومة", "ولل+حكومه+"},
      {"وقال", "و+قال+"},
      {"نظيره", "+نظير+ه"},
      {"بلاده", "+بلاد+ه"},
      {"ولبلادهم", "ول+بلاد+هم"},
      {"بينهما", "+بين+هما"},
      {"حكومة", "+حكومه+"},
      {"روسي", "+روسي+"},
      {"أمريكي", "+امريكي+"},
      {"أرمني", "+ارمني+"},
      // Protected words stay whole, and stop the peeling.
      {"بوتين", "+بوتين+"},
      {"بكين", "+بكين+"},
      {"لبنان", "+لبنان+"},
      {"والي", "+والي+"},
      {"فرنسا", "+فرنسا+"},
      {"فلسطين", "+فلسطين+"},
      {"كابول", "+كابول+"},
      {"بغداد", "+بغداد+"},
      {"بيروت", "+بيروت+"},
      {"لافروف", "+لافروف+"},
      {"وزير", "+وزير+"},
      {"وكالة", "+وكاله+"},
      {"وبوتين", "و+بوتين+"},
      {"للبنان", "ل+لبنان+"},
      {"وفرنسا", "و+فرنسا+"},
      {"الفرنسية", "ال+فرنسيه+"},
      {"والفلسطينيين", "وال+فلسطينيين+"},
      {"بالتزامه", "ب+التزام+ه"},
      {"اتجاه", "+اتجاه+"},
      {"عليه", "+علي+ه"},  // a pronoun host, as the treebank writes it
      {"ألمانيا", "+المانيا+"},
      // Too short to cut, unless what is left is a known two-letter word.
      {"بلد", "+بلد+"},
      {"الله", "+الله+"},
      {"وكل", "و+كل+"},
      {"بما", "ب+ما+"},
      {"وهم", "و+هم+"},
      {"منه", "+من+ه"},
      {"حقه", "+حق+ه"},
      {"للحد", "لل+حد+"},
      {"الحد", "ال+حد+"},
      {"الآن", "+الان+"},
      {"بدايات", "+بدايات+"},
      // ف and ك only where the rest is a word: فريق is no ف + ريق.
      {"فريق", "+فريق+"},
      {"فقال", "ف+قال+"},
      {"فإن", "ف+ان+"},
      {"كبير", "+كبير+"},
      {"كوريا", "+كوريا+"},
      // The future particle before an imperfect verb; nouns that look like it stay whole.
      {"سيزور", "س+يزور+"},
      {"وستواصل", "وس+تواصل+"},
      {"فسيقومون", "فس+يقومون+"},
      {"سياسة", "+سياسه+"},
      {"سيارات", "+سيارات+"},
      {"سنوات", "+سنوات+"},
      {"سيدة", "+سيده+"},
      // A protected word with an inflectional ending stays whole.
      {"وزيرا", "+وزيرا+"},
      {"لبنانيين", "+لبنانيين+"},
      {"وصلت", "+وصلت+"},
      // A ت before a pronoun is an open ta marbuta, except in plurals and ت-final words.
      {"حكومته", "+حكومه+ه"},
      {"وزيارتها", "و+زياره+ها"},
      {"قواته", "+قوات+ه"},
      {"بيته", "+بيت+ه"},
      {"ولايته", "+ولايه+ه"},
      {"وفاته", "+وفاه+ه"},
      {"توجه", "+توجه+"},
      {"جنيه", "+جنيه+"},
  };
  for (const CliticRow& row : rows) {
    Token t = TheAnalyzer().AnalyzeWord(row.word);
    EXPECT_EQ(PrintSegmentation(t), row.segmentation) << row.word;
    // key == proclitics + stem + enclitic, but for a restored ta marbuta (ت -> ه).
    std::string joined = t.proclitics + t.stem + t.enclitic;
    if (joined != t.key) {
      const std::string teh = "\u062A", heh = "\u0647";
      std::string restored =
          t.key.substr(0, t.proclitics.size() + t.stem.size() - heh.size()) + teh + t.enclitic;
      EXPECT_TRUE(t.stem.ends_with(heh) && restored == t.key) << row.word;
    }
  }
  // Where the text wrote a letter otherwise before a pronoun, the stem gets its own back; a
  // noun in ل after ل has the article, whose alef and lam the writing drops (للجنة = ل +
  // اللجنة), while a name has none (للبنان = ل + لبنان).
  const std::vector<CliticRow> restored = {
      {"مستواها", "+مستوي+ها"}, {"لقائه", "+لقاء+ه"},   {"ألقاه", "+القي+ه"},
      {"للجنة", "لل+لجنه+"},    {"للبنان", "ل+لبنان+"},
  };
  for (const CliticRow& row : restored) {
    EXPECT_EQ(PrintSegmentation(TheAnalyzer().AnalyzeWord(row.word)), row.segmentation) << row.word;
  }
}

// A run of letters longer than any word (a URL slug, letters run together) stays whole, with
// all its letters in the stem and in its one segment.
TEST(TextTest, AVeryLongWordStaysWhole) {
  std::string word;
  for (int i = 0; i < 20; ++i) word += "\u0648\u0628";  // وب, 40 letters
  const Token t = TheAnalyzer().AnalyzeWord(word);
  EXPECT_EQ(t.proclitics, "");
  EXPECT_EQ(t.stem, t.key);
  EXPECT_EQ(t.key, word);
  EXPECT_EQ(TheAnalyzer().Segments(word), std::vector<std::string>{word});
}

TEST(TextTest, AnalyzeWordMatchesAnalyze) {
  const std::string text = "وقال للحكومة الروسية إن بوتين وصل إلى بلاده مُحَمَّدٌ ١٠٥ F-16.";
  Analysis a = TheAnalyzer().Analyze(text);
  for (const Token& t : a.tokens) {
    Token w = TheAnalyzer().AnalyzeWord(t.span.In(text));
    EXPECT_EQ(w.key, t.key) << t.ToString();
    EXPECT_EQ(w.stem, t.stem) << t.ToString();
    EXPECT_EQ(w.proclitics, t.proclitics) << t.ToString();
    EXPECT_EQ(w.enclitic, t.enclitic) << t.ToString();
    EXPECT_EQ(w.kind, t.kind) << t.ToString();
  }
}

struct SegmentsRow {
  std::string word;
  std::string segments;  // Segments(word) joined by spaces
};

// Treebank segmentation (UD Arabic-PADT conventions). Measured with
// `rasd eval seg ../shared/data/ud-arabic-padt/ar_padt-ud-dev.txt`.
TEST(TextTest, Segments) {
  const std::vector<SegmentsRow> rows = {
      // Proclitics, one word each; the article stays on the stem and comes back after ل.
      {"للحكومة", "ل الحكومة"},
      {"وللحكومة", "و ل الحكومة"},
      {"والحكومة", "و الحكومة"},
      {"فالحكومة", "ف الحكومة"},
      {"كالحكومة", "ك الحكومة"},
      {"بالقاهرة", "ب القاهرة"},
      {"وبالتالي", "و ب التالي"},
      {"الحكومة", "الحكومة"},
      {"سيزور", "س يزور"},
      {"وسيتم", "و س يتم"},
      // Every enclitic pronoun; ta marbuta restored before it.
      {"حكومته", "حكومة ه"},
      {"حكومتها", "حكومة ها"},
      {"كتابهما", "كتاب هما"},
      {"بيوتهم", "بيوت هم"},
      {"بيوتهن", "بيوت هن"},
      {"كتابك", "كتاب ك"},
      {"كتابكم", "كتاب كم"},
      {"كتابكن", "كتاب كن"},
      {"بلادنا", "بلاد نا"},
      {"يعطيني", "يعطي ني"},
      {"لي", "ل ي"},
      {"بموجبه", "ب موجب ه"},
      {"بلاده", "بلاد ه"},
      {"قواته", "قوات ه"},  // a plural keeps its ت
      // Pronoun hosts in the treebank's spelling.
      {"عليه", "علي ه"},
      {"إليه", "إلي ه"},
      {"اليه", "إلي ه"},
      {"لديه", "لدي ه"},
      {"منه", "من ه"},
      {"عنه", "عن ه"},
      {"فيه", "في ه"},
      {"له", "ل ه"},
      {"لها", "ل ها"},
      {"وله", "و ل ه"},
      {"إنه", "إن ه"},
      {"أنه", "أن ه"},
      {"انه", "أن ه"},
      {"بأنه", "ب أن ه"},
      {"إنني", "إن ني"},
      {"لكنه", "لٰكن ه"},
      // Function words and fused particles.
      {"وقد", "و قد"},
      {"بذلك", "ب ذٰلك"},
      {"فقد", "ف قد"},
      {"عما", "عن ما"},
      {"ألا", "أن لا"},
      {"مما", "مما"},
      {"مع", "مع"},
      // Spelling restored from the dictionary where the text dropped it.
      {"واضاف", "و أضاف"},
      {"للامم", "ل الأمم"},
      {"مستواها", "مستوى ها"},
      {"لقائه", "لقاء ه"},
      {"واعتبر", "و اعتبر"},  // not أعتبر "I consider"
      {"باسم", "ب اسم"},      // a noun with hamzat al-wasl
      {"وَالحُكُومَةُ", "و الحكومة"},
      // Names and words that only look segmentable stay whole.
      {"بوتين", "بوتين"},
      {"لافروف", "لافروف"},
      {"والي", "والي"},
      {"بكين", "بكين"},
      {"لبنان", "لبنان"},
      {"فرنسا", "فرنسا"},
      {"باكو", "باكو"},
      {"بغداد", "بغداد"},
      {"كابول", "كابول"},
      {"ليبيا", "ليبيا"},
      {"روسي", "روسي"},
      {"روسية", "روسية"},
      {"أمريكي", "أمريكي"},
      {"باول", "باول"},
      {"ملك", "ملك"},
      {"كان", "كان"},
      {"وزير", "وزير"},
      {"للبنان", "ل لبنان"},
      {"وبوتين", "و بوتين"},
      {"والى", "و إلى"},
      // Not Arabic, or not one word: unchanged.
      {"F-16", "F-16"},
      {"2020", "2020"},
      {"بان كي مون", "بان كي مون"},
  };
  for (const SegmentsRow& row : rows) {
    std::string joined;
    for (const std::string& s : TheAnalyzer().Segments(row.word)) {
      joined += (joined.empty() ? "" : " ") + s;
    }
    EXPECT_EQ(joined, row.segments) << row.word;
  }
  EXPECT_TRUE(TheAnalyzer().Segments("").empty());
  for (std::string_view odd : {"\xff\xfe", "\u0640\u0640", "\u0648", "\u0648\u0648", "\u0627\u0644",
                               "\u0644\u0644", "\u0628\u0647", "\u0648\u064E"}) {
    EXPECT_FALSE(TheAnalyzer().Segments(odd).empty()) << odd;  // and does not crash
  }
  EXPECT_EQ(Analyzer().Segments("وقال"), std::vector<std::string>{"وقال"});  // not loaded
}

// The analyzer keeps what it learns of a word (its clitics, its treebank segments) in caches a
// thread shares between analyzers, filled in whatever order the questions come: the answers
// must not depend on that order, nor on what another analyzer asked before.
TEST(TextTest, AnswersDoNotDependOnTheOrderOfQuestions) {
  Result<Analyzer> first = Analyzer::Load(), second = Analyzer::Load();
  ASSERT_TRUE(first.ok() && second.ok());
  const std::string text =
      "وبحكومته أعلنت الحكومة للحكومة ومستواها لقائه شيراك وبلير بأنه وسيزور الرئيس "
      "قطرها والمانيا ولافروف وساركوزي";
  struct Answers {
    std::vector<std::string> fields;
    bool operator==(const Answers&) const = default;
  };
  auto ask = [&](const Analyzer& a, bool analyze_first) {
    Answers out;
    const Analysis before = analyze_first ? a.Analyze(text) : Analysis{};
    std::vector<std::string> words;
    for (const Token& t : TheAnalyzer().Analyze(text).tokens) words.emplace_back(t.span.In(text));
    for (const std::string& w : words) {
      std::string segments;
      for (const std::string& s : a.Segments(w)) segments += s + "|";
      out.fields.push_back(w + " " + segments + (a.IsDictionaryWord(w) ? " dict" : " name"));
    }
    const Analysis after = analyze_first ? before : a.Analyze(text);
    for (const Token& t : after.tokens) {
      out.fields.push_back(t.key + "/" + t.proclitics + "/" + t.stem + "/" + t.enclitic);
    }
    return out;
  };
  const Answers analyze_first = ask(*first, true);
  const Answers analyze_last = ask(*second, false);
  EXPECT_EQ(analyze_first.fields, analyze_last.fields);
  // And again, every answer now from the cache.
  EXPECT_EQ(ask(*first, false).fields, analyze_first.fields);
  EXPECT_EQ(ask(*second, true).fields, analyze_first.fields);
  // Spot checks that the answers are the real ones.
  EXPECT_EQ(first->Segments("وبحكومته"), (std::vector<std::string>{"و", "ب", "حكومة", "ه"}));
  EXPECT_TRUE(first->IsDictionaryWord("الحكومة"));
  EXPECT_FALSE(first->IsDictionaryWord("ساركوزي"));
}

std::vector<std::string> TermKeys(std::string_view text) {
  std::vector<std::string> keys;
  for (const Term& t : TheAnalyzer().SearchTerms(text)) keys.push_back(t.key);
  return keys;
}

TEST(TextTest, SearchTerms) {
  EXPECT_EQ(TermKeys("مُحَمَّدٌ"), TermKeys("محمد"));
  EXPECT_EQ(TermKeys("بمحمد"), TermKeys("محمد"));
  EXPECT_EQ(TermKeys("أحمد"), TermKeys("احمد"));
  EXPECT_EQ(TermKeys("والرئيس"), TermKeys("رئيس"));
  EXPECT_EQ(TermKeys("قال الرئيس، ١٠٥ Reuters!"),
            (std::vector<std::string>{"قال", "رييس", "105", "reuters"}));
  const std::string text = "وقال «بوتين»";
  std::vector<Term> terms = TheAnalyzer().SearchTerms(text);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(text.substr(terms[1].start, terms[1].end - terms[1].start), "بوتين");
}

TEST(TextTest, BadInputDoesNotCrash) {
  const std::vector<std::string> inputs = {
      "",
      " ",
      "\n",
      ".",
      "...",
      "\xFF\xFE\xFD",
      "\xC3",
      "مو\xFFسكو",
      std::string("a\0b", 3),
      "&",
      "&#",
      "&#x;",
      "&#99999999999;",
      "#",
      "@",
      "-",
      "(",
      "http://",
      "a@b",
      "ـــ",
      "\u064E",
      "\u064E\u064Eموسكو",
      "\u200F",
      "ﷺ.",
      "١٫",
      ".٥",
  };
  for (const std::string& in : inputs) {
    Analysis a = TheAnalyzer().Analyze(in);
    for (const Token& t : a.tokens) {
      EXPECT_LE(t.span.start, t.span.end);
      EXPECT_LE(t.span.end, in.size());
      EXPECT_LT(t.sentence, a.sentences.size());
    }
    Normalized n = TheNormalizer().Normalize(in);
    EXPECT_EQ(n.to_original.size(), n.key.size() + 1);
    TheAnalyzer().SearchTerms(in);
    TheAnalyzer().AnalyzeWord(in);
  }
  Analyzer unloaded;
  EXPECT_TRUE(unloaded.Analyze("نص").tokens.empty());
  EXPECT_EQ(unloaded.normalizer().Key("نص"), "نص");
}

TEST(TextTest, LongInput) {
  const std::string paragraph =
      "موسكو - سبوتنيك. أعلن وزير الخارجية الروسي سيرغي لافروف، اليوم الثلاثاء، أن بلاده "
      "مستعدة لاستضافة جولة جديدة من المحادثات بين يريفان وباكو، مشيرا إلى أن ٣٫٥ مليون شخص "
      "تأثروا بالنزاع. وقال: «نأمل التوصل إلى اتفاق قريبا».\n\n";
  std::string text;
  size_t paragraphs = 0;
  for (; text.size() < (1u << 20); ++paragraphs) text += paragraph;
  Analysis a = TheAnalyzer().Analyze(text);
  EXPECT_GT(a.tokens.size(), 100000u);
  // Three sentences a paragraph; only the first line's "موسكو - سبوتنيك." is a dateline.
  EXPECT_EQ(a.sentences.size(), 3 * paragraphs);
  size_t datelines = 0;
  for (const Sentence& s : a.sentences) datelines += s.dateline;
  EXPECT_EQ(datelines, 1u);
  EXPECT_EQ(a.tokens.back().span.end, text.size() - 2);  // the final "." before "\n\n"
  EXPECT_EQ(TheNormalizer().Key(text).size(), TheNormalizer().Normalize(text).key.size());
}

// Clitic segmentation against the UD Arabic PADT treebank (development data outside the
// repository, ../shared/data/ud-arabic-padt; see its README for the derived format: a fused
// token with tag "_" is followed by its syntactic words). PADT keeps the article inside the
// noun, so ال is ignored on our side (وال -> و, لل -> ل). Scored: words whose core is a
// content word (NOUN PROPN ADJ VERB NUM X), written in Arabic letters only.
TEST(TextTest, CliticsAgainstPadt) {
  const std::string path =
      std::string(RASD_SOURCE_DIR) + "/../shared/data/ud-arabic-padt/ar_padt-ud-dev.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no PADT development data at " << path;
  const Analyzer& analyzer = TheAnalyzer();
  const Normalizer& norm = TheNormalizer();
  auto split = [](std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
      if (c == ' ') {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
  };
  const std::string kLam = norm.Key("ل");
  const std::string kAl = norm.Key("ال");
  const std::string kTa = norm.Key("ت");
  const std::string kHa = norm.Key("ه");
  size_t scored = 0, correct = 0, fused = 0;
  std::map<std::string, int> errors;
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::vector<std::string> words = split(std::string_view(line).substr(0, tab));
    std::vector<std::string> tags = split(std::string_view(line).substr(tab + 1));
    if (words.size() != tags.size()) continue;
    for (size_t i = 0; i < words.size();) {
      std::string gold_pro, gold_enc, core_tag;
      const std::string surface = words[i];
      if (tags[i] != "_") {
        core_tag = tags[i];
        ++i;
      } else {
        // Find how many syntactic words follow: the ones whose keys spell the surface key.
        const std::string want = norm.Key(surface);
        size_t parts = 0;
        for (size_t n = 2; n <= 4 && parts == 0; ++n) {
          if (i + n >= words.size()) break;
          std::string spelled;
          for (size_t k = 1; k <= n; ++k) {
            if (tags[i + k] == "_") break;
            std::string p = norm.Key(words[i + k]);
            if (spelled.ends_with(kLam) && p.starts_with(kAl)) p = p.substr(kAl.size() / 2);
            if (k > 1 && spelled.ends_with(kHa)) {  // حياة + ه is written حياته
              spelled.resize(spelled.size() - kHa.size());
              spelled += kTa;
            }
            spelled += p;
          }
          if (spelled == want) parts = n;
        }
        if (parts == 0) {
          ++i;
          continue;
        }
        ++fused;
        size_t core = i + parts;  // the last part that is not a pronoun
        while (core > i + 1 && tags[core] == "PRON") --core;
        for (size_t k = i + 1; k < core; ++k) gold_pro += norm.Key(words[k]);
        for (size_t k = core + 1; k <= i + parts; ++k) gold_enc += norm.Key(words[k]);
        core_tag = tags[core];
        i += parts + 1;
      }
      static const std::vector<std::string> kContent = {"NOUN", "PROPN", "ADJ", "VERB", "NUM", "X"};
      if (std::find(kContent.begin(), kContent.end(), core_tag) == kContent.end()) continue;
      Token t = analyzer.AnalyzeWord(surface);
      if (t.kind != TokenKind::kWord || t.key != norm.Key(surface)) continue;
      std::string pro = t.proclitics;
      if (pro.ends_with(kAl)) {
        pro.resize(pro.size() - kAl.size());
      } else if (pro.ends_with(kLam + kLam)) {
        pro.resize(pro.size() - kLam.size());
      }
      ++scored;
      if (pro == gold_pro && t.enclitic == gold_enc) {
        ++correct;
      } else {
        errors[surface + " gold=" + gold_pro + "+" + gold_enc + " ours=" + pro + "+" +
               t.enclitic]++;
      }
    }
  }
  ASSERT_GT(scored, 1000u);
  const double accuracy = static_cast<double>(correct) / static_cast<double>(scored);
  std::cout << "PADT dev clitics: " << correct << "/" << scored << " words = " << accuracy << " ("
            << fused << " fused tokens)\n";
  if (const char* v = std::getenv("RASD_TEXT_VERBOSE"); v != nullptr && *v != '\0') {
    std::vector<std::pair<int, std::string>> sorted;
    for (const auto& [k, n] : errors) sorted.emplace_back(n, k);
    std::sort(sorted.rbegin(), sorted.rend());
    for (size_t k = 0; k < sorted.size() && k < 300; ++k) {
      std::cout << sorted[k].first << "\t" << sorted[k].second << "\n";
    }
  }
  EXPECT_GT(accuracy, 0.90);
}

}  // namespace
}  // namespace rasd::text
