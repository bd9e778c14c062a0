// The local classifier alone: messages/s over parsed real mail (default: the SpamAssassin
// public corpus beside the checkout, else the demo mailbox; MAILSIFT_BENCH_CORPUS overrides).
// Parsing is done once, before timing: this measures what classification adds to ingest. One
// thread. Target: at least 20,000 messages/s (docs/BENCHMARKS.md).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "classify/local_classifier.h"
#include "corpus.h"
#include "mime/parser.h"

namespace {

using mailsift::Email;

const std::vector<Email>& emails() {
  static const std::vector<Email> parsed = [] {
    std::string dir = mailsift::bench::default_corpus_dir();
    if (!std::getenv("MAILSIFT_BENCH_CORPUS") && !std::filesystem::is_directory(dir)) {
      dir = std::string(MAILSIFT_SOURCE_DIR) + "/demo/mailbox";
    }
    std::vector<Email> out;
    for (const auto& f : mailsift::bench::load_corpus(dir)) {
      if (auto e = mailsift::mime::parse_message(f.bytes)) out.push_back(std::move(*e));
    }
    return out;
  }();
  return parsed;
}

mailsift::classify::LocalClassifier& classifier() {
  static mailsift::classify::LocalClassifier c(mailsift::classify::shipped_model().value(), {});
  return c;
}

void BM_ClassifyLocal(benchmark::State& state) {
  const auto& list = emails();
  auto& c = classifier();
  size_t i = 0;
  for (auto _ : state) {
    auto verdict = c.classify(list[i++ % list.size()]);
    benchmark::DoNotOptimize(verdict);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["corpus_messages"] = static_cast<double>(list.size());
}
BENCHMARK(BM_ClassifyLocal)->MinTime(2.0)->Unit(benchmark::kMicrosecond);

void BM_ExtractFeatures(benchmark::State& state) {
  const auto& list = emails();
  mailsift::classify::FeatureExtractor extractor;
  mailsift::classify::FeatureBag bag;
  size_t i = 0;
  for (auto _ : state) {
    extractor.extract(list[i++ % list.size()], bag, false);
    benchmark::DoNotOptimize(bag.features.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ExtractFeatures)->MinTime(2.0)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
