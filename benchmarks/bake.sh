#!/usr/bin/env bash
# Bake benchmark (issue 4), all in one run on a private copy of the repository (its own artifacts, caches and
# embedded index port; the copy's build is compiled before anything is timed):
#   baseline: plain `mmdebstrap` of the same OS package set (the os-lock's suite, variant, --include and mirrors),
#             online, written as .tar.zst (zstd's default level 3);
#   cold:     `./build.sh BakeCandidate` with PrepareBase, ResolveLeaves and Pin done (cached) and an empty image cache:
#             no debs (downloaded from the same Debian mirror), no base, no stage caches, no wheel cache; the
#             candidate's compression is config/candidate.yaml's development level (zstd 3);
#   cold, local debs: the same with the .deb files already in the bake's deb store (<machine cache>/images/debs,
#             filled by the previous run), everything else empty;
#   warm:     the same command after one leaf version changes (samples' katproxy 1.0.0 -> 1.0.9, so ResolveLeaves and
#             Pin run again and the bake reuses the base).
# Goals: cold BakeCandidate <= 1.3x plain mmdebstrap; warm BakeCandidate <= 15 s. Stage times are printed too.
# Durations of a minute or more come from the build's summary, which rounds them to whole seconds.
# Usage: benchmarks/bake.sh            (copies the working tree)
#        BAKE_BENCH_SOURCE=HEAD benchmarks/bake.sh   (benchmarks a commit instead: git archive, read-only)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE="${BAKE_BENCH_SOURCE:-worktree}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[[ $EUID -eq 0 ]] || { echo "bake.sh needs root (mmdebstrap root mode, overlayfs)" >&2; exit 2; }

WORK="$(mktemp -d /var/tmp/cambuild-bake-bench.XXXXXX)"
LOGS="${BAKE_BENCH_LOGS:-/tmp/cambuild-bake-bench-logs}"   # build logs kept here (replaced on each run)
rm -rf "$LOGS" && mkdir -p "$LOGS"
cleanup() {
  findmnt -rn -o TARGET | grep "^$WORK/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
REPO="$WORK/repo"
mkdir -p "$REPO"
if [[ "$SOURCE" == worktree ]]; then
  rsync -a --exclude .git --exclude bin/ --exclude obj/ --exclude /artifacts/ --exclude /.nuke/temp/ \
    --exclude __pycache__ --exclude node_modules --exclude TestResults "$ROOT/" "$REPO/"
else
  git -C "$ROOT" archive "$SOURCE" | tar -x -C "$REPO"
fi
cd "$REPO"
# Its own machine cache, so that "cold" means cold whatever /var/cache/cambuild holds (and nothing there is touched).
export CAMBUILD_MACHINE_CACHE_DIR="$WORK/machine-cache"
MC="$CAMBUILD_MACHINE_CACHE_DIR"
PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
build() { local target=$1; shift; timeout 1800 ./build.sh "$target" --embedded-index-port "$PORT" --no-logo "$@"; }
# timed_bake <name>: ./build.sh BakeCandidate; console to $LOGS/<name>.log, timestamped file log to $LOGS/<name>-file.log
timed_bake() {
  local t; t=$(now)
  build BakeCandidate > "$LOGS/$1.log" 2>&1 || { tail -60 "$LOGS/$1.log"; exit 1; }
  since "$t" > "$LOGS/$1.wall"
  cp .nuke/temp/build.log "$LOGS/$1-file.log"
}
now() { date +%s.%N; }
since() { /usr/bin/python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

echo "source: $SOURCE ($(git -C "$ROOT" rev-parse --short HEAD)); copy at $REPO; index port $PORT"
timeout 1200 ./build.sh --help >/dev/null
echo "preparing (untimed): the targets before BakeCandidate (./build.sh Pin)"
build Pin > "$WORK/prepare.log" 2>&1 || { tail -40 "$WORK/prepare.log"; exit 1; }
rm -rf "$MC/images/base" "$MC/images/stages" "$MC/images/debs" "$MC/images/inputs" "$MC/wheels" artifacts/candidates
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

mapfile -t PLAIN < <(/usr/bin/python3 - artifacts/locks/os-lock.json <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
print(f"--variant={lock['variant']}"); print(f"--architectures={lock['architecture']}")
if lock["include"]: print("--include=" + ",".join(lock["include"]))
print(lock["suite"]); print("OUTPUT")
for s in lock["sources"]: print(f"deb {s['uri']} {s['suite']} {' '.join(s['components'])}")
PY
)
PLAIN=("${PLAIN[@]/OUTPUT/$WORK/plain.tar.zst}")
echo "baseline: mmdebstrap --quiet ${PLAIN[*]}"
t=$(now); timeout 1800 mmdebstrap --quiet "${PLAIN[@]}"; PLAIN_S=$(since "$t")
echo "  plain mmdebstrap: $PLAIN_S s, $(du -h "$WORK/plain.tar.zst" | cut -f1)"

timed_bake cold
mv "$MC/images/debs" "$WORK/debs"
rm -rf "$MC/images/base" "$MC/images/stages" "$MC/images/inputs" "$MC/wheels" artifacts/candidates
mv "$WORK/debs" "$MC/images/debs"
timed_bake cold-local-debs
sed -i 's/^version = "1.0.0"$/version = "1.0.9"/' samples/packages/katproxy/pyproject.toml
grep -q '^version = "1.0.9"$' samples/packages/katproxy/pyproject.toml || { echo "katproxy's version line not found" >&2; exit 1; }
timed_bake warm
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -q 'katproxy==1\.0\.9' "$(dirname "$(ls -t artifacts/candidates/*/manifest.json | head -n1)")/manifest.json" \
  || { echo "the warm candidate does not hold katproxy 1.0.9" >&2; exit 1; }

/usr/bin/python3 - "$LOGS" "$PLAIN_S" "$WORK/plain.tar.zst" <<'PY'
import datetime, os, re, sys
logs, plain, plain_file = sys.argv[1], float(sys.argv[2]), sys.argv[3]
def seconds(d):
    return float(d[:-2]) if d.endswith(" s") else int(d.split(":")[0]) * 60 + int(d.split(":")[1][:2])
def stamp(text, pattern):
    m = re.search(r"^(\d\d:\d\d:\d\d\.\d+) .*" + pattern, text, re.M)
    return datetime.datetime.strptime(m.group(1), "%H:%M:%S.%f") if m else None
def parse(name):
    text = open(f"{logs}/{name}.log").read()
    targets = {m.group(1): (m.group(2), seconds(m.group(3)))
               for m in re.finditer(r"\s(\w+)\s+(Succeeded|Cached|Failed)\s+([\d.]+ s|\d+:\d\d min)", text)}
    stages = [(st, how, float(x)) for st, how, x in re.findall(r"stage (\w+)\s+(cached|built)\s+([\d.]+) s", text)]
    filelog = open(f"{logs}/{name}-file.log").read()
    fetch, strap = stamp(filelog, r"fetching \d+ pinned \.deb files"), stamp(filelog, r"mmdebstrap of \d+ locked packages")
    download = (strap - fetch).total_seconds() if fetch and strap else None
    return targets, stages, download, float(open(f"{logs}/{name}.wall").read())
def show(title, name):
    targets, stages, download, wall = parse(name)
    bake = targets["BakeCandidate"][1]
    print(f"{title:45} {bake:7.1f} s  (./build.sh BakeCandidate wall {wall:.1f} s; "
          + ", ".join(f"{t} {targets[t][0].lower()} {targets[t][1]:.1f} s" for t in ("PrepareBase", "ResolveLeaves", "Pin") if t in targets) + ")")
    for stage, how, s in stages:
        extra = f"   of which .deb download {download:.1f} s, mmdebstrap offline + extract {s - download:.1f} s" if stage == "base" and download else ""
        print(f"    stage {stage:9} {how:7} {s:6.1f} s{extra}")
    return bake
print()
print(f"{'baseline: plain mmdebstrap (online, .tar.zst)':45} {plain:7.1f} s  ({os.path.getsize(plain_file) / 2**20:.0f} MiB)")
cold = show("cold BakeCandidate, debs from the mirror", "cold")
local = show("cold BakeCandidate, debs from the local store", "cold-local-debs")
warm = show("warm BakeCandidate after katproxy -> 1.0.9", "warm")
for title, value in (("cold (mirror)", cold), ("cold (local debs)", local)):
    print(f"{title} / plain = {value / plain:.2f}x (goal <= 1.3x): {'MET' if value / plain <= 1.3 else 'NOT MET'}")
print(f"warm = {warm:.1f} s (goal <= 15 s): {'MET' if warm <= 15 else 'NOT MET'}")
print(f"logs: {logs}")
PY
