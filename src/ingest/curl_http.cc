// The real HttpClient (and PostClient): one libcurl easy handle, reused so that requests share
// a keep-alive connection.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "paperpress/ingest/curl_library.h"
#include "paperpress/ingest/http.h"
#include "paperpress/util/text.h"

namespace paperpress {
namespace {

std::string trimmed(std::string_view s) {
  return std::string(trim(s, Whitespace::kXml));
}

enum class Method { kGet, kPost };

class CurlHttpClient : public PostClient {
 public:
  CurlHttpClient(const HttpOptions& options, Method method)
      : options_(options), handle_(options), method_(method) {
    if (handle_.get() == nullptr) return;
    if (method_ == Method::kPost) handle_.set(CURLOPT_FOLLOWLOCATION, 0L);
    handle_.set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl decodes
    if (options_.max_response_bytes > 0) {
      // Refuses early when Content-Length already says too much; the write callback enforces
      // the limit on the decoded bytes as they arrive.
      handle_.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
    }
    handle_.set(CURLOPT_WRITEFUNCTION, &CurlHttpClient::on_body);
    handle_.set(CURLOPT_WRITEDATA, this);
    handle_.set(CURLOPT_HEADERFUNCTION, &CurlHttpClient::on_header);
    handle_.set(CURLOPT_HEADERDATA, this);
  }

  void set_request(HeaderList headers, std::string body) override {
    lines_.clear();
    for (const auto& [name, value] : headers) lines_.push_back(name + ": " + value);
    lines_.push_back("Expect:");  // no 100-continue round trip
    body_ = std::move(body);
  }

  Result<HttpResponse> get(const std::string& url) override {
    const std::string what = (method_ == Method::kPost ? "POST " : "GET ") + url;
    if (handle_.get() == nullptr) return Error{what + ": " + handle_.error()};
    response_ = HttpResponse{};
    too_large_ = false;
    handle_.set(CURLOPT_URL, url.c_str());
    // A curl_slist is a plain public struct: the list lives in `nodes`, its strings in lines_.
    std::vector<curl_slist> nodes(lines_.size());
    for (size_t i = 0; i < lines_.size(); ++i) {
      nodes[i].data = lines_[i].data();
      nodes[i].next = i + 1 < lines_.size() ? &nodes[i + 1] : nullptr;
    }
    if (method_ == Method::kPost) {
      handle_.set(CURLOPT_HTTPHEADER, nodes.empty() ? nullptr : nodes.data());
      handle_.set(CURLOPT_POST, 1L);
      handle_.set(CURLOPT_POSTFIELDS, body_.c_str());
      handle_.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_.size()));
    } else {
      handle_.set(CURLOPT_HTTPGET, 1L);
    }

    CURLcode code = handle_.perform();
    if (method_ == Method::kPost)
      handle_.set(CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
    if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
      response_ = HttpResponse{};
      return Error{what + ": response larger than " + std::to_string(options_.max_response_bytes) +
                   " bytes"};
    }
    if (code == CURLE_TOO_MANY_REDIRECTS) {
      response_ = HttpResponse{};
      return Error{what + ": too many redirects (more than " +
                   std::to_string(std::max(0, options_.max_redirects)) + ")"};
    }
    if (code != CURLE_OK) {
      response_ = HttpResponse{};
      return Error{what + ": " + handle_.message(code)};
    }
    response_.status = static_cast<int>(handle_.response_code());
    return std::move(response_);
  }

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<CurlHttpClient*>(user);
    size_t n = size * count;
    long long limit = self->options_.max_response_bytes;
    if (limit > 0 && static_cast<long long>(self->response_.body.size() + n) > limit) {
      self->too_large_ = true;
      return 0;  // anything but n aborts the transfer with CURLE_WRITE_ERROR
    }
    self->response_.body.append(data, n);
    return n;
  }

  static size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<CurlHttpClient*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    auto& headers = self->response_.headers;
    if (line.substr(0, 5) == "HTTP/") {
      // A new response (after a redirect or a 1xx): keep only the final one's headers.
      headers.clear();
      self->response_.body.clear();
      return n;
    }
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (!headers.empty()) {  // obsolete line folding: continues the previous value
        std::string more = trimmed(line);
        if (!more.empty()) headers.back().second += " " + more;
      }
      return n;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return n;  // the blank line that ends the headers
    headers.emplace_back(trimmed(line.substr(0, colon)), trimmed(line.substr(colon + 1)));
    return n;
  }

  HttpOptions options_;
  CurlHandle handle_;
  Method method_;
  std::vector<std::string> lines_;  // a POST's header lines
  std::string body_;                // a POST's body
  HttpResponse response_;
  bool too_large_ = false;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client(const HttpOptions& options) {
  return std::make_unique<CurlHttpClient>(options, Method::kGet);
}

std::unique_ptr<PostClient> make_curl_post_client(const HttpOptions& options) {
  return std::make_unique<CurlHttpClient>(options, Method::kPost);
}

}  // namespace paperpress
