#!/usr/bin/env bash
# Delivery benchmark (issue 14), on demand (never part of Test):
#   benchmarks/deliver.sh   (on a shared machine, wrap it in flock on a lock file of your own so two benchmarks never overlap)
# What a user runs: the real candidates (./build.sh's BakeCandidate on copies of config/ and samples/: A as they are,
# B with the katsim leaf bumped) and the 15 nodes of config/environments/cam.yaml (copied as `dlvcam`, only name,
# subnet 10.240.1.0/24 and bridge changed), every step a run of the compiled build (Promote, Deliver, Rollback,
# DeployEnvironment) as its own process. One test run (tests/CamBuild.Delivery.Tests, RealCandidateDeliveryBenchmark)
# measures, in the same run:
#   - A -> B by swap (Deliver, cam.yaml's rollout: max_unavailable 20%), wall time of the process and of the rollout;
#   - B -> A from the kept containers (Rollback; goal: 15 nodes back and healthy within 10 s), in batches and with
#     max_unavailable 100%;
#   - the same change A -> B by destroy-then-create (DeployEnvironment);
#   - for each, the longest outage per role: every role's TCP port on every node and both portals' /health polled
#     every 100 ms.
# Usage: benchmarks/deliver.sh        (figures printed and written to /tmp/cambuild-deliver-bench.txt)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $EUID -eq 0 ]] || { echo "deliver.sh needs root (LXC)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CAMBUILD_SHARED_DIR="${CAMBUILD_SHARED_DIR:-$ROOT/../shared}"
LOG="${DELIVER_BENCH_LOG:-/tmp/cambuild-deliver-bench.log}"
RESULTS=/tmp/cambuild-deliver-bench.txt
rm -f "$RESULTS"
dotnet build "$ROOT/tests/CamBuild.Delivery.Tests" -v q -nologo > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
DLV_RESULTS="$RESULTS" dotnet test "$ROOT/tests/CamBuild.Delivery.Tests" --no-build \
  --filter "Category=Benchmark&FullyQualifiedName~RealCandidateDeliveryBenchmark" --logger "console;verbosity=detailed" \
  > "$LOG" 2>&1 || { tail -n 80 "$LOG"; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$RESULTS"
