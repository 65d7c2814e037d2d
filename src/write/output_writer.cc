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

constexpr std::string_view kRootFolder = "./";  // the output folder's own line in the manifest

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
Result<int64_t> write_new_file(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cannot create " + path + ": " + std::strerror(errno)};
  if (auto st = write_all(fd, bytes, path); !st) {
    ::close(fd);
    return st.error();
  }
  struct stat st {};
  int stat_result = ::fstat(fd, &st);
  if (::close(fd) != 0 || stat_result != 0)
    return Error{"cannot close " + path + ": " + std::strerror(errno)};
  return mtime_ns(st);
}

// The manifest stores it, so it must be the same in every build.
uint64_t content_hash(std::string_view bytes) {
  return hash_bytes(bytes);
}

// "a/b/" for "a/b/c.html" and for "a/b/c/"; "" for a name at the top.
std::string parent_folder(std::string_view path) {
  if (path.ends_with('/')) path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? "" : path.substr(0, slash + 1));
}

// Whether a listed entry is a folder (a link to one is not).
bool is_folder(DIR* dir, const struct dirent* entry) {
  if (entry->d_type != DT_UNKNOWN) return entry->d_type == DT_DIR;
  struct stat st {};
  return ::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
         S_ISDIR(st.st_mode);
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

// Removes a stopped build's staging folder, its marker last: a build stopped while doing this
// leaves the folder still marked as paperpress's, or empty, so the next one removes it in turn.
Status remove_staging_folder(const std::filesystem::path& stage) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(stage, ec)) {
    if (entry.path().filename() == OutputWriter::kMarker) continue;
    std::filesystem::remove_all(entry.path(), ec);
    if (ec) break;
  }
  if (!ec) std::filesystem::remove_all(stage, ec);
  if (ec) return Error{"cannot remove " + stage.string() + ": " + ec.message()};
  return Status::success();
}

}  // namespace

OutputWriter::~OutputWriter() {
  if (staged()) (void)remove_staging_folder(stage_);
}

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
                                                         PreviousManifest previous) {
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
  std::unique_ptr<OutputWriter> writer(new OutputWriter(root));
  // A symbolic link is written through, never replaced by the staging folder.
  if (fresh && !std::filesystem::is_symlink(root, ec)) {
    std::filesystem::path stage = staging_folder(root);
    if (!stage.empty() && std::filesystem::exists(stage, ec)) {
      // Left by a build that was stopped: its files are worth nothing now.
      if (!std::filesystem::is_empty(stage, ec) && !std::filesystem::exists(stage / kMarker, ec))
        return Error{stage.string() + " holds files paperpress did not write; remove it"};
      if (auto st = remove_staging_folder(stage); !st) return st.error();
    }
    if (!stage.empty() && std::filesystem::create_directories(stage, ec) && !ec)
      writer->stage_ = std::move(stage);
  }
  writer->dirs_made_.insert("");  // the root (or the staging folder), there now
  if (!writer->staged()) {
    if (auto st = ensure_dir(root); !st) return st.error();
    writer->load_manifest(std::move(previous));
  }
  if (auto st = writer->write(kMarker,
                              "This folder is written by paperpress build; files it did "
                              "not produce are removed.\n");
      !st)
    return st.error();
  return writer;
}

// A missing or damaged manifest only costs speed: every file (or every file on a damaged line)
// is then compared. A line is "hash size mtime path", the hash in hex; a folder's line ends
// in '/' (the output folder's own is "./").
void OutputWriter::load_manifest(PreviousManifest previous) {
  if (previous.text.empty()) return;
  has_manifest_ = true;
  manifest_mtime_ns_ = previous.saved_ns;
  manifest_text_ = std::move(previous.text);
  std::string_view rest = manifest_text_;
  previous_.reserve(static_cast<size_t>(std::count(rest.begin(), rest.end(), '\n')));
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    if (end == std::string_view::npos) break;  // a torn last line
    std::string_view line = rest.substr(0, end);
    // The line ending becomes the NUL that ends the path at the end of the line.
    manifest_text_[static_cast<size_t>(rest.data() + end - manifest_text_.data())] = '\0';
    rest.remove_prefix(end + 1);
    FileState state;
    if (!parse_field(line, state.hash, 16) || !parse_field(line, state.size, 10) ||
        !parse_field(line, state.mtime_ns, 10) || line.empty())
      continue;
    if (line == kRootFolder)
      previous_folders_.emplace("", state.mtime_ns);
    else if (line.ends_with('/'))
      previous_folders_.emplace(std::string(line), state.mtime_ns);
    else if (auto [it, added] = previous_.emplace(line, state); added) {
      it->second.index = static_cast<uint32_t>(previous_in_order_.size());
      previous_in_order_.push_back(&*it);
    }
  }
  kept_.assign(previous_in_order_.size(), 0);
  // A folder still as the last build left it: same time, that time before the manifest's own
  // (an entry added in the manifest's clock tick would not show), and its parent clean too (so
  // no folder on its path was replaced, by a link say). Parents come first: shorter names.
  std::vector<const std::pair<const std::string, int64_t>*> folders;
  for (const auto& entry : previous_folders_) folders.push_back(&entry);
  std::sort(folders.begin(), folders.end(),
            [](const auto* a, const auto* b) { return a->first.size() < b->first.size(); });
  for (const auto* folder : folders) {
    const auto& [name, mtime] = *folder;
    if (!name.empty() && !clean_folders_.count(parent_folder(name))) continue;
    struct stat fst {};
    if (mtime < manifest_mtime_ns_ && ::lstat(folder_path(name).c_str(), &fst) == 0 &&
        S_ISDIR(fst.st_mode) && mtime_ns(fst) == mtime)
      clean_folders_.insert(name);
  }
}

std::string OutputWriter::encode_manifest() const {
  std::vector<std::pair<std::string_view, FileState>> entries;
  {
    std::lock_guard lock(mutex_);
    entries.reserve(produced_count());
    for (const auto* entry : previous_in_order_)
      if (kept_[entry->second.index]) entries.emplace_back(entry->first, entry->second);
    for (const auto& [path, state] : produced_) entries.emplace_back(path, state);
  }
  // The kept files come in the last manifest's order and the written ones sorted by commit():
  // merged.
  auto by_path = [](const auto& a, const auto& b) { return a.first < b.first; };
  const auto written = entries.begin() + static_cast<ptrdiff_t>(entries.size() - produced_.size());
  if (!std::is_sorted(entries.begin(), written, by_path))
    std::sort(entries.begin(), written, by_path);
  if (!std::is_sorted(written, entries.end(), by_path)) std::sort(written, entries.end(), by_path);
  std::inplace_merge(entries.begin(), written, entries.end(), by_path);
  std::string out;
  out.reserve(entries.size() * 96);
  auto put = [](std::string& to, auto value, int base) {
    char buf[24];  // a 64-bit number in base 10 or 16
    auto r = std::to_chars(buf, buf + sizeof buf, value, base);
    to.append(buf, r.ptr);
    to += ' ';
  };
  bool all_recorded = true;
  for (const auto& [path, state] : entries) {
    if (state.mtime_ns == 0) {  // not on disk as recorded: compare next time
      all_recorded = false;
      continue;
    }
    put(out, state.hash, 16);
    put(out, state.size, 10);
    put(out, state.mtime_ns, 10);
    out += path;
    out += '\n';
  }
  // The folders holding the files, with their times now, when the manifest lists every file in
  // them: then a folder with the same time next build holds exactly those. All or none.
  if (all_recorded && sweep_complete_) {
    std::vector<std::string_view> folders{""};
    for (const auto& [path, state] : entries) {
      for (size_t slash = path.find('/'); slash != std::string_view::npos;
           slash = path.find('/', slash + 1)) {
        std::string_view folder = path.substr(0, slash + 1);
        // Sorted paths: a folder's files follow one another, so recent entries catch most.
        if (std::find(folders.end() - std::min<size_t>(folders.size(), 8), folders.end(), folder) ==
            folders.end())
          folders.push_back(folder);
      }
    }
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    std::string lines;
    for (std::string_view folder : folders) {
      struct stat fst {};
      if (::lstat(folder_path(folder).c_str(), &fst) != 0 || !S_ISDIR(fst.st_mode)) {
        lines.clear();
        break;
      }
      put(lines, 0, 16);
      put(lines, 0, 10);
      put(lines, mtime_ns(fst), 10);
      lines += folder.empty() ? kRootFolder : folder;
      lines += '\n';
    }
    out += lines;
  }
  return out;
}

Status OutputWriter::write(std::string_view relative, std::string_view bytes) {
  // Joined as a string: a std::filesystem::path would split it into components, allocating for
  // each, at every file of a build (3% of its instructions).
  std::string path = (staged() ? stage_ : root_).native();
  path += '/';
  path += relative;
  FileState state{content_hash(bytes), bytes.size(), 0};
  {
    const size_t slash = relative.rfind('/');
    const std::string_view parent =
        relative.substr(0, slash == std::string_view::npos ? 0 : slash);
    std::lock_guard lock(mutex_);
    if (!dirs_made_.contains(parent)) {
      if (auto st = ensure_dir(std::filesystem::path(path).parent_path()); !st) return st;
      dirs_made_.emplace(parent);
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
    auto it = previous_.find(relative);
    if (it != previous_.end() && kept_[it->second.index]) {
      // Kept a moment ago (a page's HTML, before its Markdown turned out to need writing):
      // written now instead.
      kept_[it->second.index] = 0;
      --kept_count_;
      --unchanged_;
      bytes_ -= it->second.size;
    }
    struct stat st {};
    bool exists = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    bool unchanged = false;
    if (exists && static_cast<uint64_t>(st.st_size) == state.size) {
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
  produced_.push_back(Produced{std::string(relative), state});
  return Status::success();
}

bool OutputWriter::untouched(std::string_view relative, const FileState& state, Racy racy) const {
  // Joined as a string: a std::filesystem::path would split the name into components and
  // allocate for each, once per output file of a build that only checks its files.
  std::string path = root_.native();
  path += '/';
  path += relative;
  return untouched_at(AT_FDCWD, path.c_str(), relative, state, racy);
}

bool OutputWriter::untouched_at(int dir_fd, const char* name, std::string_view relative,
                                const FileState& state, Racy racy) const {
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, 0) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) != state.size || mtime_ns(st) != state.mtime_ns)
    return false;
  if (state.mtime_ns < manifest_mtime_ns_) return true;
  // Written in the manifest's clock tick: an edit in the same tick would not show in the
  // modification time, so only the bytes can tell.
  if (racy == Racy::kRefuse) return false;
  auto bytes = read_file(root_ / relative);
  if (!bytes || content_hash(*bytes) != state.hash) return false;
  ++compared_;
  return true;
}

// Each thread takes a run of the manifest's files, folder after folder, and looks each up by
// name in its open folder: a stat by full path would walk every folder of the path again.
bool OutputWriter::keep_all(size_t expected_files, unsigned threads) {
  if (previous_.size() != expected_files || previous_in_order_.size() != previous_.size())
    return false;
  int root_fd = ::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) return false;
  threads = std::max(1u, threads);
  std::atomic<bool> all_untouched{true};
  run_on_threads(threads, [&](unsigned t) {
    auto [begin, end] = range_of(previous_in_order_.size(), t, threads);
    std::string_view open_folder;
    int fd = root_fd;
    for (size_t i = begin; i < end && all_untouched; ++i) {
      const auto& [relative, state] = *previous_in_order_[i];
      size_t slash = relative.rfind('/');
      std::string_view folder = slash == std::string::npos
                                    ? std::string_view()
                                    : std::string_view(relative).substr(0, slash);
      if (folder != open_folder) {
        if (fd >= 0 && fd != root_fd) ::close(fd);
        fd = folder.empty()
                 ? root_fd
                 : ::openat(root_fd, std::string(folder).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        open_folder = folder;
      }
      // The name is the end of `relative`, so it ends with its NUL.
      const char* name = relative.data() + (slash == std::string::npos ? 0 : slash + 1);
      if (fd < 0 || !untouched_at(fd, name, relative, state, Racy::kReadBytes))
        all_untouched = false;
    }
    if (fd >= 0 && fd != root_fd) ::close(fd);
  });
  ::close(root_fd);
  if (!all_untouched) return false;
  std::lock_guard lock(mutex_);
  size_t kept_bytes = 0;
  for (const auto* entry : previous_in_order_) kept_bytes += entry->second.size;
  std::fill(kept_.begin(), kept_.end(), 1);
  size_t kept_count = kept_.size();
  for (const auto& [relative, state] : produced_) {  // the marker, written on open
    auto it = previous_.find(relative);
    if (it == previous_.end()) continue;
    kept_[it->second.index] = 0;
    kept_bytes -= it->second.size;
    --kept_count;
  }
  bytes_ += kept_bytes;
  unchanged_ += kept_count;
  kept_count_ = kept_count;
  return true;
}

bool OutputWriter::keep(std::string_view relative) {
  auto it = previous_.find(relative);
  if (it == previous_.end() || !untouched(it->first, it->second, Racy::kRefuse)) return false;
  if (kept_[it->second.index]) return true;  // kept already
  kept_[it->second.index] = 1;
  ++kept_count_;
  ++unchanged_;
  bytes_ += it->second.size;
  return true;
}

size_t OutputWriter::keep_folder(std::string_view folder) {
  size_t kept = 0;
  for (const auto* entry : previous_in_order_) {
    if (!std::string_view(entry->first).starts_with(folder)) continue;
    if (!keep(entry->first)) return 0;
    ++kept;
  }
  return kept;
}

bool OutputWriter::produced(std::string_view relative) const {
  auto it = previous_.find(relative);
  if (it != previous_.end() && kept_[it->second.index]) return true;
  auto at = std::lower_bound(produced_.begin(), produced_.end(), relative,
                             [](const Produced& p, std::string_view r) { return p.path < r; });
  return at != produced_.end() && at->path == relative;
}

// Sorted by path, a file written twice once (its last write): what produced() searches and the
// manifest lists. A list pushed to and sorted once costs a small part of what a hash table of
// the same files does, looked up at every write (a cache miss or more in a table of 250,000).
void OutputWriter::settle_produced() {
  std::lock_guard lock(mutex_);
  std::stable_sort(produced_.begin(), produced_.end(),
                   [](const Produced& a, const Produced& b) { return a.path < b.path; });
  auto out = produced_.begin();
  for (auto it = produced_.begin(); it != produced_.end(); ++it) {
    if (std::next(it) != produced_.end() && std::next(it)->path == it->path) continue;
    if (out != it) *out = std::move(*it);
    ++out;
  }
  produced_.erase(out, produced_.end());
}

Status OutputWriter::commit() {
  settle_produced();
  return staged() ? publish_stage() : remove_stale();
}

std::optional<std::string> OutputWriter::manifest() const {
  if (manifest_current()) return std::nullopt;
  return encode_manifest();
}

// The previous manifest already says what encode_manifest() would: this build wrote, removed and
// compared byte by byte nothing (a new manifest would spare the next build that comparison),
// kept every file the last one made, and found all its folders as they were. A build that
// changed nothing then leaves the manifest as it is, and its modification time with it.
bool OutputWriter::manifest_current() const {
  std::lock_guard lock(mutex_);
  return has_manifest_ && !staged() && written_ == 0 && removed_ == 0 && compared_ == 0 &&
         produced_count() == previous_.size() && !previous_folders_.empty() &&
         clean_folders_.size() == previous_folders_.size() && sweep_complete_;
}

// The staging folder becomes root: one rename when root is missing or an empty folder;
// otherwise (a mount point, say) each of its entries is moved in.
Status OutputWriter::publish_stage() {
  if (::rename(stage_.c_str(), root_.c_str()) != 0) {
    std::error_code ec;
    if (auto st = ensure_dir(root_); !st) return st;
    // The marker first: a build stopped while moving leaves root marked as paperpress's.
    std::filesystem::rename(stage_ / kMarker, root_ / kMarker, ec);
    if (ec)
      return Error{"cannot move " + (stage_ / kMarker).string() + " to " + root_.string() + ": " +
                   ec.message()};
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

// root_ itself for "" (followed if a link: the output is written through one); else the folder
// without its final "/", so that a link in its place is seen as a link.
std::filesystem::path OutputWriter::folder_path(std::string_view folder) const {
  if (folder.empty()) return root_;
  return root_ / folder.substr(0, folder.size() - 1);
}

Status OutputWriter::remove_stale() {
  if (previous_folders_.count("")) return remove_stale_known_folders();
  int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{"cannot list " + root_.string() + ": " + std::strerror(errno)};
  std::string relative;
  auto left = sweep(fd, relative);
  if (!left) return left.error();
  return Status::success();
}

// With the last build's folders known: its files this build did not produce are removed by
// name where their folder is unchanged since; changed folders are listed (and folders in them
// the last build did not make, swept whole). Folders left empty are removed, deepest first.
Status OutputWriter::remove_stale_known_folders() {
  int root_fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) return Error{"cannot list " + root_.string() + ": " + std::strerror(errno)};
  std::vector<std::string> emptied;  // folders that lost a file
  for (const auto* entry : previous_in_order_) {
    const std::string_view relative = entry->first;  // followed by a NUL
    if (kept_[entry->second.index] || produced(relative)) continue;
    std::string folder = parent_folder(relative);
    if (clean_folders_.count(folder) && remove_file(root_fd, relative.data()))
      emptied.push_back(std::move(folder));
  }
  // Changed folders, parents first: a parent's listing removes whatever replaced a child.
  std::vector<std::string_view> changed;
  for (const auto& [folder, mtime] : previous_folders_)
    if (!clean_folders_.count(folder)) changed.push_back(folder);
  std::sort(changed.begin(), changed.end(),
            [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
  Status status = Status::success();
  for (std::string_view folder : changed) {
    std::string name(folder.empty() ? std::string_view(".") : folder.substr(0, folder.size() - 1));
    int fd = ::openat(root_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;  // gone, or no longer a folder: nothing of ours in it
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
      ::close(fd);
      continue;
    }
    ++listed_;
    std::string relative(folder);
    while (const struct dirent* entry = ::readdir(dir)) {
      std::string_view entry_name = entry->d_name;
      if (entry_name == "." || entry_name == "..") continue;
      relative.resize(folder.size());
      relative += entry_name;
      if (!is_folder(dir, entry)) {
        if (!produced(relative) && remove_file(::dirfd(dir), entry->d_name))
          emptied.emplace_back(folder);
        continue;
      }
      relative += '/';
      if (previous_folders_.count(relative)) continue;  // seen to on its own
      // Not a folder of the last build (new in this one, or not paperpress's): swept whole.
      if (auto kept = sweep_subfolder(::dirfd(dir), entry->d_name, relative); !kept) {
        status = kept.error();
        break;
      }
    }
    ::closedir(dir);
    if (!status) break;
  }
  // The folders that lost a file and their parents, deepest first: each goes if that left it
  // empty (rmdir refuses any other).
  std::vector<std::string> folders;
  for (std::string folder : emptied)
    for (; !folder.empty(); folder = parent_folder(folder)) folders.push_back(folder);
  std::sort(folders.begin(), folders.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  for (const std::string& folder : folders) ::unlinkat(root_fd, folder.c_str(), AT_REMOVEDIR);
  ::close(root_fd);
  return status;
}

// Deletes `name` under the open folder `dir_fd` (a file this build did not produce); false when
// it could not. A failure other than the file being gone already means the manifest can no
// longer vouch for its folder.
bool OutputWriter::remove_file(int dir_fd, const char* name) {
  if (::unlinkat(dir_fd, name, 0) == 0) {
    ++removed_;
    return true;
  }
  if (errno != ENOENT) sweep_complete_ = false;
  return false;
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
  ++listed_;
  size_t left = 0;
  Status status = Status::success();
  while (const struct dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    const size_t mark = relative.size();
    relative += name;
    if (is_folder(dir, entry)) {
      relative += '/';
      auto kept = sweep_subfolder(::dirfd(dir), entry->d_name, relative);
      if (!kept) {
        status = kept.error();
        relative.resize(mark);
        break;
      }
      if (*kept) ++left;
    } else if (produced(relative) || !remove_file(::dirfd(dir), entry->d_name)) {
      ++left;
    }
    relative.resize(mark);
  }
  ::closedir(dir);
  if (!status) return status.error();
  return left;
}

// Sweeps the folder `name` of the open folder `parent_fd` (root/`relative`, which ends in "/")
// and removes it if nothing is left in it; true when it is still there.
Result<bool> OutputWriter::sweep_subfolder(int parent_fd, const char* name, std::string& relative) {
  int fd = ::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return Error{"cannot list " + (root_ / relative).string() + ": " + std::strerror(errno)};
  auto left = sweep(fd, relative);
  if (!left) return left.error();
  return *left > 0 || ::unlinkat(parent_fd, name, AT_REMOVEDIR) != 0;
}

WriteStats OutputWriter::stats() const {
  std::lock_guard lock(mutex_);
  return WriteStats{produced_count(), written_, unchanged_, removed_, bytes_, compared_, listed_};
}

}  // namespace paperpress
