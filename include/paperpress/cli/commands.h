// Subcommand registration. Each subcommand lives in src/cli/cmd_<name>.cc and adds itself to
// the app; its run function returns the exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "paperpress/config/config.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct GlobalOptions {
  std::string site_dir = ".";
  bool quiet = false;
};

using CommandRunner = std::function<int()>;

// Each adds a subcommand to `app` and sets `run` when it is chosen.
void add_fetch_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_import_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_export_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_reindex_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_sample_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_build_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_init_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_check_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void add_digest_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run);

// Shared by the commands.
Result<Config> load_site(const GlobalOptions& global);
int report_error(const Error& error);  // prints "paperpress: error: ..." and returns 1
void print_warning(const std::string& message);

}  // namespace paperpress
