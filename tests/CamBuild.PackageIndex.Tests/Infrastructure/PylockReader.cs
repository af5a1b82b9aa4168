using System.Text.Json;

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>What the target's own Python makes of a pylock.toml: read with the standard library's tomllib.</summary>
internal sealed record PylockReading(bool EnvironmentMatches, bool RequiresPythonMatches, IReadOnlyList<string> Packages);

/// <summary>
/// Reads a pylock.toml inside a venv with <c>tomllib</c> (an independent TOML parser), evaluates its
/// <c>environments</c> markers and <c>requires-python</c> there, and writes its wheels as hashed direct-URL
/// requirements, since pip 23 cannot install from pylock.toml itself.
/// </summary>
internal static class PylockReader
{
    private const string Script = """
        import json, platform, sys, tomllib
        from pip._vendor.packaging.markers import Marker
        from pip._vendor.packaging.specifiers import SpecifierSet

        with open(sys.argv[1], "rb") as source:
            lock = tomllib.load(source)
        packages, lines = [], []
        for package in lock["packages"]:
            wheels = package.get("wheels", [])
            hashes = sorted(wheel["hashes"]["sha256"] for wheel in wheels)
            packages.append(f"{package['name']}=={package['version']} {','.join(hashes)}")
            lines.append(f"{package['name']} @ {wheels[0]['url']} --hash=sha256:{wheels[0]['hashes']['sha256']}")
        with open(sys.argv[2], "w") as target:
            target.write("\n".join(lines) + "\n")
        print(json.dumps({
            "environment": all(Marker(text).evaluate() for text in lock["environments"]),
            "requires_python": SpecifierSet(lock["requires-python"]).contains(platform.python_version()),
            "packages": packages,
        }))
        """;

    public static async Task<PylockReading> ReadAsync(FreshVenv venv, string pylockPath, string directUrlRequirementsPath)
    {
        var result = await venv.PythonAsync("-I", "-c", Script, pylockPath, directUrlRequirementsPath);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"tomllib could not read {pylockPath}:\n{result.Combined}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        var root = document.RootElement;
        return new PylockReading(
            root.GetProperty("environment").GetBoolean(),
            root.GetProperty("requires_python").GetBoolean(),
            root.GetProperty("packages").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }
}
