// The fingerprints of the pages of the previous build of an output folder: a part or day page
// whose fingerprint is unchanged and whose files are untouched is kept as it is. Kept in the
// build cache (site/build_state.h) as "key<TAB>hex" lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paperpress/render/views.h"

namespace paperpress {

class PageFingerprints {
 public:
  PageFingerprints() = default;  // no previous build
  // The lines of `payload`, which must outlive this (the keys are views into it); a malformed
  // line is skipped.
  explicit PageFingerprints(std::string_view payload);
  bool same(std::string_view key, uint64_t fingerprint) const;
  // The payload of the fingerprints of `jobs` (0: not kept).
  static std::string encode(const std::vector<PageJob>& jobs,
                            const std::vector<uint64_t>& fingerprints);

 private:
  std::unordered_map<std::string_view, uint64_t> previous_;
};

}  // namespace paperpress
