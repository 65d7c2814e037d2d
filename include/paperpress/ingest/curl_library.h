// libcurl, loaded the first time a command uses the network rather than at every start. A
// program linked with libcurl maps and relocates some thirty libraries when it starts (TLS,
// HTTP/2, LDAP, Kerberos, ...): 4-5 ms of CPU, a third of a no-change `paperpress build` of a
// 10,000-paper site (docs/performance.md, "Start-up"); only `fetch` and `check --external`
// need them.
#pragma once

#include <curl/curl.h>

#include <string>

#include "paperpress/ingest/http.h"
#include "paperpress/util/result.h"

namespace paperpress {

// The libcurl functions paperpress calls.
struct CurlLibrary {
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
};

// libcurl.so.4, loaded and initialised once (from any thread); an error saying what failed.
Result<const CurlLibrary*> curl_library();

// An easy handle with what every request of `options` shares: no signals, messages into its
// error buffer, the user agent, timeouts, redirects within http and https. Released with it.
class CurlHandle {
 public:
  explicit CurlHandle(const HttpOptions& options);
  ~CurlHandle();
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;

  // nullptr when libcurl could not be loaded or gave no handle; then error() says why.
  CURL* get() const { return handle_; }
  const std::string& error() const { return error_; }

  // Sets an option of the handle.
  template <typename T>
  void set(CURLoption option, T value) {
    curl_->easy_setopt(handle_, option, value);
  }
  // Runs the request: CURLE_OK, or the failure message() describes.
  CURLcode perform();
  // curl's message for a failed perform(), without trailing white space.
  std::string message(CURLcode code) const;
  // The status of the last response.
  long response_code() const;

 private:
  const CurlLibrary* curl_ = nullptr;
  CURL* handle_ = nullptr;
  std::string error_ = "could not initialise libcurl";
  char buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace paperpress
