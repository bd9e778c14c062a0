// Classifier: decides whether an email is BUSINESS, OPERATIONAL or NOISE (DESIGN.md).
//
// Adapters: the local model (rules + statistical model, offline), the LLM (structured output),
// and the cascade (local first, LLM when unsure). A classifier never stores anything; the
// process stage records its verdict. Implementations document their own thread-safety; the
// process stage calls classify() from several worker threads when the adapter says it may.
#pragma once

#include <string>

#include "core/result.h"
#include "core/types.h"

namespace mailsift {

class Classifier {
 public:
  virtual ~Classifier() = default;
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // The verdict for one parsed email, with confidence and reasons.
  // Errors: kUnavailable (a remote model failed), kParse (an answer out of schema), ...
  // The caller keeps the email whatever happens.
  virtual Result<Classification> classify(const Email& email) = 0;

  // A short identifier for logs and `mailsift show`, e.g. "local:nb-2026-12".
  virtual std::string name() const = 0;

  // True when classify() may be called from several threads at once.
  virtual bool thread_safe() const { return false; }

 protected:
  Classifier() = default;
};

}  // namespace mailsift
