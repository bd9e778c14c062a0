#include "contacts/regions.h"

#include "support/test_support.h"

namespace mailsift::contacts {
namespace {

std::vector<std::string> resolved(std::string_view text) {
  auto r = resolve_region(text);
  EXPECT_TRUE(testing::is_ok(r)) << text;
  return r ? *r : std::vector<std::string>{};
}

TEST(RegionsTest, TwelveCanonicalRegions) {
  EXPECT_EQ(region_names().size(), 12u);
  for (const auto& name : region_names()) EXPECT_EQ(resolved(name), std::vector<std::string>{name});
}

TEST(RegionsTest, NorthWestAliases) {
  for (const char* alias : {"North West", "north west", "NW", "nw", "N.W.", "NW England", "North West England",
                            "North-West", "Northwest", "the North West", "north west region", "TLD", "UKD"}) {
    EXPECT_EQ(resolved(alias), std::vector<std::string>{"North West"}) << alias;
  }
}

TEST(RegionsTest, AliasesOfEveryRegion) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"NE", "North East"},
      {"North East England", "North East"},
      {"Yorkshire", "Yorkshire and the Humber"},
      {"Yorkshire & Humber", "Yorkshire and the Humber"},
      {"Y&H", "Yorkshire and the Humber"},
      {"yorkshire and the humber", "Yorkshire and the Humber"},
      {"East Mids", "East Midlands"},
      {"EM", "East Midlands"},
      {"W Midlands", "West Midlands"},
      {"East Anglia", "East of England"},
      {"East", "East of England"},
      {"east of england", "East of England"},
      {"Greater London", "London"},
      {"SE England", "South East"},
      {"South-East", "South East"},
      {"SW", "South West"},
      {"Southwest England", "South West"},
      {"Cymru", "Wales"},
      {"Alba", "Scotland"},
      {"NI", "Northern Ireland"},
      {"N. Ireland", "Northern Ireland"},
  };
  for (const auto& [alias, region] : cases) EXPECT_EQ(resolved(alias), std::vector<std::string>{region}) << alias;
}

TEST(RegionsTest, GroupAliasesNameSeveralRegions) {
  EXPECT_EQ(resolved("Midlands"), (std::vector<std::string>{"East Midlands", "West Midlands"}));
  EXPECT_EQ(resolved("England").size(), 9u);
  EXPECT_EQ(resolved("UK").size(), 12u);
}

TEST(RegionsTest, UnknownRegionIsAnErrorThatListsTheRegions) {
  for (const char* bad : {"", "   ", "Atlantis", "North", "West"}) {
    auto r = resolve_region(bad);
    if (std::string_view(bad) == "North") {
      // "North" is the group alias for the three northern regions.
      ASSERT_OK(r);
      EXPECT_EQ(r->size(), 3u);
      continue;
    }
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Code::kInvalidArgument);
    EXPECT_NE(r.error().hint.find("North West"), std::string::npos);
  }
}

}  // namespace
}  // namespace mailsift::contacts
