using CamBuild.Images.Baking;
using CamBuild.Images.Config;
using CamBuild.Images.Packing;
using CamBuild.Images.Python;
using CamBuild.Images.Store;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Verification;

/// <summary>The outcome of a rebake: identical or not, and if not, which files differ and how.</summary>
public sealed record ReproducibilityReport(string OriginalId, string RebuiltId, bool Identical, IReadOnlyList<string> Differences,
    string? Diffoscope, double Seconds);

/// <summary>
/// VerifyReproducible: rebakes a stored candidate from its manifest's inputs (restored from the input store) in a
/// fresh work directory with empty stage caches, then compares ids. The .deb store may be shared: debs are pinned by hash.
/// </summary>
public static class ReproducibilityVerifier
{
    public static async Task<ReproducibilityReport> VerifyAsync(CandidateStore store, string id, string inputCacheRoot,
        string? debStoreRoot = null, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var original = await store.OpenAsync(id, verifyContent: true, cancellationToken).ConfigureAwait(false);
        var m = original.Manifest;
        var inputs = new InputStore(inputCacheRoot);
        var work = Directory.CreateTempSubdirectory("cambuild-rebake-").FullName;
        try
        {
            var environments = new List<PythonEnvironmentSpec>();
            foreach (var e in m.Inputs.Environments)
            {
                var wheelDir = Directory.CreateDirectory(Path.Combine(work, "inputs", e.Name, "wheels")).FullName;
                var lockPath = Path.Combine(work, "inputs", e.Name, "requirements.txt");
                inputs.Restore(e.LockSha256, lockPath, $"{e.Name}/requirements.txt");
                foreach (var w in e.Wheels) inputs.Restore(w.Sha256, Path.Combine(wheelDir, w.FileName), w.FileName);
                environments.Add(new PythonEnvironmentSpec(e.Name, e.InstallPath, lockPath, wheelDir));
            }
            var configFiles = new List<ConfigFileSpec>();
            var configDir = Directory.CreateDirectory(Path.Combine(work, "inputs", "config")).FullName;
            foreach (var (c, i) in m.Inputs.ConfigFiles.Select((c, i) => (c, i)))
            {
                var source = Path.Combine(configDir, $"{i:D4}-{c.SourceName}");
                inputs.Restore(c.Sha256, source, c.Destination);
                configFiles.Add(new ConfigFileSpec(source, c.Destination, c.Mode));
            }
            var spec = new BakeSpec(m.Name, m.Version, m.Inputs.OsLock, environments, configFiles, m.CompressionLevel);
            var rebuiltStore = Path.Combine(work, "store");
            progress?.Invoke($"rebaking {id[..12]} in {work} with empty stage caches");
            var rebuilt = await CandidateBaker.BakeAsync(spec, new BakeOptions(Path.Combine(work, "cache"), rebuiltStore,
                debStoreRoot ?? Path.Combine(inputCacheRoot, "debs"), null, progress), cancellationToken).ConfigureAwait(false);
            if (rebuilt.Id == id)
                return new ReproducibilityReport(id, rebuilt.Id, true, [], null, rebuilt.Seconds);

            var rebuiltManifest = CandidateManifest.Load(rebuilt.ManifestPath);
            var differences = ContentManifest.Diff(m.Files, rebuiltManifest.Files);
            string? diffoscope = null;
            if (await ToolRunner.ExistsAsync("diffoscope").ConfigureAwait(false))
            {
                var result = await ToolRunner.RunUncheckedAsync("diffoscope",
                    ["--text", "-", "--max-report-size", "2000000", original.TemplatePath, rebuilt.TemplatePath],
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                diffoscope = result.Stdout;
            }
            return new ReproducibilityReport(id, rebuilt.Id, false, differences, diffoscope, rebuilt.Seconds);
        }
        finally
        {
            AtomicFile.DeleteTree(work);
        }
    }
}
