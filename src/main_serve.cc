// paperpress-serve, the program `paperpress serve` runs: builds the site into a preview folder,
// serves it on loopback, rebuilds on every change and reloads the open pages (docs/serve.md).
// A program of its own so that only it links cpp-httplib (cli/serve_command.h).
#include <signal.h>

#include <cstdio>
#include <exception>
#include <string>

#include "paperpress/cli/commands.h"
#include "paperpress/cli/serve_command.h"
#include "paperpress/serve/serve_session.h"

namespace paperpress {

namespace {

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

int run_serve_cli(int argc, char** argv) {
  CLI::App app{
      "paperpress-serve: preview a paperpress site on a local web server that rebuilds and "
      "reloads on changes (what `paperpress serve` runs)"};
  app.set_version_flag("--version", std::string("paperpress-serve ") + PAPERPRESS_VERSION);
  GlobalOptions global;
  ServeArgs args;
  app.add_option("--site", global.site_dir, "The site folder (holds site.toml)")
      ->capture_default_str();
  app.add_flag("-q,--quiet", global.quiet, "Print only warnings and errors");
  add_serve_options(app, args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return run_serve(global, args);
  } catch (const std::exception& e) {
    return report_error(Error{std::string("unexpected failure: ") + e.what()});
  }
}

}  // namespace

}  // namespace paperpress

int main(int argc, char** argv) {
  return paperpress::run_serve_cli(argc, argv);
}
