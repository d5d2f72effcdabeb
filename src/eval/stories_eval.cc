// The story scorer (eval.h, "Stories").
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "eval/eval.h"
#include "eval/gold_lines.h"

namespace rasd::eval {
namespace {

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

// Every pair of distinct documents of one story, with its type.
void AddPairs(EventType type, const std::set<std::string>& documents, std::set<StoryPair>& pairs) {
  for (auto i = documents.begin(); i != documents.end(); ++i) {
    for (auto j = std::next(i); j != documents.end(); ++j) pairs.insert({type, *i, *j});
  }
}

}  // namespace

Result<StoryScores> EvalStories(const std::string& gold_path,
                                const std::vector<StoryMember>& system) {
  ASSIGN_OR_RETURN(std::string gold_text, ReadFile(gold_path, "gold file"));
  StoryScores scores;
  std::set<StoryPair> gold;
  std::istringstream lines(gold_text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = gold_path + ":" + std::to_string(number) + ": ";
    const std::vector<std::string> fields = SplitTabs(line);
    if (fields.size() < 3) {
      return Status::InvalidInput(where + "expected a name, a type and documents, tab-separated");
    }
    const EventType type = EventTypeFromName(fields[1]);
    if (type == EventType::kUnknown) {
      return Status::InvalidInput(where + "unknown event type '" + fields[1] + "'");
    }
    std::set<std::string> documents;
    for (size_t i = 2; i < fields.size(); ++i) {
      if (fields[i].empty()) return Status::InvalidInput(where + "empty document name");
      if (!documents.insert(fields[i]).second) {
        return Status::InvalidInput(where + "document named twice: " + fields[i]);
      }
    }
    ++scores.gold_stories;
    AddPairs(type, documents, gold);
  }

  std::map<std::string, std::pair<EventType, std::set<std::string>>> stories;
  for (const StoryMember& m : system) {
    if (m.story.empty()) continue;
    auto& [type, documents] = stories[m.story];
    type = m.type;
    documents.insert(m.document);
  }
  std::set<StoryPair> found;
  for (const auto& [id, story] : stories) {
    if (story.second.size() > 1) ++scores.system_stories;
    AddPairs(story.first, story.second, found);
  }

  int64_t correct = 0;
  for (const StoryPair& p : found) {
    if (gold.contains(p)) {
      ++correct;
    } else {
      scores.wrong.push_back(p);
    }
  }
  for (const StoryPair& p : gold) {
    if (!found.contains(p)) scores.missed.push_back(p);
  }
  scores.pairs =
      MakePrf(static_cast<int64_t>(gold.size()), static_cast<int64_t>(found.size()), correct);
  return scores;
}

}  // namespace rasd::eval
