#include "text/tokenizer.h"

namespace rasd::text {
namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsEmailLocal(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsLabelChar(char c) { return IsAsciiAlnum(c) || c == '-'; }

size_t NextChar(std::string_view key, size_t p) {
  size_t q = p + 1;
  while (q < key.size() && (static_cast<unsigned char>(key[q]) & 0xC0) == 0x80) ++q;
  return q;
}

}  // namespace

size_t Tokenizer::ScanUrl(std::string_view key, size_t p) const {
  size_t q = p;
  int open_parens = 0;
  int open_brackets = 0;
  while (q < key.size()) {
    char c = key[q];
    if (c == ' ' || c == '"' || c == '<' || c == '>') break;
    open_parens += (c == '(') - (c == ')');
    open_brackets += (c == '[') - (c == ']');
    q = NextChar(key, q);
  }
  // Sentence punctuation after a URL belongs to the sentence ("... على موقعها rt.com.").
  while (q > p) {
    char c = key[q - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'') {
      --q;
    } else if (c == ')' && open_parens < 0) {
      ++open_parens;
      --q;
    } else if (c == ']' && open_brackets < 0) {
      ++open_brackets;
      --q;
    } else {
      break;
    }
  }
  return q;
}

size_t Tokenizer::MatchEmail(std::string_view key, size_t p) const {
  size_t q = p;
  while (q < key.size() && IsEmailLocal(key[q])) ++q;
  if (q == p || q >= key.size() || key[q] != '@') return 0;
  size_t r = q + 1;
  int labels = 0;
  size_t end = 0;
  while (true) {
    size_t s = r;
    while (r < key.size() && IsLabelChar(key[r])) ++r;
    if (r == s) break;
    ++labels;
    end = r;
    if (r < key.size() && key[r] == '.' && r + 1 < key.size() && IsLabelChar(key[r + 1])) {
      ++r;
    } else {
      break;
    }
  }
  return labels >= 2 ? end : 0;
}

size_t Tokenizer::MatchBareDomain(std::string_view key, size_t p) const {
  size_t r = p;
  int labels = 0;
  size_t end = 0;
  size_t last_label = p;
  while (true) {
    size_t s = r;
    while (r < key.size() && IsLabelChar(key[r])) ++r;
    if (r == s) break;
    ++labels;
    end = r;
    last_label = s;
    if (r < key.size() && key[r] == '.' && r + 1 < key.size() && IsLabelChar(key[r + 1])) {
      ++r;
    } else {
      break;
    }
  }
  if (labels < 2) return 0;
  std::string_view tld = key.substr(last_label, end - last_label);
  for (char c : tld) {
    if (!IsAsciiLower(c)) return 0;
  }
  if (tlds_.count(std::string(tld)) == 0) return 0;
  if (end < key.size() && key[end] == '/') return ScanUrl(key, p);
  return end;
}

size_t Tokenizer::ScanWord(std::string_view key, size_t p, KeyToken& tok) const {
  bool has_arabic = false, has_letter = false, has_digit = false;
  CharClass prev = CharClass::kSpace;  // kSpace: nothing yet; kPunct: just after a joining '-'
  size_t q = p;
  while (q < key.size()) {
    // Fast path: two-byte letters of the Arabic script, most of what a word is made of.
    if (prev != CharClass::kDigit) {
      const auto* s = reinterpret_cast<const unsigned char*>(key.data());
      size_t r = q;
      while (r + 1 < key.size()) {
        const unsigned lead = s[r] - 0xD8u;       // 0 to 3 for D8 to DB, else larger
        const unsigned trail = s[r + 1] ^ 0x80u;  // 0 to 3F for a trail byte, else larger
        if (lead > 3 || trail > 0x3F ||
            table_->Class(0x600 + ((lead << 6) | trail)) != CharClass::kArabic) {
          break;
        }
        r += 2;
      }
      if (r != q) {
        has_arabic = true;
        prev = CharClass::kArabic;
        q = r;
      }
      // A space ends most words: no need to decode and classify it.
      if (q >= key.size() || key[q] == ' ') break;
    }
    const Unit u = DecodeUtf8(key, q);
    const CharClass cls = table_->Class(u.cp);
    if (cls == CharClass::kArabic) {
      // "2020م" and "ب19" split: the time stage wants the number alone.
      if (prev == CharClass::kDigit) break;
      has_arabic = true;
    } else if (cls == CharClass::kLetter) {
      has_letter = true;
    } else if (cls == CharClass::kDigit) {
      if (prev == CharClass::kArabic) break;
      has_digit = true;
    } else if (cls == CharClass::kMark && prev != CharClass::kSpace) {
      q += u.length;
      continue;  // a combining accent belongs to its letter
    } else if ((u.cp == U',' || u.cp == U'.') && prev == CharClass::kDigit && !has_letter &&
               !has_arabic && q + 1 < key.size() && IsAsciiDigit(key[q + 1])) {
      ++q;  // 1,200 and 3.5 and 10.11.2020 (٬ and ٫ were folded to , and .)
      continue;
    } else if (u.cp == U'-' && (prev == CharClass::kArabic || prev == CharClass::kLetter) &&
               q + 1 < key.size() && IsAsciiDigit(key[q + 1])) {
      q += 1;  // F-16, COVID-19, إس-400: a model name is one token
      prev = CharClass::kPunct;
      continue;
    } else {
      break;
    }
    prev = cls;
    q += u.length;
  }
  tok.kind = has_arabic ? TokenKind::kWord : has_letter ? TokenKind::kLatin : TokenKind::kNumber;
  tok.arabic_only = has_arabic && !has_letter && !has_digit;
  return q;
}

void Tokenizer::Tokenize(std::string_view key, std::vector<KeyToken>& out) const {
  out.clear();
  const size_t n = key.size();
  size_t p = 0;
  auto emit = [&](size_t end, TokenKind kind, bool arabic_only = false) {
    out.push_back({static_cast<uint32_t>(p), static_cast<uint32_t>(end), kind, arabic_only});
    p = end;
  };
  while (p < n) {
    const char c = key[p];
    if (c == ' ') {
      ++p;
      continue;
    }
    if (IsAsciiAlnum(c)) {
      std::string_view rest = key.substr(p);
      if (rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.")) {
        emit(ScanUrl(key, p), TokenKind::kUrl);
        continue;
      }
      if (size_t e = MatchEmail(key, p); e != 0) {
        emit(e, TokenKind::kEmail);
        continue;
      }
      if (size_t e = MatchBareDomain(key, p); e != 0) {
        emit(e, TokenKind::kUrl);
        continue;
      }
    }
    const Unit u = DecodeUtf8(key, p);
    const CharClass cls = table_->Class(u.cp);
    if ((c == '#' || c == '@') && p + 1 < n) {
      // #hashtag (any script, '_' joins words: #الحرب_على_غزة) and @handle (ASCII).
      size_t q = p + 1;
      while (q < n) {
        const Unit v = DecodeUtf8(key, q);
        const CharClass vc = table_->Class(v.cp);
        const bool ok = c == '#'
                            ? (vc == CharClass::kArabic || vc == CharClass::kLetter ||
                               vc == CharClass::kDigit || vc == CharClass::kMark || v.cp == U'_')
                            : (IsAsciiAlnum(key[q]) || key[q] == '_');
        if (!ok) break;
        q += v.length;
      }
      if (q > p + 1) {
        emit(q, c == '#' ? TokenKind::kHashtag : TokenKind::kHandle);
        continue;
      }
    }
    if (cls == CharClass::kArabic || cls == CharClass::kLetter || cls == CharClass::kDigit) {
      KeyToken tok;
      size_t end = ScanWord(key, p, tok);
      emit(end, tok.kind, tok.arabic_only);
      continue;
    }
    emit(p + u.length, cls == CharClass::kPunct ? TokenKind::kPunct : TokenKind::kSymbol);
  }
}

}  // namespace rasd::text
