#include "events/lexicon.h"

#include <algorithm>
#include <utility>

#include "core/hash.h"

namespace rasd::events {
namespace {

// Letters of normalised keys, named by code point (STYLE.md 6). Keys have no ى, ة or hamza
// carriers: the normaliser folds them (ى -> ي, ة -> ه, أ -> ا).
constexpr std::string_view kAlef = "\u0627";   // ا
constexpr std::string_view kTeh = "\u062A";    // ت
constexpr std::string_view kSeen = "\u0633";   // س
constexpr std::string_view kNoon = "\u0646";   // ن
constexpr std::string_view kHeh = "\u0647";    // ه (also the folded ta marbuta)
constexpr std::string_view kWaw = "\u0648";    // و
constexpr std::string_view kYeh = "\u064A";    // ي
constexpr std::string_view kHamza = "\u0621";  // ء

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) next = s.size();
    std::string_view part = s.substr(pos, next - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    pos = next + 1;
  }
  return out;
}

// The last letter of a key (Arabic letters are two bytes in UTF-8; ASCII one).
std::string_view LastLetter(std::string_view key) {
  if (key.empty()) return {};
  size_t i = key.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(key[i]) & 0xC0) == 0x80) --i;
  return key.substr(i);
}

std::string DropLast(std::string_view key) {
  return std::string(key.substr(0, key.size() - LastLetter(key).size()));
}

std::string Cat(std::string_view a, std::string_view b) {
  std::string s(a);
  s += b;
  return s;
}

std::string Cat(std::string_view a, std::string_view b, std::string_view c) {
  std::string s(a);
  s += b;
  s += c;
  return s;
}

}  // namespace

void Lexicon::AddForm(std::string key, uint32_t entry, FormKind form, bool dual, bool pronoun) {
  if (key.empty()) return;
  std::vector<FormRef>& refs = forms_[key];
  for (const FormRef& r : refs) {
    if (r.entry == entry && r.form == form) return;
  }
  refs.push_back({entry, form, dual, pronoun});
}

// The analyzer's stem of a verb with an object pronoun is not reliable (شنتها may come out
// as شنه, a ta marbuta restored), so the pronoun forms are generated and matched on the key.
void Lexicon::AddVerbForm(const std::string& key, uint32_t entry, FormKind form, bool dual) {
  AddForm(key, entry, form, dual);
  if (dual) return;  // قصفاها and the like are rare in news
  std::string_view last = LastLetter(key);
  std::string base = key;
  if (std::string_view(key).ends_with(Cat(kWaw, kAlef))) {
    base = DropLast(key);  // قصفوا -> قصفوه
  } else if (last == kYeh && form != FormKind::kPresent && form != FormKind::kFuture) {
    base = Cat(DropLast(key), kAlef);  // التقى -> التقاه, أجرى -> أجراه
  }
  for (std::string_view pron : {"\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627",
                                "\u0646\u064A", "\u0646\u0627", "\u0643\u0645"}) {
    AddForm(Cat(base, pron), entry, form, false, true);  // ه ها هم هما ني نا كم
  }
}

// The template scheme is documented in the header of data/lexicon/triggers.tsv; keep the two
// in step.
Status Lexicon::AddForms(const text::Analyzer& analyzer, uint32_t entry, std::string_view forms,
                         std::string_view where) {
  const text::Normalizer& norm = analyzer.normalizer();
  const Entry& e = entries_[entry];
  std::vector<std::string_view> parts = Split(forms, '|');
  if (parts.empty()) return Status::InvalidInput(std::string(where) + ": no forms");

  auto past = [&](std::string_view p, FormKind kind) {
    std::string_view last = LastLetter(p);
    std::string base = DropLast(p);
    AddVerbForm(std::string(p), entry, kind, false);
    if (last == kYeh) {  // أجرى -> اجري: اجرت اجريا اجرتا اجروا اجرينا اجريت
      AddVerbForm(Cat(base, kTeh), entry, kind, false);
      AddVerbForm(Cat(p, kAlef), entry, kind, true);
      AddVerbForm(Cat(base, kTeh, kAlef), entry, kind, true);
      AddVerbForm(Cat(base, kWaw, kAlef), entry, kind, false);
      AddVerbForm(Cat(p, kNoon, kAlef), entry, kind, false);
      AddVerbForm(Cat(p, kTeh), entry, kind, false);
    } else if (last == kAlef) {  // دعا: دعت دعوا دعتا دعونا دعوت
      AddVerbForm(Cat(base, kTeh), entry, kind, false);
      AddVerbForm(Cat(base, kWaw, kAlef), entry, kind, true);
      AddVerbForm(Cat(base, kTeh, kAlef), entry, kind, true);
      AddVerbForm(Cat(base, kWaw, Cat(kNoon, kAlef)), entry, kind, false);
      AddVerbForm(Cat(base, kWaw, kTeh), entry, kind, false);
    } else {  // قصف: قصفت قصفا قصفتا قصفوا قصفنا قصفن
      AddVerbForm(Cat(p, kTeh), entry, kind, false);
      AddVerbForm(Cat(p, kAlef), entry, kind, true);
      AddVerbForm(Cat(p, kTeh, kAlef), entry, kind, true);
      AddVerbForm(Cat(p, kWaw, kAlef), entry, kind, false);
      AddVerbForm(Cat(p, kNoon, kAlef), entry, kind, false);
      AddVerbForm(Cat(p, kNoon), entry, kind, false);
    }
  };

  auto present = [&](std::string_view i) {
    if (!i.starts_with(kYeh)) return false;
    std::string_view stem = i.substr(kYeh.size());
    std::string_view last = LastLetter(i);
    std::vector<std::pair<std::string, bool>> out;  // form, dual
    for (std::string_view prefix : {kYeh, kTeh, kNoon, kAlef})
      out.push_back({Cat(prefix, stem), false});
    std::string ti = Cat(kTeh, stem);
    if (last == kYeh) {  // يجري: يجريان تجريان يجرون يجروا يجرين
      std::string base = DropLast(i);
      out.push_back({Cat(i, kAlef, kNoon), true});
      out.push_back({Cat(ti, kAlef, kNoon), true});
      out.push_back({Cat(base, kWaw, kNoon), false});
      out.push_back({Cat(base, kWaw, kAlef), false});
      out.push_back({Cat(i, kNoon), false});
    } else if (last == kWaw) {  // يدعو: يدعوان يدعون يدعوا
      out.push_back({Cat(i, kAlef, kNoon), true});
      out.push_back({Cat(i, kNoon), false});
      out.push_back({Cat(i, kAlef), false});
    } else {  // يقصف: يقصفان تقصفان يقصفون يقصفوا يقصفا يقصفن
      out.push_back({Cat(i, kAlef, kNoon), true});
      out.push_back({Cat(ti, kAlef, kNoon), true});
      out.push_back({Cat(i, kWaw, kNoon), false});
      out.push_back({Cat(i, kWaw, kAlef), false});
      out.push_back({Cat(i, kAlef), true});
      out.push_back({Cat(ti, kAlef), true});
      out.push_back({Cat(i, kNoon), false});
    }
    for (auto& [form, dual] : out) {
      AddVerbForm(Cat(kSeen, form), entry, FormKind::kFuture, dual);
      AddVerbForm(form, entry, FormKind::kPresent, dual);
    }
    return true;
  };

  if (e.pos == "verb") {
    if (parts.size() < 2 || parts.size() > 3) {
      return Status::InvalidInput(std::string(where) + ": a verb needs PAST|PRESENT[|PASSIVE]");
    }
    past(norm.Key(parts[0]), FormKind::kPast);
    if (!present(norm.Key(parts[1]))) {
      return Status::InvalidInput(std::string(where) + ": present form '" + std::string(parts[1]) +
                                  "' must start with ي");
    }
    if (parts.size() == 3) past(norm.Key(parts[2]), FormKind::kPassive);
    return Status::Ok();
  }
  if (e.pos == "noun") {
    for (std::string_view part : parts) {
      std::string key = norm.Key(part);
      std::string_view last = LastLetter(key);
      AddForm(key, entry, FormKind::kNoun, false);
      // The analyzer's stem has no article: index the form without it as well.
      Token t = analyzer.AnalyzeWord(part);
      if (!t.stem.empty() && t.stem != key) AddForm(t.stem, entry, FormKind::kNoun, false);
      if (last == kHeh) {
        // Ta marbuta becomes ت before a pronoun: زيارة -> زيارته, زيارتها.
        std::string base = Cat(DropLast(key), kTeh);
        for (std::string_view pron : {"\u0647", "\u0647\u0627", "\u0647\u0645",
                                      "\u0647\u0645\u0627", "\u064A", "\u0646\u0627"}) {
          AddForm(Cat(base, pron), entry, FormKind::kNoun, false);
        }
        AddForm(Cat(base, kAlef, kNoon), entry, FormKind::kNoun, false);  // dual
        AddForm(Cat(base, kYeh, kNoon), entry, FormKind::kNoun, false);
      } else if (last == kHamza) {
        // لقاء -> لقائه (key لقايه).
        std::string base = Cat(DropLast(key), kYeh);
        for (std::string_view pron :
             {"\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627"}) {
          AddForm(Cat(base, pron), entry, FormKind::kNoun, false);
        }
      } else if (last != kAlef && last != kYeh) {
        AddForm(Cat(key, kAlef), entry, FormKind::kNoun, false);  // accusative هجوما
        for (std::string_view pron :
             {"\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627"}) {
          AddForm(Cat(key, pron), entry, FormKind::kNoun, false);
        }
      }
    }
    return Status::Ok();
  }
  if (e.pos == "word") {
    for (std::string_view part : parts) AddForm(norm.Key(part), entry, FormKind::kWord, false);
    return Status::Ok();
  }
  if (e.pos == "future") {
    // Future verb forms as written (سيرد, سترد): finite verbs, with a subject to find, where
    // the other tenses of the verb state no event (رد: "replied"; ردا على: "in response to").
    for (std::string_view part : parts) AddForm(norm.Key(part), entry, FormKind::kFuture, false);
    return Status::Ok();
  }
  return Status::InvalidInput(std::string(where) + ": pos must be verb, noun, word or future, not '" +
                              e.pos + "'");
}

Status Lexicon::Load(const text::Analyzer& analyzer, std::string_view file, bool triggers) {
  ASSIGN_OR_RETURN(std::string content, ReadDataFile(file));
  const text::Normalizer& norm = analyzer.normalizer();
  for (const TsvRow& row : ParseTsv(content, triggers ? "lemma" : "kind")) {
    std::string where = "data/" + std::string(file) + ":" + std::to_string(row.line);
    static const std::string kEmpty;
    auto field = [&](size_t i) -> const std::string& {
      return i < row.fields.size() ? row.fields[i] : kEmpty;
    };
    Entry e;
    e.line = row.line;
    std::string forms, rest;
    if (triggers) {
      if (row.fields.size() < 7) {
        return Status::InvalidInput(where +
                                    ": expected lemma, pos, forms, rest, type, mode, "
                                    "cameo[, args, flags]");
      }
      e.lemma = field(0);
      e.pos = field(1);
      forms = field(2);
      rest = field(3);
      e.type = EventTypeFromName(field(4));
      if (e.type == EventType::kUnknown) {
        return Status::InvalidInput(where + ": unknown PLOVER type '" + field(4) + "'");
      }
      e.mode = field(5);
      e.cameo = field(6);
      if (e.cameo.empty() || e.cameo.find_first_not_of("0123456789") != std::string::npos) {
        return Status::InvalidInput(where + ": CAMEO code '" + e.cameo + "' is not a number");
      }
      for (std::string_view a : Split(field(7), ',')) e.args.emplace_back(a);
      for (std::string_view f : Split(field(8), ',')) {
        if (f == "support")
          e.support = true;
        else if (f == "vn")
          e.vn = true;
        else if (f == "genobj")
          e.genobj = true;
        else if (f == "gentarget")
          e.gentarget = true;
        else if (f == "passive")
          e.passive = true;
        else if (f == "hal")
          e.hal = true;
        else if (f == "words")
          e.words = true;
        else if (f.starts_with("needs="))
          e.needs = std::string(f.substr(6));
        else
          return Status::InvalidInput(where + ": unknown flag '" + std::string(f) + "'");
      }
    } else {
      if (row.fields.size() < 3) {
        return Status::InvalidInput(where + ": expected kind, pos, forms[, rest, value]");
      }
      e.kind = field(0);
      e.pos = field(1);
      forms = field(2);
      rest = field(3);
      e.value = field(4);
      std::vector<std::string_view> first = Split(forms, '|');
      if (!first.empty()) e.lemma = std::string(first[0]);
    }
    for (std::string_view word : Split(rest, ' ')) {
      RestWord w;
      if (word.starts_with("~")) {
        w.gap = true;
        word.remove_prefix(1);
      }
      for (std::string_view alt : Split(word, '/')) {
        w.keys.push_back(norm.Key(alt));
        Token t = analyzer.AnalyzeWord(alt);
        if (!t.stem.empty()) w.stems.push_back(t.stem);
      }
      if (w.keys.empty()) return Status::InvalidInput(where + ": empty word in rest");
      if (e.rest.size() == MatchedWords::kMaxRestWords) {
        return Status::InvalidInput(where + ": more than " +
                                    std::to_string(MatchedWords::kMaxRestWords) + " words in rest");
      }
      e.rest.push_back(std::move(w));
    }
    entries_.push_back(std::move(e));
    RETURN_IF_ERROR(AddForms(analyzer, static_cast<uint32_t>(entries_.size() - 1), forms, where));
  }
  return Status::Ok();
}

bool Lexicon::RestMatches(const std::vector<Token>& tokens, size_t from, size_t limit,
                          const std::vector<RestWord>& rest, MatchedWords& words) const {
  size_t pos = from;
  for (const RestWord& w : rest) {
    // Quotation marks inside a phrase are no word of it (وشدد على "ضرورة ...").
    while (pos < limit && IsQuoteMark(tokens[pos])) ++pos;
    size_t last = w.gap ? std::min(limit, pos + kMaxGap + 1) : std::min(limit, pos + 1);
    bool found = false;
    for (size_t k = pos; k < last && !found; ++k) {
      const Token& t = tokens[k];
      bool ok =
          std::find(w.keys.begin(), w.keys.end(), t.key) != w.keys.end() ||
          (!t.stem.empty() && std::find(w.stems.begin(), w.stems.end(), t.stem) != w.stems.end());
      if (ok) {
        words.push_back(k);
        pos = k + 1;
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

Lexicon::Lookup Lexicon::LookupOf(const Token& t) {
  return LookupOf(t, Hash64(t.key), Hash64(t.stem));
}

Lexicon::Lookup Lexicon::LookupOf(const Token& t, uint64_t key_hash, uint64_t stem_hash) {
  // The whole key; the key without the conjunction the analyzer split off (وبحث -> بحث, when
  // it also split ب: stem حث); the stem. A conjunction the analyzer did not split is part of
  // the word: وزارة is not و + زاره. A candidate equal to an earlier one is left empty.
  Lookup l;
  std::array<std::string_view, 3>& c = l.keys;
  c[0] = t.key;
  for (std::string_view conj : {kWaw, std::string_view("\u0641")}) {
    if (std::string_view(t.proclitics).starts_with(conj) &&
        std::string_view(t.key).starts_with(conj)) {
      c[1] = std::string_view(t.key).substr(conj.size());
    }
  }
  c[2] = t.stem;
  if (c[1] == c[0]) c[1] = {};
  if (c[2] == c[0] || c[2] == c[1]) c[2] = {};
  if (!c[0].empty()) l.hashes[0] = key_hash;
  if (!c[1].empty()) l.hashes[1] = Hash64(c[1]);
  if (!c[2].empty()) l.hashes[2] = stem_hash;
  return l;
}

void Lexicon::MatchHeads(const std::vector<Token>& tokens, size_t i, size_t limit,
                         const Heads& heads, std::vector<LexMatch>& out) const {
  for (size_t c = 0; c < heads.size(); ++c) {
    if (heads[c] == nullptr) continue;
    for (const FormRef& ref : *heads[c]) {
      bool seen = false;
      for (const LexMatch& m : out) seen = seen || (m.entry == ref.entry && m.form == ref.form);
      if (seen) continue;
      // Built in place and taken back when the words after the head do not follow.
      LexMatch& m = out.emplace_back();
      m.entry = ref.entry;
      m.form = ref.form;
      m.dual = ref.dual;
      m.pronoun = ref.pronoun;
      m.via_stem = c == 2;
      m.head = i;
      m.words.push_back(i);
      // (Most entries are one word: no call for them.)
      const std::vector<RestWord>& rest = entries_[ref.entry].rest;
      if (!rest.empty() && !RestMatches(tokens, i + 1, limit, rest, m.words)) {
        out.pop_back();
        continue;
      }
      m.end = m.words.back() + 1;
    }
  }
}

}  // namespace rasd::events
