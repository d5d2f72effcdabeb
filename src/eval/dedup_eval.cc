// The near-duplicate scorer (eval.h, "Near-duplicate articles").
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "clean/clean.h"
#include "core/hash.h"
#include "dedup/dedup.h"
#include "eval/eval.h"
#include "eval/gold_lines.h"
#include "ingest/ingest.h"

namespace rasd::eval {
namespace {

struct Document {
  std::string name;
  dedup::Signature signature;
};

// Every unordered pair of documents with the same original, the earlier document first.
std::set<std::pair<size_t, size_t>> GroupPairs(const std::vector<size_t>& original) {
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < original.size(); ++i) groups[original[i]].push_back(i);
  std::set<std::pair<size_t, size_t>> pairs;
  for (const auto& [first, members] : groups) {
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) pairs.emplace(members[i], members[j]);
    }
  }
  return pairs;
}

}  // namespace

Result<DedupScores> EvalDedup(const text::Analyzer& analyzer, const std::string& gold_path,
                              const std::vector<std::string>& inputs) {
  ASSIGN_OR_RETURN(std::string gold_text, ReadFile(gold_path, "gold file"));

  // The system: every document of the inputs in order, through the dedup index.
  ingest::Reader reader(inputs, {});
  clean::Cleaner cleaner;
  clean::RecurringLines recurring;
  dedup::Index index;
  std::vector<Document> docs;
  std::map<std::string, size_t> by_name;
  std::map<std::string, size_t> by_article_id;  // article id -> first document with it
  std::map<std::string, size_t> original_of;    // article id of an original -> its document
  std::vector<size_t> system_original;          // document -> its original (itself if none)
  while (std::optional<ingest::Item> item = reader.Next()) {
    if (item->kind != ingest::ItemKind::kDocument) continue;
    const ingest::RawDocument& raw = item->document;
    Result<clean::Cleaned> cleaned = cleaner.Clean(raw, recurring.Learn(raw));
    if (!cleaned.ok()) continue;
    const std::string& text = cleaned->article.text;
    const std::string id = Hash128Hex(analyzer.normalizer().Key(text));
    const size_t n = docs.size();
    docs.push_back({raw.source, dedup::Sign(analyzer.Analyze(text))});
    by_name.emplace(raw.source, n);
    if (auto same = by_article_id.find(id); same != by_article_id.end()) {
      system_original.push_back(system_original[same->second]);
      continue;
    }
    by_article_id.emplace(id, n);
    if (std::optional<dedup::Match> m = index.Check(id, docs.back().signature)) {
      system_original.push_back(original_of.at(m->original));
    } else {
      original_of.emplace(id, n);
      system_original.push_back(n);
    }
  }

  // The gold groups.
  DedupScores scores;
  scores.documents = static_cast<int64_t>(docs.size());
  std::vector<size_t> gold_original(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) gold_original[i] = i;
  std::map<size_t, int64_t> named_on;  // document -> gold line naming it
  RETURN_IF_ERROR(ForEachLine(gold_text, [&](int64_t number, std::string_view line) -> Status {
    const std::string where = gold_path + ":" + std::to_string(number) + ": ";
    std::vector<size_t> members;
    size_t pos = 0;
    while (pos <= line.size()) {
      size_t tab = line.find('\t', pos);
      if (tab == std::string_view::npos) tab = line.size();
      const std::string name(line.substr(pos, tab - pos));
      pos = tab + 1;
      if (name.empty()) continue;
      auto doc = by_name.find(name);
      if (doc == by_name.end()) {
        return Status::InvalidInput(where + "no document '" + name + "' in the inputs");
      }
      if (auto [it, added] = named_on.emplace(doc->second, number); !added) {
        return Status::InvalidInput(where + "'" + name + "' is already in the group of line " +
                                    std::to_string(it->second));
      }
      members.push_back(doc->second);
    }
    if (members.size() < 2) {
      return Status::InvalidInput(where + "a group needs an original and at least one copy");
    }
    for (size_t i = 1; i < members.size(); ++i) gold_original[members[i]] = members[0];
    scores.gold_copies += static_cast<int64_t>(members.size()) - 1;
    return Status::Ok();
  }));

  const std::set<std::pair<size_t, size_t>> gold = GroupPairs(gold_original);
  const std::set<std::pair<size_t, size_t>> system = GroupPairs(system_original);
  int64_t correct = 0;
  auto pair_of = [&](const std::pair<size_t, size_t>& p) {
    return DedupPair{docs[p.first].name, docs[p.second].name,
                     dedup::Similarity(docs[p.first].signature, docs[p.second].signature)};
  };
  for (const auto& p : system) {
    if (gold.count(p) != 0) {
      ++correct;
    } else {
      scores.wrong.push_back(pair_of(p));
    }
  }
  for (const auto& p : gold) {
    if (system.count(p) == 0) scores.missed.push_back(pair_of(p));
  }
  scores.least_similar_copies.similarity = 1;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = i + 1; j < docs.size(); ++j) {
      const DedupPair p = pair_of({i, j});
      if (gold.count({i, j}) != 0) {
        if (p.similarity <= scores.least_similar_copies.similarity) scores.least_similar_copies = p;
      } else if (p.similarity > scores.most_similar_others.similarity) {
        scores.most_similar_others = p;
      }
    }
  }
  scores.pairs =
      MakePrf(static_cast<int64_t>(gold.size()), static_cast<int64_t>(system.size()), correct);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (gold_original[i] != i && system_original[i] == gold_original[i]) ++scores.linked_right;
  }
  return scores;
}

}  // namespace rasd::eval
