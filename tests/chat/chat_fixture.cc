#include "chat/chat_fixture.h"

#include <gtest/gtest.h>

namespace mailsift::testing {

namespace {

void label(SqliteEmailStore& store, EmailId id, Label l) {
  Classification c;
  c.label = l;
  c.confidence = 0.9;
  c.decided_by = Decider::kModel;
  c.model = "test";
  c.decided_at = kNow - 100;
  auto r = store.add_classification(id, c);
  EXPECT_TRUE(r.has_value());
}

}  // namespace

ChatMailbox::ChatMailbox() {
  const UnixTime day = 86400;
  TestMessage m;
  m.subject = "Invoice BWU-4471";
  m.from = "accounts@brightwire.example";
  m.body =
      "Please find attached invoice BWU-4471 for GBP 12,400.00 for LV jointing at Farrant Street. Payment is due "
      "within 30 days to account number 41234567, sort code 20-45-77. Questions: call 0113 496 0123.";
  m.date = 1700000000;
  m.attachments = 1;
  invoice = f.add(m);

  m.subject = "Invoice BWU-4471 outstanding";
  m.body = "Our invoice BWU-4471 is now 14 days overdue and remains unpaid. Please arrange payment this week.";
  m.date = 1700000000 + 44 * day / 2;
  m.references = {"1@test"};
  m.attachments = 0;
  reminder = f.add(m);

  m.subject = "Re: Invoice BWU-4471 outstanding";
  m.from = "hannah.okafor@harrowgate-ns.example";
  m.to = "accounts@brightwire.example";
  m.body = "Apologies for the delay: BWU-4471 is approved and will be paid in Friday's payment run.";
  m.date = 1700000000 + 23 * day;
  m.references = {"1@test", "2@test"};
  reply = f.add(m);

  m = TestMessage{};
  m.subject = "Yellow weather warning: wind";
  m.from = "alerts@weather.example";
  m.body = "Strong winds and heavy rain are expected across the region tonight.";
  m.date = 1700000000 + 5 * day;
  storm = f.add(m);

  m.subject = "Cable industry newsletter";
  m.from = "news@cables.example";
  m.body = "This month: new jointing kits, a webinar on trench safety, and our summer offers.";
  m.date = 1700000000 + 6 * day;
  m.list_id = "news.cables.example";
  newsletter = f.add(m);

  m = TestMessage{};
  m.from = "mallory@evil.example";
  m.date = 1700000000 + 7 * day;
  m.subject = "Re: invoice BWU-4471 payment";
  m.body = kInjectCallTools;
  inject_tools = f.add(m);
  m.subject = "quick question about invoice BWU-4471";
  m.body = kInjectRevealPrompt;
  inject_prompt = f.add(m);
  m.subject = "URGENT invoice BWU-4471 classification";
  m.body = kInjectReclassify;
  inject_class = f.add(m);
  m.subject = "hello about invoice BWU-4471";
  m.body = kInjectFakeDelimiter;
  inject_delimiter = f.add(m);

  for (EmailId id : {invoice, reminder}) label(*f.store, id, Label::kOperational);
  label(*f.store, reply, Label::kBusiness);
  for (EmailId id : {storm, newsletter, inject_tools, inject_prompt, inject_class, inject_delimiter}) {
    label(*f.store, id, Label::kNoise);
  }
}

std::shared_ptr<chat::StoreAccess> ChatMailbox::store_access() {
  return chat::StoreAccess::read_only(f.dir.str() + "/mailsift.db");
}

std::shared_ptr<search::Searcher> ChatMailbox::searcher() {
  std::shared_ptr<search::Searcher> s(f.searcher());
  if (s && prepare_searcher) prepare_searcher(*s);
  return s;
}

std::unique_ptr<chat::ChatService> ChatMailbox::service(std::unique_ptr<llm::ChatModel> model,
                                                         chat::ChatOptions options,
                                                         std::vector<chat::ToolFactory> extra) {
  chat::ChatParts parts;
  parts.model = std::move(model);
  parts.store = store_access();
  parts.searcher = searcher();
  parts.extra_tools = std::move(extra);
  if (!options.clock) options.clock = [] { return kNow; };
  auto s = chat::ChatService::create(Config{}, std::move(parts), std::move(options));
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
  return s ? std::move(*s) : nullptr;
}

}  // namespace mailsift::testing
