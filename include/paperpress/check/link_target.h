// Where a link found in an output file points: a file of the site (by its path relative to the
// output folder), another web site, or nothing worth checking (mailto:, javascript:, …).
#pragma once

#include <string>
#include <string_view>

namespace paperpress {

enum class LinkKind {
  kIgnored,   // empty, or a scheme other than http/https
  kInternal,  // a file of the site: `path` (and `fragment`)
  kExternal,  // another site: `url`
  kInvalid,   // cannot work: `problem` says why
};

struct LinkTarget {
  LinkKind kind = LinkKind::kIgnored;
  // kInternal: the path relative to the output folder, normalized ("papers/llm/index.html");
  // a folder ends with '/' ("papers/llm/"), the root is "".
  std::string path;
  std::string fragment;  // percent-decoded, without '#'; "" when none
  bool has_fragment = false;
  std::string url;      // kExternal: the URL without its fragment
  std::string problem;  // kInvalid
};

class LinkResolver {
 public:
  // Absolute links that start with `base_url` (the site's published address) count as
  // internal, as do root-relative links ("/x") under its path.
  explicit LinkResolver(std::string_view base_url);

  // Resolves `link` written in the file `from` (relative to the output folder, "a/b.html").
  LinkTarget resolve(std::string_view from, std::string_view link) const;

 private:
  LinkTarget resolve_path(std::string_view base_dir, std::string_view rest) const;

  std::string base_host_;  // lower case, with port: "example.github.io"
  std::string base_path_;  // without the trailing '/': "/llm-papers", or ""
};

}  // namespace paperpress
