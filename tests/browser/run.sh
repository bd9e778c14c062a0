#!/usr/bin/env bash
# Runs the browser tests (ui.test.mjs) as CTest's browser_test: headless Debian Chromium driven
# by playwright-core against `mailsift serve` and a fake model server that the test starts.
#
#   tests/browser/run.sh                  uses build/asan/mailsift
#   MAILSIFT_BIN=... MAILSIFT_ARTIFACTS=... tests/browser/run.sh
#   MAILSIFT_SCREENSHOT_DIR=docs/screenshots tests/browser/run.sh   also writes the README's pictures
#
# Without Node.js, Chromium or node_modules (scripts/install-deps.sh --test sets them up) the
# test is skipped (exit 77) with a message; with CI=true it fails instead.
set -uo pipefail
cd "$(dirname "$0")"

missing() {
  if [ "${CI:-}" = true ]; then
    echo "FAIL browser tests: $1 (CI=true: the browser tests must run in CI)" >&2
    exit 1
  fi
  echo "SKIP browser tests: $1" >&2
  exit 77
}

command -v node >/dev/null || missing "node is not installed (scripts/install-deps.sh --test)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (scripts/install-deps.sh --test)"
[ -d node_modules/playwright-core ] || missing "playwright-core is not installed (scripts/install-deps.sh --test, or: cd tests/browser && npm ci)"


exec node --test-reporter=spec ui.test.mjs
