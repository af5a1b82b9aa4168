#!/usr/bin/env bash
# Start-up of a cached build, on demand (not part of Test): median and min of N interleaved runs of
#   ./build.sh Qualify   (every target Cached: needs one full ./build.sh Qualify first; checked with --expect-cached)
#   ./build.sh --help
# beside the baselines measured in the same run: `dotnet build` + `dotnet run --no-build` of an empty console app,
# and that app started alone (a .NET hello world). With BEFORE=<another clone> (e.g. main's commit, its own full
# Qualify run done) its two commands are measured in the same rounds. Runs are interleaved round by round, so a
# change of load on this shared machine hits every command alike. The load average is printed before and after.
# Usage: [BEFORE=/path/to/clone] [RUNS=20] [TARGET=Qualify] benchmarks/startup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-20}"
TARGET="${TARGET:-Qualify}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

WORK="$(mktemp -d /tmp/cambuild-startup-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && dotnet new console -o empty >/dev/null && cd empty && dotnet build -v q -nologo >/dev/null)

cd "$ROOT"
./build.sh --help >/dev/null                       # compiles once if the sources changed
./build.sh "$TARGET" --expect-cached --no-logo >/dev/null || {
  echo "./build.sh $TARGET would execute targets (see ./build.sh $TARGET --explain): run it once fully first." >&2; exit 1; }
if [[ -n "${BEFORE:-}" ]]; then
  (cd "$BEFORE" && ./build.sh --help >/dev/null && ./build.sh "$TARGET" --no-logo) > "$WORK/before.txt" 2>&1
  if grep -Eq '^\s+\S+\s+(Succeeded|Failed)\b' "$WORK/before.txt"; then
    echo "$BEFORE: ./build.sh $TARGET executed targets; run it once fully there first." >&2; cat "$WORK/before.txt" >&2; exit 1
  fi
fi

echo "load before: $(uptime)"
python3 - "$RUNS" "$TARGET" "$ROOT" "${BEFORE:-}" "$WORK/empty" <<'PY'
import statistics, subprocess, sys, time
runs, target, root, before, empty = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
commands = [
    (f"./build.sh {target} (cached)", [f"{root}/build.sh", target, "--no-logo"], root),
    ("./build.sh --help", [f"{root}/build.sh", "--help"], root),
]
if before:
    commands += [
        (f"before: ./build.sh {target} (cached)", [f"{before}/build.sh", target, "--no-logo"], before),
        ("before: ./build.sh --help", [f"{before}/build.sh", "--help"], before),
    ]
commands += [
    ("baseline: dotnet build + dotnet run --no-build (empty app)",
     ["bash", "-c", "dotnet build -v q -nologo >/dev/null && dotnet run --no-build >/dev/null"], empty),
    ("hello world: dotnet empty.dll", ["dotnet", f"{empty}/bin/Debug/net10.0/empty.dll"], empty),
]
times = {name: [] for name, _, _ in commands}
for name, argv, cwd in commands:  # one warm-up each
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
for _ in range(runs):
    for name, argv, cwd in commands:
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[name].append(time.perf_counter() - start)
base = statistics.median(times[commands[-2][0]])
print(f"\n{runs} interleaved runs each\n")
print(f"| command | median | min | baseline / median |")
print(f"| --- | --- | --- | --- |")
for name, _, _ in commands:
    m = statistics.median(times[name])
    print(f"| {name} | {m:.3f} s | {min(times[name]):.3f} s | {base / m:.1f}x |")
for name in (commands[0][0], commands[1][0]):
    m = statistics.median(times[name])
    print(f"{name}: median {m:.3f} s (goal < 0.150 s: {'met' if m < 0.150 else 'not met'}), "
          f"1/{base / m:.1f} of the baseline (goal < 1/20: {'met' if base / m > 20 else 'not met'})")
PY
echo "load after: $(uptime)"
