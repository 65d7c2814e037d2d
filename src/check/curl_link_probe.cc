// LinkProbe over libcurl: HEAD requests on one reused handle (keep-alive per host).
#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "paperpress/check/external_links.h"

namespace paperpress {

namespace {

long to_millis(double seconds) {
  if (!(seconds > 0)) return 0;
  double ms = seconds * 1000.0;
  return ms > 2e9 ? 2000000000L : std::max(1L, static_cast<long>(ms));
}

size_t discard(char*, size_t size, size_t count, void*) {
  return size * count;
}

class CurlLinkProbe : public LinkProbe {
 public:
  explicit CurlLinkProbe(const HttpOptions& options) : options_(options) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    handle_ = curl_easy_init();
    if (handle_ == nullptr) return;
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_buffer_);
    curl_easy_setopt(handle_, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(handle_, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, to_millis(options_.timeout_seconds));
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS,
                     to_millis(options_.connect_timeout_seconds));
    curl_easy_setopt(handle_, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(handle_, CURLOPT_MAXREDIRS,
                     static_cast<long>(std::max(0, options_.max_redirects)));
    curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &discard);
  }

  ~CurlLinkProbe() override {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }

  CurlLinkProbe(const CurlLinkProbe&) = delete;
  CurlLinkProbe& operator=(const CurlLinkProbe&) = delete;

  Result<int> head(const std::string& url) override {
    if (handle_ == nullptr) return Error{"HEAD " + url + ": could not initialise libcurl"};
    error_buffer_[0] = '\0';
    curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
    CURLcode code = curl_easy_perform(handle_);
    if (code != CURLE_OK) {
      std::string text = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code);
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
      return Error{"HEAD " + url + ": " + text};
    }
    long status = 0;
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
    return static_cast<int>(status);
  }

 private:
  HttpOptions options_;
  CURL* handle_ = nullptr;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace

std::unique_ptr<LinkProbe> make_curl_link_probe(const HttpOptions& options) {
  return std::make_unique<CurlLinkProbe>(options);
}

}  // namespace paperpress
