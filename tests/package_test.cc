// The Debian package: made by cpack from this build, checked by lintian, installed with dpkg -i
// into this machine, used as a new user would (init, sample, build, check), then removed with
// dpkg -r, leaving nothing behind. It installs into the real system, so it runs only as root,
// never beside another run of itself (a lock file), never over an installed paperpress, and it
// removes what it installed even when it fails.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <sstream>
#include <thread>

#include "package_support.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::RunResult;
using testing::shell;
using testing::shell_quote;
using testing::TempDir;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

// dpkg's status of the package paperpress: "installed", "not-installed", "config-files", ...
std::string package_status() {
  auto r = shell("dpkg-query -W -f='${db:Status-Status}' paperpress 2>/dev/null");
  return r.exit_code == 0 && !r.out.empty() ? r.out : "not-installed";
}

// dpkg with a retry while another dpkg or apt holds its lock (up to a minute).
RunResult dpkg(const std::string& args) {
  RunResult r;
  for (int attempt = 0; attempt < 30; ++attempt) {
    r = shell("dpkg " + args);
    if (r.exit_code == 0 || r.err.find("lock") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
  return r;
}

// Held while the test may install: one run of it at a time on this machine, from any checkout.
class MachineLock {
 public:
  MachineLock()
      : fd_(::open("/tmp/paperpress-package-test.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~MachineLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool held() const { return fd_ >= 0; }

 private:
  int fd_;
};

// Removes the package when the test installed it and did not get as far as removing it.
struct RemoveOnExit {
  bool armed = false;
  ~RemoveOnExit() {
    if (armed) dpkg("-r paperpress >/dev/null 2>&1");
  }
};

// The files `cmake --install` puts under a prefix, relative to it: what the package must hold.
std::set<std::string> installed_by_cmake(const fs::path& prefix) {
  auto r = shell("cmake --install " + shell_quote(PAPERPRESS_BUILD_DIR) + " --prefix " +
                 shell_quote(prefix.string()) + " >/dev/null");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(prefix))
    if (!entry.is_directory()) files.insert(entry.path().lexically_relative(prefix).string());
  return files;
}

TEST(Package, InstallsRunsAndRemovesCleanly) {
  if (std::string why = testing::packaging_unavailable(); !why.empty()) GTEST_SKIP() << why;
  if (::geteuid() != 0) GTEST_SKIP() << "installing a package needs root";
  MachineLock lock;
  ASSERT_TRUE(lock.held());
  if (package_status() != "not-installed")
    GTEST_SKIP() << "a paperpress package is on this machine already (" << package_status()
                 << "); the test would replace it";

  TempDir work;
  auto package = testing::make_package(work / "cpack");
  ASSERT_FALSE(package.deb.empty()) << package.error;
  std::string deb = shell_quote(package.deb.string());

  // Its control fields: the project's version, dependencies found by dpkg-shlibdeps.
  auto fields = shell("dpkg-deb --field " + deb + " Package Version Depends");
  ASSERT_EQ(fields.exit_code, 0) << fields.err;
  EXPECT_NE(fields.out.find("Package: paperpress\n"), std::string::npos) << fields.out;
  EXPECT_NE(fields.out.find(std::string("Version: ") + PAPERPRESS_VERSION + "\n"),
            std::string::npos)
      << fields.out;
  EXPECT_NE(fields.out.find("libc6 (>="), std::string::npos) << fields.out;
  EXPECT_NE(fields.out.find("libstdc++6 (>="), std::string::npos) << fields.out;
  EXPECT_NE(fields.out.find("libcurl"), std::string::npos) << "fetch needs libcurl\n" << fields.out;

  // Its files: exactly what the install() rules install, under /usr.
  auto listing = shell("dpkg-deb --fsys-tarfile " + deb + " | tar -t");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  std::set<std::string> in_package;
  for (const auto& line : lines_of(listing.out))
    if (line.back() != '/') in_package.insert(line.substr(line.rfind("./usr/", 0) == 0 ? 6 : 0));
  EXPECT_EQ(in_package, installed_by_cmake(work / "staging"));
  EXPECT_TRUE(in_package.count("bin/paperpress"));
  EXPECT_TRUE(in_package.count("share/man/man1/paperpress.1.gz"));

  if (testing::have_command("lintian")) {
    auto lintian = shell("lintian --fail-on error " + deb);
    EXPECT_EQ(lintian.exit_code, 0) << lintian.out << lintian.err;
  }

  RemoveOnExit remove;
  remove.armed = true;
  auto install = dpkg("-i " + deb);
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
  EXPECT_EQ(package_status(), "installed");

  // The installed program is this build's, and works as a new user's would.
  auto version = testing::run_program({"/usr/bin/paperpress", "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, testing::run_paperpress({"--version"}).out);
  fs::path site = work / "my-archive";
  auto init = testing::run_program({"/usr/bin/paperpress", "init", site.string()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"sample", "--papers", "300"}, std::vector<std::string>{"build"},
        std::vector<std::string>{"check"}}) {
    args.insert(args.begin(), {"/usr/bin/paperpress", "--site", site.string()});
    auto r = testing::run_program(args);
    ASSERT_EQ(r.exit_code, 0) << args[3] << ": " << r.out << r.err;
  }
  EXPECT_TRUE(fs::is_regular_file(site / "public/index.html"));
  // The man page, unless this system's dpkg leaves man pages out (dpkg.cfg.d's path-exclude).
  auto listed = shell("dpkg -L paperpress");
  if (listed.out.find("/usr/share/man/man1/paperpress.1.gz\n") != std::string::npos) {
    auto man = shell("gzip -dc /usr/share/man/man1/paperpress.1.gz");
    EXPECT_EQ(man.out, read_text(fs::path(PAPERPRESS_SOURCE_DIR) / "docs/paperpress.1"));
  }

  auto removal = dpkg("-r paperpress");
  ASSERT_EQ(removal.exit_code, 0) << removal.out << removal.err;
  remove.armed = false;
  EXPECT_EQ(package_status(), "not-installed");
  for (const auto& file : in_package)
    EXPECT_FALSE(fs::exists(fs::symlink_status(fs::path("/usr") / file))) << file;
  // Nor any folder of its own (those that only it used).
  for (const auto& file : in_package)
    for (fs::path dir = fs::path(file).parent_path(); !dir.empty(); dir = dir.parent_path())
      if (dir.string().find("paperpress") != std::string::npos)
        EXPECT_FALSE(fs::exists(fs::path("/usr") / dir)) << dir;
}

// The man page and --help name every command, as README.md's "Using it" does.
TEST(Package, ManPageAndHelpMatchTheReadme) {
  auto help = testing::run_paperpress({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  std::string page = read_text(fs::path(PAPERPRESS_SOURCE_DIR) / "docs/paperpress.1");
  std::string readme = read_text(fs::path(PAPERPRESS_SOURCE_DIR) / "README.md");
  size_t commands = help.out.find("Subcommands:\n");
  ASSERT_NE(commands, std::string::npos) << help.out;
  int seen = 0;
  for (const auto& line : lines_of(help.out.substr(commands + 13))) {
    std::string name = line.substr(2, line.find(' ', 2) - 2);
    ++seen;
    EXPECT_NE(page.find(".TP\n\\fB" + name), std::string::npos) << name << " in docs/paperpress.1";
    EXPECT_NE(readme.find("\npaperpress " + name), std::string::npos) << name << " in README.md";
  }
  EXPECT_GE(seen, 9);
  for (const char* option : {"\\-\\-site", "\\-\\-quiet", "\\-\\-version", "\\-\\-help"})
    EXPECT_NE(page.find(option), std::string::npos) << option;
}

// --version: CMake's project version and the commit the program is built from.
TEST(Package, VersionNamesTheProjectVersionAndTheCommit) {
  auto r = testing::run_paperpress({"--version"});
  ASSERT_EQ(r.exit_code, 0);
  std::string prefix = std::string("paperpress ") + PAPERPRESS_VERSION + " (commit ";
  ASSERT_EQ(r.out.rfind(prefix, 0), 0u) << r.out;
  std::string commit = r.out.substr(prefix.size());
  ASSERT_GE(commit.size(), 3u);
  EXPECT_EQ(commit.substr(commit.size() - 2), ")\n") << r.out;
  commit.resize(commit.size() - 2);
  if (commit.size() > 6 && commit.substr(commit.size() - 6) == "-dirty")
    commit.resize(commit.size() - 6);
  if (commit != "unknown") {
    EXPECT_EQ(commit.size(), 12u) << commit;
    EXPECT_EQ(commit.find_first_not_of("0123456789abcdef"), std::string::npos) << commit;
  }
  std::string cmake = read_text(fs::path(PAPERPRESS_SOURCE_DIR) / "CMakeLists.txt");
  EXPECT_NE(cmake.find(std::string("project(paperpress VERSION ") + PAPERPRESS_VERSION + " "),
            std::string::npos);
}

}  // namespace
}  // namespace paperpress
