#include "llm/offline.h"

namespace mailsift::llm {

namespace {

constexpr std::string_view kNotice =
    "No language model is configured, so these are the best matching emails rather than a written answer. "
    "To get answers, set llm.provider (ollama, llamacpp, vllm, openai, anthropic or bedrock) and llm.model in the "
    "config file or MAILSIFT_LLM_PROVIDER / MAILSIFT_LLM_MODEL; see docs/CONFIGURATION.md.";

class OfflineChatModel final : public ChatModel {
 public:
  OfflineChatModel() { info_ = {"offline", "none", true, false}; }

  Result<ChatResponse> generate(const ChatRequest&) override { return unavailable(); }
  Result<ChatResponse> stream(const ChatRequest&, const EventSink&) override { return unavailable(); }
  const ModelInfo& info() const override { return info_; }

 private:
  static Unexpected unavailable() {
    return fail(Code::kUnavailable, "no language model is configured",
                "set llm.provider and llm.model (see docs/CONFIGURATION.md)");
  }
  ModelInfo info_;
};

}  // namespace

std::unique_ptr<ChatModel> make_offline_chat_model() {
  return std::make_unique<OfflineChatModel>();
}

std::string_view offline_notice() {
  return kNotice;
}

}  // namespace mailsift::llm
