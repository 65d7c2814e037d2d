#include "paperpress/ingest/progress.h"

#include <unistd.h>

namespace paperpress {

namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

}  // namespace

ProgressMode pick_progress_mode(std::FILE* stream, bool quiet) {
  if (quiet) return ProgressMode::kQuiet;
  return ::isatty(::fileno(stream)) ? ProgressMode::kTerminal : ProgressMode::kPlain;
}

void Progress::redraw(const std::string& activity) {
  if (mode_ != ProgressMode::kTerminal) return;
  std::fprintf(out_, "\r\033[K%d requests · %zu papers seen · %zu new · %zu updated · %s",
               counts_.requests, counts_.seen, counts_.added, counts_.updated, activity.c_str());
  std::fflush(out_);
  status_shown_ = true;
}

void Progress::line(const std::string& text) {
  if (status_shown_) std::fputs("\r\033[K", out_);
  std::fprintf(out_, "%s\n", text.c_str());
  std::fflush(out_);
  status_shown_ = false;
}

void Progress::on_request(const std::string& url) {
  ++counts_.requests;
  if (mode_ == ProgressMode::kPlain) line("GET " + url);
  redraw("requesting");
}

void Progress::on_wait(double seconds, const std::string& reason) {
  if (mode_ == ProgressMode::kPlain && seconds >= 1)
    line("wait " + seconds_text(seconds) + " (" + reason + ")");
  redraw("next request in " + seconds_text(seconds));
}

void Progress::on_retry(const std::string& url, const std::string& reason, int attempt) {
  if (mode_ != ProgressMode::kQuiet)
    line("retry " + std::to_string(attempt) + " of " + url + ": " + reason);
  redraw("retrying");
}

void Progress::on_papers(size_t seen, const AppendStats& stats) {
  counts_.seen += seen;
  counts_.added += stats.added;
  counts_.updated += stats.updated;
  if (mode_ == ProgressMode::kPlain)
    line("  " + std::to_string(seen) + " papers, " + std::to_string(stats.added) + " new, " +
         std::to_string(stats.updated) + " updated");
  redraw("saved");
}

void Progress::info(const std::string& text) {
  if (mode_ != ProgressMode::kQuiet) line(text);
}

void Progress::warning(const std::string& text) {
  line("warning: " + text);
}

void Progress::finish() {
  if (status_shown_) {
    std::fputs("\n", out_);
    status_shown_ = false;
  }
}

}  // namespace paperpress
