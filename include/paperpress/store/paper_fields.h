// The fields of a paper, declared once. Everything that lists a paper's fields follows from
// this table: the members of `Paper` (paper.h), the accessors of `PaperRef` (paper_ref.h), the
// record codec (record_codec.cc), `paperpress export` (export.cc) and a paper's view and the
// names templates see (render/paper_view.cc, docs/themes.md).
//
// A new field is one line here (at the end: the record keeps the order of this table) plus the
// line of each parser that fills it (src/parse/). Records stored before the field existed end
// before it and read as empty (record_codec.h).
//
// X(Name, name, storage, export, show):
//   Name     the enumerator (PaperField::kName)
//   name     the member of Paper, the accessor of PaperRef, the key in export and the name
//            templates see
//   storage  how the record holds it (Storage): kString (its length, 4 bytes, then its bytes),
//            kVersion (4 bytes, the only fixed-size field, right after the id), kLines /
//            kWords (a list, joined by '\n' / ' ')
//   export   kExported (a JSON member of its name) or kNotExported
//   show     how a template sees it (Show): kText (as stored), kCode (backticks dropped: it is
//            written in code spans), kDate (YYYY-MM-DD), kUrl (an http(s) link made safe),
//            kNumber, kAuthors (the first authors_shown as `authors[]`, with `all_authors[]`
//            and `et_al`), kCodeList (items `name`, `last`, as kCode), kHidden (not shown)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// clang-format off
#define PAPERPRESS_PAPER_FIELDS(X)                                                         \
  /* version-less: "2501.01234" or "hep-th/9901001" */                                     \
  X(Id,              id,               kString,  kExported, kCode)                         \
  /* 0 when the source does not say (OAI format "arXiv") */                                \
  X(Version,         version,          kVersion, kExported, kNumber)                       \
  /* whitespace normalized */                                                              \
  X(Title,           title,            kString,  kExported, kText)                         \
  X(Authors,         authors,          kLines,   kExported, kAuthors)                      \
  /* whitespace normalized */                                                              \
  X(Abstract,        abstract,         kString,  kExported, kText)                         \
  X(Comment,         comment,          kString,  kExported, kText)                         \
  X(JournalRef,      journal_ref,      kString,  kExported, kText)                         \
  X(Doi,             doi,              kString,  kExported, kText)                         \
  /* primary first */                                                                      \
  X(Categories,      categories,       kWords,   kExported, kCodeList)                     \
  X(PrimaryCategory, primary_category, kString,  kExported, kCode)                         \
  /* ISO 8601 UTC, "2025-01-31T17:59:59Z" */                                               \
  X(Published,       published,        kString,  kExported, kDate)                         \
  /* ISO 8601 UTC; equals `published` for a first version */                               \
  X(Updated,         updated,          kString,  kExported, kDate)                         \
  X(AbsUrl,          abs_url,          kString,  kExported, kUrl)                          \
  X(PdfUrl,          pdf_url,          kString,  kExported, kUrl)                          \
  /* the submitter's report number(s): "CERN-TH-2025-001" */                               \
  X(ReportNo,        report_no,        kString,  kExported, kText)                         \
  /* the license's URL: "http://creativecommons.org/licenses/by/4.0/" */                   \
  X(License,         license,          kString,  kExported, kUrl)
// clang-format on

namespace paperpress {

struct PaperFieldSpec {
  enum class Storage : uint8_t { kString, kVersion, kLines, kWords };
  enum class Export : uint8_t { kExported, kNotExported };
  enum class Show : uint8_t { kText, kCode, kDate, kUrl, kNumber, kAuthors, kCodeList, kHidden };

  std::string_view name;
  Storage storage;
  Export exported;
  Show show;
};

enum class PaperField : uint8_t {
#define PAPERPRESS_FIELD_ENUM(Name, name, storage, exported, show) k##Name,
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_FIELD_ENUM)
#undef PAPERPRESS_FIELD_ENUM
};

inline constexpr PaperFieldSpec kPaperFields[] = {
#define PAPERPRESS_FIELD_SPEC(Name, name, storage, exported, show)                          \
  PaperFieldSpec{#name, PaperFieldSpec::Storage::storage, PaperFieldSpec::Export::exported, \
                 PaperFieldSpec::Show::show},
    PAPERPRESS_PAPER_FIELDS(PAPERPRESS_FIELD_SPEC)
#undef PAPERPRESS_FIELD_SPEC
};
inline constexpr size_t kPaperFieldCount = std::size(kPaperFields);

// The fields of a record as the store wrote them before any field was added to the table:
// every stored record has at least these. Fields past them may be missing from older records.
inline constexpr size_t kPaperFieldsOfFirstLayout = 14;
static_assert(kPaperFieldCount >= kPaperFieldsOfFirstLayout);
// The record layout puts the id first and the version (fixed-size) right after it.
static_assert(kPaperFields[0].storage == PaperFieldSpec::Storage::kString);
static_assert(kPaperFields[1].storage == PaperFieldSpec::Storage::kVersion);

// The C++ type of a field's value in Paper.
template <PaperFieldSpec::Storage S>
struct PaperFieldValue {
  using Type = std::string;
};
template <>
struct PaperFieldValue<PaperFieldSpec::Storage::kVersion> {
  using Type = int;
};
template <>
struct PaperFieldValue<PaperFieldSpec::Storage::kLines> {
  using Type = std::vector<std::string>;
};
template <>
struct PaperFieldValue<PaperFieldSpec::Storage::kWords> {
  using Type = std::vector<std::string>;
};

// The byte that joins a list field's items in the record ('\n' between authors, ' ' between
// categories); 0 for other fields.
constexpr char list_separator(PaperFieldSpec::Storage s) {
  return s == PaperFieldSpec::Storage::kLines   ? '\n'
         : s == PaperFieldSpec::Storage::kWords ? ' '
                                                : '\0';
}

}  // namespace paperpress
