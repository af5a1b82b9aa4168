using CamBuild.Python.Versions;
using System.Text.Json;

namespace CamBuild.PackageIndex.Fixtures;

/// <summary>One release of a fixture package. <see cref="YankedReason"/>: null = not yanked, "" = yanked without reason.</summary>
internal sealed record FixtureRelease(
    string Version,
    string? RequiresPython,
    IReadOnlyList<string> RequiresDist,
    IReadOnlyList<string> ProvidesExtra,
    string? YankedReason);

internal sealed record FixturePackage(string Name, string WheelKind, IReadOnlyList<FixtureRelease> Releases);

/// <summary>The dependency universe of <c>shared/fixtures/cam-universe.json</c>.</summary>
internal sealed record FixtureUniverse(IReadOnlyList<FixturePackage> Packages)
{
    public static FixtureUniverse Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        try
        {
            using var document = JsonDocument.Parse(stream);
            return FromJson(document.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new PackageIndexException(
                $"Fixture universe {path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static FixtureUniverse FromJson(JsonElement root, string path)
    {
        if (!root.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Array)
            throw new PackageIndexException($"Fixture universe {path} has no 'packages' array at the top level; add one.");
        var result = new List<FixturePackage>();
        foreach (var package in packages.EnumerateArray())
        {
            var name = RequiredString(package, "name", path, "a package");
            var kind = package.TryGetProperty("wheel_kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "pure";
            if (!package.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
                throw new PackageIndexException($"Fixture universe {path}: package '{name}' has no 'versions' array; add one.");
            var releases = versions.EnumerateArray().Select(v => ReadRelease(v, name, path)).ToList();
            result.Add(new FixturePackage(PackageName.Normalize(name), kind, releases));
        }
        return new FixtureUniverse(result);
    }

    private static FixtureRelease ReadRelease(JsonElement version, string package, string path)
    {
        var number = RequiredString(version, "version", path, $"a version of '{package}'");
        var where = $"'{package}' {number}";
        return new FixtureRelease(
            number,
            OptionalString(version, "requires_python"),
            StringArray(version, "requires_dist", path, where),
            StringArray(version, "provides_extra", path, where),
            ReadYank(version));
    }

    /// <summary>Optional keys: <c>"yanked": true|false|"reason"</c> or <c>"yanked_reason": "reason"</c>.</summary>
    private static string? ReadYank(JsonElement version)
    {
        if (version.TryGetProperty("yanked", out var yanked))
        {
            return yanked.ValueKind switch
            {
                JsonValueKind.True => OptionalString(version, "yanked_reason") ?? "",
                JsonValueKind.String => yanked.GetString(),
                _ => null,
            };
        }
        return OptionalString(version, "yanked_reason");
    }

    private static string RequiredString(JsonElement element, string key, string path, string what) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw new PackageIndexException($"Fixture universe {path}: {what} lacks a non-empty string '{key}'; add it.");

    private static string? OptionalString(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> StringArray(JsonElement element, string key, string path, string where)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            throw new PackageIndexException($"Fixture universe {path}: {where} '{key}' must be an array of strings.");
        return value.EnumerateArray().Select(i => i.GetString()!).ToList();
    }
}
