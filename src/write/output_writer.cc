#include "paperpress/write/output_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "paperpress/util/fs.h"

namespace paperpress {

namespace {

// True when the file at `path` holds exactly `bytes`.
bool same_content(const std::filesystem::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) == bytes.size();
  char buf[1 << 16];
  size_t pos = 0;
  while (same && pos < bytes.size()) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, bytes.size() - pos));
    if (n <= 0) {
      same = false;
      break;
    }
    same = std::memcmp(buf, bytes.data() + pos, static_cast<size_t>(n)) == 0;
    pos += static_cast<size_t>(n);
  }
  ::close(fd);
  return same;
}

}  // namespace

Result<std::unique_ptr<OutputWriter>> OutputWriter::open(const std::filesystem::path& root) {
  std::error_code ec;
  if (std::filesystem::exists(root, ec)) {
    if (!std::filesystem::is_directory(root, ec))
      return Error{root.string() + " exists and is not a folder"};
    bool empty = std::filesystem::is_empty(root, ec);
    if (!empty && !std::filesystem::exists(root / kMarker, ec))
      return Error{root.string() +
                   " holds files paperpress did not write; choose another "
                   "output_dir, or empty that folder"};
  }
  if (auto st = ensure_dir(root); !st) return st.error();
  std::unique_ptr<OutputWriter> writer(new OutputWriter(root));
  if (auto st = writer->write(kMarker,
                              "This folder is written by paperpress build; files it did "
                              "not produce are removed.\n");
      !st)
    return st.error();
  return writer;
}

Status OutputWriter::write(std::string_view relative, std::string_view bytes) {
  std::filesystem::path path = root_ / relative;
  std::string parent = path.parent_path().string();
  {
    std::lock_guard lock(mutex_);
    produced_.insert(std::string(relative));
    if (dirs_made_.insert(parent).second) {
      if (auto st = ensure_dir(path.parent_path()); !st) return st;
    }
  }
  bytes_ += bytes.size();
  if (same_content(path, bytes)) {
    ++unchanged_;
    return Status::success();
  }
  ++written_;
  return write_file_atomic(path, bytes, Durability::kNone);
}

Status OutputWriter::remove_stale() {
  std::error_code ec;
  std::vector<std::filesystem::path> stale, dirs;
  for (auto it = std::filesystem::recursive_directory_iterator(root_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::string rel = std::filesystem::relative(it->path(), root_, ec).string();
    if (it->is_directory(ec)) {
      dirs.push_back(it->path());
    } else if (!produced_.count(rel)) {
      stale.push_back(it->path());
    }
  }
  if (ec) return Error{"cannot list " + root_.string() + ": " + ec.message()};
  for (const auto& p : stale) {
    if (std::filesystem::remove(p, ec)) ++removed_;
  }
  // Deepest folders first, so emptied parents go too.
  std::sort(dirs.begin(), dirs.end(),
            [](const auto& a, const auto& b) { return a.native().size() > b.native().size(); });
  for (const auto& d : dirs) {
    if (std::filesystem::is_empty(d, ec)) std::filesystem::remove(d, ec);
  }
  return Status::success();
}

WriteStats OutputWriter::stats() const {
  std::lock_guard lock(mutex_);
  return WriteStats{produced_.size(), written_, unchanged_, removed_, bytes_};
}

}  // namespace paperpress
