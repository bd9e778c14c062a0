#!/usr/bin/env bash
# Installs what the tests need, builds mailsift with AddressSanitizer + UndefinedBehaviorSanitizer
# and warnings as errors, and runs every test (unit, adapter, end-to-end). Tests that need
# ../shared/corpus skip with a message when it is absent.
#
#   scripts/test.sh              everything
#   scripts/test.sh -L unit      only tests with a CTest label (unit, adapter, e2e)
#   scripts/test.sh -R Store     only tests whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
WERROR=ON scripts/build.sh asan
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir build/asan --output-on-failure -j "${JOBS:-2}" --timeout 600 "$@"
