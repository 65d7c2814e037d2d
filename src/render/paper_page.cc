// A paper's own page, abs/<id>: the paper's view (every field, its note) and what only this page
// shows: versions, arXiv's links, the topics, months and days that list it, its categories by
// name, its BibTeX entry and the members the theme's citation metadata is written from.
#include <algorithm>
#include <string>

#include "page_views.h"
#include "paper_view.h"
#include "paperpress/cite/bibtex.h"
#include "paperpress/cite/license.h"
#include "paperpress/cite/taxonomy.h"
#include "paperpress/util/time.h"
#include "view_schemas.h"

namespace paperpress {

namespace {

// A meta description: the abstract's first sentences, up to about 300 bytes, cut at a space
// and never inside a UTF-8 sequence.
std::string_view description_of(std::string_view abstract) {
  constexpr size_t kMax = 300;
  if (abstract.size() <= kMax) return abstract;
  size_t cut = abstract.rfind(' ', kMax);
  if (cut == std::string_view::npos || cut < kMax / 2) {
    cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(abstract[cut]) & 0xC0) == 0x80) --cut;
  }
  return abstract.substr(0, cut);
}

// "2025-01-02T18:00:00Z" → "2025/01/02", the form Google Scholar's citation_publication_date
// asks for; empty when the date is not one.
std::string scholar_date(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string out(iso.substr(0, 10));
  out[4] = out[7] = '/';
  return out;
}

void add_listings(PageContext& c, Value& page, const PaperRef& p, PaperIndex index) {
  const SiteData& site = c.site;
  const std::string_view date = placing_date(p, site.config.archive.date_field).substr(0, 10);
  const std::string month = month_group_key(date);
  const std::string month_text = month_label(month);
  const std::string day_text = day_label(date);
  Value& listed = page.put_list(PageKey::kListed);
  const std::span<const uint16_t> topics = site.index.topics_of(site, index);
  for (size_t i = 0; i < topics.size(); ++i) {
    const Topic& t = *site.archive.topics[topics[i]].topic;
    listed.record(item_schema())
        .put(ItemKey::kName, std::string_view(t.name))
        .put(ItemKey::kUrl, c.link(topic_key(t.slug)))
        .put_copy(ItemKey::kMonth, month)
        .put_copy(ItemKey::kMonthLabel, month_text)
        .put(ItemKey::kMonthUrl, c.link(month_key(t.slug, month)))
        .put(ItemKey::kDate, date)
        .put_copy(ItemKey::kDayLabel, day_text)
        .put(ItemKey::kDayUrl, day_link(c, t.slug, date))
        .put(ItemKey::kLast, i + 1 == topics.size());
  }
  page.put(PageKey::kHasListed, !topics.empty());
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  if (!topics.empty()) {
    const Topic& t = *site.archive.topics[topics[0]].topic;
    add_crumb(c, crumbs, t.name, topic_key(t.slug));
    add_crumb(c, crumbs, c.arena.copy(month_text), month_key(t.slug, month));
  }
}

void add_categories(PageContext& c, Value& page, const PaperRef& p) {
  Value& list = page.put_list(PageKey::kCategoryNames);
  Value* last = nullptr;
  p.for_each_category([&](std::string_view code) {
    last = &list.record(item_schema())
                .put(ItemKey::kCode, code_safe(c.arena, code))
                .put(ItemKey::kName, category_name(code))
                .put(ItemKey::kLast, false);
  });
  if (last) last->put(ItemKey::kLast, true);
}

BibtexPaper bibtex_paper(const PaperRef& p) {
  BibtexPaper b;
  b.id = p.id();
  b.title = p.title();
  p.for_each_author([&](std::string_view a) { b.authors.push_back(a); });
  b.published = p.published().empty() ? p.updated() : p.published();
  b.primary_category = p.primary_category();
  b.doi = p.doi();
  b.journal_ref = p.journal_ref();
  return b;
}

// The paper's BibTeX entry, built once for all the page's formats.
std::string_view bibtex_of(PageContext& c, const PaperRef& p) {
  if (c.shared && !c.shared->bibtex.empty()) return c.shared->bibtex;
  const BibtexPaper b = bibtex_paper(p);
  std::string out;
  append_bibtex(out, b, bibtex_key(b));
  const std::string_view entry = c.arena.copy(out);
  if (c.shared) c.shared->bibtex = entry;
  return entry;
}

// The paper's view, shared by the page's formats unless a note makes it differ.
const Value& page_paper(PageContext& c, Value& page, PaperIndex index) {
  Value& list = page.put_list(PageKey::kPapers);
  if (c.shared && c.shared->page_paper) return list.add(*c.shared->page_paper);
  bool format_dependent = false;
  const Value& paper = add_paper(c, list, index, true, &format_dependent);
  if (c.shared && !format_dependent) c.shared->page_paper = &paper;
  return paper;
}

}  // namespace

Value& bibtex_page(PageContext& c, std::span<const PaperIndex> papers) {
  std::vector<BibtexPaper> entries;
  std::vector<std::string> keys;
  entries.reserve(papers.size());
  keys.reserve(papers.size());
  for (PaperIndex i : papers) {
    entries.push_back(bibtex_paper(c.site.papers[i]));
    keys.push_back(bibtex_key(entries.back()));
  }
  make_unique_keys(keys);
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += '\n';
    append_bibtex(out, entries[i], keys[i]);
  }
  return c.arena.record(page_schema()).put_copy(PageKey::kBibtex, out);
}

Value& paper_page(PageContext& c) {
  const auto index = static_cast<PaperIndex>(c.job.group);
  const PaperRef& p = c.site.papers[index];
  if (c.format.id == FormatId::kBibtex) {  // the entry alone
    return c.arena.record(page_schema()).put(PageKey::kBibtex, bibtex_of(c, p));
  }
  Value& page = base(c, p.title());
  page.put(PageKey::kIsPaper, true);
  page.put(PageKey::kPaper, page_paper(c, page, index));
  page.put(PageKey::kMetaDescription, description_of(p.abstract()));
  const std::string id(p.id());
  const int version = p.version();
  page.put(PageKey::kId, code_safe(c.arena, id))
      .put_copy(PageKey::kVersionedId, version > 0 ? id + "v" + std::to_string(version) : id)
      .put(PageKey::kRevised, version > 1)
      .put_copy(PageKey::kFirstVersionLabel, day_label(p.published().substr(0, 10)))
      .put_copy(PageKey::kLatestVersionLabel, day_label(p.updated().substr(0, 10)))
      .put(PageKey::kFirstVersionDate, p.published().substr(0, 10))
      .put(PageKey::kLatestVersionDate, p.updated().substr(0, 10))
      .put_copy(PageKey::kCitationDate, scholar_date(p.published()))
      .put_copy(PageKey::kHtmlVersionUrl, "https://arxiv.org/html/" + id)
      .put(PageKey::kBibUrl, c.file(page_file(c.job.key, kBibtexFormat)))
      .put(PageKey::kBibtex, bibtex_of(c, p));
  if (std::string_view license = safe_url(c.arena, p.license()); !license.empty()) {
    const std::string name = license_name(license);
    page.put_copy(PageKey::kLicenseName, name.empty() ? std::string(license) : name);
  }
  if (!p.doi().empty())
    page.put(PageKey::kDoiUrl,
             safe_url(c.arena, c.arena.copy("https://doi.org/" + std::string(p.doi()))));
  add_categories(c, page, p);
  add_listings(c, page, p, index);
  return page;
}

}  // namespace paperpress
