// A page per paper (abs/<id>.html, .md, .bib), built by the real binary on a small site: what it
// shows and links to, the metadata Google Scholar and other readers take from it, typeset math,
// old-style ids, turning the pages off, and a new paper rewriting only its own page.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "paperpress/store/paper_store.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::test_paper;
using testing::write_text;

constexpr const char* kSiteToml = R"(title = "Papers"
base_url = "https://example.github.io/archive"
[archive]
papers_per_part = 2
since = "2025-01-01"
[[topics]]
slug = "llm"
name = "Language models"
keywords = ["LLM"]
[[topics]]
slug = "math"
name = "Math"
keywords = ["Faster"]
)";

std::vector<Paper> papers() {
  std::vector<Paper> out;
  for (int n = 1; n <= 4; ++n)
    out.push_back(test_paper(n, "2025-01-0" + std::to_string(n) + "T10:00:00Z"));
  out[0].title = "Faster LLM with $O(n \\log n)$ cost";
  out[0].abstract = "It costs $5 and $10, and \\$3 more, in $$\\sum_i x_i$$ steps.";
  out[0].doi = "10.1000/xyz123";
  out[0].journal_ref = "J. Test 1 (2025)";
  out[0].report_no = "TEST-TH-2025-01";
  out[0].license = "http://creativecommons.org/licenses/by-sa/4.0/";
  out[0].version = 3;
  out[0].published = "2024-12-30T10:00:00Z";
  out[0].abs_url = out[0].pdf_url = "";
  fill_default_links(out[0]);
  out[1].id = "hep-th/9901001";
  out[1].license = "javascript:alert(1)";  // not a link: no license shown
  out[1].abs_url = out[1].pdf_url = "";
  fill_default_links(out[1]);
  return out;
}

testing::RunResult build(const fs::path& site) {
  return run_paperpress({"--site", site.string(), "-q", "build", "--threads", "2"});
}

// Writes kSiteToml followed by `extra` (an [output] table, say) into `dir`, stores papers() and
// builds; a failed build fails the calling test.
void build_with(const TempDir& dir, const std::string& extra) {
  write_text(dir / "site.toml", std::string(kSiteToml) + extra);
  testing::store_papers(dir.path(), papers(), 1);
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
}

class PaperPages : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir_ / "site.toml", kSiteToml);
    testing::store_papers(dir_.path(), papers(), 1);
    auto run = build(dir_.path());
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  fs::path out() const { return dir_ / "public"; }
  TempDir dir_;
};

TEST_F(PaperPages, EveryPaperInATopicHasAPageItsMirrorAndItsBibtex) {
  for (const char* id : {"2501.00001", "hep-th/9901001", "2501.00003", "2501.00004"})
    for (const char* ext : {".html", ".md", ".bib"})
      EXPECT_TRUE(fs::is_regular_file(out() / "abs" / (std::string(id) + ext))) << id << ext;
  const std::string html = read_text(out() / "abs/2501.00001.html");
  // Every author, the abstract, versions, arXiv's three links and the DOI.
  EXPECT_NE(html.find("Ada Lovelace, Zoë Müller"), std::string::npos);
  EXPECT_NE(html.find("arXiv:2501.00001v3"), std::string::npos);
  EXPECT_NE(html.find("revised, v3"), std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2024-12-30\">Mon 30 Dec 2024</time> (v1)"),
            std::string::npos);
  EXPECT_NE(html.find("href=\"https://arxiv.org/abs/2501.00001v3\""), std::string::npos);
  EXPECT_NE(html.find("href=\"https://arxiv.org/pdf/2501.00001v3\""), std::string::npos);
  EXPECT_NE(html.find("href=\"https://arxiv.org/html/2501.00001\""), std::string::npos);
  EXPECT_NE(html.find("href=\"https://doi.org/10.1000/xyz123\""), std::string::npos);
  // Categories by name, and the topics, months and days that list it.
  EXPECT_NE(html.find("<span class=\"tag\">cs.CL</span> Computation and Language"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"../papers/llm/\">Language models</a>: <a "
                      "href=\"../papers/llm/2025_01/\">January 2025</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"../papers/math/\">Math</a>"), std::string::npos);
  // The BibTeX entry on the page, with its copy button, and the same entry as a file.
  const std::string bib = read_text(out() / "abs/2501.00001.bib");
  EXPECT_TRUE(bib.starts_with("@misc{lovelace2024faster,\n")) << bib;
  EXPECT_NE(bib.find("eprint={2501.00001},"), std::string::npos);
  EXPECT_NE(bib.find("doi={10.1000/xyz123},"), std::string::npos);
  EXPECT_NE(html.find("<code id=\"bibtex\">@misc{lovelace2024faster,"), std::string::npos);
  EXPECT_NE(html.find("data-copy=\"bibtex\""), std::string::npos);
  EXPECT_NE(html.find("href=\"2501.00001.bib\" download=\"\""), std::string::npos);
}

TEST_F(PaperPages, CarryTheMetadataScholarAndCrawlersRead) {
  const std::string html = read_text(out() / "abs/2501.00001.html");
  for (const char* meta :
       {"<meta name=\"citation_title\" content=\"Faster LLM with $O(n \\log n)$ cost\">",
        "<meta name=\"citation_author\" content=\"Ada Lovelace\">",
        "<meta name=\"citation_author\" content=\"Zoë Müller\">",
        "<meta name=\"citation_publication_date\" content=\"2024/12/30\">",
        "<meta name=\"citation_arxiv_id\" content=\"2501.00001\">",
        "<meta name=\"citation_pdf_url\" content=\"https://arxiv.org/pdf/2501.00001v3\">",
        "<meta name=\"citation_doi\" content=\"10.1000/xyz123\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<link rel=\"canonical\" href=\"https://example.github.io/archive/abs/2501.00001.html\">"})
    EXPECT_NE(html.find(meta), std::string::npos) << meta;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      html, m, std::regex(R"re(<script type="application/ld\+json">\n([^\n]*)\n</script>)re")));
  auto ld = nlohmann::json::parse(m[1].str(), nullptr, false);
  ASSERT_FALSE(ld.is_discarded()) << m[1].str();
  EXPECT_EQ(ld["@type"], "ScholarlyArticle");
  EXPECT_EQ(ld["headline"], "Faster LLM with $O(n \\log n)$ cost");
  ASSERT_EQ(ld["author"].size(), 2u);
  EXPECT_EQ(ld["author"][1]["name"], "Zoë Müller");
  EXPECT_EQ(ld["datePublished"], "2024-12-30");
  EXPECT_EQ(ld["sameAs"], nlohmann::json::array({"https://arxiv.org/abs/2501.00001v3",
                                                  "https://doi.org/10.1000/xyz123"}));
  EXPECT_EQ(ld["license"], "http://creativecommons.org/licenses/by-sa/4.0/");
}

// The report number and the license, named and linked, from the store's fields of those names.
TEST_F(PaperPages, ShowTheReportNumberAndTheLicense) {
  const std::string html = read_text(out() / "abs/2501.00001.html");
  EXPECT_NE(html.find("<dt>Report number</dt><dd>TEST-TH-2025-01</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>License</dt><dd><a href=\"http://creativecommons.org/licenses/by-sa/"
                      "4.0/\" rel=\"license\">CC BY-SA 4.0</a></dd>"),
            std::string::npos)
      << html;
  const std::string md = read_text(out() / "abs/2501.00001.md");
  EXPECT_NE(md.find("- Report number: TEST-TH-2025-01\n"), std::string::npos) << md;
  EXPECT_NE(md.find("- License: [CC BY-SA 4.0](http://creativecommons.org/licenses/by-sa/4.0/)\n"),
            std::string::npos);
  // A license that is no http(s) link is not shown, and no other paper has these rows.
  for (const char* id : {"hep-th/9901001", "2501.00003"}) {
    const std::string other = read_text(out() / "abs" / (std::string(id) + ".html"));
    EXPECT_EQ(other.find("<dt>License</dt>"), std::string::npos) << id;
    EXPECT_EQ(other.find("<dt>Report number</dt>"), std::string::npos) << id;
    EXPECT_EQ(other.find("javascript:"), std::string::npos) << id;
  }
}

TEST_F(PaperPages, ListsLinkTheTitleToThePageAndKeepArxivBesideIt) {
  const std::string part = read_text(out() / "papers/llm/2025_01/papers_1.html");
  EXPECT_NE(part.find("<a href=\"../../../abs/2501.00004.html\">"), std::string::npos) << part;
  EXPECT_NE(part.find("<a class=\"arxiv-id\" href=\"https://arxiv.org/abs/2501.00004v1\">"),
            std::string::npos);
  const std::string day = read_text(out() / "daily/llm/2025-01-02.html");
  EXPECT_NE(day.find("<a href=\"../../abs/hep-th/9901001.html\">"), std::string::npos) << day;
  // Every relative link of an old-style id's page, one folder deeper, resolves to a file.
  const fs::path page = out() / "abs/hep-th/9901001.html";
  const std::string html = read_text(page);
  std::regex href(R"re(href="([^"#:]+)")re");
  size_t links = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator();
       ++it, ++links) {
    fs::path target = page.parent_path() / (*it)[1].str();
    if ((*it)[1].str().ends_with("/")) target /= "index.html";
    EXPECT_TRUE(fs::exists(target)) << (*it)[1].str();
  }
  EXPECT_GT(links, 10u);
}

TEST_F(PaperPages, MathIsMarkedForKatexOnHtmlAndKeptAsSourceInMarkdown) {
  const std::string html = read_text(out() / "abs/2501.00001.html");
  EXPECT_NE(html.find("Faster LLM with <span class=\"math\">$O(n \\log n)$</span> cost</h1>"),
            std::string::npos)
      << html;
  // Dollars of prices and an escaped dollar stay text; $$…$$ is display math.
  EXPECT_NE(html.find("It costs $5 and $10, and \\$3 more, in <span class=\"math "
                      "display\">$$\\sum_i x_i$$</span> steps."),
            std::string::npos);
  EXPECT_NE(html.find("<script src=\"../assets/math.js\" defer=\"\"></script>"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(out() / "assets/katex/katex.min.js"));
  EXPECT_TRUE(fs::is_regular_file(out() / "assets/katex/fonts/KaTeX_Main-Regular.woff2"));
  const std::string part = read_text(out() / "papers/llm/2025_01/papers_2.html");
  EXPECT_NE(part.find("<span class=\"math\">$O(n \\log n)$</span>"), std::string::npos);
  const std::string md = read_text(out() / "abs/2501.00001.md");
  EXPECT_EQ(md.find("<span"), std::string::npos);
}

TEST_F(PaperPages, ANewPaperRewritesItsOwnPageAndNoOtherPapersPage) {
  std::map<std::string, std::string> before;
  for (const auto& e : fs::recursive_directory_iterator(out() / "abs"))
    if (e.is_regular_file()) before[e.path().string()] = read_text(e.path());
  testing::store_papers(dir_.path(), {test_paper(9, "2025-01-09T10:00:00Z")}, 2);
  auto run = run_paperpress({"--site", dir_.path().string(), "build"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::is_regular_file(out() / "abs/2501.00009.html"));
  for (const auto& [name, text] : before) EXPECT_EQ(read_text(name), text) << name;
  // Three files of the new paper's page among those written; none of the older papers'.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(run.err, m, std::regex(R"(\((\d+) written)"))) << run.err;
  EXPECT_LT(std::stoul(m[1]), 40u) << run.err;
}

TEST(PaperPagesOff, NoPagesAndTitlesLinkToArxiv) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(build_with(dir, "[output]\npaper_pages = false\n"));
  EXPECT_FALSE(fs::exists(dir / "public/abs"));
  const std::string part = read_text(dir / "public/papers/llm/2025_01/papers_1.html");
  EXPECT_NE(part.find("<h2 class=\"paper-title\"><a href=\"https://arxiv.org/abs/2501.00004v1\">"),
            std::string::npos)
      << part;
  EXPECT_EQ(part.find("../abs/"), std::string::npos);
}

TEST(OutputMarkdownOff, NoMirrorsAndNoLinksToThem) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(build_with(dir, "[output]\nmarkdown = false\n"));
  size_t html = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "public")) {
    EXPECT_NE(e.path().extension(), ".md") << e.path();
    if (e.path().extension() != ".html") continue;
    ++html;
    EXPECT_EQ(read_text(e.path()).find("type=\"text/markdown\""), std::string::npos) << e.path();
  }
  EXPECT_GT(html, 10u);
  EXPECT_TRUE(fs::is_regular_file(dir / "public/abs/2501.00001.bib"));
}

TEST(OutputFeedsOff, NoFeedsAndNoLinksToThem) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(build_with(dir, "[output]\nfeeds = false\n"));
  for (const auto& e : fs::recursive_directory_iterator(dir / "public")) {
    EXPECT_NE(e.path().filename(), "feed.xml") << e.path();
    if (e.path().extension() == ".html" || e.path().extension() == ".md")
      EXPECT_EQ(read_text(e.path()).find("feed.xml"), std::string::npos) << e.path();
  }
  auto check = run_paperpress({"--site", dir.path().string(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

// A part's papers as one .bib file: an entry for each paper the part lists, in its order, every
// key unique within the file; the part page links it.
TEST(OutputPartBibtexOn, EveryPartHasItsPapersAsOneBibtexFile) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(build_with(dir, "[output]\npart_bibtex = true\n"));
  size_t parts = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "public/papers")) {
    if (e.path().extension() != ".html" || !e.path().stem().string().starts_with("papers_"))
      continue;
    ++parts;
    const std::string html = read_text(e.path());
    fs::path bib_file = e.path();
    bib_file.replace_extension(".bib");
    ASSERT_TRUE(fs::is_regular_file(bib_file)) << bib_file;
    const std::string bib = read_text(bib_file);
    std::vector<std::string> listed, entries, keys;
    std::regex listed_id(R"re(<article class="paper[^"]*"[^>]* id="([^"]+)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), listed_id);
         it != std::sregex_iterator(); ++it)
      listed.push_back((*it)[1]);
    std::regex entry(R"re(@misc\{([^,]+),\n(?:[^\n]*\n)*?      eprint=\{([^}]+)\},)re");
    for (auto it = std::sregex_iterator(bib.begin(), bib.end(), entry); it != std::sregex_iterator();
         ++it) {
      keys.push_back((*it)[1]);
      entries.push_back((*it)[2]);
    }
    EXPECT_FALSE(listed.empty()) << e.path();
    EXPECT_EQ(entries, listed) << bib_file << "\n" << bib;
    std::set<std::string> distinct(keys.begin(), keys.end());
    EXPECT_EQ(distinct.size(), keys.size()) << bib;
    const std::string link = "href=\"" + bib_file.filename().string() + "\" download=\"\"";
    EXPECT_NE(html.find(link), std::string::npos) << e.path();
  }
  EXPECT_GE(parts, 3u);
  auto check = run_paperpress({"--site", dir.path().string(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

// Unless asked for (the default), no part has a .bib file.
TEST(OutputPartBibtexOff, NoPartBibFilesAndNoLinksToThem) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(build_with(dir, ""));
  size_t parts = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "public/papers")) {
    EXPECT_NE(e.path().extension(), ".bib") << e.path();
    if (e.path().stem().string().starts_with("papers_") && e.path().extension() == ".html") {
      ++parts;
      EXPECT_EQ(read_text(e.path()).find(".bib"), std::string::npos) << e.path();
    }
  }
  EXPECT_GE(parts, 3u);
  EXPECT_TRUE(fs::is_regular_file(dir / "public/abs/2501.00001.bib"));  // a paper's own stays
  auto check = run_paperpress({"--site", dir.path().string(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST(OutputDayPagesOff, NoDayPagesAndNoLinksToThem) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(build_with(dir, "[output]\nday_pages = false\n"));
  EXPECT_FALSE(fs::exists(dir / "public/daily"));
  for (const auto& e : fs::recursive_directory_iterator(dir / "public"))
    if (e.path().extension() == ".html" || e.path().extension() == ".md")
      EXPECT_EQ(read_text(e.path()).find("daily/"), std::string::npos) << e.path();
  // The home page still names each topic's latest day and its newest papers.
  EXPECT_NE(read_text(dir / "public/index.html").find("<time datetime=\"2025-01-04\">"),
            std::string::npos);
  auto check = run_paperpress({"--site", dir.path().string(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

}  // namespace
}  // namespace paperpress
