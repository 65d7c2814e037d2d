#include "paperpress/cite/bibtex.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "paperpress/util/text.h"

namespace paperpress {
namespace {

std::string entry(const BibtexPaper& paper) {
  std::string out;
  append_bibtex(out, paper, bibtex_key(paper));
  return out;
}

std::string title(std::string_view text) {
  return bibtex_text(text, BibtexText::kTitle);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// The shape of every entry: "@misc{key," then one "      name={value}," line per field, each
// value's braces balanced as BibTeX counts them (escaped or not), then "}".
void expect_well_formed(const std::string& text) {
  SCOPED_TRACE(text);
  const std::vector<std::string> lines = lines_of(text);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(lines.front().rfind("@misc{", 0), 0u);
  EXPECT_EQ(lines.front().back(), ',');
  EXPECT_EQ(lines.front().find_first_of("{}, ", 6), lines.front().size() - 1);
  EXPECT_EQ(lines.back(), "}");
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    const std::string& line = lines[i];
    ASSERT_EQ(line.rfind("      ", 0), 0u) << line;
    const size_t eq = line.find("={");
    ASSERT_NE(eq, std::string::npos) << line;
    for (size_t k = 6; k < eq; ++k) EXPECT_TRUE(std::isalpha(line[k])) << line;
    ASSERT_GE(line.size(), eq + 4);
    EXPECT_EQ(line.substr(line.size() - 2), "},") << line;
    const std::string value = line.substr(eq + 2, line.size() - eq - 4);
    int depth = 0;
    for (char c : value) {
      if (c == '{') ++depth;
      if (c == '}') --depth;
      ASSERT_GE(depth, 0) << line;
      EXPECT_GE(static_cast<unsigned char>(c), 0x20) << line;
    }
    EXPECT_EQ(depth, 0) << line;
  }
}

TEST(Bibtex, NormalPaperInArxivsForm) {
  const BibtexPaper paper{"1706.03762",
                          "Attention Is All You Need",
                          {"Ashish Vaswani", "Noam Shazeer", "Niki Parmar"},
                          "2017-06-12T17:57:34Z",
                          "cs.CL",
                          "",
                          ""};
  EXPECT_EQ(bibtex_key(paper), "vaswani2017attention");
  EXPECT_EQ(entry(paper),
            "@misc{vaswani2017attention,\n"
            "      title={Attention Is All You Need},\n"
            "      author={Ashish Vaswani and Noam Shazeer and Niki Parmar},\n"
            "      year={2017},\n"
            "      eprint={1706.03762},\n"
            "      archivePrefix={arXiv},\n"
            "      primaryClass={cs.CL},\n"
            "      url={https://arxiv.org/abs/1706.03762},\n"
            "}\n");
}

TEST(Bibtex, OldStyleId) {
  const BibtexPaper paper{"hep-th/9901001",
                          "Anti-de Sitter Space and Holography",
                          {"Edward Witten"},
                          "1999-01-04T12:00:00Z",
                          "hep-th",
                          "",
                          ""};
  EXPECT_EQ(entry(paper),
            "@misc{witten1999anti,\n"
            "      title={Anti-de Sitter Space and Holography},\n"
            "      author={Edward Witten},\n"
            "      year={1999},\n"
            "      eprint={hep-th/9901001},\n"
            "      archivePrefix={arXiv},\n"
            "      primaryClass={hep-th},\n"
            "      url={https://arxiv.org/abs/hep-th/9901001},\n"
            "}\n");
}

TEST(Bibtex, DoiAndJournalReference) {
  const BibtexPaper paper{
      "0704.0001",
      "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      {"C. Balázs", "E. L. Berger"},
      "2007-04-02T19:18:42Z",
      "hep-ph",
      "https://doi.org/10.1103/PhysRevD.76.013009",
      "Phys.Rev.D76:013009,2007"};
  EXPECT_EQ(entry(paper),
            "@misc{balazs2007calculation,\n"
            "      title={Calculation of prompt diphoton production cross sections at Tevatron "
            "and {LHC} energies},\n"
            "      author={C. Balázs and E. L. Berger},\n"
            "      year={2007},\n"
            "      eprint={0704.0001},\n"
            "      archivePrefix={arXiv},\n"
            "      primaryClass={hep-ph},\n"
            "      url={https://arxiv.org/abs/0704.0001},\n"
            "      doi={10.1103/PhysRevD.76.013009},\n"
            "      note={Phys.Rev.D76:013009,2007},\n"
            "}\n");
}

TEST(Bibtex, DoiIsKeptOnlyWhenItIsOneSafeToken) {
  auto doi_line = [](std::string_view doi) {
    BibtexPaper paper{"2501.00425", "T", {"A B"}, "2025-01-02T18:00:00Z", "cs.CL", doi, ""};
    const std::string text = entry(paper);
    const size_t at = text.find("      doi={");
    return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
  };
  EXPECT_EQ(doi_line("10.1000/xyz_1"), "      doi={10.1000/xyz_1},");  // verbatim: no \_
  EXPECT_EQ(doi_line("doi:10.1000/xyz"), "      doi={10.1000/xyz},");
  EXPECT_EQ(doi_line("http://dx.doi.org/10.1000/xyz"), "      doi={10.1000/xyz},");
  EXPECT_EQ(doi_line(" 10.1000/a 10.1000/b "), "      doi={10.1000/a},");  // the first of several
  EXPECT_EQ(doi_line("10.1002/(SICI)1097-4636(199812)43:4<448::AID-JBM13>3.0.CO;2-6"),
            "      doi={10.1002/(SICI)1097-4636(199812)43:4<448::AID-JBM13>3.0.CO;2-6},");
  EXPECT_EQ(doi_line(""), "");
  EXPECT_EQ(doi_line("not a doi"), "");
  EXPECT_EQ(doi_line("10.1000/{x}"), "");
  EXPECT_EQ(doi_line("10.1000/50%"), "");
  EXPECT_EQ(doi_line("10.1000/a\\b"), "");
  EXPECT_EQ(doi_line("10.1000/é"), "");
}

TEST(Bibtex, JournalReferenceIsEscapedInTheNote) {
  BibtexPaper paper{"2501.00425",
                    "T",
                    {"A B"},
                    "2025-01-02T18:00:00Z",
                    "cs.CL",
                    "",
                    "J. Stat. Mech. (2025) 100% #3 & {4"};
  const std::string text = entry(paper);
  EXPECT_NE(text.find("      note={J. Stat. Mech. (2025) 100\\% \\#3 \\& \\textbraceleft{}4},\n"),
            std::string::npos)
      << text;
  expect_well_formed(text);
}

TEST(Bibtex, HostileTitlesCannotBreakOut) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"}", "\\textbraceright{}"},
      {"}}} x {", "\\textbraceright{}\\textbraceright{}\\textbraceright{} x \\textbraceleft{}"},
      {"{Unbalanced", "\\textbraceleft{}Unbalanced"},
      {"@misc{x,", "@misc\\textbraceleft{}x,"},
      {"x}, author={Mallory", "x\\textbraceright{}, author=\\textbraceleft{}Mallory"},
      {"\\end", "\\textbackslash{}end"},
      {"\\end{thebibliography}", "\\textbackslash{}end{thebibliography}"},
      {"%", "\\%"},
      {"100% sure # & _", "100\\% sure \\# \\& \\_"},
      {"<script>alert(1)</script>",
       "\\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}"},
      {"\\input{/etc/passwd}", "\\textbackslash{}input{/etc/passwd}"},
      {"\\def\\x{y}\\x", "\\textbackslash{}def\\textbackslash{}x{y}\\textbackslash{}x"},
      {"\\csname end\\endcsname", "\\textbackslash{}csname end\\textbackslash{}endcsname"},
      {"\\catcode`\\{=1", "\\textbackslash{}catcode`\\textbraceleft{}=1"},
      {"\\verb|x|", "\\textbackslash{}verb\\textbar{}x\\textbar{}"},
      {"^^5cinput", "\\textasciicircum{}\\textasciicircum{}5cinput"},
      {"$x^^5cinput$", "{$x^{\\wedge}5cinput$}"},
      {"$\\input{x}$", "{$\\backslash{}input{x}$}"},
      {"a \\", "a \\textbackslash{}"},
      {"Multi\nline\r\n  title\x01\x7f end\xc2\x85!", "Multi line title end !"},
      {"bad \xff utf8", "bad \xef\xbf\xbd utf8"},
      {"\"quoted\" = value, }", "\"quoted\" = value, \\textbraceright{}"},
      {"{$x}$", "\\textbraceleft{}{$x\\rbrace{}$}"},
      {"$a{b$", "{$a\\lbrace{}b$}"},
      {"Brace \\{ alone", "Brace \\textbraceleft{} alone"},
      {"\\\"", "\\textbackslash{}\""},
      {"\\\"}", "\\textbackslash{}\"\\textbraceright{}"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(title(input), expected) << input;
    BibtexPaper paper{"2501.00425", input, {input}, "2025-01-02T18:00:00Z", "cs.CL", "", input};
    std::string text;
    append_bibtex(text, paper, "key");
    expect_well_formed(text);
  }
}

// Random texts of the characters and commands that matter, with a fixed seed: whatever the
// mix, every entry is well formed, and the text written holds no command but those the
// alphabet's own kept commands and the writer's replacements, no unescaped % # &, no ^^ (TeX's
// notation for any character) and no control character.
TEST(Bibtex, RandomHostileTextsStaySafe) {
  const std::string_view alphabet[] = {
      "{",     "}",     "\\{",      "\\}",  "$",   "$$",      "\\",   "\\\\", "%",       "#",
      "&",     "_",     "^",        "~",    "<",   ">",       "|",    " ",    "\n",      "\x01",
      "a",     "B",     "é",        "5",    "@",   ",",       "'",    "\xff", "\\alpha", "\\input",
      "\\end", "\\def", "\\csname", "\\\"", "\\v", "\\LaTeX", "\\ss", "\\em", "\\frac",  "\\$"};
  // The commands of the alphabet that are kept ("aa" is \ then a, a: the letter å), and the
  // writer's own.
  const std::vector<std::string> kept = split(
      "alpha LaTeX ss em frac v aa textbackslash textbraceleft textbraceright lbrace rbrace "
      "backslash ensuremath wedge textless textgreater textbar textasciicircum",
      ' ');
  const std::set<std::string, std::less<>> allowed(kept.begin(), kept.end());
  std::mt19937 random(20250102);
  for (int round = 0; round < 20000; ++round) {
    std::string input;
    for (size_t n = random() % 24; n > 0; --n) input += alphabet[random() % std::size(alphabet)];
    for (BibtexText kind : {BibtexText::kTitle, BibtexText::kPlain}) {
      const std::string out = bibtex_text(input, kind);
      SCOPED_TRACE(testing::Message() << "input: " << input << "\noutput: " << out);
      for (size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        ASSERT_TRUE(c >= 0x20 && c != 0x7F);
        if (c == '%' || c == '#' || c == '&') ASSERT_TRUE(i > 0 && out[i - 1] == '\\');
        if (c == '^') ASSERT_FALSE(i + 1 < out.size() && out[i + 1] == '^');
        if (c != '\\') continue;
        ASSERT_LT(i + 1, out.size());
        size_t j = i + 1;
        while (j < out.size() && std::isalpha(static_cast<unsigned char>(out[j]))) ++j;
        if (j > i + 1) {
          const std::string_view name = std::string_view(out).substr(i + 1, j - i - 1);
          ASSERT_TRUE(allowed.count(name)) << name;
        } else {
          ASSERT_NE(std::string_view("&%$#_ ,;:!-/@|>{}'\"^`~=.").find(out[i + 1]),
                    std::string::npos);
        }
        i = j - 1;
      }
    }
    BibtexPaper paper{input, input, {input, input}, input, input, input, input};
    std::string text;
    append_bibtex(text, paper, input);
    expect_well_formed(text);
    if (HasFatalFailure()) return;
  }
}

TEST(Bibtex, TexHeavyTitles) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      // Math stays math, protected from a style's change of case.
      {"An $O(n \\log n)$ Algorithm", "An {$O(n \\log n)$} Algorithm"},
      {"$k$-means++ in $\\mathcal{O}(1)$", "{$k$}-means++ in {$\\mathcal{O}(1)$}"},
      {"$\\frac{1}{2}$-BPS states, $a_b^c$", "{$\\frac{1}{2}$}-{BPS} states, {$a_b^c$}"},
      {"Sets $\\{x\\}$ and $\\|v\\|$", "Sets {$\\{x\\}$} and {$\\|v\\|$}"},
      {"$$E=mc^2$$ revisited", "{$E=mc^2$} revisited"},
      {"$50\\%$ of $x \\in A$", "{$50\\%$} of {$x \\in A$}"},
      {"$a & b % c # d$", "{$a \\& b \\% c \\# d$}"},
      // Lone dollars.
      {"$5 and $10", "\\$5 and \\$10"},
      {"$5-$10 budgets", "\\$5-\\$10 budgets"},
      {"Costs \\$5", "Costs \\$5"},
      {"$ x$ and $y $", "\\$ x\\$ and \\$y \\$"},
      // Commands.
      {"The \\LaTeX{} Companion", "The {\\LaTeX}{} Companion"},
      {"\\TeX\\ and \\emph{Metafont}", "{\\TeX}\\ and \\emph{Metafont}"},
      {"Schr\\\"odinger's \\'{e}t\\'e", "Schr{\\\"o}dinger's {\\'{e}}t{\\'e}"},
      {"\\v{C}ech and \\v Cech, Erd\\H{o}s, \\c c",
       "{\\v{C}}ech and {\\v C}ech, Erd{\\H{o}}s, {\\c c}"},
      {"{\\\"U}ber S{\\o}ren", "{\\\"U}ber S{\\o}ren"},
      {"Stra\\ss e and \\AE", "Stra{\\ss}e and {\\AE}"},
      {"{Stra\\ss e} \\o", "{Stra\\ss e} {\\o}"},
      {"The \\LaTeX Companion", "The {\\LaTeX} Companion"},
      {"\\alpha-helices", "\\ensuremath{\\alpha}-helices"},
      {"\\frac12 outside math", "\\textbackslash{}frac12 outside math"},
      {"Line\\\\break \\\\ here\\\\", "Line break here"},
      {"A \\textbf{bold} \\mbox{claim}", "A \\textbf{bold} \\mbox{claim}"},
      // A group starting with a font switch is a special character to BibTeX, whose case a
      // style would change: braced again. Other groups are protected already.
      {"{\\em Attention} Is {\\bf All}", "{{\\em Attention}} Is {{\\bf All}}"},
      {"{x {\\em Y}} {\\LaTeX}", "{x {\\em Y}} {\\LaTeX}"},
      // Words that keep their case: acronyms and inner capitals; others are left to the style.
      {"BERT: Pre-training of Deep Bidirectional Transformers",
       "{BERT}: Pre-training of Deep Bidirectional Transformers"},
      {"GPT-4 and iPhone with mRNA in 3D", "{GPT}-4 and {iPhone} with {mRNA} in {3D}"},
      {"{Already} {Protected BERT}", "{Already} {Protected BERT}"},
      // UTF-8 stays UTF-8.
      {"Über die Quantenmechanik: ÉCOLE, 量子, Ω", "Über die Quantenmechanik: {ÉCOLE}, 量子, Ω"},
      {"Quantum~Gravity", "Quantum~Gravity"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(title(input), expected) << input;
    BibtexPaper paper{"2501.00425", input, {"A B"}, "2025-01-02T18:00:00Z", "cs.CL", "", ""};
    std::string text;
    append_bibtex(text, paper, "key");
    expect_well_formed(text);
  }
}

// Plain text (no character TeX or BibTeX reads specially) takes a short way; it must write what
// the full writer writes. Text that ends in " \\&" takes the full writer, and the words before
// that ending are written the same either way.
TEST(Bibtex, PlainTextTakesAShortWayToTheSameResult) {
  const std::vector<std::string> pieces = {"a",  "B", "z", "Q", "3", "0", ".",  ",", ":", "'",
                                           "\"", "(", ")", "/", "?", "!", "-",  "+", "=", "*",
                                           "@",  "[", "]", "~", "é", "Ü", "中", " "};
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const size_t length = 1 + rng() % 24;
    for (size_t k = 0; k < length; ++k) text += pieces[rng() % pieces.size()];
    for (BibtexText kind : {BibtexText::kTitle, BibtexText::kPlain}) {
      const std::string full = bibtex_text(text + " \\&", kind);
      const std::string shown = bibtex_text(text, kind);
      if (text.front() == ' ' || text.back() == ' ' || text.find("  ") != std::string::npos)
        continue;  // not plain: the writer cleans the spaces first
      EXPECT_EQ(shown + " \\&", full) << "'" << text << "'";
    }
  }
  EXPECT_EQ(bibtex_text("Fast BERT on ImageNet in 3D", BibtexText::kTitle),
            "Fast {BERT} on {ImageNet} in {3D}");
  EXPECT_EQ(bibtex_text("Jean-Luc McDonald", BibtexText::kPlain), "Jean-Luc McDonald");
}

TEST(Bibtex, PlainTextKeepsCaseAndMathAsWritten) {
  EXPECT_EQ(bibtex_text("BERT and $x$", BibtexText::kPlain), "BERT and $x$");
  EXPECT_EQ(bibtex_text("J\\\"org M\\\"uller", BibtexText::kPlain), "J{\\\"o}rg M{\\\"u}ller");
  EXPECT_EQ(bibtex_text("  Jörg\tMüller\n", BibtexText::kPlain), "Jörg Müller");
  EXPECT_EQ(bibtex_text("", BibtexText::kPlain), "");
}

TEST(Bibtex, AuthorsJoinedAndProtected) {
  const BibtexPaper paper{"2501.00425",
                          "T",
                          {"Geoffrey E. Hinton", "Jean-Luc Pärt", "Wei Zhang",
                           "ATLAS Collaboration, CERN", "Barnes and Noble", " \n ", "others",
                           "Smith AND Jones", "S{\\o}ren Kierkegaard", "Ola & Co"},
                          "2025-01-02T18:00:00Z",
                          "cs.CL",
                          "",
                          ""};
  const std::string text = entry(paper);
  EXPECT_NE(text.find("      author={Geoffrey E. Hinton and Jean-Luc Pärt and Wei Zhang and "
                      "{ATLAS Collaboration, CERN} and {Barnes and Noble} and {others} and "
                      "{Smith AND Jones} and S{\\o}ren Kierkegaard and Ola \\& Co},\n"),
            std::string::npos)
      << text;
  expect_well_formed(text);
}

TEST(Bibtex, MissingFieldsAreLeftOut) {
  const BibtexPaper paper{"2501.00425", "", {}, "", "", "", ""};
  EXPECT_EQ(entry(paper),
            "@misc{anon2025,\n"
            "      year={2025},\n"  // from the id
            "      eprint={2501.00425},\n"
            "      archivePrefix={arXiv},\n"
            "      url={https://arxiv.org/abs/2501.00425},\n"
            "}\n");
  // What must be an identifier is one.
  const BibtexPaper hostile{"2501.00425}, x={", "T", {"A B"}, "2025", "cs.CL}\n@misc{", "", ""};
  std::string text;
  append_bibtex(text, hostile, "bad key,}\n@misc{");
  EXPECT_EQ(text.substr(0, text.find('\n')), "@misc{badkeymisc,");
  EXPECT_NE(text.find("      eprint={2501.00425x},\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      primaryClass={cs.CLmisc},\n"), std::string::npos) << text;
  expect_well_formed(text);
  text.clear();
  append_bibtex(text, hostile, "}{");
  EXPECT_EQ(text.substr(0, text.find('\n')), "@misc{arxiv,");
}

TEST(BibtexKey, SurnameYearAndFirstSignificantWord) {
  auto key = [](std::vector<std::string_view> authors, std::string_view title,
                std::string_view published = "2020-05-01T00:00:00Z",
                std::string_view id = "2005.00001") {
    return bibtex_key(BibtexPaper{id, title, std::move(authors), published, "cs.LG", "", ""});
  };
  EXPECT_EQ(key({"Geoffrey E. Hinton"}, "Deep Learning"), "hinton2020deep");
  // Accents fold to ASCII.
  EXPECT_EQ(key({"Jean-Luc Pärt", "X Y"}, "The Tintinnabuli Style"), "part2020tintinnabuli");
  EXPECT_EQ(key({"Łukasz Kaiser"}, "Ökonomie"), "kaiser2020okonomie");
  EXPECT_EQ(key({"Kurt G\\\"odel"}, "Über formal unentscheidbare Sätze"), "godel2020uber");
  EXPECT_EQ(key({"S{\\o}ren Gr{\\o}nbech"}, "x"), "gronbech2020");
  // Stop words, single letters and math are skipped.
  EXPECT_EQ(key({"Wei Zhang"}, "On the Origin of Species"), "zhang2020origin");
  EXPECT_EQ(key({"Wei Zhang"}, "What's in a Name?"), "zhang2020name");
  EXPECT_EQ(key({"Wei Zhang"}, "$\\mathcal{O}(1)$ Algorithms for X"), "zhang2020algorithms");
  EXPECT_EQ(key({"Wei Zhang"}, "A $k$-Means View"), "zhang2020means");
  EXPECT_EQ(key({"Wei Zhang"}, "Is It All $E=mc^2$?"), "zhang2020");
  EXPECT_EQ(key({"Wei Zhang"}, "\\emph{Ab} initio"), "zhang2020ab");
  EXPECT_EQ(key({"Wei Zhang"}, "GPT-4 Technical Report"), "zhang2020gpt");
  // Which part of a name is the surname.
  EXPECT_EQ(key({"Hinton, Geoffrey"}, "x"), "hinton2020");
  EXPECT_EQ(key({"Martin Luther King Jr."}, "x"), "king2020");
  EXPECT_EQ(key({"John Smith, III"}, "x"), "smith2020");
  EXPECT_EQ(key({"The ATLAS Collaboration"}, "x"), "atlas2020");
  EXPECT_EQ(key({"Seán O'Brien"}, "x"), "obrien2020");
  EXPECT_EQ(key({"Anna Smith-Jones"}, "x"), "smithjones2020");
  EXPECT_EQ(key({"Wei Zhang (张伟)"}, "x"), "zhang2020");
  // No author, or none in Latin letters.
  EXPECT_EQ(key({}, "Deep Learning"), "anon2020deep");
  EXPECT_EQ(key({"张伟"}, "Deep Learning"), "anon2020deep");
  EXPECT_EQ(key({""}, ""), "anon2020");
  // The year comes from the first version, else from the id.
  EXPECT_EQ(key({"A Smith"}, "x", "", "2501.00425"), "smith2025");
  EXPECT_EQ(key({"A Smith"}, "x", "", "hep-th/9901001"), "smith1999");
  EXPECT_EQ(key({"A Smith"}, "x", "", "math/0211159"), "smith2002");
  EXPECT_EQ(key({"A Smith"}, "x", "garbage", "garbage"), "smith");
  // Only [a-z0-9], whatever the input.
  const std::string hostile = key({"}{\\end, @misc"}, "}, @misc{x, \\input{y}", "%$#");
  EXPECT_EQ(hostile.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789"), std::string::npos)
      << hostile;
}

TEST(BibtexKey, UniqueKeysForAWholeFile) {
  std::vector<std::string> keys = {"a2020x", "a2020x", "b", "a2020x", "a2020xa"};
  make_unique_keys(keys);
  // "a2020xa" belongs to the last paper, so the repeats of "a2020x" skip it.
  EXPECT_EQ(keys, (std::vector<std::string>{"a2020x", "a2020xb", "b", "a2020xc", "a2020xa"}));

  std::vector<std::string> many(29, "k");
  make_unique_keys(many);
  EXPECT_EQ(many[0], "k");
  EXPECT_EQ(many[1], "ka");
  EXPECT_EQ(many[26], "kz");
  EXPECT_EQ(many[27], "kaa");
  EXPECT_EQ(many[28], "kab");

  std::vector<std::string> unique = {"x", "y", "z"};
  make_unique_keys(unique);
  EXPECT_EQ(unique, (std::vector<std::string>{"x", "y", "z"}));
  std::vector<std::string> none;
  make_unique_keys(none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace paperpress
