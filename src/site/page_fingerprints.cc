#include "paperpress/site/page_fingerprints.h"
#include "paperpress/util/text.h"

#include <algorithm>
#include <charconv>

namespace paperpress {

PageFingerprints::PageFingerprints(std::string_view payload) {
  std::string_view rest = payload;
  while (!rest.empty()) {
    size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    size_t tab = line.find('\t');
    uint64_t fingerprint = 0;
    if (tab == std::string_view::npos ||
        std::from_chars(line.data() + tab + 1, line.data() + line.size(), fingerprint, 16).ec !=
            std::errc())
      continue;
    previous_[line.substr(0, tab)] = fingerprint;
  }
}

bool PageFingerprints::same(std::string_view key, uint64_t fingerprint) const {
  auto it = previous_.find(key);
  return it != previous_.end() && it->second == fingerprint;
}

std::string PageFingerprints::encode(const std::vector<PageJob>& jobs,
                                     const std::vector<uint64_t>& fingerprints) {
  std::string out;
  out.reserve(jobs.size() * 48);
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (fingerprints[i] == 0) continue;
    out += jobs[i].key;
    out += '\t';
    out += hex64(fingerprints[i]);
    out += '\n';
  }
  return out;
}

}  // namespace paperpress
