#include "paperpress/parse/atom.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "paperpress/parse/xml_util.h"

namespace paperpress {
namespace {

constexpr const char* kFeedOpen =
    R"(<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/UY2mqR74Vu/gU683o8Kx4P2K0xU</id>
  <title>arXiv Query: search_query=&amp;id_list=1605.08386</title>
  <updated>2026-04-12T22:10:19Z</updated>
  <opensearch:itemsPerPage>100</opensearch:itemsPerPage>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
)";
constexpr const char* kFeedClose = "</feed>\n";

std::string feed(const std::string& entries) {
  return kFeedOpen + entries + kFeedClose;
}

// An entry with the given id, dates and extra elements.
std::string entry(const std::string& id, const std::string& extra = "",
                  const std::string& published = "2016-05-26T17:59:46Z") {
  return "<entry><id>" + id + "</id><title>T</title><published>" + published + "</published>" +
         extra + "</entry>\n";
}

bool any_contains(const std::vector<std::string>& lines, const std::string& a,
                  const std::string& b = "") {
  for (const std::string& line : lines)
    if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
  return false;
}

TEST(AtomParse, ReadsEveryFieldOfAnEntry) {
  auto result = parse_atom(feed(R"(
  <entry>
    <id>http://arxiv.org/abs/1605.08386v2</id>
    <title>Heat-bath random walks
      with Markov bases</title>
    <updated>2016-06-01T10:00:00Z</updated>
    <link href="http://arxiv.org/abs/1605.08386v2" rel="alternate" type="text/html"/>
    <link href="http://arxiv.org/pdf/1605.08386v2" rel="related" type="application/pdf" title="pdf"/>
    <link href="https://doi.org/10.1000/x" rel="related" title="doi"/>
    <summary>  Graphs on lattice points
are studied.  </summary>
    <category term="math.ST" scheme="http://arxiv.org/schemas/atom"/>
    <category term="math.CO" scheme="http://arxiv.org/schemas/atom"/>
    <category term="math.ST" scheme="http://arxiv.org/schemas/atom"/>
    <published>2016-05-26T19:59:46+02:00</published>
    <arxiv:comment>20 pages, 3 figures</arxiv:comment>
    <arxiv:journal_ref>J. Alg. Stat. 9 (2018)</arxiv:journal_ref>
    <arxiv:doi>10.1000/x</arxiv:doi>
    <arxiv:primary_category term="math.CO"/>
    <author><name>Caprice  Stanley</name><arxiv:affiliation>TU Berlin</arxiv:affiliation></author>
    <author>
      <name>Tobias Windisch</name>
    </author>
  </entry>)"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->total_results, 1);
  EXPECT_EQ(result->start_index, 0);
  EXPECT_EQ(result->items_per_page, 100);
  EXPECT_TRUE(result->warnings.empty());
  ASSERT_EQ(result->papers.size(), 1u);
  const Paper& p = result->papers[0];
  EXPECT_EQ(p.id, "1605.08386");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.title, "Heat-bath random walks with Markov bases");
  EXPECT_EQ(p.abstract, "Graphs on lattice points are studied.");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Caprice Stanley", "Tobias Windisch"}));
  EXPECT_EQ(p.comment, "20 pages, 3 figures");
  EXPECT_EQ(p.journal_ref, "J. Alg. Stat. 9 (2018)");
  EXPECT_EQ(p.doi, "10.1000/x");
  EXPECT_EQ(p.primary_category, "math.CO");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"math.CO", "math.ST"}));
  EXPECT_EQ(p.published, "2016-05-26T17:59:46Z");  // +02:00 converted to UTC
  EXPECT_EQ(p.updated, "2016-06-01T10:00:00Z");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/1605.08386v2");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/1605.08386v2");
}

TEST(AtomParse, TitleZeroIsARealTitle) {
  auto result =
      parse_atom(feed("<entry><id>http://arxiv.org/abs/2104.12255v1</id><title>0</title>"
                      "<summary>0</summary><published>2021-04-20T16:07:14Z</published></entry>"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].title, "0");
  EXPECT_EQ(result->papers[0].abstract, "0");
}

TEST(AtomParse, KeepsMarkupAndLatexAsDataDecodedOnce) {
  auto result = parse_atom(
      feed("<entry><id>http://arxiv.org/abs/0704.0073v3</id>"
           "<title>A &lt;b&gt;bold&lt;/b&gt; &amp;amp; Koll\\'ar's $\\alpha &lt; 1$</title>"
           "<summary><![CDATA[x < y & $z$]]> and &#233;</summary>"
           "<published>2007-04-01T00:00:00Z</published>"
           "<author><name>Ch. Bal\\'azs &amp; Co</name></author></entry>"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  const Paper& p = result->papers[0];
  EXPECT_EQ(p.title, "A <b>bold</b> &amp; Koll\\'ar's $\\alpha < 1$");
  EXPECT_EQ(p.abstract, "x < y & $z$ and \xC3\xA9");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Ch. Bal\\'azs & Co"}));
}

TEST(AtomParse, MatchesElementsByLocalNameWhateverThePrefix) {
  auto result = parse_atom(
      R"(<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:os="http://a9.com/-/spec/opensearch/1.1/" xmlns:ax="http://arxiv.org/schemas/atom">
  <os:totalResults>7</os:totalResults><os:startIndex>5</os:startIndex><os:itemsPerPage>2</os:itemsPerPage>
  <a:entry><a:id>http://arxiv.org/abs/quant-ph/0201082v1</a:id><a:title>Q</a:title>
    <a:published>2002-01-18T15:08:05Z</a:published><a:updated>2002-01-18T15:08:05Z</a:updated>
    <ax:comment>32 pages</ax:comment><ax:primary_category term="quant-ph"/>
    <a:category term="cs.PL"/><a:category term="quant-ph"/>
    <a:author><a:name>Stephen Blaha</a:name></a:author></a:entry>
</a:feed>)");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->total_results, 7);
  EXPECT_EQ(result->start_index, 5);
  EXPECT_EQ(result->items_per_page, 2);
  ASSERT_EQ(result->papers.size(), 1u);
  const Paper& p = result->papers[0];
  EXPECT_EQ(p.id, "quant-ph/0201082");
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.comment, "32 pages");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"quant-ph", "cs.PL"}));
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Stephen Blaha"}));
}

TEST(AtomParse, PrimaryCategoryMissingFromTheListIsAddedFirst) {
  auto with_primary =
      parse_atom(feed(entry("http://arxiv.org/abs/2501.01234v1",
                            "<arxiv:primary_category term=\"cs.CL\"/>"
                            "<category term=\"cs.AI\"/><category term=\"cs.AI\"/>")));
  ASSERT_TRUE(with_primary.ok());
  ASSERT_EQ(with_primary->papers.size(), 1u);
  EXPECT_EQ(with_primary->papers[0].categories, (std::vector<std::string>{"cs.CL", "cs.AI"}));
  EXPECT_EQ(with_primary->papers[0].primary_category, "cs.CL");

  auto without_primary =
      parse_atom(feed(entry("http://arxiv.org/abs/2501.01234v1",
                            "<category term=\"cs.LG\"/><category term=\"cs.AI\"/>")));
  ASSERT_TRUE(without_primary.ok());
  ASSERT_EQ(without_primary->papers.size(), 1u);
  EXPECT_EQ(without_primary->papers[0].primary_category, "cs.LG");
  EXPECT_EQ(without_primary->papers[0].categories, (std::vector<std::string>{"cs.LG", "cs.AI"}));
}

TEST(AtomParse, KeepsTheFeedsLinksUpgradedToHttps) {
  auto result = parse_atom(feed(entry(
      "http://arxiv.org/abs/2501.01234v1",
      "<link href=\"https://doi.org/10.1000/y\" rel=\"related\" title=\"doi\"/>"
      "<link href=\"http://export.arxiv.org/abs/2501.01234v1\" rel=\"alternate\"/>"
      "<link href=\"http://export.arxiv.org/pdf/2501.01234v1\" rel=\"related\" title=\"pdf\"/>")));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].abs_url, "https://export.arxiv.org/abs/2501.01234v1");
  EXPECT_EQ(result->papers[0].pdf_url, "https://export.arxiv.org/pdf/2501.01234v1");
}

TEST(AtomParse, WithoutLinksBuildsHttpsLinksFromTheId) {
  auto result = parse_atom(feed(entry("https://arxiv.org/abs/hep-th/9901001v3")));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].abs_url, "https://arxiv.org/abs/hep-th/9901001v3");
  EXPECT_EQ(result->papers[0].pdf_url, "https://arxiv.org/pdf/hep-th/9901001v3");
}

TEST(AtomParse, OneDateStandsInForTheOther) {
  auto result =
      parse_atom(feed("<entry><id>http://arxiv.org/abs/2501.01234v1</id><title>T</title>"
                      "<updated>2025-01-31T17:59:59Z</updated></entry>"));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].published, "2025-01-31T17:59:59Z");
  EXPECT_EQ(result->papers[0].updated, "2025-01-31T17:59:59Z");
}

TEST(AtomParse, SkipsEntriesWithoutIdOrDateAndKeepsTheOthers) {
  std::string entries = entry("http://arxiv.org/abs/2501.00001v1") +  // 1 kept
                        "<entry><title>no id</title>"                 // 2
                        "<published>2025-01-01T00:00:00Z</published></entry>" +
                        entry("http://arxiv.org/abs/not-an-id") +                      // 3
                        "<entry><id>http://arxiv.org/abs/2501.00004v1</id></entry>" +  // 4
                        entry("http://arxiv.org/abs/2501.00005v1", "", "yesterday") +  // 5
                        entry("http://arxiv.org/abs/2501.00006v2");                    // 6 kept
  auto result = parse_atom(feed(entries));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 2u);
  EXPECT_EQ(result->papers[0].id, "2501.00001");
  EXPECT_EQ(result->papers[1].id, "2501.00006");
  EXPECT_TRUE(any_contains(result->warnings, "entry 2:", "id"))
      << ::testing::PrintToString(result->warnings);
  EXPECT_TRUE(any_contains(result->warnings, "entry 3:", "not-an-id"));
  EXPECT_TRUE(any_contains(result->warnings, "entry 4:", "date"));
  EXPECT_TRUE(any_contains(result->warnings, "entry 5:", "date"));
  EXPECT_TRUE(any_contains(result->warnings, "yesterday"));
  EXPECT_FALSE(any_contains(result->warnings, "entry 1:"));
  EXPECT_FALSE(any_contains(result->warnings, "entry 6"));
}

TEST(AtomParse, ApiErrorFeedIsAnError) {
  auto result = parse_atom(R"(<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/</id>
  <title>arXiv Search Results</title>
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>https://arxiv.org/api/errors#incorrect_id_format_for_abc</id>
    <title>Error</title>
    <updated>2026-04-12T22:59:06Z</updated>
    <summary>incorrect id format
      for abc</summary>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>)");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "arXiv API error: incorrect id format for abc");
}

TEST(AtomParse, FeedWithoutEntriesIsAnEmptyResult) {
  auto result = parse_atom(feed(""));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->papers.empty());
  EXPECT_EQ(result->total_results, 1);

  auto bare = parse_atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->total_results, -1);
  EXPECT_TRUE(bare->papers.empty());
}

TEST(AtomParse, EmptyBodyIsAnError) {
  auto empty = parse_atom("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "empty response");
  auto blank = parse_atom(" \r\n\t");
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().message, "empty response");
}

TEST(AtomParse, TruncatedBodyIsMalformedXmlAtItsEnd) {
  std::string full = feed(entry("http://arxiv.org/abs/2501.00001v1"));
  std::string truncated = full.substr(0, full.size() / 2);
  auto result = parse_atom(truncated);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.rfind("malformed XML at byte ", 0), 0u)
      << result.error().message;

  auto mismatch = parse_atom("<feed><entry></feed>");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().message, "malformed XML at byte 15: Start-end tags mismatch");
}

TEST(AtomParse, NotXmlOrNotAtomIsAnError) {
  auto text = parse_atom("Rate exceeded.");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message.rfind("malformed XML at byte ", 0), 0u);
  auto html = parse_atom("<html><body>503</body></html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().message, "not an Atom feed: the root element is <html>");
}

TEST(AtomParse, RepairsInvalidUtf8WithAWarningNamingTheOffset) {
  std::string body = feed(entry("http://arxiv.org/abs/2501.00001v1"));
  size_t at = body.find("<title>T") + 7;
  body.insert(at, "Bal\xE1zs ");  // Latin-1 á: invalid UTF-8
  auto result = parse_atom(body);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->papers.size(), 1u);
  EXPECT_EQ(result->papers[0].title, "Bal\xEF\xBF\xBDzs T");
  EXPECT_TRUE(any_contains(result->warnings, "byte " + std::to_string(at + 3)))
      << ::testing::PrintToString(result->warnings);
}

TEST(AtomParse, MalformedOffsetCountsBytesOfTheOriginalBody) {
  // The invalid byte becomes three bytes of U+FFFD; the reported offset must not move.
  auto clean = parse_atom("<feed><title>ab</title></fed>");
  auto dirty = parse_atom("<feed><title>a\xFF</title></fed>");
  ASSERT_FALSE(clean.ok());
  ASSERT_FALSE(dirty.ok());
  EXPECT_EQ(clean.error().message, dirty.error().message);
}

// Random strings over an alphabet rich in the bytes the helpers treat specially.
std::vector<std::string> random_strings(unsigned seed, int count) {
  static const std::vector<std::string> kPieces = {" ",
                                                   "  ",
                                                   "\t",
                                                   "\n",
                                                   "\r\n",
                                                   "\f",
                                                   "\v",
                                                   "a",
                                                   "Bal",
                                                   "\\'a",
                                                   "$x$",
                                                   "<",
                                                   "&",
                                                   "\xC3\xA1",
                                                   "\xE2\x82\xAC",
                                                   "\xF0\x9F\x93\x85",
                                                   "\xFF",
                                                   "\xC3",
                                                   "\x80",
                                                   "\xED\xA0\x80",
                                                   "\xC0\xAF",
                                                   "\x01",
                                                   std::string(1, '\0'),
                                                   "0"};
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string s;
    int pieces = static_cast<int>(rng() % 40);
    for (int k = 0; k < pieces; ++k) s += kPieces[rng() % kPieces.size()];
    out.push_back(s);
  }
  return out;
}

TEST(AtomXmlUtil, FirstInvalidUtf8EqualsFindInvalidUtf8) {
  for (const std::string& s : random_strings(2, 5000))
    ASSERT_EQ(first_invalid_utf8(s), find_invalid_utf8(s)) << ::testing::PrintToString(s);
  std::string long_ascii(1000, 'a');
  EXPECT_EQ(first_invalid_utf8(long_ascii + "\xC3\xA1" + long_ascii + "\xFF"), 2002u);
  EXPECT_EQ(first_invalid_utf8(long_ascii + "\xC3\xA1"), std::nullopt);
}

TEST(AtomXmlUtil, ArxivIdsFromAnyHostAndNeverAThrow) {
  EXPECT_EQ(parse_arxiv_id_safely(" http://export.arxiv.org/abs/0704.0001v2 \n")->id, "0704.0001");
  EXPECT_EQ(parse_arxiv_id_safely("https://arxiv.org/pdf/hep-th/9901001v3")->version, 3);
  EXPECT_FALSE(parse_arxiv_id_safely("2501.01234v99999999999999999999").has_value());
  EXPECT_FALSE(parse_arxiv_id_safely("").has_value());
  EXPECT_FALSE(parse_arxiv_id_safely("https://arxiv.org/api/errors#x").has_value());
}

}  // namespace
}  // namespace paperpress
