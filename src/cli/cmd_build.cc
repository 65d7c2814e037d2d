// paperpress build: the store and content/ → the static site in public/.
#include <chrono>
#include <cstdio>

#include "paperpress/cli/commands.h"
#include "paperpress/site/site_builder.h"

namespace paperpress {

namespace {

struct BuildArgs {
  std::string out;
  unsigned threads = 0;
  bool timings = false;
};

int run_build(const GlobalOptions& global, const BuildArgs& args) {
  auto started = std::chrono::steady_clock::now();
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  BuildOptions options;
  if (!args.out.empty()) options.output_dir = args.out;
  options.threads = args.threads;
  auto report = build_site(*config, options);
  if (!report) return report_error(report.error());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (args.timings) {
    for (const auto& [step, s] : report->step_seconds)
      std::fprintf(stderr, "  %-24s %8.3f s\n", step.c_str(), s);
    if (report->store_from_index)
      std::fprintf(stderr, "  store: read %zu of %zu bytes, the rest known from its index\n",
                   report->store_bytes_read, report->store_bytes);
    else if (report->store_bytes > 0)
      std::fprintf(stderr, "  store: read in full, %zu bytes\n", report->store_bytes);
  }
  if (!global.quiet)
    std::fprintf(
        stderr,
        "built: %zu papers in topics (of %zu stored), %zu pages; %zu files "
        "(%zu written, %zu unchanged, %zu removed), %.1f MB in %.2f s → %s\n",
        report->papers_in_topics, report->papers_loaded, report->pages, report->write.files,
        report->write.written, report->write.unchanged, report->write.removed,
        report->write.bytes / 1e6, secs,
        (options.output_dir.empty() ? config->output_path() : options.output_dir).string().c_str());
  return 0;
}

}  // namespace

void add_build_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto args = std::make_shared<BuildArgs>();
  auto* cmd = app.add_subcommand("build",
                                 "Build the site (HTML and Markdown mirrors) from the paper store");
  cmd->add_option("--out", args->out, "Output folder (default: the site's output_dir, public/)");
  cmd->add_option("--threads", args->threads, "Rendering threads (default: one per core)");
  cmd->add_flag("--timings", args->timings, "Print how long each step took");
  cmd->callback(
      [&global, &run, args] { run = [&global, args] { return run_build(global, *args); }; });
}

}  // namespace paperpress
