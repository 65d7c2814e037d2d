#include "paperpress/digest/post_client.h"

#include "paperpress/ingest/curl_library.h"

namespace paperpress {

namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

class CurlPostClient : public PostClient {
 public:
  explicit CurlPostClient(const HttpOptions& options) : options_(options), handle_(options) {
    if (handle_.get() == nullptr) return;
    handle_.set(CURLOPT_FOLLOWLOCATION, 0L);
    handle_.set(CURLOPT_ACCEPT_ENCODING, "");
    if (options_.max_response_bytes > 0)
      handle_.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
    handle_.set(CURLOPT_WRITEFUNCTION, &CurlPostClient::on_body);
    handle_.set(CURLOPT_WRITEDATA, this);
    handle_.set(CURLOPT_HEADERFUNCTION, &CurlPostClient::on_header);
    handle_.set(CURLOPT_HEADERDATA, this);
  }

  void set_request(HeaderList headers, std::string body) override {
    lines_.clear();
    for (const auto& [name, value] : headers) lines_.push_back(name + ": " + value);
    lines_.push_back("Expect:");  // no 100-continue round trip
    body_ = std::move(body);
  }

  Result<HttpResponse> get(const std::string& url) override {
    if (handle_.get() == nullptr) return Error{"POST " + url + ": " + handle_.error()};
    // A curl_slist is a plain public struct: the list lives in `nodes`, its strings in lines_.
    std::vector<curl_slist> nodes(lines_.size());
    for (size_t i = 0; i < lines_.size(); ++i) {
      nodes[i].data = lines_[i].data();
      nodes[i].next = i + 1 < lines_.size() ? &nodes[i + 1] : nullptr;
    }
    response_ = HttpResponse{};
    too_large_ = false;
    handle_.set(CURLOPT_URL, url.c_str());
    handle_.set(CURLOPT_HTTPHEADER, nodes.empty() ? nullptr : nodes.data());
    handle_.set(CURLOPT_POST, 1L);
    handle_.set(CURLOPT_POSTFIELDS, body_.c_str());
    handle_.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_.size()));
    CURLcode code = handle_.perform();
    handle_.set(CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
    if (too_large_ || code == CURLE_FILESIZE_EXCEEDED)
      return Error{"POST " + url + ": response larger than " +
                   std::to_string(options_.max_response_bytes) + " bytes"};
    if (code != CURLE_OK) return Error{"POST " + url + ": " + handle_.message(code)};
    response_.status = static_cast<int>(handle_.response_code());
    return std::move(response_);
  }

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<CurlPostClient*>(user);
    size_t n = size * count;
    long long limit = self->options_.max_response_bytes;
    if (limit > 0 && static_cast<long long>(self->response_.body.size() + n) > limit) {
      self->too_large_ = true;
      return 0;
    }
    self->response_.body.append(data, n);
    return n;
  }

  static size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<CurlPostClient*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (line.substr(0, 5) == "HTTP/") {
      self->response_.headers.clear();
      return n;
    }
    size_t colon = line.find(':');
    if (colon != std::string_view::npos)
      self->response_.headers.emplace_back(trim(line.substr(0, colon)),
                                           trim(line.substr(colon + 1)));
    return n;
  }

  HttpOptions options_;
  CurlHandle handle_;
  std::vector<std::string> lines_;
  std::string body_;
  HttpResponse response_;
  bool too_large_ = false;
};

}  // namespace

std::unique_ptr<PostClient> make_curl_post_client(const HttpOptions& options) {
  return std::make_unique<CurlPostClient>(options);
}

}  // namespace paperpress
