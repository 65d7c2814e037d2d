#include "paperpress/model/topic_assignment.h"

#include <algorithm>
#include <cstring>

#include "paperpress/model/archive.h"
#include "paperpress/model/topic_matcher.h"
#include "paperpress/util/bytes.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

// Builds an assignment paper by paper; the only code that fills TopicAssignment's fields.
struct TopicAssigner {
  static void add(TopicAssignment& a, uint64_t digest, std::span<const uint16_t> topics) {
    a.digests_.push_back(digest);
    a.topics_.insert(a.topics_.end(), topics.begin(), topics.end());
    a.start_.push_back(static_cast<uint32_t>(a.topics_.size()));
  }
  static bool same(const TopicAssignment& a, PaperIndex i, uint64_t digest) {
    return i < a.size() && a.digests_[i] == digest;
  }
  static void append(TopicAssignment& a, TopicAssignment&& b) {
    uint32_t base = static_cast<uint32_t>(a.topics_.size());
    a.digests_.insert(a.digests_.end(), b.digests_.begin(), b.digests_.end());
    a.topics_.insert(a.topics_.end(), b.topics_.begin(), b.topics_.end());
    for (size_t i = 1; i < b.start_.size(); ++i) a.start_.push_back(base + b.start_[i]);
  }
};

// Paper and topic counts, then the digests, starts and topics arrays.
std::string TopicAssignment::encode() const {
  std::string out;
  uint64_t header[2] = {digests_.size(), topics_.size()};
  put_array(out, header, 2);
  put_array(out, digests_.data(), digests_.size());
  put_array(out, start_.data(), start_.size());
  put_array(out, topics_.data(), topics_.size());
  return out;
}

std::optional<TopicAssignment> TopicAssignment::decode(std::string_view bytes, size_t topic_count) {
  uint64_t header[2];
  if (!take_array(bytes, header, 2)) return std::nullopt;
  uint64_t papers = header[0], topics = header[1];
  if (papers >= UINT32_MAX || topics >= UINT32_MAX) return std::nullopt;
  if (bytes.size() != papers * 8 + (papers + 1) * 4 + topics * 2) return std::nullopt;
  TopicAssignment a;
  a.digests_.resize(papers);
  a.start_.resize(papers + 1);
  a.topics_.resize(topics);
  take_array(bytes, a.digests_.data(), papers);
  take_array(bytes, a.start_.data(), papers + 1);
  take_array(bytes, a.topics_.data(), topics);
  if (a.start_[0] != 0 || a.start_[papers] != topics) return std::nullopt;
  for (size_t i = 0; i < papers; ++i)
    if (a.start_[i] > a.start_[i + 1]) return std::nullopt;
  for (uint16_t t : a.topics_)
    if (t >= topic_count) return std::nullopt;
  return a;
}

Result<TopicAssignment> assign_topics(const Config& config, const std::vector<PaperRef>& papers,
                                      const TopicAssignment& previous, unsigned threads,
                                      AssignStats* stats) {
  auto matcher = TopicMatcher::build(config.topics);
  if (!matcher) return matcher.error().at("site.toml");
  size_t n = papers.size();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 5000 + 1)));
  // Each thread assigns one contiguous range; the ranges are then joined in order.
  std::vector<TopicAssignment> chunks(threads);
  std::vector<AssignStats> chunk_stats(threads);
  run_on_threads(threads, [&](unsigned c) {
    auto [begin, end] = range_of(n, c, threads);
    TopicAssignment& out = chunks[c];
    TopicMatcher::Scratch scratch;
    std::vector<uint16_t> hits;
    for (size_t i = begin; i < end; ++i) {
      const PaperRef& p = papers[i];
      auto index = static_cast<PaperIndex>(i);
      if (p.digest() != 0 && TopicAssigner::same(previous, index, p.digest())) {
        TopicAssigner::add(out, p.digest(), previous.topics_of(index));
        ++chunk_stats[c].reused;
        continue;
      }
      hits.clear();
      if (in_archive(p, config.archive)) {
        matcher->match(p.title(), p.abstract(), p.categories(), hits, scratch);
        ++chunk_stats[c].matched;
      }
      TopicAssigner::add(out, p.digest(), hits);
    }
  });

  TopicAssignment result = std::move(chunks[0]);
  for (unsigned c = 1; c < threads; ++c) TopicAssigner::append(result, std::move(chunks[c]));
  if (stats) {
    *stats = {};
    for (const AssignStats& s : chunk_stats) {
      stats->matched += s.matched;
      stats->reused += s.reused;
    }
  }
  return result;
}

}  // namespace paperpress
