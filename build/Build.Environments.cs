using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

public sealed partial class Build
{
    /// <summary>The fresh environment DeployEnvironment made for Qualify in this invocation.</summary>
    FreshEnvironment? _qualification;

    Target DeployEnvironment => _ => _
        .Description("Deploys the candidate as the nodes of --environment (a fresh, uniquely named copy when Qualify runs).")
        .DependsOn(BakeCandidate)
        .Executes(async c =>
        {
            if (ScheduledTargets.Contains(nameof(Qualify)))
            {
                _qualification = await QualifyStep.DeployFreshAsync(Paths, Environment, Candidate, ProxmoxSecret, KeepFailed, c);
                return;
            }

            var roles = Environments.Roles(Paths);
            var spec = Environments.Load(Paths, Environment, roles);
            var (candidate, _) = await Environments.OpenCandidateAsync(Paths, Candidate, c.Log, c.CancellationToken);
            var provider = Environments.Provider(spec, ProxmoxSecret, c.Log.Info);
            try
            {
                var result = await Environments.Deployer(Paths, provider, roles, KeepFailed, DeployPlanOnly, c.Log).DeployAsync(spec, candidate, c.CancellationToken);
                c.ReportSummary("Environment", $"{spec.Name}: {result.Plan.Nodes.Count} nodes{(result.Applied ? "" : ", nothing to do")}");
            }
            finally
            {
                (provider as IDisposable)?.Dispose();
            }
        });

    Target Teardown => _ => _
        .Description("Removes the environment's containers, overlays, bridge and state record (also a kept q-<env>-<id> qualification environment).")
        .Executes(async c =>
        {
            var roles = Environments.Roles(Paths);
            var spec = QualifyStep.ParseFreshName(Environment) is { } kept && !File.Exists(Paths.EnvironmentConfig(Environment))
                ? QualifyStep.Fresh(Environments.Load(Paths, kept.Configured, roles), kept.Suffix)
                : Environments.Load(Paths, Environment, roles);
            var provider = Environments.Provider(spec, ProxmoxSecret, c.Log.Info);
            try
            {
                await Environments.Deployer(Paths, provider, roles, false, false, c.Log).TeardownAsync(spec, c.CancellationToken);
            }
            finally
            {
                (provider as IDisposable)?.Dispose();
            }

            c.ReportSummary("Removed", spec.Name);
        });
}
