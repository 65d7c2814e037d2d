// Which topics each stored paper belongs to. Matching is the costly part of grouping, so it is
// done once per stored record: a paper whose record is unchanged (same digest, same place in
// the snapshot) keeps the topics found for it by the previous build.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/store/paper_ref.h"
#include "paperpress/util/result.h"

namespace paperpress {

using PaperIndex = uint32_t;  // into the snapshot's paper list

class TopicAssignment {
 public:
  size_t size() const { return digests_.size(); }
  // The topics of paper `i`, as ascending indexes into the site's topics.
  std::span<const uint16_t> topics_of(PaperIndex i) const {
    return {topics_.data() + start_[i], topics_.data() + start_[i + 1]};
  }

  // The build cache's payload (site/build_state.h frames it and keys it by what the assignment
  // depends on besides the papers: site.toml and the program). decode() refuses anything
  // malformed, and topic indexes from `topic_count` up.
  std::string encode() const;
  static std::optional<TopicAssignment> decode(std::string_view bytes, size_t topic_count);

 private:
  friend struct TopicAssigner;
  std::vector<uint64_t> digests_;   // per paper: the record digest its topics were found for
  std::vector<uint32_t> start_{0};  // per paper: where its topics start in topics_; size()+1
  std::vector<uint16_t> topics_;
};

struct AssignStats {
  size_t matched = 0;  // papers matched in this run
  size_t reused = 0;   // papers whose topics came from `previous`
};

// Assigns topics to every paper in the archive (others get none), reusing `previous` where a
// paper's digest is unchanged. Matching runs on `threads` threads. Fails when the topics of
// site.toml are invalid (the message names the topic).
Result<TopicAssignment> assign_topics(const Config& config, const std::vector<PaperRef>& papers,
                                      const TopicAssignment& previous, unsigned threads,
                                      AssignStats* stats = nullptr);

}  // namespace paperpress
