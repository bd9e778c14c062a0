// html_to_text: readable text from HTML bodies.
#include "mime/parser.h"
#include "support/test_support.h"

namespace mailsift::mime {
namespace {

TEST(HtmlToText, BlocksBecomeLinesAndInlineStaysInline) {
  EXPECT_EQ(html_to_text("<p>One <b>bold</b> <i>word</i>.</p><p>Two</p><div>Three</div>Four"),
            "One bold word.\n\nTwo\n\nThree\nFour");
  EXPECT_EQ(html_to_text("<h1>Title</h1><div>a</div><div>b</div>"), "Title\n\na\nb");
}

TEST(HtmlToText, BrIsANewline) {
  EXPECT_EQ(html_to_text("line one<br>line two<br/><br>line four"), "line one\nline two\n\nline four");
}

TEST(HtmlToText, ListItemsGetDashes) {
  EXPECT_EQ(
      html_to_text("<p>Items:</p><ul><li>apples</li><li>pears<ul><li>green</li></ul></li></ul><ol><li>first</li></ol>"),
      "Items:\n\n- apples\n- pears\n  - green\n\n- first");
}

TEST(HtmlToText, LinksKeepTheirUrl) {
  EXPECT_EQ(html_to_text("Read <a href=\"https://example.com/a?b=1&amp;c=2\">the report</a> now."),
            "Read the report <https://example.com/a?b=1&c=2> now.");
  // Not repeated when the text is the URL, dropped for javascript: and in-page anchors.
  EXPECT_EQ(html_to_text("<a href=\"https://example.com/\">https://example.com</a>"), "https://example.com");
  EXPECT_EQ(html_to_text("<a href=\"mailto:a@example.com\">a@example.com</a>"), "a@example.com");
  EXPECT_EQ(html_to_text("<a href=\"javascript:alert(1)\">click</a>"), "click");
  EXPECT_EQ(html_to_text("<a href=\"#top\">top</a>"), "top");
  EXPECT_EQ(html_to_text("<a href=\"https://t.example/pixel\"><img src=x></a>text"), "text");
}

TEST(HtmlToText, ScriptStyleHeadAndTitleAreDropped) {
  EXPECT_EQ(html_to_text("<html><head><title>Title</title><style>p { color: red }</style>"
                         "<script>var x = 1;</script></head><body>Body<script>alert(2)</script>"
                         "<noscript>enable js</noscript><!-- comment --></body></html>"),
            "Body");
}

TEST(HtmlToText, EntitiesAreDecodedAndWhitespaceCollapsed) {
  EXPECT_EQ(html_to_text("  Fish&nbsp;&amp;&nbsp;chips \n\n  &lt;3 &#8364;5 &eacute;t&eacute;  "),
            "Fish & chips <3 €5 été");
}

TEST(HtmlToText, PreKeepsItsWhitespace) {
  EXPECT_EQ(html_to_text("<p>code:</p><pre>  a  b\n    c</pre><p>after</p>"), "code:\n\n  a  b\n    c\n\nafter");
}

TEST(HtmlToText, TablesAndHiddenElements) {
  EXPECT_EQ(html_to_text("<table><tr><td>Name</td><td>Qty</td></tr><tr><td>Bolts</td><td>40</td></tr></table>"),
            "Name Qty\nBolts 40");
  EXPECT_EQ(html_to_text("<div style=\"display: none\">preheader</div><p>Shown</p>"), "Shown");
}

TEST(HtmlToText, BrokenMarkupStillGivesText) {
  EXPECT_EQ(html_to_text("<p>unclosed <b>bold <i>both</p>plain"), "unclosed bold both\n\nplain");
  EXPECT_EQ(html_to_text(""), "");
  EXPECT_EQ(html_to_text("no tags at all"), "no tags at all");
  EXPECT_EQ(html_to_text("<<<>>>&&&;;"), "<<<>>>&&&;;");
}

TEST(HtmlToText, HugeDocumentsUseTheLightweightStripper) {
  std::string html = "<html><head><style>p { color: red }</style></head><body>";
  while (html.size() < 3u * 1024 * 1024) html += "<p>Paragraph &amp; <b>bold</b> text</p><div>line<br>break</div>";
  std::string text = html_to_text(html);
  EXPECT_TRUE(text.starts_with("Paragraph & bold text\nline\nbreak\nParagraph & bold text\n")) << text.substr(0, 80);
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find("color"), std::string::npos);
}

}  // namespace
}  // namespace mailsift::mime
