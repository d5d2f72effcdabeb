// eval: rasd measured against public gold data, one scorer per stage, shared by the
// `rasd eval ...` commands.
//
// In: a gold file in a public format and the loaded stages. Out: figures (and, on request,
// rasd's predictions in the gold file's own format and order, so an independent scorer can
// check them). Guaranteed: scores follow the named standard's definitions (the CoNLL 2018 UD
// shared-task scorer for segmentation); a malformed gold file fails with the file, line and
// problem. Not guaranteed: speed (a scorer reads the whole gold file).
//
//   ASSIGN_OR_RETURN(eval::SegScores s, eval::EvalSegmentation(analyzer, "dev.conllu", {}));
//   std::cout << s.words.f1;
//
// Segmentation (`rasd eval seg`, docs/eval.md):
// - Gold formats: CoNLL-U (multiword-token range lines, empty nodes skipped, `# text`,
//   `# newdoc`, `# newpar`, SpaceAfter=No) and the one-sentence-per-line word/UPOS form
//   `w_1 ... w_n<TAB>t_1 ... t_n`, where a fused token is its surface tagged `_` followed by
//   its syntactic words (a word `_` tagged `_` is an empty node and is skipped). The number of
//   parts of a fused token is not stored there: it is the smallest count (2 and up, then 1)
//   whose parts spell the surface under PADT's spelling rules (alef/hamza/ta marbuta/alef
//   maqsura folded; ل + ال written لل; ta marbuta written ت and alef maqsura ا/ي before a
//   suffix; ن assimilated before م ل ن; ي + ي merged), else the count whose spelling is closest
//   (edit distance; a tie goes to more parts), counted in fused_unresolved.
// - Raw text: CoNLL-U sentences' `# text` (rebuilt from the tokens and SpaceAfter=No when it is
//   missing or does not hold exactly the tokens' characters), joined by a space, or by a blank
//   line at `# newpar`; each `# newdoc` starts a new text. Word/UPOS: each line's surface tokens
//   joined by single spaces, one text per line. rasd segments each text with
//   text::Analyzer::Analyze (sentences, tokens) and Analyzer::Segments (words of each token).
// - Scores (conll18_ud_eval.py, version 1.2): tokens, words and sentences are ranges of the
//   text with whitespace removed; tokens and sentences count when both ends match; words
//   outside multiword tokens match by range, words inside them by LCS of lowercased forms
//   within the smallest span that no multiword token crosses. F1 = 2 * correct / (gold +
//   system). The scorer's one requirement that rasd relaxes: characters that no rasd token
//   covers are not an error, they are simply in no system token.
#ifndef RASD_EVAL_EVAL_H_
#define RASD_EVAL_EVAL_H_

#include <cstdint>
#include <string>

#include "core/core.h"
#include "text/text.h"

namespace rasd::eval {

struct Prf {
  int64_t gold = 0;
  int64_t system = 0;
  int64_t correct = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  // "gold=4 system=3 correct=2 P=0.6667 R=0.5000 F1=0.5714"
  std::string ToString() const;
};

// P, R and F1 from the counts, as the CoNLL 2018 scorer computes them (0 when undefined).
Prf MakePrf(int64_t gold, int64_t system, int64_t correct);

struct SegScores {
  std::string format;  // "conllu" or "word-upos"
  int64_t sentences_read = 0;
  Prf sentences;  // sentence boundaries (CoNLL-U only; gold = 0 otherwise)
  Prf tokens;     // tokens (surface words)
  Prf words;      // syntactic words: the segmentation score
  // The words again, with forms inside multiword tokens compared by rasd's normalised key
  // instead of their lowercased spelling: a split that is right but spelled differently
  // (PADT writes انه as أن + ه) counts. Not a standard figure; `words` is.
  Prf words_folded;
  // Exact token accuracy: tokens_exact / tokens.gold. A gold token is exact when a system
  // token has the same range, the same number of words, and every gold word of the token is
  // aligned (as for `words`) to the system word in the same position.
  int64_t tokens_exact = 0;
  double token_accuracy = 0;
  int64_t fused_tokens = 0;      // multiword (fused) tokens in the gold file
  int64_t fused_unresolved = 0;  // word/UPOS: fused tokens whose part count no spelling rule
                                 // confirmed (closest used) or that had no parts at all
  int64_t texts_rebuilt = 0;     // CoNLL-U: sentences whose `# text` was missing or did not
                                 // hold the tokens' characters, rebuilt from the tokens
  double seconds = 0;            // the whole evaluation: reading, segmenting, scoring, writing
  double segment_seconds = 0;    // of which rasd's segmentation (Analyze + Segments)
  std::string ToString() const;  // one line, for tests and logs
};

struct SegOptions {
  std::string format;            // "conllu", "word-upos" or "" to detect from the file
  std::string predictions_path;  // "" = do not write predictions
};

// Segments the raw text of the gold file with `analyzer` and scores it. Fails on a missing,
// unreadable, non-UTF-8 or malformed gold file (the message names the file and line), an
// unknown format, or a predictions file that cannot be written.
//
// Predictions (options.predictions_path), in the gold file's format and order:
// - CoNLL-U: one sentence per rasd sentence (`# newdoc` where the gold starts a document,
//   `# sent_id`, `# text`), a range line for each token rasd splits, then its words; ID and
//   FORM filled, every other column `_` (score with conll18_ud_eval.py --skip-parse or a
//   scorer that ignores the tree).
// - word/UPOS: one line per gold line, rasd's tokens of that line: a split token as its
//   surface tagged `_` followed by its words tagged `X`, an unsplit token tagged `X`.
Result<SegScores> EvalSegmentation(const text::Analyzer& analyzer, const std::string& gold_path,
                                   const SegOptions& options);

}  // namespace rasd::eval

#endif  // RASD_EVAL_EVAL_H_
