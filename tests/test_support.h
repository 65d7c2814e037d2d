// Helpers shared by the tests: temporary folders, running the real paperpress binary, sites.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/store/paper.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress::testing {

// A fresh folder under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs build/paperpress with `args` and waits for it.
RunResult run_paperpress(const std::vector<std::string>& args);
// Runs the program command[0] (a path) with the rest as its arguments and waits for it.
RunResult run_program(std::vector<std::string> command);

// Starts build/paperpress in the background, returning its pid (stdout/stderr to /dev/null).
int spawn_paperpress(const std::vector<std::string>& args);
// Waits for a spawned process; returns its exit code, or -signal.
int wait_process(int pid);

// Writes `text` to `path`, creating folders.
void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

// A site.toml for tests, with one topic "llm" and the API at `api_url`.
std::string test_site_toml(const std::string& api_url, const std::string& extra_arxiv = "");

// A plausible paper with id "2501.0NNNN" (from `n`), version 1, updated at `updated`.
// Appends `papers` to the store of the site in `site` (its cache/ folder) as one committed fetch
// of sequence number `seq`; a failure fails the calling test.
void store_papers(const std::filesystem::path& site, const std::vector<Paper>& papers,
                  uint64_t seq);

Paper test_paper(int n, const std::string& updated);

// `paper` as the store holds it: a view of its encoded record, with the record digest
// `digest`. The record lives until the test program ends.
PaperRef stored_ref(const Paper& paper, uint64_t digest);

// A site with one topic, "all" (keyword "paper"), and an archive since 2025-01-01: what the
// model's tests group DatedPapers by.
Config one_topic_config();

// `n` papers with many equal dates (ties broken by id), a third of them dated 2024, in no date
// order: paper i has id ids[i] and dates[i] as its published and updated date.
struct DatedPapers {
  std::vector<std::string> ids, dates;
  std::vector<PaperRef> refs;
  explicit DatedPapers(size_t n);
  // A paper like paper i's, the date `date` and digest `digest`.
  PaperRef revised(size_t i, const std::string& date, uint64_t digest) const;
};

// The Config of site.toml text; a text that does not parse fails the test (and gives the
// defaults).
Config config_from(std::string_view site_toml);

// The real fixtures folder (../shared/fixtures), or empty when absent.
std::filesystem::path shared_fixtures();

}  // namespace paperpress::testing
