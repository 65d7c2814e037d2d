#include "paperpress/ingest/raw_cache.h"

#include <gtest/gtest.h>

#include "paperpress/ingest/cache.h"
#include "paperpress/sample/atom_writer.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;

TEST(RawCache, KeepsBodiesExactlyWithUrlStatusAndTime) {
  TempDir dir;
  auto cache = RawCache::open(dir.path());
  ASSERT_TRUE(cache);
  std::string body = "<feed>\xF0\x9F\x93\x85 exact bytes\r\n</feed>";
  auto a = cache->add(RawKind::kAtom, "http://x/api?q=1", 200, body);
  auto b = cache->add(RawKind::kOai, "http://x/oai?verb=ListRecords", 503, "busy");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->seq, 1u);
  EXPECT_EQ(b->seq, 2u);
  auto list = RawCache::open(dir.path())->list();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].url, "http://x/api?q=1");
  EXPECT_EQ((*list)[0].status, 200);
  EXPECT_EQ((*list)[0].fetched_at.size(), 20u);
  EXPECT_EQ(testing::read_text((*list)[0].body_path), body);
  EXPECT_EQ((*list)[1].kind, RawKind::kOai);
  EXPECT_EQ((*list)[1].status, 503);
}

TEST(RawCache, HalfWrittenEntriesAreRemovedAndNumbersNeverReused) {
  TempDir dir;
  {
    auto cache = RawCache::open(dir.path());
    ASSERT_TRUE(cache->add(RawKind::kAtom, "u1", 200, "one"));
  }
  // A body whose metadata was never written, and a temporary file: a kill mid-add.
  testing::write_text(dir / "raw/00000002.atom.xml", "orphan");
  testing::write_text(dir / "raw/00000003.atom.xml.tmp", "partial");
  auto cache = RawCache::open(dir.path());
  EXPECT_FALSE(std::filesystem::exists(dir / "raw/00000002.atom.xml"));
  EXPECT_FALSE(std::filesystem::exists(dir / "raw/00000003.atom.xml.tmp"));
  auto next = cache->add(RawKind::kAtom, "u2", 200, "two");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->seq, 3u);  // past every number seen, whole or not
  EXPECT_EQ(cache->list()->size(), 2u);
}

TEST(Cache, SecondOpenIsRefusedWhileTheFirstHoldsTheLock) {
  TempDir dir;
  auto first = Cache::open(dir.path(), [](const std::string&) {});
  ASSERT_TRUE(first);
  auto second = Cache::open(dir.path(), [](const std::string&) {});
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("another paperpress process is using the cache"),
            std::string::npos)
      << second.error().message;
}

TEST(Cache, AppliesRawEntriesAnInterruptedRunSavedButDidNotCommit) {
  TempDir dir;
  std::string body;
  write_atom_feed({testing::test_paper(1, "2025-01-01T00:00:00Z"),
                   testing::test_paper(2, "2025-01-02T00:00:00Z")},
                  FeedPage{2, 0, 2}, body);
  {
    auto raw = RawCache::open(dir.path());
    ASSERT_TRUE(raw->add(RawKind::kAtom, "http://x/api", 200, body));
  }
  std::vector<std::string> warnings;
  auto cache = Cache::open(dir.path(), [&](const std::string& w) { warnings.push_back(w); });
  ASSERT_TRUE(cache) << cache.error().message;
  EXPECT_EQ(cache->recovered_entries(), 1u);
  EXPECT_EQ(cache->store().size(), 2u);
  EXPECT_EQ(cache->store().applied_seq(), 1u);
  EXPECT_TRUE(warnings.empty());
}

TEST(Cache, AnUnparsableLeftoverIsWarnedAndKept) {
  TempDir dir;
  {
    auto raw = RawCache::open(dir.path());
    ASSERT_TRUE(raw->add(RawKind::kAtom, "http://x/api", 200, "<feed><entry>"));
  }
  std::vector<std::string> warnings;
  auto cache = Cache::open(dir.path(), [&](const std::string& w) { warnings.push_back(w); });
  ASSERT_TRUE(cache);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("00000001.atom.xml (http://x/api)"), std::string::npos) << warnings[0];
  EXPECT_TRUE(std::filesystem::exists(dir / "raw/00000001.atom.xml"));
  EXPECT_EQ(cache->store().applied_seq(), 1u);
}

}  // namespace
}  // namespace paperpress
