// The entries of cite/bibtex.h read by real BibTeX readers: a .bib of hostile and TeX-heavy
// papers goes through `bibtex` with plain.bst (Debian: texlive-binaries and texlive-base) and
// through `biber --tool --validate-datamodel` (Debian: biber); each must read every entry
// without an error or a warning, and BibTeX's .bbl must hold every key and title. A reader that
// is not installed skips its test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "paperpress/cite/bibtex.h"
#include "paperpress/util/text.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::read_text;
using testing::run_program;
using testing::RunResult;
using testing::TempDir;
using testing::write_text;

// The program `name` on PATH, or empty.
std::string find_program(std::string_view name) {
  const char* path = std::getenv("PATH");
  for (const std::string& dir : split(path ? path : "/usr/bin:/bin", ':')) {
    std::string candidate = dir + "/" + std::string(name);
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

// Runs `program args` with `dir` as the working folder (BibTeX writes only there: TeX Live's
// openout_any=p refuses other folders).
RunResult run_in(const std::filesystem::path& dir, const std::string& program,
                 const std::string& args) {
  return run_program(
      {"/bin/sh", "-c", "cd '" + dir.string() + "' && exec '" + program + "' " + args});
}

struct ReaderCase {
  std::string title;
  std::string bbl_title;  // the title as plain.bst writes it (sentence case: "t" change.case$)
};

const std::vector<ReaderCase>& reader_cases() {
  static const std::vector<ReaderCase> cases = {
      {"Attention Is All You Need", "Attention is all you need"},
      {"{\\em Attention} Is {\\bf All} You Need", "{{\\em Attention}} is {{\\bf All}} you need"},
      {"BERT: Pre-training of Deep Bidirectional Transformers",
       "{BERT}: Pre-training of deep bidirectional transformers"},
      {"An $O(n \\log n)$ Algorithm for \\LaTeX{} Users",
       "An {$O(n \\log n)$} algorithm for {\\LaTeX}{} users"},
      {"}", "\\textbraceright{}"},
      {"@misc{x,", "@misc\\textbraceleft{}x,"},
      {"\\end{thebibliography}", "\\textbackslash{}end{thebibliography}"},
      {"x}, author={Mallory", "x\\textbraceright{}, author=\\textbraceleft{}mallory"},
      {"100% of #1 & a_b <script>alert(1)</script>",
       "100\\% of \\#1 \\& a\\_b "
       "\\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}"},
      {"$5 and $10", "\\$5 and \\$10"},
      {"Sch\\\"odinger's {$x}$ $\\{x\\}$ {{{ x",
       "Sch{\\\"o}dinger's \\textbraceleft{}{$x\\rbrace{}$} {$\\{x\\}$} "
       "\\textbraceleft{}\\textbraceleft{}\\textbraceleft{} x"},
      {"\\input{/etc/passwd} \\alpha-Helix \\verb|x| %",
       "\\textbackslash{}input{/etc/passwd} \\ensuremath{\\alpha}-helix "
       "\\textbackslash{}verb\\textbar{}x\\textbar{} \\%"},
      {"Ünïcödé Straße and 量子 GPT-4", "Ünïcödé straße and 量子 {GPT}-4"},
      {"Multi\nline\ttitle\x01 end", "Multi line title end"},
      {"$x^^5cinput$ \\catcode`\\{=12 \\\\",
       "{$x^{\\wedge}5cinput$} \\textbackslash{}catcode`"
       "\\textbraceleft{}=12"},
      // Sentence case reaches a letter under an accent too ({\v{C}} is BibTeX's special
      // character): the accent stays whole.
      {"Stra\\ss e, \\v{C}ech and Erd\\H{o}s", "Stra{\\ss}e, {\\v{c}}ech and erd{\\H{o}}s"},
  };
  return cases;
}

// The .bib of every case (with authors, a DOI and a journal reference that need care too) and
// its keys.
std::string reader_bib(std::vector<std::string>& keys) {
  std::vector<BibtexPaper> papers;
  const std::vector<std::string_view> authors = {"Ashish Vaswani", "Jörg M\\\"uller",
                                                 "Barnes and Noble", "Smith, Jr., John",
                                                 "S{\\o}ren Kierkegaard"};
  for (const ReaderCase& c : reader_cases()) {
    papers.push_back(BibtexPaper{"2501.00425", c.title, authors, "2025-01-02T18:00:00Z", "cs.CL",
                                 "10.1000/a_b<c>", "Phys. Rev. D 76, 044016 (2007) 50% & {"});
  }
  papers.push_back(BibtexPaper{
      "hep-th/9901001", "Old-Style Identifiers", {"Edward Witten"}, "", "hep-th", "", ""});
  keys.clear();
  for (const BibtexPaper& paper : papers) keys.push_back(bibtex_key(paper));
  make_unique_keys(keys);
  std::string bib;
  for (size_t i = 0; i < papers.size(); ++i) {
    if (i > 0) bib += '\n';
    append_bibtex(bib, papers[i], keys[i]);
  }
  return bib;
}

size_t count(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(BibtexReader, BibtexReadsEveryEntryWithoutAWarning) {
  const std::string bibtex = find_program("bibtex");
  if (bibtex.empty()) {
    GTEST_SKIP() << "bibtex is not installed (Debian packages texlive-binaries, texlive-base)";
  }
  const std::string kpsewhich = find_program("kpsewhich");
  if (!kpsewhich.empty() && run_program({kpsewhich, "plain.bst"}).exit_code != 0) {
    GTEST_SKIP() << "plain.bst is not installed (Debian package texlive-base)";
  }
  TempDir dir;
  std::vector<std::string> keys;
  write_text(dir / "x.bib", reader_bib(keys));
  write_text(dir / "x.aux", "\\citation{*}\n\\bibdata{x}\n\\bibstyle{plain}\n");

  const RunResult run = run_in(dir.path(), bibtex, "x");
  const std::string log = read_text(dir / "x.blg");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const char* bad : {"Warning--", "error message", "I was expecting", "I'm ignoring",
                          "You're missing", "Illegal"}) {
    EXPECT_EQ(run.out.find(bad), std::string::npos) << bad << "\n" << run.out;
    EXPECT_EQ(log.find(bad), std::string::npos) << bad << "\n" << log;
  }

  const std::string bbl = read_text(dir / "x.bbl");
  ASSERT_FALSE(bbl.empty()) << run.out;
  // BibTeX wraps long lines at spaces; the text is compared with its white space collapsed.
  const std::string text = normalize_space(bbl);
  EXPECT_EQ(count(bbl, "\\begin{thebibliography}"), 1u) << bbl;
  EXPECT_EQ(count(bbl, "\\end{thebibliography}"), 1u) << bbl;
  EXPECT_EQ(count(bbl, "\\bibitem{"), keys.size()) << bbl;
  for (const std::string& key : keys) {
    EXPECT_NE(bbl.find("\\bibitem{" + key + "}\n"), std::string::npos) << key << "\n" << bbl;
  }
  for (const ReaderCase& c : reader_cases()) {
    EXPECT_NE(text.find("\\newblock " + c.bbl_title + ", 2025."), std::string::npos)
        << c.bbl_title << "\n"
        << bbl;
  }
  EXPECT_NE(text.find("\\newblock Old-style identifiers, 1999."), std::string::npos) << bbl;
  EXPECT_NE(text.find("Ashish Vaswani, Jörg M{\\\"u}ller, {Barnes and Noble}, {Smith, Jr., "
                      "John}, and S{\\o}ren Kierkegaard."),
            std::string::npos)
      << bbl;
  EXPECT_NE(text.find("\\newblock Phys. Rev. D 76, 044016 (2007) 50\\% \\& \\textbraceleft{}."),
            std::string::npos)
      << bbl;
}

TEST(BibtexReader, BiberValidatesEveryEntry) {
  const std::string biber = find_program("biber");
  if (biber.empty()) GTEST_SKIP() << "biber is not installed (Debian package biber)";
  TempDir dir;
  std::vector<std::string> keys;
  write_text(dir / "x.bib", reader_bib(keys));

  const RunResult run = run_in(dir.path(), biber, "--tool --validate-datamodel x.bib");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const char* bad : {"WARN", "ERROR"}) {
    EXPECT_EQ(run.out.find(bad), std::string::npos) << run.out;
    EXPECT_EQ(run.err.find(bad), std::string::npos) << run.err;
  }
  // biber read every entry, with arXiv's fields as biblatex's eprint fields.
  const std::string out = read_text(dir / "x_bibertool.bib");
  for (const std::string& key : keys) {
    EXPECT_NE(out.find("@MISC{" + key + ",\n"), std::string::npos) << key << "\n" << out;
  }
  EXPECT_EQ(count(out, "EPRINTTYPE = {arXiv}"), keys.size()) << out;
  EXPECT_EQ(count(out, "EPRINTCLASS = {cs.CL}"), keys.size() - 1) << out;
  EXPECT_EQ(count(out, "DOI = {10.1000/a_b<c>}"), keys.size() - 1) << out;
}

}  // namespace
}  // namespace paperpress
