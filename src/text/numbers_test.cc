#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/data.h"
#include "text/numbers_internal.h"
#include "text/text.h"

namespace rasd::text {
namespace {

class NumberTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<Analyzer> analyzer = Analyzer::Load();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = new Analyzer(std::move(analyzer).value());
    Result<NumberReader> reader = NumberReader::Load(*analyzer_);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    reader_ = new NumberReader(std::move(reader).value());
  }
  static void TearDownTestSuite() {
    delete reader_;
    delete analyzer_;
  }

  static std::vector<Quantity> Read(std::string_view text) {
    return reader_->Read(text, analyzer_->Analyze(text));
  }

  // "text=ToString()" for each quantity, joined by " | "; text is the quantity's span.
  static std::string Print(std::string_view text) {
    std::string out;
    for (const Quantity& q : Read(text)) {
      if (!out.empty()) out += " | ";
      out += std::string(q.span.In(text)) + "=" + q.ToString();
    }
    return out;
  }

  static Analyzer* analyzer_;
  static NumberReader* reader_;
};

Analyzer* NumberTest::analyzer_ = nullptr;
NumberReader* NumberTest::reader_ = nullptr;

struct Row {
  const char* text;
  const char* expected;
};

TEST_F(NumberTest, CardinalUnitsAndTeens) {
  const Row rows[] = {
      // Gender is the counted noun's: polarity gives the masculine noun the form with ة.
      {"قتل خمسة جنود", "خمسة=5 m"},
      {"أصيبت خمس نساء", "خمس=5 f"},
      {"رجل واحد وامرأة واحدة", "واحد=1 m | واحدة=1 f"},
      {"اثنان من الجنود", "اثنان=2 m"},
      {"اعتقال اثنين", "اثنين=2 m"},
      {"اثنتان من النساء", "اثنتان=2 f"},
      {"ثلاثة أيام وثلاث ليال", "ثلاثة=3 m | وثلاث=3 f"},
      {"ثماني سنوات", "ثماني=8 f"},
      {"عشرة أيام وعشر سنوات", "عشرة=10 m | وعشر=10 f"},
      {"أحد عشر جنديا", "أحد عشر=11 m"},
      {"إحدى عشرة دولة", "إحدى عشرة=11 f"},
      {"اثنا عشر", "اثنا عشر=12 m"},
      {"اثني عشر شهرا", "اثني عشر=12 m"},
      {"اثنتا عشرة", "اثنتا عشرة=12 f"},
      {"ثلاثة عشر", "ثلاثة عشر=13 m"},
      {"ثلاث عشرة", "ثلاث عشرة=13 f"},
      {"ثماني عشرة", "ثماني عشرة=18 f"},
      // Hamzat al-wasl is often written: إثنا.
      {"إثنا عشر", "إثنا عشر=12 m"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, TensHundredsAndCompounds) {
  const Row rows[] = {
      {"عشرون", "عشرون=20"},
      {"تسعين", "تسعين=90"},
      {"خمسة وعشرون", "خمسة وعشرون=25 m"},
      {"خمس وعشرين", "خمس وعشرين=25 f"},
      {"واحد وعشرون", "واحد وعشرون=21 m"},
      {"ثلاثة وأربعين", "ثلاثة وأربعين=43 m"},
      {"خمسة و عشرون", "خمسة و عشرون=25 m"},  // و written apart
      {"مائة", "مائة=100"},
      {"مئة", "مئة=100"},
      {"مئتان", "مئتان=200"},
      {"مائتين", "مائتين=200"},
      {"ثلاثمائة", "ثلاثمائة=300"},
      {"ثلاثمئة", "ثلاثمئة=300"},
      {"ثلاث مئة", "ثلاث مئة=300"},
      {"مئة وخمسون", "مئة وخمسون=150"},
      {"مئتين وخمسة وعشرين", "مئتين وخمسة وعشرين=225 m"},
      {"مئة وثلاثة عشر", "مئة وثلاثة عشر=113 m"},
      {"ثلاثمائة وخمسة وستون يوما", "ثلاثمائة وخمسة وستون=365 m"},
      // A list is not a compound: و joins only a smaller part (or a ten after a unit).
      {"ثلاثة وأربعة", "ثلاثة=3 m | وأربعة=4 m"},
      {"قتل خمسة. وعشرون آخرون", "خمسة=5 m | وعشرون=20"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, ThousandsMillionsBillions) {
  const Row rows[] = {
      {"ألف", "ألف=1000"},
      {"ألفان", "ألفان=2000"},
      {"ثلاثة آلاف", "ثلاثة آلاف=3000"},
      {"عشرة آلاف", "عشرة آلاف=10000"},
      {"أحد عشر ألفا", "أحد عشر ألفا=11000"},
      {"عشرين ألفا", "عشرين ألفا=20000"},
      {"عشرين ألفاً", "عشرين ألفاً=20000"},
      {"خمسة وعشرون ألفا", "خمسة وعشرون ألفا=25000"},  // gender goes with the scale
      {"مئة وخمسون ألفا", "مئة وخمسون ألفا=150000"},
      {"ثلاثمائة ألف", "ثلاثمائة ألف=300000"},
      {"مئتي ألف", "مئتي ألف=200000"},
      {"ألف وخمسمائة", "ألف وخمسمائة=1500"},
      {"ثلاثة آلاف وخمسمائة وعشرون", "ثلاثة آلاف وخمسمائة وعشرون=3520"},
      {"ثلاث وثلاثون ألفا وثلاثمائة", "ثلاث وثلاثون ألفا وثلاثمائة=33300"},
      {"مليون", "مليون=1000000"},
      {"ثلاثة ملايين", "ثلاثة ملايين=3000000"},
      {"عشرين مليونا", "عشرين مليونا=20000000"},
      {"ملياري دولار", "ملياري=2000000000"},
      {"مليون وخمسمائة ألف", "مليون وخمسمائة ألف=1500000"},
      {"مليون وألفان", "مليون وألفان=1002000"},
      {"مليون ونصف", "مليون ونصف=1500000"},
      {"مليون ونصف المليون", "مليون ونصف المليون=1500000"},
      {"نصف مليون", "نصف مليون=500000"},
      {"ربع مليون", "ربع مليون=250000"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, CliticsArticleAndDiacritics) {
  const Row rows[] = {
      {"الخمسة", "الخمسة=5 m"},
      {"والثلاثين", "والثلاثين=30"},
      {"بخمسة", "بخمسة=5 m"},
      {"بستة", "بستة=6 m"},
      {"للعشرات", "للعشرات=20..90 approx"},
      {"بالآلاف", "بالآلاف=2000..9000 approx"},
      {"الثلاثة آلاف", "الثلاثة آلاف=3000"},
      {"الأحد عشر", "الأحد عشر=11 m"},
      {"الاثني عشر", "الاثني عشر=12 m"},
      {"خَمْسَةُ", "خَمْسَةُ=5 m"},
      {"عِشْرِينَ أَلْفًا", "عِشْرِينَ أَلْفًا=20000"},
      {"ثَلَاثَ عَشْرَةَ", "ثَلَاثَ عَشْرَةَ=13 f"},
      {"لِلْمَرَّةِ الثَّالِثَةِ", "الثَّالِثَةِ=3 f ordinal"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, Ordinals) {
  const Row rows[] = {
      {"اليوم الأول", "الأول=1 m ordinal"},
      {"المرة الأولى", "الأولى=1 f ordinal"},
      {"أول مرة", "أول=1 ordinal"},
      {"الجولة الثانية", "الثانية=2 f ordinal"},
      {"الساعة الثامنة", "الثامنة=8 f ordinal"},
      {"ولاية ثالثة", "ثالثة=3 f ordinal"},
      {"ثاني أكبر مدينة", "ثاني=2 m ordinal"},
      {"الحادي عشر من سبتمبر", "الحادي عشر=11 m ordinal"},
      {"الحادية عشرة", "الحادية عشرة=11 f ordinal"},
      {"الساعة الثانية عشرة", "الثانية عشرة=12 f ordinal"},
      {"التاسع عشر", "التاسع عشر=19 m ordinal"},
      {"في الخامس والعشرين من الشهر", "الخامس والعشرين=25 m ordinal"},
      {"القرن الحادي والعشرين", "الحادي والعشرين=21 m ordinal"},
      // A definite ten after a definite singular noun is an ordinal; after a plural, not.
      {"الذكرى العشرين", "العشرين=20 ordinal"},
      {"القرن الواحد والعشرين", "الواحد والعشرين=21 ordinal"},
      {"عيد ميلاده الستين", "الستين=60 ordinal"},
      {"الدورة الـ15", "الـ15=15 ordinal"},
      {"البطولة العربية ال 21", "ال 21=21 ordinal"},
      {"المعتقلين العشرين", "العشرين=20"},
      {"الأيام العشرين", "العشرين=20"},
      {"تجاوز عدد الضحايا الـ30 شخصا", "الـ30=30"},
      {"قتل الـ20", "الـ20=20"},
      // A modifier governs cardinals only.
      {"نحو الثالث", "الثالث=3 m ordinal"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, ApproximateQuantities) {
  const Row rows[] = {
      {"عشرات القتلى", "عشرات=20..90 approx"},
      {"مئات المتظاهرين", "مئات=200..900 approx"},
      {"آلاف اللاجئين", "آلاف=2000..9000 approx"},
      {"نزح الآلاف", "الآلاف=2000..9000 approx"},
      {"عشرات الآلاف", "عشرات الآلاف=20000..90000 approx"},
      {"مئات الآلاف", "مئات الآلاف=200000..900000 approx"},
      {"الملايين", "الملايين=2000000..9000000 approx"},
      {"عشرات الملايين", "عشرات الملايين=20000000..90000000 approx"},
      {"بضعة أيام", "بضعة=3..9 m approx"},
      {"بضع سنوات", "بضع=3..9 f approx"},
      {"عدة دول", "عدة=3..10 approx"},
      {"بضعة آلاف", "بضعة آلاف=3000..9000 approx"},
      {"بضع مئات", "بضع مئات=300..900 approx"},
      {"عدة ملايين", "عدة ملايين=3000000..10000000 approx"},
      {"لعدة", "لعدة=3..10 approx"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, Modifiers) {
  const Row rows[] = {
      {"نحو 3 آلاف", "نحو 3 آلاف=3000 approx"},
      {"قرابة مئة", "قرابة مئة=100 approx"},
      {"حوالي 50", "حوالي 50=50 approx"},
      {"حوالى 50", "حوالى 50=50 approx"},
      {"زهاء ألفي شخص", "زهاء ألفي=2000 approx"},
      {"ارتفع بنحو 10 ملايين", "بنحو 10 ملايين=10000000 approx"},
      {"ما يقارب الـ 250 ألف", "ما يقارب الـ 250 ألف=250000 approx"},
      // Bounds: the written figure is the bound, taken as inclusive; inf when open above.
      {"أكثر من 100 قتيل", "أكثر من 100=100..inf approx"},
      {"ما يزيد على مليون", "ما يزيد على مليون=1000000..inf approx"},
      {"ما لا يقل عن 20", "ما لا يقل عن 20=20..inf approx"},
      {"أقل من عشرة", "أقل من عشرة=0..10 m approx"},
      {"ما يصل إلى 500", "ما يصل إلى 500=0..500 approx"},
      {"أكثر من سبعة ملايين ونصف مليون", "أكثر من سبعة ملايين ونصف مليون=7500000..inf approx"},
      // After the number, or after its counted noun (then outside the span).
      {"قتل 10 على الأقل", "10 على الأقل=10..inf approx"},
      {"قتل 10 أشخاص على الأقل", "10=10..inf approx"},
      {"طفلة تبلغ ست سنوات تقريباً", "ست=6 f approx"},
      // Not before a number: no quantity.
      {"توجه نحو الحدود", ""},
      {"أكثر من مرة", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, DigitsAndMixedForms) {
  const Row rows[] = {
      {"71 جنديا", "71=71"},
      {"105 قتلى", "105=105"},
      {"٣ آلاف", "٣ آلاف=3000"},
      {"3 آلاف", "3 آلاف=3000"},
      {"10 ملايين", "10 ملايين=10000000"},
      {"20 ألف", "20 ألف=20000"},
      {"1.5 مليون", "1.5 مليون=1500000"},
      {"4.1 مليار", "4.1 مليار=4100000000"},
      {"2,5 مليار", "2,5 مليار=2500000000"},
      {"٢٫٥ مليار", "٢٫٥ مليار=2500000000"},
      {"1,250,000 لاجئ", "1,250,000=1250000"},
      {"1.250.000 لاجئ", "1.250.000=1250000"},
      {"30.000 متظاهر", "30.000=30000"},
      {"84.540 مليون ريال", "84.540 مليون=84540000"},
      {"مليار و200 مليون", "مليار و200 مليون=1200000000"},
      {"ألفين و500", "ألفين و500=2500"},
      {"53 مليونا و353 ألفا و130", "53 مليونا و353 ألفا و130=53353130"},
      {"ارتفع 10 في المائة", "10=10"},
      {"نسبة 5 بالمئة", "5=5"},
      {"50%", "50=50"},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, WordsThatAreNotQuantities) {
  const Row rows[] = {
      {"ثاني أكسيد الكربون", ""},
      {"أحد المسؤولين", ""},
      {"لم يصب أحد", ""},
      {"وأحد المصابين", ""},  // not واحد: the hamza is written
      {"يوم الأحد", ""},
      {"يوم الاثنين", ""},
      {"الأولى أن يعود", ""},
      {"كانون الثاني", ""},
      {"تشرين الأول", ""},
      {"كانون ثاني", ""},
      {"أول أمس", ""},
      {"الشيخ تميم بن حمد آل ثاني", ""},
      {"بعده", ""},
      {"وعده", ""},
      {"تقرير أولي", ""},
      {"لست أدري", ""},
      {"تهانينا وألف مبروك", ""},
      {"بعد ثانية", ""},
      {"ربع ساعة", ""},
      {"نصف الوقت", ""},
      {"صفر", ""},
      {"الساعة 23:50", ""},
      {"في 2020/11/10", ""},
      {"في 10.11.2020", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Print(r.text), r.expected) << r.text;
}

TEST_F(NumberTest, LongText) {
  const std::string text =
      "بغداد (رويترز) - قالت مصادر أمنية إن أكثر من 30 شخصا قتلوا وأصيب ثلاثة وخمسون آخرون "
      "في الهجوم الثاني من نوعه خلال أسبوع، فيما نزح عشرات الآلاف من السكان. وأضافت أن قرابة "
      "ثلاثة آلاف جندي انتشروا في المنطقة، وأن الحكومة خصصت 1.5 مليار دولار لإعادة الإعمار "
      "في الذكرى العشرين للحرب. وفي 2020/11/10 اعتقلت القوات بضعة مسلحين، بينهم اثنان من "
      "القادة، يوم الأحد.";
  EXPECT_EQ(Print(text),
            "أكثر من 30=30..inf approx | ثلاثة وخمسون=53 m | الثاني=2 m ordinal | "
            "عشرات الآلاف=20000..90000 approx | قرابة ثلاثة آلاف=3000 approx | "
            "1.5 مليار=1500000000 | العشرين=20 ordinal | بضعة=3..9 m approx | اثنان=2 m");
}

// A sentence read alone gives what the whole text gives in it: no quantity, phrase or digit
// chain runs across sentences (ثلاثة. آلاف is two sentences, not 3000).
TEST_F(NumberTest, SentenceByItselfAsInTheWholeText) {
  const std::string text =
      "قالت مصادر إن أكثر من 30 شخصا قتلوا. ثلاثة. آلاف الجنود انتشروا، وأصيب ثلاثة وخمسون. "
      "الأول والثاني عشر في 2020/11/10. وخصصت 1.5 مليار دولار. نحو. عشرين ألفا على الأقل.";
  const Analysis a = analyzer_->Analyze(text);
  ASSERT_GE(a.sentences.size(), 6u);
  std::vector<std::string> whole, by_sentence;
  for (const Quantity& q : reader_->Read(text, a)) {
    whole.push_back(std::string(q.span.In(text)) + "=" + q.ToString());
  }
  for (uint32_t s = 0; s < a.sentences.size(); ++s) {
    for (const Quantity& q : reader_->ReadSentence(text, a, s)) {
      EXPECT_GE(q.first_token, a.sentences[s].first_token);
      EXPECT_LE(q.end_token, a.sentences[s].end_token);
      by_sentence.push_back(std::string(q.span.In(text)) + "=" + q.ToString());
    }
  }
  EXPECT_EQ(by_sentence, whole);
  EXPECT_FALSE(whole.empty());
  EXPECT_TRUE(reader_->ReadSentence(text, a, static_cast<uint32_t>(a.sentences.size())).empty());
}

TEST_F(NumberTest, SpansAndTokensAgree) {
  const std::string text = "قتل نحو عشرين ألفا، وبضعة آلاف في الذكرى الـ20.";
  const Analysis a = analyzer_->Analyze(text);
  const std::vector<Quantity> quantities = reader_->Read(text, a);
  ASSERT_EQ(quantities.size(), 3u);
  for (const Quantity& q : quantities) {
    ASSERT_LT(q.first_token, q.end_token);
    ASSERT_LE(q.end_token, a.tokens.size());
    EXPECT_EQ(q.span.start, a.tokens[q.first_token].span.start) << q.ToString();
    EXPECT_EQ(q.span.end, a.tokens[q.end_token - 1].span.end) << q.ToString();
    EXPECT_EQ(q.value, q.low) << q.ToString();
  }
  EXPECT_EQ(quantities[0].span.In(text), "نحو عشرين ألفا");
  EXPECT_EQ(quantities[2].span.In(text), "الـ20");
  EXPECT_TRUE(std::isinf(Read("أكثر من 5").at(0).high));
}

TEST_F(NumberTest, EmptyAndUnloaded) {
  EXPECT_EQ(Print(""), "");
  EXPECT_EQ(Print("   "), "");
  EXPECT_EQ(Print("قال الوزير إن الوضع هادئ."), "");
  const NumberReader unloaded;
  EXPECT_TRUE(unloaded.Read("خمسة", analyzer_->Analyze("خمسة")).empty());
  Quantity q;
  q.low = q.high = q.value = 8;
  q.gender = "f";
  q.ordinal = true;
  EXPECT_EQ(q.ToString(), "8 f ordinal");
}

// Every row of data/text/numbers.tsv parses, and every word in it is read as the row says.
TEST_F(NumberTest, EveryDataRowParsesAndReads) {
  Result<std::string> tsv = ReadDataFile("text/numbers.tsv");
  ASSERT_TRUE(tsv.ok()) << tsv.status().ToString();
  Result<NumberTable> table =
      ParseNumberTable(analyzer_->normalizer(), *tsv, "data/text/numbers.tsv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->entries.size(), ParseTsv(*tsv).size());
  EXPECT_GT(table->entries.size(), 200u);

  std::vector<std::string> rows;
  for (const TsvRow& row : ParseTsv(*tsv)) rows.push_back(row.fields[0]);
  for (size_t i = 0; i < table->entries.size(); ++i) {
    const NumberEntry& e = table->entries[i];
    const std::string& form = rows[i];
    // What to read, and the value (or low end) and flags it must give.
    std::string text = form;
    double expected = e.value;
    bool ordinal = false;
    bool approximate = false;
    bool none = false;
    switch (e.kind) {
      case NumberKind::kUnit:
      case NumberKind::kTen:
      case NumberKind::kHundred:
      case NumberKind::kScale:
        break;
      case NumberKind::kScaleDual:
        expected = 2 * e.value;
        break;
      case NumberKind::kPlural:
      case NumberKind::kFew:
        expected = e.low;
        approximate = true;
        break;
      case NumberKind::kTeenUnit:
        text = form + " عشر";
        expected = e.value + 10;
        break;
      case NumberKind::kTeen:
        text = "ثلاث " + form;
        expected = 13;
        break;
      case NumberKind::kFraction:
        text = form + " مليون";
        expected = e.value * 1e6;
        break;
      case NumberKind::kOrdinal:
        ordinal = true;
        break;
      case NumberKind::kOrdinalTeenUnit:
        text = form + " عشر";
        expected = 11;
        ordinal = true;
        break;
      case NumberKind::kModifier:
        text = form + " 40";
        expected = e.bound == Bound::kLess || e.bound == Bound::kAtMost ? 0 : 40;
        approximate = true;
        break;
      case NumberKind::kModifierAfter:
        text = "40 " + form;
        expected = 40;
        approximate = true;
        break;
      case NumberKind::kPrefix:
        text = form + "خمسة";
        expected = 5;
        break;
      case NumberKind::kNotNumber:
        none = true;
        break;
      case NumberKind::kPluralSuffix:
        continue;
      case NumberKind::kPluralNoun:
        text = form + " العشرين";  // a cardinal, not "the twentieth"
        expected = 20;
        break;
    }
    const std::vector<Quantity> q = Read(text);
    if (none) {
      EXPECT_TRUE(q.empty()) << "line " << e.line << ": " << text;
      continue;
    }
    const std::string where = "line " + std::to_string(e.line) + ": " + text;
    ASSERT_EQ(q.size(), 1u) << where;
    EXPECT_EQ(q[0].value, expected) << where;
    EXPECT_EQ(q[0].ordinal, ordinal) << where;
    EXPECT_EQ(q[0].approximate, approximate) << where;
    if (e.kind == NumberKind::kPluralNoun) {
      EXPECT_EQ(q[0].span.start, form.size() + 1) << where;  // the noun is not part of it
    } else {
      EXPECT_EQ(q[0].span.start, 0u) << where;
      EXPECT_EQ(q[0].span.end, text.size()) << where;
    }
  }
}

TEST_F(NumberTest, MalformedRowsAreErrors) {
  const Row rows[] = {
      {"خمسة\tunit\t5\tm", "too few fields"},
      {"خمسة\tnumeral\t5\tm\t-", "unknown kind 'numeral'"},
      {"خمسة\tunit\tfive\tm\t-", "value 'five' is not a positive number"},
      {"خمسة\tunit\t5\tx\t-", "gender 'x' is not m, f or -"},
      {"عشرات\tplural\t10\t-\t90..20", "range '90..20' is not low..high"},
      {"خمسة\tunit\t5\tm\t3..9", "takes no range"},
      {"خمسة عشر\tunit\t15\tm\t-", "takes a single word"},
      {"نحو\tmodifier\tnear\t-\t-", "is not about|more|less|atleast|atmost"},
      {"و\tprefix\tandthen\t-\t-", "is not and|conj|prep|article"},
      {"ثاني أكسيد\tnot_number\t2\t-\t-", "takes no value"},
  };
  for (const Row& r : rows) {
    const std::string tsv = std::string("# a comment\n\n") + r.text + "\n";
    Result<NumberTable> t = ParseNumberTable(analyzer_->normalizer(), tsv, "numbers.tsv");
    ASSERT_FALSE(t.ok()) << r.text;
    EXPECT_EQ(t.status().code(), Status::Code::kInvalidInput);
    EXPECT_NE(t.status().message().find("numbers.tsv:3: "), std::string::npos)
        << t.status().message();
    if (std::string_view(r.expected) != "too few fields") {
      EXPECT_NE(t.status().message().find(r.expected), std::string::npos) << t.status().message();
    }
  }
}

}  // namespace
}  // namespace rasd::text
