// The CoNLL 2018 UD shared-task scorer (conll18_ud_eval.py, version 1.2, by Milan Straka and
// Martin Popel, UFAL) re-implemented for tokens, sentences and words: spans_score,
// find_multiword_span, compute_lcs and align_words follow the script step by step, so the
// figures are the ones it prints for the same gold and system files.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "eval/seg_internal.h"

namespace rasd::eval {

Prf MakePrf(int64_t gold, int64_t system, int64_t correct) {
  Prf p;
  p.gold = gold;
  p.system = system;
  p.correct = correct;
  p.precision = system > 0 ? static_cast<double>(correct) / static_cast<double>(system) : 0.0;
  p.recall = gold > 0 ? static_cast<double>(correct) / static_cast<double>(gold) : 0.0;
  p.f1 = system + gold > 0 ? 2.0 * static_cast<double>(correct) / static_cast<double>(system + gold)
                           : 0.0;
  return p;
}

std::string Prf::ToString() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "gold=%lld system=%lld correct=%lld P=%.4f R=%.4f F1=%.4f",
                static_cast<long long>(gold), static_cast<long long>(system),
                static_cast<long long>(correct), precision, recall, f1);
  return buf;
}

std::string SegScores::ToString() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, " token_accuracy=%.4f (%lld) fused=%lld unresolved=%lld",
                token_accuracy, static_cast<long long>(tokens_exact),
                static_cast<long long>(fused_tokens), static_cast<long long>(fused_unresolved));
  return "format=" + format + " sentences_read=" + std::to_string(sentences_read) + " sentences{" +
         sentences.ToString() + "} tokens{" + tokens.ToString() + "} words{" + words.ToString() +
         "} words_folded{" + words_folded.ToString() + "}" + buf;
}

std::string Lowercase(std::string_view s) {
  // Arabic has no case: skip ICU for text without ASCII capitals or non-Arabic letters.
  bool plain = true;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xD7) || c >= 0xDC) {
      plain = false;  // lead bytes of U+00C0..U+05FF and of U+0700 and above
      break;
    }
  }
  if (plain) return std::string(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

void AppendToken(Segmentation& seg, Range range, std::span<const std::string> forms, bool multiword,
                 const text::Normalizer* normalizer) {
  SegToken t;
  t.range = range;
  t.multiword = multiword;
  t.first_word = static_cast<uint32_t>(seg.words.size());
  const auto index = static_cast<uint32_t>(seg.tokens.size());
  for (const std::string& f : forms) {
    SegWord w;
    w.form = Lowercase(f);
    w.folded = normalizer != nullptr ? normalizer->Key(f) : w.form;
    w.token = index;
    seg.words.push_back(std::move(w));
  }
  t.end_word = static_cast<uint32_t>(seg.words.size());
  seg.tokens.push_back(t);
}

Prf SpansScore(std::span<const Range> gold, std::span<const Range> system) {
  int64_t correct = 0;
  size_t gi = 0;
  size_t si = 0;
  while (gi < gold.size() && si < system.size()) {
    if (system[si].start < gold[gi].start) {
      ++si;
    } else if (gold[gi].start < system[si].start) {
      ++gi;
    } else {
      correct += gold[gi].end == system[si].end ? 1 : 0;
      ++si;
      ++gi;
    }
  }
  return MakePrf(static_cast<int64_t>(gold.size()), static_cast<int64_t>(system.size()), correct);
}

namespace {

// A word as align_words sees it: its token's range and whether that token is multiword.
struct WordView {
  const Segmentation& seg;
  const SegToken& TokenOf(size_t i) const { return seg.tokens[seg.words[i].token]; }
  size_t size() const { return seg.words.size(); }
};

// beyond_end: the word at i lies past the multiword span ending at `end`.
bool BeyondEnd(const WordView& w, size_t i, uint32_t end) {
  if (i >= w.size()) return true;
  const SegToken& t = w.TokenOf(i);
  if (t.multiword) return t.range.start >= end;
  return t.range.end > end;
}

// extend_end: a multiword token sticking out of the span extends it.
uint32_t ExtendEnd(const SegToken& t, uint32_t end) {
  return t.multiword && t.range.end > end ? t.range.end : end;
}

struct MultiwordSpan {
  size_t gs = 0, ss = 0;  // first gold and system word of the span
  size_t gi = 0, si = 0;  // one past the last
};

// find_multiword_span: called when gold word gi or system word si is in a multiword token.
MultiwordSpan FindMultiwordSpan(const WordView& gold, const WordView& system, size_t gi,
                                size_t si) {
  uint32_t end = 0;
  if (gold.TokenOf(gi).multiword) {
    end = gold.TokenOf(gi).range.end;
    if (!system.TokenOf(si).multiword &&
        system.TokenOf(si).range.start < gold.TokenOf(gi).range.start) {
      ++si;
    }
  } else {
    end = system.TokenOf(si).range.end;
    if (!gold.TokenOf(gi).multiword &&
        gold.TokenOf(gi).range.start < system.TokenOf(si).range.start) {
      ++gi;
    }
  }
  MultiwordSpan span;
  span.gs = gi;
  span.ss = si;
  while (!BeyondEnd(gold, gi, end) || !BeyondEnd(system, si, end)) {
    if (gi < gold.size() &&
        (si >= system.size() || gold.TokenOf(gi).range.start <= system.TokenOf(si).range.start)) {
      end = ExtendEnd(gold.TokenOf(gi), end);
      ++gi;
    } else {
      end = ExtendEnd(system.TokenOf(si), end);
      ++si;
    }
  }
  span.gi = gi;
  span.si = si;
  return span;
}

}  // namespace

Alignment AlignWords(const Segmentation& gold, const Segmentation& system, FormMatch match) {
  Alignment a;
  a.system_of_gold.assign(gold.words.size(), -1);
  const WordView gw{gold};
  const WordView sw{system};
  auto form = [match](const SegWord& w) -> const std::string& {
    return match == FormMatch::kLowercase ? w.form : w.folded;
  };
  auto align = [&a](size_t g, size_t s) {
    a.system_of_gold[g] = static_cast<int64_t>(s);
    ++a.aligned;
  };
  std::vector<int32_t> lcs;
  size_t gi = 0;
  size_t si = 0;
  while (gi < gw.size() && si < sw.size()) {
    if (gw.TokenOf(gi).multiword || sw.TokenOf(si).multiword) {
      // A: multiword tokens: LCS of forms within the whole multiword span.
      const MultiwordSpan span = FindMultiwordSpan(gw, sw, gi, si);
      gi = span.gi;
      si = span.si;
      const size_t gn = span.gi - span.gs;
      const size_t sn = span.si - span.ss;
      if (gn == 0 || sn == 0) continue;
      // compute_lcs with a zero row and column past the end instead of the bounds checks.
      const size_t width = sn + 1;
      lcs.assign((gn + 1) * width, 0);
      auto at = [&](size_t g, size_t s) -> int32_t& { return lcs[g * width + s]; };
      for (size_t g = gn; g-- > 0;) {
        for (size_t s = sn; s-- > 0;) {
          if (form(gold.words[span.gs + g]) == form(system.words[span.ss + s])) {
            at(g, s) = 1 + at(g + 1, s + 1);
          }
          at(g, s) = std::max({at(g, s), at(g + 1, s), at(g, s + 1)});
        }
      }
      size_t g = 0;
      size_t s = 0;
      while (g < gn && s < sn) {
        if (form(gold.words[span.gs + g]) == form(system.words[span.ss + s])) {
          align(span.gs + g, span.ss + s);
          ++g;
          ++s;
        } else if (at(g, s) == at(g + 1, s)) {
          ++g;
        } else {
          ++s;
        }
      }
    } else {
      // B: no multiword token: align by range.
      const Range& gr = gw.TokenOf(gi).range;
      const Range& sr = sw.TokenOf(si).range;
      if (gr == sr) {
        align(gi, si);
        ++gi;
        ++si;
      } else if (gr.start <= sr.start) {
        ++gi;
      } else {
        ++si;
      }
    }
  }
  return a;
}

SegScores ScoreSegmentation(const Segmentation& gold, const Segmentation& system,
                            bool with_sentences) {
  SegScores out;
  if (with_sentences) out.sentences = SpansScore(gold.sentences, system.sentences);

  std::vector<Range> gold_tokens;
  std::vector<Range> system_tokens;
  gold_tokens.reserve(gold.tokens.size());
  system_tokens.reserve(system.tokens.size());
  for (const SegToken& t : gold.tokens) gold_tokens.push_back(t.range);
  for (const SegToken& t : system.tokens) system_tokens.push_back(t.range);
  out.tokens = SpansScore(gold_tokens, system_tokens);

  const Alignment exact = AlignWords(gold, system, FormMatch::kLowercase);
  const Alignment folded = AlignWords(gold, system, FormMatch::kFolded);
  const auto gold_words = static_cast<int64_t>(gold.words.size());
  const auto system_words = static_cast<int64_t>(system.words.size());
  out.words = MakePrf(gold_words, system_words, exact.aligned);
  out.words_folded = MakePrf(gold_words, system_words, folded.aligned);

  // Exact tokens: walk both token lists by start offset, as spans_score does.
  size_t si = 0;
  for (const SegToken& gt : gold.tokens) {
    while (si < system.tokens.size() && system.tokens[si].range.start < gt.range.start) ++si;
    if (si >= system.tokens.size()) break;
    const SegToken& st = system.tokens[si];
    if (!(st.range == gt.range)) continue;
    if (st.end_word - st.first_word != gt.end_word - gt.first_word) continue;
    bool all = true;
    for (uint32_t k = 0; k < gt.end_word - gt.first_word && all; ++k) {
      all = exact.system_of_gold[gt.first_word + k] == static_cast<int64_t>(st.first_word + k);
    }
    if (all) ++out.tokens_exact;
  }
  out.token_accuracy = gold.tokens.empty() ? 0.0
                                           : static_cast<double>(out.tokens_exact) /
                                                 static_cast<double>(gold.tokens.size());
  return out;
}

}  // namespace rasd::eval
