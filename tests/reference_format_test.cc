// The Markdown mirrors line by line against the formats other archive tools publish: each test
// reads an excerpt of a reference page (tests/sites/reference/), stores papers carrying the same
// data, builds a site and compares the generated page with the excerpt.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "paperpress/store/paper_store.h"
#include "paperpress/util/text.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::write_text;

std::filesystem::path reference_dir() {
  return std::filesystem::path(PAPERPRESS_SOURCE_DIR) / "tests" / "sites" / "reference";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

std::string html_unescape(std::string s) {
  s = replace_all(s, "&lt;", "<");
  s = replace_all(s, "&gt;", ">");
  s = replace_all(s, "&quot;", "\"");
  s = replace_all(s, "&#39;", "'");
  return replace_all(s, "&amp;", "&");
}

std::string markdown_unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) ++i;
    out += s[i];
  }
  return html_unescape(out);
}

// A paper with the reference's data; `rank` orders papers of one day (0 is the newest).
Paper reference_paper(const std::string& url, const std::string& title, const std::string& date,
                      int rank) {
  Paper p;
  auto id = parse_arxiv_id(url);
  EXPECT_TRUE(id) << url;
  p.id = id ? id->id : "";
  p.version = id && id->version ? id->version : 1;
  p.title = title;
  p.authors = {"A. Author"};
  p.categories = {"cs.CL"};
  p.primary_category = "cs.CL";
  p.published = p.updated = date + "T12:00:" + std::to_string(50 - rank) + "Z";
  p.abs_url = url;
  return p;
}

Paper filler(int n, const std::string& date) {
  Paper p;
  char id[32];
  std::snprintf(id, sizeof id, "2401.%05d", n);
  p.id = id;
  p.version = 1;
  p.title = "LLM filler paper " + std::to_string(n);
  p.authors = {"B. Author"};
  p.abstract = "A large language model paper.";
  p.categories = {"cs.CL"};
  p.primary_category = "cs.CL";
  p.published = p.updated = date + "T08:00:00Z";
  fill_default_links(p);
  return p;
}

void write_store(const std::filesystem::path& site, const std::vector<Paper>& papers) {
  std::filesystem::path file = store_file(site / "cache");
  std::filesystem::create_directories(file.parent_path());
  auto writer = StoreWriter::open(file);
  ASSERT_TRUE(writer) << writer.error().message;
  auto st = writer->append(papers, 1, CommitKind::kComplete);
  ASSERT_TRUE(st) << st.error().message;
}

std::string site_toml(const std::string& style) {
  return "title = \"Reference\"\n"
         "base_url = \"https://example.github.io/reference\"\n"
         "[archive]\n"
         "date_field = \"updated\"\n"
         "papers_per_part = 3\n"
         "markdown_style = \"" +
         style +
         "\"\n"
         "since = \"2024-01-01\"\n"
         "[[topics]]\n"
         "slug = \"llm\"\n"
         "name = \"LLM\"\n"
         "keywords = [\"LLM\", \"Large Language Model\", \"GPT\"]\n";
}

void build(const std::filesystem::path& site) {
  auto run = run_paperpress({"--site", site.string(), "-q", "build"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
}

// Compares line by line; `breadcrumb` is the index of the reference's breadcrumb line, whose
// links legitimately differ (ours are relative links between the mirrors), or -1.
void expect_same_lines(const std::vector<std::string>& ours, const std::vector<std::string>& ref,
                       int breadcrumb) {
  ASSERT_EQ(ours.size(), ref.size());
  static const std::regex kCrumb(
      R"(\[Home\]\([^):]+\) / \[Papers\]\([^):]+\) / \[llm\]\([^):]+\))");
  for (size_t i = 0; i < ref.size(); ++i) {
    if (static_cast<int>(i) == breadcrumb) {
      EXPECT_TRUE(std::regex_match(ours[i], kCrumb)) << "line " << i + 1 << ": " << ours[i];
      continue;
    }
    EXPECT_EQ(ours[i], ref[i]) << "line " << i + 1;
  }
}

int find_line(const std::vector<std::string>& lines, const std::string& prefix) {
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].rfind(prefix, 0) == 0) return static_cast<int>(i);
  return -1;
}

TEST(ReferenceFormat, CardsPartPageMatchesReference) {
  std::string ref_text = read_text(reference_dir() / "cards.md");
  std::vector<std::string> ref = lines_of(ref_text);
  ASSERT_FALSE(ref.empty());
  static const std::regex kTitle(
      R"re(    <div class="paper-title"><a href="([^"]+)">(.*)</a></div>)re");
  std::vector<Paper> papers;
  for (size_t i = 0; i < ref.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(ref[i], m, kTitle)) continue;
    std::string date = ref[i + 2].substr(ref[i + 2].find("📅 ") + std::string("📅 ").size());
    Paper p = reference_paper(m[1], html_unescape(m[2]), date, static_cast<int>(papers.size()));
    size_t next = i + 3;
    if (ref[next].rfind("      | 💬 ", 0) == 0)
      p.comment = html_unescape(ref[next++].substr(std::string("      | 💬 ").size()));
    EXPECT_EQ(ref[next + 1], "    <details class=\"paper-abstract\">");
    p.abstract = html_unescape(ref[next + 2].substr(6));
    papers.push_back(p);
  }
  ASSERT_EQ(papers.size(), 3u);
  EXPECT_EQ(papers[1].comment, "9 pages,5 figures");
  // Part 1 holds three newer papers of the same month, so the reference's are part 2 of 2.
  for (int n = 1; n <= 3; ++n) papers.push_back(filler(n, "2025-07-20"));

  TempDir dir;
  write_text(dir / "site.toml", site_toml("cards"));
  write_store(dir.path(), papers);
  build(dir.path());
  std::vector<std::string> ours =
      lines_of(read_text(dir / "public/papers/llm/2025_07/papers_2.md"));
  expect_same_lines(ours, ref, find_line(ref, "[Home]("));
}

TEST(ReferenceFormat, TablePartPageMatchesReference) {
  std::vector<std::string> ref = lines_of(read_text(reference_dir() / "table.md"));
  ASSERT_FALSE(ref.empty());
  static const std::regex kRow(
      R"re(\| \*\*\[(.*)\]\(([^)]+)\)\*\*<details>(.*)</details> \| (\S+) \| (?:<details>(.*)</details>)? \|)re");
  std::vector<Paper> papers;
  for (const std::string& line : ref) {
    std::smatch m;
    if (!std::regex_match(line, m, kRow)) continue;
    Paper p = reference_paper(m[2], markdown_unescape(m[1]), m[4], static_cast<int>(papers.size()));
    p.abstract = markdown_unescape(m[3]);
    p.comment = markdown_unescape(m[5]);
    papers.push_back(p);
  }
  ASSERT_EQ(papers.size(), 3u);
  EXPECT_EQ(papers[0].comment, "25 pages, 12 figures");  // never cut short
  EXPECT_EQ(papers[1].comment, "");
  // Parts 1-3 hold newer papers of the month and parts 5-12 older ones: part 4 of 12.
  for (int n = 1; n <= 9; ++n) papers.push_back(filler(n, "2025-02-25"));
  for (int n = 10; n <= 33; ++n) papers.push_back(filler(n, "2025-02-10"));

  TempDir dir;
  write_text(dir / "site.toml", site_toml("table"));
  write_store(dir.path(), papers);
  build(dir.path());
  std::string ours_text = read_text(dir / "public/papers/llm/2025_02/papers_4.md");
  expect_same_lines(lines_of(ours_text), ref, find_line(ref, "[Home]("));
  EXPECT_NE(ours_text.find("<details>25 pages, 12 figures</details>"), std::string::npos);
}

TEST(ReferenceFormat, DailyListPageMatchesReference) {
  std::vector<std::string> ref = lines_of(read_text(reference_dir() / "list.md"));
  ASSERT_FALSE(ref.empty());
  // The "Last Updated" badge links to another project's repository: we do not write one.
  int updated = find_line(ref, "[![Last Updated]");
  ASSERT_GE(updated, 0);
  ref.erase(ref.begin() + updated);
  static const std::regex kItem(R"(- \*\*\[(.*)\]\(([^)]+)\)\*\*  `arXiv:([^`]+)`  (.*)  )");
  static const std::regex kCategory("`([^`]+)`");
  std::vector<Paper> papers;
  for (size_t i = 0; i < ref.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(ref[i], m, kItem)) continue;
    Paper p = reference_paper(m[2], markdown_unescape(m[1]), "2025-04-17",
                              static_cast<int>(papers.size()));
    EXPECT_EQ(p.id, m[3]);
    p.categories.clear();
    std::string cats = m[4];
    for (auto it = std::sregex_iterator(cats.begin(), cats.end(), kCategory);
         it != std::sregex_iterator(); ++it)
      p.categories.push_back((*it)[1]);
    p.primary_category = p.categories.empty() ? "" : p.categories.front();
    std::string authors = ref[i + 1].substr(3, ref[i + 1].size() - 4);
    bool et_al = authors.size() > 8 && authors.substr(authors.size() - 8) == ", et al.";
    if (et_al) authors.resize(authors.size() - 8);
    p.authors = split(authors, ',');
    for (std::string& a : p.authors) a = markdown_unescape(a.substr(a.find_first_not_of(' ')));
    if (et_al) p.authors.push_back("One More Author");  // more than the 6 shown
    EXPECT_EQ(ref[i + 2], "  <details open><summary>Abstract</summary>");
    p.abstract = html_unescape(ref[i + 3].substr(2));
    papers.push_back(p);
  }
  ASSERT_EQ(papers.size(), 3u);
  EXPECT_EQ(papers[0].authors.size(), 7u);
  // Nor a badge image from another host for the count: the count as text.
  int badge = find_line(ref, "[![Total Papers]");
  ASSERT_GE(badge, 0);
  ref[badge] = "**Papers**: 3";

  TempDir dir;
  write_text(dir / "site.toml", site_toml("list"));
  write_store(dir.path(), papers);
  build(dir.path());
  expect_same_lines(lines_of(read_text(dir / "public/daily/llm/2025-04-17.md")), ref, -1);
}

}  // namespace
}  // namespace paperpress
