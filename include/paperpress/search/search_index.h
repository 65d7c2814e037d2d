// `paperpress build` writes the search index beside the pages (docs/search.md): under search/,
// the manifest and, in the format's folder, the document records (d/), the term dictionary
// (t/) with each common term's postings in impact-ordered chunks (p/), the completions of
// 3-character prefixes (x/) and the exact lookups of ids, titles and author names (k/). Every
// file's bytes follow from the papers alone, so an unchanged archive rewrites none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/archive.h"
#include "paperpress/store/paper_ref.h"
#include "paperpress/util/result.h"
#include "paperpress/write/output_writer.h"

namespace paperpress {

struct SearchIndexStats {
  size_t docs = 0, terms = 0, postings = 0, keys = 0;
  uint32_t segments = 0;
  // Shards of every kind; term and key shards summed over the segments.
  uint32_t doc_shards = 0, term_shards = 0, key_shards = 0, prefix_shards = 0;
  size_t chunk_files = 0;
  size_t files = 0, bytes = 0;  // everything written, the manifest included
  bool kept = false;            // the last build's index kept: nothing computed
  uint32_t segments_kept = 0;   // segments whose folder was kept: not computed
  // Each step in order, its wall time and the process's CPU time (for paperpress_search_bench).
  struct Step {
    std::string name;
    double seconds, cpu_seconds;
  };
  std::vector<Step> step_seconds;
};

// A segment of an index as a build made it: a hash of its documents (their range and record
// digests, in order), the files in its folder, its shard counts and sizes, and its terms with
// their dfs in it (each as varints of its length, its bytes, its df), which the prefixes'
// completions are drawn from. A build whose segment would be made from the same documents
// keeps its folder and reads its terms from here instead of computing it.
struct SearchSegmentInputs {
  uint32_t first = 0, end = 0, term_shards = 0, key_shards = 0;
  uint64_t hash = 0, files = 0, postings = 0, keys = 0, chunk_files = 0;
  std::string terms;
};

// What an index was made from, kept between builds (CacheKind::kSearchIndex): a hash of every
// input its bytes follow from (each document's record digest, its place and topics, in
// document order), how many files it wrote, and its segments. A build whose index would be
// made from the same keeps the last one's files without computing it, and one whose older
// segments would be (new papers only) keeps theirs (the cache's key covers the program and
// site.toml).
struct SearchIndexInputs {
  uint64_t hash = 0;
  uint64_t files = 0;
  std::vector<SearchSegmentInputs> segments;
  std::string encode() const;
  static std::optional<SearchIndexInputs> decode(std::string_view payload);
};

// What a build knows of the index in its output folder, and what it made.
struct SearchIndexReuse {
  std::optional<SearchIndexInputs> previous;  // read from the build state
  SearchIndexInputs made;
  bool written = false;  // made anew (not kept): `made` is to be saved
};

// `previous`, when given, is what the index in the writer's folder was made from; the inputs
// of this build's index are returned in `made` (also when it was kept).
Status write_search_index(const Config& config, const std::vector<PaperRef>& papers,
                          const Archive& archive, OutputWriter& writer, unsigned threads,
                          SearchIndexStats* stats = nullptr,
                          const std::optional<SearchIndexInputs>& previous = std::nullopt,
                          SearchIndexInputs* made = nullptr);

}  // namespace paperpress
