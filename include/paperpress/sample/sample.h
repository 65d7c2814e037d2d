// A deterministic sample archive for demos, tests and benchmarks, written into the cache in the
// same form a fetch would (raw Atom pages plus the store). Every sample paper says so in its
// comment and links to example.org, never to a real arXiv paper.
#pragma once

#include <cstdint>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/ingest/cache.h"
#include "paperpress/store/paper.h"

namespace paperpress {

struct SampleOptions {
  size_t papers = 2000;
  uint64_t seed = 1;
  int months =
      0;  // spread from archive.since; 0: enough for about 40,000 papers a month, at least 12
  // Papers after the first `papers`: numbers papers .. papers + add - 1, dated after the window
  // of `papers` at the same pace, like the next fetch of an archive that keeps growing. Only
  // these are written when add > 0. Each run's papers are as they were when the run's newest
  // paper appeared: a revision dated after it is not made yet, so no date lies in the future.
  size_t add = 0;
  // No paper of the first `papers` is dated after this (Unix seconds; 0: no limit): a site
  // whose archive.since is recent gets its sample between then and now rather than spread
  // over months still to come. `paperpress sample` passes the time it runs.
  int64_t until = 0;
  // 0: abstracts in the sample's own few hundred words. N: each abstract also holds 40 to 120
  // words drawn from N made-up words ("bakedo"), word r with a chance proportional to 1/r
  // (Zipf), as a real archive's long tail of rare terms, for measuring search at scale.
  size_t vocabulary = 0;
};

// Word `rank` (0-based) of the made-up vocabulary: two-letter syllables, a different word for
// every rank.
std::string vocabulary_word(size_t rank);

// The papers of sample number `index` (0-based) of the archive. Same options and topics, same
// paper.
class SampleGenerator {
 public:
  SampleGenerator(const Config& config, const SampleOptions& options);
  Paper paper(size_t index) const;
  int months() const { return months_; }
  // When the run was fetched: the latest date any of its papers can carry.
  int64_t now() const { return now_; }

 private:
  static constexpr int64_t kJitter = 1800;  // seconds either side of a paper's even spacing
  int64_t published_at(size_t index) const;

  SampleOptions options_;
  std::vector<std::string> topic_terms_;  // the site's keywords, mixed into titles and abstracts
  int64_t start_ = 0;                     // first second of the window
  int months_ = 0;
  int64_t span_ = 0;
  int64_t now_ = 0;
};

struct SampleStats {
  size_t papers = 0;
  size_t raw_entries = 0;
  size_t raw_bytes = 0;
  AppendStats store;
};

// Generates the archive in pages of `page_size` papers: each page is stored as a raw Atom
// response ("sample:" URL) and appended to the store.
Result<SampleStats> write_sample(const Config& config, const SampleOptions& options, Cache& cache,
                                 size_t page_size = 1000);

}  // namespace paperpress
