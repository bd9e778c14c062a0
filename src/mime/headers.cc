// Top-level headers to the envelope fields of Email.
#include <algorithm>
#include <optional>
#include <utility>

#include "core/strings.h"
#include "mime/charset.h"
#include "mime/internal.h"

namespace mailsift::mime::detail {

namespace {

constexpr int kMaxAddresses = 10000;
constexpr int kMaxReferences = 1000;

// The header value as written, without line breaks (folding undone) and trimmed.
std::string unfold(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c != '\r' && c != '\n') out += c;
  }
  return std::string(trim(out));
}

std::optional<UnixTime> parse_date(const std::string& text) {
  if (trim(text).empty()) return std::nullopt;
  if (auto t = parse_rfc5322_date(text)) return t;
  DateTimePtr dt(g_mime_utils_header_decode_date(text.c_str()));
  if (!dt) return std::nullopt;
  return static_cast<UnixTime>(g_date_time_to_unix(dt.get()));
}

// GMime converts a header's undeclared 8-bit bytes before decoding its encoded words, so a raw
// latin1 byte inside "=?iso-8859-1?Q?J\xFCrgen?=" ends up converted twice. Escaping such bytes
// as =XX (Q) keeps them for the encoded word's own charset.
std::string escape_8bit_in_encoded_words(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + 16);
  bool in_word = false;
  int separators = 0;  // the '?'s after "=?": charset?encoding?text
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    bool next_is = i + 1 < raw.size();
    if (!in_word && c == '=' && next_is && raw[i + 1] == '?') {
      in_word = true;
      separators = 0;
      out += "=?";
      ++i;
      continue;
    }
    if (in_word && c == '?') {
      if (separators >= 2 && next_is && raw[i + 1] == '=') {
        in_word = false;
        out += "?=";
        ++i;
        continue;
      }
      ++separators;
    } else if (in_word && static_cast<unsigned char>(c) >= 0x80) {
      static const char* kHex = "0123456789ABCDEF";
      out += '=';
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 15];
      continue;
    }
    out += c;
  }
  return out;
}

void add_addresses(GMimeParserOptions* options, InternetAddressList* list, std::vector<Address>& out,
                   bool in_group = false) {
  if (!list) return;
  int n = internet_address_list_length(list);
  for (int i = 0; i < n && static_cast<int>(out.size()) < kMaxAddresses; ++i) {
    InternetAddress* ia = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(ia)) {
      // Groups are flattened into their members; a group inside a group is not valid RFC 5322
      // and is not descended into.
      if (!in_group) add_addresses(options, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, true);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) continue;
    Address a;
    a.name = clean_header_value(view(internet_address_get_name(ia)));
    a.address = clean_header_value(view(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))));
    if (a.name.empty() && a.address.empty()) continue;
    // "From: Whomever": a bare word is a display name without an address, not a local user.
    if (a.name.empty() && a.address.find('@') == std::string::npos) {
      std::swap(a.name, a.address);
    }
    if (a.name.find("=?") != std::string::npos) {
      GCharPtr decoded(g_mime_utils_header_decode_phrase(options, a.name.c_str()));
      if (decoded) a.name = clean_header_value(decoded.get());
    }
    out.push_back(std::move(a));
  }
}

// Message ids from an In-Reply-To / References value, without angle brackets.
std::vector<std::string> parse_ids(GMimeParserOptions* options, const std::string& value) {
  std::vector<std::string> ids;
  if (value.empty()) return ids;
  ReferencesPtr refs(g_mime_references_parse(options, value.c_str()));
  int n = refs ? g_mime_references_length(refs.get()) : 0;
  for (int i = 0; i < n && i < kMaxReferences; ++i) {
    std::string id = clean_header_value(view(g_mime_references_get_message_id(refs.get(), i)));
    if (!id.empty()) ids.push_back(std::move(id));
  }
  if (ids.empty()) {
    // No <...> at all: take the words that look like ids.
    for (auto& word : split(value, ' ', true)) {
      std::string_view w = trim(word);
      if (!w.empty() && w.front() == '<') w.remove_prefix(1);
      if (!w.empty() && w.back() == '>') w.remove_suffix(1);
      if (w.find('@') != std::string_view::npos && ids.size() < static_cast<size_t>(kMaxReferences)) {
        ids.push_back(clean_header_value(w));
      }
    }
  }
  return ids;
}

std::string parse_message_id(const std::string& value) {
  if (value.empty()) return {};
  GCharPtr decoded(g_mime_utils_decode_message_id(value.c_str()));
  std::string id = clean_header_value(view(decoded.get()));
  if (id.empty()) {
    std::string_view v = trim(value);
    if (!v.empty() && v.front() == '<') v.remove_prefix(1);
    size_t close = v.find('>');
    if (close != std::string_view::npos) v = v.substr(0, close);
    id = clean_header_value(v);
  }
  // An id is one token; anything after whitespace is a comment or junk.
  size_t space = id.find(' ');
  if (space != std::string::npos) id.resize(space);
  return id;
}

}  // namespace

std::vector<GMimeHeader*> top_level_headers(GMimeMessage* message) {
  // GMime files a message's Content-* headers under its root part and the rest under the
  // message; both lists are in document order, so merging by offset restores the original.
  std::vector<GMimeHeader*> out;
  GMimeHeaderList* lists[2] = {g_mime_object_get_header_list(GMIME_OBJECT(message)), nullptr};
  if (GMimeObject* root = g_mime_message_get_mime_part(message)) lists[1] = g_mime_object_get_header_list(root);
  int counts[2] = {lists[0] ? g_mime_header_list_get_count(lists[0]) : 0,
                   lists[1] ? g_mime_header_list_get_count(lists[1]) : 0};
  out.reserve(static_cast<size_t>(counts[0] + counts[1]));
  int i = 0, j = 0;
  while (i < counts[0] || j < counts[1]) {
    GMimeHeader* a = i < counts[0] ? g_mime_header_list_get_header_at(lists[0], i) : nullptr;
    GMimeHeader* b = j < counts[1] ? g_mime_header_list_get_header_at(lists[1], j) : nullptr;
    if (a && (!b || g_mime_header_get_offset(a) <= g_mime_header_get_offset(b))) {
      out.push_back(a);
      ++i;
    } else {
      out.push_back(b);
      ++j;
    }
  }
  return out;
}

namespace {

std::string media_type(GMimeObject* object) {
  GMimeContentType* ct = object ? g_mime_object_get_content_type(object) : nullptr;
  if (!ct) return "text/plain";
  std::string type = to_lower(view(g_mime_content_type_get_media_type(ct)));
  std::string sub = to_lower(view(g_mime_content_type_get_media_subtype(ct)));
  if (type.empty()) return "text/plain";
  return make_valid_utf8(type + "/" + sub);
}

}  // namespace

std::string clean_header_value(std::string_view value) {
  std::string out;
  out.reserve(std::min(value.size(), kMaxHeaderValueBytes));
  bool space = false, high = false;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    high |= c >= 0x80;
    if (c < 0x20 || c == 0x7F) {
      if (c == 0) continue;
      c = ' ';
    }
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
    if (out.size() >= kMaxHeaderValueBytes + 4) break;
  }
  if (high && !is_valid_utf8(out)) out = to_utf8(out, "", nullptr, "header");
  if (out.size() > kMaxHeaderValueBytes) out = std::string(utf8_prefix(out, kMaxHeaderValueBytes));
  return out;
}

void read_headers(GMimeMessage* message, GMimeParserOptions* options, const ParseOptions& parse, Email& email,
                  Warnings& warnings) {
  std::vector<GMimeHeader*> all = top_level_headers(message);
  int count = static_cast<int>(all.size());

  // Raw (unfolded, undecoded) values of the first occurrence of the headers that need their
  // own parser; decoded values of the rest come from GMime.
  std::string raw_message_id, raw_in_reply_to, raw_references, raw_date, raw_received;
  bool have_date = false, have_received = false, truncated = false;
  struct AddressField {
    const char* name;
    GMimeAddressType type;
    std::vector<Address>* out;
    std::vector<std::string> raw;
    bool needs_own_parse = false;
  };
  AddressField address_fields[] = {{"from", GMIME_ADDRESS_TYPE_FROM, &email.from},
                                   {"sender", GMIME_ADDRESS_TYPE_SENDER, &email.sender},
                                   {"reply-to", GMIME_ADDRESS_TYPE_REPLY_TO, &email.reply_to},
                                   {"to", GMIME_ADDRESS_TYPE_TO, &email.to},
                                   {"cc", GMIME_ADDRESS_TYPE_CC, &email.cc},
                                   {"bcc", GMIME_ADDRESS_TYPE_BCC, &email.bcc}};
  email.headers.reserve(static_cast<size_t>(std::min(count, kMaxHeaders)));
  for (int i = 0; i < count; ++i) {
    GMimeHeader* h = all[static_cast<size_t>(i)];
    std::string_view name = trim(view(g_mime_header_get_name(h)));
    std::string lower = to_lower(name);
    auto raw = [&] { return unfold(view(g_mime_header_get_raw_value(h))); };
    if (lower == "message-id" && raw_message_id.empty())
      raw_message_id = raw();
    else if (lower == "in-reply-to" && raw_in_reply_to.empty())
      raw_in_reply_to = raw();
    else if (lower == "references" && raw_references.empty())
      raw_references = raw();
    else if (lower == "date" && !have_date)
      raw_date = raw(), have_date = true;
    else if (lower == "received" && !have_received)
      raw_received = raw(), have_received = true;
    for (auto& field : address_fields) {
      if (lower != field.name) continue;
      std::string r = raw();
      if (r.find("=?") != std::string::npos && !is_ascii(r)) field.needs_own_parse = true;
      field.raw.push_back(std::move(r));
    }

    if (i >= kMaxHeaders) continue;
    std::string_view decoded = view(g_mime_header_get_value(h));
    if (decoded.size() > kMaxHeaderValueBytes) truncated = true;
    Header header{is_ascii(name) ? std::string(name) : make_valid_utf8(name), clean_header_value(decoded)};
    std::string* field = nullptr;
    if (lower == "subject")
      field = &email.subject;
    else if (lower == "list-id")
      field = &email.list_id;
    else if (lower == "list-unsubscribe")
      field = &email.list_unsubscribe;
    else if (lower == "precedence")
      field = &email.precedence;
    else if (lower == "auto-submitted")
      field = &email.auto_submitted;
    if (field && field->empty()) *field = header.value;
    email.headers.push_back(std::move(header));
  }
  if (count > kMaxHeaders) {
    warnings.add("only the first " + std::to_string(kMaxHeaders) + " of " + std::to_string(count) + " headers kept");
  }
  if (truncated) warnings.add("header values over " + std::to_string(kMaxHeaderValueBytes) + " bytes cut");

  email.message_id = parse_message_id(raw_message_id);
  if (email.message_id.empty()) {
    email.message_id = email.content_hash.substr(0, 32) + "@mailsift.invalid";
    email.message_id_synthesized = true;
    warnings.add("no Message-ID; synthesised one from the content hash");
  }
  email.in_reply_to = parse_ids(options, raw_in_reply_to);
  email.references = parse_ids(options, raw_references);

  for (auto& field : address_fields) {
    if (!field.needs_own_parse) {
      add_addresses(options, g_mime_message_get_addresses(message, field.type), *field.out);
      continue;
    }
    for (const auto& raw : field.raw) {
      GPtr<InternetAddressList> list(internet_address_list_parse(options, escape_8bit_in_encoded_words(raw).c_str()));
      add_addresses(options, list.get(), *field.out);
    }
  }

  email.date_raw = clean_header_value(raw_date);
  if (auto d = parse_date(raw_date)) {
    email.date = *d;
    email.date_source = DateSource::kHeader;
  } else {
    std::string why = have_date ? "unparseable Date header" : "no Date header";
    // The topmost Received header was added last, by the server closest to us: its date is
    // when the message arrived.
    std::optional<UnixTime> received;
    size_t semi = raw_received.rfind(';');
    if (semi != std::string::npos) received = parse_date(raw_received.substr(semi + 1));
    if (received) {
      email.date = *received;
      email.date_source = DateSource::kReceived;
      warnings.add(why + "; date taken from the first Received header");
    } else {
      email.date = parse.ingest_time;
      email.date_source = DateSource::kIngest;
      warnings.add(why + " and no dated Received header; date is the ingest time");
    }
  }

  email.content_type = media_type(g_mime_message_get_mime_part(message));
}

}  // namespace mailsift::mime::detail
