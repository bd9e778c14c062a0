#include "cli/wiring.h"

namespace mailsift::cli {

Result<Wiring> wire_ingest(Context& ctx, bool create) {
  Wiring w;
  w.store = MAILSIFT_TRY(ctx.open_store(create));
  w.bus = std::make_unique<InProcessBus>();
  MAILSIFT_TRY_VOID(wire_vectors(ctx, w));
  w.notes.push_back("no classifier yet: messages are stored unclassified");
  return w;
}

}  // namespace mailsift::cli
