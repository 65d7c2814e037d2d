// BibTeX entries for arXiv papers in arXiv's own form ("Export BibTeX citation" on an abstract
// page): an @misc with eprint, archivePrefix and primaryClass, which biblatex reads as an
// eprint and BibTeX styles print as a plain reference. Pure text in, text out; no I/O.
//
//   @misc{vaswani2017attention,
//         title={Attention Is All You Need},
//         author={Ashish Vaswani and Noam Shazeer and Niki Parmar},
//         year={2017},
//         eprint={1706.03762},
//         archivePrefix={arXiv},
//         primaryClass={cs.CL},
//         url={https://arxiv.org/abs/1706.03762},
//   }
//
// followed, when known, by doi={...} and note={<the journal reference>}. Every field value is
// made safe for BibTeX, biber and the LaTeX that reads the .bbl, whatever the paper's metadata
// holds (bibtex.cc says how, rule by rule): balanced braces, TeX's special characters escaped
// outside math, only harmless TeX commands kept, no control characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

// What an entry is made of: views into the caller's strings.
struct BibtexPaper {
  std::string_view id;                    // "2501.00425" or "hep-th/9901001", no version
  std::string_view title;                 // as arXiv gives it: TeX-ish, may hold $...$ math
  std::vector<std::string_view> authors;  // as arXiv gives them: "Geoffrey E. Hinton"
  std::string_view published;             // the first version's date: "2025-01-02T18:00:00Z"
  std::string_view primary_category;      // "cs.CL"
  std::string_view doi;                   // may be empty
  std::string_view journal_ref;           // may be empty
};

// The citation key, in the usual form (Google Scholar's, and arXiv's but for the number of
// title words): the first author's surname, ASCII-folded and lowercased ("Pärt" → "part"), the
// year, and the first significant word of the title (stop words, math and single letters
// skipped): "vaswani2017attention". Only [a-z0-9], never empty: "anon" stands for a missing
// surname.
std::string bibtex_key(const BibtexPaper& paper);

// Appends the entry for `paper` under `key` (characters other than [A-Za-z0-9_:.-] dropped;
// "arxiv" if none is left), ending with "}\n". Fields without a value are left out.
void append_bibtex(std::string& out, const BibtexPaper& paper, std::string_view key);

// Makes the keys of a whole .bib file unique: the first of equal keys stays as it is, the next
// ones get "a", "b", … "z", "aa", … appended (skipping any suffix that would meet another key),
// so that adding papers at the end never changes the keys of those before.
void make_unique_keys(std::vector<std::string>& keys);

// How a field's text is written (what append_bibtex does to each):
enum class BibtexText {
  kTitle,  // protects from a style's change of case what must keep it: math, acronyms
  kPlain,  // authors' names, notes: styles print them as they are
};
// `text` as the value of a braced field, without the outer braces.
std::string bibtex_text(std::string_view text, BibtexText kind);

}  // namespace paperpress
