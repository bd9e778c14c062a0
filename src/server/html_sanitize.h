// Sanitising the HTML body of an email before a browser sees it.
//
// Email HTML is hostile. The sanitiser parses it as a browser would (gumbo, HTML5 rules) and
// writes back only an allowlist: formatting elements and attributes; links with http, https,
// mailto or fragment targets; images only as data: URIs or cid: references resolved to inline
// parts (remote images are dropped and counted); <style> blocks with every url() and @import
// removed. Scripts, event handlers, forms, frames, objects, SVG, MathML, meta/base/link and
// comments are dropped. The result is a complete document that is still served only under a
// sandboxing Content-Security-Policy (defence in depth: the sanitiser is not the only wall).
//
// Thread-safety: pure functions, safe from any thread. Never throws.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mailsift::server {

struct SanitizedHtml {
  std::string html;          // a full document: <!doctype html><html><head>...</head><body>...</body></html>
  int blocked_images = 0;    // remote images removed
  int removed_elements = 0;  // scripts, frames, forms, ... removed (counting each once)
};

// Resolves a cid: reference (without "cid:") to a data: URI, or nullopt.
using CidResolver = std::function<std::optional<std::string>(std::string_view content_id)>;

SanitizedHtml sanitize_email_html(std::string_view html, const CidResolver& resolve_cid = nullptr);

// Escapes text for an HTML text node or a double-quoted attribute value.
std::string html_escape(std::string_view text);

}  // namespace mailsift::server
