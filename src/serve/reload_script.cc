#include "paperpress/serve/reload_script.h"

#include "paperpress/render/escape.h"
#include "paperpress/util/text.h"

namespace paperpress {

namespace {

// Generations are made of these only; anything else is dropped so the value cannot leave the
// script's string literal.
std::string safe_token(std::string_view text) {
  std::string out;
  for (char c : text)
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
        c == '-' || c == '_')
      out += c;
  return out;
}

}  // namespace

std::string reload_script(std::string_view generation) {
  std::string script =
      "<script data-paperpress=\"live-reload\">\n"
      "(function () {\n"
      "  var since = \"" +
      safe_token(generation) +
      "\";\n"
      "  var box;\n"
      "  function show(message) {\n"
      "    if (!box) {\n"
      "      box = document.createElement(\"div\");\n"
      "      box.id = \"" +
      std::string(kErrorOverlayId) +
      "\";\n"
      "      box.setAttribute(\"role\", \"alert\");\n"
      "      box.style.cssText = \"position:fixed;inset:0;z-index:2147483647;overflow:auto;"
      "margin:0;padding:2rem;background:rgba(40,0,0,.94);color:#fff;"
      "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap\";\n"
      "      (document.body || document.documentElement).appendChild(box);\n"
      "    }\n"
      "    box.textContent = \"paperpress: the last build failed\\n\\n\" + message +\n"
      "        \"\\n\\nFix it and this page reloads.\";\n"
      "  }\n"
      "  if (!window.EventSource) return;\n"
      // A page left for another stays in the browser's back/forward cache with its connection
      // open, and a browser keeps six connections a host: the seventh page would wait. So the
      // connection closes when the page is hidden and opens again when it is shown; `since`
      // makes a page restored after a rebuild reload at once.
      "  var events = null;\n"
      "  function connect() {\n"
      "    if (events) return;\n"
      "    events = new EventSource(\"" +
      std::string(kEventsPath) +
      "?since=\" + encodeURIComponent(since));\n"
      "    events.addEventListener(\"reload\", function () {\n"
      "      events.close();\n"
      "      location.reload();\n"
      "    });\n"
      "    events.addEventListener(\"build-error\", function (e) { show(e.data); });\n"
      "  }\n"
      "  window.addEventListener(\"pagehide\", function () {\n"
      "    if (events) events.close();\n"
      "    events = null;\n"
      "  });\n"
      "  window.addEventListener(\"pageshow\", connect);\n"
      "  connect();\n"
      "})();\n"
      "</script>\n";
  return script;
}

std::string inject_before_body_end(std::string_view html, std::string_view snippet) {
  constexpr std::string_view kEnd = "</body";
  size_t at = std::string_view::npos;
  for (size_t i = html.size() >= kEnd.size() ? html.size() - kEnd.size() + 1 : 0; i-- > 0;) {
    size_t k = 0;
    while (k < kEnd.size() && ascii_lower(html[i + k]) == kEnd[k]) ++k;
    if (k == kEnd.size()) {
      at = i;
      break;
    }
  }
  std::string out;
  out.reserve(html.size() + snippet.size());
  if (at == std::string_view::npos) {
    out.append(html);
    out.append(snippet);
  } else {
    out.append(html.substr(0, at));
    out.append(snippet);
    out.append(html.substr(at));
  }
  return out;
}

std::string error_page(std::string_view message, std::string_view generation) {
  std::string page =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Build failed · paperpress</title>\n"
      "<style>body{font:15px/1.5 ui-monospace,monospace;margin:2rem;color:#222}"
      "pre{white-space:pre-wrap;background:#fee;border:1px solid #c99;padding:1rem}</style>\n"
      "</head>\n<body>\n<h1>The site did not build</h1>\n<pre>";
  escape_html(page, message);
  page += "</pre>\n<p>paperpress serve keeps watching: fix the error and this page reloads.</p>\n";
  page += reload_script(generation);
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace paperpress
