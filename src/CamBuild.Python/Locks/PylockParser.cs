using CamBuild.Python.Versions;
using Tomlyn.Model;

namespace CamBuild.Python.Locks;

/// <summary>Reads the packages of a PEP 751 <c>pylock.toml</c> (for diffs and checks).</summary>
internal static class PylockParser
{
    /// <summary>Reads a pylock.toml back from disk through the one guarded reader (size limit, strict UTF-8).</summary>
    public static IReadOnlyList<LockedPackage> Load(string path, string fileName) => Parse(CamBuild.Common.InputText.Read(path, fileName), fileName);

    public static IReadOnlyList<LockedPackage> Parse(string text, string fileName)
    {
        var document = TomlDocument.Parse(text, fileName);
        if (!document.TryGetValue("lock-version", out var lockVersion) || lockVersion is not string versionText)
        {
            throw new PythonPackagingException($"{fileName}: 'lock-version' is missing; this is not a PEP 751 pylock.toml.");
        }

        if (!versionText.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new PythonPackagingException($"{fileName}: lock-version {versionText} is not supported (only 1.x); regenerate it with the Pin target.");
        }

        if (!document.TryGetValue("packages", out var packagesValue) || packagesValue is not TomlTableArray packages)
        {
            throw new PythonPackagingException($"{fileName}: '[[packages]]' is missing.");
        }

        return packages.Select((p, i) => ReadPackage(p, i, fileName)).ToArray();
    }

    private static LockedPackage ReadPackage(TomlTable table, int index, string fileName)
    {
        if (Get(table, "name") is not string name || Get(table, "version") is not string version)
        {
            throw new PythonPackagingException($"{fileName}: packages[{index}] needs string 'name' and 'version'.");
        }

        var files = new List<TomlTable>();
        switch (Get(table, "wheels"))
        {
            case TomlTableArray wheelTables:
                files.AddRange(wheelTables);
                break;
            case TomlArray wheelArray:
                files.AddRange(wheelArray.OfType<TomlTable>());
                break;
        }

        if (Get(table, "sdist") is TomlTable sdist)
        {
            files.Add(sdist);
        }

        var hashes = files
            .Select(f => Get(f, "hashes") as TomlTable)
            .Select(h => h is null ? null : Get(h, "sha256") as string)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new LockedPackage(PackageName.Normalize(name), PythonVersion.Parse(version), hashes);
    }

    private static object? Get(TomlTable table, string key) => table.TryGetValue(key, out var value) ? value : null;
}
