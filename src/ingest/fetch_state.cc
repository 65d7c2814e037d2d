#include "paperpress/ingest/fetch_state.h"

#include <nlohmann/json.hpp>

#include "paperpress/util/fs.h"

namespace paperpress {

Result<FetchState> FetchState::load(const std::filesystem::path& file) {
  FetchState state;
  if (!std::filesystem::exists(file)) return state;
  auto text = read_file(file);
  if (!text) return text.error();
  try {
    auto j = nlohmann::json::parse(*text);
    const auto topics = j.value("topics", nlohmann::json::object());
    for (const auto& [slug, t] : topics.items()) {
      TopicFetchState& s = state.topics[slug];
      s.query = t.value("query", "");
      s.high_water = t.value("high_water", "");
      s.completed_at = t.value("completed_at", "");
    }
    auto oai = j.value("oai", nlohmann::json::object());
    state.oai.request = oai.value("request", "");
    state.oai.resumption_token = oai.value("resumption_token", "");
    state.oai.last_until = oai.value("last_until", "");
  } catch (const nlohmann::json::exception& e) {
    return Error{file.string() + ": unreadable fetch state (" + e.what() +
                 "); delete it to fetch everything again"};
  }
  return state;
}

Status FetchState::save(const std::filesystem::path& file) const {
  nlohmann::json j;
  j["topics"] = nlohmann::json::object();
  for (const auto& [slug, t] : topics) {
    j["topics"][slug] = {
        {"query", t.query}, {"high_water", t.high_water}, {"completed_at", t.completed_at}};
  }
  j["oai"] = {{"request", oai.request},
              {"resumption_token", oai.resumption_token},
              {"last_until", oai.last_until}};
  return write_file_atomic(file, j.dump(2) + "\n");
}

}  // namespace paperpress
