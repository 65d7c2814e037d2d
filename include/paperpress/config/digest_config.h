// site.toml's [digest] table: how `paperpress digest` writes a day's digest, with a language
// model behind an OpenAI-compatible API or (no api_url) from the data alone.
#pragma once

#include <string>

namespace paperpress {

struct DigestConfig {
  // "https://api.openai.com/v1", Ollama's "http://127.0.0.1:11434/v1", ...; requests go to
  // {api_url}/chat/completions. Empty: digests are extractive (no model).
  std::string api_url;
  std::string model;
  std::string api_key_env = "PAPERPRESS_LLM_API_KEY";  // the variable holding the key
  int papers = 10;                                     // at most this many papers a digest
  double delay_seconds = 1.0;                          // between the starts of two requests
  int max_tries = 4;                                   // per request, on 429/5xx/network errors
  double timeout_seconds = 120.0;                      // per request
  long long max_response_bytes = 4LL << 20;
  int max_tokens = 700;  // asked of the model per answer

  bool uses_model() const { return !api_url.empty(); }
};

}  // namespace paperpress
