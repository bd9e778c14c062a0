// EventBus: how stages hand work to each other (DESIGN.md). The process stage publishes
// "vector ready" and "contact seen" events; the vector writer and contact enrichment subscribe.
// Adapters: in-process (this file), EventBridge on AWS.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift {

namespace events {
inline constexpr const char* kVectorReady = "vector.ready";    // an email's embedding was computed
inline constexpr const char* kContactSeen = "contact.seen";    // a new email's sender needs linking
inline constexpr const char* kEmailStored = "email.stored";    // a new email was stored
}  // namespace events

struct Event {
  std::string type;
  EmailId email_id = 0;
  std::string detail;          // JSON object with the event's fields
  std::vector<float> vector;   // kVectorReady: the embedding (in-process; adapters serialise it)
  std::string model;           // kVectorReady: the embedding model id
  // In-process only: the parsed message, when the publisher has it at hand, so that a handler
  // need not read it back from the store (a remote bus leaves it null; handlers then load it).
  const Email* email = nullptr;
};

class EventBus {
 public:
  using Handler = std::function<Result<void>(const Event&)>;
  virtual ~EventBus() = default;
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Delivers the event to every subscriber of its type. Errors: the first handler error (all
  // handlers still run); on a remote bus, the delivery failure.
  virtual Result<void> publish(const Event& event) = 0;
  virtual void subscribe(const std::string& type, Handler handler) = 0;

 protected:
  EventBus() = default;
};

// Synchronous in-process delivery, in subscription order, on the publishing thread.
// Not thread-safe: subscribe before publishing, publish from one thread.
class InProcessBus final : public EventBus {
 public:
  InProcessBus() = default;
  Result<void> publish(const Event& event) override;
  void subscribe(const std::string& type, Handler handler) override;

 private:
  std::map<std::string, std::vector<Handler>> handlers_;
};

}  // namespace mailsift
