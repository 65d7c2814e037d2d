#include "paperpress/ingest/http.h"

#include "paperpress/util/text.h"

namespace paperpress {
std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equals_ignoring_case(key, name)) return value;
  }
  return "";
}

}  // namespace paperpress
