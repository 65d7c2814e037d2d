#include "paperpress/store/paper_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "paperpress/store/record_codec.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;
using testing::test_paper;

TEST(PaperStore, RoundTripsEveryField) {
  TempDir dir;
  Paper p = test_paper(42, "2025-03-01T10:00:00Z");
  p.authors = {"Caprice Stanley", "Tobias Windisch", "Zoë Müller"};
  p.categories = {"math.CO", "math.ST"};
  p.primary_category = "math.CO";
  p.journal_ref = "J. Foo 1 (2020)";
  p.doi = "10.1/abc";
  {
    auto w = StoreWriter::open(dir / "papers.log");
    ASSERT_TRUE(w) << w.error().message;
    auto stats = w->append({p}, 1, CommitKind::kComplete);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->added, 1u);
  }
  auto snap = StoreSnapshot::load(dir / "papers.log");
  ASSERT_TRUE(snap) << snap.error().message;
  ASSERT_EQ(snap->papers().size(), 1u);
  EXPECT_EQ(to_paper(snap->papers()[0]), p);
  EXPECT_EQ(snap->applied_seq(), 1u);
}

TEST(PaperStore, KeepsTheNewestVersionPerId) {
  TempDir dir;
  auto w = StoreWriter::open(dir / "papers.log");
  ASSERT_TRUE(w);
  Paper v1 = test_paper(1, "2025-01-01T00:00:00Z");
  Paper v2 = v1;
  v2.version = 2;
  v2.updated = "2025-02-01T00:00:00Z";
  v2.title = "second version";
  auto a = w->append({v2}, 1, CommitKind::kComplete);
  EXPECT_EQ(a->added, 1u);
  auto b = w->append({v1}, 2, CommitKind::kComplete);  // an older version arrives later
  EXPECT_EQ(b->unchanged, 1u);
  auto c = w->append({v2, v2}, 3, CommitKind::kComplete);  // duplicates within a batch
  EXPECT_EQ(c->unchanged, 2u);
  EXPECT_EQ(w->size(), 1u);
  auto snap = StoreSnapshot::load(dir / "papers.log");
  ASSERT_EQ(snap->papers().size(), 1u);
  EXPECT_EQ(snap->papers()[0].title(), "second version");
  EXPECT_EQ(snap->papers()[0].version(), 2);
}

TEST(PaperStore, ClassifiesNewUpdatedAndUnchanged) {
  TempDir dir;
  auto w = StoreWriter::open(dir / "papers.log");
  Paper p = test_paper(1, "2025-01-01T00:00:00Z");
  EXPECT_EQ(w->classify(p), PaperChange::kNew);
  ASSERT_TRUE(w->append({p}, 1, CommitKind::kComplete));
  EXPECT_EQ(w->classify(p), PaperChange::kUnchanged);
  p.version = 2;
  p.updated = "2025-01-05T00:00:00Z";
  EXPECT_EQ(w->classify(p), PaperChange::kUpdated);
}

TEST(PaperStore, TornAndUncommittedTailsAreDroppedNothingCommittedIsLost) {
  TempDir dir;
  auto path = dir / "papers.log";
  {
    auto w = StoreWriter::open(path);
    ASSERT_TRUE(w->append({test_paper(1, "2025-01-01T00:00:00Z")}, 1, CommitKind::kComplete));
    ASSERT_TRUE(w->append({test_paper(2, "2025-01-02T00:00:00Z")}, 2, CommitKind::kComplete));
  }
  auto committed_size = std::filesystem::file_size(path);
  // A paper record with no commit after it, then half a record: what a kill mid-append leaves.
  LogBatch uncommitted;
  uncommitted.add_paper(
      [](std::string& out) { encode_paper(test_paper(3, "2025-01-03T00:00:00Z"), out); });
  LogBatch torn;
  torn.add_paper(
      [](std::string& out) { encode_paper(test_paper(4, "2025-01-04T00:00:00Z"), out); });
  torn.add_commit(4, CommitKind::kComplete);
  {
    std::ofstream f(path, std::ios::binary | std::ios::app);
    f << uncommitted.bytes() << torn.bytes().substr(0, torn.bytes().size() / 2);
  }
  auto snap = StoreSnapshot::load(path);
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->papers().size(), 2u);
  EXPECT_EQ(snap->applied_seq(), 2u);
  auto size_with_tail = std::filesystem::file_size(path);
  {
    auto w = StoreWriter::open(path);  // clears the tail, without shrinking the file
    ASSERT_TRUE(w);
    EXPECT_EQ(w->applied_seq(), 2u);
    std::string bytes = *read_file(path);
    ASSERT_EQ(bytes.size(), size_with_tail);
    EXPECT_EQ(bytes.find_first_not_of('\0', committed_size), std::string::npos);
    // The snapshot taken before still reads what it mapped: the committed papers.
    EXPECT_EQ(snap->papers()[0].title(), test_paper(1, "2025-01-01T00:00:00Z").title);
    ASSERT_TRUE(w->append({test_paper(5, "2025-01-05T00:00:00Z")}, 3, CommitKind::kComplete));
  }
  auto after = StoreSnapshot::load(path);
  ASSERT_EQ(after->papers().size(), 3u);
  std::vector<std::string> ids;
  for (const PaperRef& p : after->papers()) ids.emplace_back(p.id());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{test_paper(1, "x").id, test_paper(2, "x").id,
                                           test_paper(5, "x").id}));
  // Reopening finds nothing to clear and loses nothing.
  ASSERT_TRUE(StoreWriter::open(path));
  EXPECT_EQ(StoreSnapshot::load(path)->papers().size(), 3u);
}

// Checksums and decoding run on several threads, each over a range of records; the log must
// still end at the first bad record, and duplicates keep the first place and the newest record.
TEST(PaperStore, SnapshotOnSeveralThreadsEqualsOneThread) {
  TempDir dir;
  auto path = dir / "papers.log";
  std::vector<size_t> ends;  // file size after each commit
  {
    auto w = StoreWriter::open(path);
    for (int n = 0; n < 60; ++n) {
      // Every tenth batch brings a newer version of paper 1.
      Paper p = n % 10 == 9 ? test_paper(1, "2025-02-0" + std::to_string(n / 10) + "T00:00:00Z")
                            : test_paper(n + 2, "2025-01-01T00:00:00Z");
      ASSERT_TRUE(w->append({p}, n + 1, CommitKind::kComplete));
      ends.push_back(std::filesystem::file_size(path));
    }
  }
  auto summary = [](const StoreSnapshot& s) {
    std::string out;
    for (const PaperRef& p : s.papers())
      out += std::string(p.id()) + " " + std::string(p.updated()) + "\n";
    return out + std::to_string(s.applied_seq());
  };
  auto one = StoreSnapshot::load(path, 1);
  auto four = StoreSnapshot::load(path, 4);
  ASSERT_TRUE(one && four);
  EXPECT_EQ(one->papers().size(), 55u);
  // Paper 1 keeps its first place (after papers 2..10) and holds its newest record.
  EXPECT_EQ(one->papers()[9].id(), test_paper(1, "x").id);
  EXPECT_EQ(one->papers()[9].updated(), "2025-02-05T00:00:00Z");
  EXPECT_EQ(summary(*four), summary(*one));
  // A bad byte in batch 41 (well inside the third of four ranges) ends the log after batch 40.
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(ends[40] + 20));
    f.put('\x01');
  }
  auto cut_one = StoreSnapshot::load(path, 1);
  auto cut_four = StoreSnapshot::load(path, 4);
  ASSERT_TRUE(cut_one && cut_four);
  EXPECT_EQ(cut_four->applied_seq(), 41u);
  EXPECT_EQ(cut_four->papers().size(), 41u - 4u + 1u);  // four copies of paper 1 are one
  EXPECT_EQ(summary(*cut_four), summary(*cut_one));
}

TEST(PaperStore, NoPapersSinceASnapshotWhileOnlyCommitsFollow) {
  TempDir dir;
  auto path = dir / "papers.log";
  auto w = StoreWriter::open(path);
  ASSERT_TRUE(w->append({test_paper(1, "2025-01-01T00:00:00Z")}, 1, CommitKind::kComplete));
  auto snap = StoreSnapshot::load(path);
  ASSERT_TRUE(snap);
  const size_t end = snap->committed_bytes();
  EXPECT_EQ(end, std::filesystem::file_size(path));
  EXPECT_TRUE(*no_papers_since(path, end));
  // Responses with nothing new: commit records alone.
  ASSERT_TRUE(w->append({}, 2, CommitKind::kComplete));
  ASSERT_TRUE(w->append({test_paper(1, "2025-01-01T00:00:00Z")}, 3, CommitKind::kComplete));
  EXPECT_TRUE(*no_papers_since(path, end));
  // A paper record a killed writer left without its commit does not count either.
  {
    LogBatch uncommitted;
    uncommitted.add_paper(
        [](std::string& out) { encode_paper(test_paper(7, "2025-01-07T00:00:00Z"), out); });
    std::ofstream f(path, std::ios::binary | std::ios::app);
    f << uncommitted.bytes();
  }
  EXPECT_TRUE(*no_papers_since(path, end));
  // A committed paper does.
  auto w2 = StoreWriter::open(path);
  ASSERT_TRUE(w2->append({test_paper(2, "2025-01-02T00:00:00Z")}, 4, CommitKind::kComplete));
  EXPECT_FALSE(*no_papers_since(path, end));
  EXPECT_FALSE(*no_papers_since(path, std::filesystem::file_size(path) + 1));  // not this file
}

TEST(PaperStore, CorruptedRecordEndsTheReadableLog) {
  TempDir dir;
  auto path = dir / "papers.log";
  {
    auto w = StoreWriter::open(path);
    ASSERT_TRUE(w->append({test_paper(1, "2025-01-01T00:00:00Z")}, 1, CommitKind::kComplete));
  }
  auto good = std::filesystem::file_size(path);
  {
    auto w = StoreWriter::open(path);
    ASSERT_TRUE(w->append({test_paper(2, "2025-01-02T00:00:00Z")}, 2, CommitKind::kComplete));
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(good) + 20);
    f.put('X');  // a flipped byte inside the second record
  }
  auto snap = StoreSnapshot::load(path);
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->papers().size(), 1u);
}

TEST(PaperStore, RejectsAFileThatIsNotAStore) {
  TempDir dir;
  testing::write_text(dir / "papers.log", "hello, world");
  auto snap = StoreSnapshot::load(dir / "papers.log");
  ASSERT_FALSE(snap);
  EXPECT_NE(snap.error().message.find("not a paperpress store"), std::string::npos);
  EXPECT_NE(snap.error().message.find("papers.log"), std::string::npos);
}

}  // namespace
}  // namespace paperpress
