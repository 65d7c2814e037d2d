// paperpress serve in a real browser: headless Chromium, driven over the DevTools protocol on
// a pipe (--remote-debugging-pipe: NUL-terminated JSON on fds 3 and 4, no WebSocket needed),
// loads the preview, follows links, and reloads by itself when the site changes or shows a
// build error over the page. Skipped when /usr/bin/chromium is not installed.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "browser_support.h"
#include "paperpress/serve/reload_script.h"
#include "paperpress/serve/serve_session.h"
#include "serve_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::kPatience;
using testing::TempDir;

// `paperpress serve` of the site in `site` on a free port of 127.0.0.1, looking for changes
// every `poll`.
Result<std::unique_ptr<ServeSession>> serve_site(const fs::path& site,
                                                 std::chrono::milliseconds poll) {
  ServeOptions options;
  options.site_dir = site;
  options.server.port = 0;
  options.poll_interval = poll;
  return ServeSession::start(options, nullptr);
}

class BrowserPreview : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(kChromium, X_OK) != 0)
      GTEST_SKIP() << kChromium << " is not installed (Debian package chromium): skipping the "
                   << "browser tests";
    ::signal(SIGPIPE, SIG_IGN);
    testing::make_sample_site(site_.path());
    auto session = serve_site(site_.path(), std::chrono::milliseconds(50));
    ASSERT_TRUE(session) << session.error().message;
    session_ = std::move(*session);
    std::string error = browser_.launch();
    ASSERT_EQ(error, "") << browser_.stderr_tail();
  }
  void TearDown() override {
    if (session_) session_->stop();
  }

  TempDir site_;
  std::unique_ptr<ServeSession> session_;
  Browser browser_;
};

TEST_F(BrowserPreview, RendersTheSiteAndFollowsItsLinks) {
  std::string home = session_->url();  // http://127.0.0.1:PORT/test/
  ASSERT_TRUE(browser_.open(home)) << browser_.stderr_tail();
  EXPECT_EQ(browser_.evaluate("document.title"), "Test archive");
  EXPECT_EQ(browser_.evaluate("document.querySelector('.brand').textContent"), "Test archive");
  // The stylesheet loaded and applies.
  EXPECT_EQ(browser_.evaluate("document.styleSheets.length > 0 && "
                              "document.styleSheets[0].cssRules.length > 0"),
            true);

  EXPECT_EQ(browser_.evaluate("[...document.querySelectorAll('a')]"
                              ".find(a => a.textContent.trim() === 'Papers').click(); true"),
            true);
  EXPECT_TRUE(
      browser_.wait_until("location.pathname === '/test/papers/' && "
                          "document.readyState === 'complete'"));
  EXPECT_EQ(browser_.evaluate("document.title.startsWith('Papers')"), true)
      << browser_.evaluate("document.title").dump();

  ASSERT_TRUE(browser_.open(home + "about.html"));
  EXPECT_EQ(
      browser_.evaluate("document.body.innerText.includes('The first version of this page.')"),
      true);
  EXPECT_EQ(browser_.evaluate("document.querySelectorAll('script[data-paperpress]').length"), 1);
}

TEST_F(BrowserPreview, ReloadsTheOpenPageWhenContentChanges) {
  ASSERT_TRUE(browser_.open(session_->url() + "about.html"));
  // Set on this page load only: gone once the page has reloaded.
  EXPECT_EQ(browser_.evaluate("window.__before_edit = true"), true);
  testing::replace_text(site_ / "content" / "about.md",
                        "---\ntitle: About this archive\n---\nEdited while the page was open.\n");
  EXPECT_TRUE(browser_.wait_until(
      "window.__before_edit === undefined && document.readyState === 'complete' && "
      "document.body.innerText.includes('Edited while the page was open.')"));
}

// A reader clicks from page to page: each page left waits in the back/forward cache, and must
// not keep its reload stream open there (a browser has six connections a host; the seventh
// page would wait a minute). Fifteen pages in a row each load in seconds, and going back to a
// cached page still reloads it when the site changes.
TEST_F(BrowserPreview, ManyPagesInARowEachLoadPromptly) {
  ASSERT_TRUE(browser_.open(session_->url()));
  json links = browser_.evaluate(
      "[...new Set([...document.querySelectorAll('a[href]')].map(a => a.href.split('#')[0])"
      ".filter(h => h.startsWith(location.origin) && h !== location.href))]");
  ASSERT_TRUE(links.is_array()) << links.dump();
  ASSERT_GE(links.size(), 4u) << links.dump();
  for (size_t i = 0; i < 15; ++i) {
    const std::string url = links[i % links.size()];
    const auto start = std::chrono::steady_clock::now();
    // A click, as a reader's: the page before goes into the back/forward cache.
    browser_.evaluate(
        "(() => { const a = document.createElement('a'); a.href = " + json(url).dump() +
        "; document.body.appendChild(a); a.click(); return true; })()");
    ASSERT_TRUE(browser_.wait_until("location.href === " + json(url).dump() +
                                    " && document.readyState === 'complete'"))
        << "page " << i << ": " << url;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << url;
  }
  browser_.evaluate("history.back(); true");
  ASSERT_TRUE(browser_.wait_until("document.readyState === 'complete'"));
  EXPECT_EQ(browser_.evaluate("window.__restored = true"), true);
  testing::replace_text(site_ / "content" / "about.md",
                        "---\ntitle: About this archive\n---\nEdited after going back.\n");
  EXPECT_TRUE(
      browser_.wait_until("window.__restored === undefined && "
                          "document.readyState === 'complete'"));
}

TEST_F(BrowserPreview, ShowsABuildErrorOverThePageAndReloadsOnceFixed) {
  ASSERT_TRUE(browser_.open(session_->url() + "about.html"));
  EXPECT_EQ(browser_.evaluate("window.__before_error = true"), true);
  std::string good = testing::read_text(site_ / "site.toml");
  testing::replace_text(site_ / "site.toml", good + "titel = \"typo\"\n");
  std::string overlay = "document.getElementById('" + std::string(kErrorOverlayId) + "')";
  EXPECT_TRUE(
      browser_.wait_until(overlay + " !== null && " + overlay + ".textContent.includes('titel')"));
  // The last good build is still the page underneath.
  EXPECT_EQ(browser_.evaluate("window.__before_error === true && "
                              "document.body.innerText.includes('The first version')"),
            true);
  testing::replace_text(site_ / "site.toml", good);
  EXPECT_TRUE(browser_.wait_until("window.__before_error === undefined && " + overlay +
                                  " === null && document.readyState === 'complete'"));
}

// The search page of the sample site under its sub-path: "/" focuses the box, results appear
// while typing a paper's title, its author's name or its id, the query is in the address, and a
// result leads to the paper's own page.
TEST_F(BrowserPreview, SearchFindsAPaperAsYouTypeAndLeadsToIt) {
  std::string home = session_->url();
  ASSERT_TRUE(browser_.open(home));
  EXPECT_EQ(browser_.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: '/'}));"
                              "document.activeElement.id"),
            "site-search-q");
  ASSERT_TRUE(browser_.open(home + "search.html"));
  // A paper of the index: the newest document's record.
  browser_.evaluate(
      "window.__rec = null; fetch('search/manifest.json').then(r => r.json()).then(m => "
      "fetch('search/' + m.dir + 'd/' + Math.floor((m.docs - 1) / m.doc_shard) + '.json')"
      ".then(r => r.json()).then(d => { window.__rec = d[(m.docs - 1) % m.doc_shard]; }))");
  ASSERT_TRUE(browser_.wait_until("window.__rec !== null"));
  const std::string id = browser_.evaluate("window.__rec[0]").get<std::string>();
  const std::string title = browser_.evaluate("window.__rec[2]").get<std::string>();
  const std::string author = browser_.evaluate("window.__rec[3][0]").get<std::string>();
  const std::string first = "(document.querySelector('#search-results li') || {dataset: {}})";
  // Typed a few characters at a time, as a reader types.
  auto type = [&](const std::string& text) {
    for (size_t n = 3; n < text.size() + 3; n += 3)
      browser_.evaluate("(() => { const b = document.getElementById('search-q'); b.value = " +
                        json(text.substr(0, std::min(n, text.size()))).dump() +
                        "; b.dispatchEvent(new Event('input')); })()");
    return browser_.wait_until(
        "document.getElementById('search-results').dataset.query === " + json(text).dump() +
        " && " + first + ".dataset.arxivId === " + json(id).dump());
  };
  EXPECT_TRUE(type(title)) << browser_.evaluate(first + ".textContent").dump() << " for " << title;
  EXPECT_EQ(browser_.evaluate("new URLSearchParams(location.search).get('q')"), title);
  EXPECT_EQ(browser_.evaluate(first + ".querySelector('h2').textContent"), title);
  EXPECT_EQ(browser_.evaluate(first + ".textContent.includes(" + json(author).dump() + ")"), true);
  EXPECT_TRUE(type(id + "v1"));
  EXPECT_EQ(browser_.evaluate("document.querySelectorAll('#search-results li').length"), 1);
  // An author's full name lists that author's papers first.
  EXPECT_TRUE(browser_.wait_until(
      "(() => { const b = document.getElementById('search-q'); b.value = " + json(author).dump() +
      "; b.dispatchEvent(new Event('input')); return true; })() && "
      "document.getElementById('search-results').dataset.query === " +
      json(author).dump()));
  EXPECT_EQ(browser_.evaluate("(() => { const by = [...document.querySelectorAll('#search-results "
                              "li')].map(li => li.querySelector('.paper-authors').textContent"
                              ".includes(" +
                              json(author).dump() +
                              ")); "
                              "return by[0] && by.indexOf(false) < 0 || "
                              "by.slice(by.indexOf(false)).every(b => !b); })()"),
            true);

  // A shared address gives the same results; the result's link leads to the paper.
  ASSERT_TRUE(browser_.open(home + "search.html?q=" + id));
  ASSERT_TRUE(browser_.wait_until(first + ".dataset.arxivId === " + json(id).dump()));
  browser_.evaluate(first + ".querySelector('a').click()");
  EXPECT_TRUE(
      browser_.wait_until("location.pathname === " + json("/test/abs/" + id + ".html").dump() +
                          " && document.readyState === 'complete' && "
                          "document.querySelector('[data-arxiv-id]').dataset.arxivId === " +
                          json(id).dump()))
      << browser_.evaluate("location.href").dump();
}

// A site.toml of one topic, "llm", for a test to store its own papers under.
void write_one_topic_site(const fs::path& dir, const std::string& base_url,
                          const std::string& more_toml = "") {
  testing::write_text(dir / "site.toml", "title = \"Search\"\nbase_url = \"" + base_url + R"("
[archive]
since = "2025-01-01"
[[topics]]
slug = "llm"
name = "LLM"
keywords = ["LLM"]
)" + more_toml);
}

// An author of 2,000 papers (their records spread over 63 document shards): the search shows
// the 20 newest and reads the records of those 20 alone, not all 2,000; "More results" shows
// and reads the next 20. The index is in six segments (blocks of 64 documents), so the author's
// papers are found in each and the newest come first all the same.
TEST(BrowserSearch, AnAuthorOfThousandsOfPapersReadsOnlyAPageOfRecords) {
  if (::access(kChromium, X_OK) != 0) GTEST_SKIP() << kChromium << " is not installed";
  ::signal(SIGPIPE, SIG_IGN);
  TempDir site;
  write_one_topic_site(site.path(), "https://example.org/many",
                       "[search]\nsegment_documents = 64\n");
  std::vector<Paper> papers;
  for (int n = 1; n <= 2000; ++n) {
    char day[32];
    std::snprintf(day, sizeof day, "2025-%02d-%02dT10:00:00Z", 1 + (n / 28) % 12, 1 + n % 28);
    papers.push_back(testing::test_paper(n, day));  // every one by Ada Lovelace
  }
  testing::store_papers(site.path(), papers, 1);
  auto session = serve_site(site.path(), std::chrono::milliseconds(1000));
  ASSERT_TRUE(session) << session.error().message;
  Browser browser;
  ASSERT_EQ(browser.launch(), "");
  ASSERT_TRUE(browser.open((*session)->url() + "search.html?q=Ada+Lovelace"));
  const std::string list = "document.getElementById('search-results')";
  ASSERT_TRUE(browser.wait_until(list + ".dataset.query === 'Ada Lovelace'"))
      << browser.evaluate("document.getElementById('search-status').textContent").dump();
  EXPECT_EQ(browser.evaluate(list + ".querySelectorAll('li').length"), 10);
  EXPECT_EQ(browser.evaluate("[..." + list +
                             ".querySelectorAll('.paper-authors')].every(p => "
                             "p.textContent.includes('Ada Lovelace'))"),
            true);
  // Newest first across the segments: the newest paper is of 2025-12-28.
  EXPECT_EQ(
      browser.evaluate("[..." + list +
                       ".querySelectorAll('time')].map(t => t.textContent)"
                       ".every((d, i, all) => i === 0 ? d === '2025-12-28' : d <= all[i - 1])"),
      true)
      << browser.evaluate("[..." + list + ".querySelectorAll('time')].map(t => t.textContent)");
  const std::string shards_read =
      "new Set(performance.getEntriesByType('resource').map(e => e.name)"
      ".filter(n => n.includes('/search/v4/d/'))).size";
  const int first_page = browser.evaluate(shards_read).get<int>();
  EXPECT_GE(first_page, 1);
  EXPECT_LE(first_page, 10);
  EXPECT_EQ(browser.evaluate("document.getElementById('search-more').hidden"), false);
  browser.evaluate("document.getElementById('search-more').click(); true");
  EXPECT_TRUE(browser.wait_until(list + ".querySelectorAll('li').length === 20"));
  EXPECT_LE(browser.evaluate(shards_read).get<int>(), 20);
  (*session)->stop();
}

// Papers 1 … n of the test helper, spread over days of March 2025.
std::vector<Paper> march_papers(int n) {
  std::vector<Paper> papers;
  for (int i = 1; i <= n; ++i)
    papers.push_back(
        testing::test_paper(i, "2025-03-" + std::to_string(10 + i % 18) + "T10:00:00Z"));
  return papers;
}

// Exact matches are shown before the words' shards are in: served by a static server that
// holds every term shard until the test lets them go, an author's name lists that author's
// papers at once (the status saying more are being looked for), and the whole results, the
// same papers first, follow when the term shards arrive.
TEST(BrowserSearch, ExactMatchesShowBeforeTheWordsShards) {
  if (::access(kChromium, X_OK) != 0) GTEST_SKIP() << kChromium << " is not installed";
  ::signal(SIGPIPE, SIG_IGN);
  TempDir site;
  write_one_topic_site(site.path(), "https://example.org");
  testing::store_papers(site.path(), march_papers(30), 1);
  auto built = testing::run_paperpress({"--site", site.path().string(), "build"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  httplib::Server server;
  std::atomic<bool> hold{true};
  std::atomic<int> held{0};
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response&) {
    if (req.path.find("/t/") != std::string::npos) {
      ++held;
      while (hold) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  ASSERT_TRUE(server.set_mount_point("/", (site.path() / "public").string()));
  const int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread serving([&] { server.listen_after_bind(); });
  struct Stop {
    httplib::Server& server;
    std::atomic<bool>& hold;
    std::thread& serving;
    ~Stop() {
      hold = false;
      server.stop();
      serving.join();
    }
  } stop{server, hold, serving};

  Browser browser;
  ASSERT_EQ(browser.launch(), "");
  ASSERT_TRUE(
      browser.open("http://127.0.0.1:" + std::to_string(port) + "/search.html?q=Ada+Lovelace"));
  const std::string list = "document.getElementById('search-results')";
  const std::string status = "document.getElementById('search-status').textContent";
  ASSERT_TRUE(browser.wait_until(list + ".dataset.shown === 'Ada Lovelace'"))
      << browser.evaluate(status).dump();
  EXPECT_GT(held.load(), 0);
  EXPECT_NE(browser.evaluate(list + ".dataset.query"), "Ada Lovelace");
  EXPECT_EQ(browser.evaluate(status), "10 exact matches for “Ada Lovelace”; looking for more…");
  EXPECT_EQ(browser.evaluate(list + ".querySelectorAll('li').length"), 10);
  EXPECT_EQ(browser.evaluate("[..." + list +
                             ".querySelectorAll('.paper-authors')].every(p => "
                             "p.textContent.includes('Ada Lovelace'))"),
            true);
  const json first_ids =
      browser.evaluate("[..." + list + ".querySelectorAll('li')].map(li => li.dataset.arxivId)");

  hold = false;
  ASSERT_TRUE(browser.wait_until(list + ".dataset.query === 'Ada Lovelace'"))
      << browser.evaluate(status).dump();
  EXPECT_EQ(browser.evaluate(status), "The best 10 results for “Ada Lovelace”.");
  EXPECT_EQ(
      browser.evaluate("[..." + list + ".querySelectorAll('li')].map(li => li.dataset.arxivId)"),
      first_ids);
}

// A word in more than a quarter of the papers, beside a rarer one, is not read from the
// postings: "study" is in all 300 papers (its postings in chunks of their own), "zebra" in 5
// (inline in its dictionary entry), so "zebra study" lists the 5 and reads no chunk.
TEST(BrowserSearch, ACommonWordBesideARareOneReadsNoChunks) {
  if (::access(kChromium, X_OK) != 0) GTEST_SKIP() << kChromium << " is not installed";
  ::signal(SIGPIPE, SIG_IGN);
  TempDir site;
  write_one_topic_site(site.path(), "https://example.org");
  std::vector<Paper> papers = march_papers(300);
  for (int n = 60; n <= 300; n += 60) papers[n - 1].abstract += " A zebra crossing.";
  testing::store_papers(site.path(), papers, 1);
  auto session = serve_site(site.path(), std::chrono::milliseconds(1000));
  ASSERT_TRUE(session) << session.error().message;
  Browser browser;
  ASSERT_EQ(browser.launch(), "");
  const std::string list = "document.getElementById('search-results')";
  auto chunks_read = [&] {
    return browser
        .evaluate(
            "performance.getEntriesByType('resource').filter(e => "
            "/\\/search\\/v4\\/s[0-9]+\\/p\\//.test(e.name)).length")
        .get<int>();
  };
  ASSERT_TRUE(browser.open((*session)->url() + "search.html?q=zebra+study"));
  ASSERT_TRUE(browser.wait_until(list + ".dataset.query === 'zebra study'"));
  EXPECT_EQ(browser.evaluate(list + ".querySelectorAll('li').length"), 5);
  EXPECT_EQ(chunks_read(), 0);
  // Alone, the common word is read: its chunks are its results.
  ASSERT_TRUE(browser.open((*session)->url() + "search.html?q=study"));
  ASSERT_TRUE(browser.wait_until(list + ".dataset.query === 'study'"));
  EXPECT_EQ(browser.evaluate(list + ".querySelectorAll('li').length"), 10);
  EXPECT_GT(chunks_read(), 0);
  (*session)->stop();
}

// A record keeps a paper's first 10 authors: an author found by name further down the list is
// named in the result, so that the reader sees why the paper came up.
TEST(BrowserSearch, AnAuthorBeyondTheFirstTenIsNamedInTheResult) {
  if (::access(kChromium, X_OK) != 0) GTEST_SKIP() << kChromium << " is not installed";
  ::signal(SIGPIPE, SIG_IGN);
  TempDir site;
  write_one_topic_site(site.path(), "https://example.org");
  Paper p = testing::test_paper(1, "2025-03-01T10:00:00Z");
  p.authors.clear();
  for (int i = 1; i <= 14; ++i) p.authors.push_back("Author Number" + std::to_string(i));
  p.authors[12] = "Grace Hopper";
  testing::store_papers(site.path(), {p}, 1);
  auto session = serve_site(site.path(), std::chrono::milliseconds(1000));
  ASSERT_TRUE(session) << session.error().message;
  Browser browser;
  ASSERT_EQ(browser.launch(), "");
  const std::string list = "document.getElementById('search-results')";
  auto authors_for = [&](const std::string& q, const std::string& url_q) {
    EXPECT_TRUE(browser.open((*session)->url() + "search.html?q=" + url_q));
    EXPECT_TRUE(browser.wait_until(list + ".dataset.query === " + json(q).dump()));
    return browser.evaluate(list + ".querySelector('.paper-authors').textContent")
        .get<std::string>();
  };
  const std::string hopper = authors_for("Grace Hopper", "Grace+Hopper");
  EXPECT_TRUE(hopper.ends_with("Author Number10, et al., including Grace Hopper")) << hopper;
  // Among the first ten, the name is shown where it stands, and not again.
  const std::string second = authors_for("Author Number2", "Author+Number2");
  EXPECT_EQ(second.find("including"), std::string::npos) << second;
  EXPECT_NE(second.find("Author Number2,"), std::string::npos) << second;
  // Named as the name keys allow (an initial for the first name): the same author, not again.
  const std::string initial = authors_for("A. Number2", "A.+Number2");
  EXPECT_EQ(initial.find("including"), std::string::npos) << initial;
  (*session)->stop();
}

// Opened where the index cannot be fetched (a file:// page), the search page says so.
TEST_F(BrowserPreview, SearchSaysWhenTheIndexCannotBeLoaded) {
  ASSERT_TRUE(browser_.open(session_->url() + "search.html"));
  std::string html = browser_.evaluate("document.documentElement.outerHTML").get<std::string>();
  TempDir dir;
  testing::write_text(dir / "search.html", html);
  fs::create_directories(dir / "assets");
  fs::copy_file(fs::path(PAPERPRESS_SOURCE_DIR) / "themes/default/static/assets/search.js",
                dir / "assets/search.js");
  ASSERT_TRUE(browser_.open("file://" + (dir / "search.html").string() + "?q=model"));
  EXPECT_TRUE(browser_.wait_until(
      "document.getElementById('search-status').textContent.includes('could not be loaded')"))
      << browser_.evaluate("document.getElementById('search-status').textContent").dump();
}

// The search benchmark of scripts/bench.sh, run only when PAPERPRESS_SEARCH_BENCH names a built
// site folder: serves it, measures quality on 1,000 random papers (exact title first, id
// first, an author's name first), then times 100 typical queries, each the first of a fresh
// page with the browser's cache off (a title, two title words, an author, an id, a category and
// a word: time from the input event to the first results shown (the exact matches, shown
// before the rest, or else the whole results) and to the whole results; bytes of the index's
// files fetched for that query, the manifest the page loaded before it not counted). Prints
// one line, then the medians by kind and the slowest query's fetches.
constexpr const char* kQueryKinds[] = {"title", "title_words", "author", "id", "category_word"};

TEST(SearchBench, TypicalQueriesAndQuality) {
  const char* site = std::getenv("PAPERPRESS_SEARCH_BENCH");
  if (!site || ::access(kChromium, X_OK) != 0) GTEST_SKIP() << "PAPERPRESS_SEARCH_BENCH not set";
  ::signal(SIGPIPE, SIG_IGN);
  auto session = serve_site(site, std::chrono::milliseconds(1000));
  ASSERT_TRUE(session) << session.error().message;
  Browser browser;
  ASSERT_EQ(browser.launch(), "");
  const std::string page = (*session)->url() + "search.html";
  ASSERT_TRUE(browser.open(page));
  // 1,000 random documents' records (fixed seed), fetched once.
  browser.evaluate(R"JS(window.__docs = null; (async () => {
    const m = await (await fetch('search/manifest.json')).json();
    let seed = 12345; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const docs = [];
    for (let i = 0; i < 1000; i++) {
      const d = Math.floor(rnd() * m.docs);
      const s = await (await fetch('search/' + m.dir + 'd/' + Math.floor(d / m.doc_shard) + '.json')).json();
      docs.push(s[d % m.doc_shard]);
    }
    window.__docs = docs;
  })())JS");
  ASSERT_TRUE(browser.wait_until("window.__docs !== null"));
  // Types `q` at once and waits for its results: {ms, first id, first authors}.
  const std::string search = R"JS(window.__search = (q) => new Promise(done => {
    const list = document.getElementById('search-results'), box = document.getElementById('search-q');
    const t0 = performance.now();
    let first = null, partial = false;  // when the first results were shown; exact matches only?
    const obs = new MutationObserver(() => {
      if (first === null && (list.dataset.shown === q || list.dataset.query === q)) {
        first = performance.now() - t0;
        partial = list.dataset.query !== q;
      }
      if (list.dataset.query !== q) return;
      obs.disconnect();
      const li = list.querySelector('li');
      done({ms: first, full_ms: performance.now() - t0, partial: partial, t0: t0, id: li ? li.dataset.arxivId : null,
            title: li ? li.querySelector('h2').textContent : null,
            authors: li && li.querySelector('.paper-authors') ? li.querySelector('.paper-authors').textContent : ''});
    });
    obs.observe(list, {attributes: true, childList: true});
    box.value = q; box.dispatchEvent(new Event('input'));
  }))JS";
  auto ready = [&] {
    browser.evaluate(search);
    return browser.wait_until("document.getElementById('search-status').textContent === ''");
  };
  ASSERT_TRUE(ready());
  const bool quality_too = std::getenv("PAPERPRESS_SEARCH_BENCH_QUICK") == nullptr;
  if (quality_too)
    browser.evaluate(R"JS(window.__quality = null; (async () => {
    let title = 0, same_title = 0, id = 0, author = 0;
    const misses = [];  // the first few, with what came first instead
    const miss = (kind, q, got) => {
      if (misses.length < 6) misses.push(kind + ' ' + JSON.stringify(q) + ' → ' + got.id + ' ' + JSON.stringify(got.authors));
    };
    for (const r of window.__docs) {
      const got = await window.__search(r[2]);
      if (got.id === r[0]) title++;
      if (got.id === r[0] || got.title === r[2]) same_title++; else miss('title', r[2], got);
      const byId = await window.__search(r[0]);
      if (byId.id === r[0]) id++; else miss('id', r[0], byId);
    }
    for (const r of window.__docs.slice(0, 200)) {
      if (!r[3].length) { author++; continue; }
      const got = await window.__search(r[3][0]);
      if (got.authors.includes(r[3][0])) author++; else miss('author', r[3][0], got);
    }
    window.__quality = {title, same_title, id, author, misses};
  })())JS");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(20);
  while (quality_too && browser.evaluate("window.__quality !== null") != true &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  json quality = quality_too ? browser.evaluate("window.__quality")
                             : json{{"title", -1}, {"same_title", -1}, {"id", -1}, {"author", -1}};
  ASSERT_TRUE(quality.is_object());
  // 100 typical queries, each in a fresh page that fetches every file it needs.
  json docs = browser.evaluate("window.__docs.slice(0, 100)");
  browser.page_command("Network.enable", json::object());
  browser.page_command("Network.setCacheDisabled", {{"cacheDisabled", true}});
  std::vector<double> ms, full_ms, kb;  // first results shown, whole results shown, bytes
  std::vector<size_t> kinds;            // which of the five kinds of query each was
  std::string slowest;                  // the slowest query and the files it fetched, when
  for (size_t i = 0; i < docs.size(); ++i) {
    const json& r = docs[i];
    std::vector<std::string> title_words;
    std::string t = r[2].get<std::string>(), w;
    for (char c : t + " ") {
      if (c == ' ') {
        if (w.size() > 3) title_words.push_back(w);
        w.clear();
      } else if (std::isalnum(static_cast<unsigned char>(c))) {
        w += c;
      }
    }
    std::string q;
    switch (i % 5) {
      case 0:
        q = t;
        break;
      case 1:
        q = title_words.size() >= 2 ? title_words[0] + " " + title_words[1] : t;
        break;
      case 2:
        q = r[3].empty() ? t : r[3][0].get<std::string>();
        break;
      case 3:
        q = r[0].get<std::string>();
        break;
      default: {
        std::string cats = r[6].get<std::string>();
        q = cats.substr(0, cats.find(' ')) + (title_words.empty() ? "" : " " + title_words[0]);
      }
    }
    ASSERT_TRUE(browser.open(page));
    ASSERT_TRUE(ready());
    browser.evaluate(
        "performance.clearResourceTimings(); window.__got = null; "
        "window.__search(" +
        json(q).dump() + ").then(g => window.__got = g)");
    ASSERT_TRUE(browser.wait_until("window.__got !== null"))
        << q << ": " << browser.evaluate("document.getElementById('search-status').textContent")
        << browser.evaluate(
               "[document.getElementById('search-results').dataset.query, "
               "document.getElementById('search-q').value, typeof window.__search, "
               "location.href, performance.getEntriesByType('resource').length]");
    ms.push_back(browser.evaluate("window.__got.ms").get<double>());
    full_ms.push_back(browser.evaluate("window.__got.full_ms").get<double>());
    if (ms.back() >= *std::max_element(ms.begin(), ms.end()))
      slowest = json(q).dump() + " " + std::to_string(static_cast<int>(ms.back())) + " ms (" +
                (browser.evaluate("window.__got.partial") == true ? "exact matches" : "whole") +
                "; whole " + std::to_string(static_cast<int>(full_ms.back())) + " ms):" +
                browser
                    .evaluate(
                        "performance.getEntriesByType('resource').filter(e => "
                        "e.name.includes('/search/')).map(e => ' ' + "
                        "e.name.slice(e.name.indexOf('/search/') + 8) + ' ' + "
                        "Math.round(e.startTime - window.__got.t0) + '-' + "
                        "Math.round(e.responseEnd - window.__got.t0)).join('')")
                    .get<std::string>();
    kinds.push_back(i % 5);
    kb.push_back(browser
                     .evaluate("performance.getEntriesByType('resource').filter(e => "
                               "e.name.includes('/search/'))"
                               ".reduce((s, e) => s + (e.encodedBodySize || 0), 0) / 1000")
                     .get<double>());
  }
  (*session)->stop();
  auto stat = [](std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))];
  };
  std::printf(
      "SEARCH-BENCH queries=%zu median_ms=%.1f worst_ms=%.1f whole_median_ms=%.1f "
      "whole_worst_ms=%.1f median_kb=%.1f worst_kb=%.1f "
      "title_first=%d/1000 title_first_same_title=%d/1000 id_first=%d/1000 "
      "author_first=%d/200\n",
      ms.size(), stat(ms, 0.5), stat(ms, 1.0), stat(full_ms, 0.5), stat(full_ms, 1.0),
      stat(kb, 0.5), stat(kb, 1.0), quality["title"].get<int>(), quality["same_title"].get<int>(),
      quality["id"].get<int>(), quality["author"].get<int>());
  // The median of each kind: a title, two title words, an author, an id, a category and a word.
  // First results, then the whole: "title=80.1/150.2".
  std::printf("SEARCH-BENCH-KINDS");
  for (size_t k = 0; k < 5; ++k) {
    std::vector<double> of_kind, whole_of_kind;
    for (size_t i = 0; i < ms.size(); ++i)
      if (kinds[i] == k) of_kind.push_back(ms[i]), whole_of_kind.push_back(full_ms[i]);
    if (!of_kind.empty())
      std::printf(" %s=%.1f/%.1f", kQueryKinds[k], stat(of_kind, 0.5), stat(whole_of_kind, 0.5));
  }
  std::printf("\n");
  // Which files it waited for, from typing: "v4/s0/t/12.json 3-25" (start-end, ms).
  std::printf("SEARCH-BENCH-SLOWEST %s\n", slowest.c_str());
  if (quality.contains("misses"))
    for (const json& m : quality["misses"])
      std::printf("SEARCH-BENCH-MISS %s\n", m.get<std::string>().c_str());
}

}  // namespace
}  // namespace paperpress
