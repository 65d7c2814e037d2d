#include "paperpress/model/topic_matcher.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

namespace paperpress {
namespace {

std::vector<uint16_t> match(const TopicMatcher& m, std::string_view title,
                            std::string_view abstract, std::string_view categories = "cs.CL") {
  std::vector<uint16_t> out;
  m.match(title, abstract, categories, out);
  return out;
}

TopicMatcher build_ok(const std::vector<Topic>& topics) {
  auto m = TopicMatcher::build(topics);
  EXPECT_TRUE(m.ok()) << m.error().message;
  return std::move(m).value();
}

// Whether a topic with the one keyword `keyword` selects a paper with abstract `text`.
bool keyword_matches(const std::string& keyword, std::string_view text) {
  TopicMatcher m = build_ok({Topic{.slug = "t", .keywords = {keyword}}});
  return !match(m, "", text).empty();
}

struct KeywordCase {
  const char* keyword;
  const char* text;
  bool matches;
};

TEST(TopicMatcherRule, KeywordsAreWholeWordsAndPhrasesWithPlurals) {
  const KeywordCase cases[] = {
      // Case and plurals of a one-word keyword.
      {"LLM", "We study LLMs.", true},
      {"LLM", "LLM", true},
      {"LLM", "llm", true},
      {"llm", "LLMS ARE GREAT", true},
      {"GPT", "fine-tuned GPTs", true},
      {"box", "bounding boxes", true},
      {"class", "imbalanced classes", true},
      {"ontology", "domain ontologies", true},
      {"Ontology", "DOMAIN ONTOLOGIES", true},
      {"query", "queries", true},
      {"1990", "the 1990s", true},
      {"AI", "generative AIs", true},
      {"LLM", "LLMsss", false},
      {"quer", "queries", false},
      {"ontology", "ontologie", false},
      // Any non-alphanumeric ASCII character splits words.
      {"LLM", "LLM-based agents", true},
      {"LLM", "a new (LLM) approach", true},
      {"LLM", "multi-LLM debate", true},
      {"LLM", "LLM/VLM", true},
      {"LLM", "the LLM's answer", true},
      {"LLM", "..........LLM", true},
      // A keyword never matches inside another word.
      {"RAG", "fragment", false},
      {"RAG", "storage", false},
      {"RAG", "RAG-based retrieval", true},
      {"RAGs", "RAG", false},
      {"AI", "he said", false},
      {"AI", "AIDS", false},
      {"AI", "explainable AI.", true},
      {"GPT", "GPTQ", false},
      {"GPT", "ChatGPT", false},
      {"cat", "concatenate", false},
      {"LLM", "", false},
      // Phrases: consecutive words, the last one may be plural.
      {"Large Language Model", "large language models are", true},
      {"Large Language Model", "Large Language Model", true},
      {"large language model", "LARGE LANGUAGE MODELS", true},
      {"Large Language Model", "large\nlanguage  model", true},
      {"Large Language Model", "large language\tmodels", true},
      {"Large Language Model", "large-language-model", true},
      {"Large Language Model", "large language. model", true},
      {"Large Language Model", "large large language model", true},
      {"Large Language Model", "large languages model", false},
      {"Large Language Model", "large language modeling", false},
      {"Large Language Model", "large model", false},
      {"Large Language Model", "language model", false},
      {"Large Language Model", "the large language", false},
      {"Large Language Model", "large language mod", false},
      {"neural network", "neural networks", true},
      {"neural network", "neurals network", false},
      {"GPT-4", "GPT-4 and", true},
      {"GPT-4", "gpt 4", true},
      {"GPT-4", "GPT4", false},
      {"GPT-4", "GPT-4o", false},
      // Words longer than eight bytes and words at the very ends of the text.
      {"reinforcement learning", "Deep Reinforcement-Learning agents", true},
      {"representation", "representations", true},
      {"transformer", "Transformers", true},
      {"transformer", "transformerss", false},
      {"learning", "learning", true},
      {"electrochemistry", "electrochemistry", true},
      {"electrochemistry", "ELECTROCHEMISTRIES", true},
      {"retrieval", "dense retrievals", true},
      {"retrieval augmented generation", "retrieval-augmented generations", true},
      {"retrieval augmented generation", "retrieval-augmented", false},
      // UTF-8 letters are word characters; only ASCII letters ignore case.
      {"Gödel", "Gödel's incompleteness", true},
      {"Gödel", "gödel", true},
      {"Gödel", "Gödels", true},
      {"Gödel", "GöDEL", true},
      {"Gödel", "GÖDEL", false},
      {"Gödel", "Godel", false},
      {"del", "Gödel", false},
      {"G", "Gödel", false},
      {"naïve Bayes", "a Naïve Bayes classifier", true},
      // "C++" is the word "c": it matches any standalone "c".
      {"C++", "written in C++", true},
      {"C++", "C programs", true},
      {"C++", "C# programs", true},
      {"C++", "Objective-C", true},
      {"C++", "C-reactive protein", true},
      {"C++", "cc", false},
      {".NET", "the .NET runtime", true},
      {".NET", "network", false},
      // The plural rule has no exception for short keywords.
      {"A", "as", true},
      {"I", "is", true},
      {"box", "boxing", false},
      {"1990", "19900", false},
      {"C++", "ABC", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(keyword_matches(c.keyword, c.text), c.matches)
        << "keyword \"" << c.keyword << "\" in \"" << c.text << "\"";
  }
}

// The text is read in blocks of 64 bytes: keywords before, across and after block edges, with
// the text ending right after them.
TEST(TopicMatcherRule, FindsWordsAtEveryOffset) {
  TopicMatcher m = build_ok({
      Topic{.slug = "long", .keywords = {"electrochemistry"}},
      Topic{.slug = "short", .keywords = {"LLM"}},
      Topic{.slug = "phrase", .keywords = {"large language model"}},
  });
  for (size_t pad = 0; pad < 200; ++pad) {
    std::string spaces(pad, ' ');
    std::string letters = std::string(pad, 'x') + " ";
    EXPECT_EQ(match(m, "", spaces + "electrochemistries"), (std::vector<uint16_t>{0})) << pad;
    EXPECT_EQ(match(m, "", letters + "Electrochemistry."), (std::vector<uint16_t>{0})) << pad;
    EXPECT_EQ(match(m, "", spaces + "LLMs"), (std::vector<uint16_t>{1})) << pad;
    EXPECT_EQ(match(m, "", letters + "LLM"), (std::vector<uint16_t>{1})) << pad;
    EXPECT_EQ(match(m, "", letters + "large language models"), (std::vector<uint16_t>{2})) << pad;
    EXPECT_EQ(match(m, "", letters + "xLLM"), (std::vector<uint16_t>{})) << pad;
    EXPECT_EQ(match(m, "", letters + "LLMx"), (std::vector<uint16_t>{})) << pad;
  }
}

TEST(TopicMatcherRule, TitleAndAbstractAreBothReadButNotJoined) {
  TopicMatcher m = build_ok({Topic{.slug = "t", .keywords = {"LLM", "language model"}}});
  EXPECT_EQ(match(m, "LLMs at scale", "").size(), 1u);
  EXPECT_EQ(match(m, "", "We train an LLM.").size(), 1u);
  EXPECT_EQ(match(m, "", "We train a language model.").size(), 1u);
  EXPECT_EQ(match(m, "On language", "Model sizes grow.").size(), 0u);
  EXPECT_EQ(match(m, "", "").size(), 0u);
}

TEST(TopicMatcher, SeveralTopicsMatchOnePaperInAscendingOrder) {
  TopicMatcher m = build_ok({
      Topic{.slug = "llm", .keywords = {"LLM", "large language model"}},
      Topic{.slug = "vision", .keywords = {"image"}},
      Topic{.slug = "agents", .keywords = {"agent", "LLM"}},
      Topic{.slug = "cl", .categories = {"cs.CL"}},
  });
  std::vector<uint16_t> out = {99};  // match() appends
  m.match("LLM agents", "Large language models act.", "cs.CL cs.AI", out);
  EXPECT_EQ(out, (std::vector<uint16_t>{99, 0, 2, 3}));
  EXPECT_EQ(match(m, "Image agents", "", "cs.CV"), (std::vector<uint16_t>{1, 2}));
  EXPECT_EQ(m.topic_count(), 4u);
}

TEST(TopicMatcher, AllOfNeedsEveryKeywordOfEveryGroup) {
  TopicMatcher m = build_ok({
      Topic{.slug = "one", .all_of = {{"agent", "tool use"}}},
      Topic{.slug = "two", .all_of = {{"LLM"}, {"agent"}}},
      Topic{.slug = "both", .keywords = {"benchmark"}, .all_of = {{"agent"}}},
  });
  EXPECT_EQ(match(m, "Agents and tool use", ""), (std::vector<uint16_t>{0}));
  EXPECT_EQ(match(m, "Agents", "no tools here"), (std::vector<uint16_t>{}));
  EXPECT_EQ(match(m, "LLM agents", "tool use"), (std::vector<uint16_t>{0, 1}));
  EXPECT_EQ(match(m, "LLM", "tool use"), (std::vector<uint16_t>{}));
  // keywords and all_of together: one keyword and all of all_of.
  EXPECT_EQ(match(m, "Agent benchmarks", ""), (std::vector<uint16_t>{2}));
  EXPECT_EQ(match(m, "Benchmarks", ""), (std::vector<uint16_t>{}));
}

TEST(TopicMatcher, ExcludeWinsOverKeywordsAndAllOf) {
  TopicMatcher m = build_ok({
      Topic{.slug = "llm", .keywords = {"LLM"}, .exclude = {"survey", "medical imaging"}},
      Topic{.slug = "agents", .all_of = {{"agent"}}, .exclude = {"survey"}},
      Topic{.slug = "cl", .exclude = {"survey"}, .categories = {"cs.CL"}},
  });
  EXPECT_EQ(match(m, "LLM agents", ""), (std::vector<uint16_t>{0, 1, 2}));
  EXPECT_EQ(match(m, "LLM agents: a survey", ""), (std::vector<uint16_t>{}));
  EXPECT_EQ(match(m, "LLM agents", "We review surveys."), (std::vector<uint16_t>{}));
  EXPECT_EQ(match(m, "LLMs", "for Medical Imaging"), (std::vector<uint16_t>{2}));
  EXPECT_EQ(match(m, "LLMs", "for medical purposes"), (std::vector<uint16_t>{0, 2}));
}

TEST(TopicMatcher, CategoriesMatchExactlyOrByTrailingWildcard) {
  TopicMatcher m = build_ok({
      Topic{.slug = "cl", .keywords = {"model"}, .categories = {"cs.CL"}},
      Topic{.slug = "cs", .keywords = {"model"}, .categories = {"cs.*"}},
      Topic{.slug = "hep", .keywords = {"model"}, .categories = {"hep-*", "math.*"}},
      Topic{.slug = "any", .keywords = {"model"}},
      Topic{.slug = "all", .keywords = {"model"}, .categories = {"*"}},
  });
  const char* t = "A model";
  EXPECT_EQ(match(m, t, "", "cs.CL"), (std::vector<uint16_t>{0, 1, 3, 4}));
  EXPECT_EQ(match(m, t, "", "stat.ML cs.CL"), (std::vector<uint16_t>{0, 1, 3, 4}));
  EXPECT_EQ(match(m, t, "", "  stat.ML   cs.LG\t"), (std::vector<uint16_t>{1, 3, 4}));
  EXPECT_EQ(match(m, t, "", "CS.cl"), (std::vector<uint16_t>{0, 1, 3, 4}));
  EXPECT_EQ(match(m, t, "", "cs.CLX"), (std::vector<uint16_t>{1, 3, 4}));
  EXPECT_EQ(match(m, t, "", "cs"), (std::vector<uint16_t>{3, 4}));
  EXPECT_EQ(match(m, t, "", "physics.comp-ph"), (std::vector<uint16_t>{3, 4}));
  EXPECT_EQ(match(m, t, "", "hep-th"), (std::vector<uint16_t>{2, 3, 4}));
  EXPECT_EQ(match(m, t, "", "math.AG"), (std::vector<uint16_t>{2, 3, 4}));
  EXPECT_EQ(match(m, t, "", "math-ph"), (std::vector<uint16_t>{3, 4}));
  EXPECT_EQ(match(m, t, "", ""), (std::vector<uint16_t>{3}));
  // The categories pass but the keyword is missing.
  EXPECT_EQ(match(m, "Nothing here", "", "cs.CL"), (std::vector<uint16_t>{}));
}

TEST(TopicMatcher, ATopicWithOnlyCategoriesSelectsEveryPaperInThem) {
  TopicMatcher m = build_ok({Topic{.slug = "qc", .categories = {"quant-ph", "cs.ET"}}});
  EXPECT_EQ(match(m, "", "", "quant-ph"), (std::vector<uint16_t>{0}));
  EXPECT_EQ(match(m, "Anything", "at all", "cs.LG cs.ET"), (std::vector<uint16_t>{0}));
  EXPECT_EQ(match(m, "Anything", "at all", "cs.LG"), (std::vector<uint16_t>{}));
}

TEST(TopicMatcher, SharedKeywordsAndScratchReuse) {
  TopicMatcher m = build_ok({
      Topic{.slug = "a", .keywords = {"Large Language Model"}},
      Topic{.slug = "b", .keywords = {"large-language model", "LLM"}},
  });
  TopicMatcher::Scratch scratch;
  std::vector<uint16_t> out;
  m.match("", "large language models", "cs.CL", out, scratch);
  EXPECT_EQ(out, (std::vector<uint16_t>{0, 1}));
  out.clear();
  m.match("", "large language models", "cs.CL", out, scratch);  // the same paper again
  EXPECT_EQ(out, (std::vector<uint16_t>{0, 1}));
  out.clear();
  m.match("", "small models", "cs.CL", out, scratch);  // nothing left over from the last paper
  EXPECT_EQ(out, (std::vector<uint16_t>{}));
  m.match("LLMs", "", "cs.CL", out, scratch);
  EXPECT_EQ(out, (std::vector<uint16_t>{1}));

  // The same scratch serves another matcher, with more keywords, and then the first again.
  std::vector<std::string> many;
  for (int i = 0; i < 200; ++i) many.push_back("word" + std::to_string(i));
  TopicMatcher other = build_ok({Topic{.slug = "many", .keywords = many}});
  out.clear();
  other.match("word7 and word150", "", "cs.CL", out, scratch);
  EXPECT_EQ(out, (std::vector<uint16_t>{0}));
  out.clear();
  other.match("word200", "", "cs.CL", out, scratch);
  EXPECT_EQ(out, (std::vector<uint16_t>{}));
  out.clear();
  m.match("", "small models", "cs.CL", out, scratch);
  EXPECT_EQ(out, (std::vector<uint16_t>{}));
}

// A Scratch remembers which topics each category lets in: the answers stay right across
// many categories (more than it keeps), repeated ones, and another matcher using the scratch.
TEST(TopicMatcher, ScratchRemembersCategoriesPerMatcher) {
  TopicMatcher m = build_ok({
      Topic{.slug = "cl", .keywords = {"model"}, .categories = {"cs.CL"}},
      Topic{.slug = "any", .keywords = {"model"}},
      Topic{.slug = "math", .categories = {"math.*"}},
  });
  TopicMatcher other = build_ok({Topic{.slug = "cl-only", .categories = {"cs.CL"}}});
  TopicMatcher::Scratch scratch;
  std::vector<uint16_t> out;
  auto with_scratch = [&](const TopicMatcher& matcher, std::string_view categories) {
    out.clear();
    matcher.match("A model", "", categories, out, scratch);
    return out;
  };
  EXPECT_EQ(with_scratch(m, "cs.CL"), (std::vector<uint16_t>{0, 1}));
  EXPECT_EQ(with_scratch(other, "cs.CL"), (std::vector<uint16_t>{0}));
  EXPECT_EQ(with_scratch(m, "cs.CL"), (std::vector<uint16_t>{0, 1}));
  EXPECT_EQ(with_scratch(m, "math.CO"), (std::vector<uint16_t>{1, 2}));
  EXPECT_EQ(with_scratch(other, "math.CO"), (std::vector<uint16_t>{}));
  // 100,000 distinct lists, each asked twice, against a fresh scratch's answer.
  for (int i = 0; i < 100000; ++i) {
    const std::string list = (i % 3 == 0   ? "cs.CL x"
                              : i % 3 == 1 ? "math.AG x"
                                           : "hep-th x") +
                             std::to_string(i);
    const std::vector<uint16_t> expected = match(m, "A model", "", list);
    EXPECT_EQ(with_scratch(m, list), expected) << list;
    if (i % 1000 == 0) EXPECT_EQ(with_scratch(m, list), expected) << list;
  }
}

TEST(TopicMatcher, BuildRejectsKeywordsWithoutWordsNamingTopicAndKeyword) {
  struct BadCase {
    Topic topic;
    std::vector<std::string> in_message;
  };
  const BadCase cases[] = {
      {Topic{.slug = "llm", .keywords = {"LLM", "++"}}, {"'llm'", "\"++\"", "keyword"}},
      {Topic{.slug = "x", .keywords = {""}}, {"'x'", "\"\""}},
      {Topic{.slug = "x", .all_of = {{"a", " - "}}}, {"'x'", "all_of keyword", "\" - \""}},
      {Topic{.slug = "x", .keywords = {"a"}, .exclude = {"..."}}, {"exclude keyword", "\"...\""}},
      {Topic{.slug = "x", .all_of = {{"a"}, {}}}, {"'x'", "all_of group 2 is empty"}},
      {Topic{.slug = "x", .keywords = {"a"}, .categories = {"c*s"}}, {"'x'", "\"c*s\""}},
      {Topic{.slug = "x", .keywords = {"a"}, .categories = {""}}, {"'x'", "category"}},
      {Topic{.slug = "x", .keywords = {"a"}, .categories = {"cs.CL cs.AI"}}, {"\"cs.CL cs.AI\""}},
      {Topic{.slug = "x", .exclude = {"a"}}, {"'x'", "needs keywords"}},
  };
  for (const auto& c : cases) {
    auto m = TopicMatcher::build({Topic{.slug = "fine", .keywords = {"ok"}}, c.topic});
    ASSERT_FALSE(m.ok()) << c.topic.slug;
    for (const auto& part : c.in_message) {
      EXPECT_NE(m.error().message.find(part), std::string::npos) << m.error().message;
    }
  }
}

// An independent, slow statement of the rule: split into words, compare word by word.
std::vector<std::string> reference_words(std::string_view text) {
  std::vector<std::string> words;
  std::string w;
  for (unsigned char c : text) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (word) {
      w += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (!w.empty()) {
      words.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

bool reference_matches(const std::vector<std::string>& key, const std::vector<std::string>& text) {
  auto plural_of = [](const std::string& t, const std::string& k) {
    if (t == k || t == k + "s" || t == k + "es") return true;
    return k.size() >= 2 && k.back() == 'y' && t == k.substr(0, k.size() - 1) + "ies";
  };
  for (size_t i = 0; i + key.size() <= text.size(); ++i) {
    bool ok = true;
    for (size_t j = 0; j + 1 < key.size() && ok; ++j) ok = text[i + j] == key[j];
    if (ok && plural_of(text[i + key.size() - 1], key.back())) return true;
  }
  return false;
}

TEST(TopicMatcherRule, AgreesWithASlowReferenceOnRandomText) {
  const std::vector<std::string> vocab = {"a",
                                          "as",
                                          "ai",
                                          "AIs",
                                          "LLM",
                                          "llms",
                                          "model",
                                          "Models",
                                          "modeles",
                                          "large",
                                          "language",
                                          "languages",
                                          "query",
                                          "queries",
                                          "querys",
                                          "y",
                                          "ies",
                                          "ys",
                                          "s",
                                          "es",
                                          "box",
                                          "boxes",
                                          "boxe",
                                          "Gödel",
                                          "gödels",
                                          "électron",
                                          "retrieval",
                                          "retrievals",
                                          "electrochemistry",
                                          "electrochemistries",
                                          "ELECTROCHEMISTRYS",
                                          "abcdefgh",
                                          "abcdefghs",
                                          "abcdefg",
                                          "abcdefgy",
                                          "abcdefgies",
                                          "x1",
                                          "x1s",
                                          "2024",
                                          "2024s"};
  const std::vector<std::string> seps = {" ", "  ", "-",  ", ",          ".\n",         "/", "(",
                                         ")", "'",  "\t", "...........", "\xE2\x80\x94" /* — */};
  std::mt19937 rng(12345);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  for (int round = 0; round < 300; ++round) {
    std::vector<Topic> topics;
    std::vector<std::vector<std::string>> keys;
    for (int t = 0; t < 6; ++t) {
      std::string kw = pick(vocab);
      for (int extra = rng() % 3; extra > 0; --extra) kw += pick(seps) + pick(vocab);
      topics.push_back(Topic{.slug = "t" + std::to_string(t), .keywords = {kw}});
      keys.push_back(reference_words(kw));
    }
    TopicMatcher m = build_ok(topics);
    for (int paper = 0; paper < 20; ++paper) {
      std::string text = rng() % 2 ? pick(seps) : "";
      for (int n = rng() % 12; n > 0; --n) text += pick(vocab) + pick(seps);
      if (rng() % 2 && !text.empty()) text.pop_back();
      std::vector<std::string> words = reference_words(text);
      std::vector<uint16_t> expected;
      for (size_t t = 0; t < keys.size(); ++t) {
        if (reference_matches(keys[t], words)) expected.push_back(static_cast<uint16_t>(t));
      }
      // The text at the start and at the end of the buffer, as the abstract.
      ASSERT_EQ(match(m, "", text), expected) << "text \"" << text << "\"";
      std::string copy = text;  // exactly sized, so reading past its end would be caught by ASan
      ASSERT_EQ(match(m, copy, ""), expected) << "title \"" << text << "\"";
    }
  }
}

TEST(TopicMatcher, ManyThreadsShareOneMatcher) {
  TopicMatcher m = build_ok({
      Topic{.slug = "llm", .keywords = {"LLM", "large language model"}},
      Topic{.slug = "agents", .all_of = {{"agent"}}, .exclude = {"survey"}},
  });
  const std::vector<std::pair<std::string, std::vector<uint16_t>>> papers = {
      {"Large language models as agents", {0, 1}},
      {"A survey of LLM agents", {0}},
      {"Agents", {1}},
      {"Nothing", {}},
  };
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      TopicMatcher::Scratch scratch;
      std::vector<uint16_t> out;
      for (int i = 0; i < 2000; ++i) {
        const auto& [title, expected] = papers[(i + t) % papers.size()];
        out.clear();
        m.match(title, "", "cs.AI", out, scratch);
        if (out != expected) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, (std::vector<int>{0, 0, 0, 0}));
}

}  // namespace
}  // namespace paperpress
