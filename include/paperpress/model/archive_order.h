// The archive's papers newest first, ties by id (newest id first), so that the order never
// depends on the store's. Kept between builds (cache/build/order.bin): a build after a fetch
// keys and sorts only the papers that are new or whose record changed, and merges them into the
// rest of the previous order, which gives the order a full sort would.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/topic_assignment.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress {

// A paper's place in the order, comparable without touching the store: the first 24 bytes of
// its placing date and the first 16 of its id as big-endian words (so integer order is string
// order). Only papers whose dates or ids are longer and equal that far are compared as strings.
struct OrderKey {
  uint64_t date[3];
  uint64_t id[2];
  PaperIndex index;
  uint32_t long_text;  // 1: date over 24 or id over 16 bytes

  // The "2025-07" and "2025-07-14" prefixes of the date.
  uint64_t month() const { return date[0] >> 8; }
  bool same_day(const OrderKey& o) const {
    return date[0] == o.date[0] && (date[1] >> 48) == (o.date[1] >> 48);
  }
};

class ArchiveOrder {
 public:
  ArchiveOrder() = default;
  ArchiveOrder(ArchiveOrder&&) = default;  // the views follow the vectors' buffers
  ArchiveOrder& operator=(ArchiveOrder&&) = default;

  // The papers dated on or after archive.since, newest first.
  std::span<const OrderKey> keys() const { return keys_; }

  // The build cache's payload: the counts, then views of this order's arrays (no copy of them),
  // to be written one after another (site/build_state.h frames it and keys it by what the order
  // depends on besides the papers: site.toml and the program). decode() refuses anything
  // malformed. A decoded order is a view of `bytes` (a mapped file, say, 8-byte aligned), which
  // must outlive it.
  struct Encoded {
    char header[16];
    std::string_view digests, keys;
    std::array<std::string_view, 3> pieces() const {
      return {std::string_view(header, sizeof header), digests, keys};
    }
  };
  Encoded encode() const;
  static std::optional<ArchiveOrder> decode(std::string_view bytes);

 private:
  friend struct ArchiveOrderer;
  std::span<const uint64_t> digests_;  // the record digest of every paper of the snapshot
  std::span<const OrderKey> keys_;
  std::vector<uint64_t> own_digests_;  // what the views show, unless decoded
  std::vector<OrderKey> own_keys_;
};

struct OrderStats {
  size_t changed = 0;  // papers new since the previous order or with another record there
  size_t keyed = 0;    // papers whose sort key was made from their record
  size_t reused = 0;   // papers whose key came from the previous order
};

// Orders the papers of the archive. With `previous` (the order of an earlier snapshot of the
// store), papers with the digest they had there at the same index keep their key and relative
// place; the rest are keyed and sorted (on `threads` threads when there are many) and merged in.
ArchiveOrder order_papers(const Config& config, const std::vector<PaperRef>& papers,
                          unsigned threads = 1, const ArchiveOrder* previous = nullptr,
                          OrderStats* stats = nullptr);

}  // namespace paperpress
