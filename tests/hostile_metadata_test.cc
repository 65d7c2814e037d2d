// Papers whose metadata tries to break out of the page: the built HTML is tokenized and may hold
// only the elements and attributes the theme itself writes, no javascript: link, and every
// table-style Markdown row keeps exactly 3 cells.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "paperpress/store/paper_store.h"
#include "paperpress/util/text.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::write_text;

const std::vector<std::string> kHostile = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "a | b | c || d",
    "`code` ``` and **bold** and _under_",
    "[x](javascript:alert(1))",
    "$\\alpha$ and $$\\beta$$",
    "\u202Eevil\u202C zero\u200Bwidth\u200D",
    "<!-- comment --> &amp; &#x3C;b&#x3E; <svg onload=alert(1)>",
    std::string(10000, 'W'),
    "line\nbreak\r\n# heading\n- item\n| --- |",
};

std::vector<Paper> hostile_papers() {
  std::vector<Paper> papers;
  for (size_t i = 0; i < kHostile.size(); ++i) {
    Paper p;
    char id[32];
    std::snprintf(id, sizeof id, "2502.%05zu", i + 1);
    p.id = id;
    p.version = 1;
    p.title = "LLM " + kHostile[i];
    p.authors = {kHostile[i], "Ada " + kHostile[(i + 1) % kHostile.size()]};
    p.abstract = "Large Language Model " + kHostile[(i + 2) % kHostile.size()];
    p.comment = kHostile[(i + 3) % kHostile.size()];
    p.journal_ref = kHostile[(i + 4) % kHostile.size()];
    p.categories = {"cs.CL", "cs`AI"};
    p.primary_category = "cs.CL";
    p.published = p.updated = "2025-02-0" + std::to_string(1 + i % 3) + "T10:00:00Z";
    p.abs_url = i % 2 ? "javascript:alert(1)" : "https://arxiv.org/abs/" + p.id + "\"onclick=x";
    p.pdf_url = "data:text/html,<script>alert(1)</script>";
    papers.push_back(p);
  }
  return papers;
}

struct Tag {
  std::string name;
  std::vector<std::string> attributes;
};

// A small HTML tokenizer: start and end tags with their attribute names; comments, doctype and
// text are skipped. Fails the test on a tag it cannot read.
std::vector<Tag> tokenize(const std::string& html, const std::string& file) {
  std::vector<Tag> tags;
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    if (html.compare(pos, 4, "<!--") == 0) {
      pos = html.find("-->", pos);
      EXPECT_NE(pos, std::string::npos) << file << ": unclosed comment";
      if (pos == std::string::npos) break;
      continue;
    }
    size_t i = pos + 1;
    if (i < html.size() && (html[i] == '!' || html[i] == '?')) {
      pos = html.find('>', i);
      continue;
    }
    if (i < html.size() && html[i] == '/') ++i;
    size_t name_begin = i;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-'))
      ++i;
    Tag tag{html.substr(name_begin, i - name_begin), {}};
    for (char& ch : tag.name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_FALSE(tag.name.empty()) << file << ": a bare '<' at byte " << pos;
    while (i < html.size() && html[i] != '>') {
      if (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/') {
        ++i;
        continue;
      }
      size_t a = i;
      while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) &&
             html[i] != '=' && html[i] != '>' && html[i] != '/')
        ++i;
      tag.attributes.push_back(html.substr(a, i - a));
      if (i < html.size() && html[i] == '=') {
        ++i;
        char q = html[i];
        EXPECT_TRUE(q == '"' || q == '\'')
            << file << ": unquoted attribute " << tag.attributes.back();
        size_t end = html.find(q, i + 1);
        if (end == std::string::npos) break;
        i = end + 1;
      }
    }
    tags.push_back(std::move(tag));
    pos = i;
  }
  return tags;
}

// The element and attribute names the theme writes: its HTML templates and the month chart.
void allowed_names(std::set<std::string>& elements, std::set<std::string>& attributes) {
  fs::path src = PAPERPRESS_SOURCE_DIR;
  std::string text = read_text(src / "src/render/chart.cc");
  for (const auto& e : fs::directory_iterator(src / "themes/default/templates"))
    if (e.path().extension() == ".html") text += read_text(e.path());
  static const std::regex kElement(R"(</?([a-zA-Z][a-zA-Z0-9]*))");
  static const std::regex kAttribute(R"re(\s([a-zA-Z-]+)=\\?")re");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kElement);
       it != std::sregex_iterator(); ++it)
    elements.insert((*it)[1]);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kAttribute);
       it != std::sregex_iterator(); ++it)
    attributes.insert((*it)[1]);
}

// Builds the hostile papers in Markdown style `style` and checks every file of the site.
void check_hostile_site(const std::string& style) {
  TempDir dir;
  write_text(dir / "site.toml",
             "title = \"Hostile <script>alert(1)</script>\"\n"
             "base_url = \"https://example.github.io/hostile\"\n"
             "[archive]\n"
             "papers_per_part = 4\n"
             "markdown_style = \"" +
                 style +
                 "\"\n"
                 "since = \"2025-01-01\"\n"
                 "[[topics]]\n"
                 "slug = \"llm\"\n"
                 "name = \"LLM \\\"><b>x</b>\"\n"
                 "keywords = [\"LLM\"]\n");
  fs::path file = store_file(dir / "cache");
  fs::create_directories(file.parent_path());
  {
    auto writer = StoreWriter::open(file);
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE(writer->append(hostile_papers(), 1, CommitKind::kComplete));
  }
  auto run = run_paperpress({"--site", dir.path().string(), "-q", "build"});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  std::set<std::string> elements, attributes;
  allowed_names(elements, attributes);
  ASSERT_TRUE(elements.count("article") && attributes.count("href"));
  size_t html_pages = 0, table_rows = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "public")) {
    std::string name = e.path().string();
    std::string text = read_text(e.path());
    static const std::regex kBadLink(R"re((href|src)="\s*(javascript|data):)re");
    static const std::regex kBadMdLink(R"re([^\\]\]\((javascript|data):)re");
    std::smatch bad;
    // The search index: JSON whatever the metadata, with no '<' that could end a script.
    if (e.path().extension() == ".json") {
      EXPECT_TRUE(nlohmann::json::accept(text)) << name << " is not valid JSON";
      EXPECT_EQ(text.find('<'), std::string::npos) << name;
    }
    if (e.path().extension() == ".xml") {
      pugi::xml_document doc;
      EXPECT_TRUE(doc.load_string(text.c_str())) << name << " is not well-formed XML";
    }
    EXPECT_FALSE(std::regex_search(text, bad, kBadLink)) << name << ": " << bad.str(0);
    if (e.path().extension() == ".md") {
      // A paper page's BibTeX entry sits in a fenced code block, where nothing is a link: check
      // that no title or author can close the fence early (every line of the entry starts with
      // "@", six spaces or "}"), then look for links in the rest.
      std::string md = text;
      for (size_t open; (open = md.find("```bibtex\n")) != std::string::npos;) {
        const size_t body = open + 10, close = md.find("\n```\n", body);
        ASSERT_NE(close, std::string::npos) << name;
        for (const std::string& line : split(md.substr(body, close - body), '\n'))
          EXPECT_TRUE(line[0] == '@' || line[0] == '}' || line.rfind("      ", 0) == 0)
              << name << ": " << line;
        md.erase(open, close + 5 - open);
      }
      EXPECT_FALSE(std::regex_search(md, bad, kBadMdLink))
          << name << ": "
          << bad.prefix().str().substr(bad.prefix().length() > 60 ? bad.prefix().length() - 60 : 0)
          << bad.str(0);
    }
    if (e.path().extension() == ".html") {
      ++html_pages;
      for (const Tag& tag : tokenize(text, name)) {
        EXPECT_TRUE(elements.count(tag.name)) << name << ": element <" << tag.name << ">";
        for (const std::string& a : tag.attributes)
          EXPECT_TRUE(attributes.count(a)) << name << ": attribute " << a << " on <" << tag.name;
      }
    }
    if (e.path().extension() == ".md" && name.find("/papers_") != std::string::npos) {
      size_t pos = 0;
      while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.rfind("| ", 0) != 0) continue;
        ++table_rows;
        size_t pipes = 0;
        for (size_t i = 0; i < line.size(); ++i) {
          if (line[i] == '\\') {
            ++i;
            continue;
          }
          if (line[i] == '|') ++pipes;
        }
        EXPECT_EQ(pipes, 4u) << name << ": " << line.substr(0, 200);
      }
    }
  }
  EXPECT_GT(html_pages, 5u);
  if (style == "table") EXPECT_GE(table_rows, kHostile.size());
}

TEST(HostileMetadata, HtmlHoldsOnlyTheThemesMarkupAndMarkdownTablesKeepTheirColumns) {
  check_hostile_site("table");
}

// The style that keeps TeX for GitHub: math spans hold no link, HTML or fence either.
TEST(HostileMetadata, GithubStyleKeepsMathWithoutMarkup) {
  check_hostile_site("github");
}

}  // namespace
}  // namespace paperpress
