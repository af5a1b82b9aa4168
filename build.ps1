#!/usr/bin/env pwsh
# Bootstrap (PowerShell): same logic as build.sh. Find or install the SDK named in global.json, compile the build
# when its sources changed (content hash), then run it; unchanged sources run the compiled build directly.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$Bin = Join-Path $Temp 'build-bin'
$Stamp = Join-Path $Temp 'build-bin.stamp'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Get-SourcesHash {
    $files = @(Get-ChildItem -Path (Join-Path $Root 'build'), (Join-Path $Root 'src') -Recurse -File |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
        Sort-Object { [System.IO.Path]::GetRelativePath($Root, $_.FullName).Replace('\', '/') } -CaseSensitive)
    $files += @('global.json', 'Directory.Build.props', 'Directory.Packages.props' | ForEach-Object { Get-Item (Join-Path $Root $_) })
    $lines = $files | ForEach-Object { (Get-FileHash -Algorithm SHA256 $_.FullName).Hash.ToLowerInvariant() + '  ' + [System.IO.Path]::GetRelativePath($Root, $_.FullName).Replace('\', '/') }
    $bytes = [System.Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
    return [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
}

$hash = Get-SourcesHash
if ((Test-Path $Stamp) -and (Test-Path (Join-Path $Bin '_build.dll'))) {
    $parts = (Get-Content $Stamp -Raw).Trim().Split(' ', 2)
    if ($parts[0] -eq $hash -and (Test-Path $parts[1])) {
        & $parts[1] (Join-Path $Bin '_build.dll') @args
        exit $LASTEXITCODE
    }
}

function Find-Dotnet {
    $onPath = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($onPath) {
        Push-Location $Root
        try { & $onPath.Source --version *> $null; if ($LASTEXITCODE -eq 0) { return $onPath.Source } } finally { Pop-Location }
    }
    $dir = Join-Path $Temp 'dotnet-win'
    $exe = Join-Path $dir ($IsWindows ? 'dotnet.exe' : 'dotnet')
    if (-not (Test-Path $exe)) {
        $version = (Get-Content (Join-Path $Root 'global.json') -Raw | ConvertFrom-Json).sdk.version
        Write-Host "Installing .NET SDK $version into $dir"
        New-Item -ItemType Directory -Force -Path $Temp | Out-Null
        $script = Join-Path $Temp 'dotnet-install.ps1'
        Invoke-WebRequest 'https://dot.net/v1/dotnet-install.ps1' -OutFile $script
        & $script -InstallDir $dir -Version $version -NoPath
    }
    return $exe
}

New-Item -ItemType Directory -Force -Path $Temp | Out-Null
$dotnet = Find-Dotnet
Write-Host "Compiling the build (sources changed) with $(& $dotnet --version)..."
& $dotnet build (Join-Path $Root 'build/_build.csproj') -o $Bin -nologo -clp:NoSummary -v q
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Set-Content -Path $Stamp -Value "$(Get-SourcesHash) $dotnet" -NoNewline
& $dotnet (Join-Path $Bin '_build.dll') @args
exit $LASTEXITCODE
