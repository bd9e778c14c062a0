// Chooses and connects the adapters for a command from the configuration: the store, the
// classifier, the embedder, the vector store and the event bus subscriptions. The one place
// that knows which adapter implements which port.
#pragma once

#include <memory>

#include "cli/context.h"
#include "pipeline/event_bus.h"
#include "pipeline/process.h"

namespace mailsift::cli {

struct Wiring {
  std::unique_ptr<SqliteEmailStore> store;
  std::unique_ptr<Classifier> classifier;
  std::unique_ptr<Embedder> embedder;
  std::unique_ptr<InProcessBus> bus;
  std::vector<std::string> notes;  // what is not configured, for the user

  ProcessPorts ports() { return ProcessPorts{*store, classifier.get(), embedder.get(), bus.get()}; }
};

// Opens the store (creating the data directory when `create`) and builds the ingest ports.
Result<Wiring> wire_ingest(Context& ctx, bool create);

}  // namespace mailsift::cli
