// A client of an OpenAI-compatible chat API (OpenAI, Ollama, llama.cpp's server, vLLM, ...):
// POST {api_url}/chat/completions with a JSON body, "Authorization: Bearer <key>" when a key
// is set, paced and retried by PoliteClient (the delay between requests, Retry-After on 429
// and 503, bounded backoff on 5xx and network errors), with a timeout and a response-size
// limit.
//
// The key lives only in this object's memory: it is never part of a URL, a request body, a
// cached file or a message; any error text (a server that echoes the key) has it replaced by
// "[key]".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "paperpress/config/digest_config.h"
#include "paperpress/ingest/http.h"
#include "paperpress/ingest/clock.h"
#include "paperpress/ingest/polite_client.h"
#include "paperpress/util/result.h"

namespace paperpress {

// The JSON body of a request: {"model", "messages": [system, user], "temperature": 0.2,
// "max_tokens"}; the same prompt gives the same bytes (the response cache's key).
std::string chat_request_body(const DigestConfig& config, std::string_view system,
                              std::string_view user);

// The answer's text from a response body: choices[0].message.content. Errors (one line):
// "malformed response: ...", "empty answer", "the model refused: ...", "answer cut off at the
// token limit (finish_reason length)".
Result<std::string> parse_chat_answer(std::string_view response_body);

// `text` with every occurrence of `key` replaced by "[key]" (nothing when the key is empty).
std::string redact_key(std::string text, std::string_view key);

class ChatClient {
 public:
  // `http` and `clock` must outlive the client.
  ChatClient(const DigestConfig& config, std::string api_key, PostClient& http, Clock& clock,
             RetryPolicy policy);

  // Sends `body`; the raw body of a 200 response, or an error naming the status or the
  // network failure (the server's message, redacted, cut to one short line).
  Result<std::string> send(const std::string& body);

  std::string url() const { return url_; }
  int requests_made() const { return polite_.requests_made(); }

 private:
  std::string url_;
  std::string key_;
  PostClient& http_;
  PoliteClient polite_;
};

// The retry policy of [digest]: its delay and tries, backoff from 2 s doubling to at most 60 s.
RetryPolicy digest_retry_policy(const DigestConfig& config);

}  // namespace paperpress
