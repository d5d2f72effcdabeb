// stem_compare: rasd's lexicon key (text::Analyzer::AnalyzeWord(word).stem) side by side with
// Snowball's Arabic stemmer (libstemmer) and NLTK's ISRI stemmer, on the same words: how often
// the inflected forms of one lexicon entry get one key, how often different entries share a
// key, and how fast each stems the words of news text.
//
// scripts/compare-stemmers runs the three steps in order; nothing here is downloaded:
//   stem_compare prepare DIR [--mb N]   writes DIR/forms.tsv (groups of inflected forms made
//       from data/lexicon and from the hand-written table below), DIR/text.txt (the sample
//       corpus repeated to N MB, default 5; DIR/articles.tsv: where each article is),
//       DIR/words.txt (its Arabic word tokens as rasd's tokenizer finds them, one a line) and
//       DIR/skipped.txt (entries left out as spelled like an earlier one)
//   /usr/bin/python3 scripts/isri_stem.py DIR   writes DIR/isri_keys.txt and DIR/isri_speed.tsv
//   stem_compare report DIR [--runs N]  stems the same files with rasd and Snowball, reads the
//       ISRI results and prints one Markdown table (timings: median of N runs, default 5)
//
// Every stemmer gets the surface form as written; each applies only its own normalisation.
// The affix lists below are the test's generation rules, not language knowledge rasd uses, so
// they live here rather than in data/.
#include <libstemmer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/core.h"
#include "text/text.h"

namespace {

namespace fs = std::filesystem;
using rasd::Result;
using rasd::Status;

constexpr char32_t kTatweel = U'\u0640';
constexpr char32_t kFirstHaraka = U'\u064B';  // fathatan .. sukun and the other marks to U+065F
constexpr char32_t kLastHaraka = U'\u065F';
constexpr char32_t kSuperscriptAlef = U'\u0670';
constexpr char32_t kFirstArabic = U'\u0600';
constexpr char32_t kLastArabic = U'\u06FF';
constexpr size_t kMebibyte = size_t{1} << 20;

// What a generated form differs from its entry's base form by.
enum class Rule { kBase, kClitic, kInflection, kBrokenPlural };

const char* RuleName(Rule rule) {
  switch (rule) {
    case Rule::kBase:
      return "base";
    case Rule::kClitic:
      return "clitic";
    case Rule::kInflection:
      return "inflection";
    case Rule::kBrokenPlural:
      return "broken-plural";
  }
  return "?";
}

Rule RuleFromName(std::string_view name) {
  if (name == "clitic") return Rule::kClitic;
  if (name == "inflection") return Rule::kInflection;
  if (name == "broken-plural") return Rule::kBrokenPlural;
  return Rule::kBase;
}

// One line of forms.tsv. The forms of one group are consecutive, the base form first.
struct FormRow {
  int group = 0;
  std::string set;     // "name", "nisba" or "hand"
  std::string entity;  // what the group refers to: a lexicon id (RUS, place:yerevan) or hand:lemma
  Rule rule = Rule::kBase;
  std::string how;  // the affixes added, e.g. "ول+" or "ال+ +ية"
  std::string form;
};

// ---------------------------------------------------------------------------------------------
// Generation rules. Printed with the table (kRules) so the report says what was measured.

// Proclitics put before a name: conjunctions, prepositions and their combinations.
constexpr const char* kNameProclitics[] = {"و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "وك"};
// Before the article ل and ول swallow its alef (ل + الجزائر = للجزائر); the others do not.
constexpr const char* kArticleProclitics[] = {"و", "ف", "ب", "ك", "وب", "فب", "وك"};
// The article and the clitics written with it, as they are spelled before a word.
constexpr const char* kArticles[] = {"ال", "وال", "بال", "فال", "لل", "كال", "وبال", "ولل"};
constexpr const char* kCollectiveArticles[] = {"ال", "وال", "بال", "لل"};
// Endings of the nisba adjective: feminine, masculine plural (nominative, oblique).
constexpr const char* kNisbaEndings[] = {"ة", "ون", "ين"};

constexpr const char* kRules[] = {
    "names: every single-word Arabic name and variant in countries.tsv, places.tsv and "
    "organizations.tsv, and every single-word surname in people.tsv; the name alone (the base) "
    "and after و ف ب ل ك وب فب ول وك. A name that starts with ال (الجزائر) takes ل and ول as "
    "للجزائر, وللجزائر. No article, no pronouns: names take neither in news.",
    "nisba adjectives: every single-word adjective in nationalities.tsv. Base: the masculine "
    "(روسي); clitic forms: the base after ال وال بال فال لل كال وبال ولل, and after و; "
    "inflected forms: the feminine and the masculine plurals (روسية روسيون روسيين), alone, after "
    "و (feminine only) and after each article form; collectives of the same row (روس, broken "
    "plurals) alone and after ال وال بال لل.",
    "hand-written news words: the groups of kHandGroups in bench/stem_compare.cc, written for "
    "this comparison (`stem_compare groups` lists them). Clitic forms add proclitics, the "
    "article or an enclitic pronoun (ه ها هم) to the base; inflected forms add sound plural, "
    "dual or feminine endings, or (verbs) person and tense affixes; broken plurals change the "
    "pattern.",
    "a surface form generated for two different entities (ل + بنان would be لبنان) is dropped, "
    "and of two entries spelled alike only the first is kept; an entity is a country (its "
    "names and its nisba adjectives together), a place, a person, an organisation, or one "
    "hand-written group.",
};

// Common news nouns and verbs with the forms they take in news text. The base is what the other
// forms should share a key with: the singular indefinite noun (or the plural where news use the
// plural as the word: محادثات), the third person masculine singular past of a verb.
struct HandGroup {
  const char* base;
  const char* gloss;
  const char* clitic;     // the base with proclitics, the article or an enclitic pronoun
  const char* inflected;  // sound plural, dual, feminine; verbs: person and tense
  const char* broken;     // broken plurals (with clitics too)
};

constexpr HandGroup kHandGroups[] = {
    {"حكومة", "government", "الحكومة للحكومة والحكومة بالحكومة حكومته حكومتها حكومتهم وحكومتها",
     "حكومات الحكومات والحكومات حكومتين", ""},
    {"وزارة", "ministry", "الوزارة للوزارة والوزارة بالوزارة وزارته وزارتها", "وزارات الوزارات",
     ""},
    {"وزير", "minister", "الوزير للوزير والوزير بالوزير وزيره وزيرها", "وزيرة الوزيرة وزيرا وزيري",
     "وزراء الوزراء ووزراء"},
    {"رئيس", "president, head", "الرئيس للرئيس والرئيس بالرئيس ورئيس رئيسه رئيسها", "رئيسة الرئيسة",
     "رؤساء الرؤساء"},
    {"دولة", "state", "الدولة للدولة والدولة بالدولة دولته دولتهم", "دولتين الدولتين",
     "دول الدول والدول للدول"},
    {"قوة", "force", "القوة بالقوة والقوة قوته قوتها", "قوات القوات والقوات للقوات قواتها وقواته",
     ""},
    {"جيش", "army", "الجيش للجيش والجيش بالجيش جيشه جيشها", "", "جيوش الجيوش"},
    {"هجوم", "attack", "الهجوم والهجوم بالهجوم للهجوم هجومه هجومها", "هجومين", ""},
    {"مدينة", "city", "المدينة بالمدينة والمدينة للمدينة مدينته", "مدينتين",
     "مدن المدن بالمدن والمدن"},
    {"منطقة", "region", "المنطقة بالمنطقة والمنطقة للمنطقة منطقته", "منطقتين",
     "مناطق المناطق بالمناطق"},
    {"قتيل", "person killed", "القتيل", "قتيلا قتيلين", "قتلى القتلى والقتلى"},
    {"محادثات", "talks", "المحادثات والمحادثات بالمحادثات للمحادثات محادثاتها", "", ""},
    {"اتفاق", "agreement", "الاتفاق والاتفاق بالاتفاق للاتفاق اتفاقه", "اتفاقات الاتفاقات اتفاقين",
     ""},
    {"اتفاقية", "treaty", "الاتفاقية والاتفاقية بالاتفاقية للاتفاقية", "اتفاقيات الاتفاقيات", ""},
    {"انتخابات", "elections", "الانتخابات والانتخابات بالانتخابات للانتخابات", "", ""},
    {"مجلس", "council", "المجلس والمجلس للمجلس بالمجلس مجلسه", "", "مجالس المجالس"},
    {"شعب", "people", "الشعب والشعب للشعب شعبه شعبها", "", "شعوب الشعوب"},
    {"سلام", "peace", "السلام والسلام للسلام بالسلام", "", ""},
    {"حرب", "war", "الحرب والحرب بالحرب للحرب حربها", "", "حروب الحروب"},
    {"قرار", "decision", "القرار والقرار بالقرار قراره", "قرارات القرارات", ""},
    {"بيان", "statement", "البيان والبيان بالبيان للبيان بيانه بيانها", "بيانات البيانات", ""},
    {"مسؤول", "official", "المسؤول والمسؤول للمسؤول", "مسؤولة مسؤولون مسؤولين المسؤولين والمسؤولين",
     ""},
    {"لاجئ", "refugee", "اللاجئ", "لاجئون لاجئين اللاجئين واللاجئين للاجئين", ""},
    {"معارضة", "opposition", "المعارضة والمعارضة للمعارضة بالمعارضة", "", ""},
    {"سفير", "ambassador", "السفير والسفير للسفير سفيرها", "سفيرة", "سفراء السفراء"},
    {"سفارة", "embassy", "السفارة والسفارة بالسفارة سفارتها", "سفارات السفارات", ""},
    {"عاصمة", "capital", "العاصمة والعاصمة بالعاصمة عاصمتها", "", "عواصم العواصم"},
    {"حدود", "borders", "الحدود والحدود بالحدود حدودها", "", ""},
    {"قصف", "shelling", "القصف والقصف بالقصف قصفه", "", ""},
    {"صاروخ", "missile", "الصاروخ بالصاروخ", "", "صواريخ الصواريخ بالصواريخ"},
    {"مساعدات", "aid", "المساعدات والمساعدات للمساعدات", "", ""},
    {"أزمة", "crisis", "الأزمة والأزمة بالأزمة للأزمة أزمتها", "أزمات الأزمات", ""},
    {"عملية", "operation", "العملية والعملية بالعملية عمليتها", "عمليات العمليات", ""},
    {"جندي", "soldier", "الجندي", "جنديين", "جنود الجنود والجنود للجنود"},
    {"طفل", "child", "الطفل", "طفلين", "أطفال الأطفال والأطفال للأطفال"},
    {"مواطن", "citizen", "المواطن", "مواطنون مواطنين المواطنين للمواطنين", ""},
    {"رئاسة", "presidency", "الرئاسة والرئاسة بالرئاسة رئاستها", "", ""},
    {"خارجية", "foreign ministry", "الخارجية والخارجية بالخارجية للخارجية خارجيتها", "", ""},
    {"أمن", "security", "الأمن والأمن للأمن بالأمن أمنها", "", ""},
    {"برلمان", "parliament", "البرلمان والبرلمان للبرلمان بالبرلمان", "برلمانات", ""},
    {"معبر", "crossing", "المعبر والمعبر بالمعبر", "", "معابر المعابر"},
    {"اجتماع", "meeting", "الاجتماع والاجتماع بالاجتماع للاجتماع اجتماعه", "اجتماعات الاجتماعات",
     ""},
    {"هدنة", "truce", "الهدنة والهدنة بالهدنة للهدنة", "", ""},
    {"مفاوضات", "negotiations", "المفاوضات والمفاوضات بالمفاوضات للمفاوضات", "", ""},
    {"سلطة", "authority", "السلطة والسلطة بالسلطة للسلطة سلطتها", "سلطات السلطات", ""},
    {"قال", "said", "وقال فقال", "قالت وقالت قالوا يقول تقول ويقول وتقول", ""},
    {"أعلن", "announced", "وأعلن فأعلن", "أعلنت وأعلنت أعلنوا يعلن تعلن ويعلن وسيعلن", ""},
    {"أكد", "stressed", "وأكد", "أكدت وأكدت أكدوا يؤكد تؤكد ويؤكد", ""},
    {"قتل", "killed", "وقتل", "قتلوا يقتل يقتلون", ""},
    {"أضاف", "added", "وأضاف", "أضافت وأضافت يضيف وتضيف", ""},
    {"بحث", "discussed", "وبحث", "بحثت بحثا يبحث ويبحث", ""},
    {"هاجم", "attacked", "وهاجم", "هاجمت هاجموا يهاجم", ""},
    {"دعا", "called for", "ودعا", "دعت ودعت دعوا يدعو ويدعو تدعو", ""},
    {"التقى", "met", "والتقى", "التقت يلتقي ويلتقي", ""},
    {"أدان", "condemned", "وأدان", "أدانت وأدانت يدين تدين", ""},
};

// ---------------------------------------------------------------------------------------------
// Small helpers.

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    if (end > pos) out.emplace_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// Decodes UTF-8; invalid bytes count as one code point each (U+FFFD).
std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

bool IsMark(char32_t c) {
  return c == kTatweel || c == kSuperscriptAlef || (c >= kFirstHaraka && c <= kLastHaraka);
}

// Letters of a word, diacritics and tatweel not counted.
int LetterCount(std::string_view word) {
  int n = 0;
  for (char32_t c : Decode(word)) n += IsMark(c) ? 0 : 1;
  return n;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool StartsWithArticle(std::string_view word) {
  return word.starts_with("ال") && LetterCount(word) > 3;
}

// The word without diacritics and tatweel, and without a leading article unless
// `keep_article`. Only used to find entries and forms that are the same written word (عمان and
// عمّان, دوما and الدوما): no stemmer can or should tell those apart, so the test set drops them.
std::string Skeleton(std::string_view word, bool keep_article) {
  if (!keep_article && StartsWithArticle(word)) word.remove_prefix(std::string_view("ال").size());
  std::string out;
  for (char32_t c : Decode(word)) {
    if (!IsMark(c)) AppendUtf8(c, out);
  }
  return out;
}

// A single word written in Arabic script only (no space, no Latin: RT and CNN are skipped).
bool IsArabicWord(std::string_view word) {
  if (word.empty()) return false;
  for (char32_t c : Decode(word)) {
    if (c < kFirstArabic || c > kLastArabic) return false;
  }
  return true;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

Status WriteFile(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) return Status::IoError("cannot write " + path.string());
  return Status();
}

std::vector<std::string> Lines(std::string_view content) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    out.emplace_back(content.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Groups of forms.

struct Group {
  std::string set;
  std::string entity;
  std::vector<FormRow> forms;  // forms[0] is the base
};

class GroupBuilder {
 public:
  // Starts a group; returns false (and adds nothing) when an entry spelled alike was seen:
  // the same letters, diacritics and a leading article aside.
  bool Start(std::string_view set, std::string_view entity, std::string_view base) {
    const auto [it, added] = bases_.emplace(Skeleton(base, /*keep_article=*/false),
                                            std::pair{std::string(base), std::string(entity)});
    if (!added) {
      skipped_.push_back(std::string(base) + "\t" + std::string(entity) + "\t" + it->second.first +
                         "\t" + it->second.second);
      return false;
    }
    Group g;
    g.set = set;
    g.entity = entity;
    groups_.push_back(std::move(g));
    Add(Rule::kBase, "", base);
    return true;
  }

  void Add(Rule rule, std::string_view how, std::string_view form) {
    Group& g = groups_.back();
    for (const FormRow& f : g.forms) {
      if (f.form == form) return;
    }
    FormRow row;
    row.set = g.set;
    row.entity = g.entity;
    row.rule = rule;
    row.how = how;
    row.form = form;
    g.forms.push_back(std::move(row));
  }

  // Drops forms generated for two entities (the same letters, diacritics aside) and numbers
  // what remains.
  std::vector<FormRow> Finish(int* dropped_forms) {
    std::map<std::string, std::set<std::string>> entities;
    for (const Group& g : groups_) {
      for (const FormRow& f : g.forms) {
        entities[Skeleton(f.form, /*keep_article=*/true)].insert(g.entity);
      }
    }
    std::vector<FormRow> rows;
    int index = 0;
    for (Group& g : groups_) {
      for (FormRow& f : g.forms) {
        if (f.rule != Rule::kBase && entities[Skeleton(f.form, /*keep_article=*/true)].size() > 1) {
          ++*dropped_forms;
          continue;
        }
        f.group = index;
        rows.push_back(std::move(f));
      }
      ++index;
    }
    return rows;
  }

  // Entries skipped because an earlier one was spelled alike, one a line: base, entity, and the
  // earlier entry's base and entity, tab-separated.
  const std::vector<std::string>& skipped() const { return skipped_; }

 private:
  std::vector<Group> groups_;
  std::map<std::string, std::pair<std::string, std::string>> bases_;  // skeleton -> base, entity
  std::vector<std::string> skipped_;
};

void AddName(GroupBuilder& b, const std::string& entity, const std::string& name) {
  if (!IsArabicWord(name) || !b.Start("name", entity, name)) return;
  if (StartsWithArticle(name)) {
    for (const char* p : kArticleProclitics) b.Add(Rule::kClitic, std::string(p) + "+", p + name);
    const std::string rest = name.substr(std::string_view("ا").size());  // ل + ال = لل
    b.Add(Rule::kClitic, "ل+", "ل" + rest);
    b.Add(Rule::kClitic, "ول+", "ول" + rest);
  } else {
    for (const char* p : kNameProclitics) b.Add(Rule::kClitic, std::string(p) + "+", p + name);
  }
}

void AddNisba(GroupBuilder& b, const std::string& entity, const std::string& adjective,
              const std::vector<std::string>& collectives) {
  if (!IsArabicWord(adjective) || !b.Start("nisba", entity, adjective)) return;
  for (const char* a : kArticles) b.Add(Rule::kClitic, std::string(a) + "+", a + adjective);
  b.Add(Rule::kClitic, "و+", "و" + adjective);
  for (const char* e : kNisbaEndings) {
    const std::string form = adjective + e;
    const std::string ending = std::string("+") + e;
    b.Add(Rule::kInflection, ending, form);
    for (const char* a : kArticles) {
      b.Add(Rule::kInflection, a + std::string("+ ") + ending, a + form);
    }
  }
  b.Add(Rule::kInflection, "و+ +ة", "و" + adjective + kNisbaEndings[0]);
  for (const std::string& c : collectives) {
    if (!IsArabicWord(c)) continue;
    b.Add(Rule::kBrokenPlural, "collective", c);
    for (const char* a : kCollectiveArticles) {
      b.Add(Rule::kBrokenPlural, std::string(a) + "+ collective", a + c);
    }
  }
}

void AddHand(GroupBuilder& b, const HandGroup& h) {
  if (!b.Start("hand", std::string("hand:") + h.base, h.base)) return;
  for (const std::string& f : Split(h.clitic, ' ')) b.Add(Rule::kClitic, "listed", f);
  for (const std::string& f : Split(h.inflected, ' ')) b.Add(Rule::kInflection, "listed", f);
  for (const std::string& f : Split(h.broken, ' ')) b.Add(Rule::kBrokenPlural, "listed", f);
}

// The '|'-separated values of the given fields of `row`, in order.
std::vector<std::string> Variants(const rasd::TsvRow& row, std::initializer_list<size_t> fields) {
  std::vector<std::string> out;
  for (size_t i : fields) {
    if (i >= row.fields.size()) continue;
    for (std::string& v : Split(row.fields[i], '|')) out.push_back(std::move(v));
  }
  return out;
}

// Entries in this order, so that of two entries spelled alike the more general one is kept
// (the nisba سوداني rather than the surname السوداني, the word سلام rather than the surname).
Result<std::vector<FormRow>> MakeForms(std::vector<std::string>* skipped, int* dropped_forms) {
  GroupBuilder b;
  ASSIGN_OR_RETURN(std::string countries, rasd::ReadDataFile("lexicon/countries.tsv"));
  for (const rasd::TsvRow& row : rasd::ParseTsv(countries)) {
    for (const std::string& n : Variants(row, {2, 3})) AddName(b, row.fields[0], n);
  }
  ASSIGN_OR_RETURN(std::string nationalities, rasd::ReadDataFile("lexicon/nationalities.tsv"));
  for (const rasd::TsvRow& row : rasd::ParseTsv(nationalities)) {
    const std::vector<std::string> collectives = Variants(row, {2});
    bool first = true;
    for (const std::string& a : Variants(row, {1})) {
      // Collectives go with the row's first adjective only: one group holds each form.
      AddNisba(b, row.fields[0], a, first ? collectives : std::vector<std::string>{});
      first = false;
    }
  }
  for (const HandGroup& h : kHandGroups) AddHand(b, h);
  ASSIGN_OR_RETURN(std::string places, rasd::ReadDataFile("lexicon/places.tsv"));
  for (const rasd::TsvRow& row : rasd::ParseTsv(places)) {
    for (const std::string& n : Variants(row, {2, 3})) AddName(b, row.fields[0], n);
  }
  ASSIGN_OR_RETURN(std::string orgs, rasd::ReadDataFile("lexicon/organizations.tsv"));
  for (const rasd::TsvRow& row : rasd::ParseTsv(orgs)) {
    for (const std::string& n : Variants(row, {2, 3})) AddName(b, row.fields[0], n);
  }
  ASSIGN_OR_RETURN(std::string people, rasd::ReadDataFile("lexicon/people.tsv"));
  for (const rasd::TsvRow& row : rasd::ParseTsv(people)) {
    for (const std::string& n : Variants(row, {4})) AddName(b, row.fields[0], n);
  }
  *skipped = b.skipped();
  return b.Finish(dropped_forms);
}

// ---------------------------------------------------------------------------------------------
// prepare

// The .txt articles and the .jsonl articles (title, blank line, text) of examples/corpus, in
// file-name order.
Result<std::vector<std::string>> LoadCorpus(const fs::path& dir) {
  std::vector<std::string> articles;
  for (const char* sub : {"txt", "jsonl"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / sub, ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
      ASSIGN_OR_RETURN(std::string content, ReadFile(path));
      if (path.extension() == ".txt") {
        articles.push_back(std::move(content));
      } else if (path.extension() == ".jsonl") {
        for (const std::string& line : Lines(content)) {
          const nlohmann::json doc =
              nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
          if (!doc.is_object()) continue;
          std::string article;
          for (const char* field : {"title", "text"}) {
            if (!doc.contains(field) || !doc[field].is_string()) continue;
            if (!article.empty()) article += "\n\n";
            article += doc[field].get<std::string>();
          }
          if (!article.empty()) articles.push_back(std::move(article));
        }
      }
    }
  }
  if (articles.empty()) return Status::NotFound("no articles under " + dir.string());
  return articles;
}

std::string FormsTsv(const std::vector<FormRow>& rows) {
  std::string out = "# group\tset\tentity\trule\thow\tform\n";
  for (const FormRow& r : rows) {
    out += std::to_string(r.group) + "\t" + r.set + "\t" + r.entity + "\t" + RuleName(r.rule) +
           "\t" + r.how + "\t" + r.form + "\n";
  }
  return out;
}

Status Prepare(const fs::path& dir, double megabytes) {
  fs::create_directories(dir);
  std::vector<std::string> skipped;
  int dropped_forms = 0;
  ASSIGN_OR_RETURN(std::vector<FormRow> rows, MakeForms(&skipped, &dropped_forms));
  RETURN_IF_ERROR(WriteFile(dir / "forms.tsv", FormsTsv(rows)));

  ASSIGN_OR_RETURN(std::vector<std::string> corpus,
                   LoadCorpus(fs::path(RASD_SOURCE_DIR) / "examples" / "corpus"));
  // The articles over and over, a blank line after each, until the text reaches the target;
  // articles.tsv holds each article's byte offset and length in text.txt.
  const auto target = static_cast<size_t>(megabytes * kMebibyte);
  std::string text;
  std::string spans;
  for (size_t i = 0; text.size() < target; i = (i + 1) % corpus.size()) {
    spans += std::to_string(text.size()) + "\t" + std::to_string(corpus[i].size()) + "\n";
    text += corpus[i] + "\n\n";
  }
  RETURN_IF_ERROR(WriteFile(dir / "text.txt", text));
  RETURN_IF_ERROR(WriteFile(dir / "articles.tsv", spans));

  ASSIGN_OR_RETURN(rasd::text::Analyzer analyzer, rasd::text::Analyzer::Load());
  std::string words;
  for (const rasd::Token& t : analyzer.Analyze(text).tokens) {
    if (t.kind != rasd::TokenKind::kWord) continue;
    words.append(text, t.span.start, t.span.end - t.span.start);
    words += '\n';
  }
  RETURN_IF_ERROR(WriteFile(dir / "words.txt", words));
  std::cerr << "stem_compare: " << rows.size() << " forms (" << dropped_forms
            << " forms shared by two entities dropped), " << text.size() << " bytes of text in "
            << dir.string() << "\n";
  std::string skipped_lines;
  for (const std::string& s : skipped) skipped_lines += s + "\n";
  RETURN_IF_ERROR(WriteFile(dir / "skipped.txt", skipped_lines));
  return Status();
}

// ---------------------------------------------------------------------------------------------
// report

Result<std::vector<FormRow>> ReadForms(const fs::path& path) {
  ASSIGN_OR_RETURN(std::string content, ReadFile(path));
  std::vector<FormRow> rows;
  for (const std::string& line : Lines(content)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    size_t pos = 0;
    for (int i = 0; i < 6; ++i) {
      size_t end = i == 5 ? line.size() : line.find('\t', pos);
      if (end == std::string::npos) return Status::InvalidInput("bad line in forms.tsv: " + line);
      f.push_back(line.substr(pos, end - pos));
      pos = end + 1;
    }
    FormRow r;
    r.group = std::atoi(f[0].c_str());
    r.set = f[1];
    r.entity = f[2];
    r.rule = RuleFromName(f[3]);
    r.how = f[4];
    r.form = f[5];
    rows.push_back(std::move(r));
  }
  return rows;
}

// Owns a Snowball stemmer; sb_stemmer objects are not thread-safe, one per thread.
class Snowball {
 public:
  Snowball() : stemmer_(sb_stemmer_new("arabic", "UTF_8")) {}
  bool ok() const { return stemmer_ != nullptr; }
  std::string_view Stem(std::string_view word) {
    const sb_symbol* out =
        sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                        static_cast<int>(word.size()));
    if (out == nullptr) return {};
    return std::string_view(reinterpret_cast<const char*>(out),
                            static_cast<size_t>(sb_stemmer_length(stemmer_.get())));
  }

 private:
  struct Deleter {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
  };
  std::unique_ptr<sb_stemmer, Deleter> stemmer_;
};

std::string Fixed(double value, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
  return buf;
}

// Keeps the results of timed loops observable so the compiler cannot drop them.
volatile size_t g_sink = 0;

struct TimedLoop {
  const char* name;
  std::function<size_t()> run;  // returns a value derived from its results (kept in g_sink)
};

// Runs each loop once per round, round after round, so that a busy spell on a shared machine
// slows all of them alike; returns the median seconds of each, and appends "name min / median /
// max" of each to `spread`.
std::vector<double> MedianSeconds(int rounds, const std::vector<TimedLoop>& loops,
                                  std::vector<std::string>& spread) {
  std::vector<std::vector<double>> seconds(loops.size());
  for (int r = 0; r < rounds; ++r) {
    for (size_t i = 0; i < loops.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      g_sink = g_sink + loops[i].run();
      seconds[i].push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  std::vector<double> medians;
  for (size_t i = 0; i < loops.size(); ++i) {
    std::vector<double>& s = seconds[i];
    std::sort(s.begin(), s.end());
    medians.push_back(s[s.size() / 2]);
    spread.push_back(std::string(loops[i].name) + " " + Fixed(s.front(), 3) + " / " +
                     Fixed(medians.back(), 3) + " / " + Fixed(s.back(), 3));
  }
  return medians;
}

struct Scores {
  int groups = 0;
  int forms = 0;          // all forms, the base included
  double mean_share = 0;  // mean over groups of (forms with the base's key) / (forms - 1)
  int one_key = 0;        // groups whose forms all share one key
  std::map<Rule, std::pair<int, int>> by_rule;  // forms with the base's key, forms
  int colliding = 0;  // groups with a key that a form of another entity also has
  int names = 0;      // set "name": groups whose base is longer than 3 letters...
  int cut = 0;        // ...and whose base key lost letters (the article aside)
};

struct Stemmer {
  std::string name;
  std::vector<std::string> keys;  // one per form row
  double words_per_second = 0;
  double mb_per_second = 0;  // text bytes / time to stem all of its word tokens
  std::string speed_note;
  std::map<std::string, Scores> scores;  // by set
  int shared_keys = 0;                   // keys that forms of two or more entities have
  std::vector<std::string> collision_examples;
  std::vector<std::string> cut_examples;
  std::map<std::string, std::pair<int, int>> name_by_how;  // proclitic: forms with base key, forms
};

void Score(const std::vector<FormRow>& rows, Stemmer& s) {
  std::map<std::string, std::set<std::string>> entities_of_key;
  std::map<std::string, std::vector<size_t>> rows_of_key;
  for (size_t i = 0; i < rows.size(); ++i) {
    entities_of_key[s.keys[i]].insert(rows[i].entity);
    rows_of_key[s.keys[i]].push_back(i);
  }
  for (const auto& [key, entities] : entities_of_key) {
    if (entities.size() < 2) continue;
    ++s.shared_keys;
    if (s.collision_examples.size() < 6) {
      // Two forms of different entities, to show what merged.
      const std::vector<size_t>& idx = rows_of_key[key];
      std::string example = rows[idx[0]].form;
      for (size_t i : idx) {
        if (rows[i].entity != rows[idx[0]].entity) {
          example += " ~ " + rows[i].form + " (" + key + ")";
          break;
        }
      }
      s.collision_examples.push_back(example);
    }
  }
  for (size_t begin = 0; begin < rows.size();) {
    size_t end = begin + 1;
    while (end < rows.size() && rows[end].group == rows[begin].group) ++end;
    Scores& sc = s.scores[rows[begin].set];
    const std::string& base_key = s.keys[begin];
    ++sc.groups;
    sc.forms += static_cast<int>(end - begin);
    int same = 0;
    bool collides = false;
    for (size_t i = begin; i < end; ++i) {
      if (entities_of_key[s.keys[i]].size() > 1) collides = true;
      if (i == begin) continue;
      const bool equal = s.keys[i] == base_key;
      same += equal ? 1 : 0;
      auto& [hits, total] = sc.by_rule[rows[i].rule];
      hits += equal ? 1 : 0;
      ++total;
      if (rows[i].set == "name") {
        auto& [how_hits, how_total] = s.name_by_how[rows[i].how];
        how_hits += equal ? 1 : 0;
        ++how_total;
      }
    }
    const int others = static_cast<int>(end - begin) - 1;
    sc.mean_share += others > 0 ? static_cast<double>(same) / others : 1.0;
    sc.one_key += same == others ? 1 : 0;
    sc.colliding += collides ? 1 : 0;
    const std::string& base = rows[begin].form;
    if (rows[begin].set == "name" && LetterCount(base) > 3) {
      ++sc.names;
      const int allowed = LetterCount(base) - (StartsWithArticle(base) ? 2 : 0);
      if (LetterCount(base_key) < allowed) {
        ++sc.cut;
        if (s.cut_examples.size() < 8) s.cut_examples.push_back(base + " → " + base_key);
      }
    }
    begin = end;
  }
  for (auto& [set, sc] : s.scores) sc.mean_share /= std::max(1, sc.groups);
}

std::string Percent(double part, double whole) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return buf;
}

std::string Thousands(double value) {
  std::string digits = std::to_string(std::llround(value));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Status Report(const fs::path& dir, int runs) {
  ASSIGN_OR_RETURN(std::vector<FormRow> rows, ReadForms(dir / "forms.tsv"));
  ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "text.txt"));
  ASSIGN_OR_RETURN(std::string words_file, ReadFile(dir / "words.txt"));
  ASSIGN_OR_RETURN(std::string spans, ReadFile(dir / "articles.tsv"));
  ASSIGN_OR_RETURN(std::string isri_keys, ReadFile(dir / "isri_keys.txt"));
  ASSIGN_OR_RETURN(std::string isri_speed, ReadFile(dir / "isri_speed.tsv"));
  ASSIGN_OR_RETURN(std::string skipped, ReadFile(dir / "skipped.txt"));
  const std::vector<std::string> words = Lines(words_file);
  size_t word_bytes = 0;
  for (const std::string& w : words) word_bytes += w.size();
  const std::string_view text_view = text;
  std::vector<std::string_view> articles;
  for (const std::string& line : Lines(spans)) {
    const std::vector<std::string> f = Split(line, '\t');
    const size_t offset = f.size() == 2 ? std::strtoul(f[0].c_str(), nullptr, 10) : text.size();
    const size_t length = f.size() == 2 ? std::strtoul(f[1].c_str(), nullptr, 10) : 0;
    if (offset + length > text.size()) return Status::InvalidInput("bad line in articles.tsv");
    articles.push_back(text_view.substr(offset, length));
  }

  ASSIGN_OR_RETURN(rasd::text::Analyzer analyzer, rasd::text::Analyzer::Load());
  Snowball snowball;
  if (!snowball.ok()) return Status::Internal("libstemmer has no UTF-8 Arabic stemmer");

  Stemmer rasd_stem{.name = "rasd `AnalyzeWord().stem`"};
  Stemmer snow{.name = "Snowball arabic (libstemmer)"};
  Stemmer isri{.name = "ISRI (NLTK)"};
  for (const FormRow& r : rows) {
    rasd_stem.keys.push_back(analyzer.AnalyzeWord(r.form).stem);
    snow.keys.emplace_back(snowball.Stem(r.form));
  }
  isri.keys = Lines(isri_keys);
  if (isri.keys.size() != rows.size()) {
    return Status::InvalidInput("isri_keys.txt has " + std::to_string(isri.keys.size()) +
                                " lines for " + std::to_string(rows.size()) + " forms");
  }

  // Speed: every Arabic word token of text.txt, one call per word, median of `runs`.
  const double text_mb = static_cast<double>(text.size()) / kMebibyte;
  const auto n = static_cast<double>(words.size());
  auto rasd_words = [&] {
    size_t sum = 0;
    for (const std::string& w : words) sum += analyzer.AnalyzeWord(w).stem.size();
    return sum;
  };
  auto snowball_words = [&] {
    size_t sum = 0;
    for (const std::string& w : words) sum += snowball.Stem(w).size();
    return sum;
  };
  auto rasd_articles = [&] {
    size_t sum = 0;
    for (std::string_view a : articles) sum += analyzer.Analyze(a).tokens.size();
    return sum;
  };
  auto rasd_text = [&] { return analyzer.Analyze(text).tokens.size(); };
  std::vector<std::string> spread;
  const std::vector<double> seconds = MedianSeconds(runs,
                                                    {{"rasd AnalyzeWord, each word", rasd_words},
                                                     {"Snowball, each word", snowball_words},
                                                     {"rasd Analyze, each article", rasd_articles},
                                                     {"rasd Analyze, whole text", rasd_text}},
                                                    spread);
  const double rasd_s = seconds[0];
  const double snow_s = seconds[1];
  const double articles_s = seconds[2];
  const double analyze_s = seconds[3];
  rasd_stem.words_per_second = n / rasd_s;
  rasd_stem.mb_per_second = text_mb / rasd_s;
  snow.words_per_second = n / snow_s;
  snow.mb_per_second = text_mb / snow_s;
  {
    // isri_speed.tsv: words, median, runs, min, max (seconds over the first `words` words).
    const std::vector<std::string> f = Split(Lines(isri_speed).at(0), '\t');
    if (f.size() < 5) return Status::InvalidInput("bad isri_speed.tsv");
    spread.push_back("ISRI, each word " + Fixed(std::atof(f[3].c_str()), 3) + " / " +
                     Fixed(std::atof(f[1].c_str()), 3) + " / " + Fixed(std::atof(f[4].c_str()), 3));
    const double isri_words = std::atof(f[0].c_str());
    const double isri_s = std::atof(f[1].c_str());
    isri.words_per_second = isri_words / isri_s;
    isri.mb_per_second = text_mb / (isri_s * n / isri_words);
    if (isri_words < n) isri.speed_note = " (first " + Thousands(isri_words) + " words)";
  }

  std::vector<Stemmer*> stemmers = {&rasd_stem, &snow, &isri};
  for (Stemmer* s : stemmers) Score(rows, *s);

  // The table: one row per measure, one column per stemmer.
  std::string out;
  auto row = [&](const std::string& label, auto&& cell) {
    out += "| " + label;
    for (Stemmer* s : stemmers) out += " | " + cell(*s);
    out += " |\n";
  };
  auto set_rows = [&](const std::string& set, const std::string& title, bool rule_rows) {
    const Scores& first = rasd_stem.scores[set];
    out += "| **" + title + "**: " + std::to_string(first.groups) + " entries, " +
           Thousands(first.forms) + " forms | | | |\n";
    row("forms with the base form's key (mean per entry)",
        [&](Stemmer& s) { return Percent(s.scores[set].mean_share, 1.0); });
    row("entries whose forms all have one key",
        [&](Stemmer& s) { return Percent(s.scores[set].one_key, s.scores[set].groups); });
    if (rule_rows) {
      for (auto [rule, label] : {std::pair{Rule::kClitic, "clitic forms"},
                                 std::pair{Rule::kInflection, "inflected forms"},
                                 std::pair{Rule::kBrokenPlural, "broken plurals"}}) {
        const auto it = first.by_rule.find(rule);
        if (it == first.by_rule.end()) continue;
        row("&nbsp;&nbsp;" + std::string(label) + " (" + Thousands(it->second.second) +
                ") with the base form's key",
            [&, rule = rule](Stemmer& s) {
              const auto& [hits, total] = s.scores[set].by_rule[rule];
              return Percent(hits, total);
            });
      }
    }
    row("entries sharing a key with another entity",
        [&](Stemmer& s) { return Percent(s.scores[set].colliding, s.scores[set].groups); });
  };

  out += "| measure | ";
  for (size_t i = 0; i < stemmers.size(); ++i) {
    out += stemmers[i]->name + (i + 1 < stemmers.size() ? " | " : " |\n");
  }
  out += "|---|---|---|---|\n";
  out += "| **speed**, one thread: " + Fixed(text_mb, 2) + " MB of text, " + Thousands(n) +
         " Arabic word tokens | | | |\n";
  row("words stemmed per second (one call per token)",
      [](Stemmer& s) { return Thousands(s.words_per_second) + s.speed_note; });
  row("MB of text per second (text size / time to stem its tokens)",
      [](Stemmer& s) { return Fixed(s.mb_per_second, 1); });
  row("`Analyze` (tokens, clitics, stems), one article at a time: MB/s", [&](Stemmer& s) {
    return &s == &rasd_stem ? Fixed(text_mb / articles_s, 1) : std::string("–");
  });
  row("`Analyze` on the whole text in one call: MB/s", [&](Stemmer& s) {
    return &s == &rasd_stem ? Fixed(text_mb / analyze_s, 1) : std::string("–");
  });
  set_rows("name", "names", false);
  row("names (over 3 letters) whose key drops letters of the name (ال aside)",
      [](Stemmer& s) { return Percent(s.scores["name"].cut, s.scores["name"].names); });
  set_rows("nisba", "nisba adjectives", true);
  set_rows("hand", "hand-written news nouns and verbs", true);
  row("**keys shared by forms of two or more entities** (all sets)",
      [](Stemmer& s) { return Thousands(s.shared_keys); });
  std::cout << out << "\n";

  std::cout << "Names: forms with the base form's key, by proclitic:\n\n";
  for (Stemmer* s : stemmers) {
    std::cout << "- " << s->name << ":";
    for (const char* p : kNameProclitics) {
      const auto& [hits, total] = s->name_by_how[std::string(p) + "+"];
      std::cout << " " << p << " " << Percent(hits, total);
    }
    std::cout << "\n";
  }
  std::cout
      << "\nExamples (first in key order) of keys shared by two entities, and of cut names:\n\n";
  for (Stemmer* s : stemmers) {
    std::cout << "- " << s->name << ": shared ";
    for (size_t i = 0; i < s->collision_examples.size(); ++i) {
      std::cout << (i ? "; " : "") << s->collision_examples[i];
    }
    std::cout << (s->collision_examples.empty() ? "none" : "") << ". Cut: ";
    for (size_t i = 0; i < s->cut_examples.size(); ++i) {
      std::cout << (i ? ", " : "") << s->cut_examples[i];
    }
    std::cout << (s->cut_examples.empty() ? "none" : "") << ".\n";
  }
  std::cout << "\nHow the forms were made (" << Thousands(static_cast<double>(rows.size()))
            << " forms; words: " << Thousands(n) << " tokens, "
            << Fixed(static_cast<double>(word_bytes) / kMebibyte, 2)
            << " MB of words; timings: median of " << runs << " runs):\n\n";
  for (const char* rule : kRules) std::cout << "- " << rule << "\n";
  int same_entity = 0;
  std::string other_entity;
  for (const std::string& line : Lines(skipped)) {
    const std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 4) continue;
    if (f[1] == f[3]) {
      ++same_entity;
    } else {
      other_entity += (other_entity.empty() ? " " : "; ") + f[0] + " (" + f[1] + ", like " + f[2] +
                      " " + f[3] + ")";
    }
  }
  std::cout << "- skipped: " << same_entity
            << " variants spelled like another variant of the same entity but for ال or "
               "diacritics (التشيك, تشيك), and these entries spelled like an earlier one:"
            << other_entity << ".\n";
  std::cout << "\nTimings, seconds (min / median / max of " << runs << " runs): ";
  for (size_t i = 0; i < spread.size(); ++i) std::cout << (i ? "; " : "") << spread[i];
  std::cout << ".\n";
  return Status();
}

// Lists the hand-written groups as Markdown, one line each.
void PrintGroups() {
  for (const HandGroup& h : kHandGroups) {
    std::cout << "- " << h.base << " (" << h.gloss << "): clitic " << h.clitic;
    if (*h.inflected) std::cout << "; inflected " << h.inflected;
    if (*h.broken) std::cout << "; broken plural " << h.broken;
    std::cout << "\n";
  }
}

int Usage() {
  std::cerr << "usage: stem_compare prepare DIR [--mb N]\n"
               "       stem_compare report DIR [--runs N]\n"
               "       stem_compare groups\n"
               "Run through scripts/compare-stemmers, which also runs the ISRI part.\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "groups") {
    PrintGroups();
    return 0;
  }
  if (args.size() != 2 && args.size() != 4) return Usage();
  double option = 0;
  if (args.size() == 4) option = std::atof(args[3].c_str());
  Status status;
  if (args[0] == "prepare" && (args.size() == 2 || args[2] == "--mb")) {
    status = Prepare(args[1], option > 0 ? option : 5.0);
  } else if (args[0] == "report" && (args.size() == 2 || args[2] == "--runs")) {
    status = Report(args[1], option >= 1 ? static_cast<int>(option) : 5);
  } else {
    return Usage();
  }
  if (!status.ok()) {
    std::cerr << "stem_compare: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
