// A small HTML tokenizer for the site checker: it walks the tags of a page and reads their
// attributes, skipping comments, declarations and the raw text of <script> and <style>. It builds
// no tree and never fails: malformed markup is read as far as it goes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

// A link target found in a page: an href or src attribute, or a Markdown link destination.
struct FoundLink {
  std::string target;  // as written, with HTML character references decoded
  size_t offset = 0;   // byte offset in the page, for the line number of a report
};

enum class CollectIds { kNo, kYes };

struct HtmlFacts {
  std::vector<FoundLink> links;  // href and src attributes, in page order
  std::vector<std::string> ids;  // id attributes and <a name=...> (only with CollectIds::kYes)
  // The text of the first <title> that is not inside an inline <svg>, whitespace collapsed;
  // nullopt when the page has none.
  std::optional<std::string> title;
  size_t title_offset = 0;
};

HtmlFacts scan_html(std::string_view text, CollectIds ids);

// Decodes HTML character references: the named ones that matter in attributes (&amp; &lt; &gt;
// &quot; &apos; &nbsp;) and numeric ones (&#39; &#x2F;). Anything else is kept as written.
std::string decode_html_entities(std::string_view text);

}  // namespace paperpress
