// paperpress serve without the command line: builds the site into a preview folder, serves it
// with PreviewServer, watches the sources and rebuilds on every change.
//
// Builds never touch a folder that is being served. The preview folder holds two build slots,
// a/ and b/: each build goes into the slot that is not served, and only a successful build is
// published, which swaps the served slot in one step. Before a slot is built into again, the
// build waits until no request still reads the version published from it. So a page and the
// files it links to always come from the same build, a request never sees a file half-written
// or removed mid-build, and a failed build leaves the last good one served. Each slot keeps its
// files between builds, so a rebuild writes only what changed since that slot's last build.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "paperpress/config/config.h"
#include "paperpress/serve/preview_server.h"
#include "paperpress/serve/watcher.h"
#include "paperpress/site/site_builder.h"
#include "paperpress/util/file_lock.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct ServeOptions {
  std::filesystem::path site_dir = ".";
  std::filesystem::path preview_dir;  // empty: <site_dir>/.paperpress-serve
  ServerOptions server;
  std::chrono::milliseconds poll_interval{300};
  unsigned build_threads = 0;  // 0: one per core
};

// What happened to one build, for the terminal.
struct ServeEvent {
  enum class Kind { kBuilt, kFailed };
  Kind kind = Kind::kBuilt;
  WatchChange change;           // what set the build off, relative to the site (none for the first)
  std::string error;            // kFailed: one line
  bool has_good_build = false;  // kFailed: an earlier build is still served
  BuildReport report;           // kBuilt
  std::filesystem::path folder;  // kBuilt: the slot now served
  double seconds = 0;
};

using ServeListener = std::function<void(const ServeEvent&)>;

class ServeSession {
 public:
  // Starts serving, builds once (a failed first build is reported, served as an error page
  // and retried on the next change) and starts watching. Errors: no site.toml, the preview
  // folder in use by another paperpress serve or inside a watched folder, the address in use.
  // `listener` is called on the session's threads.
  static Result<std::unique_ptr<ServeSession>> start(ServeOptions options, ServeListener listener);
  ~ServeSession();

  // Stops watching and serving; returns once every thread has finished.
  void stop();

  std::string url() const { return server_.url(); }
  int port() const { return server_.port(); }
  const std::filesystem::path& preview_dir() const { return preview_dir_; }
  const PreviewServer& server() const { return server_; }

 private:
  ServeSession(ServeOptions options, ServeListener listener, std::filesystem::path preview_dir,
               FileLock lock);
  void build(const WatchChange& change);
  void watch_loop();
  // Waits up to `duration`; false when the session is stopping.
  bool pause(std::chrono::milliseconds duration);

  ServeOptions options_;
  ServeListener listener_;
  std::filesystem::path preview_dir_;
  FileLock lock_;
  PreviewServer server_;
  Watcher watcher_;
  int next_slot_ = 0;
  std::shared_ptr<const SiteVersion> previous_;  // published from the slot built next
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The files and folders whose changes trigger a rebuild of the site `config` describes.
std::vector<std::filesystem::path> watched_paths(const Config& config);

}  // namespace paperpress
