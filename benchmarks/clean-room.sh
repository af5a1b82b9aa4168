#!/usr/bin/env bash
# Clean-room check (on demand, as root): a Debian 12 minbase root filesystem made with mmdebstrap, the host's .NET SDK
# bind-mounted read-only and nothing else; inside it, in a clean clone, runs the README's commands
#   ./build.sh Test --category unit     and     ./build.sh Pin
# so that what a fresh machine lacks shows up here, not on a user's machine. Prints each command's exit code.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${CAMBUILD_SHARED_DIR:-$repo/../shared}"
work="${CLEAN_ROOM_DIR:-/var/tmp/cambuild-clean-room}"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
root="$work/root"

cleanup() {
  for m in dev/pts dev proc sys usr/share/dotnet; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done
}
trap cleanup EXIT

cleanup; rm -rf "$work"; mkdir -p "$work"
echo "== mmdebstrap bookworm minbase -> $root"
mmdebstrap --variant=minbase --include=ca-certificates --quiet bookworm "$root" http://deb.debian.org/debian || exit 1
git clone -q "$repo" "$root/src/cambuild"
cp -a "$shared" "$root/src/shared"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The machine's own network may reach NuGet and the mirror through an egress proxy with a local CA: trust it inside
# too (a property of this network, not a prerequisite of the project).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null
fi
mkdir -p "$root/usr/share/dotnet"
mount --bind "$dotnet_root" "$root/usr/share/dotnet" && mount -o remount,bind,ro "$root/usr/share/dotnet"
ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
mount -t proc proc "$root/proc"; mount -t sysfs sys "$root/sys"; mount --bind /dev "$root/dev"; mount --bind /dev/pts "$root/dev/pts"

run() {
  echo "== $*"
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb NO_COLOR=1 \
    /bin/bash -c "cd /src/cambuild && $*"
  local status=$?
  echo "== exit $status: $*"
  return $status
}
started=$(date +%s)
run ./build.sh Test --category unit --no-logo; unit=$?
run ./build.sh Pin --no-logo; pin=$?
echo "clean room: Test --category unit exit $unit, Pin exit $pin, $(( $(date +%s) - started )) s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
(( unit == 0 && pin == 0 ))
