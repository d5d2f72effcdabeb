// DatelineDate: the date an article's dateline or date line gives, as the page's last word on
// its publication date. Month names come from data/lexicon/months.tsv (read as data only; clean
// does not depend on the time stage).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/clean.h"
#include "clean/clean_internal.h"
#include "core/data.h"

namespace rasd::clean {
namespace {

constexpr size_t kDatelineLines = 5;
constexpr size_t kMaxDateLineWords = 12;
constexpr size_t kMaxDatelineWords = 10;  // before the dash of the first paragraph

// Folded month name (one or two words, joined by a space) -> month.
const std::unordered_map<std::string, int>& MonthNames() {
  static const std::unordered_map<std::string, int> months = [] {
    std::unordered_map<std::string, int> out;
    Result<std::string> tsv = ReadDataFile("lexicon/months.tsv");
    if (!tsv.ok()) return out;
    for (const TsvRow& row : ParseTsv(*tsv, "name")) {
      if (row.fields.size() < 2) continue;
      int month = std::atoi(row.fields[1].c_str());
      if (month >= 1 && month <= 12) out.emplace(FoldForMatching(row.fields[0]), month);
    }
    return out;
  }();
  return months;
}

// The words of a folded line: runs of letters and digits (Arabic-Indic digits made ASCII);
// everything else separates.
std::vector<std::string> Words(std::string_view key) {
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < key.size();) {
    unsigned char c = static_cast<unsigned char>(key[i]);
    // U+0660..U+0669 and U+06F0..U+06F9: D9 A0..A9, DB B0..B9.
    if (i + 1 < key.size() && ((c == 0xD9 && static_cast<unsigned char>(key[i + 1]) >= 0xA0 &&
                                static_cast<unsigned char>(key[i + 1]) <= 0xA9) ||
                               (c == 0xDB && static_cast<unsigned char>(key[i + 1]) >= 0xB0 &&
                                static_cast<unsigned char>(key[i + 1]) <= 0xB9))) {
      cur.push_back(static_cast<char>('0' + (static_cast<unsigned char>(key[i + 1]) & 0x0F)));
      i += 2;
      continue;
    }
    const bool letter = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    if (letter && !(c == 0xD8 && i + 1 < key.size() &&  // Arabic comma U+060C
                    static_cast<unsigned char>(key[i + 1]) == 0x8C)) {
      cur.push_back(key[i]);
      ++i;
      continue;
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
    i += (c == 0xD8) ? 2 : 1;
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Iso(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return NormalizeIsoDate(buf);  // "" for 2024-02-30
}

// "16 أغسطس 2024", "6 أيار/مايو 2024", "6 أيار (مايو) 2024" in the words of a line.
std::string NamedDate(const std::vector<std::string>& words) {
  const auto& months = MonthNames();
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    if (!AllDigits(words[i]) || words[i].size() > 2) continue;
    int day = std::atoi(words[i].c_str());
    size_t j = i + 1;
    int month = 0;
    for (int pass = 0; pass < 2 && j < words.size(); ++pass) {  // a double form names it twice
      int found = 0;
      if (j + 1 < words.size()) {
        auto it = months.find(words[j] + " " + words[j + 1]);
        if (it != months.end()) {
          found = it->second;
          j += 2;
        }
      }
      if (!found) {
        auto it = months.find(words[j]);
        if (it == months.end()) break;
        found = it->second;
        ++j;
      }
      if (month && found != month) return "";
      month = found;
    }
    if (!month || j >= words.size() || !AllDigits(words[j]) || words[j].size() != 4) continue;
    std::string date = Iso(std::atoi(words[j].c_str()), month, day);
    if (!date.empty()) return date;
  }
  return "";
}

// "06/05/2024", "06-05-2024", "06.05.2024" (day first), "2024/05/06", "2024-05-06".
std::string NumericDate(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (!(line[i] >= '0' && line[i] <= '9') ||
        (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9')) {
      continue;
    }
    size_t j = i;
    int parts[3] = {0, 0, 0};
    size_t digits[3] = {0, 0, 0};
    char sep = 0;
    int k = 0;
    for (; k < 3; ++k) {
      while (j < line.size() && line[j] >= '0' && line[j] <= '9' && digits[k] < 5) {
        parts[k] = parts[k] * 10 + (line[j] - '0');
        ++digits[k];
        ++j;
      }
      if (digits[k] == 0) break;
      if (k < 2) {
        if (j >= line.size() || (line[j] != '/' && line[j] != '-' && line[j] != '.')) break;
        if (sep && line[j] != sep) break;
        sep = line[j];
        ++j;
      }
    }
    if (k < 3 || (j < line.size() && line[j] >= '0' && line[j] <= '9')) continue;
    std::string date;
    if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2) {
      date = Iso(parts[0], parts[1], parts[2]);
    } else if (digits[0] <= 2 && digits[1] <= 2 && digits[2] == 4) {
      date = Iso(parts[2], parts[1], parts[0]);
    }
    if (!date.empty()) return date;
  }
  return "";
}

std::string DateIn(std::string_view line) {
  std::string key = FoldForMatching(line);
  std::vector<std::string> words = Words(key);
  std::string date = NamedDate(words);
  if (date.empty()) {
    // Numeric dates need their separators: read them from the folded line with digits made
    // ASCII.
    std::string digits;
    for (size_t i = 0; i < key.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(key[i]);
      unsigned char d = i + 1 < key.size() ? static_cast<unsigned char>(key[i + 1]) : 0;
      if ((c == 0xD9 && d >= 0xA0 && d <= 0xA9) || (c == 0xDB && d >= 0xB0 && d <= 0xB9)) {
        digits.push_back(static_cast<char>('0' + (d & 0x0F)));
        ++i;
      } else {
        digits.push_back(key[i]);
      }
    }
    date = NumericDate(digits);
  }
  return date;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

}  // namespace

std::string DatelineDate(std::string_view text) {
  size_t pos = 0;
  for (size_t line_no = 0; line_no < kDatelineLines && pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    ++line_no;
    if (WordCount(line) <= kMaxDateLineWords) {
      std::string date = DateIn(line);
      if (!date.empty()) return date;
      continue;
    }
    // A paragraph: its dateline, before one of its first dashes ("الرباط - 3 يونيو 2024 -").
    size_t from = 0;
    for (int dashes = 0; dashes < 3; ++dashes) {
      size_t at = std::string_view::npos;
      size_t width = 0;
      for (std::string_view dash : {" - ", " \u2013 ", " \u2014 "}) {
        size_t p = line.find(dash, from);
        if (p < at) {
          at = p;
          width = dash.size();
        }
      }
      if (at == std::string_view::npos || WordCount(line.substr(0, at)) > kMaxDatelineWords) break;
      std::string date = DateIn(line.substr(0, at));
      if (!date.empty()) return date;
      from = at + width;
    }
  }
  return "";
}

}  // namespace rasd::clean
