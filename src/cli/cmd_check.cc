// paperpress check: links, anchors, titles and XML of the built site; exit 1 when any is broken.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "paperpress/check/site_checker.h"
#include "paperpress/cli/commands.h"

namespace paperpress {

namespace {

struct CheckArgs {
  std::string out;
  bool external = false;
  size_t external_limit = 500;
  double external_delay = 1.0;
  unsigned threads = 0;
};

int run_check(const GlobalOptions& global, const CheckArgs& args) {
  auto started = std::chrono::steady_clock::now();
  CheckOptions options;
  std::string user_agent = std::string("paperpress/") + PAPERPRESS_VERSION + " (link check)";
  // A folder given with --out can be checked without a site.toml; then no base_url is known.
  bool has_site = std::filesystem::exists(std::filesystem::path(global.site_dir) / "site.toml");
  if (has_site || args.out.empty()) {
    auto config = load_site(global);
    if (!config) return report_error(config.error());
    options.output_dir = config->output_path();
    options.base_url = config->base_url;
    user_agent = config->user_agent() + " link check";
  }
  if (!args.out.empty()) options.output_dir = args.out;
  options.threads = args.threads;
  options.external = args.external ? ExternalLinks::kCheck : ExternalLinks::kSkip;
  options.external_options.limit = args.external_limit;
  options.external_options.per_host_delay_seconds = args.external_delay;

  std::unique_ptr<LinkProbe> probe;
  if (args.external) probe = make_curl_link_probe(HttpOptions{user_agent, 15, 10, 0, 5});
  auto report = check_site(options, probe.get(), &system_clock());
  if (!report) return report_error(report.error());

  for (const CheckProblem& problem : report->problems)
    std::printf("%s\n", format_problem(problem, options.output_dir).c_str());
  if (!global.quiet) {
    for (const std::string& unchecked : report->external_unchecked)
      std::fprintf(stderr, "paperpress: note: external link %s\n", unchecked.c_str());
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!global.quiet || !report->problems.empty()) {
    std::string external =
        args.external ? std::to_string(report->external_checked) + " of " +
                            std::to_string(report->external_links) + " external links checked"
                      : std::to_string(report->external_link_uses) +
                            " links to other sites not checked (--external checks them)";
    std::printf(
        "checked %zu HTML pages, %zu Markdown pages, %zu XML files: %zu links, %zu anchors; "
        "%s; %zu problem%s (%.2f s)\n",
        report->html_pages, report->markdown_pages, report->xml_files, report->links,
        report->anchors, external.c_str(), report->problems.size(),
        report->problems.size() == 1 ? "" : "s", secs);
  }
  std::fflush(stdout);
  return report->problems.empty() ? 0 : 1;
}

}  // namespace

void add_check_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check", "Check the built site: internal links and anchors, page titles, feeds and sitemap");
  cmd->add_option("--out", args->out, "The built site (default: the site's output_dir, public/)");
  cmd->add_flag("--external", args->external,
                "Also check links to other sites (HEAD requests, one per host per second)");
  cmd->add_option("--external-limit", args->external_limit,
                  "Check at most this many distinct external links")
      ->capture_default_str();
  cmd->add_option("--external-delay", args->external_delay,
                  "Seconds between two requests to one host")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--threads", args->threads, "Threads (default: one per core)");
  cmd->callback(
      [&global, &run, args] { run = [&global, args] { return run_check(global, *args); }; });
}

}  // namespace paperpress
