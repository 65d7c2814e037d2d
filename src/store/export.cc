#include "paperpress/store/export.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace paperpress {

std::vector<const PaperRef*> papers_in_export_order(const StoreSnapshot& snapshot) {
  std::vector<const PaperRef*> order;
  order.reserve(snapshot.papers().size());
  for (const PaperRef& p : snapshot.papers()) order.push_back(&p);
  std::sort(order.begin(), order.end(),
            [](const PaperRef* a, const PaperRef* b) { return a->id() < b->id(); });
  return order;
}

void append_export_line(const PaperRef& p, std::string& out) {
  using nlohmann::ordered_json;
  ordered_json authors = ordered_json::array(), categories = ordered_json::array();
  p.for_each_author([&](std::string_view a) { authors.push_back(std::string(a)); });
  p.for_each_category([&](std::string_view c) { categories.push_back(std::string(c)); });
  ordered_json j;
  j["id"] = std::string(p.id());
  j["version"] = p.version();
  j["title"] = std::string(p.title());
  j["authors"] = std::move(authors);
  j["abstract"] = std::string(p.abstract());
  j["comment"] = std::string(p.comment());
  j["journal_ref"] = std::string(p.journal_ref());
  j["doi"] = std::string(p.doi());
  j["categories"] = std::move(categories);
  j["primary_category"] = std::string(p.primary_category());
  j["published"] = std::string(p.published());
  j["updated"] = std::string(p.updated());
  j["abs_url"] = std::string(p.abs_url());
  j["pdf_url"] = std::string(p.pdf_url());
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.push_back('\n');
}

}  // namespace paperpress
