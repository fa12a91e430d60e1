#!/usr/bin/env bash
# Runs the test step (`npm test`, what .ci/run runs) N times in a row (default 10) while another
# build keeps the same cores busy, and stops at the first failure. Not part of CI: it takes an
# hour or more on two cores. It is how a flaky test is found before a pull request finds it.
#
#   scripts/stress-tests.sh [N]        # after `npm ci && npm run build`
#
# The load: `tsc` of every package (no cache, no output) in a loop, one process per core.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
log="reports/stress"
mkdir -p "$log"

load() {
  while true; do
    for config in packages/*/tsconfig.json apps/*/tsconfig.json; do
      node_modules/.bin/tsc -p "$config" --noEmit --incremental false >/dev/null 2>&1
    done
  done
}
loaders=()
for _ in $(seq "$(nproc)"); do
  load &
  loaders+=("$!")
done
trap 'kill "${loaders[@]}" 2>/dev/null; pkill -P $$ 2>/dev/null' EXIT

for run in $(seq "$runs"); do
  started=$(date +%s)
  if VITEST_JSON_REPORT="$log/run-$run.json" npm test >"$log/run-$run.log" 2>&1; then
    echo "run $run of $runs: passed in $(( $(date +%s) - started )) s (under load)"
  else
    echo "run $run of $runs: FAILED after $(( $(date +%s) - started )) s; see $log/run-$run.log"
    grep -E "FAIL|×" "$log/run-$run.log" | head -20
    exit 1
  fi
done
echo "all $runs runs passed while the cores were busy"
