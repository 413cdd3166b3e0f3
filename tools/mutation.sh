#!/usr/bin/env bash
# Mutation testing of the task core with Stryker.NET (not part of .ci/run: it takes minutes, not seconds).
# Mutates the decider, the task state, the plan replay and the retry policy, and runs only the fast tests of the
# core (trait Category=Core) against each mutant. Reports go to StrykerOutput/ (git-ignored).
# Usage: tools/mutation.sh [concurrency]   (default 2; the machines have two shared cores)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
concurrency="${1:-2}"
out="$root/StrykerOutput"
started=$SECONDS

if ! command -v jq >/dev/null 2>&1; then
  echo "tools/mutation.sh needs jq to add up the two reports (apt-get install jq)." >&2
  exit 1
fi

dotnet tool restore >/dev/null

# Stryker mutates one project per run: the core of PhaseFlow.Actors, then RetryPolicy in PhaseFlow.Contracts.
run() {
  local name="$1" project="$2"
  shift 2
  local mutate=()
  for file in "$@"; do
    mutate+=(--mutate "$file")
  done
  rm -rf "$out/$name"
  # Run from the test project's folder: from the root Stryker would see actors.sln and mutate every project.
  (cd tests/PhaseFlow.Tests && dotnet stryker --config-file "$root/stryker-config.json" --project "$project" "${mutate[@]}" \
    --concurrency "$concurrency" --output "$out/$name" --skip-version-check)
}

run actors PhaseFlow.Actors.csproj \
  '**/Actors/Tasks/TaskDecider.cs' '**/Actors/Tasks/TaskDecider.Run.cs' '**/Actors/Tasks/TaskDecider.Revert.cs' \
  '**/Actors/Tasks/DecisionDraft.cs' '**/Actors/Tasks/TaskState.cs' '**/Actors/Tasks/PhaseRecord.cs' '**/Actors/Tasks/PlanReplay.cs'
run contracts PhaseFlow.Contracts.csproj '**/Contracts/Authoring/RetryPolicy.cs'

# Score = killed (incl. timeouts) / (killed + timeouts + survived + no coverage), per file and overall; the
# same definition as Stryker's own "mutation score" (compile errors and ignored mutants do not count).
echo
echo "Mutation score of the core (Category=Core tests):"
jq -rs '
  [ .[].files | to_entries[] | { file: (.key | sub(".*/src/"; "src/")), mutants: .value.mutants } ]
  | map(. + {
      killed:     ([.mutants[] | select(.status == "Killed")] | length),
      timeout:    ([.mutants[] | select(.status == "Timeout")] | length),
      survived:   ([.mutants[] | select(.status == "Survived")] | length),
      nocoverage: ([.mutants[] | select(.status == "NoCoverage")] | length) })
  | map(select(.killed + .timeout + .survived + .nocoverage > 0))
  | (. + [ { file: "TOTAL",
             killed: (map(.killed) | add), timeout: (map(.timeout) | add),
             survived: (map(.survived) | add), nocoverage: (map(.nocoverage) | add) } ])
  | .[]
  | (.killed + .timeout) as $detected
  | ($detected + .survived + .nocoverage) as $valid
  | "\(if $valid == 0 then "  n/a" else (($detected * 10000 / $valid | floor) / 100 | tostring) + "%" end)\t\(.file)\tkilled \(.killed), timeout \(.timeout), survived \(.survived), no coverage \(.nocoverage)"
' "$out/actors/reports/mutation-report.json" "$out/contracts/reports/mutation-report.json" | column -t -s $'\t'

# Every mutant no test detected, so a reader can judge each one (docs/mutation-testing.md lists the equivalent ones).
echo
echo "Mutants no test detected (file:line:column, mutator, replacement):"
jq -r '
  .files | to_entries[] | (.key | sub(".*/src/"; "src/")) as $file | .value.mutants[]
  | select(.status == "Survived" or .status == "NoCoverage")
  | "  \($file):\(.location.start.line):\(.location.start.column)\t\(.status)\t\(.mutatorName)\t\(.replacement | gsub("\\s+"; " ") | .[0:80])"
' "$out/actors/reports/mutation-report.json" "$out/contracts/reports/mutation-report.json"
echo
echo "Run time: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s. HTML reports: StrykerOutput/*/reports/mutation-report.html"
