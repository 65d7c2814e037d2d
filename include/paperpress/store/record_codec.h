// The byte form of a paper inside the store's log: fixed field order, length-prefixed strings,
// so that reading it back gives views without copying.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "paperpress/store/paper.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress {

// Appends the encoded record of `paper` (without any framing) to `out`.
void encode_paper(const Paper& paper, std::string& out);

// Decodes a record written by encode_paper; the views point into `bytes`, which must outlive
// the result. `digest` is the record's (see scan_log). nullopt when the bytes are not a
// well-formed record.
std::optional<PaperRef> decode_paper(std::string_view bytes, uint64_t digest = 0);

}  // namespace paperpress
