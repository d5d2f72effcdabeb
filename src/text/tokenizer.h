// Tokens of a key (the folded text), before spans, sentences and clitics. Internal to src/text.
//
// In: a key made by Fold* (valid UTF-8, single spaces, digits and punctuation in ASCII,
// Latin lowercased). Out: tokens as key byte ranges, in order, non-overlapping, never
// containing a space. Working on the key means one set of rules covers every spelling the key
// folds together (٣٫٥ and 3.5, ؟ and ?, « and ").
#ifndef RASD_TEXT_TOKENIZER_H_
#define RASD_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/types.h"
#include "text/char_table.h"

namespace rasd::text {

struct KeyToken {
  uint32_t start = 0;  // key byte offsets
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool arabic_only = false;  // only Arabic letters: a candidate for clitic segmentation
};

class Tokenizer {
 public:
  // tlds: top-level domains (lowercase) that make "name.tld" a URL without a scheme.
  Tokenizer(const CharTable* table, std::unordered_set<std::string> tlds)
      : table_(table), tlds_(std::move(tlds)) {}
  Tokenizer() = default;

  void Tokenize(std::string_view key, std::vector<KeyToken>& out) const;

 private:
  size_t ScanUrl(std::string_view key, size_t p) const;
  size_t MatchEmail(std::string_view key, size_t p) const;       // end, or 0
  size_t MatchBareDomain(std::string_view key, size_t p) const;  // end, or 0
  size_t ScanWord(std::string_view key, size_t p, KeyToken& tok) const;

  const CharTable* table_ = nullptr;
  std::unordered_set<std::string> tlds_;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_TOKENIZER_H_
