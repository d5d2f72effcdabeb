// For the tests of src/dedup only: one text::Analyzer for the whole test binary, loaded on
// first use (a failure to load fails the test that asked, with the reason).
#ifndef RASD_DEDUP_TEST_ANALYZER_H_
#define RASD_DEDUP_TEST_ANALYZER_H_

#include <gtest/gtest.h>

#include "text/text.h"

namespace rasd::dedup {

inline const text::Analyzer& TheAnalyzer() {
  static const text::Analyzer* analyzer = [] {
    Result<text::Analyzer> a = text::Analyzer::Load();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return new text::Analyzer(a.ok() ? std::move(a).value() : text::Analyzer());
  }();
  return *analyzer;
}

}  // namespace rasd::dedup

#endif  // RASD_DEDUP_TEST_ANALYZER_H_
