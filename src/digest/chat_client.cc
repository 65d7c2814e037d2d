#include "paperpress/digest/chat_client.h"

#include <nlohmann/json.hpp>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

std::string one_line(std::string_view text, size_t max) {
  std::string out;
  for (char c : text) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out;
}

bool looks_like_refusal(std::string_view text) {
  std::string start = ascii_lower(text.substr(0, 60));
  for (std::string_view phrase : {"i'm sorry", "i am sorry", "i cannot", "i can't", "i can not",
                                  "i won't", "i will not", "as an ai", "sorry, but"})
    if (starts_with(start, phrase)) return true;
  return false;
}

}  // namespace

std::string chat_request_body(const DigestConfig& config, std::string_view system,
                              std::string_view user) {
  nlohmann::ordered_json body;
  body["model"] = config.model;
  body["messages"] =
      nlohmann::ordered_json::array({{{"role", "system"}, {"content", std::string(system)}},
                                     {{"role", "user"}, {"content", std::string(user)}}});
  body["temperature"] = 0.2;
  body["max_tokens"] = config.max_tokens;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::string> parse_chat_answer(std::string_view response_body) {
  auto j = nlohmann::json::parse(response_body, nullptr, false);
  if (j.is_discarded()) return Error{"malformed response: not JSON"};
  if (!j.is_object() || !j.contains("choices") || !j["choices"].is_array() ||
      j["choices"].empty() || !j["choices"][0].is_object())
    return Error{"malformed response: no choices"};
  const auto& choice = j["choices"][0];
  if (!choice.contains("message") || !choice["message"].is_object())
    return Error{"malformed response: no message"};
  const auto& message = choice["message"];
  if (message.contains("refusal") && message["refusal"].is_string() &&
      !message["refusal"].get<std::string>().empty())
    return Error{"the model refused: " + one_line(message["refusal"].get<std::string>(), 120)};
  std::string finish = choice.contains("finish_reason") && choice["finish_reason"].is_string()
                           ? choice["finish_reason"].get<std::string>()
                           : "";
  if (finish == "content_filter") return Error{"the model refused (finish_reason content_filter)"};
  if (!message.contains("content") ||
      !(message["content"].is_string() || message["content"].is_null()))
    return Error{"malformed response: message has no text content"};
  std::string content = message["content"].is_string() ? message["content"].get<std::string>() : "";
  if (normalize_space(content).empty()) return Error{"empty answer"};
  if (finish == "length") return Error{"answer cut off at the token limit (finish_reason length)"};
  if (find_invalid_utf8(content)) return Error{"malformed response: the answer is not UTF-8"};
  if (looks_like_refusal(content)) return Error{"the model refused: " + one_line(content, 120)};
  return content;
}

std::string redact_key(std::string text, std::string_view key) {
  if (key.empty()) return text;
  for (size_t pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos))
    text.replace(pos, key.size(), "[key]");
  return text;
}

RetryPolicy digest_retry_policy(const DigestConfig& config) {
  RetryPolicy p;
  p.delay_seconds = config.delay_seconds;
  p.max_tries = config.max_tries;
  p.backoff_seconds = 2;
  p.max_wait_seconds = 60;
  return p;
}

ChatClient::ChatClient(const DigestConfig& config, std::string api_key, PostClient& http,
                       Clock& clock, RetryPolicy policy)
    : url_(config.api_url + "/chat/completions"),
      key_(std::move(api_key)),
      http_(http),
      polite_(http, clock, policy) {}

Result<std::string> ChatClient::send(const std::string& body) {
  HeaderList headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  if (!key_.empty()) headers.emplace_back("Authorization", "Bearer " + key_);
  http_.set_request(std::move(headers), body);
  auto response = polite_.get(url_);
  http_.set_request({}, "");  // the key leaves the transport's memory
  if (!response) return Error{redact_key(response.error().message, key_)};
  if (response->status != 200) {
    std::string detail;
    auto j = nlohmann::json::parse(response->body, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("error")) {
      const auto& e = j["error"];
      detail = e.is_object() && e.contains("message") && e["message"].is_string()
                   ? e["message"].get<std::string>()
                   : e.dump();
    } else {
      detail = response->body;
    }
    std::string message = "HTTP " + std::to_string(response->status) + " from " + url_;
    if (!normalize_space(detail).empty()) message += ": " + one_line(normalize_space(detail), 160);
    return Error{redact_key(message, key_)};
  }
  return redact_key(std::move(response->body), key_);
}

}  // namespace paperpress
