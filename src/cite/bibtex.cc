// How arXiv's metadata becomes BibTeX that BibTeX, biber and LaTeX all accept, whatever a title
// holds. The choices, rule by rule:
//
//  - Text is cleaned first: invalid UTF-8 becomes U+FFFD; control characters (C0, DEL, C1),
//    line and paragraph separators and runs of white space become one space (a newline would
//    end the line, a blank line is \par, which ends a macro's argument with an error).
//  - Non-ASCII text stays UTF-8. arXiv's own export writes UTF-8, biber reads it, LaTeX reads
//    UTF-8 by default since 2018 and BibTeX copies the bytes through; mapping to TeX accents
//    would lose every script that has none (Greek, Cyrillic, CJK names). The one cost: classic
//    BibTeX's abbreviating styles cut a first name's initial to its first byte.
//  - Math is $...$ by pandoc's rule: the opening $ is followed by a non-space, the closing one
//    preceded by a non-space and not followed by a digit, so "$5 and $10" holds no math and
//    both dollars are written \$. $$...$$ becomes inline math (a displayed equation has no place
//    in a reference). Inside math, _ and ^ keep their meaning.
//  - & % # are escaped everywhere, math included: each breaks TeX in any mode (% would comment
//    out the rest of the .bbl line). Outside math _ is \_, and ^ < > | are \textasciicircum{}
//    \textless{} \textgreater{} \textbar{} (in LaTeX's default font encoding < > | print as
//    other glyphs). A lone $ is \$.
//  - Braces: BibTeX and biber count every brace, escaped or not, so a field's braces must
//    balance counting \{ and \} too. Braces are paired as TeX pairs them: { with }, \{ with \},
//    within the text and within each math span on its own (a group cannot cross a $). A brace
//    left without a partner is written as a command that holds no brace: \textbraceleft{} and
//    \textbraceright{} in text, \lbrace{} and \rbrace{} in math. The writer checks its own
//    result and, were it ever unbalanced, drops every brace rather than write a broken entry.
//  - TeX commands: only a known, harmless vocabulary is kept: accents, letters (\o, \ss),
//    logos (\LaTeX), symbols, font commands, and in math the usual symbols, operators, fonts and
//    delimiters (amsmath and amssymb names included, as in the papers the titles come from).
//    Any other command (\input, \end, \def, \write, \catcode, \csname, \url, ...) is shown as
//    text, its backslash written \textbackslash{} (\backslash{} in math), so a title can
//    neither run code nor end the bibliography. A math symbol used outside math ("\alpha-helix")
//    is written \ensuremath{\alpha}. TeX's ^^ notation (^^5c is a backslash) cannot form: a ^
//    following a ^ in math is written {\wedge}, and no raw ^ is written outside math.
//    \\ (a forced line break) becomes a space.
//  - The title keeps arXiv's single braces, title={...}, rather than title={{...}}: double
//    braces freeze the title's case, which defeats the styles that set titles in sentence case
//    (plain.bst, IEEEtran, ACM and most journals' styles lowercase them), so a title case
//    "Attention Is All You Need" would print that way in a bibliography of sentence-case
//    titles. What must keep its case whatever the style is protected one by one, as careful
//    authors do by hand: math ({$O(n \log n)$}: a style would otherwise turn O into o, big-O
//    into little-o), words with a capital after their first letter ({BERT}, {ImageNet}, {3D}),
//    commands with capitals ({\LaTeX}; BibTeX lowercases a command's name outside braces) and
//    accented letters ({\"o}, BibTeX's own form of a special character).
//  - Authors are joined with " and "; a name that BibTeX would split or reorder (it holds a
//    comma or the word "and") is braced whole, which BibTeX and biber read as one name printed
//    as it is. A name "others" is braced too, which keeps it a name for BibTeX (biber reads it
//    as "et al." all the same).
//  - The journal reference goes in note={...}, not journal={...}: an @misc has no journal in
//    BibTeX's standard styles (plain.bst ignores it) nor in biblatex's misc driver, while every
//    style prints a note; and arXiv's journal_ref is one free text ("Phys. Rev. D 76, 044016
//    (2007)"), not the name of a journal.
//  - The DOI is written as it is (biblatex reads doi as a verbatim field and links it; \_
//    would break the link), so it is kept only when it is one token of printable ASCII
//    starting "10." with none of { } \ % # " in it; a doi.org URL or "doi:" prefix is removed.
#include "paperpress/cite/bibtex.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

constexpr bool is_ascii_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_upper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}

size_t utf8_length(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// Cleaning

std::string clean_text(std::string_view raw) {
  std::string valid = find_invalid_utf8(raw) ? repair_utf8(raw) : std::string(raw);
  std::string out;
  out.reserve(valid.size());
  bool pending_space = false;
  for (size_t i = 0; i < valid.size();) {
    const auto c = static_cast<unsigned char>(valid[i]);
    size_t len = utf8_length(c);
    bool blank = c <= 0x20 || c == 0x7F;
    if (c == 0xC2 && static_cast<unsigned char>(valid[i + 1]) < 0xA0) blank = true;  // C1
    if (c == 0xE2 && (valid.compare(i, 3, "\xE2\x80\xA8") == 0 ||                    // U+2028
                      valid.compare(i, 3, "\xE2\x80\xA9") == 0)) {                   // U+2029
      blank = true;
    }
    if (blank) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(valid, i, len);
    }
    i += len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Math spans: [open, begin) is the opening delimiter, [begin, end) the math, [end, close_end)
// the closing delimiter.

struct MathSpan {
  size_t open, begin, end, close_end;
};

// clean_text leaves no other white space.
bool is_blank(char c) {
  return c == ' ';
}

std::optional<MathSpan> math_at(std::string_view s, size_t i) {
  const size_t n = s.size();
  if (i + 1 < n && s[i + 1] == '$') {  // $$...$$
    for (size_t j = i + 2; j < n; ++j) {
      if (s[j] == '\\') {
        ++j;
      } else if (s[j] == '$') {
        if (j + 1 < n && s[j + 1] == '$' && j > i + 2) return MathSpan{i, i + 2, j, j + 2};
        return std::nullopt;
      }
    }
    return std::nullopt;
  }
  if (i + 1 >= n || is_blank(s[i + 1])) return std::nullopt;
  for (size_t j = i + 1; j < n; ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '$') {
      if (j + 1 < n && is_ascii_digit(s[j + 1])) continue;  // "$5-$10": not a closing $
      if (is_blank(s[j - 1])) return std::nullopt;
      return MathSpan{i, i + 1, j, j + 1};
    }
  }
  return std::nullopt;
}

std::vector<MathSpan> find_math(std::string_view s) {
  std::vector<MathSpan> spans;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\\') {
      i += 2;
    } else if (s[i] != '$') {
      ++i;
    } else if (auto span = math_at(s, i)) {
      spans.push_back(*span);
      i = span->close_end;
    } else {
      ++i;
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// The TeX vocabulary kept. Each list is sorted once on first use and searched by binary search.

class Vocabulary {
 public:
  template <size_t N>
  explicit Vocabulary(const std::string_view (&words)[N]) : words_(words, words + N) {
    std::sort(words_.begin(), words_.end());
  }
  bool has(std::string_view word) const {
    return std::binary_search(words_.begin(), words_.end(), word);
  }

 private:
  std::vector<std::string_view> words_;
};

// Text commands without an argument, written {\name} at brace depth 0 (BibTeX's special
// character: its case is kept, and purify$ sorts it as a letter).
constexpr std::string_view kTextSymbols[] = {
    // letters
    "AA", "AE", "L", "O", "OE", "SS", "aa", "ae", "i", "j", "l", "o", "oe", "ss",
    // logos
    "LaTeX", "LaTeXe", "TeX",
    // symbols (LaTeX's kernel, textcomp included)
    "P", "S", "copyright", "dag", "ddag", "dots", "ldots", "pounds", "slash", "textasciicircum",
    "textasciitilde", "textbackslash", "textbar", "textbraceleft", "textbraceright", "textbullet",
    "textcopyright", "textdagger", "textdaggerdbl", "textdegree", "textdiv", "textellipsis",
    "textemdash", "textendash", "textexclamdown", "textgreater", "textless", "textmu",
    "textonehalf", "textparagraph", "textperiodcentered", "textpm", "textquestiondown",
    "textquotedblleft", "textquotedblright", "textquoteleft", "textquoteright", "textregistered",
    "textsection", "texttimes", "texttrademark", "textunderscore", "textvisiblespace",
    // spaces
    "quad", "qquad"};

// Text commands kept as they are: font switches and commands taking an argument.
constexpr std::string_view kTextSwitches[] = {"bf", "em", "it", "rm", "sc", "sf", "sl", "tt"};
constexpr std::string_view kTextCommands[] = {
    // font switches
    "bf", "em", "it", "rm", "sc", "sf", "sl", "tt",
    // with an argument
    "emph", "mbox", "textbf", "textit", "textmd", "textnormal", "textrm", "textsc", "textsf",
    "textsl", "textsubscript", "textsuperscript", "texttt", "textup", "underline"};

// Accents named by a letter (\v{c}); the ones named by a symbol are in kAccentSymbols.
constexpr std::string_view kTextAccents[] = {"H", "b", "c", "d", "k", "r", "t", "u", "v"};
constexpr std::string_view kAccentSymbols = "'\"^`~=.";

// Math symbols that take no argument: kept in math, \ensuremath{...} in text.
constexpr std::string_view kMathSymbols[] = {
    // Greek
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
    "iota", "kappa", "varkappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
    "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "digamma",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    // binary operators
    "pm", "mp", "times", "div", "cdot", "ast", "star", "circ", "bullet", "oplus", "ominus",
    "otimes", "oslash", "odot", "cup", "cap", "sqcup", "sqcap", "uplus", "vee", "wedge", "land",
    "lor", "setminus", "wr", "dagger", "ddagger", "amalg", "diamond", "triangleleft",
    "triangleright", "bigtriangleup", "bigtriangledown", "rtimes", "ltimes",
    // relations
    "leq", "le", "geq", "ge", "neq", "ne", "equiv", "sim", "simeq", "approx", "cong", "propto",
    "ll", "gg", "lll", "ggg", "lesssim", "gtrsim", "leqslant", "geqslant", "prec", "succ", "preceq",
    "succeq", "subset", "supset", "subseteq", "supseteq", "subsetneq", "supsetneq", "sqsubset",
    "sqsupset", "sqsubseteq", "sqsupseteq", "in", "ni", "notin", "perp", "parallel", "mid", "nmid",
    "vdash", "dashv", "models", "asymp", "doteq", "bowtie", "smile", "frown", "lhd", "rhd", "unlhd",
    "unrhd", "trianglelefteq", "trianglerighteq", "approxeq", "backsim", "nsim", "ncong", "nleq",
    "ngeq", "lessgtr", "gtrless", "vDash", "Vdash",
    // arrows
    "to", "gets", "leftarrow", "rightarrow", "Leftarrow", "Rightarrow", "leftrightarrow",
    "Leftrightarrow", "longleftarrow", "longrightarrow", "Longleftarrow", "Longrightarrow",
    "longleftrightarrow", "Longleftrightarrow", "mapsto", "longmapsto", "uparrow", "downarrow",
    "updownarrow", "Uparrow", "Downarrow", "Updownarrow", "hookleftarrow", "hookrightarrow",
    "leftharpoonup", "rightharpoonup", "leftharpoondown", "rightharpoondown", "rightleftharpoons",
    "leftrightarrows", "rightleftarrows", "iff", "implies", "impliedby", "nearrow", "searrow",
    "swarrow", "nwarrow", "leadsto", "rightsquigarrow", "twoheadrightarrow", "twoheadleftarrow",
    "rightarrowtail", "circlearrowleft", "circlearrowright", "curvearrowright",
    // other symbols
    "infty", "nabla", "partial", "forall", "exists", "nexists", "neg", "lnot", "emptyset",
    "varnothing", "ell", "hbar", "hslash", "imath", "jmath", "wp", "Re", "Im", "aleph", "beth",
    "gimel", "prime", "backprime", "backslash", "angle", "measuredangle", "top", "bot", "surd",
    "flat", "natural", "sharp", "clubsuit", "diamondsuit", "heartsuit", "spadesuit", "triangle",
    "square", "blacksquare", "Box", "Diamond", "checkmark", "dots", "ldots", "cdots", "vdots",
    "ddots", "colon", "lbrace", "rbrace", "langle", "rangle", "lceil", "rceil", "lfloor", "rfloor",
    "vert", "Vert", "lvert", "rvert", "lVert", "rVert", "complement", "mho",
    // big operators
    "sum", "prod", "coprod", "int", "iint", "iiint", "oint", "bigcup", "bigcap", "bigoplus",
    "bigotimes", "bigodot", "biguplus", "bigvee", "bigwedge", "bigsqcup",
    // functions
    "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "det", "dim",
    "exp", "gcd", "hom", "inf", "ker", "lg", "lim", "liminf", "limsup", "ln", "log", "max", "min",
    "Pr", "sec", "sin", "sinh", "sup", "tan", "tanh"};

// Math commands that take an argument or shape what follows: kept in math only.
constexpr std::string_view kMathCommands[] = {
    "frac",         "dfrac",    "tfrac",          "binom",         "sqrt",       "hat",
    "widehat",      "bar",      "overline",       "underline",     "tilde",      "widetilde",
    "vec",          "dot",      "ddot",           "breve",         "check",      "acute",
    "grave",        "mathring", "overrightarrow", "overleftarrow", "underbrace", "overbrace",
    "mathrm",       "mathbf",   "mathit",         "mathsf",        "mathtt",     "mathcal",
    "mathbb",       "mathfrak", "mathscr",        "boldsymbol",    "bm",         "pmb",
    "operatorname", "text",     "textrm",         "textbf",        "textit",     "textsf",
    "texttt",       "mbox",     "left",           "right",         "middle",     "big",
    "Big",          "bigg",     "Bigg",           "bigl",          "bigr",       "Bigl",
    "Bigr",         "biggl",    "biggr",          "quad",          "qquad",      "displaystyle",
    "textstyle",    "limits",   "nolimits",       "not",           "cal",        "stackrel",
    "overset",      "underset"};

// The letters among them (\o is ø, \ss is ß).
bool is_tex_letter(std::string_view name) {
  for (std::string_view letter :
       {"AA", "AE", "L", "O", "OE", "SS", "aa", "ae", "i", "j", "l", "o", "oe", "ss"}) {
    if (name == letter) return true;
  }
  return false;
}

const Vocabulary& text_symbols() {
  static const Vocabulary v(kTextSymbols);
  return v;
}
const Vocabulary& text_commands() {
  static const Vocabulary v(kTextCommands);
  return v;
}
const Vocabulary& text_switches() {
  static const Vocabulary v(kTextSwitches);
  return v;
}
const Vocabulary& text_accents() {
  static const Vocabulary v(kTextAccents);
  return v;
}
const Vocabulary& math_symbols() {
  static const Vocabulary v(kMathSymbols);
  return v;
}
const Vocabulary& math_commands() {
  static const Vocabulary v(kMathCommands);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Tokens of a cleaned text.

enum class Kind : uint8_t {
  kChar,       // one UTF-8 character
  kOpen,       // {
  kClose,      // }
  kEscOpen,    // \{
  kEscClose,   // \}
  kWord,       // \name: [begin, end) is the name
  kSymbol,     // \c: [begin, end) is c
  kBackslash,  // a \ followed by nothing or by a non-ASCII character
  kDollar,     // a $ that opens no math
  kMathOpen,
  kMathClose,
};

struct Token {
  Kind kind;
  bool math;
  uint32_t begin, end;
  int32_t partner = -1;  // the brace's partner, -1 when unmatched
};

std::vector<Token> tokenize(std::string_view s) {
  const std::vector<MathSpan> spans = find_math(s);
  std::vector<Token> tokens;
  size_t next_span = 0;
  bool math = false;
  auto push = [&](Kind kind, size_t begin, size_t end) {
    tokens.push_back(Token{kind, math, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  };
  for (size_t i = 0; i < s.size();) {
    if (!math && next_span < spans.size() && i >= spans[next_span].open) {
      push(Kind::kMathOpen, i, spans[next_span].begin);
      math = true;
      i = spans[next_span].begin;
      continue;
    }
    if (math && i >= spans[next_span].end) {
      push(Kind::kMathClose, spans[next_span].end, spans[next_span].close_end);
      math = false;
      i = spans[next_span].close_end;
      ++next_span;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      const auto d = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
      if (is_ascii_letter(d)) {
        size_t j = i + 1;
        while (j < s.size() && is_ascii_letter(static_cast<unsigned char>(s[j]))) ++j;
        push(Kind::kWord, i + 1, j);
        i = j;
      } else if (d != 0 && d < 0x80) {
        push(d == '{' ? Kind::kEscOpen : d == '}' ? Kind::kEscClose : Kind::kSymbol, i + 1, i + 2);
        i += 2;
      } else {
        push(Kind::kBackslash, i, i + 1);
        ++i;
      }
    } else if (c == '{' || c == '}') {
      push(c == '{' ? Kind::kOpen : Kind::kClose, i, i + 1);
      ++i;
    } else if (c == '$') {
      push(Kind::kDollar, i, i + 1);
      ++i;
    } else {
      const size_t len = std::min(utf8_length(c), s.size() - i);
      push(Kind::kChar, i, i + len);
      i += len;
    }
  }
  if (math) push(Kind::kMathClose, s.size(), s.size());  // not reached: spans close
  return tokens;
}

// Pairs { with } and \{ with \}, in the text and in each math span on its own.
void match_braces(std::vector<Token>& tokens) {
  std::vector<int32_t> text_raw, text_esc, math_raw, math_esc;
  for (int32_t i = 0; i < static_cast<int32_t>(tokens.size()); ++i) {
    Token& t = tokens[i];
    auto& raw = t.math ? math_raw : text_raw;
    auto& esc = t.math ? math_esc : text_esc;
    switch (t.kind) {
      case Kind::kMathOpen:
        math_raw.clear();
        math_esc.clear();
        break;
      case Kind::kOpen:
        raw.push_back(i);
        break;
      case Kind::kEscOpen:
        esc.push_back(i);
        break;
      case Kind::kClose:
      case Kind::kEscClose: {
        auto& stack = t.kind == Kind::kClose ? raw : esc;
        if (!stack.empty()) {
          t.partner = stack.back();
          tokens[stack.back()].partner = i;
          stack.pop_back();
        }
        break;
      }
      default:
        break;
    }
  }
}

// True when BibTeX would find the braces of `text` balanced.
bool braces_balance(std::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '{') ++depth;
    if (c == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

// ---------------------------------------------------------------------------------------------
// The writer.

class TexWriter {
 public:
  TexWriter(std::string_view s, BibtexText kind)
      : s_(s), kind_(kind), tokens_(tokenize(s)), close_after_(tokens_.size(), 0) {
    match_braces(tokens_);
  }

  std::string write() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      i = write_token(i);
      for (int n = close_after_[i]; n > 0; --n) close_group();
    }
    flush_word();
    // A space left last by a removed \\ (never a control space: the cleaned text has no space
    // at its end, so none can follow a backslash there).
    if (out_.size() >= 2 && out_.back() == ' ' && out_[out_.size() - 2] != '\\') out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string_view text(const Token& t) const { return s_.substr(t.begin, t.end - t.begin); }
  bool title() const { return kind_ == BibtexText::kTitle; }

  void open_group() {
    out_ += '{';
    ++depth_;
  }
  void close_group() {
    out_ += '}';
    --depth_;
  }

  // Words of a title at depth 0 with a capital after their first letter are braced.
  void add_word_char(std::string_view ch) {
    if (!title() || depth_ != 0) {
      out_ += ch;
      return;
    }
    if (word_start_ == std::string::npos) {
      word_start_ = out_.size();
      word_capital_ = false;
    } else if (is_ascii_upper(static_cast<unsigned char>(ch[0]))) {
      word_capital_ = true;
    }
    out_ += ch;
  }
  void flush_word() {
    if (word_start_ != std::string::npos && word_capital_) {
      out_.insert(word_start_, 1, '{');
      out_ += '}';
    }
    word_start_ = std::string::npos;
  }

  // After a command kept as it is, a space where the next character would join its name (a
  // letter, or in XeTeX and LuaTeX any non-ASCII character); TeX skips it.
  void separate_command(size_t i) {
    if (i + 1 >= tokens_.size() || tokens_[i + 1].kind != Kind::kChar) return;
    const auto c = static_cast<unsigned char>(s_[tokens_[i + 1].begin]);
    if (is_ascii_letter(c) || c >= 0x80) out_ += ' ';
  }

  // A space, unless the text starts here or a space precedes (what a removed \\ leaves).
  void write_space() {
    if (!out_.empty() && out_.back() != ' ') out_ += ' ';
  }

  void write_text_char(std::string_view ch) {
    const auto c = static_cast<unsigned char>(ch[0]);
    if (c >= 0x80 || is_ascii_letter(c) || is_ascii_digit(c)) {
      add_word_char(ch);
      return;
    }
    flush_word();
    switch (c) {
      case '&':
        out_ += "\\&";
        break;
      case '%':
        out_ += "\\%";
        break;
      case '#':
        out_ += "\\#";
        break;
      case '_':
        out_ += "\\_";
        break;
      case '^':
        out_ += "\\textasciicircum{}";
        break;
      case '<':
        out_ += "\\textless{}";
        break;
      case '>':
        out_ += "\\textgreater{}";
        break;
      case '|':
        out_ += "\\textbar{}";
        break;
      case '$':
        out_ += "\\$";
        break;
      case ' ':
        write_space();
        break;
      default:
        out_ += ch;
    }
  }

  void write_math_char(std::string_view ch) {
    switch (ch[0]) {
      case '&':
        out_ += "\\&";
        break;
      case '%':
        out_ += "\\%";
        break;
      case '#':
        out_ += "\\#";
        break;
      case '^':
        out_ += !out_.empty() && out_.back() == '^' ? "{\\wedge}" : "^";
        break;
      case ' ':
        write_space();
        break;
      default:
        out_ += ch;
    }
  }

  void write_char(std::string_view ch, bool math) {
    if (math) {
      write_math_char(ch);
    } else {
      write_text_char(ch);
    }
  }

  // A command not kept: its backslash shown, then its name or character as text.
  void write_shown(std::string_view name, bool math) {
    flush_word();
    out_ += math ? "\\backslash{}" : "\\textbackslash{}";
    for (size_t k = 0; k < name.size();) {
      const size_t len =
          std::min(utf8_length(static_cast<unsigned char>(name[k])), name.size() - k);
      write_char(name.substr(k, len), math);
      k += len;
    }
  }

  // An accent and its argument (a letter, \i or \j, or a group), as {\"o} at depth 0; an
  // accent without an argument is shown as text. Returns the last token written.
  size_t write_accent(size_t i, std::string_view accent, bool named) {
    size_t j = i + 1;
    while (j < tokens_.size() && tokens_[j].kind == Kind::kChar && s_[tokens_[j].begin] == ' ') {
      ++j;
    }
    enum { kNone, kLetter, kDotless, kGroup } arg = kNone;
    if (j < tokens_.size()) {
      const Token& t = tokens_[j];
      if (t.kind == Kind::kChar && is_ascii_letter(static_cast<unsigned char>(s_[t.begin]))) {
        arg = kLetter;
      } else if (t.kind == Kind::kWord && (text(t) == "i" || text(t) == "j")) {
        arg = kDotless;
      } else if (t.kind == Kind::kOpen && t.partner > static_cast<int32_t>(j)) {
        arg = kGroup;
      }
    }
    if (arg == kNone) {
      write_shown(accent, false);
      return i;
    }
    flush_word();
    const bool wrap = depth_ == 0;
    if (wrap) open_group();
    out_ += '\\';
    out_ += accent;
    switch (arg) {
      case kLetter:
        if (named) out_ += ' ';
        out_ += text(tokens_[j]);
        if (wrap) close_group();
        return j;
      case kDotless:
        out_ += "\\";
        out_ += text(tokens_[j]);
        if (wrap) close_group();
        return j;
      default:  // the group is written by the caller's loop, closed after its partner
        if (wrap) ++close_after_[tokens_[j].partner];
        return j - 1;
    }
  }

  size_t write_word(size_t i) {
    const Token& t = tokens_[i];
    const std::string_view name = text(t);
    flush_word();
    if (t.math) {
      if (math_symbols().has(name) || math_commands().has(name)) {
        out_ += '\\';
        out_ += name;
        separate_command(i);
      } else {
        write_shown(name, true);
      }
      return i;
    }
    if (text_accents().has(name)) return write_accent(i, name, true);
    if (text_symbols().has(name)) {
      if (depth_ == 0) {
        out_ += "{\\";
        out_ += name;
        out_ += '}';
        // TeX swallows the space after a command: "Stra\ss e" is one word, which {\ss} e
        // would split. After a letter that space goes with the command; after a logo or a
        // symbol ("\LaTeX Companion") it is kept, as the author meant it.
        if (is_tex_letter(name) && i + 1 < tokens_.size() && tokens_[i + 1].kind == Kind::kChar &&
            s_[tokens_[i + 1].begin] == ' ') {
          return i + 1;
        }
      } else {
        out_ += '\\';
        out_ += name;
        separate_command(i);
      }
    } else if (text_commands().has(name)) {
      out_ += '\\';
      out_ += name;
      separate_command(i);
    } else if (math_symbols().has(name)) {
      out_ += "\\ensuremath{\\";
      out_ += name;
      out_ += '}';
    } else {
      write_shown(name, false);
    }
    return i;
  }

  size_t write_symbol(size_t i) {
    const Token& t = tokens_[i];
    const char c = s_[t.begin];
    flush_word();
    if (c == '\\') {  // \\, a forced line break
      write_space();
      return i;
    }
    if (!t.math && kAccentSymbols.find(c) != std::string_view::npos) {
      return write_accent(i, text(t), false);
    }
    constexpr std::string_view kTextKept = "&%$#_ ,;:!-/@";
    constexpr std::string_view kMathKept = "&%$#_ ,;:!|>";
    if ((t.math ? kMathKept : kTextKept).find(c) != std::string_view::npos) {
      out_ += '\\';
      out_ += c;
    } else {
      write_shown(text(t), t.math);
    }
    return i;
  }

  // A group of a title at depth 0 that starts with a font switch ({\em Foo}) is, for BibTeX, a
  // special character whose letters a style's change of case still reaches; it gets a second
  // pair of braces, which protects it.
  bool starts_with_switch(size_t i) const {
    const Token& t = tokens_[i];
    return title() && depth_ == 0 && t.kind == Kind::kOpen && t.partner >= 0 &&
           i + 1 < tokens_.size() && tokens_[i + 1].kind == Kind::kWord &&
           text_switches().has(text(tokens_[i + 1]));
  }

  void write_brace(size_t i) {
    const Token& t = tokens_[i];
    const bool open = t.kind == Kind::kOpen || t.kind == Kind::kEscOpen;
    if (starts_with_switch(i)) {
      open_group();
      ++close_after_[t.partner];
    }
    if (t.partner < 0) {
      out_ += t.math ? (open ? "\\lbrace{}" : "\\rbrace{}")
                     : (open ? "\\textbraceleft{}" : "\\textbraceright{}");
      return;
    }
    if (t.kind == Kind::kEscOpen || t.kind == Kind::kEscClose) out_ += '\\';
    if (open) {
      open_group();
    } else {
      close_group();
    }
  }

  size_t write_token(size_t i) {
    const Token& t = tokens_[i];
    switch (t.kind) {
      case Kind::kChar:
        write_char(text(t), t.math);
        return i;
      case Kind::kOpen:
      case Kind::kClose:
      case Kind::kEscOpen:
      case Kind::kEscClose:
        flush_word();
        write_brace(i);
        return i;
      case Kind::kWord:
        return write_word(i);
      case Kind::kSymbol:
        return write_symbol(i);
      case Kind::kBackslash:
        flush_word();
        out_ += t.math ? "\\backslash{}" : "\\textbackslash{}";
        return i;
      case Kind::kDollar:
        flush_word();
        out_ += "\\$";
        return i;
      case Kind::kMathOpen:
        flush_word();
        math_wrapped_ = title() && depth_ == 0;
        if (math_wrapped_) open_group();
        out_ += '$';
        return i;
      case Kind::kMathClose:
        out_ += '$';
        if (math_wrapped_) close_group();
        math_wrapped_ = false;
        return i;
    }
    return i;
  }

  std::string_view s_;
  BibtexText kind_;
  std::vector<Token> tokens_;
  std::vector<int> close_after_;  // groups to close after each token (accents' arguments)
  std::string out_;
  int depth_ = 0;
  bool math_wrapped_ = false;
  size_t word_start_ = std::string::npos;
  bool word_capital_ = false;
};

// ---------------------------------------------------------------------------------------------
// Authors

// True when BibTeX would not read `name` (written) as one name in "First Last" order: a comma
// or the word "and" at depth 0, or the name "others".
bool needs_name_braces(std::string_view name) {
  if (equals_ignoring_case(name, "others")) return true;
  int depth = 0;
  size_t word_begin = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    const char c = i < name.size() ? name[i] : ' ';
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (depth == 0 && c == ',') return true;
    if (c == ' ') {
      if (depth == 0 && equals_ignoring_case(name.substr(word_begin, i - word_begin), "and")) {
        return true;
      }
      word_begin = i + 1;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Field values that are identifiers

std::string keep_chars(std::string_view text, std::string_view allowed_punctuation) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (is_ascii_letter(u) || is_ascii_digit(u) ||
        allowed_punctuation.find(c) != std::string_view::npos) {
      out += c;
    }
  }
  return out;
}

std::string clean_doi(std::string_view raw) {
  std::string_view doi = trim(raw);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi:"}) {
    if (doi.size() >= prefix.size() && equals_ignoring_case(doi.substr(0, prefix.size()), prefix)) {
      doi.remove_prefix(prefix.size());
      break;
    }
  }
  doi = doi.substr(0, std::min(doi.find(' '), doi.find('\t')));  // arXiv may list several
  if (!starts_with(doi, "10.") || doi.size() < 5) return {};
  for (char c : doi) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || std::string_view("{}\\%#\"").find(c) != std::string_view::npos) {
      return {};
    }
  }
  return std::string(doi);
}

// The year of the first version: from `published`, else from a new-style id's YYMM or an
// old-style id's YYMMNNN.
std::string year_of(std::string_view published, std::string_view id) {
  auto digits = [](std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return is_ascii_digit(c); });
  };
  if (published.size() >= 4 && digits(published.substr(0, 4)) &&
      (published.size() == 4 || published[4] == '-')) {
    return std::string(published.substr(0, 4));
  }
  const size_t slash = id.find('/');
  std::string_view number = slash == std::string_view::npos ? id : id.substr(slash + 1);
  if (number.size() < 4 || !digits(number.substr(0, 2))) return {};
  const int yy = (number[0] - '0') * 10 + (number[1] - '0');
  if (slash == std::string_view::npos) {
    if (number.size() < 5 || number[4] != '.') return {};
    return std::to_string(2000 + yy);
  }
  return std::to_string(yy >= 91 ? 1900 + yy : 2000 + yy);
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += "      ";
  out += name;
  out += "={";
  out += value;
  out += "},\n";
}

// ---------------------------------------------------------------------------------------------
// Keys

// TeX's letters, folded.
std::string_view tex_letter_fold(std::string_view name) {
  static const std::unordered_map<std::string_view, std::string_view> kLetters = {
      {"o", "o"},   {"O", "o"},   {"l", "l"},   {"L", "l"},   {"ss", "ss"},
      {"SS", "ss"}, {"ae", "ae"}, {"AE", "ae"}, {"oe", "oe"}, {"OE", "oe"},
      {"aa", "a"},  {"AA", "a"},  {"i", "i"},   {"j", "j"}};
  auto it = kLetters.find(name);
  return it == kLetters.end() ? std::string_view() : it->second;
}

// `text` folded for a key: ASCII letters lowercased, digits, Latin letters without their
// accents, TeX's accents and letters read as TeX reads them, braces ignored; anything else
// becomes a space. Apostrophes are dropped ("O'Brien" → "obrien") or, for title words, spaces.
std::string key_fold(std::string_view text, bool apostrophe_splits) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      size_t j = i + 1;
      while (j < text.size() && is_ascii_letter(static_cast<unsigned char>(text[j]))) ++j;
      if (j > i + 1) {
        out += tex_letter_fold(text.substr(i + 1, j - i - 1));
        i = j;
      } else {
        i += 2;  // an accent, or an escaped character
      }
      continue;
    }
    if (c == '{' || c == '}') {
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (is_ascii_letter(c) || is_ascii_digit(c)) {
        out += ascii_lower(static_cast<char>(c));
      } else if (c != '\'' || apostrophe_splits) {
        out += ' ';
      }
      ++i;
      continue;
    }
    const size_t len = std::min(utf8_length(c), text.size() - i);
    uint32_t cp =
        len == 2 ? ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F) : 0;
    if (len == 3 && text.compare(i, len, "\xE2\x80\x99") == 0) {  // ’
      if (apostrophe_splits) out += ' ';
    } else if (std::string_view fold = latin_fold(cp); !fold.empty()) {
      out += fold;
    } else {
      out += ' ';
    }
    i += len;
  }
  return out;
}

constexpr std::string_view kStopWords[] = {
    "a",      "about",   "above", "after",   "again", "against", "all",    "am",      "an",
    "and",    "any",     "are",   "as",      "at",    "be",      "been",   "before",  "being",
    "below",  "between", "both",  "but",     "by",    "can",     "could",  "did",     "do",
    "does",   "doing",   "down",  "during",  "each",  "few",     "for",    "from",    "further",
    "had",    "has",     "have",  "having",  "he",    "her",     "here",   "hers",    "him",
    "his",    "how",     "i",     "if",      "in",    "into",    "is",     "it",      "its",
    "itself", "just",    "me",    "more",    "most",  "my",      "no",     "nor",     "not",
    "now",    "of",      "off",   "on",      "once",  "only",    "onto",   "or",      "other",
    "our",    "out",     "over",  "own",     "same",  "she",     "should", "so",      "some",
    "such",   "than",    "that",  "the",     "their", "them",    "then",   "there",   "these",
    "they",   "this",    "those", "through", "to",    "too",     "toward", "towards", "under",
    "until",  "up",      "upon",  "very",    "via",   "was",     "we",     "were",    "what",
    "when",   "where",   "which", "while",   "who",   "whom",    "why",    "will",    "with",
    "within", "would",   "you"};

bool is_stop_word(std::string_view word) {
  static const Vocabulary stop(kStopWords);
  return stop.has(word);
}

std::string surname_key(std::string_view author) {
  std::string name = clean_text(author);
  std::string_view before_comma = std::string_view(name).substr(0, name.find(','));
  std::vector<std::string> tokens = split(before_comma, ' ');
  std::vector<std::string> folded;
  for (const auto& t : tokens) {
    std::string f;
    for (char c : key_fold(t, false)) {
      if (c != ' ') f += c;
    }
    folded.push_back(std::move(f));
  }
  for (size_t k = folded.size(); k-- > 0;) {
    const std::string& f = folded[k];
    const bool suffix = f == "jr" || f == "sr" || f == "ii" || f == "iii" || f == "iv";
    const bool group = f == "collaboration" || f == "collaborations" || f == "consortium";
    if (f.empty() || ((suffix || group) && k > 0)) continue;
    return f;
  }
  return {};
}

std::string title_word_key(std::string_view title) {
  std::string text = clean_text(title);
  for (const MathSpan& span : find_math(text)) {
    std::fill(text.begin() + span.open, text.begin() + span.close_end, ' ');
  }
  for (const std::string& word : split(key_fold(text, true), ' ')) {
    if (word.size() >= 2 && !is_stop_word(word)) return word;
  }
  return {};
}

std::string suffix_letters(size_t n) {  // 0 → "a", 25 → "z", 26 → "aa"
  std::string s;
  for (++n; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('a' + (n - 1) % 26));
  return s;
}

}  // namespace

// Most titles and names hold nothing TeX or BibTeX reads specially: single-spaced letters,
// digits, punctuation and valid UTF-8. For them the writer's result is known without tokens:
// the text as it is, a title's words with a capital after their first letter braced. nullopt
// for any other text, which the writer takes.
std::optional<std::string> plain_bibtex_text(std::string_view text, BibtexText kind) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ' || find_invalid_utf8(text))
    return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = [&](size_t k) {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    if (c < 0x20 || c == 0x7F || (c == ' ' && next(1) == ' ')) return std::nullopt;
    if (c == 0xC2 && next(1) < 0xA0) return std::nullopt;  // C1 controls
    if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9))
      return std::nullopt;  // line and paragraph separators
    switch (c) {
      case '\\':
      case '{':
      case '}':
      case '$':
      case '&':
      case '%':
      case '#':
      case '_':
      case '^':
      case '<':
      case '>':
      case '|':
        return std::nullopt;
      default:
        break;
    }
  }
  if (kind == BibtexText::kPlain) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  auto word_char = [](unsigned char c) {
    return c >= 0x80 || is_ascii_letter(c) || is_ascii_digit(c);
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!word_char(c)) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t end = i + 1;
    bool capital = false;
    while (end < text.size() && word_char(static_cast<unsigned char>(text[end]))) {
      capital = capital || is_ascii_upper(static_cast<unsigned char>(text[end]));
      ++end;
    }
    if (capital) out += '{';
    out.append(text.substr(i, end - i));
    if (capital) out += '}';
    i = end;
  }
  return out;
}

std::string bibtex_text(std::string_view text, BibtexText kind) {
  if (auto plain = plain_bibtex_text(text, kind)) return std::move(*plain);
  std::string cleaned = clean_text(text);
  std::string out = TexWriter(cleaned, kind).write();
  if (!braces_balance(out)) {  // never expected; a broken entry is worse than lost braces
    std::erase_if(out, [](char c) { return c == '{' || c == '}'; });
  }
  return out;
}

std::string bibtex_key(const BibtexPaper& paper) {
  std::string key = paper.authors.empty() ? std::string() : surname_key(paper.authors.front());
  if (key.empty()) key = "anon";
  key += year_of(paper.published, paper.id);
  key += title_word_key(paper.title);
  return key;
}

void append_bibtex(std::string& out, const BibtexPaper& paper, std::string_view key) {
  std::string safe_key = keep_chars(key, "_:.-");
  if (safe_key.empty()) safe_key = "arxiv";
  const std::string id = keep_chars(paper.id, "./-");

  std::string authors;
  for (std::string_view author : paper.authors) {
    std::string name = bibtex_text(author, BibtexText::kPlain);
    if (name.empty()) continue;
    if (!authors.empty()) authors += " and ";
    if (needs_name_braces(name)) {
      authors += '{';
      authors += name;
      authors += '}';
    } else {
      authors += name;
    }
  }

  out += "@misc{";
  out += safe_key;
  out += ",\n";
  append_field(out, "title", bibtex_text(paper.title, BibtexText::kTitle));
  append_field(out, "author", authors);
  append_field(out, "year", year_of(paper.published, id));
  append_field(out, "eprint", id);
  append_field(out, "archivePrefix", "arXiv");
  append_field(out, "primaryClass", keep_chars(paper.primary_category, ".-"));
  if (!id.empty()) append_field(out, "url", "https://arxiv.org/abs/" + id);
  append_field(out, "doi", clean_doi(paper.doi));
  append_field(out, "note", bibtex_text(paper.journal_ref, BibtexText::kPlain));
  out += "}\n";
}

void make_unique_keys(std::vector<std::string>& keys) {
  std::unordered_set<std::string> taken(keys.begin(), keys.end());
  std::unordered_set<std::string> seen;
  std::unordered_map<std::string, size_t> next_suffix;
  for (std::string& key : keys) {
    if (seen.insert(key).second) continue;
    size_t& n = next_suffix[key];
    std::string candidate;
    do {
      candidate = key + suffix_letters(n++);
    } while (taken.count(candidate) != 0);
    taken.insert(candidate);
    seen.insert(candidate);
    key = std::move(candidate);
  }
}

}  // namespace paperpress
