// arXiv's category taxonomy (arxiv.org/category_taxonomy): the name of each category code, as
// data. Pure lookups; no I/O.
#pragma once

#include <span>
#include <string_view>

namespace paperpress {

struct CategoryName {
  std::string_view code;  // "cs.CL", "hep-th", "cond-mat.mes-hall", "math"
  std::string_view name;  // "Computation and Language"
};

// Every code arXiv uses for a paper's categories, sorted by code (byte order), each once: the
// current categories, the archives that are categories of their own (gr-qc, hep-th, quant-ph,
// math-ph, nucl-*), the whole archives (cs, math, astro-ph, cond-mat, physics, ...; old papers
// have "astro-ph" or "cond-mat" as their primary category) and the archives arXiv closed into
// categories in the 1990s (alg-geom, chao-dyn, cmp-lg, ...), which old papers still carry.
std::span<const CategoryName> category_names();

// The name of `code` ("cs.CL" → "Computation and Language"), empty for an unknown code. Codes
// are case-sensitive, as arXiv writes them.
std::string_view category_name(std::string_view code);

}  // namespace paperpress
