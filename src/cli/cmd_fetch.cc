// paperpress fetch: the query API per topic, or an OAI-PMH harvest with --oai.
#include <cstdio>

#include "paperpress/cli/commands.h"
#include "paperpress/ingest/api_fetcher.h"
#include "paperpress/ingest/cache.h"
#include "paperpress/ingest/oai_harvester.h"
#include "paperpress/ingest/progress.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

struct FetchArgs {
  std::vector<std::string> topics;
  bool oai = false;
  OaiRequest oai_request;
};

int run_fetch(const GlobalOptions& global, const FetchArgs& args) {
  auto config = load_site(global);
  if (!config) return report_error(config.error());
  Progress progress(pick_progress_mode(stderr, global.quiet));
  auto cache =
      Cache::open(config->cache_path(), [&](const std::string& w) { progress.warning(w); });
  if (!cache) return report_error(cache.error());
  if (cache->recovered_entries() > 0)
    progress.info("applied " + std::to_string(cache->recovered_entries()) +
                  " cached responses left by an interrupted run");

  auto http = make_curl_client(HttpOptions{config->user_agent(), config->arxiv.timeout_seconds, 30,
                                           config->arxiv.max_response_bytes, 5});
  RetryPolicy policy;
  policy.delay_seconds = config->arxiv.delay_seconds;
  policy.max_tries = config->arxiv.max_tries;
  policy.backoff_seconds = std::max(1.0, config->arxiv.delay_seconds);
  PoliteClient client(*http, system_clock(), policy, &progress);
  UnixSeconds now = now_utc();

  int failures = 0;
  if (args.oai) {
    OaiHarvester harvester(*config, *cache, client, progress);
    if (auto st = harvester.harvest(args.oai_request, format_date(now)); !st) {
      progress.finish();
      report_error(st.error());
      ++failures;
    }
  } else {
    for (const auto& slug : args.topics) {
      bool known = std::any_of(config->topics.begin(), config->topics.end(),
                               [&](const Topic& t) { return t.slug == slug; });
      if (!known) return report_error(Error{"no topic '" + slug + "' in site.toml"});
    }
    if (config->topics.empty()) return report_error(Error{"site.toml has no [[topics]] to fetch"});
    if (!args.oai_request.set.empty() || !args.oai_request.from.empty() ||
        !args.oai_request.until.empty())
      return report_error(Error{"--set, --from and --until go with --oai"});
    ApiFetcher fetcher(*config, *cache, client, progress);
    for (const Topic& topic : config->topics) {
      if (!args.topics.empty() &&
          std::find(args.topics.begin(), args.topics.end(), topic.slug) == args.topics.end())
        continue;
      if (auto st = fetcher.fetch_topic(topic, now); !st) {
        progress.finish();
        report_error(Error{"topic " + topic.slug + ": " + st.error().message});
        ++failures;
      }
    }
  }
  progress.finish();
  const IngestCounts& c = progress.counts();
  if (!global.quiet || failures)
    std::fprintf(
        stderr,
        "fetched: %d requests, %zu papers seen, %zu new, %zu updated; %zu papers stored%s\n",
        c.requests, c.seen, c.added, c.updated, cache->store().size(),
        failures ? " (incomplete: see errors above; what was fetched is kept)" : "");
  return failures ? 1 : 0;
}

}  // namespace

void add_fetch_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto args = std::make_shared<FetchArgs>();
  auto* cmd = app.add_subcommand("fetch", "Fetch new papers from arXiv into the cache");
  cmd->add_option("--topic", args->topics, "Only these topics (slugs); default all");
  cmd->add_flag("--oai", args->oai, "Harvest over OAI-PMH instead of the query API");
  cmd->add_option("--set", args->oai_request.set, "OAI-PMH set, e.g. cs or cs:cs:AI");
  auto date = CLI::Validator(
      [](std::string& text) {
        return text.size() == 10 && parse_iso8601(text)
                   ? std::string()
                   : "expected a date YYYY-MM-DD, not '" + text + "'";
      },
      "YYYY-MM-DD");
  cmd->add_option("--from", args->oai_request.from, "OAI-PMH from date YYYY-MM-DD")->check(date);
  cmd->add_option("--until", args->oai_request.until, "OAI-PMH until date YYYY-MM-DD")->check(date);
  cmd->add_option("--format", args->oai_request.metadata_prefix, "OAI-PMH metadata format")
      ->check(CLI::IsMember({"arXivRaw", "arXiv"}))
      ->capture_default_str();
  cmd->callback(
      [&global, &run, args] { run = [&global, args] { return run_fetch(global, *args); }; });
}

}  // namespace paperpress
