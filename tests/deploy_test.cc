// scripts/deploy.sh (and the one `paperpress init` writes) end to end against a fake arXiv:
// fetch, build, check; the cache when arXiv fails; never an empty site. The scaffold's script
// installs paperpress from a local release (this build's package behind a file:// address), or
// falls back to a build from source when no release is there.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <unistd.h>

#include <cstdlib>
#include <map>

#include "arxiv_api_sim.h"
#include "fake_arxiv.h"
#include "package_support.h"
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
        name == "FETCH" || name.rfind("PAPERPRESS", 0) == 0)
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

  ScriptResult deploy(std::map<std::string, std::string> env = {}) {
    env["PAPERPRESS"] = PAPERPRESS_BINARY;
    env["GITHUB_STEP_SUMMARY"] = summary_path();
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
  EXPECT_NE(text.find("- size: "), std::string::npos) << text;
  EXPECT_EQ(text.find("above GitHub Pages"), std::string::npos) << text;
  EXPECT_EQ(text.find("Not deployed"), std::string::npos) << text;
}

// Above the size GitHub Pages publishes (here a limit of 100 kB), the run warns and names what
// each setting would save, and still publishes.
TEST_P(Deploy, ASiteAboveTheSizeLimitIsWarnedAboutWithWhatWouldShrinkIt) {
  for (int i = 1; i <= 25; ++i) sim_.add(testing::test_paper(i, day(i)));
  auto r = deploy({{"SIZE_LIMIT", "100000"}});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("deploy: warning: the site is "), std::string::npos) << r.out;
  const std::string text = summary();
  EXPECT_NE(text.find("above GitHub Pages' limit of 0 MB"), std::string::npos) << text;
  for (const char* saving :
       {"[output] paper_pages = false saves ", "[output] markdown = false saves ",
        "[output] day_pages = false saves ", "[search] enabled = false saves ", "rclone"})
    EXPECT_NE(text.find(saving), std::string::npos) << saving << "\n" << text;
  EXPECT_NE(r.out.find("is ready to publish (25 papers in topics)"), std::string::npos);
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

// The scaffold's script without PAPERPRESS: it installs paperpress itself.
class DeployInstall : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_bash()) GTEST_SKIP() << "bash is not installed";
    auto r = run_paperpress({"init", site_.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_text(site_ / "site.toml", site_toml(server_.url("/api/query")));
    for (int i = 1; i <= 8; ++i) sim_.add(testing::test_paper(i, day(i)));
  }

  // A release folder as the release workflow publishes it: vVERSION/ with the package and
  // SHA256SUMS. Returns its file:// address.
  std::string make_release() {
    if (std::string why = testing::packaging_unavailable(); !why.empty()) {
      skip_ = why;
      return "";
    }
    auto package = testing::make_package(work_ / "cpack");
    EXPECT_FALSE(package.deb.empty()) << package.error;
    fs::path dir = work_ / "releases" / (std::string("v") + PAPERPRESS_VERSION);
    fs::create_directories(dir);
    deb_name_ = package.deb.filename().string();
    fs::copy_file(package.deb, dir / deb_name_);
    auto sums = testing::shell("cd " + testing::shell_quote(dir.string()) + " && sha256sum " +
                               deb_name_ + " > SHA256SUMS");
    EXPECT_EQ(sums.exit_code, 0) << sums.err;
    return "file://" + (work_ / "releases").string();
  }

  ScriptResult deploy(std::map<std::string, std::string> env) {
    env["GITHUB_STEP_SUMMARY"] = summary_path();
    return run_script(site_ / "scripts/deploy.sh", env);
  }
  std::string summary_path() const { return (work_ / "summary.md").string(); }

  TempDir site_;
  TempDir work_;
  FakeArxiv server_;
  ArxivApiSim sim_{server_};
  std::string skip_;
  std::string deb_name_;
};

TEST_F(DeployInstall, InstallsTheReleasedPackageAndKeepsIt) {
  std::string releases = make_release();
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  ASSERT_FALSE(HasFailure());
  std::string version = run_paperpress({"--version"}).out;
  version.pop_back();

  auto r = deploy({{"PAPERPRESS_RELEASES", releases}});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  fs::path installed =
      site_ / ".paperpress/release" / PAPERPRESS_VERSION / "root/usr/bin/paperpress";
  EXPECT_TRUE(fs::is_regular_file(installed));
  std::string how = version + ": the released package " + deb_name_ + " from " + releases + "/v" +
                    PAPERPRESS_VERSION;
  EXPECT_NE(r.out.find("deploy: " + how + ", in "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(8 papers in topics)"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_regular_file(site_ / "public/index.html"));
  std::string summary = read_text(summary_path());
  EXPECT_NE(summary.find("- " + how + ", in "), std::string::npos) << summary;
  EXPECT_EQ(summary.find("from source"), std::string::npos) << summary;

  // The next run (the workflow restores .paperpress/release) downloads nothing.
  fs::rename(work_ / "releases", work_ / "gone");
  fs::remove(summary_path());
  r = deploy({{"PAPERPRESS_RELEASES", releases}});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("deploy: " + how + " (cached), in "), std::string::npos) << r.out;
  EXPECT_NE(read_text(summary_path()).find(how + " (cached)"), std::string::npos);
}

TEST_F(DeployInstall, AReleaseThatDoesNotMatchItsChecksumsIsRefused) {
  std::string releases = make_release();
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  ASSERT_FALSE(HasFailure());
  fs::path dir = work_ / "releases" / (std::string("v") + PAPERPRESS_VERSION);
  testing::write_text(dir / "SHA256SUMS", std::string(64, '0') + "  " + deb_name_ + "\n");
  auto r = deploy({{"PAPERPRESS_RELEASES", releases}});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("deploy: the release's " + deb_name_ + " does not match its SHA256SUMS"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(fs::is_empty(site_ / ".paperpress/release")) << "the refused download is left";
  EXPECT_FALSE(fs::exists(site_ / "public"));
}

// No release at the address: the script builds from source, and says so. Here the source
// cannot be fetched either, which fails the run with both reasons.
TEST_F(DeployInstall, NoReleaseFallsBackToASourceBuild) {
  std::string nowhere = "file://" + (work_ / "no-releases").string();
  std::string git = "file://" + (work_ / "no-repository").string();
  auto r = deploy({{"PAPERPRESS_RELEASES", nowhere}, {"PAPERPRESS_GIT", git}});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::string missing = std::string("no release at ") + nowhere + "/v" + PAPERPRESS_VERSION + "/";
  EXPECT_NE(r.out.find(missing), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("; building paperpress from source instead"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(std::string("deploy: cannot fetch paperpress v") + PAPERPRESS_VERSION +
                       " from " + git),
            std::string::npos)
      << r.out;
  std::string summary = read_text(summary_path());
  EXPECT_NE(summary.find("paperpress is built from source instead"), std::string::npos) << summary;
  EXPECT_NE(summary.find("**Not deployed:** cannot fetch paperpress"), std::string::npos)
      << summary;
}

// A kept source build of the pinned version (what the workflow's second cache restores) is used
// as it is: its setup runs (a stand-in here), and nothing is fetched.
TEST_F(DeployInstall, AKeptSourceBuildIsUsedWhenNoReleaseIsReachable) {
  fs::path src = site_ / ".paperpress/source";
  fs::create_directories(src / "build");
  fs::create_symlink(PAPERPRESS_BINARY, src / "build/paperpress");
  write_text(src / ".paperpress-ref", std::string("v") + PAPERPRESS_VERSION + "\n");
  write_text(src / "scripts/setup.sh",
             "echo setup: up to date > \"$(dirname \"$0\")/../setup.log\"\n");
  auto r = deploy({{"PAPERPRESS_RELEASES", "file://" + (work_ / "none").string()},
                   {"PAPERPRESS_GIT", "file://" + (work_ / "none.git").string()}});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(read_text(src / "setup.log"), "setup: up to date\n");
  EXPECT_NE(r.out.find(std::string(": built from source (v") + PAPERPRESS_VERSION + " of file://" +
                       (work_ / "none.git").string() + "; cached build), in "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(8 papers in topics)"), std::string::npos) << r.out;
}

TEST_F(DeployInstall, AWrongInstallChoiceIsAOneLineError) {
  auto r = deploy({{"PAPERPRESS_FROM", "binary"}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("deploy: PAPERPRESS_FROM is 'binary'; use auto, release or source\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace paperpress
