#include "ner/lexicon.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

// The GeoNames places with Arabic names, embedded by src/ner/CMakeLists.txt (empty when the
// build had no GeoNames data).
extern "C" const char rasd_geonames_begin[];
extern "C" const char rasd_geonames_end[];

namespace rasd::ner {
namespace {

constexpr std::string_view kDir = "lexicon/";

// The article, alone or at the end of Token::proclitics after a conjunction or preposition
// (وال, بال).
constexpr std::string_view kArticle = "\u0627\u0644";
constexpr std::string_view kTehMarbuta = "\u0629";
constexpr std::string_view kYeh = "\u064A";
constexpr std::string_view kHeh = "\u0647";  // and ة, folded to it
// The one-letter proclitics a common word may begin with (وجيزة, لايزال, بقاع, فترة, كتلة).
// The spellings of alef a name may begin with.
constexpr std::string_view kAlefs[] = {"\u0627", "\u0623", "\u0625", "\u0622"};
constexpr std::string_view kProclitics[] = {"\u0648", "\u0644", "\u0628", "\u0641", "\u0643"};

Status RowError(std::string_view file, const TsvRow& row, std::string_view problem) {
  return Status::InvalidInput("data/" + std::string(kDir) + std::string(file) + ":" +
                              std::to_string(row.line) + ": " + std::string(problem));
}

std::vector<std::string> SplitBar(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t bar = s.find('|', start);
    if (bar == std::string_view::npos) bar = s.size();
    std::string_view part = s.substr(start, bar - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = bar + 1;
  }
  return out;
}

std::vector<std::string> SplitSpace(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t sp = s.find(' ', start);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > start) out.emplace_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

// "" -> NAN; otherwise a number in [lo, hi] or an error.
bool ParseCoordinate(const std::string& s, double lo, double hi, double& out) {
  if (s.empty()) {
    out = NAN;
    return true;
  }
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0' && out >= lo && out <= hi;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class Compiler {
 public:
  Compiler(const text::Analyzer& analyzer, Lexicon& lex) : analyzer_(analyzer), lex_(lex) {}

  Status Run() {
    RETURN_IF_ERROR(LoadCountries());
    RETURN_IF_ERROR(LoadPlaces());
    RETURN_IF_ERROR(LoadTitles());
    RETURN_IF_ERROR(LoadPeople());
    RETURN_IF_ERROR(LoadOrganizations());
    RETURN_IF_ERROR(LoadNationalities());
    RETURN_IF_ERROR(LoadPrefixes());
    RETURN_IF_ERROR(LoadBlocked());
    RETURN_IF_ERROR(LoadAmbiguities());
    RETURN_IF_ERROR(LoadWordList("ner_given_names.tsv", lex_.given_names));
    RETURN_IF_ERROR(LoadWordList("ner_stopwords.tsv", lex_.stopwords));
    RETURN_IF_ERROR(LoadWordList("ner_name_links.tsv", lex_.name_links));
    RETURN_IF_ERROR(LoadWordList("ner_name_heads.tsv", lex_.name_heads));
    RETURN_IF_ERROR(LoadWordList("ner_name_parts.tsv", lex_.name_parts));
    RETURN_IF_ERROR(LoadWordList("ner_epithets.tsv", lex_.epithets));
    RETURN_IF_ERROR(LoadOrgHeads());
    RETURN_IF_ERROR(LoadWordList("ner_name_cues.tsv", lex_.name_cues));
    RETURN_IF_ERROR(LoadPublicPeople());
    RETURN_IF_ERROR(CheckReferences());
    return LoadGeoNames();
  }

 private:
  Result<std::vector<TsvRow>> Rows(std::string_view file) {
    ASSIGN_OR_RETURN(std::string content, ReadDataFile(std::string(kDir) + std::string(file)));
    contents_.push_back(std::move(content));
    return ParseTsv(contents_.back());
  }

  // Tokenises a lexicon phrase as text/ tokenises articles and adds it to the main trie.
  // Returns false when the phrase has no tokens.
  bool AddPhrase(std::string_view phrase, Entry entry) {
    text::Analysis a = analyzer_.Analyze(phrase);
    if (a.tokens.empty()) return false;
    std::vector<WordLabels> labels;
    for (const Token& t : a.tokens) {
      labels.push_back({t.key, t.stem});
      entry.keys.push_back(t.key);
      entry.definite.push_back(IsDefinite(t));
      if (!entry.form_key.empty()) entry.form_key += ' ';
      entry.form_key += t.key;
    }
    uint32_t index = static_cast<uint32_t>(lex_.entries.size());
    lex_.entries.push_back(std::move(entry));
    lex_.trie.Add(labels, index);
    return true;
  }

  Status AddEntity(std::string_view file, const TsvRow& row, Entity e,
                   const std::vector<std::string>& names, bool is_capital = false) {
    if (e.id.empty() || e.name_en.empty() || e.name_ar.empty()) {
      return RowError(file, row, "id, English name and Arabic name are required");
    }
    if (lex_.by_id.Find(e.id) != nullptr) return RowError(file, row, "duplicate id " + e.id);
    lex_.by_id[e.id] = static_cast<uint32_t>(lex_.entities.size());
    uint32_t index = static_cast<uint32_t>(lex_.entities.size());
    if (is_capital) lex_.capitals.insert(index);
    lex_.entities.push_back(std::move(e));
    for (const std::string& name : names) {
      Entry entry;
      entry.kind = EntryKind::kEntity;
      entry.ref = index;
      if (!AddPhrase(name, std::move(entry))) {
        return RowError(file, row, "name without words: \"" + name + "\"");
      }
    }
    return Status::Ok();
  }

  static std::vector<std::string> Names(const std::string& name_ar, const std::string& variants) {
    std::vector<std::string> names = {name_ar};
    for (std::string& v : SplitBar(variants)) names.push_back(std::move(v));
    return names;
  }

  Status LoadCountries() {
    constexpr std::string_view kFile = "countries.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() != 7) return RowError(kFile, row, "expected 7 fields");
      const auto& f = row.fields;
      Entity e;
      e.id = f[0];
      if (e.id.size() != 3 || !std::isupper(static_cast<unsigned char>(e.id[0]))) {
        return RowError(kFile, row, "id must be an ISO alpha-3 code");
      }
      e.name_en = f[1];
      e.name_ar = f[2];
      e.type = EntityType::kCountry;
      e.country = e.id;
      e.actor_code = e.id;
      if (!ParseCoordinate(f[5], -90, 90, e.lat) || !ParseCoordinate(f[6], -180, 180, e.lon)) {
        return RowError(kFile, row, "bad coordinates");
      }
      if (!f[4].empty()) capitals_.emplace_back(e.id, f[4]);
      RETURN_IF_ERROR(AddEntity(kFile, row, std::move(e), Names(f[2], f[3])));
    }
    return Status::Ok();
  }

  Status LoadPlaces() {
    constexpr std::string_view kFile = "places.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() != 9) return RowError(kFile, row, "expected 9 fields");
      const auto& f = row.fields;
      if (!f[0].starts_with("place:")) return RowError(kFile, row, "id must start with place:");
      Entity e;
      e.id = f[0];
      e.name_en = f[1];
      e.name_ar = f[2];
      e.type = EntityType::kPlace;
      e.role = f[4];
      e.country = f[5];
      if (!ParseCoordinate(f[6], -90, 90, e.lat) || !ParseCoordinate(f[7], -180, 180, e.lon)) {
        return RowError(kFile, row, "bad coordinates");
      }
      if (f[8] != "" && f[8] != "yes") return RowError(kFile, row, "capital must be yes or empty");
      bool capital = f[8] == "yes";
      if (capital && e.country.empty()) {
        return RowError(kFile, row, "a capital needs a country");
      }
      if (!e.country.empty()) country_refs_.push_back({std::string(kFile), row.line, e.country});
      RETURN_IF_ERROR(AddEntity(kFile, row, std::move(e), Names(f[2], f[3]), capital));
    }
    return Status::Ok();
  }

  // Whether a one-word GeoNames name `name` (analysed as `t`) would match a common word in
  // articles. Lexicon entries match by stem, so besides the name itself being a dictionary word
  // (النصر) this covers names the analyzer reads as clitic + word (بيندر for Bender matches
  // يندر "it is rare", المجمعه matches المجمع "the compound"), a spelling the dictionary lacks
  // of a word it has once hamza and ta marbuta fold (الأشارة matches الإشارة "the reference"),
  // and a name that a common word spells after a proclitic the dictionary keeps (جيزة matches
  // وجيزة "brief", آئزال matches لايزال "still").
  bool MatchesCommonWord(const std::string& name, const Token& t) const {
    // The name as written, and with the hamza of its first letter and a final ta marbuta
    // GeoNames' spellings often drop (الأشارة for الإشارة, المجمعه for المجمعة).
    std::string body = name;
    std::string article;
    if (body.starts_with(kArticle)) {
      article = kArticle;
      body = body.substr(kArticle.size());
    }
    if (body.ends_with(kHeh)) body = body.substr(0, body.size() - kHeh.size()) + std::string(kTehMarbuta);
    std::string rest = body;
    for (std::string_view alef : kAlefs) {
      if (rest.starts_with(alef)) {
        rest = rest.substr(alef.size());
        break;
      }
    }
    std::vector<std::string> spellings = {name, article + body};
    if (rest.size() != body.size()) {
      for (std::string_view alef : kAlefs) spellings.push_back(article + std::string(alef) + rest);
    }
    for (const std::string& w : spellings) {
      if (analyzer_.IsDictionaryWord(w)) return true;
    }
    // A clitic the analyzer reads off the name leaves a stem that is a word by itself.
    if (!t.enclitic.empty() || (!t.proclitics.empty() && t.proclitics != kArticle)) {
      std::string stem = t.stem;
      if (stem.ends_with(kHeh)) stem = stem.substr(0, stem.size() - kHeh.size()) + std::string(kTehMarbuta);
      if (analyzer_.Segments(stem).size() == 1 && analyzer_.IsDictionaryWord(stem)) return true;
    }
    // A proclitic the dictionary keeps as part of a word: و + جيزة is وجيزة "brief".
    for (std::string_view clitic : kProclitics) {
      const std::string word = std::string(clitic) + body;
      if (analyzer_.Segments(word).size() == 1 && analyzer_.IsDictionaryWord(word)) return true;
    }
    return false;
  }

  // The GeoNames places embedded at build time (src/ner/CMakeLists.txt), after everything
  // else: a name the lexicon already has, for any entity, keeps its entity. Left out: names
  // that are one common word of the Arabic dictionary, a given name or a stopword (a village
  // called النصر or سلمان is not worth every victory and every Salman), and one-word names of
  // fewer than four letters.
  Status LoadGeoNames() {
    constexpr std::string_view kFile = "geonames_places.tsv (built from GeoNames cities500)";
    const std::string_view data(rasd_geonames_begin,
                                static_cast<size_t>(rasd_geonames_end - rasd_geonames_begin));
    std::unordered_set<std::string> known;
    for (const Entry& e : lex_.entries) known.insert(e.form_key);
    for (const TsvRow& row : ParseTsv(data, "")) {
      if (row.fields.size() != 7) return RowError(kFile, row, "expected 7 fields");
      const auto& f = row.fields;
      Entity e;
      e.id = "geo:" + f[0];
      e.name_en = f[1];
      e.type = EntityType::kPlace;
      e.country = f[2];
      if (!ParseCoordinate(f[3], -90, 90, e.lat) || !ParseCoordinate(f[4], -180, 180, e.lon)) {
        return RowError(kFile, row, "bad coordinates");
      }
      if (lex_.by_id.Find(e.country) == nullptr)
        continue;  // a territory countries.tsv codes otherwise
      std::vector<std::string> names;
      for (std::string& name : SplitBar(f[6])) {
        const text::Analysis a = analyzer_.Analyze(name);
        std::string form_key;
        for (const Token& t : a.tokens) form_key += (form_key.empty() ? "" : " ") + t.key;
        if (a.tokens.empty() || known.contains(form_key)) continue;
        if (a.tokens.size() == 1) {
          const Token& t = a.tokens[0];
          size_t letters = 0;
          for (char c : t.key) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
          if (letters < 4 || lex_.given_names.contains(t.key) ||
              lex_.stopwords.contains(t.key) || MatchesCommonWord(name, t)) {
            continue;
          }
        }
        known.insert(form_key);
        names.push_back(std::move(name));
      }
      if (names.empty()) continue;
      e.name_ar = names.front();
      RETURN_IF_ERROR(AddEntity(kFile, row, std::move(e), names));
    }
    return Status::Ok();
  }

  Status LoadTitles() {
    constexpr std::string_view kFile = "titles.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() < 5 || row.fields.size() > 6) {
        return RowError(kFile, row, "expected 5 or 6 fields");
      }
      const auto& f = row.fields;
      Title t;
      t.form = f[0];
      const std::string& kind = f[1];
      if (kind == "person") {
        t.kind = TitleKind::kPerson;
      } else if (kind == "body") {
        t.kind = TitleKind::kBody;
      } else if (kind == "side") {
        t.kind = TitleKind::kSide;
      } else if (kind == "rank") {
        t.kind = TitleKind::kRank;
      } else if (kind == "counterpart") {
        t.kind = TitleKind::kCounterpart;
      } else if (kind == "connector") {
        t.kind = TitleKind::kConnector;
      } else {
        return RowError(kFile, row, "unknown kind " + kind);
      }
      t.role_en = f[2];
      t.sector = f[3];
      t.family = f[4].empty() ? t.role_en : f[4];
      if (f.size() == 6) t.country = f[5];
      if (!t.sector.empty() && t.sector.size() != 3) {
        return RowError(kFile, row, "sector must be 3 letters");
      }
      if (t.kind == TitleKind::kPerson) lex_.role_family.emplace(t.role_en, t.family);
      if (t.kind == TitleKind::kBody) lex_.body_slugs.emplace(Slug(t.role_en), t);
      text::Analysis a = analyzer_.Analyze(t.form);
      if (a.tokens.empty()) return RowError(kFile, row, "empty title");
      t.last_word_definite = IsDefinite(a.tokens.back());
      Entry entry;
      entry.kind = EntryKind::kTitle;
      entry.ref = static_cast<uint32_t>(lex_.titles.size());
      lex_.titles.push_back(std::move(t));
      AddPhrase(lex_.titles.back().form, std::move(entry));
    }
    return Status::Ok();
  }

  Status LoadPeople() {
    constexpr std::string_view kFile = "people.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() != 11) return RowError(kFile, row, "expected 11 fields");
      const auto& f = row.fields;
      Entity e;
      PersonInfo info;
      RETURN_IF_ERROR(ReadPerson(kFile, row, e, info));
      info.surname_alone = f[5] == "yes";
      if (info.surname_alone && info.surnames.empty()) {
        return RowError(kFile, row, "surname_alone=yes without a surname");
      }
      RETURN_IF_ERROR(AddEntity(kFile, row, std::move(e), Names(f[2], f[3])));
      AddPerson(std::move(info), {});
    }
    return Status::Ok();
  }

  // The columns people.tsv and people_public.tsv share, 0 to 8: id, English name, Arabic name,
  // variants, surnames, surname_alone, role, country, actor code (the caller reads variants and
  // surname_alone, which the two files treat differently).
  Status ReadPerson(std::string_view file, const TsvRow& row, Entity& e, PersonInfo& info) {
    const auto& f = row.fields;
    if (!f[0].starts_with("person:")) return RowError(file, row, "id must start with person:");
    if (f[5] != "yes" && f[5] != "no") return RowError(file, row, "surname_alone: yes or no");
    e.id = f[0];
    e.name_en = f[1];
    e.name_ar = f[2];
    e.type = EntityType::kPerson;
    e.role = f[6];
    e.country = f[7];
    e.actor_code = f[8];
    if (!IsWellFormedActorCode(e.actor_code)) return RowError(file, row, "bad actor code");
    if (!e.country.empty()) country_refs_.push_back({std::string(file), row.line, e.country});
    info.entity = static_cast<uint32_t>(lex_.entities.size());
    info.surnames = SplitBar(f[4]);
    return Status::Ok();
  }

  // Registers a person's surnames. A surname in `common` is linked only after the full name,
  // whatever surname_alone says.
  void AddPerson(PersonInfo info, const std::unordered_set<std::string>& common) {
    uint32_t person = static_cast<uint32_t>(lex_.people.size());
    lex_.person_info.emplace(info.entity, person);
    for (const std::string& surname : info.surnames) {
      text::Analysis a = analyzer_.Analyze(surname);
      std::vector<WordLabels> labels;
      for (const Token& t : a.tokens) labels.push_back({t.key, t.stem});
      lex_.surname_trie.Add(labels, person);
      if (info.surname_alone && !common.contains(surname)) {
        Entry entry;
        entry.kind = EntryKind::kEntity;
        entry.ref = info.entity;
        entry.surname = true;
        AddPhrase(surname, std::move(entry));
      }
    }
    lex_.people.push_back(std::move(info));
  }

  // people_public.tsv: people known outside politics (writers, scientists, artists, athletes,
  // religious and historical figures, business people). Loaded after the word lists because a
  // one-word short form that is a common word, a given name or a stopword (محفوظ "kept", أمل,
  // سعيد) never stands alone, even where the row says yes: it links only after the full name.
  // A name another entity already has keeps that entity (people.tsv, places, organisations).
  Status LoadPublicPeople() {
    constexpr std::string_view kFile = "people_public.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    std::unordered_set<std::string> known;
    for (const Entry& entry : lex_.entries) known.insert(entry.form_key);
    for (const TsvRow& row : rows) {
      if (row.fields.size() != 9) return RowError(kFile, row, "expected 9 fields");
      const auto& f = row.fields;
      Entity e;
      PersonInfo info;
      RETURN_IF_ERROR(ReadPerson(kFile, row, e, info));
      // A one-word name that is a common word (فيروز "turquoise") is kept as a short form,
      // which still names the person after a rank (المطربة فيروز) or after the full name.
      std::vector<std::string> names;
      for (std::string& name : Names(f[2], f[3])) {
        if (IsCommonWord(name)) {
          info.surnames.push_back(std::move(name));
        } else if (known.insert(Key(name)).second) {
          names.push_back(std::move(name));
        }
      }
      if (names.empty()) continue;
      info.surname_alone = f[5] == "yes";
      if (info.surname_alone && info.surnames.empty()) {
        return RowError(kFile, row, "surname_alone=yes without a surname");
      }
      std::unordered_set<std::string> common;
      for (const std::string& surname : info.surnames) {
        if (!known.insert(Key(surname)).second || IsCommonWord(surname)) common.insert(surname);
      }
      RETURN_IF_ERROR(AddEntity(kFile, row, std::move(e), names));
      AddPerson(std::move(info), common);
    }
    return Status::Ok();
  }

  // A phrase's key as the trie stores it: token keys joined by one space.
  std::string Key(std::string_view phrase) const {
    std::string key;
    for (const Token& t : analyzer_.Analyze(phrase).tokens) key += (key.empty() ? "" : " ") + t.key;
    return key;
  }

  // A one-word name that is also a word of the dictionary, a given name or a stopword.
  bool IsCommonWord(const std::string& name) const {
    const text::Analysis a = analyzer_.Analyze(name);
    if (a.tokens.size() != 1) return false;
    const Token& t = a.tokens[0];
    return lex_.given_names.contains(t.key) || lex_.stopwords.contains(t.key) ||
           MatchesCommonWord(name, t);
  }

  Status LoadOrganizations() {
    constexpr std::string_view kFile = "organizations.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() != 8) return RowError(kFile, row, "expected 8 fields");
      const auto& f = row.fields;
      Entity e;
      e.id = f[0];
      e.name_en = f[1];
      e.name_ar = f[2];
      if (f[4] == "igo") {
        e.type = EntityType::kIgo;
      } else if (f[4] == "organization") {
        e.type = EntityType::kOrganization;
      } else if (f[4] == "group") {
        e.type = EntityType::kGroup;
      } else {
        return RowError(kFile, row, "type must be igo, organization or group");
      }
      e.country = f[5];
      e.actor_code = f[6];
      e.role = f[7];
      if (!IsWellFormedActorCode(e.actor_code)) return RowError(kFile, row, "bad actor code");
      if (!e.country.empty()) country_refs_.push_back({std::string(kFile), row.line, e.country});
      if (e.type == EntityType::kIgo) lex_.igo_entity.emplace(e.actor_code, e.id);
      RETURN_IF_ERROR(AddEntity(kFile, row, std::move(e), Names(f[2], f[3])));
    }
    return Status::Ok();
  }

  Status LoadNationalities() {
    constexpr std::string_view kFile = "nationalities.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() < 2 || row.fields.size() > 3) {
        return RowError(kFile, row, "expected 2 or 3 fields");
      }
      const auto& f = row.fields;
      if (lex_.by_id.Find(f[0]) == nullptr && lex_.igo_entity.find(f[0]) == lex_.igo_entity.end()) {
        return RowError(kFile, row, "unknown country or IGO code " + f[0]);
      }
      // Each form is added bare and with the article on every word (الكوري الشمالي), and
      // matched with the article agreeing: the analyser reads the first letters of ألبان as the
      // article, and without agreement بأن would match it.
      auto add = [&](const std::string& form, bool collective) {
        std::string definite;
        for (const std::string& word : SplitSpace(form)) {
          if (!definite.empty()) definite += ' ';
          definite += std::string(kArticle) + word;
        }
        for (const std::string* phrase : {&form, static_cast<const std::string*>(&definite)}) {
          Entry entry;
          entry.kind = EntryKind::kNationality;
          entry.ref = static_cast<uint32_t>(lex_.nationalities.size());
          lex_.nationalities.push_back({f[0], collective});
          AddPhrase(*phrase, std::move(entry));
        }
      };
      for (const std::string& adjective : SplitBar(f[1])) {
        // The masculine singular, then the feminine and the two sound plurals, the suffix added
        // to every nisba word (كوري شمالي -> كورية شمالية; جنوب أفريقي -> جنوب أفريقية).
        add(adjective, false);
        for (std::string_view suffix :
             {kTehMarbuta, std::string_view("\u0648\u0646"), std::string_view("\u064A\u0646")}) {
          std::string form;
          for (const std::string& word : SplitSpace(adjective)) {
            if (!form.empty()) form += ' ';
            form += word;
            if (EndsWith(word, kYeh)) form += suffix;
          }
          add(form, suffix != kTehMarbuta);
        }
      }
      if (f.size() == 3) {
        for (const std::string& collective : SplitBar(f[2])) add(collective, true);
      }
    }
    return Status::Ok();
  }

  Status LoadPrefixes() {
    constexpr std::string_view kFile = "ner_prefixes.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() != 2 ||
          (row.fields[1] != "country" && row.fields[1] != "place" && row.fields[1] != "capital")) {
        return RowError(kFile, row, "expected word<TAB>country|place|capital");
      }
      Entry entry;
      entry.kind = EntryKind::kPrefix;
      entry.ref = static_cast<uint32_t>(lex_.prefixes.size());
      lex_.prefixes.push_back(row.fields[1]);
      AddPhrase(row.fields[0], std::move(entry));
    }
    return Status::Ok();
  }

  Status LoadOrgHeads() {
    constexpr std::string_view kFile = "ner_org_heads.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      OrgHead kind = OrgHead::kInside;
      if (row.fields.size() == 2 && row.fields[1] == "outside") {
        kind = OrgHead::kOutside;
      } else if (row.fields.size() == 2 && row.fields[1] == "media") {
        kind = OrgHead::kMedia;
      } else if (row.fields.size() == 2 && row.fields[1] == "club") {
        kind = OrgHead::kClub;
      } else if (row.fields.size() != 2 || row.fields[1] != "inside") {
        return RowError(kFile, row, "expected word<TAB>inside|outside|media|club");
      }
      lex_.org_heads[analyzer_.normalizer().Key(row.fields[0])] = kind;
    }
    return Status::Ok();
  }

  Status LoadBlocked() {
    constexpr std::string_view kFile = "ner_blocked.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.empty() || row.fields[0].empty()) return RowError(kFile, row, "empty phrase");
      Entry entry;
      entry.kind = EntryKind::kBlocked;
      AddPhrase(row.fields[0], std::move(entry));
    }
    return Status::Ok();
  }

  Status LoadAmbiguities() {
    constexpr std::string_view kFile = "ner_ambiguous.tsv";
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(kFile));
    for (const TsvRow& row : rows) {
      if (row.fields.size() < 3 || row.fields.size() > 5) {
        return RowError(kFile, row, "expected 3 to 5 fields");
      }
      const auto& f = row.fields;
      if (lex_.Find(f[1]) == nullptr || lex_.Find(f[2]) == nullptr) {
        return RowError(kFile, row, "unknown entity id");
      }
      Ambiguity a{f[1], f[2], f.size() >= 4 ? SplitBar(f[3]) : std::vector<std::string>{},
                  f.size() == 5 ? SplitBar(f[4]) : std::vector<std::string>{}};
      std::string key;
      for (const Token& t : analyzer_.Analyze(f[0]).tokens) {
        if (!key.empty()) key += ' ';
        key += t.key;
      }
      lex_.ambiguities.emplace(key, std::move(a));
    }
    return Status::Ok();
  }

  Status LoadWordList(std::string_view file, WordSet& out) {
    ASSIGN_OR_RETURN(std::vector<TsvRow> rows, Rows(file));
    for (const TsvRow& row : rows) {
      if (row.fields.empty() || row.fields[0].empty()) continue;
      out.insert(analyzer_.normalizer().Key(row.fields[0]));
    }
    return Status::Ok();
  }

  Status CheckReferences() {
    for (const auto& [country, capital] : capitals_) {
      const Entity* place = lex_.Find(capital);
      if (place == nullptr || place->type != EntityType::kPlace) {
        return Status::InvalidInput("data/lexicon/countries.tsv: capital " + capital + " of " +
                                    country + " is not in places.tsv");
      }
    }
    for (const CountryRef& ref : country_refs_) {
      const Entity* c = lex_.Find(ref.country);
      if (c == nullptr || c->type != EntityType::kCountry) {
        return Status::InvalidInput("data/lexicon/" + ref.file + ":" + std::to_string(ref.line) +
                                    ": unknown country " + ref.country);
      }
    }
    return Status::Ok();
  }

  struct CountryRef {
    std::string file;
    int line = 0;
    std::string country;
  };

  const text::Analyzer& analyzer_;
  Lexicon& lex_;
  std::vector<std::string> contents_;
  std::vector<std::pair<std::string, std::string>> capitals_;
  std::vector<CountryRef> country_refs_;
};

}  // namespace

const Entity* Lexicon::Find(std::string_view id) const {
  const uint32_t* index = by_id.Find(id);
  return index == nullptr ? nullptr : &entities[*index];
}

std::string Slug(std::string_view english) {
  std::string out;
  for (char c : english) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool IsWellFormedActorCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 6) return false;
  if (!std::isupper(static_cast<unsigned char>(code[0]))) return false;
  for (char c : code) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!std::isupper(u) && !std::isdigit(u)) return false;
  }
  return true;
}

Result<Lexicon> LoadLexicon(const text::Analyzer& analyzer) {
  Lexicon lex;
  lex.analyzer = &analyzer;
  Compiler compiler(analyzer, lex);
  RETURN_IF_ERROR(compiler.Run());
  return lex;
}

}  // namespace rasd::ner
