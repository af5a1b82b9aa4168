namespace CamBuild.Python.Versions;

/// <summary>A comma-separated conjunction of <see cref="VersionSpecifier"/>s; empty matches everything.</summary>
public sealed class SpecifierSet
{
    public static readonly SpecifierSet Any = new([]);

    internal SpecifierSet(IReadOnlyList<VersionSpecifier> specifiers)
    {
        Specifiers = specifiers;
    }

    internal IReadOnlyList<VersionSpecifier> Specifiers { get; }

    public bool IsEmpty => Specifiers.Count == 0;

    /// <summary>True when any clause names a pre-release, which allows pre-releases (PEP 440).</summary>
    public bool NamesPrerelease => Specifiers.Any(s => s.NamesPrerelease);

    public bool HasExactPin => Specifiers.Any(s => s.IsExactPin);

    public static SpecifierSet Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Any;
        }

        var parts = text.Split(',');
        if (parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new PythonPackagingException($"Invalid version specifier '{text}': an empty clause between commas.");
        }

        return new SpecifierSet(parts.Select(VersionSpecifier.Parse).ToArray());
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies every clause. <paramref name="allowPrereleases"/> null applies the
    /// PEP 440 default: pre-releases only when a clause names one.
    /// </summary>
    public bool Contains(PythonVersion version, bool? allowPrereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.IsPrerelease && !(allowPrereleases ?? NamesPrerelease))
        {
            return false;
        }

        foreach (var specifier in Specifiers)
        {
            if (!specifier.Contains(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Matching versions in input order; pre-releases only when allowed or, per PEP 440, when no final release matches.
    /// </summary>
    public IReadOnlyList<PythonVersion> Filter(IEnumerable<PythonVersion> versions, bool? allowPrereleases = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var matching = versions.Where(v => Contains(v, allowPrereleases: true)).ToList();
        var allow = allowPrereleases ?? NamesPrerelease;
        if (allow)
        {
            return matching;
        }

        var finals = matching.Where(v => !v.IsPrerelease).ToList();
        return finals.Count > 0 || allowPrereleases == false ? finals : matching;
    }

    public override string ToString() => string.Join(',', Specifiers.Select(s => s.ToString()));
}
