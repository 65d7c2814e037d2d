#include "paperpress/digest/digest_run.h"

#include "paperpress/digest/digest_builder.h"
#include "paperpress/digest/digest_file.h"
#include "paperpress/digest/prompts.h"
#include "paperpress/digest/response_cache.h"
#include "paperpress/model/untrusted_markdown.h"
#include "paperpress/render/escape.h"
#include "paperpress/util/fs.h"

namespace paperpress {

namespace {

struct Answer {
  std::optional<std::string> text;  // the answer, when there is one
  Error error;
};

class Asker {
 public:
  Asker(const Config& config, ChatClient* chat, DigestReport& report)
      : config_(config), chat_(chat), report_(report), cache_(config.cache_path() / "digest") {}

  bool cached(const std::string& body) const { return cache_.find(chat_->url(), body).has_value(); }

  // The answer to `prompt`, from the cache or the model.
  Answer ask(const std::string& prompt) {
    std::string body = chat_request_body(config_.digest, kDigestSystemPrompt, prompt);
    if (auto hit = cache_.find(chat_->url(), body)) {
      auto text = parse_chat_answer(*hit);
      if (text) {
        ++report_.answers_cached;
        return Answer{std::move(*text), {}};
      }
    }
    ++report_.requests_sent;
    auto raw = chat_->send(body);
    if (!raw) return Answer{std::nullopt, raw.error()};
    auto text = parse_chat_answer(*raw);
    if (!text) return Answer{std::nullopt, text.error()};
    if (Status s = cache_.store(chat_->url(), body, *raw); !s)
      return Answer{std::nullopt, s.error()};
    return Answer{std::move(*text), {}};
  }

  std::string body(const std::string& prompt) const {
    return chat_request_body(config_.digest, kDigestSystemPrompt, prompt);
  }

 private:
  const Config& config_;
  ChatClient* chat_;
  DigestReport& report_;
  ResponseCache cache_;
};

std::string model_text(const std::string& answer) {
  return sanitize_untrusted_markdown(answer);
}

std::string escaped(std::string_view text) {
  std::string out;
  escape_markdown(out, text);
  return out;
}

Status dry_run(const Config& config, const DigestInput& input, const std::string& file,
               ChatClient* chat, const DigestPrompts* prompts, const DigestOutput& out) {
  out.dry_run(file + ": " + std::to_string(input.selection.chosen.size()) + " of " +
              std::to_string(input.papers.size()) + " papers of " + input.topic->slug + " " +
              input.period.label + (chat ? ", model " + config.digest.model : ", extractive"));
  DigestReport scratch;
  std::optional<Asker> asker;
  if (chat) asker.emplace(config, chat, scratch);
  int to_send = 0, cached = 0;
  size_t chars = 0;
  for (const ScoredPaper& s : input.selection.chosen) {
    std::string line = "  arXiv:" + std::string(s.paper->id()) + "v" +
                       std::to_string(s.paper->version()) + "  score " + std::to_string(s.score) +
                       " (" + s.reason + ")  " + std::string(s.paper->title()).substr(0, 70);
    if (asker) {
      auto prompt = render_paper_prompt(*prompts, input, *s.paper);
      if (!prompt) return prompt.error();
      std::string body = asker->body(*prompt);
      if (asker->cached(body)) {
        ++cached;
        line += "  [cached]";
      } else {
        ++to_send;
        chars += body.size();
      }
    }
    out.dry_run(line);
  }
  if (!chat) {
    out.dry_run("  cost: no requests (extractive)");
    return Status::success();
  }
  // The overview's prompt depends on the answers; it counts as one request to send.
  ++to_send;
  chars += 4000;
  out.dry_run("  cost: " + std::to_string(to_send) + " request" + (to_send == 1 ? "" : "s") +
              " to " + chat->url() + " (" + std::to_string(cached) +
              " paper answers cached), about " + std::to_string(chars / 4) +
              " prompt tokens; nothing sent");
  return Status::success();
}

// The topics to digest: the one named, else every topic.
Result<std::vector<size_t>> digest_topics(const Config& config, const TopicDays& days,
                                          const DigestOptions& options) {
  std::vector<size_t> topics;
  if (!options.topic.empty()) {
    auto i = days.topic_index(options.topic);
    if (!i) return Error{"no topic '" + options.topic + "' in site.toml"};
    topics.push_back(*i);
  } else {
    for (size_t i = 0; i < config.topics.size(); ++i) topics.push_back(i);
  }
  if (topics.empty()) return Error{"site.toml has no [[topics]] to digest"};
  return topics;
}

// The model's digest of `input`: an analysis of each chosen paper (a paper without an answer is
// left out of the digest and of `input.selection`), then the trends across them.
Result<DigestDocument> model_digest(const Config& config, DigestInput& input,
                                    const std::string& file, ChatClient& chat,
                                    const DigestPrompts& prompts, DigestReport& report,
                                    const DigestOutput& out) {
  Asker asker(config, &chat, report);
  std::vector<AnalysedPaper> analysed;
  for (const ScoredPaper& s : input.selection.chosen) {
    auto prompt = render_paper_prompt(prompts, input, *s.paper);
    if (!prompt) return prompt.error();
    Answer answer = asker.ask(*prompt);
    if (!answer.text) {
      out.warn("arXiv:" + std::string(s.paper->id()) + " (" + file + "): " + answer.error.message);
      ++report.failed_papers;
      continue;
    }
    analysed.push_back(AnalysedPaper{s.paper, model_text(*answer.text)});
  }
  if (analysed.empty())
    return Error{file + ": no paper got an answer from " + chat.url() + "; nothing written"};
  PaperSelection kept;
  kept.candidates = input.selection.candidates;
  for (const ScoredPaper& s : input.selection.chosen)
    for (const AnalysedPaper& a : analysed)
      if (a.paper == s.paper) kept.chosen.push_back(s);
  input.selection = std::move(kept);

  std::string trends;
  auto overview_prompt = render_overview_prompt(prompts, input, analysed);
  if (!overview_prompt) return overview_prompt.error();
  Answer overview = asker.ask(*overview_prompt);
  if (overview.text)
    trends = model_text(*overview.text);
  else
    out.warn("the overview of " + file + ": " + overview.error.message);

  DigestDocument doc;
  doc.title = digest_title(input);
  doc.date = input.period.first_day;
  doc.generated_by = config.digest.model;
  doc.overview = "*Written by paperpress with the language model " + escaped(config.digest.model) +
                 " from the papers' titles and abstracts: the analyses are the model's "
                 "reading, not the authors' words.*\n\n";
  if (!trends.empty()) doc.overview += "#### Trends\n\n" + trends + "\n";
  doc.overview += overview_facts(input);
  for (const AnalysedPaper& a : analysed)
    doc.sections.push_back(DigestSection{std::string(a.paper->id()), a.analysis});
  return doc;
}

// Writes `doc` as `file` (at `path`) unless the generated file there already says the same.
Status save_digest(const std::filesystem::path& path, const std::string& file,
                   DigestFileState state, const DigestDocument& doc, DigestReport& report,
                   const DigestOutput& out) {
  std::string text = render_digest_file(doc);
  if (state == DigestFileState::kGenerated) {
    auto old = read_file(path);
    if (old && *old == text) {
      out.info(file + ": unchanged");
      ++report.unchanged;
      return Status::success();
    }
  }
  if (Status s = ensure_dir(path.parent_path()); !s) return s;
  if (Status s = write_file_atomic(path, text); !s) return s;
  const size_t n = doc.sections.size();
  out.info("wrote " + file + " (" + std::to_string(n) + (n == 1 ? " paper, " : " papers, ") +
           doc.generated_by + ")");
  ++report.written;
  return Status::success();
}

// The error for a file the owner wrote or changed, which only --force replaces.
Error owners_file(const std::string& file, DigestFileState state) {
  return Error{file + (state == DigestFileState::kEdited
                           ? ": changed since paperpress wrote it; --force overwrites it"
                           : ": written by hand (no generated_by); --force overwrites it")};
}

// Topic `t`'s digest for the period of `options` (default: its newest day, when it has none).
Status digest_topic(const Config& config, const TopicDays& days, size_t t,
                    const DigestOptions& options, ChatClient* chat, const DigestPrompts* prompts,
                    DigestReport& report, const DigestOutput& out) {
  const Topic& topic = config.topics[t];
  DigestInput input;
  input.topic = &topic;
  if (options.period) {
    input.period = *options.period;
  } else if (auto newest = days.newest_day(t)) {
    input.period = *day_period(*newest);
  } else {
    out.info(topic.slug + ": no papers yet, no digest");
    ++report.skipped;
    return Status::success();
  }
  const std::string file = digest_file_name(input);
  const std::filesystem::path path = config.site_dir / file;
  auto state = inspect_digest_file(path);
  if (!state) return state.error();
  const bool force = options.overwrite == Overwrite::kAlways;
  if (!options.period && *state != DigestFileState::kAbsent && !force) {
    out.info(file + ": already there, skipped (--date " + input.period.label + " writes it again)");
    ++report.skipped;
    return Status::success();
  }
  if ((*state == DigestFileState::kEdited || *state == DigestFileState::kHandWritten) && !force)
    return owners_file(file, *state);
  input.papers = days.papers_between(t, input.period.first_day, input.period.last_day);
  if (input.papers.empty()) {
    ++report.skipped;
    if (options.topic.empty() && !options.period) return Status::success();
    return Error{"topic '" + topic.slug + "' has no papers " +
                 (input.period.kind == DigestPeriod::Kind::kDay ? "on " : "in week ") +
                 input.period.label};
  }
  input.baseline =
      days.papers_between(t, input.period.baseline_first_day, input.period.baseline_last_day);
  input.selection = select_papers(input.papers, topic, config.digest.papers);

  if (options.sending == Sending::kDryRun) return dry_run(config, input, file, chat, prompts, out);
  DigestDocument doc;
  if (chat) {
    auto written = model_digest(config, input, file, *chat, *prompts, report, out);
    if (!written) return written.error();
    doc = std::move(*written);
  } else {
    doc = extractive_digest(input);
  }
  return save_digest(path, file, *state, doc, report, out);
}

}  // namespace

Result<DigestReport> run_digest(const Config& config, const TopicDays& days,
                                const DigestOptions& options, ChatClient* chat,
                                const DigestOutput& out) {
  auto topics = digest_topics(config, days, options);
  if (!topics) return topics.error();
  std::optional<DigestPrompts> prompts;
  if (chat) {
    auto loaded = load_digest_prompts(config.site_dir);
    if (!loaded) return loaded.error();
    prompts.emplace(std::move(*loaded));
  }
  DigestReport report;
  for (size_t t : *topics)
    if (Status s = digest_topic(config, days, t, options, chat, prompts ? &*prompts : nullptr,
                                report, out);
        !s)
      return s.error();
  return report;
}

}  // namespace paperpress
