// The search index alone, for profiling it (docs/search.md): paperpress_search_bench SITE
// [RUNS] [THREADS]. Loads SITE's store, matches topics and groups the papers as a build does,
// then writes the index RUNS times (default 3) on THREADS threads (default 2, as a build gives
// it) into a fresh folder under $TMPDIR each time, and prints each run's wall and CPU time and
// the index's steps (wall, and CPU of the whole process: on a loaded machine the steadier).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "paperpress/config/config.h"
#include "paperpress/model/archive.h"
#include "paperpress/model/topic_assignment.h"
#include "paperpress/search/search_index.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/write/output_writer.h"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace paperpress;
  if (argc < 2) {
    std::fprintf(stderr, "usage: paperpress_search_bench SITE [RUNS] [THREADS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 2;
  auto config = Config::from_dir(argv[1]);
  if (!config) {
    std::fprintf(stderr, "%s\n", config.error().message.c_str());
    return 1;
  }
  auto snapshot = StoreSnapshot::load(store_file(config->cache_path()), 2);
  if (!snapshot) {
    std::fprintf(stderr, "%s\n", snapshot.error().message.c_str());
    return 1;
  }
  auto topics = assign_topics(*config, snapshot->papers(), TopicAssignment{}, 2);
  if (!topics) {
    std::fprintf(stderr, "%s\n", topics.error().message.c_str());
    return 1;
  }
  const Archive archive = build_archive(*config, snapshot->papers(), *topics, 2);
  const char* tmp = std::getenv("TMPDIR");
  const std::filesystem::path out =
      std::filesystem::path(tmp ? tmp : "/tmp") / "paperpress-search-bench";
  for (int r = 0; r < runs; ++r) {
    std::filesystem::remove_all(out);
    auto writer = OutputWriter::open(out);
    if (!writer) {
      std::fprintf(stderr, "%s\n", writer.error().message.c_str());
      return 1;
    }
    SearchIndexStats stats;
    const double cpu0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    Status st = write_search_index(*config, snapshot->papers(), archive, **writer, threads, &stats);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_seconds() - cpu0;
    if (!st) {
      std::fprintf(stderr, "%s\n", st.error().message.c_str());
      return 1;
    }
    std::printf(
        "run %d: %.3f s wall, %.3f s CPU; %zu docs, %zu terms, %zu postings, %zu keys, "
        "%zu files, %.1f MB\n",
        r + 1, wall, cpu, stats.docs, stats.terms, stats.postings, stats.keys, stats.files,
        static_cast<double>(stats.bytes) / 1e6);
    for (const auto& step : stats.step_seconds)
      std::printf("  %-28s %.3f s  %.3f s CPU\n", step.name.c_str(), step.seconds,
                  step.cpu_seconds);
    if (!(*writer)->commit()) return 1;
  }
  std::filesystem::remove_all(out);
  return 0;
}
