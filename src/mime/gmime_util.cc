#include "mime/gmime_util.h"

#include <algorithm>
#include <mutex>

#include "core/strings.h"

namespace mailsift::mime::detail {

void ensure_gmime() {
  // GMime keeps its charset tables and type registry for the life of the process; it is never
  // shut down, so objects parsed on other threads can never outlive it.
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

void Warnings::add(std::string text) {
  if (std::find(list_.begin(), list_.end(), text) != list_.end()) return;
  if (list_.size() >= kMax) {
    ++dropped_;
    return;
  }
  list_.push_back(std::move(text));  // fix_utf8 in parse_message validates it
}

std::vector<std::string> Warnings::take() {
  std::vector<std::string> out = std::move(list_);
  if (dropped_ > 0) out.push_back("... and " + std::to_string(dropped_) + " more warnings");
  list_.clear();
  dropped_ = 0;
  return out;
}

namespace {

std::string_view describe(GMimeParserWarning code) {
  switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
      return "duplicated header";
    case GMIME_WARN_DUPLICATED_PARAMETER:
      return "duplicated header parameter";
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
      return "unencoded 8-bit header";
    case GMIME_WARN_INVALID_CONTENT_TYPE:
      return "invalid Content-Type, read as application/octet-stream";
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
      return "invalid RFC 2047 encoded header";
    case GMIME_WARN_MALFORMED_MULTIPART:
      return "multipart without child parts";
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "message is truncated";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "malformed message";
    case GMIME_CRIT_INVALID_HEADER_NAME:
      return "invalid header name";
    case GMIME_CRIT_CONFLICTING_HEADER:
      return "conflicting header";
    case GMIME_CRIT_CONFLICTING_PARAMETER:
      return "conflicting header parameter";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "multipart without boundary";
    case GMIME_WARN_INVALID_PARAMETER:
      return "invalid header parameter";
    case GMIME_WARN_INVALID_ADDRESS_LIST:
      return "invalid address list";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "MIME nesting too deep, inner parts kept as raw content";
    case GMIME_WARN_PART_WITHOUT_CONTENT:
      return "part without content";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      return "part without headers or content";
  }
  return "parser warning";
}

void on_gmime_warning(gint64 /*offset*/, GMimeParserWarning code, const gchar* item, gpointer user_data) {
  auto* sink = static_cast<Warnings*>(user_data);
  sink->note(code);
  std::string text = "mime: ";
  text += describe(code);
  if (item && *item) {
    std::string_view v = trim(item);
    text += " (";
    text += utf8_prefix(v, 60);
    text += ')';
  }
  sink->add(std::move(text));
}

}  // namespace

ParserOptionsPtr make_parser_options(Warnings* sink) {
  ParserOptionsPtr options(g_mime_parser_options_new());
  GMimeParserOptions* o = options.get();
  g_mime_parser_options_set_address_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_allow_addresses_without_domain(o, TRUE);
  static const char* kFallback[] = {"utf-8", "windows-1252", "iso-8859-1", nullptr};
  g_mime_parser_options_set_fallback_charsets(o, kFallback);
  if (sink) g_mime_parser_options_set_warning_callback(o, on_gmime_warning, sink);
  return options;
}

}  // namespace mailsift::mime::detail
