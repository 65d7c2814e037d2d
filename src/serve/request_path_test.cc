#include "paperpress/serve/request_path.h"

#include <gtest/gtest.h>

#include <fstream>

#include "paperpress/util/fs.h"

namespace paperpress {
namespace {

TEST(ServeRequestPath, DecodesOrdinaryTargets) {
  EXPECT_EQ(decode_request_path("/"), "/");
  EXPECT_EQ(decode_request_path("/papers/llm/"), "/papers/llm/");
  EXPECT_EQ(decode_request_path("/a%20b/c.html?x=1&y=%2e%2e"), "/a b/c.html");
  EXPECT_EQ(decode_request_path("/caf%C3%A9.html#top"), "/caf\xC3\xA9.html");
  EXPECT_EQ(decode_request_path("/a..b/...c/.well-known/x"), "/a..b/...c/.well-known/x");
  EXPECT_EQ(decode_request_path("//double//slash"), "//double//slash");
}

TEST(ServeRequestPath, RefusesTraversalInEveryEncoding) {
  for (const char* target : {"/../etc/passwd",
                             "/a/../../etc/passwd",
                             "/..",
                             "/a/..",
                             "/./a",
                             "/%2e%2e/%2e%2e/etc/passwd",
                             "/%2E%2E/secret",
                             "/a/..%2f..%2fsecret",
                             "/a/%2e%2e%2fsecret",
                             "/.%2e/secret",
                             "/..\\..\\secret",
                             "/%5c..%5csecret",
                             "/a%00.html",
                             "/a%0d%0aSet-Cookie:x",
                             "/a\x01",
                             "/%zz",
                             "/%",
                             "/%4",
                             "",
                             "a/b",
                             "http://host/a",
                             "*"}) {
    EXPECT_EQ(decode_request_path(target), std::nullopt) << target;
  }
}

TEST(ServeRequestPath, BasePathOfBaseUrl) {
  EXPECT_EQ(base_path_of("https://user.github.io/archive"), "/archive");
  EXPECT_EQ(base_path_of("https://user.github.io/archive/"), "/archive");
  EXPECT_EQ(base_path_of("https://example.org/a/b/"), "/a/b");
  EXPECT_EQ(base_path_of("https://example.org"), "");
  EXPECT_EQ(base_path_of("https://example.org/"), "");
  EXPECT_EQ(base_path_of(""), "");
  EXPECT_EQ(base_path_of("https://example.org/my%20papers"), "/my papers");
}

class ServeLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("paperpress-lookup-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(base_);
    root_ = base_ / "site";
    ASSERT_TRUE(ensure_dir(root_ / "papers"));
    ASSERT_TRUE(ensure_dir(base_ / "outside"));
    ASSERT_TRUE(write_file_atomic(root_ / "index.html", "home"));
    ASSERT_TRUE(write_file_atomic(root_ / "papers" / "index.html", "papers"));
    ASSERT_TRUE(write_file_atomic(base_ / "outside" / "secret.txt", "secret"));
    std::filesystem::create_symlink(base_ / "outside" / "secret.txt", root_ / "leak.txt");
    std::filesystem::create_symlink(base_ / "outside", root_ / "leakdir");
    std::filesystem::create_symlink(root_ / "papers" / "index.html", root_ / "alias.html");
    root_ = std::filesystem::canonical(root_);
  }
  void TearDown() override { std::filesystem::remove_all(base_); }
  std::filesystem::path base_, root_;
};

TEST_F(ServeLookup, FindsFilesAndFolders) {
  EXPECT_EQ(lookup_in_root(root_, "index.html").found, Found::kFile);
  EXPECT_EQ(lookup_in_root(root_, "index.html").path, root_ / "index.html");
  EXPECT_EQ(lookup_in_root(root_, "papers").found, Found::kDirectory);
  EXPECT_EQ(lookup_in_root(root_, "papers/").found, Found::kDirectory);
  EXPECT_EQ(lookup_in_root(root_, "").found, Found::kDirectory);
  EXPECT_EQ(lookup_in_root(root_, "papers//index.html").found, Found::kFile);
  EXPECT_EQ(lookup_in_root(root_, "missing.html").found, Found::kMissing);
  EXPECT_EQ(lookup_in_root(root_, "index.html/x").found, Found::kMissing);
  // A symlink that stays inside is followed.
  EXPECT_EQ(lookup_in_root(root_, "alias.html").found, Found::kFile);
}

TEST_F(ServeLookup, NeverResolvesOutsideTheRoot) {
  EXPECT_EQ(lookup_in_root(root_, "leak.txt").found, Found::kMissing);
  EXPECT_EQ(lookup_in_root(root_, "leakdir").found, Found::kMissing);
  EXPECT_EQ(lookup_in_root(root_, "leakdir/secret.txt").found, Found::kMissing);
  EXPECT_EQ(lookup_in_root(root_, "../outside/secret.txt").found, Found::kMissing);
  EXPECT_EQ(lookup_in_root(root_, "papers/../../outside/secret.txt").found, Found::kMissing);
  // A leading '/' or empty segments never make the path absolute.
  EXPECT_EQ(lookup_in_root(root_, "/etc/passwd").found, Found::kMissing);
  EXPECT_EQ(lookup_in_root(root_, (base_ / "outside" / "secret.txt").string()).found,
            Found::kMissing);
}

}  // namespace
}  // namespace paperpress
