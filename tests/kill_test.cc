// kill -9 at random moments of import, reindex and build: the next run completes with every
// paper stored before and no duplicates, and no output file is ever half-written.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "test_support.h"

namespace paperpress {
namespace {

using testing::run_paperpress;
using testing::TempDir;

std::string kaggle_line(int i) {
  char id[32];
  std::snprintf(id, sizeof id, "2403.%05d", i);
  return std::string(R"({"id":")") + id +
         R"(","authors":"Ada Lovelace, Alan Turing","title":"Large language models, part )" +
         std::to_string(i) +
         R"(","comments":null,"journal-ref":null,"doi":null,"categories":"cs.CL cs.LG","abstract":"  An abstract about LLM agents and tools, long enough to be realistic. )" +
         std::string(600, 'x') +
         R"(\n","versions":[{"version":"v1","created":"Mon, 4 Mar 2024 10:00:00 GMT"}],"update_date":"2024-03-05","authors_parsed":[["Lovelace","Ada",""],["Turing","Alan",""]]})";
}

size_t export_count(const std::string& site, std::set<std::string>* ids = nullptr) {
  auto r = run_paperpress({"--site", site, "export"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t lines = 0, pos = 0;
  while ((pos = r.out.find("{\"id\":\"", pos)) != std::string::npos) {
    if (ids) ids->insert(r.out.substr(pos + 7, r.out.find('"', pos + 7) - pos - 7));
    ++lines;
    pos += 7;
  }
  return lines;
}

// Starts `args`, kills it after a random delay; returns true when it was still running.
bool kill_midway(const std::vector<std::string>& args, std::mt19937& rng, int max_ms) {
  int pid = testing::spawn_paperpress(args);
  EXPECT_GT(pid, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % max_ms));
  ::kill(pid, SIGKILL);
  return testing::wait_process(pid) == -SIGKILL;
}

TEST(KillSafety, ImportKilledRepeatedlyThenFinishedStoresEveryPaperOnce) {
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
  const int kPapers = 20000;
  std::string lines;
  for (int i = 1; i <= kPapers; ++i) lines += kaggle_line(i) + "\n";
  testing::write_text(site / "snapshot.jsonl", lines);
  std::mt19937 rng(11);
  int kills = 0;
  for (int round = 0; round < 6; ++round)
    kills += kill_midway({"--site", site.path().string(), "-q", "import", "kaggle",
                          (site / "snapshot.jsonl").string()},
                         rng, 600);
  // Whatever an interrupted import left is finished when the cache is next opened.
  auto r = run_paperpress({"--site", site.path().string(), "reindex"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> ids;
  EXPECT_EQ(export_count(site.path().string(), &ids), static_cast<size_t>(kPapers));
  EXPECT_EQ(ids.size(), static_cast<size_t>(kPapers));
  EXPECT_GT(kills, 0);
}

TEST(KillSafety, ReindexKilledLeavesTheOldStoreWhole) {
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
  ASSERT_EQ(run_paperpress({"--site", site.path().string(), "-q", "sample", "--papers", "30000"})
                .exit_code,
            0);
  std::mt19937 rng(5);
  for (int round = 0; round < 5; ++round) {
    kill_midway({"--site", site.path().string(), "-q", "reindex"}, rng, 400);
    EXPECT_EQ(export_count(site.path().string()), 30000u) << "round " << round;
  }
  ASSERT_EQ(run_paperpress({"--site", site.path().string(), "-q", "reindex"}).exit_code, 0);
  EXPECT_EQ(export_count(site.path().string()), 30000u);
}

TEST(KillSafety, BuildKilledLeavesNoHalfWrittenFileAndTheNextBuildMatchesACleanOne) {
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
  ASSERT_EQ(run_paperpress({"--site", site.path().string(), "-q", "sample", "--papers", "20000"})
                .exit_code,
            0);
  ASSERT_EQ(run_paperpress(
                {"--site", site.path().string(), "-q", "build", "--out", (site / "clean").string()})
                .exit_code,
            0);
  std::mt19937 rng(3);
  for (int round = 0; round < 5; ++round) {
    kill_midway({"--site", site.path().string(), "-q", "build"}, rng, 500);
    // Every file present is complete: HTML ends its document, Markdown matches the clean build
    // when it exists there at all. (The first build writes into a staging folder, so a kill
    // before it ends leaves no public/ at all.)
    if (!std::filesystem::exists(site / "public")) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(site / "public")) {
      if (!e.is_regular_file()) continue;
      std::string name = e.path().filename().string();
      if (name.size() > 4 && name.substr(name.size() - 4) == ".tmp")
        continue;  // never renamed into place
      auto rel = std::filesystem::relative(e.path(), site / "public");
      if (std::filesystem::exists(site / "clean" / rel) && name != ".paperpress-output")
        ASSERT_EQ(testing::read_text(e.path()), testing::read_text(site / "clean" / rel)) << rel;
    }
  }
  ASSERT_EQ(run_paperpress({"--site", site.path().string(), "-q", "build"}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(site / ".public.paperpress-partial"));
  for (const auto& e : std::filesystem::recursive_directory_iterator(site / "public"))
    EXPECT_EQ(e.path().extension(), e.path().extension() == ".tmp" ? "" : e.path().extension())
        << "left over: " << e.path();
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(site / "clean")) {
    if (!e.is_regular_file()) continue;
    auto rel = std::filesystem::relative(e.path(), site / "clean");
    ASSERT_EQ(testing::read_text(e.path()), testing::read_text(site / "public" / rel)) << rel;
    ++files;
  }
  EXPECT_GT(files, 100u);
}

// A first build writes into a staging folder; the next build removes what a stopped one left
// there before it starts. Stopped during that removal too, the build after still completes.
TEST(KillSafety, FirstBuildKilledAndThenKilledWhileClearingItsStagingFolderStillCompletes) {
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
  ASSERT_EQ(run_paperpress({"--site", site.path().string(), "-q", "sample", "--papers", "20000"})
                .exit_code,
            0);
  ASSERT_EQ(run_paperpress(
                {"--site", site.path().string(), "-q", "build", "--out", (site / "clean").string()})
                .exit_code,
            0);
  const std::vector<std::string> build = {"--site", site.path().string(), "-q", "build"};
  std::mt19937 rng(7);
  int stopped_while_staging = 0;
  for (int round = 0; round < 8; ++round) {
    std::filesystem::remove_all(site / "public");
    if (!kill_midway(build, rng, 300)) continue;  // finished: nothing left to clear
    if (!std::filesystem::exists(site / ".public.paperpress-partial")) continue;
    ++stopped_while_staging;
    kill_midway(build, rng, 40);
    auto r = run_paperpress(build);
    ASSERT_EQ(r.exit_code, 0) << "round " << round << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(site / ".public.paperpress-partial")) << round;
  }
  EXPECT_GT(stopped_while_staging, 0);
  ASSERT_EQ(run_paperpress(build).exit_code, 0);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(site / "clean")) {
    if (!e.is_regular_file()) continue;
    auto rel = std::filesystem::relative(e.path(), site / "clean");
    ASSERT_EQ(testing::read_text(e.path()), testing::read_text(site / "public" / rel)) << rel;
    ++files;
  }
  EXPECT_GT(files, 100u);
}

}  // namespace
}  // namespace paperpress
