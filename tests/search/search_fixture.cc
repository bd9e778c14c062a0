#include "search_fixture.h"

#include "core/strings.h"
#include "search/reindex.h"

namespace mailsift::testing {

SearchFixture::SearchFixture() {
  auto s = SqliteEmailStore::open(dir.str() + "/mailsift.db");
  EXPECT_TRUE(s.has_value());
  if (s) store = std::move(*s);
}

EmailId SearchFixture::add(const TestMessage& m) {
  Email e;
  e.message_id = std::to_string(++next_) + "@test";
  e.subject = m.subject;
  e.text_body = m.body;
  e.visible_text = m.body;
  e.from.push_back(Address{"", m.from});
  e.to.push_back(Address{"", m.to});
  e.date = m.date;
  e.references = m.references;
  e.list_id = m.list_id;
  for (int i = 0; i < m.attachments; ++i) {
    Attachment a;
    a.index = i;
    a.filename = "file" + std::to_string(i) + ".pdf";
    a.content_type = "application/pdf";
    a.sha256 = sha256_hex(e.message_id + std::to_string(i));
    a.part_path = std::to_string(i + 2);
    e.attachments.push_back(a);
  }
  std::string raw = "Message-ID: <" + e.message_id + ">\nSubject: " + m.subject + "\n\n" + m.body;
  e.content_hash = content_hash(raw);
  auto put = store->put(e, raw, IngestMeta{"test", 1700000000});
  EXPECT_TRUE(put.has_value());
  return put ? put->id : 0;
}

search::SearcherOptions SearchFixture::options() const {
  search::SearcherOptions o;
  o.db_path = dir.str() + "/mailsift.db";
  o.index_path = dir.str() + "/vectors.hnsw";
  return o;
}

void SearchFixture::fit_and_index(size_t dim) {
  search::LocalEmbedderSettings settings;
  settings.model.dim = dim;
  settings.wordnet_dir.clear();
  const std::string path = search::local_model_path(dir.str());
  auto fit = search::fit_local_model(store->database(), settings, path);
  ASSERT_TRUE(fit.has_value()) << fit.error().to_string();
  auto model = search::LocalModel::load(path);
  ASSERT_TRUE(model.has_value());
  embedder = std::make_shared<search::LocalEmbedder>(*model);
  search::VectorIndex::Options o;
  o.path = dir.str() + "/vectors.hnsw";
  o.model = embedder->model_id();
  o.params.dim = embedder->dimension();
  auto r = search::reindex(store->database(), *embedder, o, {});
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
}

std::unique_ptr<search::Searcher> SearchFixture::searcher() {
  auto s = search::Searcher::open(options(), embedder, 1700000000 + 86400);
  EXPECT_TRUE(s.has_value());
  return s ? std::move(*s) : nullptr;
}

void add_topic_corpus(SearchFixture& f) {
  const char* pay[] = {"invoice outstanding payment overdue remittance accounts",
                       "payment of the invoice is late, please pay the outstanding balance",
                       "remittance advice for invoice paid by bank transfer",
                       "accounts payable will pay the invoice balance next week"};
  const char* storm[] = {"storm warning strong wind gusts and heavy rain tonight",
                         "weather forecast gale force wind storm expected",
                         "heavy rain and wind warning for the weekend storm"};
  const char* cable[] = {"excavator struck an underground cable, the lv main was damaged",
                         "cable strike on site, damaged cable reported to the network operator",
                         "underground cable damaged during digging, site made safe"};
  const char* permit[] = {"council refused the street works permit application",
                          "permit refused by the highway authority, resubmit the application",
                          "street works permit granted with conditions by the council"};
  const char* cat[] = {"missing cat, black with a white collar, last seen near the depot",
                       "has anyone seen a lost cat near the office car park"};
  int n = 0;
  for (auto* b : pay) f.add({"Invoice " + std::to_string(++n), b, "billing@brightwire.example", "accounts@ops.example", 1700000000 + n * 86400});
  for (auto* b : storm) f.add({"Weather " + std::to_string(++n), b, "alerts@weather.example", "ops@ops.example", 1700000000 + n * 86400});
  for (auto* b : cable) f.add({"Site incident " + std::to_string(++n), b, "site@thamesgate.example", "ops@ops.example", 1700000000 + n * 86400});
  for (auto* b : permit) f.add({"Permit " + std::to_string(++n), b, "permits@council.example", "ops@ops.example", 1700000000 + n * 86400});
  for (auto* b : cat) f.add({"Cat " + std::to_string(++n), b, "tom@ops.example", "all@ops.example", 1700000000 + n * 86400});
}

}  // namespace mailsift::testing
