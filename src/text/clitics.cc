#include "text/clitics.h"

#include <algorithm>
#include <optional>

#include "core/data.h"
#include "text/char_table.h"
#include "text/text.h"

namespace rasd::text {
namespace {

// A stem keeps at least three letters: Arabic roots are triliteral, and every shorter cut seen
// in news is a function word (له، به، الى) or a misreading (بلد -> ب + لد).
constexpr size_t kMinStemLetters = 3;
constexpr size_t kMinStemLettersAfterArticle = 2;
constexpr char32_t kHeh = U'\u0647';
constexpr char32_t kTeh = U'\u062A';
constexpr char32_t kAlef = U'\u0627';

// Clitics and endings are 2-6 bytes: a byte loop beats a call to memcmp.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}
inline bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && SameBytes(s.data(), p.data(), p.size());
}
inline bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && SameBytes(s.data() + s.size() - p.size(), p.data(), p.size());
}
bool LongEnough(std::string_view s) { return HasChars(s, kMinStemLetters); }

// The entity lexicon's files, whose Arabic words of names are kept whole: a name that begins
// like a clitic (باشنيان, وانغ, بايدن) is read as the name. Only words of four letters or more:
// shorter ones are as often a clitic and a function word (بلا = ب + لا).
// Not organisations: their names are common words, and a clitic before one is a clitic
// (مفوضية الأمم المتحدة لحقوق الإنسان).
constexpr const char* kNameFiles[] = {"lexicon/countries.tsv", "lexicon/places.tsv",
                                      "lexicon/people.tsv", "lexicon/people_public.tsv"};
constexpr size_t kMinNameLetters = 4;
constexpr size_t kCliticBytes = 2;  // a one-letter clitic (و ف ب ك ل) in UTF-8

// Only letters of the Arabic block (ء to ي): a name's word, not a code or an English name.
bool IsArabicLetters(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const Unit u = DecodeUtf8(s, i);
    if (u.cp < U'\u0621' || u.cp > U'\u064A' || u.cp == U'\u0640') return false;
    i += u.length;
  }
  return !s.empty();
}

std::string At(const std::string& file, int line) {
  return "data/" + file + ":" + std::to_string(line) + ": ";
}

}  // namespace

Result<CliticSegmenter> CliticSegmenter::Load(const Normalizer& normalizer) {
  CliticSegmenter seg;
  const std::string kCliticsFile = "text/clitics.tsv";
  ASSIGN_OR_RETURN(std::string clitics, ReadDataFile(kCliticsFile));
  for (const TsvRow& row : ParseTsv(clitics)) {
    if (row.fields.size() < 2 || row.fields[1].empty()) {
      return Status::InvalidInput(At(kCliticsFile, row.line) + "expected kind<TAB>form");
    }
    const std::string& kind = row.fields[0];
    std::string form = normalizer.Key(row.fields[1]);
    if (kind == "conj" || kind == "conj_before_article") {
      seg.conjunctions_.push_back({form, kind == "conj_before_article"});
    } else if (kind == "prep" || kind == "prep_before_article") {
      seg.prepositions_.push_back({form, kind == "prep_before_article"});
    } else if (kind == "article") {
      seg.article_ = form;
    } else if (kind == "prep_article") {
      seg.prep_articles_.push_back(form);
    } else if (kind == "enclitic") {
      seg.enclitics_.push_back(form);
    } else if (kind == "future") {
      seg.future_ = form;
    } else if (kind == "verb_prefix") {
      seg.verb_prefixes_.push_back(form);
    } else if (kind == "ending") {
      seg.endings_.push_back(form);
    } else {
      return Status::InvalidInput(At(kCliticsFile, row.line) + "unknown kind " + kind);
    }
  }
  if (seg.article_.empty()) {
    return Status::InvalidInput("data/" + kCliticsFile + ": no article row");
  }
  AppendUtf8(kHeh, seg.heh_);
  AppendUtf8(kTeh, seg.teh_);
  AppendUtf8(kAlef, seg.plural_);
  AppendUtf8(kTeh, seg.plural_);
  auto longest_first = [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  };
  std::stable_sort(seg.enclitics_.begin(), seg.enclitics_.end(), longest_first);
  std::stable_sort(seg.endings_.begin(), seg.endings_.end(), longest_first);
  seg.endings_by_last_byte_.resize(256);
  for (const std::string& e : seg.endings_) {
    seg.endings_by_last_byte_[static_cast<unsigned char>(e.back())].push_back(e);
  }

  const std::string kProtectedFile = "text/protected.tsv";
  ASSIGN_OR_RETURN(std::string prot, ReadDataFile(kProtectedFile));
  for (const TsvRow& row : ParseTsv(prot)) {
    if (row.fields.empty() || row.fields[0].empty()) continue;
    const std::string& word = row.fields[0];
    if (word.back() == '*') {
      std::string prefix = normalizer.Key(std::string_view(word).substr(0, word.size() - 1));
      if (!LongEnough(prefix)) {
        return Status::InvalidInput(At(kProtectedFile, row.line) +
                                    "a protected prefix needs at least 3 letters");
      }
      if (std::find(seg.prefix_lengths_.begin(), seg.prefix_lengths_.end(), prefix.size()) ==
          seg.prefix_lengths_.end()) {
        seg.prefix_lengths_.push_back(prefix.size());
      }
      seg.protected_prefixes_.Insert(prefix);
    } else {
      seg.protected_.Insert(normalizer.Key(word));
    }
  }
  // The words of the names in the entity lexicon (انغ is no stem: وانغ is Wang, not و + انغ).
  for (const char* file : kNameFiles) {
    ASSIGN_OR_RETURN(std::string names, ReadDataFile(file));
    for (const TsvRow& row : ParseTsv(names)) {
      for (const std::string& field : row.fields) {
        for (size_t at = 0; at < field.size();) {
          size_t end = field.find_first_of(" |", at);
          if (end == std::string::npos) end = field.size();
          const std::string key = normalizer.Key(std::string_view(field).substr(at, end - at));
          at = end + 1;
          // A word that begins with a clitic and the article is a clitic and a word, whatever
          // name it is part of (بالقرب, والحدود).
          if (!HasChars(key, kMinNameLetters) || !IsArabicLetters(key) ||
              !seg.MayStartWithProclitic(key) || seg.ArticleLength(key) != 0 ||
              seg.ArticleLength(std::string_view(key).substr(kCliticBytes)) != 0) {
            continue;
          }
          seg.protected_.Insert(key);
        }
      }
    }
  }
  return seg;
}

CliticSegmenter::Prefixes::Prefixes(std::string_view word) : word_(word) {
  if (word.size() <= kInline) {
    states_ = inline_;
  } else {
    heap_.resize(word.size() + 1);
    states_ = heap_.data();
  }
  states_[0] = WordSet::kSeed;
  for (size_t i = 0; i < word.size(); ++i) {
    states_[i + 1] = WordSet::Step(states_[i], static_cast<unsigned char>(word[i]));
  }
}

bool CliticSegmenter::IsProtected(std::string_view key) const {
  return IsProtected(Prefixes(key), key.size());
}

bool CliticSegmenter::IsProtected(const Prefixes& p, size_t length) const {
  const std::string_view key = p.word().substr(0, length);
  if (protected_.ContainsHashed(key, {}, WordSet::Finish(p.State(length)))) return true;
  for (size_t len : prefix_lengths_) {
    if (length >= len &&
        protected_prefixes_.ContainsHashed(key.substr(0, len), {}, WordSet::Finish(p.State(len)))) {
      return true;
    }
  }
  if (key.empty()) return false;
  for (const std::string& e : endings_by_last_byte_[static_cast<unsigned char>(key.back())]) {
    if (!EndsWith(key, e)) continue;
    const size_t b = length - e.size();
    std::string_view base = key.substr(0, b);
    if (!LongEnough(base)) continue;
    if (protected_.ContainsHashed(base, {}, WordSet::Finish(p.State(b)))) return true;
    // The plural of a noun in ة drops it: بدايات is بداية + ات.
    if (e == plural_ &&
        protected_.ContainsHashed(base, heh_, WordSet::Finish(WordSet::Extend(p.State(b), heh_)))) {
      return true;
    }
  }
  return false;
}

size_t CliticSegmenter::ArticleLength(std::string_view s) const {
  for (const std::string& pa : prep_articles_) {
    if (StartsWith(s, pa)) return pa.size();
  }
  for (const Proclitic& p : prepositions_) {
    if (StartsWith(s, p.form) && StartsWith(s.substr(p.form.size()), article_)) {
      return p.form.size() + article_.size();
    }
  }
  return StartsWith(s, article_) ? article_.size() : 0;
}

size_t CliticSegmenter::FutureLength(std::string_view s) const {
  if (future_.empty() || !StartsWith(s, future_)) return 0;
  std::string_view verb = s.substr(future_.size());
  for (const std::string& v : verb_prefixes_) {
    if (StartsWith(verb, v) && LongEnough(verb)) return future_.size();
  }
  return 0;
}

bool CliticSegmenter::MayStartWithProclitic(std::string_view s) const {
  for (const Proclitic& c : conjunctions_) {
    if (StartsWith(s, c.form)) return true;
  }
  for (const Proclitic& p : prepositions_) {
    if (StartsWith(s, p.form)) return true;
  }
  return StartsWith(s, article_) || (!future_.empty() && StartsWith(s, future_));
}

bool CliticSegmenter::CanBeStem(std::string_view s) const {
  return LongEnough(s) || (!s.empty() && protected_.Contains(s));
}

Segmentation CliticSegmenter::Segment(std::string_view key, bool final_heh) const {
  // The enclitic candidate is fixed first; proclitics are then peeled one layer at a time
  // (conjunction, then preposition and/or article). After each layer the remainder, with and
  // without the enclitic, is checked against the protected words so that a known word stops
  // the peeling (وبوتين -> و + بوتين, not و + ب + وتين).
  std::string_view enclitic;
  for (const std::string& e : enclitics_) {
    if (!EndsWith(key, e) || key.size() == e.size()) continue;
    // ة folds to ه in the key; a word written with ة has no pronoun there (حكومة).
    if (e == heh_ && !final_heh) continue;
    enclitic = e;
    break;
  }

  std::string_view rest = key;
  size_t pro_bytes = 0;
  auto result = [&](std::string_view stem, std::string_view enc, bool ta = false) {
    return Segmentation{key.substr(0, pro_bytes), stem, enc, ta};
  };
  // حكومت (from حكومته) -> حكومه, the key of حكومة.
  auto restore_ta = [&](std::string_view s) {
    std::string r(s.substr(0, s.size() - teh_.size()));
    return r + heh_;
  };
  auto without_enclitic = [&](std::string_view s) {
    return s.substr(0, s.size() - enclitic.size());
  };
  // s, or s without the enclitic, is a protected word.
  // The pronoun reading goes first: بينه is بين + ه although ه is also the key of the ending ة.
  auto protected_form = [&](std::string_view s) -> std::optional<Segmentation> {
    const Prefixes p(s);
    if (!enclitic.empty() && CanBeStem(without_enclitic(s))) {
      std::string_view base = without_enclitic(s);
      // ولايته -> ولاية + ه; the open-ta reading first, so وزارت* in protected.tsv (وزارتي)
      // does not keep وزارته's stem as وزارت.
      if (EndsWith(base, teh_) && IsProtected(restore_ta(base))) {  // also وفاته -> وفاة
        return result(base, enclitic, /*ta=*/true);
      }
      if (IsProtected(p, base.size())) return result(base, enclitic);
    }
    if (IsProtected(p, s.size())) return result(s, {});
    return std::nullopt;
  };
  auto cut = [&](size_t bytes) {
    rest.remove_prefix(bytes);
    pro_bytes += bytes;
  };

  // Most words begin with no clitic letter and end with no pronoun: nothing to cut or protect.
  if (enclitic.empty() && !MayStartWithProclitic(rest)) return result(rest, {});

  if (auto s = protected_form(rest)) return *s;

  // Layer 1: a conjunction. ف only before the article, the future particle or a protected
  // word: as a bare first letter it is far more often part of the word (فريق، فرصة، فترة،
  // فرنسا، فيما) than the conjunction (PADT: 5 to 1).
  for (const Proclitic& c : conjunctions_) {
    if (!StartsWith(rest, c.form)) continue;
    std::string_view after = rest.substr(c.form.size());
    bool ok;
    if (c.needs_article) {
      const size_t article = ArticleLength(after);
      ok = (article != 0 && HasChars(after.substr(article), kMinStemLettersAfterArticle)) ||
           FutureLength(after) != 0 || (CanBeStem(after) && protected_form(after));
    } else {
      ok = CanBeStem(after);
    }
    if (ok) {
      cut(c.form.size());
      if (auto s = protected_form(rest)) return *s;
    }
    break;
  }

  // Layer 2: a preposition, a preposition with the article, the article, or the future
  // particle.
  for (const Proclitic& p : prepositions_) {
    if (p.needs_article || !StartsWith(rest, p.form)) continue;
    std::string_view after = rest.substr(p.form.size());
    // ل + لبنان is written للبنان: a known word after the bare preposition wins over
    // reading لل as ل + ال.
    if (CanBeStem(after) && protected_form(after)) {
      cut(p.form.size());
      return *protected_form(rest);
    }
    break;
  }
  bool cut_any = false;
  // After the article two letters may remain: ال + حد، لل + حج. The words that are ال + two
  // letters and no article (الله، الآن) are protected.
  if (size_t article = ArticleLength(rest);
      article != 0 && HasChars(rest.substr(article), kMinStemLettersAfterArticle)) {
    cut(article);
    cut_any = true;
  } else if (size_t future = FutureLength(rest); future != 0) {
    cut(future);
    cut_any = true;
  } else {
    // A bare preposition. ك only before the article (كال): bare, it begins far more words
    // (كان، كبير، كافة، كوريا) than it marks "like" (PADT: 12 to 1).
    for (const Proclitic& p : prepositions_) {
      if (!StartsWith(rest, p.form)) continue;
      if (!p.needs_article && LongEnough(rest.substr(p.form.size()))) {
        cut(p.form.size());
        cut_any = true;
      }
      break;
    }
  }
  if (cut_any) {
    if (auto s = protected_form(rest)) return *s;
  }

  // Layer 3: the enclitic pronoun.
  if (!enclitic.empty() && CanBeStem(without_enclitic(rest))) {
    // A final ت before a pronoun is most often an open ta marbuta (حكومته، زيارتها); a plural
    // in ات keeps it (قواته), and so does a protected word that ends in ت (بيته، وقتها).
    std::string_view base = without_enclitic(rest);
    const bool ta = EndsWith(base, teh_) && !EndsWith(base, plural_) && !IsProtected(base);
    return result(base, enclitic, ta);
  }
  return result(rest, {});
}

}  // namespace rasd::text
