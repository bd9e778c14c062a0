// MessageSource: where raw messages come from (DESIGN.md). The embedded adapters read single
// files, directories (recursively), mbox files (mboxo/mboxrd), Maildir folders and standard
// input; network sources (LMTP, IMAP, S3) implement the same port.
//
// A source yields items one at a time: a message's raw bytes, or a note that something was
// skipped or was too large, with the reason. Reading is streaming: an mbox of any size is read
// with memory bounded by the per-message limit.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace mailsift {

struct SourceItem {
  enum class Kind {
    kMessage,   // raw holds the message (an mbox envelope "From " line already removed)
    kSkipped,   // not a message (empty, binary, not an email): reason says why; nothing to keep
    kTooLarge,  // over the size limit: raw is empty, size is the message's size
    kError,     // could not be read (permissions, I/O): reason says why
  };
  Kind kind = Kind::kMessage;
  std::string raw;
  std::string origin;  // "path", "path@offset" for mbox entries, "stdin"
  uint64_t size = 0;
  std::string reason;
  // Bytes that came from the standard input or a network peer: nothing else keeps a copy, so
  // anything that is not stored must be quarantined.
  bool only_copy = false;
};

class MessageSource {
 public:
  virtual ~MessageSource() = default;
  MessageSource(const MessageSource&) = delete;
  MessageSource& operator=(const MessageSource&) = delete;

  // The next item, or nullopt at the end.
  virtual std::optional<SourceItem> next() = 0;
  // For progress: total bytes to read when known (0 if unknown), and bytes read so far.
  virtual uint64_t total_bytes() const = 0;
  virtual uint64_t done_bytes() const = 0;

 protected:
  MessageSource() = default;
};

struct SourceOptions {
  uint64_t max_message_bytes = 50u * 1024 * 1024;
};

// A source over command-line arguments: each is a file (a single message or an mbox), a
// directory (walked recursively; Maildir cur/ and new/ are read, tmp/ is not; hidden files
// are ignored), or "-" for one message on standard input. Paths are walked in sorted order.
// Errors: kNotFound naming the first argument that does not exist.
Result<std::unique_ptr<MessageSource>> open_sources(const std::vector<std::string>& args, const SourceOptions& options);

// A source over bytes already in memory (an HTTP body, a test): one message, or an mbox.
std::unique_ptr<MessageSource> memory_source(std::string bytes, std::string origin, const SourceOptions& options);

// True when `line` (without its newline) is an mbox envelope line: "From " followed by a
// sender and a date-like tail.
bool is_mbox_from_line(std::string_view line);

}  // namespace mailsift
