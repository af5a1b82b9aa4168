#!/usr/bin/env bash
# Deploy benchmark (issue 5): a fresh environment of 15 and of 64 LXC nodes deployed (parallelism 8) until every node
# is healthy, against the same deploy done one node at a time, both measured in the same run by
# The DeployBenchmark in tests/CamBuild.Deploy.Tests/Benchmarks (test DeployBenchmarkTests, Category=Benchmark; candidate: the test template
# bookworm minbase + python3 in /var/tmp/cambuild-test-cache, extracted once before timing; nodes torn down after).
# Goals: 15 nodes <= 15 s, 64 nodes <= 60 s, each faster than sequential.
# Usage: benchmarks/deploy.sh   (root, lxc; about 3-5 minutes)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LOG="$(mktemp /tmp/cambuild-deploy-bench.XXXXXX.log)"
trap 'rm -f "$LOG"' EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$ROOT"
status=0
timeout 1800 dotnet test tests/CamBuild.Deploy.Tests --filter "Category=Benchmark" --nologo \
  --logger "console;verbosity=detailed" > "$LOG" 2>&1 || status=$?
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "^\s*(Passed|Failed) |Total tests|Passed!|Failed!" "$LOG" | sed 's/^ *//' | sort -u
/usr/bin/python3 - "$LOG" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rows = {}
for m in re.finditer(r"(\w+): (\d+) nodes deployed and healthy in ([\d.]+) s with parallelism (\d+) vs ([\d.]+) s sequentially", text):
    rows[int(m.group(2))] = (float(m.group(3)), float(m.group(5)), int(m.group(4)))
goals = {15: 15.0, 64: 60.0}
print()
print(f"{'nodes':>5} {'parallel':>10} {'baseline: sequential':>21} {'speed-up':>9} {'goal':>8}  met")
for n, goal in goals.items():
    if n not in rows:
        print(f"{n:>5} no figure (see the test output)"); continue
    p, s, par = rows[n]
    print(f"{n:>5} {p:9.2f}s {s:20.2f}s {s/p:8.1f}x {goal:7.0f}s  {'MET' if p <= goal and p < s else 'NOT MET'}")
if len(rows) < len(goals):
    sys.stdout.write(text[-4000:])
PY
exit $status
