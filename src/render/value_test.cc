#include "paperpress/render/value.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {
namespace {

std::vector<std::string> keys_of(const Value& v) {
  std::vector<std::string> keys;
  for (const Value& c : v.children()) keys.emplace_back(c.key());
  return keys;
}

TEST(Value, BuildsObjectsWithScalarsInOrder) {
  ViewArena arena;
  const std::string title = "Heat-bath random walks";
  Value& paper = arena.object();
  paper.set("title", title)
      .set("literal", "text")
      .set("open", true)
      .set("closed", false)
      .set("count", 42)
      .set("negative", -7L)
      .set("big", UINT64_MAX)
      .set("min", LLONG_MIN)
      .set_null("nothing")
      .set("nullptr", static_cast<const char*>(nullptr));
  EXPECT_TRUE(paper.is_object());
  EXPECT_EQ(paper.size(), 10u);
  EXPECT_EQ(keys_of(paper),
            (std::vector<std::string>{"title", "literal", "open", "closed", "count", "negative",
                                      "big", "min", "nothing", "nullptr"}));
  // Strings are views into the caller's text, not copies.
  EXPECT_EQ(paper.find("title")->text().data(), title.data());
  EXPECT_EQ(paper.find("literal")->text(), "text");
  EXPECT_TRUE(paper.find("open")->boolean());
  EXPECT_TRUE(paper.find("closed")->is_bool());
  EXPECT_FALSE(paper.find("closed")->boolean());
  EXPECT_EQ(paper.find("count")->text(), "42");
  EXPECT_EQ(paper.find("negative")->text(), "-7");
  EXPECT_EQ(paper.find("big")->text(), "18446744073709551615");
  EXPECT_EQ(paper.find("min")->text(), "-9223372036854775808");
  EXPECT_TRUE(paper.find("nothing")->is_null());
  EXPECT_TRUE(paper.find("nullptr")->is_null());
  EXPECT_EQ(paper.find("missing"), nullptr);
  EXPECT_EQ(paper.find("title")->find("x"), nullptr);  // not an object
  EXPECT_EQ(paper.find("title")->key(), "title");
}

TEST(Value, SetReplacesInPlace) {
  ViewArena arena;
  Value& o = arena.object();
  o.set("a", "1").set("b", "2").set("c", "3");
  o.set("b", true);
  EXPECT_EQ(o.size(), 3u);
  EXPECT_EQ(keys_of(o), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(o.find("b")->boolean());
  Value& l = o.list("b");
  l.add("x");
  EXPECT_EQ(o.size(), 3u);
  EXPECT_TRUE(o.find("b")->is_list());
  EXPECT_EQ(o.find("b")->size(), 1u);
  o.set("b", "back to text");
  EXPECT_EQ(o.find("b")->text(), "back to text");
  EXPECT_EQ(o.find("b")->size(), 0u);
  EXPECT_EQ(o.find("b")->first_child(), nullptr);
}

TEST(Value, ListsNestObjectsAndLists) {
  ViewArena arena;
  Value& root = arena.object();
  Value& papers = root.list("papers");
  for (int i = 0; i < 3; ++i) {
    Value& p = papers.object();
    p.set("n", i);
    p.list("authors").add("A").add("B").add(i).add(i % 2 == 0).add_null().add_copy("c");
  }
  papers.list().add("nested");
  ASSERT_EQ(papers.size(), 4u);
  int n = 0;
  for (const Value& p : papers.children()) {
    if (n < 3) {
      EXPECT_EQ(p.find("n")->text(), std::to_string(n));
      const Value* authors = p.find("authors");
      ASSERT_NE(authors, nullptr);
      EXPECT_EQ(authors->size(), 6u);
      std::vector<Value::Kind> kinds;
      for (const Value& a : authors->children()) kinds.push_back(a.kind());
      EXPECT_EQ(kinds, (std::vector<Value::Kind>{Value::Kind::kString, Value::Kind::kString,
                                                 Value::Kind::kString, Value::Kind::kBool,
                                                 Value::Kind::kNull, Value::Kind::kString}));
    } else {
      EXPECT_TRUE(p.is_list());
      EXPECT_EQ(p.first_child()->text(), "nested");
    }
    ++n;
  }
  EXPECT_EQ(n, 4);
}

TEST(Value, Truthiness) {
  ViewArena arena;
  Value& o = arena.object();
  o.set("empty", "").set("text", "x").set("t", true).set("f", false).set_null("n");
  o.list("none");
  o.list("some").add("a");
  o.object("obj");
  EXPECT_FALSE(o.find("empty")->truthy());
  EXPECT_TRUE(o.find("text")->truthy());
  EXPECT_TRUE(o.find("t")->truthy());
  EXPECT_FALSE(o.find("f")->truthy());
  EXPECT_FALSE(o.find("n")->truthy());
  EXPECT_FALSE(o.find("none")->truthy());
  EXPECT_TRUE(o.find("some")->truthy());
  EXPECT_TRUE(o.find("obj")->truthy());
  EXPECT_FALSE(Value::null_value().truthy());
  EXPECT_TRUE(Value::null_value().is_null());
}

TEST(Value, CopiesOutliveTheirSource) {
  ViewArena arena;
  Value& o = arena.object();
  {
    std::string temp = "temporary";
    o.set_copy("k", temp);
    std::string big(100000, 'z');  // larger than one text block
    o.set_copy("big", big);
  }
  EXPECT_EQ(o.find("k")->text(), "temporary");
  EXPECT_EQ(o.find("big")->text(), std::string(100000, 'z'));
  EXPECT_EQ(arena.copy(""), "");
}

TEST(Value, LinkedValuesShareChildren) {
  ViewArena site_arena;
  Value& site = site_arena.object();
  site.set("name", "paperpress").list("nav").add("home").add("about");
  ViewArena arena;
  Value& page = arena.object();
  page.set("site", site).set("again", site);
  const Value* linked = page.find("site");
  ASSERT_NE(linked, nullptr);
  EXPECT_EQ(linked->find("name")->text(), "paperpress");
  EXPECT_EQ(linked->find("nav")->size(), 2u);
  EXPECT_EQ(page.find("again")->find("nav")->first_child(), site.find("nav")->first_child());
  EXPECT_EQ(page.size(), 2u);
  // Re-setting a member from itself keeps it intact.
  page.set("site", *page.find("site"));
  EXPECT_EQ(page.find("site")->find("name")->text(), "paperpress");
  // A node linked into its own tree makes a cycle of containment, never of iteration.
  page.set("self", page);
  size_t count = 0;
  for (const Value& v : page.find("self")->children()) {
    (void)v;
    ++count;
  }
  EXPECT_EQ(count, 3u);
}

TEST(Value, ClearReusesNodesAndText) {
  ViewArena arena;
  const Value* first_root = nullptr;
  const char* first_text = nullptr;
  for (int round = 0; round < 3; ++round) {
    arena.clear();
    EXPECT_EQ(arena.node_count(), 0u);
    Value& root = arena.object();
    Value& list = root.list("l");
    for (int i = 0; i < 1000; ++i) list.object().set("i", i).set_copy("s", "copied text");
    EXPECT_EQ(arena.node_count(), 1u + 1u + 1000u * 3u);
    EXPECT_EQ(list.size(), 1000u);
    if (round == 0) {
      first_root = &root;
      first_text = list.first_child()->find("s")->text().data();
    } else {
      // Same memory as the first round: nothing new was allocated.
      EXPECT_EQ(&root, first_root);
      EXPECT_EQ(list.first_child()->find("s")->text().data(), first_text);
      EXPECT_EQ(list.first_child()->find("i")->text(), "0");
    }
  }
}

TEST(Value, MisuseDoesNotCrash) {
  ViewArena arena;
  Value& list = arena.list();
  list.set("k", "v");  // a keyed item in a list
  Value& object = arena.object();
  object.add("item");  // a member with an empty key
  object.object().set("a", 1);
  EXPECT_EQ(list.size(), 1u);
  EXPECT_EQ(list.first_child()->text(), "v");
  EXPECT_EQ(object.size(), 2u);
  EXPECT_EQ(object.find(""), object.first_child());
  Value& text = arena.object().object("x");
  text.set("a", "b");
  EXPECT_EQ(text.find("a")->text(), "b");
}

constexpr std::string_view kPaperKeys[] = {"id", "title", "authors", "first"};
enum : size_t { kId, kTitle, kAuthors, kFirst };
constexpr std::string_view kNameKeys[] = {"name"};

TEST(Schema, IndexesItsMembersByName) {
  const Schema schema(kPaperKeys);
  ASSERT_EQ(schema.size(), 4u);
  EXPECT_EQ(schema.key(kTitle), "title");
  EXPECT_EQ(schema.index("title"), static_cast<int>(kTitle));
  EXPECT_EQ(schema.index(std::string("ti") + "tle"), static_cast<int>(kTitle));
  EXPECT_EQ(schema.index("first"), static_cast<int>(kFirst));
  EXPECT_EQ(schema.index("titles"), -1);
  EXPECT_EQ(schema.index("a name no schema has"), -1);
  constexpr std::string_view kTwice[] = {"a", "b", "a"};
  const Schema twice(kTwice);
  EXPECT_EQ(twice.index("a"), 0);
}

// A record's member as a bound template finds it: by its index in the record's schema.
const Value* by_index(const Value& record, std::string_view key) {
  return record.record_member(record.schema()->index(key), key);
}

TEST(Value, RecordsHoldTheirSchemasMembersFoundByIndex) {
  static const Schema paper(kPaperKeys);
  static const Schema named(kNameKeys);
  ViewArena arena;
  Value& list = arena.list();
  const std::string title = "Heat-bath random walks";
  Value& p = list.record(paper);
  p.put(kId, std::string_view("2501.00001")).put(kTitle, title).put(kFirst, true);
  p.put_list(kAuthors).record(named).put(0, std::string_view("Ada"));
  EXPECT_EQ(p.schema(), &paper);
  EXPECT_EQ(p.size(), 4u);
  EXPECT_EQ(keys_of(p), (std::vector<std::string>{"id", "title", "authors", "first"}));
  // Found by name (walking the members) and by index, the same node.
  for (std::string_view key : kPaperKeys) {
    ASSERT_NE(p.find(key), nullptr) << key;
    EXPECT_EQ(by_index(p, key), p.find(key)) << key;
  }
  EXPECT_EQ(p.find("title")->text().data(), title.data());  // a view, not a copy
  EXPECT_TRUE(p.find("first")->boolean());
  EXPECT_EQ(p.find("authors")->first_child()->find("name")->text(), "Ada");
  EXPECT_EQ(by_index(p, "missing"), nullptr);
  // A member not put is absent, as a key never set on an object; put_null makes it null;
  // putting again replaces in place.
  Value& q = list.record(paper);
  EXPECT_EQ(by_index(q, "title"), nullptr);
  EXPECT_EQ(q.find("title"), nullptr);
  q.put_null(kId);
  ASSERT_NE(by_index(q, "id"), nullptr);
  EXPECT_TRUE(by_index(q, "id")->is_null());
  EXPECT_EQ(q.find("id"), by_index(q, "id"));
  q.put(kTitle, std::string_view("one")).put(kTitle, 7);
  EXPECT_EQ(by_index(q, "title")->text(), "7");
  EXPECT_EQ(q.size(), 4u);
  // Members beyond the schema are set as on any object and found after its members.
  q.set("note", "extra").set("title", "by name");
  EXPECT_EQ(q.size(), 5u);
  EXPECT_EQ(by_index(q, "note")->text(), "extra");
  EXPECT_EQ(q.find("note")->text(), "extra");
  EXPECT_EQ(by_index(q, "title")->text(), "by name");
  // A record linked elsewhere shares its members.
  Value& page = arena.object();
  page.set("paper", p);
  EXPECT_EQ(by_index(*page.find("paper"), "title"), p.find("title"));
  EXPECT_EQ(list.size(), 2u);
}

TEST(Value, RecordsSpanNodeBlocksWhole) {
  // Records of 100 members: each needs 101 nodes in a row, so most blocks end unused.
  std::vector<std::string> names;
  for (int i = 0; i < 100; ++i) names.push_back("m" + std::to_string(i));
  const std::vector<std::string_view> keys(names.begin(), names.end());
  const Schema wide(keys);
  std::vector<std::string> huge_names;
  for (int i = 0; i < 1000; ++i) huge_names.push_back("h" + std::to_string(i));
  const std::vector<std::string_view> huge_keys(huge_names.begin(), huge_names.end());
  const Schema huge(huge_keys);  // more members than a block holds
  ViewArena arena;
  for (int round = 0; round < 2; ++round) {
    arena.clear();
    Value& list = arena.list();
    for (int r = 0; r < 10; ++r) {
      Value& rec = list.record(r == 5 ? huge : wide);
      rec.put(0, r).put(99, r * 2);
      list.object().set("between", r);
    }
    EXPECT_EQ(arena.node_count(), 1u + 9u * 101u + 1001u + 10u * 2u);
    int r = 0;
    for (const Value& item : list.children()) {
      if (item.schema() == nullptr) continue;
      EXPECT_EQ(by_index(item, "m0") == nullptr, r == 5);
      const std::string first = r == 5 ? "h0" : "m0";
      EXPECT_EQ(by_index(item, first)->text(), std::to_string(r));
      const std::string last = r == 5 ? "h99" : "m99";
      EXPECT_EQ(by_index(item, last)->text(), std::to_string(r * 2));
      EXPECT_EQ(item.size(), r == 5 ? 1000u : 100u);
      ++r;
    }
    EXPECT_EQ(r, 10);
  }
}

TEST(Value, PutOnNoRecordDoesNothing) {
  static const Schema named(kNameKeys);
  ViewArena arena;
  Value& o = arena.object();
  o.put(0, std::string_view("x")).put(0, true);
  EXPECT_EQ(o.size(), 0u);
  Value& l = o.put_list(0);  // an unnamed list member, as list() appends
  EXPECT_TRUE(l.is_list());
  EXPECT_EQ(o.size(), 1u);
  Value& r = arena.record(named);
  r.put(1, std::string_view("past the schema"));
  EXPECT_EQ(r.size(), 1u);
  EXPECT_EQ(r.find("name"), nullptr);
  constexpr std::span<const std::string_view> kNone;
  static const Schema empty(kNone);
  Value& e = arena.record(empty);
  e.set("a", "b");
  EXPECT_EQ(by_index(e, "a")->text(), "b");
}

}  // namespace
}  // namespace paperpress
