#include "eval/gold_lines.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace rasd::eval {

Result<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + ": is a folder, not a " + std::string(what));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(path + ": cannot read");
  return content;
}

}  // namespace rasd::eval
