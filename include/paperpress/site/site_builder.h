// paperpress build: the whole pipeline from the paper store to the output folder, as a flat
// list of steps (see build_site in site_builder.cc).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/util/result.h"
#include "paperpress/write/output_writer.h"

namespace paperpress {

struct BuildOptions {
  std::filesystem::path output_dir;  // empty: the site's output_dir
  unsigned threads = 0;              // 0: one per core
};

struct BuildReport {
  size_t papers_loaded = 0;
  // The store's size, and how much of it was read record by record: all of it, or what was
  // appended since the last build when the rest came from the store index.
  size_t store_bytes = 0, store_bytes_read = 0;
  bool store_from_index = false;
  size_t papers_in_topics = 0;
  size_t pages = 0;  // pages rendered (each in every format)
  WriteStats write;
  std::vector<std::pair<std::string, double>> step_seconds;  // in order
};

Result<BuildReport> build_site(const Config& config, const BuildOptions& options);

}  // namespace paperpress
