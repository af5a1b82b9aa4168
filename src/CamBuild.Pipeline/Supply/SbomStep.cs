using CamBuild.Images.Store;
using CamBuild.SupplyChain.Sbom;

namespace CamBuild.Pipeline.Supply;

/// <summary>Writes sbom.cdx.json and sbom.spdx.json beside a stored candidate's manifest (byte-stable; unchanged files are not rewritten).</summary>
internal static class SbomStep
{
    public static IReadOnlyList<string> Write(PipelinePaths paths, string candidateDirectory, CandidateManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var subject = SbomSources.Subject(manifest, env => File.Exists(paths.Pylock(env)) ? InputText.Read(paths.Pylock(env), paths.Relative(paths.Pylock(env))) : null);
        return SbomFiles.Write(candidateDirectory, subject);
    }
}
