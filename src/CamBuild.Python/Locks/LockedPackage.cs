using CamBuild.Python.Versions;

namespace CamBuild.Python.Locks;

/// <summary>One package as a lock file records it (either format), enough for diffs and install checks.</summary>
public sealed record LockedPackage(string Name, PythonVersion Version, IReadOnlyList<string> Sha256Hashes);

/// <summary>Conversions into <see cref="LockedPackage"/>.</summary>
public static class LockedPackages
{
    /// <summary>The packages of a fresh resolution, as a lock written from it would record them.</summary>
    public static IReadOnlyList<LockedPackage> From(Resolution.ResolutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Packages
            .Select(p => new LockedPackage(p.Name, p.Version, p.Files.Select(f => f.Sha256.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()))
            .ToArray();
    }
}
