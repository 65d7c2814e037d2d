// What an incremental build remembers between builds, in cache/build/: one framed file format
// for every cache file, the keys each one is valid for, and the one place that decides whether
// a cache file may be used. The encoders of each cache's payload stay with its data type (they
// know its layout); framing, keys, validity, file names and atomic writes are here.
//
// A cache file is a 40-byte header, then the payload:
//
//   magic "PPSTATE\0" | format version (u32) | cache kind (u32) | key (u64) |
//   payload length (u64) | hash_bytes() of the payload (u64)
//
// in this machine's byte order (the caches are read back only by the program that wrote them).
// The payload starts 8-byte aligned in a mapped file, so a payload of arrays can be viewed in
// place. A file is used only when every header field matches: another format, another kind,
// another key (another program, site.toml, store file or output folder), a file cut short or
// grown, or a payload whose hash differs is ignored as if missing, and the next build writes it
// again. A cache is never needed for a right build: only for a fast one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "paperpress/config/config.h"
#include "paperpress/util/mapped_file.h"
#include "paperpress/util/result.h"

namespace paperpress {

enum class CacheKind : uint32_t {
  kManifest = 1,          // per output folder: each file's hash, size and time (write/)
  kPageFingerprints = 2,  // per output folder: each page's inputs at its last rendering
  kLastBuild = 3,         // per output folder: what the last build read and made
  kTopics = 4,            // the topics found for each stored record (model/topic_assignment)
  kStoreIndex = 5,        // each paper's place in the store file (store/paper_store)
  kOrder = 6,             // the archive's sort keys and each record's digest (model/archive_order)
  kSearchIndex = 7,       // per output folder: what its search index was made from (search/)
};

// Bumped whenever the header or any payload's layout changes.
inline constexpr uint32_t kBuildStateFormat = 2;
inline constexpr size_t kBuildStateHeaderBytes = 40;

// The header of a cache file of `kind` under `key` whose payload is `payload`'s pieces, one
// after another.
std::string frame_header(CacheKind kind, uint64_t key, std::span<const std::string_view> payload);
// The payload of a whole cache file's bytes when its header says `kind`, `key` and this format,
// and its length and hash match; nullopt otherwise.
std::optional<std::string_view> unframe(std::string_view file, CacheKind kind, uint64_t key);

// A cache file's payload, mapped (read in place, not copied), valid for the key it was loaded
// under.
class CachedPayload {
 public:
  std::string_view bytes() const { return file_.bytes().substr(kBuildStateHeaderBytes); }
  // The file's modification time, in nanoseconds.
  int64_t saved_ns() const { return saved_ns_; }

 private:
  friend class BuildState;
  CachedPayload(MappedFile file, int64_t saved_ns) : file_(std::move(file)), saved_ns_(saved_ns) {}
  MappedFile file_;
  int64_t saved_ns_;
};

// What the last build of an output folder read and made. A build whose site fingerprint and
// store file are the same (the key), whose store has gained no paper since `store_committed`
// and whose output is untouched has nothing to do.
struct LastBuild {
  uint64_t store_committed = 0;  // StoreSnapshot::committed_bytes() of that build
  uint64_t files = 0, papers_loaded = 0, papers_in_topics = 0, pages = 0;

  std::string encode() const;
  static std::optional<LastBuild> decode(std::string_view payload);
};

// The build cache of one site (cache/build/ in its cache folder) for one output folder.
class BuildState {
 public:
  BuildState(const Config& config, const std::filesystem::path& output);

  // Where a cache lives: per output folder, output-<hash of its path>.<manifest, fingerprints,
  // last-build>; for the site, topics.bin and store.index.
  std::filesystem::path path(CacheKind kind) const;

  // The payload saved under `key`; nullopt when the file is missing or not valid (see above).
  std::optional<CachedPayload> load(CacheKind kind, uint64_t key) const;
  // Saves `payload` (its pieces one after another) under `key`: written to a temporary file and
  // renamed over the old one, not synced (losing a cache to a crash costs only time).
  Status save(CacheKind kind, uint64_t key, std::span<const std::string_view> payload) const;
  Status save(CacheKind kind, uint64_t key, std::string_view payload) const;

  // The keys: what each cache depends on besides what its payload records.
  // This very program and site.toml (topics: the topics and archive settings).
  uint64_t program_and_config() const { return program_and_config_; }
  // This very program (the store index: its payload names the store file and commit).
  uint64_t program() const { return program_; }
  // The output folder (the manifest: valid across programs and site changes, since it records
  // the files' bytes, not how they were made).
  uint64_t output() const { return output_; }
  // What every page depends on besides its own inputs (page fingerprints), and the store file
  // too (the last build: a store rewritten by `reindex` is another file).
  static uint64_t site_key(uint64_t site_hash) { return site_hash; }
  static uint64_t last_build_key(uint64_t site_hash, const std::filesystem::path& store);

 private:
  std::filesystem::path dir_;
  std::string output_name_;  // "output-<16 hex digits>"
  uint64_t program_ = 0, program_and_config_ = 0, output_ = 0;
};

}  // namespace paperpress
