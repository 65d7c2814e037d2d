// A digest as `paperpress digest` writes it to content/digests/: the format content.h reads
// (front matter with `papers`, the overview, one "### arXiv:ID" section per paper), marked as
// generated, with a hash of what was written so that an edit by the owner is noticed:
//
//   ---
//   title: LLM digest, 2025-07-14
//   date: 2025-07-14
//   papers: [2507.01234, 2507.04321]
//   generated_by: gpt-4o-mini
//   generated_hash: 5f0c3a9e21d47b86
//   ---
//   overview…
//
//   ### arXiv:2507.01234
//   commentary…
//
// The hash covers every byte of the file but its own line. The file name, the front matter
// and the list of papers come from paperpress alone; the overview and the commentary are the
// only text a model supplies, and the caller passes them through
// sanitize_untrusted_markdown() first.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

struct DigestSection {
  std::string id;        // version-less arXiv id
  std::string markdown;  // the commentary
};

struct DigestDocument {
  std::string title;
  std::string date;          // YYYY-MM-DD
  std::string generated_by;  // the model's name or "extractive"
  std::string overview;      // Markdown
  std::vector<DigestSection> sections;
};

// The file's text, hash included.
std::string render_digest_file(const DigestDocument& digest);

enum class DigestFileState {
  kAbsent,
  kGenerated,    // written by paperpress and unchanged since
  kEdited,       // written by paperpress, then changed
  kHandWritten,  // no generated_by: the owner's own
};

// What is at `path` now; an error names the file when it cannot be read.
Result<DigestFileState> inspect_digest_file(const std::filesystem::path& path);

// A value safe on one front matter line: no line break, no " #" (a comment there), no
// leading or trailing space.
std::string front_matter_value(std::string_view text);

}  // namespace paperpress
