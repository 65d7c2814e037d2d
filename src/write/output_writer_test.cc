#include "paperpress/write/output_writer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "paperpress/util/fs.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;

// An OutputWriter whose manifest is kept in the file `manifest` as its plain text (a build keeps
// it framed in the build cache; see site/build_state.h), saved by commit().
struct Writer {
  std::unique_ptr<OutputWriter> writer;
  std::filesystem::path manifest;

  OutputWriter* operator->() const { return writer.get(); }
  Status commit() const {
    if (auto st = writer->commit(); !st) return st;
    auto text = writer->manifest();
    if (!text) return Status::success();
    if (auto st = ensure_dir(manifest.parent_path()); !st) return st;
    return write_file_atomic(manifest, *text, Durability::kNone);
  }
};

Result<Writer> open_writer(const std::filesystem::path& root,
                           const std::filesystem::path& manifest) {
  PreviousManifest previous;
  struct stat st {};
  if (::stat(manifest.c_str(), &st) == 0) {
    previous.text = read_file(manifest).value();
    previous.saved_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
  }
  auto writer = OutputWriter::open(root, std::move(previous));
  if (!writer) return writer.error();
  return Writer{std::move(*writer), manifest};
}

// One build: writes `files` (path, bytes) and removes what it did not write.
WriteStats build(const std::filesystem::path& root,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  auto writer = open_writer(root, root.parent_path() / "cache" / "manifest");
  EXPECT_TRUE(writer) << writer.error().message;
  for (const auto& [path, bytes] : files) EXPECT_TRUE((*writer)->write(path, bytes));
  EXPECT_TRUE(writer->commit());
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

TEST(OutputWriter, StraySymlinksAreRemovedNeverFollowed) {
  TempDir dir;
  auto root = dir / "public";
  build(root, {{"a.html", "one"}, {"deep/er/b.html", "two"}});
  std::filesystem::create_directories(dir / "outside");
  ASSERT_TRUE(write_file_atomic(dir / "outside" / "keep.txt", "mine", Durability::kNone));
  std::filesystem::create_directory_symlink(dir / "outside", root / "deep" / "link");
  std::filesystem::create_directories(root / "empty" / "nested");
  WriteStats again = build(root, {{"a.html", "one"}, {"deep/er/b.html", "two"}});
  EXPECT_EQ(again.removed, 1u);  // the link
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(root / "deep" / "link")));
  EXPECT_FALSE(std::filesystem::exists(root / "empty"));
  EXPECT_EQ(contents(dir / "outside" / "keep.txt"), "mine");
  EXPECT_EQ(contents(root / "deep/er/b.html"), "two");
}

// Dates the manifest ahead, as when the next build comes a while after this one (entries in
// the manifest's own clock tick are not trusted).
void age_manifest(const std::filesystem::path& dir) {
  auto manifest = dir / "cache" / "manifest";
  std::filesystem::last_write_time(
      manifest, std::filesystem::last_write_time(manifest) + std::chrono::seconds(10));
}

TEST(OutputWriter, ABuildThatChangesNothingLeavesTheManifestAsItIs) {
  TempDir dir;
  auto root = dir / "public";
  auto manifest = dir / "cache" / "manifest";
  std::vector<std::pair<std::string, std::string>> files = {{"index.html", "home"},
                                                            {"papers/a/p.html", "a"}};
  build(root, files);
  age_manifest(dir.path());
  std::string text = contents(manifest);
  auto time = std::filesystem::last_write_time(manifest);
  WriteStats again = build(root, files);
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.unchanged, 3u);
  EXPECT_EQ(std::filesystem::last_write_time(manifest), time);
  EXPECT_EQ(contents(manifest), text);

  // Any change to record means a new manifest: a file written anew, a stale one removed.
  files[1].second = "A";
  EXPECT_EQ(build(root, files).written, 1u);
  EXPECT_NE(contents(manifest), text);
  age_manifest(dir.path());
  time = std::filesystem::last_write_time(manifest);
  files.pop_back();
  EXPECT_EQ(build(root, files).removed, 1u);
  EXPECT_NE(std::filesystem::last_write_time(manifest), time);
  EXPECT_EQ(contents(manifest).find("papers/a/p.html"), std::string::npos);
}

TEST(OutputWriter, ABuildThatComparedFilesWritesAManifestThatSparesTheNextOne) {
  TempDir dir;
  auto root = dir / "public";
  auto manifest = dir / "cache" / "manifest";
  build(root, {{"index.html", "home"}});
  age_manifest(dir.path());  // the folders are older than the manifest: unchanged since
  // index.html as if written in the manifest's own clock tick: its time (on disk and in the
  // manifest) is the manifest's, so a build must read it to be sure of it.
  const auto manifest_time = std::filesystem::last_write_time(manifest);
  std::filesystem::last_write_time(root / "index.html", manifest_time);
  struct stat st {};
  ASSERT_EQ(::stat((root / "index.html").c_str(), &st), 0);
  const std::string ns = std::to_string(st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
  std::string text = contents(manifest), edited;
  for (size_t pos = 0, end; pos < text.size(); pos = end + 1) {
    end = text.find('\n', pos);
    std::string line = text.substr(pos, end - pos);
    if (line.ends_with(" index.html")) {  // "hash size mtime path"
      size_t second = line.find(' ', line.find(' ') + 1), third = line.find(' ', second + 1);
      line = line.substr(0, second + 1) + ns + line.substr(third);
    }
    edited += line + "\n";
  }
  ASSERT_NE(edited, text);
  ASSERT_TRUE(write_file_atomic(manifest, edited, Durability::kNone));
  std::filesystem::last_write_time(manifest, manifest_time);

  auto writer = open_writer(root, manifest);
  ASSERT_TRUE(writer);
  ASSERT_TRUE((*writer)->keep_all(2));  // index.html and the marker
  ASSERT_TRUE(writer->commit());
  EXPECT_EQ((*writer)->stats().compared, 1u);
  EXPECT_EQ((*writer)->stats().written, 0u);
  // A new manifest: written once the clock has moved past the file's time, it spares the next
  // build the reading.
  EXPECT_NE(std::filesystem::last_write_time(manifest), manifest_time);
}

// keep_folder() keeps every file the last build wrote under a folder, and only there; one file
// of it edited by hand and it keeps none that counts (the caller writes them all).
TEST(OutputWriter, KeepFolderKeepsEveryFileUnderItOrReportsNone) {
  TempDir dir;
  auto root = dir / "public";
  auto manifest = dir / "cache" / "manifest";
  build(root, {{"search/m.json", "m"},
               {"search/v2/t/0.json", "t"},
               {"searching.html", "s"},
               {"a.html", "a"}});
  age_manifest(dir.path());
  {
    auto writer = open_writer(root, manifest);
    ASSERT_TRUE(writer);
    EXPECT_EQ((*writer)->keep_folder("search/"), 2u);
    EXPECT_EQ((*writer)->keep_folder("nothing/"), 0u);
    ASSERT_TRUE((*writer)->write("a.html", "a"));
    ASSERT_TRUE(writer->commit());
  }
  EXPECT_TRUE(std::filesystem::exists(root / "search/v2/t/0.json"));
  EXPECT_FALSE(std::filesystem::exists(root / "searching.html"));  // not under search/
  age_manifest(dir.path());
  testing::write_text(root / "search/m.json", "edited");
  auto writer = open_writer(root, manifest);
  ASSERT_TRUE(writer);
  EXPECT_EQ((*writer)->keep_folder("search/"), 0u);
}

// keep() takes a file as the last build left it; a file kept and then written after all (a
// page's HTML, when its Markdown must be written) counts once, and what is neither kept nor
// written goes.
TEST(OutputWriter, KeptFilesStayAndCountOnce) {
  TempDir dir;
  auto root = dir / "public";
  auto manifest = dir / "cache" / "manifest";
  build(root, {{"a.html", "a"}, {"b.md", "b"}, {"sub/c.html", "c"}, {"d.html", "d"}});
  age_manifest(dir.path());
  {
    auto writer = open_writer(root, manifest);
    ASSERT_TRUE(writer);
    EXPECT_TRUE((*writer)->keep("a.html"));
    EXPECT_TRUE((*writer)->keep("sub/c.html"));
    EXPECT_FALSE((*writer)->keep("nope.html"));
    ASSERT_TRUE((*writer)->write("b.md", "b, revised"));
    ASSERT_TRUE((*writer)->write("a.html", "a"));  // kept, then written with the same bytes
    ASSERT_TRUE(writer->commit());
    WriteStats stats = (*writer)->stats();
    EXPECT_EQ(stats.files, 4u);  // a.html, b.md, sub/c.html and the marker
    EXPECT_EQ(stats.written, 1u);
    EXPECT_EQ(stats.unchanged, 3u);
    EXPECT_EQ(stats.removed, 1u);
    EXPECT_EQ(stats.bytes, std::string("a"
                                       "b, revised"
                                       "c")
                                   .size() +
                               std::filesystem::file_size(root / OutputWriter::kMarker));
  }
  EXPECT_FALSE(std::filesystem::exists(root / "d.html"));
  EXPECT_EQ(contents(root / "b.md"), "b, revised");
  std::string text = contents(manifest);
  auto lines_ending = [&](const std::string& tail) {
    size_t n = 0;
    for (size_t at = text.find(tail); at != std::string::npos; at = text.find(tail, at + 1))
      n += text.compare(at + tail.size(), 1, "\n") == 0;
    return n;
  };
  EXPECT_EQ(lines_ending(" a.html"), 1u) << text;
  EXPECT_EQ(lines_ending(" sub/c.html"), 1u) << text;
  EXPECT_EQ(lines_ending(" d.html"), 0u) << text;
  // The manifest it saved lets the next build keep every file.
  age_manifest(dir.path());
  auto writer = open_writer(root, manifest);
  ASSERT_TRUE(writer);
  for (const char* file : {"a.html", "b.md", "sub/c.html"}) EXPECT_TRUE((*writer)->keep(file));
  ASSERT_TRUE(writer->commit());
  EXPECT_EQ((*writer)->stats().files, 4u);
  EXPECT_EQ((*writer)->stats().removed, 0u);
}

// The manifest lists its files sorted by path, kept and written ones merged (the next build
// reads them folder after folder), and a build reading it keeps them all, including after a
// manifest written by hand in another order.
TEST(OutputWriter, TheManifestListsKeptAndWrittenFilesSortedByPath) {
  TempDir dir;
  auto root = dir / "public";
  auto manifest = dir / "cache" / "manifest";
  build(root, {{"a.html", "a"}, {"c.html", "c"}, {"e.html", "e"}, {"sub/x.html", "x"}});
  age_manifest(dir.path());
  auto file_paths = [&] {
    std::vector<std::string> paths;
    std::istringstream lines(contents(manifest));
    std::string line;
    while (std::getline(lines, line))
      if (!line.ends_with('/')) paths.push_back(line.substr(line.rfind(' ') + 1));
    return paths;
  };
  {
    auto writer = open_writer(root, manifest);
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->write("d.html", "d"));
    EXPECT_TRUE((*writer)->keep("e.html"));
    ASSERT_TRUE((*writer)->write("c.html", "c, revised"));
    ASSERT_TRUE((*writer)->write("b.html", "b"));
    EXPECT_TRUE((*writer)->keep("a.html"));
    ASSERT_TRUE((*writer)->write("sub/y.html", "y"));
    ASSERT_TRUE(writer->commit());
  }
  const std::vector<std::string> expected = {std::string(OutputWriter::kMarker),
                                             "a.html",
                                             "b.html",
                                             "c.html",
                                             "d.html",
                                             "e.html",
                                             "sub/y.html"};
  EXPECT_EQ(file_paths(), expected);
  // The same lines in reverse order: read as well, and written back sorted.
  std::string text = contents(manifest);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string reversed;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it + "\n";
  ASSERT_TRUE(write_file_atomic(manifest, reversed, Durability::kNone));
  age_manifest(dir.path());
  {
    auto writer = open_writer(root, manifest);
    ASSERT_TRUE(writer);
    for (const char* kept : {"sub/y.html", "e.html", "a.html", "c.html"})
      EXPECT_TRUE((*writer)->keep(kept)) << kept;
    ASSERT_TRUE((*writer)->write("d.html", "d, revised"));
    ASSERT_TRUE((*writer)->write("b.html", "b"));
    ASSERT_TRUE(writer->commit());
    EXPECT_EQ((*writer)->stats().written, 1u);
    EXPECT_EQ((*writer)->stats().removed, 0u);
  }
  EXPECT_EQ(file_paths(), expected);
}

// keep_all() looks each file up in its folder, folder after folder, on several threads: every
// file of every folder is checked, and keeping them all counts them as keep() would.
TEST(OutputWriter, KeepAllChecksEveryFileOfEveryFolder) {
  TempDir dir;
  auto root = dir / "public";
  auto manifest = dir / "cache" / "manifest";
  std::vector<std::pair<std::string, std::string>> files = {{"index.html", "home"},
                                                            {"papers/index.html", "papers"},
                                                            {"papers/a/2025_01/p1.html", "1"},
                                                            {"papers/a/2025_01/p2.html", "22"},
                                                            {"papers/a/index.html", "a"},
                                                            {"papers/b/2025_02/p1.md", "333"},
                                                            {"daily/x/2025-01-01.html", "x"},
                                                            {"robots.txt", "r"}};
  build(root, files);
  age_manifest(dir.path());
  const size_t count = files.size() + 1;  // and the marker
  for (unsigned threads : {1u, 3u}) {
    auto writer = open_writer(root, manifest);
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->keep_all(count, threads));
    ASSERT_TRUE(writer->commit());
    WriteStats kept = (*writer)->stats();
    EXPECT_EQ(kept.files, count);
    EXPECT_EQ(kept.written, 0u);
    EXPECT_EQ(kept.removed, 0u);
    EXPECT_EQ(kept.unchanged, count);
    size_t bytes = 0;
    for (const auto& [path, text] : files) bytes += text.size();
    EXPECT_EQ(kept.bytes, bytes + std::filesystem::file_size(root / OutputWriter::kMarker));
  }
  // Each file in turn given another time (as an edit by hand would): then none is kept.
  for (const auto& [path, text] : files) {
    auto time = std::filesystem::last_write_time(root / path);
    std::filesystem::last_write_time(root / path, time - std::chrono::seconds(5));
    for (unsigned threads : {1u, 3u}) {
      auto writer = open_writer(root, manifest);
      ASSERT_TRUE(writer);
      EXPECT_FALSE((*writer)->keep_all(count, threads)) << path;
      EXPECT_EQ((*writer)->stats().unchanged, 1u);  // the marker alone, written on open
    }
    std::filesystem::last_write_time(root / path, time);
  }
  // A folder gone, or the count of files not the manifest's: none kept either.
  auto writer = open_writer(root, manifest);
  ASSERT_TRUE(writer);
  EXPECT_FALSE((*writer)->keep_all(count + 1, 2));
  std::filesystem::remove_all(root / "daily");
  writer = open_writer(root, manifest);
  ASSERT_TRUE(writer);
  EXPECT_FALSE((*writer)->keep_all(count, 2));
}

TEST(OutputWriter, StaleFilesInUnchangedFoldersGoWithoutListingAnyFolder) {
  TempDir dir;
  auto root = dir / "public";
  build(root, {{"index.html", "home"},
               {"papers/a/2025_01/p1.html", "1"},
               {"papers/a/2025_01/p2.html", "2"},
               {"papers/b/old/p1.html", "old"}});
  age_manifest(dir.path());
  WriteStats again = build(root, {{"index.html", "home"}, {"papers/a/2025_01/p1.html", "1"}});
  EXPECT_EQ(again.removed, 2u);
  EXPECT_EQ(again.listed, 0u);
  EXPECT_FALSE(std::filesystem::exists(root / "papers/a/2025_01/p2.html"));
  EXPECT_FALSE(std::filesystem::exists(root / "papers/b"));  // emptied, with its parent folder
  EXPECT_EQ(contents(root / "papers/a/2025_01/p1.html"), "1");
}

TEST(OutputWriter, AFileAddedToAFolderIsFoundByListingOnlyThatFolder) {
  TempDir dir;
  auto root = dir / "public";
  std::vector<std::pair<std::string, std::string>> files = {
      {"index.html", "home"}, {"papers/a/p.html", "a"}, {"papers/b/p.html", "b"}};
  build(root, files);
  age_manifest(dir.path());
  ASSERT_TRUE(write_file_atomic(root / "papers/b/stray.html", "mine", Durability::kNone));
  std::filesystem::create_directories(root / "papers/b/extra/deeper");
  ASSERT_TRUE(write_file_atomic(root / "papers/b/extra/deeper/x.html", "x", Durability::kNone));
  WriteStats again = build(root, files);
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.removed, 2u);
  EXPECT_FALSE(std::filesystem::exists(root / "papers/b/stray.html"));
  EXPECT_FALSE(std::filesystem::exists(root / "papers/b/extra"));
  EXPECT_EQ(contents(root / "papers/b/p.html"), "b");
  // papers/b/ and the foreign folders under it; nothing else.
  EXPECT_EQ(again.listed, 3u);
}

TEST(OutputWriter, AFolderReplacedByALinkIsRemovedNotFollowed) {
  TempDir dir;
  auto root = dir / "public";
  build(root, {{"a.html", "a"}, {"deep/c.html", "c"}, {"deep/er/b.html", "b"}});
  age_manifest(dir.path());
  // The folder moved out (keeping its times) and a link left in its place.
  std::filesystem::rename(root / "deep", dir / "outside");
  std::filesystem::create_directory_symlink(dir / "outside", root / "deep");
  WriteStats again = build(root, {{"a.html", "a"}});
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(root / "deep")));
  EXPECT_EQ(contents(dir / "outside" / "c.html"), "c");
  EXPECT_EQ(contents(dir / "outside" / "er" / "b.html"), "b");
  EXPECT_EQ(again.removed, 1u);  // the link
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

TEST(OutputWriter, AFreshOutputIsStagedAndAppearsWholeOnCommit) {
  TempDir dir;
  auto root = dir / "public";
  auto stage = OutputWriter::staging_folder(root);
  EXPECT_EQ(stage, std::filesystem::absolute(dir / ".public.paperpress-partial"));
  EXPECT_EQ(OutputWriter::staging_folder(dir.path().string() + "/public/"), stage);
  auto writer = open_writer(root, dir / "cache" / "manifest");
  ASSERT_TRUE(writer) << writer.error().message;
  EXPECT_TRUE((*writer)->staged());
  ASSERT_TRUE((*writer)->write("papers/a/index.html", "<p>a</p>"));
  EXPECT_FALSE(std::filesystem::exists(root));  // nothing shows before the commit
  EXPECT_EQ(contents(stage / "papers/a/index.html"), "<p>a</p>");
  ASSERT_TRUE(writer->commit());
  EXPECT_FALSE((*writer)->staged());
  EXPECT_FALSE(std::filesystem::exists(stage));
  EXPECT_EQ(contents(root / "papers/a/index.html"), "<p>a</p>");
  EXPECT_EQ((*writer)->stats().written, 2u);  // with the marker
  // The manifest holds the files' real modification times: the next build reads nothing.
  WriteStats again = build(root, {{"papers/a/index.html", "<p>a</p>"}});
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.compared, 0u);
}

TEST(OutputWriter, AStagedBuildThatFailsRemovesItsStagingFolder) {
  TempDir dir;
  auto root = dir / "public";
  auto stage = OutputWriter::staging_folder(root);
  {
    auto writer = open_writer(root, dir / "cache" / "manifest");
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE((*writer)->staged());
    ASSERT_TRUE((*writer)->write("papers/a/index.html", "<p>a</p>"));
    EXPECT_TRUE(std::filesystem::exists(stage / "papers/a/index.html"));
  }  // no commit: the build failed
  EXPECT_FALSE(std::filesystem::exists(stage));
  EXPECT_FALSE(std::filesystem::exists(root));
}

TEST(OutputWriter, AnEmptyOutputFolderIsReplacedAndAStoppedBuildsStageIsDropped) {
  TempDir dir;
  auto root = dir / "public";
  std::filesystem::create_directories(root);
  auto stage = OutputWriter::staging_folder(root);
  // What a build killed midway leaves.
  std::filesystem::create_directories(stage);
  ASSERT_TRUE(write_file_atomic(stage / OutputWriter::kMarker, "x", Durability::kNone));
  ASSERT_TRUE(write_file_atomic(stage / "half.html", "<p>ha", Durability::kNone));
  WriteStats first = build(root, {{"index.html", "<p>home</p>"}});
  EXPECT_EQ(first.written, 2u);
  EXPECT_EQ(contents(root / "index.html"), "<p>home</p>");
  EXPECT_FALSE(std::filesystem::exists(root / "half.html"));
  EXPECT_FALSE(std::filesystem::exists(stage));
}

TEST(OutputWriter, AStagingFolderWithForeignFilesIsRefused) {
  TempDir dir;
  auto root = dir / "public";
  auto stage = OutputWriter::staging_folder(root);
  std::filesystem::create_directories(stage);
  ASSERT_TRUE(write_file_atomic(stage / "notes.txt", "mine", Durability::kNone));
  auto writer = open_writer(root, dir / "cache" / "manifest");
  ASSERT_FALSE(writer);
  EXPECT_NE(writer.error().message.find(".public.paperpress-partial"), std::string::npos);
  EXPECT_EQ(contents(stage / "notes.txt"), "mine");
}

TEST(OutputWriter, ASymlinkedOutputIsWrittenThroughNotReplaced) {
  TempDir dir;
  std::filesystem::create_directories(dir / "www");
  std::filesystem::create_directory_symlink(dir / "www", dir / "public");
  auto writer = open_writer(dir / "public", dir / "cache" / "manifest");
  ASSERT_TRUE(writer) << writer.error().message;
  EXPECT_FALSE((*writer)->staged());
  ASSERT_TRUE((*writer)->write("index.html", "home"));
  ASSERT_TRUE(writer->commit());
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "public"));
  EXPECT_EQ(contents(dir / "www" / "index.html"), "home");
}

TEST(OutputWriter, AnOutputWithFilesIsUpdatedInPlace) {
  TempDir dir;
  auto root = dir / "public";
  build(root, {{"a.html", "one"}});
  auto writer = open_writer(root, dir / "cache" / "manifest");
  ASSERT_TRUE(writer);
  EXPECT_FALSE((*writer)->staged());
  ASSERT_TRUE((*writer)->write("b.html", "two"));
  EXPECT_EQ(contents(root / "b.html"), "two");  // visible at once, written whole
  ASSERT_TRUE(writer->commit());
}

}  // namespace
}  // namespace paperpress
