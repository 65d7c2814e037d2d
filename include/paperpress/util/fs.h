// Small file-system helpers: whole-file reads, atomic writes, directory creation.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "paperpress/util/result.h"

namespace paperpress {

namespace fs = std::filesystem;

// Reads a whole file into memory.
Result<std::string> read_file(const fs::path& path);

// "<what> <path>: <strerror(errno)>", for a system call that failed just now.
Error errno_error(const std::string& what, const std::filesystem::path& path);

enum class Durability { kNone, kFsync };

// Writes `data` to `path` atomically: a temporary file beside it, then rename. Readers see
// either the old content or the new one, never a mix; a crash leaves at most a stray
// ".tmp" file that the next write replaces. With kFsync the data and the directory entry
// reach the disk before this returns.
Status write_file_atomic(const fs::path& path, std::string_view data,
                         Durability durability = Durability::kFsync);
// The same for bytes in pieces, written one after another (no copy into one string).
Status write_file_atomic(const fs::path& path, std::span<const std::string_view> pieces,
                         Durability durability);

// Writes all of `data` to the open file `fd` (short writes and EINTR retried); an error names
// `path`, the file `fd` is.
Status write_all(int fd, std::string_view data, std::string_view path);

// Creates `dir` and its parents; an error names the directory.
Status ensure_dir(const fs::path& dir);

// fsyncs a directory so that renames and creations inside it are durable.
Status sync_dir(const fs::path& dir);

}  // namespace paperpress
