// The real paperpress binary, run as a user would: fetch over loopback, kill -9 and resume,
// the lock, import, export, reindex, sample, and the one-line errors.
#include <gtest/gtest.h>
#include <signal.h>

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

std::string day(int n) { return format_iso8601(make_utc(2025, 3, 1) + n * 3600LL); }

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
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "version", "title", "authors", "abstract", "comment",
                                            "journal_ref", "doi", "categories", "primary_category",
                                            "published", "updated", "abs_url", "pdf_url"}));
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

}  // namespace
}  // namespace paperpress
