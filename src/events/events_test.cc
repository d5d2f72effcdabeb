#include "events/events.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "ingest/ingest.h"

namespace rasd::events {
namespace {

class EventsTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    auto analyzer = text::Analyzer::Load();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = new text::Analyzer(std::move(analyzer).value());
    auto ner = ner::Recognizer::Load(*analyzer_);
    ASSERT_TRUE(ner.ok()) << ner.status().ToString();
    ner_ = new ner::Recognizer(std::move(ner).value());
    auto tagger = time::Tagger::Load(*analyzer_);
    ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
    tagger_ = new time::Tagger(std::move(tagger).value());
    auto coder = Coder::Load(*analyzer_);
    ASSERT_TRUE(coder.ok()) << coder.status().ToString();
    coder_ = new Coder(std::move(coder).value());
  }
  static void TearDownTestSuite() {
    delete coder_;
    delete tagger_;
    delete ner_;
    delete analyzer_;
  }

  static std::vector<Event> Code(const std::string& text, const std::string& published,
                                 const std::string& id = "test") {
    Article a;
    a.id = id;
    a.text = text;
    a.published = published;
    text::Analysis analysis = analyzer_->Analyze(a.text);
    std::vector<Mention> mentions = ner_->Recognize(a.text, analysis);
    std::vector<Timex> timexes = tagger_->Tag(a.text, analysis, a.published);
    return coder_->Code(a, analysis, mentions, timexes, *ner_);
  }

  // The country of an actor, or its code when it has none (IGOs: UNO, EUR), or "-".
  static std::string Side(const Actor& a) {
    if (!a.country.empty()) return a.country;
    if (!a.actor_code.empty()) return a.actor_code;
    return "-";
  }

  // "TYPE[/mode] SRC>TGT status[:CLAIMANT][ negated] when[ historical]", one per event.
  static std::string Print(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) {
      if (!out.empty()) out += " | ";
      out += EventTypeName(e.type);
      if (!e.mode.empty()) out += "/" + e.mode;
      out += " " + Side(e.source) + ">" + Side(e.target) + " " + EventStatusName(e.status);
      if (e.status == EventStatus::kClaimed || e.status == EventStatus::kDenied) {
        out += ":" + Side(e.claimant);
      }
      if (e.negated) out += " negated";
      out += " " + (e.when.value.empty() ? std::string("-") : e.when.value);
      if (e.when.historical) out += " historical";
    }
    return out;
  }

  static text::Analyzer* analyzer_;
  static ner::Recognizer* ner_;
  static time::Tagger* tagger_;
  static Coder* coder_;
};

text::Analyzer* EventsTest::analyzer_ = nullptr;
ner::Recognizer* EventsTest::ner_ = nullptr;
time::Tagger* EventsTest::tagger_ = nullptr;
Coder* EventsTest::coder_ = nullptr;

bool Symmetric(EventType t) {
  return t == EventType::kConsult || t == EventType::kAgree || t == EventType::kCooperate;
}

struct Row {
  const char* text;
  const char* expected;
};

constexpr char kPublished[] = "2024-03-01";

void Check(const std::vector<Row>& rows, std::string (*code)(const char*)) {
  for (const Row& r : rows) EXPECT_EQ(code(r.text), r.expected) << r.text;
}

std::string CodeAndPrint(const char* text) {
  return EventsTest::Print(EventsTest::Code(text, kPublished));
}

// Sentences written for these tests; published 2024-03-01 (a Friday) unless a row says.

TEST_F(EventsTest, Consult) {
  Check(
      {
          // Lavrov and Mirzoyan by phone: VSO with a support verb and مع.
          {"أجرى وزير الخارجية الروسي سيرغي لافروف اتصالا هاتفيا مع نظيره الأرميني أرارات "
           "ميرزويان.",
           "CONSULT/phone RUS>ARM occurred 2024-03-01"},
          {"بحث لافروف وميرزويان هاتفيا العلاقات الثنائية.",
           "CONSULT/phone RUS>ARM occurred 2024-03-01"},
          // VSO visit; a capital stands for its government.
          {"زار الرئيس الروسي فلاديمير بوتين باكو.", "CONSULT/visit RUS>AZE occurred 2024-03-01"},
          // SVO host.
          {"الرئيس المصري عبد الفتاح السيسي استقبل وزير الخارجية الإيراني عباس عراقجي في القاهرة.",
           "CONSULT/host EGY>IRN occurred 2024-03-01"},
          // Intended: a verb of intending carries the verbal noun.
          {"يعتزم وزير الخارجية الأمريكي زيارة أرمينيا.", "CONSULT/visit USA>ARM intended -"},
          // Two sides named only by a dual: no actors rather than a guess.
          {"ناقش الوزيران الوضع في المنطقة.", "CONSULT/meet ->- occurred 2024-03-01"},
          // Mediation by an adjective: بوساطة روسية.
          {"جرت المحادثات بين أرمينيا وأذربيجان بوساطة روسية.",
           "CONSULT/meet ARM>AZE occurred 2024-03-01 | CONSULT/mediate RUS>- occurred 2024-03-01"},
          // A long title with its own ل between مع and the name.
          {"تحدث وزير الدفاع الروسي هاتفيا مع رئيس الأركان العامة للقوات المسلحة المصرية محمود "
           "حجازي.",
           "CONSULT/phone RUS>EGY occurred 2024-03-01"},
          // A name set off by commas after its title.
          {"أجرى وزير الخارجية الأرميني محادثة هاتفية مع نائب وزيرة الخارجية الأمريكية للشؤون "
           "الأوروبية، جيمس أوبراين، يوم الأربعاء.",
           "CONSULT/phone ARM>USA occurred 2024-02-28"},
          // The verb is kept over the verbal noun before it, and the speaker is the "I".
          {"وقال بوتين: \"بعد زيارتي لأذربيجان سأتصل برئيس الوزراء الأرمني نيكول باشينيان\".",
           "CONSULT/phone RUS>ARM intended -"},
          // مع with a pronoun: the actor named last before the trigger other than its source.
          {"استقبل الرئيس العراقي وزير الخارجية التركي الذي وصل أمس، وبحث معه العلاقات الثنائية.",
           "CONSULT/host IRQ>TUR occurred 2024-02-29 | CONSULT/meet IRQ>TUR occurred 2024-02-29"},
          // A mediation is not the talks it sponsors.
          {"وفشلت جولات تفاوض سابقة في جدة برعاية سعودية.",
           "CONSULT/negotiate ->- occurred 2024-03-01 | CONSULT/mediate SAU>- occurred 2024-03-01"},
          // The words of a person's name are no cues: قالن in إبراهيم قالن is no "they said".
          {"استقبل الرئيس العراقي الوفد التركي الذي يضم إبراهيم قالن، وبحث معه العلاقات.",
           "CONSULT/host IRQ>TUR occurred 2024-03-01 | CONSULT/meet IRQ>TUR occurred 2024-03-01"},
      },
      CodeAndPrint);
}

TEST_F(EventsTest, Assault) {
  Check(
      {
          // VSO with a direct object.
          {"قصفت القوات الأرمنية مواقع الجيش الأذربيجاني في منطقة كلبجر.",
           "ASSAULT/shelling ARM>AZE occurred 2024-03-01"},
          // SVO with a support verb and على; mode from the adjective.
          {"الجيش الإسرائيلي شن غارات جوية على جنوب لبنان.",
           "ASSAULT/aerial ISR>LBN occurred 2024-03-01"},
          // Passive: no source; the drone gives the mode.
          {"قُتل ثلاثة جنود في هجوم بطائرة مسيرة.", "ASSAULT/drone ->MIL occurred 2024-03-01"},
          // Claimed: the attribution's subject is the claimant; SVO inside أن.
          {"أعلنت وزارة الدفاع الأذربيجانية أن القوات الأرمينية أطلقت النار على مواقع الجيش "
           "الأذربيجاني.",
           "ASSAULT/firearms ARM>AZE claimed:AZE 2024-03-01"},
          // Negated.
          {"لم تقصف القوات الروسية المدينة.", "ASSAULT/shelling RUS>- occurred negated 2024-03-01"},
          // Reciprocal fighting between two named sides.
          // "Both sides": the pair named before the clash.
          {"رحبت الأمم المتحدة بتوصل أرمينيا وأذربيجان إلى اتفاق، بعد اشتباكات خلفت قتلى من "
           "الجانبين.",
           "SUPPORT UNO>ARM occurred 2024-03-01 | AGREE ARM>AZE occurred 2024-03-01 | "
           "ASSAULT/clash ARM>AZE occurred 2024-03-01"},
          {"اندلعت اشتباكات عنيفة بين أرمينيا وأذربيجان.",
           "ASSAULT/clash ARM>AZE occurred 2024-03-01"},
          // Denied.
          // A present verb of force in running text is a habit or a generality, not an event;
          // with a time of its own it is going on.
          {"الميليشيات تقتل المدنيين وتخطفهم.", ""},
          {"تقصف القوات الروسية مدينة خاركيف منذ الصباح.",
           "ASSAULT/shelling RUS>UKR occurred 2024-03-01"},
          // A definite noun with no sides, casualties or date, and no event of its type told
          // before it, names an event known from elsewhere.
          {"وقال الوزير إن الهجوم كان متوقعا.", ""},
          {"قصفت القوات الروسية مدينة خاركيف. وأسفر القصف عن دمار كبير.",
           "ASSAULT/shelling RUS>UKR occurred 2024-03-01 | ASSAULT/shelling RUS>UKR occurred "
           "2024-03-01"},
          {"وقع الهجوم أمس في مدينة خاركيف.", "ASSAULT ->UKR occurred 2024-02-29"},
          // Forces named by a pronoun next to a claimed act are the claimant's; a short
          // quotation sets off a phrase, it does not cut the clause.
          {"ذكر حرس الحدود الأذربيجاني أن وحداته نفذت \"عملية انتقامية\".",
           "ASSAULT AZE>- claimed:AZE 2024-03-01"},
          // The date right after an attribution is the statement's; the event's own date
          // follows it.
          {"وحسب بيان وزارة الدفاع الأذربيجانية، الخميس، قصفت القوات الأرمنية القرية مساء "
           "الأربعاء.",
           "ASSAULT/shelling ARM>AZE claimed:AZE 2024-02-28"},
          // A date across a word of sequence belongs to the other event.
          {"زار الرئيس التركي موسكو اليوم، بعد زيارته إلى باكو يوم الأحد.",
           "CONSULT/visit TUR>RUS occurred 2024-03-01 | CONSULT/visit TUR>AZE occurred 2024-02-25"},
          // A possessive pronoun on the noun is its author: the last actor before it that
          // agrees with it (ها: a state).
          {"ويفرض الاتحاد الأوروبي عقوبات على روسيا منذ بدء هجومها على أوكرانيا في فبراير 2022.",
           "SANCTION EUR>RUS occurred 2022-02 historical | ASSAULT RUS>UKR occurred 2022-02 "
           "historical"},
          // Retaking control of a territory is an attack (CAMEO 192, occupy).
          {"منذ أن استعادت أذربيجان السيطرة على قره باغ في أيلول/سبتمبر 2023.",
           "ASSAULT/occupy AZE>- occurred 2023-09 historical"},
          // Blowing up, shooting down, strikes directed and fire opened with النيران; an attack
          // named after dead or wounded is their cause, reported.
          {"فجروا الطريق الرئيسي بين المدينتين.", "ASSAULT/explosives ->- occurred 2024-03-01"},
          {"أعلنت روسيا أنها أسقطت طائرتي تجسس جورجيتين.",
           "ASSAULT/aerial RUS>- claimed:RUS 2024-03-01"},
          {"وجهت القوات الأمريكية عدة ضربات جوية داخل الصومال.",
           "ASSAULT/aerial USA>- occurred 2024-03-01"},
          {"أصيب أربعة مدنيين إثر انفجار سيارة مفخخة في الموصل.",
           "ASSAULT/explosives ->IRQ occurred 2024-03-01"},
          // Forces kept in another country bear on it.
          {"أبقت إسرائيل قواتها في جنوب لبنان.", "MOBILIZE/troops ISR>LBN occurred 2024-03-01"},
          // Explosions of a bomb or a shell, abductions, beatings, shots and shells falling.
          {"انفجرت عبوة ناسفة في سوق بغداد.", "ASSAULT/explosives ->IRQ occurred 2024-03-01"},
          {"انفجر أنبوب غاز في المصنع.", ""},
          {"اختطف مسلحون مصورا فرنسيا في بوساسو.", "ASSAULT/abduct SOM>- occurred 2024-03-01"},
          // Unnamed gunmen and rebels as the subject: an armed group of where it happens, or
          // of no country.
          {"شن المتمردون هجوما على الموقع.", "ASSAULT REB>- occurred 2024-03-01"},
          // Police right after an active verb are its author, not its target.
          {"اعتدت الشرطة على المصلين بالضرب.", "ASSAULT/beat COP>- occurred 2024-03-01"},
          {"سقطت صواريخ على مدينة سديروت.", "ASSAULT/heavy-weapons ->ISR occurred 2024-03-01"},
          // A war is an attack; a trade war and war crimes are not.
          {"اندلعت الحرب بين الجيش وقوات الدعم السريع في 15 أبريل 2023.",
           "ASSAULT ->MIL occurred 2023-04-15 historical"},
          {"تصاعدت الحرب التجارية بين الصين والولايات المتحدة.", ""},
          {"اتهمت المحكمة القائد بارتكاب جرائم حرب.", "ACCUSE/allege ->- occurred 2024-03-01"},
          // An attack by a foreign side with no target named is on the country where it
          // happens.
          {"شن الجيش الإسرائيلي غارات في مدينة جنين.",
           "ASSAULT/aerial ISR>PSE occurred 2024-03-01"},
          // A headline (no stop) gives news in the present.
          {"الجيش يقصف مدينة خاركيف", "ASSAULT/shelling ->UKR occurred 2024-03-01"},
          {"نفت وزارة الدفاع الروسية أن تكون قواتها قصفت المدينة.",
           "REJECT/deny RUS>- occurred 2024-03-01 | ASSAULT/shelling RUS>- denied:RUS negated "
           "2024-03-01"},
      },
      CodeAndPrint);
}

// Casualties: "side killed[-max]/wounded[-max] group" for each record of the attack.
std::string CasualtiesOf(const char* text) {
  std::string out;
  for (const Event& e : EventsTest::Code(text, kPublished)) {
    for (const Casualties& c : e.casualties) {
      auto count = [](int64_t low, int64_t high) {
        if (low < 0) return std::string("-");
        return high > low ? std::to_string(low) + "-" + std::to_string(high) : std::to_string(low);
      };
      if (!out.empty()) out += " | ";
      out += (c.side.empty() ? "-" : c.side) + " " + count(c.killed, c.killed_max) + "/" +
             count(c.wounded, c.wounded_max) + (c.group.empty() ? "" : " " + c.group);
    }
  }
  return out;
}

TEST_F(EventsTest, Casualties) {
  Check(
      {
          // A ministry counting its own dead: the claimant's side.
          {"أعلنت وزارة الدفاع الأذربيجانية مقتل 71 جنديا من قواتها في الاشتباكات.",
           "AZEMIL 71/- soldiers"},
          // An approximate count keeps its range; a clash says nothing of the side.
          {"اندلعت اشتباكات مسلحة بين أرمينيا وأذربيجان، أسفرت عن سقوط عشرات القتلى وإصابة 14 "
           "آخرين.",
           "- 20-90/14"},
          // The side named after the group.
          {"قتل 3 جنود أرمن في قصف أذربيجاني على مواقعهم.", "ARMMIL 3/- soldiers"},
          // Count before the word, the attack's target as the side.
          {"قصفت القوات الروسية مدينة خاركيف، ما أدى إلى 5 قتلى و12 جريحا.", "UKR 5/12"},
          // The group between the count and the word, the side its nationality (a count, a
          // group and the verb); the group between the word and the count.
          {"قال النقيب إن ثلاثة جنود أتراك قتلوا في هجوم مسلح على دوريتهم.", "TURMIL 3/- soldiers"},
          {"أصيب أربعة مدنيين بجروح إثر انفجار سيارة مفخخة.", "- -/4 civilians"},
          {"سقطت قذائف هاون على مبان سكنية ما أدى إلى مقتل مدنيين اثنين.", "- 2/- civilians"},
          // No count, no record; a number that counts something else neither.
          {"أدان الوزير مقتل الصحفي.", ""},
          {"سقطت 3 صواريخ على المدينة دون إصابات.", ""},
      },
      CasualtiesOf);
}

TEST_F(EventsTest, Accuse) {
  Check(
      {
          // The accused is the source of the action it is accused of; the accuser claims it.
          // After a relative pronoun, a verb with an object pronoun has the antecedent as object.
          {"والراحل عبد العزيز الرنتيسي الذي اغتالته إسرائيل في 17 أبريل 2004.",
           "ASSAULT ISR>PSE occurred 2004-04-17 historical"},
          // An unnamed body right after the verb is its subject, of the dateline's country.
          {"تونس (رويترز) - وتتهم المعارضة قيس سعيد بإرساء حكم فردي.",
           "ACCUSE/allege TUN>TUN occurred 2024-03-01"},
          {"اتهمت روسيا أوكرانيا بقصف محطة الكهرباء.",
           "ACCUSE/allege RUS>UKR occurred 2024-03-01 | ASSAULT/shelling UKR>RUS claimed:RUS "
           "2024-03-01"},
          // Condemning an attack condemns its author.
          {"ندد الاتحاد الأوروبي بالهجوم الروسي على أوكرانيا.",
           "ACCUSE/disapprove EUR>RUS occurred 2024-03-01 | ASSAULT RUS>UKR occurred 2024-03-01"},
          {"أدانت وزارة الخارجية العراقية غارات جوية شنتها طائرات تركية.",
           "ACCUSE/disapprove IRQ>TUR occurred 2024-03-01 | ASSAULT/aerial TUR>- occurred "
           "2024-03-01"},
          // وصف is an accusation only with a hostile label.
          {"وصفت يريفان الهجوم الأذربيجاني بأنه عدوان.",
           "ACCUSE/disapprove ARM>AZE occurred 2024-03-01 | ASSAULT AZE>- occurred 2024-03-01"},
          // A meeting named, not reported: nothing predicates it and it names no actor; calling
          // it fruitful is praise.
          {"وصف الوزير الاجتماع بأنه مثمر.", "SUPPORT ->- occurred 2024-03-01"},
          // An attack in words: by a named politician, or qualified by an adjective of speech.
          {"شن نجيب ميقاتي هجوما عنيفا على حزب الله.",
           "ACCUSE/disapprove LBN>LBN occurred 2024-03-01"},
          {"شنت المعارضة هجوما لاذعا على الحكومة.", "ACCUSE/disapprove OPP>- occurred 2024-03-01"},
          // With a weapon, or the dead, it stays an assault.
          {"شن نجيب ميقاتي هجوما بالصواريخ على حزب الله.",
           "ASSAULT/heavy-weapons LBN>LBN occurred 2024-03-01"},
          {"شن مسلحون هجوما عنيفا على حاجز للشرطة وقتلوا ثلاثة شرطيين.",
           "ASSAULT UAF>COP occurred 2024-03-01"},
      },
      CodeAndPrint);
}

TEST_F(EventsTest, Agree) {
  Check(
      {
          // Symmetric: both coordinated subjects.
          {"اتفقت أذربيجان وأرمينيا على وقف إطلاق النار.",
           "AGREE/ceasefire AZE>ARM occurred 2024-03-01"},
          {"توصلت إسرائيل ولبنان إلى اتفاق لوقف إطلاق النار.",
           "AGREE/ceasefire ISR>LBN occurred 2024-03-01"},
          // Passive support verb: no source.
          {"تم التوصل إلى اتفاق لوقف إطلاق النار بوساطة روسية.",
           "AGREE/ceasefire ->- occurred 2024-03-01 | CONSULT/mediate RUS>- occurred 2024-03-01"},
          // A bare mention of a past agreement is not a new one.
          {"نص الاتفاق على تبادل الأسرى.", ""},
          // An agreement with no one named that ends talks is theirs.
          {"وعقد فيدان اجتماعا مع نظيره العراقي فؤاد حسين، خرج ببيان مشترك.",
           "CONSULT/meet TUR>IRQ occurred 2024-03-01 | AGREE TUR>IRQ occurred 2024-03-01"},
          // An agreement entering into force, its sides in the gap or in the subject.
          {"دخل اتفاق وقف إطلاق النار بين إسرائيل ولبنان حيز التنفيذ.",
           "AGREE/ceasefire ISR>LBN occurred 2024-03-01"},
          {"وقف إطلاق النار بين لبنان وإسرائيل يدخل حيز التنفيذ",
           "AGREE LBN>ISR occurred 2024-03-01"},
          // What an agreement provides for is to come.
          {"وينص الاتفاق على هدنة، تنسحب خلالها القوات الإسرائيلية من جنوب لبنان.",
           "RETREAT/withdraw ISR>- intended -"},
          // Background: the pluperfect and an earlier date.
          {"وكانت أرمينيا وأذربيجان قد اتفقتا على وقف إطلاق النار في 10 نوفمبر 2020.",
           "AGREE/ceasefire ARM>AZE occurred 2020-11-10 historical"},
      },
      CodeAndPrint);
}

TEST_F(EventsTest, Request) {
  Check(
      {
          {"دعت روسيا أرمينيا وأذربيجان إلى ضبط النفس.",
           "REQUEST/yield RUS>ARM occurred 2024-03-01"},
          {"طالبت جامعة الدول العربية مجلس الأمن بوقف العملية العسكرية.",
           "REQUEST/yield ARL>UNO occurred 2024-03-01"},
          // SVO, no addressee; the ceasefire asked for is not an agreement.
          {"الأمين العام للأمم المتحدة أنطونيو غوتيريش دعا إلى وقف إطلاق النار في السودان.",
           "REQUEST/yield UNO>- occurred 2024-03-01"},
          // A killing after a verb of result is the attack's before it.
          {"أدانت بغداد غارات شنتها طائرات تركية، وقالت إنها أسفرت عن مقتل مدنيين.",
           "ACCUSE/disapprove IRQ>TUR occurred 2024-03-01 | ASSAULT/aerial TUR>- occurred "
           "2024-03-01 | ASSAULT TUR>CVL claimed:- 2024-03-01"},
          // Both sides of a fight in a country are that country's actors.
          {"ودعا الاتحاد الأفريقي الطرفين إلى وقف القتال في مدينة الفاشر.",
           "REQUEST/yield AU>SDN occurred 2024-03-01"},
      },
      CodeAndPrint);
}

TEST_F(EventsTest, ProtestSanctionAndOthers) {
  Check(
      {
          {"تظاهر آلاف الأردنيين أمام السفارة الإسرائيلية في عمان.",
           "PROTEST/demo JOR>ISR occurred 2024-03-01"},
          {"نظم معارضون تونسيون مظاهرة ضد الرئيس قيس سعيد.",
           "PROTEST/demo TUN>TUN occurred 2024-03-01"},
          // Gathering and striking are protests only with protesters or a protest word.
          {"تجمع مئات المتظاهرين أمام السفارة الأمريكية في عمان.",
           "PROTEST/demo ->USA occurred 2024-03-01"},
          {"تجمع الوزراء في القاعة الكبرى.", ""},
          // A road blocked by activists, or after a protest is told, is a protest (CAMEO 144).
          {"وفي ديسمبر 2022، تم قطع الطريق من قبل نشطاء البيئة.",
           "PROTEST/block ->- occurred 2022-12 historical"},
          {"وفي ديسمبر 2022، تم قطع الطريق من قبل نشطاء البيئة الأذربيجانيين.",
           "PROTEST/block AZE>- occurred 2022-12 historical"},
          {"وبدأ عشرات السكان اعتصاما قرب القرية، وقطعوا الطريق المؤدي إلى جورجيا.",
           "PROTEST/demo ->- occurred 2024-03-01 | PROTEST/block ->- occurred 2024-03-01"},
          // Marching out as protesters, a human chain, protests erupting or escalating.
          {"خرج الآلاف متظاهرين في شوارع بيروت.", "PROTEST/demo ->- occurred 2024-03-01"},
          {"وشكل مئات المتظاهرين سلسلة بشرية على مشارف المطار.",
           "PROTEST/demo ->- occurred 2024-03-01"},
          {"وانفجرت عدة مظاهرات في مختلف أنحاء البلاد.", "PROTEST/demo ->- occurred 2024-03-01"},
          // A gathering in front of a building or in a square is a demonstration.
          {"تجمع مئات الأقباط أمام الكاتدرائية في القاهرة.",
           "PROTEST/demo ->- occurred 2024-03-01"},
          {"خرج الآلاف في مسيرات في مدينة الرباط.", "PROTEST/demo ->- occurred 2024-03-01"},
          // At an embassy: against the embassy's state, not the protesters' own.
          {"تظاهر آلاف الأردنيين في محيط السفارة الإسرائيلية في العاصمة عمان.",
           "PROTEST/demo JOR>ISR occurred 2024-03-01"},
          {"أضرب عمال الموانئ في تونس احتجاجا على الأجور.",
           "PROTEST/strike ->- occurred 2024-03-01"},
          {"خرج الآلاف في مسيرة احتجاجية في الرباط.", "PROTEST/demo ->- occurred 2024-03-01"},
          {"فرض الاتحاد الأوروبي عقوبات جديدة على روسيا.", "SANCTION EUR>RUS occurred 2024-03-01"},
          {"قطع السودان علاقاته الدبلوماسية مع الإمارات.",
           "SANCTION/discontinue SDN>ARE occurred 2024-03-01"},
          // Future: SVO with the proclitic س.
          {"الولايات المتحدة ستفرض عقوبات على إيران.", "SANCTION USA>IRN intended -"},
          {"هدد الرئيس الأمريكي روسيا بفرض عقوبات.",
           "THREATEN USA>RUS occurred 2024-03-01 | SANCTION USA>RUS intended -"},
          {"رحبت الأمم المتحدة بالاتفاق بين أرمينيا وأذربيجان.",
           "SUPPORT UNO>- occurred 2024-03-01"},
          {"رفضت إيران الاتهامات الأمريكية.", "REJECT IRN>USA occurred 2024-03-01"},
          // An arrest by a state's police with no one named is of its own people.
          {"اعتقلت الشرطة التركية رئيس بلدية إسطنبول.",
           "COERCE/arrest TUR>TUR occurred 2024-03-01"},
          // Unnamed police are the dateline country's; a siege bears on the place laid to.
          {"عمّان (رويترز) - أطلقت قوات الأمن الغاز المسيل للدموع لتفريق المتظاهرين.",
           "COERCE/repress JOR>JOR occurred 2024-03-01"},
          {"وحاصرت القوات الإسرائيلية مدينة جنين.", "COERCE/restrict ISR>PSE occurred 2024-03-01"},
          {"نشرت روسيا قوات إضافية على الحدود.", "MOBILIZE/troops RUS>- occurred 2024-03-01"},
          {"قدمت الإمارات مساعدات إنسانية إلى السودان.",
           "AID/humanitarian ARE>SDN occurred 2024-03-01"},
      },
      CodeAndPrint);
}

// Threats in the future tense are made now; deployments, military aid, restored relations
// and apologies.
TEST_F(EventsTest, ThreatsDeploymentsAidAndRelations) {
  Check(
      {
          // The future states the threat: occurred, not intended; the subject stands before
          // a quotation that opens on the verb.
          {"إيران سترد على إسرائيل.", "THREATEN IRN>ISR occurred 2024-03-01"},
          // Threats in set phrases.
          {"ولوّح رئيس الوزراء الأرميني بمراجعة عضوية بلاده في المنظمة.",
           "THREATEN ARM>- occurred 2024-03-01"},
          {"وقال المتحدث العسكري إن العدوان لن يمر دون رد.",
           "THREATEN/violence ->- claimed:- 2024-03-01"},
          {"وقال الوزير إن السودان يحتفظ بحقه في الرد بكل الوسائل.",
           "THREATEN/violence SDN>- claimed:- 2024-03-01"},
          // Praise and appreciation.
          {"وصفت يريفان الاتفاق بأنه خطوة تاريخية.", "SUPPORT ARM>- occurred 2024-03-01"},
          // Praise and blame in reported speech are the speaker's.
          {"وقال وزير الخارجية الصيني وانغ يي إن الاتفاق \"انتصار للحوار\".",
           "SUPPORT CHN>- occurred 2024-03-01"},
          {"وقالت زاخاروفا إن العقوبات غير شرعية.", "ACCUSE/disapprove RUS>- occurred 2024-03-01"},
          {"وأعرب الرئيس الجزائري عن تقديره لموقف تونس.", "SUPPORT DZA>- occurred 2024-03-01"},
          // A refusal stated in the future or the present negated is made now.
          {"وقال زيلينسكي إن أوكرانيا لن تعترف بأي اتفاق يتم دون مشاركتها.",
           "REJECT UKR>- occurred 2024-03-01"},
          {"وقالت الخارجية الإماراتية إن أبوظبي لا تعترف بالقرار.",
           "REJECT ARE>- occurred 2024-03-01"},
          // A threat with no target answers the last event between the threatener's state
          // and another.
          {"فرض الاتحاد الأوروبي عقوبات جديدة على روسيا. وقالت الخارجية الروسية إن موسكو سترد.",
           "SANCTION EUR>RUS occurred 2024-03-01 | THREATEN RUS>EUR occurred 2024-03-01"},
          // A threat a state's spokesman voices is the state's own act, not a claim.
          {"وأكدت الخارجية الروسية أن موسكو \"سترد بما يحفظ مصالحها\".",
           "THREATEN RUS>- occurred 2024-03-01"},
          // The past of the same verb replies, and ردا على responds: no threat.
          {"رد الوزير على أسئلة الصحفيين.", ""},
          // ... and the rocket attack it answers lends it no mode.
          {"قصفت إسرائيل مواقع في لبنان ردا على هجوم صاروخي.",
           "ASSAULT/shelling ISR>LBN occurred 2024-03-01"},
          {"توعدت كوريا الشمالية الولايات المتحدة برد حازم.",
           "THREATEN/violence PRK>USA occurred 2024-03-01"},
          {"انتشرت قوات الجيش اللبناني في جنوب لبنان.",
           "MOBILIZE/troops LBN>- occurred 2024-03-01"},
          {"زودت إيران جماعة الحوثي بالصواريخ.", "AID/military IRN>YEM occurred 2024-03-01"},
          {"استأنفت السعودية وإيران العلاقات الدبلوماسية.",
           "COOPERATE SAU>IRN occurred 2024-03-01"},
          {"اعتذر الرئيس الروسي لنظيره الأذربيجاني.", "CONCEDE RUS>AZE occurred 2024-03-01"},
          // A source asking not to be named makes no request; its report stays claimed.
          {"وقال مسؤول عراقي، طلب عدم الكشف عن اسمه، إن الغارات التركية استهدفت منازل.",
           "ASSAULT/aerial TUR>IRQ claimed:IRQ 2024-03-01"},
      },
      CodeAndPrint);
}

// An event named again by a definite noun with no side of its own is the one reported before.
TEST_F(EventsTest, EventsNamedAgain) {
  Check(
      {
          {"قصفت القوات الأذربيجانية مواقع أرمينية.\nوتواصل القصف حتى المساء.",
           "ASSAULT/shelling AZE>ARM occurred 2024-03-01 | ASSAULT/shelling AZE>ARM occurred "
           "2024-03-01"},
          {"شنت طائرات تركية غارات على قرى في دهوك.\nواستمرت الغارات ساعتين.",
           "ASSAULT/aerial TUR>IRQ occurred 2024-03-01 | ASSAULT/aerial TUR>IRQ occurred "
           "2024-03-01"},
          // The same kind of act first: the air strikes, not the rockets told between.
          {"شنت طائرات إسرائيلية غارات على جنوب لبنان، بعد إطلاق صواريخ من الأراضي اللبنانية "
           "باتجاه إسرائيل.\nواستمرت الغارات ساعتين.",
           "ASSAULT/aerial ISR>LBN occurred 2024-03-01 | ASSAULT/heavy-weapons ->ISR occurred "
           "2024-03-01 | ASSAULT/aerial ISR>LBN occurred 2024-03-01"},
          // A condemnation of an act named again condemns its author.
          {"شنت إسرائيل غارات جوية على مطار دمشق.\nوأدانت الخارجية الإيرانية الغارات.",
           "ASSAULT/aerial ISR>SYR occurred 2024-03-01 | ACCUSE/disapprove IRN>ISR occurred "
           "2024-03-01"},
          // Aggression carried out is an attack.
          {"نفذت إسرائيل عدوانا جويا على دمشق.", "ASSAULT ISR>SYR occurred 2024-03-01"},
          // Without the article it is another event, of unknown sides.
          {"قصفت القوات الأذربيجانية مواقع أرمينية.\nووقع قصف في منطقة أخرى.",
           "ASSAULT/shelling AZE>ARM occurred 2024-03-01 | ASSAULT/shelling ->- occurred "
           "2024-03-01"},
      },
      CodeAndPrint);
}

// Whose words: a circumstantial participle takes the subject of the sentence's main verb,
// not of an event inside it; a support verb in the first person is the speaker's.
TEST_F(EventsTest, ParticiplesAndFirstPersonSupport) {
  Check(
      {
          {"تظاهر آلاف الأردنيين أمام السفارة الأمريكية تنديدا بالقصف الإسرائيلي على غزة، "
           "مطالبين الحكومة بطرد السفير.",
           "PROTEST/demo JOR>USA occurred 2024-03-01 | ASSAULT/shelling ISR>PSE occurred "
           "2024-03-01 | REQUEST JOR>JOR occurred 2024-03-01"},
          // A ل inside the speaker's title governs nothing; the participle is the speaker's.
          {"وقال الأمين العام للجامعة أحمد أبو الغيط، داعيا المجتمع الدولي إلى التحرك.",
           "REQUEST ARL>INT occurred 2024-03-01"},
          // A verbal act reported by its own author is his act, not a claim.
          {"وقال وزير الخارجية الروسي سيرغي لافروف: \"أوجه نداء إلى أرمينيا\".",
           "REQUEST RUS>ARM occurred 2024-03-01"},
          // A verb joined by و with no subject shares the subject of the verb before it.
          {"اتهمت روسيا أوكرانيا بقصف المحطة ونفت ذلك.",
           "ACCUSE/allege RUS>UKR occurred 2024-03-01 | ASSAULT/shelling UKR>RUS claimed:RUS "
           "2024-03-01 | REJECT/deny RUS>- occurred 2024-03-01"},
          // A capital after a noun of speech is the government that speaks.
          {"ونفت وزارة الدفاع الأرمينية رواية باكو.", "REJECT/deny ARM>AZE occurred 2024-03-01"},
          // The condemned attack's author is the target of the condemnation, a date between.
          {"أدانت وزارة الخارجية العراقية، اليوم الجمعة 1 آذار/مارس 2024، غارات جوية شنتها "
           "طائرات تركية على قرى في دهوك.",
           "ACCUSE/disapprove IRQ>TUR occurred 2024-03-01 | ASSAULT/aerial TUR>IRQ occurred "
           "2024-03-01"},
      },
      CodeAndPrint);
}

// Constructions beyond plain VSO/SVO.
TEST_F(EventsTest, Constructions) {
  Check(
      {
          // After a relative pronoun the antecedent is the subject.
          {"حذر وزير الخارجية الروسي، الذي زار طاجيكستان، من التوغل العسكري.",
           "CONSULT/visit RUS>TJK occurred 2024-03-01"},
          // The pronoun on أنهما is the speakers.
          {"أعلنت أذربيجان وأرمينيا أنهما اتفقتا على النص النهائي لمعاهدة السلام.",
           "AGREE/settle AZE>ARM claimed:AZE 2024-03-01"},
          // Unnamed armed groups fighting in a country are its unidentified armed forces.
          {"شهدت العاصمة الليبية طرابلس اشتباكات عنيفة بين مجموعات مسلحة.",
           "ASSAULT/clash LBY>LBY occurred 2024-03-01"},
          // The agent after من قبل.
          {"وصفت يريفان ما يحدث بأنه تصرفات عدوانية من قبل باكو.",
           "ACCUSE/disapprove ARM>AZE occurred 2024-03-01"},
          // A participle of circumstance acts for the subject; إياها is the previous target.
          {"قطع السودان علاقاته الدبلوماسية مع الإمارات، متهما إياها بتسليح المتمردين.",
           "SANCTION/discontinue SDN>ARE occurred 2024-03-01 | ACCUSE/allege SDN>ARE occurred "
           "2024-03-01"},
          // A protest with no target is against its own country's authorities; a count before من.
          {"تظاهر عشرات الآلاف من المغاربة في الرباط.", "PROTEST/demo MAR>MAR occurred 2024-03-01"},
          // An unnamed object in a country stands for that country.
          {"دعا غوتيريش طرفي الحرب في السودان إلى وقف القتال.",
           "REQUEST/yield UNO>SDN occurred 2024-03-01"},
          // Pluperfect with a recent date is narration; without one it is background.
          {"وكان الرئيس الأمريكي جو بايدن قد أعلن أمس توصل لبنان وإسرائيل إلى اتفاق لوقف إطلاق "
           "النار.",
           "AGREE/ceasefire LBN>ISR claimed:USA 2024-02-29"},
          {"وكانت القوات الأذربيجانية قد قصفت المواقع الأرمنية.",
           "ASSAULT/shelling AZE>ARM occurred - historical"},
          {"استدعت وزارة الخارجية الإيرانية السفير البريطاني في طهران.",
           "ACCUSE IRN>GBR occurred 2024-03-01"},
          {"أفرجت السلطات الإيرانية عن صحفي فرنسي.", "RETREAT/release IRN>FRA occurred 2024-03-01"},
          // A city after a masculine verb is its object: the subject is the first verb's.
          {"علييف يتهم روسيا بإسقاط الطائرة ويطالب موسكو بالاعتراف.",
           "ACCUSE/allege AZE>RUS occurred 2024-03-01 | ASSAULT/aerial RUS>AZE claimed:AZE "
           "2024-03-01 "
           "| REQUEST AZE>RUS occurred 2024-03-01"},
          // The act a participle accuses of is done by the one accused (إياها), and claimed.
          {"أعلن السودان قطع العلاقات مع الإمارات، متهما إياها بتزويد قوات الدعم السريع بالسلاح.",
           "SANCTION/discontinue SDN>ARE claimed:SDN 2024-03-01 | ACCUSE/allege SDN>ARE occurred "
           "2024-03-01 | AID/military ARE>SDN claimed:SDN 2024-03-01"},
          // The genitive of a head whose rest comes after a gap is in the gap.
          {"اتهمت روسيا الولايات المتحدة بتزويد أوكرانيا بالأسلحة.",
           "ACCUSE/allege RUS>USA occurred 2024-03-01 | AID/military USA>UKR claimed:RUS "
           "2024-03-01"},
          // Unnamed police act where the story last took place.
          {"تظاهر عشرات الآلاف من الأرمن في يريفان. وانتشرت الشرطة بكثافة في محيط مقر الحكومة.",
           "PROTEST/demo ARM>ARM occurred 2024-03-01 | MOBILIZE/troops ARM>- occurred 2024-03-01"},
          // An attack by no one named on a place bears on its country.
          {"استهدفت هجمات بطائرات مسيرة مدينة بورتسودان.",
           "ASSAULT/drone ->SDN occurred 2024-03-01"},
          // An assault by protesters is a riot; they are of the place's country.
          {"اقتحم محتجون السفارة السعودية في طهران.", "PROTEST/riot IRN>SAU occurred 2024-03-01"},
          {"قطعت الرياض علاقاتها مع طهران إثر اقتحام محتجين السفارة السعودية في طهران.",
           "SANCTION/discontinue SAU>IRN occurred 2024-03-01 | PROTEST/riot IRN>SAU occurred "
           "2024-03-01"},
          // An unnamed government asked is that of the country of those who ask.
          {"تظاهر آلاف الأردنيين مطالبين الحكومة بطرد السفير الإسرائيلي.",
           "PROTEST/demo JOR>JOR occurred 2024-03-01 | REQUEST JOR>JOR occurred 2024-03-01 | "
           "SANCTION/expel ->ISR requested -"},
          // A place inside a quotation is no scene of a deed outside it; unnamed people
          // targeted are then of the dateline's country.
          {"عمان (رويترز) - ردد المشاركون هتافات تطالب بـ\"وقف العدوان على غزة\"، فيما أقامت قوات "
           "الدرك طوقا أمنيا منع المتظاهرين من الاقتراب من السفارة.",
           "REQUEST/yield JOR>- occurred 2024-03-01 | COERCE/restrict JOR>JOR occurred 2024-03-01"},
          // The other side of بين through a head noun that carries و, past a long first side.
          {"جرت مباحثات بين وفد سعودي برئاسة وزير الدولة عضو مجلس الوزراء مستشار الأمن الوطني "
           "مساعد بن محمد العيبان، ووفد إيراني برئاسة علي شمخاني.",
           "CONSULT/meet SAU>IRN occurred 2024-03-01"},
          // An actor after a noun of what a side holds is its genitive: the object's, no subject.
          {"قصفت الطائرات مواقع الحوثيين في صعدة.", "ASSAULT/shelling ->YEM occurred 2024-03-01"},
          // What "will go on" goes on: no intent; إلى جانب governs the target through جانب.
          {"وقال أردوغان إن تركيا ستواصل الوقوف إلى جانب الشعب السوري.",
           "SUPPORT TUR>SYR occurred 2024-03-01"},
          // A name whose first letters look like a preposition (براين) is no object.
          {"قال براين نيلسون إن العقوبات غير شرعية.",
           "ACCUSE/disapprove USA>- occurred 2024-03-01"},
          // Sanctions on unnamed firms are on the side the sentence ties them to.
          {"فرضت وزارة الخزانة الأمريكية عقوبات على شركات قالت إنها تمول جماعة الحوثي.",
           "SANCTION USA>YEM occurred 2024-03-01"},
          // A verb joined by و after a noun its verb carries shares that verb's subject; a
          // demand to stop an act named again by its head noun is made of the act's author.
          {"وتشن تركيا عمليات جوية ضد حزب العمال الكردستاني في إقليم كردستان العراق، وتقيم "
           "عشرات القواعد العسكرية هناك، فيما تطالب بغداد بوقف هذه العمليات.",
           "ASSAULT/aerial TUR>TUR occurred 2024-03-01 | MOBILIZE/troops TUR>IRQ occurred "
           "2024-03-01 | REQUEST/yield IRQ>TUR occurred 2024-03-01"},
          // An attack after في tells how its clause's deed was done, by the clause's subject;
          // not after a word whose في says what it is about.
          {"استعادت أذربيجان الإقليم بالكامل في هجوم خاطف.", "ASSAULT AZE>- occurred 2024-03-01"},
          // With no one asked, a demand bears on the side its act does; unnamed protesters
          // after the verb are its subject.
          {"وتطالب باكو أيضا بحل مجموعة مينسك.", "REQUEST AZE>OSCE occurred 2024-03-01"},
          // A death in an accident is no attack; the act a charge names is no report of it.
          {"قتل جندي في حادث سير قرب العاصمة.", ""},
          {"اعتقلت الشرطة ثلاثة أشخاص بتهمة الاعتداء على رجال الأمن.",
           "COERCE/arrest COP>CVL occurred 2024-03-01"},
          // A support verb joined by و with no subject of its own has the verb's before it.
          {"غير أن إسرائيل أبقت قواتها داخل الأراضي اللبنانية، وتواصل تنفيذ ضربات شبه يومية.",
           "MOBILIZE/troops ISR>- occurred 2024-03-01 | ASSAULT ISR>- occurred 2024-03-01"},
          // Talks with the dual pronoun are the pair named last before them, joined through a
          // title; an agreement they reached with one side named is theirs.
          {"وقالت الحكومة الأرمينية إن لجنتي ترسيم الحدود، برئاسة نائب رئيس الوزراء الأرميني مهير "
           "غريغوريان ونائب رئيس الوزراء الأذربيجاني شاهين مصطفاييف، توصلتا خلال اجتماعهما "
           "الثامن إلى اتفاق أولي على مقطع بين قرى تافوش ومنطقة قازاخ الأذربيجانية.",
           "CONSULT/meet ARM>AZE claimed:ARM 2024-03-01 | AGREE ARM>AZE claimed:ARM 2024-03-01"},
          // في inside a title governs no name; the package as the subject speaks for the
          // speaker before.
          {"وقال الممثل الأعلى للسياسة الخارجية والأمنية في الاتحاد جوزيب بوريل إن الحزمة "
           "الجديدة مهمة. وتشمل الحزمة إدراج 116 شخصا وكيانا جديدا على قائمة العقوبات.",
           "SANCTION EUR>- occurred 2024-03-01"},
          // The morrow of an attack is the day after it; listing as a terrorist body and being
          // subject to sanctions are sanctions.
          {"اندلعت المواجهات في الثامن من تشرين الأول/أكتوبر 2023، غداة هجوم حركة حماس على جنوب "
           "إسرائيل.",
           "ASSAULT/clash ->- occurred 2023-10-08 historical | ASSAULT PSE>ISR occurred 2023-10-07 "
           "historical"},
          {"وكانت واشنطن قد أعادت إدراج الحوثيين على قائمة الكيانات الإرهابية.",
           "SANCTION USA>YEM occurred - historical"},
          {"شبكة يديرها سعيد الجمل الخاضع أصلا لعقوبات أمريكية.",
           "SANCTION USA>- occurred 2024-03-01"},
          // A statement as the subject speaks for the speaker named before; a verb joined by و
          // after a demand is a deed of its own; what a told event came after is told too.
          {"وقال الأمين العام للجامعة أحمد أبو الغيط إن الوضع خطير. ودعا البيان الختامي الدول "
           "الأعضاء إلى دعم فلسطين، ورحب بالرأي الاستشاري لمحكمة العدل الدولية.",
           "REQUEST ARL>- occurred 2024-03-01 | SUPPORT ARL>ICJ occurred 2024-03-01"},
          {"غارات إسرائيلية على جنوب لبنان بعد إطلاق صواريخ باتجاه المطلة",
           "ASSAULT/aerial ISR>LBN occurred 2024-03-01 | ASSAULT/heavy-weapons ->ISR occurred "
           "2024-03-01"},
          // An accusative of purpose after a protest is the protesters'; a refusal of ties with
          // someone is aimed at them; slogans demand for those who raise them.
          {"الرباط - رصد. تظاهر عشرات الآلاف من المغاربة في الرباط تضامنا مع الفلسطينيين ورفضا "
           "للتطبيع مع إسرائيل، مرددين شعارات تطالب بإغلاق مكتب الاتصال الإسرائيلي.",
           "PROTEST/demo MAR>MAR occurred 2024-03-01 | REJECT MAR>ISR occurred 2024-03-01 | "
           "REQUEST "
           "MAR>ISR occurred 2024-03-01"},
          // A noun joined by و to one of its type shares its author; recalling an embassy is a
          // cut; what one denies doing is one's own deed denied.
          {"أعلن مجلس الأمن والدفاع في السودان قطع العلاقات مع الإمارات وسحب السفارة من أبوظبي.",
           "SANCTION/discontinue SDN>ARE occurred 2024-03-01 | SANCTION/discontinue SDN>ARE "
           "occurred "
           "2024-03-01"},
          {"وتنفي الإمارات باستمرار تقديم أي دعم عسكري لأي من طرفي الحرب.",
           "REJECT/deny ARE>- occurred 2024-03-01 | AID/military ARE>- denied:ARE negated "
           "2024-03-01"},
          // A verbal noun with a definite genitive names the act told before; a flagrant
          // violation said of it is a charge against its author; no argument past a verb of
          // saying; باسمها in a title governs nothing.
          {"أعلنت وزارة الدفاع السورية أن إسرائيل شنت غارات جوية على مطار دمشق. وأدانت الخارجية "
           "الإيرانية الغارات، وقال المتحدث باسمها ناصر كنعاني إن استهداف البنى التحتية المدنية "
           "في سوريا انتهاك صارخ للقانون الدولي.",
           "ASSAULT/aerial ISR>SYR claimed:SYR 2024-03-01 | ACCUSE/disapprove IRN>ISR occurred "
           "2024-03-01 | ASSAULT ISR>SYR claimed:IRN 2024-03-01 | ACCUSE/disapprove IRN>ISR "
           "occurred "
           "2024-03-01"},
          // The noun's own support verb in a relative clause after it: its subject and target.
          {"أدانت مصر الغارات التي شنتها إسرائيل على لبنان أمس.",
           "ACCUSE/disapprove EGY>ISR occurred 2024-02-29 | ASSAULT/aerial ISR>LBN occurred "
           "2024-02-29"},
          // Quotation marks inside a phrase are no word of it; what is feared is no event.
          {"وقال المتحدث إن الرئيس المصري شدد على \"ضرورة التوصل إلى وقف فوري لإطلاق النار\".",
           "REQUEST/yield EGY>- claimed:- 2024-03-01"},
          {"زار عراقجي القاهرة، وسط مخاوف متزايدة من انزلاق المنطقة إلى حرب إقليمية شاملة.",
           "CONSULT/visit IRN>EGY occurred 2024-03-01"},
          // A participle after what a named speaker says is the speaker's; "what happened", so
          // described, is the deed told before it; a firm response to come is a threat.
          {"وقالت وزارة الدفاع الأرمينية إن \"القوات الأذربيجانية فتحت النار على موقع قتالي\"، "
           "واصفة ما جرى بأنه \"استفزاز متعمد\".",
           "ASSAULT/firearms AZE>ARM claimed:ARM 2024-03-01 | ACCUSE/disapprove ARM>AZE occurred "
           "2024-03-01"},
          {"وأكد حرس الحدود الأذربيجاني أن أي استفزاز سيقابل برد حازم.",
           "THREATEN AZE>- occurred 2024-03-01"},
          // Tear gas used; closures by unnamed authorities at home bear on the state's people;
          // a government's threat after a protest by the opposition is aimed at it.
          {"إسطنبول - رصد. تظاهر آلاف من أنصار المعارضة التركية أمام مبنى البلدية. واستخدمت "
           "الشرطة الغاز المسيل للدموع لتفريق محتجين، فيما أغلقت السلطات عددا من محطات المترو. "
           "وقال أردوغان إن حكومته لن تسمح بالإخلال بالنظام العام.",
           "PROTEST/demo TUR>TUR occurred 2024-03-01 | COERCE/repress TUR>TUR occurred 2024-03-01 "
           "| "
           "COERCE/restrict TUR>TUR occurred 2024-03-01 | THREATEN TUR>TUR occurred 2024-03-01"},
          // What follows دون أن is not done; a place told before a word of sequence or منذ is
          // no scene of the deed after it.
          {"رحبت قوات الدعم السريع بالمبادرة، من دون أن تعلن التزامها بهدنة.",
           "SUPPORT SDN>- occurred 2024-03-01 | AGREE/ceasefire ->- occurred negated 2024-03-01"},
          {"وفشلت جولات تفاوض استضافتها مدينة جدة، منذ اندلاع الحرب في نيسان/أبريل.",
           "CONSULT/negotiate ->- occurred 2023-04 historical | ASSAULT ->- occurred 2023-04 "
           "historical"},
          // A charge against an act named as the subject of what is said is against its
          // author; what sanctions target is no attack; a threat answers what was done to its
          // author's state.
          {"أقر الاتحاد الأوروبي عقوبات على روسيا بسبب حربها على أوكرانيا، وتستهدف قطاع الغاز. "
           "وقالت زاخاروفا إن العقوبات \"غير شرعية\"، مؤكدة أن موسكو سترد.",
           "SANCTION EUR>RUS occurred 2024-03-01 | ASSAULT RUS>UKR occurred 2024-03-01 | "
           "ACCUSE/disapprove RUS>EUR occurred 2024-03-01 | THREATEN RUS>EUR occurred 2024-03-01"},
          // The owner of the weapon named after a killing is its author.
          {"قُتل أكثر من 600 فلسطيني برصاص القوات الإسرائيلية، بحسب وزارة الصحة الفلسطينية.",
           "ASSAULT/firearms ISR>PSE claimed:PSE 2024-03-01"},
          // A crowd counted before a demand is the people of where it happens.
          {"عشرات الآلاف في يريفان يطالبون باستقالة باشينيان",
           "REQUEST/change ARM>ARM occurred 2024-03-01"},
          // Roads blocked by people arrested for it are a protest, of the place's people.
          {"يريفان - رصد. أعلنت وزارة الداخلية الأرمنية توقيف عشرات الأشخاص بعدما حاولوا قطع "
           "طرق رئيسية.",
           "COERCE/arrest ARM>ARM claimed:ARM 2024-03-01 | PROTEST/block ARM>ARM claimed:ARM "
           "2024-03-01"},
          // A verb after قبل أن is told in sequence, by the subject before it: no wish, and
          // no content of the demand before it.
          {"أمهل الرئيس الأمريكي إيران أسبوعا، قبل أن يدعو الحلفاء إلى الاجتماع.",
           "REQUEST USA>IRN occurred 2024-03-01 | REQUEST USA>- occurred 2024-03-01"},
          // A feminine verb does not go on with a man's deed.
          {"اتهم الرئيس الأمريكي إيران بدعم الحوثيين، بعد أن هاجمت سفينة في البحر الأحمر.",
           "ACCUSE/allege USA>IRN occurred 2024-03-01 | ASSAULT ->- occurred 2024-03-01"},
          // A participle of saying inside a sentence is said by its subject, not by the
          // speaker of the sentence before.
          {"وقال علييف إن الطائرة أسقطت. وقدم بوتين اعتذاره، مشيرا إلى أن الدفاعات الجوية كانت "
           "تتصدى حينها لهجوم بطائرات مسيّرة أوكرانية على غروزني.",
           "CONCEDE RUS>- occurred 2024-03-01 | ASSAULT/drone UKR>RUS claimed:- 2024-03-01"},
          // A deployment amid which a deed is done is told; with no one named it is the state's.
          {"تونس - رصد. ورفع المحتجون لافتات، وسط انتشار أمني كثيف في محيط وزارة الداخلية.",
           "MOBILIZE/police TUN>- occurred 2024-03-01"},
          // A student is no demand; a war on corruption no fighting.
          {"وقال أحد المشاركين، وهو طالب جامعي، إن الانتخابات لن تكون حرة.", ""},
          {"يقول الرئيس إنه يخوض \"حرب تحرير وطني\" ضد الفساد.", ""},
          // Talks after خلال are the clause subject's; an apology made in them is to the other
          // side.
          {"قدم بوتين أمس خلال اتصال هاتفي مع علييف اعتذاره عن الحادث.",
           "CONSULT/phone RUS>AZE occurred 2024-02-29 | CONCEDE RUS>AZE occurred 2024-02-29"},
          // The nationality of the weapon is the author of the attack.
          {"وقدم بوتين اعتذاره، مشيرا إلى أن الدفاعات الجوية كانت تتصدى حينها لهجوم بطائرات "
           "مسيّرة أوكرانية على غروزني.",
           "CONCEDE RUS>- occurred 2024-03-01 | ASSAULT/drone UKR>RUS claimed:- 2024-03-01"},
          // A participle takes its main verb's date.
          {"اتهم علييف اليوم روسيا بإصابة الطائرة التي تحطمت يوم الأربعاء، مطالبا موسكو "
           "بالاعتراف.",
           "ACCUSE/allege AZE>RUS occurred 2024-03-01 | ASSAULT RUS>AZE claimed:AZE 2024-03-01 | "
           "REQUEST AZE>RUS occurred 2024-03-01"},
          {"وطالب المتظاهرون بانسحاب القوات الروسية.",
           "REQUEST/yield CVL>RUS occurred 2024-03-01 | RETREAT/withdraw RUS>- requested -"},
          {"وجدت قوات الأمن التركية نفسها في وضع حرج في التحقيق في اغتيال الصحافي.", ""},
      },
      CodeAndPrint);
}

TEST_F(EventsTest, StatementsAreNotEvents) {
  Check(
      {
          {"قال المتحدث باسم الخارجية الروسية إن الوضع هادئ.", ""},
          {"وأكد الوزير أن الحوار مهم للغاية.", ""},
      },
      CodeAndPrint);
}

// A verbal noun that only names an event known from elsewhere reports nothing; the same noun
// at the head of a headline, announced, or as the subject of a verb of happening reports one.
TEST_F(EventsTest, NamedEventsAreNotReports) {
  Check(
      {
          {"تمر اليوم الذكرى الأولى لاغتيال الصحفي في بيروت.", ""},
          {"وقال الضابط إن التحقيق في التفجير ما زال مستمرا.", ""},
          {"وأعرب الأمين العام عن انزعاجه الشديد لهذا الهجوم.", ""},
          {"مقتل خمسة جنود عراقيين في هجوم على دورية.", "ASSAULT ->IRQ occurred 2024-03-01"},
          {"أعلنت وزارة الدفاع مقتل خمسة جنود.", "ASSAULT ->MIL claimed:- 2024-03-01"},
          {"وقع الهجوم على دورية للجيش الباكستاني قرب بيشاور.",
           "ASSAULT ->PAK occurred 2024-03-01"},
          // A verb of saying announces its object, not a noun a preposition governs further on.
          {"أكد القاضي المكلف بالتحقيق في جريمة اغتيال رئيس الوزراء إحراز تقدم.", ""},
          // A verb form after a preposition or a case noun is the verbal noun.
          {"ووجه القاضي تهم قتل إلى المتهمين.", "ACCUSE/allege ->- occurred 2024-03-01"},
          // A subjunctive after أن is wanted or feared, not done.
          {"لا أحد يقبل أن يفجر نفسه في سوق.", "ASSAULT/suicide-attack ->- intended -"},
          {"وقال إنه لا يقبل أن يقتل الأبرياء.", "ASSAULT ->- intended -"},
          // A noun followed by a word of possibility is its subject: intended.
          {"وقال المصدر إن ضربات جوية يمكن أن تستهدف المطارات العسكرية.",
           "ASSAULT/aerial ->- intended - | ASSAULT ->- intended -"},
          // Unnamed people of one sector after the trigger are the target, with the country
          // where it happens.
          // With no place, a ministry announcing dead soldiers speaks of its own.
          {"أعلنت وزارة الدفاع الأذربيجانية مقتل 71 جنديا من قواتها.",
           "ASSAULT ->AZE claimed:AZE 2024-03-01"},
          {"قتل ثلاثة مدنيين في قصف على قرية قرب حلب.",
           "ASSAULT/shelling ->SYR occurred 2024-03-01"},
          // A present verb in a relative clause describes, it does not report.
          {"وانتقد الرئيس المتظاهرين الذين يحتجون على القرار.",
           "ACCUSE/disapprove ->- occurred 2024-03-01"},
          // A tally of attacks is no report of one.
          {"شهدت أفغانستان 140 هجوما انتحاريا في العام الماضي.", ""},
          // A relative clause after a named incident describes it.
          {"وقال المتحدث إن الانفجار الذي استهدف الجيش وقع بعد ساعات من التحذير.", ""},
          // A question or a condition reports nothing; a possibility is at most intended.
          {"هل قصفت القوات الروسية المدينة؟", ""},
          // The need for an event is no report of it; stressing the need is an appeal for it.
          {"وشدد الوزير على ضرورة التوصل إلى وقف لإطلاق النار في غزة.",
           "REQUEST/yield ->- occurred 2024-03-01 | AGREE/ceasefire ->- requested -"},
          // The attack is a condition, no report; the answer it threatens is a threat made.
          {"وقال إن بلاده سترد بحزم إذا هاجمتها القوات الروسية.",
           "THREATEN ->- claimed:- 2024-03-01"},
          // A quotation going on: a first-person verb is the speaker's.
          {"وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن الاتفاق مهم.\n"
           "نرحب بهذا الاتفاق ونأمل أن يصمد.",
           "SUPPORT UNO>- occurred 2024-03-01"},
          // The speaker goes on in the next sentence (وأضاف), and "his meeting" is his.
          {"وقال الرئيس الروسي فلاديمير بوتين إن العلاقات بين البلدين جيدة.\n"
           "وأضاف خلال لقائه مع نظيره الأذربيجاني إلهام علييف أن التعاون سيستمر.",
           "CONSULT/meet RUS>AZE claimed:RUS 2024-03-01"},
          {"وقال إنه لا يمكن شن مثل هذا الهجوم دون دعم أمريكي.", "ASSAULT ->- intended -"},
      },
      CodeAndPrint);
}

// An event a sentence names as the matter of another (condemned, the cause of an arrest) or in
// a relative clause about someone is kept, marked referenced; the sentence's own deeds are not.
TEST_F(EventsTest, ReferencedEventsAreKeptAndMarked) {
  struct Case {
    const char* text;
    const char* trigger;
    bool referenced;
  };
  const Case cases[] = {
      {"أدانت الولايات المتحدة الهجوم الذي شنه مسلحون على مركز للشرطة في بغداد.", "أدانت", false},
      {"أدانت الولايات المتحدة الهجوم الذي شنه مسلحون على مركز للشرطة في بغداد.", "الهجوم", true},
      {"واعتقلت الشرطة العراقية ثلاثة رجال بعد اغتيال ضابط في البصرة.", "واعتقلت", false},
      {"واعتقلت الشرطة العراقية ثلاثة رجال بعد اغتيال ضابط في البصرة.", "اغتيال", true},
      {"وكان الرنتيسي الذي اغتالته إسرائيل عام 2004 قد قاد الحركة.", "اغتالته", true},
      // Coordinated deeds are each reported; a support verb before its noun makes it a deed.
      {"وحاصرت القوات الإسرائيلية المدينة وأطلقت النار على المتظاهرين.", "وأطلقت النار", false},
      {"وشنت الطائرات الإسرائيلية غارات على مواقع في غزة.", "غارات", false},
      // A participle of circumstance is a deed of its own.
      {"وقال الوزير إن الاتفاق مهم، داعيا الجانبين إلى الحوار.", "داعيا", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    bool found = false;
    for (const Event& e : Code(c.text, kPublished)) {
      if (e.trigger_text != c.trigger) continue;
      found = true;
      EXPECT_EQ(e.referenced, c.referenced) << e.ToString();
    }
    EXPECT_TRUE(found) << c.trigger << " not coded";
  }
}

// A deed a verb tells done keeps its status beside an act of its type feared or planned in its
// clause: the two are not merged into one intended event.
TEST_F(EventsTest, ADeedIsNotMergedWithTheOneFearedBesideIt) {
  for (const char* text : {"وقصف الجيش المدينة تحسبا لهجوم على القرى.",
                           "وقال الوزير إن الجيش قصف المدينة، خشية هجوم على القرى."}) {
    SCOPED_TRACE(text);
    bool found = false;
    for (const Event& e : Code(text, kPublished)) {
      if (e.type != EventType::kAssault || e.mode != "shelling") continue;
      found = true;
      EXPECT_NE(e.status, EventStatus::kIntended) << e.ToString();
    }
    EXPECT_TRUE(found);
  }
}

TEST_F(EventsTest, WhenUnknownPublicationDate) {
  // No publication date: a past report without a date in its sentence has no date.
  std::vector<Event> ev = Code("زار الرئيس الروسي فلاديمير بوتين باكو.", "");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].when.value, "");
  ev = Code("زار الرئيس الروسي فلاديمير بوتين باكو في 16 أغسطس 2023.", "");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].when.value, "2023-08-16");
  EXPECT_EQ(ev[0].when.granularity, Granularity::kDay);
}

TEST_F(EventsTest, FieldsIdsAndGloss) {
  std::string text =
      "أجرى وزير الخارجية الروسي سيرغي لافروف اتصالا هاتفيا مع نظيره الأرميني "
      "أرارات ميرزويان اليوم.";
  std::vector<Event> ev = Code(text, "2023-08-16", "abc");
  ASSERT_EQ(ev.size(), 1u);
  const Event& e = ev[0];
  EXPECT_EQ(e.article, "abc");
  EXPECT_EQ(e.cameo, "041");
  EXPECT_EQ(e.source.actor_code, "RUSGOV");
  EXPECT_EQ(e.target.actor_code, "ARMGOV");
  EXPECT_EQ(e.when.value, "2023-08-16");
  EXPECT_EQ(e.evidence.text, text);
  EXPECT_EQ(e.evidence.span.start, 0u);
  EXPECT_EQ(e.trigger.In(text), e.trigger_text);
  EXPECT_EQ(e.id, Hash128Hex("abc:" + std::to_string(e.trigger.start) + ":CONSULT"));
  EXPECT_GT(e.confidence, 0.7);
  EXPECT_EQ(Gloss(e), e.source.name_en + " (RUSGOV) consulted " + e.target.name_en +
                          " (ARMGOV) by phone, 2023-08-16");
}

// Confidence weighs what the sentence gives: a report that leads with the event and its
// particulars is surer than the same act named late in a long sentence about something else,
// or a bare verbal noun; from kReportedConfidence on an event counts as reported.
TEST_F(EventsTest, ConfidenceWeighsTheEvidence) {
  auto confidence = [&](const std::string& text) {
    std::vector<Event> ev = Code(text, kPublished);
    double best = 0;
    for (const Event& e : ev) {
      if (e.type == EventType::kAssault) best = std::max(best, e.confidence);
    }
    return best;
  };
  const double lead = confidence("قتل خمسة جنود في هجوم بسيارة مفخخة في بغداد أمس.");
  const double particulars = confidence("وقع هجوم أمس.");
  const double first = confidence("قصفت الطائرات القرية.");
  const double late = confidence(
      "وتحدث الوزير مطولا عن الإصلاحات الاقتصادية والانتخابات المقبلة والعلاقات مع دول الجوار "
      "ومستقبل التعاون في الطاقة والتجارة، بعد أن قصفت الطائرات القرية.");
  EXPECT_GE(lead, kReportedConfidence);
  EXPECT_GT(lead, particulars);
  EXPECT_GT(late, 0);  // still an event, stored
  EXPECT_LT(late, kReportedConfidence);
  EXPECT_GT(first, late);
  // Counted dead raise it: the same sentence without the count is less sure.
  EXPECT_GT(lead, confidence("قتل جنود في هجوم بسيارة مفخخة في بغداد أمس."));
}

// Odd input never breaks the coder: no text, no sentences, no Arabic, punctuation only,
// mentions from another analysis.
TEST_F(EventsTest, OddInputIsHarmless) {
  for (const char* text :
       {"", " ", ".", "،،،", "hello world.", "قصف", "قصف قصف قصف قصف", "\"\"\"", "اتفاق"}) {
    EXPECT_NO_FATAL_FAILURE(Code(text, "not a date"));
  }
  Article a;
  a.text = "قصفت القوات الأرمنية القرية.";
  text::Analysis analysis = analyzer_->Analyze(a.text);
  std::vector<Mention> stray(1);
  stray[0].first_token = 1000;
  stray[0].end_token = 1002;
  EXPECT_EQ(coder_->Code(a, analysis, stray, {}, *ner_).size(), 1u);
  EXPECT_TRUE(coder_->Code(a, text::Analysis{}, {}, {}, *ner_).empty());
  EXPECT_TRUE(Coder().Code(a, analysis, {}, {}, *ner_).empty());
}

// A malformed row fails Load with the file and line (read through RASD_DATA_DIR).
TEST_F(EventsTest, BadRowNamesFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("rasd_events_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "lexicon");
  fs::copy_file(std::string(RASD_SOURCE_DIR) + "/data/lexicon/event_cues.tsv",
                dir / "lexicon/event_cues.tsv", fs::copy_options::overwrite_existing);
  const char* bad_rows[] = {
      "lemma\tpos\tforms\trest\ttype\tmode\tcameo\targs\tflags\n"
      "قصف\tverb\tقصف|يقصف\t\tASSAULT\tshelling\t194\tobj\tvn\n"
      "هجوم\tnoun\tهجوم\t\tATTACK\t\t190\n",
      "# Format: x\nقصف\tverb\tقصف\t\tASSAULT\tshelling\t194\n",
      "# Format: x\nقصف\tverb\tقصف|يقصف\t\tASSAULT\tshelling\t19x\n",
      "# Format: x\nقصف\tverb\tقصف|يقصف\t\tASSAULT\tshelling\t194\tobj\tloud\n",
  };
  const char* expected[] = {"triggers.tsv:3: unknown PLOVER type 'ATTACK'",
                            "triggers.tsv:2: a verb needs PAST|PRESENT",
                            "triggers.tsv:2: CAMEO code '19x'", "triggers.tsv:2: unknown flag"};
  for (size_t i = 0; i < std::size(bad_rows); ++i) {
    std::ofstream(dir / "lexicon/triggers.tsv") << bad_rows[i];
    ::setenv("RASD_DATA_DIR", dir.c_str(), 1);
    Result<Coder> coder = Coder::Load(*analyzer_);
    ::unsetenv("RASD_DATA_DIR");
    ASSERT_FALSE(coder.ok()) << bad_rows[i];
    EXPECT_NE(coder.status().message().find(expected[i]), std::string::npos)
        << coder.status().message();
  }
  fs::remove_all(dir);
}

// Every data file this stage reads loads in full and has its header (STYLE.md 6).
TEST_F(EventsTest, DataFilesLoad) {
  for (const char* f : {"lexicon/triggers.tsv", "lexicon/event_cues.tsv"}) {
    auto content = ReadDataFile(f);
    ASSERT_TRUE(content.ok()) << f;
    EXPECT_NE(content->find("# Format:"), std::string::npos) << f;
    EXPECT_NE(content->find("# Source:"), std::string::npos) << f;
    EXPECT_GT(ParseTsv(*content).size(), 100u) << f;
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

// A real article (../shared/seeds, not in the repository): the phone call of 16 August 2023.
TEST_F(EventsTest, SeedPhoneCall) {
  std::string path = std::string(RASD_SOURCE_DIR) + "/../shared/seeds/004_e007c826f62b0ef6.txt";
  std::string text = ReadFile(path);
  if (text.empty()) GTEST_SKIP() << "seed article not found: " << path;
  bool found = false;
  for (const Event& e : Code(text, "2023-08-16", "seed004")) {
    if (e.type != EventType::kConsult || e.mode != "phone") continue;
    std::set<std::string> sides = {e.source.country, e.target.country};
    if (sides == std::set<std::string>{"RUS", "ARM"}) {
      found = true;
      EXPECT_EQ(e.when.value, "2023-08-16");
      EXPECT_FALSE(e.when.historical);
    }
  }
  EXPECT_TRUE(found) << Print(Code(text, "2023-08-16", "seed004"));
}

// Recall of the coder over the sample corpus against its hand-made gold list
// (tests/testdata/corpus_expected.tsv): an expected event is found when the article has an
// event of that type with those source and target countries (either order for symmetric
// types). Prints every row and the figure; fails only below the recorded floor.
TEST_F(EventsTest, CorpusRecall) {
  std::string root = RASD_SOURCE_DIR;
  std::string gold_text = ReadFile(root + "/tests/testdata/corpus_expected.tsv");
  if (gold_text.empty() || !std::filesystem::exists(root + "/examples/corpus")) {
    GTEST_SKIP() << "sample corpus or gold list not found";
  }
  // Code every article of the corpus as the pipeline does (ingest, clean, text, ner, time).
  std::map<std::string, std::vector<Event>> by_file;
  ingest::Reader reader({root + "/examples/corpus"}, {});
  clean::Cleaner cleaner;
  while (std::optional<ingest::Item> item = reader.Next()) {
    if (item->kind != ingest::ItemKind::kDocument) continue;
    Result<clean::Cleaned> cleaned = cleaner.Clean(item->document);
    if (!cleaned.ok()) continue;
    Article a = cleaned->article;
    a.id = Hash128Hex(analyzer_->normalizer().Key(a.text));
    std::string name = item->document.source;
    std::string prefix = root + "/examples/corpus/";
    if (name.starts_with(prefix)) name = name.substr(prefix.size());
    // A JSONL line is "FILE.jsonl:N" to ingest and "FILE.jsonl#N" to the gold list.
    if (size_t at = name.find(".jsonl:"); at != std::string::npos) name[at + 6] = '#';
    text::Analysis analysis = analyzer_->Analyze(a.text);
    std::vector<Mention> mentions = ner_->Recognize(a.text, analysis);
    std::vector<Timex> timexes = tagger_->Tag(a.text, analysis, a.published);
    by_file[name] = coder_->Code(a, analysis, mentions, timexes, *ner_);
  }
  int total = 0, found = 0, type_only = 0, same_trigger = 0;
  std::ostringstream report;
  for (const TsvRow& row : ParseTsv(gold_text, "file")) {
    if (row.fields.size() < 5) continue;
    ++total;
    const std::string& file = row.fields[0];
    EventType type = EventTypeFromName(row.fields[1]);
    const std::string& src = row.fields[2];
    const std::string& tgt = row.fields[3];
    auto it = by_file.find(file);
    bool hit = false, typed = false, trigger_hit = false;
    std::string seen;
    if (it != by_file.end()) {
      for (const Event& e : it->second) {
        if (e.type != type) continue;
        typed = true;
        std::string s = Side(e.source), t = Side(e.target);
        bool same = (src == "-" || s == src) && (tgt == "-" || t == tgt);
        bool swapped = Symmetric(type) && (src == "-" || t == src) && (tgt == "-" || s == tgt);
        if (same || swapped) {
          hit = true;
          // The gold trigger is one token as written (بإطلاق, ودعت); ours may be longer.
          trigger_hit = trigger_hit || e.trigger_text.find(row.fields[4]) != std::string::npos;
        }
        seen += " " + s + ">" + t;
      }
    }
    found += hit;
    same_trigger += trigger_hit;
    type_only += typed && !hit;
    report << (hit     ? "found   "
               : typed ? "sides?  "
                       : "MISSING ")
           << file << " " << row.fields[1] << " " << src << ">" << tgt << " [" << row.fields[4]
           << "]" << (hit ? "" : " coded:" + seen) << "\n";
  }
  ASSERT_GT(total, 0);
  double recall = static_cast<double>(found) / total;
  std::printf("%s", report.str().c_str());
  std::printf(
      "corpus recall: %d/%d = %.2f (right type, wrong or unknown sides: %d; found "
      "with the gold trigger word: %d)\n",
      found, total, recall, type_only, same_trigger);
  // The floor recorded when the corpus arrived (35/44); raise it as the coder improves.
  EXPECT_GE(recall, 0.75);
}

}  // namespace
}  // namespace rasd::events
