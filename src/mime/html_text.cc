// html_to_text: readable plain text from an HTML body, with gumbo (an HTML5-conformant parser,
// so broken markup is repaired the way browsers repair it).
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/strings.h"
#include "mime/parser.h"

namespace mailsift::mime {

namespace {

// Documents nested deeper than this (by a cheap estimate, see estimated_depth) or larger than
// kMaxGumboBytes are converted by the simple tag stripper instead: gumbo's tree takes about 25
// bytes of memory per byte of HTML, and its passes over the open-element stack grow with depth.
constexpr int kMaxHtmlDepth = 1000;
constexpr size_t kMaxGumboBytes = 2 * 1024 * 1024;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void append_code_point(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Accumulates text with HTML whitespace rules: runs of white space collapse to one space, and
// block boundaries become at most one blank line.
class TextBuilder {
 public:
  explicit TextBuilder(size_t reserve) { out_.reserve(reserve); }

  void text(std::string_view t) {
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (is_space(c)) {
        pending_space_ = true;
      } else if (c == '\xC2' && i + 1 < t.size() && t[i + 1] == '\xA0') {  // no-break space
        pending_space_ = true;
        ++i;
      } else {
        flush();
        out_ += c;
      }
    }
  }
  // Text inside <pre>: kept as it is, except carriage returns.
  void verbatim(std::string_view t) {
    flush();
    for (char c : t) {
      if (c != '\r') out_ += c;
    }
  }
  // The next text starts at least `newlines` line breaks (1 = new line, 2 = blank line) after
  // what came before.
  void block(int newlines) {
    pending_newlines_ = std::max(pending_newlines_, newlines);
    pending_space_ = false;
  }
  void line_break() {
    flush();
    trim_line_end();
    out_ += '\n';
    pending_space_ = false;
  }
  void space() { pending_space_ = true; }
  // Starts a new line holding `prefix` (a list marker).
  void line_prefix(std::string_view prefix) {
    block(1);
    flush_newlines();
    out_ += prefix;
  }
  // Appends `suffix` right after the current text, separated by one space.
  void suffix(std::string_view suffix) {
    if (!out_.empty() && !is_space(out_.back())) out_ += ' ';
    out_ += suffix;
  }
  size_t size() const { return out_.size(); }
  std::string_view since(size_t pos) const { return std::string_view(out_).substr(pos); }

  std::string finish() {
    std::string result;
    result.reserve(out_.size());
    int newlines = 0;
    size_t line_start = 0;
    for (char c : out_) {
      if (c == '\n') {
        while (result.size() > line_start && result.back() == ' ') result.pop_back();
        if (++newlines <= 2 && !result.empty()) result += '\n';
        line_start = result.size();
      } else {
        newlines = 0;
        result += c;
      }
    }
    return std::string(trim(result));
  }

 private:
  void trim_line_end() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
  }
  void flush_newlines() {
    if (out_.empty()) {
      pending_newlines_ = 0;
      return;
    }
    trim_line_end();
    int have = 0;
    for (size_t i = out_.size(); i > 0 && out_[i - 1] == '\n' && have < 2; --i) ++have;
    for (int k = have; k < std::min(pending_newlines_, 2); ++k) out_ += '\n';
    pending_newlines_ = 0;
    pending_space_ = false;
  }
  void flush() {
    if (out_.empty()) {
      pending_newlines_ = 0;
      pending_space_ = false;
      return;
    }
    if (pending_newlines_ > 0) {
      flush_newlines();
    } else if (pending_space_) {
      if (!is_space(out_.back())) out_ += ' ';
    }
    pending_space_ = false;
  }

  std::string out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
};

bool is_void_or_autoclosing(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area",  "base",   "br",    "col",   "embed", "hr",       "img",      "input",  "link",  "meta",
      "param", "source", "track", "wbr",   "p",     "li",       "td",       "th",     "tr",    "dt",
      "dd",    "option", "tbody", "thead", "tfoot", "colgroup", "basefont", "keygen", "frame", "isindex"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// An upper estimate of the element nesting depth, in one linear pass.
int estimated_depth(std::string_view html) {
  int depth = 0, deepest = 0;
  std::string name;
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    bool close = html[i + 1] == '/';
    size_t j = i + 1 + (close ? 1 : 0);
    name.clear();
    while (j < html.size() && std::isalnum(static_cast<unsigned char>(html[j])) && name.size() < 16) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[j++])));
    }
    if (name.empty() || is_void_or_autoclosing(name)) continue;
    if (close) {
      depth = std::max(0, depth - 1);
    } else {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

bool starts_with_tag(std::string_view s, std::string_view name) {
  return istarts_with(s, name) &&
         (s.size() == name.size() || !std::isalnum(static_cast<unsigned char>(s[name.size()])));
}

// The fallback for documents gumbo should not see: drops tags, script and style, decodes the
// common entities, and breaks lines at the usual block tags.
std::string strip_tags(std::string_view html) {
  TextBuilder b(html.size());
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::string_view rest = html.substr(i + 1);
      bool close = !rest.empty() && rest[0] == '/';
      std::string_view tag = close ? rest.substr(1) : rest;
      if (!close && (starts_with_tag(tag, "script") || starts_with_tag(tag, "style"))) {
        std::string end = starts_with_tag(tag, "script") ? "</script" : "</style";
        size_t k = html.find('<', i + 1);
        while (k != std::string_view::npos && !istarts_with(html.substr(k), end)) k = html.find('<', k + 1);
        if (k == std::string_view::npos) break;
        i = k;  // the closing tag itself is skipped below
      }
      if (starts_with_tag(tag, "br")) b.line_break();
      for (std::string_view blk : {"p", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}) {
        if (starts_with_tag(tag, blk)) b.block(1);
      }
      size_t end = html.find('>', i);
      i = end == std::string_view::npos ? html.size() : end + 1;
    } else if (c == '&') {
      size_t semi = html.find(';', i);
      std::string_view ent =
          semi == std::string_view::npos || semi - i > 10 ? std::string_view() : html.substr(i + 1, semi - i - 1);
      std::string decoded;
      if (ent == "amp")
        decoded = "&";
      else if (ent == "lt")
        decoded = "<";
      else if (ent == "gt")
        decoded = ">";
      else if (ent == "quot")
        decoded = "\"";
      else if (ent == "apos")
        decoded = "'";
      else if (ent == "nbsp")
        decoded = " ";
      else if (ent.size() > 1 && ent[0] == '#') {
        bool hex = ent[1] == 'x' || ent[1] == 'X';
        uint32_t cp = 0;
        bool ok = ent.size() > (hex ? 2u : 1u);
        for (char d : ent.substr(hex ? 2 : 1)) {
          int v = std::isdigit(static_cast<unsigned char>(d))             ? d - '0'
                  : (hex && std::isxdigit(static_cast<unsigned char>(d))) ? (std::tolower(d) - 'a' + 10)
                                                                          : -1;
          if (v < 0 || cp > 0x10FFFF) {
            ok = false;
            break;
          }
          cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
        }
        if (ok) append_code_point(decoded, cp);
      }
      if (decoded.empty()) {
        b.text("&");
        ++i;
      } else {
        b.text(decoded);
        i = semi + 1;
      }
    } else {
      size_t next = html.find_first_of("<&", i);
      if (next == std::string_view::npos) next = html.size();
      b.text(html.substr(i, next - i));
      i = next;
    }
  }
  return b.finish();
}

// All of one parse's memory comes from this arena and goes at once: gumbo allocates a node, a
// vector or a string buffer for nearly every character run, and malloc/free dominated its
// cost. It also means the tree is never freed node by node (gumbo does that recursively).
class Arena {
 public:
  static void* allocate(void* self, size_t size) { return static_cast<Arena*>(self)->take(size); }
  static void release(void*, void*) {}

 private:
  static constexpr size_t kBlock = 64 * 1024;
  void* take(size_t size) {
    size = (size + 15) & ~size_t{15};
    if (size > kBlock / 4) {
      big_.push_back(std::make_unique<std::max_align_t[]>(size / sizeof(std::max_align_t) + 1));
      return big_.back().get();
    }
    if (used_ + size > kBlock || blocks_.empty()) {
      blocks_.push_back(std::make_unique<std::max_align_t[]>(kBlock / sizeof(std::max_align_t)));
      used_ = 0;
    }
    void* p = reinterpret_cast<char*>(blocks_.back().get()) + used_;
    used_ += size;
    return p;
  }
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_, big_;
  size_t used_ = 0;
};

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_APPLET:
      return true;
    default:
      return false;
  }
}

// Line breaks an element puts around itself: 2 for paragraph-like blocks, 1 for other blocks,
// 0 for inline elements.
int block_breaks(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DL:
      return 2;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
      return 1;
    default:
      return 0;
  }
}

std::string_view attribute(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

bool is_hidden(const GumboElement& el) {
  std::string_view style = attribute(el, "style");
  if (style.empty()) return false;
  std::string compact;
  for (char c : style) {
    if (!is_space(c)) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return compact.find("display:none") != std::string::npos;
}

// Whether "text <url>" would only repeat what the text already says.
bool link_repeats_text(std::string_view text, std::string_view url) {
  auto strip = [](std::string_view s) {
    for (std::string_view scheme : {"mailto:", "https://", "http://"}) {
      if (istarts_with(s, scheme)) {
        s.remove_prefix(scheme.size());
        break;
      }
    }
    while (!s.empty() && s.back() == '/') s.remove_suffix(1);
    return s;
  };
  return iequals(text, url) || iequals(strip(text), strip(url));
}

bool is_useful_link(std::string_view href) {
  href = trim(href);
  if (href.empty() || href[0] == '#') return false;
  for (std::string_view bad : {"javascript:", "data:", "cid:", "vbscript:"}) {
    if (istarts_with(href, bad)) return false;
  }
  return true;
}

struct Frame {
  const GumboNode* node;
  unsigned next = 0;
  size_t link_start = 0;
};

}  // namespace

std::string html_to_text(std::string_view html) {
  if (trim(html).empty()) return {};
  if (html.size() > kMaxGumboBytes || estimated_depth(html) > kMaxHtmlDepth) return strip_tags(html);

  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::allocate;
  options.deallocator = &Arena::release;
  options.userdata = &arena;
  options.max_errors = 0;  // parse errors are not read; mail HTML is full of them
  // Freed with the arena, not with gumbo_destroy_output.
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (!output || !output->root) return strip_tags(html);

  TextBuilder b(html.size() / 2);
  int pre = 0, lists = 0;
  std::vector<Frame> stack;
  stack.push_back(Frame{output->root});
  // Iterative walk: hostile nesting cannot exhaust the stack. On entering an element its
  // opening effects apply; after its last child, its closing effects.
  bool entering = true;
  while (!stack.empty()) {
    size_t top = stack.size() - 1;
    const GumboNode* node = stack[top].node;
    const GumboElement& el = node->v.element;
    if (entering) {
      entering = false;
      GumboTag tag = el.tag;
      if (node->type == GUMBO_NODE_TEMPLATE || is_skipped(tag) || is_hidden(el)) {
        stack.pop_back();
        continue;
      }
      if (int n = block_breaks(tag)) b.block(tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ? (lists ? 1 : 2) : n);
      if (tag == GUMBO_TAG_BR) b.line_break();
      if (tag == GUMBO_TAG_PRE) ++pre;
      if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) ++lists;
      if (tag == GUMBO_TAG_LI) b.line_prefix(std::string(static_cast<size_t>(std::max(lists - 1, 0)) * 2, ' ') + "- ");
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) b.space();
      if (tag == GUMBO_TAG_A) stack[top].link_start = b.size();
    }
    if (stack[top].next < el.children.length) {
      auto* child = static_cast<const GumboNode*>(el.children.data[stack[top].next++]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE: {
          std::string_view t = child->v.text.text ? child->v.text.text : "";
          if (pre > 0)
            b.verbatim(t);
          else
            b.text(t);
          break;
        }
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
          stack.push_back(Frame{child});
          entering = true;
          break;
        default:
          break;  // comments, the document node
      }
      continue;
    }
    GumboTag tag = el.tag;
    if (tag == GUMBO_TAG_A) {
      std::string_view href = trim(attribute(el, "href"));
      std::string text = collapse_whitespace(b.since(stack[top].link_start));
      if (!text.empty() && is_useful_link(href) && !link_repeats_text(text, href)) {
        std::string link;
        link.reserve(href.size() + 2);
        link += '<';
        link += href;
        link += '>';
        b.suffix(link);
      }
    }
    if (tag == GUMBO_TAG_PRE) --pre;
    if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) --lists;
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) b.space();
    if (int n = block_breaks(tag)) b.block(tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ? (lists ? 1 : 2) : n);
    stack.pop_back();
  }
  return make_valid_utf8(b.finish());
}

}  // namespace mailsift::mime
