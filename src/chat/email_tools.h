// The chat's own tools over the stored mail, all read-only, all marked untrusted (their output
// carries email text, which the loop wraps as data):
//
//   searchEmails {query?, class?, from?, since?, until?, limit?}
//       the search library (search/searcher.h), hybrid; returns compact hits:
//       {"hits":[{"id","date","from","subject","class","thread_id","snippet"}], "notes":[...]}
//   getEmail {id}
//       one email as text: its id, class, thread and attachments, then Subject / From / To /
//       Date and the visible text (quoted replies and signatures removed), through the privacy
//       policy (render_email(apply_privacy(...))), so the model can read beyond a snippet.
//   getThread {id}
//       the conversation the email belongs to, oldest first, each message short:
//       {"thread_id", "count", "messages":[{"id","date","from","subject","class","excerpt"}]}
//
// Fields the privacy policy does not allow are left out of every output (a hit without
// "from" when senders may not be sent, no snippets or bodies when bodies may not be sent).
#pragma once

#include <string>
#include <vector>

#include "chat/tools.h"
#include "search/searcher.h"
#include "store/email_store.h"

namespace mailsift::chat {

// The email tool set (name "email") with its system-prompt paragraph.
Result<ToolSet> make_email_tools(const ToolEnv& env);

// A search response as searchEmails returns it, fitted to max_bytes. Also used by the offline
// answer, with a policy that allows everything (nothing leaves the machine then).
Json search_hits_json(const search::SearchResponse& response, const llm::PrivacyPolicy& policy, size_t max_bytes);

// getEmail's text for a stored email; `thread_size` is the number of messages in its thread.
std::string email_text(const StoredEmail& stored, size_t thread_size, const llm::PrivacyPolicy& policy,
                       size_t max_bytes);

// The snippet of a hit without the search library's [[match]] markers.
std::string plain_snippet(std::string_view snippet);

}  // namespace mailsift::chat
