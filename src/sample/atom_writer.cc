#include "paperpress/sample/atom_writer.h"

namespace paperpress {

namespace {

void xml_text(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 allows no C0 controls but tab, LF and CR.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r')
          out.push_back(c);
    }
  }
}

void element(std::string& out, std::string_view name, std::string_view text) {
  out += "    <";
  out += name;
  out += ">";
  xml_text(out, text);
  out += "</";
  out += name;
  out += ">\n";
}

}  // namespace

void write_atom_feed(const std::vector<Paper>& papers, const FeedPage& page, std::string& out) {
  out +=
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <opensearch:itemsPerPage>" + std::to_string(page.items_per_page) +
         "</opensearch:itemsPerPage>\n";
  out += "  <opensearch:totalResults>" + std::to_string(page.total_results) +
         "</opensearch:totalResults>\n";
  out +=
      "  <opensearch:startIndex>" + std::to_string(page.start_index) + "</opensearch:startIndex>\n";
  for (const Paper& p : papers) {
    std::string versioned = p.id + (p.version > 0 ? "v" + std::to_string(p.version) : "");
    out += "  <entry>\n";
    element(out, "id", "http://arxiv.org/abs/" + versioned);
    element(out, "title", p.title);
    element(out, "updated", p.updated);
    out += "    <link href=\"";
    xml_text(out, p.abs_url);
    out += "\" rel=\"alternate\" type=\"text/html\"/>\n";
    out += "    <link href=\"";
    xml_text(out, p.pdf_url);
    out += "\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>\n";
    element(out, "summary", p.abstract);
    for (const auto& c : p.categories) {
      out += "    <category term=\"";
      xml_text(out, c);
      out += "\" scheme=\"http://arxiv.org/schemas/atom\"/>\n";
    }
    element(out, "published", p.published);
    if (!p.comment.empty()) element(out, "arxiv:comment", p.comment);
    if (!p.journal_ref.empty()) element(out, "arxiv:journal_ref", p.journal_ref);
    if (!p.doi.empty()) element(out, "arxiv:doi", p.doi);
    out += "    <arxiv:primary_category term=\"";
    xml_text(out, p.primary_category);
    out += "\"/>\n";
    for (const auto& a : p.authors) {
      out += "    <author>\n  ";
      element(out, "name", a);
      out += "    </author>\n";
    }
    out += "  </entry>\n";
  }
  out += "</feed>\n";
}

}  // namespace paperpress
