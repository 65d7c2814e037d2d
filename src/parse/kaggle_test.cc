#include "paperpress/parse/kaggle.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace paperpress {
namespace {

// The first line of the real snapshot.
constexpr const char* kLine0001 =
    R"({"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan","title":"Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies","comments":"37 pages, 15 figures; published version","journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009","report-no":"ANL-HEP-PR-07-12","categories":"hep-ph","license":null,"abstract":"  A fully differential calculation in perturbative quantum chromodynamics is\npresented for the production of massive photon pairs at hadron colliders.\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],"update_date":"2008-11-26","authors_parsed":[["Bal\u00e1zs","C.",""],["Berger","E. L.",""],["Nadolsky","P. M.",""],["Yuan","C. -P.",""]]})";

// A line with the given id and body fields.
std::string line(const std::string& id, const std::string& fields) {
  return R"({"id":")" + id + R"(",)" + fields + "}";
}

constexpr const char* kOneVersion =
    R"("versions":[{"version":"v1","created":"Sat, 31 Mar 2007 02:26:18 GMT"}])";

TEST(KaggleParse, ReadsTheFirstSnapshotLine) {
  auto result = parse_kaggle_line(kLine0001);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Paper& p = *result;
  EXPECT_EQ(p.id, "0704.0001");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(
      p.title,
      "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
  EXPECT_EQ(p.abstract,
            "A fully differential calculation in perturbative quantum chromodynamics is presented "
            "for the production of massive photon pairs at hadron colliders.");
  // From authors_parsed: "Forenames Keyname", with the \u00e1 decoded to UTF-8.
  EXPECT_EQ(p.authors, (std::vector<std::string>{"C. Bal\xC3\xA1zs", "E. L. Berger",
                                                 "P. M. Nadolsky", "C. -P. Yuan"}));
  EXPECT_EQ(p.comment, "37 pages, 15 figures; published version");
  EXPECT_EQ(p.journal_ref, "Phys.Rev.D76:013009,2007");
  EXPECT_EQ(p.doi, "10.1103/PhysRevD.76.013009");
  EXPECT_EQ(p.report_no, "ANL-HEP-PR-07-12");
  EXPECT_EQ(p.license, "");  // null
  EXPECT_EQ(p.categories, (std::vector<std::string>{"hep-ph"}));
  EXPECT_EQ(p.primary_category, "hep-ph");
  EXPECT_EQ(p.published, "2007-04-02T19:18:42Z");
  EXPECT_EQ(p.updated, "2007-07-24T20:10:27Z");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/0704.0001v2");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/0704.0001v2");
}

TEST(KaggleParse, NullsBecomeEmptyStrings) {
  auto result = parse_kaggle_line(line(
      "0704.0002",
      R"("submitter":null,"authors":"Ileana Streinu and Louis Theran","title":"0","comments":null,"journal-ref":null,"doi":null,"report-no":null,"categories":"math.CO cs.CG math.CO","license":null,"abstract":null,)" +
          std::string(kOneVersion) + R"(,"update_date":null,"authors_parsed":null)"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->title, "0");
  EXPECT_EQ(result->comment, "");
  EXPECT_EQ(result->journal_ref, "");
  EXPECT_EQ(result->doi, "");
  EXPECT_EQ(result->abstract, "");
  EXPECT_EQ(result->categories, (std::vector<std::string>{"math.CO", "cs.CG"}));
  // authors_parsed null: the authors string is split instead.
  EXPECT_EQ(result->authors, (std::vector<std::string>{"Ileana Streinu", "Louis Theran"}));
  EXPECT_EQ(result->version, 1);
  EXPECT_EQ(result->published, "2007-03-31T02:26:18Z");
  EXPECT_EQ(result->updated, "2007-03-31T02:26:18Z");
}

TEST(KaggleParse, AuthorsStringKeepsLatexAccentsWhenNothingIsParsed) {
  auto result = parse_kaggle_line(
      line("0704.0001", R"("authors":"C. Bal\\'azs, E. L. Berger, and C.-P. Yuan",)" +
                            std::string(kOneVersion) + R"(,"authors_parsed":[])"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->authors,
            (std::vector<std::string>{"C. Bal\\'azs", "E. L. Berger", "C.-P. Yuan"}));
}

TEST(KaggleParse, AuthorsParsedWithSuffixAndOddShapes) {
  auto result = parse_kaggle_line(line(
      "0704.0005",
      R"("authors":"ignored",)" + std::string(kOneVersion) +
          R"(,"authors_parsed":[["King","Martin Luther","Jr."],["Collaboration"],[null,"X.",""],"junk",["","",""]])"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->authors,
            (std::vector<std::string>{"Martin Luther King Jr.", "Collaboration", "X."}));
}

TEST(KaggleParse, WithoutVersionsUsesUpdateDate) {
  auto result = parse_kaggle_line(
      line("hep-th/9901001", R"("title":"T","update_date":"2008-11-26","categories":"hep-th")"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->id, "hep-th/9901001");
  EXPECT_EQ(result->version, 0);
  EXPECT_EQ(result->published, "2008-11-26T00:00:00Z");
  EXPECT_EQ(result->updated, "2008-11-26T00:00:00Z");
  EXPECT_EQ(result->abs_url, "https://arxiv.org/abs/hep-th/9901001");
}

TEST(KaggleParse, ErrorsAreShortSingleLines) {
  auto not_json = parse_kaggle_line(R"({"id":"0704.0001", oops})");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().message.rfind("invalid JSON: ", 0), 0u) << not_json.error().message;
  EXPECT_NE(not_json.error().message.find("column"), std::string::npos);

  auto cut = parse_kaggle_line(std::string(kLine0001).substr(0, 300));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().message.rfind("invalid JSON: ", 0), 0u);
  EXPECT_EQ(cut.error().message.find('\n'), std::string::npos);
  EXPECT_LT(cut.error().message.size(), 250u);

  auto no_id = parse_kaggle_line(R"({"title":"x"})");
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.error().message, "no 'id'");
  auto null_id = parse_kaggle_line(R"({"id":null})");
  ASSERT_FALSE(null_id.ok());
  EXPECT_EQ(null_id.error().message, "no 'id'");
  auto bad_id = parse_kaggle_line(R"({"id":"abc"})");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.error().message, "bad id: 'abc'");

  auto bad_date = parse_kaggle_line(line(
      "0704.0001",
      R"("versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"last\nTuesday"}])"));
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.error().message, "bad date in versions[1].created: 'last Tuesday'");

  auto bad_update = parse_kaggle_line(line("0704.0001", R"("update_date":"26/11/2008")"));
  ASSERT_FALSE(bad_update.ok());
  EXPECT_EQ(bad_update.error().message, "bad date in update_date: '26/11/2008'");

  auto no_date = parse_kaggle_line(line("0704.0001", R"("versions":[])"));
  ASSERT_FALSE(no_date.ok());
  EXPECT_NE(no_date.error().message.find("no date"), std::string::npos);

  auto array = parse_kaggle_line("[1,2]");
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().message, "not a JSON object");
}

TEST(KaggleParse, WrongTypesDoNotThrow) {
  auto result = parse_kaggle_line(line(
      "0704.0001",
      R"("title":42,"authors":{"a":1},"categories":["x"],"versions":[{"version":7,"created":"Mon, 2 Apr 2007 19:18:42 GMT"}],"authors_parsed":"x")"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->title, "");
  EXPECT_TRUE(result->authors.empty());
  EXPECT_TRUE(result->categories.empty());
  EXPECT_EQ(result->version, 1);  // label unreadable: its position
  auto numeric_id = parse_kaggle_line(R"({"id":704.0001})");
  ASSERT_FALSE(numeric_id.ok());
  EXPECT_EQ(numeric_id.error().message, "'id' is not a string");
  auto versions_not_objects = parse_kaggle_line(line("0704.0001", R"("versions":[1])"));
  ASSERT_FALSE(versions_not_objects.ok());
  EXPECT_EQ(versions_not_objects.error().message, "bad date in versions[0].created: ''");
}

TEST(KaggleParse, RepairsInvalidUtf8WithAWarning) {
  std::string text = line(
      "0704.0001", R"("title":"Gr)" + std::string("\xFC") + R"(ner",)" + std::string(kOneVersion));
  std::vector<std::string> warnings;
  auto result = parse_kaggle_line(text, warnings);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->title, "Gr\xEF\xBF\xBDner");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("byte " + std::to_string(text.find('\xFC'))), std::string::npos)
      << warnings[0];
}

// A file in the temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("paperpress_kaggle_" + std::to_string(::getpid()) + "_" + name)) {}
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& content) const {
    std::ofstream out(path_, std::ios::binary);
    out << content;
  }

 private:
  std::filesystem::path path_;
};

std::string numbered_line(int n, size_t abstract_size = 0) {
  char id[16];
  std::snprintf(id, sizeof id, "0704.%04d", n);
  return line(
      id, R"("abstract":")" + std::string(abstract_size, 'a') + R"(",)" + std::string(kOneVersion));
}

TEST(KaggleFile, StreamsLinesWithNumbersSkippingBlankOnes) {
  TempFile file("basic.jsonl");
  file.write(numbered_line(1) + "\n\n" + numbered_line(2) + "\r\n  \t\n" + "{broken\n" +
             numbered_line(3));  // no final newline
  std::vector<std::pair<size_t, std::string>> seen;
  Status status = for_each_kaggle_line(file.path(), [&](size_t n, Result<Paper> paper) {
    seen.emplace_back(n, paper.ok() ? paper->id : "error: " + paper.error().message);
    return true;
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], (std::pair<size_t, std::string>{1, "0704.0001"}));
  EXPECT_EQ(seen[1], (std::pair<size_t, std::string>{3, "0704.0002"}));
  EXPECT_EQ(seen[2].first, 5u);
  EXPECT_EQ(seen[2].second.rfind("error: invalid JSON", 0), 0u);
  EXPECT_EQ(seen[3], (std::pair<size_t, std::string>{6, "0704.0003"}));
}

TEST(KaggleFile, LinesCrossingTheReadBufferAreWhole) {
  TempFile file("big.jsonl");
  std::string content;
  const int kLines = 3000;  // about 3 MB: several reads, lines cut at every boundary
  for (int n = 1; n <= kLines; ++n) content += numbered_line(n, n == 1500 ? 2'500'000 : 900) + "\n";
  file.write(content);
  int count = 0;
  bool all_ok = true;
  Status status = for_each_kaggle_line(file.path(), [&](size_t n, Result<Paper> paper) {
    ++count;
    char id[16];
    std::snprintf(id, sizeof id, "0704.%04d", static_cast<int>(n));
    bool ok =
        paper.ok() && paper->id == id && paper->abstract.size() == (n == 1500 ? 2'500'000u : 900u);
    if (!ok && all_ok) ADD_FAILURE() << "line " << n;
    all_ok = all_ok && ok;
    return true;
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(count, kLines);
  EXPECT_TRUE(all_ok);
}

TEST(KaggleFile, StopsWhenTheCallbackSaysSo) {
  TempFile file("stop.jsonl");
  file.write(numbered_line(1) + "\n" + numbered_line(2) + "\n" + numbered_line(3) + "\n");
  std::vector<size_t> seen;
  Status status = for_each_kaggle_line(file.path(), [&](size_t n, Result<Paper>) {
    seen.push_back(n);
    return n < 2;
  });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(seen, (std::vector<size_t>{1, 2}));
}

TEST(KaggleFile, IoErrorsNameTheFile) {
  std::filesystem::path missing =
      std::filesystem::temp_directory_path() / "paperpress_no_such.jsonl";
  bool called = false;
  Status status = for_each_kaggle_line(missing, [&](size_t, Result<Paper>) {
    called = true;
    return true;
  });
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find(missing.string()), std::string::npos)
      << status.error().message;
  EXPECT_FALSE(called);

  Status directory = for_each_kaggle_line(std::filesystem::temp_directory_path(),
                                          [&](size_t, Result<Paper>) { return true; });
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.error().message.find(std::filesystem::temp_directory_path().string()),
            std::string::npos);
}

}  // namespace
}  // namespace paperpress
