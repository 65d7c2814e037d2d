// Parser throughput on one core, for scripts/bench.sh: paperpress_parse_bench FILE...
// Each file is an arXiv API Atom page or an OAI-PMH page (told apart by its content); pages that
// do not parse (error responses) are left out. Every file of a kind is parsed over and over until
// about 256 MB have gone through the parser, and one Markdown table row per kind is printed: files,
// MB parsed, seconds, MB/s, papers/s.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "paperpress/parse/atom.h"
#include "paperpress/parse/oai.h"
#include "paperpress/util/fs.h"

namespace {

using paperpress::read_file;

struct Kind {
  const char* name;
  std::vector<std::string> bodies;
  size_t (*parse)(const std::string&);  // papers parsed, or SIZE_MAX when it failed
};

size_t parse_atom_body(const std::string& body) {
  auto feed = paperpress::parse_atom(body);
  return feed ? feed->papers.size() : SIZE_MAX;
}

size_t parse_oai_body(const std::string& body) {
  auto page = paperpress::parse_oai(body);
  return page ? page->papers.size() : SIZE_MAX;
}

}  // namespace

int main(int argc, char** argv) {
  Kind kinds[] = {{"Atom (query API)", {}, parse_atom_body}, {"OAI-PMH", {}, parse_oai_body}};
  for (int i = 1; i < argc; ++i) {
    auto body = read_file(argv[i]);
    if (!body) {
      std::fprintf(stderr, "paperpress_parse_bench: %s\n", body.error().message.c_str());
      return 1;
    }
    Kind& kind = kinds[body->find("<OAI-PMH") != std::string::npos ? 1 : 0];
    // Error responses (an arXiv error feed, badArgument) are not what throughput is about.
    if (kind.parse(*body) == SIZE_MAX) continue;
    kind.bodies.push_back(std::move(*body));
  }
  std::printf("| parser | files | MB parsed | s | MB/s | papers/s |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const Kind& kind : kinds) {
    if (kind.bodies.empty()) continue;
    size_t bytes = 0, papers = 0;
    auto start = std::chrono::steady_clock::now();
    while (bytes < (256u << 20)) {
      for (const std::string& body : kind.bodies) {
        size_t n = kind.parse(body);
        if (n == SIZE_MAX) {
          std::fprintf(stderr, "paperpress_parse_bench: a %s page does not parse\n", kind.name);
          return 1;
        }
        papers += n;
        bytes += body.size();
      }
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("| %s | %zu | %.1f | %.2f | %.0f | %.0f |\n", kind.name, kind.bodies.size(),
                bytes / 1e6, s, bytes / 1e6 / s, papers / s);
  }
  return 0;
}
