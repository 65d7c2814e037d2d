#include "paperpress/check/site_checker.h"

#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "paperpress/check/html_scan.h"
#include "paperpress/check/link_target.h"
#include "paperpress/check/markdown_scan.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/parallel.h"
#include "paperpress/util/text.h"

namespace paperpress {

namespace {

enum class FileType { kHtml, kMarkdown, kXml, kOther };

FileType type_of(std::string_view path) {
  if (ends_with(path, ".html") || ends_with(path, ".htm")) return FileType::kHtml;
  if (ends_with(path, ".md")) return FileType::kMarkdown;
  if (ends_with(path, ".xml")) return FileType::kXml;
  return FileType::kOther;
}

// Every file and folder of the output, by path relative to it ('/'-separated; folders end
// with '/', the root is "").
struct FileIndex {
  std::vector<std::string> files;  // sorted
  std::unordered_set<std::string> file_set;
  std::unordered_set<std::string> folders;
};

// Line numbers of a text's byte offsets; the newlines are found on first use.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {}

  size_t line_of(size_t offset) {
    if (!built_) {
      for (size_t p = text_.find('\n'); p != std::string_view::npos; p = text_.find('\n', p + 1))
        newlines_.push_back(p);
      built_ = true;
    }
    return static_cast<size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) -
                               newlines_.begin()) +
           1;
  }

 private:
  std::string_view text_;
  std::vector<size_t> newlines_;
  bool built_ = false;
};

struct ExternalSource {
  size_t file_index = 0;  // into FileIndex::files: the first file (in path order) linking there
  size_t line = 0;
  std::string link;
};

// An #anchor into another page, checked once every page has been read.
struct DeferredAnchor {
  std::string target;
  std::string fragment;
  CheckProblem problem;  // file, line and link filled in
};

struct WorkerState {
  std::vector<CheckProblem> problems;
  std::vector<DeferredAnchor> deferred;
  std::unordered_map<std::string, ExternalSource> external;
  size_t links = 0;
  size_t anchors = 0;
  size_t external_seen = 0;
};

// pugixml accepts a bare '&' and undefined entities such as &nbsp;, which feed readers
// reject: the offset of the first one outside comments and CDATA, or npos.
size_t find_bad_reference(std::string_view text) {
  if (text.find("<!DOCTYPE") != std::string_view::npos) return std::string_view::npos;
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      std::string_view close;
      if (text.compare(i, 4, "<!--") == 0) close = "-->";
      if (text.compare(i, 9, "<![CDATA[") == 0) close = "]]>";
      if (!close.empty()) {
        size_t end = text.find(close, i);
        if (end == std::string_view::npos) return std::string_view::npos;
        i = end + close.size() - 1;
      }
      continue;
    }
    if (text[i] != '&') continue;
    size_t end = i + 1;
    while (end < text.size() && end - i <= 10 && name_char(text[end])) ++end;
    if (end >= text.size() || text[end] != ';') return i;
    std::string_view name = text.substr(i + 1, end - i - 1);
    bool ok = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
    if (!ok && name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x';
      std::string_view digits = name.substr(hex ? 2 : 1);
      ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](char c) {
        return (c >= '0' && c <= '9') ||
               (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      });
    }
    if (!ok) return i;
  }
  return std::string_view::npos;
}

bool checkable_fragment(std::string_view fragment) {
  return !fragment.empty() && fragment != "top" && !starts_with(fragment, ":~:");
}

// Whether `ids` (of a page of type `type`) hold the anchor `fragment`. GitHub matches
// Markdown heading anchors without regard to case.
bool has_anchor(const std::unordered_set<std::string>& ids, const std::string& fragment,
                FileType type) {
  if (ids.count(fragment)) return true;
  return type == FileType::kMarkdown && ids.count(ascii_lower(fragment));
}

std::string anchor_problem(const std::string& fragment, const std::string& target, FileType type) {
  return std::string(type == FileType::kMarkdown ? "no heading or id \"" : "no id \"") + fragment +
         "\" in " + target;
}

std::unordered_set<std::string> ids_of(std::string_view text, FileType type) {
  std::vector<std::string> ids = type == FileType::kMarkdown
                                     ? scan_markdown(text, CollectIds::kYes).ids
                                     : scan_html(text, CollectIds::kYes).ids;
  return std::unordered_set<std::string>(std::make_move_iterator(ids.begin()),
                                         std::make_move_iterator(ids.end()));
}

// Runs fn(index) for index in [0, count) on `threads` threads.
template <typename Fn>
void parallel_for(size_t count, unsigned threads, Fn&& fn) {
  std::atomic<size_t> next{0};
  auto work = [&](unsigned worker) {
    constexpr size_t kChunk = 8;
    while (true) {
      size_t start = next.fetch_add(kChunk);
      if (start >= count) return;
      for (size_t i = start; i < std::min(count, start + kChunk); ++i) fn(i, worker);
    }
  };
  unsigned n = static_cast<unsigned>(std::min<size_t>(threads, (count + 7) / 8));
  run_on_threads(n, work);
}

class Checker {
 public:
  Checker(const std::filesystem::path& root, const FileIndex& index, const LinkResolver& resolver,
          bool collect_external)
      : root_(root), index_(index), resolver_(resolver), collect_external_(collect_external) {}

  void check_file(size_t file_index, WorkerState& state) const {
    const std::string& rel = index_.files[file_index];
    FileType type = type_of(rel);
    if (type == FileType::kOther) return;
    auto text = read_file(root_ / rel);
    if (!text) {
      state.problems.push_back(
          CheckProblem{rel, 0, ProblemKind::kUnreadable, "", text.error().message});
      return;
    }
    LineIndex lines(*text);
    if (type == FileType::kHtml) {
      HtmlFacts facts = scan_html(*text, CollectIds::kYes);
      if (!facts.title) {
        state.problems.push_back(CheckProblem{rel, 0, ProblemKind::kNoTitle, "", ""});
      } else if (facts.title->empty()) {
        state.problems.push_back(
            CheckProblem{rel, lines.line_of(facts.title_offset), ProblemKind::kEmptyTitle, "", ""});
      }
      check_links(file_index, type, facts.links, facts.ids, lines, state);
    } else if (type == FileType::kMarkdown) {
      MarkdownFacts facts = scan_markdown(*text, CollectIds::kYes);
      check_links(file_index, type, facts.links, facts.ids, lines, state);
    } else {
      check_xml(file_index, *text, lines, state);
    }
  }

  // Checks the anchors into one target file.
  void check_deferred(const std::string& target, std::vector<DeferredAnchor>::iterator begin,
                      std::vector<DeferredAnchor>::iterator end,
                      std::vector<CheckProblem>& problems) const {
    FileType type = type_of(target);
    auto text = read_file(root_ / target);
    std::unordered_set<std::string> ids;
    if (text) ids = ids_of(*text, type);
    for (auto it = begin; it != end; ++it) {
      if (has_anchor(ids, it->fragment, type)) continue;
      CheckProblem problem = it->problem;
      problem.detail = anchor_problem(it->fragment, target, type);
      problems.push_back(std::move(problem));
    }
  }

 private:
  void check_links(size_t file_index, FileType type, const std::vector<FoundLink>& links,
                   const std::vector<std::string>& page_ids, LineIndex& lines,
                   WorkerState& state) const {
    const std::string& rel = index_.files[file_index];
    std::unordered_set<std::string> own_ids;
    bool own_ids_ready = false;
    for (const FoundLink& link : links) {
      LinkTarget target = resolver_.resolve(rel, link.target);
      switch (target.kind) {
        case LinkKind::kIgnored:
          continue;
        case LinkKind::kInvalid:
          state.problems.push_back(CheckProblem{rel, lines.line_of(link.offset),
                                                ProblemKind::kBrokenLink, link.target,
                                                target.problem});
          continue;
        case LinkKind::kExternal: {
          ++state.external_seen;
          if (!collect_external_) continue;
          auto [it, added] = state.external.try_emplace(target.url);
          if (added || it->second.file_index > file_index) {
            it->second.file_index = file_index;
            it->second.line = lines.line_of(link.offset);
            it->second.link = link.target;
          }
          continue;
        }
        case LinkKind::kInternal:
          break;
      }
      ++state.links;
      std::string served;
      std::string why;
      if (!serving_file(target.path, type, served, why)) {
        state.problems.push_back(CheckProblem{rel, lines.line_of(link.offset),
                                              ProblemKind::kBrokenLink, link.target, why});
        continue;
      }
      if (!target.has_fragment || !checkable_fragment(target.fragment)) continue;
      FileType served_type = type_of(served);
      if (served_type != FileType::kHtml && served_type != FileType::kMarkdown) continue;
      ++state.anchors;
      if (served == rel) {
        if (!own_ids_ready) {
          own_ids.insert(page_ids.begin(), page_ids.end());
          own_ids_ready = true;
        }
        if (!has_anchor(own_ids, target.fragment, served_type))
          state.problems.push_back(CheckProblem{rel, lines.line_of(link.offset),
                                                ProblemKind::kBrokenAnchor, link.target,
                                                anchor_problem(target.fragment, rel, type)});
        continue;
      }
      state.deferred.push_back(
          DeferredAnchor{served, target.fragment,
                         CheckProblem{rel, lines.line_of(link.offset), ProblemKind::kBrokenAnchor,
                                      link.target, ""}});
    }
  }

  void check_xml(size_t file_index, const std::string& text, LineIndex& lines,
                 WorkerState& state) const {
    const std::string& rel = index_.files[file_index];
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
    if (!parsed) {
      state.problems.push_back(CheckProblem{
          rel, lines.line_of(static_cast<size_t>(std::max<ptrdiff_t>(0, parsed.offset))),
          ProblemKind::kMalformedXml, "", parsed.description()});
      return;
    }
    if (size_t bad = find_bad_reference(text); bad != std::string_view::npos) {
      size_t end = text.find_first_of(" \t\r\n<", bad);
      std::string written(text.substr(bad, std::min<size_t>(end, bad + 12) - bad));
      state.problems.push_back(
          CheckProblem{rel, lines.line_of(bad), ProblemKind::kMalformedXml, "",
                       "'" + written + "' is no XML character reference (write &amp; for &)"});
      return;
    }
    if (!doc.document_element()) {
      state.problems.push_back(
          CheckProblem{rel, 0, ProblemKind::kMalformedXml, "", "no root element"});
      return;
    }
    // Sitemap <loc>, Atom <link href>, RSS <link>text</link>.
    std::vector<FoundLink> links;
    struct Walker : pugi::xml_tree_walker {
      std::vector<FoundLink>* out;
      bool for_each(pugi::xml_node& node) override {
        if (node.type() != pugi::node_element) return true;
        std::string_view name = node.name();
        size_t colon = name.find(':');
        if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
        size_t offset = static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug()));
        if (name == "loc") {
          out->push_back(FoundLink{node.child_value(), offset});
        } else if (name == "link") {
          if (auto href = node.attribute("href")) {
            out->push_back(FoundLink{href.value(), offset});
          } else if (*node.child_value()) {
            out->push_back(FoundLink{node.child_value(), offset});
          }
        }
        return true;
      }
    } walker;
    walker.out = &links;
    doc.traverse(walker);
    check_links(file_index, FileType::kXml, links, {}, lines, state);
  }

  // The file that a link to `path` reaches (a folder: its index), or false with the reason.
  bool serving_file(const std::string& path, FileType from, std::string& served,
                    std::string& why) const {
    if (path.empty() || path.back() == '/') return folder_index(path, from, served, why);
    if (index_.file_set.count(path)) {
      served = path;
      return true;
    }
    if (index_.folders.count(path + "/")) return folder_index(path + "/", from, served, why);
    why = "no such file " + path;
    return false;
  }

  bool folder_index(const std::string& folder, FileType from, std::string& served,
                    std::string& why) const {
    std::string shown = folder.empty() ? "/" : folder;
    if (!index_.folders.count(folder)) {
      why = "no such folder " + shown;
      return false;
    }
    // A Markdown link to a folder is read on GitHub, which shows the folder's README.md.
    static constexpr std::string_view kHtmlIndexes[] = {"index.html", "index.htm"};
    static constexpr std::string_view kMarkdownIndexes[] = {"README.md", "index.html"};
    bool markdown = from == FileType::kMarkdown;
    const std::string_view* names = markdown ? kMarkdownIndexes : kHtmlIndexes;
    for (size_t i = 0; i < 2; ++i) {
      std::string candidate = folder + std::string(names[i]);
      if (index_.file_set.count(candidate)) {
        served = std::move(candidate);
        return true;
      }
    }
    why = "folder " + shown + " has no " + std::string(names[0]);
    return false;
  }

  const std::filesystem::path& root_;
  const FileIndex& index_;
  const LinkResolver& resolver_;
  bool collect_external_;  // distinct external URLs, with where each is first linked
};

Result<FileIndex> index_output(const std::filesystem::path& root) {
  FileIndex index;
  index.folders.insert("");
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(root, ec), end;
  if (ec) return Error{"cannot read the output folder " + root.string() + ": " + ec.message()};
  for (; it != end; it.increment(ec)) {
    if (ec) return Error{"cannot read the output folder " + root.string() + ": " + ec.message()};
    std::string rel = it->path().lexically_relative(root).generic_string();
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      index.folders.insert(rel + "/");
    } else if (it->is_regular_file(type_ec)) {
      index.files.push_back(rel);
    }
  }
  if (ec) return Error{"cannot read the output folder " + root.string() + ": " + ec.message()};
  std::sort(index.files.begin(), index.files.end());
  index.file_set.insert(index.files.begin(), index.files.end());
  return index;
}

std::string_view kind_text(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kBrokenLink:
      return "broken link";
    case ProblemKind::kBrokenAnchor:
      return "broken anchor";
    case ProblemKind::kNoTitle:
      return "no <title>";
    case ProblemKind::kEmptyTitle:
      return "empty <title>";
    case ProblemKind::kMalformedXml:
      return "malformed XML";
    case ProblemKind::kUnreadable:
      return "unreadable";
    case ProblemKind::kBrokenExternalLink:
      return "broken external link";
  }
  return "problem";
}

}  // namespace

std::string format_problem(const CheckProblem& problem, const std::filesystem::path& shown_root) {
  std::string line = (shown_root / problem.file).lexically_normal().generic_string();
  if (problem.line > 0) line += ":" + std::to_string(problem.line);
  line += ": ";
  line += kind_text(problem.kind);
  if (!problem.link.empty()) {
    std::string link = problem.link;
    std::replace_if(
        link.begin(), link.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    line += " \"" + link + "\"";
  }
  if (!problem.detail.empty()) line += ": " + problem.detail;
  return line;
}

namespace {

void count_files(const FileIndex& index, CheckReport& report) {
  for (const std::string& file : index.files) {
    switch (type_of(file)) {
      case FileType::kHtml:
        ++report.html_pages;
        break;
      case FileType::kMarkdown:
        ++report.markdown_pages;
        break;
      case FileType::kXml:
        ++report.xml_files;
        break;
      case FileType::kOther:
        ++report.other_files;
        break;
    }
  }
}

// Gathers what the workers found: counts and problems into the report, the anchors into other
// pages into `deferred`, each external URL once (where it is first used) into `external`.
void merge_worker_states(std::vector<WorkerState>& states, CheckReport& report,
                         std::vector<DeferredAnchor>& deferred,
                         std::map<std::string, ExternalSource>& external) {
  for (WorkerState& state : states) {
    report.links += state.links;
    report.anchors += state.anchors;
    report.external_link_uses += state.external_seen;
    std::move(state.problems.begin(), state.problems.end(), std::back_inserter(report.problems));
    std::move(state.deferred.begin(), state.deferred.end(), std::back_inserter(deferred));
    for (auto& [url, source] : state.external) {
      auto [it, added] = external.try_emplace(url, source);
      if (!added && source.file_index < it->second.file_index) it->second = std::move(source);
    }
    state = WorkerState{};
  }
}

// Anchors into other pages: each target page is read once more, for its ids.
void check_deferred_anchors(Checker& checker, std::vector<DeferredAnchor>& deferred,
                            unsigned threads, CheckReport& report) {
  std::sort(deferred.begin(), deferred.end(),
            [](const DeferredAnchor& a, const DeferredAnchor& b) { return a.target < b.target; });
  std::vector<size_t> group_starts;
  for (size_t i = 0; i < deferred.size(); ++i)
    if (i == 0 || deferred[i].target != deferred[i - 1].target) group_starts.push_back(i);
  std::vector<std::vector<CheckProblem>> anchor_problems(threads);
  parallel_for(group_starts.size(), threads, [&](size_t g, unsigned worker) {
    size_t begin = group_starts[g];
    size_t end = g + 1 < group_starts.size() ? group_starts[g + 1] : deferred.size();
    checker.check_deferred(deferred[begin].target, deferred.begin() + begin, deferred.begin() + end,
                           anchor_problems[worker]);
  });
  for (auto& problems : anchor_problems)
    std::move(problems.begin(), problems.end(), std::back_inserter(report.problems));
}

// Probes every external URL, reporting a broken one where it is first used.
void check_external_links(std::map<std::string, ExternalSource>& external, const FileIndex& index,
                          const CheckOptions& options, LinkProbe& probe, Clock& clock,
                          CheckReport& report) {
  std::vector<std::string> urls;
  for (const auto& entry : external) urls.push_back(entry.first);
  auto outcomes = check_external_urls(urls, probe, clock, options.external_options);
  for (const ExternalOutcome& outcome : outcomes) {
    const ExternalSource& source = external[outcome.url];
    switch (outcome.state) {
      case ExternalState::kOk:
        ++report.external_checked;
        break;
      case ExternalState::kBroken:
        ++report.external_checked;
        report.problems.push_back(CheckProblem{index.files[source.file_index], source.line,
                                               ProblemKind::kBrokenExternalLink, source.link,
                                               outcome.detail});
        break;
      case ExternalState::kUnchecked:
        report.external_unchecked.push_back(outcome.url + ": " + outcome.detail);
        break;
    }
  }
}

}  // namespace

Result<CheckReport> check_site(const CheckOptions& options, LinkProbe* probe, Clock* clock) {
  const std::filesystem::path& root = options.output_dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec))
    return Error{"no output folder " + root.string() + " (run paperpress build first)"};
  auto index = index_output(root);
  if (!index) return index.error();

  CheckReport report;
  count_files(*index, report);

  unsigned threads = options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  bool check_external = options.external == ExternalLinks::kCheck;
  LinkResolver resolver(options.base_url);
  Checker checker(root, *index, resolver, check_external);
  std::vector<WorkerState> states(threads);
  parallel_for(index->files.size(), threads,
               [&](size_t i, unsigned worker) { checker.check_file(i, states[worker]); });

  std::vector<DeferredAnchor> deferred;
  std::map<std::string, ExternalSource> external;
  merge_worker_states(states, report, deferred, external);
  check_deferred_anchors(checker, deferred, threads, report);

  report.external_links = external.size();
  if (check_external && probe != nullptr && clock != nullptr && !external.empty())
    check_external_links(external, *index, options, *probe, *clock, report);

  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const CheckProblem& a, const CheckProblem& b) {
                     if (a.file != b.file) return a.file < b.file;
                     return a.line < b.line;
                   });
  return report;
}

}  // namespace paperpress
