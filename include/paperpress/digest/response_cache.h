// Every answered request of a digest, kept beside the arXiv cache (cache/digest/), so that
// running `digest` again sends nothing: one file <key>.json a request, holding the URL, the
// request body and the raw response body as received. The key is a hash of the URL and the
// request body, which holds the model, the prompt and with it the paper's id and version:
// another model, another prompt or a new version of the paper is another entry. The API key
// is in neither (chat_client.h). Only answers that parsed are kept; a failed request is sent
// again next time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "paperpress/util/result.h"

namespace paperpress {

class ResponseCache {
 public:
  explicit ResponseCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  static std::string key(std::string_view url, std::string_view request_body);

  // The cached response body of this request, if any (an unreadable or foreign entry is none).
  std::optional<std::string> find(std::string_view url, std::string_view request_body) const;
  // Writes the entry atomically; an error names the file.
  Status store(std::string_view url, std::string_view request_body,
               std::string_view response_body) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path file(std::string_view url, std::string_view request_body) const;
  std::filesystem::path dir_;
};

}  // namespace paperpress
