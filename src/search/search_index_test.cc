#include "paperpress/search/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "paperpress/model/topic_assignment.h"
#include "paperpress/search/fold.h"
#include "paperpress/search/search_format.h"
#include "test_support.h"

namespace paperpress {
namespace {

using nlohmann::json;

// A site of `n` test papers (2501.00001 … , one a day) and a few hostile ones, its index
// written into a temporary output folder.
struct IndexedSite {
  testing::TempDir dir;
  Config config = testing::config_from(R"(title = "T"
base_url = "https://example.org/archive"
[archive]
since = "2025-01-01"
papers_per_part = 2
[[topics]]
slug = "llm"
name = "LLMs"
keywords = ["language models"]
[[topics]]
slug = "att"
name = "Attention"
keywords = ["attention"]
)");
  std::vector<PaperRef> papers;
  Archive archive;

  explicit IndexedSite(std::vector<Paper> extra = {}) {
    for (int n = 1; n <= 5; ++n) {
      Paper p = testing::test_paper(n, "2025-01-0" + std::to_string(n) + "T00:00:00Z");
      add(p);
    }
    Paper att = testing::test_paper(6, "2025-02-01T00:00:00Z");
    att.title = "Attention Is All You Need";
    att.authors = {"Ashish Vaswani", "Geoffrey E. Hinton"};
    att.abstract = "We study language models with attention.";
    add(att);
    for (Paper& p : extra) add(p);
  }
  void add(const Paper& p) { papers.push_back(testing::stored_ref(p, papers.size() + 1)); }

  // With `previous`, the inputs of the index written last (as a build keeps them).
  WriteStats write(SearchIndexStats* stats = nullptr,
                   const std::optional<SearchIndexInputs>& previous = std::nullopt) {
    auto topics = assign_topics(config, papers, TopicAssignment{}, 1);
    EXPECT_TRUE(topics);
    archive = build_archive(config, papers, *topics, 1);
    auto writer = OutputWriter::open(dir / "public", previous_manifest);
    EXPECT_TRUE(writer);
    Status st = write_search_index(config, papers, archive, **writer, 2, stats, previous, &made);
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    EXPECT_TRUE((*writer)->commit());
    if (auto m = (*writer)->manifest()) previous_manifest = PreviousManifest{*m, 0};
    return (*writer)->stats();
  }
  PreviousManifest previous_manifest;  // what the last write() left, as a build keeps it
  SearchIndexInputs made;              // what the last write()'s index was made from
  json file(const std::string& path) const {
    return json::parse(testing::read_text(dir.path() / "public" / path));
  }
  json manifest() const { return file(std::string(kSearchManifest)); }
  json record(uint32_t doc) const {
    return file(std::string(kSearchDir) + "d/" + std::to_string(doc / kDocsPerShard) + ".json")
        .at(doc % kDocsPerShard);
  }
  // The segments' folders, oldest first, with their term and key shard counts.
  struct Segment {
    std::string dir;
    uint32_t first, end, term_shards, key_shards;
  };
  std::vector<Segment> segments() const {
    std::vector<Segment> out;
    const json m = manifest();
    for (const json& s : m["segments"])
      out.push_back({std::string(kSearchDir) + "s" + std::to_string(s[0].get<uint32_t>()) + "/",
                     s[0], s[1], s[2], s[3]});
    return out;
  }
  // The documents of an exact lookup key, newest first.
  std::vector<uint32_t> lookup(const std::string& key) const {
    const uint64_t value = search_key_value(key);
    std::vector<uint32_t> out;
    std::vector<Segment> segs = segments();
    for (auto s = segs.rbegin(); s != segs.rend(); ++s) {
      json shard = file(s->dir + "k/" + std::to_string(value % s->key_shards) + ".json");
      auto it = shard.find(to_hex(value, 10));
      if (it == shard.end()) continue;
      // The segment's documents newest first: the first from the segment's first, then each
      // as its distance below the one before.
      uint32_t doc = 0;
      bool first = true;
      for (uint32_t d : it->get<std::vector<uint32_t>>()) {
        doc = first ? d : doc - d;
        first = false;
        out.push_back(s->first + doc);
      }
    }
    return out;
  }
  // A term's dictionary entry in each segment that holds it, with the segment's folder.
  std::vector<std::pair<std::string, json>> entries(const std::string& term) const {
    std::vector<std::pair<std::string, json>> out;
    for (const Segment& s : segments()) {
      json shard = file(s.dir + "t/" + std::to_string(search_hash(term) % s.term_shards) + ".json");
      if (shard.contains(term)) out.emplace_back(s.dir, shard[term]);
    }
    return out;
  }
  // A term's entry in an index of one segment (null when absent).
  json entry(const std::string& term) const {
    EXPECT_EQ(segments().size(), 1u);
    auto e = entries(term);
    return e.empty() ? json() : e[0].second;
  }
  // A term's postings as (document, impact): each segment's in impact order, oldest segment
  // first.
  std::vector<std::pair<uint32_t, uint32_t>> postings(const std::string& term) const {
    std::vector<json> chunks;
    for (const auto& [dir, e] : entries(term)) {
      if (e[1] == 0) {
        chunks.push_back(e[2]);
      } else {
        std::string hex = to_hex(search_hash(term), 16);
        for (int c = 0; c < e[1]; ++c)
          chunks.push_back(
              file(dir + "p/" + hex.substr(0, 2) + "/" + hex + "." + std::to_string(c) + ".json"));
      }
    }
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (const json& flat : chunks) {
      for (size_t i = 0; i < flat.size();) {
        uint32_t impact = flat[i], count = flat[i + 1], doc = 0;
        for (uint32_t k = 0; k < count; ++k) {
          doc = k == 0 ? flat[i + 2].get<uint32_t>() : doc - flat[i + 2 + k].get<uint32_t>();
          out.emplace_back(doc, impact);
        }
        i += 2 + count;
      }
    }
    return out;
  }
};

TEST(SearchIndex, ManifestNamesTheFormatTheShardsTopicsAndYears) {
  IndexedSite site;
  SearchIndexStats stats;
  site.write(&stats);
  json m = site.manifest();
  EXPECT_EQ(m["format"], kSearchFormat);
  EXPECT_EQ(m["dir"], "v4/");
  EXPECT_EQ(m["docs"], 6);
  EXPECT_EQ(m["segments"], json::parse("[[0,6,1,1]]"));  // [first, end, term, key shards]
  EXPECT_EQ(m["topics"], json::parse(R"([["llm","LLMs"],["att","Attention"]])"));
  EXPECT_EQ(m["years"], json::parse("[[2025,0,5]]"));
  EXPECT_EQ(stats.docs, 6u);
  EXPECT_GT(stats.terms, 10u);
  size_t files = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(site.dir / "public/search"))
    files += f.is_regular_file();
  EXPECT_EQ(stats.files, files);
}

TEST(SearchIndex, DocumentsAreNumberedOldestFirstAndLinkToTheirOwnPage) {
  IndexedSite site;
  site.write();
  EXPECT_EQ(site.record(5)[7], "abs/2501.00006.html");
  EXPECT_EQ(site.record(0)[7], "abs/2501.00001.html");
}

// Documents are numbered by their first version, not by the date that places them in the lists
// (here the updated date): a revised paper keeps its number, so that only new papers reach the
// newest segment. The date shown in a result is the first version's too.
TEST(SearchIndex, DocumentsAreNumberedByTheirFirstVersion) {
  Paper revised = testing::test_paper(7, "2025-03-01T00:00:00Z");
  revised.published = "2025-01-02T12:00:00Z";
  IndexedSite site({revised});
  ASSERT_EQ(site.config.archive.date_field, DateField::kUpdated);
  site.write();
  EXPECT_EQ(site.lookup("i:2501.00007"), std::vector<uint32_t>{2});
  EXPECT_EQ(site.record(2)[5], "2025-01-02");
  EXPECT_EQ(site.record(6)[0], "2501.00006");
  EXPECT_EQ(site.manifest()["years"], json::parse("[[2025,0,6]]"));
}

// Without paper pages, a result leads to the paper's card on its part page.
TEST(SearchIndex, WithoutPaperPagesDocumentsLinkToTheirPartPage) {
  IndexedSite site;
  site.config.output.paper_pages = false;
  site.write();
  // Paper 6 is the newest: the last number. It is in both topics; its link is its first's.
  json newest = site.record(5);
  EXPECT_EQ(newest[0], "2501.00006");
  EXPECT_EQ(newest[1], 1);
  EXPECT_EQ(newest[2], "Attention Is All You Need");
  EXPECT_EQ(newest[3], json::parse(R"(["Ashish Vaswani","Geoffrey E. Hinton"])"));
  EXPECT_EQ(newest[4], 2);
  EXPECT_EQ(newest[5], "2025-02-01");
  EXPECT_EQ(newest[6], "cs.CL cs.AI");
  EXPECT_EQ(newest[7], "papers/llm/2025_02/papers_1.html#2501.00006");
  EXPECT_EQ(newest[8], json::parse("[0,1]"));
  EXPECT_EQ(site.record(0)[0], "2501.00001");
  // Two papers a part: January's papers, newest first, are in parts 1, 1, 2, 2, 3.
  EXPECT_EQ(site.record(0)[7], "papers/llm/2025_01/papers_3.html#2501.00001");
  EXPECT_EQ(site.record(4)[7], "papers/llm/2025_01/papers_1.html#2501.00005");
}

TEST(SearchIndex, IdsTitlesAndAuthorNamesAreExactLookups) {
  IndexedSite site;
  site.write();
  EXPECT_EQ(site.lookup("i:2501.00006"), std::vector<uint32_t>{5});
  EXPECT_EQ(site.lookup("t:" + fold_key("attention is all you need")), std::vector<uint32_t>{5});
  EXPECT_EQ(site.lookup("t:g hinton"), std::vector<uint32_t>{5});
  EXPECT_EQ(site.lookup("t:geoffrey hinton"), std::vector<uint32_t>{5});
  // Every paper by Ada Lovelace, newest first.
  EXPECT_EQ(site.lookup("t:ada lovelace"), (std::vector<uint32_t>{4, 3, 2, 1, 0}));
  EXPECT_TRUE(site.lookup("t:nobody at all").empty());
}

TEST(SearchIndex, PostingsPutTitleMatchesFirstThenNewest) {
  IndexedSite site;
  site.write();
  auto model = site.postings("model");  // in every abstract, in no title
  ASSERT_EQ(model.size(), 6u);
  auto attention = site.postings("attention");
  ASSERT_EQ(attention.size(), 1u);
  EXPECT_EQ(attention[0].first, 5u);
  // "paper" is in the titles of papers 1–5 (equal impacts): newest first.
  auto paper = site.postings("paper");
  ASSERT_EQ(paper.size(), 5u);
  for (size_t i = 0; i < paper.size(); ++i) EXPECT_EQ(paper[i].first, 4 - i);
  EXPECT_EQ(site.entry("cs.cl")[0], 6);
  EXPECT_TRUE(site.entry("no-such-term").is_null());
}

TEST(SearchIndex, ACommonTermIsSplitIntoGrowingChunks) {
  std::vector<Paper> many;
  for (int n = 100; n < 100 + static_cast<int>(kFirstChunk) + 10; ++n)
    many.push_back(testing::test_paper(n, "2025-03-01T00:00:00Z"));
  IndexedSite site(many);
  site.write();
  json e = site.entry("language");
  EXPECT_EQ(e[0], written_df(kFirstChunk + 16));  // 1,040 rounded down to 1,024
  EXPECT_EQ(e[1], 2);
  EXPECT_EQ(site.postings("language").size(), kFirstChunk + 16);
}

TEST(SearchIndex, HostileMetadataStaysDataAndEveryFileParses) {
  Paper bad = testing::test_paper(7, "2025-01-09T00:00:00Z");
  bad.title = "</script><script>alert(\"x\")</script> \x01\x7f \xff language models";
  bad.authors = {"\"Quote\" <b>Bold</b>", std::string("Nul\0Byte", 8)};
  bad.abstract = "\\u2028 \xe2\x80\xa8 ]}{[ \"";
  IndexedSite site({bad});
  SearchIndexStats stats;
  site.write(&stats);
  for (const auto& f : std::filesystem::recursive_directory_iterator(site.dir / "public/search"))
    if (f.is_regular_file()) {
      std::string text = testing::read_text(f.path());
      EXPECT_TRUE(json::accept(text)) << f.path();
      EXPECT_EQ(text.find('<'), std::string::npos) << f.path();
    }
  json r =
      site.lookup("i:2501.00007").empty() ? json() : site.record(site.lookup("i:2501.00007")[0]);
  ASSERT_FALSE(r.is_null());
  EXPECT_EQ(r[2],
            "\u003c/script><script>alert(\"x\")</script> \x01\x7f \xef\xbf\xbd language models");
  EXPECT_EQ(r[3][1], std::string("Nul\0Byte", 8));
}

TEST(SearchIndex, AnUnchangedArchiveRewritesNothingAndANewPaperFewShards) {
  IndexedSite site;
  WriteStats first = site.write();
  EXPECT_EQ(first.written, first.files);
  WriteStats again = site.write();
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.removed, 0u);
  site.add(testing::test_paper(8, "2025-03-01T00:00:00Z"));
  WriteStats added = site.write();
  EXPECT_GT(added.written, 0u);
  EXPECT_LT(added.written, added.files);
}

// A build whose index would be made from the same papers, placed the same, keeps the files of
// the last one without computing it; any change to a paper computes it again.
TEST(SearchIndex, TheSameInputsKeepTheLastIndexAndAChangedPaperMakesItAgain) {
  IndexedSite site;
  SearchIndexStats stats;
  site.write(&stats);
  EXPECT_FALSE(stats.kept);
  // As a later build sees it: the files older than the manifest (files of the manifest's own
  // clock tick are never kept unread).
  site.previous_manifest.saved_ns = INT64_MAX;
  const SearchIndexInputs first = site.made;
  const json manifest = site.manifest();
  ASSERT_TRUE(SearchIndexInputs::decode(first.encode()));
  EXPECT_EQ(SearchIndexInputs::decode(first.encode())->hash, first.hash);
  EXPECT_FALSE(SearchIndexInputs::decode("short"));

  WriteStats kept = site.write(&stats, first);
  EXPECT_TRUE(stats.kept);
  EXPECT_EQ(kept.written, 0u);
  EXPECT_EQ(kept.removed, 0u);
  EXPECT_EQ(kept.files, kept.unchanged);
  EXPECT_EQ(site.made.hash, first.hash);
  EXPECT_EQ(site.manifest(), manifest);

  // A file of the index edited by hand is not kept: the index is written again.
  testing::write_text(site.dir / "public" / kSearchManifest, "{}");
  site.write(&stats, first);
  site.previous_manifest.saved_ns = INT64_MAX;
  EXPECT_FALSE(stats.kept);
  EXPECT_EQ(site.manifest(), manifest);

  // Saved inputs that do not match (another count of files) are not trusted either.
  site.write(&stats, SearchIndexInputs{first.hash, first.files + 1});
  site.previous_manifest.saved_ns = INT64_MAX;
  EXPECT_FALSE(stats.kept);

  // A changed record has another digest.
  Paper changed = testing::test_paper(3, "2025-01-03T00:00:00Z");
  changed.title = "A title of its own";
  site.papers[2] = testing::stored_ref(changed, 1000);
  site.write(&stats, first);
  EXPECT_FALSE(stats.kept);
  EXPECT_NE(site.made.hash, first.hash);
  EXPECT_EQ(site.lookup("t:" + fold_key("a title of its own")).size(), 1u);
}

TEST(SearchSegments, AreABinaryCounterOfBlocksThenTheRest) {
  auto ranges = [](uint32_t docs, uint32_t block) {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (const SearchSegment& s : search_segments(docs, block)) out.emplace_back(s.first, s.end);
    return out;
  };
  using R = std::vector<std::pair<uint32_t, uint32_t>>;
  EXPECT_EQ(ranges(0, 4), R{});
  EXPECT_EQ(ranges(3, 4), (R{{0, 3}}));
  EXPECT_EQ(ranges(13, 4), (R{{0, 8}, {8, 12}, {12, 13}}));
  EXPECT_EQ(ranges(16, 4), (R{{0, 16}}));
  EXPECT_EQ(ranges(1743964, 32768), (R{{0, 1048576},
                                       {1048576, 1572864},
                                       {1572864, 1703936},
                                       {1703936, 1736704},
                                       {1736704, 1743964}}));
}

// `n` papers of one day after the six of IndexedSite, ids from 100 on.
std::vector<Paper> many_papers(int n, const std::string& date = "2025-03-01T00:00:00Z") {
  std::vector<Paper> out;
  for (int i = 0; i < n; ++i) out.push_back(testing::test_paper(100 + i, date));
  return out;
}

// An index split into segments answers as one: the same documents for every key and term.
TEST(SearchIndex, SegmentsAnswerAsOneIndex) {
  IndexedSite one(many_papers(330)), split(many_papers(330));
  split.config.search.segment_documents = 64;
  one.write();
  split.write();
  ASSERT_EQ(one.segments().size(), 1u);
  // 336 documents: five blocks of 64 make segments of 256 and 64, and 16 are left over.
  const auto segs = split.segments();
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[0].end, 256u);
  EXPECT_EQ(segs[1].end, 320u);
  EXPECT_EQ(segs[2].end, 336u);
  EXPECT_EQ(split.entries("language").size(), 3u);
  EXPECT_GT(split.entries("language")[0].second[1], 0);  // chunks of its own in the first
  for (std::string term : {"language", "paper", "cs.cl", "attention", "250", "lovelace"}) {
    auto a = one.postings(term), b = split.postings(term);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << term;
    EXPECT_FALSE(a.empty()) << term;
  }
  for (const std::string& key :
       std::vector<std::string>{"i:2501.00250", "i:2501.00006", "t:" + fold_key("Ada Lovelace"),
                                "t:" + fold_key("Attention Is All You Need")}) {
    EXPECT_EQ(one.lookup(key), split.lookup(key)) << key;
    EXPECT_FALSE(one.lookup(key).empty()) << key;
  }
}

// New papers are the newest documents: they change the newest segment (and the document
// shards, prefixes and manifest), never the older segments' files.
TEST(SearchIndex, NewPapersRewriteOnlyTheNewestSegment) {
  IndexedSite site(many_papers(330));
  site.config.search.segment_documents = 64;
  site.write();
  auto snapshot = [&](const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& f : std::filesystem::recursive_directory_iterator(site.dir / "public" / dir))
      if (f.is_regular_file()) files[f.path().string()] = testing::read_text(f.path());
    return files;
  };
  const auto s0 = snapshot(std::string(kSearchDir) + "s0"),
             s256 = snapshot(std::string(kSearchDir) + "s256"),
             s320 = snapshot(std::string(kSearchDir) + "s320");
  ASSERT_GT(s0.size(), 3u);
  for (int i = 0; i < 5; ++i) site.add(testing::test_paper(500 + i, "2025-04-01T00:00:00Z"));
  const WriteStats added = site.write();
  EXPECT_EQ(site.segments().back().end, 341u);
  EXPECT_TRUE(snapshot(std::string(kSearchDir) + "s0") == s0);
  EXPECT_TRUE(snapshot(std::string(kSearchDir) + "s256") == s256);
  EXPECT_FALSE(snapshot(std::string(kSearchDir) + "s320") == s320);
  EXPECT_EQ(added.removed, 0u);
  EXPECT_LE(added.written, added.files - s0.size() - s256.size());
  EXPECT_EQ(site.lookup("i:2501.00504"), std::vector<uint32_t>{340});
}

// Every file of the index, by path under search/.
std::map<std::string, std::string> index_files(const IndexedSite& site) {
  std::map<std::string, std::string> files;
  namespace fs = std::filesystem;
  const fs::path root = site.dir / "public" / "search";
  for (const auto& f : fs::recursive_directory_iterator(root))
    if (f.is_regular_file())
      files[fs::relative(f.path(), root).string()] = testing::read_text(f.path());
  return files;
}

// A rebuild with new papers computes only the segments they change: the older ones keep their
// folders, their terms read from the saved inputs, and the index is the same, file for file,
// as one computed whole from the same papers. A revised paper computes its own segment again.
TEST(SearchIndex, NewPapersComputeOnlyTheSegmentsTheyChange) {
  IndexedSite site(many_papers(330));
  site.config.search.segment_documents = 64;
  SearchIndexStats stats;
  site.write(&stats);
  EXPECT_EQ(stats.segments_kept, 0u);
  auto computed_whole = [&] {
    IndexedSite fresh;
    fresh.config.search.segment_documents = 64;
    fresh.papers = site.papers;
    SearchIndexStats fresh_stats;
    fresh.write(&fresh_stats);
    EXPECT_EQ(index_files(site), index_files(fresh));
    EXPECT_EQ(stats.terms, fresh_stats.terms);
    EXPECT_EQ(stats.postings, fresh_stats.postings);
    EXPECT_EQ(stats.keys, fresh_stats.keys);
    EXPECT_EQ(stats.chunk_files, fresh_stats.chunk_files);
    EXPECT_EQ(stats.term_shards, fresh_stats.term_shards);
    EXPECT_EQ(stats.key_shards, fresh_stats.key_shards);
  };
  // As a later build sees it: the files older than the manifest, the inputs read back.
  site.previous_manifest.saved_ns = INT64_MAX;
  auto saved = SearchIndexInputs::decode(site.made.encode());
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->segments.size(), 3u);
  EXPECT_EQ(saved->segments[0].terms, site.made.segments[0].terms);
  EXPECT_FALSE(saved->segments[0].terms.empty());
  EXPECT_EQ(saved->segments[2].files, site.made.segments[2].files);

  for (int i = 0; i < 5; ++i) site.add(testing::test_paper(500 + i, "2025-04-01T00:00:00Z"));
  site.write(&stats, *saved);
  EXPECT_FALSE(stats.kept);
  EXPECT_EQ(stats.segments, 3u);
  EXPECT_EQ(stats.segments_kept, 2u);  // s0 and s256; s320 has the new papers
  computed_whole();

  // Paper 3 (document 2, in s0) revised: s0 is computed again, s256 and s320 kept.
  site.previous_manifest.saved_ns = INT64_MAX;
  const SearchIndexInputs second = site.made;
  Paper revised = testing::test_paper(3, "2025-01-03T00:00:00Z");
  revised.title = "Quantum zebras of their own";
  site.papers[2] = testing::stored_ref(revised, 1000);
  site.write(&stats, second);
  EXPECT_EQ(stats.segments_kept, 2u);
  EXPECT_EQ(site.lookup("t:" + fold_key("Quantum zebras of their own")).size(), 1u);
  computed_whole();

  // Saved terms that are not well formed are not trusted: every segment is computed.
  site.previous_manifest.saved_ns = INT64_MAX;
  SearchIndexInputs damaged = site.made;
  for (SearchSegmentInputs& seg : damaged.segments) seg.terms += '\xff';
  site.write(&stats, damaged);
  EXPECT_EQ(stats.segments_kept, 0u);
  computed_whole();
}

}  // namespace
}  // namespace paperpress
