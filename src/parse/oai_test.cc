#include "paperpress/parse/oai.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "paperpress/parse/xml_util.h"

namespace paperpress {
namespace {

std::string response(const std::string& payload) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<responseDate>2025-01-06T20:49:59Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXiv">https://oaipmh.arxiv.org/oai</request>
)" + payload +
         "\n</OAI-PMH>\n";
}

std::string list_records(const std::string& records) {
  return response("<ListRecords>\n" + records + "</ListRecords>");
}

std::string record(const std::string& identifier, const std::string& metadata) {
  return "<record><header><identifier>" + identifier +
         "</identifier><datestamp>2025-01-02</datestamp><setSpec>cs</setSpec></header>"
         "<metadata>" +
         metadata + "</metadata></record>\n";
}

std::string arxiv_metadata(const std::string& fields) {
  return R"(<arXiv xmlns="http://arxiv.org/OAI/arXiv/">)" + fields + "</arXiv>";
}

std::string arxiv_raw_metadata(const std::string& fields) {
  return R"(<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/">)" + fields + "</arXivRaw>";
}

bool any_contains(const std::vector<std::string>& lines, const std::string& a,
                  const std::string& b = "") {
  for (const std::string& line : lines)
    if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
  return false;
}

TEST(OaiParse, ReadsFormatArxiv) {
  auto result = parse_oai(list_records(record(
      "oai:arXiv.org:1401.2122",
      arxiv_metadata(
          "<id>1401.2122</id><created>2014-01-09</created><updated>2017-10-23</updated>"
          "<authors><author><keyname>Sergyeyev</keyname><forenames>A.</forenames></author>"
          "<author><keyname>Bal\\'azs</keyname><forenames>C.</forenames></author>"
          "<author><keyname>King</keyname><forenames>Martin Luther</forenames>"
          "<suffix>Jr.</suffix></author>"
          "<author><keyname>ATLAS Collaboration</keyname></author></authors>"
          "<title>New integrable (3+1)-dimensional systems\n  and contact geometry</title>"
          "<categories>math.AP hep-th math-ph math.AP</categories>"
          "<comments>16 pages, LaTeX, in this version\n  (v5) the typos were fixed</comments>"
          "<msc-class>37K05</msc-class>"
          "<journal-ref>Lett. Math. Phys. 108 (2018), no. 2, 359-376</journal-ref>"
          "<doi>10.1007/s11005-017-1013-4</doi>"
          "<report-no>LMP-17-42</report-no>"
          "<license>http://creativecommons.org/licenses/by/4.0/</license>"
          "<abstract>  We introduce a novel &lt;systematic&gt; construction\n for $(3+1)$.\n"
          "</abstract>"))));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->warnings.empty()) << ::testing::PrintToString(result->warnings);
  ASSERT_EQ(result->papers.size(), 1u);
  const Paper& p = result->papers[0];
  EXPECT_EQ(p.id, "1401.2122");
  EXPECT_EQ(p.version, 0);
  EXPECT_EQ(p.title, "New integrable (3+1)-dimensional systems and contact geometry");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"A. Sergyeyev", "C. Bal\\'azs",
                                                 "Martin Luther King Jr.", "ATLAS Collaboration"}));
  EXPECT_EQ(p.categories,
            (std::vector<std::string>{"math.AP", "hep-th", "math-ph"}));  // no duplicate
  EXPECT_EQ(p.primary_category, "math.AP");
  EXPECT_EQ(p.comment, "16 pages, LaTeX, in this version (v5) the typos were fixed");
  EXPECT_EQ(p.journal_ref, "Lett. Math. Phys. 108 (2018), no. 2, 359-376");
  EXPECT_EQ(p.doi, "10.1007/s11005-017-1013-4");
  EXPECT_EQ(p.report_no, "LMP-17-42");
  EXPECT_EQ(p.license, "http://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(p.abstract, "We introduce a novel <systematic> construction for $(3+1)$.");
  EXPECT_EQ(p.published, "2014-01-09T00:00:00Z");
  EXPECT_EQ(p.updated, "2017-10-23T00:00:00Z");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/1401.2122");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/1401.2122");
}

TEST(OaiParse, FormatArxivWithoutUpdatedUsesCreated) {
  auto result = parse_oai(list_records(record(
      "oai:arXiv.org:hep-th/9901001",
      arxiv_metadata("<id>hep-th/9901001</id><created>1999-01-01</created><title>0</title>"))));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].id, "hep-th/9901001");
  EXPECT_EQ(result->papers[0].title, "0");
  EXPECT_EQ(result->papers[0].published, "1999-01-01T00:00:00Z");
  EXPECT_EQ(result->papers[0].updated, "1999-01-01T00:00:00Z");
  EXPECT_TRUE(result->papers[0].authors.empty());
  EXPECT_EQ(result->papers[0].comment, "");
}

TEST(OaiParse, ReadsFormatArxivRaw) {
  auto result = parse_oai(list_records(record(
      "oai:arXiv.org:0704.0471",
      arxiv_raw_metadata(
          "<id>0704.0471</id><submitter>Dinesh Shetty</submitter>"
          "<version version=\"v1\"><date>Tue, 3 Apr 2007 22:04:11 GMT</date><size>294kb</size>"
          "</version>"
          "<version version=\"v2\"><date>Fri, 28 Sep 2007 15:13:43 GMT</date></version>"
          "<version version=\"v3\"><date>Fri, 29 Feb 2008 16:05:39 GMT</date></version>"
          "<title>Density dependence of the symmetry energy and the nuclear equation of\n"
          "  state</title>"
          "<authors>D.V. Shetty, S.J. Yennello, and G.A. Souliotis</authors>"
          "<categories>nucl-ex nucl-th</categories><comments>16 pages, 14 figures</comments>"
          "<journal-ref>Phys.Rev.C76:024606,2007</journal-ref>"
          "<doi>10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902</doi>"
          "<license>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</license>"
          "<abstract>  An extremely &quot; stiff &quot; form\n</abstract>"))));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  const Paper& p = result->papers[0];
  EXPECT_EQ(p.id, "0704.0471");
  EXPECT_EQ(p.version, 3);
  EXPECT_EQ(p.published, "2007-04-03T22:04:11Z");
  EXPECT_EQ(p.updated, "2008-02-29T16:05:39Z");
  EXPECT_EQ(p.title, "Density dependence of the symmetry energy and the nuclear equation of state");
  EXPECT_EQ(p.authors,
            (std::vector<std::string>{"D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"}));
  EXPECT_EQ(p.categories, (std::vector<std::string>{"nucl-ex", "nucl-th"}));
  EXPECT_EQ(p.primary_category, "nucl-ex");
  EXPECT_EQ(p.comment, "16 pages, 14 figures");
  EXPECT_EQ(p.journal_ref, "Phys.Rev.C76:024606,2007");
  EXPECT_EQ(p.doi, "10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902");
  EXPECT_EQ(p.abstract, "An extremely \" stiff \" form");
  EXPECT_EQ(p.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_EQ(p.report_no, "");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/0704.0471v3");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/0704.0471v3");
}

TEST(OaiParse, ArxivRawSingleVersionHasEqualDates) {
  auto result = parse_oai(list_records(
      record("oai:arXiv.org:0704.1114",
             arxiv_raw_metadata("<id>0704.1114</id><version version=\"v1\"><date>Mon, 9 Apr 2007 "
                                "20:13:36 GMT</date></version><authors>T. S. Barman</authors>"))));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].version, 1);
  EXPECT_EQ(result->papers[0].published, "2007-04-09T20:13:36Z");
  EXPECT_EQ(result->papers[0].updated, "2007-04-09T20:13:36Z");
  EXPECT_EQ(result->papers[0].authors, (std::vector<std::string>{"T. S. Barman"}));
}

TEST(OaiParse, DeletedRecordsAreListedNotParsed) {
  auto result = parse_oai(list_records(
      "<record><header status=\"deleted\"><identifier>oai:arXiv.org:0704.0002</identifier>"
      "<datestamp>2025-01-02</datestamp></header></record>\n" +
      record("oai:arXiv.org:0704.0001",
             arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created>"))));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->deleted_ids, (std::vector<std::string>{"0704.0002"}));
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].id, "0704.0001");
}

TEST(OaiParse, OldStyleResumptionTokenWithCursorAndSize) {
  auto result = parse_oai(list_records(
      record("oai:arXiv.org:0704.0001",
             arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created>")) +
      "<resumptionToken cursor=\"0\" completeListSize=\"58011\">726959|1001</resumptionToken>"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->resumption_token, "726959|1001");
  EXPECT_EQ(result->cursor, 0);
  EXPECT_EQ(result->complete_list_size, 58011);
}

TEST(OaiParse, OpaqueResumptionTokenAndTheEmptyOneAtTheEnd) {
  auto middle = parse_oai(list_records(
      record("oai:arXiv.org:0704.0001",
             arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created>")) +
      "<resumptionToken>\n  eJx1jt0KgjAYhu/lO3ZhZnMjgiKCoIJ+zhSZ8zMHtsk2\n</resumptionToken>"));
  ASSERT_TRUE(middle.ok()) << middle.error().message;
  EXPECT_EQ(middle->resumption_token, "eJx1jt0KgjAYhu/lO3ZhZnMjgiKCoIJ+zhSZ8zMHtsk2");
  EXPECT_EQ(middle->cursor, -1);
  EXPECT_EQ(middle->complete_list_size, -1);

  auto last = parse_oai(
      list_records(record("oai:arXiv.org:0704.0001",
                          arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created>")) +
                   "<resumptionToken/>"));
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_EQ(last->resumption_token, "");
  EXPECT_EQ(last->papers.size(), 1u);

  auto absent = parse_oai(list_records(""));
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(absent->resumption_token, "");
  EXPECT_TRUE(absent->papers.empty());
  EXPECT_FALSE(absent->no_records_match);
}

TEST(OaiParse, NoRecordsMatchIsAnEmptyPage) {
  auto result = parse_oai(
      response("<error code=\"noRecordsMatch\">Set argument doesn't match any sets.</error>"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->no_records_match);
  EXPECT_TRUE(result->papers.empty());
  EXPECT_EQ(result->resumption_token, "");
}

TEST(OaiParse, OtherErrorCodesAreErrors) {
  for (std::string code : {"badArgument", "badResumptionToken", "badVerb", "idDoesNotExist",
                           "cannotDisseminateFormat"}) {
    auto result =
        parse_oai(response("<error code=\"" + code + "\">Something\n  went wrong</error>"));
    ASSERT_FALSE(result.ok()) << code;
    EXPECT_EQ(result.error().message, "OAI-PMH error " + code + ": Something went wrong");
  }
}

TEST(OaiParse, MatchesElementsByLocalNameWhateverThePrefix) {
  auto result = parse_oai(
      R"(<o:OAI-PMH xmlns:o="http://www.openarchives.org/OAI/2.0/"><o:GetRecord><o:record>
<o:header><o:identifier>oai:arXiv.org:1302.2146</o:identifier></o:header>
<o:metadata><r:arXivRaw xmlns:r="http://arxiv.org/OAI/arXivRaw/"><r:id>1302.2146</r:id>
<r:version version="v1"><r:date>Fri, 8 Feb 2013 21:00:01 GMT</r:date></r:version>
<r:version version="v2"><r:date>Tue, 2 Apr 2013 01:50:08 GMT</r:date></r:version>
<r:title>The Same-Sign Dilepton Signature of RPV/MFV SUSY</r:title>
<r:authors>Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo</r:authors>
<r:categories>hep-ph hep-ex</r:categories></r:arXivRaw></o:metadata></o:record></o:GetRecord>
</o:OAI-PMH>)");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  const Paper& p = result->papers[0];
  EXPECT_EQ(p.id, "1302.2146");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.published, "2013-02-08T21:00:01Z");
  EXPECT_EQ(p.updated, "2013-04-02T01:50:08Z");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Joshua Berger", "Maxim Perelstein",
                                                 "Michael Saelim", "Philip Tanedo"}));
  EXPECT_EQ(p.primary_category, "hep-ph");
}

TEST(OaiParse, SkipsRecordsWithoutIdOrDateAndKeepsTheOthers) {
  auto result = parse_oai(list_records(
      record("oai:arXiv.org:0704.0001",
             arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created>")) +     // 1 kept
      record("junk", arxiv_metadata("<id>junk</id><created>2007-04-02</created>")) +  // 2
      record("oai:arXiv.org:0704.0003", arxiv_metadata("<id>0704.0003</id>")) +       // 3
      record("oai:arXiv.org:0704.0004",
             arxiv_raw_metadata("<id>0704.0004</id><version version=\"v1\"><date>someday"
                                "</date></version>")) +  // 4
      record("oai:arXiv.org:0704.0005",
             arxiv_metadata("<created>2007-04-05</created>"))));  // 5 kept: id from the header
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 2u);
  EXPECT_EQ(result->papers[0].id, "0704.0001");
  EXPECT_EQ(result->papers[1].id, "0704.0005");
  EXPECT_TRUE(any_contains(result->warnings, "record 2", "id"))
      << ::testing::PrintToString(result->warnings);
  EXPECT_TRUE(any_contains(result->warnings, "record 3", "date"));
  EXPECT_TRUE(any_contains(result->warnings, "record 4", "date"));
  EXPECT_TRUE(any_contains(result->warnings, "someday"));
  EXPECT_FALSE(any_contains(result->warnings, "record 1"));
  EXPECT_FALSE(any_contains(result->warnings, "record 5"));
}

TEST(OaiParse, UnsupportedMetadataFormatIsSkippedWithAWarning) {
  auto result = parse_oai(list_records(record(
      "oai:arXiv.org:0704.0001",
      "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"></oai_dc:dc>")));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->papers.empty());
  EXPECT_TRUE(any_contains(result->warnings, "record 1", "oai_dc"));
}

TEST(OaiParse, RepairsInvalidUtf8WithAWarning) {
  std::string body = list_records(
      record("oai:arXiv.org:0704.0001",
             arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created><title>Gr\xFC"
                            "ner</title>")));
  size_t at = body.find('\xFC');
  auto result = parse_oai(body);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].title, "Gr\xEF\xBF\xBDner");
  EXPECT_TRUE(any_contains(result->warnings, "invalid UTF-8", "byte " + std::to_string(at)))
      << ::testing::PrintToString(result->warnings);
}

TEST(OaiParse, BrokenBodiesAreErrors) {
  auto empty = parse_oai("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "empty response");

  std::string full =
      list_records(record("oai:arXiv.org:0704.0001",
                          arxiv_metadata("<id>0704.0001</id><created>2007-04-02</created>")));
  std::string truncated = full.substr(0, full.size() - 20);
  auto cut = parse_oai(truncated);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().message.rfind("malformed XML at byte ", 0), 0u) << cut.error().message;

  auto atom = parse_oai("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
  ASSERT_FALSE(atom.ok());
  EXPECT_EQ(atom.error().message, "not an OAI-PMH response: the root element is <feed>");

  auto identify =
      parse_oai(response("<Identify><repositoryName>arXiv</repositoryName></Identify>"));
  ASSERT_FALSE(identify.ok());
}

TEST(OaiAuthorList, SplitsOnCommasAndAnd) {
  EXPECT_EQ(split_author_list("D.V. Shetty, S.J. Yennello, and G.A. Souliotis"),
            (std::vector<std::string>{"D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"}));
  EXPECT_EQ(split_author_list("Ileana Streinu and Louis Theran"),
            (std::vector<std::string>{"Ileana Streinu", "Louis Theran"}));
  EXPECT_EQ(split_author_list("  Hongjun\n  Pan , "), (std::vector<std::string>{"Hongjun Pan"}));
  EXPECT_EQ(split_author_list("Alexander Sandersson, Andrea Andersen"),
            (std::vector<std::string>{"Alexander Sandersson", "Andrea Andersen"}));
  EXPECT_EQ(split_author_list("The BABAR Collaboration, B. Aubert, et al"),
            (std::vector<std::string>{"The BABAR Collaboration", "B. Aubert"}));
  EXPECT_TRUE(split_author_list("").empty());
  EXPECT_TRUE(split_author_list(" , and ,").empty());
}

TEST(OaiAuthorList, KeepsLatexAndDropsAffiliations) {
  EXPECT_EQ(
      split_author_list("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan"),
      (std::vector<std::string>{"C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"}));
  EXPECT_EQ(split_author_list("J. M{\\\"u}ller (Dept. of Physics and Astronomy, Univ. X) and "
                              "B. Author"),
            (std::vector<std::string>{"J. M{\\\"u}ller", "B. Author"}));
  EXPECT_EQ(split_author_list("A. One (1), B. Two (2) ((1) CERN, (2) DESY, Hamburg)"),
            (std::vector<std::string>{"A. One", "B. Two"}));
  // Unpaired brackets carry no meaning: every separator counts.
  EXPECT_EQ(split_author_list("A. One (CERN, B. Two"),
            (std::vector<std::string>{"A. One (CERN", "B. Two"}));
}

}  // namespace
}  // namespace paperpress
