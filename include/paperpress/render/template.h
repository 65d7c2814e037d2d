// Themes' template engine: Mustache (https://mustache.github.io/mustache.5.html), compiled once
// into a flat instruction list and rendered against a Value tree into a caller-owned string.
//
//   auto page = Template::compile(text, "themes/default/templates/page.html", Escape::kHtml);
//   if (!page) return page.error();   // "themes/default/templates/page.html:12: unclosed ..."
//   Partials partials;
//   partials.add("paper", std::move(*paper_template));
//   if (Status s = partials.check(*page); !s) return s.error();   // unknown partials
//   std::string out;
//   if (Status s = page->render(context, out, &partials); !s) return s.error();  // appends
//
// Supported, as in the Mustache spec (v1.4, without lambdas, set-delimiters and inheritance):
//   {{name}}             the value, escaped with the template's default Escape
//   {{{name}}} {{&name}} the value unescaped
//   {{a.b.c}}            dotted names: `a` is looked up through the context stack, `b` and `c`
//                        only inside the value found before them
//   {{.}}                the current context (implicit iterator)
//   {{#name}}..{{/name}} a list renders the block once per item with the item as context; an
//                        object, true or a non-empty string renders it once with the value as
//                        context; null, false, "", an empty list and a missing name skip it
//   {{^name}}..{{/name}} renders the block when {{#name}} would skip it
//   {{! comment }}       may span lines
//   {{> partial}}        renders a template from the Partials with the current context stack;
//                        a standalone partial tag indents every line of the partial by the
//                        whitespace in front of it
//   Names not found anywhere in the stack render as nothing. A string renders as its text, a
//   bool as "true"/"false", null, lists and objects as nothing.
//   Standalone lines: a section, inverted-section, close, comment or partial tag that is alone
//   on its line (only spaces and tabs around it) removes the whole line, including its line
//   ending (LF or CRLF), also on the first and the last line of the template. A line holding
//   two such tags (e.g. "{{/a}}{{#b}}") is not standalone and keeps its line ending: that is the
//   spec's rule (mustache.js strips such lines too). A partial tag with text on its line is
//   inline and its partial is not indented.
//
// Extension, filters that choose the escaping of one variable (whitespace around | optional):
//   {{name | html}}  escape_html        {{name | xml}}  escape_xml
//   {{name | md}}    escape_markdown    {{name | md_cell}}  escape_markdown_cell
//   {{name | md_html}}  escape_element_text (an HTML block inside Markdown)
//   {{name | url}}   percent_encode     {{name | raw}}  no escaping
//   {{name | json}}  escape_json (inside a JSON string, safe in a <script>)
//   {{name | math}}  append_html_with_math (HTML, TeX spans marked for KaTeX: math_text.h)
//   {{name | md_math}}  append_markdown_with_math (Markdown, TeX spans kept for GitHub)
// A filter also overrides the {{{ }}} / {{& }} forms. Unknown filters, filters on non-variable
// tags, set-delimiter tags ({{=<% %>=}}), inheritance tags ({{< }}, {{$ }}), unbalanced
// sections, unterminated tags and invalid names are compile errors, as
// "<name>:<line>: <what> '<tag>'".
//
// Runaway rendering is an error, not a hang or a crash: sections nest at most kMaxNesting deep
// in one template (compile error beyond), and render() stops with an error naming the template
// and line when blocks (sections and partials together) nest deeper than
// RenderLimits::max_depth, when more than RenderLimits::max_blocks blocks (section items and
// partials) are rendered, or when the output grows past RenderLimits::max_output bytes: a
// partial that includes itself twice doubles its work at each level, and Mustache's lookup of a
// missing name in the parent contexts easily turns a tree partial into such a loop. The
// defaults are far above what a page of 100k papers needs. Partials::check() reports a partial
// that includes itself outside of any section, which always ends in that error.
//
// Records (Value::record) are objects like any other to a template. A template bound to their
// schemas (bind(), done by Theme::load for the records the views build) has resolved each of
// its names to the member's index in each schema, so it finds a record's member without
// comparing names; an unbound template finds it by name, with the same result.
//
// A Template is immutable after compile() and bind(): render() may run concurrently from many
// threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/render/schema.h"
#include "paperpress/render/value.h"
#include "paperpress/util/result.h"

namespace paperpress {

// The escaping of plain {{name}} tags in a template.
enum class Escape : uint8_t { kHtml, kXml, kMarkdown, kNone };

class Partials;

struct RenderLimits {
  static constexpr int kDepthCap = 1000;    // max_depth beyond this counts as this (stack size)
  int max_depth = 200;                      // nested sections and partials
  uint64_t max_blocks = uint64_t{1} << 24;  // section items and partials rendered
  size_t max_output = size_t{256} << 20;    // bytes appended by one render()
};

class Template {
 public:
  static constexpr int kMaxNesting = 100;

  // Compiles `source`; `name` (usually the file path) prefixes error messages.
  static Result<Template> compile(std::string_view source, std::string name, Escape default_escape);

  // Appends the rendering of `context` to `out`. Partial tags are looked up in `partials`;
  // an unknown partial (or no `partials`) renders as nothing. Fails only when a RenderLimits
  // limit is hit ("card.html:3: ..."); `out` then holds a truncated rendering.
  Status render(const Value& context, std::string& out, const Partials* partials = nullptr,
                const RenderLimits& limits = {}) const;
  Result<std::string> render(const Value& context, const Partials* partials = nullptr,
                             const RenderLimits& limits = {}) const;

  // The most schemas one template is bound to.
  static constexpr size_t kMaxBound = 10;
  // Resolves every name of the template against `schemas` (the first kMaxBound of them),
  // replacing an earlier binding: a record of one of them then finds each member by its index.
  // The schemas must outlive the template.
  void bind(std::span<const Schema* const> schemas);

  const std::string& name() const { return name_; }
  // Whether a variable or section tag names `name` (alone or as a part of a dotted name).
  bool mentions(std::string_view name) const;

  // Every {{> name}} tag, in order, with its line and whether it sits inside a section.
  struct PartialRef {
    std::string_view name;
    int line = 0;
    bool in_section = false;
  };
  std::vector<PartialRef> partial_refs() const;

 private:
  friend class TemplateCompiler;

  enum class Op : uint8_t { kText, kIndent, kVar, kSection, kInverted, kPartial };
  // What a variable's text goes through.
  enum class Filter : uint8_t {
    kHtml,
    kXml,
    kMarkdown,
    kMarkdownCell,
    kElementText,
    kUrl,
    kJson,
    kMath,
    kMarkdownMath,
    kRaw
  };

  struct Frame;
  struct RenderState;

  struct Instr {
    Op op = Op::kText;
    Filter filter = Filter::kRaw;
    // kText: the text starts a line. kPartial: the tag is standalone (indents the partial).
    bool flag = false;
    bool in_section = false;  // kPartial: inside some section
    uint32_t line = 0;
    // kVar, kSection, kInverted: names_[name, name + name_count) are the dotted name's parts
    // (no parts is "."). kPartial: names_[name] is the partial's name.
    uint32_t name = 0;
    uint32_t name_count = 0;
    // kSection, kInverted: the block is code_[index + 1, end); rendering goes on at end.
    uint32_t end = 0;
    // kText: the text. kPartial: the indentation of a standalone tag.
    std::string_view text;
  };

  Template() = default;

  // False when a limit stopped rendering (the reason is in `state`).
  bool render_range(uint32_t begin, uint32_t end, const Frame* frame, RenderState& state,
                    std::string_view indent, int depth) const;
  // Appends a variable's value through `filter`: a string as its text, a bool as "true" or
  // "false", anything else (and a missing name, nullptr) as nothing.
  static void write_value(std::string& out, Filter filter, const Value* v);
  // Renders the partial of tag `in` (nothing when unknown); false as render_range.
  bool render_partial(const Instr& in, const Frame* frame, RenderState& state,
                      std::string_view indent, int depth) const;
  // Whether a limit allows one more block at `depth` (counting it); if not, sets the error.
  bool enter_block(const Instr& instr, RenderState& state, int depth) const;
  void refuse_block(const Instr& instr, RenderState& state, int depth) const;
  const Value* resolve(const Instr& instr, const Frame* frame) const;
  // Member names_[part] of `v`: by its bound index in a record of a bound schema.
  const Value* member(const Value& v, uint32_t part) const;

  std::string name_;
  std::shared_ptr<const std::string> source_;  // shared: views into it survive copies
  std::vector<Instr> code_;
  std::vector<std::string_view> names_;
  // Bound schemas (nullptr past the last) and, by name part, the index of the member of that
  // name in each (-1: none).
  std::array<const Schema*, kMaxBound> bound_{};
  std::vector<std::array<int16_t, kMaxBound>> members_;
};

// Named templates for {{> name}} tags.
class Partials {
 public:
  // Adds `tmpl` under `name`, replacing a partial of that name.
  void add(std::string name, Template tmpl);
  // Compiles `source` (errors name `file`) and adds it under `name`.
  Status add(std::string name, std::string_view source, std::string file, Escape default_escape);

  const Template* find(std::string_view name) const;
  size_t size() const { return templates_.size(); }
  // Binds every template of the set (Template::bind).
  void bind(std::span<const Schema* const> schemas);
  // Whether any template of the set mentions `name` (Template::mentions).
  bool mentions(std::string_view name) const;

  // Checks that every partial tag in `root`, and in every partial it reaches, names a known
  // partial ("page.html:12: unknown partial 'card'"), and that no partial includes itself
  // outside of any section ("card.html:3: partial 'card' includes itself outside of any
  // section, so rendering it would never end").
  Status check(const Template& root) const;
  // The same for every partial in the set.
  Status check() const;

 private:
  Status check_from(const Template& root) const;

  std::map<std::string, Template, std::less<>> templates_;
};

}  // namespace paperpress
