#include "classify/features.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/strings.h"

namespace mailsift::classify {

namespace {

// Lower-cases ASCII into a buffer the caller reuses, so phrase searches are plain finds.
std::string_view lowered(std::string_view text, std::string& buffer) {
  buffer.resize(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return buffer;
}

// How common a byte is in English text (higher: more common); the rarest byte of a phrase is
// the one to look for first.
int commonness(unsigned char c) {
  static constexpr std::string_view kByFrequency = "zqxjkvbpygfwmucldrhsnioate ";  // rare .. common
  const size_t at = kByFrequency.find(static_cast<char>(c));
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// True when `hay` contains `needle`: memchr for the needle's rarest byte, then a full compare.
// Much faster than string_view::find on long bodies, where a needle's first letter is common.
bool contains_phrase(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > hay.size()) return false;
  size_t anchor = 0;
  for (size_t i = 1; i < needle.size(); ++i) {
    if (commonness(static_cast<unsigned char>(needle[i])) < commonness(static_cast<unsigned char>(needle[anchor]))) {
      anchor = i;
    }
  }
  const char a = needle[anchor];
  const char* first = hay.data() + anchor;                         // earliest place the anchor can be
  const char* last = hay.data() + (hay.size() - needle.size()) + anchor;  // latest
  while (first <= last) {
    const void* hit = std::memchr(first, a, static_cast<size_t>(last - first) + 1);
    if (!hit) return false;
    const char* p = static_cast<const char*>(hit);
    if (std::memcmp(p - anchor, needle.data(), needle.size()) == 0) return true;
    first = p + 1;
  }
  return false;
}

// `lower` is already lower case; needles are.
bool has_any(std::string_view lower, std::initializer_list<std::string_view> needles) {
  for (auto n : needles) {
    if (contains_phrase(lower, n)) return true;
  }
  return false;
}

// Case-insensitive: true when `haystack` contains one of the (lower-case) needles.
bool contains_any(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  thread_local std::string buffer;
  return has_any(lowered(haystack, buffer), needles);
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes) {
    if (istarts_with(text, p)) return true;
  }
  return false;
}

// Function words: they say more about a writer's style (and so the source) than about the
// kind of mail, so they are not features on their own; pairs keep them ("let me", "find attached").
constexpr std::string_view kStopwords[] = {
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has",
    "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your", "yours", "0"};

// Word lists that carry a kind of mail whatever the source; each hit counts towards its list's
// feature (lex:social, lex:promo, lex:system, lex:work), which priors give a meaning to.
enum Lexicon { kSocial, kPromo, kSystem, kWork, kLexicons };

// What the feature extractor knows about a word: a stopword, and/or in a lexicon. Looked up by
// the word's hash (computed once per token), confirmed by comparing the word.
struct WordInfo {
  bool stop = false;
  int lexicon = -1;
};

class WordTable {
 public:
  WordTable() {
    slots_.resize(2048);
    for (auto w : kStopwords) at(w).stop = true;
    auto add = [&](Lexicon l, std::initializer_list<std::string_view> words) {
      for (auto w : words) at(w).lexicon = l;
    };
    add(kSocial, {"cake", "cakes", "birthday", "party", "lunch", "drinks", "pub", "quiz", "sweepstake", "football",
                "fantasy", "joke", "jokes", "funny", "lol", "haha", "weekend", "holiday", "holidays", "vacation",
                "christmas", "xmas", "bbq", "barbecue", "wedding", "baby", "congratulations", "congrats", "charity",
                "raffle", "bake", "biscuits", "doughnuts", "donuts", "pizza", "celebrate", "celebration",
                "retirement", "farewell", "cat", "dog", "kitten", "puppy", "family", "kids", "golf", "league",
                "lottery", "sympathy", "condolences", "prayers", "church", "dinner", "beer", "wine", "coffee",
                "fun", "enjoy", "cheers", "mum", "mom", "dad", "wife", "husband", "friends", "game", "tickets"});
    add(kPromo, {"offer", "offers", "discount", "discounts", "sale", "free", "save", "savings", "deals", "exclusive",
               "limited", "promo", "promotion", "webinar", "newsletter", "subscribe", "subscribers", "shop",
               "trial", "bonus", "win", "winner", "prize", "guaranteed", "earn", "income", "opportunity",
               "amazing", "lowest", "cheap", "vip", "summit", "conference", "register", "registration", "launch",
               "brochure", "catalogue", "catalog", "special", "unsubscribe", "marketing", "partner", "partners",
               "solution", "solutions", "industry", "leading", "insights", "demo"});
    add(kSystem, {"invoice", "receipt", "payment", "statement", "remittance", "password", "verification", "verify",
                "login", "account", "alert", "outage", "maintenance", "scheduled", "ticket", "incident",
                "resolved", "status", "delivery", "undeliverable", "notification", "automated", "automatically",
                "backup", "server", "error", "failed", "failure", "expired", "expires", "renewal", "subscription",
                "confirmation", "confirmed", "shipped", "reminder", "approval", "pending", "submitted", "system",
                "portal", "migration", "mandatory", "compliance", "policy", "reference", "notice", "processed",
                "overdue", "monitor", "downtime", "restored", "report", "daily", "weekly", "monthly"});
    add(kWork, {"please", "could", "quote", "quotation", "price", "pricing", "contract", "agreement", "proposal",
              "meeting", "call", "discuss", "review", "attached", "draft", "confirm", "site", "job", "works",
              "project", "client", "customer", "negotiate", "terms", "approve", "sign", "deadline", "budget",
              "cost", "costs", "estimate", "question", "questions", "issue", "problem", "thoughts", "feedback",
              "asap", "urgent", "thanks", "need", "let", "know", "tomorrow", "today", "agree", "decision",
              "plan", "team", "schedule"});
  }

  WordInfo find(std::string_view word, uint64_t hash) const {
    for (size_t s = hash & kMask;; s = (s + 1) & kMask) {
      const Slot& slot = slots_[s];
      if (slot.word.empty()) return {};
      if (slot.hash == hash && slot.word == word) return slot.info;
    }
  }

 private:
  static constexpr size_t kMask = 2047;
  struct Slot {
    uint64_t hash = 0;
    std::string_view word;
    WordInfo info;
  };
  WordInfo& at(std::string_view word) {
    const uint64_t hash = feature_id(word);
    for (size_t s = hash & kMask;; s = (s + 1) & kMask) {
      Slot& slot = slots_[s];
      if (slot.word.empty()) {
        slot.hash = hash;
        slot.word = word;
        return slot.info;
      }
      if (slot.word == word) return slot.info;
    }
  }
  std::vector<Slot> slots_;
};

const WordTable& word_table() {
  static const WordTable kTable;
  return kTable;
}

// Labels of host names that name no organisation (top-level and infrastructure labels).
bool generic_domain_label(std::string_view label) {
  static constexpr std::string_view kGeneric[] = {
      "com", "net", "org", "gov", "edu", "mil", "int", "biz", "info", "name", "pro", "coop", "example", "local",
      "localhost", "invalid", "test", "www", "mail", "email", "smtp", "mx", "imap", "pop", "lists", "list", "news",
      "bounce", "bounces", "mailer", "server", "servers", "host", "online", "web", "ltd", "plc", "inc", "corp",
      "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "aol", "icloud", "proton", "protonmail"};
  if (label.size() < 3) return true;  // country codes, "co", "ac", ...
  for (auto g : kGeneric) {
    if (label == g) return true;
  }
  return false;
}

// The hashes of the lower-case words of the people's names on a message (display names, X-From /
// X-To, first.last local parts): in the text they become "<name>" ("Hi Dan", "Hi Sioned" alike).
// `orgs` gets the labels of the addresses' domains ("enron" of enron.com, "kestrel" and
// "utility" of kestrel-utility.example): in the text they become "<org>", so that a message
// naming its own organisation reads the same whichever organisation it is.
void collect_names(const Email& e, std::vector<uint64_t>& out, std::vector<uint64_t>& orgs) {
  out.clear();
  orgs.clear();
  thread_local TokenBuffer words;
  auto add_words = [&](std::string_view text) {
    if (auto lt = text.find('<'); lt != std::string_view::npos) text = text.substr(0, lt);
    words.clear();
    tokenize(text, 8, words);
    for (size_t i = 0; i < words.size(); ++i) {
      std::string_view w = words[i];
      if (w.size() < 3 || w.find('0') != std::string_view::npos || w.front() == '<') continue;
      const uint64_t h = feature_id(w);
      if (std::find(out.begin(), out.end(), h) == out.end() && out.size() < 64) out.push_back(h);
    }
  };
  auto add_domain = [&](std::string_view domain) {
    size_t start = 0;
    while (start < domain.size() && orgs.size() < 32) {
      size_t end = domain.find_first_of(".-", start);
      if (end == std::string_view::npos) end = domain.size();
      std::string label(domain.substr(start, end - start));
      for (char& c : label) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      bool letters = !label.empty();
      for (char c : label) letters = letters && c >= 'a' && c <= 'z';
      if (letters && !generic_domain_label(label)) {
        const uint64_t h = feature_id(label);
        if (std::find(orgs.begin(), orgs.end(), h) == orgs.end()) orgs.push_back(h);
      }
      start = end + 1;
    }
  };
  auto add_address = [&](const Address& a) {
    add_words(a.name);
    if (const size_t at = a.address.rfind('@'); at != std::string::npos) {
      add_domain(std::string_view(a.address).substr(at + 1));
    }
    const std::string& addr = a.address;
    const size_t at = addr.find('@');
    std::string_view local = std::string_view(addr).substr(0, at == std::string::npos ? 0 : at);
    if (local.find_first_of("._") != std::string_view::npos) {
      std::string spaced(local);
      for (char& c : spaced) {
        if (c == '.' || c == '_') c = ' ';
      }
      add_words(spaced);
    }
  };
  for (const auto* list : {&e.from, &e.sender, &e.reply_to, &e.to, &e.cc}) {
    for (const Address& a : *list) add_address(a);
  }
  for (const char* h : {"X-From", "X-To", "X-cc"}) {
    if (const Header* x = e.header(h)) {
      for (const auto& part : split(x->value, ',')) add_words(part);
    }
  }
}

class Emitter {
 public:
  Emitter(FeatureBag& bag, bool with_names) : bag_(bag), names_(with_names) {}

  // Features whose meaning depends on the context (a person's reply on a mailing list is list
  // chatter; the same reply sent directly is work) get the context as a prefix: "" for direct
  // mail, "l." for list and bulk mail.
  void set_list_context(bool list) { ctx_ = list ? "l." : ""; }
  bool list_context() const { return !ctx_.empty(); }

  // A context-free feature (header evidence that means the same everywhere).
  void fixed(std::string_view name) {
    bag_.features.push_back({feature_id(name), 1.0f});
    if (names_) bag_.names.emplace_back(name);
  }
  void fixed(std::string_view prefix, std::string_view value) {
    bag_.features.push_back({FeatureHash().add(prefix).add(value).value(), 1.0f});
    if (names_) bag_.names.push_back(std::string(prefix).append(value));
  }
  void flag(std::string_view name) {
    bag_.features.push_back({FeatureHash().add(ctx_).add(name).value(), 1.0f});
    if (names_) bag_.names.push_back(std::string(ctx_).append(name));
  }
  void text(std::string_view prefix, std::string_view token) {
    bag_.features.push_back({FeatureHash().add(ctx_).add(prefix).add(token).value(), 0.0f});
    if (names_) bag_.names.push_back(std::string(ctx_).append(prefix).append(token));
  }
  void pair(std::string_view a, std::string_view b) {
    bag_.features.push_back({FeatureHash().add(ctx_).add("b:").add(a).add("_").add(b).value(), 0.0f});
    if (names_) bag_.names.push_back(std::string(ctx_).append("b:").append(a).append("_").append(b));
  }
  size_t size() const { return bag_.features.size(); }
  // Gives the text features from `first` on their share of the text weight.
  void weigh_text(size_t first, double scale, size_t min_count) {
    const size_t n = bag_.features.size() - first;
    if (n == 0) return;
    const float v = static_cast<float>(scale / std::sqrt(static_cast<double>(std::max(n, min_count))));
    for (size_t i = first; i < bag_.features.size(); ++i) bag_.features[i].value = v;
  }

 private:
  FeatureBag& bag_;
  bool names_;
  std::string_view ctx_;
};

// The local part of an address, lower-cased.
std::string local_part(const Address& a) {
  std::string n = a.normalized();
  auto at = n.rfind('@');
  return at == std::string::npos ? n : n.substr(0, at);
}

// The display name of the sender; archives that strip it keep it in X-From.
std::string_view sender_name(const Email& e) {
  std::string_view name = trim(e.primary_from().name);
  if (!name.empty()) return name;
  if (const Header* x = e.header("X-From")) {
    std::string_view v = trim(x->value);
    if (auto lt = v.find('<'); lt != std::string_view::npos) v = trim(v.substr(0, lt));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (v.find('@') == std::string_view::npos) return v;
  }
  return {};
}

void sender_features(const Email& e, Emitter& out) {
  const Address& from = e.primary_from();
  if (from.address.empty()) {
    out.fixed("from:none");
    return;
  }
  const std::string local = local_part(from);
  if (contains_any(local, {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
                           "dontreply", "mailer-daemon", "postmaster", "no.address", "noaddress", "unmonitored"})) {
    out.fixed("from:noreply");
  }
  if (contains_any(local, {"alert", "notif", "notify", "monitor", "system", "automated", "auto-", "daemon", "cron",
                           "bounce", "calendar", "jira", "bugzilla", "helpdesk", "servicedesk", "workflow", "robot",
                           "nagios", "admin", "root", "mailer", "report", "billing", "invoice", "statement",
                           "payments", "receipt", "security", "account", "password", "ticket", "support",
                           "feedback", "console", "announce", "operations", "ops", "outlook", "exchange", "it."})) {
    out.fixed("from:system");
  }
  if (contains_any(local, {"news", "newsletter", "marketing", "offers", "promo", "deals", "info", "hello", "events",
                           "webinar", "digest", "update", "team", "sales", "mail", "contact", "subscriptions"})) {
    out.flag("from:bulk-role");
  }
  // "First Last" (two to four capitalised words, no digits or "@") reads as a person.
  std::string_view name = sender_name(e);
  if (!name.empty()) {
    auto words = split(name, ' ', true);
    bool person = words.size() >= 2 && words.size() <= 4;
    for (const auto& w : words) {
      if (w.empty() || !(w[0] >= 'A' && w[0] <= 'Z') || w.find_first_of("@0123456789|:&") != std::string::npos) {
        person = false;
      }
    }
    if (person) out.flag("from:person-name");
    if (contains_any(name, {"team", "support", "service", "notification", "alert", "no reply", "noreply", "news",
                            "system", "admin", "desk", "customer", "billing", "accounts", "calendar", "announcement",
                            "console", "center", "centre", "operations", "process", "department", "office", "group",
                            "helpdesk", "administrator", "security", "payroll", "finance", "bulletin"})) {
      out.fixed("from:org-name");
    }
  }
  std::string from_domain = from.domain();
  if (!e.reply_to.empty() && !from_domain.empty() && e.reply_to.front().domain() != from_domain) {
    out.fixed("hdr:reply-to-elsewhere");
  }
}

void addressing_features(const Email& e, Emitter& out) {
  const size_t n = e.to.size() + e.cc.size();
  bool undisclosed = e.to.empty();
  for (const auto& a : e.to) {
    if (icontains(a.name, "undisclosed") || icontains(a.address, "undisclosed")) undisclosed = true;
  }
  if (undisclosed) out.flag("to:undisclosed");
  if (n >= 2 && n <= 4) out.flag("to:few");
  else if (n >= 5 && n <= 15) out.flag("to:many");
  else if (n > 15) out.flag("to:crowd");
  if (!e.cc.empty()) out.flag("to:cc");
}

// The kind of program named by X-Mailer / User-Agent.
std::string_view mailer_kind(std::string_view v) {
  if (contains_any(v, {"mailchimp", "sendgrid", "constant contact", "campaign", "mailgun", "phpmailer", "mass",
                       "bulk", "newsletter", "emarsys", "exacttarget", "marketo", "hubspot", "lyris", "sendinblue",
                       "brevo", "mailjet", "klaviyo", "blast", "group mail", "listserv", "sympa", "mailman"})) {
    return "bulk";
  }
  if (contains_any(v, {"outlook", "thunderbird", "apple mail", "iphone", "ipad", "android", "evolution", "mutt",
                       "pine", "kmail", "eudora", "lotus notes", "notes", "gmail", "mozilla", "opera", "claws",
                       "sylpheed", "becky", "pegasus", "the bat", "exmh", "roundcube", "horde", "imp", "squirrelmail",
                       "mail.app", "gnus", "emacs", "spark", "airmail", "mailmate", "groupwise", "windows mail",
                       "mimeole", "novell"})) {
    return "client";
  }
  if (contains_any(v, {"cron", "nagios", "zabbix", "jenkins", "jira", "bugzilla", "redmine", "otrs", "zendesk",
                       "freshdesk", "servicenow", "php", "perl", "python", "java", "ruby", "net::smtp", "swiftmailer",
                       "nodemailer", "postfix", "sendmail", "exchange", "system", "monitor", "script"})) {
    return "system";
  }
  return {};
}

// Header evidence that means the same in every context; decides the context for the rest.
void header_features(const Email& e, Emitter& out) {
  bool list = false;
  if (!e.list_id.empty()) {
    out.fixed("hdr:list-id");
    list = true;
  }
  if (!e.list_unsubscribe.empty()) {
    out.fixed("hdr:list-unsubscribe");
    list = true;
  }
  if (!e.precedence.empty()) {
    std::string p = to_lower(trim(e.precedence));
    if (p == "bulk" || p == "list" || p == "junk") {
      out.fixed("hdr:precedence-", p);
      list = true;
    }
  }
  if (!e.auto_submitted.empty()) {
    std::string a = to_lower(trim(e.auto_submitted));
    if (a != "no") {
      out.fixed("hdr:auto-submitted");
      if (istarts_with(a, "auto-replied")) out.fixed("hdr:auto-replied");
    }
  }
  if (e.message_id_synthesized) out.fixed("hdr:no-message-id");

  bool bulk = false, ticket = false, monitoring = false, auth_fail = false, list_post = false, one_click = false,
       auto_reply = false, priority = false;
  std::string_view mailer;
  for (const Header& h : e.headers) {
    const std::string_view n = h.name;
    if (n.size() < 5) continue;
    if (iequals(n, "List-Post")) list_post = true;
    else if (iequals(n, "List-Unsubscribe-Post")) one_click = true;
    else if (iequals(n, "Feedback-ID") || starts_with_any(n, {"X-Campaign", "X-Mailchimp", "X-MC-", "X-SG-", "X-SES-",
                                                                 "X-Mailgun", "X-SFMC", "X-CSA-", "X-Mailer-Recpt",
                                                                 "X-Marketo", "X-Hubspot", "X-Newsletter", "X-Sendinblue",
                                                                 "X-Emarsys", "X-Listmember", "X-Bulkmail"})) {
      bulk = true;
    } else if (starts_with_any(n, {"X-Zendesk", "X-Freshdesk", "X-Bugzilla", "X-JIRA", "X-Redmine", "X-RT-",
                                   "RT-Ticket", "X-OTRS", "X-ServiceNow", "X-GitHub", "X-GitLab", "X-Atlassian",
                                   "X-Asana", "X-Trello", "X-Helpdesk", "X-Ticket", "X-Workflow", "X-Cvs", "X-Git-",
                                   "X-SVN"})) {
      ticket = true;
    } else if (starts_with_any(n, {"X-Nagios", "X-Zabbix", "X-PagerDuty", "X-Alert", "X-Grafana", "X-Datadog",
                                   "X-Monitoring", "X-Cron-Env", "X-Opsgenie", "X-Prometheus"})) {
      monitoring = true;
    } else if (iequals(n, "Authentication-Results") || iequals(n, "Received-SPF")) {
      std::string v = to_lower(h.value);
      if (contains_any(v, {"spf=fail", "dkim=fail", "dmarc=fail", "spf=softfail", "compauth=fail"}) ||
          istarts_with(v, "fail") || istarts_with(v, "softfail")) {
        auth_fail = true;
      }
    } else if (mailer.empty() && (iequals(n, "X-Mailer") || iequals(n, "User-Agent") || iequals(n, "X-MimeOLE"))) {
      mailer = mailer_kind(h.value);
    } else if (starts_with_any(n, {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", "X-Autogenerated"})) {
      auto_reply = true;
    } else if ((iequals(n, "X-Priority") && trim(h.value).starts_with("1")) ||
               (iequals(n, "Importance") && iequals(trim(h.value), "high"))) {
      priority = true;
    }
  }
  if (list_post) out.fixed("hdr:list-post");
  if (one_click) out.fixed("hdr:one-click-unsubscribe");
  if (bulk) out.fixed("hdr:bulk-sender");
  if (ticket) out.fixed("hdr:ticket-system");
  if (monitoring) out.fixed("hdr:monitoring-system");
  if (auth_fail) out.fixed("hdr:auth-fail");
  if (auto_reply) out.fixed("hdr:auto-response");
  if (mailer == "bulk" || mailer == "system") out.fixed("mailer:", mailer);
  list = list || list_post || bulk || mailer == "bulk";
  out.set_list_context(list);

  if (mailer == "client") out.flag("mailer:client");
  if (priority) out.flag("hdr:high-priority");
  if (!e.in_reply_to.empty() || !e.references.empty()) out.flag("hdr:thread-reply");
}

void mime_features(const Email& e, Emitter& out) {
  if (e.is_report) {
    out.fixed("mime:report");
    std::string t = to_lower(e.report_type);
    if (t == "delivery-status" || t == "disposition-notification" || t == "feedback-report") out.fixed("mime:report-", t);
  }
  if (e.has_calendar) out.fixed("mime:calendar");
  if (e.forwarded_messages > 0) out.flag("mime:forward");
  if (e.content_type == "text/html") out.flag("mime:html-only");
  if (e.content_type == "multipart/alternative" || (!e.html_body.empty() && e.content_type != "text/html")) {
    out.flag("mime:html-and-text");
  }
  if (!e.attachments.empty()) out.flag("mime:attachment");
  for (const Attachment& a : e.attachments) {
    const std::string& t = a.content_type;
    std::string f = to_lower(a.filename);
    if (t == "application/pdf" || f.ends_with(".pdf")) out.flag("att:pdf");
    else if (t == "text/csv" || f.ends_with(".csv") || f.ends_with(".xls") || f.ends_with(".xlsx")) out.flag("att:sheet");
    else if (t.starts_with("image/")) out.flag("att:image");
    else if (t == "text/calendar" || f.ends_with(".ics")) out.fixed("att:calendar");
    else if (t == "text/html" || f.ends_with(".htm") || f.ends_with(".html")) out.flag("att:html");
    else if (f.ends_with(".doc") || f.ends_with(".docx") || t.find("word") != std::string::npos) out.flag("att:document");
    else if (f.ends_with(".zip") || f.ends_with(".gz") || t.find("zip") != std::string::npos) out.flag("att:archive");
    else if (t.starts_with("audio/")) out.flag("att:audio");
    else if (t == "message/rfc822") out.flag("att:message");
  }
}

// "11/2/01", "2025-03-04", "10-28-01", "03/18": digits, a separator, digits.
bool has_date(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (!(s[i] >= '0' && s[i] <= '9')) continue;
    const char sep = s[i + 1];
    if ((sep == '/' || sep == '-' || sep == '.') && s[i + 2] >= '0' && s[i + 2] <= '9') return true;
  }
  return false;
}

void subject_features(const Email& e, Emitter& out) {
  std::string_view s = trim(e.subject);
  if (s.empty()) {
    out.flag("subj:empty");
    return;
  }
  if (starts_with_any(s, {"re:", "re ", "aw:", "sv:", "antw:", "ynt:"})) out.flag("subj:reply");
  if (starts_with_any(s, {"fw:", "fwd:", "fw ", "wg:", "tr:", "rv:"}) || icontains(s, "(fwd)")) out.flag("subj:forward");
  if (contains_any(s, {"out of office", "out of the office", "automatic reply", "auto-reply", "autoreply",
                       "auto reply", "away from", "on vacation", "on leave", "absence"})) {
    out.fixed("subj:auto-reply");
  }
  if (contains_any(s, {"undeliverable", "undelivered", "delivery status", "returned mail", "delivery failure",
                       "delivery failed", "failure notice", "delivery has failed", "could not be delivered",
                       "delivery delayed", "delayed mail", "non-delivery"})) {
    out.fixed("subj:bounce");
  }
  if (starts_with_any(s, {"invitation:", "updated invitation", "accepted:", "declined:", "tentative:", "canceled",
                          "cancelled", "updated:", "new event:", "invitation to", "event invitation",
                          "meeting request", "reminder:"})) {
    out.fixed("subj:calendar");
  }
  // Status words of notices and workflow mail.
  if (contains_any(s, {"submitted", "approved", "approval", "rejected", "closed:", "overdue", "deadline", "expired",
                       "expires", "expiring", "confirmation", "confirmed", "receipt", "notification", "notice",
                       "alert", "warning", "outage", "maintenance", "scheduled", "statement", "invoice", "password",
                       "verify", "verification", "action required", "reminder", "failed", "failure", "completed",
                       "report"})) {
    out.fixed("subj:notice-word");
  }
  // A date in the subject ("Daily cash as of 11/2/01", "Report for week of 03/18"): routine reports.
  if (has_date(s) || contains_any(s, {"as of ", "week of ", "w/e ", "week ending", "month end", "month-end"})) {
    out.fixed("subj:dated");
  }
  // "[#1234]", "Ticket 123", "Case #", "INC0012345", "[Bug 42]"
  if (contains_any(s, {"[#", "ticket", "case #", "case:", "incident", "request #", "[bug ", "[jira]", "issue #",
                       "(issue", "sr#", "ref:"})) {
    out.fixed("subj:ticket-ref");
  }
  size_t letters = 0, upper = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') ++upper;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
  }
  if (letters >= 8 && upper * 10 >= letters * 7) out.flag("subj:shouting");
  if (s.find('!') != std::string_view::npos) out.flag("subj:exclaim");
}

void body_features(const Email& e, std::string_view visible_text, Emitter& out) {
  thread_local std::string cut_buffer, body_buffer, visible_buffer;
  // Boilerplate (unsubscribe, do-not-reply) sits at the start or the end: of a long body, the
  // first 2 KB and the last 3 KB are read.
  std::string_view raw_body = e.text_body;
  if (raw_body.size() > 5120) {
    cut_buffer.assign(utf8_prefix(raw_body, 2048)).append("\n").append(raw_body.substr(raw_body.size() - 3072));
    raw_body = cut_buffer;
  }
  const std::string_view body = lowered(raw_body, body_buffer);
  const std::string_view visible = lowered(utf8_prefix(visible_text, 4096), visible_buffer);
  if (has_any(body, {"unsubscribe", "opt out", "opt-out", "manage your preferences", "email preferences",
                          "update your preferences", "manage preferences", "remove yourself", "to be removed"})) {
    out.fixed("body:unsubscribe");
  }
  if (has_any(body, {"view in browser", "view this email in", "view it in your browser", "view online",
                          "trouble viewing", "web version"})) {
    out.fixed("body:view-online");
  }
  if (has_any(body, {"do not reply", "do not respond", "don't reply", "automatically generated",
                          "automated message", "this is an automated", "auto-generated", "automatic notification",
                          "generated automatically", "system generated", "this mailbox is not monitored"})) {
    out.fixed("body:automated");
  }
  std::string_view head = trim(visible.substr(0, 200));
  if (starts_with_any(head, {"hi ", "hi,", "hello", "dear ", "hey", "good morning", "good afternoon", "morning ",
                             "thanks", "thank you", "helo", "bore da", "noswaith"})) {
    out.flag("body:greeting");
  }
  std::string_view tail = body.size() > 400 ? body.substr(body.size() - 400) : body;
  if (has_any(tail, {"regards", "thanks", "thank you", "cheers", "best,", "sincerely", "diolch"})) {
    out.flag("body:signoff");
  }
  if (has_any(visible, {"click here", "click on the following", "click the link", "click the button",
                             "follow the link", "following link", "click below", "sign in to", "log in to",
                             "login to"})) {
    out.fixed("body:click");
  }
  // A form: several "Field name: value" lines, as systems write them.
  int fields = 0;
  size_t pos = 0;
  while (pos < visible_text.size() && fields < 3) {
    size_t end = visible_text.find('\n', pos);
    if (end == std::string_view::npos) end = visible_text.size();
    std::string_view line = trim(visible_text.substr(pos, end - pos));
    pos = end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon < 2 || colon > 32 || colon + 1 >= line.size()) continue;
    if (!(line[0] >= 'A' && line[0] <= 'Z')) continue;
    std::string_view key = trim(line.substr(0, colon));
    if (key.find("://") != std::string_view::npos || split(key, ' ', true).size() > 4) continue;
    if (trim(line.substr(colon + 1)).empty()) continue;
    ++fields;
  }
  if (fields >= 3) out.fixed("body:fields");
  const size_t full = e.text_body.size();
  if (visible_text.size() + 200 < full && visible_text.size() * 2 < full) out.flag("body:mostly-quoted");
  if (visible.find('?') != std::string_view::npos) out.flag("body:question");
}

}  // namespace

void FeatureExtractor::extract(const Email& email, FeatureBag& bag, bool with_names, const ContactLookup* contacts) const {
  bag.clear();
  Emitter out(bag, with_names);
  header_features(email, out);
  sender_features(email, out);
  addressing_features(email, out);
  mime_features(email, out);
  subject_features(email, out);
  std::string_view visible = email.visible_text.empty() ? std::string_view(email.text_body) : email.visible_text;
  visible = utf8_prefix(visible, options_.max_body_bytes);
  body_features(email, visible, out);
  if (contacts && *contacts) {
    const Address& from = email.primary_from();
    if (!from.address.empty() && (*contacts)(from.normalized())) out.fixed("contact:known");
  }

  const size_t text_start = out.size();
  TokenBuffer& tokens = bag.tokens;
  tokens.clear();
  // The subject without its "Re:" / "Fwd:" prefixes: subj:reply and subj:forward carry those.
  std::string_view subject = trim(email.subject);
  while (true) {
    const size_t colon = subject.find(':');
    if (colon == std::string_view::npos || colon > 5) break;
    std::string_view head = trim(subject.substr(0, colon));
    if (!(iequals(head, "re") || iequals(head, "fw") || iequals(head, "fwd") || iequals(head, "aw") ||
          iequals(head, "sv") || iequals(head, "wg") || iequals(head, "tr"))) {
      break;
    }
    subject = trim(subject.substr(colon + 1));
  }
  thread_local std::vector<uint64_t> names, orgs;
  collect_names(email, names, orgs);
  const WordTable& table = word_table();
  int hits[kLexicons] = {};
  // One hash per token answers "a name?", "a stopword?" and "in a lexicon?".
  struct Word {
    std::string_view text;  // the token, "<name>" or "<org>"
    bool stop = false;
  };
  auto look = [&](std::string_view token) {
    const uint64_t h = feature_id(token);
    const WordInfo info = table.find(token, h);
    if (info.lexicon >= 0 && options_.lexicons) ++hits[info.lexicon];
    if (std::find(names.begin(), names.end(), h) != names.end()) return Word{"<name>", true};
    if (!info.stop && std::find(orgs.begin(), orgs.end(), h) != orgs.end()) return Word{"<org>", false};
    return Word{token, info.stop};
  };
  tokenize(subject, options_.max_subject_tokens, tokens);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Word w = look(tokens[i]);
    if (!w.stop || w.text == "<name>") out.text("s:", w.text);
  }
  tokens.clear();
  tokenize(visible, options_.max_body_tokens, tokens);
  bool prev_stop = true;
  std::string_view prev;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // A name says "a person wrote to a person", which social mail does as much as work mail:
    // in the body it only counts in pairs ("hi <name>").
    const Word w = look(tokens[i]);
    if (!w.stop) out.text("w:", w.text);
    if (options_.body_pairs && i > 0 && !(w.stop && prev_stop)) out.pair(prev, w.text);
    prev_stop = w.stop;
    prev = w.text;
  }
  out.weigh_text(text_start, options_.text_scale, options_.text_min_count);
  if (options_.lexicons) {
    static constexpr std::string_view kNames[kLexicons] = {"lex:social", "lex:promo", "lex:system", "lex:work"};
    static constexpr std::string_view kMany[kLexicons] = {"lex:social+", "lex:promo+", "lex:system+", "lex:work+"};
    for (int l = 0; l < kLexicons; ++l) {
      if (hits[l] >= 1) out.fixed(kNames[l]);
      if (hits[l] >= 3) out.fixed(kMany[l]);
    }
  }
}

}  // namespace mailsift::classify
