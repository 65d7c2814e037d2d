// The search index's format on disk (docs/search.md): its version, where its files live, the
// fixed sizes of its shards and the hash that places a term or key in a shard. The browser
// script (themes/default/static/assets/search.js) reads exactly this version and refuses any
// other, so an old page never misreads a newer index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

inline constexpr int kSearchFormat = 4;
// The manifest stays at this path in every version; it names the folder of the shards, which
// changes with the version.
inline constexpr std::string_view kSearchManifest = "search/manifest.json";
// Every file of the index is under this folder (the manifest and each version's shards).
inline constexpr std::string_view kSearchFolder = "search/";
inline constexpr std::string_view kSearchDir = "search/v4/";
// The default theme's script that reads the index: an asset written only when search is on.
inline constexpr std::string_view kSearchScript = "assets/search.js";

inline constexpr uint32_t kDocsPerShard = 32;      // document records per d/<n>.json
inline constexpr uint32_t kInlinePostings = 128;   // a term this rare keeps them in its shard
inline constexpr uint32_t kFirstChunk = 1024;      // postings in a term's first chunk
inline constexpr uint32_t kChunkGrowth = 4;        // each later chunk holds this many times more
inline constexpr uint32_t kTermsPerShard = 128;    // about, in t/<n>.json
inline constexpr uint32_t kKeysPerShard = 2048;    // about (key, document) pairs, in k/<n>.json
inline constexpr uint32_t kPrefixesPerShard = 64;  // about, in x/<n>.json
inline constexpr uint32_t kCompletions = 128;      // terms kept per 3-character prefix
inline constexpr uint32_t kPrefixChars = 3;
inline constexpr uint32_t kRecordAuthors = 10;  // authors named in a document record

// Documents are numbered oldest first, and the terms and keys of a range of them are a segment
// with shards of its own (search/v3/s<first>/): the ranges are a binary counter of blocks of
// [search] segment_documents documents (32,768 unless set), so that new papers change the
// newest segment and, when they complete a block, the segments it merges with, and no other.

struct SearchSegment {
  uint32_t first, end;  // documents [first, end)
};
// The segments of `docs` documents: for each set bit of docs / block, highest first, a segment
// of that many blocks; then the documents left over, if any.
std::vector<SearchSegment> search_segments(uint32_t docs, uint32_t block);

// Field weights and BM25 parameters of a term's impact in a document (bm25 term frequency
// part; the reader multiplies by the term's idf, from its df). The average lengths are fixed,
// not measured, so that a paper's impacts do not change when other papers arrive.
inline constexpr double kTitleWeight = 4.0, kAuthorWeight = 3.0, kAbstractWeight = 1.0,
                        kCategoryWeight = 2.0;
inline constexpr double kAvgTitleTerms = 10, kAvgAuthorTerms = 12, kAvgAbstractTerms = 150;
inline constexpr double kBm25K1 = 1.2, kBm25B = 0.75;
inline constexpr double kImpactScale = 10.0;  // impact = round(weight × scale), 1..255

// The document frequency a term's entry gives: exact up to kExactDf, above it rounded down to
// its 3 most significant bits (at most 25% low), so that a few more papers seldom change the
// entry, its shard or its prefix's completions. The reader only takes an idf from it.
inline constexpr uint32_t kExactDf = 16;
constexpr uint32_t written_df(uint64_t df) {
  if (df <= kExactDf) return static_cast<uint32_t>(df);
  int bits = 0;
  while ((df >> bits) >= 8) ++bits;
  return static_cast<uint32_t>(df >> bits << bits);
}

// FNV-1a, 64 bits, over the UTF-8 bytes; search_hash_more(search_hash(a), b) is
// search_hash(a + b), so that a key is hashed as its parts are found.
constexpr uint64_t search_hash_more(uint64_t h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}
constexpr uint64_t search_hash(std::string_view bytes) {
  return search_hash_more(0xcbf29ce484222325ull, bytes);
}

// A lookup key's 40-bit value (its hash's top 40 bits); its shard is value % shards and it is
// written as 10 hex digits.
constexpr uint64_t search_key_value(std::string_view key) {
  return search_hash(key) >> 24;
}

// The smallest power of two ≥ max(1, n / per): shard counts are powers of two.
uint32_t shard_count(size_t n, uint32_t per);

// `v` as `digits` lowercase hex digits.
std::string to_hex(uint64_t v, int digits);

}  // namespace paperpress
