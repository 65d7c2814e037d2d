#include "paperpress/model/archive_order.h"

#include <algorithm>
#include <cstring>

#include "paperpress/model/archive.h"
#include "paperpress/util/bytes.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

namespace {

template <size_t N>
void pack(std::string_view text, uint64_t (&words)[N]) {
  for (size_t w = 0; w < N; ++w) words[w] = 0;
  for (size_t i = 0; i < text.size() && i < 8 * N; ++i)
    words[i / 8] |= static_cast<uint64_t>(static_cast<unsigned char>(text[i]))
                    << (56 - 8 * (i % 8));
}

OrderKey order_key(std::string_view date, std::string_view id, PaperIndex index) {
  OrderKey k{};
  pack(date, k.date);
  pack(id, k.id);
  k.index = index;
  k.long_text = date.size() > 24 || id.size() > 16 ? 1 : 0;
  return k;
}

// Newest first; ties by id, newest id first.
struct Newer {
  const std::vector<PaperRef>& papers;
  DateField field;

  bool operator()(const OrderKey& a, const OrderKey& b) const {
    for (int w = 0; w < 3; ++w)
      if (a.date[w] != b.date[w]) return a.date[w] > b.date[w];
    if (a.long_text || b.long_text) {
      std::string_view da = placing_date(papers[a.index], field);
      std::string_view db = placing_date(papers[b.index], field);
      if (da != db) return da > db;
      return papers[a.index].id() > papers[b.index].id();
    }
    if (a.id[0] != b.id[0]) return a.id[0] > b.id[0];
    return a.id[1] > b.id[1];
  }
};

// Keys the papers of [begin, end) that are in the archive (and, with `only`, flagged there).
void add_keys(const Config& config, const std::vector<PaperRef>& papers, size_t begin, size_t end,
              const std::vector<uint8_t>* only, std::vector<OrderKey>& keys) {
  const DateField field = config.archive.date_field;
  // Each date lies in its record, about a kilobyte from the last one: ask for it early.
  constexpr size_t kAhead = 16;
  for (size_t i = begin; i < end; ++i) {
    if (only && !(*only)[i]) continue;
    if (!only && i + kAhead < end)
      __builtin_prefetch(placing_date(papers[i + kAhead], field).data());
    if (in_archive(papers[i], config.archive))
      keys.push_back(
          order_key(placing_date(papers[i], field), papers[i].id(), static_cast<PaperIndex>(i)));
  }
}

}  // namespace

// The only code that fills ArchiveOrder's fields.
struct ArchiveOrderer {
  static ArchiveOrder order(const Config& config, const std::vector<PaperRef>& papers,
                            unsigned threads, const ArchiveOrder* previous, OrderStats& stats) {
    ArchiveOrder order;
    order.own_digests_.resize(papers.size());
    for (size_t i = 0; i < papers.size(); ++i) order.own_digests_[i] = papers[i].digest();
    const Newer newer{papers, config.archive.date_field};
    if (previous) {
      order.own_keys_ = merge_changed(config, papers, order.own_digests_, *previous, newer, stats);
    } else {
      order.own_keys_ = sort_all(config, papers, threads, newer);
      stats.changed = papers.size();
      stats.keyed = order.own_keys_.size();
    }
    order.digests_ = order.own_digests_;
    order.keys_ = order.own_keys_;
    return order;
  }

  // The previous order without the papers that changed since, merged with those papers keyed
  // and sorted.
  static std::vector<OrderKey> merge_changed(const Config& config,
                                             const std::vector<PaperRef>& papers,
                                             const std::vector<uint64_t>& digests,
                                             const ArchiveOrder& previous, const Newer& newer,
                                             OrderStats& stats) {
    // Which papers changed: a new index, or another record at one.
    std::vector<uint8_t> changed(papers.size(), 1);
    const size_t common = std::min(papers.size(), previous.digests_.size());
    for (size_t i = 0; i < common; ++i) changed[i] = previous.digests_[i] != digests[i] ? 1 : 0;
    stats.changed = static_cast<size_t>(std::count(changed.begin(), changed.end(), 1));
    std::vector<OrderKey> fresh;
    add_keys(config, papers, 0, papers.size(), &changed, fresh);
    std::sort(fresh.begin(), fresh.end(), newer);
    std::vector<OrderKey> keys;
    keys.reserve(previous.keys_.size() + fresh.size());
    auto next = fresh.begin();
    for (const OrderKey& k : previous.keys_) {
      if (k.index >= papers.size() || changed[k.index]) continue;
      while (next != fresh.end() && newer(*next, k)) keys.push_back(*next++);
      keys.push_back(k);
    }
    keys.insert(keys.end(), next, fresh.end());
    stats.keyed = fresh.size();
    stats.reused = keys.size() - fresh.size();
    return keys;
  }

  // Each thread keys and sorts a contiguous range of the store; the sorted runs are merged.
  static std::vector<OrderKey> sort_all(const Config& config, const std::vector<PaperRef>& papers,
                                        unsigned threads, const Newer& newer) {
    threads = std::max(1u, std::min<unsigned>(threads, papers.size() < 4096 ? 1 : threads));
    std::vector<std::vector<OrderKey>> runs(threads);
    run_on_threads(threads, [&](unsigned t) {
      auto [begin, end] = range_of(papers.size(), t, threads);
      runs[t].reserve(end - begin);
      add_keys(config, papers, begin, end, nullptr, runs[t]);
      std::sort(runs[t].begin(), runs[t].end(), newer);
    });
    std::vector<OrderKey> keys = std::move(runs[0]);
    for (unsigned t = 1; t < threads; ++t) {
      size_t middle = keys.size();
      keys.insert(keys.end(), runs[t].begin(), runs[t].end());
      std::inplace_merge(keys.begin(), keys.begin() + static_cast<long>(middle), keys.end(), newer);
    }
    return keys;
  }

  static std::optional<ArchiveOrder> view(std::string_view bytes, size_t papers, size_t keys) {
    // Views need aligned data: a mapping (page-aligned) or a string's buffer is.
    if (reinterpret_cast<uintptr_t>(bytes.data()) % alignof(OrderKey) != 0) return std::nullopt;
    ArchiveOrder order;
    order.digests_ = {reinterpret_cast<const uint64_t*>(bytes.data()), papers};
    order.keys_ = {reinterpret_cast<const OrderKey*>(bytes.data() + papers * sizeof(uint64_t)),
                   keys};
    for (const OrderKey& k : order.keys_)
      if (k.index >= papers) return std::nullopt;
    return order;
  }
};

ArchiveOrder order_papers(const Config& config, const std::vector<PaperRef>& papers,
                          unsigned threads, const ArchiveOrder* previous, OrderStats* stats) {
  OrderStats ignored;
  return ArchiveOrderer::order(config, papers, threads, previous, stats ? *stats : ignored);
}

ArchiveOrder::Encoded ArchiveOrder::encode() const {
  Encoded e{};
  e.digests = {reinterpret_cast<const char*>(digests_.data()), digests_.size_bytes()};
  e.keys = {reinterpret_cast<const char*>(keys_.data()), keys_.size_bytes()};
  const uint64_t header[2] = {digests_.size(), keys_.size()};
  static_assert(sizeof e.header == sizeof header);
  std::memcpy(e.header, header, sizeof header);
  return e;
}

std::optional<ArchiveOrder> ArchiveOrder::decode(std::string_view bytes) {
  uint64_t header[2];
  if (!take_array(bytes, header, 2)) return std::nullopt;
  const uint64_t papers = header[0], keys = header[1];
  if (papers >= UINT32_MAX || keys > papers ||
      bytes.size() != papers * sizeof(uint64_t) + keys * sizeof(OrderKey))
    return std::nullopt;
  return ArchiveOrderer::view(bytes, papers, keys);
}

}  // namespace paperpress
