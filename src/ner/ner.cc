#include "ner/ner.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "ner/lexicon.h"

namespace rasd::ner {
namespace {

constexpr std::string_view kGov = "GOV";
constexpr std::string_view kComma = ",";
constexpr std::string_view kLam = "\u0644";
constexpr std::string_view kArticle = "\u0627\u0644";

bool IsComma(const Token& t) { return t.kind == TokenKind::kPunct && t.key == kComma; }

// The proclitics of a token begin with the preposition ل (ل, لل): a complement such as
// "لشؤون الشرق الأوسط" or "للأمم المتحدة".
bool StartsWithLam(const Token& t) { return t.proclitics.starts_with(kLam); }

// A conjunction or preposition on a word (و, ب, ل, ف...), as opposed to the bare article.
bool HasNonArticleProclitic(const Token& t) {
  std::string_view p = t.proclitics;
  return !p.empty() && p != kArticle;
}

// The sector of a CAMEO-style actor code "RUSGOV" -> "GOV", or "".
std::string SectorOf(std::string_view actor) {
  return actor.size() == 6 ? std::string(actor.substr(3)) : std::string();
}

// Who a title or nationality points to: a country (ISO alpha-3), an international body (IGO
// actor code), or an organisation with its own actor (حماس -> PSEREB).
struct Owner {
  std::string country;     // ISO alpha-3 or ""
  std::string igo;         // IGO actor code or ""
  std::string org_actor;   // actor of an organisation owner, or ""
  std::string org_entity;  // that organisation's entity id, or ""
  // The owner as a lexicon entity written after the title (للأمم المتحدة, حزب الشعب
  // الجمهوري), with its tokens; absent for a nationality adjective.
  std::optional<uint32_t> entity;
  uint32_t first = 0;
  uint32_t end = 0;

  bool empty() const { return country.empty() && igo.empty() && org_actor.empty(); }
  // The key people and bodies of this owner are grouped under (for in-document linking).
  std::string Key() const {
    if (!country.empty()) return country;
    if (!igo.empty()) return igo;
    return org_actor;
  }
  std::string Actor(std::string_view sector) const {
    if (!igo.empty()) return igo;
    if (!org_actor.empty()) return org_actor;  // the group's own actor (حماس: PSEREB)
    return country + std::string(sector);
  }
};

// A person named in the document so far, for surname and role linking.
struct DocPerson {
  std::string entity;  // "" for a name the lexicon does not know
  std::string key;     // Owner::Key()
  std::string country;
  std::string actor;
  std::string role;
  std::string family;
};

struct Candidate {
  uint32_t consumed = 0;  // tokens consumed from the start position
  bool has_mention = false;
  Mention mention;
  std::optional<DocPerson> person;  // a person to remember for later linking
  std::optional<Mention> owner;     // an organisation named between a title and a name
  std::string unknown_surname;      // key of an unknown name's last word
  bool ambiguous = false;           // an entry of ner_ambiguous.tsv, linked to its default
  std::string ambiguity_form;
};

// Returns true if `a` should replace `b` (longer wins; ties keep the earlier, higher-priority
// candidate).
bool Better(const Candidate& a, const Candidate& b) { return a.consumed > b.consumed; }

struct Hit {
  uint32_t len = 0;
  uint32_t entry = 0;
};

class DocumentPass {
 public:
  DocumentPass(const Lexicon& lex, std::string_view text, const text::Analysis& analysis)
      : lex_(lex), text_(text), tokens_(analysis.tokens), sentences_(analysis.sentences) {}

  std::vector<Mention> Run() {
    for (uint32_t s = 0; s < sentences_.size(); ++s) {
      const Sentence& sentence = sentences_[s];
      uint32_t end = std::min<uint32_t>(sentence.end_token, static_cast<uint32_t>(tokens_.size()));
      uint32_t i = sentence.first_token;
      while (i < end) {
        Candidate c = Best(i, end, s, sentence.dateline);
        if (c.consumed == 0) {
          ++i;
          continue;
        }
        Accept(c);
        i += c.consumed;
      }
    }
    ResolveAmbiguities();
    return std::move(out_);
  }

 private:
  // Every lexicon entry matching at token i (article agreement checked).
  std::vector<Hit> HitsAt(uint32_t i, uint32_t end) const {
    std::vector<Hit> hits;
    lex_.trie.Match(tokens_, i, end, [&](uint32_t len, uint32_t e) {
      const Entry& entry = lex_.entries[e];
      for (uint32_t w = 0; w < len; ++w) {
        const Token& t = tokens_[i + w];
        if (t.key == entry.keys[w]) continue;
        // A name does not take a possessive pronoun: قطرها is "its diameter", not Qatar.
        if (IsDefinite(t) != entry.definite[w] || !t.enclitic.empty()) return;
      }
      hits.push_back({len, e});
    });
    return hits;
  }

  std::optional<Hit> Longest(const std::vector<Hit>& hits, EntryKind kind) const {
    std::optional<Hit> best;
    for (const Hit& h : hits) {
      if (lex_.entries[h.entry].kind != kind) continue;
      if (!best || h.len > best->len) best = h;
    }
    return best;
  }

  // The longest entity hit, preferring (at equal length) people, then organisations, then
  // countries, then places.
  std::optional<Hit> LongestEntity(const std::vector<Hit>& hits) const {
    auto rank = [&](const Hit& h) {
      switch (lex_.entities[lex_.entries[h.entry].ref].type) {
        case EntityType::kPerson:
          return 4;
        case EntityType::kIgo:
        case EntityType::kOrganization:
        case EntityType::kGroup:
          return 3;
        case EntityType::kCountry:
          return 2;
        default:
          return 1;
      }
    };
    std::optional<Hit> best;
    for (const Hit& h : hits) {
      if (lex_.entries[h.entry].kind != EntryKind::kEntity) continue;
      if (!best || h.len > best->len || (h.len == best->len && rank(h) > rank(*best))) best = h;
    }
    return best;
  }

  const Title* TitleOf(const Hit& h) const {
    const Entry& e = lex_.entries[h.entry];
    return e.kind == EntryKind::kTitle ? &lex_.titles[e.ref] : nullptr;
  }

  void Fill(Mention& m, uint32_t first, uint32_t end, uint32_t sentence) const {
    m.first_token = first;
    m.end_token = end;
    m.sentence = sentence;
    m.span = {tokens_[first].span.start, tokens_[end - 1].span.end};
    m.text = std::string(m.span.In(text_));
  }

  // A mention of lexicon entity `index` over tokens [first, end).
  Mention EntityMention(uint32_t index, uint32_t first, uint32_t end, uint32_t sentence,
                        bool dateline, bool locative) const {
    const Entity& e = lex_.entities[index];
    Mention m;
    Fill(m, first, end, sentence);
    m.entity = e.id;
    m.type = e.type;
    m.country = e.country;
    m.kind = MentionKind::kName;
    m.actor_code = e.actor_code;
    // A capital stands for its government, except in a dateline ("موسكو - سبوتنيك.") or as a
    // location after العاصمة, where it is only a place.
    if (e.type == EntityType::kPlace && lex_.capitals.count(index) != 0 && !dateline && !locative) {
      m.kind = MentionKind::kCapital;
      m.actor_code = e.country + std::string(kGov);
    }
    return m;
  }

  Owner OwnerOfNationality(const Nationality& n) const {
    Owner o;
    if (lex_.Find(n.country) != nullptr && lex_.Find(n.country)->type == EntityType::kCountry) {
      o.country = n.country;
    } else {
      o.igo = n.country;
    }
    return o;
  }

  std::optional<Owner> OwnerOfEntity(uint32_t index) const {
    const Entity& e = lex_.entities[index];
    Owner o;
    switch (e.type) {
      case EntityType::kCountry:
        o.country = e.id;
        return o;
      case EntityType::kPlace:
        if (lex_.capitals.count(index) == 0) return std::nullopt;
        o.country = e.country;
        return o;
      case EntityType::kIgo:
        o.igo = e.actor_code;
        o.org_entity = e.id;
        return o;
      case EntityType::kOrganization:
      case EntityType::kGroup:
        o.country = e.country;
        o.org_actor = e.actor_code;
        o.org_entity = e.id;
        return o;
      default:
        return std::nullopt;
    }
  }

  // The country or body a title at [.., j) belongs to, written after it: a nationality
  // adjective (الروسي), a country or capital in construct (خارجية أرمينيا, حكومة يريفان), or
  // after a connector (في جمهورية أذربيجان, باسم الخارجية), or an organisation with ل
  // (للأمم المتحدة). Returns the owner and the token after it.
  std::optional<std::pair<Owner, uint32_t>> ParseOwner(uint32_t j, uint32_t end,
                                                       const Title& title) const {
    if (j >= end) return std::nullopt;
    bool connector = false;
    std::vector<Hit> hits = HitsAt(j, end);
    for (const Hit& h : hits) {
      const Title* t = TitleOf(h);
      if (t != nullptr && t->kind == TitleKind::kConnector) {
        connector = true;
        j += h.len;
        hits = j < end ? HitsAt(j, end) : std::vector<Hit>();
        break;
      }
    }
    if (j >= end) return std::nullopt;
    std::optional<std::pair<Owner, uint32_t>> best;
    if (auto n = Longest(hits, EntryKind::kNationality)) {
      best.emplace(OwnerOfNationality(lex_.nationalities[lex_.entries[n->entry].ref]), j + n->len);
    }
    // A country or capital directly after a title is a construct (وزير خارجية أرمينيا): only
    // when the title's last word has no article (وزير الخارجية روسيا is not one).
    bool construct = connector || !title.last_word_definite || StartsWithLam(tokens_[j]);
    uint32_t start = j;
    if (auto p = Longest(hits, EntryKind::kPrefix);
        p && lex_.prefixes[lex_.entries[p->entry].ref] == "country" && j + p->len < end) {
      std::vector<Hit> after = HitsAt(j + p->len, end);
      if (auto e = LongestEntity(after);
          e && lex_.entities[lex_.entries[e->entry].ref].type == EntityType::kCountry) {
        hits.push_back({p->len + e->len, e->entry});
      }
    }
    if (auto e = LongestEntity(hits); e && construct && (!best || e->len >= best->second - start)) {
      if (auto o = OwnerOfEntity(lex_.entries[e->entry].ref)) {
        o->entity = lex_.entries[e->entry].ref;
        o->first = start;
        o->end = start + e->len;
        best.emplace(*o, start + e->len);
      }
    }
    return best;
  }

  // A word that begins with a proclitic (و ف ب ل ك س) by the treebank segmenter, which keeps
  // whole the names that only look segmentable when the dictionary lacks their stem (بيرنار).
  // A pronoun it reads at the end is not trusted: unknown names end like pronouns (تيلاني).
  bool HasClitic(const Token& t) const {
    if (lex_.analyzer == nullptr) return HasNonArticleProclitic(t);
    const std::vector<std::string> parts = lex_.analyzer->Segments(t.span.In(text_));
    return parts.size() > 1 && parts.front().size() == 2;  // one Arabic letter
  }

  // A word that links the parts of an Arabic name: بن، ابن، بنت، آل، أبي (data in
  // ner_stopwords.tsv would end the name instead).
  bool IsNameLink(const Token& t) const { return lex_.name_links.count(t.key) != 0; }

  // A name after a title: a lexicon person, or an unknown name (see the header of
  // data/lexicon/ner_given_names.tsv). Returns [first, end) of the name and the person entity
  // index, if known.
  struct Name {
    uint32_t first = 0;
    uint32_t end = 0;
    std::optional<uint32_t> entity;
  };
  // A word that may begin a name the lexicon lacks after a title: a common given name, or a
  // word the Arabic dictionary does not know (شيراك, بلير, زيدان). `titled`: a title or
  // nationality stands before it, so one such word is a name by itself.
  bool StartsName(const Token& t) const {
    if (lex_.given_names.count(t.key) != 0) return true;
    return t.kind == TokenKind::kWord && lex_.analyzer != nullptr &&
           !lex_.analyzer->IsDictionaryWord(t.span.In(text_));
  }

  std::optional<Name> ParseName(uint32_t n, uint32_t end, bool after_comma,
                                bool titled = false) const {
    while (n < end) {  // ranks and honorifics: الفريق, الشيخ
      std::vector<Hit> hits = HitsAt(n, end);
      std::optional<Hit> rank;
      for (const Hit& h : hits) {
        const Title* t = TitleOf(h);
        if (t != nullptr && t->kind == TitleKind::kRank && (!rank || h.len > rank->len)) rank = h;
      }
      if (!rank) break;
      n += rank->len;
    }
    if (n >= end) return std::nullopt;
    std::vector<Hit> hits = HitsAt(n, end);
    std::optional<Name> by_surname;
    if (auto e = LongestEntity(hits);
        e && lex_.entities[lex_.entries[e->entry].ref].type == EntityType::kPerson) {
      if (!lex_.entries[e->entry].surname) return Name{n, n + e->len, lex_.entries[e->entry].ref};
      by_surname = Name{n, n + e->len, lex_.entries[e->entry].ref};
    }
    // After a title, a lexicon person's surname alone is that person (الرئيس بوش, الرئيس
    // مبارك), even one too common to match alone elsewhere.
    if (titled && !by_surname) {
      lex_.surname_trie.Match(tokens_, n, end, [&](uint32_t len, uint32_t p) {
        if (!by_surname || n + len > by_surname->end) {
          by_surname = Name{n, n + len, lex_.people[p].entity};
        }
      });
    }
    // An unknown name: up to four name-like words, not counting the links of Arabic names
    // (حمد بن خليفة آل ثاني, سعد بن أبي وقاص), which never end one.
    uint32_t k = n;
    uint32_t words = 0;
    while (k < end && words < 4) {
      const Token& t = tokens_[k];
      if (t.kind != TokenKind::kWord || HasClitic(t) || lex_.stopwords.count(t.key) != 0 ||
          lex_.stopwords.count(t.stem) != 0) {
        break;
      }
      // A word that starts a lexicon phrase (a country, a title) is not part of the name; the
      // first may be the surname read above (ماركوس in ماركوس تيلاني).
      bool lexical = false;
      for (const Hit& h : HitsAt(k, end)) {
        lexical = lexical || lex_.entries[h.entry].kind != EntryKind::kBlocked;
      }
      if (lexical && !(k == n && by_surname)) break;
      // A common noun with the article after three name words is what the person does
      // something to (استقبل الشيخ حمد بن سالم آل زعبيل الوفد).
      if (words >= 3 && IsDefinite(t) && lex_.analyzer != nullptr &&
          lex_.analyzer->IsDictionaryWord(t.span.In(text_))) {
        break;
      }
      if (!IsNameLink(t)) ++words;
      ++k;
    }
    while (k > n && IsNameLink(tokens_[k - 1])) --k;
    uint32_t len = k - n;
    // The lexicon's person unless the name goes on past the surname (ماركوس تيلاني).
    if (by_surname && len <= by_surname->end - n) return by_surname;
    if (len == 0) return std::nullopt;
    if (titled) {
      // After a title: a given name or a word the dictionary lacks begins the name; a
      // dictionary word alone is not one (الرئيس السابق, الشيخ الجليل).
      if (!StartsName(tokens_[n])) return std::nullopt;
      return Name{n, k, std::nullopt};
    }
    if (len < 2) return std::nullopt;
    bool closed = k >= end || tokens_[k].kind == TokenKind::kPunct;
    if (lex_.given_names.count(tokens_[n].key) == 0 && !(after_comma && closed)) {
      return std::nullopt;
    }
    return Name{n, k, std::nullopt};
  }

  // A name after a title or rank that names no country or body (الرئيس جاك شيراك, الشيخ
  // حمد بن خليفة, السيد عمرو موسى): a person mention over the name, with the lexicon person's
  // actor when the lexicon knows the name, else no actor. `name_at`: where the name may begin
  // (a rank is skipped by ParseName itself).
  std::optional<Candidate> UnownedName(uint32_t i, uint32_t name_at, uint32_t end,
                                       uint32_t sentence, const Title& title) const {
    std::optional<Name> name = ParseName(name_at, end, false, /*titled=*/true);
    if (!name || name->first == i) return std::nullopt;
    return PersonName(*name, i, sentence, title.kind == TitleKind::kPerson ? title.role_en : "");
  }

  // The candidate of a person name found at [name.first, name.end) by a pattern that began at
  // token i: the lexicon person with their actor, or an unknown person with none, whose last
  // word alone later in the document is them (not a word with the article: المرأة is far
  // more often a common noun than a surname).
  Candidate PersonName(const Name& name, uint32_t i, uint32_t sentence,
                       const std::string& role) const {
    Candidate c;
    c.consumed = name.end - i;
    c.has_mention = true;
    Fill(c.mention, name.first, name.end, sentence);
    c.mention.type = EntityType::kPerson;
    c.mention.kind = MentionKind::kName;
    if (name.entity) {
      const Entity& e = lex_.entities[*name.entity];
      c.mention.entity = e.id;
      c.mention.country = e.country;
      c.mention.actor_code = e.actor_code;
      c.person = DocPerson{e.id,      e.country.empty() ? e.actor_code : e.country,
                           e.country, e.actor_code,
                           e.role,    Family(e.role)};
    } else if (!IsDefinite(tokens_[name.end - 1])) {
      c.unknown_surname = tokens_[name.end - 1].key;
      c.person = DocPerson{"", "", "", "", role, ""};
    }
    return c;
  }

  // The role of the person last named, for نظيره.
  struct LastRole {
    std::string role;
    std::string sector;
    std::string family;
  };

  std::optional<Candidate> TitlePattern(uint32_t i, uint32_t end, uint32_t sentence,
                                        const Hit& hit) {
    const Title& title = *TitleOf(hit);
    if (title.kind == TitleKind::kConnector) return std::nullopt;
    if (title.kind == TitleKind::kRank) return UnownedName(i, i, end, sentence, title);
    uint32_t j = i + hit.len;
    std::optional<std::pair<Owner, uint32_t>> owner = ParseOwner(j, end, title);
    if (!owner && !title.country.empty()) {
      Owner o;
      if (lex_.Find(title.country) != nullptr &&
          lex_.Find(title.country)->type == EntityType::kCountry) {
        o.country = title.country;
      } else {
        o.igo = title.country;
      }
      owner.emplace(o, j);
    }
    // "وزير الخارجية ونظيره الروسي": a counterpart takes the role of the title last seen, even
    // one without a country.
    if (title.kind == TitleKind::kPerson) {
      last_role_ = LastRole{title.role_en, title.sector, title.family};
    }
    if (!owner) {
      return title.kind == TitleKind::kPerson ? UnownedName(i, j, end, sentence, title)
                                              : std::nullopt;
    }
    const Owner& o = owner->first;
    uint32_t k = owner->second;

    Candidate c;
    Mention& m = c.mention;
    c.has_mention = true;
    m.country = o.country;
    switch (title.kind) {
      case TitleKind::kBody: {
        // A body belongs to a country or an international body, not to a group.
        if (!o.org_actor.empty()) return std::nullopt;
        Fill(m, i, k, sentence);
        c.consumed = k - i;
        m.kind = MentionKind::kBody;
        m.type = EntityType::kOrganization;
        m.actor_code = o.Actor(title.sector);
        m.entity = o.Key() + ":" + Slug(title.role_en);
        return c;
      }
      case TitleKind::kSide: {
        if (!o.org_actor.empty()) return std::nullopt;
        Fill(m, i, k, sentence);
        c.consumed = k - i;
        m.kind = MentionKind::kNationality;
        if (!o.country.empty()) {
          m.entity = o.country;
          m.type = EntityType::kCountry;
        } else {
          auto it = lex_.igo_entity.find(o.igo);
          m.entity = it == lex_.igo_entity.end() ? std::string() : it->second;
          m.type = EntityType::kIgo;
        }
        m.actor_code = o.Actor(title.sector);
        return c;
      }
      default:
        break;
    }
    // A person: title (or counterpart), owner, then perhaps a name.
    std::string role = title.role_en;
    std::string sector = title.sector;
    std::string family = title.family;
    if (title.kind == TitleKind::kCounterpart) {
      if (last_role_) {
        role = last_role_->role;
        sector = last_role_->sector;
        family = last_role_->family;
      } else {
        role = "counterpart";
        sector = std::string(kGov);
        family = role;
      }
    }
    if (sector.empty()) sector = std::string(kGov);
    std::string actor = o.Actor(sector);

    uint32_t n = k;
    bool after_comma = false;
    // A complement between the owner and the name: "لشؤون الشرق الأوسط وشمال إفريقيا، هاميش".
    if (n < end && StartsWithLam(tokens_[n])) {
      for (uint32_t q = n + 1; q < end && q < n + 9; ++q) {
        if (IsComma(tokens_[q])) {
          n = q;
          break;
        }
      }
    }
    if (n < end && IsComma(tokens_[n])) {
      ++n;
      after_comma = true;
    }
    DocPerson person{"", o.Key(), o.country, actor, role, family};
    if (std::optional<Name> name = ParseName(n, end, after_comma, /*titled=*/true)) {
      Fill(m, name->first, name->end, sentence);
      c.consumed = name->end - i;
      m.kind = MentionKind::kName;
      m.type = EntityType::kPerson;
      m.actor_code = actor;
      if (name->entity) {
        const Entity& e = lex_.entities[*name->entity];
        m.entity = e.id;
        if (m.country.empty()) m.country = e.country;
        person.entity = e.id;
      } else if (name->end - name->first >= 2) {
        c.unknown_surname = tokens_[name->end - 1].key;
      }
      c.person = person;
      // "زعيم حزب الشعب الجمهوري أوزغور أوزيل": the party is a mention of its own.
      if (o.entity && !o.org_entity.empty()) {
        c.owner = EntityMention(*o.entity, o.first, o.end, sentence, false, false);
      }
      return c;
    }
    // No name: a role mention, linked to the person of that role and owner named earlier.
    Fill(m, i, k, sentence);
    c.consumed = k - i;
    m.kind = MentionKind::kRole;
    m.type = EntityType::kPerson;
    m.actor_code = actor;
    for (auto it = doc_people_.rbegin(); it != doc_people_.rend(); ++it) {
      if (it->key != person.key || it->entity.empty()) continue;
      if (it->role == role || it->family == role) {
        m.entity = it->entity;
        break;
      }
    }
    return c;
  }

  Candidate Best(uint32_t i, uint32_t end, uint32_t sentence, bool dateline) {
    std::vector<Hit> hits = HitsAt(i, end);
    Candidate best;

    // 1. A lexicon name, possibly after a prefix (جمهورية, منطقة, العاصمة).
    std::optional<Hit> entity = LongestEntity(hits);
    bool locative = false;
    uint32_t prefix = 0;  // words of the prefix: consumed, but outside the mention's span
    if (auto p = Longest(hits, EntryKind::kPrefix); p && i + p->len < end) {
      const std::string& applies = lex_.prefixes[lex_.entries[p->entry].ref];
      std::vector<Hit> after = HitsAt(i + p->len, end);
      if (auto e = LongestEntity(after)) {
        EntityType type = lex_.entities[lex_.entries[e->entry].ref].type;
        bool fits =
            (applies == "country" && type == EntityType::kCountry) ||
            (applies != "country" && type == EntityType::kPlace) ||
            (applies == "capital" && lex_.ambiguities.count(lex_.entries[e->entry].form_key) != 0);
        if (fits && (!entity || p->len + e->len > entity->len)) {
          entity = Hit{p->len + e->len, e->entry};
          locative = applies == "capital";
          prefix = p->len;
        }
      }
    }
    if (entity) {
      const Entry& entry = lex_.entries[entity->entry];
      uint32_t index = entry.ref;
      Candidate c;
      c.consumed = entity->len;
      c.has_mention = true;
      auto amb = lex_.ambiguities.find(entry.form_key);
      if (amb != lex_.ambiguities.end() && amb->second.default_id == lex_.entities[index].id) {
        // A dateline or العاصمة points to the capital at once; cues are weighed at the end.
        const Entity* alt = lex_.Find(amb->second.alternative_id);
        if ((dateline || locative) && alt != nullptr && alt->type == EntityType::kPlace) {
          index = lex_.by_id.at(alt->id);
        } else {
          c.ambiguous = true;
          c.ambiguity_form = entry.form_key;
        }
      }
      // The prefix, like a title, belongs to no mention: جمهورية أذربيجان names أذربيجان.
      c.mention = EntityMention(index, i + prefix, i + entity->len, sentence, dateline, locative);
      if (lex_.entities[index].type == EntityType::kPerson) {
        const Entity& e = lex_.entities[index];
        c.person = DocPerson{e.id,      e.country.empty() ? e.actor_code : e.country,
                             e.country, e.actor_code,
                             e.role,    Family(e.role)};
        // A surname standing alone takes the actor its person had earlier in this document
        // (the title said then what the person was).
        if (entry.surname) {
          for (auto d = doc_people_.rbegin(); d != doc_people_.rend(); ++d) {
            if (d->entity == e.id) {
              c.mention.actor_code = d->actor;
              c.person = *d;
              break;
            }
          }
        }
      }
      best = std::move(c);
    }

    // 2. A title pattern (longest title that forms one).
    std::vector<Hit> titles;
    for (const Hit& h : hits) {
      if (lex_.entries[h.entry].kind == EntryKind::kTitle) titles.push_back(h);
    }
    std::sort(titles.begin(), titles.end(),
              [](const Hit& a, const Hit& b) { return a.len > b.len; });
    for (const Hit& h : titles) {
      if (std::optional<Candidate> c = TitlePattern(i, end, sentence, h)) {
        if (Better(*c, best)) best = std::move(*c);
        break;
      }
    }

    // 3. A nationality standing alone (الأرمن, القصف الأرميني). When it spells the same as a
    // country (سورية, جيبوتي), the article decides: السورية is the adjective.
    if (auto n = Longest(hits, EntryKind::kNationality)) {
      bool take = n->len > best.consumed;
      if (n->len == best.consumed && best.has_mention && entity &&
          best.mention.type == EntityType::kCountry && best.mention.kind == MentionKind::kName &&
          IsDefinite(tokens_[i]) && !lex_.entries[entity->entry].definite[0]) {
        take = true;
      }
      if (take) {
        Candidate c;
        c.consumed = n->len;
        c.has_mention = true;
        Owner o = OwnerOfNationality(lex_.nationalities[lex_.entries[n->entry].ref]);
        Fill(c.mention, i, i + n->len, sentence);
        c.mention.kind = MentionKind::kNationality;
        if (!o.country.empty()) {
          c.mention.entity = o.country;
          c.mention.type = EntityType::kCountry;
          c.mention.country = o.country;
          c.mention.actor_code = o.country;
        } else {
          auto it = lex_.igo_entity.find(o.igo);
          c.mention.entity = it == lex_.igo_entity.end() ? std::string() : it->second;
          c.mention.type = EntityType::kIgo;
          c.mention.actor_code = o.igo;
        }
        best = std::move(c);
      }
    }

    // 4. A surname of a person named earlier in this document (ميرزويان, بيلوسي, حسين).
    if (best.consumed == 0 || !best.has_mention) {
      lex_.surname_trie.Match(tokens_, i, end, [&](uint32_t len, uint32_t p) {
        if (len <= best.consumed) return;
        const Entity& e = lex_.entities[lex_.people[p].entity];
        for (auto d = doc_people_.rbegin(); d != doc_people_.rend(); ++d) {
          if (d->entity != e.id) continue;
          Candidate c;
          c.consumed = len;
          c.has_mention = true;
          Fill(c.mention, i, i + len, sentence);
          c.mention.entity = e.id;
          c.mention.type = EntityType::kPerson;
          c.mention.kind = MentionKind::kName;
          c.mention.country = d->country.empty() ? e.country : d->country;
          c.mention.actor_code = d->actor;
          c.person = *d;
          best = std::move(c);
          return;
        }
      });
    }
    if (best.consumed == 0 && tokens_[i].kind == TokenKind::kWord) {
      for (const std::string* k : {&tokens_[i].key, &tokens_[i].stem}) {
        auto it = unknown_surnames_.find(*k);
        if (it == unknown_surnames_.end()) continue;
        const DocPerson& d = doc_people_[it->second];
        Candidate c;
        c.consumed = 1;
        c.has_mention = true;
        Fill(c.mention, i, i + 1, sentence);
        c.mention.type = EntityType::kPerson;
        c.mention.kind = MentionKind::kName;
        c.mention.country = d.country;
        c.mention.actor_code = d.actor;
        best = std::move(c);
        break;
      }
    }

    // 4b. A name without a title: a common given name and the name-like words after it
    // (قال محمد البرادعي, التقى جورج بوش), under the rules of ParseName. It stands for a
    // person of no known actor; a later mention of its last word alone links to it.
    if (best.consumed == 0 && tokens_[i].kind == TokenKind::kWord &&
        lex_.given_names.count(tokens_[i].key) != 0 && !IsNameLink(tokens_[i])) {
      if (std::optional<Name> name = ParseName(i, end, false);
          name && name->first == i && name->end - name->first >= 2) {
        best = PersonName(*name, i, sentence, "");
      }
    }

    // 4c. A name the lexicon and the dictionary lack right after a verb of saying (وقال
    // شومسكي إن): the speaker. A person of no known actor; its last word alone later is them.
    if (best.consumed == 0 && i > sentences_[sentence].first_token &&
        tokens_[i].kind == TokenKind::kWord && !IsNameLink(tokens_[i]) &&
        (lex_.name_cues.count(tokens_[i - 1].key) != 0 ||
         lex_.name_cues.count(tokens_[i - 1].stem) != 0) &&
        lex_.analyzer != nullptr && !lex_.analyzer->IsDictionaryWord(tokens_[i].span.In(text_))) {
      if (std::optional<Name> name = ParseName(i, end, false, /*titled=*/true);
          name && name->first == i && !name->entity) {
        best = PersonName(*name, i, sentence, "");
      }
    }

    // 5. A blocked phrase at least as long as the best match hides it.
    if (auto b = Longest(hits, EntryKind::kBlocked); b && b->len >= best.consumed) {
      Candidate c;
      c.consumed = b->len;
      return c;
    }
    return best;
  }

  std::string Family(const std::string& role) const {
    auto it = lex_.role_family.find(role);
    return it == lex_.role_family.end() ? role : it->second;
  }

  void Accept(const Candidate& c) {
    if (!c.has_mention) return;
    if (c.person) {
      doc_people_.push_back(*c.person);
      // A name without a title says no role: the role last seen stands.
      if (!c.person->role.empty() || !c.person->actor.empty()) {
        last_role_ = LastRole{c.person->role, SectorOf(c.person->actor), c.person->family};
      }
      if (!c.unknown_surname.empty() && lex_.stopwords.count(c.unknown_surname) == 0) {
        unknown_surnames_[c.unknown_surname] = doc_people_.size() - 1;
      }
    }
    if (c.owner) out_.push_back(*c.owner);
    if (c.ambiguous) ambiguous_.emplace_back(out_.size(), c.ambiguity_form);
    out_.push_back(c.mention);
  }

  // A name shared by two entities (عمان: Oman or Amman) goes to the alternative when the
  // document mentions a cue country and never the default's country otherwise.
  void ResolveAmbiguities() {
    if (ambiguous_.empty()) return;
    std::unordered_set<size_t> pending;
    for (const auto& a : ambiguous_) pending.insert(a.first);
    std::unordered_set<std::string> countries;
    for (size_t m = 0; m < out_.size(); ++m) {
      if (pending.count(m) == 0 && !out_[m].country.empty()) countries.insert(out_[m].country);
    }
    for (const auto& [m, form] : ambiguous_) {
      const Ambiguity& a = lex_.ambiguities.at(form);
      const Entity* def = lex_.Find(a.default_id);
      const Entity* alt = lex_.Find(a.alternative_id);
      if (def == nullptr || alt == nullptr || countries.count(def->country) != 0) continue;
      bool cued = false;
      for (const std::string& cue : a.cues) cued = cued || countries.count(cue) != 0;
      if (!cued) continue;
      Mention& mention = out_[m];
      bool dateline = sentences_[mention.sentence].dateline;
      Mention replaced = EntityMention(lex_.by_id.at(alt->id), mention.first_token,
                                       mention.end_token, mention.sentence, dateline, false);
      mention = std::move(replaced);
    }
  }

  const Lexicon& lex_;
  std::string_view text_;
  std::span<const Token> tokens_;
  std::span<const Sentence> sentences_;
  std::vector<Mention> out_;
  std::vector<DocPerson> doc_people_;
  std::unordered_map<std::string, size_t> unknown_surnames_;
  std::optional<LastRole> last_role_;
  std::vector<std::pair<size_t, std::string>> ambiguous_;
};

}  // namespace

struct Recognizer::Impl {
  Lexicon lex;
  // Bodies built by pattern ("AZE:ministry-of-defence"), made on first request. Entities are
  // never removed, so pointers handed out stay valid for the Recognizer's lifetime.
  mutable std::shared_mutex mu;
  mutable std::unordered_map<std::string, std::unique_ptr<Entity>> synthesized;

  const Entity* Synthesize(std::string_view id) const;
};

const Entity* Recognizer::Impl::Synthesize(std::string_view id) const {
  size_t colon = id.find(':');
  if (colon == std::string_view::npos) return nullptr;
  std::string owner(id.substr(0, colon));
  std::string slug(id.substr(colon + 1));
  auto body = lex.body_slugs.find(slug);
  if (body == lex.body_slugs.end()) return nullptr;
  const Entity* owner_entity = lex.Find(owner);
  std::string country;
  if (owner_entity != nullptr && owner_entity->type == EntityType::kCountry) {
    country = owner;
  } else {
    auto igo = lex.igo_entity.find(owner);
    if (igo == lex.igo_entity.end()) return nullptr;
    owner_entity = lex.Find(igo->second);
    if (owner_entity == nullptr) return nullptr;
  }
  {
    std::shared_lock lock(mu);
    auto it = synthesized.find(std::string(id));
    if (it != synthesized.end()) return it->second.get();
  }
  auto e = std::make_unique<Entity>();
  e->id = std::string(id);
  e->name_en = owner_entity->name_en + " " + body->second.role_en;
  e->name_ar = body->second.form + " (" + owner_entity->name_ar + ")";
  e->type = EntityType::kOrganization;
  e->country = country;
  e->actor_code = country.empty() ? owner : country + body->second.sector;
  e->role = body->second.role_en;
  std::transform(e->role.begin(), e->role.end(), e->role.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  std::unique_lock lock(mu);
  auto [it, inserted] = synthesized.emplace(std::string(id), std::move(e));
  return it->second.get();
}

Recognizer::Recognizer() = default;
Recognizer::~Recognizer() = default;
Recognizer::Recognizer(Recognizer&&) noexcept = default;
Recognizer& Recognizer::operator=(Recognizer&&) noexcept = default;

Result<Recognizer> Recognizer::Load(const text::Analyzer& analyzer) {
  Recognizer r;
  r.impl_ = std::make_unique<Impl>();
  ASSIGN_OR_RETURN(r.impl_->lex, LoadLexicon(analyzer));
  // Unknown names are told from common words by the analyzer's dictionary: index it now, with
  // the rest of loading, rather than in the first article.
  analyzer.IsDictionaryWord("كتاب");
  return r;
}

std::vector<Mention> Recognizer::Recognize(std::string_view text,
                                           const text::Analysis& analysis) const {
  if (impl_ == nullptr) return {};
  DocumentPass pass(impl_->lex, text, analysis);
  return pass.Run();
}

const Entity* Recognizer::FindEntity(std::string_view id) const {
  if (impl_ == nullptr) return nullptr;
  if (const Entity* e = impl_->lex.Find(id)) return e;
  return impl_->Synthesize(id);
}

std::span<const Entity> Recognizer::entities() const {
  if (impl_ == nullptr) return {};
  return impl_->lex.entities;
}

}  // namespace rasd::ner
