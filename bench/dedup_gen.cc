#include "dedup_gen.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace rasd::bench {
namespace {

constexpr size_t kRecent = 1000;  // originals a copy or a same-topic article may follow

constexpr std::array<const char*, 6> kDatelines = {"موسكو - رصد.",   "بيروت (وكالات) -",
                                                   "القاهرة - رصد.", "عمّان (رويترز) -",
                                                   "باكو - رصد.",    "الخرطوم (أ ف ب) -"};
constexpr std::array<const char*, 5> kAgencySignatures = {"(رويترز)", "(أ ف ب)", "المصدر: وكالات",
                                                          "المصدر: سبوتنيك", "المصدر: روسيا اليوم"};
constexpr std::array<const char*, 3> kShareLines = {"شارك الخبر: فيسبوك تويتر واتساب تلغرام",
                                                    "تابعونا على تطبيق تلغرام لآخر الأخبار",
                                                    "اشترك في النشرة البريدية"};

// Replaces every `from` in `s` with `to`.
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

bool IsWordToken(TokenKind kind) {
  return kind == TokenKind::kWord || kind == TokenKind::kNumber || kind == TokenKind::kLatin;
}

}  // namespace

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kOriginal:
      return "original";
    case Kind::kCopy:
      return "copy";
    case Kind::kSameTopic:
      return "same-topic";
  }
  return "?";
}

std::string Draft::Text() const {
  std::string out = headline;
  for (const std::string& p : paragraphs) {
    out += "\n\n";
    out += p;
  }
  return out;
}

DedupGenerator::DedupGenerator(const text::Analyzer& analyzer, std::span<const std::string> texts,
                               uint64_t seed)
    : analyzer_(analyzer), rng_(seed) {
  auto id = [&](std::string_view word) {
    auto [it, added] = index_.try_emplace(std::string(word), static_cast<uint32_t>(words_.size()));
    if (added) {
      words_.emplace_back(word);
      next_.emplace_back();
    }
    return it->second;
  };
  for (const std::string& text : texts) {
    const text::Analysis a = analyzer_.Analyze(text);
    int64_t previous = -1;
    uint32_t sentence = UINT32_MAX;
    for (const Token& t : a.tokens) {
      if (!IsWordToken(t.kind)) continue;
      const uint32_t w = id(t.span.In(text));
      if (t.sentence != sentence) {
        sentence = t.sentence;
        starts_.push_back(w);
      } else if (previous >= 0) {
        next_[static_cast<size_t>(previous)].push_back(w);
      }
      previous = w;
    }
  }
  if (words_.empty()) starts_.push_back(id("خبر"));
}

std::string DedupGenerator::Sentence(int min_words, int max_words) {
  std::uniform_int_distribution<int> length(min_words, max_words);
  const int n = length(rng_);
  uint32_t w = starts_[rng_() % starts_.size()];
  std::string out = words_[w];
  for (int i = 1; i < n; ++i) {
    const std::vector<uint32_t>& after = next_[w];
    w = after.empty() ? starts_[rng_() % starts_.size()] : after[rng_() % after.size()];
    out += rng_() % 10 == 0 ? "، " : " ";
    out += words_[w];
  }
  return out;
}

std::string DedupGenerator::Paragraph() {
  const int sentences = 2 + static_cast<int>(rng_() % 3);
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    if (i > 0) out += ' ';
    out += Sentence(8, 22) + ".";
  }
  return out;
}

Draft DedupGenerator::Original() {
  Draft d;
  d.headline = Sentence(5, 10);
  const int paragraphs = 4 + static_cast<int>(rng_() % 5);
  for (int i = 0; i < paragraphs; ++i) d.paragraphs.push_back(Paragraph());
  d.paragraphs[0] = std::string(kDatelines[rng_() % kDatelines.size()]) + " " + d.paragraphs[0];
  return d;
}

std::string DedupGenerator::Boilerplate() {
  switch (rng_() % 4) {
    case 0:
      return "اقرأ أيضا: " + Sentence(5, 10);
    case 1:
      return kShareLines[rng_() % kShareLines.size()];
    case 2:
      return "كلمات دلالية: " + Sentence(3, 6);
    default:
      return kAgencySignatures[rng_() % kAgencySignatures.size()];
  }
}

// Punctuation, diacritics and spelling, as outlets differ on them.
std::string DedupGenerator::Respell(const std::string& text, uint32_t edits) {
  std::string s = text;
  if (edits & kPunctuation) {
    ReplaceAll(s, "، ", ", ");
    ReplaceAll(s, ". ", "! ");
    ReplaceAll(s, " - ", " — ");
  }
  if (edits & kDigits) {
    for (char d = '0'; d <= '9'; ++d) {
      const char32_t indic = U'\u0660' + static_cast<char32_t>(d - '0');
      const std::string to = {static_cast<char>(0xC0 | (indic >> 6)),
                              static_cast<char>(0x80 | (indic & 0x3F))};
      ReplaceAll(s, std::string(1, d), to);
    }
    ReplaceAll(s, "أ", "ا");
    ReplaceAll(s, "إ", "ا");
  }
  if (edits & kDiacritics) {
    // A fatha, kasra, damma or tatweel after about one Arabic letter in twelve.
    constexpr std::array<const char*, 4> kMarks = {"\u064E", "\u0650", "\u064F", "\u0640"};
    std::string out;
    out.reserve(s.size() + s.size() / 6);
    for (size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      const auto lead = static_cast<unsigned char>(s[i]);
      if ((lead == 0xD8 || lead == 0xD9) && i + 1 < s.size()) {
        const auto cont = static_cast<unsigned char>(s[i + 1]);
        out += s[++i];
        const bool letter = (lead == 0xD8 && cont >= 0xA7) || (lead == 0xD9 && cont <= 0x8A);
        if (letter && rng_() % 12 == 0) out += kMarks[rng_() % kMarks.size()];
      }
    }
    s = std::move(out);
  }
  return s;
}

Draft DedupGenerator::Copy(const Draft& base, uint32_t edits) {
  Draft d = base;
  if ((edits & kReorder) && d.paragraphs.size() >= 3) {
    const size_t a = 1 + rng_() % (d.paragraphs.size() - 1);
    const size_t b = 1 + rng_() % (d.paragraphs.size() - 1);
    std::swap(d.paragraphs[a], d.paragraphs[b == a ? (a % (d.paragraphs.size() - 1)) + 1 : b]);
  }
  if (edits & kHeadline) d.headline = Sentence(5, 10);
  if ((edits & kTrimStart) && d.paragraphs.size() >= 4) d.paragraphs.erase(d.paragraphs.begin());
  if ((edits & kTrimEnd) && d.paragraphs.size() >= 3) {
    std::string& last = d.paragraphs.back();
    const size_t cut = last.rfind(". ");
    if (rng_() % 2 == 0 || cut == std::string::npos) {
      d.paragraphs.pop_back();
    } else {
      last.resize(cut + 1);
    }
  }
  if (edits & kBoilerplate) {
    const int n = 1 + static_cast<int>(rng_() % 3);
    for (int i = 0; i < n; ++i) d.paragraphs.push_back(Boilerplate());
  }
  if (edits & (kPunctuation | kDiacritics | kDigits)) {
    d.headline = Respell(d.headline, edits);
    for (std::string& p : d.paragraphs) p = Respell(p, edits);
  }
  return d;
}

Draft DedupGenerator::SameTopic(const Draft& base) {
  Draft d = Original();
  // The background paragraph: one of base's after the first, told again in the new article.
  const size_t from = base.paragraphs.size() > 1 ? 1 + rng_() % (base.paragraphs.size() - 1) : 0;
  const size_t at = 1 + rng_() % d.paragraphs.size();
  d.paragraphs.insert(d.paragraphs.begin() + static_cast<std::ptrdiff_t>(at),
                      base.paragraphs[from]);
  return d;
}

GeneratedArticle DedupGenerator::Next() {
  GeneratedArticle a;
  a.number = count_++;
  const uint64_t roll = rng_() % 100;
  if (recent_.empty() || roll < 70) {
    Draft d = Original();
    a.text = d.Text();
    recent_.emplace_back(a.number, std::move(d));
    if (recent_.size() > kRecent) recent_.pop_front();
    return a;
  }
  const auto& [number, base] = recent_[rng_() % recent_.size()];
  a.copy_of = static_cast<int64_t>(number);
  if (roll < 90) {
    a.kind = Kind::kCopy;
    // Each edit with the chance a republishing site makes it; at least one.
    constexpr std::array<std::pair<Edit, int>, 8> kChances = {{{kReorder, 30},
                                                               {kHeadline, 50},
                                                               {kTrimStart, 25},
                                                               {kTrimEnd, 40},
                                                               {kBoilerplate, 50},
                                                               {kPunctuation, 30},
                                                               {kDiacritics, 30},
                                                               {kDigits, 30}}};
    for (const auto& [edit, percent] : kChances) {
      if (static_cast<int>(rng_() % 100) < percent) a.edits |= edit;
    }
    if (a.edits == 0) a.edits = kHeadline;
    a.text = Copy(base, a.edits).Text();
  } else {
    a.kind = Kind::kSameTopic;
    a.text = SameTopic(base).Text();
  }
  return a;
}

}  // namespace rasd::bench
