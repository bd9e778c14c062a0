// The MIME tree of a message to its bodies and attachments (see BodyWalker in internal.h).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

#include "core/strings.h"
#include "mime/charset.h"
#include "mime/internal.h"

namespace mailsift::mime::detail {

namespace {

std::string type_of(GMimeObject* object) {
  GMimeContentType* ct = g_mime_object_get_content_type(object);
  if (!ct) return "application/octet-stream";
  std::string type = to_lower(view(g_mime_content_type_get_media_type(ct)));
  type += '/';
  type += to_lower(view(g_mime_content_type_get_media_subtype(ct)));
  return make_valid_utf8(type);
}

bool is_inline_media(std::string_view type) {
  return type.starts_with("image/") || type.starts_with("audio/") || type.starts_with("video/");
}

bool is_status_type(std::string_view type) {
  return type == "message/delivery-status" || type == "message/global-delivery-status" ||
         type == "message/disposition-notification" || type == "message/global-disposition-notification" ||
         type == "message/feedback-report";
}

std::string read_stream(GMimeStream* stream) {
  std::string out;
  if (!stream) return out;
  g_mime_stream_reset(stream);
  gint64 length = g_mime_stream_length(stream);
  if (length > 0) out.reserve(static_cast<size_t>(length));
  char buf[16384];
  while (true) {
    ssize_t n = g_mime_stream_read(stream, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Counts what GMime's lenient base64 decoder will skip or leave unfinished.
bool base64_is_broken(std::string_view encoded) {
  size_t data = 0;
  for (unsigned char c : encoded) {
    if (std::isalnum(c) || c == '+' || c == '/' || c == '=') {
      ++data;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return true;
    }
  }
  return data % 4 != 0;
}

std::string decode_transfer(std::string raw, GMimeContentEncoding encoding) {
  if (encoding != GMIME_CONTENT_ENCODING_BASE64 && encoding != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE &&
      encoding != GMIME_CONTENT_ENCODING_UUENCODE) {
    return raw;
  }
  GMimeEncoding state;
  g_mime_encoding_init_decode(&state, encoding);
  std::string out(g_mime_encoding_outlen(&state, raw.size()) + 64, '\0');
  size_t n = g_mime_encoding_flush(&state, raw.data(), raw.size(), out.data());
  out.resize(std::min(n, out.size()));
  return out;
}

void append_piece(std::string& out, std::string_view piece) {
  if (trim(piece).empty()) return;
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += piece;
}

std::string join_addresses(const std::vector<Address>& list) {
  std::string out;
  for (const auto& a : list) {
    if (!out.empty()) out += ", ";
    out += a.display();
  }
  return out;
}

}  // namespace

std::string part_bytes(GMimeObject* object, Warnings* warnings, std::string_view path) {
  if (GMIME_IS_MESSAGE_PART(object)) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (!inner) return {};
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(inner), g_mime_format_options_get_default(), mem.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    return bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : std::string();
  }
  if (!GMIME_IS_PART(object)) return {};
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(object));
  if (!content) return {};
  GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(content);
  std::string raw = read_stream(g_mime_data_wrapper_get_stream(content));
  if (encoding == GMIME_CONTENT_ENCODING_BASE64 && warnings && base64_is_broken(raw)) {
    warnings->add("part " + std::string(path) + ": broken base64, decoded what was decodable");
  }
  return decode_transfer(std::move(raw), encoding);
}

struct BodyWalker::Node {
  GMimeObject* object;
  std::string path;
  bool in_report;  // a direct child of a multipart/report
};

struct BodyWalker::Collected {
  std::string text;
  std::string html;
  std::vector<Attachment> attachments;
  std::vector<GMimeObject*> objects;
};

BodyWalker::BodyWalker(GMimeParserOptions* gmime_options, const ParseOptions& options, Warnings& warnings,
                       bool want_text)
    : gmime_options_(gmime_options), options_(options), warnings_(warnings), want_text_(want_text) {}

std::vector<BodyWalker::Node> BodyWalker::children(GMimeObject* object, const std::string& path, bool in_report) {
  std::vector<Node> out;
  auto* multipart = GMIME_MULTIPART(object);
  int n = g_mime_multipart_get_count(multipart);
  out.reserve(static_cast<size_t>(std::max(n, 0)));
  for (int i = 0; i < n; ++i) {
    std::string child = path.empty() ? std::to_string(i + 1) : path + "." + std::to_string(i + 1);
    out.push_back(Node{g_mime_multipart_get_part(multipart, i), std::move(child), in_report});
  }
  return out;
}

void BodyWalker::note_leaf(GMimeObject* object) {
  std::string type = type_of(object);
  if (type == "text/calendar" || type == "application/ics") has_calendar_ = true;
}

// RFC 8621 section 4.1.4 parseStructure, with `text` / `html` null where the algorithm's lists
// are null. Recursion is bounded by max_depth.
void BodyWalker::structure(const std::vector<Node>& parts, std::string_view multipart_type, bool in_alternative,
                           std::vector<Node>* text, std::vector<Node>* html, std::vector<Node>& attachments,
                           int depth) {
  const size_t text_length = text ? text->size() : 0;
  const size_t html_length = html ? html->size() : 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Node& part = parts[i];
    if (++parts_seen_ > options_.max_parts) {
      if (!parts_warned_)
        warnings_.add("more than " + std::to_string(options_.max_parts) + " MIME parts; the rest ignored");
      parts_warned_ = true;
      return;
    }
    std::string type = type_of(part.object);
    if (GMIME_IS_MULTIPART(part.object)) {
      if (depth + 1 > options_.max_depth) {
        if (!depth_warned_) {
          warnings_.add("MIME nesting deeper than " + std::to_string(options_.max_depth) +
                        " levels not descended into");
        }
        depth_warned_ = true;
        continue;
      }
      if (g_mime_multipart_get_count(GMIME_MULTIPART(part.object)) == 0) {
        // No boundary line was found: what GMime kept as the prologue is the only content,
        // and it is read as text (see text_of) rather than lost.
        if (text) text->push_back(part);
        continue;
      }
      std::string subtype = type.substr(type.find('/') + 1);
      bool report = subtype == "report";
      if (report && outer_ && !is_report_) {
        is_report_ = true;
        report_type_ =
            to_lower(clean_header_value(view(g_mime_object_get_content_type_parameter(part.object, "report-type"))));
      }
      structure(children(part.object, part.path, report), subtype, in_alternative || subtype == "alternative", text,
                html, attachments, depth + 1);
      continue;
    }
    note_leaf(part.object);
    std::string disposition = to_lower(view(g_mime_object_get_disposition(part.object)));
    bool plain = type == "text/plain", is_html = type == "text/html", media = is_inline_media(type);
    bool named = GMIME_IS_PART(part.object) && g_mime_part_get_filename(GMIME_PART(part.object)) != nullptr;
    bool is_inline = disposition != "attachment" && (plain || is_html || media) &&
                     (i == 0 || (multipart_type != "related" && (media || !named)));
    if (!is_inline) {
      attachments.push_back(part);
      continue;
    }
    if (multipart_type == "alternative") {
      if (plain && text)
        text->push_back(part);
      else if (is_html && html)
        html->push_back(part);
      else if (!plain && !is_html)
        attachments.push_back(part);
      continue;
    }
    if (in_alternative) {
      if (plain) html = nullptr;
      if (is_html) text = nullptr;
    }
    if (text) text->push_back(part);
    if (html) html->push_back(part);
    // RFC 8621 lists an inline image as an attachment only when one body lacks it; mailsift
    // always lists it, so every non-text part can be found and extracted.
    if (media) attachments.push_back(part);
  }
  if (multipart_type == "alternative" && text && html) {
    if (text_length == text->size() && html_length != html->size()) {
      for (size_t j = html_length; j < html->size(); ++j) text->push_back((*html)[j]);
    }
    if (html_length == html->size() && text_length != text->size()) {
      for (size_t j = text_length; j < text->size(); ++j) html->push_back((*text)[j]);
    }
  }
}

BodyWalker::Collected BodyWalker::collect(GMimeMessage* message, const std::string& path, int depth, bool outer) {
  Collected c;
  GMimeObject* root = g_mime_message_get_mime_part(message);
  if (!root) return c;
  std::vector<Node> text, html, attachments;
  std::vector<Node> top{Node{root, GMIME_IS_MULTIPART(root) ? path : (path.empty() ? "1" : path + ".1"), false}};
  // Only the outer message decides is_report: a bounce forwarded inside a message is not one.
  bool saved_outer = outer_;
  outer_ = outer;
  structure(top, "mixed", false, &text, &html, attachments, depth);
  outer_ = saved_outer;

  auto decode_text = [&](const Node& node) {
    if (GMIME_IS_MULTIPART(node.object)) {
      std::string prologue(view(g_mime_multipart_get_prologue(GMIME_MULTIPART(node.object))));
      if (!trim(prologue).empty()) warnings_.add("multipart without parts; its content read as text");
      return to_utf8(prologue, "", &warnings_, "part " + node.path);
    }
    std::string bytes = part_bytes(node.object, &warnings_, node.path);
    if (bytes.size() > options_.max_body_bytes) {
      bytes.resize(options_.max_body_bytes);
      warnings_.add("part " + node.path + " cut to " + std::to_string(options_.max_body_bytes) + " bytes");
    }
    std::string charset(view(g_mime_object_get_content_type_parameter(node.object, "charset")));
    if (charset.empty() && type_of(node.object) == "text/html") charset = sniff_html_charset(bytes);
    return to_utf8(bytes, charset, &warnings_, "part " + node.path);
  };

  // An HTML-only body is in both lists; it is decoded once.
  std::vector<std::pair<GMimeObject*, std::string>> decoded;
  auto text_of = [&](const Node& node) -> std::string {
    for (const auto& [object, cached] : decoded) {
      if (object == node.object) return cached;
    }
    decoded.emplace_back(node.object, decode_text(node));
    return decoded.back().second;
  };

  std::string status;  // delivery-status fields of a report
  std::string forwarded;
  if (want_text_) {
    for (const Node& node : text) {
      if (c.text.size() > options_.max_body_bytes) break;
      std::string type = type_of(node.object);
      if (type == "text/plain" || GMIME_IS_MULTIPART(node.object))
        append_piece(c.text, text_of(node));
      else if (type == "text/html")
        append_piece(c.text, html_to_text(text_of(node)));
    }
    for (const Node& node : html) {
      if (c.html.size() > options_.max_body_bytes) break;
      if (type_of(node.object) == "text/html") append_piece(c.html, text_of(node));
    }
  }
  for (const Node& node : attachments) {
    Attachment a;
    a.content_type = type_of(node.object);
    std::string disposition = to_lower(view(g_mime_object_get_disposition(node.object)));
    a.disposition = disposition.empty() ? "" : (disposition == "inline" ? "inline" : "attachment");
    a.content_id = clean_header_value(view(g_mime_object_get_content_id(node.object)));
    std::string name;
    if (GMIME_IS_PART(node.object)) name = view(g_mime_part_get_filename(GMIME_PART(node.object)));
    if (name.empty()) name = view(g_mime_object_get_content_disposition_parameter(node.object, "filename"));
    if (name.empty()) name = view(g_mime_object_get_content_type_parameter(node.object, "name"));
    if (name.find("=?") != std::string::npos) {
      GCharPtr decoded(g_mime_utils_header_decode_text(gmime_options_, name.c_str()));
      if (decoded) name = decoded.get();
    }
    if (!is_valid_utf8(name)) name = to_utf8(name, "", nullptr, "");
    if (!trim(name).empty()) a.filename = sanitize_filename(name);
    if (a.filename.size() > 4 && iequals(std::string_view(a.filename).substr(a.filename.size() - 4), ".ics")) {
      has_calendar_ = true;
    }
    a.part_path = node.path;
    if (want_text_) {
      std::string bytes = part_bytes(node.object, &warnings_, node.path);
      a.size = bytes.size();
      a.sha256 = sha256_hex(bytes);
      if (outer && node.in_report && is_status_type(a.content_type) && status.size() < options_.max_body_bytes) {
        append_piece(status, to_utf8(bytes, "", &warnings_, "part " + node.path));
      }
    }
    c.attachments.push_back(std::move(a));
    c.objects.push_back(node.object);

    if (!GMIME_IS_MESSAGE_PART(node.object) || is_status_type(c.attachments.back().content_type)) continue;
    ++forwarded_;
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(node.object));
    if (!inner) continue;
    if (depth + 1 > options_.max_depth) {
      if (!depth_warned_) {
        warnings_.add("MIME nesting deeper than " + std::to_string(options_.max_depth) + " levels not descended into");
      }
      depth_warned_ = true;
      continue;
    }
    Collected sub = collect(inner, node.path, depth + 1, false);
    for (size_t k = 0; k < sub.attachments.size(); ++k) {
      c.attachments.push_back(std::move(sub.attachments[k]));
      c.objects.push_back(sub.objects[k]);
    }
    if (want_text_ && forwarded.size() < options_.max_body_bytes) {
      Email env;
      Warnings ignored;
      read_headers(inner, gmime_options_, options_, env, ignored);
      std::string block =
          node.in_report ? "---------- Original message ----------\n" : "---------- Forwarded message ----------\n";
      if (!env.from.empty()) block += "From: " + join_addresses(env.from) + "\n";
      if (!env.date_raw.empty()) block += "Date: " + env.date_raw + "\n";
      if (!env.subject.empty()) block += "Subject: " + env.subject + "\n";
      if (!env.to.empty()) block += "To: " + join_addresses(env.to) + "\n";
      block += "\n";
      block += sub.text;
      if (!forwarded.empty()) forwarded += "\n";
      forwarded += block;
    }
  }
  if (!status.empty()) {
    if (!c.text.empty()) c.text += "\n";
    append_piece(c.text, status);
  }
  if (!forwarded.empty()) {
    if (!c.text.empty()) c.text += c.text.back() == '\n' ? "\n" : "\n\n";
    c.text += forwarded;
  }
  return c;
}

void BodyWalker::run(GMimeMessage* message, Email& email) {
  Collected c = collect(message, "", 0, true);
  email.text_body = std::move(c.text);
  email.html_body = std::move(c.html);
  email.attachments = std::move(c.attachments);
  for (size_t i = 0; i < email.attachments.size(); ++i) email.attachments[i].index = static_cast<int>(i);
  attachment_objects_ = std::move(c.objects);
  email.is_report = is_report_;
  email.report_type = report_type_;
  email.has_calendar = has_calendar_;
  email.forwarded_messages = forwarded_;
}

}  // namespace mailsift::mime::detail
