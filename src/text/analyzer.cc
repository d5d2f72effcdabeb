#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "core/data.h"
#include "text/char_table.h"
#include "text/folding.h"
#include "text/segmenter.h"
#include "text/sentences.h"
#include "text/text.h"
#include "text/tokenizer.h"
#include "text/word_cache.h"

namespace rasd::text {
namespace {

constexpr std::string_view kLamKey = "\u0644";  // ل

// Keys of the first field of every row of a data file under data/text/.
Result<std::unordered_set<std::string>> LoadKeySet(const Normalizer& normalizer,
                                                   const std::string& file) {
  ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(file));
  std::unordered_set<std::string> set;
  for (const TsvRow& row : ParseTsv(tsv)) {
    if (!row.fields.empty() && !row.fields[0].empty()) set.insert(normalizer.Key(row.fields[0]));
  }
  return set;
}

// What the analyzer learnt of each word met before, in this thread, by the word as written: its
// clitics as the token shows them (SplitEntry) and its treebank segments. One entry serves
// both questions, so a word is segmented once. News vocabulary is Zipfian: three tokens in four
// repeat a word already seen, and most of those are among the few thousand most frequent words.
// Sized for the long tail too: Analyze prefetches an article's entries ahead of their lookup,
// so a larger table costs no wait on memory, and 32,768 entries ran 3-6% faster than 16,384
// on news not seen before (BENCHMARKS.md).
struct SplitCacheTag {};
using SplitCache = WordCache<SplitCacheTag, 32768, 128>;  // 4 MiB a thread

// The fixed head of a SplitCache value, followed by the stem (stem_bytes, when it is not a
// slice of the key) and the treebank segments: a count byte, then each segment as a length
// byte and its bytes; no segments when the word stays whole.
struct SplitEntry {
  uint8_t key_bytes = 0;        // the key this was computed for (a check, not a lookup key)
  uint8_t proclitic_bytes = 0;  // key bytes of the proclitics (conjunction, preposition, ال)
  uint8_t enclitic_bytes = 0;   // key bytes of the enclitic pronoun
  uint8_t stem_bytes = 0;       // bytes of the stored stem, 0 when the stem is a key slice
  uint8_t flags = 0;
  static constexpr uint8_t kLamArticle = 1;  // the proclitics end in لل, one ل unwritten
  static constexpr uint8_t kWhole = 2;       // the segments are the word itself
};
constexpr size_t kSplitHead = sizeof(SplitEntry);
static_assert(kSplitHead == 5);

// The head of a SplitCache value (an empty head, key_bytes 0, for a value too short).
SplitEntry HeadOf(std::string_view value) {
  SplitEntry e;
  if (value.size() >= kSplitHead) std::memcpy(&e, value.data(), kSplitHead);
  return e;
}

// AppendUtf8, with the two-byte letters of the Arabic block written inline: a word's
// segments are written so, a letter at a time.
inline void AppendLetter(char32_t c, std::string& out) {
  if (c >= 0x80 && c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    AppendUtf8(c, out);
  }
}

// Calls f(segment) for each of the treebank segments encoded in a SplitCache value (a count
// byte, then each segment as a length byte and its bytes), in order.
template <typename F>
void ForEachSegment(std::string_view encoded, F&& f) {
  size_t at = 0;
  const size_t count = static_cast<uint8_t>(encoded[at++]);
  for (size_t i = 0; i < count; ++i) {
    const size_t length = static_cast<uint8_t>(encoded[at++]);
    f(encoded.substr(at, length));
    at += length;
  }
}

void DecodeSegments(std::string_view encoded, std::vector<std::string>& out) {
  out.resize(static_cast<uint8_t>(encoded[0]));
  size_t i = 0;
  ForEachSegment(encoded, [&](std::string_view s) { out[i++].assign(s); });
}

}  // namespace

struct Analyzer::Impl {
  const uint64_t id = NewWordCacheOwner();  // this analyzer, in the word caches

  Normalizer normalizer;
  const CharTable* table = nullptr;  // owned by normalizer (heap, stable across moves)
  Tokenizer tokenizer;
  TreebankSegmenter treebank;  // points into table (heap, stable across moves)
  SentenceSplitter splitter;

  // The key letter of a character, or 0 for a mark or format character the key drops.
  char32_t KeyOrNone(char32_t c) const {
    const FoldKind kind = table->Lookup(c).kind;
    return kind == FoldKind::kDrop || kind == FoldKind::kIgnore ? 0 : treebank.KeyLetter(c);
  }

  // The letters of `text` (marks and format characters left out) and their keys.
  void AppendLetters(std::string_view text, std::u32string& letters, std::u32string& keys) const {
    for (size_t i = 0; i < text.size();) {
      const Unit u = table->DecodeUnit(text, i);
      if (const char32_t key = KeyOrNone(u.cp); key != 0) {
        letters.push_back(u.cp);
        keys.push_back(key);
      }
      i += u.length;
    }
  }

  // The letters of a word and their keys, held inline (no word the segmenter splits is
  // longer; a longer one takes the general path).
  struct WordLetters {
    static constexpr size_t kCapacity = 64;
    std::array<char32_t, kCapacity> letters, keys;
    size_t size = 0;
    std::u32string_view letter_view() const { return {letters.data(), size}; }
    std::u32string_view key_view() const { return {keys.data(), size}; }
  };

  // The letters and keys of a word written only in letters of the Arabic block (ء to ي) and
  // the marks the table drops (harakat, tatweel): such a word is one Arabic word token, so the
  // tokenizer need not be asked. False for anything else, and for a word of more than
  // WordLetters::kCapacity letters.
  // Written a letter at a time into an inline buffer: this runs for every word the segments
  // cache has not seen.
  bool ArabicLetters(std::string_view word, WordLetters& out) const {
    size_t n = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(word.data());
    for (size_t i = 0; i < word.size();) {
      // Letters and harakat of the Arabic block are two bytes, D8 or D9 and a trail byte.
      char32_t cp, key;
      if ((bytes[i] == 0xD8 || bytes[i] == 0xD9) && i + 1 < word.size() &&
          (bytes[i + 1] & 0xC0) == 0x80) {
        cp = ((bytes[i] & 0x1Fu) << 6) | (bytes[i + 1] & 0x3Fu);
        key = block_letter_keys[cp - kBlock];
        i += 2;
      } else {
        const Unit u = DecodeUtf8(word, i);
        cp = u.cp;
        key = table->Lookup(cp).kind == FoldKind::kDrop ? kMark : kNotALetter;
        i += u.length;
      }
      if (key == kMark) continue;
      if (key == kNotALetter || n == WordLetters::kCapacity) {
        n = 0;
        break;
      }
      out.letters[n] = cp;
      out.keys[n] = key;
      ++n;
    }
    out.size = n;
    return n > 0;
  }

  // The key of each character of the Arabic block (U+0600 to U+06FF) that is a letter ء to ي,
  // kMark for a mark the key drops (harakat, tatweel), kNotALetter for anything else.
  static constexpr char32_t kBlock = U'\u0600', kMark = 1, kNotALetter = 0;
  std::array<char32_t, 256> block_letter_keys{};
  void IndexBlockLetters() {
    for (char32_t cp = kBlock; cp < kBlock + block_letter_keys.size(); ++cp) {
      const FoldKind kind = table->Lookup(cp).kind;
      char32_t& key = block_letter_keys[cp - kBlock];
      if (kind == FoldKind::kDrop) {
        key = kMark;
      } else if (cp >= U'\u0621' && cp <= U'\u064A' && cp != U'\u0640' &&
                 (kind == FoldKind::kKeep || kind == FoldKind::kMap)) {
        key = treebank.KeyLetter(cp);
      }
    }
  }

  // The SplitCache value of `word` (as written), computed into `out`.
  void ComputeSplit(std::string_view word, std::string& out) const {
    thread_local std::u32string slow_letters, slow_keys, stem_keys;
    WordLetters fast;
    std::u32string_view letters, keys;
    if (ArabicLetters(word, fast)) {
      letters = fast.letter_view();
      keys = fast.key_view();
    } else {
      // Not letters and marks of the Arabic block alone: the tokenizer decides whether the
      // word is one Arabic word token, and which of its characters are its letters.
      slow_letters.clear();
      slow_keys.clear();
      FoldedText folded;
      std::vector<KeyToken> key_tokens;
      Tokens(word, folded, key_tokens);
      if (key_tokens.size() == 1 && key_tokens[0].arabic_only &&
          key_tokens[0].kind == TokenKind::kWord) {
        AppendLetters(SpanOf(folded, key_tokens[0]).In(word), slow_letters, slow_keys);
      }
      letters = slow_letters;
      keys = slow_keys;
    }
    const TreebankSegmenter::Split split = treebank.SplitWord(letters, keys);
    SplitEntry e;
    // The token's view needs one two-byte key letter a letter (the Arabic block), as its key
    // is written.
    const bool two_byte_keys =
        !keys.empty() && 2 * keys.size() <= UINT8_MAX &&
        std::all_of(keys.begin(), keys.end(), [](char32_t c) { return c >= 0x80 && c < 0x800; });
    stem_keys.clear();
    if (two_byte_keys) {
      e.key_bytes = static_cast<uint8_t>(2 * keys.size());
      if (split.other == nullptr) {
        const size_t pro = split.conj + split.prep + (split.definite ? split.article : 0);
        const size_t enc = split.pronoun_stays_on_stem ? 0 : split.pronoun;
        e.proclitic_bytes = static_cast<uint8_t>(2 * pro);
        e.enclitic_bytes = static_cast<uint8_t>(2 * enc);
        if (split.definite && split.article == 0) e.flags |= SplitEntry::kLamArticle;
        const std::u32string_view slice = keys.substr(pro, keys.size() - pro - enc);
        // The stem's key: its treebank spelling (article off) folded, which restores what the
        // text wrote otherwise (حكومته -> حكومة, مستواها -> مستوى, لقائه -> لقاء); with a
        // pronoun left on it, or for a word that stays whole, the letters as written.
        if (!split.whole() && enc == split.pronoun) {
          std::u32string_view spelling = split.stem.view();
          if (split.definite) spelling.remove_prefix(2);
          for (const char32_t c : spelling) {
            if (const char32_t key = KeyOrNone(c); key != 0) stem_keys.push_back(key);
          }
          if (stem_keys == slice) stem_keys.clear();
        }
      }
    }
    if (split.whole()) e.flags |= SplitEntry::kWhole;
    out.assign(kSplitHead, '\0');
    for (const char32_t c : stem_keys) AppendLetter(c, out);
    e.stem_bytes = static_cast<uint8_t>(out.size() - kSplitHead);  // at most 2 x 32 letters
    std::memcpy(out.data(), &e, kSplitHead);
    if (split.whole()) return;
    // The treebank segments: a count byte, then each as a length byte and its bytes.
    const size_t count_at = out.size();
    out.push_back('\0');
    TreebankSegmenter::ForEachWord(split, letters, [&](std::u32string_view part) {
      const size_t length_at = out.size();
      out.push_back('\0');
      for (const char32_t c : part) AppendLetter(c, out);
      out[length_at] = static_cast<char>(std::min<size_t>(out.size() - length_at - 1, UINT8_MAX));
      ++out[count_at];
    });
  }

  // The SplitCache value of `word`, from the cache or computed (and stored); valid until the
  // next call in this thread.
  std::string_view SplitOf(const SplitCache::Probe& word) const {
    if (std::optional<std::string_view> hit = SplitCache::Find(id, word)) return *hit;
    thread_local std::string value;  // keeps its storage from call to call
    ComputeSplit(word.word, value);
    SplitCache::Store(id, word, value);
    return value;
  }
  std::string_view SplitOf(std::string_view word) const {
    return SplitOf(SplitCache::Prepare(word));
  }

  // Fills key/stem/proclitics/enclitic of a token whose key is `key` and text `original`.
  void Segment(std::string_view key, std::string_view original, bool arabic_only,
               Token& tok) const {
    Segment(key, SplitCache::Prepare(original), arabic_only, tok);
  }
  void Segment(std::string_view key, const SplitCache::Probe& original, bool arabic_only,
               Token& tok) const {
    tok.key.assign(key);
    tok.proclitics.clear();
    tok.enclitic.clear();
    if (!arabic_only) {
      tok.stem = tok.key;
      return;
    }
    const std::string_view value = SplitOf(original);
    const SplitEntry e = HeadOf(value);
    if (e.key_bytes != key.size() || e.proclitic_bytes + e.enclitic_bytes >= key.size()) {
      tok.stem = tok.key;
      return;
    }
    // Most words have no enclitic and many no proclitic: the strings were cleared above, and
    // an assignment of nothing still costs a library call.
    if (e.proclitic_bytes != 0) tok.proclitics.assign(key.substr(0, e.proclitic_bytes));
    if ((e.flags & SplitEntry::kLamArticle) != 0) tok.proclitics.append(kLamKey);
    if (e.enclitic_bytes != 0) tok.enclitic.assign(key.substr(key.size() - e.enclitic_bytes));
    if (e.stem_bytes != 0) {
      tok.stem.assign(value.substr(kSplitHead, e.stem_bytes));
    } else {
      tok.stem.assign(
          key.substr(e.proclitic_bytes, key.size() - e.proclitic_bytes - e.enclitic_bytes));
    }
  }

  // IsDictionaryWord's answer for `word`, whose SplitCache value is `value`.
  bool IsDictionaryWord(std::string_view word, std::string_view value) const {
    // A word that is a form as written needs no segmentation: the segmenter keeps it whole or
    // splits off clitics whose stem is a form too.
    WordLetters w;
    if (ArabicLetters(word, w) && treebank.IsForm(w.letter_view(), w.key_view())) return true;
    const SplitEntry e = HeadOf(value);
    if (value.size() < kSplitHead || (e.flags & SplitEntry::kWhole) != 0) return false;
    // The stem: the longest segment (clitics and pronouns are one or two letters).
    std::string_view stem;
    ForEachSegment(value.substr(kSplitHead + e.stem_bytes), [&](std::string_view s) {
      if (s.size() > stem.size()) stem = s;
    });
    if (!ArabicLetters(stem, w)) return false;
    return treebank.IsForm(w.letter_view(), w.key_view());
  }

  void Tokens(std::string_view text, FoldedText& folded, std::vector<KeyToken>& key_tokens) const {
    FoldWithOffsets(*table, text, /*with_ends=*/true, folded);
    tokenizer.Tokenize(folded.key, key_tokens);
  }

  Span SpanOf(const FoldedText& folded, const KeyToken& k) const {
    return {folded.starts[k.start], folded.ends[k.end - 1]};
  }
};

Result<Analyzer> Analyzer::Load() {
  auto impl = std::make_unique<Impl>();
  ASSIGN_OR_RETURN(impl->normalizer, Normalizer::Load());
  impl->table = &impl->normalizer.impl_->table;
  ASSIGN_OR_RETURN(std::unordered_set<std::string> tlds,
                   LoadKeySet(impl->normalizer, "text/tlds.tsv"));
  impl->tokenizer = Tokenizer(impl->table, std::move(tlds));
  ASSIGN_OR_RETURN(impl->treebank, TreebankSegmenter::Load(*impl->table));
  impl->IndexBlockLetters();
  const std::string kAbbreviationsFile = "text/abbreviations.tsv";
  ASSIGN_OR_RETURN(std::string abbreviations_tsv, ReadDataFile(kAbbreviationsFile));
  std::unordered_set<std::string> abbreviations, letters;
  for (const TsvRow& row : ParseTsv(abbreviations_tsv)) {
    if (row.fields.size() < 2 || row.fields[0].empty() ||
        (row.fields[1] != "abbreviation" && row.fields[1] != "letter")) {
      return Status::InvalidInput("data/" + kAbbreviationsFile + ":" + std::to_string(row.line) +
                                  ": expected word<TAB>abbreviation|letter");
    }
    (row.fields[1] == "letter" ? letters : abbreviations)
        .insert(impl->normalizer.Key(row.fields[0]));
  }
  ASSIGN_OR_RETURN(std::unordered_set<std::string> agencies,
                   LoadKeySet(impl->normalizer, "text/agencies.tsv"));
  impl->splitter =
      SentenceSplitter(std::move(abbreviations), std::move(letters), std::move(agencies));
  Analyzer a;
  a.impl_ = std::move(impl);
  return a;
}

Analyzer::Analyzer() = default;
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const Normalizer& Analyzer::normalizer() const {
  static const Normalizer kUnloaded;
  return impl_ == nullptr ? kUnloaded : impl_->normalizer;
}

Analysis Analyzer::Analyze(std::string_view text) const { return Analyze(text, nullptr); }

Analysis Analyzer::Analyze(std::string_view text,
                           const std::function<bool(std::string_view key)>& proceed) const {
  Analysis out;
  if (impl_ == nullptr) {
    if (proceed) proceed(text);  // an inert analyzer's key is the input (see Normalizer)
    return out;
  }
  // Scratch buffers kept from call to call in this thread (the offsets are 8 bytes a byte of
  // text): an article costs no allocation but its tokens.
  thread_local FoldedText folded;
  thread_local std::vector<KeyToken> key_tokens;
  thread_local std::vector<Span> spans;
  thread_local std::vector<SplitCache::Probe> probes;
  FoldWithOffsets(*impl_->table, text, /*with_ends=*/true, folded);
  if (proceed && !proceed(folded.key)) return out;
  impl_->tokenizer.Tokenize(folded.key, key_tokens);
  spans.clear();
  out.tokens.reserve(key_tokens.size());
  const std::string_view key = folded.key;
  // Each word's cache entry is asked for kAhead words before it is read, so that the misses
  // of nearby words overlap instead of following one another.
  constexpr size_t kAhead = 8;
  probes.resize(key_tokens.size());
  for (size_t i = 0; i < key_tokens.size(); ++i) {
    spans.push_back(impl_->SpanOf(folded, key_tokens[i]));
    if (key_tokens[i].arabic_only) probes[i] = SplitCache::Prepare(spans[i].In(text));
  }
  auto prefetch = [&](size_t i) {
    if (i < key_tokens.size() && key_tokens[i].arabic_only) SplitCache::Prefetch(probes[i]);
  };
  for (size_t i = 0; i < kAhead; ++i) prefetch(i);
  for (size_t i = 0; i < key_tokens.size(); ++i) {
    prefetch(i + kAhead);
    const KeyToken& k = key_tokens[i];
    Token& tok = out.tokens.emplace_back();  // filled in place: no token moved
    tok.span = spans[i];
    tok.kind = k.kind;
    impl_->Segment(key.substr(k.start, k.end - k.start), probes[i], k.arabic_only, tok);
  }
  out.key_hashes.resize(out.tokens.size());
  out.stem_hashes.resize(out.tokens.size());
  for (size_t i = 0; i < out.tokens.size(); ++i) {
    const Token& t = out.tokens[i];
    out.key_hashes[i] = Hash64(t.key);
    out.stem_hashes[i] = t.stem == t.key ? out.key_hashes[i] : Hash64(t.stem);
  }
  out.sentences = impl_->splitter.Split(text, key, key_tokens, spans);
  for (uint32_t s = 0; s < out.sentences.size(); ++s) {
    for (uint32_t t = out.sentences[s].first_token; t < out.sentences[s].end_token; ++t) {
      out.tokens[t].sentence = s;
    }
  }
  // A thread keeps the buffers of an article, not those of a book.
  constexpr size_t kKeptBytes = size_t{1} << 20;
  if (text.size() > kKeptBytes) {
    folded = FoldedText();
    key_tokens = {};
    spans = {};
    probes = {};
  }
  return out;
}

std::vector<Term> Analyzer::SearchTerms(std::string_view text) const {
  std::vector<Term> terms;
  if (impl_ == nullptr) return terms;
  FoldedText folded;
  std::vector<KeyToken> key_tokens;
  impl_->Tokens(text, folded, key_tokens);
  const std::string_view key = folded.key;
  Token tok;
  for (const KeyToken& k : key_tokens) {
    if (k.kind != TokenKind::kWord && k.kind != TokenKind::kNumber && k.kind != TokenKind::kLatin) {
      continue;
    }
    const Span span = impl_->SpanOf(folded, k);
    impl_->Segment(key.substr(k.start, k.end - k.start), span.In(text), k.arabic_only, tok);
    terms.push_back(Term{tok.stem, span.start, span.end});
  }
  return terms;
}

Token Analyzer::AnalyzeWord(std::string_view word) const {
  Token tok;
  tok.span = {0, static_cast<uint32_t>(word.size())};
  if (impl_ == nullptr) {
    tok.key = tok.stem = std::string(word);
    return tok;
  }
  FoldedText folded;
  std::vector<KeyToken> key_tokens;
  impl_->Tokens(word, folded, key_tokens);
  if (key_tokens.size() == 1) {
    const KeyToken& k = key_tokens[0];
    tok.span = impl_->SpanOf(folded, k);
    tok.kind = k.kind;
    impl_->Segment(std::string_view(folded.key).substr(k.start, k.end - k.start), tok.span.In(word),
                   k.arabic_only, tok);
    return tok;
  }
  // Not one token ("أ.د", "بان كي مون"): the whole key, unsegmented.
  if (!key_tokens.empty()) tok.kind = key_tokens[0].kind;
  tok.key = folded.key;
  tok.stem = folded.key;
  return tok;
}

std::vector<std::string> Analyzer::Segments(std::string_view word) const {
  std::vector<std::string> out;
  Segments(word, out);
  return out;
}

void Analyzer::Segments(std::string_view word, std::vector<std::string>& out) const {
  if (word.empty()) {
    out.clear();
    return;
  }
  if (impl_ == nullptr) {
    out.assign(1, std::string(word));
    return;
  }
  const std::string_view value = impl_->SplitOf(word);
  const SplitEntry e = HeadOf(value);
  if (value.size() < kSplitHead || (e.flags & SplitEntry::kWhole) != 0) {
    out.resize(1);
    out[0].assign(word);
    return;
  }
  DecodeSegments(value.substr(kSplitHead + e.stem_bytes), out);
}

bool Analyzer::IsDictionaryWord(std::string_view word) const {
  if (impl_ == nullptr || word.empty()) return false;
  return impl_->IsDictionaryWord(word, impl_->SplitOf(word));
}

}  // namespace rasd::text
