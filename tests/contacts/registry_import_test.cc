#include "contacts/registry_import.h"

#include "support/test_support.h"

namespace mailsift::contacts {
namespace {

const char* kHeader =
    "id,name,trading_names,email_domains,contact_emails,phone,address,regions,scheme,certificate,scopes,status,issued,"
    "expires,notes\n";

ParsedRegistry parse(const std::string& text, FileFormat format = FileFormat::kAuto) {
  auto r = parse_registry(text, format, FreeMailPolicy::defaults());
  EXPECT_TRUE(testing::is_ok(r));
  return r ? *r : ParsedRegistry{};
}

std::string errors_of(const ParsedRegistry& p) {
  std::string out;
  for (const auto& e : p.errors) out += e.to_string() + "\n";
  return out;
}

TEST(RegistryImportTest, ReadsRowsIntoContractorsWithAccreditations) {
  std::string csv = std::string(kHeader) +
                    "CTR-1,Brightwire Utilities Ltd,Brightwire;BW Group,Brightwire-Utilities.example,"
                    "Dean.Hollis@brightwire-utilities.example,0161 496 0731,\"Unit 9, Moss Lane\",NW;Yorkshire,"
                    "ners,NERS-2231-E,LV jointing; HV jointing,valid,2024-06-03,2027-06-02,Framework contractor\n"
                    "CTR-1,Brightwire Utilities Ltd,Brightwire;BW Group,Brightwire-Utilities.example,"
                    "Dean.Hollis@brightwire-utilities.example,0161 496 0731,\"Unit 9, Moss Lane\",NW;Yorkshire,"
                    "CHAS,CHAS-1,health and safety,active,,2027-02-28,\n";
  auto p = parse(csv);
  ASSERT_TRUE(p.errors.empty()) << errors_of(p);
  ASSERT_EQ(p.contractors.size(), 1u);
  EXPECT_EQ(p.rows, 2);
  const Contractor& c = p.contractors[0];
  EXPECT_EQ(c.trading_names, (std::vector<std::string>{"Brightwire", "BW Group"}));
  EXPECT_EQ(c.email_domains, std::vector<std::string>{"brightwire-utilities.example"});
  EXPECT_EQ(c.contact_emails, std::vector<std::string>{"dean.hollis@brightwire-utilities.example"});
  EXPECT_EQ(c.address, "Unit 9, Moss Lane");
  EXPECT_EQ(c.regions, (std::vector<std::string>{"North West", "Yorkshire and the Humber"}));
  ASSERT_EQ(c.accreditations.size(), 2u);
  EXPECT_EQ(c.accreditations[0].scheme, "NERS");
  EXPECT_EQ(c.accreditations[0].scopes, (std::vector<std::string>{"LV jointing", "HV jointing"}));
  EXPECT_EQ(c.accreditations[0].notes, "Framework contractor");
  EXPECT_FALSE(c.accreditations[1].issued.has_value());
  EXPECT_EQ(c.accreditations[1].status, RegistryStatus::kValid);
}

TEST(RegistryImportTest, ByteOrderMarkAndCrlfAreAccepted) {
  std::string csv =
      "\xEF\xBB\xBFid,name,regions,scheme,certificate,scopes,status,expires\r\n"
      "CTR-2,Pennant,Wales,NERS,N-2,\"HV jointing;\r\nLV jointing\",valid,2030-01-01\r\n"
      "CTR-3,Tail,Wales,NERS,N-3,,valid,2030-01-01\r\n";
  auto p = parse(csv);
  ASSERT_TRUE(p.errors.empty()) << errors_of(p);
  ASSERT_EQ(p.contractors.size(), 2u);
  EXPECT_EQ(p.contractors[0].id, "CTR-2");
  EXPECT_EQ(p.contractors[0].accreditations[0].scopes, (std::vector<std::string>{"HV jointing", "LV jointing"}));
  EXPECT_EQ(p.contractors[1].accreditations[0].certificate, "N-3");
}

TEST(RegistryImportTest, EveryRejectedRowIsReportedWithItsLineAndReason) {
  std::string csv = std::string(kHeader) +  // line 1
                    "CTR-1,Good Ltd,,good.example,,,,London,NERS,N-1,cable laying,valid,2024-01-01,2027-01-01,\n"  // 2
                    "CTR-2,Bad Status,,bad.example,,,,London,NERS,N-2,,lapsed,,2027-01-01,\n"                      // 3
                    "CTR-3,Bad Date,,bd.example,,,,London,NERS,N-3,,valid,,2027-02-30,\n"                          // 4
                    "CTR-4,Bad Region,,br.example,,,,Atlantis,NERS,N-4,,valid,,2027-01-01,\n"                      // 5
                    "CTR-5,Free Mail,,gmail.com,,,,London,NERS,N-5,,valid,,2027-01-01,\n"                          // 6
                    "CTR-6,Too Few Fields,,x.example\n"                                                            // 7
                    ",No Id,,,,,,London,NERS,N-7,,valid,,2027-01-01,\n"                                            // 8
                    "CTR-8,Backwards,,bw.example,,,,London,NERS,N-8,,valid,2027-01-01,2026-01-01,\n"               // 9
                    "CTR-9,Dup Cert,,dc.example,,,,London,NERS,N-1,,valid,,2027-01-01,\n"                          // 10
                    "CTR-10,Bad Email,,,not-an-address,,,London,NERS,N-10,,valid,,2027-01-01,\n"                   // 11
                    "CTR-11,\"Multi\nLine Name\",,ml.example,,,,London,NERS,N-11,,valid,,,\n"  // 12-13
                    "CTR-12,No Scheme,,ns.example,,,,London,,N-12,,valid,,2027-01-01,\n";      // 14
  auto p = parse(csv);
  ASSERT_EQ(p.contractors.size(), 1u) << errors_of(p);
  EXPECT_EQ(p.contractors[0].id, "CTR-1");
  std::vector<int> lines;
  for (const auto& e : p.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14})) << errors_of(p);
  std::string all = errors_of(p);
  for (const char* reason :
       {"line 3 (CTR-2): status 'lapsed'", "line 4 (CTR-3): expires:", "unknown region 'Atlantis'",
        "gmail.com is a free-mail host", "has 4 fields, the header has 15", "line 8: id is empty", "before issued",
        "certificate N-1 of NERS is already on line 2 (CTR-1)", "not-an-address' is not an email address",
        "line 12 (CTR-11): expires is empty", "scheme is empty"}) {
    EXPECT_NE(all.find(reason), std::string::npos) << reason << "\n" << all;
  }
}

TEST(RegistryImportTest, AContractorWithOneBadRowIsLeftOutWhole) {
  std::string csv = std::string(kHeader) +
                    "CTR-1,Split Ltd,,split.example,,,,London,NERS,N-1,,valid,,2027-01-01,\n"     // 2
                    "CTR-1,Split Ltd,,split.example,,,,London,GIRS,G-1,,valid,,2027-99-01,\n"     // 3
                    "CTR-2,Renamed Ltd,,r.example,,,,London,NERS,N-2,,valid,,2027-01-01,\n"       // 4
                    "CTR-2,Renamed Limited,,r.example,,,,London,GIRS,G-2,,valid,,2027-01-01,\n";  // 5
  auto p = parse(csv);
  EXPECT_TRUE(p.contractors.empty());
  std::string all = errors_of(p);
  EXPECT_NE(all.find("line 2 (CTR-1): not imported: another row of this contractor was rejected"), std::string::npos)
      << all;
  EXPECT_NE(all.find("line 5 (CTR-2): name differs from line 4"), std::string::npos) << all;
  EXPECT_NE(all.find("line 4 (CTR-2): not imported"), std::string::npos) << all;
}

TEST(RegistryImportTest, MissingRequiredColumnFailsTheWholeFile) {
  auto r = parse_registry("id,name,scheme\nCTR-1,X,NERS\n", FileFormat::kCsv, FreeMailPolicy::defaults());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kParse);
  EXPECT_NE(r.error().message.find("'certificate'"), std::string::npos);
  auto unclosed =
      parse_registry(std::string(kHeader) + "CTR-1,\"Open quote,\n", FileFormat::kCsv, FreeMailPolicy::defaults());
  ASSERT_FALSE(unclosed);
  EXPECT_NE(unclosed.error().message.find("line 2"), std::string::npos);
}

TEST(RegistryImportTest, UnknownColumnsAreIgnoredWithAWarning) {
  std::string csv = "id,name,scheme,certificate,status,expires,colour\nCTR-1,X Ltd,NERS,N-1,valid,2030-01-01,blue\n";
  auto p = parse(csv);
  EXPECT_EQ(p.contractors.size(), 1u);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_NE(p.warnings[0].find("colour"), std::string::npos);
}

TEST(RegistryImportTest, InvalidUtf8IsRejectedByRow) {
  std::string csv = std::string(kHeader) + "CTR-1,Bad \xC3 Name,,b.example,,,,London,NERS,N-1,,valid,,2027-01-01,\n";
  auto p = parse(csv);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].reason.find("UTF-8"), std::string::npos);
}

TEST(RegistryImportTest, JsonNestedAndFlatShapesWithLineNumbers) {
  std::string json = R"([
  {"id": "CTR-1", "name": "Nested Ltd", "email_domains": ["nested.example"], "regions": ["NW England"],
   "accreditations": [
     {"scheme": "NERS", "certificate": "N-1", "scopes": ["LV jointing"], "status": "valid", "expires": "2027-01-01"},
     {"scheme": "CHAS", "certificate": "C-1", "scopes": "health and safety", "status": "valid", "expires": "2027-01-01"}
   ]},
  {"id": "CTR-2", "name": "Flat Ltd", "regions": "London;SE", "scheme": "GIRS", "certificate": "G-2",
   "status": "suspended", "expires": "2027-01-01"},
  {"id": "CTR-3", "name": "Broken Ltd", "scheme": "GIRS", "certificate": "G-3", "status": "valid",
   "expires": "someday"},
  {"id": "CTR-4", "name": 42}
])";
  auto p = parse(json);
  ASSERT_EQ(p.contractors.size(), 2u) << errors_of(p);
  EXPECT_EQ(p.contractors[0].accreditations.size(), 2u);
  EXPECT_EQ(p.contractors[0].regions, std::vector<std::string>{"North West"});
  EXPECT_EQ(p.contractors[0].accreditations[1].scopes, std::vector<std::string>{"health and safety"});
  EXPECT_EQ(p.contractors[1].regions, (std::vector<std::string>{"London", "South East"}));
  EXPECT_EQ(p.contractors[1].accreditations[0].status, RegistryStatus::kSuspended);
  ASSERT_EQ(p.errors.size(), 2u) << errors_of(p);
  EXPECT_EQ(p.errors[0].line, 9);
  EXPECT_EQ(p.errors[0].id, "CTR-3");
  // {"name": 42}: a number is read as the text "42"; the row then lacks a scheme.
  EXPECT_EQ(p.errors[1].line, 11);
  EXPECT_NE(p.errors[1].reason.find("scheme is empty"), std::string::npos);
  auto wrapped = parse(R"({"contractors": [{"id": "CTR-9", "name": "W", "scheme": "NERS", "certificate": "N-9",
    "status": "valid", "expires": "2027-01-01", "regions": {"bad": 1}}]})");
  ASSERT_EQ(wrapped.errors.size(), 1u);
  EXPECT_EQ(wrapped.errors[0].line, 1);
  EXPECT_NE(wrapped.errors[0].reason.find("regions must be a string or an array"), std::string::npos);
}

TEST(RegistryImportTest, BadJsonIsAFileError) {
  auto r = parse_registry("[{\"id\": ", FileFormat::kJson, FreeMailPolicy::defaults());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kParse);
}

TEST(RegistryImportTest, TheDemoRegistryImportsCleanly) {
  std::string text = testing::read_file(testing::source_dir() / "demo" / "contractors.csv");
  auto p = parse(text);
  EXPECT_TRUE(p.errors.empty()) << errors_of(p);
  EXPECT_EQ(p.rows, 300);
  EXPECT_EQ(p.contractors.size(), 144u);
}

TEST(JsonElementLinesTest, FindsTopLevelElementsOnly) {
  EXPECT_EQ(json_element_lines("[\n {\"a\": [1,\n 2]},\n\n {\"b\": \"[,]\"}\n]"), (std::vector<int>{2, 5}));
  EXPECT_EQ(json_element_lines("{\"users\":\n[\"x\",\n\"y\"]}"), (std::vector<int>{2, 3}));
  EXPECT_TRUE(json_element_lines("[]").empty());
}

}  // namespace
}  // namespace mailsift::contacts
