#include "paperpress/site/site_files.h"

#include <algorithm>
#include <span>
#include <thread>

#include "paperpress/render/chart.h"
#include "paperpress/render/escape.h"
#include "paperpress/render/page_path.h"
#include "paperpress/search/search_format.h"
#include "paperpress/search/search_index.h"
#include "paperpress/site/katex_assets.h"
#include "paperpress/util/fs.h"

namespace paperpress {

namespace {

constexpr size_t kFeedEntries = 50;

Status write_feed(const SiteData& site, const Theme& theme, const FeedSpec& spec,
                  std::span<const PaperIndex> papers, OutputWriter& writer) {
  const Template* tmpl = theme.find("feed", "xml");
  if (!tmpl) return Status::success();
  // Entries link to the papers' own pages when the build writes them.
  const bool paper_pages = site.config.output.paper_pages && theme.find("abs", "html");
  ViewArena arena;
  const Value& feed = feed_view(site, spec, papers.first(std::min(papers.size(), kFeedEntries)),
                                paper_pages, arena);
  std::string out;
  if (auto st = tmpl->render(feed, out, &theme.templates("xml")); !st) return st;
  return writer.write(spec.file, out);
}

Status write_topic_feed(const SiteData& site, const Theme& theme, size_t topic_index,
                        OutputWriter& writer) {
  const TopicArchive& ta = site.archive.topics[topic_index];
  FeedSpec spec{site.config.title + " · " + ta.topic->name, ta.topic->description,
                topic_key(ta.topic->slug), topic_feed_file(ta.topic->slug), true};
  return write_feed(site, theme, spec, ta.papers, writer);
}

// feed.xml: the newest papers of every topic, each once.
Status write_site_feed(const SiteData& site, const Theme& theme, OutputWriter& writer) {
  FeedSpec spec{site.config.title, site.config.description, std::string(kHomeKey),
                std::string(kSiteFeedFile), false};
  const std::vector<PaperIndex> papers = newest_papers(site, kFeedEntries);
  return write_feed(site, theme, spec, papers, writer);
}

// The sitemaps protocol's limit of URLs in one file; a larger site gets an index of files.
constexpr size_t kSitemapUrls = 50000;

// When a page last changed, as far as its papers tell: a paper's latest version, the newest
// paper of a part, a day's date; empty for the other pages.
std::string_view last_modified(const SiteData& site, const PageJob& job) {
  const DateField field = site.config.archive.date_field;
  switch (job.kind) {
    case PageKind::kPaper:
      return site.papers[job.group].updated().substr(0, 10);
    case PageKind::kDay:
      return site.archive.topics[job.topic].days[job.group].date;
    case PageKind::kPart: {
      const MonthGroup& m = site.archive.topics[job.topic].months[job.group];
      const size_t first = static_cast<size_t>(job.part - 1) * site.config.archive.papers_per_part;
      return first < m.papers.size()
                 ? placing_date(site.papers[m.papers[first]], field).substr(0, 10)
                 : std::string_view();
    }
    default:
      return {};
  }
}

std::string sitemap(const SiteData& site, std::span<const PageJob> pages) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const PageJob& job : pages) {
    out += "  <url><loc>";
    escape_xml(out, page_url(site.config.base_url, job.key));
    out += "</loc>";
    if (std::string_view modified = last_modified(site, job); modified.size() == 10) {
      out += "<lastmod>";
      escape_xml(out, modified);
      out += "</lastmod>";
    }
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

// sitemap.xml: the pages' URLs, or an index of sitemap-1.xml, sitemap-2.xml, … of at most
// kSitemapUrls each.
Status write_sitemaps(const SiteData& site, const std::vector<PageJob>& pages,
                      OutputWriter& writer) {
  if (pages.size() <= kSitemapUrls) return writer.write("sitemap.xml", sitemap(site, pages));
  std::string index =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (size_t begin = 0, n = 1; begin < pages.size(); begin += kSitemapUrls, ++n) {
    const std::string file = "sitemap-" + std::to_string(n) + ".xml";
    const size_t count = std::min(kSitemapUrls, pages.size() - begin);
    if (auto st = writer.write(file, sitemap(site, std::span(pages).subspan(begin, count))); !st)
      return st;
    index += "  <sitemap><loc>";
    escape_xml(index, site.config.base_url + "/" + file);
    index += "</loc></sitemap>\n";
  }
  index += "</sitemapindex>\n";
  return writer.write("sitemap.xml", index);
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

// KaTeX's script, stylesheet and fonts, beside the theme's assets, when the site ships it.
Status write_katex(const SiteData& site, OutputWriter& writer) {
  if (site.katex_dir.empty()) return Status::success();
  auto files = katex_files(site.katex_dir);
  if (!files) return files.error();
  for (const KatexFile& f : *files) {
    auto bytes = read_file(f.source);
    if (!bytes) return bytes.error();
    if (auto st = writer.write(f.output, *bytes); !st) return st;
  }
  return Status::success();
}

}  // namespace

std::vector<PaperIndex> newest_papers(const SiteData& site, size_t limit) {
  // The topics' lists are each newest first (placing date, then id, both descending): merged
  // head by head, a paper in several topics comes up at their heads together.
  const DateField field = site.config.archive.date_field;
  const auto& topics = site.archive.topics;
  std::vector<size_t> next(topics.size(), 0);
  std::vector<PaperIndex> out;
  while (out.size() < limit) {
    size_t best = topics.size();
    std::pair<std::string_view, std::string_view> best_key;
    for (size_t t = 0; t < topics.size(); ++t) {
      if (next[t] >= topics[t].papers.size()) continue;
      const PaperRef& p = site.papers[topics[t].papers[next[t]]];
      std::pair<std::string_view, std::string_view> key{placing_date(p, field), p.id()};
      if (best == topics.size() || key > best_key) {
        best = t;
        best_key = key;
      }
    }
    if (best == topics.size()) break;
    const PaperIndex index = topics[best].papers[next[best]++];
    if (std::find(out.begin(), out.end(), index) == out.end()) out.push_back(index);
  }
  return out;
}

std::string newest_date(const std::vector<PaperRef>& papers) {
  std::string_view newest;
  for (const PaperRef& p : papers) newest = std::max(newest, p.updated());
  return std::string(newest);
}

Status write_site_files(const SiteData& site, const Theme& theme, const std::vector<PageJob>& pages,
                        OutputWriter& writer, SearchIndexReuse* search) {
  const bool feeds = site.config.output.feeds;
  for (size_t t = 0; t < site.archive.topics.size(); ++t) {
    if (feeds)
      if (auto st = write_topic_feed(site, theme, t, writer); !st) return st;
    const TopicArchive& ta = site.archive.topics[t];
    if (auto st = writer.write(topic_chart_file(ta.topic->slug), month_chart_svg(ta) + "\n"); !st)
      return st;
  }
  if (feeds)
    if (auto st = write_site_feed(site, theme, writer); !st) return st;
  if (auto st = write_sitemaps(site, pages, writer); !st) return st;
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
  if (auto st = write_katex(site, writer); !st) return st;
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
