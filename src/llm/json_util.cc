#include "llm/json_util.h"

#include <optional>

#include "core/strings.h"

namespace mailsift::llm {

Result<Json> parse_json(std::string_view text, std::string_view what) {
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // Find where it broke, for the message, without quoting the text (it may hold secrets).
    try {
      Json again = Json::parse(text.begin(), text.end());
      (void)again;
    } catch (const Json::parse_error& e) {
      return fail(Code::kParse, std::string(what) + " is not valid JSON (at byte " + std::to_string(e.byte) + ")");
    } catch (...) {
    }
    return fail(Code::kParse, std::string(what) + " is not valid JSON");
  }
  return value;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const Json* member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string string_member(const Json& object, std::string_view key) {
  const Json* m = member(object, key);
  return (m && m->is_string()) ? m->get<std::string>() : std::string();
}

int64_t int_member(const Json& object, std::string_view key, int64_t fallback) {
  const Json* m = member(object, key);
  if (!m || !m->is_number()) return fallback;
  return m->is_number_float() ? static_cast<int64_t>(m->get<double>()) : m->get<int64_t>();
}

Result<Json> extract_json(std::string_view text) {
  std::string_view t = trim(text);
  auto attempt = [](std::string_view s) -> std::optional<Json> {
    Json v = Json::parse(s.begin(), s.end(), nullptr, false);
    if (v.is_discarded()) return std::nullopt;
    return v;
  };
  if (auto v = attempt(t)) return *v;
  if (auto fence = t.find("```"); fence != std::string_view::npos) {
    auto start = t.find('\n', fence);
    auto end = start == std::string_view::npos ? start : t.find("```", start);
    if (start != std::string_view::npos && end != std::string_view::npos) {
      if (auto v = attempt(trim(t.substr(start + 1, end - start - 1)))) return *v;
    }
  }
  auto first = t.find_first_of("{[");
  if (first != std::string_view::npos) {
    char close = t[first] == '{' ? '}' : ']';
    auto last = t.rfind(close);
    if (last != std::string_view::npos && last > first) {
      if (auto v = attempt(t.substr(first, last - first + 1))) return *v;
    }
  }
  return fail(Code::kParse, "the model's output is not JSON");
}

}  // namespace mailsift::llm
