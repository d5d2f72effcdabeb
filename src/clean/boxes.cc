// The hints that name the boxes of a page (data/clean/html_boxes.tsv): parsing and matching.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"
#include "core/data.h"

namespace rasd::clean {
namespace {

constexpr std::string_view kBoxesFile = "clean/html_boxes.tsv";
constexpr DropReason kLastReason = DropReason::kLinkList;

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The words of a class, id or tag name: ASCII letters and digits, lowercased.
void SplitWords(std::string_view value, std::vector<std::string>& words) {
  words.clear();
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && !IsWordByte(value[i])) ++i;
    size_t start = i;
    while (i < value.size() && IsWordByte(value[i])) ++i;
    if (i > start) {
      std::string w(value.substr(start, i - start));
      std::transform(w.begin(), w.end(), w.begin(), ToLower);
      words.push_back(std::move(w));
    }
  }
}

bool MatchesAt(const BoxHints::Pattern& p, const std::vector<std::string_view>& words, size_t at) {
  if (at + p.words.size() > words.size()) return false;
  for (size_t k = 0; k < p.words.size(); ++k) {
    std::string_view w = words[at + k];
    const bool last = k + 1 == p.words.size();
    if (last && p.prefix ? w.substr(0, p.words[k].size()) != p.words[k] : w != p.words[k]) {
      return false;
    }
  }
  return true;
}

std::optional<DropReason> ReasonFromName(std::string_view name) {
  for (int r = 0; r <= static_cast<int>(kLastReason); ++r) {
    DropReason reason = static_cast<DropReason>(r);
    if (name == DropReasonName(reason)) return reason;
  }
  return std::nullopt;
}

std::vector<std::string_view> SplitBars(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    size_t bar = s.find('|');
    std::string_view part = s.substr(0, bar);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty() && part != "-") out.push_back(part);
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace

Result<BoxHints> ParseBoxHints(std::string_view tsv) {
  BoxHints hints;
  std::vector<std::string> words;
  for (const TsvRow& row : ParseTsv(tsv, "reason")) {
    const std::string where = std::string(kBoxesFile) + ":" + std::to_string(row.line) + ": ";
    if (row.fields.size() != 3) {
      return Status::InvalidInput(where + "expected reason<TAB>names<TAB>headings");
    }
    const bool hidden = row.fields[0] == "hidden";
    std::optional<DropReason> reason = ReasonFromName(row.fields[0]);
    if (!hidden && !reason) {
      return Status::InvalidInput(where + "unknown reason '" + row.fields[0] + "'");
    }
    for (std::string_view name : SplitBars(row.fields[1])) {
      BoxHints::Pattern p;
      p.prefix = name.back() == '*';
      if (p.prefix) name.remove_suffix(1);
      SplitWords(name, p.words);
      if (p.words.empty()) return Status::InvalidInput(where + "a name without letters");
      p.reason = reason.value_or(DropReason::kWidget);
      p.hidden = hidden;
      hints.patterns.push_back(std::move(p));
    }
    for (std::string_view heading : SplitBars(row.fields[2])) {
      if (hidden) return Status::InvalidInput(where + "hidden boxes have no headings");
      std::string key = FoldForMatching(heading);
      if (key.empty()) return Status::InvalidInput(where + "heading folds to nothing");
      hints.headings.push_back({std::move(key), *reason});
    }
  }
  for (uint32_t k = 0; k < hints.patterns.size(); ++k) {
    const BoxHints::Pattern& p = hints.patterns[k];
    if (p.prefix && p.words.size() == 1) {
      hints.one_word_prefixes.push_back(k);
    } else {
      hints.by_first_word[p.words[0]].push_back(k);
    }
  }
  return hints;
}

const Result<BoxHints>& DefaultBoxHints() {
  static const Result<BoxHints> hints = []() -> Result<BoxHints> {
    ASSIGN_OR_RETURN(std::string tsv, ReadDataFile(kBoxesFile));
    return ParseBoxHints(tsv);
  }();
  return hints;
}

const BoxHints::Pattern* MatchClassHint(const BoxHints& hints, std::string_view value) {
  // Pages carry thousands of class values: the words are spans of one lowercased copy, looked
  // up by their first word, and the few one-word prefix patterns are tried on each word.
  thread_local std::string lower;
  thread_local std::vector<std::string_view> words;
  lower.assign(value);
  std::transform(lower.begin(), lower.end(), lower.begin(), ToLower);
  const BoxHints::Pattern* best = nullptr;
  size_t pos = 0;
  while (pos < lower.size()) {
    // One class name at a time: "post tags-cloud" holds post and tags-cloud.
    size_t start = lower.find_first_not_of(" \t\r\n\f", pos);
    if (start == std::string::npos) break;
    size_t end = lower.find_first_of(" \t\r\n\f", start);
    if (end == std::string::npos) end = lower.size();
    pos = end;
    words.clear();
    for (size_t i = start; i < end;) {
      while (i < end && !IsWordByte(lower[i])) ++i;
      size_t w = i;
      while (i < end && IsWordByte(lower[i])) ++i;
      if (i > w) words.emplace_back(lower.data() + w, i - w);
    }
    for (size_t at = 0; at < words.size(); ++at) {
      auto it = hints.by_first_word.find(words[at]);
      if (it != hints.by_first_word.end()) {
        for (uint32_t k : it->second) {
          const BoxHints::Pattern& p = hints.patterns[k];
          if ((!best || p.words.size() > best->words.size()) && MatchesAt(p, words, at)) best = &p;
        }
      }
      for (uint32_t k : hints.one_word_prefixes) {
        const BoxHints::Pattern& p = hints.patterns[k];
        if (!best && words[at].substr(0, p.words[0].size()) == p.words[0]) best = &p;
      }
    }
  }
  return best;
}

std::optional<DropReason> MatchHeading(const BoxHints& hints, std::string_view heading) {
  std::string key = FoldForMatching(heading);
  // A colon, dash or arrow after the heading: "اقرأ أيضا:", "الأكثر قراءة »".
  static constexpr std::string_view kTrailing[] = {
      ":", "-", "|", " ", "\u00BB", "\u00AB", "\u203A", "\u2039", "\u2190", "\u2192"};
  for (bool cut = true; cut && !key.empty();) {
    cut = false;
    for (std::string_view t : kTrailing) {
      if (key.size() >= t.size() && std::string_view(key).substr(key.size() - t.size()) == t) {
        key.resize(key.size() - t.size());
        cut = true;
      }
    }
  }
  for (const BoxHints::Heading& h : hints.headings) {
    if (h.key == key) return h.reason;
  }
  return std::nullopt;
}

std::optional<DropReason> MatchHeadingPrefix(const BoxHints& hints, std::string_view text) {
  // Headings are a few words: fold only the start of a long text.
  constexpr size_t kPrefixBytes = 96;
  if (text.size() > kPrefixBytes) {
    size_t cut = kPrefixBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  const std::string key = FoldForMatching(text);
  std::optional<DropReason> best;
  size_t best_size = 0;
  for (const BoxHints::Heading& h : hints.headings) {
    if (h.key.size() <= best_size || key.size() <= h.key.size() ||
        key.compare(0, h.key.size(), h.key) != 0) {
      continue;
    }
    const char next = key[h.key.size()];
    if (next == ' ' || next == '.' || next == ':' || next == '-' || next == '|') {
      best = h.reason;
      best_size = h.key.size();
    }
  }
  return best;
}

}  // namespace rasd::clean
