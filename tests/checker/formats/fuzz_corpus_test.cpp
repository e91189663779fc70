// Replays every input the loader fuzzers found (tests/fuzz/corpus/<loader>/,
// see tests/fuzz/README.md) and the seeds they start from: each must load
// or fail with one LoadError line, never crash, hang or throw anything else.
// Runs in the normal ctest run (and under ASan/UBSan in build-asan), so a
// crash found once stays fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "checker/formats/load_history.h"
#include "tests/support/test_paths.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

struct LoaderCorpus {
  const char* loader;  // the folder name under tests/fuzz/{corpus,seeds}
  HistoryFormat format;
};

constexpr LoaderCorpus kLoaders[] = {
    {"protobuf", HistoryFormat::kProtobuf},
    {"jsonl", HistoryFormat::kJsonLines},
    {"edn", HistoryFormat::kEdn},
};

std::vector<fs::path> inputs_of(const char* loader) {
  std::vector<fs::path> out;
  for (const char* kind : {"corpus", "seeds"}) {
    fs::path dir = testing::source_path(std::string("tests/fuzz/") + kind + "/" + loader);
    if (!fs::is_directory(dir)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
  }
  return out;
}

TEST(FuzzCorpus, EveryFoundInputLoadsOrFailsWithOneLine) {
  size_t replayed = 0;
  for (const LoaderCorpus& c : kLoaders) {
    std::vector<fs::path> inputs = inputs_of(c.loader);
    EXPECT_FALSE(inputs.empty()) << "no seeds for the " << c.loader << " loader";
    for (const fs::path& input : inputs) {
      SCOPED_TRACE(input.string());
      LoadOptions options;
      options.format = c.format;
      try {
        load_history(input.string(), options);
      } catch (const LoadError& e) {
        std::string what = e.what();
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        EXPECT_EQ(what.rfind(input.string() + ": ", 0), 0u) << what;
      }
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0u);
}

}  // namespace
}  // namespace isocheck
