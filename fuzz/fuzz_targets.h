// What each fuzz target does with one input, shared by the libFuzzer binaries (fuzz/*_fuzz.cc)
// and the regression test that replays fuzz/regressions/ (tests/fuzz_regression_test.cc).
// Each function feeds `input` to one reader, walks whatever it returns, and returns false only
// when a returned value breaks the reader's contract (an error without a message, a scan that
// claims more bytes than it was given). Crashes, hangs and sanitizer reports are the bugs the
// fuzzers look for; these functions only have to reach them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/content.h"
#include "paperpress/parse/atom.h"
#include "paperpress/parse/kaggle.h"
#include "paperpress/parse/oai.h"
#include "paperpress/render/template.h"
#include "paperpress/render/value.h"
#include "paperpress/store/paper_log.h"
#include "paperpress/store/paper_ref.h"
#include "paperpress/store/record_codec.h"

namespace paperpress::fuzz {

// Keeps a computed value alive so the walks below are not optimised away.
inline void consume(size_t n) {
  static volatile size_t sink = 0;
  sink = sink + n;
}

inline size_t paper_size(const Paper& paper) {
  size_t total = paper.id.size() + paper.title.size() + paper.abstract.size() +
                 paper.updated.size() + paper.published.size();
  for (const auto& author : paper.authors) total += author.size();
  for (const auto& category : paper.categories) total += category.size();
  return total;
}

inline bool parse_atom_input(std::string_view input) {
  auto feed = parse_atom(input);
  if (!feed) return !feed.error().message.empty();
  size_t total = 0;
  for (const auto& paper : feed->papers) total += paper_size(paper);
  for (const auto& warning : feed->warnings) total += warning.size();
  consume(total);
  return true;
}

inline bool parse_oai_input(std::string_view input) {
  auto page = parse_oai(input);
  if (!page) return !page.error().message.empty();
  size_t total = page->resumption_token.size();
  for (const auto& paper : page->papers) total += paper_size(paper);
  for (const auto& id : page->deleted_ids) total += id.size();
  consume(total);
  return true;
}

inline bool parse_kaggle_line_input(std::string_view input) {
  std::vector<std::string> warnings;
  auto paper = parse_kaggle_line(input, warnings);
  if (!paper) return !paper.error().message.empty();
  consume(paper_size(*paper) + warnings.size());
  return true;
}

inline bool config_parse_input(std::string_view input) {
  auto config = Config::parse(input, "site.toml");
  if (!config) return !config.error().message.empty();
  size_t total = config->title.size() + config->user_agent().size();
  for (const auto& topic : config->topics) total += topic.slug.size() + topic.keywords.size();
  consume(total);
  return true;
}

inline bool content_page_input(std::string_view input) {
  auto page = parse_content_page(input, "fuzz", "content/fuzz.md");
  if (!page) return !page.error().message.empty();
  consume(page->title.size() + page->html.size() + page->markdown.size());
  return true;
}

// The fixed tree templates render against: strings needing every escaping, lists, objects, an
// empty list, nested lists, true, false, null.
inline const Value& template_context() {
  static ViewArena* arena = new ViewArena();
  static const Value* root = [] {
    Value& page = arena->object();
    page.set("title", "A <b>title</b> & \"quotes\"")
        .set("count", 42)
        .set("empty", "")
        .set("yes", true)
        .set("no", false)
        .set_null("nothing");
    Value& site = page.object("site");
    site.set("title", "LLM papers").set("base_url", "https://example.org/x?a=1&b=2");
    Value& papers = page.list("papers");
    for (int i = 0; i < 3; ++i) {
      Value& p = papers.object();
      p.set("id", i == 0 ? "2501.00001" : "hep-th/9901001").set("title", "T | *x* [y](z)");
      p.list("authors").add("Ada").add("Bob").add("");
      p.object("topic").set("slug", "llm").set("name", "LLM");
    }
    page.list("empty_list");
    page.list("nested").list().list().add("deep");
    return &page;
  }();
  return *root;
}

// The first byte picks the template's default escaping, the rest is the template. It renders
// alone, then with itself registered as partials "self" and "paper" (reaching recursive
// partials), under lowered render limits.
inline bool template_input(std::string_view input) {
  if (input.empty()) return true;
  auto escape = static_cast<Escape>(static_cast<unsigned char>(input[0]) % 4);
  auto tmpl = Template::compile(input.substr(1), "fuzz.html", escape);
  if (!tmpl) return !tmpl.error().message.empty();
  RenderLimits limits;
  limits.max_depth = 50;
  limits.max_blocks = 20000;
  limits.max_output = size_t{1} << 20;
  std::string out;
  Status alone = tmpl->render(template_context(), out, nullptr, limits);
  if (!alone && alone.error().message.empty()) return false;
  consume(tmpl->partial_refs().size() + out.size());

  Partials partials;
  partials.add("self", *tmpl);
  partials.add("paper", *tmpl);
  Status checked = partials.check(*tmpl);
  if (!checked && checked.error().message.empty()) return false;
  out.clear();
  Status with_partials = tmpl->render(template_context(), out, &partials, limits);
  if (!with_partials && with_partials.error().message.empty()) return false;
  consume(out.size());
  return true;
}

// scan_log over the bytes, decoding each committed paper record with decode_paper.
inline bool scan_and_decode(std::string_view bytes) {
  size_t total = 0;
  auto scan = scan_log(bytes, [&](std::string_view payload, uint64_t) {
    auto ref = decode_paper(payload);
    if (!ref) return;
    total += ref->id().size() + ref->title().size() + static_cast<size_t>(ref->version() != 0);
    ref->for_each_author([&](std::string_view a) { total += a.size(); });
    ref->for_each_category([&](std::string_view c) { total += c.size(); });
    total += to_paper(*ref).authors.size();
  });
  consume(total);
  if (!scan) return !scan.error().message.empty();
  return scan->committed_bytes <= scan->total_bytes && scan->total_bytes == bytes.size();
}

// The raw bytes as a log, then the bytes framed into well-formed records (the raw bytes rarely
// pass the record checksums): split at 0xFF bytes, each piece a paper record's payload, a commit
// after each piece whose first byte is odd and at the end; and that log with a torn tail.
inline bool paper_log_input(std::string_view input) {
  bool ok = scan_and_decode(input);
  LogBatch batch;
  size_t start = 0;
  uint64_t seq = 0;
  while (start <= input.size()) {
    size_t end = input.find('\xff', start);
    if (end == std::string_view::npos) end = input.size();
    std::string_view piece = input.substr(start, end - start);
    batch.add_paper([&](std::string& out) { out.append(piece); });
    if (!piece.empty() && (piece[0] & 1))
      batch.add_commit(++seq, piece[0] & 2 ? CommitKind::kComplete : CommitKind::kPartial);
    start = end + 1;
  }
  batch.add_commit(++seq, CommitKind::kComplete);
  std::string log(kLogMagic);
  log += batch.bytes();
  ok = scan_and_decode(log) && ok;
  ok = scan_and_decode(std::string_view(log).substr(0, log.size() - 1)) && ok;
  return ok;
}

}  // namespace paperpress::fuzz
