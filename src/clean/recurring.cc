// RecurringLines: boilerplate lines learned from the documents of one site (clean.h).
#include <algorithm>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "clean/clean_internal.h"
#include "core/hash.h"

namespace rasd::clean {
namespace {

constexpr int kMinWords = 2;
constexpr int kMaxWords = 12;

// The site of a document: its outlet, else the folder of its file ("corpus/a.jsonl:12" and
// "corpus/b.txt" are both "corpus").
std::string SiteOf(const ingest::RawDocument& raw) {
  if (!raw.outlet.empty()) return "outlet:" + raw.outlet;
  std::string_view source = raw.source;
  const size_t slash = source.rfind('/');
  return "folder:" + std::string(slash == std::string_view::npos ? "" : source.substr(0, slash));
}

}  // namespace

uint64_t RecurringLineKey(std::string_view line) {
  const std::string key = FoldForMatching(line);
  size_t words = 0;
  for (size_t i = 0; i < key.size();) {
    while (i < key.size() && key[i] == ' ') ++i;
    if (i >= key.size()) break;
    ++words;
    while (i < key.size() && key[i] != ' ') ++i;
  }
  if (words < kMinWords || words > kMaxWords) return 0;
  return Hash64(key) | 1;  // never 0, which means "not a candidate"
}

std::vector<uint64_t> RecurringLines::Learn(const ingest::RawDocument& raw) {
  std::vector<uint64_t> recurring;
  if (raw.format == "html") return recurring;
  std::vector<uint64_t> keys;
  std::string_view body = raw.body;
  LineBreaks body_breaks(body);
  for (size_t pos = 0; pos < body.size();) {
    size_t brk = body_breaks.Next(pos);
    if (brk == std::string_view::npos) brk = body.size();
    if (const uint64_t key = RecurringLineKey(body.substr(pos, brk - pos)); key != 0) {
      keys.push_back(key);
    }
    pos = brk + 1;
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::unordered_map<uint64_t, uint32_t>& counts = sites_[SiteOf(raw)];
  for (const uint64_t key : keys) {
    uint32_t& n = counts[key];
    if (n >= kMinDocuments) recurring.push_back(key);
    ++n;
  }
  if (counts.size() > kMaxLinesPerSite) {
    // Most lines are met once (article text): forget those, keep what recurs.
    std::erase_if(counts, [](const auto& entry) { return entry.second <= 1; });
  }
  return recurring;
}

}  // namespace rasd::clean
