// Shared by the search tests: a temporary data directory with a store, a way to add small
// messages written inline, and a fitted local model (no WordNet: fast and deterministic).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "search/local_embedder.h"
#include "search/searcher.h"
#include "store/sqlite_store.h"
#include "support/test_support.h"

namespace mailsift::testing {

struct TestMessage {
  std::string subject;
  std::string body;
  std::string from = "someone@example.org";
  std::string to = "ops@example.org";
  UnixTime date = 1700000000;
  std::vector<std::string> references;
  int attachments = 0;
  std::string list_id;
};

class SearchFixture {
 public:
  SearchFixture();
  // Stores a message and returns its id (Message-ID "<n>@test").
  EmailId add(const TestMessage& m);
  // Fits a model without WordNet on what is stored, embeds everything and saves the index.
  void fit_and_index(size_t dim = 32);
  std::unique_ptr<search::Searcher> searcher();
  search::SearcherOptions options() const;

  TempDir dir;
  std::unique_ptr<SqliteEmailStore> store;
  std::shared_ptr<search::LocalEmbedder> embedder;

 private:
  int next_ = 0;
};

// A small corpus with clear topics (payments, storms, cables, permits, cats) and paraphrases.
void add_topic_corpus(SearchFixture& f);

}  // namespace mailsift::testing
