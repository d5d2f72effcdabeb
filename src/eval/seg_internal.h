// Pieces of the segmentation scorer shared between eval/'s files and tested on their own.
// Internal to src/eval: other code uses eval.h.
//
// ud_reader.cc reads gold files into GoldFile; seg_score.cc is the CoNLL 2018 scorer on
// Segmentation values (no analyzer needed, so it is tested on hand-made pairs); seg_eval.cc
// joins them: raw text from the gold, rasd's segmentation of it, scores, predictions.
#ifndef RASD_EVAL_SEG_INTERNAL_H_
#define RASD_EVAL_SEG_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "eval/eval.h"
#include "text/text.h"

namespace rasd::eval {

// ---------------------------------------------------------------------------------------------
// Text helpers.

// True for Unicode White_Space characters: spaces of every width (the scorer's category Zs),
// tabs and line breaks.
bool IsSpace(char32_t c);
// `s` (valid UTF-8) without its whitespace characters.
std::string RemoveSpaces(std::string_view s);
// Offset of the first byte of `s` that does not start valid UTF-8, or npos.
size_t FindInvalidUtf8(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Gold files.

struct GoldToken {
  std::string form;                // the token as written (FORM of a range line or plain word)
  std::vector<std::string> words;  // its syntactic words; {form} for a plain word
  bool multiword = false;          // a CoNLL-U range line / a word/UPOS fused token
  bool space_after = true;         // false for CoNLL-U SpaceAfter=No
};

struct GoldSentence {
  int64_t line = 0;            // 1-based line of the file where the sentence starts
  std::string text;            // `# text = ...`; "" when absent (always for word/UPOS)
  bool new_document = false;   // a `# newdoc` comment precedes it
  bool new_paragraph = false;  // a `# newpar` comment precedes it
  std::vector<GoldToken> tokens;
};

struct GoldFile {
  std::string format;  // "conllu" or "word-upos"
  std::vector<GoldSentence> sentences;
  int64_t fused_tokens = 0;
  int64_t fused_unresolved = 0;  // see SegScores::fused_unresolved
};

// "conllu" if the first non-blank line is a `#` comment or has 10 tab-separated columns,
// "word-upos" if it has 2; else an error naming `name` and the line.
Result<std::string> DetectFormat(std::string_view content, std::string_view name);

// Readers of a whole file's content; `name` is used in messages ("dev.conllu:12: ...").
// Fail on invalid UTF-8, a wrong number of columns, a bad or out-of-order ID, an empty FORM,
// a range line whose words are missing (CoNLL-U), a line without exactly one TAB or with a
// different number of words and tags (word/UPOS). `format` "" detects.
Result<GoldFile> ReadConllu(std::string_view content, std::string_view name);
Result<GoldFile> ReadWordUpos(std::string_view content, std::string_view name);
Result<GoldFile> ReadGold(std::string_view content, std::string_view name, std::string_view format);

// How many of the items that follow a word/UPOS fused token are its parts (see eval.h for the
// rule). parts is 0 only when `following` is empty; spelled is false when no count's parts
// spell `surface` and the closest was taken. At most kMaxFusedParts parts are tried.
inline constexpr size_t kMaxFusedParts = 6;
struct FusedSplit {
  size_t parts = 0;
  bool spelled = false;
};
FusedSplit ResolveFused(std::string_view surface, std::span<const std::string> following);

// ---------------------------------------------------------------------------------------------
// The scorer's view of a segmentation (conll18_ud_eval.py's UDRepresentation).
//
// Ranges are byte offsets into the text with every whitespace character removed. The script
// uses character offsets into the concatenated token forms; it only compares offsets for
// equality and order, and gold and system index the same characters, so the figures agree.

struct Range {
  uint32_t start = 0;
  uint32_t end = 0;
  bool operator==(const Range&) const = default;
};

struct SegWord {
  std::string form;    // lowercased (the script compares FORM.lower())
  std::string folded;  // normalised key of the form (for SegScores::words_folded)
  uint32_t token = 0;  // index into Segmentation::tokens
};

struct SegToken {
  Range range;
  uint32_t first_word = 0;  // into Segmentation::words
  uint32_t end_word = 0;    // one past the last
  bool multiword = false;   // its words are aligned by LCS of forms, not by range
};

struct Segmentation {
  std::vector<SegToken> tokens;  // in text order, not overlapping, never empty
  std::vector<SegWord> words;    // in token order
  std::vector<Range> sentences;  // from the start of a first token to the end of a last one
};

// Appends a token over `range` with words `forms` (one or more; a multiword token's words all
// get its range). `normalizer` gives the folded forms; null folds to the lowercased form.
void AppendToken(Segmentation& seg, Range range, std::span<const std::string> forms, bool multiword,
                 const text::Normalizer* normalizer);

// Full Unicode lowercasing of UTF-8 text, as Python's str.lower() (root locale).
std::string Lowercase(std::string_view s);

// conll18_ud_eval.py's spans_score: a gold and a system range count as one correct when they
// start and end at the same offsets. Both lists in text order.
Prf SpansScore(std::span<const Range> gold, std::span<const Range> system);

enum class FormMatch { kLowercase, kFolded };

// conll18_ud_eval.py's align_words: system_of_gold[i] is the system word aligned to gold word
// i, or -1.
struct Alignment {
  std::vector<int64_t> system_of_gold;
  int64_t aligned = 0;
};
Alignment AlignWords(const Segmentation& gold, const Segmentation& system, FormMatch match);

// Sentences (when `with_sentences`), tokens, words, words_folded, tokens_exact and
// token_accuracy of `system` against `gold`; the other fields of SegScores are left empty.
SegScores ScoreSegmentation(const Segmentation& gold, const Segmentation& system,
                            bool with_sentences);

// ---------------------------------------------------------------------------------------------
// The whole evaluation on a gold file's content (what EvalSegmentation runs after reading the
// file); `name` names the gold in messages.
Result<SegScores> EvalSegmentationContent(const text::Analyzer& analyzer, std::string_view content,
                                          std::string_view name, const SegOptions& options);

}  // namespace rasd::eval

#endif  // RASD_EVAL_SEG_INTERNAL_H_
