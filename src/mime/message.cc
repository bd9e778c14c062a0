// Raw bytes to a GMime message, and the cheap "is this an e-mail?" check.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/strings.h"
#include "mime/internal.h"

namespace mailsift::mime {

namespace {

bool is_header_name_char(unsigned char c) {
  return c > 0x20 && c < 0x7F && c != ':';
}

// Length of "Name:" if `line` starts with a header field name (printable ASCII, optionally
// followed by blanks before the colon as in obsolete syntax), else 0.
size_t header_name_length(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && is_header_name_char(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 0) return 0;
  size_t name_end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return 0;
  return name_end;
}

bool is_known_header(std::string_view name) {
  static constexpr std::string_view kKnown[] = {"from",
                                                "to",
                                                "cc",
                                                "date",
                                                "subject",
                                                "message-id",
                                                "received",
                                                "return-path",
                                                "mime-version",
                                                "reply-to",
                                                "sender",
                                                "content-type",
                                                "in-reply-to",
                                                "references",
                                                "delivered-to",
                                                "x-mailer",
                                                "x-original-to",
                                                "envelope-to",
                                                "dkim-signature",
                                                "authentication-results",
                                                "received-spf",
                                                "arc-seal",
                                                "x-received",
                                                "user-agent",
                                                "thread-topic",
                                                "list-id",
                                                "x-sender",
                                                "x-from-line",
                                                "resent-from"};
  for (auto k : kKnown) {
    if (iequals(name, k)) return true;
  }
  return false;
}

// The next line of `s` from `pos` (without its line break); advances `pos` past the break.
std::string_view next_line(std::string_view s, size_t& pos) {
  size_t nl = s.find('\n', pos);
  std::string_view line = s.substr(pos, nl == std::string_view::npos ? s.size() - pos : nl - pos);
  pos = nl == std::string_view::npos ? s.size() : nl + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Skips a UTF-8 BOM, leading blank lines and an mbox "From " separator line.
std::string_view skip_preamble(std::string_view raw) {
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  while (!raw.empty() && (raw.front() == '\n' || raw.front() == '\r')) raw.remove_prefix(1);
  // "From " without a colon after the word: the mbox separator, not the obsolete "From : x".
  size_t word_end = raw.find_first_not_of(" \t", 4);
  if (raw.substr(0, 5) == "From " && word_end != std::string_view::npos && raw[word_end] != ':') {
    size_t nl = raw.find('\n');
    raw = nl == std::string_view::npos ? std::string_view() : raw.substr(nl + 1);
  }
  return raw;
}

// The start of the line holding text[pos].
size_t line_start(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  size_t nl = text.rfind('\n', pos - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

// Whether text[pos] lies in the value of a Content-Type header (possibly folded).
bool in_content_type_header(std::string_view text, size_t pos) {
  size_t line = line_start(text, pos);
  while (line > 0 && (text[line] == ' ' || text[line] == '\t')) line = line_start(text, line - 1);
  return istarts_with(text.substr(line), "content-type:");
}

// "Content-Type: multipart/mixed boundary=..." (the ';' forgotten): inserts the ';' so the
// boundary is read. Returns an empty string when nothing needed repair.
std::string repair_boundary_parameters(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for (size_t pos = 0; (pos = text.find("oundary", pos)) != std::string_view::npos; pos += 7) {
    if (pos == 0 || (text[pos - 1] != 'b' && text[pos - 1] != 'B')) continue;
    size_t start = pos - 1;
    size_t k = start;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\r' || text[k - 1] == '\n')) --k;
    if (k == 0 || k == start || text[k - 1] == ';' || !std::isalnum(static_cast<unsigned char>(text[k - 1]))) continue;
    if (!in_content_type_header(text, start)) continue;
    out.append(text.substr(copied, k - copied));
    out += ';';
    copied = k;
  }
  if (copied == 0) return {};
  out.append(text.substr(copied));
  return out;
}

GMimeMessage* gmime_parse(std::string_view bytes, GMimeParserOptions* options) {
  // The memory stream copies the bytes, so they need not outlive the parse.
  detail::GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  detail::GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  return g_mime_parser_construct_message(parser.get(), options);
}

}  // namespace

bool looks_like_message(std::string_view head) {
  head = skip_preamble(head);
  if (head.empty()) return false;
  size_t pos = 0;
  bool first = true, known = false;
  int lines = 0;
  while (pos < head.size() && lines < 200) {
    std::string_view line = next_line(head, pos);
    ++lines;
    if (line.empty()) break;  // end of the header block
    if (std::memchr(line.data(), '\0', line.size())) return false;
    if (line.front() == ' ' || line.front() == '\t') {
      if (first) return false;
      continue;  // folded continuation
    }
    size_t n = header_name_length(line);
    if (n == 0) {
      if (first) return false;
      break;  // not a header: the block ends here (lenient, as GMime is)
    }
    first = false;
    if (is_known_header(line.substr(0, n))) known = true;
  }
  return known;
}

namespace detail {

Result<OpenedMessage> open_message(std::string_view raw, const ParseOptions& options, Warnings& warnings) {
  ensure_gmime();
  if (raw.size() > options.max_message_bytes) {
    return fail(Code::kTooLarge,
                "message of " + std::to_string(raw.size()) + " bytes is over the limit of " +
                    std::to_string(options.max_message_bytes),
                "raise max_message_bytes to accept it");
  }
  std::string_view body = skip_preamble(raw);
  if (trim(body).empty()) return fail(Code::kParse, "empty message: no header block");

  // GMime reads header values as C strings, so a NUL byte in the header block would silently
  // cut a value; there they are dropped. Bodies are read by length (a UTF-16 or binary part
  // may hold NULs), and the text made from them drops NULs later.
  std::string without_nul;
  size_t header_end = body.find("\n\n");
  if (size_t crlf = body.find("\n\r\n"); crlf < header_end) header_end = crlf;
  std::string_view header_block = body.substr(0, header_end == std::string_view::npos ? body.size() : header_end);
  size_t nuls = static_cast<size_t>(std::count(header_block.begin(), header_block.end(), '\0'));
  if (nuls > 0) {
    without_nul.reserve(body.size() - nuls);
    for (char c : header_block) {
      if (c != '\0') without_nul += c;
    }
    without_nul.append(body.substr(header_block.size()));
    body = without_nul;
    warnings.add("removed " + std::to_string(nuls) + " NUL bytes from the header block");
  }

  // Deep nesting: GMime stops descending at 1024 levels (GMIME_CRIT_NESTING_OVERFLOW, kept as
  // a warning) and keeps what lies deeper as raw content; up to that depth its recursion needs
  // well under 128 KiB of stack. BodyWalker then honours max_depth and max_parts itself.
  OpenedMessage opened;
  opened.options = make_parser_options(&warnings);
  opened.message.reset(gmime_parse(body, opened.options.get()));
  if (opened.message && warnings.noted(GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY)) {
    std::string repaired = repair_boundary_parameters(body);
    if (!repaired.empty()) {
      opened.message.reset(gmime_parse(repaired, opened.options.get()));
      warnings.add("repaired a Content-Type with no ';' before its boundary");
    }
  }
  if (!opened.message) {
    return fail(Code::kParse, "no header block: the input does not look like an e-mail",
                "an RFC 5322 message starts with header lines such as \"From: ...\"");
  }
  if (top_level_headers(opened.message.get()).empty()) {
    return fail(Code::kParse, "no header block: the input does not look like an e-mail",
                "an RFC 5322 message starts with header lines such as \"From: ...\"");
  }
  return opened;
}

}  // namespace detail
}  // namespace mailsift::mime
