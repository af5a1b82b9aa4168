using CamBuild.Images.Store;
using CamBuild.Images.Verification;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Steps;

/// <summary>VerifyReproducible: rebakes a stored candidate from its manifest's inputs with empty stage caches and compares.</summary>
public static class VerifyStep
{
    public static async Task RunAsync(PipelinePaths paths, string? candidateId, TargetContext context, string? signingKeyFile = null)
    {
        var (_, stored) = await Environments.OpenCandidateAsync(paths, candidateId, context.Log, context.CancellationToken).ConfigureAwait(false);
        context.Log.Info($"Rebaking {stored.Id[..12]} from its manifest in a fresh work directory (empty stage caches; debs pinned by hash)...");
        var report = await Caching.MachineCacheUse.RunAsync(paths, context.Log, () => ReproducibilityVerifier.VerifyAsync(new CandidateStore(paths.Candidates), stored.Id,
            paths.ImageCache, Path.Combine(paths.ImageCache, "debs"), context.Log.Info, context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
        context.ReportSummary("Rebuilt", $"{report.RebuiltId[..12]} in {report.Seconds:0} s");
        using (var key = Supply.Signing.Key(paths, signingKeyFile, context.Log))
            context.Log.Info($"Signed the rebuild result {paths.Relative(Supply.RebuildAttestation.Sign(stored, report, key))}");
        if (report.Identical)
        {
            context.Log.Info($"Reproducible: the rebake gives the same id {report.OriginalId}.");
            return;
        }

        foreach (var difference in report.Differences.Take(200)) context.Log.Error(difference);
        if (report.Diffoscope is not null) context.Log.Info(report.Diffoscope);
        throw new InvalidOperationException($"Not reproducible: {report.OriginalId[..12]} rebaked as {report.RebuiltId[..12]}; {report.Differences.Count} difference(s) listed above.");
    }
}
