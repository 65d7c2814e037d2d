// The files `paperpress init` writes: scaffold/ of the source tree, compiled into the binary.
// They may hold placeholders that init fills in: @PAPERPRESS_VERSION@ and @SINCE@.
#pragma once

#include <vector>

#include "paperpress/render/embedded_theme.h"  // EmbeddedFile

namespace paperpress {

// Every file under scaffold/, sorted by path ("scripts/deploy.sh", "site.toml", …).
const std::vector<EmbeddedFile>& embedded_scaffold_files();

}  // namespace paperpress
