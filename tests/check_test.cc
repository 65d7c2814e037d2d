// paperpress check as a user runs it: the report on stdout, one line per problem and a count,
// and the exit code.
#include <gtest/gtest.h>

#include "fake_arxiv.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::run_paperpress;
using testing::TempDir;
using testing::write_text;

std::string page(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html>\n<head><title>" + title + "</title></head>\n<body>\n" + body +
         "\n</body>\n</html>\n";
}

// A site folder with site.toml and a small, correct public/.
void write_site(const TempDir& site) {
  write_text(site / "site.toml",
             "title = \"Check test\"\nbase_url = \"https://example.github.io/check\"\n");
  write_text(site / "public/index.html",
             page("Home",
                  "<a href=\"#main\">skip</a>\n<main id=\"main\">\n"
                  "<a href=\"papers/\">Papers</a>\n"
                  "<a href=\"papers/part_1.html#p1\">first</a>\n"
                  "<a href=\"mailto:editor@example.org\">mail</a>\n</main>"));
  write_text(site / "public/README.md", "# Home\n\n[Papers](papers/README.md)\n");
  write_text(site / "public/papers/index.html", page("Papers", "<a href=\"part_1.html\">1</a>"));
  write_text(site / "public/papers/README.md", "# Papers\n\n[Part 1](part_1.md#papers)\n");
  write_text(site / "public/papers/part_1.html",
             page("Part 1", "<article id=\"p1\"></article>\n<a href=\"../\">Home</a>"));
  write_text(site / "public/papers/part_1.md", "# Part 1\n\n## Papers\n\n[Home](../README.md)\n");
  write_text(
      site / "public/papers/feed.xml",
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Papers</title>\n"
      "<link rel=\"alternate\" href=\"https://example.github.io/check/papers/\"/>\n</feed>\n");
  write_text(site / "public/sitemap.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset>\n"
             "<url><loc>https://example.github.io/check/</loc></url>\n</urlset>\n");
}

std::vector<std::string> stdout_lines(const testing::RunResult& r) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    lines.push_back(r.out.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Runs check on the site; expects exit 1 and exactly `problem` before the summary line.
void expect_one_problem(const TempDir& site, const std::string& problem) {
  auto r = run_paperpress({"--site", site.path().string(), "check"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = stdout_lines(r);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0], (site.path() / "public").string() + "/" + problem);
  EXPECT_NE(lines[1].find("; 1 problem ("), std::string::npos) << lines[1];
}

TEST(CheckCommand, AGoodSitePasses) {
  TempDir site;
  write_site(site);
  auto r = run_paperpress({"--site", site.path().string(), "check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto lines = stdout_lines(r);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0].rfind("checked 3 HTML pages, 3 Markdown pages, 2 XML files: ", 0), 0u)
      << lines[0];
  EXPECT_NE(lines[0].find("0 problems"), std::string::npos) << lines[0];
}

TEST(CheckCommand, BrokenLink) {
  TempDir site;
  write_site(site);
  write_text(site / "public/papers/index.html", page("Papers", "<a href=\"part_2.html\">2</a>"));
  expect_one_problem(site,
                     "papers/index.html:5: broken link \"part_2.html\": no such file "
                     "papers/part_2.html");
}

TEST(CheckCommand, MissingAnchor) {
  TempDir site;
  write_site(site);
  write_text(site / "public/papers/part_1.html",
             page("Part 1", "<article id=\"p2\"></article>\n<a href=\"../\">Home</a>"));
  expect_one_problem(site,
                     "index.html:8: broken anchor \"papers/part_1.html#p1\": no id \"p1\" in "
                     "papers/part_1.html");
}

TEST(CheckCommand, PageWithoutTitle) {
  TempDir site;
  write_site(site);
  write_text(site / "public/papers/index.html", "<html><body><a href=\"part_1.html\">1</a></body>");
  expect_one_problem(site, "papers/index.html: no <title>");
}

TEST(CheckCommand, MalformedFeed) {
  TempDir site;
  write_site(site);
  write_text(site / "public/papers/feed.xml",
             "<?xml version=\"1.0\"?>\n<feed>\n<entry>\n</feed>\n");
  auto r = run_paperpress({"--site", site.path().string(), "check"});
  EXPECT_EQ(r.exit_code, 1);
  auto lines = stdout_lines(r);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  std::string prefix = (site.path() / "public").string() + "/papers/feed.xml:4: malformed XML: ";
  EXPECT_EQ(lines[0].rfind(prefix, 0), 0u) << lines[0];
}

TEST(CheckCommand, ChecksAnyFolderWithOut) {
  TempDir site;
  write_site(site);
  TempDir elsewhere;
  std::filesystem::rename(site / "public", elsewhere / "out");
  auto r = run_paperpress(
      {"--site", elsewhere.path().string(), "check", "--out", (elsewhere / "out").string()});
  // Without site.toml no base_url is known: the feed's and sitemap's absolute links count as
  // external, and everything else still resolves.
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CheckCommand, NoBuiltSiteIsAOneLineError) {
  TempDir site;
  write_text(site / "site.toml", "title = \"x\"\nbase_url = \"https://example.org\"\n");
  auto r = run_paperpress({"--site", site.path().string(), "check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("paperpress: error: no output folder ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("public"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(CheckCommand, ExternalLinksAreAskedOnlyWithExternal) {
  TempDir site;
  write_site(site);
  FakeArxiv server;
  server.set_handler([](const FakeRequest& request) {
    return request.path == "/ok" ? FakeResponse::ok("fine", "text/html")
                                 : FakeResponse::error(404, "gone");
  });
  write_text(site / "public/links.html",
             page("Links", "<a href=\"" + server.url("/ok") + "\">ok</a>\n<a href=\"" +
                               server.url("/gone") + "\">gone</a>"));

  auto quiet = run_paperpress({"--site", site.path().string(), "check"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_EQ(server.request_count(), 0u);

  auto r = run_paperpress({"--site", site.path().string(), "check", "--external",
                           "--external-delay", "0", "--external-limit", "10"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = stdout_lines(r);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0], (site.path() / "public").string() + "/links.html:6: broken external link \"" +
                          server.url("/gone") + "\": HTTP 404");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& request : requests) EXPECT_EQ(request.method, "HEAD");
}

}  // namespace
}  // namespace paperpress
