// paperpress import kaggle FILE: the public JSON-lines metadata snapshot.
#include <cstdio>

#include "paperpress/cli/commands.h"
#include "paperpress/ingest/cache.h"
#include "paperpress/ingest/progress.h"

namespace paperpress {

namespace {

int run_import(const GlobalOptions& global, const std::string& file) {
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  if (!std::filesystem::is_regular_file(file)) return report_error(Error{file + ": no such file"});
  Progress progress(pick_progress_mode(stderr, global.quiet));
  size_t warnings = 0;
  auto warn = [&](const std::string& w) {
    if (++warnings <= 50) progress.warning(w);
  };
  auto cache = Cache::open(config->cache_path(), warn);
  if (!cache) return report_error(cache.error());
  auto entry = cache->raw().add_file(RawKind::kKaggle, file);
  if (!entry) return report_error(entry.error());
  progress.info("importing " + file + " as " + entry->body_path.string());
  auto applied = apply_raw_entry(*entry, cache->store(), warn);
  if (!applied) return report_error(applied.error());
  if (warnings > 50) progress.warning(std::to_string(warnings - 50) + " more warnings not shown");
  if (!global.quiet || applied->skipped)
    std::fprintf(
        stderr,
        "imported: %zu papers read, %zu new, %zu updated, %zu lines skipped; %zu papers stored\n",
        applied->papers, applied->store.added, applied->store.updated, applied->skipped,
        cache->store().size());
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("import", "Import papers from a local metadata file");
  auto* kaggle = cmd->add_subcommand(
      "kaggle", "The arXiv JSON-lines snapshot (arxiv-metadata-oai-snapshot.json)");
  kaggle->add_option("FILE", *file, "The JSON-lines file")->required();
  kaggle->fallthrough();
  cmd->require_subcommand(1);
  kaggle->callback(
      [&global, &run, file] { run = [&global, file] { return run_import(global, *file); }; });
}

}  // namespace paperpress
