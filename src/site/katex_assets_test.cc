#include "paperpress/site/katex_assets.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paperpress/util/fs.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr const char* kDebianKatex = "/usr/share/javascript/katex";

void touch(const fs::path& path) {
  ASSERT_TRUE(ensure_dir(path.parent_path()));
  ASSERT_TRUE(write_file_atomic(path, path.filename().string(), Durability::kNone));
}

// A KaTeX distribution folder as npm's dist/ lays it out, fonts in three formats.
void make_katex(const fs::path& dir) {
  touch(dir / "katex.min.js");
  touch(dir / "katex.min.css");
  touch(dir / "katex.js");
  touch(dir / "contrib" / "auto-render.min.js");
  for (const char* font : {"KaTeX_Main-Regular", "KaTeX_AMS-Regular", "KaTeX_Math-Italic"}) {
    for (const char* extension : {".woff2", ".woff", ".ttf"})
      touch(dir / "fonts" / (std::string(font) + extension));
  }
}

// find_katex's answer as text: its path, or "none".
std::string found(const std::vector<fs::path>& candidates) {
  const std::optional<fs::path> dir = find_katex(candidates);
  return dir ? dir->string() : "none";
}

std::vector<std::string> strings(const std::vector<fs::path>& paths) {
  std::vector<std::string> out;
  for (const fs::path& p : paths) out.push_back(p.string());
  return out;
}

std::vector<std::string> outputs(const std::vector<KatexFile>& files) {
  std::vector<std::string> out;
  for (const KatexFile& f : files) out.push_back(f.output);
  return out;
}

// Sets an environment variable for the test's length.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = ::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(KatexAssetsTest, FindsTheFirstCompleteFolder) {
  TempDir tmp;
  make_katex(tmp / "good");
  make_katex(tmp / "second");
  touch(tmp / "script-only" / "katex.min.js");
  make_katex(tmp / "no-css");
  fs::remove(tmp / "no-css" / "katex.min.css");
  make_katex(tmp / "ttf-only");
  for (const char* font : {"KaTeX_Main-Regular", "KaTeX_AMS-Regular", "KaTeX_Math-Italic"})
    fs::remove(tmp / "ttf-only" / "fonts" / (std::string(font) + ".woff2"));
  touch(tmp / "a-file");

  EXPECT_EQ(found({tmp / "missing", tmp / "script-only", tmp / "no-css", tmp / "ttf-only",
                   tmp / "a-file", tmp / "good", tmp / "second"}),
            (tmp / "good").string());
  EXPECT_EQ(found({tmp / "second", tmp / "good"}), (tmp / "second").string());
  EXPECT_EQ(found({tmp / "missing", tmp / "script-only", tmp / "ttf-only"}), "none");
  EXPECT_EQ(found({}), "none");
}

TEST(KatexAssetsTest, ListsTheScriptTheStyleAndTheWoff2Fonts) {
  TempDir tmp;
  const fs::path dir = tmp / "katex";
  make_katex(dir);
  fs::create_directories(dir / "fonts" / "folder.woff2");  // a folder, not a font

  auto files = katex_files(dir);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(outputs(*files), (std::vector<std::string>{
                                 "assets/katex/katex.min.js",
                                 "assets/katex/katex.min.css",
                                 "assets/katex/fonts/KaTeX_AMS-Regular.woff2",
                                 "assets/katex/fonts/KaTeX_Main-Regular.woff2",
                                 "assets/katex/fonts/KaTeX_Math-Italic.woff2",
                             }));
  EXPECT_EQ((*files)[0].source.string(), (dir / "katex.min.js").string());
  EXPECT_EQ((*files)[1].source.string(), (dir / "katex.min.css").string());
  EXPECT_EQ((*files)[2].source.string(), (dir / "fonts" / "KaTeX_AMS-Regular.woff2").string());
  for (const KatexFile& f : *files) {
    EXPECT_EQ(f.output.rfind(kKatexOutputDir, 0), 0u) << f.output;
    EXPECT_TRUE(fs::is_regular_file(f.source)) << f.source.string();
  }
}

// Debian's layout: katex.min.js is a link to katex.js, fonts/ a link to fonts-katex's folder.
TEST(KatexAssetsTest, FollowsSymbolicLinks) {
  TempDir tmp;
  const fs::path dir = tmp / "javascript" / "katex";
  touch(dir / "katex.js");
  touch(dir / "katex.min.css");
  fs::create_symlink("katex.js", dir / "katex.min.js");
  touch(tmp / "fonts" / "truetype" / "katex" / "KaTeX_Main-Regular.woff2");
  touch(tmp / "fonts" / "truetype" / "katex" / "KaTeX_Main-Regular.ttf");
  fs::create_symlink("../../fonts/truetype/katex", dir / "fonts");

  EXPECT_EQ(found({dir}), dir.string());
  auto files = katex_files(dir);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(outputs(*files),
            (std::vector<std::string>{"assets/katex/katex.min.js", "assets/katex/katex.min.css",
                                      "assets/katex/fonts/KaTeX_Main-Regular.woff2"}));
  EXPECT_EQ(read_file((*files)[0].source).value(), "katex.js");
  EXPECT_EQ(read_file((*files)[2].source).value(), "KaTeX_Main-Regular.woff2");

  // A dangling link is no file.
  fs::remove(dir / "katex.js");
  EXPECT_EQ(found({dir}), "none");
}

TEST(KatexAssetsTest, ErrorsNameWhatIsMissing) {
  TempDir tmp;
  const fs::path dir = tmp / "katex";
  make_katex(dir);
  fs::remove(dir / "katex.min.css");
  auto files = katex_files(dir);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("katex.min.css"), std::string::npos)
      << files.error().message;

  touch(dir / "katex.min.css");
  fs::remove_all(dir / "fonts");
  files = katex_files(dir);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("fonts"), std::string::npos) << files.error().message;

  fs::create_directories(dir / "fonts");
  touch(dir / "fonts" / "KaTeX_Main-Regular.ttf");
  files = katex_files(dir);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("woff2"), std::string::npos) << files.error().message;
}

TEST(KatexAssetsTest, DefaultCandidates) {
  const fs::path site = "/srv/site";
  const std::vector<fs::path> defaults = {site / "node_modules/katex/dist",
                                          "/usr/share/javascript/katex"};
  {
    ScopedEnv env("PAPERPRESS_KATEX_DIR", nullptr);
    EXPECT_EQ(strings(default_katex_candidates(site)), strings(defaults));
  }
  {
    ScopedEnv env("PAPERPRESS_KATEX_DIR", "");
    EXPECT_EQ(strings(default_katex_candidates(site)), strings(defaults));
  }
  {
    // Named, it is the only candidate: a folder without KaTeX means none.
    ScopedEnv env("PAPERPRESS_KATEX_DIR", "/opt/katex");
    EXPECT_EQ(strings(default_katex_candidates(site)), strings({fs::path("/opt/katex")}));
  }
}

TEST(KatexAssetsTest, TheVariableComesFirst) {
  TempDir tmp;
  make_katex(tmp / "site" / "node_modules" / "katex" / "dist");
  make_katex(tmp / "chosen");
  {
    ScopedEnv env("PAPERPRESS_KATEX_DIR", (tmp / "chosen").c_str());
    EXPECT_EQ(found(default_katex_candidates(tmp / "site")), (tmp / "chosen").string());
  }
  ScopedEnv env("PAPERPRESS_KATEX_DIR", nullptr);
  EXPECT_EQ(found(default_katex_candidates(tmp / "site")),
            (tmp / "site" / "node_modules" / "katex" / "dist").string());
}

// The copy keeps every font the CSS names first: the CSS of Debian's libjs-katex asks for
// url(fonts/<name>.woff2), relative to itself, for each font the listing copies.
TEST(KatexAssetsTest, DebianPackageFontsMatchItsStyle) {
  if (!fs::exists(kDebianKatex))
    GTEST_SKIP() << kDebianKatex << " is missing (Debian package libjs-katex)";
  ASSERT_EQ(found({kDebianKatex}), kDebianKatex);
  auto files = katex_files(kDebianKatex);
  ASSERT_TRUE(files) << files.error().message;
  const std::string css = read_file(fs::path(kDebianKatex) / "katex.min.css").value();
  size_t fonts = 0;
  for (const KatexFile& f : *files) {
    if (f.output.find("/fonts/") == std::string::npos) continue;
    ++fonts;
    const std::string url = "url(fonts/" + f.source.filename().string() + ")";
    EXPECT_NE(css.find(url), std::string::npos) << url;
  }
  EXPECT_EQ(fonts, 20u);  // KaTeX 0.16's twenty fonts
  // Each url(...) of the CSS that is a woff2 names one of them.
  size_t woff2_urls = 0;
  for (size_t at = 0; (at = css.find(".woff2)", at)) != std::string::npos; ++at) ++woff2_urls;
  EXPECT_EQ(woff2_urls, fonts);
}

}  // namespace
}  // namespace paperpress
