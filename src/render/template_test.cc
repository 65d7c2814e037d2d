#include "paperpress/render/template.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <utility>
#include <vector>

namespace paperpress {
namespace {

using Json = nlohmann::json;

// Builds the Value tree of a JSON document (numbers as their JSON text). The tree holds views
// into `json`, which must outlive it.
void add_member(Value& object, std::string_view key, const Json& j);

void add_item(Value& list, const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      list.add_null();
      break;
    case Json::value_t::boolean:
      list.add(j.get<bool>());
      break;
    case Json::value_t::string:
      list.add(std::string_view(j.get_ref<const std::string&>()));
      break;
    case Json::value_t::array: {
      Value& l = list.list();
      for (const Json& e : j) add_item(l, e);
      break;
    }
    case Json::value_t::object: {
      Value& o = list.object();
      for (auto it = j.begin(); it != j.end(); ++it) add_member(o, it.key(), it.value());
      break;
    }
    default:
      list.add_copy(j.dump());
      break;
  }
}

void add_member(Value& object, std::string_view key, const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      object.set_null(key);
      break;
    case Json::value_t::boolean:
      object.set(key, j.get<bool>());
      break;
    case Json::value_t::string:
      object.set(key, std::string_view(j.get_ref<const std::string&>()));
      break;
    case Json::value_t::array: {
      Value& l = object.list(key);
      for (const Json& e : j) add_item(l, e);
      break;
    }
    case Json::value_t::object: {
      Value& o = object.object(key);
      for (auto it = j.begin(); it != j.end(); ++it) add_member(o, it.key(), it.value());
      break;
    }
    default:
      object.set_copy(key, j.dump());
      break;
  }
}

Value& build(ViewArena& arena, const Json& j) {
  Value& root = arena.object();
  for (auto it = j.begin(); it != j.end(); ++it) add_member(root, it.key(), it.value());
  return root;
}

struct Case {
  const char* name;
  const char* tmpl;
  const char* data;  // JSON object
  const char* expected;
  std::vector<std::pair<const char*, const char*>> partials = {};
};

void run_cases(const std::vector<Case>& cases, Escape escape = Escape::kHtml) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto t = Template::compile(c.tmpl, "test.mustache", escape);
    ASSERT_TRUE(t) << t.error().message;
    Partials partials;
    for (const auto& [name, source] : c.partials) {
      Status s = partials.add(name, source, std::string(name) + ".mustache", escape);
      ASSERT_TRUE(s) << s.error().message;
    }
    const Json json = Json::parse(c.data);
    ViewArena arena;
    const Value& data = build(arena, json);
    auto out = t->render(data, &partials);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(*out, c.expected);
  }
}

std::string compile_error(std::string_view source, std::string name = "page.html") {
  auto t = Template::compile(source, std::move(name), Escape::kHtml);
  return t ? "(compiled)" : t.error().message;
}

// Mustache spec v1.4, interpolation.yml.
TEST(TemplateSpec, Interpolation) {
  run_cases({
      {"No Interpolation", "Hello from {Mustache}!\n", "{}", "Hello from {Mustache}!\n"},
      {"Basic Interpolation", "Hello, {{subject}}!\n", R"({"subject":"world"})", "Hello, world!\n"},
      {"HTML Escaping", "These characters should be HTML escaped: {{forbidden}}\n",
       R"({"forbidden":"& \" < >"})",
       "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"},
      {"Triple Mustache", "These characters should not be HTML escaped: {{{forbidden}}}\n",
       R"({"forbidden":"& \" < >"})", "These characters should not be HTML escaped: & \" < >\n"},
      {"Ampersand", "These characters should not be HTML escaped: {{&forbidden}}\n",
       R"({"forbidden":"& \" < >"})", "These characters should not be HTML escaped: & \" < >\n"},
      {"Basic Integer Interpolation", "\"{{mph}} miles an hour!\"", R"({"mph":85})",
       "\"85 miles an hour!\""},
      {"Triple Mustache Integer Interpolation", "\"{{{mph}}} miles an hour!\"", R"({"mph":85})",
       "\"85 miles an hour!\""},
      {"Ampersand Integer Interpolation", "\"{{&mph}} miles an hour!\"", R"({"mph":85})",
       "\"85 miles an hour!\""},
      {"Basic Decimal Interpolation", "\"{{power}} jiggawatts!\"", R"({"power":1.21})",
       "\"1.21 jiggawatts!\""},
      {"Basic Context Miss Interpolation", "I ({{cannot}}) be seen!", "{}", "I () be seen!"},
      {"Triple Mustache Context Miss Interpolation", "I ({{{cannot}}}) be seen!", "{}",
       "I () be seen!"},
      {"Ampersand Context Miss Interpolation", "I ({{&cannot}}) be seen!", "{}", "I () be seen!"},
      {"Dotted Names - Basic Interpolation",
       "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"", R"({"person":{"name":"Joe"}})",
       "\"Joe\" == \"Joe\""},
      {"Dotted Names - Triple Mustache Interpolation",
       "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
       R"({"person":{"name":"Joe"}})", "\"Joe\" == \"Joe\""},
      {"Dotted Names - Ampersand Interpolation",
       "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
       R"({"person":{"name":"Joe"}})", "\"Joe\" == \"Joe\""},
      {"Dotted Names - Arbitrary Depth", "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
       R"({"a":{"b":{"c":{"d":{"e":{"name":"Phil"}}}}}})", "\"Phil\" == \"Phil\""},
      {"Dotted Names - Broken Chains", "\"{{a.b.c}}\" == \"\"", R"({"a":{}})", "\"\" == \"\""},
      {"Dotted Names - Broken Chain Resolution", "\"{{a.b.c.name}}\" == \"\"",
       R"({"a":{"b":{}},"c":{"name":"Jim"}})", "\"\" == \"\""},
      {"Dotted Names - Initial Resolution", "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
       R"({"a":{"b":{"c":{"d":{"e":{"name":"Phil"}}}}},"b":{"c":{"d":{"e":{"name":"Wrong"}}}}})",
       "\"Phil\" == \"Phil\""},
      {"Dotted Names - Context Precedence", "{{#a}}{{b.c}}{{/a}}",
       R"({"a":{"b":{}},"b":{"c":"ERROR"}})", ""},
      {"Implicit Iterators - Basic Interpolation", "Hello, {{.}}!\n", R"({})", "Hello, !\n"},
      {"Interpolation - Surrounding Whitespace", "| {{string}} |", R"({"string":"---"})",
       "| --- |"},
      {"Triple Mustache - Surrounding Whitespace", "| {{{string}}} |", R"({"string":"---"})",
       "| --- |"},
      {"Interpolation - Standalone", "  {{string}}\n", R"({"string":"---"})", "  ---\n"},
      {"Triple Mustache - Standalone", "  {{{string}}}\n", R"({"string":"---"})", "  ---\n"},
      {"Ampersand - Standalone", "  {{&string}}\n", R"({"string":"---"})", "  ---\n"},
      {"Interpolation With Padding", "|{{ string }}|", R"({"string":"---"})", "|---|"},
      {"Triple Mustache With Padding", "|{{{ string }}}|", R"({"string":"---"})", "|---|"},
      {"Ampersand With Padding", "|{{& string }}|", R"({"string":"---"})", "|---|"},
  });
}

// Mustache spec v1.4, sections.yml.
TEST(TemplateSpec, Sections) {
  run_cases({
      {"Truthy", "\"{{#boolean}}This should be rendered.{{/boolean}}\"", R"({"boolean":true})",
       "\"This should be rendered.\""},
      {"Falsey", "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", R"({"boolean":false})",
       "\"\""},
      {"Null is falsey", "\"{{#null}}This should not be rendered.{{/null}}\"", R"({"null":null})",
       "\"\""},
      {"Context", "\"{{#context}}Hi {{name}}.{{/context}}\"", R"({"context":{"name":"Joe"}})",
       "\"Hi Joe.\""},
      {"Parent contexts", "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
       R"({"a":"foo","b":"wrong","sec":{"b":"bar"},"c":{"d":"baz"}})", "\"foo, bar, baz\""},
      {"Variable test", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", R"({"foo":"bar"})",
       "\"bar is bar\""},
      {"List Contexts",
       "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}"
       "{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
       R"({"tops":[{"tname":{"upper":"A","lower":"a"},
           "middles":[{"mname":"1","bottoms":[{"bname":"x"},{"bname":"y"}]}]}]})",
       "a1.A1x.A1y."},
      {"Deeply Nested Contexts",
       "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n{{one}}{{two}}{{three}}{{two}}"
       "{{one}}\n{{#d}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n"
       "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
       "{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n"
       "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n{{/five}}\n"
       "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n"
       "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n{{one}}{{two}}{{one}}\n{{/b}}\n{{one}}\n"
       "{{/a}}\n",
       R"({"a":{"one":1},"b":{"two":2},"c":{"three":3,"d":{"four":4,"five":5}}})",
       "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n"},
      {"List", "\"{{#list}}{{item}}{{/list}}\"", R"({"list":[{"item":1},{"item":2},{"item":3}]})",
       "\"123\""},
      {"Empty List", "\"{{#list}}Yay lists!{{/list}}\"", R"({"list":[]})", "\"\""},
      {"Doubled", "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
       R"({"bool":true,"two":"second"})", "* first\n* second\n* third\n"},
      {"Nested (Truthy)", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", R"({"bool":true})",
       "| A B C D E |"},
      {"Nested (Falsey)", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", R"({"bool":false})",
       "| A  E |"},
      {"Context Misses", "[{{#missing}}Found key 'missing'!{{/missing}}]", "{}", "[]"},
      {"Implicit Iterator - String", "\"{{#list}}({{.}}){{/list}}\"",
       R"({"list":["a","b","c","d","e"]})", "\"(a)(b)(c)(d)(e)\""},
      {"Implicit Iterator - Integer", "\"{{#list}}({{.}}){{/list}}\"", R"({"list":[1,2,3,4,5]})",
       "\"(1)(2)(3)(4)(5)\""},
      {"Implicit Iterator - Decimal", "\"{{#list}}({{.}}){{/list}}\"",
       R"({"list":[1.1,2.2,3.3,4.4,5.5]})", "\"(1.1)(2.2)(3.3)(4.4)(5.5)\""},
      {"Implicit Iterator - Array", "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
       R"({"list":[[1,2,3],["a","b","c"]]})", "\"(123)(abc)\""},
      {"Implicit Iterator - HTML Escaping", "\"{{#list}}({{.}}){{/list}}\"",
       R"({"list":["&","\"","<",">"]})", "\"(&amp;)(&quot;)(&lt;)(&gt;)\""},
      {"Implicit Iterator - Triple mustache", "\"{{#list}}({{{.}}}){{/list}}\"",
       R"({"list":["&","\"","<",">"]})", "\"(&)(\")(<)(>)\""},
      {"Implicit Iterator - Ampersand", "\"{{#list}}({{&.}}){{/list}}\"",
       R"({"list":["&","\"","<",">"]})", "\"(&)(\")(<)(>)\""},
      {"Dotted Names - Truthy", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"",
       R"({"a":{"b":{"c":true}}})", "\"Here\" == \"Here\""},
      {"Dotted Names - Falsey", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
       R"({"a":{"b":{"c":false}}})", "\"\" == \"\""},
      {"Dotted Names - Broken Chains", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", R"({"a":{}})",
       "\"\" == \"\""},
      {"Surrounding Whitespace", " | {{#boolean}}\t|\t{{/boolean}} | \n", R"({"boolean":true})",
       " | \t|\t | \n"},
      {"Internal Whitespace", " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
       R"({"boolean":true})", " |  \n  | \n"},
      {"Indented Inline Sections", " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
       R"({"boolean":true})", " YES\n GOOD\n"},
      {"Standalone Lines", "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
       R"({"boolean":true})", "| This Is\n|\n| A Line\n"},
      {"Indented Standalone Lines", "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
       R"({"boolean":true})", "| This Is\n|\n| A Line\n"},
      {"Standalone Line Endings", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", R"({"boolean":true})",
       "|\r\n|"},
      {"Standalone Without Previous Line", "  {{#boolean}}\n#{{/boolean}}\n/",
       R"({"boolean":true})", "#\n/"},
      {"Standalone Without Newline", "#{{#boolean}}\n/\n  {{/boolean}}", R"({"boolean":true})",
       "#\n/\n"},
      {"Padding", "|{{# boolean }}={{/ boolean }}|", R"({"boolean":true})", "|=|"},
  });
}

// Mustache spec v1.4, inverted.yml.
TEST(TemplateSpec, Inverted) {
  run_cases({
      {"Falsey", "\"{{^boolean}}This should be rendered.{{/boolean}}\"", R"({"boolean":false})",
       "\"This should be rendered.\""},
      {"Truthy", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", R"({"boolean":true})",
       "\"\""},
      {"Null is falsey", "\"{{^null}}This should be rendered.{{/null}}\"", R"({"null":null})",
       "\"This should be rendered.\""},
      {"Context", "\"{{^context}}Hi {{name}}.{{/context}}\"", R"({"context":{"name":"Joe"}})",
       "\"\""},
      {"List", "\"{{^list}}{{n}}{{/list}}\"", R"({"list":[{"n":1},{"n":2},{"n":3}]})", "\"\""},
      {"Empty List", "\"{{^list}}Yay lists!{{/list}}\"", R"({"list":[]})", "\"Yay lists!\""},
      {"Doubled", "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
       R"({"bool":false,"two":"second"})", "* first\n* second\n* third\n"},
      {"Nested (Falsey)", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", R"({"bool":false})",
       "| A B C D E |"},
      {"Nested (Truthy)", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", R"({"bool":true})",
       "| A  E |"},
      {"Context Misses", "[{{^missing}}Cannot find key 'missing'!{{/missing}}]", "{}",
       "[Cannot find key 'missing'!]"},
      {"Dotted Names - Truthy", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"",
       R"({"a":{"b":{"c":true}}})", "\"\" == \"\""},
      {"Dotted Names - Falsey", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
       R"({"a":{"b":{"c":false}}})", "\"Not Here\" == \"Not Here\""},
      {"Dotted Names - Broken Chains", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
       R"({"a":{}})", "\"Not Here\" == \"Not Here\""},
      {"Surrounding Whitespace", " | {{^boolean}}\t|\t{{/boolean}} | \n", R"({"boolean":false})",
       " | \t|\t | \n"},
      {"Internal Whitespace", " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
       R"({"boolean":false})", " |  \n  | \n"},
      {"Indented Inline Sections", " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
       R"({"boolean":false})", " NO\n WAY\n"},
      {"Standalone Lines", "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
       R"({"boolean":false})", "| This Is\n|\n| A Line\n"},
      {"Standalone Indented Lines", "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
       R"({"boolean":false})", "| This Is\n|\n| A Line\n"},
      {"Standalone Line Endings", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", R"({"boolean":false})",
       "|\r\n|"},
      {"Standalone Without Previous Line", "  {{^boolean}}\n^{{/boolean}}\n/",
       R"({"boolean":false})", "^\n/"},
      {"Standalone Without Newline", "^{{^boolean}}\n/\n  {{/boolean}}", R"({"boolean":false})",
       "^\n/\n"},
      {"Padding", "|{{^ boolean }}={{/ boolean }}|", R"({"boolean":false})", "|=|"},
  });
}

// Mustache spec v1.4, comments.yml.
TEST(TemplateSpec, Comments) {
  run_cases({
      {"Inline", "12345{{! Comment Block! }}67890", "{}", "1234567890"},
      {"Multiline", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "{}",
       "1234567890\n"},
      {"Standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}", "Begin.\nEnd.\n"},
      {"Indented Standalone", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", "{}",
       "Begin.\nEnd.\n"},
      {"Standalone Line Endings", "|\r\n{{! Standalone Comment }}\r\n|", "{}", "|\r\n|"},
      {"Standalone Without Previous Line", "  {{! I'm Still Standalone }}\n!", "{}", "!"},
      {"Standalone Without Newline", "!\n  {{! I'm Still Standalone }}", "{}", "!\n"},
      {"Multiline Standalone", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "{}",
       "Begin.\nEnd.\n"},
      {"Indented Multiline Standalone",
       "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}", "Begin.\nEnd.\n"},
      {"Indented Inline", "  12 {{! 34 }}\n", "{}", "  12 \n"},
      {"Surrounding Whitespace", "12345 {{! Comment Block! }} 67890", "{}", "12345  67890"},
      {"Variable Name Collision", "comments never show: >{{! comment }}<",
       R"({"! comment":1,"! comment ":2,"!comment":3,"comment":4})", "comments never show: ><"},
  });
}

// Mustache spec v1.4, partials.yml.
TEST(TemplateSpec, Partials) {
  run_cases({
      {"Basic Behavior", "\"{{>text}}\"", "{}", "\"from partial\"", {{"text", "from partial"}}},
      {"Failed Lookup", "\"{{>text}}\"", "{}", "\"\""},
      {"Context",
       "\"{{>partial}}\"",
       R"({"text":"content"})",
       "\"*content*\"",
       {{"partial", "*{{text}}*"}}},
      {"Recursion",
       "{{>node}}",
       R"({"content":"X","nodes":[{"content":"Y","nodes":[]}]})",
       "X<Y<>>",
       {{"node", "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"}}},
      {"Nested",
       "{{>outer}}",
       R"({"a":"hello","b":"world"})",
       "*hello world!*",
       {{"outer", "*{{a}} {{>inner}}*"}, {"inner", "{{b}}!"}}},
      {"Surrounding Whitespace", "| {{>partial}} |", "{}", "| \t|\t |", {{"partial", "\t|\t"}}},
      {"Inline Indentation",
       "  {{data}}  {{> partial}}\n",
       R"({"data":"|"})",
       "  |  >\n>\n",
       {{"partial", ">\n>"}}},
      {"Standalone Line Endings", "|\r\n{{>partial}}\r\n|", "{}", "|\r\n>|", {{"partial", ">"}}},
      {"Standalone Without Previous Line",
       "  {{>partial}}\n>",
       "{}",
       "  >\n  >>",
       {{"partial", ">\n>"}}},
      {"Standalone Without Newline",
       ">\n  {{>partial}}",
       "{}",
       ">\n  >\n  >",
       {{"partial", ">\n>"}}},
      {"Standalone Indentation",
       "\\\n {{>partial}}\n/\n",
       R"({"content":"<\n->"})",
       "\\\n |\n <\n->\n |\n/\n",
       {{"partial", "|\n{{{content}}}\n|\n"}}},
      {"Padding Whitespace",
       "|{{> partial }}|",
       R"({"boolean":true})",
       "|[]|",
       {{"partial", "[]"}}},
  });
}

// Beyond the spec's own tests: the standalone rule and partial indentation, which Markdown
// output depends on line by line.
TEST(TemplateStandalone, LinesAreRemovedWholeIncludingFirstAndLast) {
  run_cases({
      {"section on the first line", "{{#a}}\nx\n{{/a}}\n", R"({"a":true})", "x\n"},
      {"close on the last line without newline", "{{#a}}\nx\n{{/a}}", R"({"a":true})", "x\n"},
      {"comment as the whole template", "{{! only }}", "{}", ""},
      {"comment line with trailing blanks", "a\n  {{! c }}  \t\nb\n", "{}", "a\nb\n"},
      {"CRLF everywhere", "# T\r\n{{#l}}\r\n- {{.}}\r\n{{/l}}\r\nend\r\n", R"({"l":["x","y"]})",
       "# T\r\n- x\r\n- y\r\nend\r\n"},
      {"lone CR is not a line ending", "a{{#b}}\r{{/b}}\rc", R"({"b":true})", "a\r\rc"},
      {"two tags on one line are not standalone", "{{#a}}{{/a}}\nx\n", R"({"a":true})", "\nx\n"},
      {"text before the tag", "x {{#a}}\ny\n{{/a}}\n", R"({"a":true})", "x \ny\n"},
      {"text after the tag", "{{#a}} x\ny\n{{/a}}\n", R"({"a":true})", " x\ny\n"},
      {"variable lines are never standalone", "{{x}}\n{{y}}\n", "{}", "\n\n"},
      {"empty section leaves no blank line", "a\n{{#l}}\n- {{.}}\n{{/l}}\nb\n", R"({"l":[]})",
       "a\nb\n"},
      {"inverted and comment lines", "{{^l}}\n{{! none }}\nnone\n{{/l}}\n", R"({"l":[]})",
       "none\n"},
      {"markdown list",
       "# {{title}}\n\n{{#papers}}\n- [{{title}}]({{url}})\n{{#authors}}\n  - {{.}}\n"
       "{{/authors}}\n{{/papers}}\n{{^papers}}\nNo papers.\n{{/papers}}\n",
       R"({"title":"Digest","papers":[{"title":"A","url":"u1","authors":["x","y"]},
           {"title":"B","url":"u2","authors":[]}]})",
       "# Digest\n\n- [A](u1)\n  - x\n  - y\n- [B](u2)\n"},
  });
}

TEST(TemplateStandalone, PartialIndentation) {
  run_cases({
      {"nested standalone partials add up",
       "  {{>outer}}\n",
       "{}",
       "  a\n    x\n    y\n  b\n",
       {{"outer", "a\n  {{>inner}}\nb\n"}, {"inner", "x\ny\n"}}},
      {"recursive tree",
       "{{>node}}\n",
       // Leaves need their own empty "kids": a missing name is looked up in the parents.
       R"({"name":"root","kids":[{"name":"a","kids":[{"name":"b","kids":[]}]},
           {"name":"c","kids":[]}]})",
       "- root\n  - a\n    - b\n  - c\n",
       {{"node", "- {{name}}\n{{#kids}}\n  {{>node}}\n{{/kids}}\n"}}},
      {"sections inside an indented partial",
       "  {{>p}}\n",
       R"({"l":[1,2]})",
       "  1\n  2\n",
       {{"p", "{{#l}}\n{{.}}\n{{/l}}\n"}}},
      {"text before the tag: not standalone, not indented",
       "> {{>p}}\n",
       R"({"l":[1,2]})",
       "> 1\n2\n\n",
       {{"p", "{{#l}}\n{{.}}\n{{/l}}\n"}}},
      {"line starting with a close tag",
       "  {{>p}}\n",
       R"({"l":[1,2]})",
       "  [1]\n  [2]\n  !\n",
       {{"p", "{{#l}}[{{.}}]\n{{/l}}!\n"}}},
      {"line starting with a comment",
       "  {{>p}}\n",
       "{}",
       "  a\n   b\n",
       {{"p", "a\n{{! c }} b\n"}}},
      {"inline partial inside an indented one is not indented",
       "  {{>p}}\n",
       "{}",
       "  a <x\ny>\n",
       {{"p", "a <{{>q}}>\n"}, {"q", "x\ny"}}},
      {"values are not indented",
       "  {{>p}}\n",
       R"({"v":"1\n2"})",
       "  [1\n2]\n",
       {{"p", "[{{v}}]\n"}}},
      {"indent with a tab and CRLF", "\t{{>p}}\r\n", "{}", "\ta\r\n\tb\r\n", {{"p", "a\r\nb\r\n"}}},
      {"standalone partial with an empty partial", "a\n  {{>p}}\nb\n", "{}", "a\nb\n", {{"p", ""}}},
  });
}

TEST(TemplateValues, TruthinessAndScalars) {
  run_cases({
      {"empty string is falsey", "[{{#s}}yes{{/s}}{{^s}}no{{/s}}]", R"({"s":""})", "[no]"},
      {"non-empty string is pushed", "[{{#s}}{{.}}!{{/s}}]", R"({"s":"hi"})", "[hi!]"},
      {"empty object is truthy", "[{{#o}}yes{{/o}}{{^o}}no{{/o}}]", R"({"o":{}})", "[yes]"},
      {"bools interpolate", "{{t}}/{{f}}", R"({"t":true,"f":false})", "true/false"},
      {"null, lists and objects interpolate as nothing", "[{{n}}{{l}}{{o}}]",
       R"({"n":null,"l":[1],"o":{"a":1}})", "[]"},
      {"list of lists", "{{#l}}<{{#.}}{{.}}{{/.}}>{{/l}}", R"({"l":[[1,2],[],[3]]})", "<12><><3>"},
      {"lookup walks up from list items", "{{#l}}{{x}}{{sep}}{{/l}}",
       R"({"sep":",","l":[{"x":"a"},{"x":"b","sep":";"}]})", "a,b;"},
      {"string context does not hide outer names", "{{#s}}{{t}}{{/s}}", R"({"s":"x","t":"outer"})",
       "outer"},
      {"inverted over a missing dotted name", "{{^a.b}}none{{/a.b}}", R"({"a":1})", "none"},
  });
}

TEST(TemplateFilters, ChooseTheEscapingPerVariable) {
  run_cases(
      {
          {"default is markdown here", "{{t}}", R"({"t":"**a** <b>"})", "\\*\\*a\\*\\* &lt;b&gt;"},
          {"html", "<td title=\"{{t | html}}\">{{t|html}}</td>", R"({"t":"a\"<'&"})",
           "<td title=\"a&quot;&lt;&#39;&amp;\">a&quot;&lt;&#39;&amp;</td>"},
          {"xml", "{{t|xml}}", R"({"t":"a\u0001<b>"})", "a&lt;b&gt;"},
          {"md", "{{ t | md }}", R"({"t":"_x_"})", "\\_x\\_"},
          {"md_cell", "| {{t | md_cell}} |", R"({"t":"a | b\nc"})", "| a \\| b c |"},
          {"md_html", "<p>{{t | md_html}}</p>", R"({"t":"[a](b) <c> & 'd' \"e\" *f*"})",
           "<p>&#91;a&#93;(b) &lt;c&gt; &amp; 'd' \"e\" *f*</p>"},
          {"url", "https://x/{{q|url}}", R"({"q":"a b/c?d=é"})",
           "https://x/a%20b%2Fc%3Fd%3D%C3%A9"},
          {"raw", "{{t | raw}}", R"({"t":"<b>*</b>"})", "<b>*</b>"},
          {"filter overrides triple", "{{{t | html}}}", R"({"t":"<"})", "&lt;"},
          {"filter on implicit iterator", "{{#l}}{{. | url}},{{/l}}", R"({"l":["a b","c&d"]})",
           "a%20b,c%26d,"},
          {"filter on dotted name", "{{p.t | html}}", R"({"p":{"t":"<"}})", "&lt;"},
      },
      Escape::kMarkdown);
  // Default escapes of the other kinds.
  run_cases({{"html default", "{{t}}", R"({"t":"<'>"})", "&lt;&#39;&gt;"}}, Escape::kHtml);
  run_cases({{"xml default", "{{t}}", R"({"t":"<\u0000>"})", "&lt;&gt;"}}, Escape::kXml);
  run_cases({{"none", "{{t}}", R"({"t":"<*>"})", "<*>"}}, Escape::kNone);
}

TEST(TemplateErrors, NameTheFileLineAndTag) {
  EXPECT_EQ(compile_error("# x\n{{#papers}}\n- {{title}}\n", "themes/default/templates/page.md"),
            "themes/default/templates/page.md:2: unclosed section 'papers': '{{#papers}}' has no "
            "matching '{{/papers}}'");
  EXPECT_EQ(compile_error("{{#a}}\n{{#b}}\n{{/a}}\n"),
            "page.html:3: closing tag '{{/a}}' does not match '{{#b}}' opened on line 2");
  EXPECT_EQ(compile_error("x\n{{/a}}"),
            "page.html:2: closing tag '{{/a}}' without an open section");
  EXPECT_EQ(compile_error("a\n\nb {{title | bold}}"),
            "page.html:3: unknown filter 'bold' in '{{title | bold}}' (known: html, xml, md, "
            "md_cell, md_html, url, json, math, md_math, raw)");
  EXPECT_EQ(compile_error("{{x | md | url}}"),
            "page.html:1: only one filter is allowed in '{{x | md | url}}'");
  EXPECT_EQ(compile_error("{{x | }}"),
            "page.html:1: unknown filter '' in '{{x | }}' (known: "
            "html, xml, md, md_cell, md_html, url, json, math, md_math, raw)");
  EXPECT_EQ(compile_error("{{#x | md}}{{/x | md}}"),
            "page.html:1: filters are only allowed on variables '{{#x | md}}'");
  EXPECT_EQ(compile_error("{{=<% %>=}}"),
            "page.html:1: set-delimiter tags are not supported '{{=<% %>=}}'");
  EXPECT_EQ(compile_error("{{<parent}}{{/parent}}"),
            "page.html:1: template inheritance tags are not supported '{{<parent}}'");
  EXPECT_EQ(compile_error("ok\n<p>{{title</p>\nmore"),
            "page.html:2: unclosed tag '{{title</p>...' (expected '}}')");
  EXPECT_EQ(compile_error("{{{raw}}"), "page.html:1: unclosed tag '{{{raw}}' (expected '}}}')");
  EXPECT_EQ(compile_error("{{}}"), "page.html:1: empty tag '{{}}'");
  EXPECT_EQ(compile_error("{{ }}"), "page.html:1: empty tag '{{ }}'");
  EXPECT_EQ(compile_error("{{#}}{{/}}"), "page.html:1: invalid name in '{{#}}'");
  EXPECT_EQ(compile_error("{{paper title}}"), "page.html:1: invalid name in '{{paper title}}'");
  EXPECT_EQ(compile_error("{{a..b}}"), "page.html:1: invalid name in '{{a..b}}'");
  EXPECT_EQ(compile_error("{{.a}}"), "page.html:1: invalid name in '{{.a}}'");
  EXPECT_EQ(compile_error("{{a.}}"), "page.html:1: invalid name in '{{a.}}'");
  EXPECT_EQ(compile_error("{{>}}"), "page.html:1: invalid partial name in '{{>}}'");
  EXPECT_EQ(compile_error("{{> two words}}"),
            "page.html:1: invalid partial name in '{{> two words}}'");
  // Lines are counted through multi-line comments and text.
  EXPECT_EQ(compile_error("{{!\n\n}}\n\n{{/x}}"),
            "page.html:5: closing tag '{{/x}}' without an open section");
  // A long tag is cut in the message.
  EXPECT_EQ(compile_error("{{" + std::string(100, 'a')),
            "page.html:1: unclosed tag '{{" + std::string(58, 'a') + "...' (expected '}}')");
  // Nesting limit.
  std::string deep;
  for (int i = 0; i <= Template::kMaxNesting; ++i) deep += "{{#a}}";
  EXPECT_EQ(compile_error(deep), "page.html:1: sections nested more than 100 deep at '{{#a}}'");
  std::string ok_deep;
  for (int i = 0; i < Template::kMaxNesting; ++i) ok_deep = "{{#a}}" + ok_deep + "{{/a}}";
  EXPECT_EQ(compile_error(ok_deep), "(compiled)");
}

TEST(TemplateErrors, PartialsCheckUnknownNamesAndEndlessRecursion) {
  auto page = Template::compile("<main>\n{{#papers}}\n{{> card}}\n{{/papers}}\n{{>footer}}",
                                "page.html", Escape::kHtml);
  ASSERT_TRUE(page);
  Partials partials;
  ASSERT_TRUE(partials.add("card", "<li>{{title}}{{>badge}}</li>", "card.html", Escape::kHtml));
  Status s = partials.check(*page);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "page.html:5: unknown partial 'footer'");
  ASSERT_TRUE(partials.add("footer", "</main>", "footer.html", Escape::kHtml));
  s = partials.check(*page);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "card.html:1: unknown partial 'badge'");
  ASSERT_TRUE(partials.add("badge", "*", "badge.html", Escape::kHtml));
  EXPECT_TRUE(partials.check(*page));
  EXPECT_TRUE(partials.check());

  // a -> b -> a outside of any section can never end; inside a section it is data-driven.
  ASSERT_TRUE(partials.add("a", "x\n{{>b}}", "a.html", Escape::kHtml));
  ASSERT_TRUE(partials.add("b", "{{#kids}}{{>a}}{{/kids}}", "b.html", Escape::kHtml));
  EXPECT_TRUE(partials.check());
  ASSERT_TRUE(partials.add("b", "y\n\n{{>a}}", "b.html", Escape::kHtml));
  s = partials.check();
  ASSERT_FALSE(s);
  EXPECT_TRUE(s.error().message ==
                  "b.html:3: partial 'a' includes itself outside of any section, "
                  "so rendering it would never end" ||
              s.error().message ==
                  "a.html:2: partial 'b' includes itself outside of any section, "
                  "so rendering it would never end")
      << s.error().message;

  // Rendering the unchecked set stops with an error instead of running away.
  auto root = Template::compile("{{>a}}", "root.html", Escape::kHtml);
  ASSERT_TRUE(root);
  ViewArena arena;
  std::string out;
  s = root->render(arena.object(), out, &partials);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message,
            "b.html:3: rendering stopped at '{{>a}}': blocks nested deeper than 200 levels (does "
            "a partial keep including itself?)");
  // Partials rendered at depths 1..200, alternating a and b.
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += "x\ny\n\n";
  EXPECT_EQ(out, expected);
}

TEST(TemplateRender, LimitsStopRunawayRenderings) {
  ViewArena arena;
  Value& data = arena.object();
  data.list("kids").object().set("name", "n");
  Partials partials;
  // A tree partial whose leaves have no "kids": the parents' list is found again and again,
  // and each level renders the partial twice.
  ASSERT_TRUE(partials.add("node", "{{name}}{{#kids}}{{>node}}{{>node}}{{/kids}}", "node.html",
                           Escape::kHtml));
  auto page = Template::compile("{{>node}}", "page.html", Escape::kHtml);
  ASSERT_TRUE(page);
  ASSERT_TRUE(partials.check(*page));  // recursion inside a section is data-driven
  std::string out;
  Status s = page->render(data, out, &partials);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message,
            "node.html:1: rendering stopped at '{{>node}}': blocks nested deeper than 200 levels "
            "(does a partial keep including itself?)");
  out.clear();
  s = page->render(data, out, &partials, RenderLimits{1000, 1u << 30, 100});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message,
            "node.html:1: rendering stopped at a section: output larger than 100 bytes (does a "
            "partial keep including itself?)");
  EXPECT_LT(out.size(), 110u);
  // max_depth is capped so that no setting can overflow the stack.
  s = page->render(data, out, &partials, RenderLimits{1 << 30, uint64_t{1} << 40, 1 << 30});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("deeper than 1000 levels"), std::string::npos);

  // Shallow but wide: 10 nested sections over 10 items would be 10^10 blocks.
  std::string wide;
  for (int i = 0; i < 10; ++i) wide = "{{#l}}" + wide + "{{/l}}";
  auto bomb = Template::compile(wide + "x", "wide.html", Escape::kNone);
  ASSERT_TRUE(bomb);
  Value& ten = arena.object();
  Value& l = ten.list("l");
  for (int i = 0; i < 10; ++i) l.add(i);
  out.clear();
  s = bomb->render(ten, out, nullptr, RenderLimits{200, 100000, 1 << 30});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message,
            "wide.html:1: rendering stopped at a section: more than 100000 section items and "
            "partials (does a partial keep including itself?)");

  // The defaults allow big pages: 100k items with nested lists.
  auto list = Template::compile("{{#l}}{{#.}}{{.}}{{/.}}{{/l}}", "list.html", Escape::kNone);
  ASSERT_TRUE(list);
  Value& big = arena.object();
  Value& items = big.list("l");
  for (int i = 0; i < 100000; ++i) items.list().add("a").add("b").add("c");
  out.clear();
  ASSERT_TRUE(list->render(big, out));
  EXPECT_EQ(out.size(), 300000u);
}

TEST(TemplateRender, ContextFromTheBuilderApi) {
  auto t = Template::compile(
      "{{#papers}}\n"
      "<li class=\"{{#open}}open{{/open}}\"><a href=\"/abs/{{id|url}}\">{{title}}</a> "
      "({{n}}) {{site.name}}</li>\n"
      "{{/papers}}\n",
      "list.html", Escape::kHtml);
  ASSERT_TRUE(t);
  ViewArena site_arena;
  Value& site = site_arena.object();
  site.set("name", "Paper<press>");

  ViewArena arena;
  std::string out;
  for (int round = 0; round < 3; ++round) {
    arena.clear();
    Value& page = arena.object();
    page.set("site", site);
    Value& papers = page.list("papers");
    std::string temp = "made up " + std::to_string(round);
    papers.object()
        .set("id", "2501.00001")
        .set_copy("title", temp)
        .set("n", round)
        .set("open", true);
    papers.object().set("id", "hep-th/9901001").set("title", "A & B").set("n", -7);
    temp = "overwritten";  // set_copy copied it
    out.clear();
    ASSERT_TRUE(t->render(page, out));
    EXPECT_EQ(out, "<li class=\"open\"><a href=\"/abs/2501.00001\">made up " +
                       std::to_string(round) + "</a> (" + std::to_string(round) +
                       ") Paper&lt;press&gt;</li>\n"
                       "<li class=\"\"><a href=\"/abs/hep-th%2F9901001\">A &amp; B</a> (-7) "
                       "Paper&lt;press&gt;</li>\n");
  }
}

// Records (objects made with a Schema) render as objects with the same members do: a name of
// the schema is its member once put (null by put_null); a member never put, like any other
// name, is looked up further out, as on an object that never set it.
TEST(TemplateRender, RecordsRenderAsObjects) {
  static constexpr std::string_view kKeys[] = {"title", "tags", "note"};
  static const Schema schema(kKeys);
  auto t = Template::compile(
      "{{#papers}}[{{title}}|{{#tags}}{{name}}{{/tags}}|{{note}}{{^note}}-{{/note}}|{{site}}|"
      "{{extra}}|{{missing}}]{{/papers}}",
      "records.html", Escape::kHtml);
  ASSERT_TRUE(t);
  ViewArena arena;
  Value& page = arena.object();
  page.set("site", "S").set("note", "page's note").set("extra", "page's extra");
  Value& papers = page.list("papers");
  Value& a = papers.record(schema);
  a.put(0, std::string_view("A<1>")).put(2, std::string_view("n"));
  a.put_list(1).object().set("name", "x");
  a.set("extra", "own");
  papers.record(schema).put(0, std::string_view("B"));
  papers.record(schema).put(0, std::string_view("C")).put_null(2);
  std::string out;
  ASSERT_TRUE(t->render(page, out));
  // B never put `note`: the page's is found. C's null `note` is its own.
  const std::string expected =
      "[A&lt;1&gt;|x|n|S|own|][B||page&#39;s note|S|page&#39;s extra|]"
      "[C||-|S|page&#39;s extra|]";
  EXPECT_EQ(out, expected);
  // Bound to the schema (members found by index), or to others only, the same rendering.
  static constexpr std::string_view kOtherKeys[] = {"note", "title"};
  static const Schema other(kOtherKeys);
  const Schema* const bindings[][2] = {{&schema, &other}, {&other, &schema}, {&other, nullptr}};
  for (const auto& binding : bindings) {
    t->bind(std::span(binding, binding[1] ? 2 : 1));
    out.clear();
    ASSERT_TRUE(t->render(page, out));
    EXPECT_EQ(out, expected);
  }
}

TEST(TemplateRender, MentionsTheNamesOfItsTags) {
  auto t = Template::compile("{{a}} {{#b.c}}{{{d}}}{{/b.c}}{{^e}}{{/e}}{{f|url}}{{> g}}{{! h }}",
                             "t", Escape::kNone);
  ASSERT_TRUE(t);
  for (const char* name : {"a", "b", "c", "d", "e", "f"}) EXPECT_TRUE(t->mentions(name)) << name;
  for (const char* name : {"g", "h", "b.c", "", "x"}) EXPECT_FALSE(t->mentions(name)) << name;
  Partials partials;
  partials.add("t", std::move(*t));
  EXPECT_TRUE(partials.mentions("d"));
  EXPECT_FALSE(partials.mentions("g"));
}

TEST(TemplateRender, AppendsAndCopiesShareTheSource) {
  Template copy = [] {
    auto t = Template::compile("[{{a}}]", "t", Escape::kNone);
    EXPECT_TRUE(t);
    Template kept = *t;  // the original goes away; views must follow the shared source
    return kept;
  }();
  ViewArena arena;
  std::string out = "prefix:";
  ASSERT_TRUE(copy.render(arena.object().set("a", "1"), out));
  EXPECT_EQ(out, "prefix:[1]");
  EXPECT_EQ(copy.name(), "t");
  EXPECT_EQ(copy.partial_refs().size(), 0u);
}

// Random template text must never crash the compiler or the renderer (the tests also run under
// the sanitizer build). Fragments are chosen to form tags, partial recursion and broken syntax.
TEST(TemplateRobustness, RandomTemplatesNeverCrash) {
  const std::vector<std::string> fragments = {
      "{{",    "}}",      "{{{",    "}}}",    "#",        "^",         "/",      "!",      ">",
      "&",     "=",       "|",      " md",    " url",     "a",         "b",      ".",      "l",
      "p",     " ",       "\n",     "\r\n",   "\t",       "x",         "{{#l}}", "{{/l}}", "{{>p}}",
      "{{.}}", "{{a.b}}", "{{^a}}", "{{/a}}", "{{! c }}", "  {{>q}}\n"};
  Json data = Json::parse(R"({"a":{"b":"<&>"},"l":[1,{"a":"x"},[2,3],""],"x":true})");
  ViewArena arena;
  const Value& root = build(arena, data);
  std::mt19937 rng(12345);
  int compiled = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string src;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) src += fragments[rng() % fragments.size()];
    auto t = Template::compile(src, "fuzz", Escape::kMarkdown);
    if (!t) {
      EXPECT_EQ(t.error().message.rfind("fuzz:", 0), 0u) << t.error().message;
      continue;
    }
    ++compiled;
    Partials partials;
    partials.add("p", *t);  // includes itself, maybe unconditionally
    partials.add("q", *t);
    std::string out;
    Status s = t->render(root, out, &partials, RenderLimits{50, 20000, 1 << 20});
    if (!s) {
      EXPECT_EQ(s.error().message.rfind("fuzz:", 0), 0u) << s.error().message;
    }
  }
  EXPECT_GT(compiled, 300);
}

}  // namespace
}  // namespace paperpress
