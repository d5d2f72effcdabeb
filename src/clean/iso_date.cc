// NormalizeIsoDate and DateFromUrl: strict parsing, never guessing. A date that does not
// match one of the accepted shapes exactly, or names a day that does not exist, is "".
#include <cctype>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "clean/clean_internal.h"

namespace rasd::clean {
namespace {

// Years outside this range in news metadata are typos or placeholders (0001-01-01, 9999-12-31).
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`, advancing it; -1 if they are not all there.
int ReadDigits(std::string_view s, size_t& pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!IsDigit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool ValidDate(int y, int m, int d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// `v` in at least `width` digits; v is never negative here.
std::string Pad(int v, size_t width) {
  std::string s = std::to_string(v);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

std::string FormatDate(int y, int m, int d) {
  return Pad(y, 4) + "-" + Pad(m, 2) + "-" + Pad(d, 2);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string NormalizeIsoDate(std::string_view input) {
  std::string_view s = Trim(input);
  size_t pos = 0;
  int year = ReadDigits(s, pos, 4);
  if (year < 0 || pos >= s.size() || (s[pos] != '-' && s[pos] != '/')) return "";
  const char sep = s[pos++];
  int month = ReadDigits(s, pos, 2);
  if (month < 0 || pos >= s.size() || s[pos++] != sep) return "";
  int day = ReadDigits(s, pos, 2);
  if (day < 0 || !ValidDate(year, month, day)) return "";
  std::string date = FormatDate(year, month, day);
  if (pos == s.size()) return date;

  // A time: 'T' (ISO 8601) or a space (SQL, many CMSs) then HH:MM[:SS[.fff]].
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return "";
  ++pos;
  int hour = ReadDigits(s, pos, 2);
  if (hour < 0 || pos >= s.size() || s[pos++] != ':') return "";
  int minute = ReadDigits(s, pos, 2);
  if (minute < 0) return "";
  int second = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    second = ReadDigits(s, pos, 2);
    if (second < 0) return "";
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      size_t digits = 0;
      while (pos < s.size() && IsDigit(s[pos])) {
        ++pos;
        ++digits;
      }
      if (digits == 0 || digits > 9) return "";
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return "";
  std::string out = date + "T" + Pad(hour, 2) + ":" + Pad(minute, 2) + ":" + Pad(second, 2);
  if (pos == s.size()) return out;

  // The zone, kept as written but in one spelling: Z, or ±HH:MM (±HHMM and ±HH are common in
  // feeds and mean the same).
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return out + "Z";
  if (s[pos] != '+' && s[pos] != '-') return "";
  const char sign = s[pos++];
  int zone_hour = ReadDigits(s, pos, 2);
  if (zone_hour < 0 || zone_hour > 23) return "";
  int zone_minute = 0;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    zone_minute = ReadDigits(s, pos, 2);
    if (zone_minute < 0 || zone_minute > 59) return "";
  }
  if (pos != s.size()) return "";
  return out + sign + Pad(zone_hour, 2) + ":" + Pad(zone_minute, 2);
}

std::string DateFromUrl(std::string_view url) {
  // Only the path: a query string's numbers are ids, not dates.
  size_t scheme = url.find("://");
  size_t path_start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path_start == std::string_view::npos) return "";
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  for (size_t i = 0; i + 11 <= path.size(); ++i) {
    if (path[i] != '/') continue;
    size_t pos = i + 1;
    int year = ReadDigits(path, pos, 4);
    if (year < 0 || pos >= path.size() || (path[pos] != '/' && path[pos] != '-')) continue;
    const char sep = path[pos++];
    // Month and day may have one digit in paths (/2024/3/5/).
    auto read_part = [&](int& v) {
      int a = ReadDigits(path, pos, 1);
      if (a < 0) return false;
      v = a;
      if (pos < path.size() && IsDigit(path[pos])) v = v * 10 + (path[pos++] - '0');
      return true;
    };
    int month = 0;
    int day = 0;
    if (!read_part(month) || pos >= path.size() || path[pos++] != sep || !read_part(day)) {
      continue;
    }
    // The day must end the segment: /2024/03/05/ or /2024/03/05 or /2024-03-05-slug, not
    // /2024/03/0512.
    if (pos < path.size() && IsDigit(path[pos])) continue;
    if (ValidDate(year, month, day)) return FormatDate(year, month, day);
  }
  return "";
}

}  // namespace rasd::clean
