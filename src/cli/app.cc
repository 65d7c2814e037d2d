#include "paperpress/cli/app.h"

#include <cstdio>
#include <exception>
#include <iostream>

#include "paperpress/cli/commands.h"

namespace paperpress {

// generated/commit.cc (cmake/commit.cmake): the commit this program is built from.
extern const char kPaperpressCommit[];

Result<Config> load_site(const GlobalOptions& global) {
  return Config::from_dir(global.site_dir);
}

int report_error(const Error& error) {
  std::fprintf(stderr, "paperpress: error: %s\n", error.message.c_str());
  return 1;
}

void print_warning(const std::string& message) {
  std::fprintf(stderr, "paperpress: warning: %s\n", message.c_str());
}

int run_cli(int argc, char** argv) {
  CLI::App app{"paperpress: a static site generator for arXiv paper archives"};
  // The version is CMake's project version, the one the Debian package carries.
  app.set_version_flag("--version", std::string("paperpress ") + PAPERPRESS_VERSION + " (commit " +
                                        kPaperpressCommit + ")");
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--site", global.site_dir, "The site folder (holds site.toml)")
      ->capture_default_str();
  app.add_flag("-q,--quiet", global.quiet, "Print only warnings and errors");

  CommandRunner run;
  add_fetch_command(app, global, run);
  add_import_command(app, global, run);
  add_export_command(app, global, run);
  add_reindex_command(app, global, run);
  add_sample_command(app, global, run);
  add_build_command(app, global, run);
  add_serve_command(app, global, run);
  add_init_command(app, global, run);
  add_check_command(app, global, run);
  add_digest_command(app, global, run);
  for (auto* sub : app.get_subcommands({})) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; any other command-line mistake is usage: 2.
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return run ? run() : 2;
  } catch (const std::exception& e) {
    return report_error(Error{std::string("unexpected failure: ") + e.what()});
  }
}

}  // namespace paperpress
