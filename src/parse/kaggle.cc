#include "paperpress/parse/kaggle.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <optional>

#include <nlohmann/json.hpp>

#include "paperpress/parse/xml_util.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

using Json = nlohmann::json;

constexpr size_t kReadBufferSize = size_t{1} << 20;
constexpr size_t kMaxLineSize = size_t{64} << 20;  // a snapshot line is a few kB
constexpr size_t kMaxQuoted = 60;

// A short, single-line, valid UTF-8 rendition of `text` for an error message.
std::string quote(std::string_view text) {
  bool clipped = text.size() > kMaxQuoted;
  std::string out = repair_utf8(text.substr(0, kMaxQuoted));
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out + (clipped ? "..." : "");
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error
// ..." → "column 3: syntax error ...".
std::string json_reason(std::string_view what) {
  size_t at = what.find("column ");
  if (at != std::string_view::npos) {
    what.remove_prefix(at);
  } else if (size_t bracket = what.find("] "); bracket != std::string_view::npos) {
    what.remove_prefix(bracket + 2);
  }
  constexpr size_t kMaxReason = 160;
  std::string out = repair_utf8(what.substr(0, kMaxReason));
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return what.size() > kMaxReason ? out + "..." : out;
}

// The string at `key`, or "" when absent, null or not a string.
std::string_view string_field(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::string_view();
  return it->get_ref<const std::string&>();
}

std::vector<std::string> authors_from_parsed(const Json& parsed) {
  std::vector<std::string> out;
  if (!parsed.is_array()) return out;
  out.reserve(parsed.size());
  for (const Json& author : parsed) {
    if (!author.is_array()) continue;
    auto part = [&](size_t i) -> std::string_view {
      if (i >= author.size() || !author[i].is_string()) return std::string_view();
      return author[i].get_ref<const std::string&>();
    };
    std::string display =
        author_display_name(part(1), part(0), part(2));  // keyname, forenames, suffix
    if (!display.empty()) out.push_back(std::move(display));
  }
  return out;
}

// Sets published, updated and version from `versions`, else from `update_date`.
Status read_dates(const Json& object, Paper& paper) {
  auto versions = object.find("versions");
  if (versions != object.end() && versions->is_array() && !versions->empty()) {
    std::optional<UnixSeconds> first, last;
    int last_number = 0;
    for (size_t i = 0; i < versions->size(); ++i) {
      const Json& version = (*versions)[i];
      std::string_view created, label;
      if (version.is_object()) {
        created = string_field(version, "created");
        label = string_field(version, "version");
      }
      auto date = parse_rfc822(trim(created, Whitespace::kXml));
      if (!date)
        return Error{"bad date in versions[" + std::to_string(i) + "].created: '" + quote(created) +
                     "'"};
      if (!first) first = date;
      last = date;
      last_number = parse_version_label(label).value_or(static_cast<int>(i) + 1);
    }
    paper.published = format_iso8601(*first);
    paper.updated = format_iso8601(*last);
    paper.version = last_number;
    return Status::success();
  }
  std::string_view update_date = string_field(object, "update_date");
  if (trim(update_date, Whitespace::kXml).empty())
    return Error{"no date: neither 'versions' nor 'update_date'"};
  auto date = parse_iso8601(trim(update_date, Whitespace::kXml));
  if (!date) return Error{"bad date in update_date: '" + quote(update_date) + "'"};
  paper.published = paper.updated = format_iso8601(*date);
  return Status::success();
}

Result<Paper> paper_from_json(const Json& object) {
  if (!object.is_object()) return Error{"not a JSON object"};
  auto id_it = object.find("id");
  if (id_it == object.end() || id_it->is_null()) return Error{"no 'id'"};
  if (!id_it->is_string()) return Error{"'id' is not a string"};
  const std::string& id_text = id_it->get_ref<const std::string&>();
  auto id = parse_arxiv_id_safely(id_text);
  if (!id) return Error{"bad id: '" + quote(id_text) + "'"};

  Paper paper;
  paper.id = std::move(id->id);
  paper.version = id->version;
  if (Status dates = read_dates(object, paper); !dates) return dates.error();

  paper.title = normalize_space(string_field(object, "title"));
  paper.abstract = normalize_space(string_field(object, "abstract"));
  paper.comment = normalize_space(string_field(object, "comments"));
  paper.journal_ref = normalize_space(string_field(object, "journal-ref"));
  paper.doi = normalize_space(string_field(object, "doi"));
  paper.report_no = normalize_space(string_field(object, "report-no"));
  paper.license = normalize_space(string_field(object, "license"));
  paper.categories = split(normalize_space(string_field(object, "categories")), ' ');
  finish_categories(paper, std::string_view());

  if (auto parsed = object.find("authors_parsed"); parsed != object.end())
    paper.authors = authors_from_parsed(*parsed);
  if (paper.authors.empty()) paper.authors = split_author_list(string_field(object, "authors"));

  fill_default_links(paper);
  return paper;
}

bool is_blank(std::string_view line) {
  return trim(line, Whitespace::kXml).empty();
}

// Closes a file descriptor on scope exit.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<Paper> parse_kaggle_line(std::string_view line) {
  std::vector<std::string> warnings;
  return parse_kaggle_line(line, warnings);
}

Result<Paper> parse_kaggle_line(std::string_view line, std::vector<std::string>& warnings) {
  try {
    if (is_blank(line)) return Error{"empty line"};
    std::string repaired;
    if (auto bad = first_invalid_utf8(line)) {
      repaired = repair_utf8(line);
      warnings.push_back("invalid UTF-8 at byte " + std::to_string(*bad) + " replaced by U+FFFD");
      line = repaired;
    }
    Json object;
    try {
      object = Json::parse(line.begin(), line.end());
    } catch (const Json::parse_error& e) {
      return Error{"invalid JSON: " + json_reason(e.what())};
    }
    return paper_from_json(object);
  } catch (const std::exception& e) {  // std::bad_alloc; the accessors above check types
    return Error{std::string("cannot parse line: ") + e.what()};
  }
}

Status for_each_kaggle_line(const std::filesystem::path& path,
                            const std::function<bool(size_t, Result<Paper>)>& on_line) {
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return Error{"cannot open " + path.string() + ": " + std::strerror(errno)};

  std::vector<char> buffer(kReadBufferSize);
  std::string carry;      // a line cut by the end of the buffer
  bool overlong = false;  // the current line passed kMaxLineSize: dropped, reported at its end
  size_t line_number = 0;
  bool stopped = false;
  auto handle = [&](std::string_view line) {
    ++line_number;
    if (overlong) {
      overlong = false;
      std::string message = "line longer than " + std::to_string(kMaxLineSize >> 20) + " MiB";
      if (!on_line(line_number, Error{message})) stopped = true;
      return;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) return;
    if (!on_line(line_number, parse_kaggle_line(line))) stopped = true;
  };
  auto keep = [&](const char* from, const char* to) {
    if (overlong) return;
    if (carry.size() + static_cast<size_t>(to - from) > kMaxLineSize) {
      overlong = true;
      std::string().swap(carry);
      return;
    }
    carry.append(from, to);
  };

  while (!stopped) {
    ssize_t n = ::read(file.fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{"cannot read " + path.string() + ": " + std::strerror(errno)};
    }
    if (n == 0) break;
    const char* p = buffer.data();
    const char* end = p + n;
    while (!stopped) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (!newline) {
        keep(p, end);
        break;
      }
      if (carry.empty() && !overlong) {
        handle(std::string_view(p, newline - p));
      } else {
        keep(p, newline);
        handle(carry);
        carry.clear();
      }
      p = newline + 1;
    }
  }
  if (!stopped && (!carry.empty() || overlong)) handle(carry);
  return Status::success();
}

}  // namespace paperpress
