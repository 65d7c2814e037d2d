// The licenses arXiv records for a paper (arxiv.org/help/license): a short name for a
// license's URL, as data. Pure text; no I/O.
#pragma once

#include <string>
#include <string_view>

namespace paperpress {

// A short name for the license at `url`, as a reader knows it:
//   http://creativecommons.org/licenses/by-nc-sa/4.0/        → "CC BY-NC-SA 4.0"
//   http://creativecommons.org/publicdomain/zero/1.0/         → "CC0 1.0"
//   http://arxiv.org/licenses/nonexclusive-distrib/1.0/       → "arXiv non-exclusive license"
//   http://arxiv.org/licenses/assumed-1991-2003/              → "arXiv license (assumed, 1991–2003)"
// http or https, with or without "www." and the final "/". Empty for any other URL (the page
// then shows the URL itself).
std::string license_name(std::string_view url);

}  // namespace paperpress
