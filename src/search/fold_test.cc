#include "paperpress/search/fold.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

using Terms = std::vector<std::string>;

TEST(Fold, LowercasesAndSplitsOnPunctuation) {
  EXPECT_EQ(terms_of("Attention Is All You Need"),
            (Terms{"attention", "is", "all", "you", "need"}));
  EXPECT_EQ(terms_of("GPT-4o: a (new) model!"), (Terms{"gpt", "4o", "a", "new", "model"}));
  EXPECT_EQ(terms_of("cs.CL"), (Terms{"cs", "cl"}));
  EXPECT_EQ(terms_of("  \t\n"), Terms{});
}

TEST(Fold, FoldsAccentsToBaseLetters) {
  EXPECT_EQ(terms_of("Schrödinger équation Łukasz Straße Søren Œuvre"),
            (Terms{"schrodinger", "equation", "lukasz", "strasse", "soren", "oeuvre"}));
  EXPECT_EQ(fold_key("Zoë Müller"), fold_key("zoe muller"));
  // × and ÷ separate, as punctuation does.
  EXPECT_EQ(terms_of("3×3"), (Terms{"3", "3"}));
}

TEST(Fold, LowercasesGreekAndCyrillicAndKeepsOtherScripts) {
  EXPECT_EQ(terms_of("ΑΒΓ"), terms_of("αβγ"));
  EXPECT_EQ(terms_of("ТЕОРИЯ"), terms_of("теория"));
  EXPECT_EQ(terms_of("量子 計算"), (Terms{"量子", "計算"}));
  // Mathematical symbols and general punctuation separate words.
  EXPECT_EQ(terms_of("a→b ≤ c—d"), (Terms{"a", "b", "c", "d"}));
}

TEST(Fold, FoldsSimplePlurals) {
  EXPECT_EQ(terms_of("models transformers studies classes"),
            (Terms{"model", "transformer", "study", "class"}));
  // Not plurals, or too short to tell.
  EXPECT_EQ(terms_of("analysis corpus loss gas its ies"),
            (Terms{"analysis", "corpus", "loss", "gas", "its", "ies"}));
  std::string w = "networks";
  fold_plural(w);
  EXPECT_EQ(w, "network");
}

TEST(Fold, MalformedUtf8AndControlsSeparate) {
  EXPECT_EQ(terms_of(std::string("ab\xff"
                                 "cd\x01"
                                 "ef\xc3",
                                 10)),
            (Terms{"ab", "cd", "ef"}));
  EXPECT_EQ(terms_of("<script>alert(\"x\")</script>"), (Terms{"script", "alert", "x", "script"}));
}

TEST(Fold, DropsOverlongTerms) {
  EXPECT_EQ(terms_of(std::string(kMaxTermChars, 'a') + " b"),
            (Terms{std::string(kMaxTermChars, 'a'), "b"}));
  EXPECT_EQ(terms_of(std::string(kMaxTermChars + 1, 'a') + " b"), (Terms{"b"}));
}

TEST(Fold, KeyJoinsTermsWithSingleSpaces) {
  EXPECT_EQ(fold_key("  Attention   is all you NEED.  "), "attention is all you need");
  EXPECT_EQ(fold_key("G. Hinton"), "g hinton");
}

}  // namespace
}  // namespace paperpress
