#include "paperpress/parse/atom.h"

#include <exception>

#include "paperpress/parse/xml_util.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

std::string_view attribute(pugi::xml_node node, const char* name) {
  return node.attribute(name).value();
}

// "http://arxiv.org/pdf/x" → "https://arxiv.org/pdf/x".
std::string upgrade_to_https(std::string_view url) {
  url = trim(url, Whitespace::kXml);
  if (starts_with(url, "http://")) return "https://" + std::string(url.substr(7));
  return std::string(url);
}

std::string describe(std::string_view text) {
  text = trim(text, Whitespace::kXml);
  if (text.empty()) return "no <id>";
  if (text.size() > 80) return "id '" + std::string(text.substr(0, 80)) + "...'";
  return "id '" + std::string(text) + "'";
}

// An entry's fields before validation.
struct RawEntry {
  pugi::xml_node id, title, summary, published, updated, comment, journal_ref, doi;
  std::string primary;
};

// One pass over an <entry>'s children: authors, categories and links straight into `paper`,
// the first of each other field into `raw`.
void read_children(pugi::xml_node entry, Paper& paper, RawEntry& raw) {
  for (pugi::xml_node child = entry.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = local_name(child.name());
    switch (name.empty() ? '\0' : name.front()) {
      case 'a':
        if (name == "author") {
          pugi::xml_node author_name = child_by_local_name(child, "name");
          std::string display = normalized_text(author_name);
          if (!display.empty()) paper.authors.push_back(std::move(display));
        }
        break;
      case 'c':
        if (name == "category") {
          std::string_view term = trim(attribute(child, "term"), Whitespace::kXml);
          if (!term.empty()) paper.categories.emplace_back(term);
        } else if (name == "comment" && !raw.comment) {
          raw.comment = child;
        }
        break;
      case 'd':
        if (name == "doi" && !raw.doi) raw.doi = child;
        break;
      case 'i':
        if (name == "id" && !raw.id) raw.id = child;
        break;
      case 'j':
        if (name == "journal_ref" && !raw.journal_ref) raw.journal_ref = child;
        break;
      case 'l':
        if (name == "link") {
          std::string_view rel = attribute(child, "rel"), title = attribute(child, "title");
          std::string_view href = attribute(child, "href");
          if (href.empty()) break;
          if (title == "pdf") {
            if (paper.pdf_url.empty()) paper.pdf_url = upgrade_to_https(href);
          } else if (rel == "alternate" && paper.abs_url.empty()) {
            paper.abs_url = upgrade_to_https(href);
          }
        }
        break;
      case 'p':
        if (name == "published" && !raw.published) {
          raw.published = child;
        } else if (name == "primary_category" && raw.primary.empty()) {
          raw.primary = std::string(trim(attribute(child, "term"), Whitespace::kXml));
        }
        break;
      case 's':
        if (name == "summary" && !raw.summary) raw.summary = child;
        break;
      case 't':
        if (name == "title" && !raw.title) raw.title = child;
        break;
      case 'u':
        if (name == "updated" && !raw.updated) raw.updated = child;
        break;
      default:
        break;
    }
  }
}

// Fills `paper` from one <entry>. Returns false with `problem` set when the entry is unusable.
bool read_entry(pugi::xml_node entry, size_t index, Paper& paper,
                std::vector<std::string>& warnings, std::string& problem) {
  RawEntry raw;
  read_children(entry, paper, raw);
  std::string id_text = element_text(raw.id);
  auto id = parse_arxiv_id_safely(id_text);
  if (!id) {
    problem = "no usable arXiv id (" + describe(id_text) + ")";
    return false;
  }
  paper.id = std::move(id->id);
  paper.version = id->version;

  // Dates: either one stands in for a missing or unreadable other.
  auto read_date = [&](pugi::xml_node node, const char* what) -> std::optional<UnixSeconds> {
    if (!node) return std::nullopt;
    std::string text = normalized_text(node);
    auto t = parse_iso8601(text);
    if (!t && !text.empty())
      warnings.push_back("entry " + std::to_string(index) + " (" + paper.id + "): bad " + what +
                         " date '" + text.substr(0, 40) + "'");
    return t;
  };
  auto published = read_date(raw.published, "published");
  auto updated = read_date(raw.updated, "updated");
  if (!published && !updated) {
    problem = "no published or updated date (" + paper.id + ")";
    return false;
  }
  paper.published = format_iso8601(published ? *published : *updated);
  paper.updated = format_iso8601(updated ? *updated : *published);

  paper.title = normalized_text(raw.title);
  paper.abstract = normalized_text(raw.summary);
  paper.comment = normalized_text(raw.comment);
  paper.journal_ref = normalized_text(raw.journal_ref);
  paper.doi = normalized_text(raw.doi);
  finish_categories(paper, raw.primary);
  fill_default_links(paper);
  return true;
}

bool is_api_error_entry(pugi::xml_node entry) {
  std::string id = element_text(child_by_local_name(entry, "id"));
  return id.find("arxiv.org/api/errors") != std::string::npos;
}

void read_count(pugi::xml_node node, long long& out, std::vector<std::string>& warnings) {
  std::string text = element_text(node);
  if (auto value = parse_integer(text)) {
    out = *value;
  } else {
    warnings.push_back("feed: bad " + std::string(local_name(node.name())) + " '" +
                       std::string(trim(text, Whitespace::kXml)).substr(0, 40) + "'");
  }
}

Result<AtomFeed> parse_atom_document(std::string_view body) {
  AtomFeed feed;
  pugi::xml_document doc;
  if (Status loaded = load_xml(body, doc, feed.warnings); !loaded) return loaded.error();
  pugi::xml_node root = doc.document_element();
  if (!has_local_name(root, "feed"))
    return Error{"not an Atom feed: the root element is <" +
                 std::string(local_name(root.name()).substr(0, 60)) + ">"};

  size_t index = 0;
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = local_name(child.name());
    if (name == "entry") {
      ++index;
      if (is_api_error_entry(child))
        return Error{"arXiv API error: " + normalized_text(child_by_local_name(child, "summary"))};
      Paper paper;
      std::string problem;
      if (read_entry(child, index, paper, feed.warnings, problem)) {
        feed.papers.push_back(std::move(paper));
      } else {
        feed.warnings.push_back("entry " + std::to_string(index) + ": " + problem + ", skipped");
      }
    } else if (name == "totalResults") {
      read_count(child, feed.total_results, feed.warnings);
    } else if (name == "startIndex") {
      read_count(child, feed.start_index, feed.warnings);
    } else if (name == "itemsPerPage") {
      read_count(child, feed.items_per_page, feed.warnings);
    }
  }
  return feed;
}

}  // namespace

Result<AtomFeed> parse_atom(std::string_view body) {
  try {
    return parse_atom_document(body);
  } catch (const std::exception& e) {  // std::bad_alloc: nothing else is expected to throw
    return Error{std::string("cannot parse Atom feed: ") + e.what()};
  }
}

}  // namespace paperpress
