#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dedup/dedup.h"
#include "dedup/test_analyzer.h"

namespace rasd::dedup {
namespace {

const PassageTerms& Terms() {
  static const PassageTerms* terms = [] {
    Result<PassageTerms> t = PassageTerms::Load(TheAnalyzer());
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return new PassageTerms(std::move(t).value());
  }();
  return *terms;
}

// The terms of a one-sentence text taken to have events; empty when it is too short to be a
// passage.
std::vector<uint32_t> TermsOf(const std::string& sentence) {
  const std::vector<Passage> p =
      Terms().Of(TheAnalyzer().Analyze(sentence), {}, {}, std::vector<uint32_t>{0});
  return p.empty() ? std::vector<uint32_t>() : p.front().terms;
}

TEST(PassageTermsTest, FunctionWordsAndRelativeTimeAreNoTerms) {
  // قال، اليوم، الثلاثاء، إن، في، على are left out; the rest are the facts.
  const std::vector<uint32_t> with = TermsOf(
      "قال وزير الخارجية اليوم الثلاثاء إن القوات الروسية انتشرت في ممر لاتشين على الحدود.");
  const std::vector<uint32_t> without =
      TermsOf("وزير الخارجية القوات الروسية انتشرت ممر لاتشين الحدود.");
  EXPECT_EQ(with, without);
  EXPECT_EQ(with.size(), 8u);
  // A number is a term, marked as one.
  const std::vector<uint32_t> dated =
      TermsOf("انتشرت القوات الروسية في ممر لاتشين على الحدود منذ عام 2020.");
  EXPECT_EQ(
      std::count_if(dated.begin(), dated.end(), [](uint32_t t) { return (t & kNumberTerm) != 0; }),
      1);
  // Too few terms: no passage.
  EXPECT_TRUE(TermsOf("وأضاف أن الوضع متوتر جدا.").empty());
  // No number, no event, no past: nothing background could retell.
  const text::Analysis opinion =
      TheAnalyzer().Analyze("وأضاف أن الوضع في المنطقة الحدودية يبعث على القلق الشديد لدى السكان.");
  EXPECT_TRUE(Terms().Of(opinion).empty());
  EXPECT_EQ(Terms().Of(opinion, {}, std::vector<uint32_t>{0}).size(), 1u) << "narrates the past";
}

TEST(PassageTermsTest, BytesRoundTrip) {
  Passage p{.sentence = 7,
            .terms = {3, 9, kNumberTerm | 12},
            .recent = false,
            .past = true,
            .events = true};
  Result<Passage> back = Passage::FromBytes(7, p.Bytes());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ToString(), "sentence=7 terms=3 past events");
  EXPECT_EQ(back->terms, p.terms);
  EXPECT_FALSE(Passage::FromBytes(1, "abc").ok());
}

// Sentence pairs: one passage in other words, or not. Written for this test.
TEST(PassageTermsTest, RetellingsAreOnePassageAndTopicsAreNot) {
  struct Row {
    const char* a;
    const char* b;
    bool same;
  };
  const Row rows[] = {
      // A retelling inside a longer sentence, dated: 6 shared terms of the shorter's 9.
      {"وكانت المعارك قد اندلعت في إقليم قره باغ في 27 سبتمبر 2020 واستمرت 44 يوما، قبل أن "
       "يتوقف القتال باتفاق رعته موسكو في العاشر من نوفمبر وانتشار قوات حفظ سلام روسية.",
       "واندلعت الحرب في قره باغ يوم 27 سبتمبر 2020 ودامت 44 يوما.", true},
      // Near-verbatim without a number.
      {"وتنتشر قوات حفظ السلام الروسية في الإقليم بما في ذلك ممر لاتشين الاستراتيجي.",
       "كما تنتشر قوات حفظ السلام الروسية في الإقليم وفي ممر لاتشين الاستراتيجي.", true},
      // One subject, different facts, no number: half the terms shared is not enough.
      {"وتزامن القصف مع زيارة يجريها الرئيس الروسي فلاديمير بوتين إلى أذربيجان.",
       "وقال الرئيس الروسي فلاديمير بوتين إن أذربيجان وأرمينيا قريبتان من اتفاق.", false},
      // One number shared, too little else.
      {"أعلنت وزارة الدفاع مقتل 12 جنديا في قصف على مواقع في منطقة كلبجر.",
       "وصل 12 وفدا إلى العاصمة للمشاركة في مؤتمر الاستثمار الدولي السنوي.", false},
  };
  for (const Row& r : rows) {
    const std::vector<uint32_t> a = TermsOf(r.a), b = TermsOf(r.b);
    ASSERT_FALSE(a.empty() || b.empty()) << r.a;
    EXPECT_EQ(SamePassage(a, b), r.same) << r.a << " | " << r.b << " shared " << Shared(a, b).terms
                                         << " of " << a.size() << ", " << b.size();
  }
}

// Synthetic passages: terms 1..n with a number among them.
Passage P(uint32_t sentence, std::vector<uint32_t> terms, bool recent = false, bool past = false,
          bool events = true) {
  std::sort(terms.begin(), terms.end());
  return {.sentence = sentence,
          .terms = std::move(terms),
          .recent = recent,
          .past = past,
          .events = events};
}
const std::vector<uint32_t> kWar = {1, 2, 3, 4, 5, 6, kNumberTerm | 2020};
const std::vector<uint32_t> kWarRetold = {1, 2, 3, 4, 9, 10, 11, kNumberTerm | 2020};
std::vector<uint32_t> Other(uint32_t seed) {  // terms no other article has
  return {seed * 100 + 1, seed * 100 + 2, seed * 100 + 3, seed * 100 + 4,
          seed * 100 + 5, seed * 100 + 6, seed * 100 + 7};
}

std::vector<std::string> Printed(const std::vector<Recurrence>& found) {
  std::vector<std::string> out;
  for (const Recurrence& r : found) out.push_back(r.ToString());
  return out;
}

TEST(PassagesTest, DatedRetellingIsBackgroundAndSameDayReportsAreNot) {
  Passages index;
  EXPECT_TRUE(index.Add("article1", 100, std::vector{P(0, Other(1)), P(1, kWar)}).empty());
  // The next day: the same news from another outlet, not background.
  EXPECT_TRUE(index.Add("article2", 101, std::vector{P(0, Other(2)), P(3, kWarRetold)}).empty());
  // Three days after the first: a retelling.
  EXPECT_EQ(Printed(index.Add("article3", 103, std::vector{P(5, kWarRetold), P(6, Other(3))})),
            (std::vector<std::string>{"article3:5 in 3 articles"}));
  // A sentence that dates itself on the publication is news, whatever it repeats.
  EXPECT_TRUE(index.Add("article4", 110, std::vector{P(2, kWar, /*recent=*/true)}).empty());
  // Without events, a sentence of a feed read in date order is indexed, not looked up: it has
  // nothing to mark.
  EXPECT_TRUE(index.Add("article5", 112, std::vector{P(1, kWar, false, false, false)}).empty());
  // An older article ingested late makes the later ones background, each reported once, the
  // sentences without events included.
  EXPECT_EQ(Printed(index.Add("article0", 90, std::vector{P(4, kWar)})),
            (std::vector<std::string>{"article1:1 in 6 articles", "article2:3 in 6 articles",
                                      "article5:1 in 6 articles"}));
  EXPECT_EQ(index.size(), 9u);
}

TEST(PassagesTest, UndatedNeedsThreeArticlesOnOtherNewsAndThePast) {
  Passages index;
  EXPECT_TRUE(index.Add("a", std::nullopt, std::vector{P(0, Other(1)), P(1, kWar)}).empty());
  EXPECT_TRUE(index.Add("b", std::nullopt, std::vector{P(0, Other(2)), P(1, kWarRetold)}).empty());
  // A third article: not narrated as past, so not background yet.
  EXPECT_TRUE(index.Add("c", std::nullopt, std::vector{P(0, Other(3)), P(1, kWar)}).empty());
  // A fourth that narrates it in the past: all four occurrences are background.
  EXPECT_EQ(Printed(index.Add("d", std::nullopt,
                              std::vector{P(0, Other(4)), P(2, kWar, false, /*past=*/true)})),
            (std::vector<std::string>{"d:2 in 4 articles", "a:1 in 4 articles", "b:1 in 4 articles",
                                      "c:1 in 4 articles"}));
}

TEST(PassagesTest, UndatedReportsOfTheSameNewsDoNotCount) {
  // Three outlets write up one event: they share its present facts, and its background.
  const std::vector<uint32_t> facts = {21, 22, 23, 24, 25, kNumberTerm | 7};
  const std::vector<uint32_t> more = {31, 32, 33, 34, 35, kNumberTerm | 8};
  Passages index;
  for (const char* id : {"x", "y", "z"}) {
    EXPECT_TRUE(
        index.Add(id, std::nullopt, std::vector{P(0, facts), P(1, more), P(2, kWar, false, true)})
            .empty())
        << id;
  }
  // An article on other news with the same background: for it, the three are three other
  // articles retelling it in the past, and the background is found in all four.
  EXPECT_EQ(Printed(index.Add("w", std::nullopt,
                              std::vector{P(0, Other(1)), P(4, kWarRetold, false, true)})),
            (std::vector<std::string>{"w:4 in 4 articles", "x:2 in 4 articles", "y:2 in 4 articles",
                                      "z:2 in 4 articles"}));
}

TEST(PassagesTest, RestoredBackgroundIsNotReportedAgain) {
  Passages index;
  index.Restore("stored1", 200, std::vector{P(1, kWar)}, std::vector<uint32_t>{});
  index.Restore("stored2", 210, std::vector{P(4, kWar)}, std::vector<uint32_t>{4});
  // Earlier than both: stored1's sentence is found now; stored2's was marked before.
  EXPECT_EQ(Printed(index.Add("new", 150, std::vector{P(0, kWarRetold)})),
            (std::vector<std::string>{"stored1:1 in 3 articles"}));
}

}  // namespace
}  // namespace rasd::dedup
