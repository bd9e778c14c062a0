#include "aws/event_stream.h"

#include <algorithm>
#include <array>

namespace mailsift::aws {

namespace {

constexpr size_t kPreludeBytes = 12;  // total length, headers length, prelude CRC
constexpr size_t kMinMessage = 16;    // prelude + message CRC

std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

uint64_t read_be(std::string_view bytes, size_t offset, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[offset + i]);
  return v;
}

void write_be(std::string& out, uint64_t v, size_t width) {
  for (size_t i = width; i-- > 0;) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

int64_t sign_extend(uint64_t v, size_t width) {
  if (width >= 8) return static_cast<int64_t>(v);
  uint64_t sign = uint64_t{1} << (width * 8 - 1);
  return static_cast<int64_t>((v ^ sign)) - static_cast<int64_t>(sign);
}

Result<std::vector<EventHeader>> decode_headers(std::string_view block) {
  std::vector<EventHeader> headers;
  size_t i = 0;
  auto need = [&](size_t n) { return i + n <= block.size(); };
  auto bad = [](const char* what) {
    return fail(Code::kParse, std::string("event stream: malformed header block: ") + what);
  };
  while (i < block.size()) {
    EventHeader h;
    size_t name_len = static_cast<unsigned char>(block[i++]);
    if (name_len == 0 || !need(name_len + 1)) return bad("name");
    h.name = std::string(block.substr(i, name_len));
    i += name_len;
    auto type = static_cast<unsigned char>(block[i++]);
    if (type > 9) return bad("unknown value type");
    h.type = static_cast<HeaderType>(type);
    switch (h.type) {
      case HeaderType::kBoolTrue:
      case HeaderType::kBoolFalse:
        h.bool_value = h.type == HeaderType::kBoolTrue;
        break;
      case HeaderType::kByte:
      case HeaderType::kShort:
      case HeaderType::kInt:
      case HeaderType::kLong:
      case HeaderType::kTimestamp: {
        size_t width = h.type == HeaderType::kByte    ? 1
                       : h.type == HeaderType::kShort ? 2
                       : h.type == HeaderType::kInt   ? 4
                                                      : 8;
        if (!need(width)) return bad("truncated integer");
        h.int_value = sign_extend(read_be(block, i, width), width);
        i += width;
        break;
      }
      case HeaderType::kBytes:
      case HeaderType::kString: {
        if (!need(2)) return bad("truncated length");
        size_t len = read_be(block, i, 2);
        i += 2;
        if (!need(len)) return bad("truncated value");
        h.bytes_value = std::string(block.substr(i, len));
        i += len;
        break;
      }
      case HeaderType::kUuid:
        if (!need(16)) return bad("truncated uuid");
        h.bytes_value = std::string(block.substr(i, 16));
        i += 16;
        break;
    }
    headers.push_back(std::move(h));
  }
  return headers;
}

}  // namespace

uint32_t crc32(std::string_view bytes, uint32_t crc) {
  static const std::array<uint32_t, 256> kTable = make_crc_table();
  crc = ~crc;
  for (char ch : bytes) crc = kTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

EventHeader EventHeader::string(std::string name, std::string value) {
  EventHeader h;
  h.name = std::move(name);
  h.type = HeaderType::kString;
  h.bytes_value = std::move(value);
  return h;
}

const EventHeader* EventMessage::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

std::string EventMessage::string_header(std::string_view name) const {
  const EventHeader* h = header(name);
  return (h && h->type == HeaderType::kString) ? h->bytes_value : std::string();
}

Result<std::vector<EventMessage>> EventStreamDecoder::feed(std::string_view bytes) {
  if (failed_) return fail(Code::kParse, "event stream: decoder stopped after an earlier error");
  buffer_.append(bytes);
  std::vector<EventMessage> out;
  size_t pos = 0;
  auto poison = [&](Code code, std::string message) {
    failed_ = true;
    buffer_.clear();
    return fail(code, "event stream: " + std::move(message));
  };
  while (buffer_.size() - pos >= kPreludeBytes) {
    std::string_view view(buffer_);
    view.remove_prefix(pos);
    uint32_t total = static_cast<uint32_t>(read_be(view, 0, 4));
    uint32_t headers_len = static_cast<uint32_t>(read_be(view, 4, 4));
    uint32_t prelude_crc = static_cast<uint32_t>(read_be(view, 8, 4));
    if (crc32(view.substr(0, 8)) != prelude_crc) return poison(Code::kParse, "prelude checksum mismatch");
    if (total < kMinMessage || headers_len > total - kMinMessage)
      return poison(Code::kParse, "impossible message lengths");
    if (total > max_message_bytes_)
      return poison(Code::kTooLarge, "message of " + std::to_string(total) + " bytes over the limit");
    if (view.size() < total) break;
    std::string_view frame = view.substr(0, total);
    uint32_t message_crc = static_cast<uint32_t>(read_be(frame, total - 4, 4));
    if (crc32(frame.substr(0, total - 4)) != message_crc) return poison(Code::kParse, "message checksum mismatch");
    auto headers = decode_headers(frame.substr(kPreludeBytes, headers_len));
    if (!headers) return poison(Code::kParse, headers.error().message.substr(std::string("event stream: ").size()));
    EventMessage message;
    message.headers = std::move(*headers);
    message.payload = std::string(frame.substr(kPreludeBytes + headers_len, total - headers_len - kMinMessage));
    message.prelude_crc = prelude_crc;
    message.message_crc = message_crc;
    out.push_back(std::move(message));
    pos += total;
  }
  buffer_.erase(0, pos);
  return out;
}

std::string encode_event_message(const std::vector<EventHeader>& headers, std::string_view payload) {
  std::string block;
  for (const auto& h : headers) {
    block += static_cast<char>(h.name.size());
    block += h.name;
    block += static_cast<char>(h.type);
    switch (h.type) {
      case HeaderType::kBoolTrue:
      case HeaderType::kBoolFalse:
        break;
      case HeaderType::kByte:
        write_be(block, static_cast<uint64_t>(h.int_value), 1);
        break;
      case HeaderType::kShort:
        write_be(block, static_cast<uint64_t>(h.int_value), 2);
        break;
      case HeaderType::kInt:
        write_be(block, static_cast<uint64_t>(h.int_value), 4);
        break;
      case HeaderType::kLong:
      case HeaderType::kTimestamp:
        write_be(block, static_cast<uint64_t>(h.int_value), 8);
        break;
      case HeaderType::kBytes:
      case HeaderType::kString:
        write_be(block, h.bytes_value.size(), 2);
        block += h.bytes_value;
        break;
      case HeaderType::kUuid:
        block += h.bytes_value.substr(0, 16);
        block.append(16 - std::min<size_t>(16, h.bytes_value.size()), '\0');
        break;
    }
  }
  std::string out;
  size_t total = kMinMessage + block.size() + payload.size();
  write_be(out, total, 4);
  write_be(out, block.size(), 4);
  write_be(out, crc32(out), 4);
  out += block;
  out += payload;
  write_be(out, crc32(out), 4);
  return out;
}

}  // namespace mailsift::aws
