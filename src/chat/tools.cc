#include "chat/tools.h"

#include <algorithm>

#include "core/strings.h"
#include "llm/json_util.h"

namespace mailsift::chat {

std::string fit_text(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  const size_t total = text.size();
  const std::string note_room = "\n[cut: showing 0000000000 of 0000000000 bytes]";
  size_t keep = max_bytes > note_room.size() ? max_bytes - note_room.size() : 0;
  std::string out(utf8_prefix(text, keep));
  out += "\n[cut: showing " + std::to_string(out.size()) + " of " + std::to_string(total) + " bytes]";
  return out;
}

std::string dump_compact(const Json& value) { return llm::dump_json(value); }

namespace {

// Shortens every string in `value` to at most `limit` bytes.
void shorten_strings(Json& value, size_t limit) {
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s.size() > limit) value = std::string(utf8_prefix(s, limit)) + "…";
  } else if (value.is_array() || value.is_object()) {
    for (auto& child : value) shorten_strings(child, limit);
  }
}

}  // namespace

Json fit_list(Json object, const std::string& key, size_t max_bytes) {
  if (dump_compact(object).size() <= max_bytes) return object;
  if (!object.is_object() || !object.contains(key) || !object[key].is_array()) {
    shorten_strings(object, 200);
    return object;
  }
  Json& items = object[key];
  size_t omitted = object.contains("omitted") && object["omitted"].is_number_unsigned()
                       ? object["omitted"].get<size_t>()
                       : 0;
  // Drop items from the end, many at a time when far over, until the object fits.
  while (!items.empty() && dump_compact(object).size() > max_bytes) {
    size_t size = dump_compact(object).size();
    size_t drop = std::max<size_t>(1, items.size() * (size - max_bytes) / (size * 2));
    drop = std::min(drop, items.size());
    items.erase(items.end() - static_cast<std::ptrdiff_t>(drop), items.end());
    omitted += drop;
    object["omitted"] = omitted;
  }
  for (size_t limit = 400; dump_compact(object).size() > max_bytes && limit >= 25; limit /= 2) {
    shorten_strings(object, limit);
  }
  return object;
}

}  // namespace mailsift::chat
