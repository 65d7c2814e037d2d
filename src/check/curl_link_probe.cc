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
  explicit CurlLinkProbe(const HttpOptions& options) : options_(options) {
    auto curl = curl_library();
    if (!curl) {
      init_error_ = curl.error().message;
      return;
    }
    curl_ = *curl;
    handle_ = new_curl_handle(*curl_, options_, error_buffer_);
    if (handle_ == nullptr) return;
    curl_->easy_setopt(handle_, CURLOPT_NOBODY, 1L);
    curl_->easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &discard);
  }

  ~CurlLinkProbe() override {
    if (handle_ != nullptr) curl_->easy_cleanup(handle_);
  }

  CurlLinkProbe(const CurlLinkProbe&) = delete;
  CurlLinkProbe& operator=(const CurlLinkProbe&) = delete;

  Result<int> head(const std::string& url) override {
    if (handle_ == nullptr) return Error{"HEAD " + url + ": " + init_error_};
    error_buffer_[0] = '\0';
    curl_->easy_setopt(handle_, CURLOPT_URL, url.c_str());
    CURLcode code = curl_->easy_perform(handle_);
    if (code != CURLE_OK) {
      std::string text = error_buffer_[0] != '\0' ? error_buffer_ : curl_->easy_strerror(code);
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
      return Error{"HEAD " + url + ": " + text};
    }
    long status = 0;
    curl_->easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
    return static_cast<int>(status);
  }

 private:
  HttpOptions options_;
  const CurlLibrary* curl_ = nullptr;
  std::string init_error_ = "could not initialise libcurl";
  CURL* handle_ = nullptr;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace

std::unique_ptr<LinkProbe> make_curl_link_probe(const HttpOptions& options) {
  return std::make_unique<CurlLinkProbe>(options);
}

}  // namespace paperpress
