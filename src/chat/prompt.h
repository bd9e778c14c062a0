// The system prompt of the mailsift assistant, put together from parts:
//
//   role          who the assistant is and for whom (kDefaultRole: the operations team's
//                 assistant over the team's stored email); a deployment may replace it
//   today         the current date, so "last month" and "overdue" mean something
//   how to answer grounded answers only, from the tools; concise; say what was not found
//   citations     kCitationRules: cite each email used as [email:ID] (citations.h)
//   tool sets     each tool set's paragraph (tools.h), in the order the sets were added
//   instructions  optional extra text (chat.instructions in the config)
//   untrusted     llm::kUntrustedDataPolicy, always, last
//
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace mailsift::chat {

extern const std::string_view kDefaultRole;
extern const std::string_view kAnswerRules;
extern const std::string_view kCitationRules;

struct PromptParts {
  std::string role{kDefaultRole};
  std::vector<std::string> tool_instructions;
  std::string instructions;
  UnixTime now = 0;  // 0: no date line
};

std::string system_prompt(const PromptParts& parts);

}  // namespace mailsift::chat
