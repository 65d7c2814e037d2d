#include "paperpress/util/program_id.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "paperpress/util/hash.h"

namespace paperpress {
namespace {

// The build ID `readelf -n` reports for the executable at `path`, as bytes; empty without
// readelf or without a build ID.
std::string build_id_from_readelf(const std::string& path) {
  std::string command = "readelf -n '" + path + "' 2>/dev/null | sed -n 's/.*Build ID: *//p'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "";
  char line[256] = {};
  if (!std::fgets(line, sizeof line, pipe.get())) return "";
  std::string hex(line);
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

TEST(ProgramFingerprint, IsTheLinkersBuildIdOfThisProgram) {
  char exe[4096] = {};
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  ASSERT_GT(n, 0);
  std::string id = build_id_from_readelf(std::string(exe, static_cast<size_t>(n)));
  if (id.empty()) GTEST_SKIP() << "no readelf, or this program has no build ID";
  EXPECT_EQ(id.size(), 20u);  // GNU ld's default: a SHA-1
  EXPECT_EQ(program_fingerprint(), hash_combine(hash_bytes("build-id"), hash_bytes(id)));
  EXPECT_EQ(program_fingerprint(), program_fingerprint());
}

}  // namespace
}  // namespace paperpress
