// paperpress init: a new site folder, ready to sample, build, check and deploy.
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include "paperpress/cli/commands.h"
#include "paperpress/cli/scaffold_files.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

enum class Overwrite { kRefuse, kAllow };

struct InitArgs {
  std::string dir;
  bool force = false;
};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

// The first day of the previous month: a first fetch of a month or two, not of years.
std::string default_since() {
  CivilDate today = civil_from_unix(now_utc());
  int year = today.month == 1 ? today.year - 1 : today.year;
  int month = today.month == 1 ? 12 : today.month - 1;
  return format_date(make_utc(year, month, 1));
}

Status write_scaffold(const fs::path& dir, Overwrite overwrite, size_t& written) {
  const auto& files = embedded_scaffold_files();
  if (overwrite == Overwrite::kRefuse) {
    for (const EmbeddedFile& file : files) {
      fs::path target = dir / std::string(file.path);
      std::error_code ec;
      if (fs::exists(fs::symlink_status(target, ec)))
        return Error{target.string() + " already exists (--force overwrites it)"};
    }
  }
  if (auto st = ensure_dir(dir); !st) return st;
  std::string version = PAPERPRESS_VERSION;
  std::string since = default_since();
  for (const EmbeddedFile& file : files) {
    fs::path target = dir / std::string(file.path);
    std::string text(file.data);
    replace_all(text, "@PAPERPRESS_VERSION@", version);
    replace_all(text, "@SINCE@", since);
    if (auto st = ensure_dir(target.parent_path()); !st) return st;
    if (auto st = write_file_atomic(target, text, Durability::kNone); !st) return st;
    if (target.extension() == ".sh" && ::chmod(target.c_str(), 0755) != 0)
      return Error{target.string() + ": cannot make it executable"};
    ++written;
  }
  return Status::success();
}

int run_init(const GlobalOptions& global, const InitArgs& args) {
  fs::path dir = args.dir;
  size_t written = 0;
  auto st = write_scaffold(dir, args.force ? Overwrite::kAllow : Overwrite::kRefuse, written);
  if (!st) return report_error(st.error());
  if (!global.quiet) {
    std::fprintf(stderr, "init: wrote %zu files in %s:\n", written, dir.string().c_str());
    for (const EmbeddedFile& file : embedded_scaffold_files())
      std::fprintf(stderr, "  %.*s\n", static_cast<int>(file.path.size()), file.path.data());
    std::fprintf(stderr,
                 "next: edit %s/site.toml (title, base_url, topics), then try it with\n"
                 "  paperpress --site %s sample && paperpress --site %s build\n",
                 dir.string().c_str(), dir.string().c_str(), dir.string().c_str());
  }
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto args = std::make_shared<InitArgs>();
  auto* cmd = app.add_subcommand(
      "init", "Create a new site: site.toml, content/, the GitHub Pages workflow and its script");
  cmd->add_option("dir", args->dir, "The folder to create the site in (created if missing)")
      ->required();
  cmd->add_flag("--force", args->force, "Overwrite files that already exist");
  cmd->callback(
      [&global, &run, args] { run = [&global, args] { return run_init(global, *args); }; });
}

}  // namespace paperpress
