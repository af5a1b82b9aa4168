using CamBuild.Common;
using CamBuild.Targets;
using CamBuild.Targets.Tooling;

namespace CamBuild.Build.Support;

/// <summary>Builds the solution once, then runs each test project in turn so that tests using LXC, ports and caches never overlap.</summary>
internal static class TestRunner
{
    /// <summary>
    /// The dotnet test filter of a category. Integration tests carry <c>[Trait("Category", "integration")]</c>; unit
    /// tests are all others. Benchmarks measure speed and run on demand (benchmarks/*.sh), never as part of the tests.
    /// </summary>
    public static string CategoryFilter(string category) => category.ToLowerInvariant() switch
    {
        "all" => "Category!=Benchmark",
        "unit" => "Category!=Benchmark&Category!=integration",
        "integration" => "Category=integration",
        _ => throw new InputException($"--category '{category}' is not a test category. Use unit, integration or all."),
    };

    public static async Task RunAsync(string root, string? filter, string category, TargetContext c)
    {
        var categoryFilter = CategoryFilter(category);
        var results = Path.Combine(root, ".nuke", "temp", "test-results");
        if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
        await Dotnet(root, c, "build", "CamBuild.sln", "-nologo", "-clp:NoSummary", "-v", "q").ConfigureAwait(false);

        var listed = await ProcessRunner.RunAsync(new ProcessSpec("dotnet", ["sln", "CamBuild.sln", "list"]) { WorkingDirectory = root }, c.CancellationToken)
            .ConfigureAwait(false);
        var projects = listed.Output.Select(l => l.Trim().Replace('\\', '/'))
            .Where(l => l.StartsWith("tests/", StringComparison.Ordinal) && l.EndsWith(".Tests.csproj", StringComparison.Ordinal))
            .Select(l => Path.Combine(root, l)).Order(StringComparer.Ordinal).ToList();
        var shared = SharedDirectory(root);
        c.Log.Info(shared.Count > 0 ? $"Official descriptions and fixtures from {shared["CAMBUILD_SHARED_DIR"]}" : "CAMBUILD_SHARED_DIR is set by the caller.");
        var total = TestRunSummary.Empty;
        for (var i = 0; i < projects.Count; i++)
        {
            var name = Path.GetFileNameWithoutExtension(projects[i]);
            c.Progress(i + 1, projects.Count, name);
            var args = new List<string> { "test", projects[i], "--no-build", "-nologo", "--logger", $"trx;LogFileName={name}.trx", "--results-directory", results };
            args.AddRange(["--filter", filter is null ? categoryFilter : $"({filter})&{categoryFilter}"]);
            var run = await ProcessRunner.RunAsync(Dotnet(root, c, args) with { Environment = shared, Inherit = TestEnvironment },
                c.CancellationToken).ConfigureAwait(false);
            var trx = Path.Combine(results, name + ".trx");
            var summary = File.Exists(trx) ? TestRunSummary.FromTrx(trx) : TestRunSummary.Empty;
            if (run.ExitCode != 0 && summary.Failed == 0 && !NoTestMatched(run.Output))
            {
                foreach (var line in run.Output.TakeLast(30)) c.Log.Error(line);
                summary += new TestRunSummary(0, 1, 0, [$"{name} (test host failed, exit code {run.ExitCode})"]);
            }

            c.Log.Info($"    {name}: {summary.Line}");
            total += summary;
        }

        foreach (var failed in total.FailedTests) c.Log.Error($"FAILED {failed}");
        c.ReportSummary("Tests", total.Line);
        await Console.Out.WriteLineAsync(total.Line).ConfigureAwait(false);
        if (total.Failed > 0) throw new InvalidOperationException($"{total.Failed} test(s) failed.");
        if (total.Passed == 0) throw new InvalidOperationException($"No test ran (category {category}{(filter is null ? "" : $", filter '{filter}'")}).");
    }

    /// <summary>What a test run inherits: the basic environment, where shared/ is, and whether to rewrite snapshots.</summary>
    private static readonly IReadOnlyCollection<string> TestEnvironment = [.. ProcessEnvironment.Basic, "CAMBUILD_SHARED_DIR", "UPDATE_SNAPSHOTS"];

    /// <summary>A project without a test of the category is not a failure (dotnet test says so and exits non-zero on some versions).</summary>
    private static bool NoTestMatched(IEnumerable<string> output) =>
        output.Any(l => l.Contains("No test matches the given testcase filter", StringComparison.Ordinal));

    /// <summary>
    /// Tests read official descriptions (API schemas, fixtures) from the shared/ folder: CAMBUILD_SHARED_DIR when set,
    /// else the <c>shared</c> folder beside the repository or beside one of its parents. Never an absolute path.
    /// </summary>
    private static Dictionary<string, string> SharedDirectory(string root)
    {
        if (System.Environment.GetEnvironmentVariable("CAMBUILD_SHARED_DIR") is { Length: > 0 }) return [];
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "proxmox"))) return new() { ["CAMBUILD_SHARED_DIR"] = candidate };
        }

        throw new InputException($"No shared/ folder (official API descriptions and fixtures) beside {root} or its parents. Check it out beside the repository or set CAMBUILD_SHARED_DIR.");
    }

    /// <summary>A dotnet run in the root whose output goes to the debug log; a whole test project may take long.</summary>
    private static ProcessSpec Dotnet(string root, TargetContext c, IReadOnlyList<string> args) => new("dotnet", args)
    {
        WorkingDirectory = root,
        OnOutputLine = c.Log.Debug,
        OnErrorLine = c.Log.Debug,
        Timeout = TimeSpan.FromHours(3),
    };

    private static async Task Dotnet(string root, TargetContext c, params string[] args)
    {
        var run = await ProcessRunner.RunAsync(Dotnet(root, c, (IReadOnlyList<string>)args), c.CancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            foreach (var line in run.Output.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(40)) c.Log.Error(line);
            throw new InvalidOperationException($"dotnet {string.Join(" ", args)} failed with exit code {run.ExitCode}.");
        }
    }
}
