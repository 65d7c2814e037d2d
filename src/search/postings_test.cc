#include "paperpress/search/postings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

namespace paperpress {
namespace {

std::vector<Posting> postings_of(const TermPostings& index, std::string_view term) {
  std::vector<Posting> out;
  const size_t id = index.find(term);
  if (id != SIZE_MAX) index.postings[id].decode(out);
  return out;
}

uint8_t impact_of(const TermPostings& index, std::string_view term, uint32_t doc) {
  for (Posting p : postings_of(index, term))
    if (p >> 8 == doc) return p & 0xFF;
  return 0;
}

TEST(TermImpact, TitleOutweighsAbstractAndMoreOftenOutweighsOnce) {
  const uint32_t len[4] = {8, 6, 150, 2};
  const uint32_t in_title[4] = {1, 0, 0, 0}, in_abstract[4] = {0, 0, 1, 0},
                 twice_in_abstract[4] = {0, 0, 2, 0}, in_author[4] = {0, 1, 0, 0};
  EXPECT_GT(term_impact(in_title, len), term_impact(twice_in_abstract, len));
  EXPECT_GT(term_impact(twice_in_abstract, len), term_impact(in_abstract, len));
  EXPECT_GT(term_impact(in_author, len), term_impact(in_abstract, len));
  EXPECT_GE(term_impact(in_abstract, len), 1);
  // A shorter title gives its words more weight.
  const uint32_t short_title[4] = {3, 6, 150, 2};
  EXPECT_GT(term_impact(in_title, short_title), term_impact(in_title, len));
}

TEST(BuildPostings, EveryTermOfEveryFieldWithItsDocumentsInOrder) {
  std::vector<SearchFields> docs = {
      {"Sparse attention", "Ada Lovelace\nAlan Turing", "We study attention.", "cs.CL cs.LG"},
      {"Graph networks", "Alan Turing", "Attention is not used.", "cs.LG"},
      {"Attention", "Grace Hopper", "", "cs.AI"},
  };
  for (unsigned threads : {1u, 2u, 3u}) {
    TermPostings index = build_postings(
        docs.size(), [&](size_t d) { return docs[d]; }, threads);
    const std::vector<Posting> list = postings_of(index, "attention");
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0] >> 8, 0u);
    EXPECT_EQ(list[1] >> 8, 1u);
    EXPECT_EQ(list[2] >> 8, 2u);
    // In a title it weighs more than in an abstract; in both, more still.
    EXPECT_GT(impact_of(index, "attention", 2), impact_of(index, "attention", 1));
    EXPECT_GT(impact_of(index, "attention", 0), impact_of(index, "attention", 1));
    EXPECT_GT(impact_of(index, "turing", 1), 0);
    EXPECT_GT(impact_of(index, "network", 1), 0);  // plural folded
    EXPECT_GT(impact_of(index, "cs.lg", 0), 0);    // categories whole, lowercased
    EXPECT_EQ(impact_of(index, "cs", 0), 0);
    size_t alans = 0;
    for (size_t i = 0; i < index.size(); ++i) alans += index.term(i) == "alan";
    EXPECT_EQ(alans, 1u);
  }
}

TEST(PostingList, KeepsDocumentsAndImpactsThroughAppendAndLargeGaps) {
  const std::vector<uint32_t> docs = {0, 1, 2, 130, 131, 20000, 20001, 3000000, 16777215};
  std::vector<Posting> expected;
  PostingList whole, first, second;
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto impact = static_cast<uint8_t>(1 + i * 31);
    expected.push_back(docs[i] << 8 | impact);
    whole.add(docs[i], impact);
    (i < 4 ? first : second).add(docs[i], impact);
  }
  std::vector<Posting> out;
  whole.decode(out);
  EXPECT_EQ(out, expected);
  first.append(std::move(second));
  EXPECT_EQ(first.size(), docs.size());
  EXPECT_EQ(second.size(), 0u);
  out.clear();
  first.decode(out);
  EXPECT_EQ(out, expected);
  // Appending to an empty list takes the other as it is; more can follow.
  PostingList empty, rest;
  rest.add(5, 9);
  empty.append(std::move(rest));
  empty.add(7, 3);
  out.clear();
  empty.decode(out);
  EXPECT_EQ(out, (std::vector<Posting>{5u << 8 | 9, 7u << 8 | 3}));
  // A list of one posting is kept in the list itself; appended to another, or grown, it moves.
  PostingList one, big;
  one.add(3000000, 1);
  big.add(1, 2);
  big.add(2, 3);
  big.append(std::move(one));
  out.clear();
  big.decode(out);
  EXPECT_EQ(out, (std::vector<Posting>{1u << 8 | 2, 2u << 8 | 3, 3000000u << 8 | 1}));
  PostingList moved;
  moved.add(9, 4);
  PostingList other(std::move(moved));
  other.add(16777215, 5);
  out.clear();
  other.decode(out);
  EXPECT_EQ(out, (std::vector<Posting>{9u << 8 | 4, 16777215u << 8 | 5}));
  EXPECT_EQ(moved.size(), 0u);
}

TEST(BuildPostings, ManyDistinctTermsGrowTheTableAndMergeAcrossThreads) {
  // Enough distinct terms to grow every thread's table many times, each in several documents
  // on both sides of the threads' split.
  std::vector<std::string> abstracts(4000);
  for (size_t d = 0; d < abstracts.size(); ++d)
    for (size_t k = 0; k < 8; ++k)
      abstracts[d] += "w" + std::to_string((d * 7 + k * 977) % 5000) + " ";
  std::map<std::string, std::vector<Posting>> one_thread;  // each term once, with its list
  for (unsigned threads : {1u, 2u, 4u}) {
    TermPostings index = build_postings(
        abstracts.size(),
        [&](size_t d) {
          return SearchFields{"", "", abstracts[d], "", ""};
        },
        threads);
    // The same terms, each once (a term first seen by two later threads included), with the
    // same postings, however many threads read the documents.
    std::map<std::string, std::vector<Posting>> terms;
    for (size_t i = 0; i < index.size(); ++i) {
      std::vector<Posting>& list = terms[std::string(index.term(i))];
      ASSERT_TRUE(list.empty()) << index.term(i) << " twice with " << threads << " threads";
      index.postings[i].decode(list);
    }
    if (threads == 1) one_thread = terms;
    EXPECT_EQ(terms, one_thread) << threads << " threads";
    size_t total = 0;
    for (size_t i = 0; i < index.size(); ++i) {
      std::vector<Posting> list;
      index.postings[i].decode(list);
      total += list.size();
      for (size_t k = 1; k < list.size(); ++k) ASSERT_LT(list[k - 1] >> 8, list[k] >> 8);
      for (Posting p : list)
        ASSERT_NE(abstracts[p >> 8].find(std::string(index.term(i)) + " "), std::string::npos);
    }
    EXPECT_EQ(total, abstracts.size() * 8);
    EXPECT_EQ(index.find("w0") != SIZE_MAX, true);
  }
}

}  // namespace
}  // namespace paperpress
