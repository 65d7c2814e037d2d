#include "paperpress/site/site_builder.h"

#include <sys/stat.h>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "paperpress/model/archive.h"
#include "paperpress/model/archive_order.h"
#include "paperpress/model/content.h"
#include "paperpress/render/page_path.h"
#include "paperpress/render/theme.h"
#include "paperpress/render/views.h"
#include "paperpress/site/page_fingerprints.h"
#include "paperpress/site/render_pages.h"
#include "paperpress/site/site_files.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/mapped_file.h"
#include "paperpress/util/parallel.h"
#include "paperpress/util/program_id.h"

namespace paperpress {

namespace {

class StepTimer {
 public:
  explicit StepTimer(BuildReport& report) : report_(report), start_(now()) {}
  void done(const char* step) {
    auto t = now();
    report_.step_seconds.emplace_back(step, std::chrono::duration<double>(t - start_).count());
    start_ = t;
  }

 private:
  static std::chrono::steady_clock::time_point now() { return std::chrono::steady_clock::now(); }
  BuildReport& report_;
  std::chrono::steady_clock::time_point start_;
};

// This very program and the site's site.toml: what the topics of a paper depend on besides
// the paper.
uint64_t program_and_config_fingerprint(const Config& config) {
  uint64_t h = 0;
  if (auto toml = read_file(config.site_dir / "site.toml")) h = hash_combine(h, hash_bytes(*toml));
  return hash_combine(h, program_fingerprint());
}

// What every page depends on besides its own inputs (views.h page_inputs): site.toml, the
// theme, content/ and this very program. Any change there renders every page again.
uint64_t site_fingerprint(uint64_t program_and_config, const Theme& theme,
                          const std::vector<ContentPage>& content) {
  uint64_t h = hash_combine(theme.fingerprint(), program_and_config);
  for (const ContentPage& page : content) {
    h = hash_combine(h, hash_bytes(page.key));
    h = hash_combine(h, hash_bytes(page.markdown));
    h = hash_combine(
        h, hash_bytes(page.title + "\n" + page.date + "\n" + page.topic + "\n" + page.paper));
    for (const auto& section : page.papers)
      h = hash_combine(h, hash_bytes(section.id + "\n" + section.markdown));
  }
  return h;
}

std::filesystem::path order_file(const Config& config) {
  return config.cache_path() / "build" / "order.bin";
}

// The topics of every paper, reusing those the previous build found for unchanged papers
// (kept in cache/build/topics.bin under `key`); saved again when any were matched anew.
Result<TopicAssignment> assign_topics_cached(const Config& config,
                                             const std::vector<PaperRef>& papers, uint64_t key,
                                             unsigned threads) {
  std::filesystem::path file = config.cache_path() / "build" / "topics.bin";
  TopicAssignment previous;
  if (auto bytes = read_file(file))
    if (auto decoded = TopicAssignment::decode(*bytes, key, config.topics.size()))
      previous = std::move(*decoded);
  AssignStats stats;
  auto topics = assign_topics(config, papers, previous, threads, &stats);
  if (!topics) return topics.error();
  if (stats.matched > 0 || topics->size() != previous.size()) {
    if (auto st = ensure_dir(file.parent_path()); !st) return st.error();
    // Only a cache: losing it to a crash costs one rematch.
    if (auto st = write_file_atomic(file, topics->encode(key), Durability::kNone); !st)
      return st.error();
  }
  return topics;
}

// The archive's order, merging the papers new or changed since the previous build's order (kept
// in cache/build/order.bin under `key`) into it. `changed` tells whether it differs from that one.
ArchiveOrder order_papers_cached(const Config& config, const std::vector<PaperRef>& papers,
                                 uint64_t key, unsigned threads, bool& changed) {
  // Mapped: the previous order is read in place, not copied into fresh memory; it is a view of
  // the mapping, so declared after it.
  auto file = MappedFile::open(order_file(config));
  std::optional<ArchiveOrder> previous;
  if (file) previous = ArchiveOrder::decode(file->bytes(), key);
  OrderStats stats;
  ArchiveOrder order =
      order_papers(config, papers, threads, previous ? &*previous : nullptr, &stats);
  changed = !previous || stats.changed > 0 || stats.reused != previous->keys().size();
  return order;
}

// Where the manifest of an output folder lives: in the cache, one per output folder, so that
// the output holds only the site.
std::filesystem::path manifest_file(const Config& config, const std::filesystem::path& output) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::weakly_canonical(output, ec);
  if (ec) absolute = std::filesystem::absolute(output, ec);
  char name[40];
  std::snprintf(name, sizeof name, "output-%016llx.manifest",
                static_cast<unsigned long long>(std::hash<std::string>{}(absolute.string())));
  return config.cache_path() / "build" / name;
}

// Which file the store is (device and inode): a reindex makes a new one.
std::string store_file_id(const std::filesystem::path& store) {
  struct stat st {};
  if (::stat(store.c_str(), &st) != 0) return "none";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

// What the last build of an output folder was made from and what it made. A build whose site
// fingerprint is the same, whose store holds the same papers (the same file, grown since by
// commit records at most) and whose output is untouched has nothing to do.
struct LastBuild {
  std::string store;           // store_file_id()
  size_t store_committed = 0;  // StoreSnapshot::committed_bytes() of that build
  uint64_t site = 0;
  size_t files = 0, papers_loaded = 0, papers_in_topics = 0, pages = 0;

  bool same_inputs(const std::filesystem::path& store_path, const std::string& store_id,
                   uint64_t site_hash) const {
    if (store != store_id || site != site_hash) return false;
    if (store_id == "none") return true;
    auto quiet = no_papers_since(store_path, store_committed);
    return quiet && *quiet;
  }
  static std::optional<LastBuild> load(const std::filesystem::path& file) {
    auto text = read_file(file);
    if (!text) return std::nullopt;
    LastBuild b;
    char store[256];
    unsigned long long committed, site, files, loaded, in_topics, pages;
    if (std::sscanf(text->c_str(), "%255s %llu %llx %llu %llu %llu %llu", store, &committed, &site,
                    &files, &loaded, &in_topics, &pages) != 7)
      return std::nullopt;
    b.store = store;
    b.store_committed = committed;
    b.site = site;
    b.files = files;
    b.papers_loaded = loaded;
    b.papers_in_topics = in_topics;
    b.pages = pages;
    return b;
  }
  Status save(const std::filesystem::path& file) const {
    char line[512];
    std::snprintf(
        line, sizeof line, "%s %llu %llx %llu %llu %llu %llu\n", store.c_str(),
        static_cast<unsigned long long>(store_committed), static_cast<unsigned long long>(site),
        static_cast<unsigned long long>(files), static_cast<unsigned long long>(papers_loaded),
        static_cast<unsigned long long>(papers_in_topics), static_cast<unsigned long long>(pages));
    return write_file_atomic(file, line, Durability::kNone);
  }
};

}  // namespace

Result<BuildReport> build_site(const Config& config, const BuildOptions& options) {
  BuildReport report;
  StepTimer timer(report);
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  auto content = load_content(config.site_dir / "content");
  if (!content) return content.error();
  for (const ContentPage& page : *content) {
    bool known =
        page.topic.empty() || std::any_of(config.topics.begin(), config.topics.end(),
                                          [&](const Topic& t) { return t.slug == page.topic; });
    if (!known)
      return Error{"content/" + page.key + ".md: no topic '" + page.topic + "' in site.toml"};
  }
  auto theme = Theme::load(config);
  if (!theme) return theme.error();
  const uint64_t program_and_config = program_and_config_fingerprint(config);
  const uint64_t site_hash = site_fingerprint(program_and_config, *theme, *content);
  timer.done("load content and theme");

  std::filesystem::path output =
      options.output_dir.empty() ? config.output_path() : options.output_dir;
  const std::filesystem::path manifest = manifest_file(config, output);
  auto writer = OutputWriter::open(output, manifest);
  if (!writer) return writer.error();
  const std::filesystem::path store = store_file(config.cache_path());
  const std::string store_id = store_file_id(store);
  std::filesystem::path last_build_file = manifest;
  last_build_file.replace_extension(".last-build");
  if (auto last = LastBuild::load(last_build_file); last &&
                                                    last->same_inputs(store, store_id, site_hash) &&
                                                    (*writer)->keep_all(last->files, threads)) {
    if (auto st = (*writer)->commit(); !st) return st.error();
    report.papers_loaded = last->papers_loaded;
    report.papers_in_topics = last->papers_in_topics;
    report.pages = last->pages;
    report.write = (*writer)->stats();
    timer.done("same inputs as the last build: every file kept");
    return report;
  }

  // The store index lets a build after a fetch read only what the fetch appended.
  const std::filesystem::path store_index = config.cache_path() / "build" / "store.index";
  auto snapshot = StoreSnapshot::load(store, threads, store_index);
  if (!snapshot) return snapshot.error();
  // Saved while the pages render; waited for before the build returns, whichever way.
  std::future<Status> index_saved =
      std::async(std::launch::async, [&] { return snapshot->save_index(store_index); });
  report.papers_loaded = snapshot->papers().size();
  report.store_bytes = snapshot->bytes();
  report.store_bytes_read = snapshot->bytes_read();
  report.store_from_index = snapshot->from_index();
  timer.done("load store");

  auto topics = assign_topics_cached(config, snapshot->papers(), program_and_config, threads);
  if (!topics) return topics.error();
  timer.done("match topics");

  bool order_changed = false;
  ArchiveOrder order =
      order_papers_cached(config, snapshot->papers(), program_and_config, threads, order_changed);
  const Archive archive = build_archive(config, snapshot->papers(), *topics, order);
  report.papers_in_topics = archive.papers_in_topics;
  // Saved while the pages render, as the store index is (only a cache: no sync), and then
  // dropped: the archive holds all the pages need of it.
  std::future<Status> order_saved = std::async(
      std::launch::async,
      [&config, program_and_config, order_changed, order = std::move(order)]() mutable -> Status {
        const ArchiveOrder mine = std::move(order);  // freed here, not with the future
        if (!order_changed) return Status::success();
        if (auto st = ensure_dir(order_file(config).parent_path()); !st) return st;
        const ArchiveOrder::Encoded encoded = mine.encode(program_and_config);
        return write_file_atomic(order_file(config), encoded.pieces(), Durability::kNone);
      });
  timer.done("group papers");

  SiteData site{config,
                snapshot->papers(),
                archive,
                *content,
                newest_date(snapshot->papers()),
                PaperExtras::used_by(*theme)};
  std::vector<PageJob> jobs = plan_pages(archive, *content, config.archive.papers_per_part);
  report.pages = jobs.size();
  // Beside the output's manifest, named after it (both follow the output folder).
  std::filesystem::path fingerprints_file = manifest;
  fingerprints_file.replace_extension(".fingerprints");
  PageFingerprints previous(fingerprints_file);
  std::vector<uint64_t> fingerprints;
  // Feeds, the sitemap and the assets depend on no page: written while the pages render.
  std::future<Status> site_files = std::async(
      std::launch::async, [&] { return write_site_files(site, *theme, jobs, **writer); });
  Status pages_written =
      render_pages(site, *theme, jobs, **writer, threads, site_hash, previous, fingerprints);
  Status site_files_written = site_files.get();
  if (!pages_written) return pages_written.error();
  if (!site_files_written) return site_files_written.error();
  timer.done("render pages; feeds, sitemap, assets");

  if (auto st = (*writer)->commit(); !st) return st.error();
  if (auto st = previous.save(jobs, fingerprints); !st) return st.error();
  report.write = (*writer)->stats();
  LastBuild done;
  done.store = store_id;
  done.store_committed = snapshot->committed_bytes();
  done.site = site_hash;
  done.files = report.write.files;
  done.papers_loaded = report.papers_loaded;
  done.papers_in_topics = report.papers_in_topics;
  done.pages = report.pages;
  if (auto st = done.save(last_build_file); !st) return st.error();
  if (auto st = index_saved.get(); !st) return st.error();
  if (auto st = order_saved.get(); !st) return st.error();
  timer.done("remove stale files");
  return report;
}

}  // namespace paperpress
