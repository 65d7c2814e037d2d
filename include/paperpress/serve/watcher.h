// Notices edits to a site by polling: each poll() stats every file under the watched paths and
// compares size, modification time and inode with the previous poll. Portable, needs no
// inotify, and cheap at the scale of a site's sources (the paper store is one file).
// Editor leftovers are ignored: names starting with '.' or '#', ending with '~', and vim's
// .swp/.swx/.swo files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace paperpress {

struct WatchChange {
  size_t count = 0;   // files added, changed or removed; 0: nothing changed
  std::string first;  // one of them, for messages
  explicit operator bool() const { return count != 0; }
};

class Watcher {
 public:
  // Each path is a file or a folder (watched recursively); it need not exist yet.
  explicit Watcher(std::vector<std::filesystem::path> paths = {});

  // Watches `paths` from now on; when they differ from the current ones, takes a new baseline
  // without reporting a change.
  void set_paths(std::vector<std::filesystem::path> paths);
  const std::vector<std::filesystem::path>& paths() const { return paths_; }

  // Scans the paths and reports what differs from the previous scan. The first scan records a
  // baseline and reports nothing.
  WatchChange poll();

  size_t file_count() const { return files_.size(); }

 private:
  struct Stamp {
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    uint64_t inode = 0;
    bool operator==(const Stamp&) const = default;
  };
  std::map<std::string, Stamp> scan() const;

  std::vector<std::filesystem::path> paths_;
  std::map<std::string, Stamp> files_;
  bool scanned_ = false;
};

// True for the file names the watcher ignores (editor swap, backup and lock files).
bool is_ignored_name(std::string_view name);

}  // namespace paperpress
