// What a fetch shows while it runs: a single redrawn status line on a terminal, plain log lines
// otherwise, nothing but warnings and errors with --quiet.
#pragma once

#include <cstdio>
#include <string>

#include "paperpress/ingest/polite_client.h"
#include "paperpress/store/paper_store.h"

namespace paperpress {

enum class ProgressMode { kTerminal, kPlain, kQuiet };

// kTerminal when `stream` is a terminal, else kPlain; kQuiet when `quiet`.
ProgressMode pick_progress_mode(std::FILE* stream, bool quiet);

struct IngestCounts {
  int requests = 0;
  size_t seen = 0;     // papers in the responses
  size_t added = 0;    // new to the store
  size_t updated = 0;  // newer versions
};

class Progress : public FetchObserver {
 public:
  Progress(ProgressMode mode, std::FILE* out = stderr) : mode_(mode), out_(out) {}

  void on_request(const std::string& url) override;
  void on_wait(double seconds, const std::string& reason) override;
  void on_retry(const std::string& url, const std::string& reason, int attempt) override;

  void on_papers(size_t seen, const AppendStats& stats);
  void info(const std::string& line);     // shown unless quiet
  void warning(const std::string& line);  // always shown
  void finish();                          // ends the status line

  const IngestCounts& counts() const { return counts_; }

 private:
  void redraw(const std::string& activity);
  void line(const std::string& text);

  ProgressMode mode_;
  std::FILE* out_;
  IngestCounts counts_;
  bool status_shown_ = false;
};

}  // namespace paperpress
