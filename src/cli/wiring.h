// Chooses and connects the adapters for a command from the configuration: the store, the
// classifier, the embedder, the vector store and the event bus subscriptions. The one place
// that knows which adapter implements which port.
#pragma once

#include <memory>

#include "chat/chat_service.h"
#include "classify/llm_classifier.h"
#include "cli/context.h"
#include "contacts/enrich.h"
#include "contacts/sqlite_contacts.h"
#include "contacts/sqlite_registry.h"
#include "pipeline/event_bus.h"
#include "pipeline/process.h"
#include "search/searcher.h"
#include "search/vector_index.h"

namespace mailsift::server {
struct LocalFeatures;
}

namespace mailsift::cli {

// The contacts ports over the store's database (they share its transactions), the directory
// and the enrichment stage, chosen from the contacts.* settings:
//   contacts.directory        file (default) | none
//   contacts.directory_file   CSV or JSON (default <data-dir>/directory.json, which
//                             `mailsift directory import` writes; absent means no directory)
//   contacts.own_organisation the directory organisation that is "us" (default: the largest)
//   contacts.own_domains      the organisation's own domains (default: from the directory)
//   contacts.free_mail_domains  replaces the default free-mail list; contacts.free_mail_extra adds
//   contacts.enrich           enrich at ingest (default true)
struct ContactsWiring {
  std::unique_ptr<contacts::SqliteRegistry> registry;
  std::unique_ptr<contacts::SqliteContacts> contacts;
  std::unique_ptr<contacts::Directory> directory;  // null when none is configured
  std::unique_ptr<contacts::Enricher> enricher;
  std::vector<std::string> notes;
};

// REQUIRES: `store` outlives the result. Errors: kIo / kParse from a configured directory file.
Result<std::unique_ptr<ContactsWiring>> wire_contacts(Context& ctx, SqliteEmailStore& store);
// The free-mail policy the settings give (contacts.free_mail_domains / _extra).
contacts::FreeMailPolicy free_mail_policy(const Context& ctx);
// Registers from:contractor:ID (and to:contractor:ID) on a searcher's query syntax: the
// contractor's listed addresses and email domains, read from the registry when a query uses it.
void add_contractor_scheme(Context& ctx, search::QuerySyntax& syntax);

struct Wiring {
  std::unique_ptr<SqliteEmailStore> store;
  std::unique_ptr<Classifier> classifier;
  std::unique_ptr<Embedder> embedder;
  std::unique_ptr<InProcessBus> bus;
  std::unique_ptr<search::VectorIndex> vector_index;    // with the local embedder (wiring_search.cc)
  std::unique_ptr<search::VectorWriter> vector_writer;  // subscribed to "vector ready"
  std::unique_ptr<ContactsWiring> contacts;  // subscribed to "contact seen" when enrichment is on
  std::vector<std::string> notes;  // what is not configured, for the user

  ProcessPorts ports() { return ProcessPorts{*store, classifier.get(), embedder.get(), bus.get()}; }
};

// Opens the store (creating the data directory when `create`) and builds the ingest ports.
Result<Wiring> wire_ingest(Context& ctx, bool create);

// Classification (wiring_classify.cc), from the classify.* settings:
//   classify.mode        local | llm | cascade (default: cascade when llm.provider names a
//                        provider, else local; an unusable LLM then falls back to local, with a note)
//   classify.threshold   cascade: local confidence at or above which the LLM is not asked (0.8)
//   classify.model       a model file instead of <data-dir>/classifier/model.tsv or the shipped one
//   classify.llm_max_chars  body characters sent to the LLM (8000; privacy.* applies too)
//   classify.llm_max_tokens, classify.rules (apply sender rules, default true)
struct ClassifierChoice {
  std::string mode;            // overrides classify.mode when not empty
  bool shipped_model = false;  // ignore the data directory's trained model
};
struct ClassifierWiring {
  std::unique_ptr<Classifier> classifier;
  classify::LlmClassifier* llm = nullptr;  // inside `classifier`, when an LLM is used (for its usage)
  std::string mode;                        // what is in effect: local, llm or cascade
  double threshold = 0.8;
  std::string local_model;                 // the local model's id
  size_t rules = 0;                        // sender rules applied
  llm::PrivacyPolicy privacy;              // what a request to the LLM may carry (for estimates too)
  std::vector<std::string> notes;
};
// `store` (may be null) supplies the sender rules. Errors: kInvalidArgument (bad settings, or
// mode llm/cascade asked for explicitly without a usable model), model load errors.
Result<ClassifierWiring> wire_classifier(Context& ctx, SqliteEmailStore* store, const ClassifierChoice& choice = {});
// The mode classify.mode (or `override_mode`) asks for. Errors: kInvalidArgument.
Result<std::string> classify_mode(const Context& ctx, const std::string& override_mode);

// Search (wiring_search.cc). embeddings.provider: local (default), or a remote embedder built
// by llm::make_remote_embedder (openai, openai-compatible, ollama, llamacpp, vllm, bedrock).
// The local embedder's model lives in <data-dir>/models/local.model; without one, ingest
// stores mail without vectors and finish_ingest fits it.
//
// Adds the embedder, the vector index and the vector writer (subscribed to "vector ready").
Result<void> wire_vectors(Context& ctx, Wiring& w);
// After an ingest: saves the vector index; fits the local model while the mailbox is small
// (embeddings.auto_refit) and embeds what has no vector yet. Never fails: problems become notes
// (the mail is stored whatever happens here).
void finish_ingest(Context& ctx, Wiring& w);
// The index settings for an embedder's vectors in this data directory.
Result<search::VectorIndex::Options> vector_index_options(const Context& ctx, const Embedder& embedder);
// The embedder that embeds queries (null when there is no model yet: BM25 only).
Result<std::shared_ptr<Embedder>> open_search_embedder(Context& ctx);
// The Searcher over the data directory (read-only connections), for search, chat and HTTP.
Result<std::unique_ptr<search::Searcher>> open_searcher(Context& ctx);

// Chat (wiring_chat.cc): the assistant over the data directory. The model from [llm] (set flag
// overrides on ctx.config() first), [chat] and [privacy] settings, read-only store connections,
// and the searcher (`searcher`, or a new one when null). Errors: kNotFound (no data yet),
// kInvalidArgument / kPermission from the model's settings (an unknown provider, an unset key).
Result<std::unique_ptr<chat::ChatService>> wire_chat(Context& ctx, std::shared_ptr<search::Searcher> searcher = nullptr);
// The tool sets the chat gets besides its email tools (contractors, contacts, ...).
std::vector<chat::ToolFactory> chat_tool_sets(Context& ctx);
// For `mailsift serve`: sets features.chat (POST /api/chat answered by the ChatService, its
// events as SSE) and features.chat_info. Errors: as wire_chat.
Result<void> add_chat_feature(Context& ctx, std::shared_ptr<search::Searcher> searcher, server::LocalFeatures& features);

}  // namespace mailsift::cli
