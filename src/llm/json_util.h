// JSON helpers for the llm layer that never throw: nlohmann-json throws on malformed text, on
// type mismatches and on invalid UTF-8 when dumping; every use in src/llm goes through these
// (or sits inside a try block at a parse boundary).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace mailsift::llm {

using Json = nlohmann::json;

// Errors: kParse naming `what` ("OpenAI response") and the position, never the text itself.
Result<Json> parse_json(std::string_view text, std::string_view what);

// Compact JSON; invalid UTF-8 in strings is replaced by U+FFFD instead of throwing.
std::string dump_json(const Json& value);

// The member, or nullptr when `object` is not an object or has no such key.
const Json* member(const Json& object, std::string_view key);
// The member when it is a string, else "".
std::string string_member(const Json& object, std::string_view key);
// The member when it is a number, else fallback.
int64_t int_member(const Json& object, std::string_view key, int64_t fallback = 0);

// Finds a JSON value in model output: the whole text, else the inside of a ```json fence, else
// the span from the first '{' or '[' to the last matching '}' or ']'.
// Errors: kParse when none of them parses.
Result<Json> extract_json(std::string_view text);

}  // namespace mailsift::llm
