#include "paperpress/render/template.h"

#include <algorithm>
#include <set>
#include <utility>

#include "paperpress/render/escape.h"
#include "paperpress/render/math_text.h"
#include "paperpress/util/text.h"
#include "paperpress/util/url.h"

namespace paperpress {
namespace {

// A tag as quoted in error messages: at most one line and 60 bytes.
std::string quote_tag(std::string_view tag) {
  std::string_view shown = tag.substr(0, std::min(tag.find_first_of("\r\n"), size_t{60}));
  std::string q = "'";
  q.append(shown);
  if (shown.size() < tag.size()) q.append("...");
  q.push_back('\'');
  return q;
}

// A name part may hold anything but whitespace, braces, '|' and '.'.
bool valid_name_part(std::string_view part) {
  if (part.empty()) return false;
  for (char c : part) {
    if (is_space(c, Whitespace::kAscii) || c == '{' || c == '}' || c == '|' || c == '.')
      return false;
  }
  return true;
}

}  // namespace

// Frames of the context stack live on the C++ stack of render_range(): no allocation.
struct Template::Frame {
  const Value* value;
  const Frame* parent;
};

class TemplateCompiler {
 public:
  TemplateCompiler(Template& t, Escape escape) : t_(t), src_(*t.source_) {
    switch (escape) {
      case Escape::kHtml:
        default_filter_ = Template::Filter::kHtml;
        break;
      case Escape::kXml:
        default_filter_ = Template::Filter::kXml;
        break;
      case Escape::kMarkdown:
        default_filter_ = Template::Filter::kMarkdown;
        break;
      case Escape::kNone:
        default_filter_ = Template::Filter::kRaw;
        break;
    }
  }

  Status run();

 private:
  using Instr = Template::Instr;
  using Op = Template::Op;
  using Filter = Template::Filter;

  struct Open {
    uint32_t instr;
    std::string_view name;
    std::string_view tag;
    int line;
  };
  struct Tag;

  // The tag whose "{{" is at `begin`.
  Result<Tag> read_tag(size_t begin);
  // Whether `tag` stands alone on its line; if so, the line's bounds, its line ending included.
  bool standalone_line(const Tag& tag, size_t& line_begin, size_t& line_end) const;
  // The instructions of `tag`.
  Status add_tag(const Tag& tag, bool standalone, size_t line_begin);
  Status open_section(const Tag& tag, Instr& in);
  Status close_section(const Tag& tag);
  Status add_partial(const Tag& tag, Instr& in, bool standalone, size_t line_begin);
  Status add_variable(const Tag& tag, Instr& in);

  Error error(int line, const std::string& message) const {
    return Error{message}.at(t_.name_ + ":" + std::to_string(line));
  }

  // The line (1-based) of byte `pos`; `pos` never decreases between calls.
  int line_of(size_t pos) {
    line_ += static_cast<int>(std::count(src_.begin() + static_cast<long>(line_pos_),
                                         src_.begin() + static_cast<long>(pos), '\n'));
    line_pos_ = pos;
    return line_;
  }

  bool at_line_start(size_t pos) const { return pos == 0 || src_[pos - 1] == '\n'; }

  void emit_text(size_t begin, size_t end) {
    if (begin >= end) return;
    Instr in;
    in.op = Op::kText;
    in.flag = at_line_start(begin);
    in.text = src_.substr(begin, end - begin);
    t_.code_.push_back(in);
  }

  // Splits a dotted name into names_; false when it is not a valid name.
  bool add_name(std::string_view name, Instr& in) {
    in.name = static_cast<uint32_t>(t_.names_.size());
    in.name_count = 0;
    if (name == ".") return true;
    while (true) {
      size_t dot = name.find('.');
      std::string_view part = name.substr(0, dot);
      if (!valid_name_part(part)) {
        t_.names_.resize(in.name);
        return false;
      }
      t_.names_.push_back(part);
      ++in.name_count;
      if (dot == std::string_view::npos) return true;
      name.remove_prefix(dot + 1);
    }
  }

  static bool parse_filter(std::string_view name, Filter& filter) {
    static constexpr std::pair<std::string_view, Filter> kFilters[] = {
        {"html", Filter::kHtml},
        {"xml", Filter::kXml},
        {"md", Filter::kMarkdown},
        {"md_cell", Filter::kMarkdownCell},
        {"md_html", Filter::kElementText},
        {"url", Filter::kUrl},
        {"json", Filter::kJson},
        {"math", Filter::kMath},
        {"md_math", Filter::kMarkdownMath},
        {"raw", Filter::kRaw},
    };
    for (const auto& [n, f] : kFilters) {
      if (n == name) {
        filter = f;
        return true;
      }
    }
    return false;
  }

  Template& t_;
  std::string_view src_;
  std::vector<Open> open_;  // the sections open at the tag being read
  Filter default_filter_ = Filter::kHtml;
  int line_ = 1;
  size_t line_pos_ = 0;
};

// A tag as read from the source: where it lies, its sigil ('#', '^', '/', '!', '>', '&' for
// '{{&' and '{{{', 0 for a plain variable) and what follows the sigil.
struct TemplateCompiler::Tag {
  size_t begin = 0;  // the first '{'
  size_t end = 0;    // past the last '}'
  int line = 0;
  char sigil = 0;
  std::string_view body;
  std::string_view text;  // the whole tag, for messages
};

Result<TemplateCompiler::Tag> TemplateCompiler::read_tag(size_t begin) {
  Tag t;
  t.begin = begin;
  t.line = line_of(begin);
  const bool triple = begin + 2 < src_.size() && src_[begin + 2] == '{';
  const size_t content_begin = begin + (triple ? 3 : 2);
  const size_t close = src_.find(triple ? "}}}" : "}}", content_begin);
  if (close == std::string_view::npos) {
    return error(t.line, std::string("unclosed tag ") + quote_tag(src_.substr(begin)) +
                             (triple ? " (expected '}}}')" : " (expected '}}')"));
  }
  t.end = close + (triple ? 3 : 2);
  t.text = src_.substr(begin, t.end - begin);
  const std::string_view content =
      trim(src_.substr(content_begin, close - content_begin), Whitespace::kAscii);
  if (triple) {
    t.sigil = '&';
    t.body = content;
  } else if (content.empty()) {
    return error(t.line, "empty tag " + quote_tag(t.text));
  } else if (std::string_view("#^/!>&=<$").find(content[0]) != std::string_view::npos) {
    t.sigil = content[0];
    t.body = trim(content.substr(1), Whitespace::kAscii);
  } else {
    t.body = content;
  }
  if (t.sigil == '=')
    return error(t.line, "set-delimiter tags are not supported " + quote_tag(t.text));
  if (t.sigil == '<' || t.sigil == '$')
    return error(t.line, "template inheritance tags are not supported " + quote_tag(t.text));
  return t;
}

bool TemplateCompiler::standalone_line(const Tag& tag, size_t& line_begin, size_t& line_end) const {
  // Only tags that are not variables can stand alone on their line.
  if (tag.sigil == 0 || tag.sigil == '&') return false;
  line_begin = tag.begin;
  line_end = tag.end;
  while (line_begin > 0 && is_space(src_[line_begin - 1], Whitespace::kBlank)) --line_begin;
  while (line_end < src_.size() && is_space(src_[line_end], Whitespace::kBlank)) ++line_end;
  if (line_end == src_.size()) {
    // The last line, without a line ending.
  } else if (src_[line_end] == '\n') {
    ++line_end;
  } else if (src_[line_end] == '\r' && line_end + 1 < src_.size() && src_[line_end + 1] == '\n') {
    line_end += 2;
  } else {
    return false;
  }
  return at_line_start(line_begin);
}

Status TemplateCompiler::open_section(const Tag& tag, Instr& in) {
  if (tag.body.find('|') != std::string_view::npos)
    return error(tag.line, "filters are only allowed on variables " + quote_tag(tag.text));
  if (!add_name(tag.body, in)) return error(tag.line, "invalid name in " + quote_tag(tag.text));
  if (open_.size() >= static_cast<size_t>(Template::kMaxNesting)) {
    return error(tag.line, "sections nested more than " + std::to_string(Template::kMaxNesting) +
                               " deep at " + quote_tag(tag.text));
  }
  in.op = tag.sigil == '#' ? Op::kSection : Op::kInverted;
  open_.push_back(Open{static_cast<uint32_t>(t_.code_.size()), tag.body, tag.text, tag.line});
  t_.code_.push_back(in);
  return Status::success();
}

Status TemplateCompiler::close_section(const Tag& tag) {
  if (open_.empty())
    return error(tag.line, "closing tag " + quote_tag(tag.text) + " without an open section");
  const Open& o = open_.back();
  if (o.name != tag.body) {
    return error(tag.line, "closing tag " + quote_tag(tag.text) + " does not match " +
                               quote_tag(o.tag) + " opened on line " + std::to_string(o.line));
  }
  t_.code_[o.instr].end = static_cast<uint32_t>(t_.code_.size());
  open_.pop_back();
  return Status::success();
}

Status TemplateCompiler::add_partial(const Tag& tag, Instr& in, bool standalone,
                                     size_t line_begin) {
  // Partial names may contain dots and slashes ("cards/paper.html"), not whitespace.
  const std::string_view body = tag.body;
  const bool valid = !body.empty() && std::none_of(body.begin(), body.end(), [](char c) {
    return is_space(c, Whitespace::kAscii) || c == '{' || c == '}' || c == '|';
  });
  if (!valid) return error(tag.line, "invalid partial name in " + quote_tag(tag.text));
  in.op = Op::kPartial;
  in.flag = standalone;
  in.in_section = !open_.empty();
  in.text = standalone ? src_.substr(line_begin, tag.begin - line_begin) : std::string_view();
  in.name = static_cast<uint32_t>(t_.names_.size());
  in.name_count = 1;
  t_.names_.push_back(body);
  t_.code_.push_back(in);
  return Status::success();
}

Status TemplateCompiler::add_variable(const Tag& tag, Instr& in) {
  in.op = Op::kVar;
  in.filter = tag.sigil == '&' ? Filter::kRaw : default_filter_;
  std::string_view name = tag.body;
  const size_t bar = tag.body.find('|');
  if (bar != std::string_view::npos) {
    name = trim(tag.body.substr(0, bar), Whitespace::kAscii);
    const std::string_view filter = trim(tag.body.substr(bar + 1), Whitespace::kAscii);
    if (filter.find('|') != std::string_view::npos)
      return error(tag.line, "only one filter is allowed in " + quote_tag(tag.text));
    if (!parse_filter(filter, in.filter)) {
      return error(tag.line,
                   "unknown filter '" + std::string(filter) + "' in " + quote_tag(tag.text) +
                       " (known: html, xml, md, md_cell, md_html, url, json, math, md_math, raw)");
    }
  }
  if (!add_name(name, in)) return error(tag.line, "invalid name in " + quote_tag(tag.text));
  t_.code_.push_back(in);
  return Status::success();
}

Status TemplateCompiler::add_tag(const Tag& tag, bool standalone, size_t line_begin) {
  Instr in;
  in.line = static_cast<uint32_t>(tag.line);
  switch (tag.sigil) {
    case '!':
      return Status::success();
    case '#':
    case '^':
      return open_section(tag, in);
    case '/':
      return close_section(tag);
    case '>':
      return add_partial(tag, in, standalone, line_begin);
    default:  // a variable: plain, '&' or triple
      return add_variable(tag, in);
  }
}

Status TemplateCompiler::run() {
  size_t pos = 0;
  size_t text_start = 0;
  while (true) {
    const size_t begin = src_.find("{{", pos);
    if (begin == std::string_view::npos) break;
    auto tag = read_tag(begin);
    if (!tag) return tag.error();
    size_t line_begin = 0, line_end = 0;
    const bool standalone = standalone_line(*tag, line_begin, line_end);
    if (standalone) {
      emit_text(text_start, line_begin);
      text_start = pos = line_end;
    } else {
      emit_text(text_start, tag->begin);
      text_start = pos = tag->end;
      // A tag that starts a line gets that line's indentation when rendered in an indented
      // partial (for a close tag, inside the block, which is where the line begins).
      if (at_line_start(tag->begin)) {
        Instr in;
        in.op = Op::kIndent;
        t_.code_.push_back(in);
      }
    }
    if (Status s = add_tag(*tag, standalone, line_begin); !s) return s;
  }
  if (!open_.empty()) {
    const Open& o = open_.back();
    return error(o.line, "unclosed section '" + std::string(o.name) + "': " + quote_tag(o.tag) +
                             " has no matching '{{/" + std::string(o.name) + "}}'");
  }
  emit_text(text_start, src_.size());
  return Status::success();
}

Result<Template> Template::compile(std::string_view source, std::string name,
                                   Escape default_escape) {
  Template t;
  t.name_ = std::move(name);
  t.source_ = std::make_shared<const std::string>(source);
  TemplateCompiler compiler(t, default_escape);
  if (Status s = compiler.run(); !s) return s.error();
  t.bind({});
  return t;
}

void Template::bind(std::span<const Schema* const> schemas) {
  bound_.fill(nullptr);
  const size_t count = std::min(schemas.size(), kMaxBound);
  std::copy_n(schemas.begin(), count, bound_.begin());
  members_.resize(names_.size());
  for (size_t part = 0; part < names_.size(); ++part) {
    members_[part].fill(-1);
    for (size_t k = 0; k < count; ++k)
      members_[part][k] = static_cast<int16_t>(bound_[k]->index(names_[part]));
  }
}

// Inline: every name part of every rendering is looked up here. The bound schemas are
// compared all at once (unused slots are nullptr, which no record's schema is).
__attribute__((always_inline)) inline const Value* Template::member(const Value& v,
                                                                    uint32_t part) const {
  if (const Schema* s = v.schema(); s != nullptr) {
    for (size_t k = 0; k < kMaxBound; ++k)
      if (bound_[k] == s) return v.record_member(members_[part][k], names_[part]);
  }
  return v.find(names_[part]);
}

// Inline: every variable and section tag of every rendering looks its name up.
__attribute__((always_inline)) inline const Value* Template::resolve(const Instr& in,
                                                                     const Frame* frame) const {
  if (in.name_count == 0) return frame->value;
  const Value* v = nullptr;
  for (const Frame* f = frame; f != nullptr; f = f->parent) {
    v = member(*f->value, in.name);
    if (v != nullptr) break;
  }
  for (uint32_t i = 1; v != nullptr && i < in.name_count; ++i) v = member(*v, in.name + i);
  return v;
}

namespace {

// Appends `text` with `indent` at the start (when `bol`) and after every line ending that is
// followed by more text: the lines of a standalone partial, indented.
void append_indented(std::string& out, std::string_view text, std::string_view indent, bool bol) {
  if (bol) out.append(indent);
  size_t from = 0;
  while (true) {
    const size_t nl = text.find('\n', from);
    if (nl == std::string_view::npos || nl + 1 == text.size()) break;
    out.append(text.data() + from, nl + 1 - from);
    out.append(indent);
    from = nl + 1;
  }
  out.append(text.data() + from, text.size() - from);
}

}  // namespace

struct Template::RenderState {
  std::string& out;
  const Partials* partials;
  const RenderLimits& limits;
  size_t out_start;
  uint64_t blocks = 0;
  int max_depth;
  std::string error = {};  // set when a limit stopped rendering
  // The partials found for the last few partial tags: a tag inside a list finds its partial
  // once, not once per item.
  struct FoundPartial {
    const Instr* tag = nullptr;
    const Template* partial = nullptr;
  };
  FoundPartial found[4] = {};

  const Template* partial_of(const Template& from, const Instr& tag) {
    FoundPartial& slot = found[(reinterpret_cast<uintptr_t>(&tag) / sizeof(Instr)) % 4];
    if (slot.tag != &tag) slot = {&tag, partials->find(from.names_[tag.name])};
    return slot.partial;
  }
};

// Inline: it runs for every section item and partial; the error is built out of line.
inline bool Template::enter_block(const Instr& in, RenderState& state, int depth) const {
  if (depth < state.max_depth && ++state.blocks <= state.limits.max_blocks &&
      state.out.size() - state.out_start <= state.limits.max_output) [[likely]] {
    return true;
  }
  refuse_block(in, state, depth);
  return false;
}

void Template::refuse_block(const Instr& in, RenderState& state, int depth) const {
  const RenderLimits& limits = state.limits;
  std::string what;
  if (depth >= state.max_depth) {
    what = "blocks nested deeper than " + std::to_string(state.max_depth) + " levels";
  } else if (state.blocks > limits.max_blocks) {
    what = "more than " + std::to_string(limits.max_blocks) + " section items and partials";
  } else {
    what = "output larger than " + std::to_string(limits.max_output) + " bytes";
  }
  const std::string tag =
      in.op == Op::kPartial ? "'{{>" + std::string(names_[in.name]) + "}}'" : "a section";
  state.error = name_ + ":" + std::to_string(in.line) + ": rendering stopped at " + tag + ": " +
                what + " (does a partial keep including itself?)";
}

// Inline: it runs for every variable of every rendering.
inline void Template::write_value(std::string& out, Filter filter, const Value* v) {
  if (v == nullptr) return;
  std::string_view text;
  if (v->is_string()) {
    text = v->text();
  } else if (v->is_bool()) {
    text = v->boolean() ? "true" : "false";
  }
  switch (filter) {
    case Filter::kHtml:
      escape_html(out, text);
      break;
    case Filter::kXml:
      escape_xml(out, text);
      break;
    case Filter::kMarkdown:
      escape_markdown(out, text);
      break;
    case Filter::kMarkdownCell:
      escape_markdown_cell(out, text);
      break;
    case Filter::kElementText:
      escape_element_text(out, text);
      break;
    case Filter::kUrl:
      percent_encode(out, text);
      break;
    case Filter::kJson:
      escape_json(out, text);
      break;
    case Filter::kMath:
      append_html_with_math(out, text);
      break;
    case Filter::kMarkdownMath:
      append_markdown_with_math(out, text);
      break;
    case Filter::kRaw:
      out.append(text);
      break;
  }
}

bool Template::render_partial(const Instr& in, const Frame* frame, RenderState& state,
                              std::string_view indent, int depth) const {
  const Template* t = state.partials != nullptr ? state.partial_of(*this, in) : nullptr;
  if (t == nullptr) return true;
  if (!enter_block(in, state, depth)) return false;
  const auto size = static_cast<uint32_t>(t->code_.size());
  if (!in.flag) {
    // Inline partials are not indented.
    return t->render_range(0, size, frame, state, {}, depth + 1);
  }
  if (indent.empty() || in.text.empty()) {
    return t->render_range(0, size, frame, state, indent.empty() ? in.text : indent, depth + 1);
  }
  // A standalone partial inside an indented one: both indentations (rare).
  const std::string combined = std::string(indent) + std::string(in.text);
  return t->render_range(0, size, frame, state, combined, depth + 1);
}

bool Template::render_range(uint32_t begin, uint32_t end, const Frame* frame, RenderState& state,
                            std::string_view indent, int depth) const {
  std::string& out = state.out;
  uint32_t pc = begin;
  while (pc < end) {
    const Instr& in = code_[pc];
    switch (in.op) {
      case Op::kText:
        if (indent.empty()) {
          out.append(in.text);
        } else {
          append_indented(out, in.text, indent, in.flag);
        }
        ++pc;
        break;
      case Op::kIndent:
        out.append(indent);
        ++pc;
        break;
      case Op::kVar:
        write_value(out, in.filter, resolve(in, frame));
        ++pc;
        break;
      case Op::kSection: {
        const Value* v = resolve(in, frame);
        if (v != nullptr && v->truthy()) {
          if (v->is_list()) {
            for (const Value& item : v->children()) {
              if (!enter_block(in, state, depth)) return false;
              const Frame f{&item, frame};
              if (!render_range(pc + 1, in.end, &f, state, indent, depth + 1)) return false;
            }
          } else {
            if (!enter_block(in, state, depth)) return false;
            const Frame f{v, frame};
            if (!render_range(pc + 1, in.end, &f, state, indent, depth + 1)) return false;
          }
        }
        pc = in.end;
        break;
      }
      case Op::kInverted: {
        const Value* v = resolve(in, frame);
        if (v == nullptr || !v->truthy()) {
          if (!enter_block(in, state, depth)) return false;
          if (!render_range(pc + 1, in.end, frame, state, indent, depth + 1)) return false;
        }
        pc = in.end;
        break;
      }
      case Op::kPartial:
        if (!render_partial(in, frame, state, indent, depth)) return false;
        ++pc;
        break;
    }
  }
  return true;
}

Status Template::render(const Value& context, std::string& out, const Partials* partials,
                        const RenderLimits& limits) const {
  const Frame root{&context, nullptr};
  RenderState state{out,        partials, limits,
                    out.size(), 0,        std::min(limits.max_depth, RenderLimits::kDepthCap)};
  if (!render_range(0, static_cast<uint32_t>(code_.size()), &root, state, {}, 0)) {
    return Error{std::move(state.error)};
  }
  return Status::success();
}

Result<std::string> Template::render(const Value& context, const Partials* partials,
                                     const RenderLimits& limits) const {
  std::string out;
  if (Status s = render(context, out, partials, limits); !s) return s.error();
  return out;
}

bool Template::mentions(std::string_view name) const {
  for (const Instr& in : code_) {
    if (in.op != Op::kVar && in.op != Op::kSection && in.op != Op::kInverted) continue;
    for (uint32_t i = 0; i < in.name_count; ++i)
      if (names_[in.name + i] == name) return true;
  }
  return false;
}

std::vector<Template::PartialRef> Template::partial_refs() const {
  std::vector<PartialRef> refs;
  for (const Instr& in : code_) {
    if (in.op == Op::kPartial) {
      refs.push_back(PartialRef{names_[in.name], static_cast<int>(in.line), in.in_section});
    }
  }
  return refs;
}

// --- Partials

void Partials::add(std::string name, Template tmpl) {
  templates_.insert_or_assign(std::move(name), std::move(tmpl));
}

Status Partials::add(std::string name, std::string_view source, std::string file,
                     Escape default_escape) {
  auto t = Template::compile(source, std::move(file), default_escape);
  if (!t) return t.error();
  add(std::move(name), std::move(*t));
  return Status::success();
}

const Template* Partials::find(std::string_view name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : &it->second;
}

void Partials::bind(std::span<const Schema* const> schemas) {
  for (auto& [name, tmpl] : templates_) tmpl.bind(schemas);
}

bool Partials::mentions(std::string_view name) const {
  for (const auto& [n, tmpl] : templates_)
    if (tmpl.mentions(name)) return true;
  return false;
}

Status Partials::check(const Template& root) const {
  return check_from(root);
}

Status Partials::check() const {
  for (const auto& [name, tmpl] : templates_) {
    if (Status s = check_from(tmpl); !s) return s;
  }
  return Status::success();
}

Status Partials::check_from(const Template& root) const {
  // Every partial reachable from `root` must exist.
  std::vector<const Template*> todo{&root};
  std::set<const Template*> seen{&root};
  while (!todo.empty()) {
    const Template* t = todo.back();
    todo.pop_back();
    for (const Template::PartialRef& ref : t->partial_refs()) {
      const Template* p = find(ref.name);
      if (p == nullptr) {
        return Error{"unknown partial '" + std::string(ref.name) + "'"}.at(
            t->name() + ":" + std::to_string(ref.line));
      }
      if (seen.insert(p).second) todo.push_back(p);
    }
  }
  // No cycle of partial tags that are outside of every section: such a cycle includes itself
  // whatever the data, and would only stop at the render depth limit.
  enum class Mark { kNew, kActive, kDone };
  std::map<const Template*, Mark> mark;
  struct Step {
    const Template* tmpl;
    std::vector<Template::PartialRef> refs;
    size_t next = 0;
  };
  for (const Template* start : seen) {
    if (mark[start] != Mark::kNew) continue;
    std::vector<Step> stack;
    stack.push_back(Step{start, start->partial_refs()});
    mark[start] = Mark::kActive;
    while (!stack.empty()) {
      Step& s = stack.back();
      if (s.next == s.refs.size()) {
        mark[s.tmpl] = Mark::kDone;
        stack.pop_back();
        continue;
      }
      const Template::PartialRef ref = s.refs[s.next++];
      if (ref.in_section) continue;
      const Template* p = find(ref.name);
      const Mark m = mark[p];
      if (m == Mark::kActive) {
        return Error{"partial '" + std::string(ref.name) +
                     "' includes itself outside of any section, so rendering it would never end"}
            .at(s.tmpl->name() + ":" + std::to_string(ref.line));
      }
      if (m == Mark::kNew) {
        mark[p] = Mark::kActive;
        stack.push_back(Step{p, p->partial_refs()});
      }
    }
  }
  return Status::success();
}

}  // namespace paperpress
