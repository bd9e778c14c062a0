#!/usr/bin/env bash
# Installs what mailsift needs, builds it (release) and runs the demo: ingests the demo mailbox
# the project ships into a fresh data directory (build/demo-data), prints a summary and a few
# example queries. With --serve it then starts the web UI and the HTTP API on the demo data
# (`mailsift serve`, http://127.0.0.1:8025/; Ctrl-C stops it).
#
#   scripts/demo.sh [--serve]
set -euo pipefail
cd "$(dirname "$0")/.."
serve=0
for arg in "$@"; do
  case "$arg" in
    --serve) serve=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "demo: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh
scripts/build.sh release
bin="$PWD/build/release/mailsift"
export MAILSIFT_DATA_DIR="$PWD/build/demo-data"
rm -rf "$MAILSIFT_DATA_DIR"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$bin" contractors import demo/contractors.csv
step "$bin" directory import demo/directory.csv
step "$bin" ingest demo/mailbox
step "$bin" stats
step "$bin" list --limit 10
step "$bin" list --from brightwire --limit 5
first=$("$bin" list --limit 1 --json | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -1)
step "$bin" show "$first"
step "$bin" thread "$first"
# Search: exact words, a paraphrase that shares no word with the email it finds (invoice
# BWU-4471 "still unpaid, now over 60 days"), and filters.
step "$bin" search invoice BWU-4471 --limit 3
step "$bin" search contractors complaining about late payment --limit 5
step "$bin" search --mode vector crew damaged buried wiring while trenching --limit 3
step "$bin" search from:brightwire date:2026-05..2026-06 --threads
step "$bin" contractors search --region "NW England" --scheme NERS --scope "LV jointing" --status valid
step "$bin" contractors search --region "NW England" --scheme NERS --scope "LV jointing" --status valid
step "$bin" contractors show CTR-0063 --as-of 2026-12-04
step "$bin" contacts show mike.fenwick@outlook.example
# The chat, offline (no language model configured): the matching contractors, then the best
# matching emails; docs/CONFIGURATION.md shows how to point it at a model.
step "$bin" chat -q "which NERS contractors in the North West do LV jointing?"
# How the local classifier does on the demo's own labels (it was not trained on them).
step "$bin" eval classify demo/labels.tsv

cat <<MSG

The demo data is in $MAILSIFT_DATA_DIR. Try:
  export MAILSIFT_DATA_DIR="$MAILSIFT_DATA_DIR"
  $bin list --since 2026-01 --limit 20
  $bin search "highway consent refused by the council" --threads
  $bin chat
  $bin eval search tests/search/queries_demo.tsv
  $bin show ID --json
  $bin --help
MSG

if [ "$serve" = 1 ]; then
  # Prints the address and the API token to paste into the login page.
  step "$bin" --data-dir "$MAILSIFT_DATA_DIR" serve
else
  echo
  echo "Web UI: $bin --data-dir $MAILSIFT_DATA_DIR serve   (or: scripts/demo.sh --serve)"
fi
