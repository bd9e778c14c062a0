// Ingest: runs the process stage over a MessageSource — parsing (and, when the ports allow,
// classifying and embedding) on worker threads, writing on the calling thread in source order,
// in batched transactions. Used by `mailsift ingest` and the benchmarks.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mime/sources/message_source.h"
#include "pipeline/process.h"

namespace mailsift {

struct IngestProgress {
  int64_t items = 0;  // messages and other items handled so far
  int64_t added = 0;
  uint64_t done_bytes = 0;
  uint64_t total_bytes = 0;  // 0 when unknown
  double seconds = 0;
};

struct IngestOptions {
  ProcessOptions process;
  int batch_size = 500;      // messages per transaction
  double batch_seconds = 1;  // and at least one commit per this many seconds
  int threads = 0;           // worker threads; 0 = one per core
  std::function<void(const IngestProgress&)> on_progress;  // called at most every 100 ms, and at the end
};

struct IngestNote {
  std::string origin;
  std::string reason;
};

struct IngestSummary {
  int64_t added = 0;        // "new"
  int64_t duplicates = 0;
  int64_t quarantined = 0;
  int64_t failed = 0;
  std::vector<IngestNote> skipped;      // not messages, with reasons
  std::vector<IngestNote> quarantines;  // what went to quarantine, with reasons
  std::vector<IngestNote> failures;
  int64_t degraded = 0;                 // stored, but a derived step failed
  std::vector<IngestNote> degraded_notes;  // the first few, with reasons
  uint64_t bytes = 0;
  double seconds = 0;
};

// Errors: only what stops the whole run (the database cannot commit). Everything about a
// single message is counted in the summary instead.
Result<IngestSummary> ingest(MessageSource& source, const ProcessPorts& ports, const IngestOptions& options);

}  // namespace mailsift
