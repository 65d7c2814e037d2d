// paperpress digest: a day's (or a week's) digest per topic into content/digests/, written by
// a language model ([digest] api_url) or from the data alone (--extractive, or no api_url).
#include <cstdio>
#include <cstdlib>

#include "paperpress/cli/commands.h"
#include "paperpress/digest/digest_run.h"
#include "paperpress/ingest/http.h"
#include "paperpress/ingest/clock.h"

namespace paperpress {

namespace {

struct DigestArgs {
  std::string topic;
  std::string date;
  std::string week;
  bool extractive = false;
  bool force = false;
  bool dry_run = false;
};

int run_digest_command(const GlobalOptions& global, const DigestArgs& args) {
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  DigestOptions options;
  options.topic = args.topic;
  if (!args.date.empty()) {
    auto p = day_period(args.date);
    if (!p) return report_error(p.error());
    options.period = *p;
  } else if (!args.week.empty()) {
    auto p = week_period(args.week);
    if (!p) return report_error(p.error());
    options.period = *p;
  }
  options.overwrite = args.force ? Overwrite::kAlways : Overwrite::kUneditedOnly;
  options.sending = args.dry_run ? Sending::kDryRun : Sending::kSend;

  auto days = TopicDays::load(*config);
  if (!days) return report_error(days.error());

  std::unique_ptr<PostClient> http;
  std::unique_ptr<ChatClient> chat;
  if (config->digest.uses_model() && !args.extractive) {
    HttpOptions http_options;
    http_options.user_agent = config->user_agent();
    http_options.timeout_seconds = config->digest.timeout_seconds;
    http_options.max_response_bytes = config->digest.max_response_bytes;
    http = make_curl_post_client(http_options);
    const char* key = std::getenv(config->digest.api_key_env.c_str());
    chat = std::make_unique<ChatClient>(config->digest, key ? key : "", *http, system_clock(),
                                        digest_retry_policy(config->digest));
  }
  DigestOutput out;
  out.info = [&](const std::string& line) {
    if (!global.quiet) std::fprintf(stderr, "%s\n", line.c_str());
  };
  out.warn = [](const std::string& line) { print_warning(line); };
  out.dry_run = [](const std::string& line) { std::printf("%s\n", line.c_str()); };
  auto report = run_digest(*config, *days, options, chat.get(), out);
  if (!report) return report_error(report.error());
  if (chat && !global.quiet && !args.dry_run)
    std::fprintf(stderr, "%d request%s sent, %d answer%s from the cache\n", report->requests_sent,
                 report->requests_sent == 1 ? "" : "s", report->answers_cached,
                 report->answers_cached == 1 ? "" : "s");
  return 0;
}

}  // namespace

void add_digest_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto* cmd = app.add_subcommand(
      "digest", "Write a day's digest of each topic into content/digests/ (model or extractive)");
  auto args = std::make_shared<DigestArgs>();
  cmd->add_option("--topic", args->topic, "Only this topic (its slug)");
  auto* date = cmd->add_option("--date", args->date, "The day YYYY-MM-DD (default: the newest)");
  cmd->add_option("--week", args->week, "An ISO week YYYY-Www instead of a day")->excludes(date);
  cmd->add_flag("--extractive", args->extractive, "From the data alone, without a model");
  cmd->add_flag("--force", args->force, "Overwrite a digest the owner changed");
  cmd->add_flag("--dry-run", args->dry_run, "Print the papers and the cost; send nothing");
  cmd->callback([&global, &run, args] {
    run = [&global, args] { return run_digest_command(global, *args); };
  });
}

}  // namespace paperpress
