// Internal to core: the table of data files compiled into the binary (generated at build time
// from data/ by src/core/CMakeLists.txt). Use core/data.h instead.
#ifndef RASD_CORE_EMBEDDED_DATA_H_
#define RASD_CORE_EMBEDDED_DATA_H_

#include <span>
#include <string_view>

namespace rasd {

struct EmbeddedFile {
  std::string_view name;     // relative to data/
  std::string_view content;
};

std::span<const EmbeddedFile> EmbeddedFiles();

}  // namespace rasd

#endif  // RASD_CORE_EMBEDDED_DATA_H_
