#include "paperpress/site/site_files.h"

#include <algorithm>
#include <thread>

#include "paperpress/render/chart.h"
#include "paperpress/render/escape.h"
#include "paperpress/render/page_path.h"
#include "paperpress/search/search_format.h"
#include "paperpress/search/search_index.h"
#include "paperpress/util/url.h"

namespace paperpress {

namespace {

constexpr size_t kFeedEntries = 50;

Status write_feed(const SiteData& site, const Theme& theme, size_t topic_index,
                  OutputWriter& writer) {
  const Template* tmpl = theme.find("feed", "xml");
  if (!tmpl) return Status::success();
  const TopicArchive& ta = site.archive.topics[topic_index];
  const Config& config = site.config;
  ViewArena arena;
  Value& feed = arena.object();
  const std::string topic_page = topic_key(ta.topic->slug);
  const std::string feed_file = topic_feed_file(ta.topic->slug);
  feed.set("title", arena.copy(config.title + " · " + ta.topic->name))
      .set("id", arena.copy(page_url(config.base_url, topic_page)))
      .set("feed_url", arena.copy(config.base_url + "/" + feed_file))
      .set("topic_url", arena.copy(page_url(config.base_url, topic_page)))
      .set("updated", std::string_view(site.generated_at));
  Value& entries = feed.list("papers");
  for (size_t i = 0; i < ta.papers.size() && i < kFeedEntries; ++i) {
    const PaperRef& p = site.papers[ta.papers[i]];
    Value& e = entries.object();
    e.set("id", p.id())
        .set("title", p.title())
        .set("abstract", p.abstract())
        .set_copy("abs_url", safe_link(p.abs_url()))
        .set_copy("pdf_url", safe_link(p.pdf_url()))
        .set("published", p.published())
        .set("updated", p.updated())
        .set("comment", p.comment())
        .set("primary_category", p.primary_category());
    Value& authors = e.list("authors");
    p.for_each_author([&](std::string_view a) { authors.object().set("name", a); });
    Value& cats = e.list("categories");
    p.for_each_category([&](std::string_view c) { cats.object().set("name", c); });
  }
  std::string out;
  if (auto st = tmpl->render(feed, out, &theme.templates("xml")); !st) return st;
  return writer.write(feed_file, out);
}

std::string sitemap(const SiteData& site, const std::vector<PageJob>& pages) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const PageJob& job : pages) {
    out += "  <url><loc>";
    escape_xml(out, page_url(site.config.base_url, job.key));
    out += "</loc></url>\n";
  }
  out += "</urlset>\n";
  return out;
}

// search.html, the search page (docs/search.md), from the theme's search.html.
Status write_search_page(const SiteData& site, const Theme& theme, OutputWriter& writer) {
  const Template* tmpl = theme.find("search", "html");
  if (!tmpl) return Status::success();
  ViewArena arena;
  PageJob job{"search", PageKind::kSearch};
  std::string out;
  if (auto st =
          tmpl->render(page_view(site, job, kHtmlFormat, arena), out, &theme.templates("html"));
      !st)
    return st;
  return writer.write("search.html", out);
}

}  // namespace

std::string newest_date(const std::vector<PaperRef>& papers) {
  std::string_view newest;
  for (const PaperRef& p : papers) newest = std::max(newest, p.updated());
  return std::string(newest);
}

Status write_site_files(const SiteData& site, const Theme& theme, const std::vector<PageJob>& pages,
                        OutputWriter& writer, SearchIndexReuse* search) {
  for (size_t t = 0; t < site.archive.topics.size(); ++t) {
    if (auto st = write_feed(site, theme, t, writer); !st) return st;
    const TopicArchive& ta = site.archive.topics[t];
    if (auto st = writer.write(topic_chart_file(ta.topic->slug), month_chart_svg(ta) + "\n"); !st)
      return st;
  }
  if (auto st = writer.write("sitemap.xml", sitemap(site, pages)); !st) return st;
  std::string robots = "User-agent: *\nAllow: /\n";
  if (!site.config.base_url.empty())
    robots += "Sitemap: " + site.config.base_url + "/sitemap.xml\n";
  if (auto st = writer.write("robots.txt", robots); !st) return st;
  if (const Template* not_found = theme.find("404", "html")) {
    ViewArena arena;
    PageJob job{"404", PageKind::kNotFound};
    std::string out;
    if (auto st = not_found->render(page_view(site, job, kHtmlFormat, arena), out,
                                    &theme.templates("html"));
        !st)
      return st;
    if (auto st = writer.write("404.html", out); !st) return st;
  }
  for (const auto& [path, bytes] : theme.assets()) {
    if (path == kSearchScript && !site.config.search.enabled) continue;  // nothing to search
    if (auto st = writer.write(path, bytes); !st) return st;
  }
  if (!site.config.search.enabled) return Status::success();
  if (auto st = write_search_page(site, theme, writer); !st) return st;
  // Beside the pages, which render on every core: two threads.
  SearchIndexStats stats;
  SearchIndexInputs made;
  const Status st =
      write_search_index(site.config, site.papers, site.archive, writer,
                         std::min(2u, std::max(1u, std::thread::hardware_concurrency())), &stats,
                         search ? search->previous : std::nullopt, &made);
  if (search && st) {
    search->made = made;
    search->written = !stats.kept;
  }
  return st;
}

}  // namespace paperpress
