// Internal to src/mime: RAII owners for the GMime / GLib handles the parser uses, GMime's
// one-time initialisation, and the bounded warning list every parse fills.
// Not installed and not included outside src/mime (STYLE.md: gmime.h stays out of the headers
// other folders include).
#pragma once

#include <gmime/gmime.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mailsift::mime::detail {

// Initialises GMime exactly once per process (thread-safe). Every entry point calls it first.
void ensure_gmime();

struct GObjectUnref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
// Owns one reference to a GObject (GMimeMessage, GMimeParser, GMimeStream ...).
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
// Owns a g_malloc'ed string returned by GMime ("transfer full").
using GCharPtr = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* p) const {
    if (p) g_mime_parser_options_free(p);
  }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

struct ReferencesFree {
  void operator()(GMimeReferences* p) const {
    if (p) g_mime_references_free(p);
  }
};
using ReferencesPtr = std::unique_ptr<GMimeReferences, ReferencesFree>;

struct DateTimeUnref {
  void operator()(GDateTime* p) const {
    if (p) g_date_time_unref(p);
  }
};
using DateTimePtr = std::unique_ptr<GDateTime, DateTimeUnref>;

// What the parser repaired or guessed, for Email::warnings. Bounded: identical warnings are
// kept once and at most kMax distinct ones are kept, so hostile input (200,000 broken headers)
// cannot grow it without limit.
class Warnings {
 public:
  static constexpr size_t kMax = 50;
  void add(std::string text);
  // The collected warnings, plus a final "... and N more" line when some were dropped.
  std::vector<std::string> take();

  // Which GMime parser warnings were reported, so the caller can repair and retry.
  void note(GMimeParserWarning code) { codes_ |= 1u << (static_cast<unsigned>(code) & 31u); }
  bool noted(GMimeParserWarning code) const { return (codes_ >> (static_cast<unsigned>(code) & 31u)) & 1u; }

 private:
  std::vector<std::string> list_;
  size_t dropped_ = 0;
  uint32_t codes_ = 0;
};

// Parser options for one parse: loose RFC compliance, UTF-8 then windows-1252 then latin1 as
// fallback charsets for undeclared 8-bit header text, and GMime's warnings sent to `sink`.
// `sink` must outlive every GMime call made with the returned options.
ParserOptionsPtr make_parser_options(Warnings* sink);

// A GMime string (may be null) as a string_view (empty for null).
inline std::string_view view(const char* s) {
  return s ? std::string_view(s) : std::string_view();
}

}  // namespace mailsift::mime::detail
