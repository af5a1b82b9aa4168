#!/usr/bin/env bash
# Proxmox benchmark of issue 16: a whole DeployEnvironment (loader, planner, provider, SSH specialisation, health) of
# 15 nodes against 1 node, with linked clones and with full creates, against the Proxmox VE simulator answering every
# call after 50 ms and running create/clone/template tasks for 2 s, production provider timings; RUNS runs
# (DeployBenchmarkTests in tests/CamBuild.Deploy.Proxmox.Tests). Prints every run, the median and the worst, and the
# load average before and after. Needs root (the SSH member's per-CT mount namespaces).
# Usage: benchmarks/proxmox-deploy.sh [runs, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-10}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CAMBUILD_BENCH_RUNS="$RUNS"
cd "$ROOT"
echo "uptime before: $(uptime)"
timeout 900 dotnet build tests/CamBuild.Deploy.Proxmox.Tests -nologo -v q -clp:NoSummary >/dev/null
timeout 3600 dotnet test tests/CamBuild.Deploy.Proxmox.Tests --no-build --filter "FullyQualifiedName~DeployBenchmarkTests" --nologo \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "ProxmoxDeployBenchmark:|Passed |Failed |Error Message" | sed 's/^ *//' | awk '!seen[$0]++'
echo "uptime after: $(uptime)"
