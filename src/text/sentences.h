// Sentence boundaries over tokens, and the dateline at the top of an article. Internal to
// src/text.
//
// In: the input text, its key, and its tokens (key ranges and input spans, in order).
// Out: sentences covering every token exactly once, in order, each a contiguous token range.
// Guaranteed: a line break always ends a sentence (so no sentence spans a blank line); a
// period inside a number, after a listed abbreviation or a single Latin capital, or between
// two Latin words without spaces does not end one; closing quotes and brackets right after
// the final mark stay in the sentence.
#ifndef RASD_TEXT_SENTENCES_H_
#define RASD_TEXT_SENTENCES_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/types.h"
#include "text/tokenizer.h"

namespace rasd::text {

class SentenceSplitter {
 public:
  // abbreviations: keys of words after which "." does not end a sentence ("د", "ا" for أ.).
  // letters: keys of Arabic spellings of Latin letters; "." between two of them does not end a
  // sentence ("بي. بي. سي"). agencies: keys of several-word agency names that may follow a
  // dateline's dash, their words separated by one space ("ا ف ب", "وكاله الاناضول").
  SentenceSplitter(std::unordered_set<std::string> abbreviations,
                   std::unordered_set<std::string> letters,
                   std::unordered_set<std::string> agencies)
      : abbreviations_(std::move(abbreviations)),
        letters_(std::move(letters)),
        agencies_(std::move(agencies)) {}
  SentenceSplitter() = default;

  std::vector<Sentence> Split(std::string_view text, std::string_view key,
                              const std::vector<KeyToken>& tokens,
                              const std::vector<Span>& spans) const;

 private:
  std::unordered_set<std::string> abbreviations_;
  std::unordered_set<std::string> letters_;
  std::unordered_set<std::string> agencies_;
};

}  // namespace rasd::text

#endif  // RASD_TEXT_SENTENCES_H_
