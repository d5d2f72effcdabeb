// The page-cleaning scorer: texts to scoring tokens, bags of tokens to figures.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "eval/clean_internal.h"

namespace rasd::eval {
namespace {

constexpr char32_t kTatweel = U'\u0640';

// Letters and digits make tokens; combining marks (harakat, shadda) and tatweel are removed
// without splitting, so a word with and without its diacritics is one token; anything else
// separates.
enum class CharClass { kWord, kRemoved, kSeparator };

CharClass Classify(UChar32 c) {
  if (c == static_cast<UChar32>(kTatweel)) return CharClass::kRemoved;
  const uint32_t mask = U_GET_GC_MASK(c);
  if (mask & U_GC_M_MASK) return CharClass::kRemoved;
  if (mask & (U_GC_L_MASK | U_GC_N_MASK)) return CharClass::kWord;
  return CharClass::kSeparator;
}

double Mean(double sum, size_t n) { return n > 0 ? sum / static_cast<double>(n) : 0.0; }

}  // namespace

std::vector<std::string> CleanTokens(std::string_view text) {
  std::vector<std::string> tokens;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return tokens;
  icu::UnicodeString s = nfkc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                             text.data(), static_cast<int32_t>(text.size()))),
                                         status);
  if (U_FAILURE(status)) return tokens;
  s.foldCase(U_FOLD_CASE_DEFAULT);

  std::string token;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    const UChar32 c = s.char32At(i);
    switch (Classify(c)) {
      case CharClass::kWord: {
        char buf[U8_MAX_LENGTH];
        int32_t n = 0;
        U8_APPEND_UNSAFE(buf, n, c);
        token.append(buf, static_cast<size_t>(n));
        break;
      }
      case CharClass::kRemoved:
        break;
      case CharClass::kSeparator:
        if (!token.empty()) tokens.push_back(std::move(token));
        token.clear();
        break;
    }
  }
  if (!token.empty()) tokens.push_back(std::move(token));
  return tokens;
}

Prf ScoreBags(std::span<const std::string> gold, std::span<const std::string> system) {
  if (gold.empty() && system.empty()) {
    Prf p;
    p.precision = p.recall = p.f1 = 1.0;
    return p;
  }
  std::unordered_map<std::string_view, int64_t> gold_counts;
  for (const std::string& t : gold) ++gold_counts[t];
  int64_t correct = 0;
  for (const std::string& t : system) {
    auto it = gold_counts.find(t);
    if (it != gold_counts.end() && it->second > 0) {
      --it->second;
      ++correct;
    }
  }
  return MakePrf(static_cast<int64_t>(gold.size()), static_cast<int64_t>(system.size()), correct);
}

bool ContainsTokens(std::span<const std::string> haystack, std::span<const std::string> needle) {
  if (needle.empty()) return false;
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

CleanFigures Summarize(std::string_view name, std::span<const CleanPageScore* const> pages) {
  CleanFigures f;
  f.name = std::string(name);
  f.pages = static_cast<int64_t>(pages.size());
  int64_t gold = 0;
  int64_t system = 0;
  int64_t correct = 0;
  double p = 0;
  double r = 0;
  double f1 = 0;
  for (const CleanPageScore* page : pages) {
    gold += page->tokens.gold;
    system += page->tokens.system;
    correct += page->tokens.correct;
    p += page->tokens.precision;
    r += page->tokens.recall;
    f1 += page->tokens.f1;
    f.must_not += page->must_not;
    f.violations += static_cast<int64_t>(page->violations.size());
    if (!page->error.empty()) ++f.errors;
  }
  f.micro = MakePrf(gold, system, correct);
  f.macro_precision = Mean(p, pages.size());
  f.macro_recall = Mean(r, pages.size());
  f.macro_f1 = Mean(f1, pages.size());
  return f;
}

void SummarizeAll(CleanScores& scores) {
  std::vector<const CleanPageScore*> all;
  std::map<std::string, std::vector<const CleanPageScore*>> by_format;
  std::map<std::string, std::vector<const CleanPageScore*>> by_layout;
  for (const CleanPageScore& page : scores.pages) {
    all.push_back(&page);
    by_format[page.format].push_back(&page);
    if (!page.layout.empty()) by_layout[page.layout].push_back(&page);
  }
  scores.all = Summarize("all", all);
  scores.by_format.clear();
  for (const auto& [name, pages] : by_format) scores.by_format.push_back(Summarize(name, pages));
  scores.by_layout.clear();
  for (const auto& [name, pages] : by_layout) scores.by_layout.push_back(Summarize(name, pages));
}

std::string CleanPageScore::ToString() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, " F1=%.4f violations=%zu", tokens.f1, violations.size());
  std::string out = id + " " + format + buf;
  if (!error.empty()) out += " error=" + error;
  return out;
}

std::string CleanFigures::ToString() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, " pages=%lld micro F1=%.4f macro F1=%.4f violations=%lld",
                static_cast<long long>(pages), micro.f1, macro_f1,
                static_cast<long long>(violations));
  return name + buf;
}

}  // namespace rasd::eval
