#include "paperpress/site/build_state.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "paperpress/util/bytes.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/program_id.h"
#include "paperpress/util/text.h"

namespace paperpress {

namespace {

constexpr std::string_view kMagic{"PPSTATE\0", 8};

struct Header {
  char magic[8];
  uint32_t format;
  uint32_t kind;
  uint64_t key;
  uint64_t payload_bytes;
  uint64_t checksum;
};
static_assert(sizeof(Header) == kBuildStateHeaderBytes);

// The payload's checksum: hash_bytes() of each 64 KiB block of it, folded in order, so that a
// payload in pieces is summed without being joined.
uint64_t checksum(std::span<const std::string_view> pieces) {
  constexpr size_t kBlock = 64 << 10;
  uint64_t sum = 0;
  std::string partial;  // a block that spans pieces
  for (std::string_view piece : pieces) {
    if (!partial.empty()) {
      const size_t take = std::min(kBlock - partial.size(), piece.size());
      partial.append(piece.substr(0, take));
      piece.remove_prefix(take);
      if (partial.size() < kBlock) continue;
      sum = hash_combine(sum, hash_bytes(partial));
      partial.clear();
    }
    for (; piece.size() >= kBlock; piece.remove_prefix(kBlock))
      sum = hash_combine(sum, hash_bytes(piece.substr(0, kBlock)));
    partial.append(piece);
  }
  if (!partial.empty()) sum = hash_combine(sum, hash_bytes(partial));
  return sum;
}

}  // namespace

std::string frame_header(CacheKind kind, uint64_t key, std::span<const std::string_view> payload) {
  Header h{};
  std::memcpy(h.magic, kMagic.data(), kMagic.size());
  h.format = kBuildStateFormat;
  h.kind = static_cast<uint32_t>(kind);
  h.key = key;
  for (std::string_view piece : payload) h.payload_bytes += piece.size();
  h.checksum = checksum(payload);
  return std::string(reinterpret_cast<const char*>(&h), sizeof h);
}

std::optional<std::string_view> unframe(std::string_view file, CacheKind kind, uint64_t key) {
  Header h;
  if (!take_array(file, &h, 1)) return std::nullopt;
  if (std::string_view(h.magic, sizeof h.magic) != kMagic || h.format != kBuildStateFormat ||
      h.kind != static_cast<uint32_t>(kind) || h.key != key || h.payload_bytes != file.size() ||
      checksum(std::span<const std::string_view>(&file, 1)) != h.checksum)
    return std::nullopt;
  return file;
}

std::string LastBuild::encode() const {
  const uint64_t fields[5] = {store_committed, files, papers_loaded, papers_in_topics, pages};
  std::string out;
  put_array(out, fields, 5);
  return out;
}

std::optional<LastBuild> LastBuild::decode(std::string_view payload) {
  uint64_t fields[5];
  if (!take_array(payload, fields, 5) || !payload.empty()) return std::nullopt;
  return LastBuild{fields[0], fields[1], fields[2], fields[3], fields[4]};
}

BuildState::BuildState(const Config& config, const std::filesystem::path& output)
    : dir_(config.cache_path() / "build"), program_(program_fingerprint()) {
  program_and_config_ = program_;
  if (auto toml = read_file(config.site_dir / "site.toml"))
    program_and_config_ = hash_combine(hash_bytes(*toml), program_);
  // Named after the output folder's absolute path: one set of files per output folder.
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::weakly_canonical(output, ec);
  if (ec) absolute = std::filesystem::absolute(output, ec);
  output_name_ = "output-" + hex64(std::hash<std::string>{}(absolute.string()));
  output_ = hash_bytes(absolute.string());
}

std::filesystem::path BuildState::path(CacheKind kind) const {
  switch (kind) {
    case CacheKind::kManifest:
      return dir_ / (output_name_ + ".manifest");
    case CacheKind::kPageFingerprints:
      return dir_ / (output_name_ + ".fingerprints");
    case CacheKind::kLastBuild:
      return dir_ / (output_name_ + ".last-build");
    case CacheKind::kTopics:
      return dir_ / "topics.bin";
    case CacheKind::kStoreIndex:
      return dir_ / "store.index";
    case CacheKind::kOrder:
      return dir_ / "order.bin";
    case CacheKind::kSearchIndex:
      return dir_ / (output_name_ + ".search");
  }
  return dir_ / "unknown";
}

std::optional<CachedPayload> BuildState::load(CacheKind kind, uint64_t key) const {
  const std::filesystem::path file = path(kind);
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  auto mapped = MappedFile::open(file);
  if (!mapped || !unframe(mapped->bytes(), kind, key)) return std::nullopt;
  const int64_t saved_ns =
      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return CachedPayload(std::move(*mapped), saved_ns);
}

Status BuildState::save(CacheKind kind, uint64_t key,
                        std::span<const std::string_view> payload) const {
  const std::string header = frame_header(kind, key, payload);
  std::vector<std::string_view> pieces{header};
  pieces.insert(pieces.end(), payload.begin(), payload.end());
  if (auto st = ensure_dir(dir_); !st) return st;
  return write_file_atomic(path(kind), pieces, Durability::kNone);
}

Status BuildState::save(CacheKind kind, uint64_t key, std::string_view payload) const {
  return save(kind, key, std::span<const std::string_view>(&payload, 1));
}

uint64_t BuildState::last_build_key(uint64_t site_hash, const std::filesystem::path& store) {
  // Which file the store is (device and inode): a reindex makes a new one.
  struct stat st {};
  if (::stat(store.c_str(), &st) != 0) return hash_combine(site_hash, 0);
  return hash_combine(hash_combine(site_hash, static_cast<uint64_t>(st.st_dev) + 1),
                      static_cast<uint64_t>(st.st_ino));
}

}  // namespace paperpress
