#!/usr/bin/env bash
# Ingest end to end (parse + store + full-text index) into a fresh data directory, on the
# SpamAssassin public corpus (4,646 messages) and on the same replicated to N messages
# (default 100,000), with notmuch and mu indexing the same Maildir in the same run.
#
#   bench/ingest.sh [N]        (needs a release build: scripts/build.sh release)
#
# Prints a Markdown table for docs/BENCHMARKS.md. Peers missing from the machine are skipped
# (scripts/install-deps.sh --bench installs them); MAILSIFT_BENCH_PEERS=0 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
source bench/common.sh
bench_require

secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

# Maildirs: the corpus as is (one copy), and replicated with perturbations.
base_count=$(find "$corpus" -type f ! -name README.md | wc -l)
bench_maildir "$base_count" "$work/maildir-$base_count"
bench_maildir "$n" "$work/maildir-$n"

row() {
  local count=$1 dir="$work/maildir-$1"
  local bytes; bytes=$(du -sb "$dir/cur" | cut -f1)
  rm -rf "$work/data"
  local json; json=$("$bin" --data-dir "$work/data" ingest --json --no-progress "$dir")
  local t; t=$(echo "$json" | sed -n 's/.*"seconds":\([0-9.e+-]*\).*/\1/p')
  local added; added=$(echo "$json" | sed -n 's/.*"new":\([0-9]*\).*/\1/p')
  local rate; rate=$(echo "$added / $t" | bc -l)
  local t2; t2=$(secs "$bin" --data-dir "$work/data" ingest --json --no-progress "$dir")
  local db; db=$(du -sb "$work/data" | cut -f1)
  printf '| mailsift ingest | %s | %.2f s | %.0f msg/s | %.1f MB/s | %.0f B/msg on disk | re-ingest %.2f s (0 new) |\n' \
    "$count" "$t" "$rate" "$(echo "$bytes / $t / 1048576" | bc -l)" "$(echo "$db / $count" | bc -l)" "$t2"
  [ "${MAILSIFT_BENCH_PEERS:-1}" = 0 ] && return 0
  if command -v notmuch >/dev/null; then
    rm -rf "$dir/.notmuch"
    local cfg="$work/notmuch-config"
    printf '[database]\npath=%s\n[new]\ntags=\n[maildir]\nsynchronize_flags=false\n' "$dir" > "$cfg"
    local tn; tn=$(secs env NOTMUCH_CONFIG="$cfg" notmuch new)
    printf '| notmuch new | %s | %.2f s | %.0f msg/s | | | ratio mailsift/notmuch speed %.2fx |\n' \
      "$count" "$tn" "$(echo "$count / $tn" | bc -l)" "$(echo "$tn / $t" | bc -l)"
    rm -rf "$dir/.notmuch"
  fi
  if command -v mu >/dev/null; then
    rm -rf "$work/mu"
    mu init --muhome="$work/mu" --maildir="$dir" >/dev/null 2>&1
    local tm; tm=$(secs mu index --muhome="$work/mu")
    printf '| mu index | %s | %.2f s | %.0f msg/s | | | ratio mailsift/mu speed %.2fx |\n' \
      "$count" "$tm" "$(echo "$count / $tm" | bc -l)" "$(echo "$tm / $t" | bc -l)"
    rm -rf "$work/mu"
  fi
}

echo "| run | messages | time | rate | throughput | storage | notes |"
echo "|---|---:|---:|---:|---:|---:|---|"
row "$base_count"
row "$n"
