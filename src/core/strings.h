// Small string helpers shared by every folder: ASCII case folding, trimming, splitting, UTF-8
// validity. All are pure functions; none allocate more than their result.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailsift {

std::string to_lower(std::string_view text);  // ASCII only; other bytes unchanged
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
bool icontains(std::string_view haystack, std::string_view needle);
std::string_view trim(std::string_view text);  // ASCII whitespace
std::vector<std::string> split(std::string_view text, char sep, bool skip_empty = false);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Replaces every run of whitespace (including newlines) with one space and trims.
std::string collapse_whitespace(std::string_view text);

bool is_valid_utf8(std::string_view text);
// Returns text with every invalid UTF-8 sequence replaced by U+FFFD, and NUL bytes removed.
std::string make_valid_utf8(std::string_view text);
// Cuts text to at most max_bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, size_t max_bytes);

// Hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// The identity of a message's bytes: SHA-256 with CRLF turned into LF, so the same message from
// an mbox, a Maildir file or an SMTP session has the same hash. The store's dedupe key.
std::string content_hash(std::string_view raw);
// The first 64 bits of a hex hash (16 hex digits), for compact in-memory sets; 0 if not hex.
uint64_t hash_prefix(std::string_view hex);

// Escapes a string for a JSON or log line without a JSON library (quotes included).
std::string quote(std::string_view text);

}  // namespace mailsift
