#!/usr/bin/env bash
# Installs the Debian packages mailsift needs. Idempotent: packages already present are skipped.
#
#   scripts/install-deps.sh            build and run (the demo)
#   scripts/install-deps.sh --test     also what the tests need (browser, test servers)
#   scripts/install-deps.sh --bench    also the peers the benchmarks compare against
#
# Run as root (or with sudo available). Nothing is downloaded at run time by mailsift itself.
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config ninja-build
  libgmime-3.0-dev libsqlite3-dev libzstd-dev libssl-dev libcurl4-openssl-dev
  nlohmann-json3-dev libexpected-dev libcpp-httplib-dev libcli11-dev libspdlog-dev libfmt-dev
  libgumbo-dev libstemmer-dev libuchardet-dev libtomlplusplus-dev libhnswlib-dev libeigen3-dev
  wordnet-dev wordnet-base
)
test_pkgs=(googletest libgtest-dev libgmock-dev chromium chromium-driver)
bench_pkgs=(libbenchmark-dev maildir-utils notmuch wrk hyperfine bc)

want=("${build_pkgs[@]}" libbenchmark-dev)
for arg in "$@"; do
  case "$arg" in
    --test) want+=("${test_pkgs[@]}") ;;
    --bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install-deps: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

missing=()
# Node.js runs the test-only servers; a machine may have its own (not Debian's) already.
case " $* " in *" --test "*|*" --bench "*) command -v node >/dev/null || want+=(nodejs npm) ;; esac
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#want[@]} packages present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The browser tests drive Debian's Chromium with playwright-core (no browser download), pinned
# by tests/browser/package-lock.json; node_modules/ stays out of git.
case " $* " in
  *" --test "*|*" --bench "*)
    here="$(cd "$(dirname "$0")/.." && pwd)"
    if [ ! -d "$here/tests/browser/node_modules/playwright-core" ]; then
      echo "install-deps: npm ci in tests/browser"
      (cd "$here/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    fi
    ;;
esac
