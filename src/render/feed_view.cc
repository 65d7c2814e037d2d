// The view of an Atom feed (feed.xml; docs/themes.md, "Per page kind").
#include <algorithm>

#include "paper_view.h"
#include "paperpress/render/escape.h"
#include "paperpress/render/page_path.h"
#include "paperpress/render/views.h"
#include "paperpress/util/url.h"
#include "view_schemas.h"

namespace paperpress {

namespace {

void put_entry(const SiteData& site, Value& e, const PaperRef& p, bool paper_pages) {
  const std::string abs_url = safe_link(p.abs_url());
  const std::string key = paper_pages ? paper_key(p.id()) : std::string();
  e.put(EntryKey::kId, p.id())
      .put_copy(EntryKey::kEntryId, feed_entry_id(p.id()))
      .put(EntryKey::kVersion, p.version())
      .put(EntryKey::kTitle, p.title())
      .put(EntryKey::kAbstract, p.abstract())
      .put_copy(EntryKey::kAbsUrl, abs_url)
      .put_copy(EntryKey::kPdfUrl, safe_link(p.pdf_url()))
      .put(EntryKey::kHasPage, !key.empty())
      .put_copy(EntryKey::kPageUrl, key.empty() ? abs_url : page_url(site.config.base_url, key))
      .put(EntryKey::kPublished, p.published())
      .put(EntryKey::kUpdated, p.updated())
      .put(EntryKey::kComment, p.comment())
      .put(EntryKey::kPrimaryCategory, p.primary_category());
  Value& authors = e.put_list(EntryKey::kAuthors);
  p.for_each_author(
      [&](std::string_view a) { authors.record(named_schema()).put(NamedKey::kName, a); });
  Value& cats = e.put_list(EntryKey::kCategories);
  p.for_each_category(
      [&](std::string_view c) { cats.record(named_schema()).put(NamedKey::kName, c); });
}

}  // namespace

std::string feed_entry_id(std::string_view id) {
  // A well-formed id is a path as it is ("hep-th/9901001"); anything else is encoded whole.
  return "https://arxiv.org/abs/" + (paper_key(id).empty() ? url_encode(id) : std::string(id));
}

Value& feed_view(const SiteData& site, const FeedSpec& spec, std::span<const PaperIndex> papers,
                 bool paper_pages, ViewArena& arena) {
  const Config& config = site.config;
  Value& feed = arena.record(feed_schema());
  const std::string_view html_url = arena.copy(page_url(config.base_url, spec.html_page));
  feed.put_copy(FeedKey::kTitle, spec.title)
      .put_copy(FeedKey::kSubtitle, spec.subtitle)
      .put(FeedKey::kId, html_url)
      .put_copy(FeedKey::kFeedUrl, config.base_url + "/" + spec.file)
      .put(FeedKey::kHtmlUrl, html_url);
  if (spec.topic) feed.put(FeedKey::kTopicUrl, html_url);
  // The feed's <updated> is its newest entry's: a feed reader sees the feed change only when
  // an entry did.
  std::string_view updated;
  Value& entries = feed.put_list(FeedKey::kPapers);
  for (PaperIndex i : papers) {
    const PaperRef& p = site.papers[i];
    updated = std::max(updated, p.updated());
    put_entry(site, entries.record(entry_schema()), p, paper_pages);
  }
  // A feed without entries (a topic nothing matched yet): the store's newest date.
  feed.put(FeedKey::kUpdated, updated.empty() ? std::string_view(site.generated_at) : updated);
  return feed;
}

}  // namespace paperpress
