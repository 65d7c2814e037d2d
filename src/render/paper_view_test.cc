// The table of a paper's fields (store/paper_fields.h) drives the record codec, `export` and the
// names templates see: every line of it is checked here, so a new field is covered by adding it.
#include "paper_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "paperpress/store/export.h"
#include "paperpress/store/record_codec.h"
#include "test_support.h"

namespace paperpress {
namespace {

using Storage = PaperFieldSpec::Storage;
using Show = PaperFieldSpec::Show;

// A value of its own for every field, of the shape its Show expects.
void fill(std::string& v, const PaperFieldSpec& spec) {
  if (spec.show == Show::kDate) {
    v = "2025-01-02T03:04:05Z";
  } else if (spec.show == Show::kUrl) {
    v = "https://arxiv.org/" + std::string(spec.name);
  } else {
    v = "v-" + std::string(spec.name);
  }
}
void fill(int& v, const PaperFieldSpec&) {
  v = 7;
}
void fill(std::vector<std::string>& v, const PaperFieldSpec& spec) {
  v = {"a-" + std::string(spec.name), "b-" + std::string(spec.name)};
}

Paper every_field_filled() {
  Paper p;
#define PAPERPRESS_FILL(Name, name, storage, exported, show) \
  fill(p.name, kPaperFields[static_cast<size_t>(PaperField::k##Name)]);
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_FILL)
#undef PAPERPRESS_FILL
  return p;
}

// What a template writes for the field: "7", "2025-01-02", "a-authors,b-authors,".
std::string shown(const Paper& p, const PaperFieldSpec& spec) {
  const nlohmann::json j = nlohmann::json::parse([&] {
    std::string line;
    append_export_line(testing::stored_ref(p, 1), line);
    return line;
  }());
  const nlohmann::json& v = j.at(std::string(spec.name));
  if (v.is_number()) return std::to_string(v.get<int>());
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += item.get<std::string>() + ",";
    return out;
  }
  const std::string text = v.get<std::string>();
  return spec.show == Show::kDate ? text.substr(0, 10) : text;
}

TEST(PaperFields, EveryFieldRoundTripsThroughTheCodec) {
  const Paper p = every_field_filled();
  std::string bytes;
  encode_paper(p, bytes);
  auto ref = decode_paper(bytes);
  ASSERT_TRUE(ref);
  EXPECT_EQ(to_paper(*ref), p);
  EXPECT_EQ(ref->id(), "v-id");
  EXPECT_EQ(ref->version(), 7);
}

// A record written before a field was added ends before it: it reads, with the field empty.
TEST(PaperFields, ARecordOfTheFirstLayoutReadsWithLaterFieldsEmpty) {
  const Paper p = every_field_filled();
  std::string bytes;
  encode_paper(p, bytes);
  size_t pos = 0;
  for (size_t f = 0; f < kPaperFieldsOfFirstLayout; ++f) {
    uint32_t size = 0;
    if (kPaperFields[f].storage != Storage::kVersion) std::memcpy(&size, bytes.data() + pos, 4);
    pos += 4 + size;
  }
  auto ref = decode_paper(std::string_view(bytes).substr(0, pos));
  ASSERT_TRUE(ref);
  Paper expected = every_field_filled();
  Paper empty;
#define PAPERPRESS_CLEAR_LATER(Name, name, storage, exported, show)          \
  if (static_cast<size_t>(PaperField::k##Name) >= kPaperFieldsOfFirstLayout) \
    expected.name = empty.name;
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_CLEAR_LATER)
#undef PAPERPRESS_CLEAR_LATER
  EXPECT_EQ(to_paper(*ref), expected);
}

TEST(PaperFields, EveryExportedFieldIsInExportUnderItsNameInTableOrder) {
  std::string line;
  append_export_line(testing::stored_ref(every_field_filled(), 1), line);
  const auto j = nlohmann::ordered_json::parse(line);
  std::vector<std::string> keys, expected;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  for (const PaperFieldSpec& spec : kPaperFields)
    if (spec.exported == PaperFieldSpec::Export::kExported) expected.emplace_back(spec.name);
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(j.at("authors"), nlohmann::ordered_json::array({"a-authors", "b-authors"}));
}

// Every shown field renders through a template under its name, as the paper's text.
TEST(PaperFields, EveryShownFieldRendersUnderItsName) {
  Config config = testing::config_from(R"(title = "T"
base_url = "https://example.org"
[archive]
since = "2025-01-01"
)");
  const Paper p = every_field_filled();
  std::vector<PaperRef> papers = {testing::stored_ref(p, 1)};
  ContentPage digest;
  digest.key = "digests/one";
  digest.title = "One";
  digest.papers.push_back(PaperSection{"v-id"});
  std::vector<ContentPage> content = {digest};
  Archive archive;
  SiteData site{config, papers, archive, content, "2025-01-02"};
  PageJob job{"digests/one", PageKind::kContent, 0, 0};
  ViewArena arena;
  const Value& page = page_view(site, job, kHtmlFormat, arena);
  const auto names = paper_view_names();
  for (const PaperFieldSpec& spec : kPaperFields) {
    if (spec.show == Show::kHidden) continue;
    EXPECT_NE(std::find(names.begin(), names.end(), spec.name), names.end()) << spec.name;
    const std::string name(spec.name);
    const bool list = spec.show == Show::kAuthors || spec.show == Show::kCodeList;
    const std::string source =
        "{{#papers}}" +
        (list ? "{{#" + name + "}}{{name}},{{/" + name + "}}" : "{{" + name + "}}") + "{{/papers}}";
    auto tmpl = Template::compile(source, name, Escape::kNone);
    ASSERT_TRUE(tmpl) << tmpl.error().message;
    auto out = tmpl->render(page);
    ASSERT_TRUE(out);
    EXPECT_EQ(*out, shown(p, spec)) << name;
  }
}

}  // namespace
}  // namespace paperpress
