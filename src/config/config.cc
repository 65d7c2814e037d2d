#include "paperpress/config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>

#include "paperpress/util/fs.h"
#include "paperpress/util/time.h"
#include "digest_table.h"

namespace paperpress {

namespace {

// Reads one table against a fixed list of keys, collecting the first error with its line.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string prefix, const std::string& source)
      : table_(table), prefix_(std::move(prefix)), source_(source) {}

  // Fails on any key not in `known`.
  bool check_keys(std::initializer_list<std::string_view> known) {
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

const toml::table* sub_table(const toml::table& root, std::string_view key, TableReader& reader) {
  auto* n = root.get(key);
  if (!n) return nullptr;
  if (!n->is_table()) {
    reader.fail(*n, "'" + std::string(key) + "' must be a table ([" + std::string(key) + "])");
    return nullptr;
  }
  return n->as_table();
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

}  // namespace

Result<Config> Config::parse(std::string_view text, const std::string& source_name) {
  toml::table root;
  if (auto line = line_with_deep_key(text))
    return Error{source_name + ":" + std::to_string(*line) + ": keys nested more than " +
                 std::to_string(kMaxKeyDots) + " levels deep"};
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Error{source_name + ":" + std::to_string(e.source().begin.line) + ": " +
                 std::string(e.description())};
  }

  Config c;
  TableReader top(root, "", source_name);
  if (!top.check_keys({"title", "description", "base_url", "theme", "cache_dir", "output_dir",
                       "arxiv", "archive", "topics", "digest"}))
    return *top.error();
  top.string("title", c.title);
  top.string("description", c.description);
  top.string("base_url", c.base_url);
  top.string("theme", c.theme);
  top.string("cache_dir", c.cache_dir);
  top.string("output_dir", c.output_dir);
  if (top.error()) return *top.error();
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();

  if (auto* t = sub_table(root, "arxiv", top)) {
    TableReader r(*t, "arxiv", source_name);
    if (!r.check_keys({"api_url", "oai_url", "delay_seconds", "page_size", "max_tries",
                       "timeout_seconds", "max_response_bytes", "result_ceiling", "user_agent"}))
      return *r.error();
    r.string("api_url", c.arxiv.api_url);
    r.string("oai_url", c.arxiv.oai_url);
    r.number("delay_seconds", c.arxiv.delay_seconds, 0);
    r.integer("page_size", c.arxiv.page_size, 1);
    r.integer("max_tries", c.arxiv.max_tries, 1);
    r.number("timeout_seconds", c.arxiv.timeout_seconds, 0.1);
    r.integer("max_response_bytes", c.arxiv.max_response_bytes, 1024);
    r.integer("result_ceiling", c.arxiv.result_ceiling, 1);
    r.string("user_agent", c.arxiv.user_agent);
    if (r.error()) return *r.error();
  }
  if (top.error()) return *top.error();

  if (auto* t = sub_table(root, "archive", top)) {
    TableReader r(*t, "archive", source_name);
    if (!r.check_keys(
            {"date_field", "papers_per_part", "markdown_style", "since", "authors_shown"}))
      return *r.error();
    r.choice("date_field", c.archive.date_field, {"updated", "published"});
    r.integer("papers_per_part", c.archive.papers_per_part, 1);
    r.choice("markdown_style", c.archive.markdown_style, {"cards", "table", "list"});
    r.string("since", c.archive.since);
    r.integer("authors_shown", c.archive.authors_shown, 1);
    if (!r.error() && (c.archive.since.size() != 10 || !parse_iso8601(c.archive.since)))
      r.fail(*t->get("since"),
             "'archive.since' must be a date YYYY-MM-DD, not '" + c.archive.since + "'");
    if (r.error()) return *r.error();
  }
  if (top.error()) return *top.error();

  if (auto* n = root.get("digest"))
    if (Status s = read_digest_table(*n, source_name, c.digest); !s) return s.error();

  if (auto* n = root.get("topics")) {
    auto* arr = n->as_array();
    if (!arr)
      return Error{source_name + ":" + std::to_string(n->source().begin.line) +
                   ": 'topics' must be written as [[topics]] tables"};
    std::set<std::string> slugs;
    for (auto& item : *arr) {
      auto* t = item.as_table();
      if (!t)
        return Error{source_name + ":" + std::to_string(item.source().begin.line) +
                     ": each [[topics]] entry must be a table"};
      TableReader r(*t, "topics", source_name);
      if (!r.check_keys(
              {"slug", "name", "description", "keywords", "all_of", "exclude", "categories"}))
        return *r.error();
      Topic topic;
      r.string("slug", topic.slug);
      r.string("name", topic.name);
      r.string("description", topic.description);
      r.strings("keywords", topic.keywords);
      r.string_groups("all_of", topic.all_of);
      r.strings("exclude", topic.exclude);
      r.strings("categories", topic.categories);
      if (r.error()) return *r.error();
      if (!valid_slug(topic.slug)) {
        r.fail_at_table("topic slug '" + topic.slug +
                        "' must be lower-case letters, digits, '-' or '_' (a folder name)");
        return *r.error();
      }
      if (!slugs.insert(topic.slug).second) {
        r.fail_at_table("topic slug '" + topic.slug + "' is used twice");
        return *r.error();
      }
      if (topic.keywords.empty() && topic.all_of.empty() && topic.categories.empty()) {
        r.fail_at_table("topic '" + topic.slug +
                        "' needs keywords, all_of or categories to select papers");
        return *r.error();
      }
      if (topic.name.empty()) topic.name = topic.slug;
      c.topics.push_back(std::move(topic));
    }
  }
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
  }
  return "cards";
}

}  // namespace paperpress
