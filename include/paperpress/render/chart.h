// Papers per month as a small SVG bar chart: inline in HTML pages and as a file for Markdown
// mirrors. No script, no external request.
#pragma once

#include <string>

#include "paperpress/model/archive.h"

namespace paperpress {

// An <svg> element; months oldest on the left. Labels are derived from the data only.
std::string month_chart_svg(const TopicArchive& topic);

}  // namespace paperpress
