#include "paperpress/store/paper_log.h"

#include <gtest/gtest.h>

#include <cstring>

#include "paperpress/store/record_codec.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::test_paper;

// A log in memory: `papers` papers in batches of `batch`, each batch followed by a commit, then
// `uncommitted` more papers with no commit after them.
std::string make_log(size_t papers, size_t batch, size_t uncommitted = 0) {
  std::string log(kLogMagic);
  LogBatch b;
  for (size_t i = 0; i < papers + uncommitted; ++i) {
    Paper p = test_paper(static_cast<int>(i + 1), "2025-01-01T00:00:00Z");
    b.add_paper([&](std::string& out) { encode_paper(p, out); });
    if (i + 1 <= papers && ((i + 1) % batch == 0 || i + 1 == papers))
      b.add_commit(i + 1, CommitKind::kComplete);
  }
  return log + b.bytes();
}

TEST(ReadPapers, DecodesWhatReadLogFindsOnAnyNumberOfThreads) {
  std::string log = make_log(1000, 7, 5);
  std::vector<PaperRecord> records;
  auto expected = read_log(log, records);
  ASSERT_TRUE(expected);
  ASSERT_EQ(records.size(), 1000u);
  EXPECT_EQ(expected->applied_seq, 1000u);
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    std::vector<PaperRef> papers;
    auto scan = read_papers(log, papers, threads);
    ASSERT_TRUE(scan) << scan.error().message;
    EXPECT_EQ(scan->committed_bytes, expected->committed_bytes);
    EXPECT_EQ(scan->paper_records, 1000u);
    ASSERT_EQ(papers.size(), records.size()) << threads;
    for (size_t i = 0; i < papers.size(); ++i) {
      auto ref = decode_paper(records[i].payload);
      ASSERT_TRUE(ref);
      ASSERT_EQ(papers[i].id(), ref->id()) << i;
      ASSERT_EQ(papers[i].title(), ref->title()) << i;
      ASSERT_EQ(papers[i].digest(), records[i].digest) << i;
    }
    EXPECT_EQ(papers.back().id(), test_paper(1000, "2025-01-01T00:00:00Z").id);
  }
}

TEST(ReadPapers, EndsAtTheFirstBadChecksumWhicheverThreadFindsIt) {
  std::string log = make_log(100, 10);
  std::vector<PaperRecord> records;
  ASSERT_TRUE(read_log(log, records));
  // Flip a byte of paper 75's payload: papers 71..100 lose their commit.
  size_t at = static_cast<size_t>(records[74].payload.data() - log.data()) + 5;
  log[at] ^= 0x20;
  for (unsigned threads : {1u, 2u, 4u}) {
    std::vector<PaperRef> papers;
    auto scan = read_papers(log, papers, threads);
    ASSERT_TRUE(scan);
    EXPECT_EQ(papers.size(), 70u) << threads;
    EXPECT_EQ(scan->applied_seq, 70u) << threads;
  }
}

// Every paper's abstract holds the bytes of a whole valid record, so a thread that starts
// following the log from the middle of a range can land on one of those instead of a real
// record; the result must still be the log's own.
std::string make_log_with_fake_records(size_t papers) {
  LogBatch fake;
  Paper inner = test_paper(999999, "2025-01-01T00:00:00Z");
  fake.add_paper([&](std::string& out) { encode_paper(inner, out); });
  std::string log(kLogMagic);
  LogBatch b;
  for (size_t i = 0; i < papers; ++i) {
    Paper p = test_paper(static_cast<int>(i + 1), "2025-01-01T00:00:00Z");
    p.abstract = std::string(i % 97, 'x') + fake.bytes() + fake.bytes() + std::string(200, 'y');
    b.add_paper([&](std::string& out) { encode_paper(p, out); });
    if ((i + 1) % 50 == 0) b.add_commit(i + 1, CommitKind::kComplete);
  }
  return log + b.bytes();
}

void expect_same_papers(const std::string& log, unsigned threads) {
  std::vector<PaperRef> one, many;
  auto a = read_papers(log, one, 1);
  auto b = read_papers(log, many, threads);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->committed_bytes, b->committed_bytes) << threads;
  EXPECT_EQ(a->applied_seq, b->applied_seq) << threads;
  ASSERT_EQ(one.size(), many.size()) << threads;
  for (size_t i = 0; i < one.size(); ++i) {
    ASSERT_EQ(one[i].id(), many[i].id()) << i;
    ASSERT_EQ(one[i].digest(), many[i].digest()) << i;
  }
}

TEST(ReadPapers, FramingOnManyThreadsFindsTheLogsOwnRecords) {
  std::string log = make_log_with_fake_records(8000);
  ASSERT_GT(log.size(), size_t{6} << 20);  // enough for several threads to take a range
  std::vector<PaperRef> papers;
  ASSERT_TRUE(read_papers(log, papers, 1));
  EXPECT_EQ(papers.size(), 8000u);
  for (const PaperRef& p : papers) ASSERT_NE(p.id(), test_paper(999999, "").id);
  for (unsigned threads : {2u, 3u, 4u, 7u}) expect_same_papers(log, threads);
}

TEST(ReadPapers, FramingOnManyThreadsStopsWhereTheLogDoes) {
  std::string log = make_log_with_fake_records(8000);
  std::vector<PaperRecord> records;
  ASSERT_TRUE(read_log(log, records));
  // A zero length in the middle of the log, as a cut-short append leaves: the log ends there.
  size_t header = static_cast<size_t>(records[5000].payload.data() - log.data()) - 1 - 8;
  std::string cut = log;
  std::memset(cut.data() + header, 0, 4);
  std::vector<PaperRef> papers;
  ASSERT_TRUE(read_papers(cut, papers, 4));
  EXPECT_EQ(papers.size(), 5000u);
  expect_same_papers(cut, 4);
  // An unknown record type there ends it the same way.
  std::string odd = log;
  odd[header + 8] = 'Z';
  ASSERT_TRUE(read_papers(odd, papers, 4));
  EXPECT_EQ(papers.size(), 5000u);
  expect_same_papers(odd, 3);
}

TEST(ReadPapers, NamesACommittedRecordThatDoesNotDecode) {
  std::string log(kLogMagic);
  LogBatch b;
  Paper good = test_paper(1, "2025-01-01T00:00:00Z");
  b.add_paper([&](std::string& out) { encode_paper(good, out); });
  b.add_commit(1, CommitKind::kComplete);
  const size_t bad_at = log.size() + b.bytes().size();
  b.add_paper([](std::string& out) { out += "not a paper"; });
  std::string uncommitted = log + b.bytes();
  b.add_commit(2, CommitKind::kComplete);
  std::string committed = log + b.bytes();

  std::vector<PaperRef> papers;
  auto scan = read_papers(uncommitted, papers, 2);
  ASSERT_TRUE(scan) << scan.error().message;  // no commit covers it: not part of the log
  EXPECT_EQ(papers.size(), 1u);

  scan = read_papers(committed, papers, 2);
  ASSERT_FALSE(scan);
  EXPECT_EQ(scan.error().message,
            "the paper record at byte " + std::to_string(bad_at) + " does not decode");
}

}  // namespace
}  // namespace paperpress
