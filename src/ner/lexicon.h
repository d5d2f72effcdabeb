// The entity lexicon compiled for matching. Internal to src/ner.
//
// In: data/lexicon/*.tsv (see data/lexicon/README.md) and the text::Analyzer that tokenises
// articles, so that a lexicon phrase is keyed exactly as the same words in a text would be.
// Out: the entity table, the title, nationality and surname tables, and the phrase tries that
// point into them. Guaranteed: every row is validated; a malformed row fails Load with
// "data/lexicon/FILE:LINE: problem". Read-only after Load.
#ifndef RASD_NER_LEXICON_H_
#define RASD_NER_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/core.h"
#include "core/string_table.h"
#include "ner/phrase_trie.h"
#include "text/text.h"

namespace rasd::ner {

// What a main-trie entry stands for.
enum class EntryKind : uint8_t {
  kEntity,       // a name of lexicon entity `ref` (index into Lexicon::entities)
  kNationality,  // a nationality form of Lexicon::nationalities[ref]
  kTitle,        // Lexicon::titles[ref]
  kBlocked,      // a phrase that is never a mention (ner_blocked.tsv)
  kPrefix,       // Lexicon::prefixes[ref] (جمهورية, مدينة)
};

// One phrase in the main trie. `definite` holds, per word, whether the lexicon spelling carries
// the article: a text word that matches by stem only (not by its whole key) must agree with it
// (الرئيس is not رئيس, الخليل is not خليل) and carry no pronoun (قطرها is not قطر).
// Nationality forms are compiled with and without
// the article, so both الروسي and روسي are found.
struct Entry {
  EntryKind kind = EntryKind::kEntity;
  uint32_t ref = 0;
  bool surname = false;  // a person's surname standing alone (بوتين)
  std::vector<std::string> keys;
  std::vector<bool> definite;
  std::string form_key;  // the phrase's key, words joined by one space
};

enum class TitleKind : uint8_t { kPerson, kBody, kSide, kRank, kCounterpart, kConnector };

struct Title {
  TitleKind kind = TitleKind::kPerson;
  std::string form;     // as written in titles.tsv
  std::string role_en;  // role (person) or body name (body)
  std::string sector;   // GOV, MIL, ... or ""
  std::string family;   // generic role, for in-document linking
  std::string country;  // implied country or IGO code, or ""
  bool last_word_definite = false;  // وزير الخارجية: yes; وزير خارجية: no (construct state)
};

// A set of word keys asked about several times a token (given names, stop words): the open
// addressing and XXH3 of core/string_table.h, where std::unordered_set's node chains and
// murmur hash were a fifth of recognition's time.
class WordSet {
 public:
  void insert(std::string_view word) { table_[word] = 1; }
  bool contains(std::string_view word) const { return table_.Find(word) != nullptr; }
  // With hash == Hash64(word), hashed once by a caller that asks several sets.
  bool contains(uint64_t hash, std::string_view word) const {
    return table_.FindHashed(hash, word) != nullptr;
  }
  size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }
  void Prefetch(uint64_t hash) const { table_.Prefetch(hash); }
  size_t size() const { return table_.size(); }

 private:
  StringTable<uint8_t> table_;
};

// How a head word of ner_org_heads.tsv joins an organisation's name.
enum class OrgHead : uint8_t {
  kInside,  // part of the name: حزب الليكود
  kOutside,  // outside it; the name is unknown words, quoted, or a lexicon name: شركة موتورولا
  kMedia,  // outside it, and one definite word is a name too: صحيفة الحياة
  kClub,   // a sports word: a city after it is the club (لاعب برشلونة), not a country
};

struct Nationality {
  std::string country;  // ISO alpha-3 or an IGO actor code (EUR, UNO)
  bool collective = false;
};

struct PersonInfo {
  uint32_t entity = 0;                // index into Lexicon::entities
  std::vector<std::string> surnames;  // as written
  bool surname_alone = false;
};

struct Ambiguity {
  std::string default_id;
  std::string alternative_id;
  std::vector<std::string> cues;
  // Spellings with marks that only the alternative is written with (عمّان): as written, they
  // link to it whatever the context. Empty when there are none.
  std::vector<std::string> alternative_written;
};

struct Lexicon {
  std::vector<Entity> entities;
  StringTable<uint32_t> by_id;  // entity id -> index into entities (found without a copy)
  std::unordered_set<uint32_t> capitals;               // place entities used for governments
  std::unordered_map<uint32_t, uint32_t> person_info;  // entity index -> index into people
  std::vector<PersonInfo> people;
  std::vector<Title> titles;
  std::vector<Nationality> nationalities;
  std::vector<std::string> prefixes;                         // applies_to per prefix: country|place
  std::unordered_map<std::string, std::string> role_family;  // role_en -> family
  std::unordered_map<std::string, Title> body_slugs;         // slug of role_en -> a body title
  std::unordered_map<std::string, std::string> igo_entity;   // IGO actor code -> entity id
  std::unordered_map<std::string, Ambiguity> ambiguities;    // form key -> row
  WordSet given_names;               // keys
  WordSet name_links;                // keys: بن، آل، أبي
  WordSet name_heads;  // keys: عبد، أبو (the next word joins)
  WordSet name_parts;  // keys: الدين، الثاني (never first)
  WordSet epithets;    // keys: المكرمة، الشعبية
  StringTable<OrgHead> org_heads;  // key -> kind (ner_org_heads.tsv)
  WordSet name_cues;           // keys: قال، أضاف، أكد
  const text::Analyzer* analyzer = nullptr;            // the one it was compiled with (outlives it)
  WordSet stopwords;           // keys
  std::vector<Entry> entries;
  PhraseTrie trie;          // every entry
  PhraseTrie surname_trie;  // all surnames, value = index into people

  const Entity* Find(std::string_view id) const;
};

// Loads and compiles every data/lexicon file with `analyzer`.
Result<Lexicon> LoadLexicon(const text::Analyzer& analyzer);

// Whether a token carries the definite article (ال, or لل = ل + ال).
// Inline: asked of most tokens several times, where a call cost more than the test.
inline bool IsDefinite(const Token& token) {
  const std::string_view p = token.proclitics;
  return p.ends_with("\u0627\u0644") || p.ends_with("\u0644\u0644");  // ال, لل
}

// "Ministry of Defence" -> "ministry-of-defence".
std::string Slug(std::string_view english);

// True for CAMEO-style actor codes: an ISO alpha-3 country optionally followed by a 3-letter
// sector, or an international code of 2-6 capital letters/digits (UNO, EUR, NATO, G7, IMGREB).
bool IsWellFormedActorCode(std::string_view code);

}  // namespace rasd::ner

#endif  // RASD_NER_LEXICON_H_
