#include "paperpress/site/build_state.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>

#include "paperpress/util/fs.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;

class BuildStateTest : public ::testing::Test {
 protected:
  BuildStateTest() {
    testing::write_text(dir_ / "site.toml", "title = \"t\"\n");
    config_.site_dir = dir_.path();
  }
  std::string file(CacheKind kind) const { return testing::read_text(state().path(kind)); }
  BuildState state() const { return BuildState(config_, dir_ / "public"); }

  TempDir dir_;
  Config config_ = testing::one_topic_config();
};

TEST_F(BuildStateTest, APayloadRoundTripsUnderItsKindAndKey) {
  const BuildState s = state();
  ASSERT_TRUE(s.save(CacheKind::kTopics, 42, "the topics"));
  auto back = s.load(CacheKind::kTopics, 42);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->bytes(), "the topics");
  EXPECT_GT(back->saved_ns(), 0);
  // Another key (another program, site.toml, store or output folder): not valid.
  EXPECT_FALSE(s.load(CacheKind::kTopics, 43));
  // The same bytes read as another kind of cache: not valid either.
  std::filesystem::copy_file(s.path(CacheKind::kTopics), s.path(CacheKind::kOrder));
  EXPECT_FALSE(s.load(CacheKind::kOrder, 42));
  // A missing file.
  EXPECT_FALSE(s.load(CacheKind::kStoreIndex, 42));
}

TEST_F(BuildStateTest, APayloadInPiecesIsTheirConcatenation) {
  const BuildState s = state();
  // Pieces longer than the checksum's 64 KiB blocks, split off their boundaries.
  std::string a(100000, 'a'), b(3, 'b'), c(70000, 'c');
  const std::array<std::string_view, 4> pieces{a, b, "", c};
  ASSERT_TRUE(s.save(CacheKind::kOrder, 7, pieces));
  auto back = s.load(CacheKind::kOrder, 7);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->bytes(), a + b + c);
  EXPECT_EQ(frame_header(CacheKind::kOrder, 7, pieces),
            frame_header(CacheKind::kOrder, 7, std::array<std::string_view, 1>{a + b + c}));
  // Aligned for arrays read in place.
  EXPECT_EQ(reinterpret_cast<uintptr_t>(back->bytes().data()) % 8, 0u);
}

TEST_F(BuildStateTest, ADamagedCutGrownOrForeignFileIsIgnored) {
  const BuildState s = state();
  ASSERT_TRUE(s.save(CacheKind::kLastBuild, 1, std::string(1000, 'x')));
  const std::filesystem::path path = s.path(CacheKind::kLastBuild);
  const std::string good = testing::read_text(path);
  ASSERT_TRUE(s.load(CacheKind::kLastBuild, 1));

  for (size_t at : {size_t{0}, size_t{9}, size_t{20}, size_t{39}, size_t{40}, good.size() - 1}) {
    std::string bad = good;
    bad[at] ^= 0x01;
    testing::write_text(path, bad);
    EXPECT_FALSE(s.load(CacheKind::kLastBuild, 1)) << "byte " << at << " changed";
  }
  for (size_t cut : {size_t{0}, size_t{10}, size_t{40}, good.size() - 1}) {
    testing::write_text(path, good.substr(0, cut));
    EXPECT_FALSE(s.load(CacheKind::kLastBuild, 1)) << "cut to " << cut;
  }
  testing::write_text(path, good + "more");
  EXPECT_FALSE(s.load(CacheKind::kLastBuild, 1));
  // The text files of earlier versions, and a folder in the file's place.
  testing::write_text(path, "1:2 100 abc 8 5 5 30\n");
  EXPECT_FALSE(s.load(CacheKind::kLastBuild, 1));
  std::filesystem::remove(path);
  std::filesystem::create_directory(path);
  EXPECT_FALSE(s.load(CacheKind::kLastBuild, 1));
}

TEST_F(BuildStateTest, AnotherFormatVersionIsIgnored) {
  const std::string payload = "payload";
  std::string header =
      frame_header(CacheKind::kTopics, 5, std::array<std::string_view, 1>{payload});
  ASSERT_TRUE(unframe(header + payload, CacheKind::kTopics, 5));
  header[8] = static_cast<char>(kBuildStateFormat + 1);  // the format version's low byte
  EXPECT_FALSE(unframe(header + payload, CacheKind::kTopics, 5));
}

TEST_F(BuildStateTest, OutputFoldersHaveTheirOwnFilesAndKeys) {
  const BuildState one(config_, dir_ / "public");
  const BuildState two(config_, dir_ / "other");
  EXPECT_NE(one.path(CacheKind::kManifest), two.path(CacheKind::kManifest));
  EXPECT_NE(one.output(), two.output());
  // The site's caches are shared by every output folder.
  EXPECT_EQ(one.path(CacheKind::kTopics), two.path(CacheKind::kTopics));
  EXPECT_EQ(one.path(CacheKind::kStoreIndex).parent_path(), dir_ / "cache" / "build");
}

TEST_F(BuildStateTest, TheConfigKeyFollowsSiteToml) {
  const uint64_t before = state().program_and_config();
  EXPECT_EQ(state().program_and_config(), before);
  testing::write_text(dir_ / "site.toml", "title = \"renamed\"\n");
  EXPECT_NE(state().program_and_config(), before);
  EXPECT_EQ(state().program(), BuildState(config_, dir_ / "x").program());
}

TEST_F(BuildStateTest, TheLastBuildKeyFollowsTheStoreFile) {
  const std::filesystem::path store = dir_ / "papers.log";
  testing::write_text(store, "one");
  const uint64_t key = BuildState::last_build_key(9, store);
  EXPECT_EQ(BuildState::last_build_key(9, store), key);
  EXPECT_NE(BuildState::last_build_key(10, store), key);
  // Another file in its place, as `reindex` makes one.
  testing::write_text(dir_ / "new.log", "one");
  std::filesystem::rename(dir_ / "new.log", store);
  EXPECT_NE(BuildState::last_build_key(9, store), key);
}

TEST(LastBuild, RoundTripsAndRefusesOtherLengths) {
  const LastBuild b{100, 8, 5, 4, 30};
  auto back = LastBuild::decode(b.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->store_committed, 100u);
  EXPECT_EQ(back->files, 8u);
  EXPECT_EQ(back->papers_loaded, 5u);
  EXPECT_EQ(back->papers_in_topics, 4u);
  EXPECT_EQ(back->pages, 30u);
  EXPECT_FALSE(LastBuild::decode(b.encode().substr(1)));
  EXPECT_FALSE(LastBuild::decode(b.encode() + "x"));
}

}  // namespace
}  // namespace paperpress
