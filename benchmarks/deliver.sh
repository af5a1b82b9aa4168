#!/usr/bin/env bash
# Delivery benchmark (issue 14), on demand (never part of Test): the 15 nodes of config/environments/cam.yaml, run as
# `dlv-cam` on 10.236.9.0/24 under the provider root /var/tmp/cambuild-test-deliver, with two real baked candidates:
#   A: the repository's configuration, B: the same with one leaf bumped (samples' katproxy -> 1.0.7).
# Each is baked in its own copy of config/ and samples/ (sharing this checkout's image cache), then one test run
# (tests/CamBuild.Delivery.Tests, DeliveryBenchmarkTests) measures:
#   - A -> B by swap (Deliver, the cam.yaml rollout: max_unavailable 20%), wall time;
#   - B -> A from the kept containers (Rollback), and the same with max_unavailable 100% (goal: 15 nodes back and
#     healthy within 10 s);
#   - the same change by destroy-then-create (DeployEnvironment);
#   - for each, the longest outage per role: every role's TCP port on every node polled every 100 ms.
# Usage: benchmarks/deliver.sh        (figures printed and written to /tmp/cambuild-deliver-bench.txt)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $EUID -eq 0 ]] || { echo "deliver.sh needs root (LXC)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CAMBUILD_SHARED_DIR="${CAMBUILD_SHARED_DIR:-$ROOT/../shared}"
WORK="${DELIVER_BENCH_WORK:-/var/tmp/cambuild-deliver-bench}"
PORT="${DELIVER_BENCH_PORT:-3198}"

bake() {  # bake <name> [katproxy version]
  local root="$WORK/$1"
  if [[ ! -f "$root/artifacts/candidate.json" ]]; then
    rm -rf "$root" && mkdir -p "$root/.nuke/temp/cache" "$root/artifacts/locks"
    cp -r "$ROOT/config" "$ROOT/samples" "$root/"
    cp "$ROOT/.nuke/parameters.json" "$root/.nuke/"
    [[ -f "$ROOT/artifacts/locks/os-lock.json" ]] && cp "$ROOT/artifacts/locks/os-lock.json" "$root/artifacts/locks/"
    [[ -n "${2:-}" ]] && sed -i "s/^version = \".*\"/version = \"$2\"/" "$root/samples/packages/katproxy/pyproject.toml"
    "$ROOT/build.sh" BakeCandidate --root "$root" --no-logo --embedded-index-port "$PORT" > "$WORK/bake-$1.log" 2>&1 \
      || { tail -n 30 "$WORK/bake-$1.log"; exit 1; }
  fi
  echo "$root/artifacts"
}

A="$(bake a)"
B="$(bake b 1.0.7)"
dotnet build "$ROOT/tests/CamBuild.Delivery.Tests" -v q -nologo > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
DLV_CANDIDATE_A="$A" DLV_CANDIDATE_B="$B" DLV_RESULTS=/tmp/cambuild-deliver-bench.txt \
  dotnet test "$ROOT/tests/CamBuild.Delivery.Tests" --no-build --filter "Category=Benchmark" --logger "console;verbosity=detailed" \
  > "$WORK/test.log" 2>&1 || { tail -n 60 "$WORK/test.log"; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat /tmp/cambuild-deliver-bench.txt
