// Replays every fuzz input kept in the repository through the same function its fuzz target
// runs (fuzz/fuzz_targets.h): the reproducers of crashes, hangs and sanitizer reports found by
// fuzzing (fuzz/regressions/<target>/) and the seed corpora (fuzz/corpus/<target>/). Each must
// return, with a value or an error that says something.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../fuzz/fuzz_targets.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;

struct Target {
  const char* name;
  bool (*run)(std::string_view);
};

constexpr Target kTargets[] = {
    {"parse_atom_fuzz", fuzz::parse_atom_input},
    {"parse_oai_fuzz", fuzz::parse_oai_input},
    {"parse_kaggle_line_fuzz", fuzz::parse_kaggle_line_input},
    {"config_parse_fuzz", fuzz::config_parse_input},
    {"content_page_fuzz", fuzz::content_page_input},
    {"template_fuzz", fuzz::template_input},
    {"paper_log_fuzz", fuzz::paper_log_input},
};

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const fs::path kFuzzDir = fs::path(PAPERPRESS_SOURCE_DIR) / "fuzz";

// "<target>/<file>" of every reproducer listed in fuzz/regressions/open_bugs.txt: found, but
// fixed in a file outside fuzz/ that has not changed yet.
std::set<std::string> open_bugs() {
  std::set<std::string> out;
  std::ifstream in(kFuzzDir / "regressions" / "open_bugs.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.insert(line.substr(0, line.find(' ')));
  }
  return out;
}

size_t replay(const Target& target, const fs::path& dir, std::vector<std::string>* skipped) {
  static const std::set<std::string> kOpen = open_bugs();
  size_t count = 0;
  for (const fs::path& file : files_in(dir)) {
    std::string key = std::string(target.name) + "/" + file.filename().string();
    if (kOpen.count(key) != 0) {
      if (skipped) skipped->push_back(key);
      continue;
    }
    SCOPED_TRACE(file.string());
    std::string bytes = read_bytes(file);
    EXPECT_TRUE(target.run(bytes)) << target.name << " broke its contract on " << file;
    ++count;
  }
  return count;
}

TEST(FuzzRegressionTest, EveryReproducerReturns) {
  std::vector<std::string> skipped;
  for (const Target& target : kTargets)
    replay(target, kFuzzDir / "regressions" / target.name, &skipped);
  if (!skipped.empty()) {
    std::string list;
    for (const std::string& s : skipped) list += " " + s;
    GTEST_SKIP() << "open bugs (fuzz/regressions/open_bugs.txt):" << list;
  }
}

TEST(FuzzRegressionTest, EverySeedReturns) {
  for (const Target& target : kTargets) {
    size_t seeds = replay(target, kFuzzDir / "corpus" / target.name, nullptr);
    EXPECT_GT(seeds, 0u) << "no seed corpus for " << target.name;
  }
}

TEST(FuzzRegressionTest, RegressionFoldersNameKnownTargets) {
  for (const auto& entry : fs::directory_iterator(kFuzzDir / "regressions")) {
    if (!entry.is_directory()) continue;
    std::string name = entry.path().filename().string();
    bool known = std::any_of(std::begin(kTargets), std::end(kTargets),
                             [&](const Target& t) { return name == t.name; });
    EXPECT_TRUE(known) << "fuzz/regressions/" << name << " is not a fuzz target";
  }
}

}  // namespace
}  // namespace paperpress
