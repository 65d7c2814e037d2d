// build_site on a small site whose store the test writes: the report, incremental builds, and
// build caches that are damaged or not this site's.
#include "paperpress/site/site_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "paperpress/site/build_state.h"
#include "paperpress/store/paper_store.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::test_paper;

std::vector<Paper> site_papers() {
  std::vector<Paper> papers;
  const char* dates[] = {"2025-01-03T10:00:00Z", "2025-01-05T09:00:00Z", "2025-01-05T11:00:00Z",
                         "2025-02-01T08:00:00Z", "2025-02-02T08:00:00Z"};
  for (int n = 1; n <= 5; ++n) papers.push_back(test_paper(n, dates[n - 1]));
  return papers;
}

// Every regular file under `dir` (hidden ones too), relative path → content.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      files[fs::relative(e.path(), dir).generic_string()] = testing::read_text(e.path());
  return files;
}

std::map<std::string, fs::file_time_type> mtimes(const fs::path& dir) {
  std::map<std::string, fs::file_time_type> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[fs::relative(e.path(), dir).generic_string()] = e.last_write_time();
  return out;
}

bool has_step(const BuildReport& report, std::string_view step) {
  for (const auto& [name, seconds] : report.step_seconds)
    if (name == step) return true;
  return false;
}

// The fixture site's site.toml and content/, with the five papers above stored.
class SiteBuilderTest : public ::testing::Test {
 protected:
  SiteBuilderTest() {
    const fs::path fixture = fs::path(PAPERPRESS_SOURCE_DIR) / "tests" / "sites" / "basic";
    fs::copy(fixture / "site.toml", dir_ / "site.toml");
    fs::copy(fixture / "content", dir_ / "content", fs::copy_options::recursive);
    append(site_papers());
  }
  void append(const std::vector<Paper>& papers) {
    fs::path file = store_file(dir_ / "cache");
    fs::create_directories(file.parent_path());
    auto writer = StoreWriter::open(file);
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE(writer->append(papers, ++seq_, CommitKind::kComplete));
  }
  BuildReport build(const fs::path& out = {}) {
    auto config = Config::from_dir(dir_.path());
    EXPECT_TRUE(config) << config.error().message;
    BuildOptions options;
    options.output_dir = out;
    options.threads = 2;
    auto report = build_site(*config, options);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : BuildReport{};
  }
  fs::path public_dir() const { return dir_ / "public"; }
  fs::path build_cache() const { return dir_ / "cache" / "build"; }

  TempDir dir_;
  uint64_t seq_ = 0;
};

TEST_F(SiteBuilderTest, TheFirstBuildReportsWhatItReadAndWrote) {
  const BuildReport report = build();
  EXPECT_EQ(report.papers_loaded, 5u);
  EXPECT_EQ(report.papers_in_topics, 5u);
  EXPECT_FALSE(report.store_from_index);
  EXPECT_EQ(report.store_bytes_read + 8, report.store_bytes);  // all but the file's header
  // Home, papers index, the topic's index, its three parts, daily index and four days, and the
  // content pages.
  EXPECT_GE(report.pages, 10u);
  const auto files = tree(public_dir());
  EXPECT_EQ(report.write.files, files.size());
  EXPECT_EQ(report.write.written, files.size());
  EXPECT_EQ(report.write.removed, 0u);
  size_t bytes = 0;
  for (const auto& [name, text] : files) bytes += text.size();
  EXPECT_EQ(report.write.bytes, bytes);
  EXPECT_NE(files.at("papers/llm/2025_01/papers_1.html").find("2501.00003"), std::string::npos);
}

TEST_F(SiteBuilderTest, ASecondBuildWritesNothingAndReadsNoStore) {
  const BuildReport first = build();
  const auto before = mtimes(public_dir());
  const auto caches = mtimes(build_cache());
  const BuildReport second = build();
  EXPECT_TRUE(has_step(second, "same inputs as the last build: every file kept"));
  EXPECT_EQ(second.store_bytes, 0u);  // the store was not read
  EXPECT_EQ(second.write.written, 0u);
  EXPECT_EQ(second.write.removed, 0u);
  EXPECT_EQ(second.write.unchanged, first.write.files);
  EXPECT_EQ(second.papers_loaded, first.papers_loaded);
  EXPECT_EQ(second.papers_in_topics, first.papers_in_topics);
  EXPECT_EQ(second.pages, first.pages);
  EXPECT_EQ(mtimes(public_dir()), before);
  EXPECT_EQ(mtimes(build_cache()), caches);  // nor a cache file
}

TEST_F(SiteBuilderTest, AChangedPaperRewritesOnlyThePagesShowingIt) {
  build();
  const auto before = tree(public_dir());
  Paper changed = site_papers()[0];  // 2501.00001, alone on 2025-01-03
  changed.abstract = "A corrected abstract about a large language model.";
  changed.version = 2;
  append({changed});
  const BuildReport report = build();
  EXPECT_TRUE(report.store_from_index);
  EXPECT_EQ(report.papers_loaded, 5u);
  const auto after = tree(public_dir());
  ASSERT_EQ(after.size(), before.size());
  size_t rewritten = 0;
  for (const auto& [name, text] : after) {
    const bool shows = text.find("A corrected abstract") != std::string::npos;
    // The search index holds the paper's terms and record, not its text: the shards that hold
    // them change with it (docs/search.md).
    const bool index = name.rfind("search/", 0) == 0;
    if (text != before.at(name)) {
      ++rewritten;
      EXPECT_TRUE(shows || index) << name << " was rewritten but does not show the paper";
    } else {
      EXPECT_FALSE(shows) << name;
    }
  }
  EXPECT_GT(rewritten, 0u);
  EXPECT_EQ(report.write.written, rewritten);
  EXPECT_EQ(report.write.unchanged, after.size() - rewritten);
}

// Every cache file damaged in each way a disk, a crash or a copied cache folder could leave it:
// each build still makes the site a build from nothing makes, and saves valid caches again.
TEST_F(SiteBuilderTest, ADamagedOrForeignCacheFileIsIgnoredAndRebuilt) {
  build();
  ASSERT_TRUE(fs::is_directory(build_cache()));
  std::map<std::string, std::string> good;
  for (const auto& [name, text] : tree(build_cache())) good[name] = text;
  ASSERT_GE(good.size(), 5u);

  auto damages = std::vector<std::pair<std::string, std::function<std::string(std::string)>>>{
      {"empty", [](std::string) { return std::string(); }},
      {"cut short", [](std::string s) { return s.substr(0, s.size() / 2); }},
      {"one byte changed", [](std::string s) { return s.empty() ? s : (s[s.size() - 1] ^= 4, s); }},
      {"another cache's bytes",
       [&](std::string s) {
         for (const auto& [name, text] : good)
           if (text != s) return text;
         return s;
       }},
      {"text of another version", [](std::string) { return std::string("paperpress 1\nx 1 2\n"); }},
  };
  int paper = 100;
  for (const auto& [what, damage] : damages) {
    for (const auto& [name, text] : good) testing::write_text(build_cache() / name, damage(text));
    // A new paper, so that the build goes through every step and every cache.
    append({test_paper(++paper, "2025-02-03T08:00:00Z")});
    build();
    TempDir fresh;
    fs::copy(dir_ / "site.toml", fresh / "site.toml");
    fs::copy(dir_ / "content", fresh / "content", fs::copy_options::recursive);
    fs::create_directories(fresh / "cache");
    fs::copy(dir_ / "cache" / "store", fresh / "cache" / "store", fs::copy_options::recursive);
    auto config = Config::from_dir(fresh.path());
    ASSERT_TRUE(config);
    ASSERT_TRUE(build_site(*config, BuildOptions{}));
    EXPECT_EQ(tree(public_dir()), tree(fresh / "public")) << what;
    // The caches are valid again: the next build keeps every file without reading the store.
    const BuildReport again = build();
    EXPECT_EQ(again.write.written, 0u) << what;
    EXPECT_EQ(again.store_bytes, 0u) << what;
    for (const auto& [name, text] : tree(build_cache())) good[name] = text;
  }
}

// A cache saved for another site.toml (its key) is not used: the pages follow the new one.
TEST_F(SiteBuilderTest, CachesOfAnotherSiteTomlAreNotUsed) {
  build();
  std::string toml = testing::read_text(dir_ / "site.toml");
  toml.replace(toml.find("Basic archive"), 13, "Renamed archive");
  testing::write_text(dir_ / "site.toml", toml);
  const BuildReport report = build();
  EXPECT_FALSE(has_step(report, "same inputs as the last build: every file kept"));
  for (const auto& [name, text] : tree(public_dir()))
    if (name.ends_with(".html") && name != "404.html")
      EXPECT_EQ(text.find("Basic archive"), std::string::npos) << name;
}

}  // namespace
}  // namespace paperpress
