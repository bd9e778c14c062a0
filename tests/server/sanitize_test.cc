// The email HTML sanitiser: what is dropped, what is kept, and hostile inputs that have fooled
// sanitisers before (mutation, obfuscated schemes, namespaces, CSS).
#include <gtest/gtest.h>

#include "server/html_sanitize.h"

namespace mailsift::server {
namespace {

std::string body_of(const std::string& html) {
  std::string out = sanitize_email_html(html).html;
  auto b = out.find("<body>");
  auto e = out.rfind("</body>");
  return b == std::string::npos ? out : out.substr(b + 6, e - b - 6);
}

TEST(SanitizeTest, KeepsFormattingAndSafeLinks) {
  EXPECT_EQ(body_of("<p>Hello <b>there</b></p>"), "<p>Hello <b>there</b></p>");
  EXPECT_EQ(body_of("<a href=\"https://example.com/x?a=1&b=2\">x</a>"),
            "<a href=\"https://example.com/x?a=1&amp;b=2\" rel=\"noopener noreferrer\">x</a>");
  EXPECT_EQ(body_of("<table border=1><tr><td colspan=2>a</td></tr></table>"),
            "<table border=\"1\"><tbody><tr><td colspan=\"2\">a</td></tr></tbody></table>");
}

TEST(SanitizeTest, DropsScriptsHandlersAndDangerousElements) {
  for (const char* bad :
       {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "<iframe src=//evil></iframe>", "<object data=x></object>", "<embed src=x>",
        "<form action=//evil><input></form>", "<body onload=alert(1)>", "<meta http-equiv=refresh>",
        "<base href=//evil/>", "<link rel=stylesheet href=//evil>", "<math><mi xlink:href=x>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template><script>x</script></template>",
        "<details open ontoggle=alert(1)>", "<video><source onerror=alert(1)></video>"}) {
    std::string out = body_of(bad);
    // Attribute values are escaped text: what matters is the markup outside them.
    std::string markup;
    bool in_value = false;
    for (char c : out) {
      if (c == '"')
        in_value = !in_value;
      else if (!in_value)
        markup.push_back(c);
    }
    for (const char* needle : {"<script", "onerror", "onload", "ontoggle", "<iframe", "<object", "<embed", "<form",
                               "<input", "<meta", "<base", "<link", "<svg", "<math", "alert(1)>"}) {
      EXPECT_EQ(markup.find(needle), std::string::npos) << bad << " -> " << out;
    }
  }
}

TEST(SanitizeTest, DropsScriptUrlsHoweverWritten) {
  for (const char* href :
       {"javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)",
        "vbscript:x", "data:text/html,<script>alert(1)</script>", "jav\tascript:alert(1)"}) {
    std::string out = body_of(std::string("<a href=\"") + href + "\">x</a>");
    EXPECT_EQ(out, "<a rel=\"noopener noreferrer\">x</a>") << href;
  }
}

TEST(SanitizeTest, BlocksRemoteImagesAndCountsThem) {
  auto r = sanitize_email_html(
      "<img src=\"https://tracker.example/p.gif\" alt=\"t\"><img src=\"data:image/png;base64,AAAA\">");
  EXPECT_EQ(r.blocked_images, 1);
  EXPECT_EQ(r.html.find("tracker.example"), std::string::npos);
  EXPECT_NE(r.html.find("data:image/png;base64,AAAA"), std::string::npos);
  EXPECT_EQ(body_of("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">").find("data:"), std::string::npos);
}

TEST(SanitizeTest, ResolvesCidImagesThroughTheCallback) {
  auto r = sanitize_email_html("<img src=\"cid:logo@x\">", [](std::string_view cid) -> std::optional<std::string> {
    if (cid == "logo@x") return std::string("data:image/png;base64,QQ==");
    return std::nullopt;
  });
  EXPECT_NE(r.html.find("src=\"data:image/png;base64,QQ==\""), std::string::npos) << r.html;
}

TEST(SanitizeTest, CssCannotLoadOrRunAnything) {
  auto r = sanitize_email_html(
      "<style>@import url(//evil/x.css); body{background:url(http://evil/bg.png)} </style><style>x{}</style>"
      "<p style=\"background:URL(http://evil/p.png);width:expression(alert(1))\">p</p>"
      "<style>p{color:red}</style><style></style></style><script>alert(1)</script>");
  EXPECT_EQ(r.html.find("evil/"), std::string::npos) << r.html;
  EXPECT_EQ(r.html.find("url("), std::string::npos) << r.html;
  EXPECT_EQ(r.html.find("expression("), std::string::npos) << r.html;
  EXPECT_EQ(r.html.find("<script"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("color:red"), std::string::npos) << r.html;
  // A style block cannot be closed early by its content.
  auto s =
      sanitize_email_html("<style>a{}</style><p>x</p><style>b{content:'</style><script>alert(1)</script>'}</style>");
  EXPECT_EQ(s.html.find("<script"), std::string::npos) << s.html;
}

TEST(SanitizeTest, EscapesTextAndAttributes) {
  EXPECT_EQ(body_of("<p title='a\"b<c'>1 &lt; 2 &amp; &lt;script&gt;</p>"),
            "<p title=\"a&quot;b&lt;c\">1 &lt; 2 &amp; &lt;script&gt;</p>");
}

TEST(SanitizeTest, SurvivesDeepNestingAndJunk) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "x<script>alert(1)</script>";
  auto r = sanitize_email_html(deep);
  EXPECT_EQ(r.html.find("<script"), std::string::npos);
  EXPECT_NE(r.html.find("x"), std::string::npos);
  auto junk = sanitize_email_html(std::string("\xff\xfe<p>\x00ok</p>", 12));
  EXPECT_NE(junk.html.find("ok"), std::string::npos);
  EXPECT_TRUE(sanitize_email_html("").html.starts_with("<!doctype html>"));
}

TEST(SanitizeTest, TheDocumentCarriesItsOwnPolicy) {
  auto r = sanitize_email_html("<p>x</p>");
  EXPECT_NE(r.html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(r.html.find("default-src 'none'"), std::string::npos);
}

}  // namespace
}  // namespace mailsift::server
