#include "cli/wiring.h"

#include <filesystem>

#include "contacts/contractor_resolver.h"

namespace mailsift::cli {

Result<Wiring> wire_ingest(Context& ctx, bool create) {
  Wiring w;
  w.store = MAILSIFT_TRY(ctx.open_store(create));
  w.bus = std::make_unique<InProcessBus>();
  if (MAILSIFT_TRY(ctx.config().get_bool("contacts.enrich", true))) {
    w.contacts = MAILSIFT_TRY(wire_contacts(ctx, *w.store));
    contacts::Enricher* enricher = w.contacts->enricher.get();
    w.bus->subscribe(events::kContactSeen, [enricher](const Event& e) -> Result<void> {
      if (e.email) {
        MAILSIFT_TRY_VOID(enricher->enrich(e.email_id, *e.email));
      } else {
        MAILSIFT_TRY_VOID(enricher->enrich(e.email_id));
      }
      return ok();
    });
    for (auto& n : w.contacts->notes) w.notes.push_back(n);
  }
  MAILSIFT_TRY_VOID(wire_vectors(ctx, w));
  auto classifier = MAILSIFT_TRY(wire_classifier(ctx, w.store.get()));
  w.classifier = std::move(classifier.classifier);
  for (auto& n : classifier.notes) w.notes.push_back(n);
  return w;
}

contacts::FreeMailPolicy free_mail_policy(const Context& ctx) {
  std::vector<std::string> patterns = ctx.config().has("contacts.free_mail_domains")
                                          ? ctx.config().get_list("contacts.free_mail_domains")
                                          : contacts::FreeMailPolicy::default_patterns();
  for (auto& extra : ctx.config().get_list("contacts.free_mail_extra")) patterns.push_back(extra);
  return contacts::FreeMailPolicy(std::move(patterns));
}

void add_contractor_scheme(Context& ctx, search::QuerySyntax& syntax) {
  auto resolver = std::make_shared<contacts::ContractorResolver>(ctx.db_path(), free_mail_policy(ctx));
  syntax.add_address_scheme("contractor", [resolver](std::string_view id) -> Result<search::AddressFilter> {
    auto senders = MAILSIFT_TRY(resolver->resolve(id));
    search::AddressFilter f;
    f.addresses = std::move(senders.addresses);
    f.domains = std::move(senders.domains);
    return f;
  });
}

Result<std::unique_ptr<ContactsWiring>> wire_contacts(Context& ctx, SqliteEmailStore& store) {
  auto cw = std::make_unique<ContactsWiring>();
  cw->registry = std::make_unique<contacts::SqliteRegistry>(store.database());
  cw->contacts = std::make_unique<contacts::SqliteContacts>(store.database());
  const Config& config = ctx.config();
  std::string kind = config.get("contacts.directory", "file");
  if (kind == "file") {
    std::string path = config.get("contacts.directory_file");
    bool explicit_path = !path.empty();
    if (!explicit_path) path = ctx.data_dir() + "/directory.json";
    std::error_code ec;
    if (explicit_path || std::filesystem::exists(path, ec)) {
      cw->directory = MAILSIFT_TRY(contacts::FileDirectory::open(path, config.get("contacts.own_organisation")));
    } else {
      cw->notes.push_back("no staff directory: senders are not linked to user accounts (mailsift directory import FILE)");
    }
  } else if (kind != "none") {
    return fail(Code::kInvalidArgument, "setting contacts.directory: unknown directory '" + kind + "'",
                "use file or none");
  }
  contacts::EnrichOptions options;
  options.own_domains = config.get_list("contacts.own_domains");
  options.free_mail = free_mail_policy(ctx);
  cw->enricher = std::make_unique<contacts::Enricher>(store, *cw->contacts, *cw->registry, cw->directory.get(),
                                                      std::move(options));
  return cw;
}

}  // namespace mailsift::cli
