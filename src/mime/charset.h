// Internal to src/mime: text bytes in some charset to valid UTF-8.
//
// Labelled charsets go through iconv (GMime's charset aliases); bytes that are unlabelled, or
// labelled but invalid for their label, are detected with uchardet and fall back to
// windows-1252 (a superset of latin1 for the bytes e-mail actually carries). Pure ASCII and
// valid UTF-8 take a fast path that neither allocates a converter nor runs detection.
// Thread-safe: converters and the detector are cached per thread.
#pragma once

#include <string>
#include <string_view>

namespace mailsift::mime::detail {

class Warnings;

// Converts `bytes`, declared (Content-Type charset, possibly empty or bogus) as `declared`, to
// valid UTF-8. NUL bytes are dropped. Adds a warning to `warnings` (may be null) when the
// label was unknown or wrong, or when bytes had to be replaced. `what` names the text in
// those warnings ("part 1.2").
std::string to_utf8(std::string_view bytes, std::string_view declared, Warnings* warnings, std::string_view what);

// Decodes windows-1252; the five bytes it leaves undefined map to the latin1 code points.
std::string decode_windows_1252(std::string_view bytes);

// True when every byte is below 0x80.
bool is_ascii(std::string_view bytes);
// is_valid_utf8 with a fast path for ASCII.
bool is_valid_utf8_fast(std::string_view bytes);

// The charset named by an HTML <meta charset=...> or <meta http-equiv content="...;
// charset=..."> within the first bytes of `html`; empty if none.
std::string sniff_html_charset(std::string_view html);

}  // namespace mailsift::mime::detail
