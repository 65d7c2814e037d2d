#include "paperpress/model/archive_order.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "test_support.h"

namespace paperpress {
namespace {

std::vector<PaperIndex> indexes(const ArchiveOrder& order) {
  std::vector<PaperIndex> out;
  for (const OrderKey& k : order.keys()) out.push_back(k.index);
  return out;
}

TEST(ArchiveOrder, MergingChangedPapersIntoThePreviousOrderGivesTheOrderOfAFullSort) {
  Config config = testing::one_topic_config();
  testing::DatedPapers papers(20000);
  const ArchiveOrder first = order_papers(config, papers.refs, 2);

  // A fetch later: revisions that move papers (into the archive, out of it, within it, onto a
  // date many others share), and new papers appended.
  std::vector<PaperRef> now = papers.refs;
  now[3] = papers.revised(3, "2026-12-31T23:59:59Z", 900001);    // to the top
  now[17] = papers.revised(17, "2024-06-01T00:00:00Z", 900002);  // out of the archive
  now[250] = papers.revised(250, papers.dates[4000], 900003);    // onto another's date
  now[251] = papers.revised(251, papers.dates[251], 900004);     // same date, new record
  for (size_t i = 0; i < now.size(); i += 97)
    if (papers.dates[i] < "2025") now[i] = papers.revised(i, "2025-03-03T01:00:00Z", 900100 + i);
  for (size_t i = 0; i < 300; ++i) {  // new ids, on the dates of papers already there
    Paper p;
    p.id = "2612." + std::to_string(10000 + i);
    p.title = "A new paper";
    p.published = p.updated = papers.dates[i * 61];
    p.version = 1;
    now.push_back(testing::stored_ref(p, 800000 + i));
  }

  OrderStats stats;
  const ArchiveOrder merged = order_papers(config, now, 2, &first, &stats);
  const ArchiveOrder full = order_papers(config, now, 2);
  EXPECT_EQ(indexes(merged), indexes(full));
  ASSERT_FALSE(full.keys().empty());
  EXPECT_EQ(full.keys().front().index, 3u);
  // Only the changed and new papers were keyed from their records.
  const size_t revised_old = 4 + (20000 + 96) / 97;
  EXPECT_LE(stats.changed, revised_old + 300);
  EXPECT_GE(stats.changed, 300u + 4);
  EXPECT_LE(stats.keyed, stats.changed);
  EXPECT_EQ(stats.reused + stats.keyed, full.keys().size());
  EXPECT_GT(stats.reused, full.keys().size() - stats.changed - 1);

  // With nothing changed, everything is reused.
  OrderStats again;
  EXPECT_EQ(indexes(order_papers(config, now, 1, &merged, &again)), indexes(full));
  EXPECT_EQ(again.changed, 0u);
  EXPECT_EQ(again.keyed, 0u);
}

TEST(ArchiveOrder, AnOrderOfAnotherStoreOnlyCostsKeyingAgain) {
  // Every paper at another index (as after a reindex that wrote them in another order).
  Config config = testing::one_topic_config();
  testing::DatedPapers papers(5000);
  const ArchiveOrder first = order_papers(config, papers.refs);
  std::vector<PaperRef> reversed(papers.refs.rbegin(), papers.refs.rend());
  OrderStats stats;
  EXPECT_EQ(indexes(order_papers(config, reversed, 1, &first, &stats)),
            indexes(order_papers(config, reversed)));
  EXPECT_EQ(stats.changed, 5000u);
  EXPECT_EQ(stats.reused, 0u);
}

TEST(ArchiveOrder, TheOrderOfAnEmptyStoreRoundTrips) {
  // Its arrays are empty, with null data: encoding must not pass those on (as a deploy with
  // arXiv down and an empty cache would).
  const ArchiveOrder order = order_papers(testing::one_topic_config(), {});
  std::string bytes;
  const ArchiveOrder::Encoded encoded = order.encode();
  for (std::string_view piece : encoded.pieces()) bytes += piece;
  auto back = ArchiveOrder::decode(bytes);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->keys().empty());
}

TEST(ArchiveOrder, RoundTripsAndRefusesMalformedBytes) {
  Config config = testing::one_topic_config();
  testing::DatedPapers papers(3000);
  const ArchiveOrder order = order_papers(config, papers.refs);
  std::string bytes;
  const ArchiveOrder::Encoded encoded = order.encode();
  for (std::string_view piece : encoded.pieces()) bytes += piece;
  auto back = ArchiveOrder::decode(bytes);
  ASSERT_TRUE(back);
  EXPECT_EQ(indexes(*back), indexes(order));
  OrderStats stats;
  EXPECT_EQ(indexes(order_papers(config, papers.refs, 1, &*back, &stats)), indexes(order));
  EXPECT_EQ(stats.keyed, 0u);

  EXPECT_FALSE(ArchiveOrder::decode(bytes.substr(0, bytes.size() - 1)));
  EXPECT_FALSE(ArchiveOrder::decode(""));
  // Decoded orders are views: bytes that are not aligned for them are refused, not misread.
  std::string shifted = " " + bytes;
  EXPECT_FALSE(ArchiveOrder::decode(std::string_view(shifted).substr(1)));
  // A key naming a paper past the end.
  std::string damaged = bytes;
  const uint32_t past = 3000;
  std::memcpy(damaged.data() + damaged.size() - 8, &past, 4);
  EXPECT_FALSE(ArchiveOrder::decode(damaged));
}

}  // namespace
}  // namespace paperpress
