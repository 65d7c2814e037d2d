#include "paperpress/ingest/curl_library.h"

#include <dlfcn.h>

#include <algorithm>
#include <mutex>
#include <string>

namespace paperpress {

namespace {

long to_millis(double seconds) {
  if (!(seconds > 0)) return 0;  // 0 means "no limit" to curl
  double ms = seconds * 1000.0;
  if (ms > 2e9) return 2000000000L;
  return std::max(1L, static_cast<long>(ms));
}

Result<const CurlLibrary*> load() {
  void* so = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (so == nullptr) return Error{std::string("cannot load libcurl: ") + ::dlerror()};
  static CurlLibrary curl;
  bool found = true;
  auto get = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(so, name));
    found = found && fn != nullptr;
  };
  CURLcode (*global_init)(long) = nullptr;
  get(global_init, "curl_global_init");
  get(curl.easy_init, "curl_easy_init");
  get(curl.easy_setopt, "curl_easy_setopt");
  get(curl.easy_perform, "curl_easy_perform");
  get(curl.easy_getinfo, "curl_easy_getinfo");
  get(curl.easy_cleanup, "curl_easy_cleanup");
  get(curl.easy_strerror, "curl_easy_strerror");
  if (!found) return Error{"cannot load libcurl: libcurl.so.4 lacks a function paperpress uses"};
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return Error{"cannot initialise libcurl"};
  return &curl;
}

}  // namespace

Result<const CurlLibrary*> curl_library() {
  static const Result<const CurlLibrary*> loaded = load();  // once, thread-safe
  return loaded;
}

CURL* new_curl_handle(const CurlLibrary& curl, const HttpOptions& options, char* error_buffer) {
  CURL* h = curl.easy_init();
  if (h == nullptr) return nullptr;
  curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl.easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, to_millis(options.timeout_seconds));
  curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, to_millis(options.connect_timeout_seconds));
  curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl.easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, options.max_redirects)));
  curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  return h;
}

}  // namespace paperpress
