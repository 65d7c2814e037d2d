// From an HTTP request target to a file inside the served folder. Every check that keeps a
// request from naming a file outside that folder lives here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace paperpress {

// The percent-decoded path of an origin-form request target ("/a%20b/c.html?x=1" →
// "/a b/c.html"), or nullopt when the target does not start with '/', holds an invalid escape,
// or decodes to a NUL or other control byte, a backslash, or a "." or ".." segment. Decoding
// comes first, so "%2e%2e" and "..%2f" are refused like "..".
std::optional<std::string> decode_request_path(std::string_view target);

// The path of a site's base_url, decoded, without a trailing '/': "https://u.github.io/archive/"
// → "/archive"; "" when the site lives at the root of its host.
std::string base_path_of(std::string_view base_url);

enum class Found { kFile, kDirectory, kMissing };

struct Lookup {
  Found found = Found::kMissing;
  std::filesystem::path path;  // canonical, when found
};

// What `relative` (a decoded path from decode_request_path, without the leading '/'; empty
// segments are ignored) names inside `root`, which must be canonical. Symlinks are resolved,
// and anything that resolves outside `root` is kMissing, as is anything that is neither a
// regular file nor a folder.
Lookup lookup_in_root(const std::filesystem::path& root, std::string_view relative);

}  // namespace paperpress
