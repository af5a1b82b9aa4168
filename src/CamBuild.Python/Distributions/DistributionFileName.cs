using CamBuild.Python.Index;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Distributions;

/// <summary>What a distribution file name says: version, kind and (for wheels) compatibility tags.</summary>
internal sealed record DistributionFileName(PythonVersion Version, bool IsWheel, IReadOnlyList<WheelTag> Tags)
{
    private static readonly string[] SdistExtensions = [".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"];

    /// <summary>Parses a wheel or sdist name; null for other files (eggs, installers) or names that do not fit the project.</summary>
    public static DistributionFileName? TryParse(DistributionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.IsWheel ? TryParseWheel(file.FileName) : TryParseSdist(file.Project, file.FileName);
    }

    private static DistributionFileName? TryParseWheel(string fileName) =>
        WheelName.TryParse(fileName, out _) is { } wheel ? new DistributionFileName(wheel.Version, IsWheel: true, wheel.Tags) : null;

    private static DistributionFileName? TryParseSdist(string project, string fileName)
    {
        var extension = SdistExtensions.FirstOrDefault(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        if (extension is null)
        {
            return null;
        }

        var stem = fileName[..^extension.Length];
        for (var dash = stem.IndexOf('-', StringComparison.Ordinal); dash > 0; dash = stem.IndexOf('-', dash + 1))
        {
            if (PackageName.Normalize(stem[..dash]) == project && PythonVersion.TryParse(stem[(dash + 1)..], out var version))
            {
                return new DistributionFileName(version, IsWheel: false, []);
            }
        }

        return null;
    }
}

/// <summary>One expanded wheel compatibility tag triple (PEP 425).</summary>
internal sealed record WheelTag(string Python, string Abi, string Platform);
