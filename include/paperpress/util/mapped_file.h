// A file's bytes for reading, mapped from the page cache rather than copied (no fresh memory to
// fill), with the identity of the file (device and inode). Appends made after the mapping are
// not seen; the file must not shrink while mapped (the store's writers never shrink it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "paperpress/util/result.h"

namespace paperpress {

class MappedFile {
 public:
  static Result<MappedFile> open(const std::filesystem::path& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  ~MappedFile();

  std::string_view bytes() const { return {static_cast<const char*>(addr_), size_}; }
  // Which file it is: a file replaced by a rename is another one.
  uint64_t device() const { return device_; }
  uint64_t inode() const { return inode_; }

 private:
  MappedFile() = default;
  void release();
  int fd_ = -1;
  void* addr_ = nullptr;
  size_t size_ = 0;
  uint64_t device_ = 0, inode_ = 0;
};

}  // namespace paperpress
