// Helpers for the preview server tests: raw HTTP over a plain socket (so nothing normalizes
// the request), an event-stream reader, the real `paperpress serve` as a child process, and a
// small sample site.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace paperpress::testing {

using std::chrono::steady_clock;

// A bound for waits that should end much sooner; reaching it fails the test instead of hanging.
inline constexpr std::chrono::seconds kPatience{30};

struct RawReply {
  int status = 0;  // 0: no status line (connection closed or timed out first)
  std::string head;
  std::string body;
  std::string header(const std::string& name) const {
    std::string lower_head, key = "\r\n" + name + ":";
    for (char c : head)
      lower_head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t at = lower_head.find(key);
    if (at == std::string::npos) return "";
    size_t start = at + key.size(), end = head.find("\r\n", start);
    std::string value = head.substr(start, end - start);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    return value;
  }
};

inline int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Reads from `fd` until the peer closes, or until `limit` passes; true when it closed.
inline bool read_until_closed(int fd, std::string& out,
                              std::chrono::steady_clock::duration limit = kPatience) {
  auto deadline = steady_clock::now() + limit;
  char buf[16384];
  while (steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return true;
    out.append(buf, static_cast<size_t>(n));
  }
  return false;
}

inline RawReply parse_reply(const std::string& raw) {
  RawReply reply;
  size_t end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || end == std::string::npos) return reply;
  reply.status = std::atoi(raw.c_str() + 9);
  reply.head = raw.substr(0, end);
  reply.body = raw.substr(end + 4);
  return reply;
}

// Reads one reply: its head and Content-Length bytes of body, or everything until the server
// closes the connection when there is no Content-Length.
inline std::string read_reply(int fd) {
  auto deadline = steady_clock::now() + kPatience;
  std::string raw;
  char buf[16384];
  while (steady_clock::now() < deadline) {
    size_t end = raw.find("\r\n\r\n");
    if (end != std::string::npos) {
      RawReply head = parse_reply(raw);
      std::string length = head.header("Content-Length");
      bool bodyless = head.status == 304 || raw.rfind("HTTP/1.1 1", 0) == 0;
      if (bodyless || (!length.empty() && raw.size() >= end + 4 + std::stoul(length))) break;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
  }
  return raw;
}

// Sends `request` as is and reads the reply.
inline RawReply raw_http(int port, const std::string& request) {
  int fd = connect_loopback(port);
  if (fd < 0) return {};
  std::string raw;
  if (send_all(fd, request)) raw = read_reply(fd);
  ::close(fd);
  return parse_reply(raw);
}

// A GET of `target` exactly as written, on a connection of its own.
inline RawReply raw_get(int port, const std::string& target, const std::string& extra = "") {
  return raw_http(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra +
                            "Connection: close\r\n\r\n");
}

// An open event stream: GET /__paperpress/events?since=GENERATION, read as it arrives.
class EventReader {
 public:
  EventReader(int port, const std::string& since) : fd_(connect_loopback(port)) {
    if (fd_ >= 0)
      send_all(fd_,
               "GET /__paperpress/events?since=" + since + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  }
  ~EventReader() {
    if (fd_ >= 0) ::close(fd_);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  // Reads until `needle` has arrived (true), the stream closed or kPatience passed (false).
  bool wait_for(std::string_view needle) {
    auto deadline = steady_clock::now() + kPatience;
    char buf[4096];
    while (text_.find(needle) == std::string::npos) {
      if (fd_ < 0 || closed_ || steady_clock::now() > deadline) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        continue;
      }
      text_.append(buf, static_cast<size_t>(n));
    }
    return true;
  }
  // Reads until the server closes the stream (true) or kPatience passes.
  bool wait_closed() {
    std::string rest;
    bool closed = closed_ || read_until_closed(fd_, rest);
    text_ += rest;
    return closed;
  }
  // Waits for the end of the response: its last chunk, or the connection closing.
  bool wait_ended() { return wait_for("\r\n0\r\n\r\n") || closed_; }
  const std::string& text() const { return text_; }

 private:
  int fd_;
  std::string text_;
  bool closed_ = false;
};

// The generation a served HTML page was built from (its live-reload script's `since`).
inline std::string generation_of(const std::string& html) {
  const std::string key = "var since = \"";
  size_t at = html.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return html.substr(at, html.find('"', at) - at);
}

// `paperpress serve` as a child process, its stderr in a file; `program` is build/paperpress
// unless given.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args, std::string program = PAPERPRESS_BINARY) {
    std::vector<std::string> full = {std::move(program)};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    err_path_ = (io_ / "stderr").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait_process(pid_);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Waits for the "serving http://…" line; returns the URL, or "" when the process exited or
  // kPatience passed.
  std::string wait_for_url() {
    auto deadline = steady_clock::now() + kPatience;
    const std::string key = "serving ";
    while (steady_clock::now() < deadline) {
      std::string err = stderr_text();
      size_t at = err.find(key);
      if (at != std::string::npos && err.find('\n', at) != std::string::npos) {
        at += key.size();
        return err.substr(at, err.find(' ', at) - at);
      }
      int status = 0;
      if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return "";
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
  }
  // Sends `signal` and waits for the exit code (-signal when it killed the process).
  int stop(int signal) {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, signal);
    int code = wait_process(pid_);
    pid_ = -1;
    return code;
  }
  // Waits for the process to exit by itself.
  int wait() {
    if (pid_ <= 0) return exit_code_;
    int code = wait_process(pid_);
    pid_ = -1;
    return code;
  }
  std::string stderr_text() const { return read_text(err_path_); }

 private:
  TempDir io_;
  std::string err_path_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// Replaces a file's content in one step, as editors save: the watcher never sees it half
// written.
inline void replace_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::filesystem::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  write_text(tmp, text);
  std::filesystem::rename(tmp, path);
}

// The port in "http://127.0.0.1:PORT/…".
inline int port_of(const std::string& url) {
  size_t colon = url.rfind(':');
  return colon == std::string::npos ? 0 : std::atoi(url.c_str() + colon + 1);
}

// A site in `dir` with `papers` sample papers, served under /test (test_site_toml's base_url).
inline void make_sample_site(const std::filesystem::path& dir, int papers = 30) {
  write_text(dir / "site.toml", test_site_toml("http://127.0.0.1:9/api"));
  write_text(dir / "content" / "about.md",
             "---\ntitle: About this archive\n---\nThe first version of this page.\n");
  auto r =
      run_paperpress({"--site", dir.string(), "-q", "sample", "--papers", std::to_string(papers)});
  if (r.exit_code != 0) write_text(dir / "sample-failed.txt", r.err);
}

}  // namespace paperpress::testing
