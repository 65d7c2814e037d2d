#include "paperpress/ingest/curl_library.h"

#include <dlfcn.h>

#include <algorithm>
#include <string>
#include <type_traits>

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

CurlHandle::CurlHandle(const HttpOptions& options) {
  auto loaded = curl_library();
  if (!loaded) {
    error_ = loaded.error().message;
    return;
  }
  curl_ = *loaded;
  handle_ = curl_->easy_init();
  if (handle_ == nullptr) return;
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_ERRORBUFFER, buffer_);
  set(CURLOPT_USERAGENT, options.user_agent.c_str());
  set(CURLOPT_TIMEOUT_MS, to_millis(options.timeout_seconds));
  set(CURLOPT_CONNECTTIMEOUT_MS, to_millis(options.connect_timeout_seconds));
  set(CURLOPT_FOLLOWLOCATION, 1L);
  set(CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, options.max_redirects)));
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
}

CurlHandle::~CurlHandle() {
  if (handle_ != nullptr) curl_->easy_cleanup(handle_);
}

CURLcode CurlHandle::perform() {
  buffer_[0] = '\0';
  return curl_->easy_perform(handle_);
}

std::string CurlHandle::message(CURLcode code) const {
  std::string text = buffer_[0] != '\0' ? buffer_ : curl_->easy_strerror(code);
  while (!text.empty() &&
         (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.pop_back();
  return text;
}

long CurlHandle::response_code() const {
  long status = 0;
  curl_->easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

}  // namespace paperpress
