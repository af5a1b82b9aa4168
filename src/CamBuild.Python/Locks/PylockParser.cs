using CamBuild.Python.Versions;

namespace CamBuild.Python.Locks;

/// <summary>Reads the packages of a PEP 751 <c>pylock.toml</c> (for diffs and checks).</summary>
public static class PylockParser
{
    public static IReadOnlyList<LockedPackage> Parse(string text, string fileName)
    {
        var document = TomlReader.Parse(text, fileName);
        if (!document.TryGetValue("lock-version", out var lockVersion) || lockVersion is not string versionText)
        {
            throw new PythonPackagingException($"{fileName}: 'lock-version' is missing; this is not a PEP 751 pylock.toml.");
        }

        if (!versionText.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new PythonPackagingException($"{fileName}: lock-version {versionText} is not supported (only 1.x); regenerate it with the Pin target.");
        }

        if (!document.TryGetValue("packages", out var packagesValue) || packagesValue is not List<object> packages)
        {
            throw new PythonPackagingException($"{fileName}: '[[packages]]' is missing.");
        }

        return packages.Select((p, i) => ReadPackage(p, i, fileName)).ToArray();
    }

    private static LockedPackage ReadPackage(object value, int index, string fileName)
    {
        if (value is not Dictionary<string, object> table || table.GetValueOrDefault("name") is not string name
            || table.GetValueOrDefault("version") is not string version)
        {
            throw new PythonPackagingException($"{fileName}: packages[{index}] needs string 'name' and 'version'.");
        }

        var files = new List<object>();
        if (table.GetValueOrDefault("wheels") is List<object> wheels)
        {
            files.AddRange(wheels);
        }

        if (table.GetValueOrDefault("sdist") is { } sdist)
        {
            files.Add(sdist);
        }

        var hashes = files
            .OfType<Dictionary<string, object>>()
            .Select(f => f.GetValueOrDefault("hashes") as Dictionary<string, object>)
            .Select(h => h?.GetValueOrDefault("sha256") as string)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new LockedPackage(PackageName.Normalize(name), PythonVersion.Parse(version), hashes);
    }
}
