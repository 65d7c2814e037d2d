// `paperpress serve` is a program of its own, paperpress-serve, installed beside paperpress:
// only it links cpp-httplib and the OpenSSL, zlib and brotli Debian builds that with, which
// would otherwise be mapped at the start of every command (docs/performance.md, "Start-up").
// `paperpress serve [options]` checks its command line and runs
// `paperpress-serve --site DIR [-q] [options]` in its place (same process, same signals).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "paperpress/cli/commands.h"

namespace paperpress {

inline constexpr const char* kServeProgram = "paperpress-serve";

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 1313;
  std::string out;
  int poll_ms = 300;
};

// The options of serve (--port, --host, --out, --poll-ms), added to `command`.
void add_serve_options(CLI::App& command, ServeArgs& args);

// paperpress-serve's arguments (without the program's name) for these options.
std::vector<std::string> serve_program_args(const GlobalOptions& global, const ServeArgs& args);

}  // namespace paperpress
