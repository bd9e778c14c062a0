// The chat's tools and how other folders add theirs.
//
// A tool set is a group of llm::Tool with a paragraph for the system prompt saying when to use
// them. The chat builds its own set (email_tools.h: searchEmails, getEmail, getThread) and any
// number of extra sets from ToolFactory functions given to ChatService::create (chat_service.h):
// a folder that wants the assistant to use its data (contacts: searchContractors,
// getContractorDetail, getContact) writes a factory, and the app (src/cli/wiring_chat.cc) passes
// it in. Nothing in the loop or the service changes. A set may also take part in the offline
// answer (OfflineHook below), so that its data is listed when no model is configured.
//
// Rules every tool keeps (the model's output is never trusted, and email text is never an
// instruction):
//   - read-only: a tool never changes stored data or reaches outside the machine on its own;
//   - output_is_untrusted = true whenever the output carries text from emails or other outside
//     sources (names, subjects, bodies, notes): the loop then wraps it with wrap_untrusted;
//   - everything about an email goes through env.privacy (llm/privacy.h): render_email(
//     apply_privacy(...)) for whole emails, redact_text for other text, and fields the policy
//     does not allow are left out;
//   - outputs fit in env.max_output_bytes (fit_text / fit_list below), so that the loop never
//     has to cut a result, which would cut off the closing delimiter of the data block;
//   - input is validated by the loop against input_schema before execute runs; execute checks
//     the rest (ranges, formats) and returns kInvalidArgument with a message the model can act
//     on. Errors become error results the model sees, never failures of the chat.
//   - execute runs on a worker thread, possibly several at once: take a store with
//     env.store.acquire() for the call, and check context.cancelled() in long loops.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chat/store_access.h"
#include "core/config.h"
#include "core/result.h"
#include "llm/privacy.h"
#include "llm/tool_loop.h"
#include "search/searcher.h"

namespace mailsift::chat {

using Json = llm::Json;

// What tools are built with. Everything is borrowed from the ChatService, which outlives the
// tools it holds; all of it may be used from several threads at once.
struct ToolEnv {
  StoreAccess& store;
  search::Searcher& searcher;
  const llm::PrivacyPolicy& privacy;
  const Config& config;
  size_t max_output_bytes = 15'000;     // a result's size before the loop wraps it as data
  std::function<UnixTime()> clock;      // "now", for relative dates and "today"
};

// What a tool set adds to the offline answer (no model configured, chat_service.h): the set
// looks at the question and, when it is one the set can help with (the contractor tools: it
// names a region, scheme or scope the registry knows), runs one of its tools as a model would
// and lists what it found. Nothing leaves the machine, so the privacy policy does not apply.
struct OfflineSection {
  std::string tool;    // the tool that ran, e.g. "searchContractors" (shown as a tool call)
  Json input;          // its input, as a model would have given it
  std::string output;  // what the tool returned (shown as the tool result)
  std::string text;    // lines for the answer, each ending in '\n', with [kind:ID] citations
};

// Returns nullopt when the question is not for this set. Errors are shown as an error result of
// the tool; the offline answer goes on without the section. Called on the answering thread.
using OfflineHook =
    std::function<Result<std::optional<OfflineSection>>(std::string_view question, const llm::ToolContext& context)>;

struct ToolSet {
  std::string name;          // "email", "contractors": for messages about the set
  std::vector<llm::Tool> tools;
  std::string instructions;  // a paragraph of the system prompt: when and how to use the tools
  OfflineHook offline;       // optional: the set's part of the offline answer
};

// Builds a tool set. Called once, when the ChatService is created; `env` outlives the tools, so
// they may capture it by reference. Errors fail the creation.
using ToolFactory = std::function<Result<ToolSet>(const ToolEnv& env)>;

// Room the loop's data delimiters take around a result (llm/untrusted.h), kept free by the
// tools' own size limit.
inline constexpr size_t kWrapOverhead = 256;

// Cuts text to max_bytes on a UTF-8 boundary, ending with a note of how much was cut.
std::string fit_text(std::string text, size_t max_bytes);

// Drops items from the end of the array object[key] until dump(object) fits in max_bytes, and
// records how many were dropped in object["omitted"]. When even no items do not fit, strings in
// the object are shortened. The result always parses as JSON.
Json fit_list(Json object, const std::string& key, size_t max_bytes);

// A JSON value as the compact text a tool returns (invalid UTF-8 replaced).
std::string dump_compact(const Json& value);

}  // namespace mailsift::chat
