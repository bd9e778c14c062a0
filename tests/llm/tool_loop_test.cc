// The tool loop over a scripted model: parallel calls, every kind of tool failure the model
// must see, the step cap, event order, cancellation and truncation.
#include "llm/tool_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "llm/scripted_chat_model.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::ScriptedChatModel;
using namespace std::chrono_literals;

Tool sleeper(std::string name, std::chrono::milliseconds delay, std::atomic<int>* running = nullptr,
             std::atomic<int>* peak = nullptr) {
  Tool t;
  t.name = std::move(name);
  t.description = "sleeps, then echoes its input";
  t.input_schema = Json::parse(R"({"type":"object","properties":{"q":{"type":"string"}},"required":["q"]})");
  t.execute = [delay, running, peak](const Json& input, const ToolContext& ctx) -> Result<Json> {
    if (running) {
      int now = ++*running;
      int prev = peak->load();
      while (now > prev && !peak->compare_exchange_weak(prev, now)) {
      }
    }
    auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until && !ctx.cancelled()) std::this_thread::sleep_for(5ms);
    if (running) --*running;
    return Json{{"echo", input["q"]}};
  };
  return t;
}

TextRequest request_with(std::vector<Tool> tools) {
  TextRequest r;
  r.messages = {Message::system("You answer questions about email."), Message::user("What did Alice send?")};
  r.tools = std::move(tools);
  return r;
}

TEST(ToolLoopTest, RunsToolsThenAnswers) {
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls({ScriptedChatModel::call("c1", "search", R"({"q":"alice"})")}));
  model.push(ScriptedChatModel::text("Alice sent the invoice [email 7]."));
  std::vector<StepReport> reports;
  auto req = request_with({sleeper("search", 0ms)});
  req.on_step = [&](const StepReport& s) { reports.push_back(s); };
  auto r = generate_text(model, req);
  ASSERT_OK(r);
  EXPECT_EQ(r->text, "Alice sent the invoice [email 7].");
  EXPECT_EQ(r->finish, FinishReason::kStop);
  ASSERT_EQ(r->steps.size(), 2u);
  EXPECT_EQ(reports.size(), 2u);
  ASSERT_EQ(r->steps[0].tool_results.size(), 1u);
  EXPECT_EQ(r->steps[0].tool_results[0].output, R"({"echo":"alice"})");
  EXPECT_FALSE(r->steps[0].tool_results[0].is_error);
  EXPECT_EQ(r->usage.total_tokens, 28 + 15);
  // The second request carries the assistant's call and the tool result.
  auto sent = model.requests();
  ASSERT_EQ(sent.size(), 2u);
  ASSERT_EQ(sent[1].messages.size(), 4u);
  EXPECT_EQ(sent[1].messages[2].role, Role::kAssistant);
  EXPECT_EQ(sent[1].messages[3].role, Role::kTool);
  EXPECT_EQ(sent[1].tools.size(), 1u);
  EXPECT_EQ(r->messages.size(), 3u);  // assistant, tool, assistant
}

TEST(ToolLoopTest, RunsTheCallsOfOneStepInParallel) {
  std::atomic<int> running{0}, peak{0};
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls({ScriptedChatModel::call("a", "slow", R"({"q":"1"})"),
                                       ScriptedChatModel::call("b", "slow", R"({"q":"2"})"),
                                       ScriptedChatModel::call("c", "slow", R"({"q":"3"})")}));
  model.push(ScriptedChatModel::text("done"));
  auto start = std::chrono::steady_clock::now();
  auto r = generate_text(model, request_with({sleeper("slow", 300ms, &running, &peak)}));
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_OK(r);
  EXPECT_EQ(peak.load(), 3);
  EXPECT_LT(took, 800ms);
  // Results in call order.
  const auto& results = r->steps[0].tool_results;
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].id, "a");
  EXPECT_EQ(results[1].id, "b");
  EXPECT_EQ(results[2].id, "c");
}

TEST(ToolLoopTest, ToolFailuresBecomeErrorResultsTheModelSees) {
  Tool failing{"fails", "returns an error", Json::object(), [](const Json&, const ToolContext&) -> Result<Json> {
                 return fail(Code::kNotFound, "email 99 does not exist");
               }};
  Tool throwing{"throws", "throws", Json::object(),
                [](const Json&, const ToolContext&) -> Result<Json> { throw std::runtime_error("boom"); }};
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls({
      ScriptedChatModel::call("u", "nosuchtool", "{}"),
      ScriptedChatModel::call("i", "search", R"({"q":42})"),            // schema violation
      ScriptedChatModel::call("m", "search", R"({"q":"unterminated)"),  // malformed JSON
      ScriptedChatModel::call("f", "fails", "{}"),
      ScriptedChatModel::call("t", "throws", "{}"),
  }));
  model.push(ScriptedChatModel::text("sorry"));
  auto r = generate_text(model, request_with({sleeper("search", 0ms), failing, throwing}));
  ASSERT_OK(r);
  const auto& results = r->steps[0].tool_results;
  ASSERT_EQ(results.size(), 5u);
  for (const auto& res : results) EXPECT_TRUE(res.is_error) << res.id;
  EXPECT_NE(results[0].output.find("unknown tool \"nosuchtool\""), std::string::npos) << results[0].output;
  EXPECT_NE(results[0].output.find("search, fails, throws"), std::string::npos);
  EXPECT_NE(results[1].output.find("invalid input: /q: expected string, got integer"), std::string::npos)
      << results[1].output;
  EXPECT_NE(results[2].output.find("not a valid JSON object"), std::string::npos) << results[2].output;
  EXPECT_EQ(results[3].output, "Error: email 99 does not exist");
  EXPECT_NE(results[4].output.find("boom"), std::string::npos);
  // The model was called again with every error result.
  auto sent = model.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].messages.back().parts.size(), 5u);
}

TEST(ToolLoopTest, ATimedOutToolGivesAnErrorAndIsCancelled) {
  std::atomic<bool> saw_cancel{false};
  Tool stuck{"stuck", "never finishes on its own", Json::object(),
             [&](const Json&, const ToolContext& ctx) -> Result<Json> {
               while (!ctx.cancelled()) std::this_thread::sleep_for(5ms);
               saw_cancel = true;
               return Json("late");
             }};
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls({ScriptedChatModel::call("s", "stuck", "{}")}));
  model.push(ScriptedChatModel::text("gave up"));
  auto req = request_with({stuck});
  req.tool_timeout = 100ms;
  auto r = generate_text(model, req);
  ASSERT_OK(r);
  ASSERT_EQ(r->steps[0].tool_results.size(), 1u);
  EXPECT_TRUE(r->steps[0].tool_results[0].is_error);
  EXPECT_NE(r->steps[0].tool_results[0].output.find("timed out after 100 ms"), std::string::npos);
  EXPECT_TRUE(saw_cancel.load());  // joined before generate_text returned
}

TEST(ToolLoopTest, StopsAtTheStepCap) {
  ScriptedChatModel model;
  for (int i = 0; i < 3; ++i) {
    model.push(
        ScriptedChatModel::calls({ScriptedChatModel::call("c" + std::to_string(i), "search", R"({"q":"again"})")}));
  }
  auto req = request_with({sleeper("search", 0ms)});
  req.max_steps = 3;
  auto r = generate_text(model, req);
  ASSERT_OK(r);
  EXPECT_EQ(r->steps.size(), 3u);
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
  EXPECT_EQ(model.requests().size(), 3u);
  EXPECT_EQ(model.remaining(), 0u);
}

TEST(ToolLoopTest, TruncatesLargeResultsAndWrapsUntrustedOnes) {
  Tool big{"getEmail", "returns an email", Json::object(),
           [](const Json&, const ToolContext&) -> Result<Json> { return Json(std::string(5000, 'x') + "\xC3\xA9"); }};
  big.output_is_untrusted = true;
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls({ScriptedChatModel::call("g", "getEmail", "{}")}));
  model.push(ScriptedChatModel::text("ok"));
  auto req = request_with({big});
  req.max_result_bytes = 1000;
  auto r = generate_text(model, req);
  ASSERT_OK(r);
  const std::string& out = r->steps[0].tool_results[0].output;
  EXPECT_TRUE(out.starts_with("<untrusted-data source=\"tool getEmail\" nonce=\"")) << out.substr(0, 80);
  EXPECT_NE(out.find("[truncated: showing 1000 of"), std::string::npos);
  EXPECT_LT(out.size(), 1100u);
}

TEST(ToolLoopTest, StreamTextEmitsEventsInOrder) {
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls(
      {ScriptedChatModel::call("a", "search", R"({"q":"x"})"), ScriptedChatModel::call("b", "search", R"({"q":"y"})")},
      "Let me look."));
  model.push(ScriptedChatModel::text("Found it."));
  std::vector<std::string> types;
  std::string text;
  auto r = stream_text(model, request_with({sleeper("search", 0ms)}), [&](const StreamEvent& e) {
    types.emplace_back(event_type_name(e.type));
    if (e.type == EventType::kTextDelta) text += e.text;
    return true;
  });
  ASSERT_OK(r);
  std::vector<std::string> want = {"start",      "text-delta",  "text-delta",  "tool-call",
                                   "tool-call",  "tool-result", "tool-result", "step-finish",
                                   "text-delta", "text-delta",  "step-finish", "finish"};
  EXPECT_EQ(types, want);
  EXPECT_EQ(text, "Let me look.Found it.");
}

TEST(ToolLoopTest, StreamTextEndsWithAnErrorEventWhenTheModelFails) {
  ScriptedChatModel model;
  model.push(ScriptedChatModel::calls({ScriptedChatModel::call("a", "search", R"({"q":"x"})")}));
  model.push_error(Error{Code::kUnavailable, "provider overloaded", "try later"});
  std::vector<StreamEvent> events;
  auto r = stream_text(model, request_with({sleeper("search", 0ms)}), [&](const StreamEvent& e) {
    events.push_back(e);
    return true;
  });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().type, EventType::kError);
  EXPECT_EQ(events.back().error.message, "provider overloaded");
  Json j = event_to_json(events.back());
  EXPECT_EQ(j["type"], "error");
  EXPECT_EQ(j["hint"], "try later");
}

TEST(ToolLoopTest, SinkReturningFalseCancelsWithoutFurtherEvents) {
  ScriptedChatModel model;
  model.push(ScriptedChatModel::text("a long answer"));
  int calls = 0;
  auto r = stream_text(model, request_with({}), [&](const StreamEvent& e) {
    ++calls;
    return e.type != EventType::kTextDelta;  // stop at the first delta
  });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kCancelled);
  EXPECT_EQ(calls, 2);  // start, first delta
}

TEST(ToolLoopTest, EventsSerialiseToJson) {
  StreamEvent call = StreamEvent::of_tool_call(ToolCall::from_text("c1", "searchEmails", R"({"query":"invoice"})"), 1);
  EXPECT_EQ(dump_json(event_to_json(call)),
            R"({"id":"c1","input":{"query":"invoice"},"name":"searchEmails","step":1,"type":"tool-call"})");
  StreamEvent bad = StreamEvent::of_tool_call(ToolCall::from_text("c2", "x", "{oops"), 1);
  EXPECT_EQ(event_to_json(bad)["inputText"], "{oops");
  StreamEvent fin;
  fin.type = EventType::kFinish;
  fin.finish = FinishReason::kToolCalls;
  fin.usage = {1, 2, 3};
  EXPECT_EQ(
      dump_json(event_to_json(fin)),
      R"({"finishReason":"tool-calls","type":"finish","usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3}})");
}

TEST(ToolLoopTest, RejectsAZeroStepCap) {
  ScriptedChatModel model;
  auto req = request_with({});
  req.max_steps = 0;
  EXPECT_EQ(generate_text(model, req).error().code, Code::kInvalidArgument);
}

}  // namespace
}  // namespace mailsift::llm
