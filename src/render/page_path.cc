#include "paperpress/render/page_path.h"

#include <optional>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

// The path of `target` + `suffix` (a file name's end, never holding a '/') from the folder
// `from_dir`: the folders both share dropped, then a climb out of what is left of from_dir. Built
// in one string, with one allocation: pages make a link for every crumb, topic and neighbour.
std::string relative(std::string_view from_dir, std::string_view target, std::string_view suffix) {
  size_t common = 0;
  for (size_t i = 0; i < from_dir.size() && i < target.size() && from_dir[i] == target[i]; ++i)
    if (from_dir[i] == '/') common = i + 1;
  size_t climbs = 0;
  for (size_t i = common; i < from_dir.size(); ++i) climbs += from_dir[i] == '/';
  const std::string_view rest = target.substr(common);
  if (climbs == 0 && rest.empty() && suffix.empty()) return "./";
  std::string out;
  out.reserve(3 * climbs + rest.size() + suffix.size());
  for (size_t i = 0; i < climbs; ++i) out += "../";
  out += rest;
  out += suffix;
  return out;
}

}  // namespace

std::string topic_key(std::string_view topic) {
  std::string key(kPapersKey);
  key.append(topic).push_back('/');
  return key;
}

std::string part_key(std::string_view topic, std::string_view month, size_t part) {
  std::string key = topic_key(topic);
  key.append(month).append("/papers_").append(std::to_string(part));
  return key;
}

std::string month_key(std::string_view topic, std::string_view month) {
  std::string key = topic_key(topic);
  key.append(month).push_back('/');
  return key;
}

std::string paper_key(std::string_view id) {
  // Only a version-less arXiv id as it stands: no prefix, no version, nothing around it.
  const std::optional<ArxivId> parsed = parse_arxiv_id(id);
  if (!parsed || parsed->version != 0 || parsed->id != id) return {};
  std::string key = "abs/";
  key.append(id);
  return key;
}

std::string daily_key(std::string_view topic) {
  std::string key(kDailyKey);
  key.append(topic).push_back('/');
  return key;
}

std::string day_key(std::string_view topic, std::string_view date) {
  return daily_key(topic).append(date);
}

std::string topic_feed_file(std::string_view topic) {
  return topic_key(topic) + "feed.xml";
}

std::string topic_chart_file(std::string_view topic) {
  return topic_key(topic) + "chart.svg";
}

std::string_view page_folder(std::string_view key) {
  size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash + 1);
}

std::string page_file(std::string_view key, const OutputFormat& format) {
  bool folder = key.empty() || key.back() == '/';
  return std::string(key) + std::string(folder ? format.index_file : format.extension);
}

std::string page_link(std::string_view from, std::string_view to, const OutputFormat& format) {
  // The target in the link form of `format`: a page's file, or a folder as itself or its index.
  const bool folder = to.empty() || to.back() == '/';
  const std::string_view suffix = !folder                        ? format.extension
                                  : format.link_folders_by_slash ? std::string_view()
                                                                 : format.index_file;
  return relative(page_folder(from), to, suffix);
}

std::string file_link(std::string_view from, std::string_view path) {
  return relative(page_folder(from), path, std::string_view());
}

std::string site_path(std::string_view base_url) {
  size_t scheme = base_url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : base_url.find('/', scheme + 3);
  if (start == std::string_view::npos) return "";
  std::string_view path = base_url.substr(start);
  path = path.substr(0, path.find_first_of("?#"));
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty() || path[0] != '/') return "";
  return std::string(path);
}

std::string page_url(std::string_view base_url, std::string_view to) {
  std::string url(base_url);
  url.push_back('/');
  url.append(to);
  if (!to.empty() && to.back() != '/') url += ".html";
  return url;
}

}  // namespace paperpress
