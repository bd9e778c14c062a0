// Parsing raw RFC 5322 / MIME messages into mailsift's Email type (GMime 3 underneath).
//
// Thread-safety: every function here may be called from several threads at once; GMime is
// initialised once, on first use. No function throws. Input is untrusted: every limit below
// bounds time and memory, and every string in the result is valid UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/types.h"

namespace mailsift::mime {

struct ParseOptions {
  // Messages larger than this are refused with Code::kTooLarge (the caller quarantines them).
  size_t max_message_bytes = 50u * 1024 * 1024;
  // Deeper MIME nesting (multipart in multipart, message/rfc822 in ...) is not descended into;
  // the parse succeeds with a warning.
  int max_depth = 32;
  // Parts beyond this count are ignored, with a warning.
  int max_parts = 2000;
  // Bodies longer than this (bytes of UTF-8 text) are truncated, with a warning.
  size_t max_body_bytes = 4u * 1024 * 1024;
  // Used as the date when neither the Date header nor any Received header gives one.
  UnixTime ingest_time = 0;
  // content_hash(raw) when the caller has already computed it (it is then not computed again).
  std::string_view content_hash;
};

// Parses one message. A leading mbox "From " line (and a UTF-8 BOM, leading blank lines) is
// skipped; NUL bytes in the header block are dropped.
// Errors: kTooLarge (over max_message_bytes), kParse (empty input, or no header block: the bytes
// do not look like an email). Everything else parses, possibly with Email::warnings.
//
// What the result holds (see also core/types.h):
//  - headers: every top-level header in order, values unfolded, RFC 2047 decoded, whitespace
//    runs collapsed; at most 10,000 headers and 64 KiB per value (with a warning).
//  - date: the Date header in UTC; else the date of the topmost Received header
//    (date_source kReceived); else options.ingest_time (kIngest); both fallbacks warn.
//  - message_id: without <>; when missing, "<first 32 hex of content_hash>@mailsift.invalid"
//    with message_id_synthesized set.
//  - text_body: the body chosen as in JMAP (RFC 8621 4.1.4): text/plain preferred, an HTML-only
//    body converted with html_to_text, the inline text parts of a multipart/mixed joined in
//    order; then, for a multipart/report, its delivery-status / disposition fields; then one
//    "---------- Forwarded message ----------" block (From, Date, Subject, To and the text) per
//    nested message/rfc822 ("Original message" inside a report).
//  - html_body: the HTML body (when the message has one), converted to UTF-8.
//  - attachments: every leaf part that is not body text (non-text types, text parts with a name
//    or Content-Disposition: attachment, inline images too) and every message/rfc822 part,
//    followed by the attachments of that nested message; in document order. filename is empty
//    when the part carries no name. part_path is the IMAP section number ("2", "2.1").
Result<Email> parse_message(std::string_view raw, const ParseOptions& options = {});

// True if the first bytes look like an RFC 5322 header block (or an mbox "From " line followed
// by one). Cheap; used to skip files that are not messages when walking directories.
bool looks_like_message(std::string_view head);

// The decoded bytes of attachment number `index` (Attachment::index) of the raw message: the
// transfer-decoded content of a leaf part, or the (re-serialised) nested message of a
// message/rfc822 part. Their SHA-256 is Attachment::sha256.
// Errors: kNotFound if there is no such attachment, kParse/kTooLarge as parse_message.
Result<std::string> extract_attachment(std::string_view raw, int index, const ParseOptions& options = {});

// A file name safe to create in any directory on Linux, macOS or Windows: no path separators,
// no "..", no control or reserved characters, no reserved Windows device names, at most 200
// bytes of UTF-8, never empty (falls back to `fallback`).
std::string sanitize_filename(std::string_view name, std::string_view fallback = "attachment");

// Readable plain text from HTML: block elements become line breaks, list items get "- ",
// links keep their URL ("text <url>"), script/style/head are dropped, entities decoded.
// `html` should be UTF-8; the result always is.
std::string html_to_text(std::string_view html);

// The part of a plain-text body a person wrote in this message: quoted replies ("> ", "On ...
// wrote:", Outlook "-----Original Message-----" / "From: ... Sent: ..." blocks) and signatures
// ("-- " and common sign-off blocks) removed. Forwarded content is kept. Conservative: a line
// is only dropped on a clear marker. Empty when the whole text is quoted.
std::string visible_text(std::string_view text_body);

}  // namespace mailsift::mime
