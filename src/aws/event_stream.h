// The AWS event-stream binary framing (application/vnd.amazon.eventstream), used by Bedrock
// ConverseStream and InvokeModelWithResponseStream.
//
// A message: total length (u32), headers length (u32), prelude CRC32 (of those 8 bytes),
// headers, payload, message CRC32 (of every byte before it); big-endian. The decoder is
// incremental: feed it reads of any size, a frame may span many reads. It checks the prelude CRC
// before trusting the lengths, then the message CRC, and decodes headers of every type (0-9).
//
// Not thread-safe; one decoder per stream.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mailsift::aws {

enum class HeaderType : uint8_t {
  kBoolTrue = 0,
  kBoolFalse = 1,
  kByte = 2,
  kShort = 3,
  kInt = 4,
  kLong = 5,
  kBytes = 6,
  kString = 7,
  kTimestamp = 8,  // milliseconds since the Unix epoch
  kUuid = 9,       // 16 bytes
};

struct EventHeader {
  std::string name;
  HeaderType type = HeaderType::kString;
  bool bool_value = false;  // kBoolTrue / kBoolFalse
  int64_t int_value = 0;    // kByte, kShort, kInt, kLong, kTimestamp (sign-extended)
  std::string bytes_value;  // kBytes, kString, kUuid

  static EventHeader string(std::string name, std::string value);
};

struct EventMessage {
  std::vector<EventHeader> headers;  // wire order
  std::string payload;
  uint32_t prelude_crc = 0;
  uint32_t message_crc = 0;

  const EventHeader* header(std::string_view name) const;
  // The value of a string header, or "" when absent or of another type.
  std::string string_header(std::string_view name) const;
};

class EventStreamDecoder {
 public:
  explicit EventStreamDecoder(size_t max_message_bytes = 16u << 20) : max_message_bytes_(max_message_bytes) {}

  // Appends bytes and returns every message they complete, in order.
  // Errors (kParse; the decoder is then unusable): "prelude checksum mismatch", "message
  // checksum mismatch", an impossible length, a malformed header block; kTooLarge for a message
  // over max_message_bytes.
  Result<std::vector<EventMessage>> feed(std::string_view bytes);

  // True when no partial message is buffered (a clean end of stream).
  bool idle() const { return buffer_.empty(); }

 private:
  size_t max_message_bytes_;
  std::string buffer_;
  bool failed_ = false;
};

// Encodes one message (for fakes in tests and for event streams mailsift sends).
std::string encode_event_message(const std::vector<EventHeader>& headers, std::string_view payload);

// CRC-32 (IEEE 802.3 / zlib polynomial), continuing from `crc`.
uint32_t crc32(std::string_view bytes, uint32_t crc = 0);

}  // namespace mailsift::aws
