#include "fake_arxiv.h"
#include "paperpress/util/url.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace paperpress {
namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return -1;
}

// Calls `fn(fd)` for every open TCP socket of this process whose local port is `local_port`
// and which has a peer (accepted connections, not the listening socket), optionally only the
// one whose peer port is `remote_port`. httplib does not hand its sockets to handlers, so the
// fault injection finds them by their addresses.
template <typename Fn>
void for_each_connection(int local_port, int remote_port, Fn fn) {
  std::error_code ec;
  std::vector<int> fds;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
      fds.push_back(std::stoi(name));
    }
  }
  for (int fd : fds) {
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_len = sizeof local;
    socklen_t peer_len = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) continue;
    if (port_of(local) != local_port) continue;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) continue;
    if (remote_port >= 0 && port_of(peer) != remote_port) continue;
    fn(fd);
  }
}

std::string gzip(const std::string& data) {
#ifdef CPPHTTPLIB_ZLIB_SUPPORT
  std::string out;
  httplib::detail::gzip_compressor compressor;
  compressor.compress(data.data(), data.size(), /*last=*/true, [&](const char* d, size_t n) {
    out.append(d, n);
    return true;
  });
  return out;
#else
  return data;
#endif
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_digit_value(s[i + 1]) >= 0 &&
               hex_digit_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit_value(s[i + 1]) * 16 + hex_digit_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

using ParamList = std::vector<std::pair<std::string, std::string>>;

// Sorted, without empty values: the form in which fixture queries are compared.
ParamList canonical_params(ParamList params) {
  params.erase(
      std::remove_if(params.begin(), params.end(), [](const auto& p) { return p.second.empty(); }),
      params.end());
  std::sort(params.begin(), params.end());
  return params;
}

ParamList parse_query(std::string_view query) {
  ParamList params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      params.emplace_back(percent_decode(item), "");
    } else {
      params.emplace_back(percent_decode(item.substr(0, eq)), percent_decode(item.substr(eq + 1)));
    }
  }
  return params;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string content_type_for(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".xml") return "application/atom+xml; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".txt") return "text/plain";
  if (ext == ".html") return "text/html";
  return "application/octet-stream";
}

}  // namespace

std::string FakeRequest::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::string FakeRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equals_ignore_case(key, name)) return value;
  }
  return "";
}

FakeResponse FakeResponse::ok(std::string body, std::string content_type) {
  FakeResponse response;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  return response;
}

FakeResponse FakeResponse::error(int status, std::string body) {
  FakeResponse response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = "text/plain";
  return response;
}

FakeResponse FakeResponse::redirect(std::string location, int status) {
  FakeResponse response;
  response.status = status;
  response.content_type = "text/plain";
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

FakeResponse& FakeResponse::with_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

struct FakeArxiv::Impl {
  httplib::Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  Handler handler;
  std::deque<FakeResponse> queue;
  std::vector<FakeRequest> requests;

  // Waits `seconds` unless the server shuts down first; false when it does.
  bool wait(double seconds) {
    std::unique_lock<std::mutex> lock(mutex);
    return !wake.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return stopping; });
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    FakeRequest request;
    request.arrival = steady_seconds();
    request.method = req.method;
    request.path = req.path;
    request.body = req.body;
    size_t question = req.target.find('?');
    if (question != std::string::npos) request.query = req.target.substr(question + 1);
    for (const auto& [key, value] : req.params) request.params.emplace(key, value);
    for (const auto& [key, value] : req.headers) request.headers.emplace_back(key, value);
    request.remote_port = req.remote_port;

    std::optional<FakeResponse> scripted;
    Handler current;
    {
      std::lock_guard<std::mutex> lock(mutex);
      requests.push_back(request);
      if (!queue.empty()) {
        scripted = std::move(queue.front());
        queue.pop_front();
      } else {
        current = handler;
      }
    }
    FakeResponse response =
        scripted ? std::move(*scripted)
                 : (current ? current(request) : FakeResponse::error(404, "no handler"));
    respond(req, response, res);
  }

  void respond(const httplib::Request& req, const FakeResponse& response, httplib::Response& res) {
    if (response.delay_seconds > 0 && !wait(response.delay_seconds)) return;
    if (response.reset) {
      // Close this connection without a word; httplib's own attempt to answer then fails.
      for_each_connection(port, req.remote_port, [](int fd) { ::shutdown(fd, SHUT_RDWR); });
      return;
    }
    res.status = response.status;
    for (const auto& [name, value] : response.headers) {
      res.set_header(name.c_str(), value);
    }
    auto body =
        std::make_shared<const std::string>(response.gzip ? gzip(response.body) : response.body);
    if (response.gzip) res.set_header("Content-Encoding", "gzip");
    if (body->empty()) {
      if (response.hang_seconds > 0 && !wait(response.hang_seconds)) return;
      res.set_content("", response.content_type);
      return;
    }
    // Always a content provider with a length: httplib then neither compresses nor chunks, and
    // the faults below can cut the body where they like.
    const size_t size = body->size();
    const size_t cut =
        response.truncate_to ? std::min(*response.truncate_to, size) : size;  // bytes ever sent
    const double hang = response.hang_seconds;
    const size_t pause_at = hang > 0 ? size / 2 : size;
    res.set_content_provider(
        size, response.content_type,
        [this, body, size, cut, hang, pause_at](size_t offset, size_t, httplib::DataSink& sink) {
          size_t end = std::min(cut, offset < pause_at ? pause_at : size);
          if (offset < end && !sink.write(body->data() + offset, end - offset)) return false;
          offset = std::max(offset, end);
          if (offset >= size) return true;
          if (offset >= cut) return false;  // truncated: httplib closes the connection
          if (!wait(hang)) return false;
          return sink.write(body->data() + offset, cut - offset);
        });
  }
};

FakeArxiv::FakeArxiv() : impl_(std::make_unique<Impl>()) {
  std::signal(SIGPIPE, SIG_IGN);  // writes to connections the client dropped must not kill us
  Impl& impl = *impl_;
  impl.server.set_keep_alive_max_count(100000);
  impl.server.set_keep_alive_timeout(5);
  auto handle = [&impl](const httplib::Request& req, httplib::Response& res) {
    impl.handle(req, res);
  };
  impl.server.Get(".*", handle);
  impl.server.Post(".*", handle);
  impl.port = impl.server.bind_to_any_port("127.0.0.1");
  if (impl.port <= 0) {
    std::cerr << "FakeArxiv: cannot bind a port on 127.0.0.1\n";
    impl.port = 0;
    return;
  }
  impl.thread = std::thread([&impl] { impl.server.listen_after_bind(); });
  // stop() does nothing until the accept loop runs, so wait for it.
  while (!impl.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeArxiv::~FakeArxiv() {
  Impl& impl = *impl_;
  {
    std::lock_guard<std::mutex> lock(impl.mutex);
    impl.stopping = true;
  }
  impl.wake.notify_all();
  if (!impl.thread.joinable()) return;
  impl.server.stop();
  // Idle keep-alive connections would hold their worker threads (and so this join) for the
  // keep-alive timeout; end them now.
  for_each_connection(impl.port, -1, [](int fd) { ::shutdown(fd, SHUT_RDWR); });
  impl.thread.join();
}

int FakeArxiv::port() const {
  return impl_->port;
}

std::string FakeArxiv::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + path;
}

void FakeArxiv::set_handler(Handler handler) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->handler = std::move(handler);
}

void FakeArxiv::push(FakeResponse response) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->queue.push_back(std::move(response));
}

size_t FakeArxiv::queued() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->queue.size();
}

std::vector<FakeRequest> FakeArxiv::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->requests;
}

size_t FakeArxiv::request_count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->requests.size();
}

void FakeArxiv::clear_requests() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->requests.clear();
}

FakeArxiv::Handler FakeArxiv::serve_files(std::filesystem::path dir,
                                          std::function<std::string(const FakeRequest&)> file_for) {
  return [dir = std::move(dir), file_for = std::move(file_for)](const FakeRequest& request) {
    std::string name = file_for(request);
    std::filesystem::path relative(name);
    bool safe = !name.empty() && relative.is_relative() &&
                std::none_of(relative.begin(), relative.end(),
                             [](const std::filesystem::path& part) { return part == ".."; });
    std::optional<std::string> body;
    if (safe) body = read_file(dir / relative);
    if (!body) return FakeResponse::error(404, "no file for " + request.path);
    return FakeResponse::ok(std::move(*body), content_type_for(relative));
  };
}

FakeArxiv::Handler FakeArxiv::serve_arxiv_fixtures(std::filesystem::path dir) {
  struct Recording {
    ParamList params;
    int status;
    std::filesystem::path body_path;
  };
  std::vector<Recording> recordings;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    const std::string suffix = ".meta.json";
    if (file.size() <= suffix.size() ||
        file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::optional<std::string> text = read_file(entry.path());
    if (!text) continue;
    nlohmann::json meta = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!meta.is_object() || !meta.contains("url") || !meta["url"].is_string()) continue;
    std::string url = meta["url"].get<std::string>();
    size_t question = url.find('?');
    Recording recording;
    recording.params = canonical_params(
        parse_query(question == std::string::npos ? "" : url.substr(question + 1)));
    recording.status = meta.value("status", 200);
    recording.body_path = dir / (file.substr(0, file.size() - suffix.size()) + ".xml");
    recordings.push_back(std::move(recording));
  }
  return [recordings = std::move(recordings)](const FakeRequest& request) {
    ParamList wanted = canonical_params(ParamList(request.params.begin(), request.params.end()));
    for (const Recording& recording : recordings) {
      if (recording.params != wanted) continue;
      std::optional<std::string> body = read_file(recording.body_path);
      if (!body) break;
      FakeResponse response = FakeResponse::ok(std::move(*body));
      response.status = recording.status;
      return response;
    }
    return FakeResponse::error(404, "no fixture for " + request.query);
  };
}

FakeArxiv::Handler FakeArxiv::redirect_to(std::string location, int status) {
  return [location = std::move(location), status](const FakeRequest&) {
    return FakeResponse::redirect(location, status);
  };
}

}  // namespace paperpress
