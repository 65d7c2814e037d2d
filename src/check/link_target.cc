#include "paperpress/check/link_target.h"

#include <vector>

#include "paperpress/util/text.h"
#include "paperpress/util/url.h"

namespace paperpress {

namespace {

constexpr size_t kNpos = std::string_view::npos;

// The scheme of an absolute URL ("https"), lower case, or "" for a relative reference.
std::string scheme_of(std::string_view link) {
  size_t colon = link.find_first_of(":/?#");
  if (colon == kNpos || colon == 0 || link[colon] != ':') return "";
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(link[0])) return "";
  for (size_t i = 1; i < colon; ++i) {
    char c = link[i];
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return "";
  }
  return ascii_lower(link.substr(0, colon));
}

// "host/path?q#f" → host (lower case) and the rest from the first '/', '?' or '#'.
std::pair<std::string, std::string_view> split_authority(std::string_view after_slashes) {
  size_t end = after_slashes.find_first_of("/?#");
  if (end == kNpos) end = after_slashes.size();
  std::string_view authority = after_slashes.substr(0, end);
  if (size_t at = authority.rfind('@'); at != kNpos) authority.remove_prefix(at + 1);
  return {ascii_lower(authority), after_slashes.substr(end)};
}

std::string_view without_fragment(std::string_view link) {
  size_t hash = link.find('#');
  return hash == kNpos ? link : link.substr(0, hash);
}

}  // namespace

LinkResolver::LinkResolver(std::string_view base_url) {
  base_url = trim(base_url, Whitespace::kHtml);
  std::string scheme = scheme_of(base_url);
  if ((scheme != "http" && scheme != "https") || base_url.substr(scheme.size() + 1, 2) != "//")
    return;
  auto [host, rest] = split_authority(base_url.substr(scheme.size() + 3));
  base_host_ = host;
  size_t end = rest.find_first_of("?#");
  base_path_ = std::string(rest.substr(0, end));
  while (!base_path_.empty() && base_path_.back() == '/') base_path_.pop_back();
}

LinkTarget LinkResolver::resolve(std::string_view from, std::string_view link) const {
  link = trim(link, Whitespace::kHtml);
  if (link.empty() || link[0] == '?') return LinkTarget{};
  if (link[0] == '#') {
    LinkTarget target;
    target.kind = LinkKind::kInternal;
    target.path = std::string(from);
    target.fragment = percent_decode(link.substr(1));
    target.has_fragment = true;
    return target;
  }

  std::string_view authority_and_path;
  bool absolute = false;
  if (std::string scheme = scheme_of(link); !scheme.empty()) {
    if (scheme != "http" && scheme != "https") return LinkTarget{};  // mailto:, data:, …
    if (link.substr(scheme.size() + 1, 2) != "//") {
      LinkTarget target;
      target.kind = LinkKind::kInvalid;
      target.problem = "not a valid " + scheme + " URL";
      return target;
    }
    authority_and_path = link.substr(scheme.size() + 3);
    absolute = true;
  } else if (starts_with(link, "//")) {
    authority_and_path = link.substr(2);
    absolute = true;
  }

  std::string_view site_relative;  // path under the site's root, when the link is on this site
  bool on_site = false;
  if (absolute) {
    auto [host, rest] = split_authority(authority_and_path);
    if (!base_host_.empty() && host == base_host_) {
      std::string_view path = rest.substr(0, rest.find_first_of("?#"));
      if (starts_with(path, base_path_) &&
          (path.size() == base_path_.size() || path[base_path_.size()] == '/')) {
        site_relative = rest.substr(base_path_.size());
        on_site = true;
      }
    }
    if (!on_site) {
      LinkTarget target;
      target.kind = LinkKind::kExternal;
      target.url = std::string(without_fragment(link));
      return target;
    }
  } else if (link[0] == '/') {
    std::string_view path = link.substr(0, link.find_first_of("?#"));
    if (path.substr(0, base_path_.size()) != base_path_ ||
        (path.size() > base_path_.size() && path[base_path_.size()] != '/')) {
      LinkTarget target;
      target.kind = LinkKind::kInvalid;
      target.problem = "points outside the site, whose address is under " + base_path_ + "/";
      return target;
    }
    site_relative = link.substr(base_path_.size());
    on_site = true;
  }

  if (on_site) {
    // "" (the site's address itself), "/", "/x/y", "?q", "#f"
    if (site_relative.empty() || site_relative[0] == '?' || site_relative[0] == '#')
      return resolve_path("", std::string("./") + std::string(site_relative));
    return resolve_path("", site_relative.substr(1));
  }
  size_t slash = from.rfind('/');
  return resolve_path(slash == kNpos ? std::string_view() : from.substr(0, slash + 1), link);
}

LinkTarget LinkResolver::resolve_path(std::string_view base_dir, std::string_view rest) const {
  LinkTarget target;
  target.kind = LinkKind::kInternal;
  if (size_t hash = rest.find('#'); hash != kNpos) {
    target.fragment = percent_decode(rest.substr(hash + 1));
    target.has_fragment = true;
    rest = rest.substr(0, hash);
  }
  rest = rest.substr(0, rest.find('?'));
  std::string combined = std::string(base_dir) + percent_decode(rest);

  std::vector<std::string_view> segments;
  bool folder = combined.empty() || combined.back() == '/';
  std::string_view view(combined);
  size_t start = 0;
  while (start <= view.size()) {
    size_t end = view.find('/', start);
    if (end == kNpos) end = view.size();
    std::string_view segment = view.substr(start, end - start);
    bool last = end == view.size();
    if (segment == "..") {
      if (segments.empty()) {
        target.kind = LinkKind::kInvalid;
        target.problem = "goes above the site's root";
        return target;
      }
      segments.pop_back();
      if (last) folder = true;
    } else if (segment == ".") {
      if (last) folder = true;
    } else if (!segment.empty()) {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) target.path += '/';
    target.path += segments[i];
  }
  if (folder && !segments.empty()) target.path += '/';
  return target;
}

}  // namespace paperpress
