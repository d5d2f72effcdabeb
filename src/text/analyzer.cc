#include <array>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "core/data.h"
#include "text/char_table.h"
#include "text/clitics.h"
#include "text/folding.h"
#include "text/segmenter.h"
#include "text/sentences.h"
#include "text/text.h"
#include "text/tokenizer.h"
#include "text/word_cache.h"

namespace rasd::text {
namespace {

constexpr char32_t kHeh = U'\u0647';

constexpr size_t kTehBytes = 2;  // ت U+062A in UTF-8

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

}  // namespace

// The clitic segmentations of words met before, in this thread: the lengths of the proclitics
// and the enclitic and the ta marbuta flag (3 bytes), by key and final heh.
struct CliticCacheTag {};
using CliticCache = WordCache<CliticCacheTag, 16384, 64>;  // 1 MiB a thread

// The treebank segments of words met before, in this thread: a count byte, then each segment
// as a length byte and its bytes. News vocabulary is Zipfian: three tokens in four repeat a
// word already seen, and most of those are among the few thousand most frequent words.
struct SegmentsCacheTag {};
using SegmentsCache = WordCache<SegmentsCacheTag, 16384, 128>;  // 2 MiB a thread

// Writes `segments` in the SegmentsCache form into out[0, size); the bytes written, or 0 when
// they do not fit.
size_t EncodeSegments(const std::vector<std::string>& segments, char* out, size_t size) {
  size_t n = 0;
  if (segments.size() > UINT8_MAX || size == 0) return 0;
  out[n++] = static_cast<char>(segments.size());
  for (const std::string& s : segments) {
    if (s.size() > UINT8_MAX || n + 1 + s.size() > size) return 0;
    out[n++] = static_cast<char>(s.size());
    std::memcpy(out + n, s.data(), s.size());
    n += s.size();
  }
  return n;
}

void DecodeSegments(std::string_view encoded, std::vector<std::string>& out) {
  size_t at = 0;
  out.resize(static_cast<uint8_t>(encoded[at++]));
  for (std::string& s : out) {
    const size_t length = static_cast<uint8_t>(encoded[at++]);
    s.assign(encoded.data() + at, length);
    at += length;
  }
}

struct Analyzer::Impl {
  const uint64_t id = NewWordCacheOwner();  // this analyzer, in the word caches

  Normalizer normalizer;
  const CharTable* table = nullptr;  // owned by normalizer (heap, stable across moves)
  Tokenizer tokenizer;
  CliticSegmenter clitics;
  TreebankSegmenter treebank;  // points into table (heap, stable across moves)
  SentenceSplitter splitter;

  // The letters of `text` (marks and format characters left out) and their keys.
  void AppendLetters(std::string_view text, std::u32string& letters, std::u32string& keys) const {
    for (size_t i = 0; i < text.size();) {
      const Unit u = table->DecodeUnit(text, i);
      const FoldKind kind = table->Lookup(u.cp).kind;
      if (kind != FoldKind::kDrop && kind != FoldKind::kIgnore) {
        letters.push_back(u.cp);
        keys.push_back(treebank.KeyLetter(u.cp));
      }
      i += u.length;
    }
  }

  // The letters and keys of a word written only in letters of the Arabic block (ء to ي) and
  // the marks the table drops (harakat, tatweel): such a word is one Arabic word token, so the
  // tokenizer need not be asked. False for anything else.
  // Written a letter at a time into buffers sized once: this runs for every word the
  // segments cache has not seen.
  bool ArabicLetters(std::string_view word, std::u32string& letters, std::u32string& keys) const {
    const size_t base = letters.size();
    letters.resize(base + word.size());  // at least one byte a letter
    keys.resize(base + word.size());
    size_t n = base;
    const auto* bytes = reinterpret_cast<const unsigned char*>(word.data());
    for (size_t i = 0; i < word.size();) {
      // Letters and harakat of the Arabic block are two bytes, D8 or D9 and a trail byte.
      Unit u;
      if ((bytes[i] == 0xD8 || bytes[i] == 0xD9) && i + 1 < word.size() &&
          (bytes[i + 1] & 0xC0) == 0x80) {
        u = {((bytes[i] & 0x1Fu) << 6) | (bytes[i + 1] & 0x3Fu), 2, true};
      } else {
        u = DecodeUtf8(word, i);
      }
      i += u.length;
      const FoldKind kind = table->Lookup(u.cp).kind;
      if (kind == FoldKind::kDrop) continue;
      if (u.cp < U'\u0621' || u.cp > U'\u064A' || u.cp == U'\u0640' ||
          (kind != FoldKind::kKeep && kind != FoldKind::kMap)) {
        letters.resize(base);
        keys.resize(base);
        return false;
      }
      letters[n] = u.cp;
      keys[n++] = treebank.KeyLetter(u.cp);
    }
    letters.resize(n);
    keys.resize(n);
    return n > base;
  }

  // The last letter as written (marks and format characters skipped), or 0.
  char32_t LastLetter(std::string_view original) const {
    char32_t last = 0;
    for (size_t i = 0; i < original.size();) {
      const Unit u = table->DecodeUnit(original, i);
      const FoldKind kind = table->Lookup(u.cp).kind;
      if (kind == FoldKind::kKeep || kind == FoldKind::kMap) last = u.cp;
      i += u.length;
    }
    return last;
  }

  // Fills key/stem/proclitics/enclitic of a token whose key is `key` and text `original`.
  void Segment(std::string_view key, std::string_view original, bool arabic_only,
               Token& tok) const {
    tok.key.assign(key);
    if (!arabic_only) {
      tok.stem = tok.key;
      return;
    }
    const bool final_heh = key.ends_with("\u0647") && LastLetter(original) == kHeh;
    Segmentation s;
    if (std::optional<std::string_view> hit = CliticCache::Find(id, key, final_heh)) {
      const size_t pro = static_cast<uint8_t>((*hit)[0]), enc = static_cast<uint8_t>((*hit)[1]);
      s = {key.substr(0, pro), key.substr(pro, key.size() - pro - enc),
           key.substr(key.size() - enc), (*hit)[2] != 0};
    } else {
      s = clitics.Segment(key, final_heh);
      if (key.size() <= UINT8_MAX) {
        const char value[] = {static_cast<char>(s.proclitics.size()),
                              static_cast<char>(s.enclitic.size()), s.ta_marbuta ? '\1' : '\0'};
        CliticCache::Store(id, key, std::string_view(value, sizeof value), final_heh);
      }
    }
    tok.proclitics.assign(s.proclitics);
    tok.stem.assign(s.stem);
    if (s.ta_marbuta) {
      tok.stem.resize(tok.stem.size() - kTehBytes);
      AppendUtf8(kHeh, tok.stem);
    }
    tok.enclitic.assign(s.enclitic);
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
  ASSIGN_OR_RETURN(impl->clitics, CliticSegmenter::Load(impl->normalizer));
  ASSIGN_OR_RETURN(impl->treebank, TreebankSegmenter::Load(*impl->table));
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

Analysis Analyzer::Analyze(std::string_view text) const {
  Analysis out;
  if (impl_ == nullptr) return out;
  FoldedText folded;
  std::vector<KeyToken> key_tokens;
  impl_->Tokens(text, folded, key_tokens);
  std::vector<Span> spans;
  spans.reserve(key_tokens.size());
  out.tokens.reserve(key_tokens.size());
  const std::string_view key = folded.key;
  for (const KeyToken& k : key_tokens) {
    Token tok;
    tok.span = impl_->SpanOf(folded, k);
    tok.kind = k.kind;
    impl_->Segment(key.substr(k.start, k.end - k.start), tok.span.In(text), k.arabic_only, tok);
    spans.push_back(tok.span);
    out.tokens.push_back(std::move(tok));
  }
  out.sentences = impl_->splitter.Split(text, key, key_tokens, spans);
  for (uint32_t s = 0; s < out.sentences.size(); ++s) {
    for (uint32_t t = out.sentences[s].first_token; t < out.sentences[s].end_token; ++t) {
      out.tokens[t].sentence = s;
    }
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
  if (std::optional<std::string_view> hit = SegmentsCache::Find(impl_->id, word)) {
    DecodeSegments(*hit, out);
    return;
  }
  out.clear();
  thread_local std::u32string letters, keys;
  letters.clear();
  keys.clear();
  if (!impl_->ArabicLetters(word, letters, keys)) {
    // Not letters and marks of the Arabic block alone: the tokenizer decides whether the word
    // is one Arabic word token, and which of its characters are its letters.
    letters.clear();
    keys.clear();
    FoldedText folded;
    std::vector<KeyToken> key_tokens;
    impl_->Tokens(word, folded, key_tokens);
    if (key_tokens.size() == 1 && key_tokens[0].arabic_only &&
        key_tokens[0].kind == TokenKind::kWord) {
      impl_->AppendLetters(impl_->SpanOf(folded, key_tokens[0]).In(word), letters, keys);
    }
  }
  if (!letters.empty()) out = impl_->treebank.Segment(letters, keys);
  if (out.empty()) out.emplace_back(word);
  char encoded[SegmentsCache::kBytes];
  if (const size_t n = EncodeSegments(out, encoded, sizeof encoded); n > 0) {
    SegmentsCache::Store(impl_->id, word, std::string_view(encoded, n));
  }
}

bool Analyzer::IsDictionaryWord(std::string_view word) const {
  if (impl_ == nullptr || word.empty()) return false;
  // A word that is a form as written needs no segmentation: the segmenter keeps it whole or
  // splits off clitics whose stem is a form too.
  {
    thread_local std::u32string letters, keys;
    letters.clear();
    keys.clear();
    if (impl_->ArabicLetters(word, letters, keys) && impl_->treebank.IsForm(letters, keys)) {
      return true;
    }
  }
  const std::vector<std::string> segments = Segments(word);
  // The stem: the longest segment (clitics and pronouns are one or two letters).
  const std::string* stem = &segments.front();
  for (const std::string& s : segments) {
    if (s.size() > stem->size()) stem = &s;
  }
  std::u32string letters, keys;
  if (!impl_->ArabicLetters(*stem, letters, keys)) return false;
  return impl_->treebank.IsForm(letters, keys);
}

}  // namespace rasd::text
