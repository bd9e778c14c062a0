#!/usr/bin/env bash
# Configures and builds one flavour of mailsift into build/<flavour>.
#
#   scripts/build.sh release    optimised, for the demo and benchmarks (default)
#   scripts/build.sh asan       AddressSanitizer + UndefinedBehaviorSanitizer, for the tests
#   scripts/build.sh debug
#
# JOBS (default 2) bounds parallel compile jobs: the build's memory stays modest.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour="${1:-release}"
jobs="${JOBS:-2}"
case "$flavour" in
  # The tests run in the sanitizer build; release builds the program and the benchmarks.
  release) args=(-DCMAKE_BUILD_TYPE=Release -DMAILSIFT_BUILD_BENCH=ON -DMAILSIFT_BUILD_TESTS=OFF) ;;
  # -g1 (line tables) is all ASan needs for its stack traces; unity batches halve a clean
  # build (UNITY=OFF for a per-file build while editing).
  asan) args=(-DCMAKE_BUILD_TYPE=Debug -DMAILSIFT_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1"
              -DMAILSIFT_UNITY="${UNITY:-ON}") ;;
  debug) args=(-DCMAKE_BUILD_TYPE=Debug) ;;
  *) echo "build.sh: unknown flavour '$flavour' (release, asan, debug)" >&2; exit 2 ;;
esac
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [ ! -f "build/$flavour/CMakeCache.txt" ]; then
  cmake -S . -B "build/$flavour" "${generator[@]}" "${args[@]}" -DMAILSIFT_WERROR="${WERROR:-OFF}"
fi
cmake --build "build/$flavour" -j "$jobs"
