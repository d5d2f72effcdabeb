#include "text/sentences.h"

#include "text/char_table.h"

namespace rasd::text {
namespace {

constexpr char32_t kLeftGuillemet = U'\u00AB';    // « opens a quote in Arabic typography
constexpr char32_t kLeftDoubleQuote = U'\u201C';  // “
constexpr char32_t kLineSeparator = U'\u2028';
constexpr char32_t kParagraphSeparator = U'\u2029';
constexpr char32_t kNextLine = U'\u0085';

// The dateline's city part: at most this many words ("ريو دي جانيرو"), and the whole part with
// a date ("واشنطن، 12 نوفمبر/ تشرين الثاني") at most this many tokens.
constexpr size_t kMaxDatelineCityWords = 3;
// Without an agency or parentheses to confirm it, "X -" is a dateline only when X is short:
// "أعلن الجيش السوري - بحسب بيان - أنه..." opens with a verb and a subject, not a city.
constexpr size_t kMaxBareDatelineCityWords = 2;
constexpr size_t kMaxDatelinePrefixTokens = 12;
// The agency after the dash: "سبوتنيك", "رصد", "أ ف ب", "وكالة الأناضول" (several words only
// when listed in data/text/agencies.tsv).
constexpr size_t kMaxAgencyTokens = 3;
// Inside parentheses: "(رويترز)", "(أ.ف.ب)", "(د ب أ)".
constexpr size_t kMaxParenTokens = 7;
// Datelines are looked for at the start of the first lines only (a title may come first).
constexpr size_t kDatelineLines = 3;

bool HasLineBreak(std::string_view text, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\v' || c == '\f') return true;
    if (static_cast<unsigned char>(c) >= 0x80) {
      const Unit u = DecodeUtf8(text, i);
      if (u.cp == kLineSeparator || u.cp == kParagraphSeparator || u.cp == kNextLine) return true;
      i += u.length - 1;
    }
  }
  return false;
}

}  // namespace

std::vector<Sentence> SentenceSplitter::Split(std::string_view text, std::string_view key,
                                              const std::vector<KeyToken>& tokens,
                                              const std::vector<Span>& spans) const {
  const size_t n = tokens.size();
  std::vector<Sentence> sentences;
  if (n == 0) return sentences;

  auto key_of = [&](size_t i) {
    return key.substr(tokens[i].start, tokens[i].end - tokens[i].start);
  };
  auto is_punct = [&](size_t i, std::string_view p) {
    return tokens[i].kind == TokenKind::kPunct && key_of(i) == p;
  };
  auto is_terminal = [&](size_t i) {
    return is_punct(i, ".") || is_punct(i, "!") || is_punct(i, "?");
  };
  std::vector<uint8_t> line_before(n + 1, 0);
  for (size_t i = 1; i < n; ++i) {
    line_before[i] = HasLineBreak(text, spans[i - 1].end, spans[i].start);
  }
  // Adjacent: no whitespace between token i-1 and token i.
  auto adjacent = [&](size_t i) { return !line_before[i] && tokens[i - 1].end == tokens[i].start; };
  auto is_abbreviation = [&](size_t i) {
    if (abbreviations_.count(std::string(key_of(i))) != 0) return true;
    // "U.S.", "J. K." : one Latin capital.
    if (tokens[i].kind == TokenKind::kLatin && spans[i].size() == 1) {
      const char c = text[spans[i].start];
      return c >= 'A' && c <= 'Z';
    }
    return false;
  };
  auto is_letter = [&](size_t i) {
    return tokens[i].kind == TokenKind::kWord && letters_.count(std::string(key_of(i))) != 0;
  };
  auto is_closing = [&](size_t i) {
    if (tokens[i].kind != TokenKind::kPunct) return false;
    std::string_view k = key_of(i);
    if (k != "\"" && k != "'" && k != ")" && k != "]" && k != "}") return false;
    const Unit u = DecodeUtf8(text, spans[i].start);
    return u.cp != kLeftGuillemet && u.cp != kLeftDoubleQuote;
  };
  auto is_latin_or_number = [&](size_t i) {
    return tokens[i].kind == TokenKind::kLatin || tokens[i].kind == TokenKind::kNumber;
  };

  std::vector<uint8_t> break_before(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    if (line_before[i]) break_before[i] = 1;
    if (!is_terminal(i)) continue;
    if (is_punct(i, ".") && i > 0 && adjacent(i)) {
      if (is_abbreviation(i - 1)) continue;
      // Inside a spelled acronym of three or more letters: بي. بي. سي، إي.دي.إف.
      if (i + 1 < n && !line_before[i + 1] && is_letter(i - 1) && is_letter(i + 1) &&
          ((i + 2 < n && is_punct(i + 2, ".")) ||
           (i >= 3 && is_punct(i - 2, ".") && is_letter(i - 3)))) {
        continue;
      }
      if (i + 1 < n && adjacent(i + 1) && is_latin_or_number(i - 1) && is_latin_or_number(i + 1)) {
        continue;  // "e.g", "v1.2b": not a sentence end
      }
    }
    size_t j = i + 1;
    while (j < n && adjacent(j) && is_terminal(j)) ++j;  // "?!", "..."
    while (j < n && adjacent(j) && is_closing(j)) ++j;   // .» ." .)
    if (j < n) break_before[j] = 1;
    i = j - 1;
  }

  // The dateline: "موسكو - سبوتنيك." / "القاهرة (رويترز) -" / "واشنطن، 12 نوفمبر (أ ف ب) -".
  size_t dateline_end = 0;  // one past its last token; 0 when there is none
  size_t dateline_start = 0;
  size_t line_start = 0;
  for (size_t line = 0; line < kDatelineLines && line_start < n && dateline_end == 0; ++line) {
    size_t line_end = line_start + 1;
    while (line_end < n && !line_before[line_end]) ++line_end;
    const size_t L = line_end;
    size_t i = line_start;
    size_t words = 0;
    bool after_comma = false;
    bool ok = true;
    while (i < L && i - line_start < kMaxDatelinePrefixTokens) {
      const TokenKind k = tokens[i].kind;
      if (k == TokenKind::kWord || k == TokenKind::kLatin) {
        if (!after_comma && ++words > kMaxDatelineCityWords) ok = false;
      } else if (k == TokenKind::kNumber || is_punct(i, "/")) {
        if (!after_comma) ok = false;
      } else if (is_punct(i, ",")) {
        if (after_comma || words == 0) ok = false;
        after_comma = true;
      } else {
        break;
      }
      if (!ok) break;
      ++i;
    }
    // After the dash: an agency of up to kMaxAgencyTokens words closed by "." or ":" or the
    // end of the line ("موسكو - سبوتنيك."، "دهوك (العراق) - رصد."); otherwise the dateline
    // ends at the dash ("بيروت - أعلنت الحكومة...").
    auto after_dash = [&](size_t k) {
      const size_t start = k;
      size_t agency = 0;
      while (k < L && agency < kMaxAgencyTokens &&
             (tokens[k].kind == TokenKind::kWord || tokens[k].kind == TokenKind::kLatin ||
              is_punct(k, "\""))) {
        agency += !is_punct(k, "\"");
        ++k;
      }
      if (agency == 0) return start;
      const bool closed = k == L || is_punct(k, ".") || is_punct(k, ":");
      if (!closed) return start;
      if (agency > 1) {
        std::string name;
        for (size_t t = start; t < k; ++t) {
          if (is_punct(t, "\"")) continue;
          if (!name.empty()) name += ' ';
          name += key_of(t);
        }
        if (agencies_.count(name) == 0) return start;  // "أعلنت الرئاسة." is a sentence
      }
      return k == L ? L : k + 1;  // "موسكو - سبوتنيك" may stand alone on its line
    };
    if (ok && words > 0 && i < L && i > line_start) {
      if (is_punct(i, "(")) {
        size_t j = i + 1;
        while (j < L && j - i <= kMaxParenTokens && !is_punct(j, ")") &&
               (tokens[j].kind == TokenKind::kWord || tokens[j].kind == TokenKind::kLatin ||
                is_punct(j, ".") || is_punct(j, "/") || is_punct(j, "\""))) {
          ++j;
        }
        if (j < L && j > i + 1 && is_punct(j, ")")) {
          dateline_end = j + 1;
          if (dateline_end < L && is_punct(dateline_end, ":")) {
            ++dateline_end;
          } else if (dateline_end < L && is_punct(dateline_end, "-")) {
            dateline_end = after_dash(dateline_end + 1);
          }
        }
      } else if (is_punct(i, "-")) {
        const size_t end = after_dash(i + 1);
        if (end > i + 1 || words <= kMaxBareDatelineCityWords) dateline_end = end;
      }
    }
    if (dateline_end != 0) {
      for (size_t b = line_start + 1; b < dateline_end; ++b) break_before[b] = 0;
      if (dateline_end < n) break_before[dateline_end] = 1;
      // The dateline must start its own sentence too.
      break_before[line_start] = line_start > 0 ? 1 : 0;
    }
    if (dateline_end != 0) dateline_start = line_start;
    line_start = L;
  }

  size_t first = 0;
  for (size_t i = 1; i <= n; ++i) {
    if (i == n || break_before[i]) {
      Sentence s;
      s.first_token = static_cast<uint32_t>(first);
      s.end_token = static_cast<uint32_t>(i);
      s.span = {spans[first].start, spans[i - 1].end};
      s.dateline = dateline_end != 0 && first == dateline_start;
      sentences.push_back(s);
      first = i;
    }
  }
  return sentences;
}

}  // namespace rasd::text
