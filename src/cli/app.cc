#include "paperpress/cli/app.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace paperpress {

int run_cli(int argc, char** argv) {
  CLI::App app{"paperpress: a static site generator for arXiv paper archives"};
  app.set_version_flag("--version", std::string("paperpress ") + PAPERPRESS_VERSION);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace paperpress
