using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CamBuild.Pipeline.Tests.EndToEnd;
using CamBuild.Release.Tests.FakeGitHub;
using Xunit.Abstractions;

namespace CamBuild.Pipeline.Tests.Canary;

/// <summary>
/// The canary run: each secret gets a unique random value, the real ./build.sh runs the chain to Promote (Qualify, then
/// Promote publishing to the fake GitHub Enterprise) with a host qualification suite that dumps its environment, while
/// every process the build starts is sampled (/proc cmdline and environ). Afterwards no canary may appear in any file
/// under artifacts/ or .nuke/temp/, the console output or the samples.
/// </summary>
[Trait("Category", "integration")]
public sealed class SecretCanaryTests(ITestOutputHelper output)
{
    private const string Owner = "ska-sa";
    private const string Repository = "cam-releases";

    private static string Canary(string name) => $"canary-{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    [Fact]
    public async Task No_secret_reaches_a_file_the_console_a_command_line_or_a_child_environment()
    {
        var canaries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["INDEX_PASSWORD"] = Canary("index"),
            ["PROXMOX_SECRET"] = Canary("proxmox"),
            ["GITHUB_TOKEN"] = Canary("github"),
        };
        using var root = new PipelineRootCopy();
        AddEnvironmentDumpSuite(root.Path);
        var commit = GitCommit(root.Path);
        await using var github = new FakeGitHubServer(new RestDescription(RestDescription.Locate()), canaries["GITHUB_TOKEN"]);
        github.State.AddRepository(Owner, Repository, commit);

        var console = new StringBuilder();
        var samples = new List<string>();
        var environments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (target, timeout, extra) in new[]
                 {
                     ("Qualify", TimeSpan.FromMinutes(25), Array.Empty<string>()),
                     ("Promote", TimeSpan.FromMinutes(5), ["--skip", "--git-hub-repository", $"{Owner}/{Repository}", "--git-hub-api-url", github.Root + FakeGitHubServer.ApiPrefix]),
                 })
        {
            var (exit, text, sampled, read) = await RunSampledAsync(root.Path, target, timeout, canaries, extra);
            console.Append(text);
            samples.AddRange(sampled);
            environments.UnionWith(read);
            output.WriteLine($"./build.sh {target}: exit {exit}, {sampled.Count} distinct /proc texts, {read.Count} child environments read");
            Assert.True(exit == 0, $"./build.sh {target} exited {exit}:\n{text}");
        }

        var hits = new List<string>();
        foreach (var (name, canary) in canaries)
        {
            if (console.ToString().Contains(canary, StringComparison.Ordinal)) hits.Add($"{name} in the console output");
            foreach (var text in samples.Where(s => s.Contains(canary, StringComparison.Ordinal)))
                hits.Add($"{name} in a /proc sample: {Shown(text, canary)}");
            foreach (var file in FilesUnder(Path.Combine(root.Path, "artifacts")).Concat(FilesUnder(Path.Combine(root.Path, ".nuke", "temp"))))
                if (Contains(file, canary)) hits.Add($"{name} in {Path.GetRelativePath(root.Path, file)}");
        }
        Assert.True(hits.Count == 0, "secrets leaked:\n" + string.Join('\n', hits));

        // The run did what the canaries must survive: the suite dumped its environment, a release was published with
        // the token, and the suite's own environment was among those sampled while the build ran.
        var dump = Directory.GetFiles(root.Artifacts, "environment.txt", SearchOption.AllDirectories);
        Assert.NotEmpty(dump);
        Assert.Contains("PATH=", File.ReadAllText(dump[0]), StringComparison.Ordinal);
        Assert.Single(github.State.Find(Owner, Repository)!.Releases);
        Assert.Contains(environments, e => e.Contains("dump_environment.py", StringComparison.Ordinal));
    }

    private static async Task<(int Exit, string Output, IReadOnlyCollection<string> Samples, IReadOnlyCollection<string> Environments)> RunSampledAsync(
        string root, string target, TimeSpan timeout, IReadOnlyDictionary<string, string> secrets, string[] extra)
    {
        var port = BuildScript.FreePort().ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(secrets) { ["NO_COLOR"] = "1" };
        ProcessSampler? sampler = null;
        ProcessResult run;
        try
        {
            run = await TestProcess.RunAsync("/bin/bash",
                [RepositoryRoot.Combine("build.sh"), target, .. extra, "--root", root, "--no-logo", "--embedded-index-port", port, "--index-user", "canary"],
                timeout, RepositoryRoot.Path, set: environment, started: pid => sampler = new ProcessSampler(pid));
        }
        finally
        {
            if (sampler is not null) await sampler.DisposeAsync();
        }
        return (run.ExitCode, run.Output, sampler!.Texts, sampler.EnvironmentsRead);
    }

    /// <summary>A host suite whose only job is to write its whole environment beside its JUnit file and to its output.</summary>
    private static void AddEnvironmentDumpSuite(string root)
    {
        File.WriteAllText(Path.Combine(root, "samples", "dump_environment.py"), """
            import os, sys, time
            junit = sys.argv[1]
            dump = "\n".join(f"{k}={v}" for k, v in sorted(os.environ.items()))
            with open(os.path.join(os.path.dirname(junit), "environment.txt"), "w") as f:
                f.write(dump + "\n")
            print(dump)
            time.sleep(1.5)  # long enough for the sampler (every 50 ms) to read this process's environment too
            with open(junit, "w") as f:
                f.write('<testsuite name="environment" tests="1"><testcase classname="canary" name="dump"><system-out>'
                        + dump.replace("&", "&amp;").replace("<", "&lt;") + '</system-out></testcase></testsuite>\n')
            """);
        File.AppendAllText(Path.Combine(root, "config", "qualification", "suites.yaml"), """

              - name: environment-dump
                kind: integration
                runs_on: host
                files: [samples/dump_environment.py]
                command: ["/usr/bin/python3", "{root}/samples/dump_environment.py", "{junit}"]
                timeout: 1m
                junit: environment.xml

            """);
    }

    private static string GitCommit(string root)
    {
        foreach (var args in new[] { "init -q", "add -A", "-c user.name=canary -c user.email=canary@localhost commit -q -m canary", "rev-parse HEAD" })
        {
            var start = new ProcessStartInfo("git", args) { WorkingDirectory = root, RedirectStandardOutput = true };
            using var git = Process.Start(start)!;
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            Assert.Equal(0, git.ExitCode);
            if (args == "rev-parse HEAD") return text;
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Regular files, not through symbolic links (the shared image cache is linked, not the run's own).</summary>
    private static IEnumerable<string> FilesUnder(string directory) => Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
        : [];

    private static bool Contains(string file, string canary)
    {
        var needle = Encoding.UTF8.GetBytes(canary);
        using var stream = File.OpenRead(file);
        var buffer = new byte[1 << 20];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var span = buffer.AsSpan(0, carry + read);
            if (span.IndexOf(needle) >= 0) return true;
            carry = Math.Min(needle.Length - 1, span.Length);
            span[^carry..].CopyTo(buffer);
        }
        return false;
    }

    private static string Shown(string text, string canary)
    {
        var at = text.IndexOf(canary, StringComparison.Ordinal);
        return text[Math.Max(0, at - 60)..Math.Min(text.Length, at + canary.Length)].Replace('\0', ' ');
    }
}
