using CamBuild.Python.Versions;
using CamBuild.PackageIndex.Wheels;

namespace CamBuild.PackageIndex.Fixtures;

/// <summary>Marks one fixture release as yanked (PEP 592) in addition to what the universe file says.</summary>
internal sealed record FixtureYank(string Project, string Version, string Reason);

internal sealed record FixtureWheelOptions
{
    /// <summary>Only these projects (any spelling); null means every package of the universe.</summary>
    public IReadOnlyCollection<string>? Projects { get; init; }

    public IReadOnlyList<FixtureYank> Yanks { get; init; } = [];

    /// <summary>
    /// Tag the releases whose Requires-Python admits Python 2.7 (or that declare none) <c>py2.py3-none-any</c>, as
    /// their projects published them, so that a 2.7 installer accepts them; the others stay <c>py3-none-any</c>.
    /// </summary>
    public bool UniversalWherePython2 { get; init; }
}

/// <summary>A wheel written into an index directory.</summary>
internal sealed record FixtureWheel(string Project, string Version, string Path, string Sha256, string? YankedReason);

/// <summary>Turns the fixture universe into real, reproducible pure wheels laid out as <c>&lt;root&gt;/&lt;project&gt;/</c>.</summary>
internal static class FixtureWheels
{
    public static IReadOnlyList<FixtureWheel> WriteIndex(FixtureUniverse universe, string indexRoot, FixtureWheelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentException.ThrowIfNullOrEmpty(indexRoot);
        options ??= new FixtureWheelOptions();
        var wanted = options.Projects?.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        var yanks = options.Yanks.ToDictionary(y => (PackageName.Normalize(y.Project), y.Version), y => y.Reason);
        var known = universe.Packages.SelectMany(p => p.Releases.Select(r => (p.Name, r.Version))).ToHashSet();
        foreach (var key in yanks.Keys.Where(k => !known.Contains(k)))
            throw new ArgumentException($"Cannot yank {key.Item1} {key.Item2}: the fixture universe has no such release.", nameof(options));
        foreach (var name in wanted?.Where(n => universe.Packages.All(p => p.Name != n)) ?? [])
            throw new ArgumentException($"Project '{name}' is not in the fixture universe.", nameof(options));

        var written = new List<FixtureWheel>();
        foreach (var package in universe.Packages.Where(p => wanted is null || wanted.Contains(p.Name)))
        {
            var directory = Path.Combine(indexRoot, package.Name);
            foreach (var release in package.Releases)
            {
                var yank = yanks.TryGetValue((package.Name, release.Version), out var reason) ? reason : release.YankedReason;
                written.Add(WriteRelease(directory, package.Name, release, yank, options.UniversalWherePython2 && AdmitsPython2(release)));
            }
        }
        return written;
    }

    private static readonly PythonVersion Python27 = PythonVersion.Parse("2.7.18");

    private static bool AdmitsPython2(FixtureRelease release) =>
        release.RequiresPython is null || SpecifierSet.Parse(release.RequiresPython).Contains(Python27, allowPrereleases: true);

    private static FixtureWheel WriteRelease(string directory, string project, FixtureRelease release, string? yankedReason, bool universal)
    {
        var metadata = new CoreMetadata("2.1", project, release.Version, release.RequiresPython, release.RequiresDist, release.ProvidesExtra);
        var module = ProjectNames.WheelEscape(project);
        var files = new Dictionary<string, string>
        {
            [$"{module}/__init__.py"] = $"\"\"\"CamBuild fixture package {project} {release.Version}.\"\"\"\n__version__ = \"{release.Version}\"\n",
        };
        var wheel = WheelWriter.WritePure(directory, metadata, files, universal ? WheelFileName.UniversalTag : WheelFileName.PurePythonTag);
        var marker = wheel + ".yanked";
        if (yankedReason is null)
            File.Delete(marker);
        else
            AtomicFile.WriteAllText(marker, yankedReason);
        return new FixtureWheel(project, release.Version, wheel, Sha256.OfFile(wheel).Hex, yankedReason);
    }
}
