using CamBuild.Common;
using System.Diagnostics;
using System.Text;
using CamBuild.Deploy.Config;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Pipeline;
using CamBuild.Pipeline.Steps;
using CamBuild.Images.Store;
using CamBuild.Pipeline.Supply;
using CamBuild.Qualification.Records;
using CamBuild.SupplyChain.Attestation;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>
/// A throw-away repository root for the real build (<c>_build.dll</c>, what build.sh runs): the repository's config/ and
/// samples/, the small delivery role catalogue as samples/site/roles.json, a three-node LXC environment, one channel
/// without gates, and the test candidates in its candidate store. Qualification is forced in the test only: a passing
/// record is written for each candidate; Promote and Deliver are the real targets. The build's LXC root is the default
/// (<c>/var/lib/cambuild</c>); each test uses its own environment name and subnet.
/// </summary>
internal sealed class DeliverRoot : IDisposable
{
    public const string Channel = "staging";
    private readonly CamBuild.TestSupport.TempDirectory temp = new("cambuild-real-deliver-", "/var/tmp");

    public DeliverRoot(string environment, string subnet, string pause = "0s")
    {
        Environment = environment;
        foreach (var directory in new[] { "config", "samples" })
        {
            Copy(RepositoryRoot.Combine(directory), temp.Combine(directory));
        }
        Directory.CreateDirectory(temp.Combine(".nuke"));
        File.Copy(RepositoryRoot.Combine(".nuke", "parameters.json"), temp.Combine(".nuke", "parameters.json"));
        temp.Write("samples/site/roles.json", DeliveryCatalog.Json);
        temp.Write($"config/environments/{environment}.yaml", $"""
            name: {environment}
            provider: lxc
            network:
              subnet: {subnet}.0/24
              gateway: {subnet}.1
              bridge: cb{environment}
            defaults:
              cores: 1
              memory_mib: 256
              disk_gib: 1
            nodes:
              - hostname: web1
                address: {subnet}.11
                roles: [web:w1]
              - hostname: web2
                address: {subnet}.12
                roles: [web:w2]
              - hostname: api1
                address: {subnet}.21
                roles: [api]
            rollout:
              max_unavailable: 1
              health_timeout: 30s
              pause: {pause}
              keep_previous: 1
            """);
        temp.Write("config/channels.yaml", $"""
            channels:
              - name: {Channel}
                environment: {environment}
            """);
        Paths = PipelinePaths.For(temp.Path, "artifacts");
        var roles = Environments.Roles(Paths);
        Spec = Environments.Load(Paths, environment, roles);
        ConfigurationHash = Environments.ConfigurationHash(Spec);
        SuitesHash = QualifyStep.Suites(Paths).Hash;
    }

    public string Environment { get; }

    public PipelinePaths Paths { get; }

    public EnvironmentSpec Spec { get; }

    public string ConfigurationHash { get; }

    public string SuitesHash { get; }

    /// <summary>The provider the build uses for an lxc environment (default root), for reading the containers back.</summary>
    public static LxcNodeProvider Provider { get; } = new(new LxcProviderOptions());

    public string EnvironmentDirectory => new LxcProviderOptions().EnvironmentDirectory(Environment);

    public string Journal => Rollout.RolloutJournal.PathOf(Paths.EnvironmentStates, Environment);

    public string History => Path.Combine(Paths.Releases, "deliveries", Channel + ".jsonl");

    /// <summary>Puts a test candidate into the store (template + manifest) and writes a passing qualification record for it.</summary>
    public void Store(CandidateRef candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var fileName = CamBuild.Tests.Shared.StoredTestCandidate.Store(Paths, candidate);
        ForcedQualification.Write(Paths, new CandidateIdentity(candidate.Id.Value, fileName, candidate.TemplateSha256.Hex), ConfigurationHash, SuitesHash,
            Environment);
    }

    /// <summary>Starts <c>_build</c> with <paramref name="arguments"/> on this root; output collected as it arrives.</summary>
    public BuildProcess Start(params string[] arguments) => new(temp.Path, arguments);

    public async Task<BuildProcess> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var build = Start(arguments);
        await build.WaitAsync(timeout);
        return build;
    }

    public void Dispose() => temp.Dispose();

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("__pycache__" or "node_modules" or ".venv")))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

/// <summary>One run of the compiled build as its own process (killable with SIGKILL, like <c>kill -9</c>).</summary>
internal sealed class BuildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public BuildProcess(string root, IReadOnlyList<string> arguments)
    {
        Arguments = string.Join(' ', arguments);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "_build.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        start.ArgumentList.Add("--no-logo");
        start.Environment["NO_COLOR"] = "1";
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Arguments { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"_build {Arguments} did not finish within {timeout}; killed. Output:\n{Output}");
        }
        process.WaitForExit();
    }

    /// <summary>SIGKILL to the build process only (its children are left as a kill -9 leaves them).</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync(CancellationToken.None);
    }

    public override string ToString() => $"_build {Arguments}: {(process.HasExited ? $"exit {process.ExitCode}" : "running")}; output:\n{Output}";

    public void Dispose() => process.Dispose();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
