// The real paperpress binary, run as a user would: fetch over loopback, kill -9 and resume,
// the lock, import, export, reindex, sample, and the one-line errors.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "arxiv_api_sim.h"
#include "fake_arxiv.h"
#include "paperpress/util/time.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::ArxivApiSim;
using testing::run_paperpress;
using testing::TempDir;

std::string day(int n) {
  return format_iso8601(make_utc(2025, 3, 1) + n * 3600LL);
}

// Parses an export and checks its shape; returns the ids in order.
std::vector<std::string> export_ids(const std::string& site) {
  auto r = run_paperpress({"--site", site, "export"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> ids;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t end = r.out.find('\n', start);
    auto j = nlohmann::json::parse(r.out.substr(start, end - start), nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out.substr(start, end - start);
    if (j.is_discarded()) break;
    ids.push_back(j["id"]);
    start = end + 1;
  }
  return ids;
}

TEST(Cli, FetchExportWritesTheDocumentedFields) {
  TempDir site;
  FakeArxiv server;
  ArxivApiSim sim(server);
  for (int i = 1; i <= 23; ++i) sim.add(testing::test_paper(i, day(i)));
  testing::write_text(site / "site.toml", testing::test_site_toml(server.url("/api/query")));
  auto r = run_paperpress({"--site", site.path().string(), "fetch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("23 new"), std::string::npos) << r.err;
  auto out = run_paperpress({"--site", site.path().string(), "export"});
  ASSERT_EQ(out.exit_code, 0);
  auto first = nlohmann::ordered_json::parse(out.out.substr(0, out.out.find('\n')));
  std::vector<std::string> keys;
  for (auto& [k, v] : first.items()) keys.push_back(k);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"id", "version", "title", "authors", "abstract", "comment",
                                      "journal_ref", "doi", "categories", "primary_category",
                                      "published", "updated", "abs_url", "pdf_url", "report_no",
                                      "license"}));
  EXPECT_EQ(first["id"], "2501.00001");
  EXPECT_EQ(first["version"], 1);
  EXPECT_EQ(first["title"], "LLM paper number 1 with <b>markup</b> & pipes |");
  EXPECT_EQ(first["authors"][1], "Zoë Müller");
  EXPECT_EQ(first["categories"][0], "cs.CL");
  EXPECT_EQ(first["doi"], "");
  EXPECT_EQ(first["updated"], day(1));
  EXPECT_EQ(first["abs_url"], "https://arxiv.org/abs/2501.00001v1");
  EXPECT_EQ(export_ids(site.path().string()).size(), 23u);
}

TEST(Cli, KilledFetchesLoseNothingAndDuplicateNothing) {
  TempDir site;
  FakeArxiv server;
  ArxivApiSim sim(server);
  const int kPapers = 120;
  for (int i = 1; i <= kPapers; ++i) sim.add(testing::test_paper(i, day(i)));
  sim.set_delay(0.06);  // 12 pages of 10 at 60 ms each, so that kills land mid-fetch
  testing::write_text(site / "site.toml", testing::test_site_toml(server.url("/api/query")));
  std::mt19937 rng(7);
  int kills = 0;
  for (int round = 0; round < 10; ++round) {
    int pid = testing::spawn_paperpress({"--site", site.path().string(), "fetch"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 400));
    ::kill(pid, SIGKILL);
    if (testing::wait_process(pid) == -SIGKILL) ++kills;
  }
  auto r = run_paperpress({"--site", site.path().string(), "fetch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto ids = export_ids(site.path().string());
  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(ids.size(), static_cast<size_t>(kPapers));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kPapers));
  EXPECT_GT(kills, 0);
}

TEST(Cli, SecondFetchOnTheSameCacheIsRefused) {
  TempDir site;
  FakeArxiv server;
  ArxivApiSim sim(server);
  for (int i = 1; i <= 30; ++i) sim.add(testing::test_paper(i, day(i)));
  sim.set_delay(0.5);
  testing::write_text(site / "site.toml", testing::test_site_toml(server.url("/api/query")));
  int pid = testing::spawn_paperpress({"--site", site.path().string(), "fetch"});
  // Wait until the first fetch holds the cache (its first request has arrived).
  for (int i = 0; i < 200 && server.request_count() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto second = run_paperpress({"--site", site.path().string(), "fetch"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("another paperpress process is using the cache"), std::string::npos)
      << second.err;
  EXPECT_EQ(testing::wait_process(pid), 0);
}

TEST(Cli, ConfigErrorsAreOneLineWithFileAndLine) {
  TempDir site;
  testing::write_text(site / "site.toml", "title = \"x\"\n[archive]\npapers_per_part = 0\n");
  auto r = run_paperpress({"--site", site.path().string(), "fetch"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "paperpress: error: " + (site / "site.toml").string() +
                       ":3: 'archive.papers_per_part' must be at least 1\n");
  auto missing = run_paperpress({"--site", (site / "nowhere").string(), "export"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos);
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1);
}

TEST(Cli, UnreachableServerFailsCleanlyAndSaysWhy) {
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api/query"));
  auto r = run_paperpress({"--site", site.path().string(), "fetch"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("topic llm: GET http://127.0.0.1:9/api/query"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gave up after 3 tries"), std::string::npos) << r.err;
}

TEST(Cli, SampleIsDeterministicAndReindexRebuildsTheSameStore) {
  TempDir a, b;
  for (auto* dir : {&a, &b}) {
    testing::write_text(*dir / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
    auto r = run_paperpress(
        {"--site", dir->path().string(), "sample", "--papers", "1500", "--seed", "3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto ea = run_paperpress({"--site", a.path().string(), "export"});
  auto eb = run_paperpress({"--site", b.path().string(), "export"});
  EXPECT_EQ(std::count(ea.out.begin(), ea.out.end(), '\n'), 1500);
  EXPECT_EQ(ea.out, eb.out);
  EXPECT_NE(ea.out.find("Sample data from paperpress sample (seed 3)"), std::string::npos);
  // Many months and categories.
  std::set<std::string> months, categories;
  size_t pos = 0;
  while ((pos = ea.out.find("\"published\":\"", pos)) != std::string::npos) {
    months.insert(ea.out.substr(pos + 13, 7));
    pos += 13;
  }
  pos = 0;
  while ((pos = ea.out.find("\"primary_category\":\"", pos)) != std::string::npos) {
    categories.insert(ea.out.substr(pos + 20, ea.out.find('"', pos + 20) - pos - 20));
    pos += 20;
  }
  EXPECT_GE(months.size(), 12u);
  EXPECT_GE(categories.size(), 20u);
  // The store rebuilt from the raw Atom pages alone is the same store.
  std::filesystem::remove(a / "cache/store/papers.log");
  auto r = run_paperpress({"--site", a.path().string(), "reindex"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1500 papers"), std::string::npos) << r.err;
  EXPECT_EQ(run_paperpress({"--site", a.path().string(), "export"}).out, ea.out);
}

TEST(Cli, ImportKaggleLinesReportsBadLinesByNumberAndKeepsTheRest) {
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
  std::string good =
      R"({"id":"0704.0001","submitter":"P","authors":"C. Bal\\'azs, E. L. Berger","title":"Calculation of prompt\n  diphoton production","comments":"37 pages","journal-ref":null,"doi":null,"report-no":null,"categories":"hep-ph","license":null,"abstract":"  A fully differential calculation.\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],"update_date":"2008-11-26","authors_parsed":[["Bal\u00e1zs","C.",""],["Berger","E. L.",""]]})";
  std::string other = good;
  other.replace(other.find("0704.0001"), 9, "0704.0002");
  testing::write_text(site / "snapshot.jsonl", good + "\n{not json\n" + other + "\n");
  auto r = run_paperpress(
      {"--site", site.path().string(), "import", "kaggle", (site / "snapshot.jsonl").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("00000001.jsonl:2: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 papers read, 2 new"), std::string::npos) << r.err;
  auto out = run_paperpress({"--site", site.path().string(), "export"}).out;
  auto first = nlohmann::json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(first["id"], "0704.0001");
  EXPECT_EQ(first["version"], 2);
  EXPECT_EQ(first["title"], "Calculation of prompt diphoton production");
  EXPECT_EQ(first["authors"][0], "C. Balázs");
  EXPECT_EQ(first["published"], "2007-04-02T19:18:42Z");
  EXPECT_EQ(first["updated"], "2007-07-24T20:10:27Z");
  // Importing the same file again adds nothing.
  auto again = run_paperpress(
      {"--site", site.path().string(), "import", "kaggle", (site / "snapshot.jsonl").string()});
  EXPECT_NE(again.err.find("0 new"), std::string::npos) << again.err;
  EXPECT_EQ(export_ids(site.path().string()).size(), 2u);
}

TEST(Cli, ImportsTheRealKaggleSample) {
  auto fixtures = testing::shared_fixtures();
  if (fixtures.empty()) GTEST_SKIP() << "../shared/fixtures is absent";
  TempDir site;
  testing::write_text(site / "site.toml", testing::test_site_toml("http://127.0.0.1:9/api"));
  auto r = run_paperpress({"--site", site.path().string(), "import", "kaggle",
                           (fixtures / "kaggle" / "arxiv-metadata-sample.jsonl").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(export_ids(site.path().string()).size(), 100u);
}

}  // namespace
}  // namespace paperpress
