// The Debian package in tests: made with cpack from this build, as scripts/package.sh makes it
// for a release (tests/package_test.cc installs it; tests/deploy_test.cc serves it as a local
// release). A sanitizer build is never packaged.
#pragma once

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "test_support.h"

namespace paperpress::testing {

// Runs `command` with /bin/sh; stdout and stderr as run_program gives them.
inline RunResult shell(const std::string& command) {
  return run_program({"/bin/sh", "-c", command});
}

// "'text'" for sh, whatever text holds.
inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline bool have_command(const std::string& name) {
  return shell("command -v " + shell_quote(name) + " >/dev/null").exit_code == 0;
}

// Why this build cannot be packaged here, or "" when it can.
inline std::string packaging_unavailable() {
#ifdef PAPERPRESS_SANITIZED
  return "a sanitizer build is not packaged (scripts/package.sh packages the Release build)";
#else
  if (::access(PAPERPRESS_CPACK, X_OK) != 0) return std::string("no cpack at ") + PAPERPRESS_CPACK;
  for (const char* tool : {"dpkg", "dpkg-deb", "dpkg-shlibdeps", "strip", "file"})
    if (!have_command(tool))
      return std::string(tool) + " is not installed (scripts/setup.sh --package installs it)";
  return "";
#endif
}

struct Package {
  std::filesystem::path deb;  // empty when cpack failed
  std::string error;          // cpack's output then
};

// `cpack -G DEB` for this build, into `dir`. cpack first brings the build up to date (a no-op
// after the build the tests run from); two of them never run at once on one build folder.
inline Package make_package(const std::filesystem::path& dir) {
  Package package;
  std::string lock = std::string(PAPERPRESS_BUILD_DIR) + "/package-test.lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) ::flock(fd, LOCK_EX);
  auto r =
      shell("cd " + shell_quote(PAPERPRESS_BUILD_DIR) + " && " + shell_quote(PAPERPRESS_CPACK) +
            " -G DEB -B " + shell_quote(dir.string()) + " 2>&1");
  if (fd >= 0) ::close(fd);
  if (r.exit_code != 0) {
    package.error = "cpack failed: " + r.out + r.err;
    return package;
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".deb") package.deb = entry.path();
  if (package.deb.empty()) package.error = "cpack wrote no .deb: " + r.out;
  return package;
}

}  // namespace paperpress::testing
