#include "paperpress/write/output_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "paperpress/util/fs.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;

// One build: writes `files` (path, bytes) and removes what it did not write.
WriteStats build(const std::filesystem::path& root,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  auto writer = OutputWriter::open(root, root.parent_path() / "cache" / "manifest");
  EXPECT_TRUE(writer) << writer.error().message;
  for (const auto& [path, bytes] : files) EXPECT_TRUE((*writer)->write(path, bytes));
  EXPECT_TRUE((*writer)->remove_stale());
  return (*writer)->stats();
}

std::string contents(const std::filesystem::path& path) {
  auto text = read_file(path);
  return text ? *text : "<missing>";
}

TEST(OutputWriter, SecondBuildWritesNothing) {
  TempDir dir;
  auto root = dir / "public";
  std::vector<std::pair<std::string, std::string>> files = {{"index.html", "<p>home</p>"},
                                                            {"papers/a/index.md", "# a\n"}};
  WriteStats first = build(root, files);
  EXPECT_EQ(first.written, 3u);  // with the marker
  std::filesystem::file_time_type before = std::filesystem::last_write_time(root / "index.html");
  WriteStats second = build(root, files);
  EXPECT_EQ(second.written, 0u);
  EXPECT_EQ(second.unchanged, 3u);
  EXPECT_EQ(std::filesystem::last_write_time(root / "index.html"), before);
  EXPECT_TRUE(std::filesystem::exists(dir / "cache" / "manifest"));
}

TEST(OutputWriter, RestoresDeletedAndHandEditedFiles) {
  TempDir dir;
  auto root = dir / "public";
  std::vector<std::pair<std::string, std::string>> files = {{"a.html", "alpha"},
                                                            {"b.html", "bravo"}};
  build(root, files);
  std::filesystem::remove(root / "a.html");
  // Same size, so only the content (and modification time) tells the edit apart.
  ASSERT_TRUE(write_file_atomic(root / "b.html", "BRAVO", Durability::kNone));
  std::filesystem::last_write_time(
      root / "b.html", std::filesystem::last_write_time(root / "b.html") + std::chrono::seconds(1));
  WriteStats again = build(root, files);
  EXPECT_EQ(again.written, 2u);
  EXPECT_EQ(contents(root / "a.html"), "alpha");
  EXPECT_EQ(contents(root / "b.html"), "bravo");
}

TEST(OutputWriter, ChangedBytesAreRewrittenAndStaleFilesRemoved) {
  TempDir dir;
  auto root = dir / "public";
  build(root, {{"a.html", "one"}, {"old/gone.html", "x"}});
  ASSERT_TRUE(write_file_atomic(root / "stray.txt", "mine", Durability::kNone));
  WriteStats again = build(root, {{"a.html", "two"}});
  EXPECT_EQ(again.written, 1u);
  EXPECT_EQ(again.removed, 2u);
  EXPECT_EQ(contents(root / "a.html"), "two");
  EXPECT_FALSE(std::filesystem::exists(root / "old"));
  EXPECT_FALSE(std::filesystem::exists(root / "stray.txt"));
}

TEST(OutputWriter, ACorruptManifestOnlyMeansComparing) {
  TempDir dir;
  auto root = dir / "public";
  build(root, {{"a.html", "one"}});
  ASSERT_TRUE(write_file_atomic(dir / "cache" / "manifest", "garbage\n", Durability::kNone));
  WriteStats again = build(root, {{"a.html", "one"}});
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.compared, 2u);
}

}  // namespace
}  // namespace paperpress
