#!/usr/bin/env bash
# Pin benchmark (issue 3): Pin of the fixture universe's SARAO top-level set against a raw
# `pip install --dry-run --report` of the same set, measured in the same run with hyperfine.
# Goal: cold Pin <= 1.5x pip's time; cached Pin (the engine's cache check) < 0.1 s.
#   cold C#:  a fresh process (no cache anywhere): probe /usr/bin/python3's marker environment, resolve over HTTP
#             against the embedded index serving the universe's fixture wheels, write requirements.txt + pylock.toml.
#   cold pip: Debian's pip in a `/usr/bin/python3 -m venv`, --no-cache-dir, same index, same set.
#   cached:   TargetCache.ComputeKey + IsHit of a Pin-like target over the same inputs, in process.
# Usage: benchmarks/pin.sh [runs, default 5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
SHARED="${CAMBUILD_SHARED_DIR:-$ROOT/../shared}"
UNIVERSE="${CAM_UNIVERSE:-$SHARED/fixtures/cam-universe.json}"
# The SARAO top-level set: the 12 packages of role "sarao" in the universe, the same list as
# tests/CamBuild.Python.Tests/Support/Sarao.cs (TopLevel).
mapfile -t SET < <(/usr/bin/python3 -c 'import json, sys; print("\n".join(sorted(p["name"] for p in json.load(open(sys.argv[1]))["packages"] if p["role"] == "sarao")))' "$UNIVERSE")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v hyperfine >/dev/null || { echo "hyperfine is required (apt-get install hyperfine)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/cambuild-pin-bench.XXXXXX)"
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 600 dotnet build "$ROOT/benchmarks/CamBuild.Benchmarks" -c Release -nologo -v q -clp:NoSummary >/dev/null
DRIVER=(dotnet "$ROOT/benchmarks/CamBuild.Benchmarks/bin/Release/net10.0/CamBuild.Benchmarks.dll")

timeout 120 /usr/bin/python3 -m venv "$WORK/venv"
PIP="$WORK/venv/bin/pip"
echo "pip: $("$PIP" --version)"

"${DRIVER[@]}" serve-index "$UNIVERSE" "$WORK/index" "$WORK/url" 30 > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do [[ -s "$WORK/url" ]] && break; sleep 0.1; done
[[ -s "$WORK/url" ]] || { cat "$WORK/server.log"; echo "index server did not start" >&2; exit 1; }
URL="$(cat "$WORK/url")"
head -n1 "$WORK/server.log"

CS="${DRIVER[*]} pin $URL /usr/bin/python3 $WORK/locks-bench ${SET[*]}"
PIPCMD="$PIP install --dry-run --ignore-installed --no-cache-dir --isolated --disable-pip-version-check --quiet --report $WORK/pip-report.json --index-url $URL ${SET[*]}"
# Same answer first (correctness before speed): both pin sets must be identical.
timeout 300 ${CS/locks-bench/locks}
timeout 300 $PIPCMD
/usr/bin/python3 - "$WORK/pip-report.json" "$WORK/locks/pins.txt" <<'PY'
import json, sys
pip = sorted(f"{i['metadata']['name'].lower().replace('_', '-')}=={i['metadata']['version']}" for i in json.load(open(sys.argv[1]))["install"])
ours = sorted(open(sys.argv[2]).read().split())
print(f"pip pinned {len(pip)} packages, CamBuild {len(ours)}; identical: {pip == ours}")
if pip != ours:
    print("  only pip:", sorted(set(pip) - set(ours)), " only CamBuild:", sorted(set(ours) - set(pip)))
PY

timeout 1200 hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/cold.json" \
  --prepare "rm -rf $WORK/locks-bench $WORK/pip-report.json" \
  -n 'CamBuild Pin, cold (new process)' "$CS" \
  -n 'baseline: pip install --dry-run --report' "$PIPCMD"

"${DRIVER[@]}" cache-check "$WORK/cache" "$WORK/locks" "$WORK/index" 50 "${SET[@]}" | tee "$WORK/cached.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$WORK/cold.json" "$WORK/cached.txt" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))["results"]
ours, pip = r[0], r[1]
cached = dict(re.findall(r"(CACHED_\w+)=([0-9.]+)", open(sys.argv[2]).read()))
ratio = ours["median"] / pip["median"]
print()
print(f"{'measure':46} {'median':>9} {'mean±sd':>16} {'min':>8} {'max':>8}")
for x in r:
    print(f"{x['command']:46} {x['median']:8.3f}s {x['mean']:8.3f}±{x['stddev'] or 0:.3f}s {x['min']:7.3f}s {x['max']:7.3f}s")
print(f"cold Pin / pip = {ratio:.2f}x (goal <= 1.5x): {'MET' if ratio <= 1.5 else 'NOT MET'}")
med, mx = float(cached["CACHED_MEDIAN_S"]), float(cached["CACHED_MAX_S"])
print(f"cached Pin check: median {med*1000:.2f} ms, max {mx*1000:.2f} ms (goal < 100 ms): {'MET' if mx < 0.1 else 'NOT MET'}")
PY
