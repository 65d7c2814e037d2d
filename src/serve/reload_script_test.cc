#include "paperpress/serve/reload_script.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(ServeReloadScript, InsertsBeforeTheLastBodyEnd) {
  EXPECT_EQ(inject_before_body_end("<html><body>x</body></html>", "<s>"),
            "<html><body>x<s></body></html>");
  EXPECT_EQ(inject_before_body_end("<BODY>x</BODY>\n</HTML>", "<s>"), "<BODY>x<s></BODY>\n</HTML>");
  // A "</body>" inside the page's text comes before the real one.
  EXPECT_EQ(inject_before_body_end("<p>&lt;/body&gt; </body></body>", "<s>"),
            "<p>&lt;/body&gt; </body><s></body>");
  EXPECT_EQ(inject_before_body_end("<p>no body end", "<s>"), "<p>no body end<s>");
  EXPECT_EQ(inject_before_body_end("", "<s>"), "<s>");
  EXPECT_EQ(inject_before_body_end("</bod", "<s>"), "</bod<s>");
}

TEST(ServeReloadScript, NamesTheGenerationAndTheEventStream) {
  std::string script = reload_script("1700000000000.3");
  EXPECT_NE(script.find("var since = \"1700000000000.3\""), std::string::npos);
  EXPECT_NE(script.find(std::string(kEventsPath)), std::string::npos);
  EXPECT_NE(script.find("location.reload()"), std::string::npos);
  EXPECT_NE(script.find(std::string(kErrorOverlayId)), std::string::npos);
  // Nothing but a token reaches the string literal.
  EXPECT_NE(reload_script("1\";alert(1);\"").find("var since = \"1alert1\""), std::string::npos);
}

TEST(ServeReloadScript, ErrorPageEscapesTheMessage) {
  std::string page = error_page("site.toml:3: bad <key> & \"value\"", "none");
  EXPECT_NE(page.find("site.toml:3: bad &lt;key&gt; &amp; &quot;value&quot;"), std::string::npos);
  EXPECT_NE(page.find("var since = \"none\""), std::string::npos);
  EXPECT_EQ(page.find("<key>"), std::string::npos);
}

}  // namespace
}  // namespace paperpress
