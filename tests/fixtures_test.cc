// Parses every recorded arXiv response in ../shared/fixtures and checks real values.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "paperpress/parse/atom.h"
#include "paperpress/parse/kaggle.h"
#include "paperpress/parse/oai.h"
#include "paperpress/parse/xml_util.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_dir() {
  return fs::path(PAPERPRESS_SOURCE_DIR) / ".." / "shared" / "fixtures";
}

#define SKIP_WITHOUT_FIXTURES()                                \
  if (!fs::is_directory(fixtures_dir()))                       \
  GTEST_SKIP() << "no fixtures at " << fixtures_dir().string() \
               << " (the shared fixture folder is not checked out next to the repo)"

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The files in `dir` whose names end with `suffix`, sorted.
std::vector<fs::path> files_in(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && ends_with(name, suffix)) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The one fixture whose name starts with `prefix`.
fs::path fixture(const std::string& folder, const std::string& prefix) {
  for (const fs::path& path : files_in(fixtures_dir() / folder, ".xml"))
    if (starts_with(path.filename().string(), prefix)) return path;
  ADD_FAILURE() << "no fixture " << folder << "/" << prefix << "*";
  return fs::path();
}

Result<AtomFeed> atom_fixture(const std::string& prefix) {
  return parse_atom(read_file(fixture("arxiv-api", prefix)));
}

Result<OaiPage> oai_fixture(const std::string& name) {
  return parse_oai(read_file(fixtures_dir() / "oai-pmh" / name));
}

const Paper* find_paper(const std::vector<Paper>& papers, const std::string& id) {
  for (const Paper& paper : papers)
    if (paper.id == id) return &paper;
  return nullptr;
}

bool is_iso_utc(const std::string& text) {
  return text.size() == 20 && text[4] == '-' && text[10] == 'T' && text.back() == 'Z';
}

// Properties every parsed paper must have, whatever the source.
void expect_well_formed(const Paper& p, const std::string& where) {
  SCOPED_TRACE(where + " " + p.id);
  EXPECT_TRUE(parse_arxiv_id(p.id).has_value());
  EXPECT_EQ(parse_arxiv_id(p.id)->version, 0);  // version-less
  EXPECT_FALSE(p.title.empty());
  EXPECT_FALSE(p.authors.empty());
  EXPECT_FALSE(p.abstract.empty());
  EXPECT_EQ(p.title, normalize_space(p.title));
  EXPECT_EQ(p.abstract, normalize_space(p.abstract));
  EXPECT_TRUE(is_iso_utc(p.published)) << p.published;
  EXPECT_TRUE(is_iso_utc(p.updated)) << p.updated;
  EXPECT_LE(p.published, p.updated);
  ASSERT_FALSE(p.categories.empty());
  EXPECT_EQ(p.primary_category, p.categories.front());
  std::vector<std::string> sorted = p.categories;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "duplicates";
  EXPECT_TRUE(starts_with(p.abs_url, "https://arxiv.org/abs/" + p.id)) << p.abs_url;
  EXPECT_TRUE(starts_with(p.pdf_url, "https://arxiv.org/pdf/" + p.id)) << p.pdf_url;
  EXPECT_FALSE(find_invalid_utf8(p.title + p.abstract).has_value());
}

// ---- arXiv query API ----

TEST(FixtureAtom, EveryFileParsesAsItsHttpStatusSays) {
  SKIP_WITHOUT_FIXTURES();
  std::vector<fs::path> files = files_in(fixtures_dir() / "arxiv-api", ".xml");
  ASSERT_GE(files.size(), 17u);
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.filename().string());
    fs::path meta_path = path;
    meta_path.replace_extension(".meta.json");
    int status = nlohmann::json::parse(read_file(meta_path)).at("status").get<int>();
    auto feed = parse_atom(read_file(path));
    if (status != 200) {
      EXPECT_FALSE(feed.ok());
      continue;
    }
    ASSERT_TRUE(feed.ok()) << feed.error().message;
    EXPECT_TRUE(feed->warnings.empty()) << ::testing::PrintToString(feed->warnings);
    EXPECT_GE(feed->total_results, 0);
    EXPECT_LE(static_cast<long long>(feed->papers.size()), feed->items_per_page);
    for (const Paper& paper : feed->papers) expect_well_formed(paper, path.filename().string());
  }
}

TEST(FixtureAtom, OnePaperById) {
  SKIP_WITHOUT_FIXTURES();
  auto feed = atom_fixture("id_1605.08386_");
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_EQ(feed->total_results, 1);
  EXPECT_EQ(feed->start_index, 0);
  EXPECT_EQ(feed->items_per_page, 100);
  ASSERT_EQ(feed->papers.size(), 1u);
  const Paper& p = feed->papers[0];
  EXPECT_EQ(p.id, "1605.08386");
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.title, "Heat-bath random walks with Markov bases");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Caprice Stanley", "Tobias Windisch"}));
  EXPECT_EQ(p.primary_category, "math.CO");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"math.CO", "math.ST"}));
  EXPECT_EQ(p.comment, "20 pages, 3 figures");
  EXPECT_EQ(p.journal_ref, "");
  EXPECT_EQ(p.doi, "");
  EXPECT_EQ(p.published, "2016-05-26T17:59:46Z");
  EXPECT_EQ(p.updated, "2016-05-26T17:59:46Z");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/1605.08386v1");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/1605.08386v1");
  EXPECT_TRUE(starts_with(p.abstract, "Graphs on lattice points are studied whose edges"));
  EXPECT_TRUE(ends_with(p.abstract, "is an expander in fixed dimension."));
}

TEST(FixtureAtom, OldStyleIdWithVersion) {
  SKIP_WITHOUT_FIXTURES();
  auto feed = atom_fixture("id_quant-ph_0201082v1_");
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  ASSERT_EQ(feed->papers.size(), 1u);
  const Paper& p = feed->papers[0];
  EXPECT_EQ(p.id, "quant-ph/0201082");
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.categories, (std::vector<std::string>{"quant-ph", "cs.PL"}));
  EXPECT_EQ(p.comment, "32 pages");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Stephen Blaha"}));
  EXPECT_TRUE(starts_with(p.abstract, "We show a representation"));  // leading spaces gone
  EXPECT_EQ(p.published, "2002-01-18T15:08:05Z");
}

TEST(FixtureAtom, TitleZero) {
  SKIP_WITHOUT_FIXTURES();
  auto feed = atom_fixture("id_2104.12255v1_");
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  ASSERT_EQ(feed->papers.size(), 1u);
  EXPECT_EQ(feed->papers[0].id, "2104.12255");
  EXPECT_EQ(feed->papers[0].title, "0");
  EXPECT_EQ(feed->papers[0].primary_category, "cs.CR");
  EXPECT_NE(feed->papers[0].abstract.find("awarded $35,000 in total"), std::string::npos);
}

TEST(FixtureAtom, NoResults) {
  SKIP_WITHOUT_FIXTURES();
  for (std::string prefix : {"id_0000.0000_", "id_0808.05394_s0"}) {
    auto feed = atom_fixture(prefix);
    ASSERT_TRUE(feed.ok()) << prefix << ": " << feed.error().message;
    EXPECT_EQ(feed->total_results, 0) << prefix;
    EXPECT_TRUE(feed->papers.empty()) << prefix;
    EXPECT_TRUE(feed->warnings.empty()) << prefix;
  }
}

TEST(FixtureAtom, TwoIdsOneOfThemUnknown) {
  SKIP_WITHOUT_FIXTURES();
  auto both = atom_fixture("id_0808.05394_1707.08567_");
  auto one = atom_fixture("id_1707.08567_");
  ASSERT_TRUE(both.ok()) << both.error().message;
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(both->total_results, 1);
  ASSERT_EQ(both->papers.size(), 1u);
  ASSERT_EQ(one->papers.size(), 1u);
  EXPECT_EQ(both->papers[0], one->papers[0]);
  const Paper& p = one->papers[0];
  EXPECT_EQ(p.id, "1707.08567");
  ASSERT_EQ(p.authors.size(), 34u);
  EXPECT_EQ(p.authors.front(), "Kees A. Schouhamer Immink");
  EXPECT_EQ(p.authors[32],
            "Dirk W\xC3\xBC"
            "bben");
  EXPECT_EQ(p.authors.back(), "Hirosuke Yamamoto");
  EXPECT_EQ(p.comment, "44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck");
}

TEST(FixtureAtom, ApiErrorForABadId) {
  SKIP_WITHOUT_FIXTURES();
  auto feed = atom_fixture("id_abc_");
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.error().message, "arXiv API error: incorrect id format for abc");
}

TEST(FixtureAtom, SearchPagesMatchTheirNamesAndOverlapConsistently) {
  SKIP_WITHOUT_FIXTURES();
  std::map<long long, std::string> id_at;  // position in the result list → id
  int pages = 0;
  for (const fs::path& path : files_in(fixtures_dir() / "arxiv-api", ".xml")) {
    std::string name = path.filename().string();
    if (!starts_with(name, "q_testing_s")) continue;
    SCOPED_TRACE(name);
    ++pages;
    // q_testing_s{start}_m{max}_<hash>.xml
    size_t m = name.find("_m", 11);
    ASSERT_NE(m, std::string::npos);
    long long start = std::stoll(name.substr(11, m - 11));
    long long max = std::stoll(name.substr(m + 2, name.find('_', m + 2) - m - 2));
    auto feed = parse_atom(read_file(path));
    ASSERT_TRUE(feed.ok()) << feed.error().message;
    EXPECT_EQ(feed->start_index, start);
    EXPECT_EQ(feed->items_per_page, max);
    EXPECT_EQ(feed->total_results, 214881);
    ASSERT_EQ(static_cast<long long>(feed->papers.size()), max);
    for (long long i = 0; i < max; ++i) {
      const std::string& id = feed->papers[i].id;
      auto [it, inserted] = id_at.emplace(start + i, id);
      EXPECT_EQ(it->second, id) << "position " << start + i;
    }
  }
  EXPECT_EQ(pages, 9);
  EXPECT_EQ(id_at.at(0), "2202.12139");
  EXPECT_EQ(id_at.at(5), "1202.4527");
  EXPECT_EQ(id_at.at(51), "cs/0503050");
}

TEST(FixtureAtom, SearchEntryWithJournalRefAndDoi) {
  SKIP_WITHOUT_FIXTURES();
  auto feed = atom_fixture("q_testing_s0_m10_");
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  const Paper* p = find_paper(feed->papers, "2202.12139");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->title,
            "Testing Deep Learning Models: A First Comparative Study of Multiple Testing "
            "Techniques");
  EXPECT_EQ(p->doi, "10.1109/ICSTW55395.2022.00035");
  EXPECT_EQ(p->journal_ref,
            "Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on "
            "Software Testing, Verification and Validation Workshops (ICSTW)");
  EXPECT_EQ(p->comment, "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022");
  EXPECT_EQ(p->categories, (std::vector<std::string>{"cs.SE", "cs.LG"}));
  EXPECT_EQ(p->authors,
            (std::vector<std::string>{"Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"}));
  const Paper* ramirez = find_paper(feed->papers, "2405.13786");
  ASSERT_NE(ramirez, nullptr);
  EXPECT_EQ(ramirez->authors.front(), "Aurora Ram\xC3\xADrez");

  auto later = atom_fixture("q_testing_s20_m10_");
  ASSERT_TRUE(later.ok());
  const Paper* v9 = find_paper(later->papers, "2409.05654");
  ASSERT_NE(v9, nullptr);
  EXPECT_EQ(v9->version, 9);
  EXPECT_LT(v9->published, v9->updated);
}

// ---- OAI-PMH ----

TEST(FixtureOai, EveryFileParsesOrGivesItsErrorCode) {
  SKIP_WITHOUT_FIXTURES();
  std::vector<fs::path> files = files_in(fixtures_dir() / "oai-pmh", ".xml");
  ASSERT_EQ(files.size(), 9u);
  for (const fs::path& path : files) {
    std::string name = path.filename().string();
    SCOPED_TRACE(name);
    auto page = parse_oai(read_file(path));
    size_t error_at = name.find("ErrorResponse");
    if (error_at == std::string::npos) {
      ASSERT_TRUE(page.ok()) << page.error().message;
      EXPECT_FALSE(page->papers.empty());
      EXPECT_TRUE(page->warnings.empty()) << ::testing::PrintToString(page->warnings);
      for (const Paper& paper : page->papers) expect_well_formed(paper, name);
      continue;
    }
    // arXivRaw-ErrorResponseBadVerb.xml → badVerb
    std::string code = name.substr(error_at + 13, name.size() - 4 - error_at - 13);
    code[0] = static_cast<char>(code[0] - 'A' + 'a');
    if (code == "noRecordsMatch") {
      ASSERT_TRUE(page.ok()) << page.error().message;
      EXPECT_TRUE(page->no_records_match);
      EXPECT_TRUE(page->papers.empty());
    } else {
      ASSERT_FALSE(page.ok());
      EXPECT_EQ(page.error().message.rfind("OAI-PMH error " + code + ": ", 0), 0u)
          << page.error().message;
    }
  }
}

TEST(FixtureOai, ErrorMessagesAreTheServers) {
  SKIP_WITHOUT_FIXTURES();
  auto verb = oai_fixture("arXivRaw-ErrorResponseBadVerb.xml");
  ASSERT_FALSE(verb.ok());
  EXPECT_EQ(verb.error().message, "OAI-PMH error badVerb: Bad verb. Verb 'wah' not implemented.");
  auto id = oai_fixture("arXivRaw-ErrorResponseIdDoesNotExist.xml");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().message,
            "OAI-PMH error idDoesNotExist: Identifier 'oai:arXiv.org:0813.2274' has correct form "
            "but does not correspond to an item in this repository");
}

TEST(FixtureOai, ArxivRawListRecordsWithOldResumptionToken) {
  SKIP_WITHOUT_FIXTURES();
  auto page = oai_fixture("arXivRaw-ListRecordsResponse.xml");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->resumption_token, "726959|1001");
  EXPECT_EQ(page->cursor, 0);
  EXPECT_EQ(page->complete_list_size, 58011);
  EXPECT_TRUE(page->deleted_ids.empty());
  ASSERT_EQ(page->papers.size(), 6u);
  std::vector<std::string> ids;
  for (const Paper& p : page->papers) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"0704.0471", "0704.0716", "0704.0874", "0704.1109",
                                           "0704.1114", "0704.1586"}));

  const Paper& shetty = page->papers[0];
  EXPECT_EQ(shetty.authors,
            (std::vector<std::string>{"D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"}));
  EXPECT_EQ(shetty.version, 1);
  EXPECT_EQ(shetty.published, "2007-04-03T22:04:11Z");
  EXPECT_EQ(shetty.updated, "2007-04-03T22:04:11Z");
  EXPECT_EQ(shetty.title,
            "Density dependence of the symmetry energy and the nuclear equation of state: A "
            "Dynamical and Statistical model perspective");
  EXPECT_EQ(shetty.doi, "10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902");
  EXPECT_NE(shetty.abstract.find("extremely \" stiff \" and \" soft \" form"), std::string::npos);
  EXPECT_EQ(shetty.categories, (std::vector<std::string>{"nucl-ex", "nucl-th"}));

  const Paper& richard = page->papers[1];
  EXPECT_EQ(richard.version, 4);
  EXPECT_EQ(richard.published, "2007-04-05T12:45:03Z");
  EXPECT_EQ(richard.updated, "2008-11-14T09:07:25Z");
  EXPECT_EQ(richard.comment,
            "54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; v4 "
            "slightly expanded");
  EXPECT_EQ(richard.abs_url, "https://arxiv.org/abs/0704.0716v4");

  EXPECT_EQ(page->papers[3].authors,
            (std::vector<std::string>{"Valeria M. Rosa", "Patricio S. letelier"}));
  EXPECT_EQ(page->papers[5].title,
            "Core excitation in the elastic scattering and breakup of $^{11}$Be on protons");
}

TEST(FixtureOai, ArxivRawGetRecord) {
  SKIP_WITHOUT_FIXTURES();
  auto page = oai_fixture("arXivRaw-GetRecordResponse.xml");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->papers.size(), 1u);
  const Paper& p = page->papers[0];
  EXPECT_EQ(p.id, "1302.2146");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.published, "2013-02-08T21:00:01Z");
  EXPECT_EQ(p.updated, "2013-04-02T01:50:08Z");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Joshua Berger", "Maxim Perelstein",
                                                 "Michael Saelim", "Philip Tanedo"}));
  EXPECT_EQ(p.categories, (std::vector<std::string>{"hep-ph", "hep-ex"}));
  EXPECT_EQ(p.comment, "18 pages, 6 figures; v2: References added");
  EXPECT_EQ(page->resumption_token, "");
}

TEST(FixtureOai, ArxivFormatGetRecord) {
  SKIP_WITHOUT_FIXTURES();
  auto page = oai_fixture("arXiv-GetRecord-single.xml");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->papers.size(), 1u);
  const Paper& p = page->papers[0];
  EXPECT_EQ(p.id, "1401.2122");
  EXPECT_EQ(p.version, 0);
  EXPECT_EQ(p.title, "New integrable (3+1)-dimensional systems and contact geometry");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"A. Sergyeyev"}));
  EXPECT_EQ(p.categories, (std::vector<std::string>{"math.AP", "hep-th", "math-ph", "math.DG",
                                                    "math.MP", "nlin.SI"}));
  EXPECT_EQ(p.published, "2014-01-09T00:00:00Z");
  EXPECT_EQ(p.updated, "2017-10-23T00:00:00Z");
  EXPECT_EQ(p.journal_ref, "Lett. Math. Phys. 108 (2018), no. 2, 359-376");
  EXPECT_EQ(p.doi, "10.1007/s11005-017-1013-4");
  EXPECT_EQ(p.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_TRUE(starts_with(p.comment,
                          "16 pages, LaTeX, no figures, revised and abridged, in this "
                          "version (v5) the typos were fixed"));
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/1401.2122");
}

TEST(FixtureOai, ArxivFormatListRecords) {
  SKIP_WITHOUT_FIXTURES();
  auto page = oai_fixture("arXiv-ListRecords-hep-th.xml");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->papers.size(), 3u);
  EXPECT_EQ(page->resumption_token, "");
  EXPECT_EQ(page->complete_list_size, -1);
  const Paper& hoehn = page->papers[0];
  EXPECT_EQ(hoehn.id, "1412.8323");
  EXPECT_EQ(hoehn.authors, (std::vector<std::string>{"Philipp A Hoehn"}));
  EXPECT_EQ(hoehn.title,
            "Toolbox for reconstructing quantum theory from rules on information acquisition");
  EXPECT_EQ(hoehn.primary_category, "quant-ph");
  const Paper& correa = page->papers[2];
  EXPECT_EQ(correa.id, "1607.01710");
  EXPECT_EQ(correa.authors,
            (std::vector<std::string>{"R. A. C. Correa", "D. M. Dantas", "P. H. R. S. Moraes",
                                      "A. de Souza Dutra", "C. A. S. Almeida"}));
  EXPECT_EQ(correa.comment, "");
  EXPECT_EQ(correa.journal_ref, "");
  EXPECT_EQ(correa.doi, "10.1002/andp.201700188");
  EXPECT_EQ(correa.published, "2016-07-06T00:00:00Z");
  EXPECT_EQ(correa.updated, "2016-10-13T00:00:00Z");
}

// ---- Kaggle snapshot ----

TEST(FixtureKaggle, AllHundredLinesParse) {
  SKIP_WITHOUT_FIXTURES();
  fs::path path = fixtures_dir() / "kaggle" / "arxiv-metadata-sample.jsonl";
  std::vector<Paper> papers;
  std::vector<size_t> numbers;
  Status status = for_each_kaggle_line(path, [&](size_t n, Result<Paper> paper) {
    EXPECT_TRUE(paper.ok()) << "line " << n << ": " << paper.error().message;
    if (paper.ok()) papers.push_back(std::move(paper).value());
    numbers.push_back(n);
    return true;
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  ASSERT_EQ(papers.size(), 100u);
  for (size_t i = 0; i < papers.size(); ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "0704.%04zu", i + 1);
    EXPECT_EQ(papers[i].id, id);
    EXPECT_EQ(numbers[i], i + 1);
    EXPECT_GE(papers[i].version, 1);
    expect_well_formed(papers[i], "kaggle line " + std::to_string(i + 1));
  }

  const Paper& first = papers[0];
  EXPECT_EQ(first.version, 2);
  ASSERT_EQ(first.authors.size(), 4u);
  EXPECT_EQ(first.authors[0], "C. Bal\xC3\xA1zs");
  EXPECT_EQ(first.authors[3], "C. -P. Yuan");
  EXPECT_EQ(first.title,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC "
            "energies");
  EXPECT_EQ(first.published, "2007-04-02T19:18:42Z");
  EXPECT_EQ(first.updated, "2007-07-24T20:10:27Z");
  EXPECT_EQ(first.journal_ref, "Phys.Rev.D76:013009,2007");
  EXPECT_EQ(first.doi, "10.1103/PhysRevD.76.013009");
  EXPECT_TRUE(starts_with(first.abstract, "A fully differential calculation"));

  EXPECT_EQ(papers[1].journal_ref, "");  // null in the snapshot
  EXPECT_EQ(papers[1].doi, "");
  EXPECT_EQ(papers[1].categories, (std::vector<std::string>{"math.CO", "cs.CG"}));
  EXPECT_EQ(papers[2].version, 3);
  EXPECT_EQ(papers[2].updated, "2008-01-13T00:36:28Z");
  EXPECT_EQ(papers[8].authors[5], "Neal J. Evans II");                       // suffix
  EXPECT_EQ(papers[63].authors, (std::vector<std::string>{"R. P. Malik"}));  // affiliation dropped
  EXPECT_EQ(papers[63].version, 5);
  EXPECT_EQ(papers[72].title, "A transcendental approach to Koll\\'ar's injectivity theorem");
  EXPECT_EQ(papers[61].authors[0], "Rastislav \xC5\xA0r\xC3\xA1mek");
}

TEST(FixtureKaggle, AuthorStringsSplitLikeTheSnapshotsOwnParse) {
  SKIP_WITHOUT_FIXTURES();
  std::ifstream in(fixtures_dir() / "kaggle" / "arxiv-metadata-sample.jsonl");
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    auto object = nlohmann::json::parse(line);
    SCOPED_TRACE(object.at("id").get<std::string>());
    EXPECT_EQ(split_author_list(object.at("authors").get<std::string>()).size(),
              object.at("authors_parsed").size());
  }
  EXPECT_EQ(lines, 100);
}

}  // namespace
}  // namespace paperpress
