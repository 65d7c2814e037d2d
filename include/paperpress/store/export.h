// The store's public JSON-lines form (paperpress export).
#pragma once

#include <string>
#include <vector>

#include "paperpress/store/paper_store.h"

namespace paperpress {

// Papers sorted by id, so that exports of equal stores are byte-identical.
std::vector<const PaperRef*> papers_in_export_order(const StoreSnapshot& snapshot);

// One JSON object and a newline: every exported field of paper_fields.h in its order, under its
// name (id, version, title, authors, abstract, comment, journal_ref, doi, categories,
// primary_category, published, updated, abs_url, pdf_url); lists as arrays.
void append_export_line(const PaperRef& paper, std::string& out);

}  // namespace paperpress
