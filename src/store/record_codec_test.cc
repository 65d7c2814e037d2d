#include "paperpress/store/record_codec.h"

#include <gtest/gtest.h>

#include <string>

namespace paperpress {
namespace {

Paper every_field() {
  Paper p;
  p.id = "2501.01234";
  p.version = 3;
  p.title = "A <title> & more";
  p.authors = {"Ada Lovelace", "Alan Turing"};
  p.abstract = std::string(5000, 'a');
  p.comment = "12 pages";
  p.journal_ref = "J. Test 1 (2025)";
  p.doi = "10.1000/x";
  p.categories = {"cs.CL", "cs.LG"};
  p.primary_category = "cs.CL";
  p.published = "2025-01-02T03:04:05Z";
  p.updated = "2025-02-03T04:05:06Z";
  p.abs_url = "https://arxiv.org/abs/2501.01234v3";
  p.pdf_url = "https://arxiv.org/pdf/2501.01234v3";
  return p;
}

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

TEST(RecordCodec, RoundTripsEveryFieldAsViewsIntoTheRecord) {
  const Paper p = every_field();
  std::string bytes;
  encode_paper(p, bytes);
  auto ref = decode_paper(bytes, 0x1234);
  ASSERT_TRUE(ref);
  EXPECT_EQ(to_paper(*ref), p);
  EXPECT_EQ(ref->digest(), 0x1234u);
  EXPECT_EQ(ref->version(), 3);
  EXPECT_EQ(ref->authors(), "Ada Lovelace\nAlan Turing");
  EXPECT_EQ(ref->categories(), "cs.CL cs.LG");
  for (std::string_view field : {ref->id(), ref->title(), ref->abstract(), ref->pdf_url()})
    EXPECT_TRUE(inside(field, bytes)) << field.substr(0, 20);
}

TEST(RecordCodec, EmptyFieldsStayEmpty) {
  Paper p;
  p.id = "2501.00001";
  std::string bytes;
  encode_paper(p, bytes);
  auto ref = decode_paper(bytes);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->id(), "2501.00001");
  EXPECT_EQ(ref->title(), "");
  EXPECT_EQ(ref->authors(), "");
  EXPECT_EQ(ref->pdf_url(), "");
  EXPECT_EQ(to_paper(*ref), p);
}

TEST(RecordCodec, ADefaultRefHasEveryFieldEmpty) {
  PaperRef ref;
  EXPECT_EQ(ref.id(), "");
  EXPECT_EQ(ref.title(), "");
  EXPECT_EQ(ref.updated(), "");
  EXPECT_EQ(ref.version(), 0);
  EXPECT_EQ(ref.digest(), 0u);
  EXPECT_EQ(to_paper(ref), Paper{});
}

TEST(RecordCodec, RejectsTruncatedAndOverlongRecords) {
  std::string bytes;
  encode_paper(every_field(), bytes);
  EXPECT_TRUE(decode_paper(bytes));
  for (size_t cut : {size_t{0}, size_t{3}, size_t{8}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(decode_paper(std::string_view(bytes).substr(0, cut))) << cut;
  EXPECT_FALSE(decode_paper(bytes + "x"));  // bytes after the last field
}

}  // namespace
}  // namespace paperpress
