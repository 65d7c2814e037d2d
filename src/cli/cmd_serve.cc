// paperpress serve: checks its command line and runs the program paperpress-serve in its place
// (cli/serve_command.h); the preview itself is src/main_serve.cc.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "paperpress/cli/serve_command.h"

namespace paperpress {

namespace {

// paperpress-serve beside the running program (both are in build/, or both in bin/).
std::filesystem::path serve_program() {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return kServeProgram;
  return self.parent_path() / kServeProgram;
}

int run_serve_program(const GlobalOptions& global, const ServeArgs& args) {
  std::filesystem::path program = serve_program();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(program, ec))
    return report_error(Error{"cannot start the preview server: " + program.string() +
                              " is missing (CMake builds it beside paperpress, as target " +
                              kServeProgram + ")"});
  std::vector<std::string> arguments = serve_program_args(global, args);
  std::vector<char*> argv;
  std::string name = program.string();
  argv.push_back(name.data());
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);
  ::execv(name.c_str(), argv.data());
  return report_error(
      Error{"cannot start the preview server: " + name + ": " + std::strerror(errno)});
}

}  // namespace

void add_serve_options(CLI::App& command, ServeArgs& args) {
  command.add_option("--port", args.port, "Port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command.add_option("--host", args.host, "Address to listen on")->capture_default_str();
  command.add_option("--out", args.out,
                     "Preview folder, holding two build slots (default: <site>/.paperpress-serve)");
  command.add_option("--poll-ms", args.poll_ms, "How often to look for changes, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(10, 60000));
}

std::vector<std::string> serve_program_args(const GlobalOptions& global, const ServeArgs& args) {
  std::vector<std::string> out = {"--site", global.site_dir};
  if (global.quiet) out.push_back("--quiet");
  out.insert(out.end(), {"--host", args.host, "--port", std::to_string(args.port), "--poll-ms",
                         std::to_string(args.poll_ms)});
  if (!args.out.empty()) out.insert(out.end(), {"--out", args.out});
  return out;
}

void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve", "Preview the site on a local web server that rebuilds and reloads on changes");
  add_serve_options(*cmd, *args);
  cmd->callback([&global, &run, args] {
    run = [&global, args] { return run_serve_program(global, *args); };
  });
}

}  // namespace paperpress
