// For the tests of src/eval only: the stages a scorer runs, loaded once for the test binary,
// and temporary gold files.
#ifndef RASD_EVAL_TEST_STAGES_H_
#define RASD_EVAL_TEST_STAGES_H_

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "eval/eval.h"

namespace rasd::eval::test {

struct Stages {
  text::Analyzer analyzer;
  ner::Recognizer recognizer;
  time::Tagger tagger;
  events::Coder coder;
};

// Loaded on first use; a stage that fails to load fails the test that asked.
inline const Stages& TheStages() {
  static const Stages* stages = [] {
    auto* s = new Stages();
    Result<text::Analyzer> a = text::Analyzer::Load();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    if (!a.ok()) return s;
    s->analyzer = std::move(a).value();
    Result<ner::Recognizer> r = ner::Recognizer::Load(s->analyzer);
    Result<time::Tagger> t = time::Tagger::Load(s->analyzer);
    Result<events::Coder> c = events::Coder::Load(s->analyzer);
    EXPECT_TRUE(r.ok() && t.ok() && c.ok());
    if (r.ok()) s->recognizer = std::move(r).value();
    if (t.ok()) s->tagger = std::move(t).value();
    if (c.ok()) s->coder = std::move(c).value();
    return s;
  }();
  return *stages;
}

// Writes `content` to `name` in the temporary folder; its path.
// A path under this process's own temporary folder: CTest runs the tests of one binary in
// several processes at once, and a file two of them write is a race.
inline std::filesystem::path TempPath(const std::string& name) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("rasd_test_" + std::to_string(::getpid())) / name;
  std::filesystem::create_directories(path.parent_path());
  return path;
}

inline std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::filesystem::path path = TempPath(name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

}  // namespace rasd::eval::test

#endif  // RASD_EVAL_TEST_STAGES_H_
