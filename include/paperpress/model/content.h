// The site owner's own pages: Markdown files under content/ with a front matter block.
//
//   ---
//   title: About this archive
//   date: 2025-12-01
//   topic: llm            # optional: shown as the introduction of topic llm's index
//   ---
//   Markdown (CommonMark + GitHub extensions)…
//
// content/about.md becomes the page "about" (about.html, about.md); content/digests/x.md the
// page "digests/x". A page with `topic` is not a page of its own but that topic's introduction.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

struct ContentPage {
  std::string key;  // "about", "digests/2025-12-01"
  std::string title;
  std::string date;      // YYYY-MM-DD or ""
  std::string topic;     // slug, for a topic introduction
  std::string html;      // the body rendered to HTML (GitHub-flavoured)
  std::string markdown;  // the body as written
};

// Parses one file's text; `name` (the path) prefixes errors ("content/about.md:3: ...").
Result<ContentPage> parse_content_page(std::string_view text, const std::string& key,
                                       const std::string& name);

// Every *.md under `dir`, sorted by key; an absent folder is no pages.
Result<std::vector<ContentPage>> load_content(const std::filesystem::path& dir);

// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists) to HTML.
// Raw HTML in the source is kept only when `allow_html` says so.
enum class RawHtml { kOmit, kKeep };
std::string markdown_to_html(std::string_view markdown, RawHtml raw_html);

}  // namespace paperpress
