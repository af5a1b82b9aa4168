using CamBuild.Python.Index;
using CamBuild.Python.Markers;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Resolution;

/// <summary>One pinned project of a resolution.</summary>
/// <param name="Files">Every file of the pinned version on the index (all hashes go into the lock).</param>
/// <param name="Via">Who required it: project names, "-r origin" for roots and "-c file" for constraints; sorted.</param>
/// <param name="Dependencies">Projects this one requires in the resolved environment; sorted.</param>
public sealed record ResolvedPackage(
    string Name,
    PythonVersion Version,
    IReadOnlyList<string> Extras,
    IReadOnlyList<DistributionFile> Files,
    IReadOnlyList<string> Via,
    IReadOnlyList<string> Dependencies,
    string? YankedReason)
{
    public bool IsYanked => YankedReason is not null;
}

/// <summary>The result of a resolution for one target environment; packages sorted by name.</summary>
public sealed record ResolutionResult(
    MarkerEnvironment Environment,
    Uri Index,
    IReadOnlyList<ResolvedPackage> Packages,
    IReadOnlyList<string> Warnings)
{
    internal ResolvedPackage? Find(string name) => Packages.FirstOrDefault(p => p.Name == PackageName.Normalize(name));
}
