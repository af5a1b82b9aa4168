#!/usr/bin/env bash
# Startup benchmark: ./build.sh fast path against the usual `dotnet build` + `dotnet run --no-build` bootstrap of an
# empty console app, measured in the same run with hyperfine (median of 15 runs after 3 warm-ups).
# Usage: benchmarks/bootstrap.sh [extra build.sh arguments for the "cached run" case, default: Qualify]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHED_ARGS="${*:-Qualify}"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

WORK="$(mktemp -d /tmp/cambuild-bootstrap-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && dotnet new console -o empty >/dev/null && cd empty && dotnet build -v q -nologo >/dev/null)

cd "$ROOT"
./build.sh --help >/dev/null           # compile once if sources changed
./build.sh $CACHED_ARGS >/dev/null 2>&1 || true   # make sure the cache is warm

hyperfine --style basic --warmup 3 --runs 15 --export-json "$WORK/result.json" \
  -n 'build.sh --help' "./build.sh --help" \
  -n "build.sh $CACHED_ARGS (cached)" "./build.sh $CACHED_ARGS --no-logo" \
  -n 'baseline: dotnet build + dotnet run --no-build (empty app)' \
     "cd $WORK/empty && dotnet build -v q -nologo >/dev/null && dotnet run --no-build >/dev/null"

python3 - "$WORK/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print()
print(f"{'command':62} {'median':>9} {'mean':>9}")
for x in r:
    print(f"{x['command']:62} {x['median']:8.3f}s {x['mean']:8.3f}s")
base = r[-1]["median"]
for x in r[:-1]:
    print(f"{x['command']}: {base / x['median']:.1f}x faster than the baseline (goal: <= 0.300 s median, baseline >= 1.8 s)")
PY
