// LlmClassifier: asks a language model for the class, through llm::generate_object with a JSON
// Schema: {"classification": "BUSINESS" | "OPERATIONAL" | "NOISE", "reason": "..."}. What is
// sent about the email is built by the privacy policy (llm/privacy.h): subject, sender and the
// visible body cut to max_body_chars (8,000 by default, or less when the policy says so), wrapped
// as untrusted data; temperature 0. An answer that is still out of schema after the repair
// attempt is a kParse error; a provider failure is its own error (kUnavailable, ...): the
// caller keeps its own verdict (see CascadeClassifier).
//
// CascadeClassifier: the local classifier first; the LLM only when the local confidence is under
// a threshold. If the LLM fails, the local verdict is kept and marked fallback (with why in the
// note), so `mailsift classify --retry-fallbacks` can ask again later. With threshold > 1 every
// message goes to the LLM (mode "llm"), still with the local verdict as the fallback.
//
// Thread-safe when the model is (ChatModel adapters are): usage counters are atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "classify/classifier.h"
#include "llm/chat_model.h"
#include "llm/privacy.h"

namespace mailsift::classify {

// What the LLM was asked and what it cost, over the life of a classifier.
struct LlmUsage {
  int64_t calls = 0;          // emails sent
  int64_t failures = 0;       // calls that ended without a valid answer
  int64_t input_tokens = 0;   // as the provider reported them, else estimated (chars / 4)
  int64_t output_tokens = 0;
};

class LlmClassifier final : public Classifier {
 public:
  struct Options {
    llm::PrivacyPolicy privacy;  // max_chars_per_email is the body limit
    int max_tokens = 300;
    double confidence = 0.9;     // reported for an LLM verdict (the schema asks for none)
  };

  // REQUIRES: model != nullptr.
  LlmClassifier(std::unique_ptr<llm::ChatModel> model, Options options);

  // Errors: kUnavailable / kPermission / ... from the provider; kParse (out of schema after the
  // repair attempt); kUnavailable for the offline model.
  Result<Classification> classify(const Email& email) override;
  std::string name() const override;
  bool thread_safe() const override { return true; }

  LlmUsage usage() const;

 private:
  std::unique_ptr<llm::ChatModel> model_;
  Options options_;
  std::atomic<int64_t> calls_{0}, failures_{0}, input_tokens_{0}, output_tokens_{0};
};

// The user prompt that carries an email (what the policy lets out, wrapped as untrusted data).
std::string classification_prompt(const llm::PrivacyPolicy& policy, const Email& email);
// Tokens a request about this email would take, estimated at four characters a token.
int64_t estimate_request_tokens(const llm::PrivacyPolicy& policy, const Email& email);

// The schema the model answers to.
const llm::Json& classification_schema();
// The instructions (the class definitions) the model gets as its system prompt.
const std::string& classification_instructions();

class CascadeClassifier final : public Classifier {
 public:
  // REQUIRES: local, remote != nullptr. threshold in (0, 1] — or above 1 to always ask.
  CascadeClassifier(std::unique_ptr<Classifier> local, std::unique_ptr<Classifier> remote, double threshold);

  // Never fails when the local classifier does not.
  Result<Classification> classify(const Email& email) override;
  std::string name() const override;
  bool thread_safe() const override { return local_->thread_safe() && remote_->thread_safe(); }

  Classifier& local() { return *local_; }
  Classifier& remote() { return *remote_; }
  double threshold() const { return threshold_; }

 private:
  std::unique_ptr<Classifier> local_;
  std::unique_ptr<Classifier> remote_;
  double threshold_;
};

}  // namespace mailsift::classify
