#!/usr/bin/env bash
# Measures how long the installed `phaseflow` tool takes to run a client verb (start-up included), side by side with
# the `dotnet run` alias the quick start used before there was a tool. Packs the tool from this clone, installs it
# into a temporary folder, and times N runs of each (default 10) against a server that is not running, so the verb
# fails fast at its first connection and the time is the CLI's own. Prints the median and the worst of each.
#
#   bench/cli-start.sh [runs]
set -euo pipefail

runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [runs]   (runs: a positive whole number, default 10; got '$runs')" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
work="$(mktemp -d -t phaseflow-cli-start.XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet pack src/Host/PhaseFlow.Host.csproj -c Release -o "$work/feed" --nologo -v quiet >/dev/null
NUGET_PACKAGES="$work/nuget" dotnet tool install PhaseFlow.Tool --add-source "$work/feed" --tool-path "$work/tools" >/dev/null
dotnet build src/Host -c Release --nologo -v quiet >/dev/null

# A port nobody listens on: the verb's first request is refused at once.
server="http://127.0.0.1:9"

measure() {
  local label="$1"; shift
  local times=()
  "$@" status warm-up --server "$server" >/dev/null 2>&1 || true   # the first run pays for cold disk caches
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" status nothing --server "$server" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median worst
  median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
  worst=$(tail -n 1 <<<"$sorted")
  printf '%-32s median %5d ms   worst %5d ms   (%d runs)\n' "$label" "$median" "$worst" "$runs"
}

measure "phaseflow (installed tool)" "$work/tools/phaseflow"
measure "dotnet run --no-build (alias)" dotnet run --project src/Host -c Release --no-build --
