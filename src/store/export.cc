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

namespace {

nlohmann::ordered_json json_of(std::string_view text, char sep) {
  if (sep == '\0') return std::string(text);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  PaperRef::for_each_part(text, sep,
                          [&](std::string_view item) { items.push_back(std::string(item)); });
  return items;
}
nlohmann::ordered_json json_of(int number, char) {
  return number;
}

}  // namespace

void append_export_line(const PaperRef& p, std::string& out) {
  nlohmann::ordered_json j;
#define PAPERPRESS_EXPORT_FIELD(Name, name, storage, exported, show)         \
  if (PaperFieldSpec::Export::exported == PaperFieldSpec::Export::kExported) \
    j[#name] = json_of(p.name(), list_separator(PaperFieldSpec::Storage::storage));
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_EXPORT_FIELD)
#undef PAPERPRESS_EXPORT_FIELD
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.push_back('\n');
}

}  // namespace paperpress
