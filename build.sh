#!/usr/bin/env bash
# Bootstrap: find (or install) the .NET SDK named in global.json, compile the build when its sources changed,
# then run it. Fast path: unchanged sources (content hash, not timestamps) run the compiled build directly.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BIN="$TEMP/build-bin"
STAMP="$TEMP/build-bin.stamp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=0
# Every project runs with invariant globalization; a machine without ICU (Debian minbase) runs the SDK the same way.
if ! compgen -G "/usr/lib/*/libicuuc.so.*" >/dev/null && ! compgen -G "/usr/lib/libicuuc.so.*" >/dev/null; then
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi

sources_hash() {
  (cd "$ROOT" && { find build src -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
                   sha256sum global.json Directory.Build.props Directory.Packages.props; } | sha256sum | cut -c1-64)
}

HASH="$(sources_hash)"
if [[ -f "$STAMP" && -f "$BIN/_build.dll" ]]; then
  read -r STAMP_HASH STAMP_DOTNET < "$STAMP" || true
  if [[ "$STAMP_HASH" == "$HASH" && -x "$STAMP_DOTNET" ]]; then
    exec "$STAMP_DOTNET" "$BIN/_build.dll" "$@"
  fi
fi

find_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && (cd "$ROOT" && dotnet --version >/dev/null 2>&1); then
    command -v dotnet
    return
  fi
  local dir="$TEMP/dotnet-unix"
  if [[ ! -x "$dir/dotnet" ]] || ! (cd "$ROOT" && "$dir/dotnet" --version >/dev/null 2>&1); then
    local version
    version="$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/global.json" | head -n1)"
    echo "Installing .NET SDK $version into $dir" >&2
    mkdir -p "$TEMP"
    curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$TEMP/dotnet-install.sh"
    bash "$TEMP/dotnet-install.sh" --install-dir "$dir" --version "$version" --no-path >&2
  fi
  echo "$dir/dotnet"
}

mkdir -p "$TEMP"
exec 9>"$TEMP/bootstrap.lock"
flock 9
DOTNET="$(find_dotnet)"
HASH="$(sources_hash)"
echo "Compiling the build (sources changed) with $("$DOTNET" --version)..." >&2
# The compiler needs none of the build's secrets: they are not passed on to it.
env -u INDEX_PASSWORD -u PROXMOX_SECRET -u GITHUB_TOKEN "$DOTNET" build "$ROOT/build/_build.csproj" -o "$BIN" -nologo -clp:NoSummary -v q >&2
echo "$HASH $DOTNET" > "$STAMP.tmp" && mv "$STAMP.tmp" "$STAMP"
flock -u 9
exec "$DOTNET" "$BIN/_build.dll" "$@"
