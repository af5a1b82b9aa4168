using CamBuild.Deploy.Model;
using CamBuild.Images.Store;
using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

public sealed partial class Build
{
    /// <summary>The fresh environment DeployEnvironment made for Qualify in this invocation.</summary>
    (EnvironmentSpec Configured, EnvironmentSpec Fresh, StoredCandidate Candidate)? _qualification;

    bool Qualifying => ScheduledTargets.Contains(nameof(Qualify));

    Target DeployEnvironment => _ => _
        .Description("Deploys the candidate as the nodes of --environment (a fresh, uniquely named copy when Qualify runs).")
        .DependsOn(BakeCandidate)
        .Executes(async c =>
        {
            var roles = Environments.Roles(Paths);
            var configured = Environments.Load(Paths, Environment, roles);
            var (candidate, stored) = await Environments.OpenCandidateAsync(Paths, Candidate, c.Log, c.CancellationToken);
            var target = Qualifying ? QualifyStep.Fresh(configured) : configured;
            var provider = Environments.Provider(target, ProxmoxSecret);
            if (Qualifying) _qualification = (configured, target, stored);
            var result = await Environments.Deployer(Paths, provider, roles, KeepFailed, DeployPlanOnly && !Qualifying, c.Log)
                .DeployAsync(target, candidate, c.CancellationToken);
            c.ReportSummary("Environment", $"{target.Name}: {result.Plan.Nodes.Count} nodes{(result.Applied ? "" : ", nothing to do")}");
        });

    Target Teardown => _ => _
        .Description("Removes the environment's containers, overlays, bridge and state record (also a kept q-<env>-<id> qualification environment).")
        .Executes(async c =>
        {
            var roles = Environments.Roles(Paths);
            var spec = QualifyStep.ParseFreshName(Environment) is { } kept && !File.Exists(Paths.EnvironmentConfig(Environment))
                ? QualifyStep.Fresh(Environments.Load(Paths, kept.Configured, roles), kept.Suffix)
                : Environments.Load(Paths, Environment, roles);
            await Environments.Deployer(Paths, Environments.Provider(spec, ProxmoxSecret), roles, false, false, c.Log).TeardownAsync(spec, c.CancellationToken);
            c.ReportSummary("Removed", spec.Name);
        });
}
