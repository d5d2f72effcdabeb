// `rasd eval ner`: rasd's mentions on the text of a CoNLL/ANERcorp-style BIO file, scored as
// conlleval scores chunks.
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "eval/eval.h"
#include "ner/ner.h"

namespace rasd::eval {
namespace {

using Clock = std::chrono::steady_clock;

struct GoldToken {
  std::string form;
  std::string tag;  // as written: "B-LOC", "I-PERS", "O"
  Span span;        // in the document text
};

struct GoldSentence {
  int64_t line = 0;  // of its first token
  std::vector<GoldToken> tokens;
};

// The type of a tag ("B-LOC" -> "LOC", "O" -> "") and whether it is an I- tag.
std::string_view TagType(std::string_view tag) {
  if (tag.size() > 2 && tag[1] == '-') return tag.substr(2);
  return {};
}

Result<std::vector<GoldSentence>> ReadBio(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<GoldSentence> sentences;
  GoldSentence current;
  std::string line;
  int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!current.tokens.empty()) sentences.push_back(std::move(current));
      current = {};
      continue;
    }
    if (line.starts_with("-DOCSTART-")) continue;
    // TOKEN TAG, separated by a space or a tab; the tag is the last field (CoNLL 2003 files
    // carry POS and chunk columns between).
    const size_t sep = line.find_last_of(" \t");
    if (sep == std::string::npos || sep == 0) {
      return Status::InvalidInput(path + ":" + std::to_string(number) +
                                  ": expected 'TOKEN TAG', got '" + line + "'");
    }
    const std::string tag = line.substr(sep + 1);
    const size_t first_sep = line.find_first_of(" \t");
    const std::string form = line.substr(0, first_sep);
    if (tag != "O" && !((tag.starts_with("B-") || tag.starts_with("I-")) && tag.size() > 2)) {
      return Status::InvalidInput(path + ":" + std::to_string(number) + ": tag '" + tag +
                                  "' is not O, B-TYPE or I-TYPE");
    }
    if (current.tokens.empty()) current.line = number;
    current.tokens.push_back({form, tag, {}});
  }
  if (!current.tokens.empty()) sentences.push_back(std::move(current));
  if (sentences.empty()) return Status::InvalidInput(path + ": no tokens");
  return sentences;
}

// conlleval's chunks of a tag sequence: (type, first token, last token). A chunk starts at a
// B- tag, at an I- tag after O or after a chunk of another type, and ends before the next
// start, O, or a tag of another type.
struct Chunk {
  std::string type;
  size_t first = 0, last = 0;
  auto operator<=>(const Chunk&) const = default;
};
std::vector<Chunk> Chunks(const std::vector<std::string>& tags) {
  std::vector<Chunk> out;
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string_view type = TagType(tags[i]);
    if (type.empty()) continue;
    const bool continues =
        tags[i][0] == 'I' && !out.empty() && out.back().last + 1 == i && out.back().type == type;
    if (continues) {
      out.back().last = i;
    } else {
      out.push_back({std::string(type), i, i});
    }
  }
  return out;
}

// The ANERcorp type of a mention, or "" for mentions that are not names there: roles
// (الوزير الروسي), nationality adjectives (الروسي) and bodies described by a title and their
// country (الحكومة السودانية, الجيش الإسرائيلي, وزارة الخارجية الأمريكية) are O in
// ANERcorp-style gold, which tags no government, ministry, army or police so described.
std::string_view MentionType(const Mention& m) {
  if (m.kind == MentionKind::kRole || m.kind == MentionKind::kNationality ||
      m.kind == MentionKind::kBody) {
    return {};
  }
  switch (m.type) {
    case EntityType::kPerson:
      return "PERS";
    case EntityType::kCountry:
    case EntityType::kPlace:
      return "LOC";
    case EntityType::kOrganization:
    case EntityType::kIgo:
    case EntityType::kGroup:
      return "ORG";
    case EntityType::kUnknown:
      return {};
  }
  return {};
}

}  // namespace

std::string NerScores::ToString() const {
  std::ostringstream out;
  out << "sentences=" << sentences << " tokens=" << tokens << " micro " << micro.ToString();
  for (const auto& [type, prf] : by_type) out << " " << type << " F1=" << prf.f1;
  return out.str();
}

Result<NerScores> EvalNer(const text::Analyzer& analyzer, const ner::Recognizer& recognizer,
                          const std::string& gold_path, const NerOptions& options) {
  const Clock::time_point start = Clock::now();
  ASSIGN_OR_RETURN(std::vector<GoldSentence> sentences, ReadBio(gold_path));
  NerScores scores;
  scores.sentences = static_cast<int64_t>(sentences.size());
  std::ofstream predictions;
  if (!options.predictions_path.empty()) {
    predictions.open(options.predictions_path, std::ios::binary | std::ios::trunc);
    if (!predictions) return Status::IoError(options.predictions_path + ": cannot write");
  }
  std::map<std::string, int64_t> gold_count, system_count, correct_count;
  const size_t per_document = std::max<size_t>(1, options.sentences_per_document);
  for (size_t begin = 0; begin < sentences.size(); begin += per_document) {
    const size_t end = std::min(sentences.size(), begin + per_document);
    // The document: one sentence a line, its tokens joined by spaces.
    std::string text;
    for (size_t s = begin; s < end; ++s) {
      for (size_t t = 0; t < sentences[s].tokens.size(); ++t) {
        GoldToken& tok = sentences[s].tokens[t];
        if (t > 0) text += ' ';
        tok.span = {static_cast<uint32_t>(text.size()),
                    static_cast<uint32_t>(text.size() + tok.form.size())};
        text += tok.form;
      }
      text += '\n';
    }
    const Clock::time_point t0 = Clock::now();
    const text::Analysis analysis = analyzer.Analyze(text);
    const std::vector<Mention> mentions = recognizer.Recognize(text, analysis);
    scores.recognize_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    scores.bytes += text.size();

    // System tags: each mention covers the gold tokens its span overlaps; where two mentions
    // meet in one token (a clitic-joined pair), the first keeps it.
    size_t m = 0;
    for (size_t s = begin; s < end; ++s) {
      const std::vector<GoldToken>& toks = sentences[s].tokens;
      std::vector<std::string> gold(toks.size()), system(toks.size(), "O");
      for (size_t t = 0; t < toks.size(); ++t) gold[t] = toks[t].tag;
      const uint32_t sentence_end = toks.back().span.end;
      while (m < mentions.size() && mentions[m].span.start < sentence_end) {
        const Mention& mention = mentions[m++];
        const std::string_view type = MentionType(mention);
        if (type.empty()) continue;
        bool first = true;
        for (size_t t = 0; t < toks.size(); ++t) {
          if (toks[t].span.end <= mention.span.start || toks[t].span.start >= mention.span.end) {
            continue;
          }
          if (system[t] != "O") {
            first = false;
            continue;
          }
          system[t] = (first ? "B-" : "I-") + std::string(type);
          first = false;
        }
      }
      scores.tokens += static_cast<int64_t>(toks.size());
      const std::vector<Chunk> gold_chunks = Chunks(gold), system_chunks = Chunks(system);
      for (const Chunk& c : gold_chunks) ++gold_count[c.type];
      for (const Chunk& c : system_chunks) ++system_count[c.type];
      const std::set<Chunk> gold_set(gold_chunks.begin(), gold_chunks.end());
      for (const Chunk& c : system_chunks) {
        if (gold_set.contains(c)) ++correct_count[c.type];
      }
      if (predictions.is_open()) {
        for (size_t t = 0; t < toks.size(); ++t) {
          predictions << toks[t].form << ' ' << toks[t].tag << ' ' << system[t] << '\n';
        }
        predictions << '\n';
      }
    }
  }
  int64_t gold = 0, system = 0, correct = 0;
  for (const char* type : {"PERS", "LOC", "ORG", "MISC"}) {
    scores.by_type[type] = MakePrf(gold_count[type], system_count[type], correct_count[type]);
  }
  for (const char* type : {"PERS", "LOC", "ORG"}) {
    gold += gold_count[type];
    system += system_count[type];
    correct += correct_count[type];
  }
  scores.micro = MakePrf(gold, system, correct);
  if (predictions.is_open() && !predictions.flush()) {
    return Status::IoError(options.predictions_path + ": write failed");
  }
  scores.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return scores;
}

}  // namespace rasd::eval
