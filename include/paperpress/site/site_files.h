// The files beside the pages: the site's and each topic's Atom feeds, the topics' charts,
// sitemap.xml, robots.txt, the 404 page and the theme's static assets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperpress/render/theme.h"
#include "paperpress/render/views.h"
#include "paperpress/search/search_index.h"
#include "paperpress/write/output_writer.h"

namespace paperpress {

// The first `limit` papers of the topics' lists merged, newest first, each once: the site feed's
// entries.
std::vector<PaperIndex> newest_papers(const SiteData& site, size_t limit);

// The newest `updated` date among the papers ("" when none): stamps feeds deterministically.
std::string newest_date(const std::vector<PaperRef>& papers);

// With search on, the index too: `search` holds what the index in the output folder was made
// from (if known) and receives what this one was made from (search_index.h).
Status write_site_files(const SiteData& site, const Theme& theme, const std::vector<PageJob>& pages,
                        OutputWriter& writer, SearchIndexReuse* search = nullptr);

}  // namespace paperpress
