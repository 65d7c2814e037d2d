// The live-reload client: a small script added to every HTML response of the preview server
// (never to the files on disk). It listens to the server's event stream and reloads the page
// when a newer build is published, or shows a build error over the page.
#pragma once

#include <string>
#include <string_view>

namespace paperpress {

// The event stream's path, at the root of the host whatever the site's base path.
inline constexpr std::string_view kEventsPath = "/__paperpress/events";
// The id of the element that shows a build error over the page.
inline constexpr std::string_view kErrorOverlayId = "__paperpress_error";

// The <script> element for a page served from build `generation`.
std::string reload_script(std::string_view generation);

// `html` with `snippet` inserted before its last "</body>" (any case), or appended when there
// is none.
std::string inject_before_body_end(std::string_view html, std::string_view snippet);

// A whole page that shows `message` (a failed build, before any build succeeded) and reloads
// once a build succeeds.
std::string error_page(std::string_view message, std::string_view generation);

}  // namespace paperpress
