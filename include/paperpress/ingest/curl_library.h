// libcurl, loaded the first time a command uses the network rather than at every start. A
// program linked with libcurl maps and relocates some thirty libraries when it starts (TLS,
// HTTP/2, LDAP, Kerberos, ...), about 4 ms of every `paperpress build`; only `fetch` and
// `check --external` need them.
#pragma once

#include <curl/curl.h>

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

// An easy handle with what every request of `options` shares: no signals, messages into
// `error_buffer` (CURL_ERROR_SIZE bytes), the user agent, timeouts, redirects within http and
// https. nullptr when libcurl gives none.
CURL* new_curl_handle(const CurlLibrary& curl, const HttpOptions& options, char* error_buffer);

}  // namespace paperpress
