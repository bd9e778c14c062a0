// Scripted model servers for the chat tests: one FakeHttpServer speaking a provider's real wire
// protocol (OpenAI-compatible Chat Completions SSE, Anthropic Messages SSE, Bedrock
// ConverseStream event-stream frames, SigV4-signed), replying from a script of turns. The turn
// served is the number of tool results in the request (each scripted tool turn makes one call),
// so a conversation replays the same way whatever the order of connections. Replies are sent in
// small chunks with pauses, so that the client reassembles them across reads.
//
// Helpers read back what the model was given: the system prompt, the tools offered and the tool
// results, in the provider's own request format.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/chat_model.h"
#include "net/fake_http_server.h"

namespace mailsift::testing {

enum class Wire { kOpenAi, kAnthropic, kBedrock };
std::string wire_name(Wire wire);

struct Turn {
  // A tool call (tool set) or the final answer (tool empty): text streamed in a few deltas.
  std::string tool;
  std::string arguments;  // JSON text
  std::string text;

  static Turn call(std::string tool, std::string arguments) { return Turn{std::move(tool), std::move(arguments), {}}; }
  static Turn answer(std::string text) { return Turn{{}, {}, std::move(text)}; }
};

class ScriptedProvider {
 public:
  ScriptedProvider(Wire wire, std::vector<Turn> turns);
  ~ScriptedProvider();
  ScriptedProvider(const ScriptedProvider&) = delete;
  ScriptedProvider& operator=(const ScriptedProvider&) = delete;

  // A ChatModel of the provider's adapter pointed at the server.
  std::unique_ptr<llm::ChatModel> model();
  // Pause between chunks of a reply (default 2 ms); cancellation tests slow the answer down.
  void set_gap(std::chrono::milliseconds gap) { gap_ = gap; }

  // The server's URL (for the CLI's --base-url; OpenAI-compatible servers answer under /v1).
  std::string url(const std::string& path = "") const { return server_.url(path); }
  // The request bodies received, in order.
  std::vector<nlohmann::json> requests() const;
  Wire wire() const { return wire_; }

 private:
  std::string reply_body(size_t turn) const;
  std::string content_type() const;
  std::vector<std::string> chunks(const std::string& body) const;

  Wire wire_;
  std::vector<Turn> turns_;
  std::chrono::milliseconds gap_{2};
  FakeHttpServer server_;
};

// What a request gave the model, read from the provider's format.
std::string sent_system_prompt(Wire wire, const nlohmann::json& body);
std::vector<std::string> sent_tool_names(Wire wire, const nlohmann::json& body);
// The tool results in the request, in order: {tool call id, output, is_error}.
struct SentResult {
  std::string id;
  std::string output;
  bool is_error = false;
};
std::vector<SentResult> sent_tool_results(Wire wire, const nlohmann::json& body);

}  // namespace mailsift::testing
