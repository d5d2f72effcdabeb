#include "ner/ner.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/hash.h"
#include "ner/lexicon.h"

namespace rasd::ner {
namespace {

constexpr std::string_view kGov = "GOV";
constexpr std::string_view kComma = ",";
constexpr std::string_view kLam = "\u0644";
constexpr std::string_view kArticle = "\u0627\u0644";
constexpr std::string_view kWaw = "\u0648";
constexpr std::string_view kYeh = "\u064A";
constexpr std::string_view kTeh = "\u062A";
constexpr std::string_view kAlefMaqsura = "\u0649";
constexpr std::string_view kYehHeh = "\u064A\u0647";    // ية with ة folded to ه
constexpr std::string_view kNoonYeh = "\u0646\u064A";   // ني "me"
constexpr std::string_view kNoonAlef = "\u0646\u0627";  // نا "us"
constexpr std::string_view kFeh = "\u0641";
constexpr std::string_view kOpenBracket = "(";
constexpr std::string_view kCloseBracket = ")";
constexpr std::string_view kHeh = "\u0647";               // and ة, folded to it
constexpr std::string_view kPluralIn = "\u064A\u0646";    // ين
constexpr std::string_view kPluralUn = "\u0648\u0646";    // ون
constexpr std::string_view kLamArticle = "\u0644\u0644";  // لل = ل + ال

// Quotation marks around a name (صحيفة " معاريف ", « الديار »).
bool IsQuote(const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  static constexpr std::string_view kQuotes[] = {"\"",     "'",      "''",    "\u00AB",
                                                 "\u00BB", "\u201C", "\u201D"};
  for (std::string_view q : kQuotes) {
    if (t.key == q) return true;
  }
  return false;
}

// Whether a key begins with a letter of the Arabic block (U+0600-U+06FF: lead bytes D8-DB).
bool IsArabicLetter(std::string_view key) {
  if (key.empty()) return false;
  const auto lead = static_cast<unsigned char>(key[0]);
  return lead >= 0xD8 && lead <= 0xDB;
}

// Countries and places: the entities whose names take type words and epithets.
bool IsPlaceType(EntityType type) {
  return type == EntityType::kPlace || type == EntityType::kCountry;
}

bool IsComma(const Token& t) { return t.kind == TokenKind::kPunct && t.key == kComma; }

// The proclitics of a token begin with the preposition ل (ل, لل): a complement such as
// "لشؤون الشرق الأوسط" or "للأمم المتحدة".
bool StartsWithLam(const Token& t) { return t.proclitics.starts_with(kLam); }

// A conjunction, preposition or future particle on a word (و, ب, ل, ف, س...), as opposed to the
// bare article. The tokens' clitics are the treebank segmenter's, which keeps whole the names
// that only look segmentable when the dictionary lacks their stem (بيرنار); a pronoun at the
// end is not counted: unknown names end like pronouns (تيلاني).
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
  std::string unknown_given;        // key of an unknown name's first word
  bool ambiguous = false;           // an entry of ner_ambiguous.tsv, linked to its default
  std::string ambiguity_form;
  // A role mention no earlier person resolved: the owner's key and the role, for a person of
  // that role named just after it.
  std::optional<std::pair<std::string, std::string>> unresolved_role;
};

// Returns true if `a` should replace `b` (longer wins; ties keep the earlier, higher-priority
// candidate).
bool Better(const Candidate& a, const Candidate& b) { return a.consumed > b.consumed; }

struct Hit {
  uint32_t len = 0;
  uint32_t entry = 0;
  // The entry's kind and, for an entity, its type, copied from the lexicon when the hit is
  // found: the rules choose among a token's hits by these, several times a token, and the
  // lexicon's entries and entities are large arrays read at random.
  EntryKind kind = EntryKind::kEntity;
  EntityType type = EntityType::kUnknown;
};

// What the Arabic dictionary and the treebank segmenter say of a word (a word the dictionary
// lacks), kept across documents, one table a thread.
// Why: both are asked of most tokens (two unknown words in a row may begin a name), each
// answer costs a segmentation and a dictionary look-up, and news repeats three words in four;
// before this table they took two thirds of recognition. Direct-mapped on a 64-bit hash of the
// word (a collision of two words in use is negligible); entries are tagged with the owner, a
// number per Recognizer never reused, so a table outliving a Recognizer never answers for
// another. The answers depend on the word alone: its token fields are the analyzer's
// functions of the word.
class WordFacts {
 public:
  enum Fact : uint8_t { kUnknown = 1 };

  static uint64_t NewOwner() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
  }

  // The fact for (owner, word): 1 or 0, or -1 when not known.
  static int Find(uint64_t owner, uint64_t hash, Fact fact) {
    const Entry& e = Local()[hash % kEntries];
    if (e.owner != owner || e.hash != hash || (e.known & fact) == 0) return -1;
    return (e.values & fact) != 0 ? 1 : 0;
  }

  static void Store(uint64_t owner, uint64_t hash, Fact fact, bool value) {
    Entry& e = Local()[hash % kEntries];
    if (e.owner != owner || e.hash != hash) e = Entry{owner, hash, 0, 0};
    e.known |= fact;
    if (value) e.values |= fact;
  }

 private:
  static constexpr size_t kEntries = 1 << 16;  // 1.5 MiB a thread
  struct Entry {
    uint64_t owner = 0;
    uint64_t hash = 0;
    uint8_t known = 0;
    uint8_t values = 0;
  };
  static Entry* Local() {
    thread_local std::unique_ptr<std::array<Entry, kEntries>> table =
        std::make_unique<std::array<Entry, kEntries>>();
    return table->data();
  }
};

class DocumentPass {
 public:
  DocumentPass(const Lexicon& lex, uint64_t owner, std::string_view text,
               const text::Analysis& analysis)
      : lex_(lex),
        owner_(owner),
        text_(text),
        tokens_(analysis.tokens),
        sentences_(analysis.sentences),
        unknown_(analysis.tokens.size(), -1),
        given_(analysis.tokens.size(), -1),
        stop_(analysis.tokens.size(), -1),
        hits_(HitLists(analysis.tokens.size())),
        hits_end_(analysis.tokens.size(), 0) {
    // Each word's key and stem hashed once (by the analyzer): the tries and word sets ask
    // about them at every position they are walked from.
    if (analysis.key_hashes.size() == tokens_.size() &&
        analysis.stem_hashes.size() == tokens_.size()) {
      key_hashes_ = analysis.key_hashes;
      stem_hashes_ = analysis.stem_hashes;
    } else {
      own_key_hashes_.resize(tokens_.size());
      own_stem_hashes_.resize(tokens_.size());
      for (size_t i = 0; i < tokens_.size(); ++i) {
        own_key_hashes_[i] = analysis.KeyHash(i);
        own_stem_hashes_[i] = analysis.StemHash(i);
      }
      key_hashes_ = own_key_hashes_;
      stem_hashes_ = own_stem_hashes_;
    }
  }

  std::vector<Mention> Run() {
    for (uint32_t s = 0; s < sentences_.size(); ++s) {
      const Sentence& sentence = sentences_[s];
      uint32_t end = std::min<uint32_t>(sentence.end_token, static_cast<uint32_t>(tokens_.size()));
      uint32_t i = sentence.first_token;
      // One candidate for all the tokens: most begin none, and building and destroying one
      // at every token cost a twentieth of recognition. Best leaves it as it found it
      // (default) unless it sets consumed or has_mention, so only then is it reset.
      Candidate c;
      while (i < end) {
        PrefetchUpTo(i + kPrefetchAhead);
        Best(i, end, s, sentence.dateline, c);
        if (c.consumed == 0) {
          if (c.has_mention) c = Candidate();
          ++i;
          continue;
        }
        Accept(c);
        i += c.consumed;
        c = Candidate();
      }
    }
    ResolveAmbiguities();
    ResolveRolesForward();
    return std::move(out_);
  }

 private:
  // The tables a token's questions read (the trie's root, the given names, the stop words)
  // are large and read at random: a token's entries are asked for
  // kPrefetchAhead tokens before the candidate that starts there, so that the misses of
  // nearby tokens overlap instead of following one another.
  static constexpr uint32_t kPrefetchAhead = 24;
  void PrefetchUpTo(uint32_t end) {
    end = std::min<uint32_t>(end, static_cast<uint32_t>(tokens_.size()));
    for (; prefetched_ < end; ++prefetched_) {
      const uint32_t k = prefetched_;
      lex_.trie.PrefetchFirst(key_hashes_[k]);
      lex_.given_names.Prefetch(key_hashes_[k]);
      lex_.stopwords.Prefetch(key_hashes_[k]);
      if (stem_hashes_[k] != key_hashes_[k]) {
        lex_.trie.PrefetchFirst(stem_hashes_[k]);
        lex_.stopwords.Prefetch(stem_hashes_[k]);
      }
    }
  }

  // Every lexicon entry matching at token i (article agreement checked). Asked several times
  // of most tokens (as a candidate's start, as a name's next word, after a title): the answer
  // for the sentence's end is kept per token. The reference stays valid until HitsAt(i, e) is
  // asked with another end.
  const std::vector<Hit>& HitsAt(uint32_t i, uint32_t end) const {
    if (hits_end_[i] == end) return hits_[i];
    std::vector<Hit>& hits = hits_[i];
    hits.clear();
    hits_end_[i] = end;
    lex_.trie.Match(tokens_, key_hashes_, stem_hashes_, i, end, [&](uint32_t len, uint32_t e) {
      const Entry& entry = lex_.entries[e];
      for (uint32_t w = 0; w < len; ++w) {
        const Token& t = tokens_[i + w];
        if (t.key == entry.keys[w]) continue;
        // A name does not take a possessive pronoun: قطرها is "its diameter", not Qatar.
        if (IsDefinite(t) != entry.definite[w] || !t.enclitic.empty()) return;
      }
      hits.push_back({len, e, entry.kind,
                      entry.kind == EntryKind::kEntity ? lex_.entities[entry.ref].type
                                                       : EntityType::kUnknown});
    });
    return hits;
  }

  // Inlined: called at every token, a call returned the optional through memory and stalled
  // on reading it back.
  [[gnu::always_inline]] std::optional<Hit> Longest(const std::vector<Hit>& hits,
                                                    EntryKind kind) const {
    std::optional<Hit> best;
    for (const Hit& h : hits) {
      if (h.kind != kind) continue;
      if (!best || h.len > best->len) best = h;
    }
    return best;
  }

  // The longest entity hit, preferring (at equal length) people, then organisations, then
  // countries, then places.
  [[gnu::always_inline]] std::optional<Hit> LongestEntity(const std::vector<Hit>& hits) const {
    auto rank = [&](const Hit& h) {
      switch (h.type) {
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
      if (h.kind != EntryKind::kEntity) continue;
      if (!best || h.len > best->len || (h.len == best->len && rank(h) > rank(*best))) best = h;
    }
    return best;
  }

  // How many words at the start of a lexicon name of `len` words, of an entity of `type`, are
  // a title or rank (a person's: الملك سلمان) or a type word of ner_prefixes.tsv (a place's or
  // country's: مدينة غزة, جمهورية أرمينيا): the mention leaves them out. `hits`: every hit at
  // the name's first word.
  uint32_t LeadingTypeWords(const std::vector<Hit>& hits, uint32_t len, EntityType type) const {
    uint32_t words = 0;
    for (const Hit& h : hits) {
      if (h.len >= len || h.len <= words) continue;
      const Title* t = TitleOf(h);
      const bool title = t != nullptr && type == EntityType::kPerson &&
                         (t->kind == TitleKind::kPerson || t->kind == TitleKind::kRank);
      // A compass word is a type word of a region (جنوب لبنان), not of a country's name
      // (جنوب أفريقيا).
      const Entry& e = lex_.entries[h.entry];
      const bool type_word = e.kind == EntryKind::kPrefix &&
                             ((type == EntityType::kPlace && lex_.prefixes[e.ref] != "country") ||
                              (type == EntityType::kCountry && lex_.prefixes[e.ref] == "country"));
      if (title || type_word) words = h.len;
    }
    return words;
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
    // The token's own list, not a copy: HitsAt at other tokens leaves it as it is.
    const std::vector<Hit>* hits = &HitsAt(j, end);
    for (const Hit& h : *hits) {
      const Title* t = TitleOf(h);
      if (t != nullptr && t->kind == TitleKind::kConnector) {
        connector = true;
        j += h.len;
        if (j < end) hits = &HitsAt(j, end);
        break;
      }
    }
    if (j >= end) return std::nullopt;
    std::optional<std::pair<Owner, uint32_t>> best;
    if (auto n = Longest(*hits, EntryKind::kNationality)) {
      best.emplace(OwnerOfNationality(lex_.nationalities[lex_.entries[n->entry].ref]), j + n->len);
    }
    // A country or capital directly after a title is a construct (وزير خارجية أرمينيا): only
    // when the title's last word has no article (وزير الخارجية روسيا is not one).
    bool construct = connector || !title.last_word_definite || StartsWithLam(tokens_[j]);
    uint32_t start = j;
    uint32_t prefix = 0;  // جمهورية before a country: consumed, outside the owner's mention
    std::optional<Hit> entity = LongestEntity(*hits);
    if (auto p = Longest(*hits, EntryKind::kPrefix);
        p && lex_.prefixes[lex_.entries[p->entry].ref] == "country" && j + p->len < end) {
      const std::vector<Hit>& after = HitsAt(j + p->len, end);
      if (auto e = LongestEntity(after);
          e && lex_.entities[lex_.entries[e->entry].ref].type == EntityType::kCountry) {
        // Prefix and country together are longer than any entity written at j, so they are
        // the owner's name.
        if (!entity || entity->len < p->len + e->len) {
          entity = Hit{p->len + e->len, e->entry};
          prefix = p->len;
        }
      }
    }
    if (const std::optional<Hit>& e = entity;
        e && construct && (!best || e->len >= best->second - start)) {
      if (auto o = OwnerOfEntity(lex_.entries[e->entry].ref)) {
        o->entity = lex_.entries[e->entry].ref;
        const uint32_t trimmed =
            prefix > 0
                ? prefix
                : LeadingTypeWords(*hits, e->len, lex_.entities[lex_.entries[e->entry].ref].type);
        o->first = start + trimmed;
        o->end = start + e->len;
        best.emplace(*o, start + e->len);
      }
    }
    return best;
  }

  // A word that links the parts of an Arabic name: بن، ابن، بنت، آل، أبي (data in
  // ner_stopwords.tsv would end the name instead).
  bool IsNameLink(const Token& t) const { return KeyIn(lex_.name_links, t); }

  // Whether a token's key (stem) is in a word set, with the token's hash computed once.
  // Inlined: asked several times a token, mostly of sets whose filter rejects the word at
  // once, so a call cost more than the look-up.
  [[gnu::always_inline]] bool KeyIn(const WordSet& set, const Token& t) const {
    const size_t index = static_cast<size_t>(&t - tokens_.data());
    return index < key_hashes_.size() ? set.contains(key_hashes_[index], t.key)
                                      : set.contains(t.key);
  }
  [[gnu::always_inline]] bool StemIn(const WordSet& set, const Token& t) const {
    const size_t index = static_cast<size_t>(&t - tokens_.data());
    return index < stem_hashes_.size() ? set.contains(stem_hashes_[index], t.stem)
                                       : set.contains(t.stem);
  }

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
    if (IsGivenName(t)) return true;
    return t.kind == TokenKind::kWord && lex_.analyzer != nullptr &&
           !lex_.analyzer->IsDictionaryWord(t.span.In(text_));
  }

  // A given name, written alone or after the conjunction و (ومحمد: "and Muhammad").
  bool IsGivenName(const Token& t) const {
    const size_t index = static_cast<size_t>(&t - tokens_.data());
    if (index < given_.size() && given_[index] >= 0) return given_[index] == 1;
    const bool given = KeyIn(lex_.given_names, t) ||
                       (t.proclitics == kWaw && t.enclitic.empty() && StemIn(lex_.given_names, t));
    if (index < given_.size()) given_[index] = given ? 1 : 0;
    return given;
  }

  // A word of Arabic letters the dictionary lacks: a transliterated or family name (شيراك,
  // الطراونة), or a typo.
  // A word of ner_stopwords.tsv. The preposition على and the name علي fold to one key: a
  // given name written with ya is the name.
  bool IsStopword(const Token& t) const {
    const size_t index = static_cast<size_t>(&t - tokens_.data());
    if (index < stop_.size() && stop_[index] >= 0) return stop_[index] == 1;
    const bool stop = (KeyIn(lex_.stopwords, t) || StemIn(lex_.stopwords, t)) &&
                      !(IsGivenName(t) && !t.span.In(text_).ends_with(kAlefMaqsura));
    if (index < stop_.size()) stop_[index] = stop ? 1 : 0;
    return stop;
  }

  // A dictionary word of four letters or more ending in ي, without the article or clitics: a
  // family name when it closes a name (حجازي, غالي, فياضي).
  bool IsNisbaSurname(const Token& t) const {
    return t.kind == TokenKind::kWord && t.proclitics.empty() && t.enclitic.empty() &&
           t.key.size() >= 8 && t.span.In(text_).ends_with(kYeh) && !IsStopword(t);
  }

  // A single letter is an abbreviation (د ب أ), not a name.
  // The dictionary reading of a word that ends like a pronoun the lexicon keys do not strip
  // (تيلاني read as تيلي + ني, مارتينا as مارتي + نا) is not trusted: unknown names end so.
  bool IsUnknownWord(const Token& t) const {
    if (t.kind != TokenKind::kWord || !IsArabicLetter(t.key) || t.key.size() <= 2 ||
        lex_.analyzer == nullptr) {
      return false;
    }
    // Asked of most words several times (as a name's start, continuation, or a pair's half):
    // the dictionary and segmenter answer once per token.
    const size_t index = static_cast<size_t>(&t - tokens_.data());
    if (index < unknown_.size() && unknown_[index] >= 0) return unknown_[index] == 1;
    const uint64_t hash = Hash64(t.span.In(text_));
    int known = WordFacts::Find(owner_, hash, WordFacts::kUnknown);
    if (known < 0) {
      known = ReadUnknownWord(t) ? 1 : 0;
      WordFacts::Store(owner_, hash, WordFacts::kUnknown, known == 1);
    }
    if (index < unknown_.size()) unknown_[index] = static_cast<int8_t>(known);
    return known == 1;
  }

  bool ReadUnknownWord(const Token& t) const {
    const std::string_view word = t.span.In(text_);
    if (!lex_.analyzer->IsDictionaryWord(word)) return true;
    // A clitic the segmenter reads is trusted (a ف before a name the dictionary lacks is not
    // read: فيرجسون stays whole); a first- or second-person pronoun at the end is not (the
    // token leaves it on the stem): تيلاني as تيلي + ني, مارتينا as مارتي + نا.
    if (!t.enclitic.empty() || !t.proclitics.empty()) return false;
    if (!t.key.ends_with(kYeh) && !t.key.ends_with(kNoonAlef)) return false;
    thread_local std::vector<std::string> parts;  // keeps its strings' storage
    lex_.analyzer->Segments(word, parts);
    return parts.size() > 1 &&
           (parts.back() == kYeh || parts.back() == kNoonYeh || parts.back() == kNoonAlef);
  }

  // Whether token k goes on with a name begun before it: a given name (خالد, السعيد), a word
  // the dictionary lacks, or any word after عبد and أبو (عبد الله, أبو مازن). A dictionary
  // word ends the name, so the verb or noun after it is not taken in (عبد الله بامخالف عضو,
  // صالح تعهد, نجيب محفوظ أكثر).
  bool ContinuesName(uint32_t k) const {
    const Token& t = tokens_[k];
    const Token& before = tokens_[k - 1];
    if (KeyIn(lex_.name_heads, before) || KeyIn(lex_.name_heads, t) || IsNameLink(before)) {
      return true;  // عبد الله, أبو مازن, بن فرحان, آل ثاني
    }
    if (KeyIn(lex_.given_names, t) || KeyIn(lex_.name_parts, t)) return true;
    if (IsDefinite(t)) {
      // A family name with the article: a given name (السعيد) or a nisba (الخطابي, الحسني);
      // the nisbas of countries are lexicon words and end the name before this is asked.
      if (StemIn(lex_.given_names, t)) return true;
      if (t.enclitic.empty() && t.stem.size() > 4 && t.stem.ends_with(kYeh)) return true;
    }
    return IsUnknownWord(t);
  }

  // A word that may be a family name after a given name: an indefinite word with no clitic,
  // neither a stopword nor a lexicon word, that does not look like a verb (present tense
  // prefix ي or ت, past ending ت).
  bool PlainFamilyName(uint32_t k, uint32_t end) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord || !IsArabicLetter(t.key) || !t.proclitics.empty() ||
        !t.enclitic.empty() || IsStopword(t) || t.key.size() <= 4) {
      return false;
    }
    if (t.key.starts_with(kYeh) || t.key.starts_with(kTeh) || t.key.ends_with(kTeh)) return false;
    for (const Hit& h : HitsAt(k, end)) {
      if (h.kind != EntryKind::kBlocked) return false;
    }
    return true;
  }

  std::optional<Name> ParseName(uint32_t n, uint32_t end, bool after_comma,
                                bool titled = false) const {
    while (n < end) {  // ranks and honorifics: الفريق, الشيخ
      const std::vector<Hit>& hits = HitsAt(n, end);
      std::optional<Hit> rank;
      for (const Hit& h : hits) {
        const Title* t = TitleOf(h);
        if (t != nullptr && t->kind == TitleKind::kRank && (!rank || h.len > rank->len)) rank = h;
      }
      if (!rank) break;
      n += rank->len;
      // A nationality between a rank and the name (المدرب البرازيلي كارلوس ألبرتو باريرا).
      if (n < end) {
        if (auto nat = Longest(HitsAt(n, end), EntryKind::kNationality)) n += nat->len;
      }
    }
    if (n >= end) return std::nullopt;
    const std::vector<Hit>& hits = HitsAt(n, end);
    std::optional<Name> by_surname;
    if (auto e = LongestEntity(hits);
        e && lex_.entities[lex_.entries[e->entry].ref].type == EntityType::kPerson) {
      if (!lex_.entries[e->entry].surname) {
        // A title written in the lexicon's name (الملك محمد السادس) is not part of the mention.
        return Name{n + LeadingTypeWords(hits, e->len, EntityType::kPerson), n + e->len,
                    lex_.entries[e->entry].ref};
      }
      by_surname = Name{n, n + e->len, lex_.entries[e->entry].ref};
    }
    // After a title, a lexicon person's surname alone is that person (الرئيس بوش, الرئيس
    // مبارك), even one too common to match alone elsewhere.
    if (titled && !by_surname) {
      lex_.surname_trie.Match(tokens_, key_hashes_, stem_hashes_, n, end, [&](uint32_t len, uint32_t p) {
        if (!by_surname || n + len > by_surname->end) {
          by_surname = Name{n, n + len, lex_.people[p].entity};
        }
      });
    }
    // An unknown name: up to four name-like words, not counting the links of Arabic names
    // (حمد بن خليفة آل ثاني, سعد بن أبي وقاص), which never end one.
    uint32_t k = n;
    uint32_t words = 0;
    const bool ambiguous_first =
        IsGivenName(tokens_[n]) && lex_.stopwords.count(tokens_[n].key) != 0;
    while (k < end && words < 4) {
      const Token& t = tokens_[k];
      // The name's first word may carry the conjunction و (وكوفي أنان: "and Kofi Annan",
      // وغانلوكا); another proclitic begins something else unless the word is a given name.
      // Inside a name only و begins something else (محمد وأحمد): the segmenter may read a
      // foreign name's first letter as ف or ل.
      const bool clitic = k == n
                              ? HasNonArticleProclitic(t) && !IsGivenName(t) && t.proclitics != kWaw
                              : t.proclitics.starts_with(kWaw);
      if (t.kind != TokenKind::kWord || clitic || IsStopword(t)) break;
      // A word that starts a lexicon phrase (a country, a title) is not part of the name; the
      // first may be the surname read above (ماركوس in ماركوس تيلاني).
      // A lexicon person's surname after a given name goes on with it (ستيفان هاربر).
      bool lexical = false;
      for (const Hit& h : HitsAt(k, end)) {
        const Entry& entry = lex_.entries[h.entry];
        lexical = lexical || (entry.kind != EntryKind::kBlocked && !(k > n && entry.surname));
      }
      if (lexical && !(k == n && by_surname)) break;
      // علي is also على written with ya, as much news does: the word after it goes on with
      // the name only when it is a name itself, a link or a plain word the dictionary lacks
      // (علي لاريجاني), not a noun or nisba (علي مستوى, علي التوالي, علي حوالي).
      if (k == n + 1 && ambiguous_first && !IsGivenName(t) && !IsNameLink(t) &&
          lex_.name_heads.count(t.key) == 0 &&
          !(IsUnknownWord(t) && t.proclitics.empty() && t.enclitic.empty())) {
        break;
      }
      if (k > n && !IsNameLink(t) && !ContinuesName(k)) {
        // A nisba without the article ends a name as a family name (يوسف بطرس غالي, أحمد
        // عبد المعطي حجازي): nouns and verbs after a name rarely end so.
        if (IsNisbaSurname(t)) ++k;
        break;
      }
      if (!IsNameLink(t)) ++words;
      ++k;
    }
    while (k > n && IsNameLink(tokens_[k - 1])) --k;
    // A given name alone after a title or a verb of saying is seldom the whole name: a plain
    // word after it is the family name, though the dictionary knows it (الدكتور علي جمعة,
    // المخرج محمد فاضل, وقال برونو موتان). Not a verb: a word that begins like the present
    // tense (يكتب, تتحدث) or ends like the past of a woman (تناولت), nor a stopword, a
    // lexicon word or a word with clitics.
    if (titled && k == n + 1 && k < end && IsGivenName(tokens_[n]) && !ambiguous_first &&
        tokens_[n].proclitics.empty() && PlainFamilyName(k, end)) {
      ++k;
    }
    uint32_t len = k - n;
    // A name that ends on the unambiguous surname of a lexicon person is that person written
    // with a spelling of the given name the lexicon lacks (ستيفان هاربر for ستيفن هاربر).
    if (!by_surname && len >= 2) {
      lex_.surname_trie.Match(tokens_, key_hashes_, stem_hashes_, k - 1, k, [&](uint32_t, uint32_t p) {
        if (lex_.people[p].surname_alone) by_surname = Name{n, k, lex_.people[p].entity};
      });
      if (by_surname) return by_surname;
    }
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
    if (!IsGivenName(tokens_[n]) && !(after_comma && closed)) {
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
    // One word with the article after a bare rank is an adjective: الفريق الفاسي is "the Fez
    // team", not General Fassi.
    if (!name->entity && name->end - name->first == 1 && IsDefinite(tokens_[name->first])) {
      return std::nullopt;
    }
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
    // The first word too, for names written in full once and then by the given name (فايز
    // السعيد ... فايز): not a head of a compound (عبد) nor a word with و.
    if (!name.entity && name.end - name.first >= 2) {
      const Token& first = tokens_[name.first];
      if (first.proclitics.empty() && lex_.name_heads.count(first.key) == 0) {
        c.unknown_given = first.key;
        if (!c.person) c.person = DocPerson{"", "", "", "", role, ""};
      }
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
      if (title.kind == TitleKind::kBody) return BodyAlone(i, j, sentence, title);
      if (title.kind != TitleKind::kPerson) return std::nullopt;
      if (std::optional<Candidate> c = UnownedName(i, j, end, sentence, title)) return c;
      return TitleAlone(i, j, sentence, title);
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
        // An owner written by name (قوات الاتحاد الأفريقي, وزارة خارجية أرمينيا) is a mention
        // of its own after the body's, as for a role (سفير غانا): a name inside a description.
        // Not a capital, which there stands for the state and is part of the body's name
        // (حكومة يريفان is Armenia's government).
        const bool named_owner = o.entity && !lex_.capitals.contains(*o.entity);
        Fill(m, i, named_owner ? j : k, sentence);
        if (named_owner) {
          c.owner = EntityMention(*o.entity, o.first, o.end, sentence, false, false);
        }
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
      // "زعيم حزب الشعب الجمهوري أوزغور أوزيل", "وزير خارجية روسيا سيرغي لافروف": the party
      // or country written by name is a mention of its own.
      if (o.entity) {
        c.owner = EntityMention(*o.entity, o.first, o.end, sentence, false, false);
      }
      return c;
    }
    // No name: a role mention, linked to the person of that role and owner named earlier. A
    // country or body written by name after the title (سفير غانا, مندوب فرنسا لدى) is a
    // mention of its own, after the role.
    Fill(m, i, o.entity ? o.first : k, sentence);
    c.consumed = k - i;
    if (o.entity) c.owner = EntityMention(*o.entity, o.first, o.end, sentence, false, false);
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
    if (m.entity.empty()) c.unresolved_role.emplace(person.key, role);
    return c;
  }

  // A definite title standing alone, with no owner and no name (كما وجه السفير نداء, وأكد
  // الوزير): the person of that role named last in the document, as a role mention with that
  // person's actor. Nothing when no such person was named: a bare title is too often generic
  // (الرئيس as an office) to stand for an actor unseen.
  std::optional<Candidate> TitleAlone(uint32_t i, uint32_t j, uint32_t sentence,
                                      const Title& title) const {
    if (!IsDefinite(tokens_[i])) return std::nullopt;
    for (auto it = doc_people_.rbegin(); it != doc_people_.rend(); ++it) {
      if (it->entity.empty() && it->actor.empty()) continue;
      if (it->role != title.role_en && it->family != title.family) continue;
      Candidate c;
      c.consumed = j - i;
      c.has_mention = true;
      Fill(c.mention, i, j, sentence);
      c.mention.kind = MentionKind::kRole;
      c.mention.type = EntityType::kPerson;
      c.mention.entity = it->entity;
      c.mention.country = it->country;
      c.mention.actor_code = it->actor;
      return c;
    }
    return std::nullopt;
  }

  // A definite body title alone (وقالت الوزارة, وأضافت الخارجية, أعلن الجيش): the body of
  // that kind named last in the document, as a body mention of its own; none when no such
  // body was named. The generic head reaches any body of its kind (الوزارة after وزارة
  // الخارجية العراقية: ministry-of-foreign-affairs begins with ministry).
  std::optional<Candidate> BodyAlone(uint32_t i, uint32_t j, uint32_t sentence,
                                     const Title& title) const {
    if (!IsDefinite(tokens_[j - 1])) return std::nullopt;
    const std::string slug = Slug(title.role_en);
    for (auto it = out_.rbegin(); it != out_.rend(); ++it) {
      if (it->kind != MentionKind::kBody || it->entity.empty()) continue;
      const size_t colon = it->entity.find(':');
      if (colon == std::string::npos ||
          !std::string_view(it->entity).substr(colon + 1).starts_with(slug)) {
        continue;
      }
      Candidate c;
      c.consumed = j - i;
      c.has_mention = true;
      Fill(c.mention, i, j, sentence);
      c.mention.kind = MentionKind::kBody;
      c.mention.type = it->type;
      c.mention.entity = it->entity;
      c.mention.country = it->country;
      c.mention.actor_code = it->actor_code;
      return c;
    }
    return std::nullopt;
  }

  // The best candidate starting at token i, into `best`, which must come default-constructed.
  // Every candidate it takes has a mention or consumes a token (a blocked phrase, or one that
  // beats consumed == 0), so a `best` left with neither is still default.
  void Best(uint32_t i, uint32_t end, uint32_t sentence, bool dateline, Candidate& best) {
    const std::vector<Hit>& hits = HitsAt(i, end);

    // 1. A lexicon name, possibly after a prefix (جمهورية, منطقة, العاصمة).
    std::optional<Hit> entity = LongestEntity(hits);
    bool locative = false;
    uint32_t prefix = 0;  // words of the prefix: consumed, but outside the mention's span
    if (auto p = Longest(hits, EntryKind::kPrefix); p && i + p->len < end) {
      const std::string& applies = lex_.prefixes[lex_.entries[p->entry].ref];
      const std::vector<Hit>& after = HitsAt(i + p->len, end);
      if (auto e = LongestEntity(after)) {
        const EntityType type = e->type;
        bool fits =
            (applies == "country" && type == EntityType::kCountry) ||
            (applies != "country" && type == EntityType::kPlace) ||
            (applies == "capital" && lex_.ambiguities.count(lex_.entries[e->entry].form_key) != 0);
        if (fits && (!entity || p->len + e->len > entity->len)) {
          entity = Hit{p->len + e->len, e->entry, e->kind, e->type};
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
          index = *lex_.by_id.Find(alt->id);
        } else {
          c.ambiguous = true;
          c.ambiguity_form = entry.form_key;
        }
      }
      // A title or rank written in a person's lexicon name (الملك سلمان, الشيخ تميم بن حمد)
      // belongs to no mention, as after a title pattern.
      // So does a type word written in a place's lexicon name (مدينة غزة, قطاع غزة, دولة
      // الإمارات): the mention is the name, the entity the one the longer form names.
      if (prefix == 0) prefix = LeadingTypeWords(hits, entity->len, lex_.entities[index].type);
      // An epithet ending a place's lexicon name (مكة المكرمة) is outside the mention too.
      uint32_t last = i + entity->len;
      if (IsPlaceType(lex_.entities[index].type)) {
        while (last > i + prefix + 1 && lex_.epithets.count(tokens_[last - 1].key) != 0) --last;
      }
      // The prefix, like a title, belongs to no mention: جمهورية أذربيجان names أذربيجان.
      c.mention = EntityMention(index, i + prefix, last, sentence, dateline, locative);
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
      // A city or country with a masculine nationality adjective is a sports club (ليون
      // الفرنسي, قطر القطري): a city or country takes the feminine (ليون الفرنسية).
      const EntityType type = lex_.entities[index].type;
      const uint32_t a = i + entity->len;
      auto as_organization = [&](uint32_t consumed) {
        c.mention.entity.clear();
        c.mention.type = EntityType::kOrganization;
        c.mention.kind = MentionKind::kName;
        c.mention.country.clear();
        c.mention.actor_code.clear();
        c.consumed = consumed;
        c.ambiguous = false;
      };
      if (prefix == 0 && !dateline && a < end &&
          (type == EntityType::kCountry || type == EntityType::kPlace)) {
        const Token& adj = tokens_[a];
        const std::string_view k = adj.key;
        if (adj.proclitics == kArticle && adj.enclitic.empty() && !k.ends_with(kHeh) &&
            !k.ends_with(kPluralIn) && !k.ends_with(kPluralUn)) {
          if (auto n = Longest(HitsAt(a, end), EntryKind::kNationality); n && n->len == 1) {
            as_organization(entity->len + 1);
          }
        }
        // A city with its country in brackets is a club in a sports table or fixture (ليفربول
        // ( إنجلترا )); the country stays a place.
        if (type == EntityType::kPlace && a + 2 < end && tokens_[a].key == kOpenBracket &&
            tokens_[a + 2].key == kCloseBracket) {
          if (auto e = LongestEntity(HitsAt(a + 1, a + 2));
              e && lex_.entities[lex_.entries[e->entry].ref].type == EntityType::kCountry) {
            as_organization(entity->len);
          }
        }
        // A place's name of two words or more alone between quotation marks is a newspaper
        // named after it (« الشرق الأوسط »); a one-word place in quotes is as often quoted
        // as a place (مناطق مثل "أغدام" و"خوجاوند").
        if (type == EntityType::kPlace && entity->len >= 2 &&
            i > sentences_[sentence].first_token && IsQuote(tokens_[i - 1]) &&
            IsQuote(tokens_[a])) {
          as_organization(entity->len);
        }
      }
      best = std::move(c);
    }

    // 2. A title pattern (longest title that forms one).
    std::vector<Hit> titles;
    for (const Hit& h : hits) {
      if (h.kind == EntryKind::kTitle) titles.push_back(h);
    }
    std::sort(titles.begin(), titles.end(),
              [](const Hit& a, const Hit& b) { return a.len > b.len; });
    for (const Hit& h : titles) {
      if (std::optional<Candidate> c = TitlePattern(i, end, sentence, h)) {
        if (Better(*c, best)) best = std::move(*c);
        break;
      }
    }

    // 2b. An organisation named by its head word (حزب الليكود, البنك التجاري, صحيفة "معاريف").
    if (std::optional<Candidate> c = OrgPattern(i, end, sentence)) {
      // A lexicon name that spells its head (صحيفة الحياة, وكالة الأنباء الكويتية) is the
      // same organisation; the pattern's span keeps an outside head out of the mention.
      const bool same =
          c->consumed == best.consumed && best.has_mention && entity &&
          best.mention.kind == MentionKind::kName &&
          (best.mention.type == EntityType::kOrganization ||
           best.mention.type == EntityType::kIgo || best.mention.type == EntityType::kGroup);
      if (same && c->mention.entity.empty()) {
        c->mention.entity = best.mention.entity;
        c->mention.type = best.mention.type;
        c->mention.country = best.mention.country;
        c->mention.actor_code = best.mention.actor_code;
      }
      if (Better(*c, best) || (c->consumed == best.consumed && !c->mention.entity.empty())) {
        best = std::move(*c);
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
        // A nationality coordinated right after a body stands for the same body of its country,
        // the head not repeated (القوات الأذربيجانية والأرمينية: the Armenian forces).
        if (!o.country.empty() && n->len == 1 && tokens_[i].proclitics.starts_with(kWaw) &&
            !out_.empty() && out_.back().kind == MentionKind::kBody &&
            out_.back().end_token == i && !out_.back().country.empty()) {
          const Mention& body = out_.back();
          const size_t colon = body.entity.find(':');
          if (colon != std::string::npos) {
            c.mention.kind = MentionKind::kBody;
            c.mention.type = EntityType::kOrganization;
            c.mention.entity = o.country + body.entity.substr(colon);
            c.mention.actor_code = o.country + SectorOf(body.actor_code);
          }
        }
        // A singular nationality with the article before a name is the person's (التشيكي بافل
        // ندفيد, السويسرية مارتينا هينغيس): the name as after a title, of that country.
        const Token& adj = tokens_[i + n->len - 1];
        const uint32_t at = i + n->len;
        if (IsDefinite(tokens_[i]) && !o.country.empty() && at < end &&
            !adj.key.ends_with(kPluralIn) && !adj.key.ends_with(kPluralUn) &&
            StartsName(tokens_[at]) && !HasNonArticleProclitic(tokens_[at])) {
          if (std::optional<Name> name = ParseName(at, end, false, /*titled=*/true);
              name && name->first == at &&
              (name->entity || name->end - name->first >= 2 || IsUnknownWord(tokens_[at]))) {
            Candidate p = PersonName(*name, i, sentence, "");
            if (p.mention.country.empty()) p.mention.country = o.country;
            p.owner = c.mention;
            c = std::move(p);
          }
        }
        best = std::move(c);
      }
    }

    // 4. A surname of a person named earlier in this document (ميرزويان, بيلوسي, حسين).
    if (best.consumed == 0 || !best.has_mention) {
      lex_.surname_trie.Match(tokens_, key_hashes_, stem_hashes_, i, end, [&](uint32_t len, uint32_t p) {
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
    // 4b. A name without a title: a common given name and the name-like words after it
    // (قال محمد البرادعي, التقى جورج بوش), under the rules of ParseName. It stands for a
    // person of no known actor; a later mention of its last word alone links to it.
    if (best.consumed == 0 && tokens_[i].kind == TokenKind::kWord && IsGivenName(tokens_[i]) &&
        !IsDefinite(tokens_[i]) && !IsNameLink(tokens_[i])) {
      if (std::optional<Name> name = ParseName(i, end, false);
          name && name->first == i && name->end - name->first >= 2) {
        best = PersonName(*name, i, sentence, "");
      }
    }

    // 4c. The last word (or the first) of an unknown name found earlier in the document,
    // alone (وأكد الزعابي), unless a name of two words or more begins here (4b).
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

    // 4d. A name the lexicon and the dictionary lack right after a verb of saying (وقال
    // شومسكي إن): the speaker. A person of no known actor; its last word alone later is them.
    // The rare cue is asked before the name link: both are pure look-ups, so their order
    // changes only how often the second is asked.
    if (best.consumed == 0 && i > sentences_[sentence].first_token &&
        tokens_[i].kind == TokenKind::kWord &&
        (KeyIn(lex_.name_cues, tokens_[i - 1]) || StemIn(lex_.name_cues, tokens_[i - 1])) &&
        !IsNameLink(tokens_[i]) && IsUnknownWord(tokens_[i])) {
      if (std::optional<Name> name = ParseName(i, end, false, /*titled=*/true);
          name && name->first == i && !name->entity) {
        best = PersonName(*name, i, sentence, "");
      }
    }

    // 4e. Two words or more in a row that neither the lexicon nor the dictionary knows
    // (أرنولد شوارزنيجر, هييونغ تايك لي): a foreign name written in Arabic letters. Not after a
    // preposition, where such words are likelier an unknown place (في سومانتايوان).
    // The cheap conditions first: the dictionary is asked of most tokens here.
    if (best.consumed == 0 && i + 1 < end && !IsDefinite(tokens_[i]) &&
        tokens_[i + 1].kind == TokenKind::kWord &&
        !(i > sentences_[sentence].first_token && KeyIn(lex_.stopwords, tokens_[i - 1])) &&
        (!HasNonArticleProclitic(tokens_[i]) || tokens_[i].proclitics == kWaw) &&
        IsUnknownWord(tokens_[i]) && IsUnknownWord(tokens_[i + 1])) {
      // A name ParseName links is a lexicon person's surname after a spelling of the given
      // name the lexicon lacks (غانلويغي بوفون): the whole name is that person.
      if (std::optional<Name> name = ParseName(i, end, false, /*titled=*/true);
          name && name->first == i && name->end - name->first >= 2) {
        best = PersonName(*name, i, sentence, "");
      }
    }

    // 5. A blocked phrase at least as long as the best match hides it.
    if (auto b = Longest(hits, EntryKind::kBlocked); b && b->len >= best.consumed) {
      best = Candidate();
      best.consumed = b->len;
    }
  }

  // A definite nisba that can be part of an organisation's name (الدولي, الوطنية,
  // الديمقراطي). A nationality of the lexicon is not: it says whose the body is and ends the
  // name (حزب الله اللبناني).
  bool IsNamingAdjective(uint32_t k, uint32_t end) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord || t.proclitics != kArticle || !t.enclitic.empty() ||
        IsStopword(t) || t.stem.size() <= 6 ||
        !(t.stem.ends_with(kYeh) || t.stem.ends_with(kYehHeh))) {
      return false;
    }
    for (const Hit& h : HitsAt(k, end)) {
      const Entry& e = lex_.entries[h.entry];
      // الدولي (the international community's adjective) names bodies; a country's does not.
      if (e.kind == EntryKind::kNationality) {
        const Entity* owner = lex_.Find(lex_.nationalities[e.ref].country);
        if (owner == nullptr || owner->type != EntityType::kCountry) continue;
      }
      if (e.kind != EntryKind::kBlocked) return false;
    }
    return true;
  }

  // The end of the naming adjectives and the ل-complement that may follow an organisation's
  // head or complement from k (الاتحاد الدولي للشرطة, معهد ماساتشوستس للتكنولوجيا).
  uint32_t NamingTail(uint32_t k, uint32_t end) const {
    while (k < end && IsNamingAdjective(k, end)) ++k;
    // The complement may be a word a title pattern uses (للشرطة), not a name (للأمم المتحدة).
    bool named = false;
    if (k < end) {
      for (const Hit& h : HitsAt(k, end)) named = named || h.kind != EntryKind::kTitle;
    }
    if (k < end && tokens_[k].kind == TokenKind::kWord && tokens_[k].proclitics == kLamArticle &&
        tokens_[k].enclitic.empty() && !IsStopword(tokens_[k]) && !named) {
      ++k;
      while (k < end && IsNamingAdjective(k, end)) ++k;
    }
    return k;
  }

  // An organisation named by a head word of ner_org_heads.tsv and what follows it: a quoted
  // name or a lexicon organisation (the head outside the mention: وكالة " يونهاب "); after an
  // indefinite head, a country, place or person (جامعة القاهرة), words the dictionary lacks
  // (شركة موتورولا) or a definite noun (حزب الليكود), then naming adjectives and a
  // ل-complement; after a definite head of the name, two such naming words (الاتحاد الدولي
  // للشرطة). The mention is an organisation of no known entity unless the lexicon names it.
  std::optional<Candidate> OrgPattern(uint32_t i, uint32_t end, uint32_t sentence) const {
    const Token& head = tokens_[i];
    if (head.kind != TokenKind::kWord || !head.enclitic.empty() || i + 1 >= end) {
      return std::nullopt;
    }
    const OrgHead* found = i < stem_hashes_.size()
                               ? lex_.org_heads.FindHashed(stem_hashes_[i], head.stem)
                               : lex_.org_heads.Find(head.stem);
    if (found == nullptr) return std::nullopt;
    const OrgHead kind = *found;
    const bool definite = IsDefinite(head);
    uint32_t j = i + 1;
    Candidate c;
    c.has_mention = true;
    auto name = [&](uint32_t first, uint32_t last, uint32_t consumed_end) {
      Fill(c.mention, first, last, sentence);
      c.mention.kind = MentionKind::kName;
      c.mention.type = EntityType::kOrganization;
      c.consumed = consumed_end - i;
      return c;
    };
    if (IsQuote(tokens_[j])) {
      for (uint32_t q = j + 1; q < end && q <= j + 6; ++q) {
        if (IsQuote(tokens_[q])) {
          if (q == j + 1) return std::nullopt;
          return name(j + 1, q, q + 1);
        }
        if (tokens_[q].kind != TokenKind::kWord) return std::nullopt;
      }
      return std::nullopt;
    }
    const std::vector<Hit>& hits = HitsAt(j, end);
    std::optional<Hit> e = LongestEntity(hits);
    EntityType type = e ? lex_.entities[lex_.entries[e->entry].ref].type : EntityType::kUnknown;
    if (e && (type == EntityType::kOrganization || type == EntityType::kIgo ||
              type == EntityType::kGroup)) {
      c.mention = EntityMention(lex_.entries[e->entry].ref, j, j + e->len, sentence, false, false);
      c.has_mention = true;
      c.consumed = j + e->len - i;
      return c;
    }
    if (definite) {
      // One adjective is as often a description (المجلس العسكري, الهيئة الأكاديمية).
      if (kind != OrgHead::kInside) return std::nullopt;
      uint32_t k = NamingTail(j, end);
      if (k < j + 2) return std::nullopt;
      return name(i, k, k);
    }
    uint32_t k = j;
    const Token& t = tokens_[j];
    if (kind == OrgHead::kClub) {
      // After a sports word only a city is a club: لاعب برشلونة, but لاعب مصر is the
      // national side's.
      if (!e || type != EntityType::kPlace) return std::nullopt;
      return name(j, j + e->len, j + e->len);
    }
    if (e && (type == EntityType::kCountry || type == EntityType::kPlace ||
              type == EntityType::kPerson)) {
      k = j + e->len;  // جامعة القاهرة, شركة قطر, جامعة السلطان قابوس
    } else if (!hits.empty()) {
      return std::nullopt;  // a title or nationality: وكالة الأنباء الرسمية is built elsewhere
    } else if (IsUnknownWord(t) && !HasNonArticleProclitic(t) && !IsDefinite(t)) {
      // Not a word with the article: text run together (الأنباءعموم) is no company name.
      while (k < end && k < j + 3 && IsUnknownWord(tokens_[k]) &&
             !HasNonArticleProclitic(tokens_[k]) && HitsAt(k, end).empty()) {
        ++k;
      }
    } else if (kind != OrgHead::kOutside && t.kind == TokenKind::kWord &&
               t.proclitics == kArticle && t.enclitic.empty() && !IsStopword(t)) {
      k = j + 1;
    }
    if (k == j) return std::nullopt;
    if (kind != OrgHead::kInside) return name(j, k, k);
    k = NamingTail(k, end);
    return name(i, k, k);
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
      if (!c.unknown_given.empty() && lex_.stopwords.count(c.unknown_given) == 0) {
        unknown_surnames_.emplace(c.unknown_given, doc_people_.size() - 1);
      }
    }
    const bool owner_first = c.owner && c.owner->first_token < c.mention.first_token;
    if (owner_first) out_.push_back(*c.owner);
    if (c.ambiguous) ambiguous_.emplace_back(out_.size(), c.ambiguity_form);
    if (c.unresolved_role) unresolved_roles_.push_back({out_.size(), *c.unresolved_role});
    if (c.person && !c.person->entity.empty()) named_people_.push_back({out_.size(), *c.person});
    out_.push_back(c.mention);
    if (c.owner && !owner_first) out_.push_back(*c.owner);
  }

  // A role mention no earlier person resolved takes the person of that role and owner named
  // next, in its sentence or the two after: news often opens with the role and names the
  // person just after (حذر وزير الخارجية الروسي ... قال وزير الخارجية الروسي سيرجي لافروف).
  void ResolveRolesForward() {
    constexpr uint32_t kSentences = 2;
    for (const auto& [index, role] : unresolved_roles_) {
      Mention& m = out_[index];
      for (const auto& [at, person] : named_people_) {
        if (at <= index) continue;
        if (out_[at].sentence > m.sentence + kSentences) break;
        if (person.key != role.first || (person.role != role.second &&
                                         person.family != role.second)) {
          continue;
        }
        m.entity = person.entity;
        break;
      }
    }
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
      if (def == nullptr || alt == nullptr) continue;
      // Written with the marks only the alternative has (عمّان), it is the alternative.
      const Mention& seen = out_[m];
      const std::string_view written =
          text_.substr(tokens_[seen.first_token].span.start,
                       tokens_[seen.end_token - 1].span.end - tokens_[seen.first_token].span.start);
      const bool marked = std::any_of(a.alternative_written.begin(), a.alternative_written.end(),
                                      [&](const std::string& w) { return written.ends_with(w); });
      if (!marked) {
        if (countries.count(def->country) != 0) continue;
        bool cued = false;
        for (const std::string& cue : a.cues) cued = cued || countries.count(cue) != 0;
        if (!cued) continue;
      }
      Mention& mention = out_[m];
      bool dateline = sentences_[mention.sentence].dateline;
      Mention replaced = EntityMention(*lex_.by_id.Find(alt->id), mention.first_token,
                                       mention.end_token, mention.sentence, dateline, false);
      mention = std::move(replaced);
    }
  }

  const Lexicon& lex_;
  uint64_t owner_;  // of WordFacts entries
  std::string_view text_;
  std::span<const Token> tokens_;
  std::span<const Sentence> sentences_;
  std::vector<Mention> out_;
  std::vector<DocPerson> doc_people_;
  std::unordered_map<std::string, size_t> unknown_surnames_;
  std::optional<LastRole> last_role_;
  std::vector<std::pair<size_t, std::string>> ambiguous_;
  // Role mentions left unlinked (index in out_, owner key and role), and the people linked to
  // a lexicon entity (index in out_ of their mention), in document order.
  std::vector<std::pair<size_t, std::pair<std::string, std::string>>> unresolved_roles_;
  std::vector<std::pair<size_t, DocPerson>> named_people_;
  // Hash64 of each token's key and stem: the analysis's, else own_*.
  std::span<const uint64_t> key_hashes_, stem_hashes_;
  std::vector<uint64_t> own_key_hashes_, own_stem_hashes_;
  uint32_t prefetched_ = 0;  // tokens before it have had their entries prefetched
  // Per token: -1 not asked yet, else whether IsUnknownWord holds.
  mutable std::vector<int8_t> unknown_;
  mutable std::vector<int8_t> given_;  // IsGivenName, IsStopword per token: asked many times
  mutable std::vector<int8_t> stop_;
  // Per token: HitsAt's answer and the end it was asked for (0: not asked; no end is 0). The
  // lists are the thread's, kept from one document to the next with their memory (a list is
  // cleared before it is filled; Recognize runs one pass a thread at a time); a document of
  // more tokens than kKeptHitLists gives the extra lists back when the next one starts.
  static std::vector<std::vector<Hit>>& HitLists(size_t tokens) {
    constexpr size_t kKeptHitLists = size_t{1} << 16;
    thread_local std::vector<std::vector<Hit>> lists;
    if (lists.size() > kKeptHitLists && tokens <= kKeptHitLists) {
      lists.resize(kKeptHitLists);
      lists.shrink_to_fit();
    }
    if (lists.size() < tokens) lists.resize(tokens);
    return lists;
  }
  std::vector<std::vector<Hit>>& hits_;
  mutable std::vector<uint32_t> hits_end_;
};

}  // namespace

struct Recognizer::Impl {
  Lexicon lex;
  uint64_t owner = WordFacts::NewOwner();  // of this recognizer's WordFacts entries
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
  DocumentPass pass(impl_->lex, impl_->owner, text, analysis);
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
