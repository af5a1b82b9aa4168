using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

/// <summary>The GitHub Pages job: publishes one target's uploaded artifact (a static site) after the job that makes it.</summary>
public sealed class GitHubPagesJobTests
{
    private static CiConfiguration Configuration(GitHubPagesJob pages, IReadOnlyList<GitHubJob>? jobs = null) => new()
    {
        Targets =
        [
            new CiTarget("Promote") { Produces = ["artifacts/releases/**"] },
            new CiTarget("Dashboard") { Produces = ["artifacts/site/**"] },
            new CiTarget("Test"),
        ],
        GitHubWorkflows =
        [
            new GitHubActionsWorkflow("release")
            {
                On = new GitHubTriggers { PushTags = ["v*"] },
                Caches = [],
                Environment = new Dictionary<string, string>(),
                Jobs = jobs ?? [new GitHubJob("test", ["Test"]), new GitHubJob("promote", ["Promote", "Dashboard"])],
                Pages = pages,
            },
        ],
    };

    private static readonly GitHubPagesJob Pages = new("pages", "Dashboard") { Condition = "!cancelled() && vars.CAMBUILD_PAGES == 'true'" };

    [Fact]
    public void The_pages_job_generates_the_snapshot()
    {
        Snapshot.Match("pages.yml", CiFiles.Generate(Configuration(Pages)).Single().Content);
    }

    [Fact]
    public void The_pages_job_needs_the_job_that_uploads_the_site_and_deploys_what_it_downloads()
    {
        var document = WorkflowDocument.Parse(CiFiles.Generate(Configuration(Pages)).Single().Content);

        Assert.Equal(["test", "promote", "pages"], document.JobIds);
        Assert.Equal(["promote"], document.Needs("pages"));
        var job = document.Job("pages");
        Assert.Equal("!cancelled() && vars.CAMBUILD_PAGES == 'true'", document.Scalar(job, "if"));
        Assert.Equal("write", document.Scalar(document.Map(job, "permissions")!, "pages"));
        Assert.Equal("write", document.Scalar(document.Map(job, "permissions")!, "id-token"));
        Assert.Equal("github-pages", document.Scalar(document.Map(job, "environment")!, "name"));
        var steps = document.Steps("pages");
        Assert.Equal(["actions/download-artifact@v4", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"], steps.Select(s => document.Scalar(s, "uses")));
        Assert.Equal("Dashboard", document.Scalar(document.Map(steps[0], "with")!, "name"));
        Assert.Equal("artifacts/site", document.Scalar(document.Map(steps[0], "with")!, "path"));
        Assert.Equal("artifacts/site", document.Scalar(document.Map(steps[1], "with")!, "path"));
        // The job's environment URL reads the deploy step's output by this id.
        Assert.Equal("deployment", document.Scalar(steps[2], "id"));
        var promote = document.Steps("promote");
        Assert.Contains(promote, s => document.Scalar(s, "name") == "Publish: Dashboard");
    }

    [Fact]
    public void A_site_target_no_job_uploads_is_a_configuration_error()
    {
        var error = Assert.Throws<CiConfigurationException>(() =>
            CiFiles.Generate(Configuration(Pages, [new GitHubJob("test", ["Test"]), new GitHubJob("promote", ["Promote"])])));
        Assert.Contains("no job runs 'Dashboard'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pages_job_with_an_existing_job_id_or_an_unknown_target_is_a_configuration_error()
    {
        var duplicate = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(Configuration(new GitHubPagesJob("promote", "Dashboard"))));
        Assert.Contains("already used by a job", duplicate.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(Configuration(new GitHubPagesJob("pages", "Site"))));
        Assert.Contains("unknown target 'Site'", unknown.Message, StringComparison.Ordinal);
    }
}
