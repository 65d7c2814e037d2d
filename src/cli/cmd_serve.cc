// paperpress serve: build the site into a preview folder, serve it on loopback, rebuild on every
// change and reload the open pages.
#include <signal.h>

#include <cstdio>

#include "paperpress/cli/commands.h"
#include "paperpress/serve/serve_session.h"

namespace paperpress {

namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 1313;
  std::string out;
  int poll_ms = 300;
};

void print_event(const ServeEvent& event, bool quiet) {
  if (event.kind == ServeEvent::Kind::kFailed) {
    std::fprintf(stderr, "paperpress: error: %s (%s)\n", event.error.c_str(),
                 event.has_good_build ? "still serving the last good build"
                                      : "serving this error until a build succeeds");
    return;
  }
  if (quiet) return;
  std::string after;
  if (event.change) {
    after = " after a change to " + event.change.first;
    if (event.change.count > 1)
      after += " (and " + std::to_string(event.change.count - 1) + " more)";
  }
  const BuildReport& r = event.report;
  std::fprintf(stderr, "%s%s: %zu pages in %.2f s, %zu files written, %zu removed\n",
               event.change ? "rebuilt" : "built", after.c_str(), r.pages, event.seconds,
               r.write.written, r.write.removed);
}

int run_serve(const GlobalOptions& global, const ServeArgs& args) {
  // Ctrl-C, kill and a closed terminal are taken by sigwait below, not by a handler: every
  // thread the session starts inherits this mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ServeOptions options;
  options.site_dir = global.site_dir;
  options.preview_dir = args.out;
  options.server.host = args.host;
  options.server.port = args.port;
  options.poll_interval = std::chrono::milliseconds(args.poll_ms);
  bool quiet = global.quiet;
  auto session =
      ServeSession::start(options, [quiet](const ServeEvent& e) { print_event(e, quiet); });
  if (!session) return report_error(session.error());
  std::fprintf(stderr, "serving %s (Ctrl-C to stop)\n", (*session)->url().c_str());
  if (args.host != "127.0.0.1" && args.host != "localhost" && args.host != "::1")
    print_warning("listening on " + args.host + ": other machines may reach this preview");

  int signal = 0;
  while (sigwait(&stop_signals, &signal) != 0) {
  }
  (*session)->stop();
  if (!quiet) std::fprintf(stderr, "stopped\n");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve", "Preview the site on a local web server that rebuilds and reloads on changes");
  cmd->add_option("--port", args->port, "Port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--host", args->host, "Address to listen on")->capture_default_str();
  cmd->add_option("--out", args->out,
                  "Preview folder, holding two build slots (default: <site>/.paperpress-serve)");
  cmd->add_option("--poll-ms", args->poll_ms, "How often to look for changes, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(10, 60000));
  cmd->callback(
      [&global, &run, args] { run = [&global, args] { return run_serve(global, *args); }; });
}

}  // namespace paperpress
