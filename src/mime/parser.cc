// parse_message and extract_attachment: the public entry points, built from open_message,
// read_headers and BodyWalker (internal.h).
#include "mime/parser.h"

#include "core/strings.h"
#include "mime/charset.h"
#include "mime/internal.h"

namespace mailsift::mime {

namespace {

void cap_body(std::string& body, size_t max_bytes, std::string_view what, detail::Warnings& warnings) {
  if (body.size() <= max_bytes) return;
  body.resize(utf8_prefix(body, max_bytes).size());
  warnings.add(std::string(what) + " cut to " + std::to_string(max_bytes) + " bytes");
}

// The last line of defence for the "every string is valid UTF-8" contract.
void fix_utf8(std::string& s) {
  if (!detail::is_valid_utf8_fast(s) || s.find('\0') != std::string::npos) s = make_valid_utf8(s);
}

void fix_utf8(Email& e) {
  for (std::string* s :
       {&e.message_id, &e.date_raw, &e.subject, &e.list_id, &e.list_unsubscribe, &e.precedence, &e.auto_submitted,
        &e.content_type, &e.text_body, &e.html_body, &e.visible_text, &e.report_type}) {
    fix_utf8(*s);
  }
  for (auto* ids : {&e.in_reply_to, &e.references, &e.warnings}) {
    for (auto& s : *ids) fix_utf8(s);
  }
  for (auto* list : {&e.from, &e.sender, &e.reply_to, &e.to, &e.cc, &e.bcc}) {
    for (auto& a : *list) {
      fix_utf8(a.name);
      fix_utf8(a.address);
    }
  }
  for (auto& h : e.headers) {
    fix_utf8(h.name);
    fix_utf8(h.value);
  }
  for (auto& a : e.attachments) {
    fix_utf8(a.filename);
    fix_utf8(a.content_type);
    fix_utf8(a.disposition);
    fix_utf8(a.content_id);
  }
}

}  // namespace

Result<Email> parse_message(std::string_view raw, const ParseOptions& options) {
  detail::Warnings warnings;  // outlives `opened`, whose parser options point at it
  detail::OpenedMessage opened = MAILSIFT_TRY(detail::open_message(raw, options, warnings));

  Email email;
  email.raw_size = raw.size();
  email.content_hash = options.content_hash.empty() ? content_hash(raw) : std::string(options.content_hash);
  detail::read_headers(opened.message.get(), opened.options.get(), options, email, warnings);

  detail::BodyWalker walker(opened.options.get(), options, warnings, /*want_text=*/true);
  walker.run(opened.message.get(), email);
  cap_body(email.text_body, options.max_body_bytes, "text body", warnings);
  cap_body(email.html_body, options.max_body_bytes, "HTML body", warnings);

  email.visible_text = visible_text(email.text_body);
  email.warnings = warnings.take();
  fix_utf8(email);
  return email;
}

Result<std::string> extract_attachment(std::string_view raw, int index, const ParseOptions& options) {
  detail::Warnings warnings;
  detail::OpenedMessage opened = MAILSIFT_TRY(detail::open_message(raw, options, warnings));
  Email email;
  // The same walk as parse_message, so Attachment::index means the same part here.
  detail::BodyWalker walker(opened.options.get(), options, warnings, /*want_text=*/false);
  walker.run(opened.message.get(), email);
  const auto& objects = walker.attachment_objects();
  if (index < 0 || static_cast<size_t>(index) >= objects.size()) {
    return fail(Code::kNotFound,
                "no attachment " + std::to_string(index) + "; the message has " + std::to_string(objects.size()));
  }
  return detail::part_bytes(objects[static_cast<size_t>(index)], nullptr, "");
}

}  // namespace mailsift::mime
