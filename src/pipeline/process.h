// The process stage (DESIGN.md): raw bytes in; parse, classify, embed; store everything.
//
// It is split in two so ingest can run the CPU work on several threads and the writes on one:
//   prepare()  — pure: parse, classify, embed. Safe on any thread when the ports are.
//   commit()   — writes: store the message first, then its classification, then publish the
//                events (vector ready, contact seen) that the other stages consume.
// process() does it for one message (stdin, HTTP, Lambda), storing before deriving.
//
// Never lose an email: a failing classifier or embedder leaves the message stored without a
// class or vector (recorded in `degraded`); input that cannot be parsed goes to quarantine.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/classifier.h"
#include "core/result.h"
#include "core/types.h"
#include "mime/parser.h"
#include "pipeline/event_bus.h"
#include "search/embedder.h"
#include "store/email_store.h"

namespace mailsift {

struct ProcessPorts {
  EmailStore& store;
  Classifier* classifier = nullptr;  // nullptr: messages are stored unclassified
  Embedder* embedder = nullptr;      // nullptr: no vectors
  EventBus* bus = nullptr;           // nullptr: no events
};

struct ProcessOptions {
  mime::ParseOptions parse;
  size_t embed_max_bytes = 4000;
  // Sorted content-hash prefixes of messages already stored (EmailStore::content_hash_prefixes),
  // or nullptr. Lets prepare() skip parsing messages that are already there.
  const std::vector<uint64_t>* stored_hashes = nullptr;
};

enum class Outcome { kNew, kDuplicate, kQuarantined, kFailed };
std::string_view outcome_name(Outcome outcome);

// The CPU half's result: everything needed to write a message.
struct Prepared {
  std::string raw;
  std::string encoded_raw;  // EmailStore::encode_raw(raw), computed by prepare()
  IngestMeta meta;
  Result<Email> email = fail(Code::kInternal, "not parsed");
  std::optional<Classification> classification;
  std::optional<Vector> vector;
  std::string embed_model;
  std::vector<std::string> degraded;  // steps that failed, with reasons
  // Not parsed: its content hash matched one already stored (commit() confirms, and parses
  // after all in the rare case the match was only of the hash prefix).
  bool probably_stored = false;
  std::string hash;
};

struct ProcessResult {
  Outcome outcome = Outcome::kFailed;
  EmailId id = 0;                     // the message (kNew, kDuplicate) or quarantine entry
  int64_t thread_id = 0;
  std::string reason;                 // kQuarantined / kFailed: why
  std::vector<std::string> degraded;
};

// Parses; with derive_now, also classifies and embeds (derive()).
Prepared prepare(std::string raw, IngestMeta meta, const ProcessPorts& ports, const ProcessOptions& options,
                 bool derive_now = true);
// Classifies and embeds a parsed message; failures are added to `degraded`.
void derive(Prepared& prepared, const ProcessPorts& ports, const ProcessOptions& options);
// Stores a prepared message, then records what was derived (classification, events).
ProcessResult commit(Prepared prepared, const ProcessPorts& ports, const ProcessOptions& options);
ProcessResult process(std::string raw, IngestMeta meta, const ProcessPorts& ports, const ProcessOptions& options);

// Keeps bytes that will never be a message (too large, unreadable as email) in quarantine.
ProcessResult quarantine(std::string_view raw, uint64_t size, std::string_view reason, const IngestMeta& meta,
                         EmailStore& store);

}  // namespace mailsift
