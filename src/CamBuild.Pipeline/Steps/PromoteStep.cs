using CamBuild.Images.Store;
using CamBuild.Release.Gate;
using CamBuild.Release.GitHub;
using CamBuild.Release.Store;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Steps;

/// <summary>Where and how to publish a promotion on GitHub; null repository = no publication.</summary>
public sealed record GitHubSettings(string? Repository, string? ApiUrl, string? Token);

/// <summary>
/// Promote: only a candidate with a passing qualification record for the configuration being promoted enters a
/// channel (append-only history); optionally published as a GitHub release of the configuration commit.
/// </summary>
public static class PromoteStep
{
    public static async Task RunAsync(PipelinePaths paths, StoredCandidate candidate, string configurationHash, string channel, GitHubSettings github, TargetContext context,
        string? signingKeyFile = null)
    {
        var log = context.Log;
        ApprovedPromotion approval;
        PromotionOutcome outcome;
        var store = new ReleaseStore(paths.Releases);
        approval = PromotionGate.Admit(candidate.Ref, configurationHash, QualifyStep.Suites(paths).Hash, paths.Qualifications);
        // Only a qualification record signed by a key trusted for qualification, unchanged since, is evidence.
        var qualification = Supply.QualificationAttestation.Check(approval.RecordPath, approval.Record, Supply.Signing.Policy(paths));
        log.Info($"Qualification record signed by {qualification.Signer}");
        outcome = store.Promote(channel, approval);
        using (var key = Supply.Signing.Key(paths, signingKeyFile, log))
        {
            if (Supply.ReleaseAttestations.EnsurePromotionSigned(paths, outcome.Entry, key) is { } signed) log.Info($"Signed {paths.Relative(signed)}");
        }

        log.Info(outcome.Message);
        context.ReportSummary("Release", $"{outcome.Entry.Release} ({outcome.Kind})");
        if (github.Repository is null) return;

        var parts = github.Repository.Split('/');
        if (parts.Length != 2 || github.Token is null)
            throw new BuildInputException("--git-hub-repository must be 'owner/name' and --git-hub-token must be set to publish on GitHub.");
        var commit = await GitCommitAsync(paths.Root, context.CancellationToken).ConfigureAwait(false);
        var assets = new List<string>
        {
            Path.Combine(candidate.Directory, "manifest.json"),
            Path.Combine(candidate.Directory, "provenance.json"),
            approval.RecordPath,
        };
        assets.AddRange(Directory.EnumerateFiles(paths.Locks, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var report = Path.Combine(paths.Qualifications, approval.Record.Report ?? "");
        if (approval.Record.Report is not null && File.Exists(report)) assets.Add(report);

        var body = $"""
            Candidate `{candidate.Id}` ({Path.GetFileName(candidate.TemplatePath)})
            Configuration `{configurationHash}`, qualified on {approval.Record.Finished:u} ({approval.Record.Suites.Sum(s => s.Passed)} tests passed).
            Channel: {channel}.
            """;
        var publisher = new GitHubPublisher(new GitHubRepository(parts[0], parts[1], github.ApiUrl), new GitHubToken(github.Token), log.Info);
        var result = await publisher.PublishAsync(
            new GitHubPublicationRequest(outcome.Entry.Release, commit, body, assets, $"qualified, promoted to {channel}"), context.CancellationToken).ConfigureAwait(false);
        log.Info($"Published {outcome.Entry.Release} on {github.Repository}: {result}");
    }

    private static async Task<string> GitCommitAsync(string root, CancellationToken cancellationToken)
    {
        var run = await ProcessRunner.RunAsync(new ProcessSpec("git", ["rev-parse", "HEAD"]) { WorkingDirectory = root, Timeout = TimeSpan.FromMinutes(1) },
            cancellationToken).ConfigureAwait(false);
        return run.ExitCode == 0 && run.Output.Count > 0
            ? run.Output[0].Trim()
            : throw new BuildInputException("Publishing needs the configuration commit: the root is not a git checkout with a commit.");
    }
}
