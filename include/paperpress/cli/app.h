// The command line: one function per subcommand, each in its own file under src/cli/.
#pragma once

namespace paperpress {

// Parses argv, runs the chosen subcommand and returns the process exit code:
// 0 success, 1 a user error (bad config, bad input, failed fetch), 2 bad usage.
int run_cli(int argc, char** argv);

}  // namespace paperpress
