#!/usr/bin/env bash
# Bootstrap: find (or install) the .NET SDK named in global.json, compile the build when its sources changed,
# then run it. Fast path: when no source file's path, size, modification time, change time or inode changed since
# the last compile, the compiled build runs at once; when one did, the sources' content hash decides (a touched but
# unchanged file does not recompile). The build is compiled ahead of time (ReadyToRun) so that a run does not JIT it.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BIN="$TEMP/build-bin"
STAMP="$TEMP/build-bin.stamp"
SOURCES=(build src global.json Directory.Build.props Directory.Packages.props)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=0
# Every project runs with invariant globalization; a machine without ICU (Debian minbase) runs the SDK the same way.
if ! compgen -G "/usr/lib/*/libicuuc.so.*" >/dev/null && ! compgen -G "/usr/lib/libicuuc.so.*" >/dev/null; then
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi

# What stat says about every source file (no content read): one hash, compared first.
sources_state() {
  local state
  state="$(cd "$ROOT" && find "${SOURCES[@]}" -type d \( -name bin -o -name obj \) -prune -o -type f -printf '%p %s %T@ %C@ %i\n' | LC_ALL=C sort | sha256sum)"
  echo "${state%% *}"
}

sources_hash() {
  (cd "$ROOT" && { find build src -type d \( -name bin -o -name obj \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
                   sha256sum global.json Directory.Build.props Directory.Packages.props; } | sha256sum | cut -c1-64)
}

if [[ -f "$STAMP" && -f "$BIN/_build.dll" ]]; then
  read -r STAMP_HASH STAMP_DOTNET STAMP_STATE < "$STAMP" || true
  if [[ -x "$STAMP_DOTNET" ]]; then
    STATE="$(sources_state)"
    [[ "$STAMP_STATE" == "$STATE" ]] && exec "$STAMP_DOTNET" "$BIN/_build.dll" "$@"
    if [[ "$STAMP_HASH" == "$(sources_hash)" ]]; then
      echo "$STAMP_HASH $STAMP_DOTNET $STATE" > "$STAMP.tmp.$$" && mv "$STAMP.tmp.$$" "$STAMP"
      exec "$STAMP_DOTNET" "$BIN/_build.dll" "$@"
    fi
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
# Both before compiling: a file edited while the compiler runs is seen as changed next time.
STATE="$(sources_state)"
HASH="$(sources_hash)"
echo "Compiling the build (sources changed) with $("$DOTNET" --version)..." >&2
# The compiler needs none of the build's secrets: they are not passed on to it.
compile() { env -u INDEX_PASSWORD -u PROXMOX_SECRET -u GITHUB_TOKEN "$DOTNET" "$@" -o "$BIN" -nologo -clp:NoSummary -v q >&2; }
# ReadyToRun (linux-x64; the lock files carry that runtime) needs the Crossgen2 package from NuGet, once per machine.
# CAMBUILD_READYTORUN=0, another architecture, or a failed ahead-of-time compile fall back to a plain build.
if [[ "${CAMBUILD_READYTORUN:-1}" != 0 && "$(uname -m)" == x86_64 ]]; then
  compile publish "$ROOT/build/_build.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true ||
    { echo "The ReadyToRun compile failed (see above); compiling the build without it..." >&2; compile build "$ROOT/build/_build.csproj"; }
else
  compile build "$ROOT/build/_build.csproj"
fi
echo "$HASH $DOTNET $STATE" > "$STAMP.tmp" && mv "$STAMP.tmp" "$STAMP"
flock -u 9
exec "$DOTNET" "$BIN/_build.dll" "$@"
