#include "chat/email_tools.h"

#include <cstdio>

#include "core/strings.h"
#include "core/time.h"
#include "llm/json_util.h"

namespace mailsift::chat {

namespace {

constexpr int kDefaultHits = 8;
constexpr int kMaxHits = 25;
constexpr size_t kMaxThreadMessages = 30;
constexpr size_t kExcerptBytes = 300;

const char* kSearchDescription =
    "Search the stored emails by words and meaning. Returns the best matches first, "
    "each with its id, date, sender, subject, class and a short snippet. Use distinctive words (names, companies, "
    "reference or invoice numbers, places) and the filters. Snippets are short: read an email with getEmail before "
    "relying on its details.";

const char* kSearchSchema = R"({
  "type": "object",
  "properties": {
    "query": {"type": "string", "description": "Words to find. Also accepts \"exact phrase\", subject:WORDS, has:attachment and is:list. May be empty when filters are given."},
    "class": {"type": "string", "description": "Only emails of this class: business, operational, noise or unclassified."},
    "from": {"type": "string", "description": "Only emails whose sender's name or address contains these words, e.g. brightwire or dean.hollis@brightwire.example."},
    "since": {"type": "string", "description": "Only emails on or after this date: 2025-03-04, 2025-03, 2025, or relative: 7d, 2w, 3m, 1y."},
    "until": {"type": "string", "description": "Only emails on or before this date (same forms as since)."},
    "limit": {"type": "integer", "minimum": 1, "maximum": 25, "description": "How many results to return (default 8)."}
  }
})";

const char* kGetEmailDescription =
    "Read one email in full by its id: class, thread, attachments, subject, sender, date and its text without "
    "quoted replies.";
const char* kGetThreadDescription =
    "List the conversation an email belongs to, oldest first: each message's id, date, sender, subject, class and "
    "the start of its text. Use it to follow a discussion or find the latest reply.";
const char* kIdSchema = R"({
  "type": "object",
  "properties": {"id": {"type": "integer", "minimum": 1, "description": "The email id, as in search results."}},
  "required": ["id"]
})";

const char* kInstructions =
    "Email tools: searchEmails finds emails by words and meaning, with optional filters (class, from, since, "
    "until). Search before answering, and try other words or filters before saying that nothing was found. "
    "getEmail reads one email in full; read the emails you rely on before quoting amounts, dates, reference "
    "numbers or names. getThread shows a whole conversation, oldest first, to find how it started or the latest "
    "reply.";

std::string class_name(const std::optional<Label>& label) {
  return label ? std::string(label_name(*label)) : "unclassified";
}

std::string short_date(UnixTime t) { return t > 0 ? format_short(t) : "unknown"; }

std::string human_size(uint64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  return buf;
}

// A string member when present and not blank, else "".
std::string text_arg(const Json& input, const char* key) {
  return std::string(trim(llm::string_member(input, key)));
}

Result<int64_t> id_arg(const Json& input) {
  const Json* id = llm::member(input, "id");
  if (!id || !id->is_number_integer() || id->get<int64_t>() < 1) {
    return fail(Code::kInvalidArgument, "id must be a positive whole number, an email id from searchEmails");
  }
  return id->get<int64_t>();
}

Result<StoredEmail> load(StoreAccess& store, EmailId id) {
  auto lease = MAILSIFT_TRY(store.acquire());
  auto stored = lease->get(id);
  if (!stored && stored.error().code == Code::kNotFound) {
    return fail(Code::kNotFound, "there is no email with id " + std::to_string(id) +
                                     "; use an id from the results of searchEmails or getThread");
  }
  return stored;
}

Result<Json> search_emails(const ToolEnv& env, const Json& input) {
  search::SearchRequest req;
  req.query = text_arg(input, "query");
  req.limit = static_cast<int>(llm::int_member(input, "limit", kDefaultHits));
  if (req.limit < 1 || req.limit > kMaxHits) return fail(Code::kInvalidArgument, "limit must be 1 to 25");
  const UnixTime now = env.clock ? env.clock() : now_unix();
  if (std::string c = text_arg(input, "class"); !c.empty() && !iequals(c, "any") && !iequals(c, "all")) {
    if (iequals(c, "unclassified")) {
      req.filters.unclassified = true;
    } else if (auto label = parse_label(c)) {
      req.filters.label = *label;
    } else {
      return fail(Code::kInvalidArgument, "class must be business, operational, noise or unclassified, not '" + c + "'");
    }
  }
  if (std::string from = text_arg(input, "from"); !from.empty()) {
    search::AddressFilter f;
    f.text = from;
    req.filters.from.push_back(std::move(f));
  }
  if (std::string since = text_arg(input, "since"); !since.empty()) {
    req.filters.since = MAILSIFT_TRY(parse_date_arg(since, now, false).map_error([](Error e) {
      e.message = "since: " + e.message + (e.hint.empty() ? "" : " (" + e.hint + ")");
      return e;
    }));
  }
  if (std::string until = text_arg(input, "until"); !until.empty()) {
    req.filters.until = MAILSIFT_TRY(parse_date_arg(until, now, true).map_error([](Error e) {
      e.message = "until: " + e.message + (e.hint.empty() ? "" : " (" + e.hint + ")");
      return e;
    }));
  }
  auto response = env.searcher.search(req);
  if (!response) {
    Error e = response.error();
    if (!e.hint.empty()) e.message += " (" + e.hint + ")";
    return fail(std::move(e));
  }
  return search_hits_json(*response, env.privacy, env.max_output_bytes);
}

Result<Json> get_email(const ToolEnv& env, const Json& input) {
  EmailId id = MAILSIFT_TRY(id_arg(input));
  StoredEmail stored = MAILSIFT_TRY(load(env.store, id));
  size_t thread_size = 1;
  {
    auto lease = MAILSIFT_TRY(env.store.acquire());
    if (auto thread = lease->thread(stored.summary.thread_id)) thread_size = thread->size();
  }
  return Json(email_text(stored, thread_size, env.privacy, env.max_output_bytes));
}

Result<Json> get_thread(const ToolEnv& env, const Json& input, const llm::ToolContext& context) {
  EmailId id = MAILSIFT_TRY(id_arg(input));
  StoredEmail asked = MAILSIFT_TRY(load(env.store, id));
  auto lease = MAILSIFT_TRY(env.store.acquire());
  std::vector<EmailSummary> rows = MAILSIFT_TRY(lease->thread(asked.summary.thread_id));
  Json out = {{"thread_id", asked.summary.thread_id}, {"count", rows.size()}};
  size_t skip = rows.size() > kMaxThreadMessages ? rows.size() - kMaxThreadMessages : 0;
  if (skip > 0) out["earlier_messages_not_shown"] = skip;
  Json messages = Json::array();
  for (size_t i = skip; i < rows.size(); ++i) {
    if (context.cancelled()) return fail(Code::kCancelled, "cancelled");
    const EmailSummary& row = rows[i];
    Json m = {{"id", row.id}, {"date", short_date(row.date)}};
    auto full = lease->get(row.id);
    if (!full) return fail(full.error());
    llm::OutgoingEmail o = llm::apply_privacy(env.privacy, full->email);
    if (o.from) m["from"] = *o.from;
    if (o.subject) m["subject"] = *o.subject;
    m["class"] = class_name(row.label);
    if (row.attachments > 0) m["attachments"] = row.attachments;
    if (o.body) {
      std::string excerpt = collapse_whitespace(*o.body);
      if (excerpt.size() > kExcerptBytes) excerpt = std::string(utf8_prefix(excerpt, kExcerptBytes)) + "…";
      m["excerpt"] = excerpt;
    }
    messages.push_back(std::move(m));
  }
  out["messages"] = std::move(messages);
  return fit_list(std::move(out), "messages", env.max_output_bytes);
}

}  // namespace

std::string plain_snippet(std::string_view snippet) {
  std::string out;
  out.reserve(snippet.size());
  for (size_t i = 0; i < snippet.size(); ++i) {
    if (i + 1 < snippet.size() && ((snippet[i] == '[' && snippet[i + 1] == '[') ||
                                   (snippet[i] == ']' && snippet[i + 1] == ']'))) {
      ++i;
      continue;
    }
    out += snippet[i];
  }
  return out;
}

Json search_hits_json(const search::SearchResponse& response, const llm::PrivacyPolicy& policy, size_t max_bytes) {
  Json hits = Json::array();
  for (const auto& h : response.hits) {
    Json j = {{"id", h.id}, {"date", short_date(h.date)}};
    if (policy.send_sender) j["from"] = llm::redact_text(policy, h.from.display());
    if (policy.send_subject) j["subject"] = llm::redact_text(policy, h.subject);
    j["class"] = class_name(h.label);
    j["thread_id"] = h.thread_id;
    if (policy.send_body && !h.snippet.empty()) j["snippet"] = llm::redact_text(policy, plain_snippet(h.snippet));
    hits.push_back(std::move(j));
  }
  Json out = {{"hits", std::move(hits)}};
  if (!response.notes.empty()) out["notes"] = response.notes;
  if (response.hits.empty()) out["hint"] = "nothing matched: try fewer or other words, or drop a filter";
  return fit_list(std::move(out), "hits", max_bytes);
}

std::string email_text(const StoredEmail& stored, size_t thread_size, const llm::PrivacyPolicy& policy,
                       size_t max_bytes) {
  const Email& email = stored.email;
  std::string head = "Email " + std::to_string(stored.summary.id) + " (" + class_name(stored.summary.label);
  head += "; thread " + std::to_string(stored.summary.thread_id) + ", " + std::to_string(thread_size) +
          (thread_size == 1 ? " message)" : " messages)");
  std::string extra;
  if (policy.send_sender && !email.reply_to.empty() && email.reply_to != email.from) {
    std::vector<std::string> parts;
    for (const auto& a : email.reply_to) parts.push_back(llm::redact_text(policy, a.display()));
    extra += "Reply-To: " + join(parts, ", ") + "\n";
  }
  if (!email.list_id.empty()) extra += "List-Id: " + llm::redact_text(policy, email.list_id) + "\n";
  if (!email.attachments.empty()) {
    std::vector<std::string> parts;
    for (const auto& a : email.attachments) {
      std::string name = policy.send_body ? llm::redact_text(policy, a.filename) : "(name withheld)";
      parts.push_back(name + " (" + a.content_type + ", " + human_size(a.size) + ")");
    }
    extra += "Attachments: " + join(parts, "; ") + "\n";
  }
  std::string rendered = llm::render_email(llm::apply_privacy(policy, email));
  size_t split = rendered.find("\n\n");
  if (split == std::string::npos) {
    rendered += extra;
  } else {
    rendered.insert(split + 1, extra);
  }
  return fit_text(head + "\n" + rendered, max_bytes);
}

Result<ToolSet> make_email_tools(const ToolEnv& env) {
  ToolSet set;
  set.name = "email";
  set.instructions = kInstructions;
  auto search_schema = MAILSIFT_TRY(llm::parse_json(kSearchSchema, "searchEmails schema"));
  auto id_schema = MAILSIFT_TRY(llm::parse_json(kIdSchema, "id schema"));
  const ToolEnv* e = &env;
  set.tools.push_back(llm::Tool{"searchEmails", kSearchDescription, search_schema,
                                [e](const Json& input, const llm::ToolContext&) { return search_emails(*e, input); },
                                true});
  set.tools.push_back(llm::Tool{"getEmail", kGetEmailDescription, id_schema,
                                [e](const Json& input, const llm::ToolContext&) { return get_email(*e, input); },
                                true});
  set.tools.push_back(llm::Tool{
      "getThread", kGetThreadDescription, id_schema,
      [e](const Json& input, const llm::ToolContext& context) { return get_thread(*e, input, context); }, true});
  return set;
}

}  // namespace mailsift::chat
