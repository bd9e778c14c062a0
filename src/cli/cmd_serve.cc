// `mailsift serve`: the HTTP API and the web UI on the data directory (src/server).
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "cli/contacts_views.h"
#include "cli/wiring.h"
#include "contacts/regions.h"
#include "contacts/sqlite_contacts.h"
#include "contacts/sqlite_registry.h"
#include "core/time.h"
#include "search/local_embedder.h"
#include "search/local_model.h"
#include "server/auth.h"
#include "server/local_backend.h"
#include "server/server.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct ServeArgs {
  std::string listen;
  int threads = 0;
  int max_chats = 0;
  bool no_access_log = false;
};

// The CLI's wiring, owned for the server's ingest. Like `mailsift ingest`, it finishes (saves
// the vector index, embeds what has no vector yet) when it ends, at shutdown.
class WiredIngest final : public server::IngestUnit {
 public:
  WiredIngest(Context& ctx, Wiring w) : ctx_(ctx), wiring_(std::move(w)) {}
  ~WiredIngest() override { finish_ingest(ctx_, wiring_); }
  WiredIngest(const WiredIngest&) = delete;
  WiredIngest& operator=(const WiredIngest&) = delete;
  ProcessPorts ports() override { return wiring_.ports(); }

 private:
  Context& ctx_;
  Wiring wiring_;
};

// Blocks SIGINT and SIGTERM in every thread (threads inherit the mask) and waits for them on a
// thread of its own, so the server stops cleanly on Ctrl-C.
class SignalWatch {
 public:
  explicit SignalWatch(std::function<void()> on_signal) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this, on_signal = std::move(on_signal)] {
      int sig = 0;
      sigwait(&set_, &sig);
      if (!quitting_) on_signal();
    });
  }
  ~SignalWatch() {
    quitting_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
  }
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

 private:
  sigset_t set_{};
  std::atomic<bool> quitting_{false};
  std::thread thread_;
};

// The local embedding model, loaded on first use: the first semantic search (or chat) pays for
// it, and a server that only lists, reads and keyword-searches mail never holds it (it is the
// largest part of the process). Thread-safe once loaded when the model is.
class LazyLocalEmbedder final : public Embedder {
 public:
  explicit LazyLocalEmbedder(std::string path) : path_(std::move(path)) {}

  Result<std::vector<Vector>> embed(std::span<const std::string> texts, EmbedInput input) override {
    Embedder* e = load();
    if (!e) return fail(error_);
    return e->embed(texts, input);
  }
  // When the model cannot be loaded the id names the failure, so the Searcher leaves the vector
  // index alone (vectors of another model) and answers from BM25 with that note.
  std::string model_id() const override {
    Embedder* e = load();
    return e ? e->model_id() : "unloadable (" + error_.message + ")";
  }
  size_t dimension() const override {
    Embedder* e = load();
    return e ? e->dimension() : 0;
  }
  size_t max_batch() const override {
    Embedder* e = load();
    return e ? e->max_batch() : 1;
  }
  bool thread_safe() const override {
    Embedder* e = load();
    return e ? e->thread_safe() : true;
  }

 private:
  Embedder* load() const {
    std::call_once(once_, [this] {
      auto model = search::LocalModel::load(path_);
      if (model) {
        inner_ = std::make_unique<search::LocalEmbedder>(std::move(*model));
      } else {
        error_ = model.error();
      }
    });
    return inner_.get();
  }

  std::string path_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<Embedder> inner_;
  mutable Error error_{Code::kInternal, "not loaded"};
};

// open_searcher, with the local model loaded on first use when there is one.
Result<std::unique_ptr<search::Searcher>> open_serve_searcher(Context& ctx) {
  std::string provider = ctx.config().get("embeddings.provider", "local");
  std::string model_path = search::local_model_path(ctx.data_dir());
  std::error_code ec;
  if ((!provider.empty() && provider != "local") || !std::filesystem::exists(model_path, ec)) {
    return open_searcher(ctx);  // not the local model, or none yet: as the CLI does it
  }
  auto options = MAILSIFT_TRY(search::searcher_options(ctx.config(), ctx.data_dir()));
  auto searcher = MAILSIFT_TRY(
      search::Searcher::open(options, std::make_shared<LazyLocalEmbedder>(model_path), now_unix()));
  add_contractor_scheme(ctx, searcher->syntax());  // from:contractor:ID
  return searcher;
}

using server::Json;

Json summaries_json(SqliteEmailStore& store, const std::vector<EmailId>& ids) {
  Json out = Json::array();
  for (EmailId id : ids) {
    auto se = store.get(id);
    if (se) out.push_back(to_json(se->summary));
  }
  return out;
}

// The search, contacts and contractor features of the server, with the JSON shapes of the
// matching commands' --json output (search, contacts, contacts show, contractors search/show).
server::LocalFeatures serve_features(Context& ctx, std::vector<std::string>& notes) {
  server::LocalFeatures f;
  auto searcher = open_serve_searcher(ctx);
  std::shared_ptr<search::Searcher> shared;
  if (searcher) {
    shared = std::shared_ptr<search::Searcher>(std::move(*searcher));
    f.search = [shared](const server::SearchRequest& r) -> Result<Json> {
      search::SearchRequest req;
      req.query = r.query;
      req.mode = search::parse_mode(r.mode).value_or(search::SearchMode::kHybrid);
      req.limit = r.limit;
      req.offset = r.offset;
      req.threads = r.threads;
      auto res = MAILSIFT_TRY(shared->search(req));
      Json hits = Json::array();
      for (const auto& h : res.hits) hits.push_back(hit_json(h, r.threads));
      return Json{{"hits", hits},
                  {"notes", res.notes},
                  {"mode", search::mode_name(req.mode)},
                  {"limit", r.limit},
                  {"offset", r.offset}};
    };
  } else {
    notes.push_back("search is off: " + searcher.error().to_string());
  }
  // The chat shares the searcher; without a usable model ([llm] settings) POST /api/chat says so.
  if (shared) {
    if (auto chat = add_chat_feature(ctx, shared, f); !chat) notes.push_back("chat is off: " + chat.error().to_string());
  } else {
    notes.push_back("chat is off: it needs search");
  }

  f.message_links = [](SqliteEmailStore& store, EmailId id) { return message_links_json(store, id); };
  f.contacts = [](SqliteEmailStore& store, const std::string& text, int limit, int offset) -> Result<Json> {
    contacts::SqliteContacts c(store.database());
    contacts::ContactQuery q;
    q.text = text;
    q.limit = limit;
    q.offset = offset;
    Json rows = Json::array();
    for (const auto& k : MAILSIFT_TRY(c.list(q))) rows.push_back(contact_json(k));
    return Json{{"contacts", rows}, {"limit", limit}, {"offset", offset}};
  };
  f.contact = [](SqliteEmailStore& store, const std::string& address) -> Result<Json> {
    contacts::SqliteContacts c(store.database());
    auto found = MAILSIFT_TRY(c.get(address));
    if (!found) return fail(Code::kNotFound, "no contact " + address);
    auto activity = MAILSIFT_TRY(c.activity(found->address, 10));
    Json j = contact_json(*found);
    Json by_class = Json::object(), by_direction = Json::object();
    for (const auto& [k, n] : activity.by_class) by_class[k] = n;
    for (const auto& [k, n] : activity.by_direction) by_direction[k] = n;
    j["by_class"] = by_class;
    j["by_direction"] = by_direction;
    j["latest_emails"] = summaries_json(store, activity.latest);
    return j;
  };
  f.contractors = [](SqliteEmailStore& store, const server::ContractorQuery& r) -> Result<Json> {
    contacts::ContractorQuery q;
    if (!r.region.empty()) q.regions = MAILSIFT_TRY(contacts::resolve_region(r.region));
    if (!r.scheme.empty()) q.scheme = contacts::canonical_scheme(r.scheme);
    q.scope = r.scope;
    if (!r.status.empty()) q.status = MAILSIFT_TRY(contacts::parse_status_filter(r.status));
    q.name = r.query;
    q.limit = r.limit + r.offset;
    contacts::Day today = contacts::day_of(now_unix());
    contacts::SqliteRegistry registry(store.database());
    auto hits = MAILSIFT_TRY(registry.search(q, today));
    Json rows = Json::array();
    for (size_t i = static_cast<size_t>(r.offset); i < hits.size(); ++i) {
      const auto& h = hits[i];
      Json j = contacts::to_json(h.contractor, today);
      Json matching = Json::array();
      for (size_t a : h.matching) matching.push_back(h.contractor.accreditations[a].certificate);
      j["matching"] = matching;
      rows.push_back(std::move(j));
    }
    return Json{{"contractors", rows},
                {"as_of", contacts::format_day(today)},
                {"limit", r.limit},
                {"offset", r.offset},
                {"registry_size", MAILSIFT_TRY(registry.count())}};
  };
  f.contractor = [](SqliteEmailStore& store, const std::string& id) -> Result<Json> {
    contacts::Day today = contacts::day_of(now_unix());
    contacts::SqliteRegistry registry(store.database());
    contacts::SqliteContacts people(store.database());
    auto found = MAILSIFT_TRY(registry.get(id));
    if (!found) return fail(Code::kNotFound, "no contractor " + id);
    const contacts::Contractor& c = *found;
    Json j = contacts::to_json(c, today);
    Json soon = Json::array();
    for (const auto& a : c.accreditations) {
      if (a.matches(contacts::StatusFilter::kExpiring, today)) soon.push_back(contacts::to_json(a, today));
    }
    j["expiring_within_30_days"] = soon;
    contacts::ContactQuery cq;
    cq.contractor_id = c.id;
    cq.limit = 20;
    Json linked = Json::array();
    for (const auto& k : MAILSIFT_TRY(people.list(cq))) linked.push_back(contact_json(k));
    j["contacts"] = linked;
    j["latest_emails"] =
        summaries_json(store, MAILSIFT_TRY(people.messages_from(c.email_domains, c.contact_emails, 10)));
    j["as_of"] = contacts::format_day(today);
    return j;
  };
  return f;
}

Result<void> run_serve(Context& ctx, const ServeArgs& args) {
  // First, before any thread starts: Ctrl-C and SIGTERM stop the server instead of killing it.
  std::atomic<server::Server*> running{nullptr};
  std::atomic<bool> interrupted{false};
  SignalWatch signals([&] {
    interrupted = true;
    if (auto* s = running.load()) s->stop();
  });
  const Config& cfg = ctx.config();
  server::ServerOptions options;
  std::string listen = args.listen.empty() ? cfg.get("server.listen", "127.0.0.1:8025") : args.listen;
  auto [host, port] = MAILSIFT_TRY(server::parse_listen(listen, "127.0.0.1"));
  options.host = host;
  options.port = port;
  options.threads = args.threads > 0 ? args.threads : static_cast<int>(MAILSIFT_TRY(cfg.get_int("server.threads", 16)));
  options.max_chats =
      args.max_chats > 0 ? args.max_chats : static_cast<int>(MAILSIFT_TRY(cfg.get_int("server.max_chats", 4)));
  options.chat_timeout = std::chrono::seconds(MAILSIFT_TRY(cfg.get_int("server.chat_timeout_s", 300)));
  options.max_body_bytes = MAILSIFT_TRY(ctx.max_message_bytes());
  options.data_dir = ctx.data_dir();
  options.web_dir = cfg.get("server.web_dir");

  // The data directory and database exist before the token is written into it.
  MAILSIFT_TRY(ctx.open_store(/*create=*/true));
  auto token = MAILSIFT_TRY(server::ensure_token(ctx.data_dir()));
  options.token = token.token;

  std::mutex log_mutex;
  bool access_log = !args.no_access_log && !ctx.global.quiet && MAILSIFT_TRY(cfg.get_bool("server.access_log", true));
  if (access_log) {
    options.access_log = [&log_mutex](const std::string& line) {
      std::lock_guard lock(log_mutex);
      std::cerr << line << "\n";
    };
  }

  server::LocalBackendOptions backend_options;
  backend_options.db_path = ctx.db_path();
  backend_options.process.parse.max_message_bytes = options.max_body_bytes;
  backend_options.make_ingest = [&ctx]() -> Result<std::unique_ptr<server::IngestUnit>> {
    auto w = MAILSIFT_TRY(wire_ingest(ctx, /*create=*/false));
    return std::unique_ptr<server::IngestUnit>(new WiredIngest(ctx, std::move(w)));
  };
  std::vector<std::string> notes;
  backend_options.features = serve_features(ctx, notes);
  auto backend = MAILSIFT_TRY(server::LocalBackend::open(std::move(backend_options)));
  auto srv = MAILSIFT_TRY(server::Server::create(options, *backend));
  MAILSIFT_TRY_VOID(srv->bind());

  std::string url =
      fmt::format("http://{}:{}/", host.find(':') != std::string::npos ? "[" + host + "]" : host, srv->port());
  std::cout << "mailsift serving " << url << "  (data: " << ctx.data_dir() << ")\n";
  if (token.created) {
    std::cout
        << "API token (shown once; `mailsift token show` prints it again, `mailsift token rotate` replaces it):\n  "
        << token.token << "\n";
  } else {
    std::cout << "API token: in " << token.path << " (`mailsift token show`)\n";
  }
  if (!server::is_loopback_host(host)) {
    std::cerr << "warning: listening on " << host << " beyond localhost without TLS: the token and every email "
              << "cross the network in clear text. Put a TLS-terminating proxy in front, or listen on 127.0.0.1.\n";
  }
  for (const auto& n : notes) ctx.note("note: " + n);
  std::cout << "Press Ctrl-C to stop.\n" << std::flush;

  running = srv.get();
  if (interrupted) return ok();
  auto ran = srv->run();
  running = nullptr;
  ctx.note("mailsift: stopped");
  return ran;
}

}  // namespace

void add_serve(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API and the web UI");
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (setting server.listen; default 127.0.0.1:8025)");
  cmd->add_option("--threads", args->threads, "Worker threads, one connection each (server.threads; default 16)");
  cmd->add_option("--max-chats", args->max_chats, "Chats answered at once (server.max_chats; default 4)");
  cmd->add_flag("--no-access-log", args->no_access_log, "Do not log requests on stderr");
  cmd->footer(R"HELP(Every /api route needs the bearer token that the first start writes into the data
directory (printed once; `mailsift token show` prints it again). Open the printed address in a
browser and paste the token to log in. The API is described at /api/openapi.json and in docs/API.md.

Examples:
  mailsift serve
  mailsift serve --listen 127.0.0.1:9000
  curl -H "Authorization: Bearer $(mailsift token show)" 'http://127.0.0.1:8025/api/search?q=invoice')HELP");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_serve(ctx, *args); }; });
}

}  // namespace mailsift::cli
