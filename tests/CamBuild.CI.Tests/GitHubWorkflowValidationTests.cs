using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

public sealed class GitHubWorkflowValidationTests
{
    private static CiConfiguration With(GitHubActionsWorkflow workflow) =>
        SampleCiConfiguration.Configuration with { GitHubWorkflows = [workflow], Jenkins = null };

    public static TheoryData<GitHubActionsWorkflow, string> InvalidWorkflows() => new()
    {
        { SampleCiConfiguration.Workflow with { On = new GitHubTriggers() }, "no trigger" },
        { SampleCiConfiguration.Workflow with { On = new GitHubTriggers { Schedules = ["every day"] } }, "five-field POSIX cron" },
        { SampleCiConfiguration.Workflow with { On = new GitHubTriggers { PushBranches = ["main"], PullRequestBranches = ["main"] } }, "set PullRequest = true" },
        { new GitHubActionsWorkflow("ci wf") { On = new GitHubTriggers { PullRequest = true }, Jobs = [new GitHubJob("test", ["Test"])] }, "also the file name" },
        { SampleCiConfiguration.Workflow with { Jobs = [new GitHubJob("1test", ["Test"])] }, "a job id must start" },
        { SampleCiConfiguration.Workflow with { Jobs = [new GitHubJob("test", ["Test"]) { RunsOn = [] }] }, "RunsOn needs" },
        { SampleCiConfiguration.Workflow with { Jobs = [new GitHubJob("test", ["Test"]) { Permissions = new Dictionary<string, string> { ["contents"] = "admin" } }] }, "permission 'contents: admin'" },
        { SampleCiConfiguration.Workflow with { Environment = new Dictionary<string, string> { ["TOKEN"] = "${{ secrets.TOKEN }}" } }, "refers to a secret" },
        { SampleCiConfiguration.Workflow with { SecretNames = new Dictionary<string, string> { ["GitHubToken"] = "GITHUB_PAT" } }, "not a valid GitHub secret name" },
        { SampleCiConfiguration.Workflow with { Jobs = [new GitHubJob("a", ["ResolveLeaves", "BakeCandidate"]), new GitHubJob("b", ["Pin"])] }, "need each other's targets" },
    };

    [Theory]
    [MemberData(nameof(InvalidWorkflows))]
    public void Invalid_workflows_are_rejected_with_a_message_naming_the_workflow(GitHubActionsWorkflow workflow, string expected)
    {
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(With(workflow)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"GitHub workflow '{workflow.Name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_with_artifacts_that_would_run_in_two_parallel_jobs_is_rejected()
    {
        var configuration = new CiConfiguration
        {
            Targets =
            [
                new CiTarget("Restore") { Produces = ["artifacts/restore/**"] },
                new CiTarget("Lint") { DependsOn = ["Restore"] },
                new CiTarget("Test") { DependsOn = ["Restore"] },
            ],
            GitHubWorkflows =
            [
                new GitHubActionsWorkflow("ci")
                {
                    On = new GitHubTriggers { PullRequest = true },
                    Jobs = [new GitHubJob("lint", ["Lint"]), new GitHubJob("test", ["Test"])],
                },
            ],
        };

        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(configuration));

        Assert.Contains("target 'Restore' produces artifacts and would run in jobs 'lint', 'test'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_name_overrides_and_imported_secrets_reach_the_build_step_env()
    {
        var workflow = SampleCiConfiguration.Workflow with
        {
            SecretNames = new Dictionary<string, string> { ["GitHubToken"] = "RELEASE_TOKEN" },
            Jobs = [new GitHubJob("all", ["Promote"]) { ImportSecrets = ["ProxmoxPassword"] }],
        };

        var text = CiFiles.Generate(With(workflow)).Single().Content;

        Assert.Contains("          GITHUB_TOKEN: ${{ secrets.RELEASE_TOKEN }}\n", text, StringComparison.Ordinal);
        Assert.Contains("          PROXMOX_PASSWORD: ${{ secrets.PROXMOX_PASSWORD }}\n", text, StringComparison.Ordinal);
        Assert.Contains("        run: ./build.sh Promote\n", text, StringComparison.Ordinal);
    }
}
