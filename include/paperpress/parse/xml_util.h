// Helpers shared by the parsers: loading an XML body into pugixml with the project's error and
// UTF-8 rules, namespace-agnostic element matching, text extraction, and the arXiv metadata
// conventions common to the Atom, OAI-PMH and snapshot formats (author lists, categories).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "paperpress/store/paper.h"
#include "paperpress/util/result.h"
#include "paperpress/util/text.h"

namespace paperpress {

// Parses `body` into `doc`. Errors: "empty response" (nothing but whitespace), "malformed XML
// at byte N: <pugixml description>" (N counts bytes of `body`). Invalid UTF-8 is replaced by
// U+FFFD before parsing, with a warning naming the byte offset of the first invalid sequence.
Status load_xml(std::string_view body, pugi::xml_document& doc, std::vector<std::string>& warnings);

// find_invalid_utf8 with a fast path over ASCII runs.
std::optional<size_t> first_invalid_utf8(std::string_view text);

// "arxiv:comment" → "comment", "entry" → "entry".
std::string_view local_name(const char* qualified_name);

// True when `node` is an element whose local name is `name`.
bool has_local_name(pugi::xml_node node, std::string_view name);

// First child element with local name `name`, or an empty node.
pugi::xml_node child_by_local_name(pugi::xml_node node, std::string_view name);

// The text directly inside `node` (its PCDATA and CDATA children, concatenated), entities
// decoded once by the parser.
std::string element_text(pugi::xml_node node);

// element_text with whitespace runs collapsed and both ends trimmed.
std::string normalized_text(pugi::xml_node node);

// A decimal integer (surrounding whitespace allowed); nullopt for anything else.
std::optional<long long> parse_integer(std::string_view text);

// parse_arxiv_id that also accepts surrounding whitespace and an abs/pdf URL on any host
// ("http://export.arxiv.org/abs/0704.0001v2"), and never throws.
std::optional<ArxivId> parse_arxiv_id_safely(std::string_view text);

// "v3" → 3; nullopt for anything else.
std::optional<int> parse_version_label(std::string_view text);

// An author list written as one string, as in OAI arXivRaw and the snapshot's `authors`:
// "D.V. Shetty, S.J. Yennello, and G.A. Souliotis" → {"D.V. Shetty", "S.J. Yennello",
// "G.A. Souliotis"}. Splits on commas and the word "and" outside brackets, drops parenthesized
// affiliations ("A. Author (CERN)" → "A. Author"), normalizes whitespace, drops empty names
// and a closing "et al.". LaTeX is kept as written.
std::vector<std::string> split_author_list(std::string_view text);

// "Forenames Keyname Suffix", skipping empty parts, whitespace normalized.
std::string author_display_name(std::string_view forenames, std::string_view keyname,
                                std::string_view suffix);

// Removes duplicates (keeping the first) and puts `primary` first, adding it when missing; an
// empty `primary` means the first category. Sets paper.primary_category.
void finish_categories(Paper& paper, std::string_view primary);

}  // namespace paperpress
