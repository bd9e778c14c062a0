// SseParser: an incremental parser of text/event-stream (server-sent events), as the HTML
// standard defines it.
//
// Feed it the body in chunks split anywhere (inside a line, inside a CRLF pair, inside a UTF-8
// character); it returns each event as soon as the blank line that ends it has arrived. Handles
// LF, CRLF and lone CR line ends, a leading BOM, comments (": ..."), multi-line data (joined with
// "\n"), event:, id: (kept across events, ignored when it contains NUL) and retry:. An event
// with no data lines is not dispatched, as the standard says.
//
// Not thread-safe; one parser per stream.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mailsift::net {

struct SseEvent {
  std::string type = "message";  // the event: field, "message" when absent
  std::string data;              // data: lines joined with "\n"
  std::string id;                // the last event ID seen so far in the stream
  std::optional<int64_t> retry_ms;
};

class SseParser {
 public:
  explicit SseParser(size_t max_event_bytes = 16u << 20) : max_event_bytes_(max_event_bytes) {}

  // Parses the bytes and returns the events they complete, in order.
  // Errors: kTooLarge when one line or one event's data exceeds max_event_bytes (the parser
  // is then unusable).
  Result<std::vector<SseEvent>> feed(std::string_view bytes);

  // End of stream. The standard discards an event that was not ended by a blank line; some
  // servers omit the last blank line, so this returns such an event if it has data.
  std::optional<SseEvent> finish();

  const std::string& last_event_id() const { return last_id_; }

 private:
  void process_line(std::string_view line, std::vector<SseEvent>& out);

  size_t max_event_bytes_;
  std::string line_;        // the current, unfinished line
  bool after_cr_ = false;   // the previous byte was CR: a following LF belongs to it
  bool first_line_ = true;  // for the BOM
  bool failed_ = false;
  std::string type_;
  std::string data_;
  bool has_data_ = false;
  std::optional<int64_t> retry_;
  std::string last_id_;
};

}  // namespace mailsift::net
