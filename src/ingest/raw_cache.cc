#include "paperpress/ingest/raw_cache.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "paperpress/util/fs.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

constexpr std::string_view kMetaSuffix = ".meta.json";

std::string_view extension(RawKind kind) {
  switch (kind) {
    case RawKind::kAtom:
      return ".atom.xml";
    case RawKind::kOai:
      return ".oai.xml";
    case RawKind::kKaggle:
      return ".jsonl";
  }
  return ".raw";
}

std::string seq_name(uint64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(seq));
  return buf;
}

// The seq a cache file name starts with, or 0.
uint64_t seq_of(const std::string& name) {
  uint64_t seq = 0;
  size_t i = 0;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) seq = seq * 10 + (name[i] - '0');
  return (i == 8 || (i > 8 && i < 20)) && i < name.size() && name[i] == '.' ? seq : 0;
}

bool is_meta(const std::string& name) {
  return name.size() > kMetaSuffix.size() &&
         name.compare(name.size() - kMetaSuffix.size(), kMetaSuffix.size(), kMetaSuffix) == 0;
}

}  // namespace

std::string_view to_string(RawKind kind) {
  switch (kind) {
    case RawKind::kAtom:
      return "atom";
    case RawKind::kOai:
      return "oai";
    case RawKind::kKaggle:
      return "kaggle";
  }
  return "unknown";
}

std::string RawEntry::describe() const {
  return body_path.string() + " (" + url + ")";
}

std::filesystem::path RawCache::body_path(uint64_t seq, RawKind kind) const {
  return dir_ / (seq_name(seq) + std::string(extension(kind)));
}

Result<RawCache> RawCache::open(const std::filesystem::path& cache_dir) {
  std::filesystem::path dir = cache_dir / "raw";
  if (auto st = ensure_dir(dir); !st) return st.error();
  std::error_code ec;
  uint64_t max_seq = 0;
  std::vector<std::filesystem::path> bodies;
  std::vector<uint64_t> metas;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = item.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) {
      std::filesystem::remove(item.path(), ec);
      continue;
    }
    uint64_t seq = seq_of(name);
    if (seq == 0) continue;
    max_seq = std::max(max_seq, seq);
    if (is_meta(name))
      metas.push_back(seq);
    else
      bodies.push_back(item.path());
  }
  if (ec) return Error{"cannot list " + dir.string() + ": " + ec.message()};
  std::sort(metas.begin(), metas.end());
  for (const auto& body : bodies) {
    if (!std::binary_search(metas.begin(), metas.end(), seq_of(body.filename().string())))
      std::filesystem::remove(body, ec);  // a body whose entry was never committed
  }
  return RawCache(dir, max_seq + 1);
}

Result<RawEntry> RawCache::commit(RawEntry entry) {
  nlohmann::json meta = {{"seq", entry.seq},
                         {"kind", std::string(to_string(entry.kind))},
                         {"url", entry.url},
                         {"status", entry.status},
                         {"fetched_at", entry.fetched_at},
                         {"body", entry.body_path.filename().string()}};
  std::filesystem::path meta_path = dir_ / (seq_name(entry.seq) + std::string(kMetaSuffix));
  if (auto st = write_file_atomic(meta_path, meta.dump(2) + "\n"); !st) return st.error();
  ++next_seq_;
  return entry;
}

Result<RawEntry> RawCache::add(RawKind kind, const std::string& url, int status,
                               std::string_view body) {
  RawEntry entry{
      next_seq_, kind, url, status, format_iso8601(now_utc()), body_path(next_seq_, kind)};
  if (auto st = write_file_atomic(entry.body_path, body); !st) return st.error();
  return commit(std::move(entry));
}

Result<RawEntry> RawCache::add_file(RawKind kind, const std::filesystem::path& source) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(source, ec);
  RawEntry entry{next_seq_,
                 kind,
                 "file:" + abs.string(),
                 200,
                 format_iso8601(now_utc()),
                 body_path(next_seq_, kind)};
  std::filesystem::path tmp = entry.body_path;
  tmp += ".tmp";
  std::filesystem::remove(tmp, ec);
  std::filesystem::create_hard_link(source, tmp, ec);
  if (ec) {
    ec.clear();
    std::filesystem::copy_file(source, tmp, ec);
    if (ec) return Error{"cannot copy " + source.string() + " into the cache: " + ec.message()};
  }
  std::filesystem::rename(tmp, entry.body_path, ec);
  if (ec) return Error{"cannot store " + entry.body_path.string() + ": " + ec.message()};
  if (auto st = sync_dir(dir_); !st) return st.error();
  return commit(std::move(entry));
}

Result<std::vector<RawEntry>> RawCache::list() const {
  std::vector<RawEntry> entries;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(dir_, ec)) {
    std::string name = item.path().filename().string();
    if (!is_meta(name) || seq_of(name) == 0) continue;
    auto text = read_file(item.path());
    if (!text) return text.error();
    nlohmann::json meta = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (meta.is_discarded() || !meta.is_object() || !meta.contains("body"))
      return Error{item.path().string() + ": unreadable cache metadata"};
    RawEntry e;
    std::string kind;
    try {
      e.seq = meta.value("seq", uint64_t{0});
      kind = meta.value("kind", "");
      e.url = meta.value("url", "");
      e.status = meta.value("status", 0);
      e.fetched_at = meta.value("fetched_at", "");
      e.body_path = dir_ / meta.value("body", "");
    } catch (const nlohmann::json::exception&) {
      return Error{item.path().string() + ": unreadable cache metadata"};
    }
    if (kind == "atom")
      e.kind = RawKind::kAtom;
    else if (kind == "oai")
      e.kind = RawKind::kOai;
    else if (kind == "kaggle")
      e.kind = RawKind::kKaggle;
    else
      return Error{item.path().string() + ": unknown kind '" + kind + "'"};
    entries.push_back(std::move(e));
  }
  if (ec) return Error{"cannot list " + dir_.string() + ": " + ec.message()};
  std::sort(entries.begin(), entries.end(),
            [](const RawEntry& a, const RawEntry& b) { return a.seq < b.seq; });
  return entries;
}

}  // namespace paperpress
