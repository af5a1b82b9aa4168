using System.Text.RegularExpressions;
using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

public sealed partial class GitHubWorkflowStructureTests
{
    private static readonly GeneratedFile Generated =
        CiFiles.Generate(SampleCiConfiguration.Configuration).Single(f => f.RelativePath == ".github/workflows/ci.yml");

    private static readonly WorkflowDocument Document = WorkflowDocument.Parse(Generated.Content);

    [Fact]
    public void Needs_graph_equals_the_target_dependency_graph_restricted_to_jobs()
    {
        var targets = SampleCiConfiguration.Targets.ToDictionary(t => t.Name);
        var jobs = SampleCiConfiguration.Workflow.Jobs;
        HashSet<string> Closure(IEnumerable<string> names)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<string>(names);
            while (pending.TryPop(out var name))
                if (seen.Add(name))
                    foreach (var dependency in targets[name].DependsOn)
                        pending.Push(dependency);
            return seen;
        }
        // Expected: job B (transitively) needs job A exactly when B's targets depend on one of A's targets.
        var expected = jobs.SelectMany(b => jobs.Where(a => a != b && Closure(b.Targets).Overlaps(a.Targets)).Select(a => (a.Id, b.Id))).ToHashSet();

        var actual = new HashSet<(string, string)>();
        foreach (var job in Document.JobIds)
        {
            var pending = new Stack<string>(Document.Needs(job));
            while (pending.TryPop(out var upstream))
                if (actual.Add((upstream, job)))
                    foreach (var further in Document.Needs(upstream))
                        pending.Push(further);
        }

        Assert.Equal(expected.OrderBy(e => e).ToList(), actual.OrderBy(e => e).ToList());
        Assert.Empty(Document.Needs("test"));
        Assert.Empty(Document.Needs("pin"));
        Assert.Equal(["qualify"], Document.Needs("promote"));
    }

    [Fact]
    public void Each_job_skips_exactly_the_targets_its_upstream_jobs_ran()
    {
        Assert.Equal("./build.sh Test", RunCommand("test"));
        Assert.Equal("./build.sh ResolveLeaves Pin", RunCommand("pin"));
        Assert.Equal("./build.sh BakeCandidate --skip ResolveLeaves Pin", RunCommand("bake"));
        Assert.Equal("./build.sh DeployEnvironment Qualify --skip ResolveLeaves Pin BakeCandidate", RunCommand("qualify"));
        Assert.Equal("./build.sh Promote --skip ResolveLeaves Pin BakeCandidate DeployEnvironment Qualify", RunCommand("promote"));
    }

    [Fact]
    public void Downstream_jobs_download_upstream_artifacts_into_the_directory_they_were_uploaded_from()
    {
        var downloads = Document.Steps("qualify")
            .Where(s => Document.Scalar(s, "uses")?.StartsWith("actions/download-artifact", StringComparison.Ordinal) == true)
            .Select(s => (Document.Scalar(Document.Map(s, "with")!, "name"), Document.Scalar(Document.Map(s, "with")!, "path")))
            .ToList();
        Assert.Equal([("ResolveLeaves", "artifacts"), ("Pin", "artifacts/locks"), ("BakeCandidate", "artifacts/candidates")], downloads);
        Assert.DoesNotContain(Document.Steps("pin"), s => Document.Scalar(s, "uses")?.StartsWith("actions/download-artifact", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Jobs_upload_the_artifacts_of_the_targets_they_ran_even_after_a_failure()
    {
        var uploads = Document.Steps("bake").Where(s => Document.Scalar(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true).ToList();
        var upload = Assert.Single(uploads);
        Assert.Equal("success() || failure()", Document.Scalar(upload, "if"));
        Assert.Equal("BakeCandidate", Document.Scalar(Document.Map(upload, "with")!, "name"));
        Assert.Equal("artifacts/candidates/*.tar.zst\nartifacts/candidates/manifest.json\n", Document.Scalar(Document.Map(upload, "with")!, "path"));
    }

    [Fact]
    public void Secrets_are_only_referenced_through_the_secrets_context_and_only_where_needed()
    {
        foreach (Match match in SecretsReference().Matches(Generated.Content))
            Assert.Matches(@"^\$\{\{ secrets\.[A-Z_][A-Z0-9_]* \}\}$", match.Value);
        var line = Assert.Single(Generated.Content.Split('\n'), l => l.Contains("secrets.", StringComparison.Ordinal));
        Assert.Equal("          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", line);
        var promoteRun = Document.Steps("promote").Single(s => Document.Scalar(s, "run")?.Contains("Promote", StringComparison.Ordinal) == true);
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", Document.Scalar(Document.Map(promoteRun, "env")!, "GITHUB_TOKEN"));
    }

    [Fact]
    public void Manual_inputs_reach_only_the_jobs_whose_targets_read_them_with_their_default()
    {
        var qualifyRun = Document.Steps("qualify").Single(s => Document.Scalar(s, "name") == "Run: DeployEnvironment, Qualify");
        Assert.Equal("${{ inputs.Environment || 'qualify' }}", Document.Scalar(Document.Map(qualifyRun, "env")!, "ENVIRONMENT"));
        var bakeRun = Document.Steps("bake").Single(s => Document.Scalar(s, "run") is not null);
        Assert.Null(Document.Map(bakeRun, "env"));
    }

    [Fact]
    public void Triggers_runners_conditions_and_caches_are_rendered()
    {
        var on = Document.Map(Document.Root, "on")!;
        Assert.NotNull(Document.Map(on, "push"));
        Assert.NotNull(Document.Map(on, "pull_request"));
        Assert.NotNull(Document.Map(on, "workflow_dispatch"));
        Assert.Contains("schedule", on.Children.Keys.Select(k => k.ToString()));
        Assert.Equal("[self-hosted, linux, lxc]", Generated.Content.Split('\n').Single(l => l.Contains("self-hosted", StringComparison.Ordinal)).Split(": ")[1]);
        Assert.Equal(GitHubConditions.OnTag, Document.Scalar(Document.Job("promote"), "if"));
        Assert.Equal("write", Document.Scalar(Document.Map(Document.Job("promote"), "permissions")!, "contents"));
        Assert.Equal("always()", Document.Scalar(Document.Steps("qualify").Single(s => Document.Scalar(s, "name") == "Teardown"), "if"));
        var caches = Document.Steps("qualify").Where(s => Document.Scalar(s, "uses") == "actions/cache@v4").Select(s => Document.Scalar(Document.Map(s, "with")!, "key")).ToList();
        Assert.Equal(2, caches.Count);
        Assert.StartsWith("${{ runner.os }}-nuget-${{ hashFiles('global.json'", caches[0], StringComparison.Ordinal);
        Assert.StartsWith("${{ runner.os }}-build-cache-qualify-${{ hashFiles(", caches[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_names_the_regenerate_command_on_its_second_line()
    {
        var lines = Generated.Content.Split('\n');
        Assert.Equal("# <auto-generated>", lines[0]);
        Assert.Equal("# Regenerate with: ./build.sh GenerateCi", lines[1]);
    }

    private static string RunCommand(string job) => Document.Scalar(Document.Steps(job).Single(s => Document.Scalar(s, "name")!.StartsWith("Run: ", StringComparison.Ordinal)), "run")!;

    [GeneratedRegex(@"\$\{\{[^}]*secrets\.[^}]*\}\}|secrets\.[A-Za-z_]+")]
    private static partial Regex SecretsReference();
}
