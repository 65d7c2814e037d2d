#include "browser_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "serve_support.h"

namespace paperpress {

using nlohmann::json;
using testing::kPatience;

std::string Browser::launch() {
  int to_chrome[2], from_chrome[2];
  if (::pipe2(to_chrome, O_CLOEXEC) != 0 || ::pipe2(from_chrome, O_CLOEXEC) != 0)
    return "pipe failed";
  // Above 4, so that dup2 onto 3 and 4 below always makes an inheritable copy.
  int chrome_reads = ::fcntl(to_chrome[0], F_DUPFD_CLOEXEC, 10);
  int chrome_writes = ::fcntl(from_chrome[1], F_DUPFD_CLOEXEC, 10);
  ::close(to_chrome[0]);
  ::close(from_chrome[1]);
  write_fd_ = to_chrome[1];
  read_fd_ = from_chrome[0];

  std::vector<std::string> args = {kChromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-dev-shm-usage",
                                   "--user-data-dir=" + (profile_ / "profile").string(),
                                   "--remote-debugging-pipe",
                                   "about:blank"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, (profile_ / "stderr").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, chrome_reads, 3);
  posix_spawn_file_actions_adddup2(&actions, chrome_writes, 4);
  int rc = posix_spawn(&pid_, kChromium, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(chrome_reads);
  ::close(chrome_writes);
  if (rc != 0) {
    pid_ = -1;
    return "cannot start " + std::string(kChromium);
  }
  json target = call("Target.createTarget", {{"url", "about:blank"}});
  if (!target.contains("targetId")) return "no page: " + target.dump() + stderr_tail();
  json attached =
      call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}});
  if (!attached.contains("sessionId")) return "cannot attach: " + attached.dump();
  session_ = attached["sessionId"];
  return "";
}

Browser::~Browser() {
  if (pid_ > 0) {
    send("Browser.close", json::object(), "");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  if (write_fd_ >= 0) ::close(write_fd_);
  if (read_fd_ >= 0) ::close(read_fd_);
}

json Browser::evaluate(const std::string& expression) {
  json reply =
      call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}}, session_);
  if (!reply.contains("result") || reply.contains("exceptionDetails")) return nullptr;
  return reply["result"].value("value", json());
}

json Browser::evaluate_async(const std::string& expression) {
  json reply = call("Runtime.evaluate",
                    {{"expression", expression},
                     {"returnByValue", true},
                     {"awaitPromise", true},
                     {"userGesture", true}},
                    session_);
  if (!reply.contains("result") || reply.contains("exceptionDetails")) return nullptr;
  return reply["result"].value("value", json());
}

bool Browser::wait_until(const std::string& expression) {
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (std::chrono::steady_clock::now() < deadline) {
    if (evaluate(expression) == true) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool Browser::open(const std::string& url) {
  call("Page.navigate", {{"url", url}}, session_);
  return wait_until("location.href === " + json(url).dump() +
                    " && document.readyState === 'complete'");
}

json Browser::page_command(const std::string& method, const json& params) {
  return call(method, params, session_);
}

json Browser::browser_command(const std::string& method, const json& params) {
  return call(method, params, "");
}

std::string Browser::stderr_tail() const {
  std::string err = testing::read_text(profile_ / "stderr");
  return err.size() > 2000 ? err.substr(err.size() - 2000) : err;
}

void Browser::send(const std::string& method, const json& params, const std::string& session) {
  json message = {{"id", ++next_id_}, {"method", method}, {"params", params}};
  if (!session.empty()) message["sessionId"] = session;
  std::string text = message.dump();
  text += '\0';
  std::string_view rest = text;
  while (!rest.empty()) {
    ssize_t n = ::write(write_fd_, rest.data(), rest.size());
    if (n <= 0) return;
    rest.remove_prefix(static_cast<size_t>(n));
  }
}

json Browser::call(const std::string& method, const json& params, const std::string& session) {
  send(method, params, session);
  int id = next_id_;
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  for (;;) {
    size_t end;
    while ((end = buffer_.find('\0')) != std::string::npos) {
      json message = json::parse(buffer_.substr(0, end), nullptr, false);
      buffer_.erase(0, end + 1);
      if (message.is_object() && message.value("id", -1) == id)
        return message.contains("result") ? message["result"] : message;
    }
    if (std::chrono::steady_clock::now() > deadline) return json{{"error", "no reply"}};
    pollfd p{read_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[65536];
    ssize_t n = ::read(read_fd_, buf, sizeof buf);
    if (n <= 0) return json{{"error", "the browser closed the pipe"}};
    buffer_.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace paperpress
