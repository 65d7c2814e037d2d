// paperpress sample: a deterministic sample archive, for running everything without network.
#include <cstdio>

#include "paperpress/cli/commands.h"
#include "paperpress/sample/sample.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

int run_sample(const GlobalOptions& global, SampleOptions options) {
  options.until = now_utc();  // no sample paper is dated in the future
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  auto cache = Cache::open(config->cache_path(), print_warning);
  if (!cache) return report_error(cache.error());
  auto stats = write_sample(*config, options, *cache);
  if (!stats) return report_error(stats.error());
  if (!global.quiet)
    std::fprintf(
        stderr,
        "sample: %zu papers (seed %llu) in %zu raw responses (%.1f MB); %zu new, %zu updated; "
        "%zu papers stored in %s\n",
        stats->papers, static_cast<unsigned long long>(options.seed), stats->raw_entries,
        stats->raw_bytes / 1e6, stats->store.added, stats->store.updated, cache->store().size(),
        config->cache_path().string().c_str());
  return 0;
}

}  // namespace

void add_sample_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto options = std::make_shared<SampleOptions>();
  auto* cmd = app.add_subcommand(
      "sample", "Write a deterministic sample archive into the cache (no network)");
  cmd->add_option("--papers", options->papers, "How many papers")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  cmd->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  cmd->add_option("--months", options->months,
                  "Months to spread over from archive.since (0: by size)")
      ->check(CLI::Range(0, 1200));
  cmd->add_option("--add", options->add,
                  "Write only papers after the first --papers ones, dated after them (growth)")
      ->check(CLI::Range(0, 100000000));
  cmd->add_option("--vocabulary", options->vocabulary,
                  "Also fill each abstract with 40-120 words of this many made-up ones, Zipf-"
                  "distributed (a real archive's rare terms, for measuring search)")
      ->check(CLI::Range(0, 100000000));
  cmd->callback([&global, &run, options] {
    run = [&global, options] { return run_sample(global, *options); };
  });
}

}  // namespace paperpress
