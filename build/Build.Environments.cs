using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target DeployEnvironment => _ => _
        .Description("Deploys the candidate as the nodes of the long-lived --environment (create / replace / keep / destroy).")
        .DependsOn(BakeCandidate)
        .Executes(async c =>
        {
            var roles = Environments.Roles(Paths);
            var spec = Environments.Load(Paths, Environment, roles);
            var (candidate, _) = await Environments.OpenCandidateAsync(Paths, Candidate, c.Log, c.CancellationToken);
            var provider = Environments.Provider(spec, ProxmoxSecret, c.Log.Info);
            try
            {
                var result = await Environments.Deployer(Paths, provider, roles, KeepFailed, DeployPlanOnly, c.Log).DeployAsync(spec, candidate, c.CancellationToken);
                c.ReportSummary("Environment", $"{spec.Name}: {result.Plan.Nodes.Count} nodes{(result.Applied ? "" : ", nothing to do")}");
                Environments.LogTemplateReads(candidate, c.Log);
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
