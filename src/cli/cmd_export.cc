// paperpress export: the store as JSON lines on stdout, one paper a line.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "paperpress/cli/commands.h"
#include "paperpress/store/export.h"
#include "paperpress/store/paper_store.h"

namespace paperpress {

namespace {

int run_export(const GlobalOptions& global) {
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  auto snapshot = StoreSnapshot::load(store_file(config->cache_path()));
  if (!snapshot) return report_error(snapshot.error());
  std::string out;
  for (const PaperRef* p : papers_in_export_order(*snapshot)) {
    out.clear();
    append_export_line(*p, out);
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size())
      return report_error(Error{"cannot write to standard output"});
  }
  if (std::fflush(stdout) != 0) return report_error(Error{"cannot write to standard output"});
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto* cmd = app.add_subcommand("export", "Write the paper store to stdout as JSON lines");
  cmd->callback([&global, &run] { run = [&global] { return run_export(global); }; });
}

}  // namespace paperpress
