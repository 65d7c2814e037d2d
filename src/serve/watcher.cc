#include "paperpress/serve/watcher.h"

#include <sys/stat.h>

#include <system_error>

#include "paperpress/util/text.h"

namespace paperpress {

bool is_ignored_name(std::string_view name) {
  return name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~' ||
         ends_with(name, ".swp") || ends_with(name, ".swx") || ends_with(name, ".swo");
}

Watcher::Watcher(std::vector<std::filesystem::path> paths) : paths_(std::move(paths)) {}

void Watcher::set_paths(std::vector<std::filesystem::path> paths) {
  if (paths == paths_) return;
  paths_ = std::move(paths);
  files_ = scan();
  scanned_ = true;
}

WatchChange Watcher::poll() {
  std::map<std::string, Stamp> now = scan();
  WatchChange change;
  if (scanned_) {
    // Both maps are sorted by path: one merge pass finds additions, removals and changes.
    auto a = files_.begin(), b = now.begin();
    while (a != files_.end() || b != now.end()) {
      const std::string* differs = nullptr;
      if (b == now.end() || (a != files_.end() && a->first < b->first)) {
        differs = &a->first;
        ++a;
      } else if (a == files_.end() || b->first < a->first) {
        differs = &b->first;
        ++b;
      } else {
        if (!(a->second == b->second)) differs = &b->first;
        ++a;
        ++b;
      }
      if (differs) {
        if (change.count++ == 0) change.first = *differs;
      }
    }
  }
  files_ = std::move(now);
  scanned_ = true;
  return change;
}

std::map<std::string, Watcher::Stamp> Watcher::scan() const {
  std::map<std::string, Stamp> files;
  auto add = [&files](const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    files[path.string()] =
        Stamp{static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
              static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_ino)};
  };
  for (const auto& root : paths_) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) {
      add(root);
      continue;
    }
    auto options = std::filesystem::directory_options::skip_permission_denied;
    for (auto it = std::filesystem::recursive_directory_iterator(root, options, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (is_ignored_name(it->path().filename().string())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      add(it->path());
    }
  }
  return files;
}

}  // namespace paperpress
