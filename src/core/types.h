// The shared vocabulary of mailsift: what an email, an address, an attachment and a
// classification are. Plain data; no behaviour beyond small helpers. Every folder may include it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailsift {

// Database row id of a stored message (SQLite rowid; opaque elsewhere).
using EmailId = int64_t;
// Seconds since the Unix epoch, UTC.
using UnixTime = int64_t;

struct Address {
  std::string name;     // display name, RFC 2047 decoded, may be empty
  std::string address;  // addr-spec as written (local part case kept); may be empty for odd input

  // "Name <addr>" or "addr".
  std::string display() const;
  // The address lower-cased, for matching and indexing.
  std::string normalized() const;
  // The part after the last '@', lower-cased; empty if none.
  std::string domain() const;
  bool operator==(const Address&) const = default;
};

struct Header {
  std::string name;   // as written
  std::string value;  // unfolded, RFC 2047 decoded, valid UTF-8
};

struct Attachment {
  int index = 0;               // position among this message's attachments, 0-based
  std::string filename;        // RFC 2231/2047 decoded and sanitised: safe as a file name
  std::string content_type;    // lower-case type/subtype
  std::string disposition;     // "attachment", "inline" or empty
  std::string content_id;
  uint64_t size = 0;           // decoded size in bytes
  std::string sha256;          // hex of the decoded bytes
  std::string part_path;       // MIME part path, e.g. "2.1", to extract the bytes on demand
};

// Where Email::date came from, best first.
enum class DateSource { kHeader, kReceived, kIngest };
std::string_view date_source_name(DateSource source);

enum class Label { kBusiness, kOperational, kNoise };
std::string_view label_name(Label label);                     // "BUSINESS", ...
std::optional<Label> parse_label(std::string_view text);     // case-insensitive

// One piece of evidence behind a classification, e.g. {"header:list-unsubscribe", +1.2}.
struct Reason {
  std::string feature;
  double weight = 0;
};

// Who decided a class. Rank: a human verdict always wins over the others.
enum class Decider { kRules, kModel, kLlm, kHuman };
std::string_view decider_name(Decider decider);
std::optional<Decider> parse_decider(std::string_view text);

struct Classification {
  Label label = Label::kNoise;
  double confidence = 0;          // 0..1
  Decider decided_by = Decider::kModel;
  std::string model;              // model or rule-set identifier
  std::vector<Reason> reasons;    // strongest first
  bool fallback = false;          // the preferred decider failed; this is the fallback verdict
  std::string note;               // e.g. the LLM's short reason, or why it fell back
  UnixTime decided_at = 0;
};

// A parsed message. Built by src/mime from raw bytes; every string is valid UTF-8.
struct Email {
  std::string message_id;             // without angle brackets
  bool message_id_synthesized = false;
  std::vector<std::string> in_reply_to;
  std::vector<std::string> references;

  std::vector<Address> from, sender, reply_to, to, cc, bcc;

  UnixTime date = 0;
  std::string date_raw;               // the Date header as written (may be empty)
  DateSource date_source = DateSource::kHeader;

  std::string subject;
  std::string list_id;
  std::string list_unsubscribe;
  std::string precedence;
  std::string auto_submitted;
  std::string content_type;           // root part, lower-case type/subtype

  std::vector<Header> headers;        // every top-level header, in order

  std::string text_body;              // text/plain preferred; else HTML converted to text
  std::string html_body;              // the HTML body when there is one
  std::string visible_text;           // text_body without quoted replies and signatures
  std::vector<Attachment> attachments;

  bool is_report = false;             // multipart/report (delivery status, disposition, ...)
  std::string report_type;            // its report-type parameter
  bool has_calendar = false;          // a text/calendar part or an .ics attachment
  int forwarded_messages = 0;         // nested message/rfc822 parts

  std::string content_hash;           // SHA-256 hex of the raw bytes
  uint64_t raw_size = 0;
  std::vector<std::string> warnings;  // what the parser repaired or guessed

  // First header with this name (case-insensitive), or nullptr.
  const Header* header(std::string_view name) const;
  // The first From address, else Sender, else an empty address.
  const Address& primary_from() const;
};

}  // namespace mailsift
