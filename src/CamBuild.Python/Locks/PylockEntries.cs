using CamBuild.Python.Versions;
using Tomlyn.Model;

namespace CamBuild.Python.Locks;

/// <summary>One wheel of a pylock package: file name, URL and sha256.</summary>
public sealed record PylockWheel(string Name, string? Url, string? Sha256);

/// <summary>A pylock package with what an SBOM needs beyond <see cref="LockedPackage"/>: its index, its wheels and the names it depends on (normalised).</summary>
public sealed record PylockEntry(string Name, string Version, string? Index, IReadOnlyList<string> Dependencies, IReadOnlyList<PylockWheel> Wheels);

/// <summary>Reads the <c>[[packages]]</c> of a PEP 751 <c>pylock.toml</c> with their index, wheels and dependencies.</summary>
public static class PylockEntries
{
    public static IReadOnlyList<PylockEntry> Parse(string text, string fileName)
    {
        // The same checks (lock-version, packages present, name and version strings) as the lock readers.
        _ = PylockParser.Parse(text, fileName);
        var document = TomlDocument.Parse(text, fileName);
        return [.. ((TomlTableArray)document["packages"]).Select(Read)];
    }

    private static PylockEntry Read(TomlTable p)
    {
        var wheels = new List<PylockWheel>();
        var tables = Get(p, "wheels") switch
        {
            TomlTableArray t => t.ToList(),
            TomlArray a => a.OfType<TomlTable>().ToList(),
            _ => [],
        };
        foreach (var w in tables)
            wheels.Add(new PylockWheel((Get(w, "name") as string) ?? "", Get(w, "url") as string, (Get(w, "hashes") as TomlTable) is { } h ? Get(h, "sha256") as string : null));
        var dependencies = (Get(p, "dependencies") as TomlArray)?.OfType<TomlTable>().Select(d => Get(d, "name") as string).OfType<string>()
            .Select(PackageName.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        return new PylockEntry(PackageName.Normalize((string)p["name"]), (string)p["version"], Get(p, "index") as string, dependencies, wheels);
    }

    private static object? Get(TomlTable table, string key) => table.TryGetValue(key, out var value) ? value : null;
}
