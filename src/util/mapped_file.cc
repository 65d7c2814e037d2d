#include "paperpress/util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paperpress/util/fs.h"

namespace paperpress {

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
  MappedFile m;
  m.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m.fd_ < 0) return errno_error("cannot open", path);
  struct stat st;
  if (::fstat(m.fd_, &st) != 0) return errno_error("cannot read", path);
  m.size_ = static_cast<size_t>(st.st_size);
  m.device_ = static_cast<uint64_t>(st.st_dev);
  m.inode_ = static_cast<uint64_t>(st.st_ino);
  if (m.size_ == 0) return m;
  void* addr = ::mmap(nullptr, m.size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, m.fd_, 0);
  if (addr == MAP_FAILED) return errno_error("cannot map", path);
  m.addr_ = addr;
  return m;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : fd_(other.fd_),
      addr_(other.addr_),
      size_(other.size_),
      device_(other.device_),
      inode_(other.inode_) {
  other.fd_ = -1;
  other.addr_ = nullptr;
  other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = other.fd_;
    addr_ = other.addr_;
    size_ = other.size_;
    device_ = other.device_;
    inode_ = other.inode_;
    other.fd_ = -1;
    other.addr_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

MappedFile::~MappedFile() {
  release();
}

void MappedFile::release() {
  if (addr_) ::munmap(addr_, size_);
  if (fd_ >= 0) ::close(fd_);
  addr_ = nullptr;
  fd_ = -1;
}

}  // namespace paperpress
