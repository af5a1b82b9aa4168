#!/usr/bin/env bash
# First `./build.sh Qualify` in a fresh clone, target by target, and then in a second fresh clone on the same machine
# (issue 16). Both clones use one machine cache of their own ($WORK/machine-cache, empty at the start, so the first
# clone is the cold baseline of the same run and /var/cache/cambuild is not touched): the second clone shows what the
# machine cache saves (no OS lock resolution, no base build, every bake stage cached; its own ResolveLeaves, Pin, bake
# bookkeeping, deploy and Qualify). The compile of each clone's build is done first and not timed (the goal counts
# targets only); Debian packages must already be installed (apt excluded, as the goal says).
# Qualify deploys its fresh environment from a copy of config/environments/local.yaml (the default: 4 nodes, the same
# roles) written into each clone as `bench.yaml` on the subnet FRESH_BENCH_SUBNET (default 10.244.1; local.yaml's own
# 10.80.0.0/24 may be in use by another build on a shared machine), bridge FRESH_BENCH_BRIDGE, and run with
# `--environment bench`: the whole chain of Qualify (Prerequisites PrepareBase ResolveLeaves Pin BakeCandidate Qualify).
# Goals: first clone under 90 s of targets; second fresh clone under 30 s.
# Usage (root, LXC): benchmarks/fresh-clones.sh      (clones HEAD of this repository; on a shared machine wrap it in flock
# on a lock file of your own so two benchmarks never overlap)
#   FRESH_BENCH_SUBNET=10.244.1 FRESH_BENCH_BRIDGE=spd-fresh FRESH_BENCH_PORT=3342 benchmarks/fresh-clones.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1 CAMBUILD_SHARED_DIR="${CAMBUILD_SHARED_DIR:-$ROOT/../shared}"
[[ $EUID -eq 0 ]] || { echo "fresh-clones.sh needs root (mmdebstrap, LXC)" >&2; exit 2; }
WORK="$(mktemp -d /var/tmp/cambuild-fresh-clones.XXXXXX)"
LOGS="${FRESH_BENCH_LOGS:-/tmp/cambuild-fresh-clones-logs}"
rm -rf "$LOGS" && mkdir -p "$LOGS"
trap 'rm -rf "$WORK"' EXIT
export CAMBUILD_MACHINE_CACHE_DIR="$WORK/machine-cache"
PORT="${FRESH_BENCH_PORT:-3342}"
SUBNET="${FRESH_BENCH_SUBNET:-10.244.1}"
BRIDGE="${FRESH_BENCH_BRIDGE:-spd-fresh}"
now() { date +%s.%N; }
since() { /usr/bin/python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

echo "commit $(git -C "$ROOT" rev-parse --short HEAD); machine cache $CAMBUILD_MACHINE_CACHE_DIR (empty); index port $PORT; subnet $SUBNET.0/24 ($BRIDGE)"
for clone in first second; do
  git clone -q "$ROOT" "$WORK/$clone"
  sed -e "s/^name: local/name: bench/" -e "s/10\.80\.0\./$SUBNET./g" -e "s/bridge: cb-local/bridge: $BRIDGE/" \
    "$WORK/$clone/config/environments/local.yaml" > "$WORK/$clone/config/environments/bench.yaml"
  grep -q "subnet: $SUBNET.0/24" "$WORK/$clone/config/environments/bench.yaml" || { echo "bench.yaml: subnet not replaced" >&2; exit 1; }
  (cd "$WORK/$clone" && timeout 3600 ./build.sh --help > "$LOGS/$clone-compile.log" 2>&1) || { tail -30 "$LOGS/$clone-compile.log"; exit 1; }
done
for clone in first second; do
  echo "== $clone fresh clone: ./build.sh Qualify (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  t=$(now)
  (cd "$WORK/$clone" && timeout 3600 ./build.sh Qualify --no-logo --embedded-index-port "$PORT" --environment bench) > "$LOGS/$clone.log" 2>&1 \
    || { tail -60 "$LOGS/$clone.log"; exit 1; }
  wall=$(since "$t")
  # The summary table: target, outcome, duration.
  grep -E '^\s+(Prerequisites|PrepareBase|ResolveLeaves|Pin|BakeCandidate|DeployEnvironment|Qualify)\s+(Succeeded|Cached)\b' "$LOGS/$clone.log" || true
  /usr/bin/python3 - "$LOGS/$clone.log" <<'PY'
import re, sys
total, names = 0.0, []
for m in re.finditer(r"^\s+(\w+)\s+(Succeeded|Cached)\s+(?:(\d+):(\d+) min|([\d.]+) s|< 1 ms|[\d.]+ ms)?", open(sys.argv[1]).read(), re.M):
    names.append(m.group(1))
    if m.group(3): total += int(m.group(3)) * 60 + int(m.group(4))
    elif m.group(5): total += float(m.group(5))
print(f"  targets ({' '.join(names)}): {total:.1f} s")
PY
  echo "  mmdebstrap runs: $(grep -cE 'with mmdebstrap \(online|: mmdebstrap of [0-9]+ locked packages' "$LOGS/$clone.log" || true)"
  echo "  machine cache hits: $(grep -cE 'machine cache hit|: cache hit' "$LOGS/$clone.log" || true)"
  echo "  whole process: $wall s (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "candidate ids: $(for c in first second; do /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"][:12])' "$WORK/$c/artifacts/candidate.json"; done | tr '\n' ' ')"
