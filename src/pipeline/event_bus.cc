#include "pipeline/event_bus.h"

namespace mailsift {

Result<void> InProcessBus::publish(const Event& event) {
  auto it = handlers_.find(event.type);
  if (it == handlers_.end()) return ok();
  Result<void> first = ok();
  for (const auto& handler : it->second) {
    auto r = handler(event);
    if (!r && first) first = r;
  }
  return first;
}

void InProcessBus::subscribe(const std::string& type, Handler handler) {
  handlers_[type].push_back(std::move(handler));
}

}  // namespace mailsift
