#include "paperpress/serve/content_type.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(ServeContentType, ByExtension) {
  EXPECT_EQ(content_type_for("papers/llm/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("assets/style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("papers/llm/chart.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("papers/llm/feed.xml"), "application/xml; charset=utf-8");
  EXPECT_EQ(content_type_for("sitemap.xml"), "application/xml; charset=utf-8");
  EXPECT_EQ(content_type_for("README.md"), "text/markdown; charset=utf-8");
  EXPECT_EQ(content_type_for("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_for("data.json"), "application/json");
  EXPECT_EQ(content_type_for("logo.PNG"), "image/png");
  EXPECT_EQ(content_type_for("photo.jpg"), "image/jpeg");
  EXPECT_EQ(content_type_for("photo.jpeg"), "image/jpeg");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("archive.tar.unknown"), "application/octet-stream");
  EXPECT_EQ(content_type_for("Makefile"), "application/octet-stream");
  EXPECT_EQ(content_type_for("dir.d/file"), "application/octet-stream");
}

TEST(ServeContentType, HtmlTypes) {
  EXPECT_TRUE(is_html_type("text/html; charset=utf-8"));
  EXPECT_TRUE(is_html_type("text/html"));
  EXPECT_FALSE(is_html_type("text/markdown; charset=utf-8"));
  EXPECT_FALSE(is_html_type("image/svg+xml"));
}

TEST(ServeContentType, TextIsCompressibleFontsAndImagesAreNot) {
  for (const char* file : {"a.html", "README.md", "x.js", "s.css", "search/v2/d/1.json",
                           "feed.xml", "chart.svg", "site.webmanifest", "robots.txt"})
    EXPECT_TRUE(is_compressible_type(content_type_for(file))) << file;
  for (const char* file : {"f.woff2", "p.png", "paper.pdf", "favicon.ico", "unknown.bin"})
    EXPECT_FALSE(is_compressible_type(content_type_for(file))) << file;
}

}  // namespace
}  // namespace paperpress
