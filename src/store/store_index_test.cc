// StoreSnapshot::load with an index: the same snapshot as a full load, reading only what was
// appended since the index was saved; an index that does not fit the store is ignored.
#include <gtest/gtest.h>

#include <fstream>

#include "paperpress/store/paper_store.h"
#include "paperpress/store/record_codec.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;
using testing::test_paper;

// Everything a snapshot holds, in order.
std::string summary(const StoreSnapshot& s) {
  std::string out;
  for (const PaperRef& p : s.papers()) {
    Paper copy = to_paper(p);
    out += copy.id + " v" + std::to_string(copy.version) + " " + copy.updated + " " + copy.title +
           " " + std::to_string(p.digest()) + "\n";
  }
  return out + "seq " + std::to_string(s.applied_seq()) + " committed " +
         std::to_string(s.committed_bytes());
}

Paper paper(int n, int version, const std::string& updated) {
  Paper p = test_paper(n, updated);
  p.version = version;
  p.title = "Paper " + std::to_string(n) + " version " + std::to_string(version);
  return p;
}

class StoreIndex : public ::testing::Test {
 protected:
  void append(const std::vector<Paper>& papers) {
    auto w = StoreWriter::open(store_);
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE(w->append(papers, ++seq_, CommitKind::kComplete));
  }
  // Loads with the index in the file index_ on `threads` threads, checks it equals a full
  // load, saves the index there when it is outdated (as a build does, framed, in its cache).
  StoreSnapshot load_and_compare(unsigned threads = 2) {
    const std::string index =
        std::filesystem::exists(index_) ? testing::read_text(index_) : std::string();
    auto full = StoreSnapshot::load(store_, 1);
    auto indexed = StoreSnapshot::load(store_, threads, index);
    EXPECT_TRUE(full && indexed);
    if (!full || !indexed) return StoreSnapshot{};
    EXPECT_EQ(summary(*indexed), summary(*full));
    if (indexed->index_outdated()) testing::write_text(index_, indexed->encode_index());
    return std::move(*indexed);
  }
  size_t store_size() const { return std::filesystem::file_size(store_); }

  TempDir dir_;
  std::filesystem::path store_ = dir_ / "papers.log";
  std::filesystem::path index_ = dir_ / "store.index";
  uint64_t seq_ = 0;
};

TEST_F(StoreIndex, ReadsOnlyWhatWasAppendedAndGivesTheSameSnapshot) {
  std::vector<Paper> first;
  for (int n = 1; n <= 300; ++n) first.push_back(paper(n, 1, "2025-01-01T00:00:00Z"));
  append(first);
  StoreSnapshot a = load_and_compare();
  EXPECT_EQ(a.bytes_read(), store_size() - 8);  // all of it, after the file's header
  EXPECT_TRUE(std::filesystem::exists(index_));

  // New papers, newer versions of stored ones (which keep their places), an older version
  // (which changes nothing), in two commits.
  const size_t before = store_size();
  append({paper(301, 1, "2025-02-01T00:00:00Z"), paper(7, 2, "2025-02-02T00:00:00Z"),
          paper(150, 3, "2025-02-03T00:00:00Z")});
  append({paper(302, 1, "2025-02-04T00:00:00Z"), paper(7, 3, "2025-02-05T00:00:00Z")});
  StoreSnapshot b = load_and_compare(4);
  EXPECT_EQ(b.bytes_read(), store_size() - before);
  ASSERT_EQ(b.papers().size(), 302u);
  EXPECT_EQ(b.papers()[6].version(), 3);  // paper 7, in its first place
  EXPECT_EQ(b.papers()[6].title(), "Paper 7 version 3");
  EXPECT_EQ(b.papers()[301].id(), paper(302, 1, "").id);

  // Under an eighth of the store follows the index: it is not written again, and the next
  // load reads the same tail.
  const std::string index_bytes = testing::read_text(index_);
  StoreSnapshot c = load_and_compare();
  EXPECT_EQ(c.bytes_read(), store_size() - before);
  EXPECT_EQ(testing::read_text(index_), index_bytes);

  // More than an eighth: the index is saved again, and then nothing is left to read.
  std::vector<Paper> more;
  for (int n = 400; n < 450; ++n) more.push_back(paper(n, 1, "2025-03-01T00:00:00Z"));
  append(more);
  StoreSnapshot d = load_and_compare();
  EXPECT_EQ(d.bytes_read(), store_size() - before);
  EXPECT_NE(testing::read_text(index_), index_bytes);
  StoreSnapshot e = load_and_compare();
  EXPECT_EQ(e.bytes_read(), 0u);
  EXPECT_EQ(e.papers().size(), 352u);
}

TEST_F(StoreIndex, PapersAfterTheLastCommitAreNotReadUntilCommitted) {
  append({paper(1, 1, "2025-01-01T00:00:00Z")});
  load_and_compare();
  // A paper record with no commit after it, as a killed fetch leaves it.
  LogBatch batch;
  batch.add_paper([](std::string& out) { encode_paper(paper(2, 1, "2025-01-02T00:00:00Z"), out); });
  {
    std::ofstream out(store_, std::ios::binary | std::ios::app);
    out << batch.bytes();
  }
  EXPECT_EQ(load_and_compare().papers().size(), 1u);
  append({paper(3, 1, "2025-01-03T00:00:00Z")});  // the writer clears the uncommitted record
  StoreSnapshot s = load_and_compare();
  ASSERT_EQ(s.papers().size(), 2u);
  EXPECT_EQ(s.papers()[1].id(), paper(3, 1, "").id);
}

// A fetch that found nothing commits no paper: an index of no papers, then papers after it.
TEST_F(StoreIndex, AStoreOfCommitsAloneThenPapers) {
  append({});
  StoreSnapshot empty = load_and_compare();
  EXPECT_TRUE(empty.papers().empty());
  EXPECT_TRUE(std::filesystem::exists(index_));
  append({paper(1, 1, "2025-01-01T00:00:00Z")});
  StoreSnapshot one = load_and_compare();
  ASSERT_EQ(one.papers().size(), 1u);
  EXPECT_LT(one.bytes_read(), store_size() - 8);  // the commit before was known from the index
}

TEST_F(StoreIndex, AnIndexThatDoesNotFitIsIgnored) {
  std::vector<Paper> papers;
  for (int n = 1; n <= 50; ++n) papers.push_back(paper(n, 1, "2025-01-01T00:00:00Z"));
  append(papers);
  load_and_compare();
  const std::string good = testing::read_text(index_);

  // Cut short. (A damaged byte is found by the build cache's checksum: build_state_test.)
  testing::write_text(index_, good.substr(0, good.size() - 100));
  EXPECT_EQ(load_and_compare().bytes_read(), store_size() - 8);

  // Another file in the store's place (as `reindex` makes one), with other papers.
  testing::write_text(index_, good);
  std::filesystem::rename(store_, dir_ / "old.log");
  seq_ = 0;
  append({paper(900, 1, "2025-03-01T00:00:00Z")});
  StoreSnapshot other = load_and_compare();
  EXPECT_EQ(other.bytes_read(), store_size() - 8);
  ASSERT_EQ(other.papers().size(), 1u);

  // The same file rewritten in place (same inode) with other bytes: the commit the index was
  // read to is no longer there.
  load_and_compare();
  const std::string old_bytes = testing::read_text(dir_ / "old.log");
  {
    std::ofstream out(store_, std::ios::binary | std::ios::trunc);
    out << old_bytes;
  }
  EXPECT_EQ(load_and_compare().papers().size(), 50u);
}

}  // namespace
}  // namespace paperpress
