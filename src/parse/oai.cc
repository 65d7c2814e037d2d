#include "paperpress/parse/oai.h"

#include <exception>
#include <optional>

#include "paperpress/parse/xml_util.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

std::string clip(std::string_view text, size_t limit = 60) {
  text = trim(text, Whitespace::kXml);
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...";
}

// Splits a space-separated category list into paper.categories (primary = first).
void read_categories(pugi::xml_node node, Paper& paper) {
  std::string text = normalized_text(node);
  paper.categories = split(text, ' ');
  finish_categories(paper, std::string_view());
}

// The fields both metadata formats share.
void read_common_field(std::string_view name, pugi::xml_node node, Paper& paper) {
  if (name == "title") {
    paper.title = normalized_text(node);
  } else if (name == "abstract") {
    paper.abstract = normalized_text(node);
  } else if (name == "comments") {
    paper.comment = normalized_text(node);
  } else if (name == "journal-ref") {
    paper.journal_ref = normalized_text(node);
  } else if (name == "doi") {
    paper.doi = normalized_text(node);
  } else if (name == "report-no") {
    paper.report_no = normalized_text(node);
  } else if (name == "license") {
    paper.license = normalized_text(node);
  } else if (name == "categories") {
    read_categories(node, paper);
  }
}

struct RecordContext {
  size_t index;                        // 1-based position in the response
  std::string_view header_identifier;  // "oai:arXiv.org:1401.2122"
  std::vector<std::string>& warnings;
};

std::string where(const RecordContext& ctx, const Paper& paper) {
  return "record " + std::to_string(ctx.index) + (paper.id.empty() ? "" : " (" + paper.id + ")");
}

// The paper's id from <id>, else from the header's identifier. False when neither is usable.
bool read_id(pugi::xml_node id_node, const RecordContext& ctx, Paper& paper, std::string& problem) {
  std::string text = element_text(id_node);
  auto id = parse_arxiv_id_safely(text);
  if (!id) id = parse_arxiv_id_safely(ctx.header_identifier);
  if (!id) {
    problem = "no usable arXiv id (id '" + clip(text) + "', identifier '" +
              clip(ctx.header_identifier) + "')";
    return false;
  }
  paper.id = std::move(id->id);
  paper.version = id->version;
  return true;
}

// Format "arXiv": dates are days, authors are split into keyname/forenames/suffix.
bool read_arxiv_format(pugi::xml_node metadata, const RecordContext& ctx, Paper& paper,
                       std::string& problem) {
  pugi::xml_node id_node, created_node, updated_node;
  for (pugi::xml_node child = metadata.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = local_name(child.name());
    if (name == "id") {
      if (!id_node) id_node = child;
    } else if (name == "created") {
      if (!created_node) created_node = child;
    } else if (name == "updated") {
      if (!updated_node) updated_node = child;
    } else if (name == "authors") {
      for (pugi::xml_node author = child.first_child(); author; author = author.next_sibling()) {
        if (!has_local_name(author, "author")) continue;
        std::string keyname, forenames, suffix;
        for (pugi::xml_node part = author.first_child(); part; part = part.next_sibling()) {
          if (part.type() != pugi::node_element) continue;
          std::string_view part_name = local_name(part.name());
          if (part_name == "keyname") {
            keyname = element_text(part);
          } else if (part_name == "forenames") {
            forenames = element_text(part);
          } else if (part_name == "suffix") {
            suffix = element_text(part);
          }
        }
        std::string display = author_display_name(forenames, keyname, suffix);
        if (!display.empty()) paper.authors.push_back(std::move(display));
      }
    } else {
      read_common_field(name, child, paper);
    }
  }
  if (!read_id(id_node, ctx, paper, problem)) return false;
  paper.version = 0;  // format "arXiv" does not say which version it describes

  auto read_date = [&](pugi::xml_node node, const char* what) -> std::optional<UnixSeconds> {
    if (!node) return std::nullopt;
    std::string text = normalized_text(node);
    auto t = parse_iso8601(text);
    if (!t && !text.empty())
      ctx.warnings.push_back(where(ctx, paper) + ": bad " + what + " date '" + clip(text) + "'");
    return t;
  };
  auto created = read_date(created_node, "created");
  auto updated = read_date(updated_node, "updated");
  if (!created && !updated) {
    problem = "no created or updated date";
    return false;
  }
  paper.published = format_iso8601(created ? *created : *updated);
  paper.updated = format_iso8601(updated ? *updated : *created);
  return true;
}

// Format "arXivRaw": one <version version="vN"><date>RFC 822</date></version> per version, and
// the authors as one string.
bool read_arxiv_raw_format(pugi::xml_node metadata, const RecordContext& ctx, Paper& paper,
                           std::string& problem) {
  pugi::xml_node id_node;
  std::optional<UnixSeconds> first_date, last_date;
  int first_version = 0, last_version = 0, ordinal = 0;
  std::vector<std::string> bad_dates;
  for (pugi::xml_node child = metadata.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = local_name(child.name());
    if (name == "id") {
      if (!id_node) id_node = child;
    } else if (name == "version") {
      ++ordinal;
      int number = parse_version_label(child.attribute("version").value()).value_or(ordinal);
      std::string text = normalized_text(child_by_local_name(child, "date"));
      auto date = parse_rfc822(text);
      if (!date) {
        bad_dates.push_back("v" + std::to_string(number) + " '" + clip(text) + "'");
        continue;
      }
      if (!first_date || number < first_version) {
        first_date = date;
        first_version = number;
      }
      if (!last_date || number >= last_version) {
        last_date = date;
        last_version = number;
      }
    } else if (name == "authors") {
      paper.authors = split_author_list(element_text(child));
    } else {
      read_common_field(name, child, paper);
    }
  }
  if (!read_id(id_node, ctx, paper, problem)) return false;
  for (const std::string& bad : bad_dates)
    ctx.warnings.push_back(where(ctx, paper) + ": bad date in version " + bad);
  if (!first_date) {
    problem = "no version with a date";
    return false;
  }
  paper.version = last_version;
  paper.published = format_iso8601(*first_date);
  paper.updated = format_iso8601(*last_date);
  return true;
}

void read_record(pugi::xml_node record, size_t index, OaiPage& page) {
  pugi::xml_node header = child_by_local_name(record, "header");
  std::string identifier = normalized_text(child_by_local_name(header, "identifier"));
  RecordContext ctx{index, identifier, page.warnings};
  std::string label = "record " + std::to_string(index);

  if (std::string_view(header.attribute("status").value()) == "deleted") {
    if (auto id = parse_arxiv_id_safely(identifier)) {
      page.deleted_ids.push_back(std::move(id->id));
    } else {
      page.warnings.push_back(label + ": deleted record without a usable arXiv id ('" +
                              clip(identifier) + "'), skipped");
    }
    return;
  }

  pugi::xml_node metadata = child_by_local_name(record, "metadata");
  pugi::xml_node format;
  for (pugi::xml_node child = metadata.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element) {
      format = child;
      break;
    }
  if (!format) {
    page.warnings.push_back(label + ": no metadata, skipped");
    return;
  }

  Paper paper;
  std::string problem;
  bool ok = false;
  std::string_view format_name = local_name(format.name());
  if (format_name == "arXiv") {
    ok = read_arxiv_format(format, ctx, paper, problem);
  } else if (format_name == "arXivRaw") {
    ok = read_arxiv_raw_format(format, ctx, paper, problem);
  } else {
    problem = "unsupported metadata format '" + clip(format.name()) + "'";
  }
  if (!ok) {
    page.warnings.push_back(where(ctx, paper) + ": " + problem + ", skipped");
    return;
  }
  fill_default_links(paper);
  page.papers.push_back(std::move(paper));
}

void read_resumption_token(pugi::xml_node node, OaiPage& page) {
  page.resumption_token = std::string(trim(element_text(node), Whitespace::kXml));
  auto read_attribute = [&](const char* name, long long& out) {
    pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute) return;
    if (auto value = parse_integer(attribute.value())) {
      out = *value;
    } else {
      page.warnings.push_back(std::string("resumptionToken: bad ") + name + " '" +
                              clip(attribute.value()) + "'");
    }
  };
  read_attribute("cursor", page.cursor);
  read_attribute("completeListSize", page.complete_list_size);
}

Result<OaiPage> parse_oai_document(std::string_view body) {
  OaiPage page;
  pugi::xml_document doc;
  if (Status loaded = load_xml(body, doc, page.warnings); !loaded) return loaded.error();
  pugi::xml_node root = doc.document_element();
  if (!has_local_name(root, "OAI-PMH"))
    return Error{"not an OAI-PMH response: the root element is <" +
                 std::string(local_name(root.name()).substr(0, 60)) + ">"};

  bool has_payload = false;
  size_t index = 0;  // records seen, kept or not
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = local_name(child.name());
    if (name == "error") {
      std::string code(trim(child.attribute("code").value(), Whitespace::kXml));
      if (code == "noRecordsMatch") {
        page.no_records_match = true;
        continue;
      }
      return Error{"OAI-PMH error " + (code.empty() ? std::string("(no code)") : code) + ": " +
                   normalized_text(child)};
    }
    if (name != "ListRecords" && name != "GetRecord") continue;
    has_payload = true;
    for (pugi::xml_node item = child.first_child(); item; item = item.next_sibling()) {
      if (item.type() != pugi::node_element) continue;
      std::string_view item_name = local_name(item.name());
      if (item_name == "record") {
        read_record(item, ++index, page);
      } else if (item_name == "resumptionToken") {
        read_resumption_token(item, page);
      }
    }
  }
  if (!has_payload && !page.no_records_match)
    return Error{"OAI-PMH response has neither ListRecords, GetRecord nor an error"};
  return page;
}

}  // namespace

Result<OaiPage> parse_oai(std::string_view body) {
  try {
    return parse_oai_document(body);
  } catch (const std::exception& e) {  // std::bad_alloc: nothing else is expected to throw
    return Error{std::string("cannot parse OAI-PMH response: ") + e.what()};
  }
}

}  // namespace paperpress
