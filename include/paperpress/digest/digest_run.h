// `paperpress digest`: for each topic (or the one asked for), the period asked for or the
// topic's newest day, chooses the papers, writes the digest with the model (when [digest] has
// an api_url and --extractive is not given) or from the data alone, and writes it to
// content/digests/<label>-<slug>.md unless the owner changed that file.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "paperpress/config/config.h"
#include "paperpress/digest/chat_client.h"
#include "paperpress/digest/digest_period.h"
#include "paperpress/digest/topic_days.h"
#include "paperpress/util/result.h"

namespace paperpress {

enum class Overwrite { kUneditedOnly, kAlways };  // --force: also a file the owner changed
enum class Sending { kSend, kDryRun };            // --dry-run: print what would be sent

struct DigestOptions {
  std::string topic;                   // "" : every topic
  std::optional<DigestPeriod> period;  // none: each topic's newest day, if it has no digest yet
  Overwrite overwrite = Overwrite::kUneditedOnly;
  Sending sending = Sending::kSend;
};

struct DigestOutput {
  std::function<void(const std::string&)> info;     // progress, one line each
  std::function<void(const std::string&)> warn;     // a paper that failed, one line each
  std::function<void(const std::string&)> dry_run;  // --dry-run's report, one line each
};

struct DigestReport {
  int written = 0;
  int unchanged = 0;
  int skipped = 0;
  int failed_papers = 0;
  int requests_sent = 0;
  int answers_cached = 0;  // answers taken from the cache
};

// `chat`: null for extractive digests. The response cache is config.cache_path() / "digest".
Result<DigestReport> run_digest(const Config& config, const TopicDays& days,
                                const DigestOptions& options, ChatClient* chat,
                                const DigestOutput& out);

}  // namespace paperpress
