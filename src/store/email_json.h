// JSON views of stored emails, shared by the CLI's --json output and the HTTP API so both speak
// the same shapes. Every string is valid UTF-8 (the store only holds valid UTF-8).
#pragma once

#include <nlohmann/json.hpp>

#include "core/types.h"
#include "store/email_store.h"

namespace mailsift {

nlohmann::json to_json(const Address& address);
nlohmann::json to_json(const std::vector<Address>& addresses);
nlohmann::json to_json(const Attachment& attachment);
nlohmann::json to_json(const Classification& classification);
// {id, message_id, thread_id, date (ISO 8601), from {name,address}, subject, class|null, attachments}
nlohmann::json to_json(const EmailSummary& summary);
// Everything `mailsift show --json` prints: the summary fields plus addresses, headers, bodies,
// attachments, classification with reasons and history, warnings.
nlohmann::json to_json(const StoredEmail& email);
nlohmann::json to_json(const StoreStats& stats);
nlohmann::json to_json(const QuarantineEntry& entry);

// Serialises without throwing on odd bytes (replaces invalid UTF-8).
std::string dump(const nlohmann::json& j, int indent = -1);

}  // namespace mailsift
