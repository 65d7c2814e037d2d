#include "paperpress/sample/sample.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "paperpress/sample/atom_writer.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

// splitmix64: a small, fully specified generator, so samples are the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  uint64_t state_;
};

constexpr std::array<std::string_view, 40> kCategories = {
    "cs.CL",           "cs.LG",       "cs.AI",       "cs.CV",
    "cs.IR",           "cs.RO",       "cs.CR",       "cs.SE",
    "cs.DC",           "cs.NE",       "cs.HC",       "cs.DB",
    "cs.DS",           "cs.IT",       "cs.MA",       "cs.SD",
    "stat.ML",         "stat.ME",     "math.OC",     "math.ST",
    "math.PR",         "math.CO",     "math.NA",     "physics.comp-ph",
    "physics.data-an", "quant-ph",    "hep-th",      "hep-ph",
    "gr-qc",           "astro-ph.CO", "astro-ph.GA", "cond-mat.stat-mech",
    "cond-mat.dis-nn", "q-bio.NC",    "q-bio.QM",    "q-fin.ST",
    "econ.EM",         "eess.SP",     "eess.AS",     "eess.IV"};

// Generic wording, chosen to be unlikely keywords; a paper's topic terms come from the site's
// keywords (see SampleGenerator::paper), so that a paper lands in about one topic, as on arXiv.
constexpr std::array<std::string_view, 24> kAdjectives = {
    "Scalable",    "Robust",        "Efficient",      "Adaptive",   "Hierarchical",
    "Principled",  "Simple",        "Probabilistic",  "Modular",    "Unified",
    "Stable",      "Provable",      "Interpretable",  "Practical",  "Differentiable",
    "Lightweight", "Compositional", "Data-Efficient", "Structured", "Faster",
    "Calibrated",  "Consistent",    "Online",         "Stochastic"};
constexpr std::array<std::string_view, 24> kNouns = {
    "Estimators", "Representations", "Architectures", "Pipelines", "Frameworks", "Algorithms",
    "Networks",   "Solvers",         "Objectives",    "Priors",    "Baselines",  "Surrogates",
    "Encoders",   "Decoders",        "Heuristics",    "Samplers",  "Predictors", "Protocols",
    "Metrics",    "Losses",          "Regularizers",  "Schedules", "Ensembles",  "Operators"};
constexpr std::array<std::string_view, 16> kTasks = {
    "Dense Prediction", "Structured Data",  "Sequential Decisions",   "Scientific Discovery",
    "Tabular Learning", "Inverse Problems", "Signal Recovery",        "Causal Discovery",
    "Data Curation",    "Model Selection",  "Domain Shift",           "Active Learning",
    "Label Noise",      "Clustering",       "Uncertainty Estimation", "Hyperparameter Search"};
constexpr std::array<std::string_view, 12> kTitleShapes = {
    "{A} {N} for {T}",
    "{N} Are {A} Learners of {T}",
    "On the Limits of {N} in {T}",
    "Towards {A} {N}: A Study of {T}",
    "{A} {N} with $O(n \\log n)$ Cost",
    "When Do {N} Help {T}?",
    "{N} Meet {T}: {A} Baselines",
    "Revisiting {A} {N}",
    "A Survey of {A} {N} for {T}",
    "{T} via {A} {N}",
    "Learning {T} with {A} {N}",
    "{N} at Scale: <{A}> Results & Lessons | {T}"};
constexpr std::array<std::string_view, 14> kSentences = {
    "We study {N} in the setting of {T}, where existing approaches struggle with distribution "
    "shift.",
    "Our method combines {A} {N} with a simple training objective and requires no extra labels.",
    "We prove a bound of $\\mathcal{O}(\\sqrt{n})$ on the regret under mild assumptions.",
    "Experiments on twelve benchmarks show consistent gains of 3-7% over strong baselines.",
    "We release code, data and model weights to support reproducible research.",
    "Ablations reveal that the gains come mostly from the {A} component rather than model size.",
    "The approach scales linearly with sequence length and runs on a single GPU.",
    "We further analyse failure cases and find that errors concentrate on rare inputs.",
    "Compared with prior work on {T}, our analysis covers both the convex and non-convex regimes.",
    "Surprisingly, a {A} variant of {N} matches methods that use ten times more compute.",
    "We introduce a new dataset of 1.2M annotated examples for {T}.",
    "Theoretical results are complemented by simulations with $\\alpha$-stable noise.",
    "Human evaluation confirms that outputs are preferred in 68% of comparisons.",
    "These findings suggest that {N} remain a promising direction for {T}."};
constexpr std::array<std::string_view, 24> kFirstNames = {
    "Ada",   "Wei", "Priya",  "José",  "Zoë",   "Mohammed", "Yuki",    "Olga",
    "Chidi", "Léa", "Mateo",  "Anika", "Sven",  "Fatima",   "Hiroshi", "Ingrid",
    "Kwame", "Mei", "Rafael", "Sofía", "Tomás", "Ayşe",     "Nikolai", "Grace"};
constexpr std::array<std::string_view, 24> kLastNames = {
    "Lovelace", "Zhang",  "Raman", "García", "Müller",  "Haddad", "Tanaka", "Ivanova",
    "Okafor",   "Dubois", "Rossi", "Kapoor", "Nilsson", "Benali", "Sato",   "Larsen",
    "Mensah",   "Chen",   "Souza", "Núñez",  "Novák",   "Yılmaz", "Petrov", "Hopper"};

// Fills {A}, {N} and {T} slots. `themes` are the paper's topic terms: the first {N} of a title
// always takes one, later {N} slots now and then, so the paper's topic shows in its text.
std::string fill(std::string_view shape, Rng& rng, const std::vector<std::string_view>& themes,
                 bool title) {
  std::string out;
  bool first_noun = true;
  for (size_t i = 0; i < shape.size(); ++i) {
    char slot = i + 2 < shape.size() && shape[i] == '{' && shape[i + 2] == '}' ? shape[i + 1] : 0;
    if (slot == 'A' || slot == 'N' || slot == 'T') {
      if (slot == 'A') {
        out += rng.pick(kAdjectives);
      } else if (slot == 'T') {
        out += rng.pick(kTasks);
      } else if (!themes.empty() && ((title && first_noun) || rng.chance(30))) {
        out += themes[rng.below(themes.size())];
      } else {
        out += rng.pick(kNouns);
      }
      if (slot == 'N') first_noun = false;
      i += 2;
    } else {
      out.push_back(shape[i]);
    }
  }
  return out;
}

}  // namespace

SampleGenerator::SampleGenerator(const Config& config, const SampleOptions& options)
    : options_(options) {
  for (const auto& topic : config.topics) {
    for (const auto& k : topic.keywords) topic_terms_.push_back(k);
    for (const auto& group : topic.all_of)
      for (const auto& k : group) topic_terms_.push_back(k);
  }
  start_ = *parse_iso8601(config.archive.since);
  months_ = options.months > 0 ? options.months
                               : std::max<int>(12, static_cast<int>(options.papers / 40000) + 1);
  CivilDate d = civil_from_unix(start_);
  int end_month = d.month - 1 + months_;
  span_ = make_utc(d.year + end_month / 12, end_month % 12 + 1, 1) - make_utc(d.year, d.month, 1);
  start_ = make_utc(d.year, d.month, 1);
  if (options.until > start_ && start_ + span_ > options.until)
    span_ = std::max<int64_t>(options.until - start_, 86400);
  now_ = published_at(options.papers + options.add - 1) + kJitter;
}

int64_t SampleGenerator::published_at(size_t index) const {
  return start_ + static_cast<int64_t>((static_cast<double>(index) + 0.5) /
                                       static_cast<double>(options_.papers) * span_);
}

std::string vocabulary_word(size_t rank) {
  static constexpr std::string_view kConsonants = "bdfghklmnprstvwz", kVowels = "aeiu";
  std::string word;
  for (size_t n = rank + 1; n > 0; n /= 64) {  // rank + 1 in base 64, a syllable a digit
    word += kConsonants[n % 64 / 4];
    word += kVowels[n % 4];
  }
  return word;
}

namespace {

// The abstract's words from the made-up vocabulary of `size` words, drawn with their own
// generator so that the rest of the paper is the one a sample without them has.
void add_vocabulary_words(std::string& abstract, size_t size, uint64_t seed) {
  Rng rng(seed);
  const double log_size = std::log(static_cast<double>(size) + 1);
  const size_t count = 40 + rng.below(81);
  for (size_t i = 0; i < count; ++i) {
    // exp(u · ln(size + 1)) is spread as 1/x on [1, size + 1): Zipf with exponent 1.
    const double u = static_cast<double>(rng.next() >> 11) / static_cast<double>(1ull << 53);
    const size_t rank = std::min(size - 1, static_cast<size_t>(std::exp(u * log_size)) - 1);
    abstract += ' ';
    abstract += vocabulary_word(rank);
  }
  abstract += '.';
}

}  // namespace

Paper SampleGenerator::paper(size_t index) const {
  Rng rng(options_.seed * 0x100000001B3ull + index * 0x9E3779B97F4A7C15ull);
  rng.next();
  Paper p;
  // Papers arrive in date order, like arXiv's numbering; a little jitter keeps ties rare.
  int64_t published = published_at(index) + static_cast<int64_t>(rng.below(2 * kJitter)) - kJitter;
  CivilDate d = civil_from_unix(published);
  // Ids count within their month; the (index + offset) keeps them unique across months.
  char id[32];
  std::snprintf(id, sizeof id, "%02d%02d.%05zu", d.year % 100, d.month, index % 99999 + 1);
  p.id = id;
  p.version = rng.chance(30) ? 2 + static_cast<int>(rng.below(3)) : 1;
  int64_t updated = p.version == 1 ? published : published + 86400 * (1 + rng.below(60));
  // A revision not yet made by the time of the run's newest paper is not in the archive yet: a
  // paper is never dated after the moment its run was fetched.
  if (updated > now_) {
    p.version = 1;
    updated = published;
  }
  p.published = format_iso8601(published);
  p.updated = format_iso8601(updated);
  // About one topic a paper: none for a fifth, two for a few.
  std::vector<std::string_view> themes;
  if (!topic_terms_.empty()) {
    size_t roll = rng.below(100), count = roll < 20 ? 0 : roll < 90 ? 1 : 2;
    for (size_t i = 0; i < count; ++i)
      themes.push_back(topic_terms_[rng.below(topic_terms_.size())]);
  }
  p.title = fill(rng.pick(kTitleShapes), rng, themes, true);
  size_t sentences = 4 + rng.below(6);
  for (size_t i = 0; i < sentences; ++i) {
    if (i) p.abstract += ' ';
    p.abstract += fill(rng.pick(kSentences), rng, themes, false);
  }
  if (options_.vocabulary > 0)
    add_vocabulary_words(p.abstract, options_.vocabulary,
                         options_.seed * 0x9E3779B97F4A7C15ull + index * 0x100000001B3ull + 1);
  size_t authors = 1 + rng.below(rng.chance(10) ? 40 : 8);
  for (size_t i = 0; i < authors; ++i)
    p.authors.push_back(std::string(rng.pick(kFirstNames)) + " " +
                        std::string(rng.pick(kLastNames)));
  size_t cats = 1 + rng.below(4);
  for (size_t i = 0; i < cats; ++i) {
    std::string c(rng.pick(kCategories));
    if (std::find(p.categories.begin(), p.categories.end(), c) == p.categories.end())
      p.categories.push_back(c);
  }
  p.primary_category = p.categories.front();
  p.comment = "Sample data from paperpress sample (seed " + std::to_string(options_.seed) + ")";
  if (rng.chance(60))
    p.comment += "; " + std::to_string(4 + rng.below(40)) + " pages, " +
                 std::to_string(1 + rng.below(12)) + " figures";
  if (rng.chance(10))
    p.journal_ref = "Sample Journal of Learning " + std::to_string(1 + rng.below(40));
  if (rng.chance(10)) p.doi = "10.5555/sample." + p.id;
  std::string ref = p.id + "v" + std::to_string(p.version);
  p.abs_url = "https://example.org/paperpress-sample/abs/" + ref;
  p.pdf_url = "https://example.org/paperpress-sample/pdf/" + ref;
  return p;
}

Result<SampleStats> write_sample(const Config& config, const SampleOptions& options, Cache& cache,
                                 size_t page_size) {
  SampleGenerator generator(config, options);
  SampleStats stats;
  std::vector<Paper> page;
  std::string body;
  const size_t first = options.add > 0 ? options.papers : 0;
  const size_t last = options.papers + options.add;
  for (size_t start = first; start < last; start += page_size) {
    size_t end = std::min(last, start + page_size);
    page.clear();
    for (size_t i = start; i < end; ++i) page.push_back(generator.paper(i));
    body.clear();
    write_atom_feed(page,
                    FeedPage{static_cast<long long>(last), static_cast<long long>(start),
                             static_cast<long long>(page.size())},
                    body);
    std::string url = "sample:papers=" + std::to_string(options.papers) +
                      "&seed=" + std::to_string(options.seed) + "&start=" + std::to_string(start);
    auto entry = cache.raw().add(RawKind::kAtom, url, 200, body);
    if (!entry) return entry.error();
    auto appended = cache.store().append(page, entry->seq, CommitKind::kComplete);
    if (!appended) return appended.error();
    stats.papers += page.size();
    stats.raw_entries += 1;
    stats.raw_bytes += body.size();
    stats.store.added += appended->added;
    stats.store.updated += appended->updated;
    stats.store.unchanged += appended->unchanged;
  }
  return stats;
}

}  // namespace paperpress
