// OAI-PMH ListRecords / GetRecord responses (formats arXiv and arXivRaw) → papers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct OaiPage {
  std::vector<Paper> papers;
  std::vector<std::string> deleted_ids;  // records whose header has status="deleted"
  std::string resumption_token;          // empty when the list is complete
  long long complete_list_size = -1;     // when the server says
  long long cursor = -1;
  bool no_records_match = false;  // OAI error noRecordsMatch: an empty result, not a failure
  std::vector<std::string> warnings;
};

// Errors: malformed XML, not an OAI-PMH response, or an OAI error other than noRecordsMatch,
// as "OAI-PMH error <code>: <message>".
Result<OaiPage> parse_oai(std::string_view body);

}  // namespace paperpress
