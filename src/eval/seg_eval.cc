// `rasd eval seg`: the raw text of a gold file, rasd's segmentation of it, the CoNLL 2018
// scores, and rasd's predictions in the gold file's own format.
#include <unicode/utf8.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "eval/seg_internal.h"

namespace rasd::eval {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// compact[b]: how many bytes of `text` before byte b are not whitespace, for b in
// [0, text.size()]; a byte inside a character counts as that character's start.
std::vector<uint32_t> CompactOffsets(std::string_view text) {
  std::vector<uint32_t> compact(text.size() + 1, 0);
  const auto n = static_cast<int32_t>(text.size());
  uint32_t kept = 0;
  for (int32_t i = 0; i < n;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    const bool space = c >= 0 && IsSpace(static_cast<char32_t>(c));
    for (int32_t k = begin; k < i; ++k) {
      compact[static_cast<size_t>(k)] = kept;
      if (!space) ++kept;
    }
  }
  compact[text.size()] = kept;
  return compact;
}

// The tokens of a gold sentence written as text: a space after each but the last, except
// where SpaceAfter=No says otherwise.
std::string JoinTokens(const GoldSentence& s) {
  std::string out;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    out += s.tokens[i].form;
    if (i + 1 < s.tokens.size() && s.tokens[i].space_after) out += ' ';
  }
  return out;
}

// `text` with every run of whitespace made one space, trimmed: for `# text` lines.
std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// One text rasd segments: a CoNLL-U document (or the whole file) or a word/UPOS line.
struct Chunk {
  std::string text;
  size_t first_sentence = 0;  // gold sentences [first_sentence, end_sentence)
  size_t end_sentence = 0;
};

// rasd's reading of a chunk.
struct SystemToken {
  Span span;                       // in Chunk::text
  Range range;                     // in the compact text of the whole file
  std::vector<std::string> words;  // Analyzer::Segments of the token
};
struct SystemSentence {
  std::vector<SystemToken> tokens;  // only tokens with characters other than whitespace
};

class Evaluator {
 public:
  // `gold` must outlive the evaluator; `name` names it in messages. With `predict`, rasd's
  // output is kept in the gold file's format (predictions()).
  Evaluator(const text::Analyzer& analyzer, const GoldFile& gold, std::string_view name,
            bool predict)
      : analyzer_(analyzer), gold_(gold), name_(name), predict_(predict) {}

  Status Run() {
    for (const Chunk& chunk : Chunks()) RETURN_IF_ERROR(Process(chunk));
    return Status::Ok();
  }

  const Segmentation& gold() const { return gold_seg_; }
  const Segmentation& system() const { return system_seg_; }
  const std::string& predictions() const { return predictions_; }
  int64_t texts_rebuilt() const { return texts_rebuilt_; }
  double segment_seconds() const { return segment_seconds_; }

 private:
  bool conllu() const { return gold_.format == "conllu"; }

  // A CoNLL-U sentence's raw text: `# text` when it holds exactly the tokens' characters.
  std::string SentenceText(const GoldSentence& s) {
    std::string joined = JoinTokens(s);
    if (!conllu()) return joined;
    if (!s.text.empty() && RemoveSpaces(s.text) == RemoveSpaces(joined)) return s.text;
    ++texts_rebuilt_;
    return joined;
  }

  std::vector<Chunk> Chunks() {
    std::vector<Chunk> chunks;
    const std::vector<GoldSentence>& sentences = gold_.sentences;
    for (size_t i = 0; i < sentences.size(); ++i) {
      const GoldSentence& s = sentences[i];
      const bool new_chunk = chunks.empty() || !conllu() || s.new_document;
      if (new_chunk) {
        chunks.push_back(Chunk{"", i, i});
      } else {
        chunks.back().text += s.new_paragraph ? "\n\n" : " ";
      }
      chunks.back().text += SentenceText(s);
      chunks.back().end_sentence = i + 1;
    }
    return chunks;
  }

  Status Process(const Chunk& chunk) {
    const text::Normalizer& normalizer = analyzer_.normalizer();
    // Gold: token ranges follow from the forms, whose characters the chunk text holds in order.
    const uint32_t base = position_;
    for (size_t i = chunk.first_sentence; i < chunk.end_sentence; ++i) {
      const GoldSentence& s = gold_.sentences[i];
      const uint32_t start = position_;
      for (const GoldToken& t : s.tokens) {
        const auto size = static_cast<uint32_t>(RemoveSpaces(t.form).size());
        AppendToken(gold_seg_, {position_, position_ + size}, t.words, t.multiword, &normalizer);
        position_ += size;
      }
      if (position_ > start) gold_seg_.sentences.push_back({start, position_});
    }

    // System: rasd's sentences, tokens and segments of the same text.
    const Clock::time_point t0 = Clock::now();
    const text::Analysis analysis = analyzer_.Analyze(chunk.text);
    std::vector<std::vector<std::string>> segments(analysis.tokens.size());
    for (size_t k = 0; k < analysis.tokens.size(); ++k) {
      segments[k] = analyzer_.Segments(analysis.tokens[k].span.In(chunk.text));
    }
    segment_seconds_ += SecondsSince(t0);

    const std::vector<uint32_t> compact = CompactOffsets(chunk.text);
    if (base + compact.back() != position_) {
      return Status::Internal(name_ + ":" +
                              std::to_string(gold_.sentences[chunk.first_sentence].line) +
                              ": the raw text does not hold the gold tokens' characters");
    }
    std::vector<SystemSentence> sentences;
    for (const Sentence& s : analysis.sentences) {
      SystemSentence sentence;
      for (uint32_t k = s.first_token; k < s.end_token && k < analysis.tokens.size(); ++k) {
        SystemToken t;
        t.span = analysis.tokens[k].span;
        t.range = {base + compact[t.span.start], base + compact[t.span.end]};
        if (t.range.end <= t.range.start) continue;  // nothing but whitespace
        for (std::string& w : segments[k]) {
          if (!w.empty()) t.words.push_back(std::move(w));
        }
        if (t.words.empty()) t.words.emplace_back(t.span.In(chunk.text));
        // A token Segments does not split is a plain word, aligned by its range.
        AppendToken(system_seg_, t.range, t.words, t.words.size() > 1, &normalizer);
        sentence.tokens.push_back(std::move(t));
      }
      if (sentence.tokens.empty()) continue;
      system_seg_.sentences.push_back(
          {sentence.tokens.front().range.start, sentence.tokens.back().range.end});
      sentences.push_back(std::move(sentence));
    }
    if (predict_) WritePredictions(chunk, sentences);
    return Status::Ok();
  }

  void WritePredictions(const Chunk& chunk, const std::vector<SystemSentence>& sentences) {
    std::string& out = predictions_;
    if (!conllu()) {
      // One line per gold line: split tokens as surface `_` + words `X`, others `X`.
      std::string forms;
      std::string tags;
      auto item = [&](std::string_view form, std::string_view tag) {
        if (!forms.empty()) {
          forms += ' ';
          tags += ' ';
        }
        forms += form;
        tags += tag;
      };
      for (const SystemSentence& s : sentences) {
        for (const SystemToken& t : s.tokens) {
          if (t.words.size() > 1) {
            item(t.span.In(chunk.text), "_");
            for (const std::string& w : t.words) item(w, "X");
          } else {
            item(t.span.In(chunk.text), "X");
          }
        }
      }
      out += forms + "\t" + tags + "\n";
      return;
    }
    const bool new_document = gold_.sentences[chunk.first_sentence].new_document;
    for (size_t i = 0; i < sentences.size(); ++i) {
      const SystemSentence& s = sentences[i];
      if (i == 0 && new_document) out += "# newdoc\n";
      out += "# sent_id = " + std::to_string(++sentences_written_) + "\n";
      const uint32_t start = s.tokens.front().span.start;
      const uint32_t end = s.tokens.back().span.end;
      out += "# text = " + OneLine(std::string_view(chunk.text).substr(start, end - start)) + "\n";
      static constexpr std::string_view kRest = "\t_\t_\t_\t_\t_\t_\t_\t_\n";
      size_t id = 1;
      for (const SystemToken& t : s.tokens) {
        if (t.words.size() > 1) {
          out += std::to_string(id) + "-" + std::to_string(id + t.words.size() - 1) + "\t";
          out += t.span.In(chunk.text);
          out += kRest;
          for (const std::string& w : t.words) {
            out += std::to_string(id++) + "\t" + w;
            out += kRest;
          }
        } else {
          out += std::to_string(id++) + "\t" + t.words.front();
          out += kRest;
        }
      }
      out += "\n";
    }
  }

  const text::Analyzer& analyzer_;
  const GoldFile& gold_;
  const std::string name_;
  const bool predict_;
  std::string predictions_;
  Segmentation gold_seg_;
  Segmentation system_seg_;
  uint32_t position_ = 0;  // compact offset where the next chunk starts
  int64_t texts_rebuilt_ = 0;
  int64_t sentences_written_ = 0;
  double segment_seconds_ = 0;
};

}  // namespace

Result<SegScores> EvalSegmentationContent(const text::Analyzer& analyzer, std::string_view content,
                                          std::string_view name, const SegOptions& options) {
  const Clock::time_point t0 = Clock::now();
  if (!options.format.empty() && options.format != "conllu" && options.format != "word-upos") {
    return Status::InvalidArgument("unknown gold format '" + options.format +
                                   "' (conllu or word-upos)");
  }
  ASSIGN_OR_RETURN(GoldFile gold, ReadGold(content, name, options.format));
  const bool predict = !options.predictions_path.empty();
  Evaluator evaluator(analyzer, gold, name, predict);
  RETURN_IF_ERROR(evaluator.Run());

  SegScores scores =
      ScoreSegmentation(evaluator.gold(), evaluator.system(), gold.format == "conllu");
  scores.format = gold.format;
  scores.sentences_read = static_cast<int64_t>(gold.sentences.size());
  scores.fused_tokens = gold.fused_tokens;
  scores.fused_unresolved = gold.fused_unresolved;
  scores.texts_rebuilt = evaluator.texts_rebuilt();
  scores.segment_seconds = evaluator.segment_seconds();

  if (predict) {
    std::ofstream out(options.predictions_path, std::ios::binary | std::ios::trunc);
    out << evaluator.predictions();
    out.close();
    if (!out) {
      return Status::IoError(options.predictions_path + ": cannot write the predictions");
    }
  }
  scores.seconds = SecondsSince(t0);
  return scores;
}

Result<SegScores> EvalSegmentation(const text::Analyzer& analyzer, const std::string& gold_path,
                                   const SegOptions& options) {
  const Clock::time_point t0 = Clock::now();
  std::error_code ec;
  if (!std::filesystem::exists(gold_path, ec)) {
    return Status::NotFound(gold_path + ": no such file");
  }
  if (std::filesystem::is_directory(gold_path, ec)) {
    return Status::InvalidArgument(gold_path + ": is a folder, not a gold file");
  }
  std::ifstream in(gold_path, std::ios::binary);
  if (!in) return Status::IoError(gold_path + ": cannot open");
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(gold_path + ": cannot read");
  const double read_seconds = SecondsSince(t0);
  ASSIGN_OR_RETURN(SegScores scores,
                   EvalSegmentationContent(analyzer, content, gold_path, options));
  scores.seconds += read_seconds;
  return scores;
}

}  // namespace rasd::eval
