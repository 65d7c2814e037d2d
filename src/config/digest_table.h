// Reading site.toml's [digest] table (config.cc calls it; the table's own file keeps it apart).
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>

#include "paperpress/config/digest_config.h"
#include "paperpress/util/result.h"

namespace paperpress {

// Reads `node` (the value of the top-level key "digest") into `out`; an error names `source`,
// the line and the key.
Status read_digest_table(const toml::node& node, const std::string& source, DigestConfig& out);

}  // namespace paperpress
