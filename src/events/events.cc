#include "events/events.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "events/lexicon.h"

namespace rasd::events {
namespace {

// Letters and marks named by code point (STYLE.md 6).
constexpr std::string_view kDefiniteArticle = "\u0627\u0644";  // ال
constexpr std::string_view kWaw = "\u0648";                    // و, conjunction
constexpr std::string_view kFeh = "\u0641";                    // ف, conjunction
constexpr std::string_view kBeh = "\u0628";                    // ب, preposition
constexpr std::string_view kLam = "\u0644";                    // ل, preposition
constexpr std::string_view kKaf = "\u0643";                    // ك, preposition
constexpr std::string_view kSeen = "\u0633";                   // س, future
constexpr std::string_view kDamma = "\u064F";                  // ُ, passive past vowel
constexpr std::string_view kHeh = "\u0647";                    // ه, his (pronoun)
constexpr std::string_view kHa = "\u0647\u0627";               // ها, her (pronoun)
constexpr std::string_view kWith = "\u0645\u0639";             // مع, with

// What a clause boundary and a comma between a date and a trigger add to their distance in
// characters (TimexSeparation).
constexpr uint32_t kClauseDistance = 400;
constexpr uint32_t kCommaDistance = 60;

// The longest quotation, in words, that counts as a phrase set off, not a clause.
constexpr size_t kShortQuote = 4;

// How far arguments are looked for, in tokens. Arabic news clauses are short; beyond these
// windows a mention almost always belongs to another clause.
constexpr size_t kSubjectWindow = 10;
constexpr size_t kObjectWindow = 14;
// Words of a title that may stand between a preposition and the name it governs (مع رئيس
// الأركان العامة للقوات المسلحة الأذربيجانية كريم فيلييف).
constexpr size_t kTitleWords = 10;
constexpr size_t kSupportWindow = 16;
constexpr size_t kModeWindow = 8;
constexpr size_t kNeedsWindow = 12;

enum class Cue : uint8_t {
  kClaim,
  kAccording,
  kDeny,
  kNegation,
  kFuture,
  kStop,
  kBackground,
  kWas,
  kQad,
  kBoundary,
  kAgent,
  kPassive,
  kSupport,
  kPrep,
  kMode,
  kSet,
  kPronoun,
  kLink,
  kQuantity,
  kPronounComp,
  kSequence,
  kArmed,
  kScene,
  kRelative,
  kOccur,
  kIncident,
  kCondition,
  kSector,
  kAnnounced,
  kSubjunctive,
  kKilled,
  kWounded,
  kBothSides,
  kIdiom,
  kSaid,
  kVerbal,
  kForces,
  kResult,
  kSince,
  kUnknown,
};

Cue CueFromName(std::string_view n) {
  static const std::pair<std::string_view, Cue> kNames[] = {
      {"claim", Cue::kClaim},
      {"according", Cue::kAccording},
      {"deny", Cue::kDeny},
      {"negation", Cue::kNegation},
      {"future", Cue::kFuture},
      {"stop", Cue::kStop},
      {"background", Cue::kBackground},
      {"was", Cue::kWas},
      {"qad", Cue::kQad},
      {"boundary", Cue::kBoundary},
      {"agent", Cue::kAgent},
      {"passive", Cue::kPassive},
      {"support", Cue::kSupport},
      {"prep", Cue::kPrep},
      {"mode", Cue::kMode},
      {"set", Cue::kSet},
      {"pronoun", Cue::kPronoun},
      {"link", Cue::kLink},
      {"quantity", Cue::kQuantity},
      {"pronoun_comp", Cue::kPronounComp},
      {"sequence", Cue::kSequence},
      {"armed", Cue::kArmed},
      {"scene", Cue::kScene},
      {"relative", Cue::kRelative},
      {"occur", Cue::kOccur},
      {"incident", Cue::kIncident},
      {"condition", Cue::kCondition},
      {"sector", Cue::kSector},
      {"announced", Cue::kAnnounced},
      {"subjunctive", Cue::kSubjunctive},
      {"killed", Cue::kKilled},
      {"verbal", Cue::kVerbal},
      {"forces", Cue::kForces},
      {"result", Cue::kResult},
      {"since", Cue::kSince},
      {"wounded", Cue::kWounded},
      {"both_sides", Cue::kBothSides},
      {"idiom", Cue::kIdiom},
      {"said", Cue::kSaid},
  };
  for (const auto& [name, cue] : kNames) {
    if (n == name) return cue;
  }
  return Cue::kUnknown;
}

bool Symmetric(EventType t) {
  return t == EventType::kConsult || t == EventType::kAgree || t == EventType::kCooperate;
}

// A refinement of mode (and CAMEO code, and sometimes type) by a word after the trigger.
struct ModeRule {
  EventType type = EventType::kUnknown;
  EventType new_type = EventType::kUnknown;  // kUnknown: unchanged
  std::string mode;
  std::string cameo;                                    // a code for every root, or
  std::vector<std::pair<std::string, std::string>> by;  // trigger code -> refined code
};

std::vector<std::string_view> SplitView(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) next = s.size();
    out.push_back(s.substr(pos, next - pos));
    pos = next + 1;
  }
  return out;
}

Result<ModeRule> ParseModeRule(std::string_view value, std::string_view where) {
  std::vector<std::string_view> parts = SplitView(value, ':');
  if (parts.size() != 3) {
    return Status::InvalidInput(std::string(where) + ": mode value must be TYPE:mode:cameo");
  }
  ModeRule r;
  std::string_view type = parts[0];
  if (size_t gt = type.find('>'); gt != std::string_view::npos) {
    r.new_type = EventTypeFromName(type.substr(gt + 1));
    type = type.substr(0, gt);
    if (r.new_type == EventType::kUnknown) {
      return Status::InvalidInput(std::string(where) + ": unknown type in '" + std::string(value) +
                                  "'");
    }
  }
  r.type = EventTypeFromName(type);
  if (r.type == EventType::kUnknown) {
    return Status::InvalidInput(std::string(where) + ": unknown type in '" + std::string(value) +
                                "'");
  }
  r.mode = std::string(parts[1]);
  std::string_view cameo = parts[2];
  if (cameo.find('=') == std::string_view::npos) {
    r.cameo = std::string(cameo);
  } else {
    for (std::string_view pair : SplitView(cameo, ';')) {
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) {
        return Status::InvalidInput(std::string(where) + ": expected ROOT=CODE in '" +
                                    std::string(value) + "'");
      }
      r.by.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    }
  }
  return r;
}

// Proclitics of a token, read for what they say about its syntax.
struct Clitics {
  bool article = false;   // ال
  std::string_view prep;  // kBeh, kLam, kKaf or "": a view of the constant, no string built
  bool future = false;    // س
  bool conj = false;      // و or ف first
};

Clitics ReadClitics(std::string_view pro) {
  Clitics c;
  while (pro.starts_with(kWaw) || pro.starts_with(kFeh)) {
    c.conj = true;
    pro.remove_prefix(kWaw.size());
  }
  if (size_t al = pro.find(kDefiniteArticle); al != std::string_view::npos) {
    c.article = true;
    pro = pro.substr(0, al);
  }
  if (pro.starts_with(kBeh))
    c.prep = kBeh;
  else if (pro.starts_with(kLam))
    c.prep = kLam;
  else if (pro.starts_with(kKaf))
    c.prep = kKaf;
  else if (pro.starts_with(kSeen))
    c.future = true;
  return c;
}

// A cue found in a sentence.
struct CueHit {
  uint32_t entry = 0;
  Cue cue = Cue::kUnknown;
  FormKind form = FormKind::kWord;
  size_t begin = 0;
  size_t end = 0;
};

// Adjacent mentions that name one actor ("وزير الخارجية الروسي سيرغي لافروف", "وزير خارجية
// جمهورية أرمينيا، أرارات ميرزويان"), with what governs it.
struct Group {
  size_t begin = 0;  // tokens
  size_t end = 0;
  std::vector<const Mention*> members;
  const Mention* main = nullptr;
  // Views, not copies (a sentence builds many groups): of the cue lexicon's preposition
  // names or of the proclitic constants, both of which outlive the sentence.
  std::string_view prep;  // governing preposition name ("مع", "ب", "في", "other") or "" (bare)
  std::string_view outer_prep;  // a preposition over the head noun (على مواقع للجيش -> على)
  size_t head = SIZE_MAX;  // the head noun its preposition came through, if it did
  int coordinated = -1;    // index of the group it is joined to by و
  bool agent = false;      // after من قبل / على يد
  bool actor = false;      // may act as source or target
  bool place = false;      // may be a location
};

// A trigger found in a sentence.
struct Trig {
  LexMatch match;
  const Entry* entry = nullptr;
  bool verb = false;            // read as a finite verb
  bool future = false;          // future form or س
  bool object_pronoun = false;  // the verb carries an object pronoun (استقبله)
};

// The compiled data files.
struct Knowledge {
  Lexicon triggers;
  Lexicon cues;
  std::vector<Cue> cue_kind;                                           // by cue entry
  std::unordered_map<uint32_t, ModeRule> mode_rules;                   // by cue entry
  std::unordered_map<uint32_t, std::vector<EventType>> support_types;  // by cue entry; empty=*
};

}  // namespace

struct Coder::Impl {
  const text::Analyzer* analyzer = nullptr;
  Knowledge k;
  text::NumberReader numbers;

  // `scene`: the country of the article's dateline place, or "". `story`: the country where
  // the last event told before this sentence took place, or "". `speaker`: in, who spoke in
  // the sentence before (unknown: none); out, who speaks in this one, for the next.
  std::vector<Event> CodeSentence(const Article& article, const text::Analysis& analysis,
                                  uint32_t si, std::span<const Mention> mentions,
                                  std::span<const Timex> timexes, const ner::Recognizer& ner,
                                  const std::string& scene, const std::string& story,
                                  Actor& speaker) const;
};

Coder::Coder() = default;
Coder::~Coder() = default;
Coder::Coder(Coder&&) noexcept = default;
Coder& Coder::operator=(Coder&&) noexcept = default;

Result<Coder> Coder::Load(const text::Analyzer& analyzer) {
  Coder coder;
  coder.impl_ = std::make_unique<Impl>();
  coder.impl_->analyzer = &analyzer;
  Knowledge& impl = coder.impl_->k;
  RETURN_IF_ERROR(impl.triggers.Load(analyzer, "lexicon/triggers.tsv", true));
  RETURN_IF_ERROR(impl.cues.Load(analyzer, "lexicon/event_cues.tsv", false));
  ASSIGN_OR_RETURN(coder.impl_->numbers, text::NumberReader::Load(analyzer));
  for (uint32_t i = 0; i < impl.cues.size(); ++i) {
    const Entry& e = impl.cues.entry(i);
    std::string where = "data/lexicon/event_cues.tsv:" + std::to_string(e.line);
    Cue cue = CueFromName(e.kind);
    if (cue == Cue::kUnknown)
      return Status::InvalidInput(where + ": unknown kind '" + e.kind + "'");
    impl.cue_kind.push_back(cue);
    if (cue == Cue::kMode) {
      ASSIGN_OR_RETURN(ModeRule rule, ParseModeRule(e.value, where));
      impl.mode_rules.emplace(i, std::move(rule));
    } else if (cue == Cue::kSupport) {
      std::vector<EventType> types;
      if (e.value != "*") {
        for (std::string_view t : SplitView(e.value, ',')) {
          EventType type = EventTypeFromName(t);
          if (type == EventType::kUnknown) {
            return Status::InvalidInput(where + ": unknown type '" + std::string(t) + "'");
          }
          types.push_back(type);
        }
      }
      impl.support_types.emplace(i, std::move(types));
    }
  }
  return coder;
}

namespace {

// Everything known about one sentence while its events are coded.
// The word sets that rules ask about per token (SentenceContext::sets).
constexpr uint16_t kHoldings = 1, kFear = 2, kStatement = 4, kOpener = 8, kSequenceBefore = 16,
                   kHappened = 32, kMorrow = 64, kEve = 128, kAccident = 256, kCharge = 512,
                   kAmid = 1024, kTargeting = 2048, kDuring = 4096, kWithout = 8192,
                   kGoesOn = 16384;
uint16_t SetBit(std::string_view name) {
  static const std::array<std::pair<std::string_view, uint16_t>, 15> kBits = {{
      {"holdings", kHoldings},
      {"fear", kFear},
      {"statement", kStatement},
      {"opener", kOpener},
      {"sequence_before", kSequenceBefore},
      {"happened", kHappened},
      {"morrow", kMorrow},
      {"eve", kEve},
      {"accident", kAccident},
      {"charge", kCharge},
      {"amid", kAmid},
      {"targeting", kTargeting},
      {"during", kDuring},
      {"without", kWithout},
      {"goes_on", kGoesOn},
  }};
  for (const auto& [set, bit] : kBits) {
    if (set == name) return bit;
  }
  return 0;
}

struct SentenceContext {
  const std::vector<Token>* tokens = nullptr;
  std::string_view text;
  size_t begin = 0;  // tokens [begin, end)
  size_t end = 0;
  std::vector<std::vector<CueHit>> cues;  // by token - begin: cues starting there
  // The most tokens one of `cues` covers: no cue ending at token i starts before i - longest_cue.
  size_t longest_cue = 0;
  std::vector<bool> boundary;          // by token - begin
  std::vector<std::string_view> prep;  // by token - begin: preposition name (the lexicon's) or ""
  std::vector<Group> groups;
  std::vector<int> group_at;  // by token - begin: group index or -1
  std::vector<bool> in_timex;  // by token - begin: inside a date or time expression
  std::vector<int> quoted;     // by token - begin: the quotation it stands in (1, 2...), or 0
  // By token - begin: the word sets (event_cues.tsv kind set) that rules without the lexicon at
  // hand ask about, one bit each (kHoldings, kFear, kStatement).
  std::vector<uint16_t> sets;
  std::vector<Lexicon::Lookup> lookups;  // by token - begin: what both lexicons look it up by
  bool In(size_t i, uint16_t set) const { return (sets[idx(i)] & set) != 0; }
  std::vector<Trig> trigs;
  std::vector<int> verb_trigger_at;  // by token - begin: a finite-verb trigger head
  std::vector<int> trigger_at;       // by token - begin: any trigger head
  std::vector<bool> in_name;         // by token - begin: a word of a person's name
  std::vector<LexMatch> matches;     // scratch: a token's lexicon matches
  std::vector<bool> used;            // scratch: tokens some trigger has taken

  const Token& tok(size_t i) const { return (*tokens)[i]; }
  size_t idx(size_t i) const { return i - begin; }
  bool IsBoundary(size_t i) const { return i >= begin && i < end && boundary[idx(i)]; }
  bool IsComma(size_t i) const {
    const Token& t = tok(i);
    const std::string_view k = t.key;
    return t.kind == TokenKind::kPunct && (k == "," || k == "\u060C");
  }
  const CueHit* CueAt(size_t i, Cue cue) const {
    if (i < begin || i >= end) return nullptr;
    for (const CueHit& h : cues[idx(i)]) {
      if (h.cue == cue) return &h;
    }
    return nullptr;
  }
  // Whether a cue of one of `kinds` starts at a token of [from, to).
  bool CueIn(size_t from, size_t to, std::initializer_list<Cue> kinds) const {
    for (size_t i = std::max(from, begin); i < std::min(to, end); ++i) {
      for (const CueHit& h : cues[idx(i)]) {
        if (std::find(kinds.begin(), kinds.end(), h.cue) != kinds.end()) return true;
      }
    }
    return false;
  }
  // A cue of this kind that ends exactly at token i (covers i-1).
  const CueHit* CueEndingAt(size_t i, Cue cue) const {
    for (size_t b = i > begin + longest_cue ? i - longest_cue : begin; b < i; ++b) {
      for (const CueHit& h : cues[idx(b)]) {
        if (h.cue == cue && h.end == i) return &h;
      }
    }
    return nullptr;
  }
  // First token of the clause holding token i: just after the nearest boundary before it.
  size_t ClauseStart(size_t i) const {
    size_t k = i;
    while (k > begin && !IsBoundary(k - 1)) --k;
    return k;
  }
  size_t ClauseEnd(size_t i) const {
    size_t k = i;
    while (k < end && !IsBoundary(k)) ++k;
    return k;
  }
};

// Whether a word of the set `name` (event_cues.tsv kind set) starts at token k: a word may be
// in several sets.
bool InSet(const Knowledge& k, const SentenceContext& s, size_t at, std::string_view name) {
  if (at < s.begin || at >= s.end) return false;
  for (const CueHit& h : s.cues[s.idx(at)]) {
    if (h.cue == Cue::kSet && k.cues.entry(h.entry).value == name) return true;
  }
  return false;
}

void FindCues(const Knowledge& impl, SentenceContext& s) {
  const std::vector<Token>& tokens = *s.tokens;
  size_t n = s.end - s.begin;
  // Each token's list is cleared, not replaced: the sentence context is the thread's, and its
  // lists keep their memory from one sentence to the next.
  if (s.cues.size() < n) s.cues.resize(n);
  for (size_t k = 0; k < n; ++k) s.cues[k].clear();
  s.boundary.assign(n, false);
  s.prep.assign(n, {});
  s.sets.assign(n, 0);
  s.longest_cue = 0;
  for (size_t i = s.begin; i < s.end; ++i) {
    impl.cues.MatchAt(tokens, i, s.end, s.lookups[s.idx(i)], s.matches);
    for (const LexMatch& m : s.matches) {
      Cue cue = impl.cue_kind[m.entry];
      // A verb cue needs a verb reading: with ال or a preposition it is a noun.
      if (IsVerbForm(m.form) && m.via_stem) {
        Clitics c = ReadClitics(tokens[i].proclitics);
        if (c.article || c.prep == kBeh || c.prep == kKaf) continue;
      }
      // A word of a set the rules ask about by bit is a word class, not a cue: it ends no
      // title and makes no plain noun a cue word.
      if (const uint16_t bit = cue == Cue::kSet ? SetBit(impl.cues.entry(m.entry).value) : 0) {
        s.sets[s.idx(i)] |= bit;
        continue;
      }
      s.cues[s.idx(i)].push_back({m.entry, cue, m.form, m.head, m.end});
      s.longest_cue = std::max(s.longest_cue, m.end - m.head);
      if (cue == Cue::kBoundary || cue == Cue::kAccording) s.boundary[s.idx(i)] = true;
      if (cue == Cue::kPrep && !m.via_stem) s.prep[s.idx(i)] = impl.cues.entry(m.entry).value;
    }
  }
  // Quotation marks around a short name or phrase (نفذت "عملية انتقامية", وصفه بـ«الإرهابي»)
  // set off words, not a clause: they close no clause.
  auto is_quote = [&](size_t i) { return IsQuoteMark(tokens[i]); };
  // Which quotation each token stands in: « to », or between two straight or curly quotes.
  s.quoted.assign(s.end - s.begin, 0);
  int quotes = 0, open = 0;
  for (size_t i = s.begin; i < s.end; ++i) {
    if (is_quote(i)) {
      const std::string& k = tokens[i].key;
      const bool opens = k == "\u00AB" || (k != "\u00BB" && open == 0);
      open = opens ? ++quotes : 0;
      continue;
    }
    s.quoted[s.idx(i)] = open;
  }
  for (size_t i = s.begin; i < s.end; ++i) {
    if (!is_quote(i)) continue;
    size_t j = i + 1;
    while (j < s.end && j <= i + kShortQuote + 1 && tokens[j].kind == TokenKind::kWord) ++j;
    if (j > i + 1 && j < s.end && j <= i + kShortQuote + 1 && is_quote(j)) {
      s.boundary[s.idx(i)] = s.boundary[s.idx(j)] = false;
      i = j;
    }
  }
}

// Builds the actor groups of a sentence from its mentions.
void BuildGroups(SentenceContext& s, std::span<const Mention> mentions) {
  s.group_at.assign(s.end - s.begin, -1);
  for (const Mention& m : mentions) {
    if (m.first_token < s.begin || m.end_token > s.end || m.end_token <= m.first_token) continue;
    bool joined = false;
    if (!s.groups.empty()) {
      Group& g = s.groups.back();
      size_t gap = m.first_token - g.end;
      bool comma_gap = gap == 1 && s.IsComma(g.end);
      Clitics c = ReadClitics(s.tok(m.first_token).proclitics);
      const std::string& gc = g.main->country;
      bool compatible = gc.empty() || m.country.empty() || gc == m.country;
      // A name after its title or body, or in apposition: "الأمين العام للأمم المتحدة
      // أنطونيو غوتيريش", "نظيره الأرميني، أرارات ميرزويان". Two bodies side by side
      // ("جامعة الدول العربية مجلس الأمن") are two actors.
      if ((gap == 0 || comma_gap) && !c.conj && c.prep.empty() && compatible &&
          m.type == EntityType::kPerson && g.members.back()->type != EntityType::kPerson &&
          (g.main->kind == MentionKind::kRole || g.main->kind == MentionKind::kBody ||
           g.main->type == EntityType::kOrganization || g.main->type == EntityType::kIgo ||
           g.main->type == EntityType::kGroup)) {
        g.end = m.end_token;
        g.members.push_back(&m);
        joined = true;
      }
    }
    if (!joined) {
      Group g;
      g.begin = m.first_token;
      g.end = m.end_token;
      g.members.push_back(&m);
      g.main = &m;
      s.groups.push_back(g);
    }
  }
  auto rank = [](const Mention* m) {
    switch (m->type) {
      case EntityType::kPerson:
        return m->entity.empty() ? 3 : 0;
      case EntityType::kOrganization:
      case EntityType::kIgo:
      case EntityType::kGroup:
        return 1;
      case EntityType::kCountry:
        return 2;
      default:
        return 4;
    }
  };
  for (size_t gi = 0; gi < s.groups.size(); ++gi) {
    Group& g = s.groups[gi];
    for (const Mention* m : g.members) {
      if (rank(m) < rank(g.main)) g.main = m;
    }
    for (size_t t = g.begin; t < g.end; ++t) s.group_at[s.idx(t)] = static_cast<int>(gi);
    // What governs the group: its own proclitic preposition, a preposition word before it,
    // or one before the words it follows: title words the mention does not cover (مع نظيره
    // الأرميني أرارات ميرزويان) or the head noun it is the genitive of (على مواقع الجيش).
    Clitics own = ReadClitics(s.tok(g.begin).proclitics);
    // "الأمين العام للأمم المتحدة أنطونيو غوتيريش": the ل is inside the title.
    if (own.prep == kLam && g.members.size() > 1) own.prep = {};
    std::string_view direct, over_head;
    if (g.begin > s.begin) {
      direct = s.prep[s.idx(g.begin - 1)];
      // A ل inside a title (رئيس الأركان العامة للقوات المسلحة الأذربيجانية كريم فيلييف) joins
      // two of its words: it governs the name only when no preposition stands before the title.
      std::string_view inner_lam;
      size_t inner_lam_at = SIZE_MAX;
      size_t first_title_word = SIZE_MAX;  // the earliest word passed over as the title's
      for (size_t p = g.begin, steps = 0; direct.empty() && p > s.begin && steps < kTitleWords;
           ++steps) {
        --p;
        const Token& word = s.tok(p);
        // A name set off by commas after its title (مع نائب وزيرة الخارجية الأمريكية ...، ديريك
        // هوجان): the title's preposition governs it.
        if (p + 1 == g.begin && s.IsComma(p)) continue;
        if (word.kind != TokenKind::kWord || s.IsBoundary(p) || s.group_at[s.idx(p)] >= 0) {
          break;
        }
        if (!s.prep[s.idx(p)].empty()) {
          // "الممثل الأعلى للسياسة الخارجية والأمنية في الاتحاد جوزيب بوريل": في between title
          // words (a word with the article before it) before a person's name is inside the
          // title and governs nothing.
          if (s.prep[s.idx(p)] == "\u0641\u064A" && p > s.begin + 1 &&
              g.main->type == EntityType::kPerson && s.tok(p - 1).kind == TokenKind::kWord &&
              s.group_at[s.idx(p - 1)] < 0 && s.trigger_at[s.idx(p - 1)] < 0 &&
              s.cues[s.idx(p - 1)].empty() && ReadClitics(s.tok(p - 1).proclitics).article) {
            first_title_word = p;
            continue;
          }
          // "عشرات الآلاف من أنصار المعارضة": a count before من does not govern.
          if (!(p > s.begin && s.prep[s.idx(p)] == "\u0645\u0646" &&
                s.CueAt(p - 1, Cue::kQuantity))) {
            over_head = s.prep[s.idx(p)];
            g.head = p + 1;
          }
          break;
        }
        if (s.CueAt(p, Cue::kLink)) {  // المتحدث باسم الخارجية
          first_title_word = p;
          continue;
        }
        Clitics hc = ReadClitics(word.proclitics);
        if (hc.prep == kLam && inner_lam.empty()) {
          inner_lam = hc.prep;
          inner_lam_at = p;
          first_title_word = p;
          continue;
        }
        if (!hc.prep.empty()) {
          over_head = hc.prep;
          g.head = p;
          break;
        }
        // A trigger's subject or genitive; a verb of saying or another cue ends the title (a
        // word class of SentenceContext::sets, such as a noun of holdings, is no cue: على
        // دورية للجيش الباكستاني).
        if (s.trigger_at[s.idx(p)] >= 0 || !s.cues[s.idx(p)].empty()) break;
        first_title_word = p;
      }
      // With no preposition before the title, a ل on its first word governs the name (اعتذر
      // بوتين لنظيره الأذربيجاني); one inside it joins two of its words and governs nothing
      // ("وقال الأمين العام للجامعة أحمد أبو الغيط": the speaker).
      if (over_head.empty() && !inner_lam.empty() && inner_lam_at == first_title_word) {
        over_head = inner_lam;
        g.head = inner_lam_at;
      }
    }
    if (!own.prep.empty()) {
      g.prep = own.prep;
      g.outer_prep = !direct.empty() ? direct : over_head;
    } else if (!direct.empty()) {
      g.prep = direct;
    } else {
      g.prep = over_head;
    }
    // "بين أرمينيا وأذربيجان", "روبيو ونظيره الروسي سيرجي لافروف": joined by و, directly or
    // through the title words before the name.
    bool conj = own.conj;
    bool adjacent = false;
    if (gi > 0) {
      const Group& prev = s.groups[gi - 1];
      adjacent = prev.end == g.begin;
      if (!adjacent && g.begin - prev.end <= 3) {
        bool titles = true;
        for (size_t t = prev.end; t < g.begin; ++t) {
          const Token& w = s.tok(t);
          titles = titles && w.kind == TokenKind::kWord && !s.IsBoundary(t) &&
                   s.prep[s.idx(t)].empty() && s.trigger_at[s.idx(t)] < 0 &&
                   ReadClitics(w.proclitics).prep.empty();
        }
        if (titles && ReadClitics(s.tok(prev.end).proclitics).conj) {
          adjacent = true;
          conj = true;
        }
      }
    }
    // "عشرات الآلاف من المغاربة": a count before من does not govern its actor.
    if (g.prep == "\u0645\u0646" && g.begin >= s.begin + 2 && g.head == SIZE_MAX &&
        s.CueAt(g.begin - 2, Cue::kQuantity)) {
      g.prep = {};
    }
    if (gi > 0 && conj) {
      const Group& prev = s.groups[gi - 1];
      if (adjacent) {
        g.coordinated = static_cast<int>(gi - 1);
        if (own.prep.empty() && direct.empty()) {
          g.prep = prev.prep;
          g.outer_prep = prev.outer_prep;
        }
      }
    }
    g.agent = s.CueEndingAt(g.begin, Cue::kAgent) != nullptr;
    const Mention& m = *g.main;
    bool locative = g.prep == "\u0641\u064A";  // في
    g.place = m.type == EntityType::kPlace || m.type == EntityType::kCountry;
    g.actor = (m.type != EntityType::kPlace || m.kind == MentionKind::kCapital) &&
              !(locative && (m.type == EntityType::kCountry || m.kind == MentionKind::kCapital));
    // "شهدت العاصمة الليبية طرابلس اشتباكات": the subject of شهد is where it happened.
    for (size_t p = g.begin, steps = 0; p > s.begin && steps < 4; ++steps) {
      --p;
      if (s.CueAt(p, Cue::kScene)) {
        g.actor = false;
        g.place = true;
        break;
      }
      if (s.tok(p).kind != TokenKind::kWord || s.IsBoundary(p)) break;
    }
    // "مطار دمشق", "شوارع بغداد": a capital after a plain noun is where, not who.
    if (m.kind == MentionKind::kCapital && g.begin > s.begin && own.prep.empty()) {
      size_t p = g.begin - 1;
      const Token& w = s.tok(p);
      // Not after a noun of speech: "رواية باكو", "مزاعم يريفان" are the government's words.
      if (w.kind == TokenKind::kWord && s.group_at[s.idx(p)] < 0 && s.prep[s.idx(p)].empty() &&
          s.trigger_at[s.idx(p)] < 0 && !s.IsBoundary(p) && s.cues[s.idx(p)].empty() &&
          !s.CueAt(p, Cue::kSaid)) {
        g.actor = false;
      }
    }
    if (m.type == EntityType::kUnknown && m.actor_code.empty()) g.actor = false;
  }
}

bool HasDammaAfterFirstLetter(std::string_view surface) {
  // Skip a written conjunction (وقُتل), then one letter; a damma next means a passive past.
  size_t pos = 0;
  auto next_cp = [&](size_t p) {
    size_t q = p + 1;
    while (q < surface.size() && (static_cast<unsigned char>(surface[q]) & 0xC0) == 0x80) ++q;
    return q;
  };
  for (int skip = 0; skip < 2 && pos < surface.size(); ++skip) {
    size_t after = next_cp(pos);
    if (surface.substr(after).starts_with(kDamma)) return true;
    std::string_view letter = surface.substr(pos, after - pos);
    if (letter != kWaw && letter != kFeh) return false;
    pos = after;
  }
  return false;
}

bool NeedsMet(const Knowledge& impl, const SentenceContext& s, const Trig& t);

void FindTriggers(const Knowledge& impl, SentenceContext& s) {
  const std::vector<Token>& tokens = *s.tokens;
  std::vector<bool>& used = s.used;
  used.assign(s.end - s.begin, false);
  s.verb_trigger_at.assign(s.end - s.begin, -1);
  s.trigger_at.assign(s.end - s.begin, -1);
  for (size_t i = s.begin; i < s.end; ++i) {
    if (used[s.idx(i)] || tokens[i].kind != TokenKind::kWord) continue;
    if (!s.in_name.empty() && s.in_name[s.idx(i)]) continue;
    impl.triggers.MatchAt(tokens, i, s.end, s.lookups[s.idx(i)], s.matches);
    if (s.matches.empty()) continue;
    std::optional<Trig> best;
    for (LexMatch& m : s.matches) {
      const Entry& e = impl.triggers.entry(m.entry);
      Trig t;
      t.entry = &e;
      bool verb = IsVerbForm(m.form);
      // Matched through the stem, the proclitics tell a verb from its verbal noun; a whole
      // key that is a verb form (بحث, even when the analyzer splits ب off) is the verb.
      if (verb && m.via_stem) {
        Clitics c = ReadClitics(tokens[i].proclitics);
        bool nominal = c.article || c.prep == kBeh || c.prep == kKaf ||
                       (c.prep == kLam && m.form != FormKind::kPresent);
        if (nominal) {
          if (!e.vn) continue;
          m.form = FormKind::kNoun;
          verb = false;
        } else if (c.future && m.form == FormKind::kPresent) {
          m.form = FormKind::kFuture;
        }
      }
      // After a preposition or a noun that governs it (في قتل المدنيين, أعمال قتل واغتصاب, جريمة
      // قتل) a verb form is its verbal noun: no finite verb stands there.
      if (verb && i > s.begin &&
          (!s.prep[s.idx(i - 1)].empty() || s.CueAt(i - 1, Cue::kIncident) != nullptr)) {
        m.form = FormKind::kNoun;
        verb = false;
      }
      // A written ta marbuta makes a noun: إقامة is not أقامه (both fold to the key اقامه).
      if (verb && m.pronoun && std::string_view(s.tok(i).span.In(s.text)).ends_with("\u0629")) {
        if (!e.vn) continue;
        m.form = FormKind::kNoun;
        verb = false;
      }
      bool word_conflict = false;
      for (size_t w : m.words) word_conflict = word_conflict || used[s.idx(w)];
      if (word_conflict) continue;
      t.verb = verb;
      t.future = m.form == FormKind::kFuture;
      t.object_pronoun = verb && (m.pronoun || (m.via_stem && !tokens[i].enclitic.empty()));
      t.match = std::move(m);
      // Of two readings of one word, the one whose needs= words follow (وصف ... بأنه عدوان: an
      // accusation; ... بأنه خطوة تاريخية: praise).
      auto better = [&](const Trig& a, const Trig& b) {
        const bool a_met = NeedsMet(impl, s, a), b_met = NeedsMet(impl, s, b);
        if (a_met != b_met) return a_met;
        if (a.match.words.size() != b.match.words.size()) {
          return a.match.words.size() > b.match.words.size();
        }
        if (a.match.via_stem != b.match.via_stem) return !a.match.via_stem;
        return a.match.entry < b.match.entry;
      };
      if (!best || better(t, *best)) best = std::move(t);
    }
    if (!best) continue;
    for (size_t w : best->match.words) used[s.idx(w)] = true;
    if (best->verb) s.verb_trigger_at[s.idx(i)] = static_cast<int>(s.trigs.size());
    s.trigger_at[s.idx(i)] = static_cast<int>(s.trigs.size());
    s.trigs.push_back(std::move(*best));
  }
}

bool Bare(const Group& g) { return g.prep.empty() && !g.agent; }

// The person prefix and the endings of Arabic verb forms the two checks below read (grammar,
// not vocabulary: STYLE.md allows closed-class morphemes by code point).
constexpr std::string_view kVerbYeh = "\u064A", kVerbTeh = "\u062A", kVerbAlef = "\u0627",
                           kVerbPlural = "\u0648\u0646", kVerbDual = "\u0627\u0646";

// An imperfect of the third person singular with `prefix` (ي masculine, ت feminine): no
// plural or dual ending (يطالب, not يطالبون, يطالبان). Stems of three letters at least.
bool SingularImperfect(std::string_view stem, std::string_view prefix) {
  return stem.starts_with(prefix) && !stem.ends_with(kVerbPlural) && !stem.ends_with(kVerbDual);
}

// A verb written in the feminine singular of the third person: an imperfect on ت that is no
// plural or dual (تطالب), a perfect ending in ت (طالبت). Its subject is no man.
bool FeminineVerb(const Token& tok, FormKind form) {
  const std::string_view stem = tok.stem;
  if (stem.size() < 6) return false;  // three letters at least
  if (form == FormKind::kPresent || form == FormKind::kFuture) {
    return SingularImperfect(stem, kVerbTeh);
  }
  return form == FormKind::kPast && stem.ends_with(kVerbTeh);
}

// A verb written in the masculine singular of the third person: an imperfect on ي that is no
// plural or dual (يطالب, not يطالبون, تطالب), a perfect with no ending (طالب, not طالبت,
// طالبا, طالبوا). Its subject is no feminine noun.
bool MasculineVerb(const Token& tok, FormKind form) {
  const std::string_view stem = tok.stem;
  if (stem.size() < 6) return false;  // three letters at least
  if (form == FormKind::kPresent || form == FormKind::kFuture) {
    return SingularImperfect(stem, kVerbYeh);
  }
  return form == FormKind::kPast && !stem.ends_with(kVerbTeh) && !stem.ends_with(kVerbAlef);
}

// The actor is the genitive of a noun of what a side holds or is made of (event_cues.tsv set
// holdings: مواقع, مقر, منازل, عناصر), so the object's, not a subject: قصفت الطائرات مواقع
// الحوثيين hit the Houthis' positions. The noun stands right before it, after the predicate,
// with no article (a construct), and is neither an actor nor a trigger. A nationality after a
// noun is its adjective (مواقع روسية), not a genitive.
bool GenitiveOfThing(const SentenceContext& s, const Group& grp, size_t pred_end) {
  if (grp.begin <= pred_end || grp.main->kind == MentionKind::kNationality) return false;
  const size_t at = grp.begin - 1;
  const Token& w = s.tok(at);
  if (w.kind != TokenKind::kWord || s.group_at[s.idx(at)] >= 0 || s.trigger_at[s.idx(at)] >= 0 ||
      ReadClitics(w.proclitics).article) {
    return false;
  }
  return s.In(at, kHoldings);
}

// The subject of a predicate at token `pred` (a verb, or a support verb):
// SVO: the nearest bare actor ending just before it in its clause;
// VSO: the first bare actor after it, before the clause ends (commas do not end it).
// `vso_limit` bounds the VSO search (a support verb's subject stands before its noun).
int FindSubject(const SentenceContext& s, size_t pred, size_t pred_end, size_t vso_limit,
                bool allow_svo) {
  if (allow_svo) {
    size_t k = pred;
    // A quotation that opens on the predicate: 'مؤكدة أن موسكو "سترد بما يحفظ مصالحها"'.
    if (k > s.begin && s.tok(k - 1).kind == TokenKind::kPunct) {
      const std::string& q = s.tok(k - 1).key;
      if (q == "\"" || q == "\u00AB" || q == "\u201C") --k;
    }
    size_t between = 0;
    while (k > s.begin && between <= 2) {
      size_t t = k - 1;
      if (s.IsBoundary(t) || s.IsComma(t) || s.verb_trigger_at[s.idx(t)] >= 0) break;
      int g = s.group_at[s.idx(t)];
      if (g >= 0) {
        // "أرمينيا وأذربيجان قد اتفقتا": the subject is the whole pair; its first member.
        while (s.groups[g].coordinated >= 0) g = s.groups[g].coordinated;
        const Group& grp = s.groups[g];
        if (grp.actor && Bare(grp)) return g;
        break;
      }
      ++between;
      k = t;
    }
  }
  size_t limit = std::min({s.end, pred_end + kSubjectWindow, vso_limit});
  for (size_t t = pred_end; t < limit; ++t) {
    if (s.IsBoundary(t)) break;
    if (t > pred_end && s.verb_trigger_at[s.idx(t)] >= 0) break;
    int g = s.group_at[s.idx(t)];
    if (g < 0) continue;
    const Group& grp = s.groups[g];
    if (grp.actor && Bare(grp) && !GenitiveOfThing(s, grp, pred_end)) return g;
    t = grp.end - 1;
  }
  return -1;
}

// The actor joined to group g by و, past any name in apposition to g: "أذربيجان جيهون
// بيراموف وأرمينيا" gives أرمينيا for أذربيجان. -1 when there is none.
// The group a sector code counts: MIL soldiers, COP police, CVL civilians, MED journalists.
std::string_view SectorGroup(std::string_view sector) {
  if (sector == "MIL") return "soldiers";
  if (sector == "COP") return "police";
  if (sector == "CVL") return "civilians";
  if (sector == "MED") return "journalists";
  return "";
}

// The killed and wounded a sentence counts (مقتل 71 جنديا, سقوط عشرات القتلى, 105 قتلى, إصابة
// 14 آخرين), each with its group (a sector word right after the count: جنديا, مدنيين) and
// the side that suffered it: an actor named right after (جنود أرمن), the claimant when the
// words say "its own" (من قواتها), else the attack's target (not in a clash). A count goes to the attack of the
// sentence nearest before it (else the first after it); one record a side and group, whose
// killed and wounded are the first of each the sentence gives. An approximate count keeps its
// range (عشرات: 20 to 90); an open one its low end (أكثر من 100).
void AttachCasualties(const Knowledge& k, const SentenceContext& s,
                      std::span<const text::Quantity> quantities, std::vector<Event>& events) {
  auto count_at = [&](size_t first, size_t end) -> const text::Quantity* {
    for (const text::Quantity& q : quantities) {
      if ((first != SIZE_MAX && q.first_token == first) || (end != SIZE_MAX && q.end_token == end)) {
        return &q;
      }
      if (q.first_token > std::max(first == SIZE_MAX ? 0 : first, end == SIZE_MAX ? 0 : end)) {
        break;
      }
    }
    return nullptr;
  };
  for (size_t i = s.begin; i < s.end; ++i) {
    const CueHit* cue = s.CueAt(i, Cue::kKilled);
    const bool killed = cue != nullptr;
    if (cue == nullptr) cue = s.CueAt(i, Cue::kWounded);
    if (cue == nullptr) continue;
    // The count after the word (مقتل 71 جنديا) or before it (105 قتلى, عشرات القتلى).
    const text::Quantity* q = count_at(cue->end, SIZE_MAX);
    size_t after = q != nullptr ? q->end_token : cue->end;
    if (q == nullptr) q = count_at(SIZE_MAX, cue->begin);
    // The group between: a count before it and the verb after (أربعة مدنيين أصيبوا, ثلاثة
    // جنود أتراك قتلوا), or the noun before it and the count after (مقتل مدنيين اثنين).
    const CueHit* group = nullptr;
    if (q == nullptr) {
      group = s.CueEndingAt(cue->begin, Cue::kSector);
      if (group == nullptr && cue->begin > s.begin + 1 && s.group_at[s.idx(cue->begin - 1)] >= 0) {
        group = s.CueEndingAt(cue->begin - 1, Cue::kSector);  // a nationality after it
      }
      if (group != nullptr) q = count_at(SIZE_MAX, group->begin);
    }
    if (q == nullptr) {
      group = s.CueAt(cue->end, Cue::kSector);
      if (group != nullptr) q = count_at(group->end, SIZE_MAX);
      if (q != nullptr) after = q->end_token;
    }
    if (q == nullptr || q->ordinal || q->low < 1) continue;
    Casualties c;
    std::string sector;
    if (group == nullptr) group = s.CueAt(after, Cue::kSector);
    if (group != nullptr) {
      sector = k.cues.entry(group->entry).value;
      c.group = std::string(SectorGroup(sector));
      if (group->begin == after) after = group->end;
    }
    // The attack it belongs to.
    Event* attack = nullptr;
    for (Event& e : events) {
      if (e.type != EventType::kAssault) continue;
      if (e.trigger.start <= s.tok(i).span.start || attack == nullptr) attack = &e;
    }
    if (attack == nullptr) return;
    // The side: an actor right after (after the group when it comes before the word: جنود
    // أتراك قتلوا), "its own", or the attack's target.
    const size_t side_from = group != nullptr && group->end <= cue->begin ? group->end : after;
    for (size_t t = side_from; t < std::min(s.end, side_from + 3) && c.side.empty(); ++t) {
      if (s.IsBoundary(t) || s.IsComma(t)) break;
      if (const int g = s.group_at[s.idx(t)]; g >= 0 && s.groups[g].actor) {
        const Mention& m = *s.groups[g].main;
        c.side = !sector.empty() && !m.country.empty() ? m.country + sector : m.actor_code;
      } else if (!s.tok(t).enclitic.empty() && attack->claimant.known() &&
                 !attack->claimant.country.empty()) {
        c.side = attack->claimant.country + sector;
      }
    }
    // In a clash the dead are on either side unless the words say which.
    if (c.side.empty() && attack->target.known() && attack->mode != "clash") {
      c.side = attack->target.actor_code;
    }
    const auto low = static_cast<int64_t>(q->low);
    const int64_t high = q->approximate && std::isfinite(q->high) && q->high > q->low
                             ? static_cast<int64_t>(q->high)
                             : -1;
    Casualties* record = nullptr;
    for (Casualties& r : attack->casualties) {
      if (r.side == c.side && r.group == c.group) record = &r;
    }
    if (record == nullptr) record = &attack->casualties.emplace_back(c);
    if (killed && record->killed < 0) {
      record->killed = low;
      record->killed_max = high;
    } else if (!killed && record->wounded < 0) {
      record->wounded = low;
      record->wounded_max = high;
    }
  }
}

// A verb in the first person of the imperfect, present or future: its first letter after an
// optional conjunction and future س is ن (we) or أ (I), as written (نرحب, وأؤكد, سأتصل).
bool FirstPersonAt(const SentenceContext& s, size_t token, FormKind form) {
  if (form != FormKind::kPresent && form != FormKind::kFuture) return false;
  std::string_view rest = s.tok(token).span.In(s.text);
  if (rest.starts_with("\u0648") || rest.starts_with("\u0641")) rest.remove_prefix(2);  // و ف
  if (form == FormKind::kFuture && rest.starts_with("\u0633")) rest.remove_prefix(2);
  return rest.starts_with("\u0646") || rest.starts_with("\u0623");  // ن أ
}

bool FirstPerson(const SentenceContext& s, const Trig& t) {
  return t.verb && FirstPersonAt(s, t.match.head, t.match.form);
}

// Whether the sentence speaks of "both sides" (event_cues.tsv kind both_sides: بينهما,
// الجانبين, الطرفين).
bool NamesBothSides(const SentenceContext& s) {
  for (size_t k = s.begin; k < s.end; ++k) {
    if (s.CueAt(k, Cue::kBothSides) != nullptr) return true;
  }
  return false;
}

int Partner(const SentenceContext& s, int g) {
  if (g < 0) return -1;
  for (size_t j = g + 1; j < s.groups.size(); ++j) {
    const Group& prev = s.groups[j - 1];
    const Group& cur = s.groups[j];
    if (cur.coordinated == static_cast<int>(j - 1)) return cur.actor ? static_cast<int>(j) : -1;
    size_t gap = cur.begin - prev.end;
    bool apposition = gap == 0 || (gap == 1 && s.IsComma(prev.end));
    if (!apposition || cur.main->country != s.groups[g].main->country) return -1;
  }
  return -1;
}

// The first actor group after `from` that `arg` selects, within the clause.
int FindArg(const SentenceContext& s, std::string_view arg, size_t from, int exclude) {
  size_t limit = std::min(s.end, from + kObjectWindow);
  for (size_t t = from; t < limit; ++t) {
    // The agent phrase may follow the description it completes: "وصفت يريفان ما يحدث بأنه
    // تصرفات عدوانية من قبل باكو".
    if (s.IsBoundary(t) && arg != "agent") break;
    // An object never lies past another trigger: "القصف الأرميني مع زيارة يجريها بوتين",
    // nor an argument past a verb of saying (أدانت الخارجية الغارات، وقال المتحدث ...).
    if (t > from && s.trigger_at[s.idx(t)] >= 0 && arg == "obj") break;
    if (t > from && s.CueAt(t, Cue::kClaim) != nullptr && arg != "agent") break;
    int g = s.group_at[s.idx(t)];
    if (g < 0) continue;
    const Group& grp = s.groups[g];
    t = grp.end - 1;
    if (g == exclude || !grp.actor) continue;
    if (arg == "obj") {
      if (Bare(grp) && g != Partner(s, exclude)) return g;
    } else if (arg == "agent") {
      if (grp.agent) return g;
    } else if (grp.prep == arg || grp.outer_prep == arg) {
      return g;
    }
  }
  return -1;
}

Actor MakeActor(const SentenceContext& s, const Group& g, const ner::Recognizer& ner) {
  Actor a;
  const Mention& m = *g.main;
  a.entity = m.entity;
  a.country = m.country;
  a.actor_code = m.actor_code;
  for (const Mention* other : g.members) {
    if (a.actor_code.empty()) a.actor_code = other->actor_code;
    if (a.country.empty()) a.country = other->country;
  }
  a.span = {s.tok(g.begin).span.start, s.tok(g.end - 1).span.end};
  // A capital standing for its government is that country's actor (باكو -> AZEGOV).
  if (m.kind == MentionKind::kCapital && !m.country.empty() && ner.FindEntity(m.country)) {
    a.entity = m.country;
  }
  if (const Entity* e = ner.FindEntity(a.entity)) {
    a.name_en = e->name_en;
    a.name_ar = e->name_ar;
    if (a.country.empty()) a.country = e->country;
    if (a.actor_code.empty()) a.actor_code = e->actor_code;
  }
  if (a.name_ar.empty()) a.name_ar = std::string(a.span.In(s.text));
  return a;
}

Location MakeLocation(const Group& g, const ner::Recognizer& ner) {
  Location l;
  const Mention& m = *g.main;
  l.entity = m.entity;
  l.name_ar = m.text;
  l.country = m.country;
  if (const Entity* e = ner.FindEntity(m.entity)) {
    l.name_en = e->name_en;
    l.name_ar = e->name_ar;
    if (l.country.empty()) l.country = e->country;
    l.lat = e->lat;
    l.lon = e->lon;
  }
  return l;
}

// What the coder knows about one candidate event before it becomes an Event.
struct Draft {
  const Trig* trig = nullptr;
  EventType type = EventType::kUnknown;
  std::string mode;
  std::string cameo;
  int source = -1;  // group indices
  int target = -1;
  bool target_inferred = false;
  int claimant = -1;
  bool claimed = false;
  bool denied = false;
  bool negated = false;
  bool intended = false;
  bool requested = false;
  bool passive = false;
  bool background = false;
  bool dropped = false;
  bool supported = false;        // a noun carried by a support verb
  bool means = false;            // a noun telling how its clause's deed was done (في هجوم)
  bool statement_subject = false;  // its subject is a statement (ودعا البيان الختامي)
  bool first_person = false;     // ... in the first person (أوجّه نداء): the speaker's
  bool pronoun_subject = false;  // its subject is the pronoun on أنه/أنها/أنهما
  bool relative = false;         // its verb follows a relative pronoun (الذي زار)
  bool referenced = false;       // Event::referenced
  size_t pred = 0;               // the token the subject was looked for from
  size_t sector_subject = 0;     // an unnamed body right after the verb is its subject, or 0
};

bool SupportLicenses(const Knowledge& impl, uint32_t entry, EventType type) {
  auto it = impl.support_types.find(entry);
  if (it == impl.support_types.end()) return false;
  return it->second.empty() ||
         std::find(it->second.begin(), it->second.end(), type) != it->second.end();
}

// The claimant of a claim cue: its subject, before it (SVO) or after it (VSO).
int ClaimSubject(const SentenceContext& s, const CueHit& c) {
  return FindSubject(s, c.begin, c.end, s.end, true);
}

// The actor a prepositional attribution names: the first group after it (بحسب بيان للخارجية).
int AccordingSubject(const SentenceContext& s, const CueHit& c) {
  for (size_t t = c.end; t < std::min(s.end, c.end + 6); ++t) {
    int g = s.group_at[s.idx(t)];
    if (g >= 0 && s.groups[g].actor) return g;
  }
  return -1;
}

void ApplyModes(const Knowledge& impl, const SentenceContext& s, Draft& d) {
  const Trig& t = *d.trig;
  size_t from = t.match.end;
  size_t limit = std::min(s.end, from + kModeWindow);
  // A mode word may also sit inside a gapped trigger (أطلقت القوات ... النار) or before the
  // rest word; look from the head.
  for (size_t i = t.match.head + 1; i < limit; ++i) {
    // A word of sequence or a clause boundary starts another event's words (غارات على الجنوب
    // بعد إطلاق صواريخ).
    if (i >= t.match.end && (s.IsBoundary(i) || s.CueAt(i, Cue::kSequence) != nullptr)) break;
    for (const CueHit& h : s.cues[s.idx(i)]) {
      if (h.cue != Cue::kMode) continue;
      auto rule = impl.mode_rules.find(h.entry);
      if (rule == impl.mode_rules.end()) continue;
      const ModeRule& r = rule->second;
      if (r.type != d.type) continue;
      if (r.new_type != EventType::kUnknown) d.type = r.new_type;
      if (!r.mode.empty()) d.mode = r.mode;
      if (!r.cameo.empty()) {
        d.cameo = r.cameo;
      } else {
        for (const auto& [root, code] : r.by) {
          if (d.cameo.starts_with(root)) {
            d.cameo = code;
            break;
          }
        }
      }
      return;
    }
  }
}

// needs=A|B: a word of set A or of set B follows the trigger within kNeedsWindow tokens.
bool NeedsMet(const Knowledge& impl, const SentenceContext& s, const Trig& t) {
  const std::string& sets = t.entry->needs;
  if (sets.empty()) return true;
  const std::vector<std::string_view> wanted = SplitView(sets, '|');
  for (size_t i = t.match.end; i < std::min(s.end, t.match.end + kNeedsWindow); ++i) {
    for (const CueHit& h : s.cues[s.idx(i)]) {
      if (h.cue != Cue::kSet) continue;
      const std::string& set = impl.cues.entry(h.entry).value;
      if (std::find(wanted.begin(), wanted.end(), set) != wanted.end()) return true;
    }
  }
  return false;
}

// A verbal noun that nothing predicates names an event known from elsewhere; it does not
// report one: أدان الهجوم, قضية اغتيال الحريري, في ذكرى التفجير, وصف الاجتماع بأنه مثمر. It
// reports one when a support verb carries it (شنت الطائرات غارات), at the head of its clause (a
// headline or a nominal sentence: مقتل خمسة جنود في هجوم, تظاهرة أمام البرلمان), after a verb of
// saying (أعلنت الوزارة مقتل 71 جنديا), of occurring or of place (اندلعت اشتباكات, جرت
// المحادثات, شهدت طرابلس اشتباكات, اشتباكات استمرت يومين), and as the content or circumstance of an event reported
// before it in its clause when it names its own actors (اتهمت روسيا أوكرانيا بقصف المحطة,
// تم التوصل إلى اتفاق بوساطة روسية).
// `earlier`: the sentence's drafts before d, with their arguments and merges done.
//
// The noun trigger t is what the verb of saying c announces: its object, or an event during which
// it was said (أعلنت الوزارة مقتل, أعلنت الوزارة، اليوم، عن مقتل, وأضاف خلال لقائه), not a noun
// that a preposition or a noun with one governs (أكد القاضي المكلف بالتحقيق بجريمة اغتيال ...,
// تورطه في اغتيال ...).
bool Announces(const SentenceContext& s, const CueHit& c, const Trig& t) {
  const size_t h = t.match.head;
  // A preposition on the noun itself, when the noun was found through its stem (لقائه is
  // matched whole: its ل is no preposition).
  if (h < c.end || (t.match.via_stem && !ReadClitics(s.tok(h).proclitics).prep.empty())) {
    return false;
  }
  if (h == c.end) return true;
  if (s.CueAt(h - 1, Cue::kAnnounced) != nullptr) return true;
  for (size_t i = c.end; i < h; ++i) {
    if (s.group_at[s.idx(i)] >= 0 || s.in_timex[s.idx(i)]) continue;
    if (!s.prep[s.idx(i)].empty() || !ReadClitics(s.tok(i).proclitics).prep.empty()) {
      return false;
    }
  }
  return true;
}

// Whether an attack with no weapon named (the caller checks the mode) by a trigger flagged
// `words` is one of words: an adjective of speech right after the trigger (هجوما لاذعا), or an
// author who is a person or a party, newspaper or parliament, with no armed side, dead or wounded
// in the sentence.
bool VerbalAttack(const SentenceContext& s, const Draft& d) {
  if (s.CueIn(s.begin, s.end, {Cue::kKilled, Cue::kWounded, Cue::kArmed})) return false;
  const Trig& t = *d.trig;
  if (!t.entry->words) return false;
  if (s.CueAt(t.match.end, Cue::kVerbal) != nullptr) return true;
  if (d.source < 0) return false;
  const Group& g = s.groups[d.source];
  const Mention& m = *g.main;
  if (m.type == EntityType::kPerson && m.kind != MentionKind::kRole) return true;
  const std::string& code = m.actor_code;
  return code.ends_with("PTY") || code.ends_with("MED") || code.ends_with("LEG");
}

// How far apart, beyond characters, a date and a trigger are in the sentence's structure: a
// date across a clause boundary or a word of sequence dates another event (زيارة ... بعد
// زيارته السعودية يوم الأحد), and one across a comma is often the date of the statement that
// reports the event (وحسب البيان، الاثنين، قصفت القوات ... مساء يوم الأحد). Added to the
// distance in characters when the nearest date is chosen.
uint32_t TimexSeparation(const SentenceContext& s, Span timex, Span trigger) {
  const uint32_t from = std::min(timex.end, trigger.end), to = std::max(timex.start, trigger.start);
  uint32_t cost = 0;
  // Right after an attribution and its source (وحسب بيان الدفاع الأذربيجانية، الاثنين،) the
  // date is the statement's.
  size_t first = s.end;
  for (size_t k = s.begin; k < s.end && first == s.end; ++k) {
    if (s.tok(k).span.start >= timex.start) first = k;
  }
  for (size_t k = first, words = 0; k-- > s.begin;) {
    if (s.CueAt(k, Cue::kAccording) || s.CueAt(k, Cue::kClaim)) {
      if (trigger.start > timex.start) cost += kClauseDistance;
      break;
    }
    if (s.IsComma(k) || s.group_at[s.idx(k)] >= 0) continue;
    if (++words > 1) break;  // one word more: بيان
  }
  for (size_t k = s.begin; k < s.end; ++k) {
    const Span sp = s.tok(k).span;
    if (sp.start < from || sp.end > to) continue;
    if (s.IsBoundary(k) || s.CueAt(k, Cue::kSequence) != nullptr) {
      cost += kClauseDistance;
    } else if (s.IsComma(k)) {
      cost += kCommaDistance;
    }
  }
  return cost;
}

// The sentence ends with a full stop (running text, not a headline).
bool EndsWithStop(const SentenceContext& s) {
  for (size_t i = s.end; i-- > s.begin;) {
    const Token& t = s.tok(i);
    if (t.kind != TokenKind::kPunct) return false;
    if (t.key == "." || t.key == "!" || t.key == "?") return true;
  }
  return false;
}

// Whether the sentence refers to the event of `d` rather than reporting it (Event::referenced),
// given the drafts before it in the sentence:
// - a verbal noun that is not its clause's deed (no support verb before it carries it) after the
//   trigger of an event of another type: it is what that event is about (أدانت الولايات المتحدة
//   الهجوم الذي شنه مسلحون, اعتقلته بعد تفجير, التحقيق في مقتل);
// - a verb in a relative clause: it describes its antecedent (الرنتيسي الذي اغتالته إسرائيل).
bool Referenced(const SentenceContext& s, const Draft& d, std::span<const Draft> earlier) {
  const Trig& t = *d.trig;
  // (A passive verb right after the pronoun is one too: لعائلات الذين قتلوا.)
  if (t.verb) {
    const size_t h = t.match.head;
    return !d.supported &&
           (d.relative || (h > s.begin && s.CueAt(h - 1, Cue::kRelative) != nullptr));
  }
  // A participle of circumstance is a deed of its own (قال ... داعيا الجانبين إلى).
  if (t.entry->hal) return false;
  // A support verb before the noun makes it its clause's deed (شنت الطائرات غارات); one after it
  // is in a relative clause that describes it (الهجوم الذي شنه مسلحون).
  if (d.supported && d.pred < t.match.head) return false;
  for (const Draft& e : earlier) {
    if (!e.dropped && e.type != d.type && e.trig->match.head < t.match.head) return true;
  }
  return false;
}

// A condition reports nothing (إذا طلب منا ذلك). A verb in a relative clause whose antecedent
// is such a named event describes that event, it does not report another: الهجوم الانتحاري
// الذي استهدف السفارة, الانفجار الذي استهدف الجيش.
bool Unreported(const SentenceContext& s, const Draft& d, std::span<const Draft> earlier) {
  const Trig& t = *d.trig;
  const size_t h = t.match.head, clause_start = s.ClauseStart(h);
  // A condition states no event: إذا طلب منا ذلك, لو هاجمت.
  for (size_t k = clause_start; k < h; ++k) {
    if (s.CueAt(k, Cue::kCondition)) return true;
  }
  // A present verb in a relative clause describes its antecedent's habits or state, it reports
  // no event: المتظاهرين الذين يحتجون على القرار.
  if (d.relative && t.verb && t.match.form == FormKind::kPresent) return true;
  // (Not the noun's own support verb in that clause: الهجوم الذي شنته إيران is the attack.)
  if (d.relative && d.pred > s.begin + 1 && !(d.supported && d.pred > h)) {
    // The antecedent: the noun before the relative pronoun, past one adjective.
    for (size_t k = d.pred - 1; k-- > s.begin && k + 3 >= d.pred;) {
      if (s.IsComma(k) || s.IsBoundary(k)) break;
      const int named = s.trigger_at[s.idx(k)];
      if ((named >= 0 && !s.trigs[named].verb) || s.CueAt(k, Cue::kIncident)) return true;
    }
  }
  // A present verb in running text (a sentence that ends with its stop) with no time of its
  // own tells what is done habitually or in general (الذين يقتلون أولا ثم يسألون, الميليشيات
  // تخطف المدنيين), not an event: news narrates events in the past, and gives the present to news in
  // headlines, which end with no stop, or with a time (تستضيف موسكو اليوم).
  // Stances (تتهم, تطالب) and talks (يتفاوض) hold in the present; acts of force do not.
  // After لم the present form is a past (لم تقصف: did not shell).
  if (t.verb && t.match.form == FormKind::kPresent && !d.supported && !d.intended && !d.negated &&
      (d.type == EventType::kAssault || d.type == EventType::kCoerce) && EndsWithStop(s)) {
    bool timed = false;
    for (size_t k = clause_start; k < s.end && !timed; ++k) {
      if (k > h && s.IsBoundary(k)) break;
      timed = s.in_timex[s.idx(k)] || s.CueAt(k, Cue::kSince) != nullptr;
    }
    if (!timed) return true;
  }
  // A death in an accident is no attack (قتل جندي في حادث سير), and the act a charge names is
  // no report of it (اعتقل بتهمة الاعتداء على رجال الأمن).
  if (d.type == EventType::kAssault) {
    for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 5); ++k) {
      if (s.IsBoundary(k)) break;
      if (s.In(k, kAccident)) return true;
    }
  }
  for (size_t k = h, back = 0; k-- > clause_start && back < 2; ++back) {
    if (s.In(k, kCharge)) return true;
  }
  // What is feared is no event, a noun or a verb after a word of fear (وسط مخاوف متزايدة من انزلاق
  // المنطقة إلى حرب إقليمية شاملة).
  for (size_t k = h, back = 0; k-- > clause_start && back < 6; ++back) {
    if (s.In(k, kFear)) return true;
  }
  // A count before the noun is a tally, not a report (شهدت أفغانستان 140 هجوما في 2006).
  if (!t.verb && h > s.begin && s.tok(h - 1).kind == TokenKind::kNumber) return true;
  if (t.verb || d.supported || t.entry->hal || h == clause_start) return false;
  // Praise or blame stated in what a speaker says (قال وانغ يي إن الاتفاق "انتصار للحوار",
  // قالت زاخاروفا إن العقوبات غير شرعية): the statement is the event.
  if ((d.type == EventType::kSupport || d.type == EventType::kAccuse) &&
      clause_start > s.begin + 1) {
    for (size_t k = s.begin; k + 1 < clause_start; ++k) {
      if (s.CueAt(k, Cue::kClaim) != nullptr) return false;
    }
  }
  for (size_t k = clause_start; k < h; ++k) {
    if (s.CueAt(k, Cue::kScene) || s.CueAt(k, Cue::kOccur)) return false;
    if (const CueHit* c = s.CueAt(k, Cue::kClaim); c != nullptr && Announces(s, *c, t)) {
      return false;
    }
  }
  // The cause of dead or wounded told before it (أصيب أربعة مدنيين إثر انفجار سيارة مفخخة,
  // سقط عشرات بين قتيل وجريح بانفجار).
  if (d.type == EventType::kAssault && s.CueIn(s.begin, h, {Cue::kKilled, Cue::kWounded})) {
    return false;
  }
  // What a told event came after or in answer to is told too (غارات إسرائيلية على جنوب لبنان
  // بعد إطلاق صواريخ باتجاه المطلة).
  if (h > s.begin && s.CueAt(h - 1, Cue::kSequence) != nullptr &&
      std::any_of(earlier.begin(), earlier.end(), [](const Draft& e) { return !e.dropped; })) {
    return false;
  }
  // How or when a deed of the clause was done, by its subject (استعادت أذربيجان الإقليم في
  // هجوم).
  if (d.means) return false;
  // What a deed was done amid (ورفع المحتجون لافتات وسط انتشار أمني كثيف): told as it happens.
  if ((d.type == EventType::kMobilize || d.type == EventType::kCoerce) && h > s.begin &&
      s.In(h - 1, kAmid)) {
    return false;
  }
  // A verb of happening right after the noun (اشتباكات استمرت يومين, هجوم وقع أمس).
  for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 3); ++k) {
    if (s.CueAt(k, Cue::kOccur)) return false;
    if (s.IsBoundary(k) || s.IsComma(k)) break;
  }
  if (d.source >= 0 || d.target >= 0) {
    for (const Draft& e : earlier) {
      const size_t head = e.trig->match.head;
      if (!e.dropped && head >= clause_start && head < h) return false;
    }
  }
  return true;
}

// Confidence (Event::confidence) is how sure rasd is that the sentence reports the event as
// news: a logistic of the evidence the sentence gives for it. News leads with what happened and
// gives its particulars: who did it to whom, where, when, with what, with how many dead and
// wounded, on whose word. A sentence that comes to an event late, after a long run of other
// words, mostly tells something else and names the event on the way (an opinion, a
// consequence, a history), and a verbal noun no verb carries is more often the name of a kind
// of act than a report of one. The weights are log-odds (0.7 doubles the odds); docs/events.md,
// Confidence, gives the table and how the weights were set.
constexpr double kEvidenceBase = -0.9;
constexpr double kSourceWeight = 0.2;          // a named source, or unnamed people of a sector
constexpr double kTargetWeight = 0.4;          // a named target
constexpr double kInferredTargetWeight = 0.1;  // a target inferred (no words name it)
constexpr double kLocationWeight = 0.4;
constexpr double kDateWeight = 0.25;        // a date in the sentence
constexpr double kModeWeight = 0.4;         // a manner or weapon named (shelling, phone)
constexpr double kPredicatedWeight = 0.5;   // a verb; a noun a support or occurring verb carries
constexpr double kAttributedWeight = 0.25;  // told on someone's word (status claimed)
constexpr double kCasualtiesWeight = 0.9;   // dead or wounded counted
constexpr double kParticipleWeight = -0.2;  // a participle of circumstance
constexpr double kLatePer40Chars = -0.4;    // for every 40 characters before the event
constexpr uint32_t kLateCharsCap = 240;     // beyond this, no further loss

// Code points of text in [from, to), counted up to `cap` (Evidence reads no further): UTF-8
// bytes that do not continue a character. Counted eight bytes at a time, since an event's
// sentence runs to hundreds of bytes before it: a continuation byte (10xxxxxx) has bit 7 set
// and bit 6, shifted up onto bit 7, clear; the flags are then summed by one multiplication.
// Past `cap` the count is cut back to it, so a word read beyond the byte the count reached cap
// on changes nothing.
uint32_t CodePointsBetween(std::string_view text, uint32_t from, uint32_t to, uint32_t cap) {
  constexpr uint64_t kHighBits = 0x8080808080808080u;
  constexpr uint64_t kLowBits = 0x0101010101010101u;
  const size_t end = std::min<size_t>(to, text.size());
  size_t i = from;
  uint32_t n = 0;
  for (; i + 8 <= end && n < cap; i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    const uint64_t continuations = word & ~(word << 1) & kHighBits;
    n += 8 - static_cast<uint32_t>(((continuations >> 7) * kLowBits) >> 56);
  }
  for (; i < end && n < cap; ++i) {
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  return std::min(n, cap);
}

// The verb of occurring or of place that carries the noun trigger at h: right before it, or
// one or two words before it in its clause (اندلعت مظاهرات, شهدت طرابلس اشتباكات, خرجت أمس
// تظاهرة); SIZE_MAX when there is none.
size_t OccursAt(const SentenceContext& s, size_t h) {
  for (size_t k = h, back = 0; k-- > s.begin && back < 3; ++back) {
    if (s.CueAt(k, Cue::kOccur) || s.CueAt(k, Cue::kScene)) return k;
    if (s.IsBoundary(k) || s.IsComma(k)) break;
  }
  return SIZE_MAX;
}

// The logit of an event's confidence from its sentence, bar its casualties (added once they
// are attached). `dated`: a date of the sentence is the event's. `occurs`: a verb of occurring
// carries the noun trigger (OccursAt). `before`: characters of the sentence before the event
// is told (its trigger, or the support verb or verb of occurring that carries it).
double Evidence(const Draft& d, const Event& ev, bool dated, bool occurs, uint32_t before) {
  double z = kEvidenceBase;
  if (d.source >= 0 || d.sector_subject != 0) z += kSourceWeight;
  if (ev.target.known()) z += d.target_inferred ? kInferredTargetWeight : kTargetWeight;
  if (ev.location.known()) z += kLocationWeight;
  if (dated) z += kDateWeight;
  if (!ev.mode.empty()) z += kModeWeight;
  if (d.trig->verb || d.supported || occurs) z += kPredicatedWeight;
  if (ev.status == EventStatus::kClaimed) z += kAttributedWeight;
  if (d.trig->entry->hal) z += kParticipleWeight;
  z += kLatePer40Chars * std::min(before, kLateCharsCap) / 40.0;
  return z;
}

// أن at token k follows قبل or بعد: what comes after it is told in sequence (أمهله ساعة قبل
// أن يدعو أنصاره: he did call them), not wanted or feared.
bool AfterBeforeOrAfter(const SentenceContext& s, size_t k) {
  return k > s.begin && s.In(k - 1, kSequenceBefore);
}

Draft MakeDraft(const Knowledge& impl, const SentenceContext& s, const Trig& t,
                const std::vector<Draft>& earlier) {
  const Entry& e = *t.entry;
  Draft d;
  d.trig = &t;
  d.type = e.type;
  d.mode = e.mode;
  d.cameo = e.cameo;
  size_t h = t.match.head;
  size_t clause_start = s.ClauseStart(h);

  // "وقف القتال", "الوقف الفوري للقتال": stopping is not doing.
  bool stopped = s.CueEndingAt(h, Cue::kStop) != nullptr ||
                 (h > s.begin && s.tok(h - 1).kind == TokenKind::kWord &&
                  s.prep[s.idx(h - 1)].empty() && s.CueEndingAt(h - 1, Cue::kStop) != nullptr);
  // "طلب عدم الكشف عن اسمه": a formula that holds a trigger word and states no event.
  stopped = stopped || s.CueAt(h, Cue::kIdiom) != nullptr;
  if (!NeedsMet(impl, s, t) || stopped) {
    d.dropped = true;
    return d;
  }

  // Predicate: the verb itself, or the support verb of a noun.
  size_t pred = h, pred_end = t.match.words.size() > 1 && t.match.words[1] == h + 1
                                  ? t.match.words[1] + 1
                                  : h + 1;
  size_t vso_limit = s.end;
  bool verb = t.verb;
  bool passive = t.match.form == FormKind::kPassive || e.passive;
  const CueHit* support = nullptr;
  if (t.verb && t.match.form == FormKind::kPast &&
      HasDammaAfterFirstLetter(s.tok(h).span.In(s.text))) {
    passive = true;
  }
  // A verb form that doubles as its verbal noun and has no subject is the noun: "أعلن
  // المجلس قطع العلاقات" (the announcing body is then the agent, through the support verb).
  if (t.verb && e.vn && !passive && FindSubject(s, h, pred_end, s.end, true) < 0) verb = false;
  if (!verb && !e.hal) {
    // A support verb before the noun in its clause, or right after it ("زيارة يجريها",
    // "غارات جوية شنتها").
    size_t lo = std::max(clause_start, h >= kSupportWindow ? h - kSupportWindow : s.begin);
    for (size_t k = h; k-- > lo;) {
      // A word of sequence between them makes the noun another event (شنت غارات بعد إطلاق
      // صواريخ: the rockets are not carried by شنت).
      if (s.CueAt(k, Cue::kSequence) != nullptr) break;
      for (const CueHit& c : s.cues[s.idx(k)]) {
        if (c.cue == Cue::kSupport && c.end <= h && SupportLicenses(impl, c.entry, d.type)) {
          support = &c;
          break;
        }
      }
      if (support) break;
    }
    if (!support) {
      // ... past an adjective and a relative pronoun (العملية العسكرية الواسعة التي بدأها
      // الجيش).
      for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 3); ++k) {
        const CueHit* c = s.CueAt(k, Cue::kSupport);
        if (c && SupportLicenses(impl, c->entry, d.type)) {
          support = c;
          break;
        }
        if (s.CueAt(k, Cue::kRelative) != nullptr) continue;
        if (s.group_at[s.idx(k)] >= 0 || s.IsBoundary(k)) break;
      }
    }
    if (support) {
      d.supported = true;
      d.first_person = IsVerbForm(support->form) && FirstPersonAt(s, support->begin, support->form);
      if (IsVerbForm(support->form)) {
        verb = true;  // the support verb is the predicate
        pred = support->begin;
        pred_end = support->end;
        if (support->begin < h) vso_limit = h;
        if (support->form == FormKind::kPast &&
            HasDammaAfterFirstLetter(s.tok(support->begin).span.In(s.text))) {
          passive = true;
        }
      } else {
        // A support noun (التوصل إلى اتفاق): its genitive is the agent, or the subject of a
        // verb before it (أعلنت أرمينيا وأذربيجان التوصل إلى اتفاق).
        pred = support->begin;
        pred_end = support->end;
      }
      if (s.CueEndingAt(support->begin, Cue::kPassive)) passive = true;
      if (s.CueEndingAt(support->begin, Cue::kNegation)) d.negated = true;
      // سيجري, ستفرض: a future support verb; a threat is made in the future (ستحتفظ بحرية
      // التحرك).
      // Not واصل: what "will go on" is going on now (ستواصل الوقوف إلى جانب الشعب السوري).
      const bool goes_on = s.In(support->begin, kGoesOn);
      if ((support->form == FormKind::kFuture ||
           ReadClitics(s.tok(support->begin).proclitics).future) &&
          d.type != EventType::kThreaten && !goes_on) {
        d.intended = true;
      }
    } else if (e.support) {
      d.dropped = true;
      return d;
    }
    if (s.CueEndingAt(h, Cue::kPassive)) passive = true;
  }
  d.pred = pred;
  d.passive = passive;
  // "أعلنت أذربيجان وأرمينيا أنهما اتفقتا": the subject is the pronoun on أن, which stands
  // for the subject of the verb of saying (resolved with the claimant below).
  if (clause_start > s.begin && s.CueAt(clause_start - 1, Cue::kPronounComp) && !passive) {
    bool named = false;
    for (size_t k = clause_start; k < h; ++k) named = named || s.group_at[s.idx(k)] >= 0;
    d.pronoun_subject = !named;
  }

  // Source.
  if (e.hal) {
    // The sentence's main event: its first verb with a source ("تظاهر آلاف الأردنيين ...
    // تنديدا بالقصف الإسرائيلي ... مطالبين": the protesters, not the shelling's Israel), else
    // the latest event with one. Not an event told in what a named speaker says before it: the
    // participle is the speaker's (وقالت وزارة الدفاع الأرمينية إن "القوات الأذربيجانية فتحت
    // النار ..."، واصفة ما جرى بأنه استفزاز: the ministry calls it so).
    size_t said_from = SIZE_MAX;
    for (size_t k = s.begin; k < h && said_from == SIZE_MAX; ++k) {
      const CueHit* c = s.CueAt(k, Cue::kClaim);
      if (c != nullptr && FindSubject(s, c->begin, c->end, h, true) >= 0) said_from = c->end;
    }
    auto told = [&](const Draft& x) { return x.trig->match.head >= said_from; };
    for (size_t j = 0; j < earlier.size() && d.source < 0; ++j) {
      if (!earlier[j].dropped && earlier[j].source >= 0 && earlier[j].trig->verb &&
          !told(earlier[j])) {
        d.source = earlier[j].source;
      }
    }
    for (size_t j = earlier.size(); d.source < 0 && j-- > 0;) {
      if (!earlier[j].dropped && earlier[j].source >= 0 && !told(earlier[j])) {
        d.source = earlier[j].source;
      }
    }
    // Else the speaker of the sentence ("وقالت الوزارة ... مطالبة أنقرة": the ministry,
    // unknown when not named), else its first named actor.
    bool speaker = false;
    for (size_t k = s.begin; d.source < 0 && !speaker && k < h; ++k) {
      if (const CueHit* c = s.CueAt(k, Cue::kClaim)) {
        speaker = true;
        d.source = FindSubject(s, c->begin, c->end, h, true);
      }
    }
    for (size_t g = 0; !speaker && d.source < 0 && g < s.groups.size(); ++g) {
      if (s.groups[g].begin < h && s.groups[g].actor && Bare(s.groups[g])) {
        d.source = static_cast<int>(g);
      }
    }
  } else if (verb) {
    if (passive) {
      // The agent, when the text names it (من قبل X); the bare group after is the patient.
      for (size_t g = 0; g < s.groups.size(); ++g) {
        if (s.groups[g].agent && s.groups[g].begin > h && s.groups[g].begin < s.ClauseEnd(h)) {
          d.source = static_cast<int>(g);
          break;
        }
      }
      // قتل is mostly read passive (قُتل 5 جنود), but a subject before it is its agent.
      if (d.source < 0 && e.passive && t.match.form != FormKind::kPassive) {
        d.source = FindSubject(s, pred, pred_end, pred_end, true);
      }
    } else {
      // A support verb after its noun is a relative clause (غارات شنتها طائرات تركية): its
      // subject follows it.
      bool after_noun = support != nullptr && support->begin > h;
      // "وزير الخارجية الروسي، الذي زار طاجيكستان": after a relative pronoun the subject is
      // its antecedent and the actor after the verb is the object.
      if (pred > s.begin && s.CueAt(pred - 1, Cue::kRelative)) {
        size_t k = pred - 1;
        if (k > s.begin && s.IsComma(k - 1)) --k;
        if (k > s.begin && s.group_at[s.idx(k - 1)] >= 0) {
          int g = s.group_at[s.idx(k - 1)];
          // With an object pronoun on the verb the antecedent is its object and the subject
          // follows (الرنتيسي الذي اغتالته إسرائيل: Israel killed al-Rantisi).
          if (s.groups[g].actor && t.object_pronoun && pred == h) {
            d.target = g;
            d.source = FindSubject(s, pred, pred_end, vso_limit, false);
          } else if (s.groups[g].actor) {
            d.source = g;
          }
        }
        // The noun's own support verb in a relative clause after it has its subject after it
        // (الهجوم الصاروخي الذي شنته إيران على إسرائيل).
        if (d.source < 0 && support != nullptr && pred > h) {
          d.source = FindSubject(s, pred, pred_end, vso_limit, false);
        }
        d.relative = true;
      } else {
        // A verb joined by و/ف after another verb of the sentence has its subject after it, or
        // shares that verb's: "اتهمت روسيا أوكرانيا بقصف المحطة ونفت استهداف المدنيين" (Russia
        // denies; Ukraine before ونفت is the first verb's object). An actor written before a
        // verb of its own carries the و itself (وأوكرانيا نفت).
        const Draft* before = nullptr;
        // So does a verb after قبل أن or بعد أن (أمهل غالستانيان ... قبل أن يدعو أنصاره), and a
        // support verb so placed (قبل أن يفرض عقوبات).
        const bool in_sequence = pred > s.begin &&
                                 s.CueAt(pred - 1, Cue::kSubjunctive) != nullptr &&
                                 AfterBeforeOrAfter(s, pred - 1);
        if (ReadClitics(s.tok(pred).proclitics).conj || in_sequence) {
          for (size_t j = earlier.size(); j-- > 0 && before == nullptr;) {
            const Draft& prev = earlier[j];
            // (A noun carried by a verb counts as that verb: وتشن تركيا عمليات ... وتقيم.)
            if (!prev.dropped && (prev.trig->verb || prev.supported) &&
                (prev.source >= 0 || prev.statement_subject) && prev.trig->match.head < h) {
              before = &prev;
            }
          }
          // A feminine verb does not go on with a man's deed (اتهم بايدن إيران ... بعد أن
          // هاجمت سفينة: Iran attacked).
          if (before != nullptr && pred == h && FeminineVerb(s.tok(h), t.match.form) &&
              before->source >= 0 && s.groups[before->source].main->type == EntityType::kPerson) {
            before = nullptr;
          }
        }
        d.source = FindSubject(s, pred, pred_end, vso_limit, !after_noun && before == nullptr);
        // A city is feminine: after a masculine verb it is the object, not the subject
        // ("علييف يتهم روسيا ... ويطالب موسكو بالاعتراف": Aliyev demands of Moscow).
        if (d.source >= 0 && pred == h && s.groups[d.source].begin >= pred_end &&
            MasculineVerb(s.tok(h), t.match.form)) {
          const Mention& m = *s.groups[d.source].main;
          if (m.kind == MentionKind::kCapital || m.type == EntityType::kPlace) d.source = -1;
        }
        if (d.source < 0 && before != nullptr) {
          d.source = before->source;
          d.statement_subject = before->statement_subject;
        }
        // "ودعا البيان الختامي الدول الأعضاء": a statement as the subject speaks for its author,
        // not for an actor named after it.
        if (pred_end < s.end && s.In(pred_end, kStatement) &&
            (d.source < 0 || s.groups[d.source].begin > pred_end)) {
          d.source = -1;
          d.statement_subject = true;
        }
        // An unnamed body right after the verb is its subject (وتتهم المعارضة سعيد ...): the
        // actor after it is not.
        // A nationality right after the body names its country (معارضون تونسيون): it stays.
        if (d.source >= 0 && s.groups[d.source].begin > pred_end &&
            s.group_at[s.idx(pred_end)] < 0 && s.CueAt(pred_end, Cue::kSector) != nullptr &&
            !(s.groups[d.source].begin == pred_end + 1 &&
              s.groups[d.source].main->kind == MentionKind::kNationality)) {
          d.source = -1;
          d.sector_subject = pred_end;
        } else if (d.source < 0 && pred_end < s.end && s.group_at[s.idx(pred_end)] < 0 &&
                   s.CueAt(pred_end, Cue::kSector) != nullptr) {
          d.sector_subject = pred_end;  // وطالب المتظاهرون بانسحاب القوات
        }
      }
    }
  } else {
    // A noun: a support noun's or the trigger's genitive (القصف الأرميني, زيارة بوتين); a
    // head whose rest may come after a gap has it in the gap (تزويد أوكرانيا بالأسلحة).
    const bool gapped =
        std::any_of(e.rest.begin(), e.rest.end(), [](const RestWord& w) { return w.gap; });
    // (A support word before the noun, not a verbal noun, has no genitive of its own:
    // الخاضع أصلا لعقوبات أمريكية.)
    const bool support_noun = support != nullptr && support->form != FormKind::kWord;
    size_t from = support_noun ? support->end : gapped ? h + 1 : t.match.end;
    bool pronoun = !s.tok(support_noun ? support->begin : h).enclitic.empty();
    if (!pronoun) {
      bool definite = ReadClitics(s.tok(support_noun ? support->begin : h).proclitics).article;
      for (size_t k = from; k < std::min(s.end, from + 2); ++k) {
        if (s.IsBoundary(k) || !s.prep[s.idx(k)].empty()) break;
        int g = s.group_at[s.idx(k)];
        // One adjective may come between (غارات جوية إسرائيلية, القصف المدفعي الأرميني): it
        // agrees in definiteness and has no pronoun or conjunction, unlike a verb (اجتماع
        // تستضيفه كازاخستان, بإسقاط الطائرة ويطالب موسكو).
        if (g < 0 &&
            (!s.tok(k).enclitic.empty() || ReadClitics(s.tok(k).proclitics).article != definite ||
             ReadClitics(s.tok(k).proclitics).conj)) {
          break;
        }
        if (g >= 0) {
          const Group& grp = s.groups[g];
          // بالهجوم الروسي: the preposition on the noun itself does not govern its genitive.
          size_t noun = support ? support->begin : h;
          bool genitive = Bare(grp) || (grp.head != SIZE_MAX && grp.head >= noun &&
                                        grp.head < from && grp.outer_prep.empty());
          if (grp.actor && genitive) {
            bool as_object = e.gentarget || (e.genobj && (grp.main->type == EntityType::kCountry ||
                                                          grp.main->kind == MentionKind::kCapital));
            if (as_object)
              d.target = g;
            else
              d.source = g;
          }
          break;
        }
        if (s.tok(k).kind != TokenKind::kWord) break;
      }
    }
    // أعلنت أرمينيا وأذربيجان التوصل إلى اتفاق: the verb that carries the support noun.
    if (d.source < 0 && support && !IsVerbForm(support->form) && !passive) {
      size_t lo =
          std::max(clause_start,
                   support->begin >= kSupportWindow ? support->begin - kSupportWindow : s.begin);
      for (size_t k = support->begin; k-- > lo && d.source < 0;) {
        const CueHit* c = s.CueAt(k, Cue::kSupport);
        if (c && c->end <= support->begin && IsVerbForm(c->form) &&
            SupportLicenses(impl, c->entry, d.type)) {
          d.source = FindSubject(s, c->begin, c->end, support->begin, true);
          // Joined by و with no subject of its own, it has the verb's before it (أبقت إسرائيل
          // قواتها ... وتواصل تنفيذ ضربات).
          for (size_t j = earlier.size();
               d.source < 0 && j-- > 0 && ReadClitics(s.tok(c->begin).proclitics).conj;) {
            const Draft& prev = earlier[j];
            if (!prev.dropped && prev.trig->verb && prev.source >= 0 &&
                prev.trig->match.head < c->begin) {
              d.source = prev.source;
            }
          }
        }
      }
    }
    // How or when a deed of the clause was done: an attack with no article right after في,
    // talks right after خلال or أثناء, are its subject's (استعادت أذربيجان الإقليم في هجوم
    // خاطف: Azerbaijan's offensive; قدم بوتين اعتذاره خلال اتصال هاتفي مع علييف: Putin's
    // call), the first actor standing bare before it in the clause.
    // Not after a word whose في says what it is about (التحقيق في اغتيال, المتهمين في تفجير).
    const bool in = h > s.begin && s.tok(h - 1).key == "\u0641\u064A";  // the preposition في
    const bool during = h > s.begin && s.In(h - 1, kDuring);
    if (d.source < 0 && !support && h > clause_start + 1 &&
        ((in && d.type == EventType::kAssault) || (during && d.type == EventType::kConsult)) &&
        !ReadClitics(s.tok(h).proclitics).article && !InSet(impl, s, h - 2, "about") &&
        s.trigger_at[s.idx(h - 2)] < 0 &&
        !s.CueIn(clause_start, h, {Cue::kKilled, Cue::kWounded})) {  // مقتل جنود في هجوم: victims
      for (size_t k = clause_start; k + 1 < h && d.source < 0; ++k) {
        const int g = s.group_at[s.idx(k)];
        if (g >= 0 && s.groups[g].actor && Bare(s.groups[g])) {
          d.source = g;
          d.means = true;
        }
      }
    }
  }

  // Target, by the trigger's argument pattern.
  size_t after = t.match.end;
  if (d.source >= 0 && s.groups[d.source].end > after) after = s.groups[d.source].end;
  if (passive && verb && d.target < 0 && e.type != EventType::kConsult && !Symmetric(e.type)) {
    int patient = FindArg(s, "obj", pred_end, d.source);
    if (patient >= 0) d.target = patient;
  }
  for (const std::string& arg : e.args) {
    if (d.target >= 0) break;
    if (arg == "obj") {
      if (t.object_pronoun) continue;
      // A head whose rest may come after a gap has its object in the gap: "زودت إيران
      // جماعة الحوثي بالصواريخ" (the subject, excluded, may stand there too).
      size_t obj_from = after;
      if (std::any_of(e.rest.begin(), e.rest.end(), [](const RestWord& w) { return w.gap; })) {
        obj_from = t.match.head + 1;
      }
      d.target = FindArg(s, "obj", obj_from, d.source);
      // "دعا غوتيريش طرفي الحرب في السودان إلى": an object the text does not name, placed
      // in a country, stands for that country's actors. Not for attacks: a place attacked
      // is a location.
      bool object = false;  // an object noun comes first, not a preposition (دعا إلى)
      for (size_t k = after; k < s.end && !object; ++k) {
        if (s.tok(k).kind != TokenKind::kWord) continue;
        if (!s.prep[s.idx(k)].empty() || s.IsBoundary(k)) break;
        object = true;
      }
      if (d.target < 0 && object && d.type != EventType::kAssault) {
        for (size_t k = after; k < std::min(s.end, after + 10); ++k) {
          if (s.IsBoundary(k)) break;
          int g = s.group_at[s.idx(k)];
          if (g < 0) continue;
          const Group& grp = s.groups[g];
          if (grp.prep == "\u0641\u064A" && grp.main->type == EntityType::kCountry &&
              k >= s.begin + 2 && k > after && s.group_at[s.idx(k - 2)] < 0) {
            d.target = g;
          }
          break;
        }
      }
    } else if (arg == "gen") {
      // Handled with the genitive above, unless a verb carries the noun (أعادت واشنطن إدراج
      // الحوثيين على القائمة): then the genitive of a gentarget noun right after it is its target.
      if (e.gentarget && verb && support != nullptr && t.match.head + 1 < s.end) {
        const int g = s.group_at[s.idx(t.match.head + 1)];
        if (g >= 0 && s.groups[g].actor && g != d.source) d.target = g;
      }
    } else if (arg == "between") {
      // بين: after the trigger, or in the gap before its rest words (دخل اتفاق وقف إطلاق النار
      // بين إسرائيل وحزب الله حيز التنفيذ).
      const bool gapped =
          std::any_of(e.rest.begin(), e.rest.end(), [](const RestWord& w) { return w.gap; });
      int first = FindArg(s, "\u0628\u064A\u0646", gapped ? t.match.head + 1 : t.match.end, -1);
      // ... or in the subject before a verb (وقف إطلاق النار بين لبنان وإسرائيل يدخل حيز
      // التنفيذ).
      if (first < 0 && t.verb) {
        const size_t from =
            std::max(clause_start, h >= kSubjectWindow ? h - kSubjectWindow : s.begin);
        const int before = FindArg(s, "\u0628\u064A\u0646", from, -1);
        if (before >= 0 && s.groups[before].end <= h) first = before;
      }
      if (first >= 0) {
        // The other side: joined by و, perhaps after a long first side ("بين وفد سعودي
        // برئاسة ... العيبان، ووفد إيراني").
        int second = Partner(s, first);
        for (size_t g = first + 1; second < 0 && g < s.groups.size(); ++g) {
          const Group& grp = s.groups[g];
          if (grp.begin > s.groups[first].end + 2 * kObjectWindow) break;
          // Joined by و itself, or through a head noun that carries it (ووفد إيراني).
          const bool joined = grp.coordinated >= 0 ||
                              (grp.begin > s.begin && s.group_at[s.idx(grp.begin - 1)] < 0 &&
                               ReadClitics(s.tok(grp.begin - 1).proclitics).conj);
          if (joined && grp.actor && grp.main->country != s.groups[first].main->country) {
            second = static_cast<int>(g);
          }
        }
        if (d.source < 0) {
          d.source = first;
          d.target = second;
        } else if (first != d.source) {
          d.target = first;
        } else {
          d.target = second;
        }
      }
    } else if (arg.starts_with("<")) {
      if (d.source < 0) d.source = FindArg(s, std::string_view(arg).substr(1), t.match.end, -1);
    } else {
      // After the noun's own support verb when it follows the noun (الهجوم الذي شنته إيران
      // على إسرائيل): a relative pronoun between ends no search.
      const size_t arg_from = support != nullptr && pred > h ? pred_end : t.match.end;
      d.target = FindArg(s, arg, arg_from, d.source);
      // "زيارة خارجية للشرع": after a noun whose genitive is its object only when a place, a
      // person after ل is whose the act is (a visit to Moscow, a visit of al-Sharaa's).
      if (d.target >= 0 && d.source < 0 && e.genobj && !t.verb && arg == "\u0644") {
        const Mention& m = *s.groups[d.target].main;
        if (m.type == EntityType::kPerson) {
          d.source = d.target;
          d.target = -1;
        }
      }
    }
  }
  if (d.target == d.source) d.target = -1;
  // Sanctions on unnamed people and firms are on the side the sentence ties them to (عقوبات
  // على أفراد وشركات ... تشكل شبكة لتمويل جماعة الحوثي): the first actor named after the
  // trigger that is no place and of another country than the source.
  if (d.type == EventType::kSanction && d.target < 0) {
    const std::string source_country = d.source >= 0 ? s.groups[d.source].main->country : "";
    for (size_t g = 0; g < s.groups.size(); ++g) {
      const Group& grp = s.groups[g];
      if (grp.begin < t.match.end || !grp.actor || static_cast<int>(g) == d.source ||
          grp.main->kind == MentionKind::kNationality || grp.prep == "\u0641\u064A" ||
          grp.main->type == EntityType::kPlace ||
          (!source_country.empty() && grp.main->country == source_country)) {
        continue;
      }
      d.target = static_cast<int>(g);
      break;
    }
  }
  // Symmetric events between coordinated actors: اتفقت أذربيجان وأرمينيا.
  // Mediators named together mediate together (وساطة روسيا والولايات المتحدة).
  if ((Symmetric(d.type) || d.mode == "clash") && d.mode != "mediate") {
    if (d.source >= 0 && d.target < 0) d.target = Partner(s, d.source);
    // "بينهما", "الجانبين" (between them, both sides) in the sentence of a clash or a symmetric
    // event with no sides named: the pair of coordinated actors named last before it (بتوصل
    // أرمينيا وأذربيجان إلى اتفاق ... بعد تصعيد واشتباكات خلفت عشرات القتلى من الجانبين).
    if (d.source < 0 && d.target < 0 && NamesBothSides(s)) {
      for (size_t g = s.groups.size(); g-- > 1;) {
        const Group& second = s.groups[g];
        if (second.end > h || second.coordinated != static_cast<int>(g - 1)) continue;
        if (!second.actor || !s.groups[g - 1].actor) continue;
        d.source = static_cast<int>(g - 1);
        d.target = static_cast<int>(g);
        break;
      }
    }
    // "وزيرا الدفاع في روسيا وأرمينيا ناقشا": a dual verb after a coordinated pair.
    if (d.source < 0 && d.target < 0 && t.match.dual) {
      for (size_t g = 1; g < s.groups.size(); ++g) {
        const Group& second = s.groups[g];
        if (second.coordinated == static_cast<int>(g - 1) && second.end <= h &&
            second.begin >= clause_start && s.groups[g - 1].main->type == EntityType::kCountry) {
          d.source = static_cast<int>(g - 1);
          d.target = static_cast<int>(g);
        }
      }
    }
  }

  // Modality. A threat is made in the future tense: "سترد" states the threat, now; so is a
  // refusal (لن تعترف: will not recognise).
  const bool threat =
      t.entry->type == EventType::kThreaten || (t.future && t.entry->type == EventType::kReject);
  if (t.future && !threat) d.intended = true;
  // "قد تلتقي": may meet (with a past verb, قد is "already").
  if (t.verb && t.match.form == FormKind::kPresent && h > s.begin && s.CueAt(h - 1, Cue::kQad)) {
    d.intended = true;
  }
  // A present verb right after أن or with the ل of purpose is subjunctive: wanted or feared,
  // not done (يقبل أن يفجر نفسه, ليقتل).
  if (t.verb && t.match.form == FormKind::kPresent &&
      ((h > s.begin && s.CueAt(h - 1, Cue::kSubjunctive) != nullptr &&
        !AfterBeforeOrAfter(s, h - 1)) ||
       (t.match.via_stem && ReadClitics(s.tok(h).proclitics).prep == kLam))) {
    d.intended = true;
  }
  if (s.CueEndingAt(h, Cue::kNegation)) d.negated = true;
  // "من دون أن تعلن التزامها بهدنة": what follows دون أن within its clause is not done.
  for (size_t k = h, back = 0; k-- > s.begin && back < 5; ++back) {
    if (s.IsComma(k)) break;
    if (s.In(k, kWithout) && k + 1 < h && s.CueAt(k + 1, Cue::kSubjunctive) != nullptr) {
      d.negated = true;
      break;
    }
  }
  if (verb && pred != h && s.CueEndingAt(pred, Cue::kNegation)) d.negated = true;
  for (size_t k = clause_start; k < h && !threat; ++k) {
    if (s.CueAt(k, Cue::kFuture)) d.intended = true;
  }
  // A noun that a word of possibility or intent follows is its subject: ضربات جوية يمكن أن
  // تستهدف.
  if (!t.verb) {
    for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 3); ++k) {
      if (s.IsBoundary(k) || s.IsComma(k)) break;
      if (s.CueAt(k, Cue::kFuture)) d.intended = true;
    }
  }
  // لن: will not.
  if (const CueHit* neg = s.CueEndingAt(verb ? pred : h, Cue::kNegation)) {
    if (s.tok(neg->begin).key == "\u0644\u0646") d.intended = true;
  }
  ApplyModes(impl, s, d);
  return d;
}

// Events that are acts of speech: saying them is doing them.
bool SpeechAct(EventType t) {
  return t == EventType::kAccuse || t == EventType::kRequest || t == EventType::kReject ||
         t == EventType::kSupport || t == EventType::kThreaten;
}

bool SameActor(const SentenceContext& s, int a, int b) {
  if (a < 0 || b < 0) return a == b;
  if (a == b) return true;
  const Mention& x = *s.groups[a].main;
  const Mention& y = *s.groups[b].main;
  return !x.entity.empty() && x.entity == y.entity;
}

// Status from the sentence's attribution, denial and background cues.
void ApplySentenceCues(const SentenceContext& s, Draft& d) {
  size_t h = d.trig->match.head;
  // A participle of circumstance is the speaker's own act (متهما, داعيا), never a report.
  bool own_act = d.trig->entry->hal;
  for (size_t k = s.begin; k < s.end; ++k) {
    for (const CueHit& c : s.cues[s.idx(k)]) {
      if (c.begin == h || c.begin == d.pred) continue;  // the trigger or its support itself
      if (c.cue == Cue::kDeny && c.end <= h) {
        d.denied = true;
        d.negated = true;
        d.claimant = ClaimSubject(s, c);
      } else if (c.cue == Cue::kClaim && c.end <= h && !d.claimed && !own_act &&
                 !s.CueAt(c.begin, Cue::kBackground)) {
        // The claimant may also be the source ("أكد X أنه زار"): still a claim.
        d.claimed = true;
        d.claimant = ClaimSubject(s, c);
      } else if (c.cue == Cue::kAccording && !d.claimed && !own_act) {
        d.claimed = true;
        d.claimant = AccordingSubject(s, c);
      } else if (c.cue == Cue::kBackground) {
        d.background = true;
      } else if (c.cue == Cue::kWas) {
        // Pluperfect: وكانت الأعمال العدائية قد استؤنفت.
        for (size_t q = c.end; q < std::min(s.end, c.end + 8); ++q) {
          if (s.CueAt(q, Cue::kQad)) d.background = true;
        }
      }
    }
  }
  if (d.pronoun_subject && d.source < 0 && d.claimant >= 0) {
    d.source = d.claimant;
    if (Symmetric(d.type) && d.target < 0) d.target = Partner(s, d.source);
    if (d.target == d.source) d.target = -1;
  }
  // Saying is what these events are: "اتهم X Y" reported by X is X's act, not X's claim.
  const bool speech = SpeechAct(d.type);
  // The same holds for a spokesman of the same state (قالت زاخاروفا إن موسكو سترد), and a
  // verbal act with no author of its own is the speaker's (أردوغان: لن نسمح بالإخلال بالأمن;
  // قال وانغ يي إن الاتفاق "انتصار للحوار").
  if (speech && d.claimed && d.claimant >= 0) {
    const std::string& by = s.groups[d.claimant].main->country;
    const bool same = SameActor(s, d.claimant, d.source) ||
                      (d.source >= 0 && !by.empty() && s.groups[d.source].main->country == by);
    if (d.source < 0) d.source = d.claimant;
    if (same || d.source == d.claimant) {
      d.claimed = false;
      d.claimant = -1;
    }
  }
}

bool Compatible(const SentenceContext& s, const Draft& a, const Draft& b) {
  auto fits = [&](int x, int y) { return x < 0 || y < 0 || SameActor(s, x, y); };
  if (fits(a.source, b.source) && fits(a.target, b.target)) return true;
  return Symmetric(a.type) && fits(a.source, b.target) && fits(a.target, b.source);
}

// Two triggers of one type in one clause usually state one event ("ناقش ... في محادثة
// هاتفية مع ...", "أعلنت مقتل ... في هجوم"): keep the first, fill it from the second.
void Merge(const SentenceContext& s, std::vector<Draft>& drafts) {
  auto generic = [](const std::string& mode) { return mode.empty() || mode == "meet"; };
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& a = drafts[i];
    if (a.dropped) continue;
    for (size_t j = i + 1; j < drafts.size(); ++j) {
      Draft& b = drafts[j];
      if (b.dropped || b.type != a.type || !Compatible(s, a, b)) continue;
      // A mediation is not the talks it sponsors (جولات تفاوض ... برعاية سعودية).
      if ((a.mode == "mediate") != (b.mode == "mediate")) continue;
      // A deed a verb tells done is not the one feared or planned beside it (قصف الجيش المدينة
      // تحسبا لهجوم).
      const Draft& done = a.intended ? b : a;
      if (a.intended != b.intended && done.trig->verb) continue;
      // Not across a clause boundary, nor across "عقب", "ردا على" (another event, in
      // sequence), nor far apart.
      bool boundary = b.trig->match.head - a.trig->match.head > 24;
      for (size_t k = a.trig->match.head + 1; k < b.trig->match.head; ++k) {
        boundary = boundary || s.IsBoundary(k) || s.CueAt(k, Cue::kSequence) != nullptr;
      }
      if (boundary) continue;
      // A verb states the event a verbal noun before it names (في اتصال هاتفي، بحث لافروف,
      // بعد زيارتي لأذربيجان سأتصل): the verb's draft is kept, filled from the noun's.
      const bool verb_kept = !a.trig->verb && !a.supported && b.trig->verb;
      Draft& keep = verb_kept ? b : a;
      Draft& gone = verb_kept ? a : b;
      bool swapped =
          keep.source >= 0 && gone.target >= 0 && SameActor(s, keep.source, gone.target);
      if (keep.source < 0) keep.source = swapped ? gone.target : gone.source;
      if (keep.target < 0) keep.target = swapped ? gone.source : gone.target;
      if (keep.target == keep.source) keep.target = -1;
      if (generic(keep.mode) && !generic(gone.mode)) {
        keep.mode = gone.mode;
        keep.cameo = gone.cameo;
      }
      keep.negated = keep.negated || gone.negated;
      keep.intended = keep.intended || gone.intended;
      keep.claimed = keep.claimed || gone.claimed;
      if (keep.claimant < 0) keep.claimant = gone.claimant;
      gone.dropped = true;
      if (verb_kept) break;
    }
  }
}

// A YYYY-MM-DD date moved by `days`; the date as given when it does not parse.
std::string ShiftDay(const std::string& date, int days) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return date;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return date;
  const std::chrono::year_month_day moved{std::chrono::sys_days{ymd} + std::chrono::days{days}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(moved.year()),
                static_cast<unsigned>(moved.month()), static_cast<unsigned>(moved.day()));
  return out;
}

// A word between tokens [from, to) that opens a clause of its own or a time apart (set
// opener: فيما, بينما, لكن, ثم, قبل, بعد).
bool NewClauseBetween(const SentenceContext& s, size_t from, size_t to) {
  for (size_t k = from; k < to && k < s.end; ++k) {
    if (s.In(k, kOpener)) return true;
  }
  return false;
}

// Rules across the events of one sentence.
void Relate(const SentenceContext& s, std::vector<Draft>& drafts) {
  // إياه/إياها: the target of the event before; resolved first, for the act its hal
  // accuses of (متهما إياها بتزويد ...: she supplied), and again after the rules below.
  auto pronoun_objects = [&] {
    for (size_t i = 1; i < drafts.size(); ++i) {
      Draft& d = drafts[i];
      if (d.dropped || d.target >= 0 || !d.trig->entry->hal) continue;
      size_t h = d.trig->match.end;
      if (h < s.end && s.CueAt(h, Cue::kPronoun)) {
        for (size_t j = i; j-- > 0;) {
          if (!drafts[j].dropped && drafts[j].target >= 0) {
            d.target = drafts[j].target;
            break;
          }
        }
      }
    }
  };
  pronoun_objects();
  // "توصلت لجنتا البلدين، برئاسة غريغوريان ومصطفاييف، خلال اجتماعهما": talks or an agreement
  // with the dual pronoun are the pair of actors of two countries named last before them.
  for (Draft& d : drafts) {
    const Trig& t = *d.trig;
    if (d.dropped || !Symmetric(d.type) || s.tok(t.match.head).enclitic != "\u0647\u0645\u0627") {
      continue;
    }
    for (size_t g = s.groups.size(); g-- > 1;) {
      const Group& second = s.groups[g];
      const Group& first = s.groups[g - 1];
      // Joined by و, directly or through the title words of the second (غريغوريان ونائب رئيس
      // الوزراء الأذربيجاني شاهين مصطفاييف).
      bool joined = second.coordinated == static_cast<int>(g - 1);
      if (!joined && second.begin > first.end && second.begin - first.end <= 6 &&
          ReadClitics(s.tok(first.end).proclitics).conj) {
        joined = true;
        for (size_t k = first.end; k < second.begin && joined; ++k) {
          joined =
              s.tok(k).kind == TokenKind::kWord && !s.IsBoundary(k) && s.trigger_at[s.idx(k)] < 0;
        }
      }
      if (second.end > t.match.head || !joined) continue;
      if (!first.actor || !second.actor || first.main->country.empty() ||
          first.main->country == second.main->country) {
        continue;
      }
      d.source = static_cast<int>(g - 1);
      d.target = static_cast<int>(g);
      break;
    }
  }
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& a = drafts[i];
    if (a.dropped) continue;
    for (size_t j = i + 1; j < drafts.size(); ++j) {
      Draft& b = drafts[j];
      if (b.dropped) continue;
      size_t gap = b.trig->match.head - a.trig->match.end;
      const Token& bt = s.tok(b.trig->match.head);
      // "أدانت ... غارات شنتها طائرات تركية، وقالت إنها أسفرت عن مقتل مدنيين": a killing after
      // a verb of result is the attack's before it.
      if (a.type == EventType::kAssault && b.type == EventType::kAssault && a.source >= 0 &&
          b.source < 0 && !b.trig->verb &&
          s.CueIn(a.trig->match.end, b.trig->match.head, {Cue::kResult})) {
        b.source = a.source;
        if (b.target < 0) b.target = a.target;
      }
      // "وصفت يريفان الاتفاق بأنه خطوة تاريخية": the words of the label are the label's event,
      // not a second one.
      if (!a.trig->entry->needs.empty() && a.type == b.type && !b.trig->verb &&
          gap <= kNeedsWindow) {
        b.dropped = true;
        continue;
      }
      // "اتهمت الوزارة القوات الأرمينية بإطلاق النار": the accused did it; the accuser claims.
      if (a.type == EventType::kAccuse && a.mode == "allege" && gap <= 12 &&
          ReadClitics(bt.proclitics).prep == kBeh) {
        if (b.source < 0) b.source = a.target;
        if (b.target == b.source) b.target = -1;
        if (!b.claimed) {
          b.claimed = true;
          b.claimant = a.source;
        }
      }
      // "أدانت الخارجية العراقية غارات جوية شنتها طائرات تركية": condemned whoever did it.
      if ((a.type == EventType::kAccuse || a.type == EventType::kReject ||
           a.type == EventType::kSupport) &&
          a.target < 0 && b.source >= 0 && b.source != a.source && !SpeechAct(b.type) &&
          // (not its own side: قالت زاخاروفا إن العقوبات غير شرعية، مؤكدة أن موسكو سترد)
          !(a.source >= 0 && !s.groups[a.source].main->country.empty() &&
            s.groups[a.source].main->country == s.groups[b.source].main->country)) {
        size_t after =
            a.source >= 0 ? std::max(a.trig->match.end, s.groups[a.source].end) : a.trig->match.end;
        // Words between them, less a date and punctuation ("أدانت الخارجية العراقية، اليوم
        // الجمعة ١٤ حزيران/يونيو ٢٠٢٤، غارات ...").
        size_t words = 0;
        for (size_t k = after; k < b.trig->match.head && words <= 4; ++k) {
          if (!s.in_timex[s.idx(k)] && s.tok(k).kind != TokenKind::kPunct) ++words;
        }
        if (b.trig->match.head >= after && words <= 4) a.target = b.source;
      }
      // "اتفقت X و Y ... في ختام مباحثات": talks with no one named were theirs.
      // "عقد فيدان اجتماعا مع نظيره ... خرج ببيان مشترك": an agreement with no one named that
      // ends talks is theirs.
      if ((a.type == EventType::kAgree || a.type == EventType::kConsult) &&
          (b.type == EventType::kConsult || b.type == EventType::kAgree) && !b.trig->verb &&
          b.source < 0 && b.target < 0 && a.source >= 0 && a.target >= 0) {
        b.source = a.source;
        b.target = a.target;
      }
      // ... and one with only one of their two sides named is with the other (توصلتا خلال
      // اجتماعهما إلى اتفاق: the pair's agreement).
      if ((a.type == EventType::kAgree || a.type == EventType::kConsult) &&
          (b.type == EventType::kConsult || b.type == EventType::kAgree) && !b.trig->verb &&
          b.source >= 0 && b.target < 0 && a.source >= 0 && a.target >= 0) {
        const std::string& c = s.groups[b.source].main->country;
        if (!c.empty() && c == s.groups[a.source].main->country) {
          b.source = a.source;
          b.target = a.target;
        } else if (!c.empty() && c == s.groups[a.target].main->country) {
          b.source = a.source;
          b.target = a.target;
        }
      }
      // A noun of the same type joined by و to a noun a verb carries is carried by it too
      // (أعلن المجلس قطع العلاقات مع الإمارات وسحب السفارة من أبوظبي).
      if (a.type == b.type && a.source >= 0 && !a.trig->entry->hal && b.source < 0 &&
          ReadClitics(bt.proclitics).conj && gap <= 12) {
        b.source = a.source;
        b.supported = true;
        b.claimed = a.claimed;
        b.claimant = a.claimant;
      }
      // An accusative of purpose after a protest is the protesters' (تظاهر المغاربة ... تضامنا مع
      // الفلسطينيين ورفضا للتطبيع مع إسرائيل).
      if (a.type == EventType::kProtest && a.source >= 0 && b.source < 0 && !b.trig->entry->hal &&
          b.trig->match.head == b.trig->match.words.back() && gap <= 24 &&
          std::string_view(bt.key).ends_with("\u0627") &&
          (b.type == EventType::kReject || b.type == EventType::kAccuse ||
           b.type == EventType::kSupport)) {
        b.source = a.source;
      }
      // What sanctions target is no attack (فرض الاتحاد عقوبات على روسيا، وتستهدف قطاع الغاز).
      if (a.type == EventType::kSanction && b.type == EventType::kAssault && b.trig->verb &&
          s.In(b.trig->match.head, kTargeting) &&
          (b.source < 0 || SameActor(s, a.source, b.source))) {
        b.dropped = true;
        continue;
      }
      // The action a REQUEST asks for, or a THREATEN threatens with, has not happened; a
      // clause of its own after فيما, بينما, لكن or ثم tells another deed (هتافات تطالب
      // بوقف العدوان، فيما أقامت قوات الدرك طوقا).
      if (NewClauseBetween(s, a.trig->match.end, b.trig->match.head)) continue;
      // A finite verb joined by و is a deed of its own (ودعا البيان ... ورحب بالرأي الاستشاري).
      const bool own_clause = b.trig->verb && b.trig->match.form != FormKind::kFuture &&
                              ReadClitics(bt.proclitics).conj;
      if (a.type == EventType::kRequest && gap <= 15 && !own_clause) b.requested = true;
      if (a.type == EventType::kThreaten && b.type != EventType::kThreaten && gap <= 10) {
        b.intended = true;
        if (b.source < 0) b.source = a.source;  // هدد X Y بفرض عقوبات: X would impose them
        if (b.target < 0 && b.source == a.source) b.target = a.target;
      }
    }
  }
  // "واصفة ما جرى بأنه استفزاز": what happened, so described, is the deed told before it in the
  // sentence; the charge is against its author.
  for (size_t i = 1; i < drafts.size(); ++i) {
    Draft& x = drafts[i];
    if (x.dropped || x.type != EventType::kAccuse || x.target >= 0) continue;
    const size_t at = x.trig->match.end;
    if (at + 1 >= s.end || s.tok(at).key != "\u0645\u0627" || !s.In(at + 1, kHappened)) {
      continue;  // ما + a verb of the set happened
    }
    for (size_t j = i; j-- > 0;) {
      const Draft& y = drafts[j];
      if (y.dropped || y.source < 0 || SameActor(s, y.source, x.source)) continue;
      if (x.source >= 0 && !s.groups[x.source].main->country.empty() &&
          s.groups[x.source].main->country == s.groups[y.source].main->country) {
        continue;
      }
      x.target = y.source;
      break;
    }
  }
  // Said or done during talks with someone, to that someone: an apology, praise or an appeal
  // with no one named (قدم بوتين خلال اتصال هاتفي مع علييف اعتذاره: to Aliyev).
  for (Draft& x : drafts) {
    if (x.dropped || x.target >= 0 || x.source < 0 ||
        (x.type != EventType::kConcede && x.type != EventType::kSupport &&
         x.type != EventType::kRequest)) {
      continue;
    }
    for (const Draft& y : drafts) {
      if (!y.dropped && y.type == EventType::kConsult && y.target >= 0 &&
          SameActor(s, y.source, x.source)) {
        x.target = y.target;
        break;
      }
    }
  }
  pronoun_objects();
}

std::string PublishedDay(std::string_view published) {
  if (published.size() < 10) return "";
  std::string_view d = published.substr(0, 10);
  for (size_t i = 0; i < 10; ++i) {
    bool digit = d[i] >= '0' && d[i] <= '9';
    if ((i == 4 || i == 7) ? d[i] != '-' : !digit) return "";
  }
  return std::string(d);
}

}  // namespace

std::vector<Event> Coder::Impl::CodeSentence(const Article& article, const text::Analysis& analysis,
                                             uint32_t si, std::span<const Mention> mentions,
                                             std::span<const Timex> timexes,
                                             const ner::Recognizer& ner, const std::string& scene,
                                             const std::string& story, Actor& speaker) const {
  std::vector<Event> out;
  // Where unnamed police, soldiers or bodies of an event act: the dateline's country, else the
  // event's place, else where the story last took place ("وانتشرت الشرطة في محيط مقر
  // الحكومة" after a protest in Yerevan).
  auto where = [&](const Event& ev) -> const std::string& {
    return !scene.empty() ? scene : !ev.location.country.empty() ? ev.location.country : story;
  };
  const Actor previous_speaker = std::move(speaker);
  speaker = Actor();
  const Sentence& sentence = analysis.sentences[si];
  // One context a thread, reused sentence after sentence: its vectors keep their memory (the
  // per-token ones are assigned anew by the passes that fill them; groups and triggers are
  // cleared here).
  thread_local SentenceContext s;
  s.groups.clear();
  s.trigs.clear();
  s.tokens = &analysis.tokens;
  s.text = article.text;
  s.begin = sentence.first_token;
  s.end = std::min<size_t>(sentence.end_token, analysis.tokens.size());
  if (s.begin >= s.end) return out;
  // Every token is looked up in both lexicons below: their table slots are asked for at once.
  s.lookups.clear();
  for (size_t i = s.begin; i < s.end; ++i) {
    const Lexicon::Lookup& lookup = s.lookups.emplace_back(
        Lexicon::LookupOf(analysis.tokens[i], analysis.KeyHash(i), analysis.StemHash(i)));
    k.cues.Prefetch(lookup);
    k.triggers.Prefetch(lookup);
  }
  FindCues(k, s);
  s.in_timex.assign(s.end - s.begin, false);
  for (const Timex& x : timexes) {
    if (x.sentence != si) continue;
    for (size_t i = s.begin; i < s.end; ++i) {
      const Span sp = s.tok(i).span;
      if (sp.start < x.span.end && x.span.start < sp.end) s.in_timex[s.idx(i)] = true;
    }
  }
  // The sentence's mentions: a slice of the article's when they are in text order (as ner
  // gives them), else copies.
  auto in_sentence = [&](const Mention& m) {
    return m.first_token >= s.begin && m.end_token <= s.end;
  };
  size_t first = 0, last = 0, count = 0;
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (!in_sentence(mentions[i])) continue;
    if (count++ == 0) first = i;
    last = i + 1;
  }
  std::vector<Mention> copies;
  std::span<const Mention> sentence_mentions = mentions.subspan(first, last - first);
  if (count != last - first) {
    for (const Mention& m : mentions) {
      if (in_sentence(m)) copies.push_back(m);
    }
    sentence_mentions = copies;
  }
  s.in_name.assign(s.end - s.begin, false);
  for (const Mention& m : sentence_mentions) {
    // The words of a person's name are neither cues nor triggers (إبراهيم قالن is no "they
    // said").
    if (m.kind == MentionKind::kName && m.type == EntityType::kPerson &&
        m.end_token - m.first_token >= 2) {
      for (size_t i = m.first_token; i < m.end_token; ++i) {
        s.in_name[s.idx(i)] = true;
        s.cues[s.idx(i)].clear();
        s.boundary[s.idx(i)] = false;
      }
    }
  }
  FindTriggers(k, s);
  // The sentence's verb of saying: its subject speaks, or, with none, at the head of the
  // sentence (وأضاف، وتابع) the speaker of the sentence before goes on.
  const CueHit* saying = nullptr;
  for (size_t i = s.begin; i < s.end && saying == nullptr; ++i) saying = s.CueAt(i, Cue::kClaim);
  if (s.trigs.empty() && saying == nullptr) return out;
  BuildGroups(s, sentence_mentions);
  bool speaker_goes_on = false;
  if (saying != nullptr) {
    int subject = ClaimSubject(s, *saying);
    // A participle of saying inside the sentence (قدم بوتين اعتذاره، مشيرا إلى أن ...) is said
    // by the sentence's subject: its first bare actor before it.
    for (size_t g = 0; subject < 0 && g < s.groups.size(); ++g) {
      const Group& grp = s.groups[g];
      if (grp.end > saying->begin) break;
      if (grp.actor && Bare(grp)) subject = static_cast<int>(g);
    }
    if (subject >= 0) {
      speaker = MakeActor(s, s.groups[subject], ner);
    } else if (previous_speaker.known()) {
      // A verb of saying with no subject of its own goes on with the speaker before it (وقال
      // إن ..., "..."، مضيفا: "...").
      speaker = previous_speaker;
      speaker_goes_on = true;
    }
  }
  // A quotation that goes on past its first sentence: a verb in the first person (نرحب،
  // أؤكد) with no verb of saying is the speaker's.
  bool first_person = false;
  if (saying == nullptr && previous_speaker.known()) {
    for (const Trig& t : s.trigs) first_person = first_person || FirstPerson(s, t);
    if (first_person) {
      speaker = previous_speaker;
      speaker_goes_on = true;
    }
  }
  if (s.trigs.empty()) return out;

  std::vector<Draft> drafts;
  for (const Trig& t : s.trigs) {
    Draft d = MakeDraft(k, s, t, drafts);
    if (!d.dropped) ApplySentenceCues(s, d);
    drafts.push_back(std::move(d));
  }
  Relate(s, drafts);
  Merge(s, drafts);
  // A question reports nothing (هل قصفت ...؟ لماذا قتل ...؟).
  bool question = false;
  for (size_t i = s.begin; i < s.end && !question; ++i) {
    question = std::string_view(s.tok(i).key) == "?";
  }
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (!drafts[i].dropped &&
        (question || Unreported(s, drafts[i], std::span(drafts).first(i)))) {
      drafts[i].dropped = true;
    }
  }

  for (size_t i = 0; i < drafts.size(); ++i) {
    if (!drafts[i].dropped)
      drafts[i].referenced = Referenced(s, drafts[i], std::span(drafts).first(i));
  }

  std::string published_day = PublishedDay(article.published);
  // Each draft left becomes one event, built in place: with room for them all, no event (a large
  // struct) is moved as the vector grows.
  out.reserve(
      std::count_if(drafts.begin(), drafts.end(), [](const Draft& d) { return !d.dropped; }));
  std::vector<double> evidence;  // by event of `out`: the logit of its confidence, bar casualties
  for (Draft& d : drafts) {
    if (d.dropped) continue;
    const Trig& t = *d.trig;
    Event& ev = out.emplace_back();
    ev.article = article.id;
    ev.type = d.type;
    ev.mode = d.mode;
    ev.cameo = d.cameo;
    if (d.source >= 0) ev.source = MakeActor(s, s.groups[d.source], ner);
    if (d.target >= 0) ev.target = MakeActor(s, s.groups[d.target], ner);
    if (d.claimant >= 0) ev.claimant = MakeActor(s, s.groups[d.claimant], ner);
    // A statement's words are its author's: the speaker named before (the body that met).
    if (d.statement_subject && !ev.source.known() && previous_speaker.known()) {
      ev.source = previous_speaker;
      ev.source.span = {};
    }
    // The speaker's own words: "سأتصل برئيس الوزراء الأرمني" (I will call), after his verb of
    // saying or going on from the sentence before.
    if (speaker.known() && d.source < 0 && (FirstPerson(s, t) || d.first_person)) {
      ev.source = speaker;
    }
    if (speaker_goes_on && d.claimed && d.claimant < 0) {
      ev.claimant = speaker;
      // "وأضاف خلال لقائه مع نظيره": the pronoun on the trigger is the speaker.
      if (d.source < 0 && !s.tok(t.match.head).enclitic.empty()) ev.source = speaker;
      // "وطلب من القيادة السعودية رفع الحظر": a verbal act with no author is the speaker's,
      // and his own act is no claim.
      if (SpeechAct(d.type) && d.source < 0 && !ev.source.known()) {
        ev.source = speaker;
        ev.source.span = {};
        d.claimed = false;
        ev.claimant = Actor();
      }
    }
    // "منذ بدء هجومها على أوكرانيا": a verbal noun with a possessive pronoun is the act of the
    // pronoun's antecedent: the actor named last before it in the sentence that agrees with it
    // (ها: a state or a capital, feminine in Arabic; ه: a person or a body; هم: any), when no
    // other source is found and that actor is not its target.
    if (!t.verb && !t.entry->hal && d.source < 0 && !ev.source.known() &&
        !s.tok(t.match.head).enclitic.empty()) {
      const std::string& pronoun = s.tok(t.match.head).enclitic;
      for (size_t k = t.match.head; k-- > s.begin;) {
        const int g = s.group_at[s.idx(k)];
        if (g < 0 || !s.groups[g].actor || g == d.target || g == d.claimant) continue;
        const Mention& m = *s.groups[g].main;
        const bool state = m.type == EntityType::kCountry || m.kind == MentionKind::kCapital;
        if ((pronoun == kHa && !state) || (pronoun == kHeh && state)) continue;
        ev.source = MakeActor(s, s.groups[g], ner);
        ev.source.span = {};
        break;
      }
    }
    // "هجوم بطائرات مسيرة أوكرانية", "أصاب صاروخ روسي الطائرة", "قتل برصاص القوات الإسرائيلية":
    // the nationality or the owner of the weapon is the author of an attack that names no
    // other.
    if (d.type == EventType::kAssault && !ev.source.known()) {
      const size_t from = t.match.head > s.begin ? t.match.head - 1 : s.begin;
      for (size_t k = from; k < std::min(s.end, t.match.end + 8) && !ev.source.known(); ++k) {
        if (k > t.match.end && s.IsBoundary(k)) break;
        if (!InSet(this->k, s, k, "weapons")) continue;
        for (size_t j = k + 1; j < std::min(s.end, k + 3); ++j) {
          const int g = s.group_at[s.idx(j)];
          if (g < 0) continue;
          const Group& grp = s.groups[g];
          // (Its genitive, perhaps through the ب on the weapon: برصاص القوات الإسرائيلية.)
          const bool owner =
              j == k + 1 && grp.actor && ((Bare(grp) && grp.head == SIZE_MAX) || grp.head == k);
          if ((grp.main->kind == MentionKind::kNationality || owner) && g != d.target) {
            ev.source = MakeActor(s, grp, ner);
          }
          break;
        }
      }
    }
    // "Its units carried out an operation": forces named only by a pronoun (وحداته, قواتها,
    // جنودنا) next to the predicate of a claimed act are the claimant's own (ذكر حرس الحدود
    // الأذربيجاني أن وحداته نفذت عملية انتقامية).
    if (d.source < 0 && !ev.source.known() && d.claimed && !ev.claimant.country.empty()) {
      for (const size_t k : {d.pred - 1, d.pred + 1}) {
        if (k < s.begin || k >= s.end || s.tok(k).enclitic.empty() ||
            s.CueAt(k, Cue::kForces) == nullptr) {
          continue;
        }
        ev.source.country = ev.claimant.country;
        ev.source.actor_code = ev.claimant.country + "MIL";
        ev.source.name_ar = std::string(s.tok(k).span.In(s.text));
        ev.source.span = s.tok(k).span;
        if (const Entity* e = ner.FindEntity(ev.claimant.country)) ev.source.name_en = e->name_en;
        break;
      }
    }
    // An attack in words: a politician, a party or a newspaper "attacks" a rival (شن جنبلاط
    // هجوما عنيفا على حزب الله), or an adjective says the attack is one of words (هجوم لاذع على
    // الحكومة). With no weapon named and no dead or wounded in the sentence, that is a
    // criticism (PLOVER ACCUSE, CAMEO 111), not an assault.
    if (d.type == EventType::kAssault && d.mode.empty() && VerbalAttack(s, d)) {
      ev.type = EventType::kAccuse;
      ev.mode = "disapprove";
      ev.cameo = "111";
    }
    // A claimant reporting an attack by someone else speaks for the side attacked
    // ("أعلنت يريفان مقتل أربعة من جنودها في هجوم أذربيجاني"); the target is inferred (no
    // span).
    // Not attacks named with a possessive (لتمويل هجماتهم): theirs in general, no one report.
    if (d.type == EventType::kAssault && d.target < 0 && d.claimed && !d.negated &&
        ev.claimant.known() && ev.source.known() && !ev.claimant.country.empty() &&
        ev.claimant.country != ev.source.country && s.tok(t.match.head).enclitic.empty()) {
      // The side, not the body that spoke for it.
      const std::string& country = ev.claimant.country;
      ev.target = Actor();
      ev.target.country = country;
      ev.target.actor_code = country;
      if (const Entity* e = ner.FindEntity(country)) {
        ev.target.entity = country;
        ev.target.name_en = e->name_en;
        ev.target.name_ar = e->name_ar;
      }
      d.target_inferred = true;
    }
    // A protest with no stated target is against the authorities of the country it takes
    // place in, when its protesters are from there ("تظاهر مئات التونسيين ... وسط تونس").
    // (Inferred: no span.) Set after the location below.
    // Location: a place not acting, nearest after the trigger, else before it.
    // (Attacks on a place of another country target that country: see below.)
    int best = -1;
    size_t best_dist = SIZE_MAX;
    for (size_t g = 0; g < s.groups.size(); ++g) {
      const Group& grp = s.groups[g];
      if (static_cast<int>(g) == d.source || static_cast<int>(g) == d.target || !grp.place) {
        continue;
      }
      // A country or capital is a location only after في (في روسيا) or as the genitive of a
      // place noun (مطار دمشق), never as an actor; a nationality adjective never is.
      if (grp.main->kind == MentionKind::kNationality) continue;
      // A place inside a quotation the trigger is not in is what was said, not where a deed
      // happened (هتافات تطالب بـ"وقف العدوان على غزة"، فيما انتشرت قوات الدرك); for words (a
      // call, a charge) the quotation is their content and its place stays.
      const int quote = s.quoted[s.idx(grp.begin)];
      if (quote != 0 && quote != s.quoted[s.idx(t.match.head)] && !SpeechAct(d.type)) continue;
      bool locative = grp.prep == "\u0641\u064A" || grp.prep == kBeh || !grp.actor;
      if (grp.main->type != EntityType::kPlace || grp.main->kind == MentionKind::kCapital) {
        if (!locative) continue;
      }
      size_t h = t.match.head;
      size_t dist = grp.begin >= h ? grp.begin - h : (h - grp.begin) + 50;
      if (grp.main->type != EntityType::kPlace) dist += 25;
      if (dist < best_dist) {
        best_dist = dist;
        best = static_cast<int>(g);
      }
    }
    if (best >= 0) ev.location = MakeLocation(s.groups[best], ner);
    // (A place named before the trigger is its scene unless a word of sequence or منذ stands
    // between: جولات تفاوض استضافتها جدة ... منذ اندلاع الحرب is no war in Jeddah.)
    const bool location_after =
        best >= 0 && (s.groups[best].begin > t.match.head ||
                      !s.CueIn(s.groups[best].end, t.match.head, {Cue::kSequence, Cue::kSince}));
    // "غارات إسرائيلية على جنوب لبنان": an attack on a place of another country targets
    // that country (inferred: no span), as ACLED codes it.
    if (d.type == EventType::kAssault && !ev.target.known() && best >= 0 &&
        s.groups[best].begin > t.match.head && !ev.location.country.empty() && ev.source.known() &&
        ev.location.country != ev.source.country) {
      ev.target.entity = ner.FindEntity(ev.location.country) ? ev.location.country : "";
      ev.target.country = ev.location.country;
      ev.target.actor_code = ev.location.country;
      if (const Entity* e = ner.FindEntity(ev.location.country)) {
        ev.target.name_en = e->name_en;
        ev.target.name_ar = e->name_ar;
      }
      d.target_inferred = true;
    }

    // "اشتباكات بين مجموعات مسلحة" in Tripoli: unnamed armed groups are the unidentified
    // armed forces (UAF) of the country where they fight (PLOVER.md), here inferred.
    if (d.type == EventType::kAssault && !ev.source.known() && !ev.location.country.empty()) {
      bool armed = false;
      size_t from = t.match.head >= s.begin + 8 ? t.match.head - 8 : s.begin;
      for (size_t k = from; k < std::min(s.end, t.match.end + 8); ++k) {
        armed = armed || s.CueAt(k, Cue::kArmed) != nullptr;
      }
      if (armed) {
        ev.source.country = ev.location.country;
        ev.source.actor_code = ev.location.country + "UAF";
        if (d.mode == "clash" && !ev.target.known()) ev.target = ev.source;
      }
    }
    // "وتتهم المعارضة سعيد": an unnamed body as the subject is that body of the country of
    // the dateline, else of the place of the event.
    // "مرددين شعارات تطالب بإسقاط التطبيع": slogans and chants demand for those who raise them,
    // the people of where it happens.
    if (d.type == EventType::kRequest && t.verb && t.match.head > s.begin &&
        InSet(this->k, s, t.match.head - 1, "protest") && !where(ev).empty() &&
        (d.source < 0 || s.groups[d.source].begin > t.match.head)) {
      ev.source = Actor();
      ev.source.country = where(ev);
      ev.source.actor_code = where(ev) + "CVL";
    }
    // "عشرات الآلاف في يريفان يطالبون باستقالة باشينيان": a crowd counted before a protest or a
    // demand, with no one named, is the people of where it happens.
    if ((d.type == EventType::kProtest || d.type == EventType::kRequest) && !ev.source.known() &&
        d.source < 0 && d.sector_subject == 0 && !where(ev).empty() &&
        s.CueIn(s.ClauseStart(t.match.head), t.match.head, {Cue::kQuantity})) {
      ev.source.country = where(ev);
      ev.source.actor_code = where(ev) + "CVL";
    }
    // "إثر اقتحام محتجين السفارة": protesters as the genitive of an attack noun are its
    // unnamed subject.
    if (d.sector_subject == 0 && !ev.source.known() && !t.verb && d.type == EventType::kAssault &&
        t.match.end < s.end) {
      if (s.CueAt(t.match.end, Cue::kSector) != nullptr &&
          InSet(this->k, s, t.match.end, "protest")) {
        d.sector_subject = t.match.end;
      }
    }
    if (d.sector_subject != 0 && !ev.source.known()) {
      const CueHit* c = s.CueAt(d.sector_subject, Cue::kSector);
      const std::string& country = where(ev);
      ev.source.country = country;
      ev.source.actor_code = country + this->k.cues.entry(c->entry).value;
      ev.source.name_ar = std::string(s.tok(d.sector_subject).span.In(s.text));
      ev.source.span = s.tok(d.sector_subject).span;
      // "اقتحم محتجون السفارة السعودية": an assault by protesters is a riot (PROTEST 145).
      // (A clash with the police stays a clash: its two sides fight.)
      if (d.type == EventType::kAssault && d.mode != "clash" &&
          InSet(this->k, s, d.sector_subject, "protest")) {
        ev.type = EventType::kProtest;
        ev.mode = "riot";
        ev.cameo = "145";
      }
    }
    // "أطلقت قوات الأمن الغاز", "فرقت الشرطة المتظاهرين": unnamed police or soldiers as the
    // subject are the state's own: where the dateline is, else where the event happens (a
    // place in the sentence is as often one that protesters chant about).
    // Not for attacks: the army that shells a city is seldom that city's.
    if ((d.type == EventType::kCoerce || d.type == EventType::kMobilize) && !ev.source.known()) {
      const std::string& country = where(ev);
      const size_t pred = d.pred, lo = pred >= s.begin + 3 ? pred - 3 : s.begin;
      for (size_t k = pred + 1; !country.empty() && k-- > lo;) {
        if (k != pred && (s.IsBoundary(k) || s.IsComma(k))) break;
        for (size_t at : {k, k == pred ? pred + 1 : k}) {  // SVO, or VSO right after it
          const CueHit* c = s.CueAt(at, Cue::kSector);
          if (c == nullptr) continue;
          const std::string& sector = this->k.cues.entry(c->entry).value;
          if (sector != "COP" && sector != "MIL") continue;
          ev.source.country = country;
          ev.source.actor_code = country + sector;
          ev.source.name_ar = std::string(s.tok(at).span.In(s.text));
          ev.source.span = s.tok(at).span;
          break;
        }
        if (ev.source.known()) break;
      }
      // "أغلقت السلطات محطات المترو": unnamed authorities as the subject are the state's.
      for (size_t at = pred + 1;
           !ev.source.known() && !country.empty() && at < s.end && at <= pred + 1; ++at) {
        if (InSet(this->k, s, at, "government")) {
          ev.source.country = country;
          ev.source.actor_code = country + "GOV";
          ev.source.name_ar = std::string(s.tok(at).span.In(s.text));
          ev.source.span = s.tok(at).span;
        }
      }
      // "وسط انتشار أمني كثيف": a deployment with no one named is the state's where it happens.
      if (!ev.source.known() && d.type == EventType::kMobilize && !where(ev).empty()) {
        ev.source.country = where(ev);
        ev.source.actor_code = where(ev) + (d.mode == "police" ? "COP" : "MIL");
      }
      // "أعلنت وزارة الداخلية توقيف عشرات": a state body announcing arrests made them.
      const std::string& by = ev.claimant.actor_code;
      if (!ev.source.known() && d.type == EventType::kCoerce && d.mode != "restrict" && d.claimed &&
          !ev.claimant.country.empty() &&
          (by.ends_with("GOV") || by.ends_with("COP") || by.ends_with("MIL") ||
           by.ends_with("JUD"))) {
        ev.source = ev.claimant;
      }
    }
    // "استقبل السوداني فيدان ... وبحث معه": مع with a pronoun is the actor named last before the
    // trigger other than its source.
    if (d.target < 0 && !ev.target.known() && d.source >= 0) {
      for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 2); ++k) {
        const Token& w = s.tok(k);
        if (w.enclitic.empty() || w.stem != kWith) continue;
        for (size_t j = t.match.head; j-- > s.begin;) {
          const int g = s.group_at[s.idx(j)];
          if (g < 0 || !s.groups[g].actor || SameActor(s, g, d.source)) continue;
          ev.target = MakeActor(s, s.groups[g], ner);
          ev.target.span = {};
          break;
        }
        break;
      }
    }
    // A road blocked by residents or activists is a protest (CAMEO 144), not a restriction by
    // a state (تم قطع الطريق من قبل نشطاء البيئة), and so is one blocked, with no one named, in
    // a sentence that tells a protest before it (بدأ عشرات منهم اعتصاما ... وقطعوا الطريق).
    if (d.type == EventType::kCoerce && d.mode == "restrict") {
      // The blockers: residents or activists near the verb (its subject, or after من قبل; their
      // nationality may have named a country as the source), or, with no subject named, a
      // protest told before it in the sentence.
      bool protest = false;
      const size_t lo = d.pred >= s.begin + 3 ? d.pred - 3 : s.begin;
      for (size_t k = lo; k < std::min(s.end, t.match.end + 6) && !protest; ++k) {
        protest = InSet(this->k, s, k, "activists");
      }
      // ... or by people arrested for it before in the sentence (توقيف عشرات الأشخاص بعدما
      // حاولوا قطع طرق رئيسية).
      for (size_t k = s.begin; k < t.match.head && !protest && d.source < 0; ++k) {
        const int tr = s.trigger_at[s.idx(k)];
        if (tr < 0) continue;
        const Entry& before = *s.trigs[tr].entry;
        protest = before.type == EventType::kProtest ||
                  (before.type == EventType::kCoerce && before.mode == "arrest");
      }
      if (protest) {
        ev.type = EventType::kProtest;
        ev.mode = "block";
        ev.cameo = "144";
        // With no one named, the people of where it happens, against its government.
        if (!ev.source.known() && !where(ev).empty()) {
          ev.source.country = where(ev);
          ev.source.actor_code = where(ev) + "CVL";
          if (!ev.target.known()) {
            ev.target.country = where(ev);
            ev.target.actor_code = where(ev) + "GOV";
            d.target_inferred = true;
          }
        }
      }
    }
    // "مطالبين الحكومة بطرد السفير": an unnamed government asked is that of the country of
    // those who ask, else of where it happens.
    if (d.type == EventType::kRequest && !ev.target.known()) {
      for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 3); ++k) {
        if (s.IsBoundary(k) || s.IsComma(k) || s.group_at[s.idx(k)] >= 0) break;
        if (!InSet(this->k, s, k, "government")) continue;
        const std::string& country = !ev.source.country.empty() ? ev.source.country : where(ev);
        if (country.empty()) break;
        ev.target.country = country;
        ev.target.actor_code = country + "GOV";
        ev.target.name_ar = std::string(s.tok(k).span.In(s.text));
        ev.target.span = s.tok(k).span;
        break;
      }
    }
    // "وتطالب باكو بحل مجموعة مينسك": with no one asked, the side the demanded act bears on
    // (through its noun after ب).
    if (d.type == EventType::kRequest && !ev.target.known() && d.target < 0) {
      const int g = FindArg(s, "\u0628", t.match.end, d.source);
      bool past_trigger = false;  // (not past another event: ودعا ... ورحب بالرأي)
      for (size_t k = t.match.end; g >= 0 && k < s.groups[g].begin && !past_trigger; ++k) {
        // (The demanded act's own noun, the one carrying ب, is no other event: بانسحاب.)
        past_trigger = s.trigger_at[s.idx(k)] >= 0 && ReadClitics(s.tok(k).proclitics).prep != kBeh;
      }
      if (g >= 0 && !past_trigger && (d.source < 0 || !SameActor(s, g, d.source))) {
        ev.target = MakeActor(s, s.groups[g], ner);
      }
    }
    // "دعا ... الطرفين إلى وقف القتال في الفاشر": both sides of a fight in a country are that
    // country's actors.
    if ((d.type == EventType::kRequest || d.type == EventType::kAccuse) && !ev.target.known() &&
        !ev.location.country.empty() && ev.location.country != ev.source.country &&
        NamesBothSides(s)) {
      ev.target.country = ev.location.country;
      ev.target.actor_code = ev.location.country;
      if (const Entity* e = ner.FindEntity(ev.location.country)) {
        ev.target.entity = ev.location.country;
        ev.target.name_en = e->name_en;
        ev.target.name_ar = e->name_ar;
      }
      d.target_inferred = true;
    }
    // Arrests and dispersals by a state's forces with no one named are of its own people.
    // So are closures by the state at home (أغلقت السلطات عددا من محطات المترو).
    const std::string& by = ev.source.actor_code;
    const bool state = by.ends_with("GOV") || by.ends_with("COP") || by.ends_with("MIL");
    const bool closure_at_home =
        d.mode == "restrict" && state &&
        (ev.location.country.empty() || ev.location.country == ev.source.country);
    if (d.type == EventType::kCoerce &&
        (d.mode == "arrest" || d.mode == "repress" || closure_at_home) &&
        !ev.source.country.empty() && ev.target.country.empty() && !ev.target.known()) {
      ev.target.country = ev.source.country;
      ev.target.actor_code = ev.source.country + "CVL";
      d.target_inferred = true;
    }
    // A siege or a closure bears on the place it is laid to (حاصرت القوات الإسرائيلية مستشفى
    // جنين): that place's country, when it is another than the author's.
    // So does an attack or a deployment by a foreign side (الجيش الإسرائيلي ... في مدن جنين
    // وطولكرم; أبقت إسرائيل قواتها في خمس تلال داخل الأراضي اللبنانية).
    // So does a visit (في ثاني زيارة خارجية للشرع ... بأنقرة: a visit to Turkey).
    if (((d.type == EventType::kCoerce && d.mode == "restrict") ||
         ((d.type == EventType::kAssault || d.type == EventType::kMobilize ||
           (d.type == EventType::kConsult && d.mode == "visit")) &&
          !ev.source.country.empty() && d.mode != "clash")) &&
        !ev.target.known() && !ev.location.country.empty() &&
        ev.location.country != ev.source.country) {
      ev.target.country = ev.location.country;
      ev.target.actor_code = ev.location.country;
      d.target_inferred = true;
    }
    // "قتل ثلاثة مدنيين", "استهدف دورية للشرطة": unnamed people of one sector right after
    // the trigger are its target, of the country where it happens (PLOVER.md sectors).
    if ((d.type == EventType::kAssault || d.type == EventType::kCoerce) && !ev.target.known()) {
      for (size_t k = t.match.end; k < std::min(s.end, t.match.end + 5); ++k) {
        if (s.IsBoundary(k) || s.IsComma(k) || s.group_at[s.idx(k)] >= 0) break;
        if (const CueHit* c = s.CueAt(k, Cue::kSector)) {
          const std::string& sector = this->k.cues.entry(c->entry).value;
          // Right after an active verb stands its subject (اعتدت الشرطة على المصلين): the
          // author, not the target.
          if (t.verb && !d.passive && k == t.match.head + 1) {
            if (!ev.source.known() && (sector == "COP" || sector == "MIL")) {
              const std::string& country = where(ev);
              ev.source.country = country;
              ev.source.actor_code = country + sector;
              ev.source.name_ar = std::string(s.tok(k).span.In(s.text));
              ev.source.span = s.tok(k).span;
            }
            continue;
          }
          // With no place, a country's ministry or army announcing its dead soldiers or
          // police speaks of its own (أعلنت وزارة الدفاع الأذربيجانية مقتل 71 جنديا).
          std::string country = ev.location.country;
          if (country.empty() && d.claimed && (sector == "MIL" || sector == "COP")) {
            country = ev.claimant.country;
          }
          // Else they are of the dateline's country or where the story takes place (منع
          // المتظاهرين من الاقتراب, after a protest in Amman).
          if (country.empty()) country = where(ev);
          ev.target.country = country;
          ev.target.actor_code = country + sector;
          ev.target.name_ar = std::string(s.tok(k).span.In(s.text));
          ev.target.span = s.tok(k).span;
          break;
        }
      }
    }
    // An attack by no one named on a place named after it bears on the place's country
    // ("هجمات بالمسيرات على بورتسودان"): its author is unknown, its victim is not. Not a clash,
    // whose sides are both unknown.
    if (d.type == EventType::kAssault && d.mode != "clash" && !ev.source.known() &&
        !ev.target.known() && !ev.location.country.empty() && location_after) {
      ev.target.country = ev.location.country;
      ev.target.actor_code = ev.location.country;
      d.target_inferred = true;
    }
    // A protest at an embassy is against the embassy's state ("تظاهر آلاف الأردنيين في محيط
    // السفارة الإسرائيلية").
    if (d.type == EventType::kProtest && !ev.target.known()) {
      for (const Group& g : s.groups) {
        const Mention& m = *g.main;
        if (m.kind != MentionKind::kBody || !m.entity.ends_with(":embassy") || m.country.empty() ||
            m.country == ev.source.country) {
          continue;
        }
        ev.target = MakeActor(s, g, ner);
        break;
      }
    }
    if (d.type == EventType::kProtest && !ev.target.known() && ev.source.known() &&
        !ev.source.country.empty() &&
        (ev.location.country.empty() || ev.location.country == ev.source.country)) {
      ev.target.entity = ner.FindEntity(ev.source.country) ? ev.source.country : "";
      ev.target.country = ev.source.country;
      ev.target.actor_code = ev.source.country + "GOV";
      if (const Entity* e = ner.FindEntity(ev.source.country)) {
        ev.target.name_en = e->name_en;
        ev.target.name_ar = e->name_ar;
      }
      d.target_inferred = true;
    }

    // Status.
    ev.negated = d.negated;
    ev.referenced = d.referenced;
    if (d.denied)
      ev.status = EventStatus::kDenied;
    else if (d.requested)
      ev.status = EventStatus::kRequested;
    else if (d.intended)
      ev.status = EventStatus::kIntended;
    else if (d.claimed)
      ev.status = EventStatus::kClaimed;

    // When: the nearest date in the sentence, else publication for a past report.
    // A trigger whose words are apart (فرضت الوزارة ... عقوبات) is its head word; the
    // subject between is not part of it.
    bool contiguous = t.match.words.back() - t.match.words.front() + 1 == t.match.words.size();
    size_t last = contiguous ? t.match.words.back() : t.match.head;
    Span trig_span{s.tok(t.match.head).span.start, s.tok(last).span.end};
    const Timex* when = nullptr;
    uint32_t when_dist = UINT32_MAX;
    for (const Timex& tx : timexes) {
      // A duration (44 يوما) says how long, not when.
      if (tx.sentence != si || tx.granularity == Granularity::kDuration) continue;
      uint32_t dist = tx.span.start >= trig_span.start ? tx.span.start - trig_span.start
                                                       : trig_span.start - tx.span.end;
      dist += TimexSeparation(s, tx.span, trig_span);
      if (dist < when_dist) {
        when_dist = dist;
        when = &tx;
      }
    }
    // What is only intended or asked for is not yet done: a date well past is another event's
    // (بهدف ... بحث سبل إنهاء الحرب, after منذ بدء الحرب قبل ثلاث سنوات).
    if (when != nullptr && when->historical &&
        (ev.status == EventStatus::kIntended || ev.status == EventStatus::kRequested)) {
      when = nullptr;
    }
    if (when) {
      ev.when.value = when->anchor.empty() ? "" : when->value;
      ev.when.granularity = when->granularity;
      // "وكان بايدن قد أعلن مساء أمس": a pluperfect with a recent date is narration, not
      // background.
      bool recent = !when->historical && (when->anchor == "published" ||
                                          (when->anchor.empty() && when->value.starts_with("P")));
      ev.when.historical = when->historical || (d.background && !recent);
    } else if (d.background) {
      ev.when.historical = true;  // old news with no date: never the publication date
    } else if (ev.status != EventStatus::kIntended && ev.status != EventStatus::kRequested &&
               !published_day.empty()) {
      ev.when.value = published_day;
      ev.when.granularity = Granularity::kDay;
    }

    // A participle of circumstance is done when its main verb is (اتهم علييف اليوم ...
    // مطالبا موسكو بالاعتراف: today, not on the day of the crash named between).
    if (t.entry->hal) {
      for (auto it = std::next(out.rbegin()); it != out.rend(); ++it) {  // the events before ev
        if (it->trigger.start < trig_span.start) {
          ev.when = it->when;
          break;
        }
      }
    }

    // "اندلعت في الثامن من أكتوبر، غداة هجوم حماس": the day before the date told (the morrow
    // of the attack is the 8th); عشية, the day after.
    if (when != nullptr && ev.when.granularity == Granularity::kDay && ev.when.value.size() == 10 &&
        t.match.head > s.begin) {
      const size_t before = t.match.head - 1;
      const int shift = s.In(before, kMorrow) ? -1 : s.In(before, kEve) ? 1 : 0;
      if (shift != 0) ev.when.value = ShiftDay(ev.when.value, shift);
    }

    ev.evidence.sentence = si;
    ev.evidence.span = sentence.span;
    ev.evidence.text = std::string(sentence.span.In(article.text));
    ev.trigger = trig_span;
    ev.trigger_text = std::string(trig_span.In(article.text));

    // Where the sentence comes to the event: its trigger, or the support verb or verb of
    // occurring that carries it (أجرى لافروف اتصالا هاتفيا, اندلعت مظاهرات).
    const size_t occurs = t.verb ? SIZE_MAX : OccursAt(s, t.match.head);
    uint32_t told = trig_span.start;
    if (d.supported && d.pred < t.match.head) told = std::min(told, s.tok(d.pred).span.start);
    if (occurs != SIZE_MAX) told = std::min(told, s.tok(occurs).span.start);
    evidence.push_back(
        Evidence(d, ev, when != nullptr, occurs != SIZE_MAX,
                 CodePointsBetween(article.text, sentence.span.start, told, kLateCharsCap)));
    ev.id = Hash128Hex(article.id + ":" + std::to_string(ev.trigger.start) + ":" +
                       EventTypeName(ev.type));
  }
  const bool attack = std::any_of(out.begin(), out.end(),
                                  [](const Event& e) { return e.type == EventType::kAssault; });
  // A word of death or injury: the sentence's numbers are read only then.
  if (attack && s.CueIn(s.begin, s.end, {Cue::kKilled, Cue::kWounded})) {
    AttachCasualties(k, s, numbers.ReadSentence(article.text, analysis, si), out);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const double logit = evidence[i] + (out[i].casualties.empty() ? 0.0 : kCasualtiesWeight);
    out[i].confidence = 1.0 / (1.0 + std::exp(-logit));
  }
  return out;
}

namespace {

// The stem of the first word of an event's trigger, or "".
std::string HeadStem(const text::Analysis& analysis, const Sentence& sentence, const Event& e) {
  for (uint32_t t = sentence.first_token; t < sentence.end_token; ++t) {
    const Token& tok = analysis.tokens[t];
    if (tok.span.start < e.trigger.start || tok.kind != TokenKind::kWord) continue;
    return tok.span.start < e.trigger.end ? tok.stem : "";
  }
  return "";
}

}  // namespace

std::vector<Event> Coder::Code(const Article& article, const text::Analysis& analysis,
                               std::span<const Mention> mentions, std::span<const Timex> timexes,
                               const ner::Recognizer& ner) const {
  std::vector<Event> out;
  if (!impl_) return out;
  Actor speaker;
  // The sides of the last event of each type with a known source, for an event named
  // again further on ("أقام حرس الحدود الأذربيجاني حاجزا" ... "وصفت يريفان إقامة الحاجز بأنه
  // انتهاك"): a definite trigger (a word of it with the article) with no source of its own is
  // that event, and takes its sides (without spans: they are in another sentence). Not its
  // date: a verbal noun is often a later step of the same kind of act (a second checkpoint).
  struct Named {
    Actor source, target;
  };
  // The sides of every event with a known source, in order; the maps below hold indices into it,
  // so that an event's sides are copied once, not once for each map.
  std::vector<Named> sides;
  std::map<EventType, size_t> last;
  std::map<std::pair<EventType, std::string>, size_t> last_of_mode;
  std::map<std::string, size_t> last_of_noun;  // by the stem of the trigger's first word
  // The last act of a kind told before: of the same mode first (الغارات names the air strikes
  // told before, not the rockets fired between them), else of the same type; nullptr if none.
  auto last_named = [&](EventType type, const std::string& mode) -> const Named* {
    if (!mode.empty()) {
      if (auto m = last_of_mode.find({type, mode}); m != last_of_mode.end()) {
        return &sides[m->second];
      }
    }
    auto t = last.find(type);
    return t == last.end() ? nullptr : &sides[t->second];
  };
  std::set<EventType> seen;
  // The country of the dateline's place (عمّان - رصد.): where unnamed police and soldiers act.
  std::string scene;
  for (const Mention& m : mentions) {
    if (m.sentence < analysis.sentences.size() && analysis.sentences[m.sentence].dateline &&
        !m.country.empty()) {
      scene = m.country;
      break;
    }
  }
  std::string story;  // the country of the last event told with a place
  // The events kept, sentence by sentence: joined into one list at the end, when their number
  // is known, so that each event (a large struct) is moved once, not again each time a growing
  // list is reallocated.
  std::vector<std::vector<Event>> kept;
  for (uint32_t si = 0; si < analysis.sentences.size(); ++si) {
    if (analysis.sentences[si].dateline) continue;
    std::vector<Event> ev =
        impl_->CodeSentence(article, analysis, si, mentions, timexes, ner, scene, story, speaker);
    for (const Event& e : ev) {
      if (!e.location.country.empty() && !e.background) story = e.location.country;
    }
    const Sentence& sentence = analysis.sentences[si];
    std::vector<bool> inherited(ev.size(), false);
    std::vector<bool> unreported(ev.size(), false);
    for (size_t i = 0; i < ev.size(); ++i) {
      Event& e = ev[i];
      if (e.source.known()) continue;
      bool definite = false, first_definite = false, construct = false;
      for (uint32_t t = sentence.first_token; t < sentence.end_token && !definite; ++t) {
        const Token& tok = analysis.tokens[t];
        definite = tok.span.start >= e.trigger.start && tok.span.end <= e.trigger.end &&
                   ReadClitics(tok.proclitics).article;
        first_definite = definite && tok.span.start == e.trigger.start;
        // A verbal noun with a definite genitive is definite too (استهداف البنى التحتية: the
        // targeting told before); it takes the sides of the act named, never makes it unnamed.
        if (!definite && tok.span.start == e.trigger.start && tok.span.end == e.trigger.end &&
            t + 1 < sentence.end_token && tok.enclitic.empty() &&
            ReadClitics(analysis.tokens[t + 1].proclitics).article &&
            analysis.tokens[t + 1].kind == TokenKind::kWord) {
          definite = construct = true;
        }
      }
      if (!definite) continue;
      if (construct && last_named(e.type, e.mode) == nullptr) continue;
      const Named* named = last_named(e.type, e.mode);
      // With no event of its type before it in the article, a reported act (an attack, a
      // protest, an arrest) whose trigger begins with a definite noun, with no sides, no dead or
      // wounded and no date in its sentence, is known from elsewhere (قال إن الهجوم كان متوقعا,
      // شارك في المظاهرات): the article names it, it does not report it.
      if (named == nullptr) {
        const bool dated = std::any_of(timexes.begin(), timexes.end(), [&](const Timex& tx) {
          return tx.sentence == si && tx.granularity != Granularity::kDuration;
        });
        const bool reported =
            e.status == EventStatus::kOccurred || e.status == EventStatus::kClaimed;
        const bool act = e.type == EventType::kAssault || e.type == EventType::kProtest ||
                         e.type == EventType::kCoerce;
        // (A target inferred from the place, with no words of its own, is no side stated.)
        const bool stated_target = e.target.known() && !e.target.span.empty();
        if (first_definite && reported && act && !seen.contains(e.type) && !stated_target &&
            e.casualties.empty() && !dated) {
          unreported[i] = true;
        }
        continue;
      }
      e.source = named->source;
      e.source.span = {};
      if (!e.target.known() || (e.target.span.empty() && named->target.known())) {
        e.target = named->target;
        e.target.span = {};
      }
      // Where it happened was said with the first report; a place in this sentence is more
      // often the scene of something else (مقترحات باكو, الحرب في إقليم قره باغ).
      e.location = Location();
      inherited[i] = true;
    }
    // What one denies doing, with no one named and not an act told before, is one's own deed
    // denied (وتنفي الإمارات تقديم أي دعم عسكري): the first such event of the sentence.
    for (size_t i = 0; i < ev.size(); ++i) {
      Event& e = ev[i];
      if (e.status != EventStatus::kDenied || e.source.known() || !e.claimant.known() ||
          inherited[i]) {
        continue;
      }
      if (e.target.known() && e.target.entity == e.claimant.entity) continue;
      e.source = e.claimant;
      e.source.span = {};
      break;
    }
    // A condemnation of the event named again condemns its author; a demand to stop it is
    // made of its author (تطالب بغداد وأربيل بوقف هذه العمليات).
    for (size_t i = 0; i < ev.size(); ++i) {
      Event& a = ev[i];
      if ((a.type != EventType::kAccuse && a.type != EventType::kRequest) || a.target.known()) {
        continue;
      }
      // (The act named again may come before the charge: إن استهداف البنى التحتية ... انتهاك.)
      for (size_t j = 0; j < ev.size(); ++j) {
        const Event& b = ev[j];
        if (!inherited[j] || b.trigger.start == a.trigger.start || !b.source.known() ||
            (!b.source.country.empty() && b.source.country == a.source.country)) {
          continue;
        }
        a.target = b.source;
        break;
      }
      // A condemned act named by a definite noun that gave no event of its own (وأدانت
      // الخارجية الإيرانية الغارات): the author of the last act of its kind told before.
      if (a.target.known()) continue;
      const Sentence& sen = analysis.sentences[si];
      // The words that may name it: up to six after the trigger, and for a charge the subject
      // of its clause before it (قالت زاخاروفا إن العقوبات "غير شرعية": the sanctions' author).
      std::vector<uint32_t> named_at;
      for (uint32_t t = sen.first_token; t < sen.end_token && named_at.size() < 6; ++t) {
        const Token& tok = analysis.tokens[t];
        if (tok.span.start < a.trigger.end || tok.kind != TokenKind::kWord) continue;
        named_at.push_back(t);
      }
      if (a.type == EventType::kAccuse) {
        uint32_t at = sen.first_token;
        while (at < sen.end_token && analysis.tokens[at].span.end <= a.trigger.start) ++at;
        for (uint32_t t = at, words = 0; t-- > sen.first_token && words < 2;) {
          const Token& tok = analysis.tokens[t];
          if (IsQuoteMark(tok)) continue;
          if (tok.kind != TokenKind::kWord || tok.key == "\u0625\u0646" ||
              tok.key == "\u0627\u0646" || tok.key == "\u0623\u0646") {
            break;
          }
          named_at.push_back(t);
          ++words;
        }
      }
      for (const uint32_t t : named_at) {
        if (a.target.known()) break;
        const Token& tok = analysis.tokens[t];
        if (!ReadClitics(tok.proclitics).article) continue;
        auto take = [&](const Named* before) {
          if (before == nullptr || !before->source.known() ||
              (!before->source.country.empty() && before->source.country == a.source.country)) {
            return false;
          }
          a.target = before->source;
          a.target.span = {};
          return true;
        };
        for (const LexMatch& m : impl_->k.triggers.MatchAt(analysis.tokens, t, sen.end_token)) {
          const Entry& named = impl_->k.triggers.entry(m.entry);
          if (named.type == EventType::kAccuse || named.type == EventType::kRequest) continue;
          if (take(last_named(named.type, named.mode))) break;
        }
        // The head noun of an act told before, alone (العمليات after عمليات جوية): in this
        // sentence, else in one before.
        for (size_t j = 0; j < ev.size() && !a.target.known(); ++j) {
          const Event& b = ev[j];
          if (b.trigger.start >= a.trigger.start || b.type == EventType::kAccuse ||
              b.type == EventType::kRequest || HeadStem(analysis, sentence, b) != tok.stem) {
            continue;
          }
          const Named named{b.source, b.target};
          take(&named);
        }
        if (!a.target.known()) {
          if (auto it = last_of_noun.find(tok.stem); it != last_of_noun.end()) {
            take(&sides[it->second]);
          }
        }
      }
    }
    // A threat answers the conflict the article tells: with no target of its own, its target
    // is the other side of the latest event before it done to the threatener's state (EU
    // sanctions on Russia, then Moscow "will respond": the EU), else of the latest between that
    // state and another.
    for (Event& e : ev) {
      if (e.type != EventType::kThreaten || e.target.known() || e.source.country.empty()) continue;
      for (const bool done_to : {true, false}) {
        for (auto earlier = kept.rbegin(); earlier != kept.rend() && !e.target.known(); ++earlier) {
          for (auto it = earlier->rbegin(); it != earlier->rend() && !e.target.known(); ++it) {
            const Event& before = *it;
            if (!before.source.known() || !before.target.known() || before.background) continue;
            const Actor* other = nullptr;
            if (!done_to && before.source.country == e.source.country) other = &before.target;
            if (before.target.country == e.source.country) other = &before.source;
            // At home the other side is another body of the same state (a government's threat
            // after a protest by the opposition: TURGOV -> TUROPP), never the threatener's own.
            if (other == nullptr) continue;
            const bool bodies = other->actor_code.size() > 3 && e.source.actor_code.size() > 3;
            if (other->country == e.source.country &&
                (!bodies || other->actor_code == e.source.actor_code)) {
              continue;
            }
            e.target = *other;
            e.target.span = {};
          }
        }
        if (e.target.known()) break;
      }
    }
    for (const Event& e : ev) {
      if (e.source.known()) {
        const size_t at = sides.size();
        sides.push_back({e.source, e.target});
        last[e.type] = at;
        if (!e.mode.empty()) last_of_mode[{e.type, e.mode}] = at;
        // The stem of the trigger's first word, for the act named again by it alone.
        if (e.type != EventType::kAccuse && e.type != EventType::kRequest) {
          if (std::string stem = HeadStem(analysis, sentence, e); !stem.empty()) {
            last_of_noun[stem] = at;
          }
        }
      }
      seen.insert(e.type);
    }
    size_t reported = 0;
    for (size_t i = 0; i < ev.size(); ++i) {
      if (unreported[i]) continue;
      if (reported != i) ev[reported] = std::move(ev[i]);
      ++reported;
    }
    ev.erase(ev.begin() + reported, ev.end());
    kept.push_back(std::move(ev));
  }
  size_t total = 0;
  for (const std::vector<Event>& events : kept) total += events.size();
  out.reserve(total);
  for (std::vector<Event>& events : kept) {
    for (Event& e : events) out.push_back(std::move(e));
  }
  return out;
}

namespace {

// English verb phrases for glosses: past, base form; a trailing preposition is dropped when
// the target is unknown. Output text for readers, not language knowledge about Arabic.
struct GlossVerb {
  EventType type;
  const char* mode;  // "" matches any mode not listed
  const char* past;
  const char* base;
  const char* suffix;
};
constexpr GlossVerb kGlossVerbs[] = {
    {EventType::kConsult, "phone", "consulted", "consult", " by phone"},
    {EventType::kConsult, "visit", "visited", "visit", ""},
    {EventType::kConsult, "host", "hosted", "host", ""},
    {EventType::kConsult, "negotiate", "negotiated with", "negotiate with", ""},
    {EventType::kConsult, "mediate", "mediated between", "mediate between", ""},
    {EventType::kConsult, "", "met", "meet", ""},
    {EventType::kAgree, "ceasefire", "agreed a ceasefire with", "agree a ceasefire with", ""},
    {EventType::kAgree, "settle", "agreed a settlement with", "agree a settlement with", ""},
    {EventType::kAgree, "", "agreed with", "agree with", ""},
    {EventType::kAssault, "shelling", "shelled", "shell", ""},
    {EventType::kAssault, "aerial", "carried out air strikes on", "carry out air strikes on", ""},
    {EventType::kAssault, "drone", "attacked", "attack", " with drones"},
    {EventType::kAssault, "firearms", "fired on", "fire on", ""},
    {EventType::kAssault, "clash", "clashed with", "clash with", ""},
    {EventType::kAssault, "explosives", "bombed", "bomb", ""},
    {EventType::kAssault, "heavy-weapons", "fired missiles at", "fire missiles at", ""},
    {EventType::kAssault, "suicide-attack", "carried out a suicide attack on",
     "carry out a suicide attack on", ""},
    {EventType::kAssault, "", "attacked", "attack", ""},
    {EventType::kAccuse, "allege", "accused", "accuse", ""},
    {EventType::kAccuse, "disapprove", "condemned", "condemn", ""},
    {EventType::kAccuse, "", "criticised", "criticise", ""},
    {EventType::kRequest, "", "called on", "call on", ""},
    {EventType::kSupport, "", "praised", "praise", ""},
    {EventType::kReject, "deny", "denied claims by", "deny claims by", ""},
    {EventType::kReject, "", "rejected", "reject", ""},
    {EventType::kThreaten, "", "threatened", "threaten", ""},
    {EventType::kProtest, "strike", "went on strike against", "go on strike against", ""},
    {EventType::kProtest, "", "protested against", "protest against", ""},
    {EventType::kSanction, "discontinue", "cut relations with", "cut relations with", ""},
    {EventType::kSanction, "expel", "expelled diplomats of", "expel diplomats of", ""},
    {EventType::kSanction, "", "sanctioned", "sanction", ""},
    {EventType::kMobilize, "alert", "raised its alert against", "raise its alert against", ""},
    {EventType::kMobilize, "", "deployed forces against", "deploy forces against", ""},
    {EventType::kCoerce, "arrest", "arrested", "arrest", ""},
    {EventType::kCoerce, "restrict", "restricted movement of", "restrict movement of", ""},
    {EventType::kCoerce, "deport", "deported", "deport", ""},
    {EventType::kCoerce, "seize", "seized property of", "seize property of", ""},
    {EventType::kCoerce, "", "coerced", "coerce", ""},
    {EventType::kAid, "peacekeeping", "deployed peacekeepers for", "deploy peacekeepers for", ""},
    {EventType::kAid, "", "gave aid to", "give aid to", ""},
    {EventType::kRetreat, "withdraw", "withdrew from", "withdraw from", ""},
    {EventType::kRetreat, "release", "released", "release", ""},
    {EventType::kRetreat, "", "yielded to", "yield to", ""},
    {EventType::kConcede, "", "conceded to", "concede to", ""},
    {EventType::kCooperate, "", "cooperated with", "cooperate with", ""},
};

std::string ActorName(const Actor& a) {
  std::string name = !a.name_en.empty() ? a.name_en : !a.name_ar.empty() ? a.name_ar : a.actor_code;
  if (!a.actor_code.empty() && a.actor_code != name) name += " (" + a.actor_code + ")";
  return name;
}

std::string DropTrailingPreposition(std::string phrase) {
  for (std::string_view prep :
       {" with", " on", " at", " against", " of", " to", " for", " from", " between", " by"}) {
    if (std::string_view(phrase).ends_with(prep)) {
      phrase.resize(phrase.size() - prep.size());
      break;
    }
  }
  return phrase;
}

}  // namespace

std::string Gloss(const Event& event) {
  const GlossVerb* verb = nullptr;
  for (const GlossVerb& g : kGlossVerbs) {
    if (g.type != event.type) continue;
    if (g.mode == event.mode || (*g.mode == '\0' && verb == nullptr)) verb = &g;
    if (g.mode == event.mode) break;
  }
  std::string past = verb ? verb->past : "acted toward";
  std::string base = verb ? verb->base : "act toward";
  std::string suffix = verb ? verb->suffix : "";
  bool has_target = event.target.known() || !event.target.name_ar.empty();
  std::string source = event.source.known() ? ActorName(event.source) : "Unknown actor";
  std::string phrase;
  if (!has_target) {
    past = DropTrailingPreposition(past);
    base = DropTrailingPreposition(base);
  }
  std::string object = has_target ? " " + ActorName(event.target) : "";
  if (event.status == EventStatus::kIntended) {
    phrase = source + (event.negated ? " does not intend to " : " intends to ") + base;
  } else if (event.status == EventStatus::kRequested) {
    phrase = "Requested: " + source + (event.negated ? " not to " : " to ") + base;
  } else if (event.negated) {
    phrase = source + " did not " + base;
  } else {
    phrase = source + " " + past;
  }
  phrase += object + suffix;
  if (event.status == EventStatus::kClaimed || event.status == EventStatus::kDenied) {
    const char* by =
        event.status == EventStatus::kClaimed ? " \u2014 claimed by " : " \u2014 denied by ";
    phrase += by + (event.claimant.known() ? ActorName(event.claimant) : std::string("a source"));
  }
  if (!event.location.name_en.empty()) phrase += ", in " + event.location.name_en;
  if (!event.when.value.empty()) phrase += ", " + event.when.value;
  if (event.when.historical) phrase += " (background)";
  return phrase;
}

}  // namespace rasd::events
