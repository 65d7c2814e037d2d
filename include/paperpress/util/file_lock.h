// An exclusive advisory lock on a file, held for the life of the object (released on exit,
// including kill -9, by the kernel).
#pragma once

#include <filesystem>
#include <string>

#include "paperpress/util/result.h"

namespace paperpress {

class FileLock {
 public:
  // Fails at once, without waiting, when another process holds the lock; the error names
  // `what` and the holder's pid.
  static Result<FileLock> acquire(const std::filesystem::path& path, const std::string& what);
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace paperpress
