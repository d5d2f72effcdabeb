// Helpers shared by the ingest tests: a temporary directory, and items printed one a line.
#ifndef RASD_INGEST_TEST_UTIL_H_
#define RASD_INGEST_TEST_UTIL_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace rasd::ingest {

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("rasd-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
             "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    // Restore permissions a test took away, or remove_all cannot descend.
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ec);
    }
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Path(const std::string& rel = "") const {
    return rel.empty() ? path_.string() : (path_ / rel).string();
  }
  std::string Write(const std::string& rel, const std::string& content) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

inline bool RunningAsRoot() { return ::geteuid() == 0; }

inline std::vector<Item> ReadAll(Reader& reader) {
  std::vector<Item> items;
  while (std::optional<Item> item = reader.Next()) items.push_back(std::move(*item));
  return items;
}

// One line per item, paths relative to `base`: "document a.txt txt", "rejection b.jsonl:2
// malformed-json", "skip README.md".
inline std::string Describe(const Item& item, const std::string& base) {
  auto rel = [&](std::string s) {
    if (!base.empty() && s.rfind(base + "/", 0) == 0) s.erase(0, base.size() + 1);
    return s;
  };
  switch (item.kind) {
    case ItemKind::kDocument:
      return "document " + rel(item.document.source) + " " + item.document.format;
    case ItemKind::kRejection:
      return "rejection " + rel(item.rejection.source) + " " +
             RejectReasonName(item.rejection.reason);
    case ItemKind::kSkip:
      return "skip " + rel(item.skipped);
  }
  return "?";
}

inline std::vector<std::string> DescribeAll(const std::vector<Item>& items,
                                            const std::string& base) {
  std::vector<std::string> out;
  for (const Item& item : items) out.push_back(Describe(item, base));
  return out;
}

}  // namespace rasd::ingest

#endif  // RASD_INGEST_TEST_UTIL_H_
