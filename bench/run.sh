#!/usr/bin/env bash
# Runs the benchmarks whose figures are in docs/BENCHMARKS.md, on a release build.
#
#   bench/run.sh              parse, classify, ingest (4,646 and 100,000 messages), search (10k, 100k)
#   bench/run.sh parse        one of: parse, classify, ingest, search, server
#   MAILSIFT_BENCH_N=20000    size of the replicated corpus for ingest (default 100000)
#
# Needs ../shared/corpus/spamassassin-public-corpus (or MAILSIFT_BENCH_CORPUS) and the peers
# installed by `scripts/install-deps.sh --bench` (notmuch, mu, wrk); missing peers are skipped.
# The machine these figures come from is shared and noisy: each script runs its peers in the
# same run, so compare ratios rather than absolute rates.
set -euo pipefail
cd "$(dirname "$0")/.."
what=("$@")
[ "${#what[@]}" -gt 0 ] || what=(parse classify ingest search)

if [ ! -x build/release/mailsift ] || [ ! -x build/release/bench/bench_parse ]; then
  scripts/build.sh release
fi
source bench/common.sh
bench_machine
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

for w in "${what[@]}"; do
  echo
  echo "== $w"
  case "$w" in
    parse) build/release/bench/bench_parse --benchmark_counters_tabular=true ;;
    classify) build/release/bench/bench_classify --benchmark_counters_tabular=true ;;
    ingest) bench/ingest.sh "${MAILSIFT_BENCH_N:-100000}" ;;
    search) bench/search.sh ;;
    server)
      if [ -x bench/server.sh ]; then bench/server.sh; else echo "bench/server.sh not found" >&2; exit 2; fi ;;
    *) echo "bench/run.sh: unknown benchmark '$w' (parse, classify, ingest, search, server)" >&2; exit 2 ;;
  esac
done
