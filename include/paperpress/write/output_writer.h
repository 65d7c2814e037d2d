// Writes the built site, touching only files whose bytes changed (unchanged files keep their
// modification time, so deploys and rsync move nothing), and removes files a build no longer
// produces. Thread-safe: pages render and write in parallel.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "paperpress/util/result.h"

namespace paperpress {

struct WriteStats {
  size_t files = 0;      // produced by the build
  size_t written = 0;    // created or changed on disk
  size_t unchanged = 0;  // same bytes as before: not touched
  size_t removed = 0;    // stale files deleted
  size_t bytes = 0;      // total size of the produced files
};

class OutputWriter {
 public:
  // Refuses a folder that holds files but no marker of an earlier paperpress build, so that a
  // mistyped output_dir never has its files deleted.
  static Result<std::unique_ptr<OutputWriter>> open(const std::filesystem::path& root);

  // Writes `bytes` to root/relative unless the file already holds exactly them.
  Status write(std::string_view relative, std::string_view bytes);

  // Deletes every file under root that this build did not write (and empty folders).
  Status remove_stale();

  WriteStats stats() const;
  const std::filesystem::path& root() const { return root_; }

  static constexpr std::string_view kMarker = ".paperpress-output";

 private:
  explicit OutputWriter(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> produced_;
  std::unordered_set<std::string> dirs_made_;
  std::atomic<size_t> written_{0}, unchanged_{0}, removed_{0}, bytes_{0};
};

}  // namespace paperpress
