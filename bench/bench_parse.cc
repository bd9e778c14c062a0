// MIME parsing alone: messages/s and MB/s over a real corpus (default: the SpamAssassin public
// corpus beside the checkout; MAILSIFT_BENCH_CORPUS overrides). One thread.
#include <benchmark/benchmark.h>

#include "corpus.h"
#include "mime/parser.h"

namespace {

const std::vector<mailsift::bench::CorpusFile>& corpus() {
  static auto files = mailsift::bench::load_corpus(mailsift::bench::default_corpus_dir());
  return files;
}

void BM_ParseCorpus(benchmark::State& state) {
  const auto& files = corpus();
  size_t i = 0, bytes = 0, failures = 0;
  for (auto _ : state) {
    const auto& f = files[i++ % files.size()];
    auto email = mailsift::mime::parse_message(f.bytes);
    if (!email) ++failures;
    benchmark::DoNotOptimize(email);
    bytes += f.bytes.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["failures"] = static_cast<double>(failures);
  state.counters["corpus_files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_ParseCorpus)->MinTime(3.0)->Unit(benchmark::kMicrosecond);

void BM_LooksLikeMessage(benchmark::State& state) {
  const auto& files = corpus();
  size_t i = 0;
  for (auto _ : state) {
    const auto& f = files[i++ % files.size()];
    benchmark::DoNotOptimize(mailsift::mime::looks_like_message(std::string_view(f.bytes).substr(0, 4096)));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_LooksLikeMessage)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();
