namespace CamBuild.SupplyChain.Notes;

/// <summary>One package that differs between two releases (a null version: not in that release).</summary>
public sealed record PackageChange(string Kind, string Scope, string Name, string? From, string? To)
{
    public string Change => From is null ? "added" : To is null ? "removed" : "changed";
}

/// <summary>Packages added, removed and changed between two SBOM inventories: Debian by name and architecture, Python by environment and name.</summary>
public static class PackageChanges
{
    public static IReadOnlyList<PackageChange> Between(Sbom.SbomInventory from, Sbom.SbomInventory to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var changes = new List<PackageChange>();
        changes.AddRange(Diff("deb", "debian", Debs(from.Debian), Debs(to.Debian)));
        foreach (var env in from.Python.Keys.Union(to.Python.Keys).Order(StringComparer.Ordinal))
            changes.AddRange(Diff("pypi", env, Py(from.Python.GetValueOrDefault(env)), Py(to.Python.GetValueOrDefault(env))));
        return changes;
    }

    private static IEnumerable<PackageChange> Diff(string kind, string scope, Dictionary<string, string> from, Dictionary<string, string> to)
    {
        foreach (var name in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var a = from.GetValueOrDefault(name);
            var b = to.GetValueOrDefault(name);
            if (a != b) yield return new PackageChange(kind, scope, name, a, b);
        }
    }

    private static Dictionary<string, string> Debs(IEnumerable<string> entries) =>
        entries.Select(e => e.Split('\t')).Where(p => p.Length == 3).ToDictionary(p => $"{p[0]}:{p[2]}", p => p[1], StringComparer.Ordinal);

    private static Dictionary<string, string> Py(IEnumerable<string>? entries) =>
        (entries ?? []).Select(e => e.Split("==", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
