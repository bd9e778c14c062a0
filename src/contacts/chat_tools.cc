#include "contacts/chat_tools.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "contacts/regions.h"
#include "contacts/sqlite_contacts.h"
#include "contacts/sqlite_registry.h"
#include "core/strings.h"
#include "core/time.h"
#include "llm/json_util.h"

namespace mailsift::contacts {

namespace {

using chat::Json;

const char* kSearchDescription =
    "Search the registry of accredited utility contractors by region, scope of work and accreditation scheme (all "
    "optional, combine them). Returns each matching contractor's id, name, regions, email domains and the "
    "accreditations that match, with their standing (valid, expiring within 30 days, expired, suspended, "
    "withdrawn) and expiry date.";

const char* kDetailDescription =
    "Get everything the registry holds about one contractor by its id (e.g. CTR-0042): trading names, email "
    "domains, contact addresses, phone, address, regions, every accreditation with scopes and dates, notes, the "
    "accreditations expiring within 30 days, and its latest stored emails.";

const char* kContactDescription =
    "Look up an email address: the names it used, when it was first and last seen, how many emails it sent and "
    "received by class and direction, whether it belongs to our organisation, a staff directory account or a "
    "contractor, and its latest emails.";

const char* kInstructions =
    "Contractor tools: the team works with accredited utility contractors, kept in a registry. searchContractors "
    "finds them by region (a UK region or a common alias such as NW or North West England), scopeSearch (the work, "
    "in words: LV jointing, cable laying, excavation) and scheme (NERS, GIRS, WIRS, Constructionline, CHAS, "
    "SafeContractor); give only the criteria the user gave. getContractorDetail reads one contractor in full, "
    "including accreditations expiring soon and its latest emails. To find what a contractor wrote to us, call "
    "searchEmails with from:contractor:ID in the query (for example \"from:contractor:CTR-0042 late payment\"), "
    "then read the emails with getEmail. getContact says who an email address is (a contractor, a member of staff, "
    "one of us) and how much mail it exchanged with us. Cite contractors as [contractor:ID] next to the facts taken "
    "from the registry, and emails as [email:ID]. A contractor is accredited for a scope only if an accreditation "
    "with that scope is valid or expiring; say so when it has expired, is suspended or withdrawn.";

constexpr int kMaxContactNames = 5;

// ---- input and JSON helpers -------------------------------------------------------------------

std::string text_arg(const Json& input, const char* key) { return std::string(trim(llm::string_member(input, key))); }

Day today_of(const chat::ToolEnv& env) { return day_of(env.clock ? env.clock() : now_unix()); }

bool redacts(const llm::PrivacyPolicy& p) {
  return p.redact_email_addresses || p.redact_phone_numbers || p.redact_account_numbers;
}

// The policy's redaction applied to every string in `value`.
void redact_json(Json& value, const llm::PrivacyPolicy& policy) {
  if (!redacts(policy)) return;
  if (value.is_string()) {
    value = llm::redact_text(policy, value.get_ref<const std::string&>());
  } else if (value.is_array() || value.is_object()) {
    for (auto& child : value) redact_json(child, policy);
  }
}

std::string with_hint(const Error& e) { return e.hint.empty() ? e.message : e.message + " (" + e.hint + ")"; }

// Canonical regions for "North West, Wales": each comma-separated name resolved.
Result<std::vector<std::string>> regions_arg(const std::string& text) {
  std::vector<std::string> out;
  std::string unified = text;
  std::replace(unified.begin(), unified.end(), ';', ',');
  for (const auto& part : split(unified, ',')) {
    if (trim(part).empty()) continue;
    auto resolved = resolve_region(trim(part));
    if (!resolved) return fail(Code::kInvalidArgument, "region: " + with_hint(resolved.error()));
    for (auto& r : *resolved) {
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
    }
  }
  return out;
}

Json accreditation_brief(const Accreditation& a, Day today) {
  return Json{{"scheme", a.scheme},           {"certificate", a.certificate},   {"scopes", a.scopes},
              {"standing", a.standing(today)}, {"expires", format_day(a.expires)}, {"days_left", a.days_left(today)}};
}

Json contractor_brief(const ContractorHit& hit, Day today) {
  const Contractor& c = hit.contractor;
  Json accs = Json::array();
  if (hit.matching.empty()) {
    for (const auto& a : c.accreditations) accs.push_back(accreditation_brief(a, today));
  } else {
    for (size_t i : hit.matching) accs.push_back(accreditation_brief(c.accreditations[i], today));
  }
  return Json{{"id", c.id},
              {"name", c.name},
              {"regions", c.regions},
              {"email_domains", c.email_domains},
              {"accreditations", std::move(accs)}};
}

// Short rows for stored emails, as the privacy policy allows.
Result<Json> email_rows(SqliteEmailStore& store, const std::vector<EmailId>& ids, const llm::PrivacyPolicy& policy) {
  Json rows = Json::array();
  for (EmailId id : ids) {
    auto stored = store.get(id);
    if (!stored) {
      if (stored.error().code == Code::kNotFound) continue;
      return fail(stored.error());
    }
    const EmailSummary& s = stored->summary;
    Json row = {{"id", s.id}, {"date", s.date > 0 ? format_short(s.date) : "unknown"}};
    if (policy.send_sender) row["from"] = llm::redact_text(policy, s.from.display());
    if (policy.send_subject) row["subject"] = llm::redact_text(policy, s.subject);
    row["class"] = s.label ? std::string(label_name(*s.label)) : "unclassified";
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- searchContractors ----------------------------------------------------------------------

struct Search {
  ContractorQuery query;
  std::string region_text;  // as given, for the echo and the offline text
  int limit = 15;
};

struct Found {
  std::vector<ContractorHit> hits;  // all of them, by name
  Json json;                        // the tool's output, before fitting
};

Result<Found> run_search(ContractorRegistry& registry, const Search& s, Day today) {
  ContractorQuery q = s.query;
  q.limit = -1;
  Found f;
  f.hits = MAILSIFT_TRY(registry.search(q, today));
  Json echo = Json::object();
  if (!q.regions.empty()) echo["regions"] = q.regions;
  if (!q.scheme.empty()) echo["scheme"] = q.scheme;
  if (!q.scope.empty()) echo["scope"] = q.scope;
  if (q.status) echo["status"] = status_filter_name(*q.status);
  if (!q.name.empty()) echo["name"] = q.name;
  Json list = Json::array();
  for (size_t i = 0; i < f.hits.size() && static_cast<int>(i) < s.limit; ++i) {
    list.push_back(contractor_brief(f.hits[i], today));
  }
  f.json = {{"as_of", format_day(today)}, {"query", std::move(echo)}, {"count", f.hits.size()}};
  if (static_cast<int>(f.hits.size()) > s.limit) f.json["more"] = f.hits.size() - static_cast<size_t>(s.limit);
  f.json["contractors"] = std::move(list);
  if (f.hits.empty()) {
    f.json["hint"] =
        "no contractor matches: try fewer scope words, a neighbouring or wider region (e.g. Midlands), or drop a "
        "criterion";
    if (!q.scheme.empty()) {
      const auto& known = known_schemes();
      if (std::find(known.begin(), known.end(), q.scheme) == known.end()) {
        f.json["hint"] = "no contractor matches; the registry's schemes are " + join(known, ", ");
      }
    }
  } else {
    f.json["find_emails"] = "searchEmails with query \"from:contractor:ID\" (plus words) finds a contractor's emails";
  }
  return f;
}

Result<Search> search_from_input(const Json& input, const ContractorToolOptions& options) {
  Search s;
  s.region_text = text_arg(input, "region");
  if (!s.region_text.empty()) s.query.regions = MAILSIFT_TRY(regions_arg(s.region_text));
  if (std::string scheme = text_arg(input, "scheme"); !scheme.empty()) s.query.scheme = canonical_scheme(scheme);
  s.query.scope = text_arg(input, "scopeSearch");
  if (!s.query.scope.empty() && scope_fts_query(s.query.scope).empty()) {
    return fail(Code::kInvalidArgument, "scopeSearch has no words: describe the work, e.g. \"LV jointing\"");
  }
  if (std::string status = text_arg(input, "status"); !status.empty()) {
    auto parsed = parse_status_filter(status);
    if (!parsed) return fail(Code::kInvalidArgument, "status: " + with_hint(parsed.error()));
    s.query.status = *parsed;
  }
  s.query.name = text_arg(input, "name");
  int64_t limit = llm::int_member(input, "limit", options.default_results);
  if (limit < 1 || limit > options.max_results) {
    return fail(Code::kInvalidArgument, "limit must be 1 to " + std::to_string(options.max_results));
  }
  s.limit = static_cast<int>(limit);
  return s;
}

Result<Json> search_contractors(const chat::ToolEnv& env, const ContractorToolOptions& options, const Json& input) {
  Search s = MAILSIFT_TRY(search_from_input(input, options));
  auto lease = MAILSIFT_TRY(env.store.acquire());
  SqliteRegistry registry(lease->database());
  Found f = MAILSIFT_TRY(run_search(registry, s, today_of(env)));
  redact_json(f.json, env.privacy);
  return chat::fit_list(std::move(f.json), "contractors", env.max_output_bytes);
}

// ---- getContractorDetail --------------------------------------------------------------------

// By id, else by a name that only one contractor has.
Result<Contractor> find_contractor(ContractorRegistry& registry, const std::string& id_or_name, Day today) {
  if (auto c = MAILSIFT_TRY(registry.get(id_or_name))) return std::move(*c);
  ContractorQuery q;
  q.name = id_or_name;
  q.limit = 6;
  auto hits = MAILSIFT_TRY(registry.search(q, today));
  if (hits.size() == 1) return std::move(hits[0].contractor);
  if (hits.empty()) {
    return fail(Code::kNotFound, "there is no contractor with id or name '" + id_or_name +
                                     "'; use an id from searchContractors (e.g. CTR-0042)");
  }
  std::vector<std::string> ids;
  for (const auto& h : hits) ids.push_back(h.contractor.id + " " + h.contractor.name);
  return fail(Code::kInvalidArgument, "several contractors are named like '" + id_or_name + "': " + join(ids, "; ") +
                                          "; give one id");
}

Result<Json> contractor_detail(const chat::ToolEnv& env, const ContractorToolOptions& options, const Json& input) {
  std::string id = text_arg(input, "contractorId");
  if (id.empty()) return fail(Code::kInvalidArgument, "contractorId is required, e.g. CTR-0042 from searchContractors");
  const Day today = today_of(env);
  auto lease = MAILSIFT_TRY(env.store.acquire());
  SqliteRegistry registry(lease->database());
  SqliteContacts contacts(lease->database());
  Contractor c = MAILSIFT_TRY(find_contractor(registry, id, today));

  Json j = to_json(c, today);
  Json soon = Json::array();
  for (const auto& a : c.accreditations) {
    if (a.matches(StatusFilter::kExpiring, today)) soon.push_back(accreditation_brief(a, today));
  }
  j["expiring_within_30_days"] = std::move(soon);
  j["as_of"] = format_day(today);
  auto ids = MAILSIFT_TRY(contacts.messages_from(c.email_domains, c.contact_emails, options.latest_emails));
  j["latest_emails"] = MAILSIFT_TRY(email_rows(*lease, ids, env.privacy));
  j["find_emails"] = "searchEmails with query \"from:contractor:" + c.id + "\" (plus words) finds all its emails";
  redact_json(j, env.privacy);
  return chat::fit_list(std::move(j), "latest_emails", env.max_output_bytes);
}

// ---- getContact -----------------------------------------------------------------------------

Json pairs_json(const std::vector<std::pair<std::string, int64_t>>& pairs) {
  Json out = Json::object();
  for (const auto& [k, v] : pairs) out[k] = v;
  return out;
}

Result<Json> get_contact(const chat::ToolEnv& env, const ContractorToolOptions& options, const Json& input) {
  if (!env.privacy.send_sender) {
    return fail(Code::kPermission,
                "the privacy settings do not allow details of senders to be sent (privacy.send_sender = false)");
  }
  std::string address = to_lower(text_arg(input, "address"));
  if (address.size() > 2 && address.front() == '<' && address.back() == '>') {
    address = address.substr(1, address.size() - 2);
  }
  if (address.find('@') == std::string::npos || address.size() > 320) {
    return fail(Code::kInvalidArgument, "address must be an email address such as dean.hollis@brightwire.example");
  }
  auto lease = MAILSIFT_TRY(env.store.acquire());
  SqliteContacts contacts(lease->database());
  auto found = MAILSIFT_TRY(contacts.get(address));
  if (!found) {
    return fail(Code::kNotFound, "no stored email is from or to " + address +
                                     " (contacts are recorded at ingest; try searchEmails with the name or domain)");
  }
  const Contact& c = *found;
  ContactActivity activity = MAILSIFT_TRY(contacts.activity(address, options.latest_emails));

  Json names = Json::array();
  for (size_t i = 0; i < c.names.size() && i < kMaxContactNames; ++i) {
    names.push_back(Json{{"name", c.names[i].name}, {"count", c.names[i].count}});
  }
  Json links = {{"own_organisation", c.links.own}};
  if (c.links.directory) {
    const DirectoryLink& d = *c.links.directory;
    links["directory"] = {{"id", d.id}, {"name", d.name}, {"organisation", d.organisation}, {"role", d.role}};
  }
  if (c.links.contractor) {
    const ContractorLink& k = *c.links.contractor;
    links["contractor"] = {{"id", k.id}, {"name", k.name}, {"matched_by", k.match}};
  }
  Json j = {{"address", c.address},
            {"domain", c.domain},
            {"names", std::move(names)},
            {"first_seen", c.first_seen > 0 ? format_short(c.first_seen) : "unknown"},
            {"last_seen", c.last_seen > 0 ? format_short(c.last_seen) : "unknown"},
            {"sent", c.sent},
            {"received", c.received},
            {"links", std::move(links)},
            {"by_class", pairs_json(activity.by_class)},
            {"by_direction", pairs_json(activity.by_direction)}};
  j["latest_emails"] = MAILSIFT_TRY(email_rows(*lease, activity.latest, env.privacy));
  if (c.links.contractor) {
    j["find_emails"] = "getContractorDetail with " + c.links.contractor->id + " for the contractor's accreditations";
  }
  // The address itself is what the model asked about: only the rest is redacted.
  redact_json(j, env.privacy);
  j["address"] = c.address;
  return chat::fit_list(std::move(j), "latest_emails", env.max_output_bytes);
}

// ---- reading a question (offline) -----------------------------------------------------------

struct Token {
  std::string text;
};

// Words of the question: runs of letters, digits, '&' and non-ASCII bytes.
std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> out;
  std::string cur;
  for (char ch : text) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || ch == '&' || u >= 0x80) {
      cur += ch;
    } else if (!cur.empty()) {
      out.push_back({std::move(cur)});
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back({std::move(cur)});
  return out;
}

bool all_upper(std::string_view w) {
  bool letter = false;
  for (char ch : w) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (std::islower(u)) return false;
    letter = letter || std::isupper(u);
  }
  return letter;
}

bool capitalised(std::string_view w) { return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])); }

const std::set<std::string>& stop_words() {
  static const std::set<std::string> kWords = {
      "a",       "about",   "all",     "also",   "an",      "and",    "any",     "anyone", "are",     "area",
      "as",      "at",      "be",      "been",   "both",    "but",    "by",      "can",    "could",   "did",
      "do",      "does",    "doing",   "done",   "email",   "emailed", "emails", "ever",   "for",     "from",
      "get",     "give",    "had",     "has",    "have",    "here",   "how",     "i",      "if",      "in",
      "into",    "is",      "it",      "its",    "last",    "list",   "mail",    "many",   "me",      "more",
      "most",    "much",    "my",      "near",   "need",    "no",     "not",     "now",    "of",      "on",
      "one",     "ones",    "only",    "or",     "our",     "please", "region",  "regions", "said",   "say",
      "scheme",  "schemes", "scope",   "scopes", "sent",    "should", "show",    "some",   "still",   "team",
      "tell",    "than",    "that",    "the",    "their",   "them",   "there",   "these",  "they",    "this",
      "those",   "to",      "up",      "us",     "was",     "we",     "were",    "what",   "when",    "where",
      "which",   "who",     "whom",    "why",    "will",    "with",   "work",    "works",  "would",   "written",
      "wrote",   "year",    "yet",     "you",    "your"};
  return kWords;
}

// Region names that are also everyday words ("east of the site"): taken alone only when
// capitalised.
const std::set<std::string>& ambiguous_region_words() {
  static const std::set<std::string> kWords = {"east", "eastern", "north", "humber"};
  return kWords;
}

const std::set<std::string>& contractor_words() {
  static const std::set<std::string> kWords = {"contractor",   "contractors",   "subcontractor", "subcontractors",
                                               "accredited",   "accreditation", "accreditations", "accreditor",
                                               "registry",     "certified"};
  return kWords;
}

std::optional<StatusFilter> status_word(const std::string& lower) {
  if (lower == "expired") return StatusFilter::kExpired;
  if (lower == "expiring" || lower == "expire" || lower == "expires") return StatusFilter::kExpiring;
  if (lower == "suspended") return StatusFilter::kSuspended;
  if (lower == "withdrawn") return StatusFilter::kWithdrawn;
  return std::nullopt;
}

std::string join_tokens(const std::vector<Token>& tokens, size_t from, size_t n) {
  std::string out;
  for (size_t i = from; i < from + n; ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i].text;
  }
  return out;
}

// ---- the offline section --------------------------------------------------------------------

std::string standing_text(const Accreditation& a, Day today) {
  std::string standing = a.standing(today);
  if (standing == "expired") return "expired " + format_day(a.expires);
  if (standing == "valid") return "valid until " + format_day(a.expires);
  if (standing == "expiring") {
    return "expiring " + format_day(a.expires) + " (" + std::to_string(a.days_left(today)) + " days)";
  }
  return standing;  // suspended, withdrawn
}

std::string contractor_line(const ContractorHit& hit, Day today) {
  const Contractor& c = hit.contractor;
  std::string line = "- [contractor:" + c.id + "] " + c.name;
  if (!c.regions.empty()) line += " · " + join(c.regions, ", ");
  std::vector<std::string> accs;
  for (size_t i : hit.matching) {
    const Accreditation& a = c.accreditations[i];
    std::string s = a.scheme + (a.certificate.empty() ? "" : " " + a.certificate) + " " + standing_text(a, today);
    if (!a.scopes.empty()) s += " (" + join(a.scopes, "; ") + ")";
    accs.push_back(std::move(s));
  }
  if (!accs.empty()) line += " · " + join(accs, " · ");
  if (!c.email_domains.empty()) line += " · " + join(c.email_domains, ", ");
  return line + "\n";
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

Result<std::optional<chat::OfflineSection>> offline_section(const chat::ToolEnv& env,
                                                            const ContractorToolOptions& options,
                                                            std::string_view question,
                                                            const llm::ToolContext& context) {
  auto lease = MAILSIFT_TRY(env.store.acquire());
  SqliteRegistry registry(lease->database());
  if (MAILSIFT_TRY(registry.count()) == 0) return std::optional<chat::OfflineSection>();
  QuestionCriteria criteria = MAILSIFT_TRY(read_question(question, registry));
  if (!criteria.is_contractor_question()) return std::optional<chat::OfflineSection>();
  if (context.cancelled()) return fail(Code::kCancelled, "cancelled");

  const Day today = today_of(env);
  Search s;
  s.query.regions = criteria.regions;
  s.region_text = criteria.region_text;
  s.query.scheme = criteria.scheme;
  s.query.status = criteria.status;
  s.query.scope = join(criteria.scope_words, " ");
  s.limit = options.offline_results;
  Found f = MAILSIFT_TRY(run_search(registry, s, today));
  if (f.hits.empty() && criteria.scope_words.size() > 1) {
    // Not all in one scope ("cable laying and LV jointing"): each word in some scope instead.
    Search each = s;
    each.query.scope = join(criteria.scope_words, ", ");
    Found more = MAILSIFT_TRY(run_search(registry, each, today));
    if (!more.hits.empty()) {
      s = std::move(each);
      f = std::move(more);
    }
  }

  chat::OfflineSection section;
  section.tool = "searchContractors";
  section.input = Json::object();
  if (!s.region_text.empty()) section.input["region"] = s.region_text;
  if (!s.query.scope.empty()) section.input["scopeSearch"] = s.query.scope;
  if (!s.query.scheme.empty()) section.input["scheme"] = s.query.scheme;
  if (s.query.status) section.input["status"] = status_filter_name(*s.query.status);
  section.output = chat::dump_compact(chat::fit_list(f.json, "contractors", 15'000));

  std::vector<std::string> what;
  if (!s.query.scheme.empty()) what.push_back(s.query.scheme);
  if (!s.query.regions.empty()) what.push_back(join(s.query.regions, ", "));
  if (!s.query.scope.empty()) what.push_back(in_quotes(s.query.scope));
  if (s.query.status) what.push_back(std::string(status_filter_name(*s.query.status)));
  const std::string criteria_text = join(what, " · ");
  if (f.hits.empty()) {
    section.text = "No contractor in the registry matches " + criteria_text + " (as of " + format_day(today) + ").\n";
    return std::optional<chat::OfflineSection>(std::move(section));
  }
  section.text = "Contractors in the registry matching " + criteria_text + " (as of " + format_day(today) +
                 "): " + std::to_string(f.hits.size()) + "\n";
  for (size_t i = 0; i < f.hits.size() && static_cast<int>(i) < s.limit; ++i) {
    section.text += contractor_line(f.hits[i], today);
  }
  if (static_cast<int>(f.hits.size()) > s.limit) {
    std::string cmd = "mailsift contractors search";
    if (!s.query.regions.empty()) cmd += " --region " + in_quotes(s.region_text);
    if (!s.query.scheme.empty()) cmd += " --scheme " + s.query.scheme;
    if (!s.query.scope.empty()) cmd += " --scope " + in_quotes(s.query.scope);
    if (s.query.status) cmd += " --status " + std::string(status_filter_name(*s.query.status));
    section.text += "…and " + std::to_string(f.hits.size() - static_cast<size_t>(s.limit)) + " more (" + cmd + ")\n";
  }
  section.text += "Their emails: mailsift search \"from:contractor:ID\".\n";
  return std::optional<chat::OfflineSection>(std::move(section));
}

Result<chat::ToolSet> make_tools(const chat::ToolEnv& env, const ContractorToolOptions& options) {
  std::vector<std::string> regions = region_names();
  Json search_schema = {
      {"type", "object"},
      {"properties",
       {{"region",
         {{"type", "string"},
          {"description", "A UK region: " + join(regions, ", ") +
                              "; common aliases work (NW, North West England, Midlands, the North). Separate several "
                              "with commas."}}},
        {"scopeSearch",
         {{"type", "string"},
          {"description",
           "The work, in words, matched with word stems against accreditation scopes, e.g. LV jointing, cable laying, "
           "service connections. Separate several kinds of work with commas."}}},
        {"scheme",
         {{"type", "string"}, {"description", "Accreditation scheme code: " + join(known_schemes(), ", ") + "."}}},
        {"status",
         {{"type", "string"},
          {"enum", {"valid", "expiring", "expired", "suspended", "withdrawn"}},
          {"description", "Only accreditations in this standing (expiring: ends within 30 days)."}}},
        {"name", {{"type", "string"}, {"description", "Part of the contractor's name or trading name."}}},
        {"limit",
         {{"type", "integer"},
          {"minimum", 1},
          {"maximum", options.max_results},
          {"description", "How many contractors to return (default " + std::to_string(options.default_results) +
                              ")."}}}}},
      {"additionalProperties", false}};
  Json detail_schema = {
      {"type", "object"},
      {"properties",
       {{"contractorId",
         {{"type", "string"}, {"description", "The contractor's id from searchContractors, e.g. CTR-0042."}}}}},
      {"required", {"contractorId"}}};
  Json contact_schema = {
      {"type", "object"},
      {"properties", {{"address", {{"type", "string"}, {"description", "An email address."}}}}},
      {"required", {"address"}}};

  chat::ToolSet set;
  set.name = "contractors";
  set.instructions = kInstructions;
  const chat::ToolEnv* e = &env;
  set.tools.push_back(llm::Tool{
      "searchContractors", kSearchDescription, search_schema,
      [e, options](const Json& input, const llm::ToolContext&) { return search_contractors(*e, options, input); },
      true});
  set.tools.push_back(llm::Tool{
      "getContractorDetail", kDetailDescription, detail_schema,
      [e, options](const Json& input, const llm::ToolContext&) { return contractor_detail(*e, options, input); },
      true});
  set.tools.push_back(llm::Tool{
      "getContact", kContactDescription, contact_schema,
      [e, options](const Json& input, const llm::ToolContext&) { return get_contact(*e, options, input); }, true});
  set.offline = [e, options](std::string_view question, const llm::ToolContext& context) {
    return offline_section(*e, options, question, context);
  };
  return set;
}

}  // namespace

bool QuestionCriteria::is_contractor_question() const {
  const bool scope = !scope_words.empty();
  if (!scheme.empty()) return true;
  if (mentions_contractors && (!regions.empty() || scope || status)) return true;
  return !regions.empty() && scope;
}

Result<QuestionCriteria> read_question(std::string_view question, ContractorRegistry& registry) {
  QuestionCriteria out;
  std::vector<Token> tokens = tokens_of(question);
  std::vector<bool> used(tokens.size(), false);
  auto free_window = [&](size_t i, size_t n) {
    for (size_t k = i; k < i + n; ++k) {
      if (used[k]) return false;
    }
    return true;
  };
  auto take = [&](size_t i, size_t n) {
    for (size_t k = i; k < i + n; ++k) used[k] = true;
  };

  // Regions, longest names first ("North West England" before "North West" before "West").
  std::vector<std::string> region_texts;
  const size_t whole_country = 9;  // England and wider: no narrowing, not a sign of a contractor question
  for (size_t n = std::min<size_t>(4, tokens.size()); n >= 1; --n) {
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      if (!free_window(i, n)) continue;
      const std::string& first = tokens[i].text;
      if (n > 1 && iequals(first, "the")) continue;  // "the North West": the window after it names it
      if (n == 1 && ((first.size() <= 3 && !all_upper(first)) ||
                     (ambiguous_region_words().count(to_lower(first)) && !capitalised(first)))) {
        continue;
      }
      std::string text = join_tokens(tokens, i, n);
      auto resolved = resolve_region(text);
      if (!resolved || resolved->size() >= whole_country) continue;
      take(i, n);
      region_texts.push_back(text);
      for (auto& r : *resolved) {
        if (std::find(out.regions.begin(), out.regions.end(), r) == out.regions.end()) out.regions.push_back(r);
      }
    }
  }
  out.region_text = join(region_texts, ", ");

  // The scheme: a known code as a word (two for "Safe Contractor"); short codes in capitals.
  const auto& known = known_schemes();
  for (size_t n = std::min<size_t>(2, tokens.size()); n >= 1 && out.scheme.empty(); --n) {
    for (size_t i = 0; i + n <= tokens.size() && out.scheme.empty(); ++i) {
      if (!free_window(i, n)) continue;
      if (n == 1 && tokens[i].text.size() <= 3 && !all_upper(tokens[i].text)) continue;
      std::string code = canonical_scheme(join_tokens(tokens, i, n));
      if (std::find(known.begin(), known.end(), code) == known.end()) continue;
      take(i, n);
      out.scheme = code;
    }
  }

  // Status words, words about contractors, then scope words among the rest.
  std::map<std::string, bool> scope_cache;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (used[i]) continue;
    std::string lower = to_lower(tokens[i].text);
    if (auto st = status_word(lower)) {
      if (!out.status) out.status = st;
      continue;
    }
    if (contractor_words().count(lower)) {
      out.mentions_contractors = true;
      continue;
    }
    if (lower.size() < 2 || stop_words().count(lower)) continue;
    if (std::all_of(lower.begin(), lower.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
      continue;
    }
    auto cached = scope_cache.find(lower);
    bool known_scope = false;
    if (cached != scope_cache.end()) {
      known_scope = cached->second;
    } else {
      auto has = registry.has_scope(lower);
      if (!has && has.error().code != Code::kInvalidArgument) return fail(has.error());
      known_scope = has && *has;
      scope_cache[lower] = known_scope;
    }
    if (known_scope) out.scope_words.push_back(tokens[i].text);
  }
  return out;
}

chat::ToolFactory contractor_tools(ContractorToolOptions options) {
  return [options](const chat::ToolEnv& env) { return make_tools(env, options); };
}

}  // namespace mailsift::contacts
