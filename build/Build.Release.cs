using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

public sealed partial class Build
{
    Target Qualify => _ => _
        .Description("Qualifies the candidate on a fresh environment: suites, JUnit, report, record; tears it down afterwards.")
        .DependsOn(DeployEnvironment)
        .Inputs(Out(Paths.CurrentCandidate), "config/environments/*.yaml", "config/qualification/**", "samples/acceptance/**", "samples/site/roles.json")
        .InputValue("environment", () => Environment)
        .InputValue("candidate", () => Candidate)
        .Outputs(() => QualifyStep.RecordOf(Paths, Environment, Environments.Roles(Paths)))
        .Executes(async c =>
        {
            if (_qualification is null)
            {
                // DeployEnvironment was skipped (--skip): deploy the fresh environment here.
                var roles = Environments.Roles(Paths);
                var configured = Environments.Load(Paths, Environment, roles);
                var (candidateRef, stored) = await Environments.OpenCandidateAsync(Paths, Candidate, c.Log, c.CancellationToken);
                var fresh = QualifyStep.Fresh(configured);
                _qualification = (configured, fresh, stored);
                await Environments.Deployer(Paths, Environments.Provider(fresh, ProxmoxSecret), roles, KeepFailed, false, c.Log)
                    .DeployAsync(fresh, candidateRef, c.CancellationToken);
            }

            var (configuredSpec, environment, candidate) = _qualification.Value;
            var provider = Environments.Provider(environment, ProxmoxSecret);
            try
            {
                await QualifyStep.RunAsync(new QualifyRequest(Paths, configuredSpec, environment, provider, candidate), c);
            }
            finally
            {
                if (KeepEnvironment)
                    c.Log.Warn($"Kept environment {environment.Name}: nodes at {string.Join(", ", environment.Nodes.Select(n => $"{n.Hostname}={n.Address}"))}; " +
                        $"enter one with: lxc-attach -P /var/lib/cambuild/lxc/{environment.Name} -n <node>; remove it with: ./build.sh Teardown --environment {environment.Name}");
                else
                    await Environments.Deployer(Paths, provider, Environments.Roles(Paths), false, false, c.Log).TeardownAsync(environment, CancellationToken.None);
            }
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
            await PromoteStep.RunAsync(Paths, stored, hash, Channel, new GitHubSettings(GitHubRepository, GitHubApiUrl, GitHubToken), c);
        });
}
