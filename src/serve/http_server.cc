#include "paperpress/serve/http_server.h"

#include <dlfcn.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <system_error>

namespace paperpress {

namespace {

constexpr const char* kWhereBuilt =
    " (CMake builds it beside paperpress, as target paperpress_http)";

Result<const HttpPlugin*> open_plugin(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error{"cannot load the preview server: " + file.string() + " is missing" + kWhereBuilt};
  // Kept loaded for the life of the process: its servers and their threads run its code.
  void* so = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (so == nullptr) return Error{std::string("cannot load the preview server: ") + ::dlerror()};
  const auto* plugin = static_cast<const HttpPlugin*>(::dlsym(so, "paperpress_http_plugin"));
  if (plugin == nullptr)
    return Error{"cannot load the preview server: " + file.string() +
                 " is not a paperpress plugin (no paperpress_http_plugin)"};
  if (plugin->abi != kHttpPluginAbi || std::string_view(plugin->version) != PAPERPRESS_VERSION)
    return Error{"cannot load the preview server: " + file.string() + " is from paperpress " +
                 plugin->version + " (interface " + std::to_string(plugin->abi) +
                 "), this program is " + PAPERPRESS_VERSION + " (interface " +
                 std::to_string(kHttpPluginAbi) + "); rebuild both"};
  return plugin;
}

}  // namespace

Result<const HttpPlugin*> load_http_plugin(const std::filesystem::path& file) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, Result<const HttpPlugin*>> loaded;
  std::lock_guard lock(mutex);
  auto it = loaded.find(file);
  if (it == loaded.end()) it = loaded.emplace(file, open_plugin(file)).first;
  return it->second;
}

std::vector<std::filesystem::path> http_plugin_candidates() {
  std::error_code ec;
  std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {kHttpPluginFile};  // the dynamic loader's own search
  std::filesystem::path dir = program.parent_path();
  return {dir / kHttpPluginFile, dir.parent_path() / "lib" / "paperpress" / kHttpPluginFile};
}

Result<std::unique_ptr<HttpServer>> load_http_server(const HttpServerOptions& options,
                                                     HttpHandler handler) {
  auto candidates = http_plugin_candidates();
  std::error_code ec;
  auto found = std::find_if(candidates.begin(), candidates.end(), [&](const auto& candidate) {
    return std::filesystem::exists(candidate, ec);
  });
  if (found == candidates.end()) {
    std::string where = candidates.front().string() + " is missing";
    for (size_t i = 1; i < candidates.size(); ++i) where += ", and so is " + candidates[i].string();
    return Error{"cannot load the preview server: " + where + kWhereBuilt};
  }
  auto plugin = load_http_plugin(*found);
  if (!plugin) return plugin.error();
  return (*plugin)->make(options, std::move(handler));
}

}  // namespace paperpress
