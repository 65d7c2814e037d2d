#include "paper_view.h"

#include <array>

namespace paperpress {

namespace {

using Show = PaperFieldSpec::Show;

// The members of a paper's view: the fields of the table first (member i is field i), then
// the derived ones, named in kDerivedNames. The note's members stay null on a paper without
// a note.
enum DerivedMember : uint8_t {
  kDate = kPaperFieldCount,
  kFirst,
  kAllAuthors,
  kEtAl,
  kTitleHtml,
  kAbstractHtml,
  kCommentHtml,
  kNoteUrl,
  kNoteTitle,
  kNoteHtml,
  kNoteMd,
  kNoteQuote,
  kNoteQuoteItem,
  kPageUrl,
  kPageUrlMd,
  kRevised,
  kMissing,
  kCommentaryHtml,
  kCommentaryMd,
  kMemberCount
};
constexpr std::string_view kDerivedNames[] = {
    "date",          "first",        "all_authors",     "et_al",        "title_html",
    "abstract_html", "comment_html", "note_url",        "note_title",   "note_html",
    "note_md",       "note_quote",   "note_quote_item", "page_url",     "page_url_md",
    "revised",       "missing",      "commentary_html", "commentary_md"};
static_assert(kPaperFieldCount + std::size(kDerivedNames) == kMemberCount);

constexpr auto kMemberNames = [] {
  std::array<std::string_view, kMemberCount> names{};
  for (size_t i = 0; i < kPaperFieldCount; ++i) names[i] = kPaperFields[i].name;
  for (size_t i = 0; i < std::size(kDerivedNames); ++i)
    names[kPaperFieldCount + i] = kDerivedNames[i];
  return names;
}();

constexpr std::string_view kNamedKeys[] = {"name", "last"};
static_assert(std::size(kNamedKeys) == NamedKey::kCount);
constexpr auto kName = NamedKey::kName;
constexpr auto kLast = NamedKey::kLast;

// Authors: the first authors_shown, then "et al."; `all_authors` has everyone. Lists are
// built in one pass over the names: each item is put as not the last, and the last is marked
// when the list ends.
void put_authors(const ViewContext& c, Value& v, size_t member, std::string_view names) {
  const Schema& named = named_schema();
  Value& shown = v.put_list(member);
  Value* all = c.site.extras.all_authors ? &v.put_list(kAllAuthors) : nullptr;
  Value* last_shown = nullptr;
  Value* last_of_all = nullptr;
  const size_t limit = static_cast<size_t>(c.site.config.archive.authors_shown);
  size_t count = 0;
  PaperRef::for_each_part(names, '\n', [&](std::string_view name) {
    if (all) last_of_all = &all->record(named).put(kName, name).put(kLast, false);
    if (count < limit) last_shown = &shown.record(named).put(kName, name).put(kLast, false);
    ++count;
  });
  if (last_shown) last_shown->put(kLast, true);
  if (last_of_all) last_of_all->put(kLast, true);
  v.put(kEtAl, count > limit);
}

void put_code_list(const ViewContext& c, Value& v, size_t member, std::string_view items,
                   char sep) {
  Value& list = v.put_list(member);
  Value* last = nullptr;
  PaperRef::for_each_part(items, sep, [&](std::string_view item) {
    last = &list.record(named_schema()).put(kName, code_safe(c.arena, item)).put(kLast, false);
  });
  if (last) last->put(kLast, true);
}

// Member F of the view: field F of the record, as its Show says.
template <PaperField F>
void put_field(const ViewContext& c, Value& v, const PaperRef& p) {
  constexpr size_t i = static_cast<size_t>(F);
  constexpr PaperFieldSpec spec = kPaperFields[i];
  const auto value = p.get<F>();
  if constexpr (spec.show == Show::kNumber) {
    v.put(i, value);
  } else if constexpr (spec.show == Show::kText) {
    v.put(i, value);
  } else if constexpr (spec.show == Show::kCode) {
    v.put(i, code_safe(c.arena, value));
  } else if constexpr (spec.show == Show::kDate) {
    v.put(i, value.substr(0, 10));
  } else if constexpr (spec.show == Show::kUrl) {
    v.put(i, safe_url(c.arena, value));
  } else if constexpr (spec.show == Show::kAuthors) {
    put_authors(c, v, i, value);
  } else if constexpr (spec.show == Show::kCodeList) {
    put_code_list(c, v, i, value, list_separator(spec.storage));
  }
}

// The links to the paper's own page from this page, in HTML and in Markdown; the same for every
// format of the page, so the view stays shared between them. Without a page of its own (paper
// pages off, or an id that cannot name one) both are arXiv's abstract page.
void put_page_urls(const ViewContext& c, Value& v, const PaperRef& p) {
  std::string key = c.site.config.output.paper_pages ? paper_key(p.id()) : std::string();
  if (key.empty()) {
    const std::string_view abs =
        v.record_member(static_cast<int>(PaperField::kAbsUrl), "abs_url")->text();
    v.put(kPageUrl, abs).put(kPageUrlMd, abs);
    return;
  }
  std::string url;
  for (char ch : page_folder(c.job.key))
    if (ch == '/') url += "../";
  url += key;
  const size_t base = url.size();
  url += kHtmlFormat.extension;
  v.put(kPageUrl, c.arena.copy(url));
  url.resize(base);
  url += kMarkdownFormat.extension;
  v.put(kPageUrlMd, c.arena.copy(url));
}

void put_note(const ViewContext& c, Value& v, const ContentPage& note) {
  v.put(kNoteUrl, c.link(note.key)).put(kNoteTitle, std::string_view(note.title));
  if (c.format.id == FormatId::kHtml) {
    v.put(kNoteHtml, std::string_view(note.html));
  } else {
    std::string_view md = trim_blank_lines(note.markdown);
    v.put(kNoteMd, md)
        .put_copy(kNoteQuote, quote_markdown(md, "> "))
        .put_copy(kNoteQuoteItem, quote_markdown(md, "  > "));
  }
}

}  // namespace

const Schema& paper_schema() {
  static const Schema schema(kMemberNames);
  return schema;
}

const Schema& named_schema() {
  static const Schema schema(kNamedKeys);
  return schema;
}

std::span<const std::string_view> paper_view_names() {
  return kMemberNames;
}

Value& add_paper(const ViewContext& c, Value& list, PaperIndex index, bool first,
                 bool* format_dependent) {
  const PaperRef& p = c.site.papers[index];
  Value& v = list.record(paper_schema());
#define PAPERPRESS_PUT_FIELD(Name, name, storage, exported, show) \
  put_field<PaperField::k##Name>(c, v, p);
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_PUT_FIELD)
#undef PAPERPRESS_PUT_FIELD
  v.put(kDate, placing_date(p, c.site.config.archive.date_field).substr(0, 10));
  v.put(kFirst, first);
  v.put(kRevised, p.version() > 1);
  const PaperExtras& extras = c.site.extras;
  if (extras.title_html) v.put(kTitleHtml, element_text(c.arena, p.title()));
  if (extras.abstract_html) v.put(kAbstractHtml, element_text(c.arena, p.abstract()));
  if (extras.comment_html) v.put(kCommentHtml, element_text(c.arena, p.comment()));
  put_page_urls(c, v, p);
  const ContentPage* note = c.site.index.note(c.site, p.id());
  if (note) put_note(c, v, *note);
  if (format_dependent) *format_dependent = note != nullptr;
  return v;
}

Value& add_missing_paper(const ViewContext& c, Value& list, std::string_view id, bool first) {
  Value& v = list.record(paper_schema());
  const std::string_view abs = c.arena.copy("https://arxiv.org/abs/" + std::string(id));
  v.put(static_cast<size_t>(PaperField::kId), code_safe(c.arena, id))
      .put_copy(static_cast<size_t>(PaperField::kTitle), "arXiv:" + std::string(id))
      .put(static_cast<size_t>(PaperField::kAbsUrl), abs)
      .put(kMissing, true)
      .put(kFirst, first)
      .put(kPageUrl, abs)
      .put(kPageUrlMd, abs);
  return v;
}

void put_commentary(Value& v, std::string_view html, std::string_view md) {
  for (size_t m : {kNoteUrl, kNoteHtml, kNoteMd, kNoteQuote, kNoteQuoteItem}) v.put_null(m);
  v.put(kCommentaryHtml, html).put(kCommentaryMd, md);
}

}  // namespace paperpress
