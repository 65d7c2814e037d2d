// LinkProbe over libcurl: HEAD requests on one reused handle (keep-alive per host).
#include <string>

#include "paperpress/check/external_links.h"
#include "paperpress/ingest/curl_library.h"

namespace paperpress {

namespace {

size_t discard(char*, size_t size, size_t count, void*) {
  return size * count;
}

class CurlLinkProbe : public LinkProbe {
 public:
  explicit CurlLinkProbe(const HttpOptions& options) : handle_(options) {
    if (handle_.get() == nullptr) return;
    handle_.set(CURLOPT_NOBODY, 1L);
    handle_.set(CURLOPT_WRITEFUNCTION, &discard);
  }

  Result<int> head(const std::string& url) override {
    if (handle_.get() == nullptr) return Error{"HEAD " + url + ": " + handle_.error()};
    handle_.set(CURLOPT_URL, url.c_str());
    if (CURLcode code = handle_.perform(); code != CURLE_OK)
      return Error{"HEAD " + url + ": " + handle_.message(code)};
    return static_cast<int>(handle_.response_code());
  }

 private:
  CurlHandle handle_;
};

}  // namespace

std::unique_ptr<LinkProbe> make_curl_link_probe(const HttpOptions& options) {
  return std::make_unique<CurlLinkProbe>(options);
}

}  // namespace paperpress
