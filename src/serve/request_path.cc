#include "paperpress/serve/request_path.h"

#include "paperpress/render/page_path.h"
#include "paperpress/util/url.h"

#include <algorithm>
#include <system_error>

namespace paperpress {

namespace {

bool inside(const std::filesystem::path& root, const std::filesystem::path& path) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

}  // namespace

std::optional<std::string> decode_request_path(std::string_view target) {
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target[0] != '/') return std::nullopt;
  auto path = percent_decode_strict(target);
  if (!path) return std::nullopt;
  for (char c : *path) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return std::nullopt;
  }
  size_t start = 1;
  while (start <= path->size()) {
    size_t end = path->find('/', start);
    if (end == std::string::npos) end = path->size();
    std::string_view segment(path->data() + start, end - start);
    if (segment == "." || segment == "..") return std::nullopt;
    start = end + 1;
  }
  return path;
}

std::string base_path_of(std::string_view base_url) {
  std::string path = site_path(base_url);
  auto decoded = decode_request_path(path);
  return decoded ? *decoded : path;
}

Lookup lookup_in_root(const std::filesystem::path& root, std::string_view relative) {
  // Built from the non-empty segments only: a path that starts with '/' would replace the root
  // in operator/.
  std::filesystem::path candidate = root;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view segment = relative.substr(start, end - start);
    if (segment == "..") return {};
    if (!segment.empty() && segment != ".") candidate /= std::string(segment);
    start = end + 1;
  }
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::canonical(candidate, ec);
  if (ec || !inside(root, resolved)) return {};
  auto status = std::filesystem::status(resolved, ec);
  if (ec) return {};
  if (std::filesystem::is_regular_file(status)) return {Found::kFile, resolved};
  if (std::filesystem::is_directory(status)) return {Found::kDirectory, resolved};
  return {};
}

}  // namespace paperpress
