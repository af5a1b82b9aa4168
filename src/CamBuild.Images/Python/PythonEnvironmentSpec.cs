namespace CamBuild.Images.Python;

/// <summary>
/// One Python environment of the candidate: a venv at <paramref name="InstallPath"/> (e.g. /opt/cam/venv) made by
/// the image's python3, filled from <paramref name="RequirementsLock"/> with the wheels in <paramref name="WheelDirectory"/>.
/// </summary>
public sealed record PythonEnvironmentSpec(string Name, string InstallPath, string RequirementsLock, string WheelDirectory);

/// <summary>A wheel chosen for a lock line, with its verified hash.</summary>
internal sealed record VerifiedWheel(string RequirementName, string Version, string FileName, string Sha256, string SourcePath);

/// <summary>The verified content of an environment: exactly what goes into the image.</summary>
internal sealed record VerifiedEnvironment(string Name, string InstallPath, string LockSha256, string LockPath,
    IReadOnlyList<VerifiedWheel> Wheels);
