#!/usr/bin/env bash
# Runs the cluster and node test classes N times in a row (default 10) with two CPU busy loops beside them, to show
# they do not fail on a loaded machine. Prints each run's pass/fail counts and duration and a summary line; exits
# non-zero when any run failed (or did not report its counts).
#
#   tools/repeat-loaded.sh [runs]
set -euo pipefail

runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [runs]   (runs: a positive whole number, default 10; got '$runs')" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
filter="FullyQualifiedName~Host.Cluster|FullyQualifiedName~Host.Node"

busy=()
stop_busy() {
  for pid in "${busy[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap stop_busy EXIT
trap 'exit 130' INT TERM

echo "building once"
dotnet build actors.sln --nologo -v quiet

for i in 1 2; do
  (while :; do :; done) &
  busy+=("$!")
done
echo "busy loops running: pids ${busy[*]}"

failed_runs=0
logs="$(mktemp -d -t repeat-loaded.XXXXXX)"
for run in $(seq 1 "$runs"); do
  log="$logs/run-$run.log"
  start=$(date +%s)
  status=0
  dotnet test actors.sln --no-build --nologo --filter "$filter" >"$log" 2>&1 || status=$?
  seconds=$(( $(date +%s) - start ))

  # The summary line of dotnet test: "Passed!  - Failed:     0, Passed:    40, Skipped:     0, Total:    40, ..."
  summary=$(grep -E '(Passed|Failed)! +- ' "$log" | tail -n 1 || true)
  passed=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$summary")
  failed=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$summary")
  if [[ -z "$passed" || -z "$failed" ]]; then
    passed=${passed:-?}
    failed=${failed:-?}
    [[ "$status" -ne 0 ]] || status=1
  fi

  if [[ "$status" -ne 0 || "$failed" != "0" || "$passed" == "0" ]]; then
    failed_runs=$((failed_runs + 1))
    verdict=FAIL
  else
    verdict=ok
  fi

  printf 'run %d/%d: %s  passed %s, failed %s, %d s  (%s)\n' "$run" "$runs" "$verdict" "$passed" "$failed" "$seconds" "$(date -u +%H:%M:%S)"
  if [[ "$verdict" == FAIL ]]; then
    grep -E '^\s+Failed |Error Message|Assert|Exception' "$log" | head -n 40 | sed 's/^/    /' || true
    echo "    full output: $log"
  else
    rm -f "$log"
  fi
done

echo "summary: $((runs - failed_runs)) of $runs runs green, $failed_runs failed (filter: $filter)"
[[ "$failed_runs" -eq 0 ]]
