#include "test_support.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <sstream>

#include "paperpress/store/paper_store.h"
#include "paperpress/store/record_codec.h"

extern char** environ;

namespace paperpress::testing {

namespace {

// Every site a test builds ships the same stand-in KaTeX (tests/sites/katex), whatever this
// machine has installed, so that built output is the same everywhere. A test of the real
// library names Debian's folder itself.
const bool kStandInKatex = [] {
  ::setenv("PAPERPRESS_KATEX_DIR", PAPERPRESS_SOURCE_DIR "/tests/sites/katex", 1);
  return true;
}();

}  // namespace

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "paperpress-test-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  path_ = made ? made : tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

}  // namespace

RunResult run_paperpress(const std::vector<std::string>& args) {
  std::vector<std::string> full = {PAPERPRESS_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  return run_program(full);
}

RunResult run_program(std::vector<std::string> command) {
  TempDir io;
  std::string out_path = (io / "out").string(), err_path = (io / "err").string();
  auto argv = argv_of(command);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = -1;
  RunResult result;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
    result.exit_code = wait_process(pid);
  }
  posix_spawn_file_actions_destroy(&actions);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

int spawn_paperpress(const std::vector<std::string>& args) {
  std::vector<std::string> full = {PAPERPRESS_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  auto argv = argv_of(full);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int wait_process(int pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return decode_status(status);
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  f << text;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string test_site_toml(const std::string& api_url, const std::string& extra_arxiv) {
  return "title = \"Test archive\"\n"
         "base_url = \"https://example.github.io/test\"\n"
         "[arxiv]\n"
         "api_url = \"" +
         api_url +
         "\"\n"
         "oai_url = \"" +
         api_url +
         "\"\n"
         "delay_seconds = 0.0\n"
         "page_size = 10\n"
         "max_tries = 3\n"
         "timeout_seconds = 10\n" +
         extra_arxiv +
         "[archive]\n"
         "since = \"2025-01-01\"\n"
         "[[topics]]\n"
         "slug = \"llm\"\n"
         "name = \"LLM\"\n"
         "keywords = [\"LLM\", \"Large Language Model\"]\n";
}

Config config_from(std::string_view site_toml) {
  auto config = Config::parse(site_toml);
  EXPECT_TRUE(config) << config.error().message;
  return config ? *config : Config{};
}

PaperRef stored_ref(const Paper& paper, uint64_t digest) {
  static std::deque<std::string> records;  // a deque never moves what it holds
  records.emplace_back();
  encode_paper(paper, records.back());
  auto ref = decode_paper(records.back(), digest);
  EXPECT_TRUE(ref);
  return ref ? *ref : PaperRef{};
}

void store_papers(const std::filesystem::path& site, const std::vector<Paper>& papers,
                  uint64_t seq) {
  std::filesystem::path file = store_file(site / "cache");
  std::filesystem::create_directories(file.parent_path());
  auto writer = StoreWriter::open(file);
  ASSERT_TRUE(writer) << writer.error().message;
  auto st = writer->append(papers, seq, CommitKind::kComplete);
  ASSERT_TRUE(st) << st.error().message;
}

Paper test_paper(int n, const std::string& updated) {
  Paper p;
  char id[32];
  std::snprintf(id, sizeof id, "2501.%05d", n);
  p.id = id;
  p.version = 1;
  p.title = "LLM paper number " + std::to_string(n) + " with <b>markup</b> & pipes |";
  p.authors = {"Ada Lovelace", "Zoë Müller"};
  p.abstract = "We study large language models, case " + std::to_string(n) + ".";
  p.comment = "10 pages";
  p.categories = {"cs.CL", "cs.AI"};
  p.primary_category = "cs.CL";
  p.published = updated;
  p.updated = updated;
  fill_default_links(p);
  return p;
}

Config one_topic_config() {
  return config_from(R"(title = "T"
base_url = "https://example.org"
[archive]
since = "2025-01-01"
[[topics]]
slug = "all"
name = "All"
keywords = ["paper"]
)");
}

DatedPapers::DatedPapers(size_t n) {
  ids.reserve(n);
  dates.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    size_t mix = (i * 7919) % n;
    char id[32], date[32];
    std::snprintf(id, sizeof id, "25%02zu.%05zu", 1 + mix % 12, mix);
    std::snprintf(date, sizeof date, "%04zu-%02zu-%02zuT%02zu:00:00Z", 2024 + mix % 3, 1 + mix % 12,
                  1 + mix % 28, mix % 3);
    ids.emplace_back(id);
    dates.emplace_back(date);
  }
  for (size_t i = 0; i < n; ++i) refs.push_back(revised(i, dates[i], i + 1));
}

PaperRef DatedPapers::revised(size_t i, const std::string& date, uint64_t digest) const {
  Paper p;
  p.id = ids[i];
  p.title = "A paper";
  p.published = p.updated = date;
  p.version = 1;
  return stored_ref(p, digest);
}

std::filesystem::path shared_fixtures() {
  std::filesystem::path p =
      std::filesystem::path(PAPERPRESS_SOURCE_DIR) / ".." / "shared" / "fixtures";
  std::error_code ec;
  return std::filesystem::is_directory(p, ec) ? p : std::filesystem::path();
}

}  // namespace paperpress::testing
