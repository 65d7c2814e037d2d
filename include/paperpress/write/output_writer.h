// Writes the built site, touching only files whose bytes changed (unchanged files keep their
// modification time, so deploys and rsync move nothing), and removes files a build no longer
// produces. Thread-safe: pages render and write in parallel.
//
// A manifest (kept by the caller outside root, e.g. in the build cache: open() takes the previous
// one, manifest() gives the new one to save after commit()) records, per file, a 64-bit hash of its
// bytes with the size and modification time it had when written. A file whose new bytes hash the
// same and whose size and modification time on disk still match is unchanged without being read;
// any other file (deleted, edited by hand, or written in the same clock tick as the manifest) is
// compared byte for byte and rewritten when it differs. The manifest also records each folder's
// modification time: a folder that still has it holds exactly the files the manifest lists there
// (adding or removing an entry changes a folder's time), so stale files in it are removed without
// listing it. Folders that changed since are listed.
//
// A reader never sees a half-written file. Into an output folder that is missing or empty (a
// first build, a CI runner), the whole site is written to a hidden sibling folder, staged(),
// and renamed into place by commit(): one file creation per file, half the directory work of a
// temporary file per file. Otherwise each changed file goes to a temporary file renamed over
// the old one.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

struct WriteStats {
  size_t files = 0;      // produced by the build
  size_t written = 0;    // created or changed on disk
  size_t unchanged = 0;  // same bytes as before: not touched
  size_t removed = 0;    // stale files deleted
  size_t bytes = 0;      // total size of the produced files
  size_t compared = 0;   // unchanged files that had to be read to be sure
  size_t listed = 0;     // folders read to find files the build did not produce
};

// The manifest of the previous build, as manifest() gave it, and when it was saved (files
// written in that clock tick or later are compared byte by byte). Empty text: none.
struct PreviousManifest {
  std::string text;
  int64_t saved_ns = 0;
};

class OutputWriter {
 public:
  // Refuses a folder that holds files but no marker of an earlier paperpress build, so that a
  // mistyped output_dir never has its files deleted. Without a previous manifest (or with one
  // that does not parse) every existing file is read and compared.
  static Result<std::unique_ptr<OutputWriter>> open(const std::filesystem::path& root,
                                                    PreviousManifest previous = {});
  // A staged build that ends without commit() (it failed: a full disk, a template error)
  // removes its staging folder: those files are worth nothing, and on a full disk they hold the
  // space. A build killed outright leaves it to the next one, which removes it first.
  ~OutputWriter();

  // Writes `bytes` to root/relative unless the file already holds exactly them.
  Status write(std::string_view relative, std::string_view bytes);

  // Keeps root/relative as the previous build wrote it, without its bytes: true when the
  // manifest knows the file and it is on disk untouched (same size and modification time).
  // False means the caller must write() it.
  bool keep(std::string_view relative);

  // Keeps every file the previous build wrote under `folder` ("search/"), as keep() would, and
  // returns how many; 0 when there were none or one is not on disk untouched (then some may be
  // kept, and the caller must write() every file of the folder). Thread-safe as keep() is.
  size_t keep_folder(std::string_view folder);

  // Keeps every file the previous build wrote, as keep() would, when the manifest lists
  // `expected_files` files and every one is untouched on disk; otherwise keeps none and returns
  // false. For a build whose inputs are exactly the previous build's; checks files on `threads`
  // threads.
  bool keep_all(size_t expected_files, unsigned threads = 1);

  // Ends the build: deletes every file under root that this build did not write (and empty
  // folders), or moves a staged output into place; then records the manifest of the written
  // files. Until then a staged build's files are only in the staging folder.
  Status commit();
  // After commit(): the manifest of this build, to be saved once the files are written, or
  // nullopt when the previous one says the same already (a build that changed nothing leaves it
  // as it is, and its modification time with it).
  std::optional<std::string> manifest() const;

  WriteStats stats() const;
  const std::filesystem::path& root() const { return root_; }
  // True when files go to the staging folder, to be moved to root() by commit().
  bool staged() const { return !stage_.empty(); }

  static constexpr std::string_view kMarker = ".paperpress-output";

  // The staging folder of an output folder: hidden, beside it (so on the same file system).
  static std::filesystem::path staging_folder(const std::filesystem::path& root);

  struct FileState {
    uint64_t hash = 0;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    uint32_t index = kNoIndex;  // of a manifest entry: its place in the manifest
    static constexpr uint32_t kNoIndex = UINT32_MAX;
  };

 private:
  explicit OutputWriter(std::filesystem::path root) : root_(std::move(root)) {}
  void load_manifest(PreviousManifest previous);
  bool manifest_current() const;
  std::string encode_manifest() const;
  // On disk as the manifest records it. A file written in the manifest's own clock tick is
  // refused (the caller then writes it, comparing bytes) or, with kReadBytes, read and hashed.
  enum class Racy { kRefuse, kReadBytes };
  bool untouched(std::string_view relative, const FileState& state, Racy racy) const;
  // The same for `name` in the open folder `dir_fd`: `relative` is read only when racy.
  bool untouched_at(int dir_fd, const char* name, std::string_view relative, const FileState& state,
                    Racy racy) const;
  Status remove_stale();
  Status remove_stale_known_folders();
  Result<size_t> sweep(int fd, std::string& relative);
  Result<bool> sweep_subfolder(int parent_fd, const char* name, std::string& relative);
  bool remove_file(int dir_fd, const char* name);
  // Kept or written by this build; after settle_produced().
  bool produced(std::string_view relative) const;
  void settle_produced();
  size_t produced_count() const { return produced_.size() + kept_count_; }
  std::filesystem::path folder_path(std::string_view folder) const;
  Status publish_stage();

  std::filesystem::path root_;
  std::filesystem::path stage_;  // empty: files are written in root_
  bool has_manifest_ = false;    // a previous manifest was read
  // Looked up by std::string_view without a copy.
  struct PathHash {
    using is_transparent = void;
    size_t operator()(std::string_view path) const { return std::hash<std::string_view>{}(path); }
  };
  // The manifest as read: previous_'s paths are views into it, each followed by a NUL.
  std::string manifest_text_;
  using PreviousMap = std::unordered_map<std::string_view, FileState>;
  PreviousMap previous_;  // read-only after open
  // Its entries in the manifest's order, sorted by path: a folder's files one after another.
  std::vector<const PreviousMap::value_type*> previous_in_order_;
  // The files of previous_ this build keeps as they are, by index: set by keep() and keep_all()
  // without a lock (each file is kept by one thread), read once the build's threads are done.
  // A file this build produced is kept here or in produced_, never both.
  std::vector<uint8_t> kept_;
  std::atomic<size_t> kept_count_{0};
  int64_t manifest_mtime_ns_ = 0;  // entries this new or newer are compared
  // The previous build's folders ("" for root, else "a/b/") and their modification times, and
  // those that had them still when this build opened (nothing added or removed since).
  std::unordered_map<std::string, int64_t> previous_folders_;
  std::unordered_set<std::string> clean_folders_;
  std::atomic<bool> sweep_complete_{true};  // every stale file found was removed
  mutable std::mutex mutex_;
  // Written (or found unchanged) by write(), in the order written until settle_produced().
  struct Produced {
    std::string path;
    FileState state;
  };
  std::vector<Produced> produced_;
  std::unordered_set<std::string, PathHash, std::equal_to<>> dirs_made_;  // relative paths
  std::atomic<size_t> written_{0}, unchanged_{0}, removed_{0}, bytes_{0}, listed_{0};
  mutable std::atomic<size_t> compared_{0};
};

}  // namespace paperpress
