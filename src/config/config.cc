#include "paperpress/config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>
#include <span>
#include <vector>

#include "paperpress/util/fs.h"
#include "paperpress/util/text.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

// Reads one table against a fixed list of keys, collecting the first error with its line.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string prefix, const std::string& source)
      : table_(table), prefix_(std::move(prefix)), source_(source) {}

  // Fails on any key not in `known`.
  bool check_keys(std::initializer_list<std::string_view> known) {
    return check_keys(std::span<const std::string_view>(known.begin(), known.size()));
  }
  bool check_keys(std::span<const std::string_view> known) {
    for (auto&& [key, node] : table_) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        fail(node, "unknown key '" + qualified(key.str()) + "'");
        return false;
      }
    }
    return true;
  }

  void string(std::string_view key, std::string& out) {
    if (auto* n = table_.get(key)) {
      if (auto v = n->value<std::string>())
        out = *v;
      else
        fail(*n, "'" + qualified(key) + "' must be a string");
    }
  }

  void boolean(std::string_view key, bool& out) {
    if (auto* n = table_.get(key)) {
      if (auto v = n->value<bool>())
        out = *v;
      else
        fail(*n, "'" + qualified(key) + "' must be true or false");
    }
  }

  void number(std::string_view key, double& out, double min) {
    if (auto* n = table_.get(key)) {
      auto v = n->value<double>();
      if (!v)
        fail(*n, "'" + qualified(key) + "' must be a number");
      else if (*v < min)
        fail(*n, "'" + qualified(key) + "' must be at least " + format(min));
      else
        out = *v;
    }
  }

  template <typename Int>
  void integer(std::string_view key, Int& out, long long min) {
    if (auto* n = table_.get(key)) {
      auto v = n->value<int64_t>();
      if (!v || !n->is_integer())
        fail(*n, "'" + qualified(key) + "' must be a whole number");
      else if (*v < min)
        fail(*n, "'" + qualified(key) + "' must be at least " + std::to_string(min));
      else
        out = static_cast<Int>(*v);
    }
  }

  void strings(std::string_view key, std::vector<std::string>& out) {
    if (auto* n = table_.get(key)) read_strings(*n, key, out);
  }

  void string_groups(std::string_view key, std::vector<std::vector<std::string>>& out) {
    auto* n = table_.get(key);
    if (!n) return;
    auto* arr = n->as_array();
    if (!arr) return fail(*n, "'" + qualified(key) + "' must be a list of lists of strings");
    for (auto& group : *arr) {
      std::vector<std::string> g;
      read_strings(group, key, g);
      out.push_back(std::move(g));
    }
  }

  // Reads a string that must be one of `choices`, returning its index.
  template <typename Enum>
  void choice(std::string_view key, Enum& out, std::initializer_list<std::string_view> choices) {
    auto* n = table_.get(key);
    if (!n) return;
    auto v = n->value<std::string>();
    int i = 0;
    for (auto c : choices) {
      if (v && *v == c) {
        out = static_cast<Enum>(i);
        return;
      }
      ++i;
    }
    std::string list;
    for (auto c : choices) list += (list.empty() ? "" : " | ") + std::string(c);
    fail(*n, "'" + qualified(key) + "' must be one of " + list);
  }

  void fail(const toml::node& node, const std::string& message) {
    if (error_) return;
    error_ = Error{source_ + ":" + std::to_string(node.source().begin.line) + ": " + message};
  }
  // At the line of `key`, or of the table when it has no such key.
  void fail_at_key(std::string_view key, const std::string& message) {
    if (const toml::node* n = table_.get(key)) return fail(*n, message);
    fail_at_table(message);
  }
  void fail_at_table(const std::string& message) {
    if (error_) return;
    error_ = Error{source_ + ":" + std::to_string(table_.source().begin.line) + ": " + message};
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  std::string qualified(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  static std::string format(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  void read_strings(const toml::node& n, std::string_view key, std::vector<std::string>& out) {
    auto* arr = n.as_array();
    if (!arr) return fail(n, "'" + qualified(key) + "' must be a list of strings");
    for (auto& item : *arr) {
      auto v = item.value<std::string>();
      if (!v) return fail(item, "'" + qualified(key) + "' must hold only strings");
      out.push_back(*v);
    }
  }

  const toml::table& table_;
  std::string prefix_;
  const std::string& source_;
  std::optional<Error> error_;
};

bool valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64) return false;
  for (size_t i = 0; i < slug.size(); ++i) {
    char c = slug[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

// toml++ recurses once per level of nested tables, which dotted keys and table headers create
// without limit: a line with more unquoted dots than any site.toml needs is refused up front.
constexpr int kMaxKeyDots = 64;

std::optional<size_t> line_with_deep_key(std::string_view text) {
  size_t line = 1;
  int dots = 0;
  char quote = 0;
  bool comment = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      dots = 0;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '#')
      comment = true;
    else if (c == '.' && ++dots > kMaxKeyDots)
      return line;
  }
  return std::nullopt;
}

// The whole file as TOML, or the error at its line.
Result<toml::table> parse_toml(std::string_view text, const std::string& source_name) {
  if (auto line = line_with_deep_key(text))
    return Error{source_name + ":" + std::to_string(*line) + ": keys nested more than " +
                 std::to_string(kMaxKeyDots) + " levels deep"};
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Error{source_name + ":" + std::to_string(e.source().begin.line) + ": " +
                 std::string(e.description())};
  }
}

// One reader per table of site.toml: each checks its table's keys, then reads them into the
// config; the first error stays in the reader.

void read_arxiv(TableReader& r, Config& c) {
  if (!r.check_keys({"api_url", "oai_url", "delay_seconds", "page_size", "max_tries",
                     "timeout_seconds", "max_response_bytes", "result_ceiling", "user_agent"}))
    return;
  r.string("api_url", c.arxiv.api_url);
  r.string("oai_url", c.arxiv.oai_url);
  r.number("delay_seconds", c.arxiv.delay_seconds, 0);
  r.integer("page_size", c.arxiv.page_size, 1);
  r.integer("max_tries", c.arxiv.max_tries, 1);
  r.number("timeout_seconds", c.arxiv.timeout_seconds, 0.1);
  r.integer("max_response_bytes", c.arxiv.max_response_bytes, 1024);
  r.integer("result_ceiling", c.arxiv.result_ceiling, 1);
  r.string("user_agent", c.arxiv.user_agent);
}

void read_archive(TableReader& r, Config& c) {
  if (!r.check_keys({"date_field", "papers_per_part", "markdown_style", "since", "authors_shown"}))
    return;
  r.choice("date_field", c.archive.date_field, {"updated", "published"});
  r.integer("papers_per_part", c.archive.papers_per_part, 1);
  r.choice("markdown_style", c.archive.markdown_style, {"cards", "table", "list", "github"});
  r.string("since", c.archive.since);
  r.integer("authors_shown", c.archive.authors_shown, 1);
  if (!r.error() && (c.archive.since.size() != 10 || !parse_iso8601(c.archive.since)))
    r.fail_at_key("since",
                  "'archive.since' must be a date YYYY-MM-DD, not '" + c.archive.since + "'");
}

// One [[topics]] entry, appended to c.topics.
void read_topic(TableReader& r, Config& c) {
  if (!r.check_keys({"slug", "name", "description", "keywords", "all_of", "exclude", "categories"}))
    return;
  Topic topic;
  r.string("slug", topic.slug);
  r.string("name", topic.name);
  r.string("description", topic.description);
  r.strings("keywords", topic.keywords);
  r.string_groups("all_of", topic.all_of);
  r.strings("exclude", topic.exclude);
  r.strings("categories", topic.categories);
  if (r.error()) return;
  if (!valid_slug(topic.slug))
    return r.fail_at_table("topic slug '" + topic.slug +
                           "' must be lower-case letters, digits, '-' or '_' (a folder name)");
  if (std::any_of(c.topics.begin(), c.topics.end(),
                  [&](const Topic& t) { return t.slug == topic.slug; }))
    return r.fail_at_table("topic slug '" + topic.slug + "' is used twice");
  if (topic.keywords.empty() && topic.all_of.empty() && topic.categories.empty())
    return r.fail_at_table("topic '" + topic.slug +
                           "' needs keywords, all_of or categories to select papers");
  if (topic.name.empty()) topic.name = topic.slug;
  c.topics.push_back(std::move(topic));
}

// [digest]: how `paperpress digest` asks a language model (docs/digest.md). The key itself never
// belongs here, only the name of the variable that holds it, and no message repeats the value.
void read_digest(TableReader& r, Config& c) {
  DigestConfig& d = c.digest;
  if (!r.check_keys({"api_url", "model", "api_key_env", "papers", "delay_seconds", "max_tries",
                     "timeout_seconds", "max_response_bytes", "max_tokens"}))
    return;
  r.string("api_url", d.api_url);
  r.string("model", d.model);
  r.string("api_key_env", d.api_key_env);
  r.integer("papers", d.papers, 1);
  r.number("delay_seconds", d.delay_seconds, 0);
  r.integer("max_tries", d.max_tries, 1);
  r.number("timeout_seconds", d.timeout_seconds, 0.1);
  r.integer("max_response_bytes", d.max_response_bytes, 1024);
  r.integer("max_tokens", d.max_tokens, 16);
  if (r.error()) return;
  while (!d.api_url.empty() && d.api_url.back() == '/') d.api_url.pop_back();
  if (!d.api_url.empty() && !starts_with(d.api_url, "http://") &&
      !starts_with(d.api_url, "https://"))
    return r.fail_at_key(
        "api_url", "'digest.api_url' must start with http:// or https://, not '" + d.api_url + "'");
  if (d.uses_model() && d.model.empty())
    return r.fail_at_table("[digest] has an api_url but no 'model'");
  for (char ch : d.api_key_env)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'))
      return r.fail_at_key("api_key_env",
                           "'digest.api_key_env' must be the name of an environment variable "
                           "(letters, digits, '_'), not a key");
}

// [search]: whether the build writes the search index and page.
void read_search(TableReader& r, Config& c) {
  if (!r.check_keys({"enabled", "segment_documents"})) return;
  r.boolean("enabled", c.search.enabled);
  r.integer("segment_documents", c.search.segment_documents, 16);
}

void read_output(TableReader& r, Config& c) {
  if (!r.check_keys({"paper_pages", "markdown", "feeds", "day_pages", "part_bibtex"})) return;
  r.boolean("paper_pages", c.output.paper_pages);
  r.boolean("markdown", c.output.markdown);
  r.boolean("feeds", c.output.feeds);
  r.boolean("day_pages", c.output.day_pages);
  r.boolean("part_bibtex", c.output.part_bibtex);
}

enum class Shape {
  kTable,          // [key]
  kArrayOfTables,  // [[key]], each entry read on its own
};

struct Section {
  std::string_view key;
  Shape shape;
  void (*read)(TableReader&, Config&);
};

// The tables of site.toml, read in this order: a new table is its reader above and a line here.
constexpr Section kSections[] = {
    {"arxiv", Shape::kTable, read_arxiv},   {"archive", Shape::kTable, read_archive},
    {"digest", Shape::kTable, read_digest}, {"search", Shape::kTable, read_search},
    {"output", Shape::kTable, read_output}, {"topics", Shape::kArrayOfTables, read_topic},
};

constexpr std::string_view kSiteKeys[] = {"title", "description", "base_url",
                                          "theme", "cache_dir",   "output_dir"};

// The keys outside any table.
void read_site_keys(TableReader& top, Config& c) {
  std::vector<std::string_view> known(std::begin(kSiteKeys), std::end(kSiteKeys));
  for (const Section& section : kSections) known.push_back(section.key);
  if (!top.check_keys(known)) return;
  top.string("title", c.title);
  top.string("description", c.description);
  top.string("base_url", c.base_url);
  top.string("theme", c.theme);
  top.string("cache_dir", c.cache_dir);
  top.string("output_dir", c.output_dir);
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
}

std::optional<Error> error_at(const std::string& source, const toml::node& node,
                              const std::string& message) {
  return Error{source + ":" + std::to_string(node.source().begin.line) + ": " + message};
}

std::optional<Error> read_table(const toml::table& table, const Section& section,
                                const std::string& source, Config& c) {
  TableReader r(table, std::string(section.key), source);
  section.read(r, c);
  return r.error();
}

// Reads `section` when site.toml has it; the first error, if any.
std::optional<Error> read_section(const toml::table& root, const Section& section,
                                  const std::string& source, Config& c) {
  const toml::node* node = root.get(section.key);
  if (!node) return std::nullopt;
  const std::string key(section.key);
  if (section.shape == Shape::kTable) {
    if (!node->is_table())
      return error_at(source, *node, "'" + key + "' must be a table ([" + key + "])");
    return read_table(*node->as_table(), section, source, c);
  }
  const toml::array* entries = node->as_array();
  if (!entries)
    return error_at(source, *node, "'" + key + "' must be written as [[" + key + "]] tables");
  for (const toml::node& entry : *entries) {
    const toml::table* table = entry.as_table();
    if (!table) return error_at(source, entry, "each [[" + key + "]] entry must be a table");
    if (auto error = read_table(*table, section, source, c)) return error;
  }
  return std::nullopt;
}

}  // namespace

Result<Config> Config::parse(std::string_view text, const std::string& source_name) {
  auto root = parse_toml(text, source_name);
  if (!root) return root.error();
  Config c;
  TableReader top(*root, "", source_name);
  read_site_keys(top, c);
  if (top.error()) return *top.error();
  for (const Section& section : kSections)
    if (auto error = read_section(*root, section, source_name, c)) return *error;
  if (c.title.empty()) c.title = "arXiv papers";
  return c;
}

Result<Config> Config::from_dir(const std::filesystem::path& dir) {
  std::filesystem::path file = dir / "site.toml";
  auto text = read_file(file);
  if (!text) return text.error();
  auto config = parse(*text, file.string());
  if (!config) return config.error();
  config->site_dir = dir;
  return config;
}

std::string Config::user_agent() const {
  if (!arxiv.user_agent.empty()) return arxiv.user_agent;
  std::string ua = "paperpress/" PAPERPRESS_VERSION;
  if (!base_url.empty()) ua += " (+" + base_url + ")";
  return ua;
}

std::string_view to_string(DateField field) {
  return field == DateField::kUpdated ? "updated" : "published";
}

std::string_view to_string(MarkdownStyle style) {
  switch (style) {
    case MarkdownStyle::kCards:
      return "cards";
    case MarkdownStyle::kTable:
      return "table";
    case MarkdownStyle::kList:
      return "list";
    case MarkdownStyle::kGithub:
      return "github";
  }
  return "cards";
}

}  // namespace paperpress
