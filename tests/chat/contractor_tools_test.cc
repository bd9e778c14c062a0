// The chat's contractor tools (src/contacts/chat_tools.h) on the chat mailbox plus a small
// registry and directory, enriched as at ingest: each tool's answers and errors, the privacy
// policy, reading a question offline, the offline listing, and a multi-tool answer over the wire
// with each provider: searchContractors → searchEmails (from:contractor:ID) → getEmail → an
// answer citing emails and contractor ids.
#include "contacts/chat_tools.h"

#include <gtest/gtest.h>

#include "chat/chat_fixture.h"
#include "chat/citations.h"
#include "chat/fake_providers.h"
#include "contacts/contractor_resolver.h"
#include "contacts/directory.h"
#include "contacts/enrich.h"
#include "contacts/sqlite_contacts.h"
#include "contacts/sqlite_registry.h"
#include "llm/offline.h"
#include "llm/scripted_chat_model.h"
#include "llm/untrusted.h"
#include "support/test_support.h"

namespace mailsift::contacts {
namespace {

using chat::ChatEvent;
using chat::Json;
using mailsift::testing::ChatMailbox;
using mailsift::testing::ScriptedChatModel;
using mailsift::testing::ScriptedProvider;
using mailsift::testing::Turn;
using mailsift::testing::Wire;

Accreditation accreditation(const std::string& scheme, const std::string& cert, std::vector<std::string> scopes,
                            const std::string& expires, RegistryStatus status = RegistryStatus::kValid) {
  Accreditation a;
  a.scheme = scheme;
  a.certificate = cert;
  a.scopes = std::move(scopes);
  a.status = status;
  a.expires = parse_day(expires).value();
  return a;
}

Contractor contractor(const std::string& id, const std::string& name, std::vector<std::string> regions,
                      std::vector<std::string> domains, std::vector<Accreditation> accs) {
  Contractor c;
  c.id = id;
  c.name = name;
  c.regions = std::move(regions);
  c.email_domains = std::move(domains);
  c.accreditations = std::move(accs);
  c.phone = "0161 496 0777";
  c.address = "1 Mill Lane, Salford M5 4WT";
  return c;
}

// Today in the fixture is 2023-12-14.
std::vector<Contractor> registry_rows() {
  Contractor brightwire = contractor(
      "CTR-0007", "Brightwire Utilities Ltd", {"North West"}, {"brightwire.example"},
      {accreditation("NERS", "NERS-0007-C", {"LV jointing", "cable laying"}, "2027-06-30"),
       accreditation("CHAS", "CHAS-0007", {"health and safety"}, "2026-01-31", RegistryStatus::kWithdrawn)});
  brightwire.contact_emails = {"accounts@brightwire.example"};
  return {
      brightwire,
      contractor("CTR-0011", "Pennine Cabling Ltd", {"North West", "Yorkshire and the Humber"},
                 {"pennine-cabling.example"}, {accreditation("NERS", "NERS-0011-C", {"HV jointing"}, "2026-03-31")}),
      contractor("CTR-0020", "Cymru Jointing Cyf", {"Wales"}, {"cymru-jointing.example"},
                 {accreditation("NERS", "NERS-0020-C", {"LV jointing"}, "2026-05-31")}),
      contractor("CTR-0030", "Mersey Joints Ltd", {"North West"}, {"mersey-joints.example"},
                 {accreditation("NERS", "NERS-0030-C", {"LV jointing"}, "2023-10-01")}),
      contractor("CTR-0040", "Fellside Civils Ltd", {"North West"}, {"fellside.example"},
                 {accreditation("Constructionline", "CL-0040", {"civil engineering"}, "2023-12-31")}),
  };
}

class ContractorToolsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sql::Database& db = box.f.store->database();
    SqliteRegistry registry(db);
    ASSERT_OK(registry.upsert(registry_rows()));
    SqliteContacts contacts(db);
    auto directory = FileDirectory::from_users(
        {{"HNS-U007", "Hannah Okafor", "Harrowgate Network Services Ltd", "Accounts Payable",
          {"hannah.okafor@harrowgate-ns.example"}}});
    EnrichOptions options;
    options.own_domains = {"harrowgate-ns.example"};
    Enricher enricher(*box.f.store, contacts, registry, directory.get(), options);
    ASSERT_OK(enricher.enrich_all());

    // from:contractor:ID in searches, as the app wires it.
    auto resolver = std::make_shared<ContractorResolver>(box.f.dir.str() + "/mailsift.db", FreeMailPolicy::defaults());
    box.prepare_searcher = [resolver](search::Searcher& s) {
      s.syntax().add_address_scheme("contractor", [resolver](std::string_view id) -> Result<search::AddressFilter> {
        auto senders = MAILSIFT_TRY(resolver->resolve(id));
        search::AddressFilter f;
        f.addresses = senders.addresses;
        f.domains = senders.domains;
        return f;
      });
    };
  }

  std::unique_ptr<chat::ChatService> service(std::unique_ptr<llm::ChatModel> model, chat::ChatOptions options = {}) {
    return box.service(std::move(model), std::move(options), {contractor_tools()});
  }

  // Runs one tool of the service directly, as the loop would.
  static Result<Json> run(const chat::ChatService& s, const std::string& name, const Json& input) {
    for (const auto& t : s.tools()) {
      if (t.name == name) return t.execute(input, llm::ToolContext{});
    }
    return fail(Code::kNotFound, "no tool " + name);
  }

  static std::vector<std::string> ids(const Json& search_output) {
    std::vector<std::string> out;
    for (const auto& c : search_output["contractors"]) out.push_back(c["id"]);
    return out;
  }

  ChatMailbox box;
};

TEST_F(ContractorToolsTest, TheToolSetAddsThreeReadOnlyToolsAndItsParagraph) {
  auto s = service(std::make_unique<ScriptedChatModel>());
  ASSERT_NE(s, nullptr);
  std::vector<std::string> names;
  for (const auto& t : s->tools()) {
    names.push_back(t.name);
    EXPECT_TRUE(t.output_is_untrusted) << t.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"searchEmails", "getEmail", "getThread", "searchContractors",
                                             "getContractorDetail", "getContact"}));
  std::string prompt = s->system_prompt();
  EXPECT_NE(prompt.find("Contractor tools:"), std::string::npos);
  EXPECT_NE(prompt.find("from:contractor:ID"), std::string::npos);
  EXPECT_NE(prompt.find("[contractor:ID]"), std::string::npos);
  EXPECT_LT(prompt.find("Contractor tools:"), prompt.find(std::string(llm::kUntrustedDataPolicy)));
}

TEST_F(ContractorToolsTest, SearchContractorsTakesRegionAliasesSchemeCodesAndScopeStems) {
  auto s = service(std::make_unique<ScriptedChatModel>());
  auto r = run(*s, "searchContractors", Json{{"region", "NW England"}, {"scheme", "ners"}, {"scopeSearch", "joints"}});
  ASSERT_OK(r);
  EXPECT_EQ(ids(*r), (std::vector<std::string>{"CTR-0007", "CTR-0030", "CTR-0011"}) ) << r->dump(2);
  EXPECT_EQ((*r)["query"]["regions"], Json::array({"North West"}));
  EXPECT_EQ((*r)["query"]["scheme"], "NERS");
  EXPECT_EQ((*r)["as_of"], "2023-12-14");
  EXPECT_EQ((*r)["count"], 3);
  // Only the matching accreditations, with their standing.
  const Json& brightwire = (*r)["contractors"][0];
  ASSERT_EQ(brightwire["accreditations"].size(), 1u);
  EXPECT_EQ(brightwire["accreditations"][0]["certificate"], "NERS-0007-C");
  EXPECT_EQ(brightwire["accreditations"][0]["standing"], "valid");
  EXPECT_EQ((*r)["contractors"][1]["accreditations"][0]["standing"], "expired");
  EXPECT_EQ(brightwire["email_domains"], Json::array({"brightwire.example"}));

  auto valid = run(*s, "searchContractors",
                   Json{{"region", "North West"}, {"scheme", "NERS"}, {"scopeSearch", "LV jointing"}, {"status", "valid"}});
  ASSERT_OK(valid);
  EXPECT_EQ(ids(*valid), (std::vector<std::string>{"CTR-0007"}));

  auto expiring = run(*s, "searchContractors", Json{{"status", "expiring"}});
  ASSERT_OK(expiring);
  EXPECT_EQ(ids(*expiring), (std::vector<std::string>{"CTR-0040"}));

  auto several = run(*s, "searchContractors", Json{{"region", "Wales, Yorkshire"}, {"scopeSearch", "jointing"}});
  ASSERT_OK(several);
  EXPECT_EQ(ids(*several), (std::vector<std::string>{"CTR-0020", "CTR-0011"}));

  auto limited = run(*s, "searchContractors", Json{{"region", "North West"}, {"limit", 2}});
  ASSERT_OK(limited);
  EXPECT_EQ((*limited)["contractors"].size(), 2u);
  EXPECT_EQ((*limited)["count"], 4);
  EXPECT_EQ((*limited)["more"], 2);

  auto none = run(*s, "searchContractors", Json{{"region", "Scotland"}});
  ASSERT_OK(none);
  EXPECT_TRUE((*none)["contractors"].empty());
  EXPECT_TRUE(none->contains("hint"));
}

TEST_F(ContractorToolsTest, SearchContractorsErrorsTellTheModelWhatToFix) {
  auto s = service(std::make_unique<ScriptedChatModel>());
  auto region = run(*s, "searchContractors", Json{{"region", "Narnia"}});
  ASSERT_FALSE(region.has_value());
  EXPECT_EQ(region.error().code, Code::kInvalidArgument);
  EXPECT_NE(region.error().message.find("North West"), std::string::npos) << region.error().message;
  auto status = run(*s, "searchContractors", Json{{"status", "sparkling"}});
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("status"), std::string::npos);
  auto scope = run(*s, "searchContractors", Json{{"scopeSearch", "!? --"}});
  ASSERT_FALSE(scope.has_value());
  auto limit = run(*s, "searchContractors", Json{{"limit", 500}});
  ASSERT_FALSE(limit.has_value());
}

TEST_F(ContractorToolsTest, GetContractorDetailShowsTheRegistryEntryAndItsLatestEmails) {
  auto s = service(std::make_unique<ScriptedChatModel>());
  auto r = run(*s, "getContractorDetail", Json{{"contractorId", "ctr-0007"}});
  ASSERT_OK(r);
  EXPECT_EQ((*r)["id"], "CTR-0007");
  EXPECT_EQ((*r)["name"], "Brightwire Utilities Ltd");
  EXPECT_EQ((*r)["accreditations"].size(), 2u);
  EXPECT_EQ((*r)["accreditations"][1]["standing"], "withdrawn");
  EXPECT_TRUE((*r)["expiring_within_30_days"].empty());
  std::vector<EmailId> latest;
  for (const auto& e : (*r)["latest_emails"]) latest.push_back(e["id"]);
  EXPECT_EQ(latest, (std::vector<EmailId>{box.reminder, box.invoice}));  // newest first; not our reply
  EXPECT_EQ((*r)["latest_emails"][0]["subject"], "Invoice BWU-4471 outstanding");
  EXPECT_NE((*r)["find_emails"].get<std::string>().find("from:contractor:CTR-0007"), std::string::npos);

  auto soon = run(*s, "getContractorDetail", Json{{"contractorId", "CTR-0040"}});
  ASSERT_OK(soon);
  ASSERT_EQ((*soon)["expiring_within_30_days"].size(), 1u);
  EXPECT_EQ((*soon)["expiring_within_30_days"][0]["days_left"], 17);

  auto by_name = run(*s, "getContractorDetail", Json{{"contractorId", "Pennine Cabling"}});
  ASSERT_OK(by_name);
  EXPECT_EQ((*by_name)["id"], "CTR-0011");

  auto missing = run(*s, "getContractorDetail", Json{{"contractorId", "CTR-9999"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, Code::kNotFound);
  EXPECT_NE(missing.error().message.find("searchContractors"), std::string::npos);
}

TEST_F(ContractorToolsTest, GetContactSaysWhoAnAddressIs) {
  auto s = service(std::make_unique<ScriptedChatModel>());
  auto them = run(*s, "getContact", Json{{"address", "<Accounts@Brightwire.example>"}});
  ASSERT_OK(them);
  EXPECT_EQ((*them)["address"], "accounts@brightwire.example");
  EXPECT_EQ((*them)["sent"], 2);
  EXPECT_EQ((*them)["received"], 1);
  EXPECT_EQ((*them)["links"]["contractor"]["id"], "CTR-0007");
  EXPECT_EQ((*them)["links"]["contractor"]["matched_by"], "address");
  EXPECT_EQ((*them)["links"]["own_organisation"], false);
  EXPECT_EQ((*them)["by_class"]["OPERATIONAL"], 2);
  EXPECT_EQ((*them)["latest_emails"].size(), 3u);

  auto us = run(*s, "getContact", Json{{"address", "hannah.okafor@harrowgate-ns.example"}});
  ASSERT_OK(us);
  EXPECT_EQ((*us)["links"]["own_organisation"], true);
  EXPECT_EQ((*us)["links"]["directory"]["role"], "Accounts Payable");

  auto unknown = run(*s, "getContact", Json{{"address", "nobody@nowhere.example"}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, Code::kNotFound);
  auto bad = run(*s, "getContact", Json{{"address", "not an address"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, Code::kInvalidArgument);
}

TEST_F(ContractorToolsTest, ThePrivacyPolicyAppliesToContractorAndContactDetails) {
  chat::ChatOptions o;
  o.privacy.redact_phone_numbers = true;
  o.privacy.redact_email_addresses = true;
  o.privacy.send_subject = false;
  auto s = service(std::make_unique<ScriptedChatModel>(), o);
  auto r = run(*s, "getContractorDetail", Json{{"contractorId", "CTR-0007"}});
  ASSERT_OK(r);
  std::string text = r->dump();
  EXPECT_EQ(text.find("0161 496 0777"), std::string::npos) << text;
  EXPECT_EQ(text.find("accounts@brightwire.example"), std::string::npos) << text;
  EXPECT_FALSE((*r)["latest_emails"][0].contains("subject"));

  chat::ChatOptions no_senders;
  no_senders.privacy.send_sender = false;
  auto quiet = service(std::make_unique<ScriptedChatModel>(), no_senders);
  auto c = run(*quiet, "getContact", Json{{"address", "accounts@brightwire.example"}});
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().code, Code::kPermission);
  auto d = run(*quiet, "getContractorDetail", Json{{"contractorId", "CTR-0007"}});
  ASSERT_OK(d);
  EXPECT_FALSE((*d)["latest_emails"][0].contains("from"));
}

TEST_F(ContractorToolsTest, ReadingAQuestion) {
  SqliteRegistry registry(box.f.store->database());
  auto q = read_question("which NERS contractors in the North West do LV jointing?", registry);
  ASSERT_OK(q);
  EXPECT_EQ(q->regions, (std::vector<std::string>{"North West"}));
  EXPECT_EQ(q->region_text, "North West");
  EXPECT_EQ(q->scheme, "NERS");
  EXPECT_EQ(q->scope_words, (std::vector<std::string>{"LV", "jointing"}));
  EXPECT_TRUE(q->mentions_contractors);
  EXPECT_TRUE(q->is_contractor_question());

  auto lower = read_question("who can do lv jointing in wales or nw england", registry);
  ASSERT_OK(lower);
  EXPECT_EQ(lower->regions, (std::vector<std::string>{"North West", "Wales"}));
  EXPECT_EQ(lower->scope_words, (std::vector<std::string>{"lv", "jointing"}));
  EXPECT_TRUE(lower->is_contractor_question());  // a region and a scope

  auto expired = read_question("Which accreditations have expired?", registry);
  ASSERT_OK(expired);
  EXPECT_EQ(expired->status, StatusFilter::kExpired);
  EXPECT_TRUE(expired->is_contractor_question());

  // Not contractor questions: a region alone, everyday words, nothing at all.
  for (const char* text : {"Any storm warnings for the North West tonight?", "Has invoice BWU-4471 been paid?",
                           "what is east of the depot and north of the river", "Which invoices expired?",
                           "any emails from the UK about the design?"}) {
    auto r = read_question(text, registry);
    ASSERT_OK(r);
    EXPECT_FALSE(r->is_contractor_question()) << text;
  }
  auto east = read_question("what is east of the depot", registry);
  ASSERT_OK(east);
  EXPECT_TRUE(east->regions.empty());
  auto safe = read_question("contractors with Safe Contractor in the East", registry);
  ASSERT_OK(safe);
  EXPECT_EQ(safe->scheme, "SafeContractor");
  EXPECT_EQ(safe->regions, (std::vector<std::string>{"East of England"}));
}

TEST_F(ContractorToolsTest, OfflineTheAnswerListsMatchingContractorsBeforeTheEmails) {
  auto s = service(llm::make_offline_chat_model());
  std::vector<ChatEvent> events;
  auto answer = s->answer({llm::Message::user("which NERS contractors in the North West do LV jointing?")},
                          [&](const ChatEvent& e) {
                            events.push_back(e);
                            return true;
                          });
  ASSERT_OK(answer);
  const ChatEvent* call = nullptr;
  const ChatEvent* result = nullptr;
  for (const auto& e : events) {
    if (e.event.type == llm::EventType::kToolCall && e.event.tool_call.name == "searchContractors") call = &e;
    if (e.event.type == llm::EventType::kToolResult && e.event.tool_result.name == "searchContractors") result = &e;
  }
  ASSERT_NE(call, nullptr);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(call->event.tool_call.input,
            (Json{{"region", "North West"}, {"scheme", "NERS"}, {"scopeSearch", "LV jointing"}}));
  EXPECT_NE(result->event.tool_result.output.find("CTR-0007"), std::string::npos);

  const std::string& text = answer->text;
  EXPECT_TRUE(text.starts_with("Contractors in the registry matching NERS · North West · \"LV jointing\" (as of "
                               "2023-12-14): 2\n"))
      << text;
  EXPECT_NE(text.find("- [contractor:CTR-0007] Brightwire Utilities Ltd · North West · NERS NERS-0007-C valid until "
                      "2027-06-30 (LV jointing; cable laying) · brightwire.example\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("[contractor:CTR-0030] Mersey Joints Ltd · North West · NERS NERS-0030-C expired 2023-10-01"),
            std::string::npos);
  for (const char* other : {"CTR-0011", "CTR-0020", "CTR-0040"}) EXPECT_EQ(text.find(other), std::string::npos) << other;
  EXPECT_LT(text.find("CTR-0007"), text.find("Best matching emails:"));
  EXPECT_NE(text.find("No language model is configured"), std::string::npos);
  std::vector<chat::Citation> cites = chat::parse_citations(text);
  EXPECT_NE(std::find(cites.begin(), cites.end(), chat::Citation{"contractor", "CTR-0007"}), cites.end());

  // Other questions get the emails only.
  std::vector<ChatEvent> plain;
  ASSERT_OK(s->answer({llm::Message::user("Any weather warnings in the North West?")}, [&](const ChatEvent& e) {
    plain.push_back(e);
    return true;
  }));
  for (const auto& e : plain) {
    EXPECT_NE(e.event.tool_call.name, "searchContractors");
  }
}

TEST_F(ContractorToolsTest, OfflineWithScopesInSeveralAccreditationWordsAndNoMatch) {
  auto s = service(llm::make_offline_chat_model());
  auto both = s->answer({llm::Message::user("NERS contractors for cable laying and LV jointing")},
                        [](const ChatEvent&) { return true; });
  ASSERT_OK(both);
  EXPECT_NE(both->text.find("[contractor:CTR-0007]"), std::string::npos) << both->text;
  EXPECT_NE(both->text.find("\"cable, laying, LV, jointing\""), std::string::npos) << both->text;

  auto none = s->answer({llm::Message::user("Which NERS contractors in Scotland do LV jointing?")},
                        [](const ChatEvent&) { return true; });
  ASSERT_OK(none);
  EXPECT_TRUE(none->text.starts_with("No contractor in the registry matches NERS · Scotland · \"LV jointing\""))
      << none->text;
}

class ContractorWireTest : public ContractorToolsTest, public ::testing::WithParamInterface<Wire> {};

TEST_P(ContractorWireTest, SearchContractorsThenTheirEmailsThenAnAnswerCitingBoth) {
  const std::string answer_text =
      "Brightwire Utilities [contractor:CTR-0007] is the only North West contractor with a valid NERS accreditation "
      "for LV jointing (Mersey Joints' expired on 1 October [contractor:CTR-0030]). Brightwire has written about late "
      "payment: invoice BWU-4471 was 14 days overdue [email:" +
      std::to_string(box.reminder) + "].";
  ScriptedProvider provider(
      GetParam(),
      {Turn::call("searchContractors", R"({"region":"North West","scopeSearch":"LV jointing","scheme":"NERS"})"),
       Turn::call("searchEmails", R"({"query":"from:contractor:CTR-0007 overdue payment"})"),
       Turn::call("getEmail", "{\"id\":" + std::to_string(box.reminder) + "}"), Turn::answer(answer_text)});
  auto s = service(provider.model());
  ASSERT_NE(s, nullptr);
  std::vector<ChatEvent> events;
  auto answer = s->answer({llm::Message::user("Which contractors accredited under NERS in the North West can do LV "
                                              "jointing, and have any of them written to us about late payment?")},
                          [&](const ChatEvent& e) {
                            events.push_back(e);
                            return true;
                          });
  ASSERT_OK(answer);

  std::vector<std::string> types;
  for (const auto& e : events) {
    std::string t(e.type());
    if (!(t == "text-delta" && !types.empty() && types.back() == t)) types.push_back(t);
  }
  std::vector<std::string> want = {"start",       "tool-call",   "tool-result", "step-finish", "tool-call",
                                   "tool-result", "step-finish", "tool-call",   "tool-result", "step-finish",
                                   "text-delta",  "step-finish", "finish"};
  EXPECT_EQ(types, want);
  const llm::ToolResult& contractors = events[2].event.tool_result;
  EXPECT_FALSE(contractors.is_error) << contractors.output;
  EXPECT_NE(contractors.output.find("\"CTR-0007\""), std::string::npos);
  EXPECT_EQ(contractors.output.find("\"CTR-0020\""), std::string::npos);  // Wales
  const llm::ToolResult& emails = events[5].event.tool_result;
  EXPECT_FALSE(emails.is_error) << emails.output;
  EXPECT_NE(emails.output.find("\"id\":" + std::to_string(box.reminder)), std::string::npos) << emails.output;
  EXPECT_EQ(emails.output.find("\"id\":" + std::to_string(box.reply) + ","), std::string::npos)
      << "our own reply is not from the contractor:\n"
      << emails.output;
  EXPECT_NE(events[8].event.tool_result.output.find("14 days overdue"), std::string::npos);

  EXPECT_EQ(answer->text, answer_text);
  EXPECT_EQ(answer->citations, (std::vector<EmailId>{box.reminder}));
  std::vector<chat::Citation> cites = chat::parse_citations(answer->text);
  std::vector<chat::Citation> want_cites = {{"contractor", "CTR-0007"},
                                            {"contractor", "CTR-0030"},
                                            {"email", std::to_string(box.reminder)}};
  EXPECT_EQ(cites, want_cites);

  auto sent = provider.requests();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_EQ(mailsift::testing::sent_tool_names(GetParam(), sent[0]).size(), 6u);
  EXPECT_NE(mailsift::testing::sent_system_prompt(GetParam(), sent[0]).find("Contractor tools:"), std::string::npos);
  auto results = mailsift::testing::sent_tool_results(GetParam(), sent[3]);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].output.starts_with("<untrusted-data source=\"tool searchContractors\"")) << results[0].output;
}

INSTANTIATE_TEST_SUITE_P(Providers, ContractorWireTest,
                         ::testing::Values(Wire::kOpenAi, Wire::kAnthropic, Wire::kBedrock),
                         [](const ::testing::TestParamInfo<Wire>& info) {
                           return mailsift::testing::wire_name(info.param);
                         });

}  // namespace
}  // namespace mailsift::contacts
