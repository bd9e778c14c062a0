#include "contacts/regions.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/strings.h"

namespace mailsift::contacts {

namespace {

struct RegionDef {
  const char* name;
  std::vector<const char*> aliases;  // written as people type them; normalised when compared
};

// ITL1 codes (TLC..TLN) and their NUTS1 predecessors (UKC..UKN) are included: registries
// exported from government data use them.
const std::vector<RegionDef>& definitions() {
  static const std::vector<RegionDef> kRegions = {
      {"North East", {"NE", "Northeast", "North East England", "NE England", "TLC", "UKC"}},
      {"North West", {"NW", "Northwest", "North West England", "NW England", "TLD", "UKD"}},
      {"Yorkshire and the Humber",
       {"Yorkshire and Humber", "Yorkshire & Humber", "Yorkshire Humber", "Yorkshire", "Yorks", "Humber", "Humberside",
        "Y&H", "YH", "TLE", "UKE"}},
      {"East Midlands", {"EM", "E Midlands", "East Mids", "E Mids", "TLF", "UKF"}},
      {"West Midlands", {"WM", "W Midlands", "West Mids", "W Mids", "TLG", "UKG"}},
      {"East of England", {"East", "East England", "Eastern", "Eastern England", "East Anglia", "EoE", "TLH", "UKH"}},
      {"London", {"Greater London", "LDN", "TLI", "UKI"}},
      {"South East", {"SE", "Southeast", "South East England", "SE England", "TLJ", "UKJ"}},
      {"South West", {"SW", "Southwest", "South West England", "SW England", "TLK", "UKK"}},
      {"Wales", {"Cymru", "TLL", "UKL"}},
      {"Scotland", {"Alba", "TLM", "UKM"}},
      {"Northern Ireland", {"NI", "N Ireland", "N. Ireland", "Ulster", "TLN", "UKN"}},
  };
  return kRegions;
}

struct GroupDef {
  const char* alias;
  std::vector<const char*> regions;
};

const std::vector<GroupDef>& groups() {
  static const std::vector<GroupDef> kGroups = {
      {"Midlands", {"East Midlands", "West Midlands"}},
      {"North of England", {"North East", "North West", "Yorkshire and the Humber"}},
      {"Northern England", {"North East", "North West", "Yorkshire and the Humber"}},
      {"The North", {"North East", "North West", "Yorkshire and the Humber"}},  // key "north"
      {"South of England", {"South East", "South West", "London"}},
      {"Southern England", {"South East", "South West", "London"}},
      {"Home Counties", {"South East", "East of England"}},
      {"England",
       {"North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
        "London", "South East", "South West"}},
      {"Great Britain",
       {"North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
        "London", "South East", "South West", "Wales", "Scotland"}},
      {"UK",
       {"North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
        "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"}},
      {"United Kingdom",
       {"North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
        "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"}},
  };
  return kGroups;
}

// Lower-case letters and digits only, "&" read as "and", a leading "the" dropped: "N.W.",
// "n w" and "NW" all become "nw"; "Yorkshire & the Humber" becomes "yorkshireandthehumber".
std::string key_of(std::string_view text) {
  std::string spaced;
  for (char c : text) {
    if (c == '&') {
      spaced += " and ";
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      spaced += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      spaced += ' ';
    }
  }
  std::string flat = collapse_whitespace(spaced);
  if (flat.starts_with("the ") && flat.size() > 4) flat = flat.substr(4);
  std::string key;
  for (char c : flat) {
    if (c != ' ') key += c;
  }
  return key;
}

const std::map<std::string, std::vector<std::string>>& table() {
  static const std::map<std::string, std::vector<std::string>> kTable = [] {
    std::map<std::string, std::vector<std::string>> t;
    for (const auto& r : definitions()) {
      t[key_of(r.name)] = {r.name};
      for (const char* a : r.aliases) t[key_of(a)] = {r.name};
    }
    for (const auto& g : groups()) {
      std::vector<std::string> names(g.regions.begin(), g.regions.end());
      t[key_of(g.alias)] = names;
    }
    return t;
  }();
  return kTable;
}

}  // namespace

const std::vector<std::string>& region_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n;
    for (const auto& r : definitions()) n.emplace_back(r.name);
    return n;
  }();
  return kNames;
}

Result<std::vector<std::string>> resolve_region(std::string_view text) {
  std::string key = key_of(text);
  const auto& t = table();
  auto found = t.find(key);
  // "NW England", "North West region": try again without the trailing qualifier.
  for (std::string_view suffix : {"england", "region"}) {
    if (found != t.end()) break;
    if (key.size() > suffix.size() && key.ends_with(suffix)) {
      found = t.find(key.substr(0, key.size() - suffix.size()));
    }
  }
  if (key.empty() || found == t.end()) {
    return fail(Code::kInvalidArgument, "unknown region '" + std::string(trim(text)) + "'",
                "use a UK region: " + join(region_names(), ", ") + " (or an alias such as NW, Yorkshire, Midlands)");
  }
  return found->second;
}

std::vector<std::string> region_aliases(std::string_view canonical) {
  for (const auto& r : definitions()) {
    if (iequals(r.name, canonical)) return std::vector<std::string>(r.aliases.begin(), r.aliases.end());
  }
  return {};
}

}  // namespace mailsift::contacts
