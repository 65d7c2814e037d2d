#include "paperpress/site/render_pages.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include "paperpress/render/page_path.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

std::vector<PageJob> plan_pages(const SiteData& site) {
  const Archive& archive = site.archive;
  const std::vector<ContentPage>& content = site.content;
  const int per_part = site.config.archive.papers_per_part;
  std::vector<PageJob> jobs;
  jobs.push_back(PageJob{std::string(kHomeKey), PageKind::kHome});
  jobs.push_back(PageJob{std::string(kPapersKey), PageKind::kPapers});
  const bool days = site.config.output.day_pages;
  if (days) jobs.push_back(PageJob{std::string(kDailyKey), PageKind::kDailyAll});
  for (size_t t = 0; t < archive.topics.size(); ++t) {
    const TopicArchive& ta = archive.topics[t];
    const std::string& slug = ta.topic->slug;
    jobs.push_back(PageJob{topic_key(slug), PageKind::kTopic, t});
    for (size_t m = 0; m < ta.months.size(); ++m) {
      jobs.push_back(PageJob{month_key(slug, ta.months[m].key), PageKind::kMonth, t, m});
      size_t parts = ta.months[m].part_count(per_part);
      for (size_t p = 1; p <= parts; ++p)
        jobs.push_back(PageJob{part_key(slug, ta.months[m].key, p), PageKind::kPart, t, m,
                               static_cast<int>(p)});
    }
    if (!days) continue;
    jobs.push_back(PageJob{daily_key(slug), PageKind::kDaily, t});
    for (size_t d = 0; d < ta.days.size(); ++d)
      jobs.push_back(PageJob{day_key(slug, ta.days[d].date), PageKind::kDay, t, d});
  }
  for (size_t i = 0; i < content.size(); ++i)
    if (content[i].topic.empty()) jobs.push_back(PageJob{content[i].key, PageKind::kContent, 0, i});
  if (!site.config.output.paper_pages) return jobs;
  const std::vector<PaperIndex> papers = papers_with_pages(archive, site.papers.size());
  jobs.reserve(jobs.size() + papers.size());
  for (PaperIndex i : papers)
    if (std::string key = paper_key(site.papers[i].id()); !key.empty())
      jobs.push_back(PageJob{std::move(key), PageKind::kPaper, 0, i});
  return jobs;
}

namespace {

// Whether the site's pages of `kind` are written in `format` ([output] markdown turns the
// mirrors off, part_bibtex the parts' .bib files).
bool writes(const SiteData& site, PageKind kind, const OutputFormat& format) {
  if (format.id == FormatId::kMarkdown) return site.config.output.markdown;
  if (format.id == FormatId::kBibtex && kind == PageKind::kPart)
    return site.config.output.part_bibtex;
  return true;
}

}  // namespace

Status render_pages(const SiteData& site, const Theme& theme, const std::vector<PageJob>& jobs,
                    OutputWriter& writer, unsigned threads, uint64_t site_hash,
                    const PageFingerprints& previous, std::vector<uint64_t>& fingerprints) {
  fingerprints.assign(jobs.size(), 0);
  std::atomic<size_t> next{0};
  std::mutex error_mutex;
  std::optional<Error> first_error;
  threads = std::max(1u, threads);
  const size_t stride = (jobs.size() + threads - 1) / threads;
  const size_t slots = stride * threads;   // ≥ jobs.size(); the slots past the end are skipped
  const SiteViews site_views(site, jobs);  // the site's links, built once per folder and format
  run_on_threads(threads, [&](unsigned) {
    ViewArena arena;
    SharedPaperViews shared;  // a page's papers, built once for all its formats
    std::string out;
    for (size_t k = next++; k < slots; k = next++) {
      // Taken in a strided order: with T threads the k-th job taken is job (k mod T) × ⌈N/T⌉ +
      // k div T, so the threads work in different parts of the plan, mostly in different
      // folders, instead of contending for one folder's lock in the kernel.
      const size_t i = (k % threads) * stride + k / threads;
      if (i >= jobs.size()) continue;
      const PageJob& job = jobs[i];
      uint64_t inputs = page_inputs(site, job);
      if (inputs != 0) {
        fingerprints[i] = hash_combine(site_hash, inputs) | 1;
        bool kept = previous.same(job.key, fingerprints[i]);
        for (const OutputFormat* format : kPageFormats)
          if (kept && writes(site, job.kind, *format) && theme.find(template_name(job.kind), format->name))
            kept = writer.keep(page_file(job.key, *format));
        if (kept) continue;
      }
      arena.clear();
      shared.reset();
      for (const OutputFormat* format : kPageFormats) {
        if (!writes(site, job.kind, *format)) continue;
        const Template* tmpl = theme.find(template_name(job.kind), format->name);
        if (!tmpl) continue;  // a theme may leave a format out for a page kind
        out.clear();
        const Value& view = page_view(site, job, *format, arena, &shared, &site_views);
        Status st = tmpl->render(view, out, &theme.templates(format->name));
        if (st) st = writer.write(page_file(job.key, *format), out);
        if (!st) {
          std::lock_guard lock(error_mutex);
          if (!first_error) first_error = st.error();
          next = slots;
          return;
        }
      }
    }
  });
  if (first_error) return *first_error;
  return Status::success();
}

}  // namespace paperpress
