#include "chat/prompt.h"

#include "core/strings.h"
#include "core/time.h"
#include "llm/untrusted.h"

namespace mailsift::chat {

const std::string_view kDefaultRole =
    "You are the mailsift assistant of an operations team. mailsift stores every email the team receives and "
    "classifies it as BUSINESS (needs a person: jobs, quotes, disputes, audits, escalations), OPERATIONAL "
    "(automatic or routine: invoices, remittances, alerts, notices, receipts) or NOISE (newsletters, marketing, "
    "spam, phishing, chit-chat). Staff ask you about that mail: what happened, who said what, what is outstanding, "
    "what needs an answer. You find and read the emails with your tools and answer from them.";

const std::string_view kAnswerRules =
    "How to answer:\n"
    "- Answer only from what your tools return in this conversation. If the emails do not say, say that you could "
    "not find it; never guess ids, names, amounts or dates.\n"
    "- Be brief and specific: lead with the answer, then the facts that support it (who, when, amounts, "
    "reference numbers). Use short lists for several items.\n"
    "- When emails disagree or something looks wrong (a changed bank account, a look-alike sender), say so.";

const std::string_view kCitationRules =
    "Citations: cite every email you rely on right after the statement it supports, as [email:ID] with the "
    "numeric id from the tool results, for example: The invoice is still unpaid [email:102]. Cite several emails "
    "as [email:102] [email:103]. Cite only ids your tools returned; do not cite an email you have not seen.";

std::string system_prompt(const PromptParts& parts) {
  std::vector<std::string> sections;
  sections.push_back(std::string(trim(parts.role)));
  if (parts.now > 0) {
    std::string day = format_iso8601(parts.now).substr(0, 10);
    sections.push_back("Today is " + day + ".");
  }
  sections.emplace_back(kAnswerRules);
  sections.emplace_back(kCitationRules);
  for (const auto& t : parts.tool_instructions) {
    if (!trim(t).empty()) sections.push_back(std::string(trim(t)));
  }
  if (!trim(parts.instructions).empty()) sections.push_back(std::string(trim(parts.instructions)));
  sections.emplace_back(llm::kUntrustedDataPolicy);
  return join(sections, "\n\n");
}

}  // namespace mailsift::chat
