#include "paperpress/site/site_builder.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <thread>
#include <tuple>

#include <sys/stat.h>

#include "paperpress/model/archive.h"
#include "paperpress/model/archive_order.h"
#include "paperpress/model/content.h"
#include "paperpress/render/theme.h"
#include "paperpress/render/views.h"
#include "paperpress/site/build_state.h"
#include "paperpress/site/katex_assets.h"
#include "paperpress/site/page_fingerprints.h"
#include "paperpress/site/render_pages.h"
#include "paperpress/site/site_files.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/util/hash.h"

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

// What a build reads besides the store: content/ and the theme, and their fingerprint with
// site.toml and the program's.
struct SiteInputs {
  std::vector<ContentPage> content;
  std::optional<Theme> theme;
  std::filesystem::path katex_dir;  // empty: no KaTeX found, math shows as its TeX source
  uint64_t site_hash = 0;
};

// KaTeX's folder, and a hash of where it is and of its script's size and time: pages load it
// only when it is there, and a KaTeX installed or upgraded since the last build is copied.
std::pair<std::filesystem::path, uint64_t> find_site_katex(const Config& config) {
  std::optional<std::filesystem::path> dir = find_katex(default_katex_candidates(config.site_dir));
  if (!dir) return {{}, 0};
  uint64_t h = hash_bytes(dir->string());
  struct stat st {};
  if (::stat((*dir / "katex.min.js").c_str(), &st) == 0)
    h = hash_combine(hash_combine(h, static_cast<uint64_t>(st.st_size)),
                     static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ull + st.st_mtim.tv_nsec);
  return {*dir, h | 1};
}

Result<SiteInputs> load_inputs(const Config& config, const BuildState& state) {
  SiteInputs inputs;
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
  inputs.content = std::move(*content);
  inputs.theme.emplace(std::move(*theme));
  uint64_t katex_hash = 0;
  std::tie(inputs.katex_dir, katex_hash) = find_site_katex(config);
  inputs.site_hash = hash_combine(
      site_fingerprint(state.program_and_config(), *inputs.theme, inputs.content), katex_hash);
  return inputs;
}

// The output folder's writer, with the last build's manifest of it; `manifest_hash` is that
// manifest's hash (0 without one).
Result<std::unique_ptr<OutputWriter>> open_output(const BuildState& state,
                                                  const std::filesystem::path& output,
                                                  uint64_t& manifest_hash) {
  PreviousManifest previous;
  manifest_hash = 0;
  if (auto saved = state.load(CacheKind::kManifest, state.output())) {
    previous.text = std::string(saved->bytes());  // parsed in place: a copy of the mapping
    previous.saved_ns = saved->saved_ns();
    manifest_hash = hash_bytes(previous.text);
  }
  return OutputWriter::open(output, std::move(previous));
}

// Ends the writer's build and saves its manifest when it has changed; `manifest_hash` becomes
// the hash of the manifest saved for the output now (the previous one's when it is the same).
Status commit_output(const BuildState& state, OutputWriter& writer, uint64_t& manifest_hash) {
  if (auto st = writer.commit(); !st) return st;
  if (auto manifest = writer.manifest()) {
    manifest_hash = hash_bytes(*manifest);
    return state.save(CacheKind::kManifest, state.output(), *manifest);
  }
  return Status::success();
}

// The key of the search index's inputs (CacheKind::kSearchIndex): the program and site.toml,
// and the output's manifest saved with it, so that inputs saved beside another manifest (a
// build killed between the two saves) are never taken for the index that manifest lists.
uint64_t search_index_key(const BuildState& state, uint64_t manifest_hash) {
  return hash_combine(state.program_and_config(), manifest_hash);
}

// A build whose inputs are exactly the last build's (the same site fingerprint and store file,
// the key; no paper committed to the store since) and whose output is untouched keeps every
// file without reading the store. True when it did.
Result<bool> keep_all_if_same_inputs(const BuildState& state, const std::filesystem::path& store,
                                     uint64_t key, OutputWriter& writer, unsigned threads,
                                     BuildReport& report) {
  auto saved = state.load(CacheKind::kLastBuild, key);
  if (!saved) return false;
  auto last = LastBuild::decode(saved->bytes());
  if (!last) return false;
  std::error_code ec;
  if (std::filesystem::exists(store, ec)) {
    auto quiet = no_papers_since(store, last->store_committed);
    if (!quiet || !*quiet) return false;
  }
  if (!writer.keep_all(last->files, threads)) return false;
  uint64_t manifest_hash = 0;  // no index is made: its inputs stay as saved
  if (auto st = commit_output(state, writer, manifest_hash); !st) return st.error();
  report.papers_loaded = last->papers_loaded;
  report.papers_in_topics = last->papers_in_topics;
  report.pages = last->pages;
  report.write = writer.stats();
  return true;
}

// The store, reading only what was appended since the saved index when there is one.
Result<StoreSnapshot> load_store(const BuildState& state, const std::filesystem::path& store,
                                 unsigned threads, BuildReport& report) {
  auto index = state.load(CacheKind::kStoreIndex, state.program());
  auto snapshot = StoreSnapshot::load(store, threads, index ? index->bytes() : std::string_view());
  if (!snapshot) return snapshot.error();
  report.papers_loaded = snapshot->papers().size();
  report.store_bytes = snapshot->bytes();
  report.store_bytes_read = snapshot->bytes_read();
  report.store_from_index = snapshot->from_index();
  return snapshot;
}

Status save_store_index(const BuildState& state, const StoreSnapshot& snapshot) {
  if (!snapshot.index_outdated()) return Status::success();
  return state.save(CacheKind::kStoreIndex, state.program(), snapshot.encode_index());
}

// The topics of every paper, reusing those the previous build found for unchanged papers;
// saved again when any were matched anew.
Result<TopicAssignment> assign_topics_cached(const BuildState& state, const Config& config,
                                             const std::vector<PaperRef>& papers,
                                             unsigned threads) {
  TopicAssignment previous;
  if (auto saved = state.load(CacheKind::kTopics, state.program_and_config()))
    if (auto decoded = TopicAssignment::decode(saved->bytes(), config.topics.size()))
      previous = std::move(*decoded);
  AssignStats stats;
  auto topics = assign_topics(config, papers, previous, threads, &stats);
  if (!topics) return topics.error();
  if (stats.matched > 0 || topics->size() != previous.size())
    if (auto st = state.save(CacheKind::kTopics, state.program_and_config(), topics->encode()); !st)
      return st.error();
  return topics;
}

// The archive's order, merging the papers new or changed since the previous build's order into
// it. `changed` tells whether it differs from that one.
ArchiveOrder order_papers_cached(const BuildState& state, const Config& config,
                                 const std::vector<PaperRef>& papers, unsigned threads,
                                 bool& changed) {
  // Mapped: the previous order is read in place, not copied into fresh memory; it is a view of
  // the mapping, so declared after it.
  auto saved = state.load(CacheKind::kOrder, state.program_and_config());
  std::optional<ArchiveOrder> previous;
  if (saved) previous = ArchiveOrder::decode(saved->bytes());
  OrderStats stats;
  ArchiveOrder order =
      order_papers(config, papers, threads, previous ? &*previous : nullptr, &stats);
  changed = !previous || stats.changed > 0 || stats.reused != previous->keys().size();
  return order;
}

// Saves the order when it changed, and then drops it (the archive holds all the pages need).
Status save_order(const BuildState& state, ArchiveOrder order, bool changed) {
  if (!changed) return Status::success();
  const ArchiveOrder::Encoded encoded = order.encode();
  const auto pieces = encoded.pieces();
  return state.save(CacheKind::kOrder, state.program_and_config(), pieces);
}

// Renders every page (keeping those whose fingerprint is the last build's) and writes the
// feeds, sitemap and assets beside them; then saves the pages' fingerprints.
Status render_site(const BuildState& state, const SiteData& site, const SiteInputs& inputs,
                   const std::vector<PageJob>& jobs, OutputWriter& writer, unsigned threads,
                   SearchIndexReuse& search) {
  const uint64_t key = BuildState::site_key(inputs.site_hash);
  auto saved = state.load(CacheKind::kPageFingerprints, key);
  const PageFingerprints previous = saved ? PageFingerprints(saved->bytes()) : PageFingerprints();
  std::vector<uint64_t> fingerprints;
  // Feeds, the sitemap and the assets depend on no page: written while the pages render.
  std::future<Status> site_files = std::async(std::launch::async, [&] {
    return write_site_files(site, *inputs.theme, jobs, writer, &search);
  });
  Status pages_written = render_pages(site, *inputs.theme, jobs, writer, threads, inputs.site_hash,
                                      previous, fingerprints);
  Status site_files_written = site_files.get();
  if (!pages_written) return pages_written;
  if (!site_files_written) return site_files_written;
  return state.save(CacheKind::kPageFingerprints, key,
                    PageFingerprints::encode(jobs, fingerprints));
}

// What the search index in the output folder was made from: when this build's would be made
// from the same, its files are kept instead (search_index.h).
SearchIndexReuse previous_search_index(const BuildState& state, const Config& config,
                                       uint64_t manifest_hash) {
  SearchIndexReuse search;
  if (config.search.enabled)
    if (auto saved = state.load(CacheKind::kSearchIndex, search_index_key(state, manifest_hash)))
      search.previous = SearchIndexInputs::decode(saved->bytes());
  return search;
}

// Saved after the manifest, under its hash: with the index kept, the manifest may be another
// one (other pages written), so it is saved again whenever search is on.
Status save_search_index(const BuildState& state, const Config& config,
                         const SearchIndexReuse& search, uint64_t manifest_hash) {
  if (!config.search.enabled || (!search.written && !search.previous)) return Status::success();
  return state.save(CacheKind::kSearchIndex, search_index_key(state, manifest_hash),
                    search.made.encode());
}

}  // namespace

Result<BuildReport> build_site(const Config& config, const BuildOptions& options) {
  BuildReport report;
  StepTimer timer(report);
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::filesystem::path output =
      options.output_dir.empty() ? config.output_path() : options.output_dir;
  const BuildState state(config, output);

  auto inputs = load_inputs(config, state);
  if (!inputs) return inputs.error();
  timer.done("load content and theme");

  uint64_t manifest_hash = 0;
  auto writer = open_output(state, output, manifest_hash);
  if (!writer) return writer.error();
  const std::filesystem::path store = store_file(config.cache_path());
  const uint64_t last_build_key = BuildState::last_build_key(inputs->site_hash, store);
  auto kept = keep_all_if_same_inputs(state, store, last_build_key, **writer, threads, report);
  if (!kept) return kept.error();
  if (*kept) {
    timer.done("same inputs as the last build: every file kept");
    return report;
  }

  auto snapshot = load_store(state, store, threads, report);
  if (!snapshot) return snapshot.error();
  // Saved while the pages render; waited for before the build returns, whichever way.
  std::future<Status> index_saved =
      std::async(std::launch::async, [&] { return save_store_index(state, *snapshot); });
  timer.done("load store");

  auto topics = assign_topics_cached(state, config, snapshot->papers(), threads);
  if (!topics) return topics.error();
  timer.done("match topics");

  bool order_changed = false;
  ArchiveOrder order =
      order_papers_cached(state, config, snapshot->papers(), threads, order_changed);
  const Archive archive = build_archive(config, snapshot->papers(), *topics, order);
  report.papers_in_topics = archive.papers_in_topics;
  std::future<Status> order_saved =
      std::async(std::launch::async, [&state, order_changed, order = std::move(order)]() mutable {
        return save_order(state, std::move(order), order_changed);
      });
  timer.done("group papers");

  const SiteData site{config,
                      snapshot->papers(),
                      archive,
                      inputs->content,
                      newest_date(snapshot->papers()),
                      PaperExtras::used_by(*inputs->theme),
                      inputs->katex_dir};
  const std::vector<PageJob> jobs = plan_pages(site);
  report.pages = jobs.size();
  SearchIndexReuse search = previous_search_index(state, config, manifest_hash);
  if (auto st = render_site(state, site, *inputs, jobs, **writer, threads, search); !st)
    return st.error();
  timer.done("render pages; feeds, sitemap, assets");

  if (auto st = commit_output(state, **writer, manifest_hash); !st) return st.error();
  if (auto st = save_search_index(state, config, search, manifest_hash); !st) return st.error();
  report.write = (*writer)->stats();
  const LastBuild done{snapshot->committed_bytes(), report.write.files, report.papers_loaded,
                       report.papers_in_topics, report.pages};
  if (auto st = state.save(CacheKind::kLastBuild, last_build_key, done.encode()); !st)
    return st.error();
  if (auto st = index_saved.get(); !st) return st.error();
  if (auto st = order_saved.get(); !st) return st.error();
  timer.done("remove stale files");
  return report;
}

}  // namespace paperpress
