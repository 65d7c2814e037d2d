#include "paperpress/digest/response_cache.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/text.h"

namespace paperpress {

std::string ResponseCache::key(std::string_view url, std::string_view request_body) {
  std::string material = std::string(url) + '\n' + std::string(request_body);
  return hex64(hash_bytes(material, 0x6c6c6d31)) + hex64(hash_bytes(material, 0x6c6c6d32));
}

std::filesystem::path ResponseCache::file(std::string_view url,
                                          std::string_view request_body) const {
  return dir_ / (key(url, request_body) + ".json");
}

std::optional<std::string> ResponseCache::find(std::string_view url,
                                               std::string_view request_body) const {
  std::error_code ec;
  std::filesystem::path path = file(url, request_body);
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  auto text = read_file(path);
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("request") || !j.contains("response") ||
      !j["response"].is_string() || !j.contains("url") || j["url"] != std::string(url))
    return std::nullopt;
  auto request = nlohmann::json::parse(request_body, nullptr, false);
  if (request.is_discarded() || j["request"] != request) return std::nullopt;
  return j["response"].get<std::string>();
}

Status ResponseCache::store(std::string_view url, std::string_view request_body,
                            std::string_view response_body) const {
  if (Status s = ensure_dir(dir_); !s) return s;
  nlohmann::ordered_json j;
  j["url"] = std::string(url);
  auto request = nlohmann::ordered_json::parse(request_body, nullptr, false);
  j["request"] =
      request.is_discarded() ? nlohmann::ordered_json(std::string(request_body)) : request;
  j["response"] = std::string(response_body);
  return write_file_atomic(file(url, request_body),
                           j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace paperpress
