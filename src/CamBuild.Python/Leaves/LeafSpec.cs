using CamBuild.Python.Versions;

namespace CamBuild.Python.Leaves;

/// <summary>
/// One leaf package of the system: take its latest build on the index, optionally limited by a specifier.
/// Pre-releases (a/b/rc) and development builds (.devN) are each opt-in.
/// </summary>
public sealed record LeafSpec
{
    public LeafSpec(string name, bool allowPrereleases = false, bool allowDevReleases = false, SpecifierSet? specifier = null, IEnumerable<string>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!PackageName.IsValid(name.Trim()))
        {
            throw new PythonPackagingException($"Leaf name '{name}' is not a valid Python project name.");
        }

        Name = PackageName.Normalize(name);
        AllowPrereleases = allowPrereleases;
        AllowDevReleases = allowDevReleases;
        Specifier = specifier ?? SpecifierSet.Any;
        Extras = (extras ?? []).Select(PackageName.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public string Name { get; }

    public bool AllowPrereleases { get; }

    public bool AllowDevReleases { get; }

    internal SpecifierSet Specifier { get; }

    public IReadOnlyList<string> Extras { get; }

    /// <summary>Whether the leaf policy admits this version (specifier plus pre/dev opt-ins).</summary>
    internal bool Admits(PythonVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return (!version.IsDevRelease || AllowDevReleases)
            && (version.Pre is null || AllowPrereleases)
            && Specifier.Contains(version, allowPrereleases: true);
    }

    public string Describe()
    {
        var parts = new List<string>();
        if (!Specifier.IsEmpty)
        {
            parts.Add(Specifier.ToString());
        }

        parts.Add(AllowPrereleases ? "pre-releases allowed" : "no pre-releases");
        parts.Add(AllowDevReleases ? "dev builds allowed" : "no dev builds");
        return string.Join(", ", parts);
    }
}
