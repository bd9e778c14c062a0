// bench_search: search latency per mode, HNSW recall@10 against exact search, index build time,
// memory and bytes per message, on an existing data directory (made by `mailsift ingest`).
//
//   bench_search DATA_DIR QUERIES.tsv... [--repeat N] [--ef N] [--slowest N] [--mode M] [--latency-only]
//
// Queries are the `query` column of judged query files (tests/search/*.tsv). Every query runs
// once to warm up, then N times per mode; latencies are per query, wall clock, one thread.
// MAILSIFT_SEARCH_* variables set search settings as for the command. Prints one JSON object
// (bench/search.sh turns it into the table of docs/BENCHMARKS.md).
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/time.h"
#include "search/eval.h"
#include "search/local_embedder.h"
#include "search/reindex.h"
#include "search/searcher.h"
#include "search/vector_index.h"

using namespace mailsift;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
  }
  return 0;
}

int fail_with(const Error& e) {
  std::cerr << "bench_search: " << e.to_string() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_search DATA_DIR QUERIES.tsv... [--repeat N] [--ef N] [--slowest N] [--mode M] [--latency-only]\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::vector<std::string> files;
  int repeat = 5;
  size_t ef = 0;  // 0: the searcher's default (by the index's size)
  size_t slowest = 0;        // report the N slowest queries of each mode
  bool latency_only = false;  // skip recall, index build and embedding speed (for profiling)
  std::string only_mode;      // bm25, vector or hybrid: time this mode only
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (a == "--latency-only") {
      latency_only = true;
    } else if (a == "--mode" && i + 1 < argc) {
      only_mode = argv[++i];
    } else if (a == "--slowest" && i + 1 < argc) {
      slowest = static_cast<size_t>(std::atoi(argv[++i]));
    } else if (a == "--ef" && i + 1 < argc) {
      ef = static_cast<size_t>(std::atoi(argv[++i]));
    } else {
      files.push_back(a);
    }
  }
  std::vector<std::string> queries;
  for (const auto& f : files) {
    auto q = search::read_judged_queries(f);
    if (!q) return fail_with(q.error());
    for (const auto& j : *q) queries.push_back(j.query);
  }
  auto model = search::LocalModel::load(search::local_model_path(dir));
  if (!model) return fail_with(model.error());
  auto embedder = std::make_shared<search::LocalEmbedder>(*model);
  // MAILSIFT_SEARCH_* variables apply, as for the command (to compare settings); --ef wins.
  Config config;
  config.load_env(environ);
  if (ef > 0) config.set("search.hnsw_ef_search", std::to_string(ef));
  auto options = search::searcher_options(config, dir);
  if (!options) return fail_with(options.error());

  nlohmann::json out;
  const long rss_before = status_kb("VmRSS:");
  auto t_open = Clock::now();
  auto searcher = search::Searcher::open(*options, embedder, now_unix());
  if (!searcher) return fail_with(searcher.error());
  auto warm = (*searcher)->warm_up();
  if (!warm) return fail_with(warm.error());
  out["index_open_ms"] = ms_since(t_open);
  out["index_rebuilt"] = warm->rebuilt;
  out["vectors"] = warm->size;

  for (auto mode : {search::SearchMode::kBm25, search::SearchMode::kVector, search::SearchMode::kHybrid}) {
    if (!only_mode.empty() && only_mode != search::mode_name(mode)) continue;
    std::vector<double> lat;
    std::vector<std::pair<double, std::string>> worst;  // per query: its slowest timed run
    for (int round = 0; round <= repeat; ++round) {
      for (const auto& q : queries) {
        search::SearchRequest r;
        r.query = q;
        r.mode = mode;
        r.limit = 10;
        auto t0 = Clock::now();
        auto res = (*searcher)->search(r);
        double ms = ms_since(t0);
        if (!res) return fail_with(res.error());
        if (round > 0) lat.push_back(ms);  // round 0 warms caches
        if (round == 1) worst.emplace_back(ms, q);
        if (round > 1) {
          auto& w = worst[static_cast<size_t>(&q - queries.data())];
          w.first = std::max(w.first, ms);
        }
      }
    }
    std::string name(search::mode_name(mode));
    std::sort(worst.rbegin(), worst.rend());
    for (size_t i = 0; i < worst.size() && i < slowest; ++i) {
      out["slowest_ms"][name].push_back({{"ms", worst[i].first}, {"query", worst[i].second}});
    }
    out["latency_ms"][name] = {{"p50", percentile(lat, 0.5)}, {"p99", percentile(lat, 0.99)},
                               {"mean", std::accumulate(lat.begin(), lat.end(), 0.0) / static_cast<double>(lat.size())},
                               {"n", lat.size()}};
  }
  out["rss_mb"] = static_cast<double>(status_kb("VmRSS:")) / 1024.0;
  out["rss_peak_mb"] = static_cast<double>(status_kb("VmHWM:")) / 1024.0;
  out["rss_before_mb"] = static_cast<double>(rss_before) / 1024.0;

  // Recall@10 of the HNSW index against exact search, and the time to build it from SQLite.
  if (!latency_only) {
    sql::Database::Options ro;
    ro.read_only = true;
    auto db = sql::Database::open(dir + "/mailsift.db", ro);
    if (!db) return fail_with(db.error());
    search::VectorIndex::Options io;
    io.model = embedder->model_id();
    io.params = options->hnsw;
    io.params.dim = embedder->dimension();
    auto t0 = Clock::now();
    auto index = search::VectorIndex::open(**db, io);  // no path: built in memory from the table
    if (!index) return fail_with(index.error());
    out["index_build_s"] = ms_since(t0) / 1000.0;
    std::vector<EmailId> ids;
    auto st = (*db)->prepare("SELECT email_id FROM embeddings WHERE model = ?1");
    if (!st) return fail_with(st.error());
    st->bind(1, io.model);
    while (true) {
      auto row = st->step();
      if (!row) return fail_with(row.error());
      if (!*row) break;
      ids.push_back(st->get_int(0));
    }
    std::mt19937 rng(7);
    std::vector<std::vector<float>> probes;
    for (const auto& q : queries) probes.push_back(embedder->model().embed(q));
    for (int i = 0; i < 100 && !ids.empty(); ++i) probes.push_back((*index)->store().get(ids[rng() % ids.size()]));
    // Two counts: by id, and with ties (an approximate hit as similar as the exact 10th counts:
    // the replicated corpus holds copies whose vectors are identical, and which of them the
    // exact top 10 holds is decided by id order alone).
    double found = 0, found_ties = 0, total = 0;
    for (const auto& p : probes) {
      auto exact = (*index)->store().score(p, ids, 10);
      auto approx = (*index)->store().knn(p, 10);
      if (!exact || !approx || exact->empty()) continue;
      for (const auto& e : *exact) {
        total += 1;
        found += std::any_of(approx->begin(), approx->end(), [&](const search::VectorHit& h) { return h.id == e.id; });
      }
      const float tenth = exact->back().score;
      for (const auto& h : *approx) found_ties += h.score >= tenth - 1e-5f;
    }
    out["recall_at_10"] = total > 0 ? found / total : 0;
    out["recall_at_10_with_ties"] = total > 0 ? std::min(found_ties, total) / total : 0;
    out["recall_probes"] = probes.size();
  }
  // Embedding speed: the stored texts of up to 20,000 messages, one thread, CPU time.
  if (!latency_only) {
    sql::Database::Options ro;
    ro.read_only = true;
    auto db = sql::Database::open(dir + "/mailsift.db", ro);
    if (!db) return fail_with(db.error());
    auto st = (*db)->prepare("SELECT subject, visible_text, body FROM messages LIMIT 20000");
    if (!st) return fail_with(st.error());
    std::vector<std::string> texts;
    while (true) {
      auto row = st->step();
      if (!row) return fail_with(row.error());
      if (!*row) break;
      texts.push_back(search::stored_embedding_text(st->get_text(0), st->get_text(1), st->get_text(2)));
    }
    std::vector<float> v(embedder->dimension());
    for (const auto& t : texts) embedder->model().embed(t, v.data());  // warm the word cache
    std::clock_t c0 = std::clock();
    for (const auto& t : texts) embedder->model().embed(t, v.data());
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    out["embed_messages_per_cpu_second"] = cpu > 0 ? static_cast<double>(texts.size()) / cpu : 0;
    out["embed_texts"] = texts.size();
  }
  // Disk: the data directory's files per message.
  uint64_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file()) bytes += e.file_size();
  }
  out["disk_bytes"] = bytes;
  out["disk_bytes_per_message"] = warm->size > 0 ? static_cast<double>(bytes) / static_cast<double>(warm->size) : 0;
  out["index_file_bytes"] = std::filesystem::exists(options->index_path) ? std::filesystem::file_size(options->index_path) : 0;
  out["queries"] = queries.size();
  std::cout << out.dump() << "\n";
  return 0;
}
