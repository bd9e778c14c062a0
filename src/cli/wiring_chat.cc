// Chat wiring: the ChatService over the data directory, for `mailsift chat` and `mailsift serve`.
#include <iostream>
#include <mutex>

#include "chat/chat_service.h"
#include "cli/wiring.h"
#include "contacts/chat_tools.h"
#include "llm/factory.h"
#include "net/env.h"
#include "server/local_backend.h"

namespace mailsift::cli {

std::vector<chat::ToolFactory> chat_tool_sets(Context& ctx) {
  (void)ctx;
  std::vector<chat::ToolFactory> sets;
  // Tool sets from other folders (the email tools are built in); each adds a paragraph to the
  // system prompt of the operations team's assistant and may take part in the offline answer.
  sets.push_back(contacts::contractor_tools());  // searchContractors, getContractorDetail, getContact
  return sets;
}

Result<std::unique_ptr<chat::ChatService>> wire_chat(Context& ctx, std::shared_ptr<search::Searcher> searcher) {
  // The store first: it says what to do when there is no data yet, and migrates an old database
  // before the read-only connections open it.
  MAILSIFT_TRY(ctx.open_store(/*create=*/false));
  if (!searcher) searcher = std::shared_ptr<search::Searcher>(MAILSIFT_TRY(open_searcher(ctx)));

  const bool verbose = ctx.global.verbose > 0 && !ctx.global.quiet;
  llm::HttpOptionsHook hook = [verbose](net::HttpOptions& o) {
    if (!verbose) return;
    o.log = [](std::string_view line) {
      static std::mutex mutex;
      std::lock_guard<std::mutex> lock(mutex);
      std::cerr << "llm: " << line << "\n";
    };
  };
  chat::ChatParts parts;
  parts.model = MAILSIFT_TRY(llm::make_chat_model(ctx.config(), net::process_env(), hook));
  parts.store = chat::StoreAccess::read_only(ctx.db_path());
  parts.searcher = std::move(searcher);
  parts.extra_tools = chat_tool_sets(ctx);
  return chat::ChatService::create(ctx.config(), std::move(parts));
}

Result<void> add_chat_feature(Context& ctx, std::shared_ptr<search::Searcher> searcher,
                              server::LocalFeatures& features) {
  std::shared_ptr<chat::ChatService> service = MAILSIFT_TRY(wire_chat(ctx, std::move(searcher)));
  const llm::ModelInfo& info = service->model_info();
  features.chat_info = server::Json{{"provider", info.provider}, {"model", info.model}, {"offline", service->offline()}};
  features.chat = [service](const std::vector<server::ChatTurn>& turns, const server::ChatSink& sink,
                            const std::atomic<bool>& cancel) -> Result<server::ChatOutcome> {
    std::vector<llm::Message> conversation;
    for (const auto& t : turns) {
      conversation.push_back(t.role == "assistant" ? llm::Message::assistant(t.content) : llm::Message::user(t.content));
    }
    auto answer = service->answer(
        conversation,
        [&sink](const chat::ChatEvent& e) { return sink(server::ChatEvent{std::string(e.type()), e.to_json()}); },
        &cancel);
    if (!answer) return fail(answer.error());
    server::ChatOutcome out;
    out.provider = service->model_info().provider;
    out.model_calls = answer->model_calls;
    out.input_tokens = answer->usage.input_tokens;
    out.output_tokens = answer->usage.output_tokens;
    return out;
  };
  return ok();
}

}  // namespace mailsift::cli
