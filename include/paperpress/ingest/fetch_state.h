// What the fetchers remember between runs (cache/state.json): per topic the newest paper a
// completed fetch reached, and for OAI-PMH the harvest in progress.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "paperpress/util/result.h"

namespace paperpress {

struct TopicFetchState {
  std::string query;       // the search_query the marks below belong to
  std::string high_water;  // newest `updated` seen by the last completed fetch (ISO 8601)
  std::string completed_at;
};

struct OaiHarvestState {
  std::string request;           // the harvest's parameters, to know a token belongs to it
  std::string resumption_token;  // where an interrupted harvest continues
  std::string last_until;        // the `until` date of the last completed harvest
};

struct FetchState {
  std::map<std::string, TopicFetchState> topics;  // by topic slug
  OaiHarvestState oai;

  static Result<FetchState> load(const std::filesystem::path& file);
  Status save(const std::filesystem::path& file) const;
};

}  // namespace paperpress
