#include "paperpress/serve/serve_session.h"

#include <algorithm>

#include "paperpress/serve/request_path.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/util/fs.h"

namespace paperpress {

namespace {

// A change is built once the sources have stopped changing for one poll, or after this many
// polls of continuous change (a long fetch appending to the store).
constexpr int kMaxSettlePolls = 10;
constexpr const char* kSlots[] = {"a", "b"};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool is_within(const std::filesystem::path& dir, const std::filesystem::path& path) {
  auto [d, p] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return d == dir.end();
}

// The folders a build reads; a preview folder inside one would be read back as sources.
Status check_preview_dir(const std::filesystem::path& site_dir,
                         const std::filesystem::path& preview_dir) {
  std::error_code ec;
  auto preview = std::filesystem::weakly_canonical(preview_dir, ec);
  auto site = std::filesystem::weakly_canonical(site_dir, ec);
  if (ec) return Error{"cannot resolve " + preview_dir.string() + ": " + ec.message()};
  if (preview == site) return Error{"the preview folder cannot be the site folder itself"};
  for (const char* name : {"content", "themes", "templates", "static"}) {
    if (is_within(site / name, preview))
      return Error{"the preview folder " + preview_dir.string() + " is inside " + name +
                   "/, which paperpress serve watches; choose another --out"};
  }
  return Status::success();
}

}  // namespace

std::vector<std::filesystem::path> watched_paths(const Config& config) {
  const auto& dir = config.site_dir;
  return {dir / "site.toml", dir / "content", dir / "themes",
          dir / "templates", dir / "static",  store_file(config.cache_path())};
}

ServeSession::ServeSession(ServeOptions options, ServeListener listener,
                           std::filesystem::path preview_dir, FileLock lock)
    : options_(std::move(options)),
      listener_(std::move(listener)),
      preview_dir_(std::move(preview_dir)),
      lock_(std::move(lock)),
      server_(options_.server) {}

Result<std::unique_ptr<ServeSession>> ServeSession::start(ServeOptions options,
                                                          ServeListener listener) {
  std::error_code ec;
  if (!std::filesystem::exists(options.site_dir / "site.toml", ec)) {
    auto config = Config::from_dir(options.site_dir);  // its error names the missing file
    if (!config) return config.error();
  }
  std::filesystem::path preview_dir =
      options.preview_dir.empty() ? options.site_dir / ".paperpress-serve" : options.preview_dir;
  if (auto st = check_preview_dir(options.site_dir, preview_dir); !st) return st.error();
  if (auto st = ensure_dir(preview_dir); !st) return st.error();
  auto lock = FileLock::acquire(preview_dir / "lock", "the preview folder " + preview_dir.string());
  if (!lock) return lock.error();
  // Keeps the preview folder out of git without touching the site's .gitignore.
  if (auto st = write_file_atomic(preview_dir / ".gitignore", "*\n", Durability::kNone); !st)
    return st.error();

  std::unique_ptr<ServeSession> session(new ServeSession(std::move(options), std::move(listener),
                                                         std::move(preview_dir), std::move(*lock)));
  auto port = session->server_.start();
  if (!port) return port.error();

  Config fallback;  // what to watch while site.toml does not parse
  fallback.site_dir = session->options_.site_dir;
  auto config = Config::from_dir(session->options_.site_dir);
  session->watcher_.set_paths(watched_paths(config ? *config : fallback));
  session->watcher_.poll();
  session->build(WatchChange{});
  session->thread_ = std::thread([s = session.get()] { s->watch_loop(); });
  return session;
}

ServeSession::~ServeSession() {
  stop();
}

void ServeSession::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

bool ServeSession::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [this] { return stopping_; });
}

void ServeSession::watch_loop() {
  while (pause(options_.poll_interval)) {
    WatchChange change = watcher_.poll();
    if (!change) continue;
    // Editors and fetches write in several steps: wait for the sources to settle.
    for (int i = 0; i < kMaxSettlePolls; ++i) {
      if (!pause(options_.poll_interval)) return;
      WatchChange more = watcher_.poll();
      if (!more) break;
      change.count += more.count;
    }
    build(change);
  }
}

void ServeSession::build(const WatchChange& change) {
  auto started = std::chrono::steady_clock::now();
  ServeEvent event;
  event.change = change;
  if (!change.first.empty())
    event.change.first =
        std::filesystem::path(change.first).lexically_relative(options_.site_dir).string();
  auto fail = [&](const Error& error) {
    event.kind = ServeEvent::Kind::kFailed;
    event.error = error.message;
    event.seconds = seconds_since(started);
    event.has_good_build = server_.current() != nullptr;
    if (listener_) listener_(event);
    server_.publish_error(error.message);
  };

  auto config = Config::from_dir(options_.site_dir);
  if (!config) return fail(config.error());
  // Set before building, so edits made while it runs are seen by the next poll.
  watcher_.set_paths(watched_paths(*config));

  std::filesystem::path slot = preview_dir_ / kSlots[next_slot_];
  // The slot was last published as `previous_`: wait for the requests still reading it.
  while (previous_ && previous_.use_count() > 1)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  previous_.reset();

  BuildOptions build_options;
  build_options.output_dir = slot;
  build_options.threads = options_.build_threads;
  auto report = build_site(*config, build_options);
  if (!report) return fail(report.error());
  // Reported before it is published, so the terminal line comes before any page reloads.
  event.kind = ServeEvent::Kind::kBuilt;
  event.report = std::move(*report);
  event.folder = slot;
  event.seconds = seconds_since(started);
  if (listener_) listener_(event);
  auto replaced = server_.publish(slot, base_path_of(config->base_url));
  if (!replaced) return fail(replaced.error());
  previous_ = std::move(*replaced);
  next_slot_ = 1 - next_slot_;
}

}  // namespace paperpress
