// Hostile inputs for every reader: empty, truncated, non-UTF-8, huge (one 100 MB field) and
// deeply nested (100,000 levels). Each reader must return, with a value or an error that says
// something; where a header promises more (invalid UTF-8 repaired with a warning, too-deep
// templates refused at compile time), the test checks that too.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/content.h"
#include "paperpress/parse/atom.h"
#include "paperpress/parse/kaggle.h"
#include "paperpress/parse/oai.h"
#include "paperpress/render/template.h"
#include "paperpress/render/value.h"
#include "paperpress/store/paper_log.h"
#include "paperpress/store/record_codec.h"

namespace paperpress {
namespace {

constexpr size_t kHuge = size_t{100} << 20;  // one field of 100 MB
constexpr int kDeep = 100000;                // nesting levels

// A value, or an error with a message.
template <typename T>
::testing::AssertionResult returned(const Result<T>& result) {
  if (result.ok() || !result.error().message.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "an error without a message";
}

::testing::AssertionResult returned(const Status& status) {
  if (status.ok() || !status.error().message.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "an error without a message";
}

std::string repeat(std::string_view part, size_t times) {
  std::string out;
  out.reserve(part.size() * times);
  for (size_t i = 0; i < times; ++i) out += part;
  return out;
}

// Every prefix of `text` that ends `step` bytes after the previous one, and the text minus its
// last byte.
std::vector<std::string_view> truncations(std::string_view text, size_t step = 1) {
  std::vector<std::string_view> out;
  for (size_t n = 0; n < text.size(); n += step) out.push_back(text.substr(0, n));
  if (!text.empty()) out.push_back(text.substr(0, text.size() - 1));
  return out;
}

// Byte sequences that are not UTF-8: a stray continuation byte, a truncated sequence, an
// overlong encoding, a UTF-16 surrogate, bytes that never occur, a NUL.
const std::vector<std::string> kBadUtf8 = {
    "\x80", "\xC3", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\xFF\xFE", std::string("a\0b", 3)};

// --- The arXiv query API's Atom feed.

std::string atom_feed(const std::string& entries) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
<opensearch:totalResults>2</opensearch:totalResults>
<opensearch:startIndex>0</opensearch:startIndex>
<opensearch:itemsPerPage>2</opensearch:itemsPerPage>
)" + entries +
         "</feed>\n";
}

std::string atom_entry(const std::string& id, const std::string& title) {
  return "<entry><id>http://arxiv.org/abs/" + id + "v1</id><title>" + title +
         "</title><summary>An abstract.</summary><published>2025-01-02T00:00:00Z</published>"
         "<updated>2025-01-03T00:00:00Z</updated><author><name>Ada Lovelace</name></author>"
         "<category term=\"cs.CL\"/><arxiv:primary_category term=\"cs.CL\"/></entry>\n";
}

TEST(HostileAtom, EmptyAndBlankInputsAreErrors) {
  for (std::string_view body : {"", " ", "\n\t\r\n", "\xEF\xBB\xBF"}) {
    auto feed = parse_atom(body);
    ASSERT_TRUE(returned(feed));
    if (body.find('<') == std::string_view::npos && body.size() < 3) EXPECT_FALSE(feed.ok());
  }
}

TEST(HostileAtom, EveryTruncationReturns) {
  std::string body = atom_feed(atom_entry("2501.00001", "First") + atom_entry("2501.00002", "B"));
  for (std::string_view prefix : truncations(body)) EXPECT_TRUE(returned(parse_atom(prefix)));
  EXPECT_FALSE(parse_atom(std::string_view(body).substr(0, body.size() / 2)).ok());
}

TEST(HostileAtom, InvalidUtf8IsRepairedWithAWarning) {
  for (const std::string& bad : kBadUtf8) {
    SCOPED_TRACE(testing::PrintToString(bad));
    auto feed = parse_atom(atom_feed(atom_entry("2501.00001", "Bad " + bad + " title")));
    ASSERT_TRUE(returned(feed));
    if (bad.find('\0') != std::string::npos) continue;  // NUL is not XML: either outcome
    ASSERT_TRUE(feed.ok()) << feed.error().message;
    ASSERT_EQ(feed->papers.size(), 1u);
    EXPECT_NE(feed->papers[0].title.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_FALSE(feed->warnings.empty());
  }
}

TEST(HostileAtom, A100MegabyteTitleReturns) {
  auto feed = parse_atom(atom_feed(atom_entry("2501.00001", std::string(kHuge, 'x'))));
  ASSERT_TRUE(returned(feed));
  if (feed.ok()) {
    ASSERT_EQ(feed->papers.size(), 1u);
    EXPECT_EQ(feed->papers[0].id, "2501.00001");
  }
}

TEST(HostileAtom, XmlNested100000LevelsReturns) {
  std::string deep = repeat("<a>", kDeep) + "x" + repeat("</a>", kDeep);
  EXPECT_TRUE(returned(parse_atom(atom_feed(atom_entry("2501.00001", deep)))));
  EXPECT_TRUE(returned(parse_atom(atom_feed(deep))));
  EXPECT_TRUE(returned(parse_atom(deep)));
  // Unclosed: the parser meets the end of the input 100,000 levels down.
  EXPECT_FALSE(parse_atom(repeat("<a>", kDeep)).ok());
}

// --- OAI-PMH responses.

std::string oai_response(const std::string& title) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2025-01-06T20:49:59Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXiv">https://oaipmh.arxiv.org/oai</request>
<ListRecords><record><header><identifier>oai:arXiv.org:2501.00001</identifier>
<datestamp>2025-01-02</datestamp><setSpec>cs</setSpec></header><metadata>
<arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2501.00001</id><created>2025-01-01</created>
<authors><author><keyname>Lovelace</keyname><forenames>Ada</forenames></author></authors>
<title>)" +
         title +
         R"(</title><categories>cs.CL</categories><abstract>An abstract.</abstract></arXiv>
</metadata></record><resumptionToken cursor="0" completeListSize="1"></resumptionToken>
</ListRecords></OAI-PMH>
)";
}

TEST(HostileOai, EmptyAndBlankInputsAreErrors) {
  for (std::string_view body : {"", " ", "\n\n"}) EXPECT_FALSE(parse_oai(body).ok());
}

TEST(HostileOai, EveryTruncationReturns) {
  std::string body = oai_response("A title");
  for (std::string_view prefix : truncations(body)) EXPECT_TRUE(returned(parse_oai(prefix)));
}

TEST(HostileOai, InvalidUtf8IsRepairedWithAWarning) {
  for (const std::string& bad : kBadUtf8) {
    SCOPED_TRACE(testing::PrintToString(bad));
    auto page = parse_oai(oai_response("Bad " + bad + " title"));
    ASSERT_TRUE(returned(page));
    if (bad.find('\0') != std::string::npos) continue;
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->papers.size(), 1u);
    EXPECT_NE(page->papers[0].title.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_FALSE(page->warnings.empty());
  }
}

TEST(HostileOai, A100MegabyteTitleReturns) {
  auto page = parse_oai(oai_response(std::string(kHuge, 'x')));
  ASSERT_TRUE(returned(page));
  if (page.ok()) {
    ASSERT_EQ(page->papers.size(), 1u);
    EXPECT_EQ(page->papers[0].id, "2501.00001");
  }
}

TEST(HostileOai, XmlNested100000LevelsReturns) {
  std::string deep = repeat("<a>", kDeep) + "x" + repeat("</a>", kDeep);
  EXPECT_TRUE(returned(parse_oai(oai_response(deep))));
  EXPECT_TRUE(returned(parse_oai(deep)));
  EXPECT_FALSE(parse_oai(repeat("<a>", kDeep)).ok());
}

// --- Lines of the Kaggle metadata snapshot.

std::string kaggle_line(const std::string& title_json) {
  return R"({"id":"0704.0001","submitter":"A","authors":"Ada Lovelace, Bob","title":)" +
         title_json +
         R"(,"comments":null,"journal-ref":null,"doi":null,"categories":"hep-ph cs.CL",)"
         R"("abstract":"  An abstract.","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 )"
         R"(19:18:42 GMT"}],"update_date":"2008-11-13","authors_parsed":[["Lovelace","Ada",""]]})";
}

TEST(HostileKaggle, EmptyAndBlankLinesAreErrors) {
  for (std::string_view line : {"", " ", "\t", "{}", "[]", "null", "\"\""})
    EXPECT_FALSE(parse_kaggle_line(line).ok()) << line;
}

TEST(HostileKaggle, EveryTruncationReturns) {
  std::string line = kaggle_line("\"A title\"");
  ASSERT_TRUE(parse_kaggle_line(line).ok()) << parse_kaggle_line(line).error().message;
  for (std::string_view prefix : truncations(line)) {
    auto paper = parse_kaggle_line(prefix);
    EXPECT_TRUE(returned(paper));
    EXPECT_FALSE(paper.ok()) << prefix;  // a cut JSON object is never complete
  }
}

TEST(HostileKaggle, InvalidUtf8IsReplaced) {
  for (const std::string& bad : kBadUtf8) {
    if (bad.find('\0') != std::string::npos) continue;  // a raw NUL in a JSON string is invalid
    SCOPED_TRACE(testing::PrintToString(bad));
    std::vector<std::string> warnings;
    auto paper = parse_kaggle_line(kaggle_line("\"Bad " + bad + " title\""), warnings);
    ASSERT_TRUE(paper.ok()) << paper.error().message;
    EXPECT_NE(paper->title.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_FALSE(warnings.empty());
  }
  EXPECT_TRUE(returned(parse_kaggle_line(kaggle_line(std::string("\"a\0b\"", 5)))));
}

TEST(HostileKaggle, A100MegabyteTitleReturns) {
  std::string title = "\"" + std::string(kHuge, 'x') + "\"";
  auto paper = parse_kaggle_line(kaggle_line(title));
  title.clear();
  title.shrink_to_fit();
  ASSERT_TRUE(returned(paper));
  if (paper.ok()) EXPECT_EQ(paper->id, "0704.0001");
}

TEST(HostileKaggle, JsonNested100000LevelsReturns) {
  std::string deep = repeat("[", kDeep) + repeat("]", kDeep);
  EXPECT_TRUE(returned(parse_kaggle_line(kaggle_line(deep))));
  EXPECT_TRUE(returned(parse_kaggle_line(deep)));
  std::string objects = repeat("{\"a\":", kDeep) + "1" + repeat("}", kDeep);
  EXPECT_TRUE(returned(parse_kaggle_line(kaggle_line(objects))));
  EXPECT_FALSE(parse_kaggle_line(repeat("[", kDeep)).ok());
}

// --- site.toml.

constexpr std::string_view kSiteToml = R"(title = "LLM papers"
base_url = "https://example.github.io/llm-papers"

[arxiv]
delay_seconds = 3.0

[archive]
since = "2025-01-01"

[[topics]]
slug = "llm"
name = "LLM"
keywords = ["LLM", "GPT"]
)";

TEST(HostileConfig, EmptyInputReturns) {
  EXPECT_TRUE(returned(Config::parse("")));
  EXPECT_TRUE(returned(Config::parse("\n\n# only a comment\n")));
}

TEST(HostileConfig, EveryTruncationReturns) {
  ASSERT_TRUE(Config::parse(kSiteToml).ok()) << Config::parse(kSiteToml).error().message;
  for (std::string_view prefix : truncations(kSiteToml))
    EXPECT_TRUE(returned(Config::parse(prefix)));
}

TEST(HostileConfig, InvalidUtf8Returns) {
  for (const std::string& bad : kBadUtf8) {
    std::string text = "title = \"" + bad + "\"\n" + std::string(kSiteToml.substr(21));
    EXPECT_TRUE(returned(Config::parse(text)));
    EXPECT_TRUE(returned(Config::parse("# " + bad + "\n" + std::string(kSiteToml))));
  }
}

TEST(HostileConfig, HugeValueReturns) {
  std::string text =
      "title = \"" + std::string(kHuge / 4, 'x') + "\"\n" + std::string(kSiteToml.substr(21));
  EXPECT_TRUE(returned(Config::parse(text)));
}

TEST(HostileConfig, Nested100000LevelsReturns) {
  std::string arrays = "x = " + repeat("[", kDeep) + repeat("]", kDeep) + "\n";
  EXPECT_TRUE(returned(Config::parse(arrays + std::string(kSiteToml))));
  std::string tables = "x = " + repeat("{a=", kDeep) + "1" + repeat("}", kDeep) + "\n";
  EXPECT_TRUE(returned(Config::parse(tables + std::string(kSiteToml))));
}

// Open bug (fuzz/regressions/open_bugs.txt): toml++ 3.3.0 recurses once per level of a dotted
// key and overflows the stack; enable with the fix in src/config/config.cc.
TEST(HostileConfig, DottedKeys100000DeepReturns) {
  std::string header = "[" + repeat("a.", kDeep) + "b]\n";
  EXPECT_TRUE(returned(Config::parse(std::string(kSiteToml) + header)));
  std::string key = repeat("a.", kDeep) + "b = 1\n";
  EXPECT_TRUE(returned(Config::parse(key + std::string(kSiteToml))));
}

// --- Content pages: front matter and Markdown.

constexpr std::string_view kPage =
    "---\ntitle: About\ndate: 2025-12-01\n---\n# About\n\nSome *text* and a | table |\n";

TEST(HostileContent, EmptyInputReturns) {
  EXPECT_TRUE(returned(parse_content_page("", "about", "content/about.md")));
  EXPECT_TRUE(returned(parse_content_page("---\n---\n", "about", "content/about.md")));
}

TEST(HostileContent, EveryTruncationReturns) {
  for (std::string_view prefix : truncations(kPage))
    EXPECT_TRUE(returned(parse_content_page(prefix, "about", "content/about.md")));
}

TEST(HostileContent, InvalidUtf8Returns) {
  for (const std::string& bad : kBadUtf8) {
    EXPECT_TRUE(returned(parse_content_page("---\ntitle: " + bad + "\n---\nbody " + bad + "\n",
                                            "about", "content/about.md")));
  }
}

TEST(HostileContent, HugeBodyReturns) {
  std::string text = std::string(kPage) + std::string(kHuge / 4, 'x') + "\n";
  EXPECT_TRUE(returned(parse_content_page(text, "about", "content/about.md")));
}

TEST(HostileContent, MarkdownNested100000LevelsReturns) {
  std::string front = "---\ntitle: Deep\n---\n";
  for (std::string_view part : {"> ", "* ", "[", "*a ", "<div>"}) {
    SCOPED_TRACE(part);
    std::string text = front + repeat(part, kDeep) + "x\n";
    EXPECT_TRUE(returned(parse_content_page(text, "deep", "content/deep.md")));
  }
}

// --- Templates.

const Value& small_context(ViewArena& arena) {
  Value& page = arena.object();
  page.set("title", "T").set("yes", true);
  page.list("items").add("a").add("b");
  return page;
}

TEST(HostileTemplate, EmptyTemplateRendersNothing) {
  auto tmpl = Template::compile("", "empty.html", Escape::kHtml);
  ASSERT_TRUE(tmpl.ok());
  ViewArena arena;
  auto out = tmpl->render(small_context(arena));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "");
}

TEST(HostileTemplate, EveryTruncationReturns) {
  std::string_view source =
      "{{#items}}<li>{{.}} {{{title}}} {{title | url}}</li>{{/items}}"
      "{{^yes}}no{{/yes}}{{! c }}{{> part}}";
  ViewArena arena;
  const Value& context = small_context(arena);
  for (std::string_view prefix : truncations(source)) {
    auto tmpl = Template::compile(prefix, "t.html", Escape::kHtml);
    ASSERT_TRUE(returned(tmpl));
    if (tmpl.ok()) EXPECT_TRUE(returned(tmpl->render(context)));
  }
}

TEST(HostileTemplate, InvalidUtf8Returns) {
  ViewArena arena;
  const Value& context = small_context(arena);
  for (const std::string& bad : kBadUtf8) {
    for (const std::string& source : {"<p>" + bad + "{{title}}</p>", "{{" + bad + "}}"}) {
      auto tmpl = Template::compile(source, "t.html", Escape::kHtml);
      ASSERT_TRUE(returned(tmpl));
      if (tmpl.ok()) EXPECT_TRUE(returned(tmpl->render(context)));
    }
  }
}

TEST(HostileTemplate, HugeTextReturns) {
  std::string source = std::string(kHuge / 4, 'x') + "{{title}}";
  auto tmpl = Template::compile(source, "t.html", Escape::kHtml);
  ASSERT_TRUE(tmpl.ok()) << tmpl.error().message;
  ViewArena arena;
  auto out = tmpl->render(small_context(arena));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->size(), source.size() - std::string_view("{{title}}").size() + 1);
}

TEST(HostileTemplate, Sections100000DeepAreACompileError) {
  std::string source = repeat("{{#yes}}", kDeep) + "x" + repeat("{{/yes}}", kDeep);
  auto tmpl = Template::compile(source, "deep.html", Escape::kHtml);
  ASSERT_FALSE(tmpl.ok());
  EXPECT_NE(tmpl.error().message.find("deep.html:1"), std::string::npos) << tmpl.error().message;
  std::string unclosed = repeat("{{#yes}}", kDeep);
  EXPECT_FALSE(Template::compile(unclosed, "deep.html", Escape::kHtml).ok());
}

TEST(HostileTemplate, SectionsAtTheNestingLimitRender) {
  int n = Template::kMaxNesting;
  std::string source = repeat("{{#yes}}", n) + "x" + repeat("{{/yes}}", n);
  auto tmpl = Template::compile(source, "deep.html", Escape::kHtml);
  ASSERT_TRUE(tmpl.ok()) << tmpl.error().message;
  ViewArena arena;
  EXPECT_TRUE(returned(tmpl->render(small_context(arena))));
}

TEST(HostileTemplate, PartialsNestedWithoutEndStopWithAnError) {
  Partials partials;
  ASSERT_TRUE(partials.add("p", "{{#items}}{{> p}}{{> p}}{{/items}}", "p.html", Escape::kHtml));
  auto root = Template::compile("{{> p}}", "root.html", Escape::kHtml);
  ASSERT_TRUE(root.ok());
  ViewArena arena;
  auto out = root->render(small_context(arena), &partials);
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().message.empty());
}

// --- The store's log.

std::string small_log() {
  LogBatch batch;
  Paper paper;
  paper.id = "2501.00001";
  paper.version = 1;
  paper.title = "A title";
  paper.authors = {"Ada", "Bob"};
  paper.categories = {"cs.CL"};
  batch.add_paper([&](std::string& out) { encode_paper(paper, out); });
  batch.add_commit(1, CommitKind::kComplete);
  paper.id = "2501.00002";
  batch.add_paper([&](std::string& out) { encode_paper(paper, out); });
  batch.add_commit(2, CommitKind::kComplete);
  return std::string(kLogMagic) + batch.bytes();
}

size_t decoded_papers(std::string_view bytes, bool* ok) {
  size_t papers = 0;
  auto scan = scan_log(bytes, [&](std::string_view payload, uint64_t) {
    if (decode_paper(payload)) ++papers;
  });
  *ok = static_cast<bool>(returned(scan));
  if (scan.ok()) *ok = *ok && scan->committed_bytes <= bytes.size();
  return papers;
}

TEST(HostileLog, EmptyInputIsNotALog) {
  EXPECT_FALSE(scan_log("", [](std::string_view, uint64_t) {}).ok());
  EXPECT_FALSE(decode_paper("").has_value());
}

TEST(HostileLog, EveryTruncationKeepsOnlyCommittedPapers) {
  std::string log = small_log();
  bool ok = false;
  ASSERT_EQ(decoded_papers(log, &ok), 2u);
  for (std::string_view prefix : truncations(log)) {
    size_t papers = decoded_papers(prefix, &ok);
    EXPECT_TRUE(ok);
    EXPECT_LE(papers, 1u) << prefix.size();
  }
}

// A truncated record does not decode, except where it ends after a field that came in after the
// first layout: it is then a record stored before the later fields existed, whose fields read
// as they were and the later ones as empty (the log's checksums, not the codec, find torn
// records).
TEST(HostileLog, TruncatedRecordsDoNotDecode) {
  std::string record;
  Paper paper;
  paper.id = "2501.00001";
  paper.title = "T";
  paper.license = "http://creativecommons.org/licenses/by/4.0/";
  encode_paper(paper, record);
  ASSERT_TRUE(decode_paper(record).has_value());
  size_t decoded = 0;
  for (std::string_view prefix : truncations(record)) {
    auto ref = decode_paper(prefix);
    if (!ref) continue;
    ++decoded;
    EXPECT_EQ(ref->id(), "2501.00001") << prefix.size();
    EXPECT_EQ(ref->title(), "T") << prefix.size();
    EXPECT_EQ(ref->license(), "") << prefix.size();  // the last field: never in a shorter record
  }
  EXPECT_EQ(decoded, kPaperFieldCount - kPaperFieldsOfFirstLayout);
}

TEST(HostileLog, GarbageAndHugeLengthsReturn) {
  std::string garbage(kLogMagic);
  garbage += std::string("\xFF\xFF\xFF\xFF\x00\x00\x00\x00P", 9);
  bool ok = false;
  EXPECT_EQ(decoded_papers(garbage, &ok), 0u);
  EXPECT_TRUE(ok);
  EXPECT_FALSE(decode_paper(std::string(64, '\xFF')).has_value());
  EXPECT_FALSE(decode_paper(std::string("\xFF\xFF\xFF\x7F", 4) + "abc").has_value());
}

}  // namespace
}  // namespace paperpress
