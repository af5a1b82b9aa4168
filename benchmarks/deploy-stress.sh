#!/usr/bin/env bash
# Deploy stress (issue 20): RUNS consecutive fresh deploys of an environment (default: the embedded default,
# config/environments/local.yaml) with BUSY busy loops as a parallel CPU load, each torn down before the next.
# Prints every run's outcome and deploy-to-healthy time, then "N/RUNS succeeded" and the median time.
# Usage: benchmarks/deploy-stress.sh [RUNS=20] [ENVIRONMENT=local] [BUSY=2]
#   (root, lxc; a baked candidate: ./build.sh BakeCandidate first; about 20-40 s a run for local)
# A failed run's log is kept in /tmp/cambuild-deploy-stress.<env>.<run>.log.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-20}" ENVIRONMENT="${2:-local}" BUSY="${3:-2}"
cd "$ROOT"

busy=()
stop_load() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done; busy=(); }
trap stop_load EXIT

./build.sh Teardown --environment "$ENVIRONMENT" --no-logo >/dev/null 2>&1 || true
for ((i = 0; i < BUSY; i++)); do ( while :; do :; done ) & busy+=("$!"); done
echo "environment $ENVIRONMENT, $RUNS runs, $BUSY busy loop(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

ok=0 times=()
for ((run = 1; run <= RUNS; run++)); do
  log="/tmp/cambuild-deploy-stress.$ENVIRONMENT.$run.log"
  started=$(date +%s.%N)
  if timeout 600 ./build.sh DeployEnvironment --environment "$ENVIRONMENT" --no-logo >"$log" 2>&1; then
    healthy="$(grep -oE "deployed and healthy in [0-9.]+ s" "$log" | grep -oE "[0-9.]+" | tail -n 1)"
    ok=$((ok + 1)); times+=("$healthy"); rm -f "$log"
    printf 'run %2d: ok, deployed and healthy in %s s (load %s)\n' "$run" "$healthy" "$(cut -d' ' -f1 /proc/loadavg)"
  else
    printf 'run %2d: FAILED after %.1f s (load %s): %s\n' "$run" "$(echo "$(date +%s.%N) - $started" | bc)" \
      "$(cut -d' ' -f1 /proc/loadavg)" "$(grep -m1 -E "FAILED|error|Error" "$log" | cut -c1-300)"
  fi
  ./build.sh Teardown --environment "$ENVIRONMENT" --no-logo >/dev/null 2>&1 || echo "run $run: teardown failed"
done
stop_load
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {if (NR) print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); else print "-"}')"
echo "$ok/$RUNS succeeded; median deploy-to-healthy ${median} s"
[[ $ok -eq $RUNS ]]
