#include "paperpress/sample/sample.h"

#include <gtest/gtest.h>

#include <set>

#include "paperpress/util/time.h"
#include "test_support.h"

namespace paperpress {
namespace {

Config sample_config() {
  return testing::config_from(R"(title = "Sample"
base_url = "https://example.org/sample"
[archive]
since = "2025-01-01"
[[topics]]
slug = "llm"
name = "LLM"
keywords = ["LLM"]
)");
}

UnixSeconds seconds(const std::string& iso) {
  auto t = parse_iso8601(iso);
  EXPECT_TRUE(t) << iso;
  return t.value_or(0);
}

TEST(SampleGenerator, SameOptionsSamePaper) {
  Config config = sample_config();
  SampleGenerator a(config, SampleOptions{.papers = 500, .seed = 7});
  SampleGenerator b(config, SampleOptions{.papers = 500, .seed = 7});
  for (size_t i : {0u, 17u, 499u}) {
    EXPECT_EQ(a.paper(i).id, b.paper(i).id);
    EXPECT_EQ(a.paper(i).title, b.paper(i).title);
    EXPECT_EQ(a.paper(i).updated, b.paper(i).updated);
  }
  SampleGenerator other_seed(config, SampleOptions{.papers = 500, .seed = 8});
  EXPECT_NE(a.paper(17).title, other_seed.paper(17).title);
}

// Every run is a snapshot of a growing archive: no paper is dated after the run's newest paper,
// and the added papers come after the first run's, at the same pace.
TEST(SampleGenerator, NoDateAfterTheRunAndAddedPapersFollowOn) {
  Config config = sample_config();
  const size_t papers = 2000, add = 20;
  SampleGenerator base(config, SampleOptions{.papers = papers});
  SampleGenerator next(config, SampleOptions{.papers = papers, .add = add});

  std::set<std::string> ids;
  size_t revised = 0;
  UnixSeconds newest_base = 0;
  for (size_t i = 0; i < papers; ++i) {
    Paper p = base.paper(i);
    EXPECT_TRUE(ids.insert(p.id).second) << p.id;
    EXPECT_LE(seconds(p.updated), base.now()) << p.id << " " << p.updated;
    EXPECT_GE(seconds(p.updated), seconds(p.published)) << p.id;
    EXPECT_EQ(p.version > 1, p.updated != p.published) << p.id;
    if (p.version > 1) ++revised;
    newest_base = std::max(newest_base, seconds(p.published));
  }
  // About 30% are revised; those whose revision would come after the run are not yet.
  EXPECT_GT(revised, papers / 5);
  EXPECT_LT(revised, papers * 2 / 5);

  UnixSeconds window = base.now() - seconds(base.paper(0).published);
  for (size_t i = papers; i < papers + add; ++i) {
    Paper p = next.paper(i);
    EXPECT_TRUE(ids.insert(p.id).second) << p.id;
    EXPECT_LE(seconds(p.updated), next.now()) << p.id;
    // Published after the base run's papers (give or take the jitter), within the next 1%.
    EXPECT_GT(seconds(p.published), newest_base - 3600) << p.id;
    EXPECT_LT(seconds(p.published), base.now() + window / 50) << p.id;
  }
  EXPECT_GT(next.now(), base.now());
}

// A site whose archive.since is last month (what `paperpress init` writes) gets its sample
// between then and the run, not over the eleven months still to come.
TEST(SampleGenerator, ARecentSinceEndsTheSampleAtTheRun) {
  Config config = sample_config();
  config.archive.since = "2026-11-01";
  SampleOptions options;
  options.papers = 500;
  options.until = *parse_iso8601("2026-12-06T12:00:00Z");
  SampleGenerator gen(config, options);
  std::string newest;
  for (size_t i = 0; i < options.papers; ++i) newest = std::max(newest, gen.paper(i).updated);
  EXPECT_LE(newest, "2026-12-06T12:00:00Z");
  EXPECT_GE(newest, "2026-12-05");  // spread up to the run, not squeezed into a day
  EXPECT_GE(gen.paper(0).published, "2026-11-01");
}

// --vocabulary: abstracts draw from a large made-up vocabulary, a few words often and most
// rarely, while every other field stays the paper a sample without it has.
TEST(SampleGenerator, AVocabularyAddsManyRareWordsAndChangesNothingElse) {
  Config config = sample_config();
  SampleGenerator plain(config, SampleOptions{.papers = 2000, .seed = 3});
  SampleGenerator wide(config, SampleOptions{.papers = 2000, .seed = 3, .vocabulary = 1000000});
  std::set<std::string> words;
  size_t drawn = 0;
  for (size_t i = 0; i < 2000; ++i) {
    const Paper a = plain.paper(i), b = wide.paper(i);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.authors, b.authors);
    EXPECT_EQ(a.categories, b.categories);
    ASSERT_EQ(b.abstract.rfind(a.abstract, 0), 0u) << i;  // the plain abstract, then the words
    std::string rest = b.abstract.substr(a.abstract.size());
    ASSERT_TRUE(rest.ends_with("."));
    rest.pop_back();
    size_t count = 0;
    for (size_t at = 0; at < rest.size();) {
      const size_t end = std::min(rest.find(' ', at + 1), rest.size());
      const std::string w = rest.substr(at + 1, end - at - 1);
      ASSERT_FALSE(w.empty());
      words.insert(w);
      ++count;
      at = end;
    }
    EXPECT_GE(count, 40u);
    EXPECT_LE(count, 120u);
    drawn += count;
  }
  // Zipf over a million words: the commonest come back often, most are seen once.
  EXPECT_GT(words.size(), drawn / 3);
  EXPECT_LT(words.size(), drawn);
  EXPECT_TRUE(words.contains(vocabulary_word(0)));
  // Every rank its own word.
  std::set<std::string> first;
  for (size_t r = 0; r < 100000; ++r) first.insert(vocabulary_word(r));
  EXPECT_EQ(first.size(), 100000u);
  SampleGenerator again(config, SampleOptions{.papers = 2000, .seed = 3, .vocabulary = 1000000});
  EXPECT_EQ(again.paper(7).abstract, wide.paper(7).abstract);
}

}  // namespace
}  // namespace paperpress
