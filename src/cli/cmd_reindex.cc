// paperpress reindex: rebuild the store from the raw cache, with no network.
#include <chrono>
#include <cstdio>

#include "paperpress/cli/commands.h"
#include "paperpress/ingest/reindex.h"

namespace paperpress {

namespace {

int run_reindex(const GlobalOptions& global) {
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  auto cache = Cache::open(config->cache_path(), print_warning);
  if (!cache) return report_error(cache.error());
  auto t0 = std::chrono::steady_clock::now();
  size_t warnings = 0;
  auto stats = reindex(*cache, [&](const std::string& w) {
    if (++warnings <= 50) print_warning(w);
  });
  if (!stats) return report_error(stats.error());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!global.quiet)
    std::fprintf(
        stderr,
        "reindexed: %zu raw entries (%.1f MB, %zu unusable) → %zu papers in %.2f s (%.0f MB/s)\n",
        stats->entries, stats->raw_bytes / 1e6, stats->failed_entries, stats->papers, secs,
        secs > 0 ? stats->raw_bytes / 1e6 / secs : 0.0);
  return 0;
}

}  // namespace

void add_reindex_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto* cmd =
      app.add_subcommand("reindex", "Rebuild the paper store from the raw cache (no network)");
  cmd->callback([&global, &run] { run = [&global] { return run_reindex(global); }; });
}

}  // namespace paperpress
