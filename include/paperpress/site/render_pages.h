// The pages of a build and their rendering: the plan (every page of the archive and of
// content/, as PageJobs) and the renderer that writes each page in every output format on
// several threads, keeping pages whose inputs did not change.
#pragma once

#include <cstdint>
#include <vector>

#include "paperpress/model/archive.h"
#include "paperpress/model/content.h"
#include "paperpress/render/theme.h"
#include "paperpress/render/views.h"
#include "paperpress/site/page_fingerprints.h"
#include "paperpress/util/result.h"
#include "paperpress/write/output_writer.h"

namespace paperpress {

// Every page of the site: home, papers index, per topic its index, month parts, daily index and
// days, then the content pages that belong to no topic, then (with [output] paper_pages) a page
// for every paper in a topic whose id can name one (page_path.h: paper_key).
std::vector<PageJob> plan_pages(const SiteData& site);

// Renders every page in every format on `threads` threads; the first error wins. A page whose
// fingerprint (hash of `site_hash` and its inputs) equals the previous build's and whose files
// are untouched on disk is kept as it is. `fingerprints` receives each job's (0: always rendered).
Status render_pages(const SiteData& site, const Theme& theme, const std::vector<PageJob>& jobs,
                    OutputWriter& writer, unsigned threads, uint64_t site_hash,
                    const PageFingerprints& previous, std::vector<uint64_t>& fingerprints);

}  // namespace paperpress
