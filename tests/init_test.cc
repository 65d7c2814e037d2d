// paperpress init: a new site that works out of the box, and never a lost file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <set>

#include "paperpress/config/config.h"
#include "paperpress/model/content.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::write_text;

const std::vector<std::string> kScaffold = {".github/workflows/deploy.yml",
                                            ".gitignore",
                                            "README.md",
                                            "content/about.md",
                                            "scripts/deploy.sh",
                                            "site.toml"};

TEST(Init, CreatesAWorkingSiteInANewFolder) {
  TempDir tmp;
  fs::path dir = tmp / "sites/new-site";
  auto r = run_paperpress({"init", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& name : kScaffold) EXPECT_TRUE(fs::is_regular_file(dir / name)) << name;

  auto config = Config::from_dir(dir);
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->topics.size(), 1u);
  EXPECT_EQ(config->cache_dir, "cache");
  EXPECT_EQ(config->output_dir, "public");
  EXPECT_EQ(config->archive.since.size(), 10u);

  auto about = parse_content_page(read_text(dir / "content/about.md"), "about", "about.md");
  ASSERT_TRUE(about) << about.error().message;
  EXPECT_EQ(about->title, "About this archive");

  struct stat st {};
  ASSERT_EQ(::stat((dir / "scripts/deploy.sh").c_str(), &st), 0);
  EXPECT_TRUE(st.st_mode & S_IXUSR);

  std::string gitignore = read_text(dir / ".gitignore");
  EXPECT_NE(gitignore.find("\npublic/\n"), std::string::npos) << gitignore;

  for (const auto& name : kScaffold) {
    std::string text = read_text(dir / name);
    EXPECT_EQ(text.find("@PAPERPRESS_VERSION@"), std::string::npos) << name;
    EXPECT_EQ(text.find("@SINCE@"), std::string::npos) << name;
  }
  // The deploy script installs the release of the version that wrote it.
  EXPECT_NE(read_text(dir / "scripts/deploy.sh")
                .find(std::string("\nPAPERPRESS_VERSION=${PAPERPRESS_VERSION:-") +
                      PAPERPRESS_VERSION + "}\n"),
            std::string::npos);
  EXPECT_NE(gitignore.find("\n.paperpress/\n"), std::string::npos) << gitignore;
}

TEST(Init, WritesEveryFileOfTheScaffoldFolder) {
  std::set<std::string> in_repo;
  fs::path root = fs::path(PAPERPRESS_SOURCE_DIR) / "scaffold";
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) in_repo.insert(entry.path().lexically_relative(root).string());
  EXPECT_EQ(in_repo, std::set<std::string>(kScaffold.begin(), kScaffold.end()));

  TempDir dir;
  ASSERT_EQ(run_paperpress({"init", dir.path().string()}).exit_code, 0);
  // Without placeholders, a written file is the scaffold file byte for byte.
  EXPECT_EQ(read_text(dir / "content/about.md"), read_text(root / "content/about.md"));
  EXPECT_EQ(read_text(dir / ".github/workflows/deploy.yml"),
            read_text(root / ".github/workflows/deploy.yml"));
}

TEST(Init, RefusesToOverwriteAndWritesNothing) {
  TempDir dir;
  write_text(dir / "site.toml", "title = \"mine\"\n");
  auto r = run_paperpress({"init", dir.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "paperpress: error: " + (dir / "site.toml").string() +
                       " already exists (--force overwrites it)\n");
  EXPECT_EQ(read_text(dir / "site.toml"), "title = \"mine\"\n");
  EXPECT_FALSE(fs::exists(dir / "content"));
  EXPECT_FALSE(fs::exists(dir / ".github"));
}

TEST(Init, ForceOverwrites) {
  TempDir dir;
  write_text(dir / "site.toml", "title = \"mine\"\n");
  write_text(dir / "content/other.md", "---\ntitle: Kept\n---\n");
  auto r = run_paperpress({"init", dir.path().string(), "--force"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Config::from_dir(dir.path()));
  EXPECT_NE(read_text(dir / "site.toml"), "title = \"mine\"\n");
  EXPECT_EQ(read_text(dir / "content/other.md"), "---\ntitle: Kept\n---\n");
}

TEST(Init, ANewSiteSamplesBuildsAndChecks) {
  TempDir dir;
  std::string site = dir.path().string();
  ASSERT_EQ(run_paperpress({"init", site}).exit_code, 0);
  auto sample = run_paperpress({"--site", site, "sample", "--papers", "400"});
  ASSERT_EQ(sample.exit_code, 0) << sample.err;
  auto build = run_paperpress({"--site", site, "build"});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_TRUE(fs::is_regular_file(dir / "public/index.html"));
  EXPECT_TRUE(fs::is_regular_file(dir / "public/about.html"));
  auto check = run_paperpress({"--site", site, "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace paperpress
