#include "paperpress/write/output_writer.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <vector>

#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

namespace {

constexpr std::string_view kManifestHeader = "paperpress-manifest 1\n";

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

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Creates (or truncates) `path` and writes `bytes` there; returns its modification time.
Result<int64_t> write_new_file(const std::filesystem::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cannot create " + path.string() + ": " + std::strerror(errno)};
  if (auto st = write_all(fd, bytes, path); !st) {
    ::close(fd);
    return st.error();
  }
  struct stat st {};
  int stat_result = ::fstat(fd, &st);
  if (::close(fd) != 0 || stat_result != 0)
    return Error{"cannot close " + path.string() + ": " + std::strerror(errno)};
  return mtime_ns(st);
}

// The manifest stores it, so it must be the same in every build.
uint64_t content_hash(std::string_view bytes) {
  return hash_bytes(bytes);
}

template <typename T>
bool parse_field(std::string_view& line, T& value, int base) {
  size_t space = line.find(' ');
  if (space == std::string_view::npos) return false;
  auto [ptr, ec] = std::from_chars(line.data(), line.data() + space, value, base);
  if (ec != std::errc() || ptr != line.data() + space) return false;
  line.remove_prefix(space + 1);
  return true;
}

}  // namespace

std::filesystem::path OutputWriter::staging_folder(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::path clean = std::filesystem::absolute(root, ec).lexically_normal();
  if (ec) return {};
  if (!clean.has_filename()) clean = clean.parent_path();  // "public/"
  std::string name = clean.filename().string();
  if (name.empty() || name == "." || name == "..") return {};
  return clean.parent_path() / ("." + name + ".paperpress-partial");
}

Result<std::unique_ptr<OutputWriter>> OutputWriter::open(const std::filesystem::path& root,
                                                         const std::filesystem::path& manifest) {
  std::error_code ec;
  bool fresh = true;
  if (std::filesystem::exists(root, ec)) {
    if (!std::filesystem::is_directory(root, ec))
      return Error{root.string() + " exists and is not a folder"};
    fresh = std::filesystem::is_empty(root, ec);
    if (!fresh && !std::filesystem::exists(root / kMarker, ec))
      return Error{root.string() +
                   " holds files paperpress did not write; choose another "
                   "output_dir, or empty that folder"};
  }
  std::unique_ptr<OutputWriter> writer(new OutputWriter(root, manifest));
  // A symbolic link is written through, never replaced by the staging folder.
  if (fresh && !std::filesystem::is_symlink(root, ec)) {
    std::filesystem::path stage = staging_folder(root);
    if (!stage.empty() && std::filesystem::exists(stage, ec)) {
      // Left by a build that was stopped: its files are worth nothing now.
      if (!std::filesystem::is_empty(stage, ec) && !std::filesystem::exists(stage / kMarker, ec))
        return Error{stage.string() + " holds files paperpress did not write; remove it"};
      std::filesystem::remove_all(stage, ec);
      if (ec) return Error{"cannot remove " + stage.string() + ": " + ec.message()};
    }
    if (!stage.empty() && std::filesystem::create_directories(stage, ec) && !ec)
      writer->stage_ = std::move(stage);
  }
  if (writer->staged()) {
    writer->dirs_made_.insert(writer->stage_.string());
  } else {
    if (auto st = ensure_dir(root); !st) return st.error();
    writer->load_manifest();
  }
  if (auto st = writer->write(kMarker,
                              "This folder is written by paperpress build; files it did "
                              "not produce are removed.\n");
      !st)
    return st.error();
  return writer;
}

// A missing or unreadable manifest only costs speed: every file is then compared.
void OutputWriter::load_manifest() {
  if (manifest_.empty()) return;
  const std::filesystem::path& path = manifest_;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  auto text = read_file(path);
  if (!text || !std::string_view(*text).starts_with(kManifestHeader)) return;
  manifest_mtime_ns_ = mtime_ns(st);
  std::string_view rest = std::string_view(*text).substr(kManifestHeader.size());
  previous_.reserve(static_cast<size_t>(std::count(rest.begin(), rest.end(), '\n')));
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    if (end == std::string_view::npos) break;  // a torn last line
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    FileState state;
    if (!parse_field(line, state.hash, 16) || !parse_field(line, state.size, 10) ||
        !parse_field(line, state.mtime_ns, 10) || line.empty())
      continue;
    previous_.emplace(std::string(line), state);
  }
}

Status OutputWriter::save_manifest() const {
  if (manifest_.empty()) return Status::success();
  if (auto st = ensure_dir(manifest_.parent_path()); !st) return st;
  std::vector<std::pair<std::string_view, FileState>> entries;
  {
    std::lock_guard lock(mutex_);
    entries.reserve(produced_.size());
    for (const auto& [path, state] : produced_) entries.emplace_back(path, state);
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out(kManifestHeader);
  out.reserve(entries.size() * 96);
  auto put = [&out](auto value, int base) {
    char buf[24];  // a 64-bit number in base 10 or 16
    auto r = std::to_chars(buf, buf + sizeof buf, value, base);
    out.append(buf, r.ptr);
    out += ' ';
  };
  for (const auto& [path, state] : entries) {
    if (state.mtime_ns == 0) continue;  // not on disk as recorded: compare next time
    put(state.hash, 16);
    put(state.size, 10);
    put(state.mtime_ns, 10);
    out += path;
    out += '\n';
  }
  return write_file_atomic(manifest_, out, Durability::kNone);
}

Status OutputWriter::write(std::string_view relative, std::string_view bytes) {
  std::filesystem::path path = (staged() ? stage_ : root_) / relative;
  FileState state{content_hash(bytes), bytes.size(), 0};
  {
    std::lock_guard lock(mutex_);
    std::string parent = path.parent_path().string();
    if (dirs_made_.insert(parent).second) {
      if (auto st = ensure_dir(path.parent_path()); !st) return st;
    }
  }
  bytes_ += bytes.size();

  if (staged()) {
    // Nothing is there yet, and nobody reads the staging folder.
    auto mtime = write_new_file(path, bytes);
    if (!mtime) return mtime.error();
    state.mtime_ns = *mtime;
    ++written_;
  } else {
    struct stat st {};
    bool exists = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    bool unchanged = false;
    if (exists && static_cast<uint64_t>(st.st_size) == state.size) {
      auto it = previous_.find(relative);
      if (it != previous_.end() && it->second.hash == state.hash && it->second.size == state.size &&
          it->second.mtime_ns == mtime_ns(st) && it->second.mtime_ns < manifest_mtime_ns_) {
        unchanged = true;
      } else if (same_content(path, bytes)) {
        unchanged = true;
        ++compared_;
      }
    }
    if (unchanged) {
      ++unchanged_;
      state.mtime_ns = mtime_ns(st);
    } else {
      ++written_;
      if (auto s = write_file_atomic(path, bytes, Durability::kNone); !s) return s;
      if (::stat(path.c_str(), &st) == 0) state.mtime_ns = mtime_ns(st);
    }
  }
  std::lock_guard lock(mutex_);
  produced_.insert_or_assign(std::string(relative), state);
  return Status::success();
}

bool OutputWriter::untouched(const std::string& relative, const FileState& state, Racy racy) const {
  std::filesystem::path path = root_ / relative;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) != state.size || mtime_ns(st) != state.mtime_ns)
    return false;
  if (state.mtime_ns < manifest_mtime_ns_) return true;
  // Written in the manifest's clock tick: an edit in the same tick would not show in the
  // modification time, so only the bytes can tell.
  if (racy == Racy::kRefuse) return false;
  auto bytes = read_file(path);
  if (!bytes || content_hash(*bytes) != state.hash) return false;
  ++compared_;
  return true;
}

bool OutputWriter::keep_all(size_t expected_files, unsigned threads) {
  if (previous_.size() != expected_files) return false;
  std::vector<const std::pair<const std::string, FileState>*> files;
  files.reserve(previous_.size());
  for (const auto& entry : previous_) files.push_back(&entry);
  threads = std::max(1u, threads);
  std::atomic<bool> all_untouched{true};
  run_on_threads(threads, [&](unsigned t) {
    auto [begin, end] = range_of(files.size(), t, threads);
    for (size_t i = begin; i < end && all_untouched; ++i)
      if (!untouched(files[i]->first, files[i]->second, Racy::kReadBytes)) all_untouched = false;
  });
  if (!all_untouched) return false;
  std::lock_guard lock(mutex_);
  for (const auto& [relative, state] : previous_) {
    if (!produced_.emplace(relative, state).second) continue;  // the marker, written on open
    ++unchanged_;
    bytes_ += state.size;
  }
  return true;
}

bool OutputWriter::keep(std::string_view relative) {
  auto it = previous_.find(relative);
  if (it == previous_.end() || !untouched(it->first, it->second, Racy::kRefuse)) return false;
  ++unchanged_;
  bytes_ += it->second.size;
  std::lock_guard lock(mutex_);
  produced_.insert_or_assign(it->first, it->second);
  return true;
}

Status OutputWriter::commit() {
  if (auto st = staged() ? publish_stage() : remove_stale(); !st) return st;
  return save_manifest();
}

// The staging folder becomes root: one rename when root is missing or an empty folder;
// otherwise (a mount point, say) each of its entries is moved in.
Status OutputWriter::publish_stage() {
  if (::rename(stage_.c_str(), root_.c_str()) != 0) {
    std::error_code ec;
    if (auto st = ensure_dir(root_); !st) return st;
    for (const auto& entry : std::filesystem::directory_iterator(stage_, ec)) {
      std::filesystem::rename(entry.path(), root_ / entry.path().filename(), ec);
      if (ec)
        return Error{"cannot move " + entry.path().string() + " to " + root_.string() + ": " +
                     ec.message()};
    }
    if (ec) return Error{"cannot list " + stage_.string() + ": " + ec.message()};
    std::filesystem::remove(stage_, ec);
  }
  stage_.clear();
  return Status::success();
}

Status OutputWriter::remove_stale() {
  int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{"cannot list " + root_.string() + ": " + std::strerror(errno)};
  std::string relative;
  auto left = sweep(fd, relative);
  if (!left) return left.error();
  return Status::success();
}

// Removes, under the open folder `fd` (root/`relative`, which ends in "/" unless empty), every
// file this build did not produce and every folder left empty; returns how many entries are
// left in it. Takes ownership of `fd`.
Result<size_t> OutputWriter::sweep(int fd, std::string& relative) {
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return Error{"cannot list " + (root_ / relative).string() + ": " + std::strerror(errno)};
  }
  size_t left = 0;
  Status status = Status::success();
  while (const struct dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    const size_t mark = relative.size();
    relative += name;
    bool is_dir = entry->d_type == DT_DIR;
    struct stat st {};
    if (entry->d_type == DT_UNKNOWN &&
        ::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
      is_dir = S_ISDIR(st.st_mode);
    if (is_dir) {
      int sub =
          ::openat(::dirfd(dir), entry->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      relative += '/';
      auto inside = sub < 0 ? Result<size_t>(Error{"cannot list " + (root_ / relative).string() +
                                                   ": " + std::strerror(errno)})
                            : sweep(sub, relative);
      if (!inside) {
        status = inside.error();
        relative.resize(mark);
        break;
      }
      if (*inside > 0 || ::unlinkat(::dirfd(dir), entry->d_name, AT_REMOVEDIR) != 0) ++left;
    } else if (produced_.find(std::string_view(relative)) != produced_.end()) {
      ++left;
    } else if (::unlinkat(::dirfd(dir), entry->d_name, 0) == 0) {
      ++removed_;
    } else {
      ++left;
    }
    relative.resize(mark);
  }
  ::closedir(dir);
  if (!status) return status.error();
  return left;
}

WriteStats OutputWriter::stats() const {
  std::lock_guard lock(mutex_);
  return WriteStats{produced_.size(), written_, unchanged_, removed_, bytes_, compared_};
}

}  // namespace paperpress
