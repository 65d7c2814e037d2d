#include "gzip.h"

#include <gtest/gtest.h>

#define ZLIB_CONST
#include <zlib.h>

#include <random>

namespace paperpress {
namespace {

// zlib's own reader, taking the gzip header and trailer (its checksum and length) too.
std::string gunzip(std::string_view bytes) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out;
  char buf[4096];
  z.next_in = reinterpret_cast<const Bytef*>(bytes.data());
  z.avail_in = static_cast<uInt>(bytes.size());
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    result = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  EXPECT_EQ(result, Z_STREAM_END);
  inflateEnd(&z);
  return out;
}

TEST(Gzip, WhatZlibReadsBackIsTheText) {
  std::mt19937 rng(3);
  std::string noise(200000, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  std::string page;
  for (int i = 0; i < 2000; ++i) page += "<li><a href=\"../abs/2501.0" + std::to_string(i) + ".html\">A title</a></li>\n";
  for (const std::string& text : {std::string(), std::string("x"), page, noise}) {
    auto zipped = gzip(text);
    ASSERT_TRUE(zipped);
    ASSERT_GE(zipped->size(), 18u);  // header and trailer
    EXPECT_EQ(static_cast<unsigned char>((*zipped)[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>((*zipped)[1]), 0x8b);
    EXPECT_EQ(gunzip(*zipped), text);
  }
  EXPECT_LT(gzip(page)->size(), page.size() / 5);  // the repetitive text of pages shrinks
}

}  // namespace
}  // namespace paperpress
