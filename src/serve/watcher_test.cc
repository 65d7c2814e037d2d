#include "paperpress/serve/watcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "paperpress/util/fs.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;

class ServeWatcher : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("paperpress-watch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(ensure_dir(dir_ / "content"));
    write(dir_ / "site.toml", "title = \"x\"\n");
    write(dir_ / "content" / "about.md", "about");
    watcher_.set_paths({dir_ / "site.toml", dir_ / "content", dir_ / "static"});
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void write(const fs::path& path, const std::string& text) {
    ASSERT_TRUE(ensure_dir(path.parent_path()));
    ASSERT_TRUE(write_file_atomic(path, text, Durability::kNone));
  }
  // Moves a file's modification time, as a save within the same clock tick might not.
  static void touch(const fs::path& path) {
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(1));
  }
  fs::path dir_;
  Watcher watcher_;
};

TEST_F(ServeWatcher, FirstPollIsTheBaseline) {
  EXPECT_FALSE(watcher_.poll());
  EXPECT_EQ(watcher_.file_count(), 2u);
  EXPECT_FALSE(watcher_.poll());
}

TEST_F(ServeWatcher, SeesEditsAdditionsAndRemovals) {
  watcher_.poll();
  touch(dir_ / "content" / "about.md");
  WatchChange edit = watcher_.poll();
  EXPECT_EQ(edit.count, 1u);
  EXPECT_EQ(edit.first, (dir_ / "content" / "about.md").string());
  EXPECT_FALSE(watcher_.poll());

  write(dir_ / "content" / "digests" / "d1.md", "new");
  ASSERT_TRUE(ensure_dir(dir_ / "static"));
  write(dir_ / "static" / "logo.svg", "<svg/>");
  EXPECT_EQ(watcher_.poll().count, 2u);

  fs::remove(dir_ / "content" / "about.md");
  WatchChange removal = watcher_.poll();
  EXPECT_EQ(removal.count, 1u);
  EXPECT_EQ(removal.first, (dir_ / "content" / "about.md").string());

  // Replaced by rename with the same size: the inode differs.
  write(dir_ / "site.toml", "title = \"y\"\n");
  EXPECT_TRUE(watcher_.poll());
}

TEST_F(ServeWatcher, IgnoresEditorLeftovers) {
  watcher_.poll();
  write(dir_ / "content" / ".about.md.swp", "x");
  write(dir_ / "content" / "about.md~", "x");
  write(dir_ / "content" / "#about.md#", "x");
  write(dir_ / "content" / ".git" / "index", "x");
  EXPECT_FALSE(watcher_.poll());
  EXPECT_TRUE(is_ignored_name("x.swo"));
  EXPECT_FALSE(is_ignored_name("about.md"));
}

TEST_F(ServeWatcher, NewPathsTakeANewBaseline) {
  watcher_.poll();
  write(dir_ / "cache" / "store" / "papers.log", "log");
  watcher_.set_paths(
      {dir_ / "site.toml", dir_ / "content", dir_ / "cache" / "store" / "papers.log"});
  EXPECT_FALSE(watcher_.poll());
  EXPECT_EQ(watcher_.file_count(), 3u);
  touch(dir_ / "cache" / "store" / "papers.log");
  EXPECT_TRUE(watcher_.poll());
}

}  // namespace
}  // namespace paperpress
