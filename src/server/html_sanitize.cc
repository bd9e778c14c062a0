#include "server/html_sanitize.h"

#include <gumbo.h>

#include <memory>

#include "core/strings.h"
#include "mime/parser.h"

namespace mailsift::server {

namespace {

// Documents nested deeper than this (a cheap estimate before parsing) are shown as text: gumbo
// and a recursive writer would use too much stack on them.
constexpr int kMaxDepth = 400;

const GumboOptions& options() {
  static const GumboOptions o = [] {
    GumboOptions x = kGumboDefaultOptions;
    x.max_errors = 0;
    return x;
  }();
  return o;
}

struct OutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&options(), out); }
};

enum class Action { kKeep, kUnwrap, kDrop };

// Formatting elements: kept with their allowed attributes.
constexpr GumboTag kKept[] = {
    GUMBO_TAG_A,          GUMBO_TAG_ABBR,     GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,
    GUMBO_TAG_B,          GUMBO_TAG_BDI,      GUMBO_TAG_BDO,     GUMBO_TAG_BIG,     GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_BR,         GUMBO_TAG_CAPTION,  GUMBO_TAG_CENTER,  GUMBO_TAG_CITE,    GUMBO_TAG_CODE,
    GUMBO_TAG_COL,        GUMBO_TAG_COLGROUP, GUMBO_TAG_DD,      GUMBO_TAG_DEL,     GUMBO_TAG_DETAILS,
    GUMBO_TAG_DFN,        GUMBO_TAG_DIV,      GUMBO_TAG_DL,      GUMBO_TAG_DT,      GUMBO_TAG_EM,
    GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,   GUMBO_TAG_FONT,    GUMBO_TAG_FOOTER,  GUMBO_TAG_H1,
    GUMBO_TAG_H2,         GUMBO_TAG_H3,       GUMBO_TAG_H4,      GUMBO_TAG_H5,      GUMBO_TAG_H6,
    GUMBO_TAG_HEADER,     GUMBO_TAG_HR,       GUMBO_TAG_I,       GUMBO_TAG_IMG,     GUMBO_TAG_INS,
    GUMBO_TAG_KBD,        GUMBO_TAG_LI,       GUMBO_TAG_MAIN,    GUMBO_TAG_MARK,    GUMBO_TAG_NAV,
    GUMBO_TAG_OL,         GUMBO_TAG_P,        GUMBO_TAG_PRE,     GUMBO_TAG_Q,       GUMBO_TAG_S,
    GUMBO_TAG_SAMP,       GUMBO_TAG_SECTION,  GUMBO_TAG_SMALL,   GUMBO_TAG_SPAN,    GUMBO_TAG_STRIKE,
    GUMBO_TAG_STRONG,     GUMBO_TAG_SUB,      GUMBO_TAG_SUMMARY, GUMBO_TAG_SUP,     GUMBO_TAG_TABLE,
    GUMBO_TAG_TBODY,      GUMBO_TAG_TD,       GUMBO_TAG_TFOOT,   GUMBO_TAG_TH,      GUMBO_TAG_THEAD,
    GUMBO_TAG_TIME,       GUMBO_TAG_TR,       GUMBO_TAG_TT,      GUMBO_TAG_U,       GUMBO_TAG_UL,
    GUMBO_TAG_VAR,        GUMBO_TAG_WBR,      GUMBO_TAG_STYLE};

// Elements that run, load, embed or ask for something: dropped with everything inside them.
constexpr GumboTag kDropped[] = {GUMBO_TAG_SCRIPT,   GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,
                                 GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET, GUMBO_TAG_NOFRAMES, GUMBO_TAG_OBJECT,
                                 GUMBO_TAG_EMBED,    GUMBO_TAG_APPLET,   GUMBO_TAG_PARAM,    GUMBO_TAG_SVG,
                                 GUMBO_TAG_MATH,     GUMBO_TAG_INPUT,    GUMBO_TAG_BUTTON,   GUMBO_TAG_SELECT,
                                 GUMBO_TAG_TEXTAREA, GUMBO_TAG_OPTION,   GUMBO_TAG_OPTGROUP, GUMBO_TAG_KEYGEN,
                                 GUMBO_TAG_LINK,     GUMBO_TAG_META,     GUMBO_TAG_BASE,     GUMBO_TAG_TITLE,
                                 GUMBO_TAG_AUDIO,    GUMBO_TAG_VIDEO,    GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,
                                 GUMBO_TAG_CANVAS,   GUMBO_TAG_MAP,      GUMBO_TAG_AREA,     GUMBO_TAG_BGSOUND,
                                 GUMBO_TAG_MARQUEE,  GUMBO_TAG_ISINDEX,  GUMBO_TAG_XMP,      GUMBO_TAG_PLAINTEXT};

// Anything else (html, head, body, form, label, unknown tags, ...): its content only.
Action action_for(GumboTag tag) {
  for (GumboTag t : kKept) {
    if (t == tag) return Action::kKeep;
  }
  for (GumboTag t : kDropped) {
    if (t == tag) return Action::kDrop;
  }
  return Action::kUnwrap;
}

bool allowed_attribute(GumboTag tag, std::string_view name) {
  static constexpr std::string_view kCommon[] = {
      "align",   "valign",  "width",   "height", "bgcolor",  "color", "border",   "cellpadding", "cellspacing",
      "colspan", "rowspan", "dir",     "lang",   "title",    "class", "id",       "face",        "size",
      "nowrap",  "scope",   "headers", "abbr",   "datetime", "start", "reversed", "span",        "background-color",
      "frame",   "rules",   "summary", "hspace", "vspace",   "role",  "style",    "open"};
  for (auto a : kCommon) {
    if (name == a) return true;
  }
  if (tag == GUMBO_TAG_A && name == "href") return true;
  if (tag == GUMBO_TAG_IMG && (name == "src" || name == "alt")) return true;
  if (tag == GUMBO_TAG_OL && name == "type") return true;
  if (tag == GUMBO_TAG_LI && name == "value") return true;
  return false;
}

// URL schemes are compared after removing what browsers ignore (whitespace, control bytes).
std::string url_head(std::string_view url) {
  std::string out;
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;
    out.push_back(static_cast<char>(std::tolower(u)));
    if (out.size() >= 32) break;
  }
  return out;
}

bool safe_link(std::string_view href) {
  std::string head = url_head(href);
  return head.starts_with("http://") || head.starts_with("https://") || head.starts_with("mailto:") ||
         head.starts_with("#");
}

bool safe_image_data(std::string_view src) {
  std::string head = url_head(src);
  for (const char* t : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg", "data:image/webp"}) {
    if (head.starts_with(t)) return true;
  }
  return false;
}

// Removes constructs that load or run anything from CSS text: url(...) and the other functions
// that fetch (replaced by "none", arguments and all), @import rules, expression(), behaviours
// and javascript: references. What is left can only style.
std::string clean_css(std::string_view css) {
  std::string lower = to_lower(css);
  std::string out;
  out.reserve(css.size());
  size_t i = 0;
  auto starts = [&](std::string_view w) { return lower.compare(i, w.size(), w) == 0; };
  while (i < css.size()) {
    bool fetches = false;
    for (std::string_view f : {"url(", "image-set(", "-webkit-image-set(", "image(", "src(", "expression("}) {
      if (starts(f)) {
        fetches = true;
        break;
      }
    }
    if (fetches) {
      // Skip to the closing parenthesis (quotes and nesting respected), or to the end.
      int depth = 0;
      char quote = 0;
      for (; i < css.size(); ++i) {
        char c = css[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '(') {
          ++depth;
        } else if (c == ')' && --depth == 0) {
          ++i;
          break;
        }
      }
      out += "none";
      continue;
    }
    if (starts("@import")) {
      size_t end = css.find_first_of(";\n}", i);
      i = end == std::string_view::npos ? css.size() : end + 1;
      continue;
    }
    bool hit = false;
    for (std::string_view bad : {"behavior", "-moz-binding", "javascript:"}) {
      if (starts(bad)) {
        out += "blocked";
        i += bad.size();
        hit = true;
        break;
      }
    }
    if (hit) continue;
    char c = css[i++];
    if (c == '<')
      out += "\\3c ";  // cannot end the <style> element early
    else if (c == '\\')
      out += ' ';  // no escapes that could spell the words above
    else
      out.push_back(c);
  }
  return out;
}

int estimated_depth(std::string_view html) {
  int depth = 0, deepest = 0;
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    char n = html[i + 1];
    if (n == '/')
      depth = depth > 0 ? depth - 1 : 0;
    else if (std::isalpha(static_cast<unsigned char>(n)))
      deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

class Writer {
 public:
  Writer(SanitizedHtml& out, const CidResolver& resolve) : out_(out), resolve_(resolve) {}

  void node(const GumboNode* n, std::string& body, std::string& styles) {
    switch (n->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        body += html_escape(n->v.text.text);
        return;
      case GUMBO_NODE_COMMENT:
        return;
      case GUMBO_NODE_DOCUMENT:
        children(&n->v.document.children, body, styles);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        element(n, body, styles);
        return;
    }
  }

 private:
  void children(const GumboVector* kids, std::string& body, std::string& styles) {
    for (unsigned i = 0; i < kids->length; ++i) node(static_cast<const GumboNode*>(kids->data[i]), body, styles);
  }

  void element(const GumboNode* n, std::string& body, std::string& styles) {
    const GumboElement& e = n->v.element;
    Action action = e.tag_namespace == GUMBO_NAMESPACE_HTML ? action_for(e.tag) : Action::kDrop;
    if (action == Action::kDrop) {
      ++out_.removed_elements;
      return;
    }
    if (action == Action::kUnwrap) {
      children(&e.children, body, styles);
      return;
    }
    if (e.tag == GUMBO_TAG_STYLE) {
      for (unsigned i = 0; i < e.children.length; ++i) {
        auto* k = static_cast<const GumboNode*>(e.children.data[i]);
        if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) styles += clean_css(k->v.text.text);
      }
      styles += "\n";
      return;
    }
    std::string name = gumbo_normalized_tagname(e.tag);
    body += "<" + name;
    bool image_kept = true;
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      std::string attr = to_lower(a->name);
      if (!allowed_attribute(e.tag, attr)) continue;
      std::string value = a->value;
      if (attr == "href" && !safe_link(value)) continue;
      if (attr == "style") value = clean_css(value);
      if (e.tag == GUMBO_TAG_IMG && attr == "src") {
        std::string head = url_head(value);
        if (head.starts_with("cid:") && resolve_) {
          auto data = resolve_(std::string_view(value).substr(value.find(':') + 1));
          if (!data) {
            image_kept = false;
            continue;
          }
          value = *data;
        } else if (!safe_image_data(value)) {
          image_kept = false;
          ++out_.blocked_images;
          continue;
        }
      }
      body += " " + attr + "=\"" + html_escape(value) + "\"";
    }
    if (e.tag == GUMBO_TAG_A) body += " rel=\"noopener noreferrer\"";
    if (e.tag == GUMBO_TAG_IMG && !image_kept) body += " data-blocked=\"1\"";
    body += ">";
    if (e.tag == GUMBO_TAG_BR || e.tag == GUMBO_TAG_HR || e.tag == GUMBO_TAG_IMG || e.tag == GUMBO_TAG_COL ||
        e.tag == GUMBO_TAG_WBR) {
      return;  // void elements
    }
    children(&e.children, body, styles);
    body += "</" + name + ">";
  }

  SanitizedHtml& out_;
  const CidResolver& resolve_;
};

constexpr const char* kHead =
    "<!doctype html><html><head><meta charset=\"utf-8\">"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:\">"
    "<style>body{font:14px/1.45 system-ui,sans-serif;color:#1d2433;background:#fff;margin:12px;"
    "overflow-wrap:anywhere}img[data-blocked]{display:inline-block;min-width:16px;min-height:16px;"
    "outline:1px dashed #b8c0cc}</style>";

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

SanitizedHtml sanitize_email_html(std::string_view html, const CidResolver& resolve_cid) {
  SanitizedHtml out;
  std::string valid = make_valid_utf8(html);
  std::string body, styles;
  if (estimated_depth(valid) > kMaxDepth) {
    body = "<pre>" + html_escape(mime::html_to_text(valid)) + "</pre>";
  } else {
    std::unique_ptr<GumboOutput, OutputDeleter> parsed(
        gumbo_parse_with_options(&options(), valid.data(), valid.size()));
    if (!parsed) {
      body = "<pre>" + html_escape(mime::html_to_text(valid)) + "</pre>";
    } else {
      Writer w(out, resolve_cid);
      w.node(parsed->root, body, styles);
    }
  }
  out.html = kHead;
  if (!styles.empty()) out.html += "<style>" + styles + "</style>";
  out.html += "</head><body>" + body + "</body></html>";
  return out;
}

}  // namespace mailsift::server
