// site.toml: the site's settings, parsed and validated once, then passed down read-only.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/digest_config.h"
#include "paperpress/util/result.h"

namespace paperpress {

enum class DateField { kUpdated, kPublished };
// How the Markdown mirrors list papers: the three reference layouts (cards, table, list) or
// github, the one that reads best on GitHub (authors, id, categories, links, a labelled
// abstract, math kept for GitHub to typeset, previous and next parts).
enum class MarkdownStyle { kCards, kTable, kList, kGithub };

struct Topic {
  std::string slug;  // [a-z0-9][a-z0-9_-]*: safe as a folder name
  std::string name;
  std::string description;
  std::vector<std::string> keywords;             // any of, over title and abstract
  std::vector<std::vector<std::string>> all_of;  // each group: every keyword must match
  std::vector<std::string> exclude;              // none of these may match
  std::vector<std::string> categories;           // empty: any category
};

struct ArxivConfig {
  std::string api_url = "https://export.arxiv.org/api/query";
  std::string oai_url = "https://oaipmh.arxiv.org/oai";
  double delay_seconds = 3.0;      // between the starts of consecutive requests
  int page_size = 100;             // max_results per query-API request
  int max_tries = 5;               // per request, on 429/503/5xx/network errors
  double timeout_seconds = 120.0;  // per request
  long long max_response_bytes = 256LL << 20;
  int result_ceiling = 30000;  // the API returns no results past this offset
  std::string user_agent;      // default: "paperpress/VERSION (+base_url)"
};

struct ArchiveConfig {
  DateField date_field = DateField::kUpdated;
  int papers_per_part = 100;
  MarkdownStyle markdown_style = MarkdownStyle::kCards;
  std::string since = "2025-01-01";  // YYYY-MM-DD
  int authors_shown = 6;             // then "et al."
};

// [search]: the whole-archive search index and page (docs/search.md).
struct SearchConfig {
  bool enabled = true;  // the index under search/, search.html and the box on every HTML page
  // Documents per block of the index's segments (search_format.h): smaller, a rebuild with new
  // papers rewrites fewer files and a query reads more of them.
  int segment_documents = 32768;
};

// [output]: what the build writes beside the list pages, each on by default; an owner turns
// one off to keep a large archive under a host's size limit (docs/deploy.md).
struct OutputConfig {
  bool paper_pages = true;  // abs/<id>.html, .md and .bib for every paper in a topic
  bool markdown = true;     // a Markdown mirror (README.md, <page>.md) beside every HTML page
  bool feeds = true;        // Atom feeds: feed.xml for the site and for each topic
  // papers_<n>.bib: each part's papers as one BibTeX file. Off unless asked for: an entry costs
  // about 4 µs, and every paper is in a part (a 100k build without paper pages +23% CPU).
  bool part_bibtex = false;
  bool day_pages = true;  // daily/: a page per topic and day, and the indexes of days
};

struct Config {
  std::filesystem::path site_dir;  // folder holding site.toml; relative paths resolve here
  std::string title;
  std::string description;
  std::string base_url;
  std::string theme = "default";
  std::string cache_dir = "cache";
  std::string output_dir = "public";
  ArxivConfig arxiv;
  ArchiveConfig archive;
  DigestConfig digest;  // [digest]: digest_config.h
  SearchConfig search;
  OutputConfig output;
  std::vector<Topic> topics;

  // Parses TOML text; `source_name` prefixes error messages ("site.toml:12: ...").
  static Result<Config> parse(std::string_view text, const std::string& source_name = "site.toml");
  // Reads DIR/site.toml and sets site_dir to DIR.
  static Result<Config> from_dir(const std::filesystem::path& dir);

  std::filesystem::path cache_path() const { return site_dir / cache_dir; }
  std::filesystem::path output_path() const { return site_dir / output_dir; }
  std::string user_agent() const;
};

std::string_view to_string(DateField field);
std::string_view to_string(MarkdownStyle style);

}  // namespace paperpress
