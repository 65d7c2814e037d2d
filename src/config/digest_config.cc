#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <type_traits>

#include "digest_table.h"

namespace paperpress {

namespace {

Error at(const std::string& source, const toml::node& node, const std::string& message) {
  return Error{source + ":" + std::to_string(node.source().begin.line) + ": " + message};
}

std::string format(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

Status read_digest_table(const toml::node& node, const std::string& source, DigestConfig& out) {
  const toml::table* table = node.as_table();
  if (!table) return at(source, node, "'digest' must be a table ([digest])");
  constexpr std::array<std::string_view, 9> kKeys = {
      "api_url",   "model",           "api_key_env",        "papers",    "delay_seconds",
      "max_tries", "timeout_seconds", "max_response_bytes", "max_tokens"};
  for (auto&& [key, value] : *table)
    if (std::find(kKeys.begin(), kKeys.end(), key.str()) == kKeys.end())
      return at(source, value, "unknown key 'digest." + std::string(key.str()) + "'");

  auto string = [&](std::string_view key, std::string& field) -> Status {
    const toml::node* n = table->get(key);
    if (!n) return Status::success();
    auto v = n->value<std::string>();
    if (!v) return at(source, *n, "'digest." + std::string(key) + "' must be a string");
    field = *v;
    return Status::success();
  };
  auto number = [&](std::string_view key, double& field, double min) -> Status {
    const toml::node* n = table->get(key);
    if (!n) return Status::success();
    auto v = n->value<double>();
    if (!v || *v < min)
      return at(source, *n,
                "'digest." + std::string(key) + "' must be a number of at least " + format(min));
    field = *v;
    return Status::success();
  };
  auto integer = [&](std::string_view key, auto& field, long long min) -> Status {
    const toml::node* n = table->get(key);
    if (!n) return Status::success();
    auto v = n->value<int64_t>();
    if (!n->is_integer() || !v || *v < min)
      return at(source, *n,
                "'digest." + std::string(key) + "' must be a whole number of at least " +
                    std::to_string(min));
    field = static_cast<std::remove_reference_t<decltype(field)>>(*v);
    return Status::success();
  };
  for (Status s :
       {string("api_url", out.api_url), string("model", out.model),
        string("api_key_env", out.api_key_env), integer("papers", out.papers, 1),
        number("delay_seconds", out.delay_seconds, 0), integer("max_tries", out.max_tries, 1),
        number("timeout_seconds", out.timeout_seconds, 0.1),
        integer("max_response_bytes", out.max_response_bytes, 1024),
        integer("max_tokens", out.max_tokens, 16)})
    if (!s) return s;
  while (!out.api_url.empty() && out.api_url.back() == '/') out.api_url.pop_back();
  if (!out.api_url.empty() && out.api_url.rfind("http://", 0) != 0 &&
      out.api_url.rfind("https://", 0) != 0)
    return at(source, *table->get("api_url"),
              "'digest.api_url' must start with http:// or https://, not '" + out.api_url + "'");
  if (out.uses_model() && out.model.empty())
    return at(source, node, "[digest] has an api_url but no 'model'");
  for (char c : out.api_key_env)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      return at(source, *table->get("api_key_env"),
                "'digest.api_key_env' must be the name of an environment variable "
                "(letters, digits, '_'), not a key");
  return Status::success();
}

}  // namespace paperpress
