// ChatService on a small stored mailbox: the offline answer (no model configured), the offline
// hooks of extra tool sets, the system prompt, and cancellation, with in-memory models.
#include <gtest/gtest.h>

#include <atomic>

#include "chat/chat_fixture.h"
#include "chat/citations.h"
#include "llm/offline.h"
#include "llm/scripted_chat_model.h"
#include "llm/untrusted.h"
#include "support/test_support.h"

namespace mailsift::chat {
namespace {

using mailsift::testing::ChatMailbox;
using mailsift::testing::ScriptedChatModel;

struct Recorded {
  std::vector<ChatEvent> events;
  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const auto& e : events) out.emplace_back(e.type());
    return out;
  }
  std::string text() const {
    std::string out;
    for (const auto& e : events) {
      if (e.event.type == llm::EventType::kTextDelta) out += e.event.text;
    }
    return out;
  }
  ChatSink sink() {
    return [this](const ChatEvent& e) {
      events.push_back(e);
      return true;
    };
  }
};

std::vector<llm::Message> ask(const std::string& q) { return {llm::Message::user(q)}; }

// Event types with runs of text-delta collapsed to one, for order checks.
std::vector<std::string> collapsed(const std::vector<std::string>& types) {
  std::vector<std::string> out;
  for (const auto& t : types) {
    if (t == "text-delta" && !out.empty() && out.back() == "text-delta") continue;
    out.push_back(t);
  }
  return out;
}

TEST(ChatOfflineTest, ListsTheBestMatchingEmailsAndSaysNoModelIsConfigured) {
  ChatMailbox box;
  auto service = box.service(llm::make_offline_chat_model());
  ASSERT_NE(service, nullptr);
  EXPECT_TRUE(service->offline());
  Recorded rec;
  auto answer = service->answer(ask("Has the Brightwire invoice BWU-4471 been paid?"), rec.sink());
  ASSERT_OK(answer);

  std::vector<std::string> want = {"start", "tool-call", "tool-result", "step-finish", "text-delta", "step-finish",
                                   "finish"};
  EXPECT_EQ(collapsed(rec.types()), want);
  EXPECT_TRUE(rec.events.front().offline);
  EXPECT_EQ(rec.events.front().provider, "offline");
  const llm::StreamEvent& call = rec.events[1].event;
  EXPECT_EQ(call.tool_call.name, "searchEmails");
  EXPECT_EQ(call.tool_call.input["query"], "Has the Brightwire invoice BWU-4471 been paid?");
  EXPECT_EQ(rec.events[3].event.finish, llm::FinishReason::kToolCalls);

  const std::string text = rec.text();
  EXPECT_EQ(text, answer->text);
  EXPECT_TRUE(text.starts_with("Best matching emails:\n")) << text;
  EXPECT_NE(text.find(email_citation(box.invoice)), std::string::npos) << text;
  EXPECT_NE(text.find("Invoice BWU-4471"), std::string::npos);
  EXPECT_NE(text.find("No language model is configured"), std::string::npos);
  EXPECT_TRUE(text.ends_with(std::string(llm::offline_notice())));
  EXPECT_EQ(text.find(email_citation(box.storm)), std::string::npos) << "an unrelated email was listed:\n" << text;

  // finish carries the listed emails as citations, in the listing's order.
  const ChatEvent& finish = rec.events.back();
  EXPECT_TRUE(finish.offline);
  EXPECT_FALSE(finish.citations.empty());
  EXPECT_EQ(finish.citations, answer->citations);
  EXPECT_EQ(finish.citations, cited_email_ids(text));
  EXPECT_TRUE(answer->offline);
  EXPECT_EQ(answer->model_calls, 0);
  ASSERT_EQ(answer->messages.size(), 1u);
  EXPECT_EQ(answer->messages[0].role, llm::Role::kAssistant);

  // As NDJSON: start says offline, finish lists the citations.
  auto start_json = rec.events.front().to_json();
  EXPECT_EQ(start_json["type"], "start");
  EXPECT_EQ(start_json["offline"], true);
  auto finish_json = finish.to_json();
  EXPECT_EQ(finish_json["type"], "finish");
  EXPECT_EQ(finish_json["citations"].size(), finish.citations.size());
}

TEST(ChatOfflineTest, SaysSoWhenNothingMatches) {
  ChatMailbox box;
  auto service = box.service(llm::make_offline_chat_model());
  Recorded rec;
  auto answer = service->answer(ask("zeppelin quartermaster"), rec.sink());
  ASSERT_OK(answer);
  EXPECT_TRUE(rec.text().starts_with("No stored email matches \"zeppelin quartermaster\".")) << rec.text();
  EXPECT_TRUE(answer->citations.empty());
  EXPECT_EQ(rec.types().back(), "finish");
}

TEST(ChatOfflineTest, AQuestionWithSearchSyntaxErrorsIsSearchedAsPlainWords) {
  ChatMailbox box;
  auto service = box.service(llm::make_offline_chat_model());
  Recorded rec;
  auto answer = service->answer(ask("note: what about class:whatever BWU-4471 (reminder?"), rec.sink());
  ASSERT_OK(answer);
  EXPECT_FALSE(answer->citations.empty()) << rec.text();
}

TEST(ChatOfflineTest, ExtraToolSetsAddTheirOfflineSectionBeforeTheEmails) {
  ChatMailbox box;
  std::vector<std::string> seen;
  ToolFactory depots = [&seen](const ToolEnv&) -> Result<ToolSet> {
    ToolSet set;
    set.name = "depots";
    set.tools.push_back(llm::Tool{"listDepots", "Lists depots.", Json{{"type", "object"}},
                                  [](const Json&, const llm::ToolContext&) -> Result<Json> { return Json("[]"); }});
    set.instructions = "Depot tools: listDepots lists the depots.";
    set.offline = [&seen](std::string_view question,
                          const llm::ToolContext&) -> Result<std::optional<OfflineSection>> {
      seen.emplace_back(question);
      if (question.find("depot") == std::string_view::npos) return std::optional<OfflineSection>();
      return std::optional<OfflineSection>(
          OfflineSection{"listDepots", Json{{"near", "Farrant Street"}}, R"({"depots":["Salford"]})",
                         "Depots near Farrant Street:\n- Salford\n"});
    };
    return set;
  };
  ToolFactory broken = [](const ToolEnv&) -> Result<ToolSet> {
    ToolSet set;
    set.name = "broken";
    set.offline = [](std::string_view, const llm::ToolContext&) -> Result<std::optional<OfflineSection>> {
      return fail(Code::kIo, "disk on fire");
    };
    return set;
  };
  auto service = box.service(llm::make_offline_chat_model(), {}, {depots, broken});
  ASSERT_NE(service, nullptr);

  Recorded rec;
  ASSERT_OK(service->answer(ask("Which depot is nearest to the Farrant Street jointing job?"), rec.sink()));
  std::vector<std::string> want = {"start",       "tool-call",   "tool-call",  "tool-result", "tool-result",
                                   "step-finish", "text-delta",  "step-finish", "finish"};
  EXPECT_EQ(collapsed(rec.types()), want);
  EXPECT_EQ(rec.events[2].event.tool_call.name, "listDepots");
  EXPECT_EQ(rec.events[2].event.tool_call.input["near"], "Farrant Street");
  EXPECT_EQ(rec.events[4].event.tool_result.name, "listDepots");
  EXPECT_EQ(rec.events[4].event.tool_result.output, R"({"depots":["Salford"]})");
  EXPECT_EQ(rec.events[4].event.tool_result.id, rec.events[2].event.tool_call.id);
  const std::string text = rec.text();
  EXPECT_TRUE(text.starts_with("Depots near Farrant Street:\n- Salford\n")) << text;
  EXPECT_NE(text.find("(The broken tools could not answer offline: disk on fire)"), std::string::npos) << text;
  EXPECT_LT(text.find("Salford"), text.find("Best matching emails:"));

  // A question not for the set: no section, no call.
  Recorded other;
  ASSERT_OK(service->answer(ask("weather warning"), other.sink()));
  EXPECT_EQ(collapsed(other.types())[2], "tool-result");
  EXPECT_EQ(other.text().find("Depots"), std::string::npos);
  EXPECT_EQ(seen.size(), 2u);
}

TEST(ChatOfflineTest, TheCancelFlagEndsTheAnswerWithAnErrorEvent) {
  ChatMailbox box;
  auto service = box.service(llm::make_offline_chat_model());
  std::atomic<bool> cancel{false};
  Recorded rec;
  auto answer = service->answer(
      ask("invoice BWU-4471"),
      [&](const ChatEvent& e) {
        rec.events.push_back(e);
        if (e.event.type == llm::EventType::kToolResult) cancel = true;  // Ctrl-C while it runs
        return true;
      },
      &cancel);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, Code::kCancelled);
  ASSERT_FALSE(rec.events.empty());
  EXPECT_EQ(rec.events.back().event.type, llm::EventType::kError);
  EXPECT_EQ(rec.events.back().event.error.code, Code::kCancelled);
  for (const auto& e : rec.events) EXPECT_NE(e.event.type, llm::EventType::kFinish);
}

TEST(ChatOfflineTest, ASinkThatSaysStopGetsNoFurtherEvents) {
  ChatMailbox box;
  auto service = box.service(llm::make_offline_chat_model());
  int calls = 0;
  auto answer = service->answer(ask("invoice"), [&](const ChatEvent&) { return ++calls < 2; });
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, Code::kCancelled);
  EXPECT_EQ(calls, 2);
}

TEST(ChatServiceTest, TheSystemPromptSaysWhoItIsWhatDayItIsAndThatEmailIsData) {
  ChatMailbox box;
  auto service = box.service(std::make_unique<ScriptedChatModel>());
  std::string prompt = service->system_prompt();
  EXPECT_NE(prompt.find("operations team"), std::string::npos);
  EXPECT_NE(prompt.find("Today is 2023-12-14."), std::string::npos) << prompt;
  EXPECT_NE(prompt.find("[email:ID]"), std::string::npos);
  EXPECT_NE(prompt.find("searchEmails"), std::string::npos);
  EXPECT_TRUE(prompt.ends_with(std::string(llm::kUntrustedDataPolicy)));
  std::vector<std::string> names;
  for (const auto& t : service->tools()) {
    names.push_back(t.name);
    EXPECT_TRUE(t.output_is_untrusted) << t.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"searchEmails", "getEmail", "getThread"}));
}

TEST(ChatServiceTest, ToolNamesMustBeUnique) {
  ChatMailbox box;
  ToolFactory twin = [](const ToolEnv&) -> Result<ToolSet> {
    ToolSet set;
    set.name = "twin";
    set.tools.push_back(llm::Tool{"getEmail", "again", Json{{"type", "object"}},
                                  [](const Json&, const llm::ToolContext&) -> Result<Json> { return Json(1); }});
    return set;
  };
  ChatParts parts;
  parts.model = std::make_unique<ScriptedChatModel>();
  parts.store = box.store_access();
  parts.searcher = box.searcher();
  parts.extra_tools = {twin};
  auto s = ChatService::create(Config{}, std::move(parts));
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, Code::kInvalidArgument);
}

TEST(ChatServiceTest, AQuestionIsRequired) {
  ChatMailbox box;
  auto service = box.service(std::make_unique<ScriptedChatModel>());
  Recorded rec;
  auto r = service->answer({llm::Message::assistant("hello")}, rec.sink());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
  EXPECT_TRUE(rec.events.empty());
}

TEST(ChatServiceTest, CancellingDuringAToolStepStopsBeforeTheNextModelCall) {
  ChatMailbox box;
  auto model = std::make_unique<ScriptedChatModel>();
  ScriptedChatModel* scripted = model.get();
  scripted->push(ScriptedChatModel::calls({ScriptedChatModel::call("c1", "searchEmails", R"({"query":"BWU-4471"})")}));
  scripted->push(ScriptedChatModel::text("never asked for"));
  auto service = box.service(std::move(model));
  std::atomic<bool> cancel{false};
  Recorded rec;
  auto answer = service->answer(
      ask("Was BWU-4471 paid?"),
      [&](const ChatEvent& e) {
        rec.events.push_back(e);
        if (e.event.type == llm::EventType::kToolCall) cancel = true;
        return true;
      },
      &cancel);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, Code::kCancelled);
  EXPECT_EQ(rec.events.back().event.type, llm::EventType::kError);
  EXPECT_EQ(scripted->remaining(), 1u) << "the model was called again after the cancel";
}

}  // namespace
}  // namespace mailsift::chat
