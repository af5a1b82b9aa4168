#!/usr/bin/env bash
# Proxmox benchmark (issue 7): deploy (prepare + parallel create/start) of 15 nodes against 1 node, same run, against
# the Proxmox VE simulator answering every API call after 50 ms and running each create task for 2 s, with the
# provider's production timings (ProxmoxBenchmark in tests/CamBuild.Deploy.Proxmox.Tests, test BenchmarkTests).
# The 15-node time varies a lot between runs, so the test is run RUNS times (each run measures 1 and 15 nodes in the
# same process) and the median and worst ratios are reported.
# Goals (those the test asserts): 15 nodes within 3x the time of 1 node, < 20 API calls per node, at most 6
# mutating calls in flight (the per-cluster throttle).
# Usage: benchmarks/proxmox.sh [runs, default 5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LOGS="$(mktemp -d /tmp/cambuild-proxmox-bench.XXXXXX)"
trap 'rm -rf "$LOGS"' EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$ROOT"
timeout 900 dotnet build tests/CamBuild.Deploy.Proxmox.Tests -nologo -v q -clp:NoSummary >/dev/null
for i in $(seq "$RUNS"); do
  timeout 600 dotnet test tests/CamBuild.Deploy.Proxmox.Tests --no-build --filter "FullyQualifiedName~BenchmarkTests" --nologo \
    --logger "console;verbosity=detailed" > "$LOGS/run-$i.log" 2>&1 || true
  grep -E "^\s*(Passed|Failed) " "$LOGS/run-$i.log" | sed "s/^ */run $i: /" | sort -u
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$LOGS" "$RUNS" <<'PY'
import re, statistics, sys
logs, runs = sys.argv[1], int(sys.argv[2])
pattern = (r"1 node: ([\d.]+) s, (\d+) API calls \(([\d.]+)/node\); (\d+) nodes: ([\d.]+) s, (\d+) API calls "
           r"\(([\d.]+)/node\), peak (\d+) mutating calls in flight; ratio ([\d.]+)x")
rows = []
for i in range(1, runs + 1):
    text = open(f"{logs}/run-{i}.log").read()
    m = re.search(pattern, text)
    if not m:
        print(f"run {i}: no figures\n" + text[-3000:]); continue
    rows.append((float(m.group(1)), int(m.group(4)), float(m.group(5)), int(m.group(6)), float(m.group(7)), int(m.group(8)), float(m.group(9))))
if not rows: sys.exit(1)
print()
print(f"{'run':>3} {'baseline: 1 node':>17} {'15 nodes':>9} {'ratio':>6} {'calls/node':>11} {'peak':>5}")
for i, (one, n, many, calls, per, peak, ratio) in enumerate(rows, 1):
    print(f"{i:>3} {one:16.2f}s {many:8.2f}s {ratio:5.2f}x {per:11.1f} {peak:5}")
ratios = [r[6] for r in rows]
med, worst = statistics.median(ratios), max(ratios)
per_node, peak = max(r[4] for r in rows), max(r[5] for r in rows)
print(f"ratio median {med:.2f}x, worst {worst:.2f}x (goal <= 3x): median {'MET' if med <= 3 else 'NOT MET'}, "
      f"every run {'MET' if worst <= 3 else 'NOT MET'}; calls/node max {per_node:.1f} (goal < 20): {'MET' if per_node < 20 else 'NOT MET'}; "
      f"peak {peak} (goal <= 6): {'MET' if peak <= 6 else 'NOT MET'}")
PY
