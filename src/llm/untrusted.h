// Untrusted content for the model: email text is data, never instructions.
//
// Every tool result that carries email text (subjects, bodies, names) is wrapped by
// wrap_untrusted (the tool loop does it for tools marked output_is_untrusted) in a block the
// content cannot close or fake:
//
//   <untrusted-data source="email 42" nonce="3f9a1c0b7d2e">
//   ...text, with any "untrusted-data" inside it defused...
//   </untrusted-data nonce="3f9a1c0b7d2e">
//
// and the system prompt includes kUntrustedDataPolicy, which tells the model what the block
// means. Together with read-only tools and never executing what the model writes, this is how
// mailsift handles prompt injection in email.
#pragma once

#include <string>
#include <string_view>

namespace mailsift::llm {

// The paragraph every system prompt that exposes email content must contain.
extern const std::string_view kUntrustedDataPolicy;

// Wraps text as data. `source` is a short label ("email 42", "tool searchEmails"); the nonce is
// derived from the content, so the output is deterministic.
std::string wrap_untrusted(std::string_view text, std::string_view source);

}  // namespace mailsift::llm
