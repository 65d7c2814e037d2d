// scripts/deploy.sh (and the one `paperpress init` writes) end to end against a fake arXiv:
// fetch, build, check; the cache when arXiv fails; never an empty site.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <unistd.h>

#include <cstdlib>
#include <map>

#include "arxiv_api_sim.h"
#include "fake_arxiv.h"
#include "paperpress/util/time.h"
#include "test_support.h"

extern char** environ;

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::ArxivApiSim;
using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::write_text;

bool have_bash() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    if (::access((dirs.substr(start, end - start) + "/bash").c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

struct ScriptResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together, in order
};

// Runs `bash script` with the current environment plus `env`, without the variables a
// surrounding GitHub Actions job may have set.
ScriptResult run_script(const fs::path& script, const std::map<std::string, std::string>& env) {
  std::vector<std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string var = *e;
    std::string name = var.substr(0, var.find('='));
    if (env.count(name) || name == "GITHUB_STEP_SUMMARY" || name == "SITE" || name == "OUT" ||
        name == "FETCH" || name == "PAPERPRESS")
      continue;
    vars.push_back(var);
  }
  for (const auto& [name, value] : env) vars.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& v : vars) envp.push_back(v.data());
  envp.push_back(nullptr);

  TempDir io;
  std::string log = (io / "log").string();
  std::vector<std::string> args = {"bash", script.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  ScriptResult result;
  if (posix_spawnp(&pid, "bash", &actions, nullptr, argv.data(), envp.data()) == 0)
    result.exit_code = testing::wait_process(pid);
  posix_spawn_file_actions_destroy(&actions);
  result.out = read_text(log);
  return result;
}

std::string site_toml(const std::string& api_url) {
  return "title = \"Deploy test\"\n"
         "base_url = \"https://example.github.io/deploy-test\"\n"
         "[arxiv]\n"
         "api_url = \"" +
         api_url +
         "\"\n"
         "delay_seconds = 0.0\n"
         "page_size = 10\n"
         "max_tries = 1\n"
         "timeout_seconds = 10\n"
         "[archive]\n"
         "since = \"2025-01-01\"\n"
         "[[topics]]\n"
         "slug = \"llm\"\n"
         "name = \"LLM\"\n"
         "keywords = [\"LLM\", \"Large Language Model\"]\n";
}

std::string day(int n) {
  return format_iso8601(make_utc(2025, 3, 1) + n * 86400LL / 3);
}

enum class Script { kRepository, kScaffold };

class Deploy : public ::testing::TestWithParam<Script> {
 protected:
  void SetUp() override {
    if (!have_bash()) GTEST_SKIP() << "bash is not installed";
    if (GetParam() == Script::kScaffold) {
      // The script as `paperpress init` writes it, in the new site; SITE defaults to that site.
      auto r = run_paperpress({"init", site_.path().string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      script_ = site_ / "scripts/deploy.sh";
    } else {
      script_ = fs::path(PAPERPRESS_SOURCE_DIR) / "scripts/deploy.sh";
    }
    write_text(site_ / "site.toml", site_toml(server_.url("/api/query")));
  }

  ScriptResult deploy() {
    std::map<std::string, std::string> env = {{"PAPERPRESS", PAPERPRESS_BINARY},
                                              {"GITHUB_STEP_SUMMARY", summary_path()}};
    if (GetParam() == Script::kRepository) env["SITE"] = site_.path().string();
    return run_script(script_, env);
  }

  std::string summary_path() const { return (work_ / "summary.md").string(); }
  std::string summary() const { return read_text(summary_path()); }

  void arxiv_fails() {
    server_.set_handler([](const FakeRequest&) {
      return FakeResponse::error(503, "Service Unavailable").with_header("Retry-After", "1");
    });
  }

  TempDir site_;
  TempDir work_;
  FakeArxiv server_;
  ArxivApiSim sim_{server_};
  fs::path script_;
};

TEST_P(Deploy, FetchesBuildsChecksAndSummarizes) {
  for (int i = 1; i <= 25; ++i) sim_.add(testing::test_paper(i, day(i)));
  auto r = deploy();
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_GT(sim_.requests(), 0u);
  EXPECT_TRUE(fs::is_regular_file(site_ / "public/index.html"));
  EXPECT_TRUE(fs::is_regular_file(site_ / "public/papers/llm/feed.xml"));
  EXPECT_NE(r.out.find("deploy: " + (site_ / "public").string() +
                       " is ready to publish (25 papers in topics)"),
            std::string::npos)
      << r.out;
  std::string text = summary();
  EXPECT_NE(text.find("## paperpress deploy"), std::string::npos) << text;
  EXPECT_NE(text.find("- fetched: 3 requests, 25 papers seen"), std::string::npos) << text;
  EXPECT_NE(text.find("- built: 25 papers in topics"), std::string::npos) << text;
  EXPECT_NE(text.find("- digest: extractive (no PAPERPRESS_LLM_API_KEY secret)"), std::string::npos)
      << text;
  EXPECT_FALSE(fs::is_empty(site_ / "content/digests"));
  EXPECT_FALSE(fs::is_empty(site_ / "cache/digest-files"));
  EXPECT_NE(text.find("- checked "), std::string::npos) << text;
  EXPECT_EQ(text.find("Not deployed"), std::string::npos) << text;
}

TEST_P(Deploy, ArxivDownBuildsFromTheCacheAndSaysSo) {
  for (int i = 1; i <= 12; ++i) sim_.add(testing::test_paper(i, day(i)));
  ASSERT_EQ(deploy().exit_code, 0);
  fs::remove_all(site_ / "public");
  fs::remove(summary_path());

  arxiv_fails();
  size_t before = server_.request_count();
  auto r = deploy();
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_GT(server_.request_count(), before);
  EXPECT_TRUE(fs::is_regular_file(site_ / "public/index.html"));
  EXPECT_NE(r.out.find("fetching from arXiv failed; building from the papers already in the cache"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(12 papers in topics)"), std::string::npos) << r.out;
  std::string text = summary();
  EXPECT_NE(text.find("**fetching from arXiv failed**"), std::string::npos) << text;
  EXPECT_NE(text.find("503"), std::string::npos) << text;
  EXPECT_NE(text.find("- built: 12 papers in topics"), std::string::npos) << text;
}

TEST_P(Deploy, ArxivDownWithAnEmptyCachePublishesNothing) {
  arxiv_fails();
  auto r = deploy();
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("deploy: will not publish an empty site: no topic has any paper (fetching "
                       "failed and the cache holds no papers for the topics)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("ready to publish"), std::string::npos) << r.out;
  EXPECT_NE(summary().find("**Not deployed:** will not publish an empty site"), std::string::npos)
      << summary();
}

INSTANTIATE_TEST_SUITE_P(Scripts, Deploy, ::testing::Values(Script::kRepository, Script::kScaffold),
                         [](const auto& info) {
                           return info.param == Script::kRepository ? "Repository" : "Scaffold";
                         });

}  // namespace
}  // namespace paperpress
