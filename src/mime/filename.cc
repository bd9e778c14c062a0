// sanitize_filename: a name from an untrusted message made safe to create on any file system.
#include <string>
#include <utility>

#include "core/strings.h"
#include "mime/parser.h"

namespace mailsift::mime {

namespace {

constexpr size_t kMaxFilenameBytes = 200;
// An extension longer than this is not worth keeping whole when the name must be cut.
constexpr size_t kMaxExtensionBytes = 32;

// Decodes the code point at s[i] (s is valid UTF-8) and its length.
char32_t code_point(std::string_view s, size_t i, size_t* len) {
  auto u = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = u(i);
  if (c < 0x80) return *len = 1, c;
  if ((c & 0xE0) == 0xC0) return *len = 2, static_cast<char32_t>(((c & 0x1F) << 6) | (u(i + 1) & 0x3F));
  if ((c & 0xF0) == 0xE0) {
    *len = 3;
    return static_cast<char32_t>(((c & 0x0F) << 12) | ((u(i + 1) & 0x3F) << 6) | (u(i + 2) & 0x3F));
  }
  *len = 4;
  return static_cast<char32_t>(((c & 0x07) << 18) | ((u(i + 1) & 0x3F) << 12) | ((u(i + 2) & 0x3F) << 6) |
                               (u(i + 3) & 0x3F));
}

// Invisible characters that only serve to disguise a name: C0/C1 controls, the bidi
// overrides used to show "exe.pdf" as "fdp.exe", and the BOM.
bool is_dropped(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool is_reserved_char(char32_t cp) {
  return cp == '<' || cp == '>' || cp == ':' || cp == '"' || cp == '|' || cp == '?' || cp == '*';
}

void strip_ends(std::string& s) {
  size_t b = 0;
  while (b < s.size() && (s[b] == '.' || s[b] == ' ')) ++b;
  size_t e = s.size();
  while (e > b && (s[e - 1] == '.' || s[e - 1] == ' ')) --e;
  s = s.substr(b, e - b);
}

// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (also with the superscript digits Windows accepts) and
// CONIN$/CONOUT$ name devices on Windows whatever their extension ("con.txt" too).
bool is_windows_device(std::string_view name) {
  std::string_view stem = name.substr(0, name.find('.'));
  while (!stem.empty() && stem.back() == ' ') stem.remove_suffix(1);
  for (std::string_view d : {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}) {
    if (iequals(stem, d)) return true;
  }
  if (stem.size() >= 4 && (istarts_with(stem, "COM") || istarts_with(stem, "LPT"))) {
    std::string_view digit = stem.substr(3);
    if (digit.size() == 1 && digit[0] >= '0' && digit[0] <= '9') return true;
    if (digit == "\xC2\xB9" || digit == "\xC2\xB2" || digit == "\xC2\xB3") return true;
  }
  return false;
}

std::string sanitize(std::string_view input) {
  std::string text = make_valid_utf8(input);
  // Path components: "." and ".." and empty ones are dropped, the rest joined with '_', so
  // "../../etc/passwd" becomes "etc_passwd" and "Invoice 03/2024.pdf" keeps its meaning.
  std::string joined;
  size_t start = 0;
  while (start <= text.size()) {
    size_t sep = text.find_first_of("/\\", start);
    std::string_view part =
        std::string_view(text).substr(start, sep == std::string::npos ? std::string::npos : sep - start);
    std::string_view t = trim(part);
    if (!t.empty() && t != "." && t != "..") {
      if (!joined.empty()) joined += '_';
      joined += part;
    }
    if (sep == std::string::npos) break;
    start = sep + 1;
  }

  std::string out;
  out.reserve(joined.size());
  for (size_t i = 0; i < joined.size();) {
    size_t len = 1;
    char32_t cp = code_point(joined, i, &len);
    if (is_dropped(cp)) {
      // dropped
    } else if (is_reserved_char(cp)) {
      out += '_';
    } else if (cp == '.' && !out.empty() && out.back() == '.') {
      // ".." never survives, even inside a name
    } else {
      out.append(joined, i, len);
    }
    i += len;
  }
  strip_ends(out);
  if (out.empty()) return out;
  if (is_windows_device(out)) {
    std::string prefixed(1, '_');
    prefixed += out;
    out = std::move(prefixed);
  }

  if (out.size() > kMaxFilenameBytes) {
    size_t dot = out.rfind('.');
    std::string ext;
    if (dot != std::string::npos && dot > 0 && out.size() - dot <= kMaxExtensionBytes) ext = out.substr(dot);
    std::string stem(
        utf8_prefix(std::string_view(out).substr(0, out.size() - ext.size()), kMaxFilenameBytes - ext.size()));
    strip_ends(stem);
    out = stem.empty() ? std::string() : stem + ext;
  }
  return out;
}

}  // namespace

std::string sanitize_filename(std::string_view name, std::string_view fallback) {
  std::string out = sanitize(name);
  if (!out.empty()) return out;
  out = sanitize(fallback);
  return out.empty() ? std::string("attachment") : out;
}

}  // namespace mailsift::mime
