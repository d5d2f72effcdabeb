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
//
// Page cleaning (`rasd eval clean`, docs/eval.md):
// - Gold: JSONL, one page a line (blank lines and `#` lines are comments). "page" names the
//   page file, relative to the pages folder (CleanOptions::pages_dir, default the gold file's
//   folder); it is read with ingest::Reader (format by extension) and must give exactly one
//   document. The main text is "main" (written out) or "keep_lines" ([[first, last], ...],
//   1-based inclusive lines of a text page), so the gold of a third-party page need not copy
//   its text. "must_not" (strings) and "must_not_lines" (lines of a text page) are boilerplate
//   that must not survive. "id" (default: the page) and "layout" (a label for the breakdown)
//   are optional; any other field is an error.
// - Scores (the CleanEval / article-extraction-benchmark style, on bags of words): the kept
//   text (clean::Cleaner::Clean's article.text) and the gold main text are each a multiset of
//   tokens: NFKC, full case folding, combining marks and tatweel removed, every character that
//   is not a letter or a digit a separator. correct = the multiset intersection. Micro: P, R,
//   F1 over the tokens of all pages; macro: the mean of the pages' P, R and F1 (a page with no
//   gold and no kept token scores 1). A must-not string survives when its tokens occur
//   contiguously, in order, in the kept text's tokens.
#ifndef RASD_EVAL_EVAL_H_
#define RASD_EVAL_EVAL_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "events/events.h"
#include "ner/ner.h"
#include "text/text.h"
#include "time/time.h"

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

// ---------------------------------------------------------------------------------------------
// Page cleaning.

// The scoring tokens of a text (see the top of this file): "Al-Quds, 3 PM" -> al quds 3 pm.
std::vector<std::string> CleanTokens(std::string_view text);

// One gold page, as rasd (or another extractor) kept it.
struct CleanPageScore {
  int64_t line = 0;  // of the gold file
  std::string id;
  std::string page;      // the page file, as the gold names it
  std::string format;    // ingest's: "html", "txt" or "jsonl"
  std::string layout;    // the gold's label, "" when none
  uint64_t bytes = 0;    // of the page file
  Prf tokens;            // P, R, F1 of this page (1, 1, 1 when gold and kept text are both empty)
  int64_t must_not = 0;  // must-not strings checked
  std::vector<std::string> violations;  // those found in the kept text, as the gold writes them
  std::string error;  // rasd's cleaner failed (the page is scored as empty text), else ""
  std::string ToString() const;  // "aj-01 html F1=0.9812 violations=0"
};

// The figures of a set of pages: all of them, one format, or one layout.
struct CleanFigures {
  std::string name;  // "all", the format or the layout
  int64_t pages = 0;
  Prf micro;                   // over the tokens of the pages
  double macro_precision = 0;  // means over the pages
  double macro_recall = 0;
  double macro_f1 = 0;
  int64_t must_not = 0;          // strings checked
  int64_t violations = 0;        // strings found in the kept text
  int64_t errors = 0;            // pages the cleaner failed on
  std::string ToString() const;  // "all pages=5 micro F1=0.9500 macro F1=0.9400 violations=0"
};

struct CleanScores {
  std::string system;  // "rasd", or the predictions file that was scored
  CleanFigures all;
  std::vector<CleanFigures> by_format;  // sorted by name
  std::vector<CleanFigures> by_layout;  // sorted by name; pages without a layout are left out
  std::vector<CleanPageScore> pages;    // in gold order
  uint64_t bytes = 0;                   // of all page files
  double clean_seconds = 0;  // rasd only: reading the pages (ingest::Reader) and Cleaner::Clean
  double seconds = 0;        // the whole evaluation
};

struct CleanOptions {
  std::string pages_dir;         // "" = the gold file's folder
  std::string predictions_path;  // "" = do not write rasd's kept text
  // "" = run rasd's cleaner; else score this file of another extractor's kept text (the
  // format of predictions_path) instead.
  std::string system_path;
};

// Runs every gold page through ingest::Reader and Cleaner::Clean (or takes the kept text from
// options.system_path) and scores the kept text. Fails on a missing, unreadable or malformed
// gold file (the message names the file and line), a page that is missing or that ingest
// rejects or reads as other than one document, line numbers beyond a page's end, a system
// file without exactly the gold's ids, or a predictions file that cannot be written. A page
// the cleaner fails on is not an error: it is scored as an empty text and counted in errors.
//
// Predictions (options.predictions_path): JSONL, one line per gold page in gold order,
// {"id": ..., "page": ..., "text": the kept text}.
Result<CleanScores> EvalCleaning(const std::string& gold_path, const CleanOptions& options);


// ---------------------------------------------------------------------------------------------
// Named entities (`rasd eval ner`, docs/eval.md).
//
// - Gold: CoNLL/ANERcorp-style BIO: one token a line, the tag last (`TOKEN TAG`, or CoNLL 2003's
//   four columns), space or tab separated; a blank line between sentences; `-DOCSTART-` lines
//   skipped. Tags O, B-TYPE, I-TYPE (IOB1 files read as well: conlleval's chunk rules).
// - Text: sentences_per_document sentences make one document (one sentence a line, tokens
//   joined by single spaces), so that linking within a document (a surname after the full
//   name) works as on an article; ANERcorp keeps each article's sentences together.
// - System chunks: each of rasd's mentions tags the gold tokens its span overlaps (a mention
//   inside a clitic-joined token, لروسيا, tags that whole token), with PERS for people, LOC for
//   countries, places and capitals, ORG for organisations, IGOs and groups. Roles (الوزير
//   الروسي), nationality adjectives and bodies described by a title and a country (الحكومة
//   السودانية, وزارة الخارجية الأمريكية) are not names in ANERcorp-style gold and tag nothing;
//   rasd has no MISC.
// - Scores: exact chunks (type, first and last token) as conlleval counts them; micro P, R, F1
//   over PERS, LOC and ORG, and per type (MISC listed for its gold count).
struct NerScores {
  int64_t sentences = 0;
  int64_t tokens = 0;
  Prf micro;                          // PERS, LOC and ORG
  std::map<std::string, Prf> by_type;  // "LOC", "MISC", "ORG", "PERS"
  uint64_t bytes = 0;                 // of the documents' text
  double recognize_seconds = 0;       // Analyze + Recognize
  double seconds = 0;                 // the whole evaluation
  std::string ToString() const;       // one line
};

struct NerOptions {
  size_t sentences_per_document = 20;
  // "" = none; else the gold file with a third column, rasd's tag (conlleval's input).
  std::string predictions_path;
};

// Fails on a missing or malformed gold file (file and line named) or a predictions file that
// cannot be written.
Result<NerScores> EvalNer(const text::Analyzer& analyzer, const ner::Recognizer& recognizer,
                          const std::string& gold_path, const NerOptions& options);

// ---------------------------------------------------------------------------------------------
// Entity linking against a gold written for whole articles (`rasd eval ner --links`,
// docs/eval.md).
//
// - Gold: JSONL, one mention a line (blank and `#` lines are comments): "doc" (the file,
//   relative to LinkOptions::pages_dir, default the gold file's folder), "record" (the 1-based
//   line of a JSONL file, else absent), "text" (the mention as written in the clean article
//   text), "n" (which occurrence of "text" in the clean text it is, counting every occurrence
//   as a substring from 1; default 1), "id" (the canonical Entity::id, or "local:" + an English
//   name for an entity the lexicon lacks, named in the document only), "kind" (optional label
//   for the breakdown: name, role, capital, nationality, body, place) and "note" (optional).
//   Any other field is an error.
// - Each document goes through ingest, clean, Analyzer::Analyze and Recognizer::Recognize. The
//   gold mention's span is the n-th occurrence of its text; the system mention matched to it is
//   the rasd mention overlapping that span most (the first of equals). It is linked right when
//   that mention's entity is the gold id; for a "local:" id, when rasd found the mention and
//   linked it to no canonical entity (rasd has no document-local ids yet).
// - Scores: accuracy = gold mentions linked right / gold mentions; found = gold mentions some
//   rasd mention overlaps; per kind. Errors: gold mentions missed (nothing overlaps) and linked
//   wrong (the gold id and rasd's); rasd's mentions that overlap no gold mention are listed too.
struct LinkError {
  int64_t line = 0;     // of the gold file
  std::string doc;      // "doc" or "doc:record"
  std::string text;     // the gold mention
  std::string gold;     // the gold id
  std::string system;   // rasd's entity ("" = linked to none), or "" when missed
  bool missed = false;  // no rasd mention overlaps the gold mention
  std::string ToString() const;  // "seeds.jsonl:3 doc.txt لافروف: gold person:x, rasd -"
};

struct LinkKindScore {
  int64_t gold = 0;
  int64_t found = 0;
  int64_t correct = 0;
};

struct LinkScores {
  int64_t documents = 0;
  int64_t mentions = 0;  // gold
  int64_t found = 0;     // overlapped by a rasd mention
  int64_t correct = 0;   // linked to the gold id
  double accuracy = 0;   // correct / mentions
  std::map<std::string, LinkKindScore> by_kind;  // "" = no kind given
  std::vector<LinkError> missed;  // in gold order
  std::vector<LinkError> wrong;   // in gold order
  std::vector<std::string> extra;  // "doc: text = entity" of rasd mentions overlapping no gold
  uint64_t bytes = 0;              // of the documents' clean text
  double recognize_seconds = 0;    // Analyze + Recognize
  double seconds = 0;              // the whole evaluation
  std::string ToString() const;    // one line
};

struct LinkOptions {
  std::string pages_dir;  // "" = the gold file's folder
};

// Fails on a missing or malformed gold file (the message names the file and line), a document
// that is missing, rejected or empty after cleaning, a record that is not in its JSONL file, or
// a mention whose text does not occur n times in the clean text (a gold error, or a change to
// clean/ that the gold must follow).
Result<LinkScores> EvalLinks(const text::Analyzer& analyzer, const ner::Recognizer& recognizer,
                             const std::string& gold_path, const LinkOptions& options);

// ---------------------------------------------------------------------------------------------
// Time expressions (`rasd eval time`, docs/eval.md).
//
// - Gold: JSONL, one expression a line (blank and `#` lines are comments): "doc" (the document
//   file, relative to TimeOptions::pages_dir, default the gold file's folder), "record" (the
//   1-based line of the record when "doc" is a JSONL file; absent otherwise), "published" (the
//   publication date the expression is normalised against, YYYY-MM-DD, or "" when unknown;
//   every line of one document gives the same), "start" and "end" (byte offsets in the clean
//   article text, as Cleaner::Clean gives it), "text" (the expression as written: it must be
//   exactly the clean text at [start, end), so a span that drifted after a change to clean/ is
//   an error, not a miss), "value" (ISO 8601, or rasd's relative forms when the publication
//   date is unknown) and "granularity" ("minute", "hour", "day", "month", "year", "range").
//   "kind" (a label for the breakdown: "weekday", "hijri", ...) and "note" are optional; any
//   other field is an error. The gold of a document is exhaustive: every expression in it is
//   listed, so that rasd's other expressions count against precision.
// - System: each document through ingest::Reader, Cleaner::Clean, Analyzer::Analyze and
//   time::Tagger::Tag with the gold's publication date.
// - Scores: a gold expression is matched to the system expression with the same span, else to
//   the one that overlaps it most. Value accuracy = gold expressions whose matched system
//   expression has the gold value and granularity, over all gold expressions. Spans: exact
//   (same start and end) P, R, F1; overlapping: recall = gold expressions overlapped by a
//   system expression, precision = system expressions overlapping a gold one.
struct TimeMiss {
  int64_t line = 0;  // of the gold file
  std::string doc;   // "doc" or "doc:record"
  std::string kind;
  std::string text;  // the gold expression
  std::string gold;  // "value granularity"
  std::string system;  // the matched system expression: "text = value granularity", or ""
  std::string ToString() const;  // "gold.jsonl:3 weekday الثلاثاء: gold ... system ..."
};

struct TimeKindScore {
  int64_t gold = 0;
  int64_t correct = 0;  // value and granularity right
};

struct TimeScores {
  int64_t documents = 0;
  int64_t expressions = 0;   // gold
  int64_t value_correct = 0;
  double value_accuracy = 0;
  Prf exact;    // spans with the same start and end
  Prf overlap;  // see above: correct = gold overlapped; precision from system overlapping
  std::map<std::string, TimeKindScore> by_kind;  // "" = no kind given
  std::vector<TimeMiss> misses;  // gold expressions whose value was not right, in gold order
  std::vector<std::string> extra;  // system expressions overlapping no gold: "doc: text = value"
  uint64_t bytes = 0;          // of the documents' clean text
  double tag_seconds = 0;      // Analyze + Tag
  double seconds = 0;          // the whole evaluation
  std::string ToString() const;  // one line
};

struct TimeOptions {
  std::string pages_dir;  // "" = the gold file's folder
};

// Fails on a missing or malformed gold file (the message names the file and line), a document
// that is missing or rejected, a record that is not in its JSONL file, or a span whose text is
// not the gold's "text".
Result<TimeScores> EvalTime(const text::Analyzer& analyzer, const time::Tagger& tagger,
                            const std::string& gold_path, const TimeOptions& options);

// ---------------------------------------------------------------------------------------------
// Event detection on labelled sentences (`rasd eval events --gsr`, docs/eval.md).
//
// - Gold: the arabic_event_gsr CSV form (RFC 4180, a header line naming at least the columns
//   id, event_type, label and text): one news sentence a row, labelled "yes" (it reports an
//   event of event_type, ASSAULT or PROTEST), "easy no", "difficult no" or "ambiguous" (left
//   out of the scores).
// - Each sentence is coded alone (text, ner, time, events), as an article without publication
//   date. rasd detects it when it codes an event of the row's type that is reported as having
//   happened: status occurred or claimed, not negated. Intended, requested and denied events,
//   and the same words used for plans, hypotheses or questions, are not reports.
// - Scores: precision, recall and F1 of "yes" against both kinds of "no", per type; the false
//   detections split by kind of "no".
// - Actors (GsrOptions::spans_path, the *_spans.json of the same corpus: the coders' source and
//   target actors of "yes" sentences with CAMEO-style codes, main = country or "None", role =
//   sector): for each detected "yes" sentence with a coded source (or target), whether the
//   event's actor code agrees with one coder's (country, or none for "None", and sector).
struct GsrActorAgreement {
  int64_t compared = 0;  // detected "yes" sentences whose coders gave this actor a code
  int64_t country = 0;   // rasd's country is one coder's country (or both have none)
  int64_t code = 0;      // country and sector both agree
};

struct GsrTypeScores {
  Prf detection;
  int64_t easy_no = 0, difficult_no = 0, ambiguous = 0;  // gold rows of each kind
  int64_t false_easy = 0, false_difficult = 0;             // detections on each kind of "no"
  GsrActorAgreement source, target;
};

// One scored sentence, for reading the errors.
struct GsrRow {
  std::string id, type, label;
  bool detected = false;
  std::string text;
  std::vector<std::string> glosses;  // events of the row's type, with status
};

struct GsrScores {
  int64_t rows = 0;
  std::map<std::string, GsrTypeScores> by_type;  // "ASSAULT", "PROTEST"
  std::vector<GsrRow> errors;  // missed "yes" and detected "no" rows, in file order
  double seconds = 0;
  std::string ToString() const;  // one line a type
};

struct GsrOptions {
  std::string spans_path;  // "" = no actor scores
  // A sentence reports an event of its type when rasd reports one there (not negated, not
  // referred to, occurred or claimed) with at least this confidence.
  double min_confidence = events::kReportedConfidence;
};

// Fails on a missing file, malformed CSV, a header without the required columns, an unknown
// label or type, or a malformed spans file (each message names the file and the row).
Result<GsrScores> EvalEventsGsr(const text::Analyzer& analyzer, const ner::Recognizer& recognizer,
                                const time::Tagger& tagger, const events::Coder& coder,
                                const std::string& gold_path, const GsrOptions& options);

// ---------------------------------------------------------------------------------------------
// Events against a gold written for whole articles (`rasd eval events --gold`, docs/eval.md).
//
// - Gold: JSONL, one document a line (blank and `#` lines are comments): "doc" (the file,
//   relative to EventsGoldOptions::pages_dir, default the gold file's folder), "record" (the
//   1-based line of a JSONL file, else absent), "published" (YYYY-MM-DD or ""), "events": every
//   event the article reports, each {"type": PLOVER type, "source": country (ISO alpha-3) or IGO
//   code or "" when the text does not name it, "target": the same, "date": the event's ISO
//   date or "" when the text gives none, "status": occurred|claimed|denied|intended|requested,
//   "historical": true for background before the publication date (optional, default false),
//   "note": free text (optional)}. A document with no event is listed with "events": [].
// - Each document goes through ingest and clean and is coded (text, ner, time, events) with the
//   gold's publication date. A system event's side is its country, else its actor code (an IGO).
// - Matching: a system event matches a gold event of the same document and type when the dyad
//   agrees: source with source and target with target, either order for the symmetric types
//   (CONSULT, AGREE, COOPERATE); a gold side "" agrees with anything. Each event matches at
//   most once: gold events naming both sides pair first, then those naming one, then the
//   rest, each with the first free system event that fits (one with its status if any).
// - Scores: precision, recall, F1 overall and per type; over matched pairs, date accuracy (gold
//   date given: rasd's when.value is it, or a finer date within it: 2020-09-27 for 2020-09),
//   status accuracy, historical accuracy.
struct EventsGoldScores {
  int64_t documents = 0;
  Prf overall;
  std::map<std::string, Prf> by_type;
  int64_t dated = 0, date_correct = 0;        // matched pairs whose gold has a date
  int64_t matched = 0, status_correct = 0, historical_correct = 0;
  std::vector<std::string> missed;  // "doc: TYPE SRC>TGT date status" of unmatched gold events
  std::vector<std::string> extra;   // "doc: gloss (status)" of unmatched system events
  // "doc: TYPE SRC>TGT date status: rasd's date" of matched pairs whose dates disagree.
  std::vector<std::string> wrong_dates;
  // rasd's events by confidence, [low, high) (the last band takes 1 too): how many, and how
  // many a gold event matched.
  struct ConfidenceBand {
    double low = 0, high = 0;
    int64_t events = 0, matched = 0;
  };
  std::vector<ConfidenceBand> by_confidence = {{0, 0.3}, {0.3, 0.5}, {0.5, 0.7}, {0.7, 1}};
  std::string ToString() const;     // one line
};

struct EventsGoldOptions {
  std::string pages_dir;  // "" = the gold file's folder
};

// Fails on a missing or malformed gold file (file and line named), a document that is missing,
// rejected or empty after cleaning, or a record that is not in its JSONL file.
Result<EventsGoldScores> EvalEventsGold(const text::Analyzer& analyzer,
                                        const ner::Recognizer& recognizer,
                                        const time::Tagger& tagger, const events::Coder& coder,
                                        const std::string& gold_path,
                                        const EventsGoldOptions& options);

// Near-duplicate articles (`rasd eval dedup`, docs/eval.md):
// - Gold: TSV, one group of copies a line: the original's document, then its copies, separated
//   by tabs (blank lines and `#` lines are comments). A document is named as ingest names its
//   source when rasd runs where the gold's inputs are given from (the repository's root for
//   tests/testdata/dedup-gold/): the path, with ":LINE" for a JSONL record. Every document of
//   the inputs that no line names is an original without copies. A name the inputs do not
//   hold, or named twice, is an error.
// - System: every document of the inputs, in ingest's order, cleaned (clean::Cleaner), given
//   its article id (XXH3-128 of the normalised text) and its dedup signature, and checked
//   against the dedup index as the pipeline does: a document with the id of an earlier one is
//   an exact copy of it, a near copy names its indexed original.
// - Scores: pairs of documents in one group (an original and a copy, or two copies of one
//   original), as sets of unordered pairs; P, R and F1 over them. Links: copies whose system
//   original is the gold's.
struct DedupPair {
  std::string a, b;       // document names, a before b in the input
  double similarity = 0;  // estimated Jaccard of the two (dedup::Similarity); 1 for equal ids
};

struct DedupScores {
  Prf pairs;
  int64_t documents = 0;
  int64_t gold_copies = 0;
  int64_t linked_right = 0;  // copies whose system original is the gold's original
  // The margin around the threshold: the least similar gold pair and the most similar pair
  // of documents the gold keeps apart (every pair of the inputs is compared for this).
  DedupPair least_similar_copies;
  DedupPair most_similar_others;
  std::vector<DedupPair> missed;  // gold pairs the system did not group
  std::vector<DedupPair> wrong;   // system pairs the gold does not group
};

Result<DedupScores> EvalDedup(const text::Analyzer& analyzer, const std::string& gold_path,
                              const std::vector<std::string>& inputs);

// Stories (`rasd eval stories`, docs/eval.md):
// - Gold: TSV, one story a line: a name, the PLOVER type, then the documents that report it,
//   tab-separated (blank lines and `#` lines are comments); documents named as for dedup. The
//   gold lists every event that more than one document of its inputs reports; a story of one
//   document gives no pair and may be left out. A document named twice in one story, or an
//   unknown type, is an error.
// - System: the events the pipeline stored with a story id, each with its article's document.
// - Scores: same-story pairs of documents, each pair with the story's type, as sets of
//   (type, unordered pair of distinct documents); P, R and F1 over them. Two events of one
//   document are not a pair: a headline and a body restating one event are not two sources.
struct StoryMember {
  std::string document;  // as ingest names its source
  std::string story;     // Event::story
  EventType type = EventType::kUnknown;
};

struct StoryPair {
  EventType type = EventType::kUnknown;
  std::string a, b;  // document names, a < b
  auto operator<=>(const StoryPair&) const = default;
};

struct StoryScores {
  Prf pairs;
  int64_t gold_stories = 0;
  int64_t system_stories = 0;     // with events from more than one document
  std::vector<StoryPair> missed;  // gold pairs the system did not group
  std::vector<StoryPair> wrong;   // system pairs the gold does not group
};

Result<StoryScores> EvalStories(const std::string& gold_path,
                                const std::vector<StoryMember>& system);

}  // namespace rasd::eval

#endif  // RASD_EVAL_EVAL_H_
