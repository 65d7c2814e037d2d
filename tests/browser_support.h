// A headless Chromium for tests, driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: NUL-terminated JSON on fds 3 and 4, no WebSocket needed), with one
// page in it. Tests skip themselves when kChromium is not installed.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace paperpress {

inline constexpr const char* kChromium = "/usr/bin/chromium";

// A headless Chromium and one page in it.
class Browser {
 public:
  Browser() = default;
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;
  ~Browser();

  // Starts the browser and opens a blank page; "" on success, else what went wrong.
  std::string launch();

  // The value of a JavaScript expression in the page (null when it threw, e.g. mid-navigation).
  nlohmann::json evaluate(const std::string& expression);

  // Evaluates `expression` as a user's action would (a click that may write the clipboard) and
  // waits for the promise it returns: the value it resolves to, or null when it throws or
  // rejects.
  nlohmann::json evaluate_async(const std::string& expression);

  // Polls `expression` until it is true; false when kPatience passes first.
  bool wait_until(const std::string& expression);

  // Loads `url` and waits until the page at that address has finished loading.
  bool open(const std::string& url);

  // A DevTools command to the page (Emulation.*, Page.*) or to the browser itself
  // (Browser.grantPermissions): its result, or the error reply.
  nlohmann::json page_command(const std::string& method, const nlohmann::json& params);
  nlohmann::json browser_command(const std::string& method, const nlohmann::json& params);

  std::string stderr_tail() const;

 private:
  void send(const std::string& method, const nlohmann::json& params, const std::string& session);

  // Sends a command and returns its result (or its error), skipping the events in between.
  nlohmann::json call(const std::string& method, const nlohmann::json& params,
                      const std::string& session = "");

  testing::TempDir profile_;
  pid_t pid_ = -1;
  int write_fd_ = -1, read_fd_ = -1;
  int next_id_ = 0;
  std::string buffer_;
  std::string session_;
};

}  // namespace paperpress
