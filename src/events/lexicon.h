// Internal to events/: the trigger and cue lexicons compiled from data/lexicon/triggers.tsv
// and data/lexicon/event_cues.tsv, and matching them against tokens.
//
// In: TSV rows (the form-generation scheme is documented in the header of triggers.tsv) and a
// text::Analyzer for the keys and stems of written forms. Out: for a token position, the
// entries whose head form and following words match there. Guaranteed: forms are compared on
// the same normalised keys/stems as the analyzer gives tokens, so spelling variants (أ/ا, ة/ه,
// ى/ي) and clitics never need listing. Not guaranteed: morphology beyond the documented
// templates (broken plurals and irregular forms must be listed).
#ifndef RASD_EVENTS_LEXICON_H_
#define RASD_EVENTS_LEXICON_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/core.h"
#include "core/string_table.h"
#include "text/text.h"

namespace rasd::events {

// How a matched head form is used: tense for verbs, noun, or a word as written.
enum class FormKind : uint8_t { kPast, kPresent, kFuture, kPassive, kNoun, kWord };

inline bool IsVerbForm(FormKind k) {
  return k == FormKind::kPast || k == FormKind::kPresent || k == FormKind::kFuture ||
         k == FormKind::kPassive;
}

// One word after the head: any of the alternatives, optionally after a gap.
struct RestWord {
  std::vector<std::string> keys;
  std::vector<std::string> stems;
  bool gap = false;  // up to kMaxGap tokens may come before it
};

// One row of either file. Trigger rows use type..flags; cue rows use kind and value.
struct Entry {
  int line = 0;
  std::string lemma;  // triggers: the lemma column; cues: the first form
  std::string pos;    // verb, noun, word
  std::vector<RestWord> rest;
  // Triggers.
  EventType type = EventType::kUnknown;
  std::string mode;
  std::string cameo;
  std::vector<std::string> args;
  bool support = false;
  bool vn = false;
  bool genobj = false;
  bool gentarget = false;
  bool passive = false;
  bool hal = false;
  bool words = false;  // an attack that can be one of words (هجوم لاذع): see VerbalAttack
  std::string needs;
  // Cues.
  std::string kind;
  std::string value;
};

// A quotation mark (" « » “ ”): quotations set off phrases inside triggers and clauses.
inline bool IsQuoteMark(const Token& t) {
  // Compared as a view: against a literal, a std::string calls strlen and compare out of line,
  // and this runs for every token of every sentence.
  const std::string_view k = t.key;
  return t.kind == TokenKind::kPunct &&
         (k == "\"" || k == "\u00AB" || k == "\u00BB" || k == "\u201C" || k == "\u201D");
}

// The tokens a match covers, ascending: its head and at most kMaxRestWords words after it, held
// in place (matching runs for every token of every sentence; a heap vector a match cost an
// allocation each).
class MatchedWords {
 public:
  static constexpr size_t kMaxRestWords = 7;
  void push_back(size_t token) { words_[size_++] = static_cast<uint32_t>(token); }
  size_t size() const { return size_; }
  size_t operator[](size_t i) const { return words_[i]; }
  size_t front() const { return words_[0]; }
  size_t back() const { return words_[size_ - 1]; }
  const uint32_t* begin() const { return words_.data(); }
  const uint32_t* end() const { return words_.data() + size_; }

 private:
  std::array<uint32_t, kMaxRestWords + 1> words_{};
  uint32_t size_ = 0;
};

struct LexMatch {
  uint32_t entry = 0;
  FormKind form = FormKind::kWord;
  bool dual = false;          // a dual verb form (ناقشا, يبحثان)
  bool pronoun = false;       // a verb form with an object pronoun (استقبله, شنتها)
  bool via_stem = false;      // matched through the token's stem, not its whole key
  size_t head = 0;            // the head token
  size_t end = 0;             // one past the last token matched
  MatchedWords words;         // every matched token (head and rest), ascending
};

class Lexicon {
 public:
  static constexpr size_t kMaxGap = 8;

  // Parses one file. `triggers` selects the column layout. Errors name the file and line.
  Status Load(const text::Analyzer& analyzer, std::string_view file, bool triggers);

  const Entry& entry(uint32_t i) const { return entries_[i]; }
  size_t size() const { return entries_.size(); }

  // The strings a token is looked up by, most literal first, with their hashes: made once a
  // token and shared by every lexicon that looks it up. Empty strings are skipped.
  struct Lookup {
    std::array<std::string_view, 3> keys;
    std::array<uint64_t, 3> hashes{};
  };
  static Lookup LookupOf(const Token& t);
  // The same with Hash64 of the token's key and stem given (text::Analysis has them).
  static Lookup LookupOf(const Token& t, uint64_t key_hash, uint64_t stem_hash);

  // Every match whose head is token i, within tokens [i, limit), into `out` (cleared first: a
  // caller matching every token reuses one vector); `lookup` is LookupOf(tokens[i]).
  // Inline up to the table lookups: most tokens are in neither lexicon, and for them the
  // lookups (mostly answered by the table's filter) are all the work there is.
  void MatchAt(const std::vector<Token>& tokens, size_t i, size_t limit, const Lookup& lookup,
               std::vector<LexMatch>& out) const {
    out.clear();
    if (i >= limit) return;
    Heads heads{};
    bool any = false;
    for (size_t c = 0; c < heads.size(); ++c) {
      if (lookup.keys[c].empty()) continue;
      heads[c] = forms_.FindHashed(lookup.hashes[c], lookup.keys[c]);
      any = any || heads[c] != nullptr;
    }
    if (any) MatchHeads(tokens, i, limit, heads, out);
  }
  // The same, making the lookup and the vector.
  std::vector<LexMatch> MatchAt(const std::vector<Token>& tokens, size_t i, size_t limit) const {
    std::vector<LexMatch> out;
    if (i < limit) MatchAt(tokens, i, limit, LookupOf(tokens[i]), out);
    return out;
  }
  // Asks for the table slots MatchAt reads for a token to be brought into the CPU cache: a
  // caller about to match a sentence's tokens prefetches them all first, so that their misses
  // overlap instead of following one another. Inline: it runs twice for every token, and the
  // call cost more than the work.
  void Prefetch(const Lookup& lookup) const {
    for (size_t k = 0; k < lookup.keys.size(); ++k) {
      if (!lookup.keys[k].empty()) forms_.Prefetch(lookup.hashes[k]);
    }
  }

 private:
  struct FormRef {
    uint32_t entry;
    FormKind form;
    bool dual;
    bool pronoun;
  };
  // The forms found under each of a Lookup's keys, or nullptr.
  using Heads = std::array<const std::vector<FormRef>*, 3>;
  void MatchHeads(const std::vector<Token>& tokens, size_t i, size_t limit, const Heads& heads,
                  std::vector<LexMatch>& out) const;
  Status AddForms(const text::Analyzer& analyzer, uint32_t entry, std::string_view forms,
                  std::string_view where);
  void AddForm(std::string key, uint32_t entry, FormKind form, bool dual, bool pronoun = false);
  // A verb form and the same with each object pronoun (قصفتها, استقبله, التقاه, قصفوه).
  void AddVerbForm(const std::string& key, uint32_t entry, FormKind form, bool dual);
  bool RestMatches(const std::vector<Token>& tokens, size_t from, size_t limit,
                   const std::vector<RestWord>& rest, MatchedWords& words) const;

  std::vector<Entry> entries_;
  StringTable<std::vector<FormRef>> forms_;
};

}  // namespace rasd::events

#endif  // RASD_EVENTS_LEXICON_H_
