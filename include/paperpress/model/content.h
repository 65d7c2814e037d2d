// The site owner's own pages: Markdown files under content/ with a front matter block.
//
//   ---
//   title: About this archive
//   date: 2025-12-01
//   topic: llm            # optional: shown as the introduction of topic llm's index
//   papers: [2511.22955, 2511.23477]   # optional: a digest's chosen papers, in this order
//   paper: 2511.22955     # optional: the page is a note on this paper
//   generated_by: gpt-4o-mini   # written by `paperpress digest` (a model's name, "extractive")
//   generated_hash: 0123456789abcdef   # what it wrote: an edit by the owner changes the file
//   ---
//   Markdown (CommonMark + GitHub extensions)…
//
// content/about.md becomes the page "about" (about.html, about.md); content/digests/x.md the
// page "digests/x". A page with `topic` is not a page of its own but that topic's introduction.
//
// Digests: a heading whose whole text is "arXiv:ID" (any level, e.g. "### arXiv:2511.22955")
// starts that paper's section; the Markdown up to the next such heading is the owner's
// commentary on it, and the text before the first one is the overview. The chosen papers are
// the `papers` list, then the sections' papers not in it, in the order of the body.
//
// Generated pages (`generated_by` set) are untrusted text: they render with raw HTML shown as
// text and only http(s) links (untrusted_markdown.h).
//
// Notes: content/notes/<arXiv id>.md (or any page with `paper: ID`) is a note on that paper,
// shown with the paper wherever the paper is listed, and as a page of its own.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

// One chosen paper of a digest and the owner's commentary on it (may be empty).
struct PaperSection {
  std::string id;        // version-less arXiv id
  std::string markdown;  // the commentary as written
  std::string html;
  int line = 0;  // where the paper was named in the file, for messages
};

struct ContentPage {
  std::string key;  // "about", "digests/2025-12-01"
  std::string title;
  std::string date;      // YYYY-MM-DD or ""
  std::string topic;     // slug, for a topic introduction
  std::string html;      // the body (a digest: its overview) rendered to HTML (GitHub-flavoured)
  std::string markdown;  // the body (a digest: its overview) as written
  std::string paper;     // a note: the arXiv id of the paper it is about
  std::vector<PaperSection> papers;  // a digest: the chosen papers, in order
  std::string generated_by;          // written by `paperpress digest`: the model or "extractive"
  std::string generated_hash;        // the hash the digest writer recorded (digest_file.h)
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
