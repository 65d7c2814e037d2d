#include "paperpress/util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace paperpress {

Error errno_error(const std::string& what, const fs::path& path) {
  return Error{what + " " + path.string() + ": " + std::strerror(errno)};
}

Result<std::string> read_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_error("cannot open", path);
  std::string data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = errno_error("cannot read", path);
      ::close(fd);
      return e;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

Status sync_dir(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_error("cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return errno_error("cannot sync directory", dir);
  return Status::success();
}

Status write_all(int fd, std::string_view data, std::string_view path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_error("cannot write", fs::path(path));
    if (n == 0) return Error{"cannot write " + std::string(path) + ": no progress"};
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::success();
}

Status write_file_atomic(const fs::path& path, std::string_view data, Durability durability) {
  return write_file_atomic(path, std::span<const std::string_view>(&data, 1), durability);
}

Status write_file_atomic(const fs::path& path, std::span<const std::string_view> pieces,
                         Durability durability) {
  fs::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno_error("cannot create", tmp);
  for (std::string_view data : pieces) {
    if (auto st = write_all(fd, data, tmp.native()); !st) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return st;
    }
  }
  if (durability == Durability::kFsync && ::fsync(fd) != 0) {
    Error e = errno_error("cannot sync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::close(fd) != 0) return errno_error("cannot close", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = errno_error("cannot rename to", path);
    ::unlink(tmp.c_str());
    return e;
  }
  if (durability == Durability::kFsync) return sync_dir(path.parent_path());
  return Status::success();
}

Status ensure_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{"cannot create directory " + dir.string() + ": " + ec.message()};
  return Status::success();
}

}  // namespace paperpress
