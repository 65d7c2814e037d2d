// The fingerprints of the pages of the previous build of an output folder, kept in the build
// cache as "key<TAB>hex" lines: a part or day page whose fingerprint is unchanged and whose
// files are untouched is kept as it is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paperpress/render/views.h"
#include "paperpress/util/result.h"

namespace paperpress {

class PageFingerprints {
 public:
  // Reads `file`; a missing or unreadable file is an empty previous build.
  explicit PageFingerprints(std::filesystem::path file);
  bool same(std::string_view key, uint64_t fingerprint) const;
  // Writes the fingerprints of `jobs` (0: not kept) to the file.
  Status save(const std::vector<PageJob>& jobs, const std::vector<uint64_t>& fingerprints) const;

 private:
  std::filesystem::path file_;
  std::string text_;
  std::unordered_map<std::string_view, uint64_t> previous_;
};

}  // namespace paperpress
