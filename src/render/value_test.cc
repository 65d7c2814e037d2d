#include "paperpress/render/value.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>
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

}  // namespace
}  // namespace paperpress
