#!/usr/bin/env bash
# Server speed: `mailsift serve` on a data directory of N messages (default 100000), built like
# bench/search.sh does (the SpamAssassin public corpus fits the local model, then N replicated,
# perturbed messages from bench/make_corpus are ingested with it), measuring on loopback
#   - RSS of the idle server right after start, before any search loads the vector index,
#   - GET /api/search under load from wrk (requests/s, latency distribution with --latency),
#     per mode, the queries of tests/search/queries_*.tsv in turn,
#   - time to first byte and to the first text of POST /api/chat with the offline model
#     (no [llm] provider: the answer is built from the email search), over several runs.
#
#   bench/server.sh [N]          (needs a release build: scripts/build.sh release, and wrk:
#                                 scripts/install-deps.sh --bench)
#   MAILSIFT_BENCH_DURATION=20   seconds of wrk per mode      MAILSIFT_BENCH_CONNECTIONS=8
#   MAILSIFT_BENCH_CHAT_RUNS=30  chat requests                MAILSIFT_BENCH_FRESH=1 re-ingests
#
# The data directory is kept in build/bench-work/server-N and reused (ingest takes minutes).
# Prints one JSON line per measurement for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
n="${1:-100000}"
duration="${MAILSIFT_BENCH_DURATION:-20}"
connections="${MAILSIFT_BENCH_CONNECTIONS:-8}"
chat_runs="${MAILSIFT_BENCH_CHAT_RUNS:-30}"
bench_require
command -v wrk >/dev/null || { echo "wrk is not installed: scripts/install-deps.sh --bench" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed to time the chat stream" >&2; exit 2; }

bench_machine

# 1. The data directory (as bench/search.sh builds it), reused when complete.
maildir="$work/maildir-$n"
bench_maildir "$n" "$maildir"
data="$work/server-$n"
if [ "${MAILSIFT_BENCH_FRESH:-0}" = 1 ] || [ ! -f "$data/.done" ]; then
  rm -rf "$data"
  t0=$(date +%s.%N)
  MAILSIFT_DATA_DIR="$data" "$bin" -q ingest "$corpus" >/dev/null
  MAILSIFT_DATA_DIR="$data" MAILSIFT_EMBEDDINGS_AUTO_REFIT=false "$bin" -q ingest "$maildir" >/dev/null
  t1=$(date +%s.%N)
  touch "$data/.done"
  echo "{\"n\":$n,\"ingest_s\":$(echo "$t1 - $t0" | bc -l)}"
fi
messages=$(MAILSIFT_DATA_DIR="$data" "$bin" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["messages"])' 2>/dev/null || echo null)

# 2. The server, with the offline model (no provider) and no access log.
log="$work/server-$n.log"
env -u MAILSIFT_LLM_PROVIDER MAILSIFT_DATA_DIR="$data" "$bin" serve --listen 127.0.0.1:0 --no-access-log >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q "Press Ctrl-C" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
base=$(sed -n 's|.*serving \(http://[^ ]*\)/ .*|\1|p' "$log" | head -1)
token=$(MAILSIFT_DATA_DIR="$data" "$bin" -q token show)
curl -fsS "$base/healthz" >/dev/null
sleep 1
rss_idle_kb=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status")
echo "{\"n\":$n,\"messages\":$messages,\"rss_idle_kb\":$rss_idle_kb,\"note\":\"after start and /healthz, before any search\"}"

# 3. GET /api/search under wrk: each request takes the next query of the judged sets.
lua="$work/server-search.lua"
{
  echo "local queries = {"
  grep -hv '^#' tests/search/queries_spamassassin.tsv tests/search/queries_demo.tsv | cut -f2 | grep -v '^$' |
    python3 -c 'import sys, urllib.parse
for q in sys.stdin.read().splitlines(): print("  %s," % repr(urllib.parse.quote(q, safe="")).replace("\x27", "\""))'
  echo "}"
  cat <<'LUA'
local i = 0
local mode = os.getenv("MODE") or "hybrid"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?limit=10&mode=" .. mode .. "&q=" .. queries[i])
end
local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"rps\":%.1f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"non_2xx\":%d,\"socket_errors\":%d}\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
} >"$lua"
for mode in bm25 hybrid; do
  # Warm-up: loads the vector index and the page cache; not measured.
  MODE=$mode TOKEN="$token" wrk -t1 -c1 -d3s -s "$lua" "$base" >/dev/null
  out=$(MODE=$mode TOKEN="$token" wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$lua" "$base")
  echo "$out" | sed -n '/Latency Distribution/,/requests in/p' >&2
  echo "{\"n\":$n,\"route\":\"GET /api/search\",\"mode\":\"$mode\",\"connections\":$connections,\"duration_s\":$duration,\"wrk\":$(echo "$out" | sed -n 's/^JSON //p')}"
done
rss_after_kb=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status")
echo "{\"n\":$n,\"rss_after_search_kb\":$rss_after_kb}"

# 4. POST /api/chat with the offline model: time to first byte (curl) and to the first text
# event (the first words of the answer), one request at a time.
body='{"messages":[{"role":"user","content":"Which invoices are still outstanding?"}]}'
ttfb=()
for _ in $(seq 1 "$chat_runs"); do
  ttfb+=("$(curl -sS -o /dev/null -w '%{time_starttransfer}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data "$body" "$base/api/chat")")
done
BASE="$base" TOKEN="$token" BODY="$body" RUNS="$chat_runs" TTFB="${ttfb[*]}" N="$n" python3 - <<'PY'
import http.client, json, os, time, urllib.parse
u = urllib.parse.urlparse(os.environ["BASE"])
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]
first_text, total = [], []
for _ in range(int(os.environ["RUNS"])):
    c = http.client.HTTPConnection(u.hostname, u.port)
    t0 = time.perf_counter()
    c.request("POST", "/api/chat", os.environ["BODY"],
              {"Authorization": "Bearer " + os.environ["TOKEN"], "Content-Type": "application/json",
               "Connection": "close"})
    r = c.getresponse()
    got = None
    while True:
        line = r.fp.readline()
        if not line:
            break
        if got is None and line.startswith(b"event: text-delta"):
            got = time.perf_counter() - t0
        if line.startswith(b"event: finish") or line.startswith(b"event: error"):
            r.fp.readline()  # its data line
            break
    total.append((time.perf_counter() - t0) * 1000)
    if got is not None:
        first_text.append(got * 1000)
    c.close()
ttfb = [float(x) * 1000 for x in os.environ["TTFB"].split()]
out = {"n": int(os.environ["N"]), "route": "POST /api/chat", "model": "offline", "runs": len(ttfb),
       "ttfb_ms": {"p50": round(pct(ttfb, 50), 2), "p99": round(pct(ttfb, 99), 2)},
       "whole_answer_ms": {"p50": round(pct(total, 50), 1), "p99": round(pct(total, 99), 1)}}
if first_text:
    out["first_text_ms"] = {"p50": round(pct(first_text, 50), 1), "p99": round(pct(first_text, 99), 1)}
print(json.dumps(out))
PY
