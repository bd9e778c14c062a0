#include "net/sse.h"

#include <charconv>

namespace mailsift::net {

Result<std::vector<SseEvent>> SseParser::feed(std::string_view bytes) {
  std::vector<SseEvent> out;
  if (failed_) return fail(Code::kTooLarge, "server-sent event stream: an event exceeded the size limit");
  size_t i = 0;
  while (i < bytes.size()) {
    if (after_cr_) {
      after_cr_ = false;
      if (bytes[i] == '\n') {
        ++i;
        continue;
      }
    }
    size_t end = bytes.find_first_of("\r\n", i);
    if (end == std::string_view::npos) {
      line_.append(bytes.substr(i));
      if (line_.size() > max_event_bytes_) {
        failed_ = true;
        return fail(Code::kTooLarge, "server-sent event stream: a line exceeded the size limit");
      }
      break;
    }
    line_.append(bytes.substr(i, end - i));
    after_cr_ = bytes[end] == '\r';
    i = end + 1;
    process_line(line_, out);
    line_.clear();
    if (data_.size() > max_event_bytes_) {
      failed_ = true;
      return fail(Code::kTooLarge, "server-sent event stream: an event exceeded the size limit");
    }
  }
  return out;
}

std::optional<SseEvent> SseParser::finish() {
  std::vector<SseEvent> out;
  if (!line_.empty()) {
    process_line(line_, out);
    line_.clear();
  }
  if (!has_data_) return std::nullopt;
  process_line("", out);
  if (out.empty()) return std::nullopt;
  return std::move(out.back());
}

void SseParser::process_line(std::string_view line, std::vector<SseEvent>& out) {
  if (first_line_) {
    first_line_ = false;
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  }
  if (line.empty()) {
    // Dispatch.
    if (has_data_) {
      SseEvent event;
      if (!type_.empty()) event.type = std::move(type_);
      event.data = std::move(data_);
      if (!event.data.empty() && event.data.back() == '\n') event.data.pop_back();
      event.id = last_id_;
      event.retry_ms = retry_;
      out.push_back(std::move(event));
    }
    type_.clear();
    data_.clear();
    has_data_ = false;
    retry_.reset();
    return;
  }
  if (line.front() == ':') return;  // comment
  std::string_view field = line;
  std::string_view value;
  if (auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    data_.append(value);
    data_ += '\n';
    has_data_ = true;
  } else if (field == "event") {
    type_ = std::string(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_ = std::string(value);
  } else if (field == "retry") {
    int64_t ms = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (ec == std::errc() && p == value.data() + value.size() && !value.empty()) retry_ = ms;
  }
  // Other fields are ignored.
}

}  // namespace mailsift::net
