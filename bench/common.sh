# Sourced by the bench scripts (from the repository root): where things are, the checks every
# script makes, the machine line, and the replicated Maildirs they share.
#   MAILSIFT_BUILD         the release build (default build/release)
#   MAILSIFT_BENCH_CORPUS  the source corpus (default ../shared/corpus/spamassassin-public-corpus)
#   MAILSIFT_BENCH_WORK    Maildirs and data directories (default build/bench-work)
build="${MAILSIFT_BUILD:-$PWD/build/release}"
bin="$build/mailsift"
make_corpus="$build/bench/make_corpus"
corpus="${MAILSIFT_BENCH_CORPUS:-$PWD/../shared/corpus/spamassassin-public-corpus}"
work="${MAILSIFT_BENCH_WORK:-$PWD/build/bench-work}"

# Exits with a hint unless each argument is an executable of the build and the corpus exists.
bench_require() {
  local f
  for f in "$bin" "$make_corpus" "$@"; do
    [ -x "$f" ] || { echo "build first: scripts/build.sh release (missing $f)" >&2; exit 2; }
  done
  [ -d "$corpus" ] || { echo "corpus not found: $corpus (set MAILSIFT_BENCH_CORPUS)" >&2; exit 2; }
  mkdir -p "$work"
}

bench_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# The corpus replicated with perturbations to COUNT messages in DIR, made once and reused.
bench_maildir() {
  local count=$1 dir=$2
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    "$make_corpus" "$corpus" "$dir" "$count" --perturb >/dev/null
    touch "$dir/.done"
  fi
}
