#include "paperpress/digest/digest_file.h"

#include <gtest/gtest.h>

#include "paperpress/model/content.h"
#include "paperpress/util/fs.h"
#include "test_support.h"

namespace paperpress {
namespace {

DigestDocument sample() {
  DigestDocument d;
  d.title = "LLM digest, 2025-07-14 #1\nsecond line";
  d.date = "2025-07-14";
  d.generated_by = "gpt-4o-mini";
  d.overview = "Overview text.\n";
  d.sections = {{"2507.00001", "On the first.\n"}, {"2507.00002", ""}};
  return d;
}

TEST(DigestFile, ReadsBackAsTheDigestItDescribes) {
  std::string text = render_digest_file(sample());
  auto page = parse_content_page(text, "digests/2025-07-14-llm", "x.md");
  ASSERT_TRUE(page) << page.error().message << "\n" << text;
  EXPECT_EQ(page->title, "LLM digest, 2025-07-14 1 second line");
  EXPECT_EQ(page->date, "2025-07-14");
  EXPECT_EQ(page->generated_by, "gpt-4o-mini");
  ASSERT_EQ(page->papers.size(), 2u);
  EXPECT_EQ(page->papers[0].id, "2507.00001");
  EXPECT_EQ(page->papers[0].markdown, "On the first.\n");
  EXPECT_EQ(page->markdown.find("Overview text."), 0u);
}

TEST(DigestFile, NoticesAnEditAndAHandWrittenFile) {
  testing::TempDir dir;
  auto path = dir / "d.md";
  EXPECT_EQ(*inspect_digest_file(path), DigestFileState::kAbsent);
  std::string text = render_digest_file(sample());
  ASSERT_TRUE(write_file_atomic(path, text));
  EXPECT_EQ(*inspect_digest_file(path), DigestFileState::kGenerated);
  std::string edited = text;
  edited.replace(edited.find("On the first."), 3, "Re:");
  ASSERT_TRUE(write_file_atomic(path, edited));
  EXPECT_EQ(*inspect_digest_file(path), DigestFileState::kEdited);
  ASSERT_TRUE(write_file_atomic(path, "---\ntitle: mine\n---\nMy own digest.\n"));
  EXPECT_EQ(*inspect_digest_file(path), DigestFileState::kHandWritten);
  // generated_by in the body is not front matter.
  ASSERT_TRUE(write_file_atomic(path, "---\ntitle: mine\n---\n\ngenerated_by: x\n"));
  EXPECT_EQ(*inspect_digest_file(path), DigestFileState::kHandWritten);
}

TEST(DigestFile, SameDocumentSameBytes) {
  EXPECT_EQ(render_digest_file(sample()), render_digest_file(sample()));
}

}  // namespace
}  // namespace paperpress
