namespace CamBuild.SupplyChain.Sbom;

/// <summary>
/// What an SBOM describes: one candidate with its Debian packages and its Python environments, as the bake recorded
/// them (OS lock, manifest, pylock). Everything in the SBOM comes from here, so the same pins give the same bytes.
/// </summary>
public sealed record SbomSubject(
    CandidateId Id, string Name, string Version, string Architecture, string Distro, string TemplateFileName,
    Sha256 TemplateSha256, long SourceDateEpoch, IReadOnlyList<DebianPackage> DebianPackages,
    IReadOnlyList<PythonEnvironment> PythonEnvironments);

/// <summary>One installed .deb. <see cref="DependsOn"/> holds the <see cref="Key"/>s of the packages it needs.</summary>
public sealed record DebianPackage(
    string Name, string Version, string Architecture, Sha256 DebSha256, string DownloadUrl, string SourceName,
    string SourceVersion, IReadOnlyList<string> DependsOn)
{
    public string Key => $"{Name}:{Architecture}";
}

/// <summary>A Python environment of the candidate (its venv path) and the distributions installed into it.</summary>
public sealed record PythonEnvironment(string Name, string InstallPath, IReadOnlyList<PythonDistribution> Distributions);

/// <summary>
/// One installed wheel. <see cref="IndexUrl"/> and <see cref="WheelUrl"/> come from the pylock (null when it did not
/// name this wheel); <see cref="DependsOn"/> holds normalised names of distributions of the same environment.
/// </summary>
public sealed record PythonDistribution(
    string Name, string Version, string WheelFileName, Sha256 WheelSha256, string? WheelUrl, string? IndexUrl,
    IReadOnlyList<string> DependsOn);
