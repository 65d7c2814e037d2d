#include "paperpress/ingest/oai_harvester.h"

#include "paperpress/parse/oai.h"
#include "paperpress/util/url.h"

namespace paperpress {

Status OaiHarvester::harvest(OaiRequest request, const std::string& today) {
  OaiHarvestState& state = cache_.state().oai;
  if (request.metadata_prefix != "arXivRaw" && request.metadata_prefix != "arXiv")
    return Error{"unknown OAI-PMH format '" + request.metadata_prefix +
                 "' (use arXivRaw or arXiv)"};
  if (request.from.empty())
    request.from = state.last_until.empty() ? config_.archive.since : state.last_until;
  std::string key =
      request.metadata_prefix + "|" + request.set + "|" + request.from + "|" + request.until;

  std::vector<std::pair<std::string, std::string>> first = {
      {"verb", "ListRecords"}, {"metadataPrefix", request.metadata_prefix}};
  if (!request.set.empty()) first.emplace_back("set", request.set);
  if (!request.from.empty()) first.emplace_back("from", request.from);
  if (!request.until.empty()) first.emplace_back("until", request.until);
  std::string first_url = url_with_query(config_.arxiv.oai_url, first);

  std::string token = state.request == key ? state.resumption_token : "";
  if (!token.empty())
    progress_.info("resuming the interrupted harvest " + key);
  else
    progress_.info("harvesting " + key);
  bool resumed = !token.empty();
  int bad_body_retries = 0;
  for (;;) {
    std::string url = token.empty()
                          ? first_url
                          : url_with_query(config_.arxiv.oai_url,
                                           {{"verb", "ListRecords"}, {"resumptionToken", token}});
    auto response = client_.get(url);
    if (!response) return response.error();
    auto entry = cache_.raw().add(RawKind::kOai, url, response->status, response->body);
    if (!entry) return entry.error();
    auto page = parse_oai(response->body);
    if (response->status != 200 || !page) {
      if (auto marked = cache_.store().append({}, entry->seq, CommitKind::kComplete); !marked)
        return marked.error();
      if (response->status == 200 && resumed && !page &&
          page.error().message.find("badResumptionToken") != std::string::npos) {
        // A saved token has expired: start the same harvest again from its beginning.
        progress_.warning("the saved resumption token has expired; starting the harvest again");
        token.clear();
        resumed = false;
        continue;
      }
      if (response->status == 200 && !page && page.error().message.rfind("OAI-PMH error", 0) != 0 &&
          ++bad_body_retries < config_.arxiv.max_tries) {
        client_.backoff(bad_body_retries, page.error().message, url);
        continue;
      }
      std::string why = !page ? page.error().message : "HTTP " + std::to_string(response->status);
      return Error{why}.at(entry->describe());
    }
    bad_body_retries = 0;
    resumed = false;
    for (const auto& w : page->warnings) progress_.warning(entry->describe() + ": " + w);
    auto appended = cache_.store().append(page->papers, entry->seq, CommitKind::kComplete);
    if (!appended) return appended.error();
    progress_.on_papers(page->papers.size(), *appended);
    if (page->no_records_match) progress_.info("no records match " + key);
    token = page->no_records_match ? "" : page->resumption_token;
    state.request = key;
    state.resumption_token = token;
    if (token.empty()) {
      state.last_until = request.until.empty() ? today : request.until;
      return cache_.save_state();
    }
    if (auto st = cache_.save_state(); !st) return st;
  }
}

}  // namespace paperpress
