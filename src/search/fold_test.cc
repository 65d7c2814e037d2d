#include "paperpress/search/fold.h"

#include <gtest/gtest.h>

#include <random>

namespace paperpress {
namespace {

using Terms = std::vector<std::string>;

namespace reference {

constexpr std::string_view kLatinFolds =
    "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|"
    "i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|"
    "e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|"
    "n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|"
    "u|u|u|w|w|y|y|y|z|z|z|z|z|z|s";

struct LatinTable {
  std::string_view fold[0x180 - 0xC0];
  LatinTable() {
    size_t start = 0, n = 0;
    for (size_t i = 0; i <= kLatinFolds.size(); ++i) {
      if (i == kLatinFolds.size() || kLatinFolds[i] == '|') {
        fold[n++] = kLatinFolds.substr(start, i - start);
        start = i + 1;
      }
    }
  }
};

int32_t decode(std::string_view text, size_t& pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || pos + len > text.size()) {
    ++pos;
    return -1;
  }
  int32_t cp = b0 & (0x7F >> len);
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr int32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return -1;
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, int32_t cp) {
  if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (cp & 0x3F));
}

bool separates(int32_t cp) {
  return cp < 0 || (cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp < 0x2C00) ||
         (cp >= 0x3000 && cp < 0x3040) || (cp >= 0xFF00 && cp < 0xFF10);
}

bool ascii_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool ascii_letters(std::string_view w) {
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

bool ends_with(std::string_view w, std::string_view s) {
  return w.size() >= s.size() && w.substr(w.size() - s.size()) == s;
}

void reference_plural(std::string& w) {
  if (w.size() < 4 || !ascii_letters(w)) return;
  if (ends_with(w, "ies")) {
    if (w.size() >= 5) w.replace(w.size() - 3, 3, "y");
  } else if (ends_with(w, "sses")) {
    w.resize(w.size() - 2);
  } else if (w.back() == 's' && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is")) {
    w.pop_back();
  }
}

// The scanner as it was before its fast path (one byte at a time, a std::string per term):
// the reference the fast one must agree with on any input.
std::vector<std::string> reference_terms(std::string_view text_) {
  std::vector<std::string> out;
  size_t pos_ = 0;
  std::string term_;
  static const LatinTable table;
  while (pos_ < text_.size()) {
    term_.clear();
    size_t chars = 0;
    while (pos_ < text_.size()) {
      const auto b = static_cast<unsigned char>(text_[pos_]);
      if (b < 0x80) {  // the common case: a run of ASCII letters and digits at once
        size_t end = pos_;
        while (end < text_.size() && ascii_word(text_[end])) ++end;
        if (end == pos_) {
          ++pos_;
          break;
        }
        const size_t from = term_.size();
        term_.append(text_, pos_, end - pos_);
        for (size_t i = from; i < term_.size(); ++i)
          if (term_[i] <= 'Z' && term_[i] >= 'A') term_[i] = static_cast<char>(term_[i] + 32);
        chars += end - pos_;
        pos_ = end;
        continue;
      }
      int32_t cp = decode(text_, pos_);
      if (separates(cp)) break;
      if (cp >= 0xC0 && cp < 0x180) {
        std::string_view f = table.fold[cp - 0xC0];
        if (f.empty()) break;
        term_ += f;
      } else {
        if (cp >= 0x391 && cp <= 0x3A9)
          cp += 0x20;
        else if (cp >= 0x410 && cp <= 0x42F)
          cp += 0x20;
        else if (cp >= 0x400 && cp <= 0x40F)
          cp += 0x50;
        append_utf8(term_, cp);
      }
      ++chars;
    }
    if (term_.empty() || chars > kMaxTermChars) continue;
    reference_plural(term_);
    out.push_back(term_);
  }
  return out;
}

}  // namespace reference

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

TEST(Fold, FastScannerAgreesWithTheReferenceOnRandomText) {
  // Bytes drawn from pieces that exercise every path: ASCII words and separators, accents
  // (one and two letters), × and ÷, Greek and Cyrillic capitals, CJK, symbols that separate,
  // malformed and truncated UTF-8, plurals, and runs longer than kMaxTermChars.
  // clang-format off
  const std::vector<std::string> pieces = {
      "a", "Z", "9", "s", "ies", "sses", "us", "is", " ", ".", "-", "\n", "\x01", "<",
      "é", "ß", "Æ", "Œ", "×", "÷", "Ω", "Я", "Ѐ", "量", "→", "—", "\xe2\x80\xa8", "\xc3",
      "\xff", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "\xc0\x80", "ABCDEFGHIJ", "klmnopqrst",
      "Studies", "classes", "Modèles", std::string(39, 'x'), std::string(41, 'Y'),
      std::string(20, 'a') + "é" + std::string(19, 'b')};
  // clang-format on
  std::mt19937 rng(22);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    EXPECT_EQ(terms_of(text), reference::reference_terms(text)) << text;
  }
}

TEST(Fold, SplitterAgreesWithTheReferenceOnAsciiAndOtherText) {
  // ASCII pieces only (the splitter's fast path), then any (its fallback), at every length
  // around its 16-byte blocks and 64-bit masks.
  // clang-format off
  const std::vector<std::string> ascii = {"a", "Z", "9", "s", "ies", "sses", "us", " ", ".",
                                          "\t", "\x01", "\x7f", "<", "ABCDEFGHIJ", "klmnop",
                                          "Studies", "x1", std::string(40, 'q'),
                                          std::string(41, 'r'), std::string(70, 'T')};
  const std::vector<std::string> other = {"é", "ß", "×", "量", "\xff", "—"};
  // clang-format on
  std::mt19937 rng(7);
  TermSplitter splitter;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += ascii[rng() % ascii.size()];
    if (i % 4 == 3) text.insert(rng() % (text.size() + 1), other[rng() % other.size()]);
    Terms got;
    splitter.each(text, [&](char* p, size_t len, bool) {
      got.emplace_back(p, len);
      p[0] = '#';  // a caller may change a term's bytes
    });
    EXPECT_EQ(got, reference::reference_terms(text)) << text;
  }
}

}  // namespace
}  // namespace paperpress
