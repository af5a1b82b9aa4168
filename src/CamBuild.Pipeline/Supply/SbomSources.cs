using CamBuild.Images.Os;
using CamBuild.Images.Store;
using CamBuild.Python.Locks;
using CamBuild.Python.Versions;
using CamBuild.SupplyChain.Sbom;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// What the SBOMs of a candidate say, from what the bake recorded: the OS lock inside the manifest (each .deb's mirror
/// stanza, sha256 and file name) and, per Python environment, the installed wheels of the manifest joined by sha256
/// with the environment's pylock.toml (index, wheel URL, dependencies). A wheel the pylock does not name keeps its
/// name, version and sha256 and gets no index or edges.
/// </summary>
public static class SbomSources
{
    public static SbomSubject Subject(CandidateManifest manifest, Func<string, string?> pylockText)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(pylockText);
        var osLock = manifest.Inputs.OsLock;
        var stanzas = osLock.Packages.Select(p => new DebianStanza(
            Deb822.Read(new StringReader(p.Stanza)).First().Fields, Sha256.Parse(p.Sha256, $"OS lock package '{p.Package}'"),
            p.Mirror.TrimEnd('/') + "/" + p.Filename));
        var environments = manifest.Inputs.Environments.Select(e => Environment(e, pylockText(e.Name))).ToList();
        return new SbomSubject(CandidateId.Parse(manifest.Id), manifest.Name, manifest.Version, manifest.Architecture, osLock.Suite,
            manifest.FileName, Sha256.Parse(manifest.TemplateSha256, "the manifest's templateSha256"), manifest.SourceDateEpoch,
            DebianPackages.FromStanzas(stanzas), environments);
    }

    private static PythonEnvironment Environment(ManifestEnvironment e, string? pylock)
    {
        var bySha = new Dictionary<string, (PylockEntry Entry, PylockWheel Wheel)>(StringComparer.Ordinal);
        if (pylock is not null)
        {
            foreach (var entry in PylockEntries.Parse(pylock, $"{e.Name}/pylock.toml"))
                foreach (var wheel in entry.Wheels.Where(w => w.Sha256 is not null))
                    bySha[wheel.Sha256!] = (entry, wheel);
        }
        var installed = e.Wheels.Select(w => PackageName.Normalize(w.Name)).ToHashSet(StringComparer.Ordinal);
        var distributions = e.Wheels.Select(w =>
        {
            var found = bySha.TryGetValue(w.Sha256, out var hit);
            return new PythonDistribution(PackageName.Normalize(w.Name), w.Version, w.FileName, Sha256.Parse(w.Sha256, $"wheel '{w.FileName}'"),
                found ? hit.Wheel.Url : null, found ? hit.Entry.Index : null,
                found ? [.. hit.Entry.Dependencies.Where(installed.Contains)] : []);
        }).ToList();
        return new PythonEnvironment(e.Name, e.InstallPath, distributions);
    }
}
