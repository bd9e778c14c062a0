#!/usr/bin/env bash
# Search at scale: data directories of N messages (default 10000 and 100000) built from the
# SpamAssassin public corpus replicated with perturbations (bench/make_corpus), measuring
#   - ingest with embedding and HNSW indexing inline (the local model is fitted first, on the
#     corpus itself, by a first ingest; the N messages are then ingested with it),
#   - search latency p50 / p99 per mode, warm (bench_search), HNSW recall@10 against exact
#     search, index build time from SQLite, RSS, and bytes per message on disk,
#   - notmuch on the same Maildir for a keyword-search ratio, when it is installed.
#
#   bench/search.sh [N...]        (needs a release build: scripts/build.sh release)
#   MAILSIFT_BENCH_PEERS=0 skips notmuch (its indexing takes minutes per 10,000 messages).
#
# Prints one JSON line per size (and the notmuch figures) for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
bench_search="$build/bench/bench_search"
bench_require "$bench_search"
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(10000 100000)
queries=(tests/search/queries_spamassassin.tsv tests/search/queries_demo.tsv)

bench_machine
for n in "${sizes[@]}"; do
  maildir="$work/maildir-$n"
  bench_maildir "$n" "$maildir"
  data="$work/search-$n"
  rm -rf "$data"
  # 1. The model: a first ingest of the corpus fits it (WordNet + this mail) and embeds it.
  t0=$(date +%s.%N)
  MAILSIFT_DATA_DIR="$data" "$bin" -q ingest "$corpus" >/dev/null
  t1=$(date +%s.%N)
  # 2. N messages with embedding and indexing inline.
  MAILSIFT_DATA_DIR="$data" MAILSIFT_EMBEDDINGS_AUTO_REFIT=false /usr/bin/time -f '%M' -o "$work/ingest-$n.rss" \
    "$bin" -q ingest --json "$maildir" > "$work/ingest-$n.json"
  echo "{\"n\":$n,\"fit_ingest_s\":$(echo "$t1 - $t0" | bc -l),\"ingest\":$(cat "$work/ingest-$n.json"),\"ingest_peak_rss_kb\":$(cat "$work/ingest-$n.rss")}"
  # 3. Search.
  "$bench_search" "$data" "${queries[@]}" --repeat 5
  # 4. notmuch on the same Maildir: index, then the keyword queries.
  if [ "${MAILSIFT_BENCH_PEERS:-1}" = 1 ] && command -v notmuch >/dev/null; then
    nm="$work/notmuch-$n"
    rm -rf "$nm" && mkdir -p "$nm"
    cfg="$nm/config"
    printf '[database]\npath=%s\n[new]\ntags=new\n' "$maildir" > "$cfg"
    rm -rf "$maildir/.notmuch"
    t0=$(date +%s.%N)
    NOTMUCH_CONFIG="$cfg" notmuch new --quiet >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    lat=()
    while IFS=$'\t' read -r kind query rest; do
      [ "$kind" = keyword ] || continue
      q0=$(date +%s.%N)
      NOTMUCH_CONFIG="$cfg" notmuch search --limit=10 "$query" >/dev/null 2>&1 || true
      q1=$(date +%s.%N)
      lat+=("$(echo "($q1 - $q0) * 1000" | bc -l)")
    done < <(grep -v '^#' tests/search/queries_spamassassin.tsv tests/search/queries_demo.tsv | cut -d: -f2-)
    sorted=$(printf '%s\n' "${lat[@]}" | sort -g)
    p50=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    p99=$(echo "$sorted" | awk '{a[NR]=$1} END {i=int(NR*0.99+0.5); if(i<1)i=1; print a[i]}')
    echo "{\"n\":$n,\"notmuch_new_s\":$(echo "$t1 - $t0" | bc -l),\"notmuch_search_ms\":{\"p50\":$p50,\"p99\":$p99,\"n\":${#lat[@]}},\"note\":\"one process per query (includes start-up)\"}"
  fi
done
