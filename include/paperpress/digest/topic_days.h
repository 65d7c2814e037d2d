// The store's papers as a digest sees them: by topic, by the day that places them
// (archive.date_field), exactly as `paperpress build` groups them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/archive.h"
#include "paperpress/store/paper_ref.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/util/result.h"

namespace paperpress {

class TopicDays {
 public:
  // Loads the store of `config`'s cache and groups it; `config` must outlive this.
  static Result<TopicDays> load(const Config& config);
  // Groups papers the caller holds (tests); they must outlive this.
  static Result<TopicDays> from_papers(const Config& config, std::vector<PaperRef> papers);

  // Index of the topic `slug` in site.toml, if any.
  std::optional<size_t> topic_index(std::string_view slug) const;
  // The newest day with papers in topic `topic`, if any.
  std::optional<std::string> newest_day(size_t topic) const;
  // The papers of topic `topic` placed on days first..last (YYYY-MM-DD, inclusive), newest
  // first (the archive's order).
  std::vector<const PaperRef*> papers_between(size_t topic, std::string_view first,
                                              std::string_view last) const;

 private:
  std::shared_ptr<StoreSnapshot> snapshot_;
  std::vector<PaperRef> own_;
  const std::vector<PaperRef>* papers_ = nullptr;
  const Config* config_ = nullptr;
  Archive archive_;
};

}  // namespace paperpress
