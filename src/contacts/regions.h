// The UK regions the contractor registry uses, and the names people type for them.
//
// There are twelve canonical regions (the nine English regions, Wales, Scotland and Northern
// Ireland), each with a display name ("North West"). resolve_region() turns what a user or a
// registry file says into one or more canonical regions: the name itself, common aliases and
// abbreviations ("NW", "NW England", "North-West", "Northwest"), ITL1 / NUTS1 codes ("UKD",
// "TLD"), and a few group names ("Midlands" = East + West Midlands). Matching ignores case,
// punctuation, "&" vs "and", a leading "the", and a trailing "England" / "region".
//
// Pure functions over constant tables; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mailsift::contacts {

// The canonical display names, in a fixed order (north to south, then the nations).
const std::vector<std::string>& region_names();

// The canonical regions that `text` names (one for a region, several for a group alias).
// Errors: kInvalidArgument for an empty or unknown name, with a hint listing the regions.
Result<std::vector<std::string>> resolve_region(std::string_view text);

// The aliases accepted for one canonical region (for help texts and the chat tool's schema).
std::vector<std::string> region_aliases(std::string_view canonical);

}  // namespace mailsift::contacts
