#include "paperpress/search/doc_table.h"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "paperpress/render/output_format.h"
#include "paperpress/render/page_path.h"

namespace paperpress {

namespace {

constexpr uint16_t kNoTopic = 0xFFFF;

// "2025-07-14T10:00:00Z" as 20250714100000, for sorting without comparing strings.
uint64_t date_number(std::string_view d) {
  uint64_t n = 0;
  int digits = 0;
  for (char c : d) {
    if (c >= '0' && c <= '9') {
      n = n * 10 + static_cast<uint64_t>(c - '0');
      if (++digits == 14) break;
    }
  }
  for (; digits < 14; ++digits) n *= 10;
  return n;
}

}  // namespace

std::string_view DocTable::date(const PaperRef& paper) {
  return placing_date(paper, DateField::kPublished);
}

int DocTable::year(const PaperRef& paper) {
  std::string_view d = date(paper);
  if (d.size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    if (d[i] < '0' || d[i] > '9') return 0;
    y = y * 10 + (d[i] - '0');
  }
  return y;
}

std::string DocTable::link(const Archive& archive, const std::vector<PaperRef>& papers,
                           uint32_t doc) const {
  std::string out;
  link_into(out, archive, papers, doc);
  return out;
}

void DocTable::link_into(std::string& out, const Archive& archive,
                         const std::vector<PaperRef>& papers, uint32_t doc) const {
  const SearchDoc& d = docs[doc];
  if (paper_pages) {
    if (std::string key = paper_key(papers[d.paper].id()); !key.empty()) {
      out = page_file(key, kHtmlFormat);
      return;
    }
  }
  const TopicArchive& ta = archive.topics[d.topic];
  out = page_file(part_key(ta.topic->slug, ta.months[d.month].key, d.part), kHtmlFormat);
  out += '#';
  out += papers[d.paper].id();
}

DocTable build_doc_table(const Config& config, const std::vector<PaperRef>& papers,
                         const Archive& archive) {
  const int per_part = std::max(1, config.archive.papers_per_part);
  // Each paper's first topic and place in it; then the count of topics per paper.
  std::vector<SearchDoc> place(papers.size(), SearchDoc{0, kNoTopic, 0, 0, 0});
  std::vector<uint16_t> topic_count(papers.size(), 0);
  for (size_t t = 0; t < archive.topics.size() && t < kNoTopic; ++t) {
    const TopicArchive& ta = archive.topics[t];
    for (size_t m = 0; m < ta.months.size(); ++m) {
      const std::vector<PaperIndex>& list = ta.months[m].papers;
      for (size_t i = 0; i < list.size(); ++i) {
        PaperIndex p = list[i];
        ++topic_count[p];
        if (place[p].topic != kNoTopic) continue;
        place[p] = SearchDoc{p, static_cast<uint16_t>(t), static_cast<uint16_t>(m),
                             static_cast<uint32_t>(i / per_part + 1), 0};
      }
    }
  }
  struct Key {
    uint64_t date;
    PaperIndex paper;
  };
  std::vector<Key> keys;
  for (PaperIndex p = 0; p < papers.size(); ++p) {
    if (place[p].topic == kNoTopic) continue;
    keys.push_back({date_number(DocTable::date(papers[p])), p});
    place[p].year = static_cast<uint16_t>(DocTable::year(papers[p]));
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.date != b.date) return a.date < b.date;
    return papers[a.paper].id() < papers[b.paper].id();
  });

  DocTable table;
  table.paper_pages = config.output.paper_pages;
  table.docs.reserve(keys.size());
  std::vector<uint32_t> doc_of(papers.size(), UINT32_MAX);
  table.topic_begin.assign(keys.size() + 1, 0);
  for (uint32_t d = 0; d < keys.size(); ++d) {
    table.docs.push_back(place[keys[d].paper]);
    doc_of[keys[d].paper] = d;
    table.topic_begin[d + 1] = table.topic_begin[d] + topic_count[keys[d].paper];
  }
  table.topics.resize(table.topic_begin.back());
  std::vector<uint32_t> filled(table.topic_begin.begin(), table.topic_begin.end() - 1);
  // Topics in site.toml order; a paper is in each topic's month lists once.
  for (size_t t = 0; t < archive.topics.size() && t < kNoTopic; ++t)
    for (const MonthGroup& m : archive.topics[t].months)
      for (PaperIndex p : m.papers)
        if (doc_of[p] != UINT32_MAX) table.topics[filled[doc_of[p]]++] = static_cast<uint16_t>(t);
  return table;
}

}  // namespace paperpress
