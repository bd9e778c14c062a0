#include "mime/charset.h"

#include <uchardet/uchardet.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/strings.h"
#include "mime/gmime_util.h"

namespace mailsift::mime::detail {

namespace {

// Only the first bytes are fed to the detector: enough to decide, and bounded in time.
constexpr size_t kDetectBytes = 64 * 1024;
// Converters cached per thread; a message rarely uses more than two charsets.
constexpr size_t kMaxCachedConverters = 32;
const iconv_t kNoConverter = reinterpret_cast<iconv_t>(-1);

// Windows-1252 code points for 0x80..0x9F; 0 marks the five undefined bytes (kept as C1).
constexpr char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string normalize_label(std::string_view label) {
  std::string out;
  for (char c : trim(label)) {
    if (c == '"' || c == '\'' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return out;
}

bool is_utf8_label(std::string_view l) {
  return l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "x-unicode20utf8";
}

// Labels we decode ourselves as windows-1252 (the WHATWG reading of latin1 and ASCII labels).
bool is_latin1_label(std::string_view l) {
  return l == "us-ascii" || l == "ascii" || l == "iso-8859-1" || l == "iso8859-1" || l == "iso_8859-1" ||
         l == "latin1" || l == "latin-1" || l == "l1" || l == "windows-1252" || l == "cp1252" || l == "x-cp1252" ||
         l == "cp819" || l == "ibm819" || l == "ansi_x3.4-1968" || l == "iso-ir-100" || l == "iso_8859-1:1987" ||
         l == "csisolatin1";
}

// Charsets whose encoded form is (mostly) ASCII bytes: ASCII-only input is not yet text.
bool is_ascii_incompatible(std::string_view l) {
  for (std::string_view p : {"utf-7", "utf7", "utf-16", "utf16", "utf-32", "utf32", "ucs", "iso-2022", "iso2022",
                             "csiso2022", "hz", "unicode-1-1-utf-7", "x-imap4"}) {
    if (l.substr(0, p.size()) == p) return true;
  }
  return false;
}

class ConverterCache {
 public:
  ConverterCache() = default;
  ConverterCache(const ConverterCache&) = delete;
  ConverterCache& operator=(const ConverterCache&) = delete;
  ~ConverterCache() { clear(); }

  // A converter from `label` to UTF-8, or kNoConverter when iconv does not know the label
  // (remembered, so an unknown label costs one iconv_open per thread).
  iconv_t get(const std::string& label) {
    for (auto& e : entries_) {
      if (e.label == label) return e.cd;
    }
    if (entries_.size() >= kMaxCachedConverters) clear();
    iconv_t cd = g_mime_iconv_open("UTF-8", label.c_str());
    entries_.push_back({label, cd});
    return cd;
  }

 private:
  struct Entry {
    std::string label;
    iconv_t cd;
  };
  void clear() {
    for (auto& e : entries_) {
      if (e.cd != kNoConverter) g_mime_iconv_close(e.cd);
    }
    entries_.clear();
  }
  std::vector<Entry> entries_;
};

class Detector {
 public:
  Detector() : ud_(uchardet_new()) {}
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;
  ~Detector() { uchardet_delete(ud_); }

  // uchardet's guess (e.g. "WINDOWS-1252", "SHIFT_JIS"), lower-cased; empty when unsure.
  std::string detect(std::string_view bytes) {
    uchardet_reset(ud_);
    std::string_view head = bytes.substr(0, kDetectBytes);
    if (uchardet_handle_data(ud_, head.data(), head.size()) != 0) return {};
    uchardet_data_end(ud_);
    return normalize_label(view(uchardet_get_charset(ud_)));
  }

 private:
  uchardet_t ud_;
};

thread_local ConverterCache tls_converters;
thread_local Detector tls_detector;

// Converts with iconv; every byte iconv rejects becomes U+FFFD and is counted in `errors`.
std::string iconv_convert(iconv_t cd, std::string_view in, size_t* errors) {
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset any shift state
  std::string out(in.size() * 2 + 16, '\0');
  size_t used = 0;
  char* inbuf = const_cast<char*>(in.data());  // iconv's signature is not const-correct
  size_t inleft = in.size();
  auto grow = [&](size_t need) {
    if (out.size() - used < need) out.resize(out.size() * 2 + need);
  };
  bool flushing = false;
  while (true) {
    char* outbuf = out.data() + used;
    size_t outleft = out.size() - used;
    size_t r =
        flushing ? iconv(cd, nullptr, nullptr, &outbuf, &outleft) : iconv(cd, &inbuf, &inleft, &outbuf, &outleft);
    used = static_cast<size_t>(outbuf - out.data());
    if (r != static_cast<size_t>(-1)) {
      if (flushing) break;
      flushing = true;
      continue;
    }
    if (errno == E2BIG) {
      grow(64);
      continue;
    }
    if (flushing) break;
    if ((errno == EILSEQ || errno == EINVAL) && inleft > 0) {
      ++*errors;
      grow(3);
      out.replace(used, 3, "\xEF\xBF\xBD");
      used += 3;
      ++inbuf;
      --inleft;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
      continue;
    }
    break;
  }
  out.resize(used);
  return out;
}

bool has_nul(std::string_view s) {
  return std::memchr(s.data(), '\0', s.size()) != nullptr;
}

std::string finish(std::string s) {
  if (has_nul(s) || !is_valid_utf8_fast(s)) return make_valid_utf8(s);
  return s;
}

// Bytes of unknown charset: valid UTF-8 stays, else uchardet's guess, else windows-1252.
std::string detect_and_convert(std::string_view bytes, std::string* chosen) {
  if (is_valid_utf8(bytes)) {
    *chosen = "utf-8";
    return finish(std::string(bytes));
  }
  std::string guess = tls_detector.detect(bytes);
  if (!guess.empty() && guess != "ascii" && !is_utf8_label(guess) && !is_latin1_label(guess)) {
    iconv_t cd = tls_converters.get(guess);
    if (cd != kNoConverter) {
      size_t errors = 0;
      std::string out = iconv_convert(cd, bytes, &errors);
      if (errors == 0) {
        *chosen = guess;
        return finish(std::move(out));
      }
    }
  }
  *chosen = "windows-1252";
  return finish(decode_windows_1252(bytes));
}

}  // namespace

bool is_ascii(std::string_view bytes) {
  // Eight bytes at a time: this runs over every header and body.
  const char* p = bytes.data();
  size_t n = bytes.size();
  uint64_t any = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    any |= word;
  }
  for (; n > 0; ++p, --n) any |= static_cast<unsigned char>(*p);
  return (any & 0x8080808080808080ull) == 0;
}

bool is_valid_utf8_fast(std::string_view bytes) {
  return is_ascii(bytes) || is_valid_utf8(bytes);
}

std::string decode_windows_1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      if (c) out += static_cast<char>(c);
    } else if (c < 0xA0 && kCp1252High[c - 0x80] != 0) {
      append_utf8(out, kCp1252High[c - 0x80]);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::string to_utf8(std::string_view bytes, std::string_view declared, Warnings* warnings, std::string_view what) {
  std::string label = normalize_label(declared);
  bool ascii_compatible = !is_ascii_incompatible(label);
  if (ascii_compatible && is_ascii(bytes)) return finish(std::string(bytes));

  auto warn = [&](std::string text) {
    if (warnings) warnings->add(std::string(what) + ": " + std::move(text));
  };
  std::string chosen;

  if (label.empty()) {
    if (is_valid_utf8(bytes)) return finish(std::string(bytes));
    std::string out = detect_and_convert(bytes, &chosen);
    warn("8-bit text without a charset, read as " + chosen);
    return out;
  }
  if (is_utf8_label(label)) {
    if (is_valid_utf8(bytes)) return finish(std::string(bytes));
    std::string out = detect_and_convert(bytes, &chosen);
    warn("labelled utf-8 but not valid UTF-8, read as " + chosen);
    return out;
  }
  // Valid multi-byte UTF-8 under a single-byte label is a mislabel in practice: real latin1 or
  // KOI8 text almost never forms valid UTF-8 sequences.
  if (ascii_compatible && is_valid_utf8(bytes)) {
    warn("labelled " + label + " but is UTF-8");
    return finish(std::string(bytes));
  }
  if (is_latin1_label(label)) return decode_windows_1252(bytes);

  iconv_t cd = tls_converters.get(label);
  if (cd == kNoConverter) {
    std::string out = detect_and_convert(bytes, &chosen);
    warn("unknown charset \"" + make_valid_utf8(utf8_prefix(declared, 64)) + "\", read as " + chosen);
    return out;
  }
  size_t errors = 0;
  std::string out = iconv_convert(cd, bytes, &errors);
  if (errors > 0) warn(std::to_string(errors) + " bytes invalid in " + label + " replaced");
  return finish(std::move(out));
}

std::string sniff_html_charset(std::string_view html) {
  std::string_view head = html.substr(0, 4096);
  size_t pos = 0;
  while (true) {
    size_t meta = std::string_view::npos;
    for (size_t i = pos; i + 5 <= head.size(); ++i) {
      if (head[i] == '<' && iequals(head.substr(i, 5), "<meta")) {
        meta = i;
        break;
      }
    }
    if (meta == std::string_view::npos) return {};
    size_t end = head.find('>', meta);
    std::string_view tag = head.substr(meta, end == std::string_view::npos ? head.size() - meta : end - meta);
    for (size_t i = 0; i + 7 <= tag.size(); ++i) {
      if (!iequals(tag.substr(i, 7), "charset")) continue;
      size_t j = i + 7;
      while (j < tag.size() && (tag[j] == ' ' || tag[j] == '=' || tag[j] == '"' || tag[j] == '\'')) ++j;
      size_t k = j;
      while (k < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[k])) || tag[k] == '-' || tag[k] == '_' ||
                                tag[k] == ':' || tag[k] == '.')) {
        ++k;
      }
      if (k > j) return std::string(tag.substr(j, k - j));
    }
    if (end == std::string_view::npos) return {};
    pos = end;
  }
}

}  // namespace mailsift::mime::detail
