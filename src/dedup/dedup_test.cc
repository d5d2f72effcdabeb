#include "dedup/dedup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dedup/test_analyzer.h"

namespace rasd::dedup {
namespace {

Signature SignText(std::string_view text) { return Sign(TheAnalyzer(), text); }

std::string ReadCorpus(const std::string& name) {
  std::ifstream in(std::filesystem::path(RASD_SOURCE_DIR) / "examples/corpus/txt" / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Paragraphs of the corpus's Lebanon ceasefire article, shortened.
constexpr const char* kP1 =
    "دخل اتفاق وقف إطلاق النار بين إسرائيل وحزب الله حيز التنفيذ عند الساعة الرابعة من فجر "
    "اليوم الأربعاء، بعد أكثر من عام من المواجهات التي تحولت خلال الشهرين الماضيين إلى حرب "
    "مفتوحة.";
constexpr const char* kP2 =
    "وينص الاتفاق على وقف الأعمال العدائية لمدة 60 يوما، تنسحب خلالها القوات الإسرائيلية "
    "تدريجيا من جنوب لبنان، وينتشر الجيش اللبناني في المناطق الواقعة جنوب نهر الليطاني.";
constexpr const char* kP3 =
    "وقال رئيس حكومة تصريف الأعمال اللبنانية نجيب ميقاتي إن الاتفاق خطوة أساسية نحو استعادة "
    "الهدوء والاستقرار في لبنان، داعيا إسرائيل إلى الالتزام الكامل به والانسحاب من كل الأراضي.";
constexpr const char* kP4 =
    "وشهدت الطرق المؤدية إلى الجنوب منذ ساعات الصباح الأولى زحمة سير خانقة مع بدء عودة آلاف "
    "النازحين إلى قراهم، رغم تحذيرات أطلقها الجيش الإسرائيلي من الاقتراب من بلدات حدودية.";

std::string Join(std::initializer_list<std::string_view> paragraphs) {
  std::string out;
  for (std::string_view p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

struct Row {
  const char* name;
  std::string copy;
  double low;   // similarity to the original at least
  double high;  // and at most
};

TEST(Similarity, CopiesOfOneArticle) {
  const std::string original = Join({kP1, kP2, kP3, kP4});
  const Row rows[] = {
      {"the same text", original, 1.0, 1.0},
      {"diacritics, Arabic-Indic digits, Arabic punctuation",
       Join({"دَخَلَ اتفاق وقف إطلاق النار بين إسرائيل وحزب الله حيّز التنفيذ عند الساعة الرابعة "
             "من فجر اليوم الأربعاء؛ بعد أكثر من عام من المواجهات التي تحولت خلال الشهرين "
             "الماضيين إلى حرب مفتوحة!",
             "وينص الاتفاق على وقف الأعمال العدائية لمدة ٦٠ يوما، تنسحب خلالها القوات الإسرائيلية "
             "تدريجيا من جنوب لبنان، وينتشر الجيش اللبناني في المناطق الواقعة جنوب نهر الليطاني.",
             kP3, kP4}),
       1.0, 1.0},
      {"hamza and ta marbuta spelled otherwise",
       Join({"دخل اتفاق وقف اطلاق النار بين اسرائيل وحزب الله حيز التنفيذ عند الساعه الرابعه من "
             "فجر اليوم الاربعاء، بعد اكثر من عام من المواجهات التي تحولت خلال الشهرين الماضيين "
             "الى حرب مفتوحه.",
             kP2, kP3, kP4}),
       1.0, 1.0},
      {"paragraphs reordered", Join({kP3, kP1, kP4, kP2}), 0.8, 0.99},
      {"last paragraph trimmed", Join({kP1, kP2, kP3}), 0.6, 0.9},
      {"boilerplate added",
       Join({kP1, kP2, kP3, kP4, "اقرأ أيضا: الجيش اللبناني يبدأ تعزيز انتشاره في الجنوب",
             "شارك هذا الخبر على فيسبوك وتويتر وواتساب"}),
       0.7, 0.95},
      {"trimmed, boilerplate added, dateline changed",
       Join({"بيروت (وكالات) -", kP1, kP2, kP3, "المصدر: وكالات"}), 0.5, 0.9},
  };
  const Signature a = SignText(original);
  for (const Row& row : rows) {
    const double j = Similarity(a, SignText(row.copy));
    EXPECT_GE(j, row.low) << row.name;
    EXPECT_LE(j, row.high) << row.name;
    EXPECT_GE(j, kNearCopy) << row.name;
  }
}

TEST(Similarity, DifferentArticlesAreNoCopies) {
  const std::string original = Join({kP1, kP2, kP3, kP4});
  const Row rows[] = {
      {"another story on the same war",
       "قالت وزارة الصحة اللبنانية إن غارة إسرائيلية على بلدة في جنوب لبنان أسفرت عن مقتل ثلاثة "
       "أشخاص، فيما أعلن حزب الله أنه استهدف موقعا عسكريا إسرائيليا قرب الحدود. وتأتي الغارة بعد "
       "يومين من دعوة فرنسية إلى وقف التصعيد.",
       0, 0.1},
      {"one paragraph in common",
       Join({kP4,
             "وأعلنت الأمم المتحدة أنها سترسل فريقا لتقييم "
             "الأضرار في القرى الحدودية خلال الأيام المقبلة، "
             "ودعت الأطراف إلى احترام القانون الدولي."}),
       0.1, 0.4},
      {"no words at all", "... !!! ؟؟", 0, 0},
  };
  const Signature a = SignText(original);
  for (const Row& row : rows) {
    const double j = Similarity(a, SignText(row.copy));
    EXPECT_GE(j, row.low) << row.name;
    EXPECT_LE(j, row.high) << row.name;
    EXPECT_LT(j, kNearCopy) << row.name;
  }
}

// The corpus's republished ceasefire story (new headline and dateline, last paragraph cut,
// page boilerplate added) against its original, and the corpus's other articles against
// each other: two on the Armenia-Azerbaijan border, two on Sudan, two on elections.
TEST(Similarity, SampleCorpus) {
  const Signature original = SignText(ReadCorpus("09_lebanon_ceasefire_takes_effect.txt"));
  const Signature copy = SignText(ReadCorpus("12_ceasefire_republished.txt"));
  EXPECT_GE(Similarity(original, copy), kNearCopy);
  EXPECT_LT(Similarity(original, copy), 1.0);

  const char* distinct[] = {
      "01_lavrov_mirzoyan_call.txt",           "02_azerbaijan_armenia_border_fire.txt",
      "03_turkish_strikes_duhok.txt",          "04_el_fasher_shelling.txt",
      "05_amman_embassy_protest.txt",          "06_algeria_election_dispute.txt",
      "07_eu_sanctions_package.txt",           "08_guterres_sudan_appeal.txt",
      "09_lebanon_ceasefire_takes_effect.txt", "10_tunis_pre_election_protest.txt",
      "11_armenia_azerbaijan_border_deal.txt"};
  std::vector<Signature> signatures;
  for (const char* name : distinct) signatures.push_back(SignText(ReadCorpus(name)));
  for (size_t i = 0; i < signatures.size(); ++i) {
    EXPECT_GT(signatures[i].shingles, 50u) << distinct[i];
    for (size_t j = i + 1; j < signatures.size(); ++j) {
      EXPECT_LT(Similarity(signatures[i], signatures[j]), 0.2) << distinct[i] << " " << distinct[j];
    }
  }
}

TEST(Index, FirstSeenIsTheOriginal) {
  const std::string original = Join({kP1, kP2, kP3, kP4});
  Index index;
  EXPECT_EQ(index.Check("a1", SignText(original)), std::nullopt);
  EXPECT_EQ(index.Check("b1", SignText("قالت وزارة الصحة إن غارة على بلدة في الجنوب أسفرت عن "
                                       "مقتل ثلاثة أشخاص وإصابة خمسة آخرين.")),
            std::nullopt);
  std::optional<Match> m = index.Check("a2", SignText(Join({kP1, kP2, kP3})));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original, "a1");
  EXPECT_FALSE(m->exact());
  // A copy of the copy still names the first article: copies are not indexed.
  m = index.Check("a3", SignText(Join({kP2, kP3, kP1})));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original, "a1");
  m = index.Check("a4", SignText(original));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->ToString(), "exact copy of a1");
  EXPECT_EQ(index.size(), 2u);
}

TEST(Index, MostSimilarOriginalWinsAndTiesGoToTheFirst) {
  Index index(0.3);
  const std::string left = Join({kP1, kP2});
  const std::string right = Join({kP3, kP4});
  index.Add("left", SignText(left));
  index.Add("right", SignText(right));
  index.Add("right-again", SignText(right));
  std::optional<Match> m = index.Find(SignText(Join({kP3, kP4, kP1})));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original, "right");
  m = index.Find(SignText(Join({kP1, kP2, kP3})));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original, "left");
  // Find does not index.
  EXPECT_EQ(index.size(), 3u);
}

TEST(Index, EmptyTextIsNeverACopy) {
  Index index;
  const Signature empty = SignText("،،، ... ؟");
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(index.Check("x", empty), std::nullopt);
  EXPECT_EQ(index.Check("y", empty), std::nullopt);
  EXPECT_EQ(index.size(), 0u);
}

TEST(Index, GrowsPastItsFirstTableAndStillFinds) {
  // Enough originals to grow the slot array several times; each is found again exactly.
  Index index;
  std::vector<Signature> signatures;
  for (int64_t i = 0; i < 400; ++i) {
    std::string t = "تقرير رقم " + std::to_string(i) + " عن " + std::to_string(i * 7919) +
                    " حادثة في المدينة " + std::to_string(i * 104729) + " والقرية " +
                    std::to_string(i * 15485863);
    signatures.push_back(SignText(t));
    ASSERT_EQ(index.Check("id" + std::to_string(i), signatures.back()), std::nullopt) << t;
  }
  for (size_t i = 0; i < 400; i += 37) {
    std::optional<Match> m = index.Find(signatures[i]);
    ASSERT_TRUE(m.has_value()) << i;
    EXPECT_EQ(m->original, "id" + std::to_string(i));
    EXPECT_TRUE(m->exact());
  }
  EXPECT_GT(index.MemoryBytes(), 400u * kHashes * 2);
}

TEST(Signature, BytesRoundTrip) {
  const Signature s = SignText(Join({kP1, kP2}));
  EXPECT_EQ(s.Bytes().size(), size_t{kHashes} * 2);
  Result<Signature> back = Signature::FromBytes(s.Bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->values, s.values);
  EXPECT_DOUBLE_EQ(Similarity(s, *back), 1.0);
  Result<Signature> bad = Signature::FromBytes("abc");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "invalid input: dedup signature of 3 bytes; 256 expected");
}

TEST(Signature, StableAcrossRuns) {
  // Signatures are stored: their values must never change for the same words. A change here
  // needs a new kScheme.
  const Signature s = SignText("زار وزير الخارجية الروسي سيرغي لافروف يريفان اليوم");
  EXPECT_EQ(s.shingles, 6u);
  EXPECT_EQ(s.ToString(), "shingles=6 values=2f07 6aa2 93c6 93c6");
  EXPECT_EQ(Signature{}.ToString(), "shingles=0 values=0000 0000 0000 0000");
}

}  // namespace
}  // namespace rasd::dedup
