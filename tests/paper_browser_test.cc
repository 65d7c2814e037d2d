// The default theme in a real browser (headless Chromium, tests/browser_support.h), on sites
// served by paperpress serve: TeX typeset by KaTeX (Debian's libjs-katex), the paper page's
// copy button, the lists' abstracts (the first lines, "Read more", "Expand all abstracts"
// remembered), the keyboard focus ring, and axe-core on every page kind in light and dark mode.
// Skipped without /usr/bin/chromium; the math test without KaTeX, the accessibility test without
// axe-core (scripts/setup.sh --tests installs both).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "browser_support.h"
#include "paperpress/serve/serve_session.h"
#include "paperpress/store/paper_store.h"
#include "serve_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::read_text;
using testing::TempDir;
using testing::write_text;

// Debian's libjs-katex: the real KaTeX, where test_support.cc gives every other test a stand-in.
constexpr const char* kDebianKatex = "/usr/share/javascript/katex";

bool has_debian_katex() {
  return fs::is_regular_file(fs::path(kDebianKatex) / "katex.min.js") &&
         fs::is_regular_file(fs::path(kDebianKatex) / "katex.min.css");
}

// axe-core's script: $PAPERPRESS_AXE_JS, else where scripts/setup.sh --tests installs it
// (build/npm/node_modules/axe-core/, beside the paperpress binary), else a global npm install;
// empty when none is there.
fs::path axe_script() {
  std::vector<fs::path> places;
  if (const char* env = std::getenv("PAPERPRESS_AXE_JS"); env && *env) places.push_back(env);
  places.push_back(fs::path(PAPERPRESS_BINARY).parent_path() /
                   "npm/node_modules/axe-core/axe.min.js");
  places.push_back("/usr/local/lib/node_modules/axe-core/axe.min.js");
  places.push_back("/usr/lib/node_modules/axe-core/axe.min.js");
  for (const fs::path& p : places)
    if (fs::is_regular_file(p)) return p;
  return {};
}

// Sets an environment variable for the life of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Serves a site folder with paperpress serve's session and opens a browser on it.
class ThemeBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(kChromium, X_OK) != 0)
      GTEST_SKIP() << kChromium << " is not installed (Debian package chromium): skipping the "
                   << "browser tests";
    ::signal(SIGPIPE, SIG_IGN);
  }
  void TearDown() override {
    if (session_) session_->stop();
  }

  // Builds and serves `site_` (KaTeX from Debian when `real_katex`), then starts the browser.
  // Check with ASSERT_NO_FATAL_FAILURE.
  void serve(bool real_katex) {
    if (real_katex) katex_.emplace("PAPERPRESS_KATEX_DIR", kDebianKatex);
    ServeOptions options;
    options.site_dir = site_.path();
    options.server.port = 0;
    options.poll_interval = std::chrono::milliseconds(100);
    auto session = ServeSession::start(options, nullptr);
    ASSERT_TRUE(session) << session.error().message;
    session_ = std::move(*session);
    std::string error = browser_.launch();
    ASSERT_EQ(error, "") << browser_.stderr_tail();
    // The page has the focus, as the window a reader looks at (:focus, the clipboard).
    browser_.page_command("Emulation.setFocusEmulationEnabled", {{"enabled", true}});
  }

  // Opens `path` under the site's address and waits for its math to be typeset (when KaTeX is
  // the real one) and its scripts to have run.
  bool open(const std::string& path) {
    if (!browser_.open(session_->url() + path)) return false;
    if (!katex_) return true;
    return browser_.wait_until(
               "typeof katex !== 'undefined' || document.querySelector('.math') === null") &&
           browser_.wait_until(
               "[...document.querySelectorAll('.math')].every(e => e.hasAttribute("
               "'data-typeset'))");
  }

  void color_scheme(const std::string& scheme) {
    browser_.page_command(
        "Emulation.setEmulatedMedia",
        {{"features", json::array({{{"name", "prefers-color-scheme"}, {"value", scheme}}})}});
  }

  TempDir site_;
  std::optional<ScopedEnv> katex_;
  std::unique_ptr<ServeSession> session_;
  Browser browser_;
};

// --- A small site of its own: math in titles and abstracts, short and long abstracts.

constexpr const char* kSmallSite = R"(title = "Math archive"
base_url = "https://example.github.io/archive"
[archive]
papers_per_part = 10
since = "2025-01-01"
[[topics]]
slug = "llm"
name = "Language models"
keywords = ["LLM"]
)";

std::vector<Paper> small_site_papers() {
  std::vector<Paper> out;
  for (int n = 1; n <= 4; ++n)
    out.push_back(testing::test_paper(n, "2025-01-0" + std::to_string(n) + "T10:00:00Z"));
  out[0].title = "Faster LLM with $O(n \\log n)$ Cost";
  out[0].abstract = "It costs $5 and $10 per run, in $$\\sum_i x_i$$ steps.";
  out[1].title = "LLM bounds with $\\nosuchmacro{x}$ inside";
  out[1].abstract = "A short abstract.";
  std::string long_abstract;
  for (int i = 0; i < 12; ++i)
    long_abstract += "We study how large language models read long abstracts, sentence " +
                     std::to_string(i) + " of many. ";
  out[2].abstract = long_abstract;
  out[3].abstract = long_abstract;
  return out;
}

class PaperBrowser : public ThemeBrowser {
 protected:
  void SetUp() override {
    ThemeBrowser::SetUp();
    if (IsSkipped()) return;
    write_text(site_ / "site.toml", kSmallSite);
    fs::path file = store_file(site_ / "cache");
    fs::create_directories(file.parent_path());
    auto writer = StoreWriter::open(file);
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE(writer->append(small_site_papers(), 1, CommitKind::kComplete));
  }
};

TEST_F(PaperBrowser, TypesetsTexWithKatexAndLeavesPricesAndRejectedTexAsText) {
  if (!has_debian_katex())
    GTEST_SKIP() << kDebianKatex << " is missing (Debian package libjs-katex)";
  ASSERT_NO_FATAL_FAILURE(serve(true));
  ASSERT_TRUE(open("abs/2501.00001.html")) << browser_.evaluate("document.body.innerHTML");
  // The title's TeX is KaTeX's output; what it shows (KaTeX's MathML for screen readers aside)
  // holds no dollar sign.
  const std::string title = "document.querySelector('h1.paper-page-title')";
  EXPECT_EQ(browser_.evaluate(title + ".querySelectorAll('.math .katex').length"), 1)
      << browser_.evaluate(title + ".innerHTML");
  EXPECT_EQ(browser_.evaluate("(() => { const t = " + title +
                              ".cloneNode(true); t.querySelectorAll('.katex-mathml')"
                              ".forEach(m => m.remove()); return t.textContent; })()"),
            "Faster LLM with O(nlogn) Cost");
  EXPECT_EQ(browser_.evaluate(title + ".querySelector('annotation').textContent"), "O(n \\log n)");
  // Prices stay text; the display formula is typeset as a block.
  const std::string abstract = "document.querySelector('.paper-page-abstract p')";
  EXPECT_EQ(browser_.evaluate(abstract + ".textContent.startsWith('It costs $5 and $10 per run')"),
            true)
      << browser_.evaluate(abstract + ".textContent");
  EXPECT_EQ(browser_.evaluate(abstract + ".querySelectorAll('.math').length"), 1);
  EXPECT_EQ(
      browser_.evaluate(abstract + ".querySelectorAll('.math.display .katex-display').length"), 1);

  // On a list, typeset titles beside TeX that KaTeX rejects: that one keeps its source.
  ASSERT_TRUE(open("papers/llm/2025_01/papers_1.html"));
  EXPECT_EQ(browser_.evaluate("document.getElementById('2501.00001').querySelectorAll("
                              "'.paper-title .math .katex').length"),
            1);
  EXPECT_EQ(browser_.evaluate("(() => { const t = document.getElementById('2501.00001')"
                              ".querySelector('.paper-title').cloneNode(true); "
                              "t.querySelectorAll('.katex-mathml').forEach(m => m.remove()); "
                              "return t.textContent.includes('$'); })()"),
            false);
  const std::string rejected = "document.getElementById('2501.00002').querySelector('.math')";
  EXPECT_EQ(browser_.evaluate(rejected + ".textContent"), "$\\nosuchmacro{x}$");
  EXPECT_EQ(browser_.evaluate(rejected + ".hasAttribute('data-typeset') && " + rejected +
                              ".querySelector('.katex') === null"),
            true);
  // Nothing else on the page was taken for math.
  EXPECT_EQ(browser_.evaluate("document.querySelectorAll('.math').length"), 3);
  // Search results typeset a title's TeX as the lists do.
  ASSERT_TRUE(open("search.html?q=faster"));
  ASSERT_TRUE(browser_.wait_until(
      "document.querySelector('#search-results li .math .katex') !== null"))
      << browser_.evaluate("document.getElementById('search-results').innerHTML");
  EXPECT_EQ(browser_.evaluate("document.querySelector('#search-results li a').querySelector("
                              "'.math').dataset.typeset !== undefined"),
            true);
}

TEST_F(PaperBrowser, TheCopyButtonCopiesTheBibtexEntry) {
  ASSERT_NO_FATAL_FAILURE(serve(false));
  const std::string origin = session_->url().substr(0, session_->url().find('/', 7));
  json granted = browser_.browser_command(
      "Browser.grantPermissions",
      {{"permissions", {"clipboardReadWrite", "clipboardSanitizedWrite"}}, {"origin", origin}});
  ASSERT_FALSE(granted.contains("error")) << granted.dump();
  ASSERT_TRUE(open("abs/2501.00001.html"));
  const std::string button = "document.querySelector('button[data-copy=\"bibtex\"]')";
  ASSERT_EQ(browser_.evaluate(button + ".hidden"), false);  // copy.js showed it
  EXPECT_EQ(browser_.evaluate(button + ".textContent"), "Copy BibTeX");
  EXPECT_EQ(browser_.evaluate_async(button + ".click(); new Promise(done => setTimeout(done, 50))"
                                             ".then(() => 'clicked')"),
            "clicked");
  EXPECT_TRUE(browser_.wait_until(button + ".textContent === 'Copied'"));
  json copied = browser_.evaluate_async("navigator.clipboard.readText()");
  json file = browser_.evaluate_async("fetch('2501.00001.bib').then(r => r.text())");
  ASSERT_TRUE(file.is_string());
  EXPECT_TRUE(file.get<std::string>().starts_with("@misc{")) << file;
  EXPECT_EQ(copied, file);
}

// The first lines of each abstract with "Read more"; "Expand all abstracts" remembered across
// pages and reloads; without JavaScript, every abstract in full.
TEST_F(PaperBrowser, ListsShowTheFirstLinesOfAbstractsAndExpandAllIsRemembered) {
  ASSERT_NO_FATAL_FAILURE(serve(false));
  const std::string page = "papers/llm/2025_01/papers_1.html";
  ASSERT_TRUE(open(page));
  auto text = [](const char* id) {
    return "document.getElementById('abstract-" + std::string(id) + "')";
  };
  auto more = [&](const char* id) { return text(id) + ".nextElementSibling"; };
  auto clamped = [&](const char* id) {
    return text(id) + ".scrollHeight > " + text(id) + ".clientHeight + 1";
  };
  const std::string toggle = "document.querySelector('button.expand-all')";
  const std::string shown_buttons =
      "[...document.querySelectorAll('button.read-more')].filter(b => !b.hidden).length";
  EXPECT_EQ(browser_.evaluate("document.documentElement.classList.contains('abstracts-clamp')"),
            true);
  EXPECT_EQ(browser_.evaluate("localStorage.getItem('paperpress-expand-abstracts')"), nullptr);
  EXPECT_EQ(browser_.evaluate(toggle + ".hidden"), false);
  EXPECT_EQ(browser_.evaluate(toggle + ".getAttribute('aria-pressed')"), "false");
  // A long abstract is cut with a button to read on; a short one has none.
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003")), true);
  EXPECT_EQ(browser_.evaluate(more("2501.00003") + ".hidden"), false);
  EXPECT_EQ(browser_.evaluate(more("2501.00003") + ".textContent"), "Read more");
  EXPECT_EQ(browser_.evaluate(more("2501.00003") + ".getAttribute('aria-controls')"),
            "abstract-2501.00003");
  EXPECT_EQ(browser_.evaluate(more("2501.00002") + ".hidden"), true);
  EXPECT_EQ(browser_.evaluate(shown_buttons), 2);
  // Read more opens one abstract, Show less closes it.
  browser_.evaluate(more("2501.00003") + ".click()");
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003")), false);
  EXPECT_EQ(browser_.evaluate(clamped("2501.00004")), true);
  EXPECT_EQ(browser_.evaluate(more("2501.00003") + ".getAttribute('aria-expanded')"), "true");
  EXPECT_EQ(browser_.evaluate(more("2501.00003") + ".textContent"), "Show less");
  browser_.evaluate(more("2501.00003") + ".click()");
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003")), true);
  EXPECT_EQ(browser_.evaluate(more("2501.00003") + ".getAttribute('aria-expanded')"), "false");

  // Expand all: every abstract in full, no button needed, and so after a reload.
  browser_.evaluate(toggle + ".click()");
  auto all_open = [&] {
    return browser_.evaluate(toggle + ".getAttribute('aria-pressed') === 'true' && " +
                             "[...document.querySelectorAll('.paper-abstract-text')].every(t => "
                             "t.scrollHeight <= t.clientHeight + 1) && " +
                             shown_buttons + " === 0");
  };
  EXPECT_EQ(all_open(), true);
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003") + " || " + clamped("2501.00004")), false);
  EXPECT_EQ(browser_.evaluate("localStorage.getItem('paperpress-expand-abstracts')"), "1");
  browser_.evaluate("window.__before_reload = true");
  browser_.page_command("Page.reload", json::object());
  ASSERT_TRUE(
      browser_.wait_until("window.__before_reload === undefined && "
                          "document.readyState === 'complete'"));
  EXPECT_EQ(all_open(), true);
  // On the day pages too.
  ASSERT_TRUE(open("daily/llm/2025-01-03.html"));
  EXPECT_EQ(all_open(), true);
  // Turned off, the abstracts are cut again, and stay so after a reload.
  browser_.evaluate(toggle + ".click()");
  EXPECT_EQ(browser_.evaluate(toggle + ".getAttribute('aria-pressed')"), "false");
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003")), true);
  ASSERT_TRUE(open(page));
  EXPECT_EQ(browser_.evaluate(toggle + ".getAttribute('aria-pressed')"), "false");
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003")), true);
  EXPECT_EQ(browser_.evaluate(shown_buttons), 2);

  // Without JavaScript: every abstract in full, and no button that would do nothing.
  browser_.page_command("Emulation.setScriptExecutionDisabled", {{"value", true}});
  ASSERT_TRUE(browser_.open(session_->url() + "daily/llm/2025-01-03.html"));
  ASSERT_TRUE(open(page));
  EXPECT_EQ(browser_.evaluate("document.documentElement.className"), "");
  EXPECT_EQ(browser_.evaluate(clamped("2501.00003")), false);
  EXPECT_EQ(browser_.evaluate("document.querySelectorAll('button.read-more').length"), 0);
  EXPECT_EQ(browser_.evaluate(toggle + ".hidden"), true);
}

// --- The sample site with every kind of page: what a reader meets.

class SiteBrowser : public ThemeBrowser {
 protected:
  void SetUp() override {
    ThemeBrowser::SetUp();
    if (IsSkipped()) return;
    testing::make_sample_site(site_.path());
    ASSERT_FALSE(fs::exists(site_ / "sample-failed.txt")) << read_text(site_ / "sample-failed.txt");
    // A build of its own, to list the site's pages (the preview builds into its own folder).
    auto run = testing::run_paperpress({"--site", site_.path().string(), "-q", "build"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const fs::path out = site_ / "public";
    auto first = [](const fs::path& dir, auto keep) {
      std::vector<std::string> names;
      for (const auto& entry : fs::directory_iterator(dir))
        if (keep(entry)) names.push_back(entry.path().filename().string());
      std::sort(names.begin(), names.end());
      return names.empty() ? std::string() : names.front();
    };
    month_ = first(out / "papers/llm", [](const auto& e) { return e.is_directory(); });
    day_ = first(out / "daily/llm", [](const auto& e) {
      return e.path().extension() == ".html" && e.path().filename() != "index.html";
    });
    paper_ = first(out / "abs", [](const auto& e) { return e.path().extension() == ".html"; });
    ASSERT_FALSE(month_.empty() || day_.empty() || paper_.empty());
    const std::string id = paper_.substr(0, paper_.size() - 5);
    // A note on a paper and a digest: the content pages besides about.html.
    write_text(site_ / "content/notes" / (id + ".md"),
               "---\ntitle: Why this paper matters\n---\nIt reads **well**.\n");
    write_text(site_ / "content/digests/2025-01-31.md",
               "---\ntitle: Digest 2025-01-31\ndate: 2025-01-31\npapers: [" + id +
                   "]\n---\n## Overview\n\nOne paper stood out.\n\n## Top Papers\n\n### arXiv:" +
                   id + "\n\nCommentary on it.\n");
  }

  // Every kind of page of the site, as paths under its address.
  std::vector<std::string> page_kinds() const {
    return {"",
            "papers/",
            "papers/llm/",
            "papers/llm/" + month_ + "/",
            "papers/llm/" + month_ + "/papers_1.html",
            "daily/",
            "daily/llm/",
            "daily/llm/" + day_,
            "abs/" + paper_,
            "about.html",
            "notes/" + paper_,
            "digests/2025-01-31.html",
            "search.html",
            "404.html"};
  }

  std::string month_, day_, paper_;
};

// The violations of axe's rules on the open page with impact serious or critical, as text.
std::string serious_violations(Browser& browser) {
  json found = browser.evaluate_async(R"JS(axe.run(document, {resultTypes: ['violations']})
    .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                  nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                            summary: n.failureSummary}))}))))JS");
  if (!found.is_array()) return "axe.run failed: " + found.dump();
  std::ostringstream out;
  for (const json& v : found) {
    out << "  [" << v["impact"].get<std::string>() << "] " << v["id"].get<std::string>() << ": "
        << v["help"].get<std::string>() << " (" << v["url"].get<std::string>() << "), "
        << v["nodes"].size() << " elements\n";
    size_t shown = 0;
    for (const json& n : v["nodes"]) {
      if (++shown > 5) break;
      std::string html = n["html"].get<std::string>();
      if (html.size() > 200) html = html.substr(0, 200) + "…";
      out << "    " << n["target"].get<std::string>() << "\n      " << html << "\n      "
          << n["summary"].get<std::string>() << "\n";
    }
  }
  return out.str();
}

TEST_F(SiteBrowser, EveryPageKindPassesAxeInLightAndDarkMode) {
  const fs::path axe = axe_script();
  if (axe.empty())
    GTEST_SKIP() << "axe-core is not installed (scripts/setup.sh --tests, or npm install "
                 << "--prefix build/npm axe-core@4; or set PAPERPRESS_AXE_JS)";
  ASSERT_NO_FATAL_FAILURE(serve(has_debian_katex()));
  const std::string axe_js = read_text(axe);
  std::string report;
  std::string backgrounds;
  for (const std::string scheme : {"light", "dark"}) {
    color_scheme(scheme);
    for (const std::string& path : page_kinds()) {
      SCOPED_TRACE(scheme + " " + path);
      ASSERT_TRUE(open(path)) << browser_.evaluate("location.href");
      ASSERT_EQ(browser_.evaluate("matchMedia('(prefers-color-scheme: " + scheme + ")').matches"),
                true);
      browser_.evaluate(axe_js);
      ASSERT_EQ(browser_.evaluate("typeof axe.run"), "function");
      std::string found = serious_violations(browser_);
      if (!found.empty()) report += scheme + " mode, /" + path + ":\n" + found;
    }
    backgrounds += browser_.evaluate("getComputedStyle(document.body).backgroundColor").dump();
  }
  if (!report.empty())
    ADD_FAILURE() << "axe-core " << browser_.evaluate("axe.version").get<std::string>()
                  << " found serious or critical violations:\n"
                  << report;
  // Dark mode has a dark page, not a light one that passed twice.
  EXPECT_EQ(backgrounds, "\"rgb(253, 253, 252)\"\"rgb(18, 21, 27)\"");
}

// Keyboard focus: the first Tab shows the skip link, and every element Tab reaches has a focus
// ring of at least 2px with 3:1 contrast against the background around it, in both modes.
TEST_F(SiteBrowser, KeyboardFocusIsVisibleWithAContrastingRing) {
  ASSERT_NO_FATAL_FAILURE(serve(false));
  // The focused element's ring: {tag, text, width, ratio} (ratio of the outline's color to the
  // nearest opaque background outside the element).
  const std::string ring = R"JS((() => {
    const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
      .map(v => v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const el = document.activeElement, style = getComputedStyle(el);
    let bg = [255, 255, 255];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = rgb(getComputedStyle(p).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) { bg = c.slice(0, 3); break; }
    }
    const a = lum(rgb(style.outlineColor).slice(0, 3)), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const box = el.getBoundingClientRect();
    return {tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 40),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            ratio: Math.round(ratio * 100) / 100,
            visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0};
  })())JS";
  auto tab = [&] {
    for (const char* type : {"rawKeyDown", "keyUp"})
      browser_.page_command(
          "Input.dispatchKeyEvent",
          {{"type", type}, {"key", "Tab"}, {"code", "Tab"}, {"windowsVirtualKeyCode", 9}});
  };
  for (const std::string scheme : {"light", "dark"}) {
    color_scheme(scheme);
    for (const std::string& path : {std::string(""), "papers/llm/" + month_ + "/papers_1.html",
                                    "abs/" + paper_, std::string("search.html")}) {
      SCOPED_TRACE(scheme + " /" + path);
      ASSERT_TRUE(open(path));
      const bool autofocus = path == "search.html";  // its box has the focus already
      if (!autofocus) tab();
      json first = browser_.evaluate(ring);
      ASSERT_TRUE(first.is_object());
      EXPECT_EQ(first["text"], autofocus ? "" : "Skip to content") << first;
      EXPECT_EQ(first["visible"], true);
      std::string weak;  // elements whose ring is missing, thin or faint
      for (int i = 0; i < 60; ++i) {
        json now = browser_.evaluate(ring);
        ASSERT_TRUE(now.is_object());
        if (now["tag"] == "BODY") break;  // past the last element
        if (now["style"] == "none" || now["width"].get<double>() < 2 ||
            now["ratio"].get<double>() < 3)
          weak += now.dump() + "\n";
        tab();
      }
      EXPECT_EQ(weak, "");
    }
  }
  // The skip link leads to the main landmark.
  EXPECT_EQ(browser_.evaluate("document.querySelector('.skip-link').getAttribute('href') === "
                              "'#main' && document.querySelector('main#main') !== null"),
            true);
}

// The top navigation marks the topic of the page, and the site has its icon.
TEST_F(SiteBrowser, TheNavigationMarksTheCurrentTopic) {
  ASSERT_NO_FATAL_FAILURE(serve(false));
  const std::string current =
      "[...document.querySelectorAll('.site-nav [aria-current=\"page\"]')]"
      ".map(a => a.textContent).join()";
  for (const std::string& path : {std::string("papers/llm/"),
                                  "papers/llm/" + month_ + "/papers_1.html", "daily/llm/" + day_}) {
    ASSERT_TRUE(open(path));
    EXPECT_EQ(browser_.evaluate(current), "LLM") << path;
  }
  for (const std::string& path : {std::string(""), std::string("papers/"), "abs/" + paper_}) {
    ASSERT_TRUE(open(path));
    EXPECT_EQ(browser_.evaluate(current), "") << path;
  }
  EXPECT_EQ(browser_.evaluate_async("fetch(document.querySelector('link[rel=\"icon\"]').href)"
                                    ".then(r => r.ok && r.headers.get('content-type'))"),
            "image/svg+xml");
}

}  // namespace
}  // namespace paperpress
