// The build's output, byte for byte, against checked-in digests of it: the example site (this
// repository's site.toml and content/, on the 5,000-paper sample of the quickstart) and the
// benchmark site (bench/site.toml, 100,000 sample papers), each in every Markdown style.
//
// tests/golden/<name>.txt lists, for the example site, every output file with a digest of its
// bytes; for the benchmark site (16,000 files a style), every output folder with its file count
// and a digest of its files' names and bytes. The digest is FNV-1a (64 bits), computed here and
// not by the code under test. A change that is meant to change the output rewrites the lists
// with PAPERPRESS_UPDATE_GOLDEN=1; any other change must leave them as they are.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::write_text;

constexpr const char* kStyles[] = {"cards", "table", "list", "github"};

uint64_t fnv1a(std::string_view bytes, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// Every regular file under `root`, by its path relative to it ('/'-separated), sorted.
std::map<std::string, uint64_t> file_digests(const fs::path& root) {
  std::map<std::string, uint64_t> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), root).generic_string()] = fnv1a(read_text(entry.path()));
  return files;
}

// One line a file: "<digest> <path>".
std::string per_file(const std::map<std::string, uint64_t>& files) {
  std::string out;
  for (const auto& [path, digest] : files) out += hex(digest) + " " + path + "\n";
  return out;
}

// One line a folder: "<digest> <files> <folder>/", the digest over its files' names and bytes.
std::string per_folder(const std::map<std::string, uint64_t>& files) {
  std::map<std::string, std::pair<uint64_t, size_t>> folders;
  for (const auto& [path, digest] : files) {
    size_t slash = path.rfind('/');
    std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    auto [it, fresh] = folders.try_emplace(folder, 1469598103934665603ull, 0);
    it->second.first = fnv1a(path + "\n" + hex(digest) + "\n", it->second.first);
    ++it->second.second;
  }
  std::string out;
  for (const auto& [folder, v] : folders)
    out += hex(v.first) + " " + std::to_string(v.second) + " " + folder + "\n";
  return out;
}

void set_style(const fs::path& site_toml, const std::string& style) {
  std::string text = read_text(site_toml);
  text = std::regex_replace(text, std::regex("markdown_style = \"[a-z]+\""),
                            "markdown_style = \"" + style + "\"");
  write_text(site_toml, text);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines of `actual` that differ from `expected`, at most `limit` of them, for the message.
std::string first_differences(const std::string& expected, const std::string& actual,
                              size_t limit = 10) {
  const auto e = lines_of(expected), a = lines_of(actual);
  std::string out;
  for (size_t i = 0, shown = 0; i < std::max(e.size(), a.size()) && shown < limit; ++i) {
    const std::string le = i < e.size() ? e[i] : "(none)", la = i < a.size() ? a[i] : "(none)";
    if (le == la) continue;
    out += "  expected: " + le + "\n  actual:   " + la + "\n";
    ++shown;
  }
  return out;
}

void check_golden(const std::string& name, const std::string& actual) {
  fs::path golden = fs::path(PAPERPRESS_SOURCE_DIR) / "tests" / "golden" / (name + ".txt");
  if (const char* update = std::getenv("PAPERPRESS_UPDATE_GOLDEN"); update && *update == '1') {
    write_text(golden, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run with PAPERPRESS_UPDATE_GOLDEN=1";
  const std::string expected = read_text(golden);
  EXPECT_EQ(expected.size(), actual.size()) << name;
  EXPECT_TRUE(expected == actual) << name << " differs from " << golden << ":\n"
                                  << first_differences(expected, actual);
}

// Whether every style's build writes the papers' own pages, or only the first style's: a paper's
// page and its mirror are the same in every Markdown style, so at 100k papers the other styles
// leave them out ([output] paper_pages = false) rather than write 300,000 more files each.
enum class PaperPagesIn { kEveryStyle, kFirstStyle };

// Builds `site` into a fresh output folder per style and checks each against its golden list.
void check_every_style(const fs::path& site, const std::string& name,
                       std::string (*lines)(const std::map<std::string, uint64_t>&),
                       PaperPagesIn paper_pages = PaperPagesIn::kEveryStyle) {
  const std::string toml = read_text(site / "site.toml");
  for (const char* style : kStyles) {
    SCOPED_TRACE(style);
    const bool pages = paper_pages == PaperPagesIn::kEveryStyle || style == kStyles[0];
    write_text(site / "site.toml", pages ? toml : toml + "\n[output]\npaper_pages = false\n");
    set_style(site / "site.toml", style);
    fs::path out = site / (std::string("public-") + style);
    auto built = run_paperpress({"--site", site.string(), "-q", "build", "--out", out.string()});
    ASSERT_EQ(built.exit_code, 0) << built.err;
    auto files = file_digests(out);
    ASSERT_GT(files.size(), 100u);
    check_golden(name + "-" + style, lines(files));
    std::error_code ec;
    fs::remove_all(out, ec);  // keeps the temporary folder's size to one build's
  }
}

TEST(GoldenOutput, ExampleSiteInEveryStyle) {
  TempDir dir;
  const fs::path source(PAPERPRESS_SOURCE_DIR);
  fs::copy(source / "site.toml", dir / "site.toml");
  // The repository's own content/, without digests a run of the quickstart may have generated.
  for (const auto& entry : fs::recursive_directory_iterator(source / "content")) {
    if (!entry.is_regular_file()) continue;
    const std::string text = read_text(entry.path());
    if (text.find("\ngenerated_by: ") != std::string::npos) continue;
    write_text(dir / "content" / fs::relative(entry.path(), source / "content"), text);
  }
  auto sampled =
      run_paperpress({"--site", dir.path().string(), "-q", "sample", "--papers", "5000"});
  ASSERT_EQ(sampled.exit_code, 0) << sampled.err;
  check_every_style(dir.path(), "example", per_file);
}

TEST(GoldenOutput, BenchmarkSiteOf100kPapersInEveryStyle) {
  TempDir dir;
  fs::copy(fs::path(PAPERPRESS_SOURCE_DIR) / "bench" / "site.toml", dir / "site.toml");
  auto sampled =
      run_paperpress({"--site", dir.path().string(), "-q", "sample", "--papers", "100000"});
  ASSERT_EQ(sampled.exit_code, 0) << sampled.err;
  check_every_style(dir.path(), "bench-100k", per_folder, PaperPagesIn::kFirstStyle);
}

}  // namespace
}  // namespace paperpress
