#include "text/segmenter.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_set>

#include "core/data.h"
#include "core/hash.h"
#include "text/char_table.h"

// The dictionary forms, embedded by src/text/CMakeLists.txt: lines "form<TAB>V|N|VN", empty
// when the build had no hunspell-ar.
extern "C" const char rasd_segment_lexicon_begin[];
extern "C" const char rasd_segment_lexicon_end[];

namespace rasd::text {
namespace {

constexpr char32_t kAlef = U'\u0627';
constexpr char32_t kAlefHamzaAbove = U'\u0623';
constexpr char32_t kAlefHamzaBelow = U'\u0625';
constexpr char32_t kAlefMadda = U'\u0622';
constexpr char32_t kAlefMaksura = U'\u0649';
constexpr char32_t kHamza = U'\u0621';
constexpr char32_t kWawHamza = U'\u0624';
constexpr char32_t kYehHamza = U'\u0626';
constexpr char32_t kLam = U'\u0644';
constexpr char32_t kTeh = U'\u062A';
constexpr char32_t kTehMarbuta = U'\u0629';
constexpr char32_t kHeh = U'\u0647';
constexpr char32_t kWaw = U'\u0648';
constexpr char32_t kYeh = U'\u064A';
constexpr std::u32string_view kArticle = U"\u0627\u0644";  // ال

// A stem keeps at least three letters unless protected.tsv lists it (two-letter words such as
// كل، حد after و): shorter cuts in news are misreadings (بلد -> ب + لد).
constexpr size_t kMinStemLetters = 3;

// The entity lexicon's files whose names' words are kept whole (TreebankSegmenter::Load).
constexpr const char* kNameFiles[] = {"lexicon/countries.tsv", "lexicon/places.tsv",
                                      "lexicon/people.tsv", "lexicon/people_public.tsv"};
constexpr size_t kMinNameLetters = 4;
// After the article two letters may remain (الحد); ال and one letter is no article (الى).
constexpr size_t kMinLettersAfterArticle = 2;

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const Unit u = DecodeUtf8(s, i);
    out.push_back(u.cp);
    i += u.length;
  }
  return out;
}

std::string Encode(std::u32string_view s) {
  std::string out;
  for (const char32_t c : s) AppendUtf8(c, out);
  return out;
}

// Dictionary letters are stored one byte each, as their offset in the Arabic block.
constexpr char32_t kBlock = TreebankSegmenter::kArabicBlock;
bool InBlock(char32_t c) { return c >= kBlock && c < kBlock + 0x100; }

// Record flags.
constexpr uint8_t kVerbFlag = 1, kNounFlag = 2, kRareFlag = 4;

// A huge page, for the alignment that lets the kernel back the index with them.
constexpr size_t kHugePage = size_t{2} << 20;

// Longest word the treebank segmenter reads; longer ones (a run of letters, a URL slug) stay
// whole. The longest form of the dictionary has 15 letters, with clitics 21.
constexpr size_t kMaxLetters = 30;

// The letter a text may write instead of `full` (أ إ آ -> ا, ى -> ي, ئ -> ي, ؤ -> و), or 0.
char32_t Weaker(char32_t full) {
  switch (full) {
    case kAlefHamzaAbove:
    case kAlefHamzaBelow:
    case kAlefMadda:
      return kAlef;
    case kAlefMaksura:
    case kYehHamza:
      return kYeh;
    case kWawHamza:
      return kWaw;
    default:
      return 0;
  }
}

// `spelling` (a dictionary form) can be what `letters` means: the same letters, except where
// the text dropped a hamza or wrote ى and ي for each other. ة and ه differ: a written ه is
// not a ta marbuta.
bool Compatible(std::u32string_view spelling, std::u32string_view letters) {
  if (spelling.size() != letters.size()) return false;
  for (size_t i = 0; i < spelling.size(); ++i) {
    const char32_t s = spelling[i], l = letters[i];
    if (s != l && Weaker(s) != l && !(s == kYeh && l == kAlefMaksura)) return false;
  }
  return true;
}

// How far a dictionary spelling is from the written letters, compared in this order:
// - a form rare in news (an imperative, a first person imperfect: the dictionary marks them)
//   after any other: واعتبر is و + اعتبر, not أعتبر "I consider";
// - hamza put on a ي or و seat (مسئول for مسيول): rare, as texts that drop hamza drop it on
//   alef; a reading that needs it is ranked after one that does not (وسيتم is و + س + يتم, not
//   و + سئتم);
// - any other change after the first letter (التالي, not التألي; ى for ي on the last letter:
//   علي and على are different words);
// - hamza on a bare first alef: wanted, as news drops it and the treebank restores it (واكد ->
//   و + أكد), unless the word is a noun as written (اسم، ابن، اجتماع: hamzat al-wasl); أ
//   before إ before آ (أفعل and أفعال are the most frequent patterns).
int LetterOrder(char32_t c) {
  switch (c) {
    case kAlefHamzaAbove:
      return 0;
    case kAlefHamzaBelow:
      return 1;
    case kAlefMadda:
      return 2;
    default:
      return 3;
  }
}
struct SpellingCost {
  int rare = 0, seat = 0, inner = 0, first = 0, order = 0;
  SpellingCost(std::u32string_view spelling, bool is_rare, bool noun, std::u32string_view letters)
      : rare(is_rare) {
    for (size_t i = 1; i < letters.size(); ++i) {
      const char32_t s = spelling[i], l = letters[i];
      if (s == kYehHamza || s == kWawHamza) seat += s != l;
      inner += s != l;
    }
    if (!letters.empty()) {
      first = letters[0] != kAlef ? 1 : spelling[0] != kAlef ? 0 : noun ? -1 : 1;
      order = LetterOrder(spelling[0]);
    }
  }
  bool operator<(const SpellingCost& o) const {
    return std::tie(rare, seat, inner, first, order) <
           std::tie(o.rare, o.seat, o.inner, o.first, o.order);
  }
};

std::vector<std::string> SplitSpaces(std::u32string_view s) {
  std::vector<std::string> out;
  TreebankSegmenter::ForEachSpaced(s, [&](std::u32string_view w) { out.push_back(Encode(w)); });
  return out;
}

// string_view::substr without its range check (callers stay in range), which the compiler
// would not inline in the long segmentation loops.
inline std::u32string_view Sub(std::u32string_view s, size_t pos,
                               size_t n = std::u32string_view::npos) {
  return {s.data() + pos, std::min(n, s.size() - pos)};
}

// Clitics are one to three letters: a loop the compiler inlines beats the library's compare.
inline bool StartsWith(std::u32string_view s, std::u32string_view p) {
  if (p.size() > s.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (s[i] != p[i]) return false;
  }
  return true;
}

inline bool EndsWith(std::u32string_view s, std::u32string_view p) {
  return p.size() <= s.size() && StartsWith(s.substr(s.size() - p.size()), p);
}

}  // namespace

// A short list of clitics, without allocation (segment.tsv has a handful of each kind).
class TreebankSegmenter::CliticList {
 public:
  static constexpr size_t kCapacity = 24;  // with the nullptr for "none"; Load() checks
  void Add(const Clitic* c) { items_[size_++] = c; }
  size_t size() const { return size_; }
  const Clitic* operator[](size_t i) const { return items_[i]; }
  const Clitic* const* begin() const { return items_.data(); }
  const Clitic* const* end() const { return items_.data() + size_; }

 private:
  std::array<const Clitic*, kCapacity> items_;  // [0, size_) set
  size_t size_ = 0;
};

namespace {}  // namespace

Result<TreebankSegmenter> TreebankSegmenter::Load(const CharTable& table) {
  TreebankSegmenter seg;
  seg.table_ = &table;
  for (char32_t c = kBlock; c < kBlock + seg.block_keys_.size(); ++c) {
    seg.block_keys_[c - kBlock] = seg.SlowKeyLetter(c);
  }
  const std::string kFile = "text/segment.tsv";
  ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(kFile));
  auto key_of = [&](std::u32string_view form) {
    std::u32string k;
    for (char32_t c : form) k.push_back(seg.KeyLetter(c));
    return k;
  };
  for (const TsvRow& row : ParseTsv(tsv)) {
    auto error = [&](const std::string& what) {
      return Status::InvalidInput("data/" + kFile + ":" + std::to_string(row.line) + ": " + what);
    };
    if (row.fields.size() < 2 || row.fields[1].empty()) return error("expected kind<TAB>form");
    const std::string& kind = row.fields[0];
    const std::u32string form = Decode(row.fields[1]);
    const std::string value = row.fields.size() > 2 ? row.fields[2] : "";
    if (kind == "conj" || kind == "prep" || kind == "future" || kind == "pronoun") {
      Clitic c{form};
      for (const std::string& flag : SplitSpaces(Decode(value))) {
        if (flag == "noun") {
          c.noun = true;
        } else if (flag == "verb") {
          c.verb = true;
        } else if (flag == "article") {
          c.article = true;
        } else if (flag == "cut") {
          c.cut = true;
        } else if (flag == "stem") {
          c.stays_on_stem = true;
        } else {
          return error("unknown flag " + flag);
        }
      }
      (kind == "conj"      ? seg.conjunctions_
       : kind == "pronoun" ? seg.pronouns_
                           : seg.prepositions_)
          .push_back(std::move(c));
    } else if (kind == "verb_prefix") {
      seg.verb_prefixes_ += form;
    } else if (kind == "ending") {
      const std::u32string key = key_of(form);
      seg.endings_[LetterSlot(key.back())].push_back(key);
    } else if (kind == "host" || kind == "fixed" || kind == "func") {
      if (value.empty()) return error("expected kind<TAB>form<TAB>value");
      Row r{form, Decode(value)};
      for (const std::string& flag :
           SplitSpaces(Decode(row.fields.size() > 3 ? row.fields[3] : ""))) {
        if (flag == "after_preposition") {
          r.after_preposition = true;
        } else if (flag == "ni") {
          r.takes_verbal_pronoun = true;
        } else {
          return error("unknown flag " + flag);
        }
      }
      auto& map = kind == "host" ? seg.hosts_ : kind == "fixed" ? seg.fixed_ : seg.function_words_;
      const std::u32string key = key_of(form);
      seg.table_keys_.Add(key);
      map[key].push_back(std::move(r));
    } else {
      return error("unknown kind " + kind);
    }
  }
  // The words that only look segmentable: kept whole, and kept whole after a clitic. A
  // prefix (سياس*) keeps the first letters of every word that begins with it; a pronoun still
  // comes off (وزارتها = وزارة + ها).
  ASSIGN_OR_RETURN(std::string prot, ReadDataFile("text/protected.tsv"));
  for (const TsvRow& row : ParseTsv(prot)) {
    if (row.fields.empty() || row.fields[0].empty()) continue;
    std::u32string form = Decode(row.fields[0]);
    if (form.back() == U'*') {
      // A prefix: a word that begins with it keeps its first letters (سياسي is no س + يأسي,
      // وزاري no و + زأري, whatever the dictionary's forms allow).
      form.pop_back();
      if (form.size() < kMinStemLetters) {
        return Status::InvalidInput("data/text/protected.tsv:" + std::to_string(row.line) +
                                    ": a protected prefix needs at least 3 letters");
      }
      const std::u32string key = key_of(form);
      seg.protected_prefixes_[LetterSlot(key.front())].push_back(key);
      continue;
    }
    const std::u32string key = key_of(form);
    seg.table_keys_.Add(key);
    seg.protected_[key].push_back(form);
  }
  // The words of the names in the entity lexicon, kept whole like protected words: وانغ is
  // Wang, not و + انغ, and باشنيان no ب + اشنيان (a word the dictionary lacks would otherwise be
  // cut wherever the rest is a form); and taken as the stem after a clitic (بطولكرم = ب +
  // طولكرم, though the dictionary lacks it). Only words of four letters or more: shorter ones
  // are as often a clitic and a function word (بلا = ب + لا). Not organisations: their names
  // are common words, and a clitic before one is a clitic (لحقوق الإنسان). Not a word that
  // begins with the article, after a clitic or not (بالقرب, والحدود): that is a clitic and a
  // word.
  // A clitic that can stand before the article (و ف ب ل ك; not the future particle).
  auto begins_like_clitic = [&](std::u32string_view key) {
    for (const auto* kind : {&seg.conjunctions_, &seg.prepositions_}) {
      for (const Clitic& c : *kind) {
        if (!c.verb && StartsWith(key, c.form)) return true;
      }
    }
    return false;
  };
  std::vector<std::pair<std::u32string, std::u32string>> name_words;  // form, key
  std::unordered_set<std::u32string, U32Hash, std::equal_to<>> name_keys;
  for (const char* file : kNameFiles) {
    ASSIGN_OR_RETURN(std::string names, ReadDataFile(file));
    for (const TsvRow& row : ParseTsv(names)) {
      for (const std::string& field : row.fields) {
        for (size_t at = 0; at < field.size();) {
          size_t end = field.find_first_of(" |", at);
          if (end == std::string::npos) end = field.size();
          std::u32string form = Decode(std::string_view(field).substr(at, end - at));
          at = end + 1;
          if (form.empty() || !std::all_of(form.begin(), form.end(), [](char32_t c) {
                return c >= U'\u0621' && c <= U'\u064A' && c != U'\u0640';
              })) {
            continue;
          }
          std::u32string key = key_of(form);
          name_keys.insert(key);
          if (form.size() >= kMinNameLetters)
            name_words.emplace_back(std::move(form), std::move(key));
        }
      }
    }
  }
  for (const auto& [form, key] : name_words) {
    // A clitic, the article and another name's word is the clitic before that name
    // (والهرسك in البوسنة والهرسك); else the letters are the name's own (كاليفورنيا, بالاو).
    if (StartsWith(key, kArticle) ||
        (begins_like_clitic(key) && StartsWith(Sub(key, 1), kArticle) &&
         name_keys.contains(Sub(key, 1)))) {
      continue;
    }
    std::vector<std::u32string>& forms = seg.names_[key];
    if (std::find(forms.begin(), forms.end(), form) == forms.end()) {
      if (forms.empty()) seg.table_keys_.Add(key);
      forms.push_back(form);
    }
  }
  for (const auto* kind : {&seg.conjunctions_, &seg.prepositions_, &seg.pronouns_}) {
    if (kind->size() >= CliticList::kCapacity) {
      return Status::InvalidInput("data/" + kFile + ": more than " +
                                  std::to_string(CliticList::kCapacity - 1) +
                                  " clitics of one kind");
    }
  }
  std::stable_sort(seg.pronouns_.begin(), seg.pronouns_.end(),
                   [](const Clitic& a, const Clitic& b) { return a.form.size() > b.form.size(); });
  for (size_t i = 0; i < seg.pronouns_.size(); ++i) {
    if (const std::u32string& form = seg.pronouns_[i].form; !form.empty()) {
      seg.pronouns_by_last_[LetterSlot(form.back())].push_back(static_cast<uint8_t>(i));
    }
  }

  seg.forms_ =
      std::string_view(rasd_segment_lexicon_begin,
                       static_cast<size_t>(rasd_segment_lexicon_end - rasd_segment_lexicon_begin));
  return seg;
}

void TreebankSegmenter::FreeDeleter::operator()(void* p) const { std::free(p); }

const TreebankSegmenter::LazyIndex& TreebankSegmenter::Index() const {
  std::call_once(index_->once, [this] {
    // Records: letters n, then n letters and n keys (offsets in the Arabic block), then flags.
    // A form with a character outside the block (a digit, a bidi mark) is left out: no word
    // the segmenter reads has one.
    std::vector<uint8_t> records;
    std::vector<std::pair<uint64_t, uint32_t>> entries;
    std::string letters, keys;
    for (size_t line = 0; line < forms_.size();) {
      size_t end = forms_.find('\n', line);
      if (end == std::string_view::npos) end = forms_.size();
      const size_t tab = forms_.find('\t', line);
      bool ok = tab < end;
      letters.clear();
      keys.clear();
      for (size_t i = line; ok && i < tab;) {
        const Unit u = DecodeUtf8(forms_, i);
        i += u.length;
        const char32_t key = KeyLetter(u.cp);
        ok = InBlock(u.cp) && InBlock(key) && letters.size() < kMaxLetters;
        letters.push_back(static_cast<char>(u.cp - kBlock));
        keys.push_back(static_cast<char>(key - kBlock));
      }
      if (ok && !letters.empty()) {
        const std::string_view pos = forms_.substr(tab + 1, end - tab - 1);
        const uint8_t flags = (pos.find('V') != std::string_view::npos ? kVerbFlag : 0) |
                              (pos.find('N') != std::string_view::npos ? kNounFlag : 0) |
                              (pos.find('r') != std::string_view::npos ? kRareFlag : 0);
        entries.emplace_back(Hash64(keys), static_cast<uint32_t>(records.size()));
        records.push_back(static_cast<uint8_t>(letters.size()));
        records.insert(records.end(), letters.begin(), letters.end());
        records.insert(records.end(), keys.begin(), keys.end());
        records.push_back(flags);
      }
      line = end + 1;
    }
    // At most half full, so probe runs stay short.
    size_t size = 1024;
    while (size < entries.size() * 2) size *= 2;
    const size_t filter_words = (size_t{1} << LazyIndex::kFilterBits) / 64;
    const size_t record_words = (records.size() + 7) / 8;
    const size_t bytes =
        ((filter_words + size + record_words) * 8 + kHugePage - 1) / kHugePage * kHugePage;
    LazyIndex& index = *index_;
    auto* memory = static_cast<uint64_t*>(std::aligned_alloc(kHugePage, bytes));
    if (memory == nullptr) throw std::bad_alloc();
    madvise(memory, bytes, MADV_HUGEPAGE);  // advice: without huge pages it works as well
    index.memory.reset(memory);
    std::fill(memory, memory + filter_words + size, 0);
    uint64_t* filter = memory;
    uint64_t* slots = memory + filter_words;
    auto* record_bytes = reinterpret_cast<uint8_t*>(slots + size);
    std::copy(records.begin(), records.end(), record_bytes);
    index.mask = size - 1;
    index.count = entries.size();
    for (const auto& [hash, offset] : entries) {
      uint64_t i = hash & index.mask;
      while (slots[i] != 0) i = (i + 1) & index.mask;
      slots[i] = (hash >> 32) << 32 | (uint64_t{offset} + 1);
      for (const uint64_t bit : {LazyIndex::Bit1(hash), LazyIndex::Bit2(hash)}) {
        filter[bit >> 6] |= uint64_t{1} << (bit & 63);
      }
    }
    index.filter = filter;
    index.slots = slots;
    index.records = record_bytes;
  });
  return *index_;
}

char32_t TreebankSegmenter::SlowKeyLetter(char32_t letter) const {
  const Fold f = table_->Lookup(letter);
  if (f.kind != FoldKind::kMap) return letter;
  const std::string_view r = table_->Replacement(f);
  if (r.empty()) return letter;
  const Unit u = DecodeUtf8(r, 0);
  return u.length == r.size() ? u.cp : letter;
}

TreebankSegmenter::Entry TreebankSegmenter::Lookup(std::u32string_view key,
                                                   std::u32string_view letters) const {
  Entry e;
  if (key.empty() || key.size() > kMaxLetters) return e;
  char key_bytes[kMaxLetters];
  for (size_t i = 0; i < key.size(); ++i) {
    if (!InBlock(key[i])) return e;
    key_bytes[i] = static_cast<char>(key[i] - kBlock);
  }
  const std::string_view k(key_bytes, key.size());
  const uint64_t h = Hash64(k);
  const LazyIndex& index = Index();
  if (index.count == 0 || !index.MayContain(h)) return e;
  SpellingCost best(U"", false, false, U"");
  char32_t form_buffer[kMaxLetters];
  for (uint64_t slot = h & index.mask; index.slots[slot] != 0; slot = (slot + 1) & index.mask) {
    const uint64_t s = index.slots[slot];
    if ((s >> 32) != (h >> 32)) continue;
    const uint8_t* record = index.records + (static_cast<uint32_t>(s) - 1);
    const size_t n = record[0];
    if (n != k.size() || std::memcmp(record + 1 + n, key_bytes, n) != 0) continue;
    for (size_t i = 0; i < n; ++i) form_buffer[i] = kBlock + record[1 + i];
    const std::u32string_view form(form_buffer, n);
    if (!Compatible(form, letters)) continue;
    const uint8_t flags = record[1 + 2 * n];
    e.verb |= (flags & kVerbFlag) != 0;
    e.noun |= (flags & kNounFlag) != 0;
    const SpellingCost c(form, (flags & kRareFlag) != 0, (flags & kNounFlag) != 0, letters);
    if (e.spelling.empty() || c < best) {
      e.spelling = Letters(form);
      best = c;
    }
  }
  if (e.found()) {
    e.rank = best.seat > 0 ? 1 : 0;
    e.rare = best.rare > 0;
  }
  return e;
}

bool TreebankSegmenter::IsForm(std::u32string_view letters, std::u32string_view keys) const {
  if (letters.empty() || letters.size() != keys.size()) return false;
  if (Lookup(keys, letters).found() || Protected(keys, letters, /*names=*/false)) return true;
  return StartsWith(keys, kArticle) && keys.size() >= 4 &&
         (Lookup(Sub(keys, 2), Sub(letters, 2)).noun ||
          Protected(Sub(keys, 2), Sub(letters, 2), /*names=*/false));
}

void TreebankSegmenter::Prefetch(std::u32string_view key) const {
  if (key.empty() || key.size() > kMaxLetters) return;
  char key_bytes[kMaxLetters];
  for (size_t i = 0; i < key.size(); ++i) {
    if (!InBlock(key[i])) return;
    key_bytes[i] = static_cast<char>(key[i] - kBlock);
  }
  const uint64_t h = Hash64(std::string_view(key_bytes, key.size()));
  const LazyIndex& index = Index();
  if (index.count == 0) return;
  __builtin_prefetch(&index.filter[LazyIndex::Bit1(h) >> 6]);
  __builtin_prefetch(&index.filter[LazyIndex::Bit2(h) >> 6]);
  __builtin_prefetch(&index.slots[h & index.mask]);
}

const std::u32string* TreebankSegmenter::Protected(std::u32string_view key,
                                                   std::u32string_view letters, bool names) const {
  if (!table_keys_.MayContain(key)) return nullptr;
  auto find = [&](const U32Map<std::vector<std::u32string>>& map) -> const std::u32string* {
    if (auto it = map.find(key); it != map.end()) {
      // The last letter as written: والي (a governor, a name) is protected, والى (و + إلى)
      // not.
      for (const std::u32string& form : it->second) {
        if (Compatible(form, letters) && form.back() == letters.back()) return &form;
      }
    }
    return nullptr;
  };
  if (const std::u32string* form = find(protected_)) return form;
  return names ? find(names_) : nullptr;
}

const TreebankSegmenter::Row* TreebankSegmenter::Pick(const U32Map<std::vector<Row>>& table,
                                                      std::u32string_view key,
                                                      std::u32string_view letters) const {
  if (!table_keys_.MayContain(key)) return nullptr;
  auto it = table.find(key);
  if (it == table.end()) return nullptr;
  for (const Row& r : it->second) {
    if (r.form == letters) return &r;
  }
  for (const Row& r : it->second) {
    if (Compatible(r.form, letters)) return &r;
  }
  return &it->second.front();
}

bool TreebankSegmenter::ValidStem(std::u32string_view key, std::u32string_view letters,
                                  Reading& r) const {
  const bool needs_verb = r.prep != nullptr && r.prep->verb;
  // ل + ال is written لل: the stem's first ل is the article's (للحكومة -> ل الحكومة).
  const bool lam_article = r.prep != nullptr && r.prep->form.size() == 1 &&
                           r.prep->form[0] == kLam && key.size() >= 3 && key[0] == kLam &&
                           !StartsWith(key, kArticle);
  // A protected word after a clitic is taken as it is, in its protected spelling (للبنان ->
  // ل + لبنان, والمانيا -> و + ألمانيا); but a common noun in ل after ل has the article (للجنة
  // is ل + اللجنة): only a name is read bare there.
  if (lam_article && r.pronoun == nullptr && !names_.contains(key) &&
      Protected(key, letters, /*names=*/false) != nullptr) {
    if (const Entry e = Lookup(key, letters); e.noun) {
      r.stem = Letters(kArticle, e.spelling.view());
      r.rank = e.rank;
      return true;
    }
  }
  if (r.pronoun == nullptr && !needs_verb && !(r.prep != nullptr && r.prep->article)) {
    if (const std::u32string* p = Protected(key, letters)) {
      // The dictionary's spelling when it has the word (protected.tsv may write a hamza the
      // word does not always have: بدأ, بدا).
      const Entry e = Lookup(key, letters);
      r.stem = e.found() ? e.spelling : Letters(*p);
      r.rank = e.found() ? e.rank : 0;
      return true;
    }
  }
  // Else a word that begins with ال without the article: ألقى، ألغى، ألزم (القاها -> ألقى + ها).
  if ((StartsWith(key, kArticle) || lam_article) && key.size() >= (lam_article ? 3 : 4) &&
      r.pronoun == nullptr && !needs_verb) {
    const size_t at = lam_article ? 1 : 2;
    const std::u32string_view core_key = Sub(key, at), core = Sub(letters, at);
    const std::u32string_view article = lam_article ? kArticle : Sub(letters, 0, 2);
    // The core keeps three letters unless protected.tsv lists it (الحد): والده is والد + ه,
    // not و + الده.
    const bool long_enough = core_key.size() >= kMinStemLetters;
    if (Entry e = Lookup(core_key, core); e.noun && long_enough) {
      r.stem = Letters(article, e.spelling.view());
      r.rank = e.rank;
      return true;
    }
    if (const std::u32string* p = Protected(core_key, core)) {
      r.stem = Letters(article, *p);
      return true;
    }
    // ل + ال + a noun in ل is written with two lams: للجنة -> ل + اللجنة, للاجئين -> ل +
    // اللاجئين (read before ل + لجنة: after ل the definite noun is the frequent one).
    if (lam_article) {
      if (Entry e = Lookup(key, letters); e.noun) {
        r.stem = Letters(kArticle, e.spelling.view());
        r.rank = e.rank;
        return true;
      }
    }
    // A word the dictionary lacks (a name, a loan word: بالسارس) after a clitic and the
    // article: the article is a surer sign than any reading of the whole.
    if ((r.conj != nullptr || r.prep != nullptr) && long_enough) {
      r.stem = Letters(article, core);
      r.rank = 1;
      r.guessed = true;
      return true;
    }
  }
  if (r.prep != nullptr && r.prep->article) return false;
  if (key.size() < kMinStemLetters && Protected(key, letters) == nullptr) return false;
  if (needs_verb && verb_prefixes_.find(key[0]) == std::u32string::npos) return false;
  // The stem as written, and the stems it may stand for, in the order they are tried.
  struct Variant {
    Letters key, letters;
    int rank = 0;
  };
  std::array<Variant, 4> variants;
  size_t count = 0;
  // The stem with its last letter replaced by `last` (0: kept) and `extra` appended (0: none).
  auto add = [&](char32_t last, char32_t extra, int rank) {
    Variant& v = variants[count++];
    const size_t keep = last == 0 ? key.size() : key.size() - 1;
    v.key = Letters(Sub(key, 0, keep));
    v.letters = Letters(Sub(letters, 0, keep));
    if (last != 0) {
      v.key.Append(KeyLetter(last));
      v.letters.Append(last);
    }
    if (extra != 0) {
      v.key.Append(KeyLetter(extra));
      v.letters.Append(extra);
    }
    v.rank = rank;
  };
  if (r.pronoun != nullptr) {
    // Alef maqsura is written alef before a pronoun: مستواها -> مستوى + ها, ألقاه -> ألقى + ه;
    // tried first, as few stems end in a written alef (دعاه).
    if (key.back() == kAlef) add(kAlefMaksura, 0, 0);
    // A ta marbuta is written ت before a pronoun (حكومته); tried before the stem as written,
    // as nouns with a possessive far outnumber feminine past verbs with an object (قيمتها is
    // قيمة + ها though قيمت is a verb too; the price: شهدتها -> شهدة + ها).
    if (key.back() == kTeh) add(kTehMarbuta, 0, 0);
  }
  add(0, 0, 0);
  if (r.pronoun != nullptr) {
    // A final hamza is written on its seat before a pronoun: لقائه -> لقاء + ه.
    if (letters.back() == kYehHamza || letters.back() == kWawHamza) add(kHamza, 0, 1);
    // The plural verb drops its silent alef before a pronoun: رافقوه -> رافقوا + ه.
    if (key.back() == kWaw) add(0, kAlef, 1);
  }
  for (size_t i = 0; i < count; ++i) {
    const Variant& v = variants[i];
    Entry e = Lookup(v.key.view(), v.letters.view());
    if (!e.found()) {
      const std::u32string* p = Protected(v.key.view(), v.letters.view());
      if (p == nullptr) continue;
      e.noun = true;
      e.spelling = Letters(*p);
    }
    const Clitic* needs[] = {r.prep, r.pronoun};
    bool ok = true;
    for (const Clitic* c : needs) {
      // A rare form (an imperative) does not count as the verb a clitic needs: سياسي is no
      // س + يأسي.
      if (c != nullptr && ((c->verb && (!e.verb || e.rare)) || (c->noun && !e.noun))) ok = false;
    }
    if (!ok) continue;
    r.stem = e.spelling;
    r.rank = std::max(v.rank, e.rank);
    return true;
  }
  // A word the dictionary lacks after a conjunction (a name: وميرزويان، وغانلوكا): the
  // conjunction is cut, as a guess that any reading from the dictionary beats.
  // Not after a preposition: names begin with ب and ل far more often than و (بيريز، لولا),
  // and a guessed ب or ل cost the PADT treebank more words than it gained.
  if (r.conj != nullptr && r.conj->cut && r.prep == nullptr && r.pronoun == nullptr &&
      key.size() >= kMinStemLetters) {
    r.stem = Letters(letters);
    r.rank = 1;
    r.guessed = true;
    return true;
  }
  return false;
}

bool TreebankSegmenter::Shape(std::u32string_view value, std::u32string_view letters,
                              Split& out) const {
  std::array<std::u32string_view, 4> words;
  size_t count = 0;
  bool fits = true;
  ForEachSpaced(value, [&](std::u32string_view w) {
    if (count == words.size()) fits = false;
    if (fits) words[count++] = w;
  });
  if (!fits || count == 0) return false;
  // The clitic of `list` written `w`, or nullptr.
  auto find = [](const std::vector<Clitic>& list, std::u32string_view w) -> const Clitic* {
    for (const Clitic& c : list) {
      if (c.form == w) return &c;
    }
    return nullptr;
  };
  Split split;
  size_t first = 0, last = count, at = 0;
  // Leading clitics, as the word begins with them: a conjunction, then a preposition.
  for (; first + 1 < last; ++first) {
    const std::u32string_view w = words[first];
    if (!StartsWith(Sub(letters, at), w)) break;
    if (split.conj == 0 && split.prep == 0 && find(conjunctions_, w) != nullptr) {
      split.conj = static_cast<uint8_t>(w.size());
    } else if (split.prep == 0 && find(prepositions_, w) != nullptr) {
      split.prep = static_cast<uint8_t>(w.size());
    } else {
      break;
    }
    at += w.size();
  }
  const Clitic* pronoun = find(pronouns_, words[last - 1]);
  if (last - first >= 2 && EndsWith(letters, words[last - 1]) && pronoun != nullptr) {
    split.pronoun = static_cast<uint8_t>(words[last - 1].size());
    split.pronoun_stays_on_stem = pronoun->stays_on_stem;
    --last;
  }
  if (last - first != 1) return false;
  split.stem = Letters(words[first]);
  out = split;
  return true;
}

void TreebankSegmenter::MarkArticle(std::u32string_view letters, std::u32string_view keys,
                                    Split& split) const {
  const std::u32string_view stem = split.stem.view();
  if (split.other != nullptr || !StartsWith(stem, kArticle) ||
      stem.size() < kArticle.size() + kMinLettersAfterArticle) {
    return;
  }
  const size_t at = split.conj + split.prep;
  const size_t written = letters.size() - at - split.pronoun;
  // A word of protected.tsv that begins like the article is not definite (الله، الآن).
  if (written == stem.size() && Protected(Sub(keys, at, written), Sub(letters, at, written))) {
    return;
  }
  if (StartsWith(Sub(keys, at), kArticle)) {
    split.article = 2;
  } else if (written + kArticle.size() >= stem.size() &&
             written + kArticle.size() - stem.size() <= 1) {
    split.article = static_cast<uint8_t>(written + kArticle.size() - stem.size());
  } else {
    return;
  }
  split.definite = true;
}

TreebankSegmenter::Split TreebankSegmenter::SplitWord(std::u32string_view letters,
                                                      std::u32string_view keys) const {
  if (letters.empty() || letters.size() != keys.size() || letters.size() > kMaxLetters) {
    Split whole;
    whole.stem = Letters(letters);
    return whole;
  }
  Split split = SplitClitics(letters, keys);
  MarkArticle(letters, keys, split);
  return split;
}

TreebankSegmenter::Split TreebankSegmenter::SplitClitics(std::u32string_view letters,
                                                         std::u32string_view keys) const {
  // The word as one syntactic word, made only where it is the answer.
  auto whole = [&] {
    Split split;
    split.stem = Letters(letters);
    return split;
  };

  if (const Row* f = Pick(fixed_, keys, letters)) {
    Split fixed;
    if (Shape(f->value, letters, fixed)) return fixed;
    fixed = whole();
    fixed.other = &f->value;
    return fixed;
  }
  // The clitics this word can carry: a conjunction it begins with, a pronoun it ends with
  // (most words end with none, which spares most readings); prepositions are checked after
  // each conjunction.
  CliticList conjs, preps, pronouns;
  conjs.Add(nullptr);
  for (const Clitic& c : conjunctions_) {
    if (StartsWith(keys, c.form)) conjs.Add(&c);
  }
  // Only the prepositions the word has after one of its conjunctions (or none) are kept.
  preps.Add(nullptr);
  bool may_start_with_preposition = false;
  for (const Clitic& c : prepositions_) {
    const bool first = StartsWith(keys, c.form);
    may_start_with_preposition |= first;
    bool after_conj = first;
    for (size_t i = 1; i < conjs.size() && !after_conj; ++i) {
      after_conj = StartsWith(Sub(keys, conjs[i]->form.size()), c.form);
    }
    if (after_conj) preps.Add(&c);
  }
  for (const uint8_t i : pronouns_by_last_[LetterSlot(letters.back())]) {
    if (EndsWith(letters, pronouns_[i].form)) pronouns.Add(&pronouns_[i]);
  }
  // Most words begin with no clitic and end with no pronoun: they have no reading but the
  // whole word, and only a fixed segmentation (above) could split them.
  if (conjs.size() == 1 && pronouns.size() == 0 && !may_start_with_preposition) return whole();
  // The word's possible proclitics, outermost first: (conjunction) (preposition), each pair in
  // the order the readings are tried, with the letters they take.
  struct Proclitics {
    const Clitic* conj;
    const Clitic* prep;
    size_t a1, a;  // letters of the conjunction; of both
  };
  std::array<Proclitics, CliticList::kCapacity * 2> all_proclitics;
  size_t proclitic_count = 0;
  for (const Clitic* conj : conjs) {
    const size_t a1 = conj == nullptr ? 0 : conj->form.size();
    for (const Clitic* prep : preps) {
      if (prep != nullptr && !StartsWith(Sub(keys, a1), prep->form)) continue;
      if (proclitic_count == all_proclitics.size()) break;
      all_proclitics[proclitic_count++] = {conj, prep, a1,
                                           a1 + (prep == nullptr ? 0 : prep->form.size())};
    }
  }
  // No clitic is cut from inside a protected prefix: the most letters the proclitics may take.
  size_t limit = keys.size();
  if (conjs.size() > 1 || may_start_with_preposition) {
    auto protected_at = [&](size_t at) {
      const std::u32string_view rest_keys = Sub(keys, at), rest = Sub(letters, at);
      if (rest_keys.empty()) return false;
      for (const std::u32string& prefix : protected_prefixes_[LetterSlot(rest_keys.front())]) {
        if (StartsWith(rest_keys, prefix)) return true;
      }
      // A protected word with an inflectional ending (وزيرا، وصلت).
      for (const std::u32string& ending : endings_[LetterSlot(rest_keys.back())]) {
        if (ending.size() >= rest_keys.size() || !EndsWith(rest_keys, ending)) continue;
        const size_t n = rest_keys.size() - ending.size();
        if (Protected(Sub(rest_keys, 0, n), Sub(rest, 0, n), /*names=*/false)) return true;
      }
      return false;
    };
    if (protected_at(0)) {
      limit = 0;
    } else {
      for (size_t i = 0; i < proclitic_count; ++i) {
        const size_t a = all_proclitics[i].a;
        if (a > 0 && a < limit && protected_at(a)) limit = a;
      }
    }
  }
  // Those the limit allows.
  const std::span<Proclitics> proclitics(all_proclitics.data(), [&] {
    size_t kept = 0;
    for (size_t i = 0; i < proclitic_count; ++i) {
      if (all_proclitics[i].a <= limit) all_proclitics[kept++] = all_proclitics[i];
    }
    return kept;
  }());
  // The dictionary is searched for the word and for the stem of each reading below, one after
  // the other; each search waits on memory (filter, slot) it could have asked for at once.
  Prefetch(keys);
  for (const Proclitics& pc : proclitics) {
    const size_t a = pc.a;
    for (size_t p = 0; p <= pronouns.size(); ++p) {
      const size_t suffix = p == 0 ? 0 : pronouns[p - 1]->form.size();
      if ((a == 0 && p == 0) || a + suffix >= keys.size()) continue;
      const std::u32string_view stem = Sub(keys, a, keys.size() - suffix - a);
      Prefetch(stem);
      if (StartsWith(stem, kArticle)) Prefetch(Sub(stem, 2));
    }
  }

  // A pronoun host: (conjunction) (preposition) host pronoun.
  for (const auto& [conj, prep, a1, a] : proclitics) {
    if (prep != nullptr && prep->verb) continue;
    for (const Clitic* p : pronouns) {
      if (a + p->form.size() >= letters.size()) continue;
      const size_t b = letters.size() - p->form.size();
      const Row* h = Pick(hosts_, Sub(keys, a, b - a), Sub(letters, a, b - a));
      if (h == nullptr || (prep != nullptr && !h->after_preposition)) continue;
      if (p->verb && !h->takes_verbal_pronoun) continue;
      if (prep != nullptr && prep->article && h->form != Sub(letters, a, b - a)) continue;
      Split split;
      split.conj = conj == nullptr ? 0 : static_cast<uint8_t>(conj->form.size());
      split.prep = prep == nullptr ? 0 : static_cast<uint8_t>(prep->form.size());
      split.pronoun = static_cast<uint8_t>(p->form.size());
      split.pronoun_stays_on_stem = p->stays_on_stem;
      split.stem = Letters(h->value);
      return split;
    }
  }
  if (Protected(keys, letters)) return whole();
  // A function word after a conjunction and/or preposition.
  for (const auto& [conj, prep, a1, a] : proclitics) {
    if (prep == nullptr ? conj == nullptr : prep->verb || prep->article) continue;
    if (a >= keys.size()) continue;
    const Row* f = Pick(function_words_, Sub(keys, a), Sub(letters, a));
    if (f == nullptr) continue;
    Split split;
    split.conj = static_cast<uint8_t>(a1);
    split.prep = static_cast<uint8_t>(a - a1);
    split.stem = Letters(f->value);
    return split;
  }

  // Every reading (conjunction) (preposition or future) stem (pronoun), the word itself
  // included when it is a dictionary form, a function word or an article + noun (الحكم). The
  // best has the fewest clitics not marked "cut", then the lowest rank, then is not the whole
  // word (وقال is و + قال although وقال is a form: news uses و + verb far more), then has the
  // longest stem (وبحث is و + بحث, not و + ب + حث).
  Reading best;
  bool found = false;
  {
    const std::u32string_view whole_key = keys;
    Reading as_written;
    as_written.length = keys.size();
    const Entry e = Lookup(keys, letters);
    const bool in_tables = table_keys_.MayContain(whole_key) &&
                           (function_words_.contains(whole_key) || hosts_.contains(whole_key));
    if (e.found() || in_tables ||
        (StartsWith(keys, kArticle) && keys.size() >= 4 &&
         Lookup(Sub(keys, 2), Sub(letters, 2)).noun)) {
      as_written.rank = e.found() ? e.rank : 0;
      best = std::move(as_written);
      found = true;
    }
  }
  auto cost = [](const Reading& r) {
    int cut = 0;
    for (const Clitic* c : {r.conj, r.prep}) cut += c != nullptr && c->cut;
    return std::make_tuple(r.guessed, r.Clitics() - cut, r.rank, r.Clitics() == 0 ? 1 : 0,
                           -static_cast<int>(r.length));
  };
  for (const auto& [conj, prep, a1, a] : proclitics) {
    for (size_t p = 0; p <= pronouns.size(); ++p) {
      const Clitic* pronoun = p == 0 ? nullptr : pronouns[p - 1];
      if (conj == nullptr && prep == nullptr && pronoun == nullptr) continue;
      const size_t suffix = pronoun == nullptr ? 0 : pronoun->form.size();
      if (a + suffix >= letters.size()) continue;
      Reading r;
      r.conj = conj;
      r.prep = prep;
      r.pronoun = pronoun;
      const size_t n = letters.size() - suffix - a;
      r.length = n;
      // A reading with more clitics that count than the best so far cannot win: its stem
      // need not be looked up (most new words are dictionary forms as written).
      if (found && std::get<1>(cost(r)) > std::get<1>(cost(best)) && !std::get<0>(cost(best))) {
        continue;
      }
      if (!ValidStem(Sub(keys, a, n), Sub(letters, a, n), r)) continue;
      if (!found || cost(r) < cost(best)) {
        best = std::move(r);
        found = true;
      }
    }
  }
  if (!found || best.Clitics() == 0) return whole();
  Split split;
  split.conj = best.conj == nullptr ? 0 : static_cast<uint8_t>(best.conj->form.size());
  split.prep = best.prep == nullptr ? 0 : static_cast<uint8_t>(best.prep->form.size());
  split.pronoun = best.pronoun == nullptr ? 0 : static_cast<uint8_t>(best.pronoun->form.size());
  split.pronoun_stays_on_stem = best.pronoun != nullptr && best.pronoun->stays_on_stem;
  split.stem = best.stem;
  return split;
}

}  // namespace rasd::text
