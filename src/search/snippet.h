// Snippets: the part of a message's text that best shows why it matched, with the matching
// words marked [[like this]] (the web UI and the chat render the markers).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace mailsift::search {

inline constexpr std::string_view kMarkOpen = "[[";
inline constexpr std::string_view kMarkClose = "]]";

// A window of about `words` words of text holding the most words whose stem is in `stems`
// (the first words when none match), whitespace collapsed, "…" where it was cut, and every
// matching word wrapped in [[ ]]. Marker characters already in the text are left as they are.
std::string make_snippet(std::string_view text, const std::unordered_set<std::string>& stems, size_t words = 28);

}  // namespace mailsift::search
