using CamBuild.Python.Index;
using CamBuild.Python.Markers;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Distributions;

/// <summary>Whether a release can be installed on the target, and with which wheel; otherwise why not.</summary>
internal sealed record ReleaseAssessment(Release Release, DistributionFile? Wheel, string? Problem)
{
    public bool IsInstallable => Wheel is not null;

    /// <summary>True when the only obstacle is that the release has sdists and no wheels.</summary>
    public bool IsSdistOnly { get; init; }
}

/// <summary>Assesses releases against one target environment (Requires-Python, wheel tags, yanks).</summary>
internal sealed class ReleaseAssessor
{
    private readonly MarkerEnvironment _environment;
    private readonly PythonVersion _interpreter;
    private readonly WheelCompatibility _compatibility;
    private readonly Dictionary<string, SpecifierSet?> _requiresPythonCache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();

    public ReleaseAssessor(MarkerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _interpreter = environment.InterpreterVersion;
        _compatibility = new WheelCompatibility(environment);
    }

    public MarkerEnvironment Environment => _environment;

    /// <summary>Picks the wheel to install (PEP 658 metadata preferred, then name order); yanked files only when allowed.</summary>
    public ReleaseAssessment Assess(Release release, bool allowYanked)
    {
        ArgumentNullException.ThrowIfNull(release);
        var usable = release.Files.Where(f => allowYanked || !f.File.IsYanked).ToArray();
        if (usable.Length == 0)
        {
            return new ReleaseAssessment(release, null, $"yanked ({(release.YankedReason is { Length: > 0 } r ? r : "no reason given")})");
        }

        var wheels = usable.Where(f => f.Name.IsWheel).ToArray();
        if (wheels.Length == 0)
        {
            return new ReleaseAssessment(
                release, null, $"sdist only ({usable[0].File.FileName}): it cannot be built offline; publish a wheel to the index")
            { IsSdistOnly = true };
        }

        var compatible = wheels.Where(w => _compatibility.IsCompatible(w.Name)).ToArray();
        if (compatible.Length == 0)
        {
            return new ReleaseAssessment(release, null, $"no wheel for {_environment.Describe()} (has {string.Join(", ", wheels.Select(w => w.File.FileName))})");
        }

        var fitting = compatible.Where(w => PythonFits(w.File.RequiresPython)).ToArray();
        if (fitting.Length == 0)
        {
            return new ReleaseAssessment(release, null, $"requires Python {compatible[0].File.RequiresPython}, target is {_environment.PythonFullVersion}");
        }

        var chosen = fitting.OrderByDescending(w => w.File.HasCoreMetadata).ThenBy(w => _compatibility.Rank(w.Name))
            .ThenBy(w => w.File.FileName, StringComparer.Ordinal).First();
        return new ReleaseAssessment(release, chosen.File, null);
    }

    /// <summary>True when a Requires-Python specifier (null or empty = any) admits the target interpreter.</summary>
    public bool PythonFits(string? requiresPython)
    {
        if (string.IsNullOrWhiteSpace(requiresPython))
        {
            return true;
        }

        SpecifierSet? specifier;
        lock (_cacheLock)
        {
            if (!_requiresPythonCache.TryGetValue(requiresPython, out specifier))
            {
                try
                {
                    specifier = SpecifierSet.Parse(requiresPython);
                }
                catch (PythonPackagingException)
                {
                    specifier = null; // unparseable data-requires-python: pip ignores it, so do we
                }

                _requiresPythonCache[requiresPython] = specifier;
            }
        }

        return specifier is null || specifier.Contains(_interpreter, allowPrereleases: true);
    }

    public bool PythonFits(SpecifierSet requiresPython)
    {
        ArgumentNullException.ThrowIfNull(requiresPython);
        return requiresPython.Contains(_interpreter, allowPrereleases: true);
    }
}
