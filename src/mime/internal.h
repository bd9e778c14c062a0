// Internal to src/mime: the pieces parse_message and extract_attachment are built from.
//
//   open_message    raw bytes -> GMimeMessage (limits, mbox line, NUL bytes, GMime parse)
//   read_headers    top-level headers -> envelope fields of Email
//   BodyWalker      MIME tree -> text/html bodies, attachments, report/calendar/forward flags
//
// Everything here runs on one thread per call; nothing is shared between calls except GMime's
// own tables (initialised once) and per-thread charset converters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"
#include "mime/gmime_util.h"
#include "mime/parser.h"

namespace mailsift::mime::detail {

// Header values kept in Email are cut to this many bytes (a hostile 1 MB Subject stays
// searchable without bloating every row), and at most kMaxHeaders headers are kept.
constexpr size_t kMaxHeaderValueBytes = 64 * 1024;
constexpr int kMaxHeaders = 10000;

// A GMime message and the parser options its later decoding calls need. The options own the
// warning callback, which points at the Warnings passed to open_message.
struct OpenedMessage {
  ParserOptionsPtr options;
  GPtr<GMimeMessage> message;
};

// Checks the size limit, skips a UTF-8 BOM, leading blank lines and an mbox "From " line,
// removes NUL bytes (with a warning) and parses with GMime.
// Errors: kTooLarge over options.max_message_bytes; kParse when nothing is left or GMime finds
// no header block. `warnings` must outlive the returned options.
Result<OpenedMessage> open_message(std::string_view raw, const ParseOptions& options, Warnings& warnings);

// Fills message_id (synthesising one from email.content_hash when missing), in_reply_to,
// references, the address lists, date (with the Received / ingest-time fallbacks), subject,
// list and auto-reply headers, content_type and headers from the message's top-level headers.
void read_headers(GMimeMessage* message, GMimeParserOptions* options, const ParseOptions& parse, Email& email,
                  Warnings& warnings);

// Every top-level header in document order (GMime keeps the Content-* ones on the root part).
std::vector<GMimeHeader*> top_level_headers(GMimeMessage* message);

// An RFC 5322 date-time (comments, obsolete two-digit years and named zones accepted) as Unix
// time; nullopt when the text does not follow that layout.
std::optional<UnixTime> parse_rfc5322_date(std::string_view text);

// A decoded header value made fit for Email: control characters become spaces, whitespace runs
// collapse, ends are trimmed, invalid UTF-8 is replaced and the length capped.
std::string clean_header_value(std::string_view value);

// Walks the MIME tree of one message with the JMAP (RFC 8621 4.1.4) body selection:
//  - text_body: the text/plain parts chosen as body (text/html converted to text where the
//    message has no plain alternative), joined in order; then the fields of delivery-status /
//    disposition-notification parts of a report; then one block per nested message/rfc822
//    ("---------- Forwarded message ----------", From/Date/Subject/To, its own text).
//  - html_body: the text/html parts chosen as HTML body, joined, as UTF-8.
//  - attachments: every other leaf part (non-text types, text parts with a name or with
//    Content-Disposition: attachment, inline images) and every message/rfc822 part itself,
//    followed directly by the attachments of that nested message. Multiparts are containers,
//    never attachments. Part paths follow IMAP section numbers ("1", "2.1", ...).
// Nesting deeper than ParseOptions::max_depth and parts beyond max_parts are skipped with a
// warning. With want_text false only the attachment list is built (for extract_attachment).
class BodyWalker {
 public:
  BodyWalker(GMimeParserOptions* gmime_options, const ParseOptions& options, Warnings& warnings, bool want_text);

  // Fills text_body, html_body, attachments, is_report, report_type, has_calendar and
  // forwarded_messages of `email`.
  void run(GMimeMessage* message, Email& email);

  // The GMime object of each entry of Email::attachments, in the same order. Borrowed from the
  // message passed to run().
  const std::vector<GMimeObject*>& attachment_objects() const { return attachment_objects_; }

 private:
  struct Node;
  struct Lists;
  struct Collected;
  void structure(const std::vector<Node>& parts, std::string_view multipart_type, bool in_alternative,
                 std::vector<Node>* text, std::vector<Node>* html, std::vector<Node>& attachments, int depth);
  Collected collect(GMimeMessage* message, const std::string& path, int depth, bool outer);
  std::vector<Node> children(GMimeObject* object, const std::string& path, bool in_report);
  void note_leaf(GMimeObject* object);

  GMimeParserOptions* gmime_options_;
  const ParseOptions& options_;
  Warnings& warnings_;
  bool want_text_;
  bool outer_ = true;  // walking the outer message, not a nested message/rfc822
  int parts_seen_ = 0;
  bool depth_warned_ = false;
  bool parts_warned_ = false;
  bool has_calendar_ = false;
  int forwarded_ = 0;
  bool is_report_ = false;
  std::string report_type_;
  std::vector<GMimeObject*> attachment_objects_;
};

// The decoded bytes of a leaf part (transfer encoding undone), or the serialised message of a
// message/rfc822 part. Warns (naming `path`) about undecodable base64.
std::string part_bytes(GMimeObject* object, Warnings* warnings, std::string_view path);

}  // namespace mailsift::mime::detail
