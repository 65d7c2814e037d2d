#include "paperpress/render/chart.h"

#include <algorithm>

namespace paperpress {

std::string month_chart_svg(const TopicArchive& topic) {
  const int bar = 14, gap = 4, height = 120, label = 18, top = 8;
  size_t n = topic.months.size();
  int width = static_cast<int>(std::max<size_t>(n, 1)) * (bar + gap) + gap;
  size_t max = 1;
  for (const auto& m : topic.months) max = std::max(max, m.papers.size());
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
      std::to_string(width) + " " + std::to_string(height + label + top) + "\" width=\"" +
      std::to_string(width) + "\" height=\"" + std::to_string(height + label + top) +
      "\"><title>Papers per month</title>"
      "<style>rect{fill:#3b6fd6}text{font:10px sans-serif;fill:#667}"
      "@media (prefers-color-scheme:dark){rect{fill:#7aa2f7}text{fill:#aab}}</style>";
  for (size_t i = 0; i < n; ++i) {
    const MonthGroup& m = topic.months[n - 1 - i];  // oldest first
    int h = static_cast<int>((m.papers.size() * height + max - 1) / max);
    int x = gap + static_cast<int>(i) * (bar + gap);
    svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top + height - h) +
           "\" width=\"" + std::to_string(bar) + "\" height=\"" + std::to_string(h) + "\"><title>" +
           m.key + ": " + std::to_string(m.papers.size()) + " papers</title></rect>";
    bool first_of_year = i == 0 || m.key.substr(0, 4) != topic.months[n - i].key.substr(0, 4);
    if (first_of_year)
      svg += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top + height + 13) +
             "\">" + m.key.substr(0, 4) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace paperpress
