#include "paperpress/ingest/reindex.h"

#include <gtest/gtest.h>

#include <map>

#include "paperpress/sample/atom_writer.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;
using testing::test_paper;

std::string feed(const std::vector<Paper>& papers) {
  std::string out;
  write_atom_feed(papers, FeedPage{static_cast<long long>(papers.size()), 0, 100}, out);
  return out;
}

std::map<std::string, std::string> titles(const std::filesystem::path& cache_dir) {
  std::map<std::string, std::string> out;
  auto snap = StoreSnapshot::load(store_file(cache_dir));
  EXPECT_TRUE(snap) << snap.error().message;
  if (snap)
    for (const PaperRef& p : snap->papers()) out[std::string(p.id())] = std::string(p.title());
  return out;
}

// Entries are parsed ahead on other threads but applied strictly in order: of two copies of a
// paper with the same version and date the first one stays (the store keeps what it has), as in
// the store being replaced.
TEST(Reindex, ReplaysEveryKindOfEntryInOrder) {
  TempDir dir;
  std::vector<std::string> warnings;
  auto warn = [&](const std::string& w) { warnings.push_back(w); };
  auto cache = Cache::open(dir.path(), warn);
  ASSERT_TRUE(cache) << cache.error().message;
  std::map<std::string, std::string> expected;
  for (int round = 0; round < 12; ++round) {
    Paper shared = test_paper(1, "2025-01-01T00:00:00Z");
    shared.title = "copy " + std::to_string(round);
    Paper own = test_paper(100 + round, "2025-01-02T00:00:00Z");
    ASSERT_TRUE(cache->raw().add(RawKind::kAtom, "https://a/" + std::to_string(round), 200,
                                 feed({shared, own})));
    expected.try_emplace(shared.id, shared.title);
    expected[own.id] = own.title;
    if (round == 4) {
      ASSERT_TRUE(cache->raw().add(RawKind::kAtom, "https://a/broken", 200, "<feed><entry>"));
      ASSERT_TRUE(cache->raw().add(RawKind::kAtom, "https://a/busy", 503, "Retry later"));
    }
    if (round == 7) {
      TempDir src;
      testing::write_text(
          src / "snapshot.json",
          R"({"id":"0704.0001","title":"From the snapshot","abstract":"x","authors":"A B",)"
          R"("categories":"hep-ph","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 )"
          R"(19:18:42 GMT"}],"update_date":"2007-04-02"})"
          "\n");
      ASSERT_TRUE(cache->raw().add_file(RawKind::kKaggle, src / "snapshot.json"));
      expected["0704.0001"] = "From the snapshot";
    }
  }
  auto stats = reindex(*cache, warn);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->entries, 15u);
  EXPECT_EQ(stats->failed_entries, 1u);
  EXPECT_EQ(stats->papers, expected.size());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(".atom.xml (https://a/broken)"), std::string::npos) << warnings[0];
  EXPECT_EQ(titles(dir.path()), expected);

  // The cache keeps appending to the rebuilt store, durably.
  Paper later = test_paper(999, "2025-03-01T00:00:00Z");
  ASSERT_TRUE(cache->store().append({later}, 100, CommitKind::kComplete));
  EXPECT_EQ(titles(dir.path()).count(later.id), 1u);
  EXPECT_FALSE(std::filesystem::exists(store_file(dir.path()).string() + ".reindex"));
}

}  // namespace
}  // namespace paperpress
