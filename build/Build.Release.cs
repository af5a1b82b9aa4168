using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target Qualify => _ => _
        .Description("Qualifies the candidate on a fresh environment of its own (deployed, tested, torn down): suites, JUnit, report, record.")
        .DependsOn(BakeCandidate)
        .After(DeployEnvironment)
        .Inputs(() => QualifyStep.InputFiles(Paths, Environment))
        .InputValue("environment", () => Environment)
        .InputValue("candidate", () => QualifyStep.CandidateIdOf(Paths, Candidate))
        .Outputs(() => QualifyStep.RecordOf(Paths, Environment, Candidate, Environments.Roles(Paths)))
        .Executes(async c =>
        {
            var fresh = await QualifyStep.DeployFreshAsync(Paths, Environment, Candidate, ProxmoxSecret, KeepFailed, c);
            await QualifyStep.RunAndTearDownAsync(Paths, fresh, KeepEnvironment, c, SigningKeyFile);
        });

    Target Promote => _ => _
        .Description("Promotes the qualified candidate and configuration to --channel (append-only history); optionally publishes on GitHub.")
        .DependsOn(Qualify)
        .Requires(() => Channel)
        .Executes(async c =>
        {
            var roles = Environments.Roles(Paths);
            var hash = Environments.ConfigurationHash(Environments.Load(Paths, Environment, roles));
            var (_, stored) = await Environments.OpenCandidateAsync(Paths, Candidate, c.Log, c.CancellationToken);
            DeliverStep.AdmitPromotion(Paths, Channel, stored.Id, stored.Manifest.TemplateSha256, hash, Environment, c.Log);
            await PromoteStep.RunAsync(Paths, stored, hash, Channel, new GitHubSettings(GitHubRepository, GitHubApiUrl, GitHubToken), c, SigningKeyFile);
        });
}
