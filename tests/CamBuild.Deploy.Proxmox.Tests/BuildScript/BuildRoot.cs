using System.Diagnostics;
using System.Security.Cryptography;
using CamBuild.Common;
using CamBuild.Deploy.Proxmox.Tests.Deploy;
using CamBuild.Deploy.Proxmox.Tests.Ssh;
using CamBuild.Pipeline;
using CamBuild.Tests.Shared;

namespace CamBuild.Deploy.Proxmox.Tests.BuildScript;

/// <summary>
/// A throw-away repository root for <c>./build.sh --root</c>: the repository's config/ and samples/ and
/// .nuke/parameters.json, the harness's role catalogue, a Proxmox environment <c>lab</c> pointed at the in-test
/// simulator and the SSH members (written by <see cref="DeployHarness"/>), and a stored, signed candidate whose
/// template is a real zstd stream of its id's content. The build's state records are read back through the harness.
/// </summary>
internal sealed class BuildRoot : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("cambuild-pve-build-");

    private BuildRoot(DeployHarness? harness)
    {
        _harness = harness;
        foreach (var directory in new[] { "config", "samples" }) Copy(RepositoryRoot.Combine(directory), _temp.Combine(directory));
        Directory.CreateDirectory(_temp.Combine(".nuke"));
        File.Copy(RepositoryRoot.Combine(".nuke", "parameters.json"), _temp.Combine(".nuke", "parameters.json"));
        _temp.Write("samples/site/roles.json", DeployHarness.Roles);
        Paths = PipelinePaths.For(_temp.Path, Path.Combine(_temp.Path, "artifacts"));
        if (harness is not null) harness.StateDirectory = Paths.EnvironmentStates;
    }

    private readonly DeployHarness? _harness;

    public DeployHarness Harness => _harness ?? throw new InvalidOperationException("this root has no simulator");
    public PipelinePaths Paths { get; }
    public string Root => _temp.Path;
    public CandidateRef Candidate { get; private set; } = null!;

    public static async Task<BuildRoot> StartAsync(int nodes, OpenSshServer ssh, params (string Key, string Value)[] settings)
    {
        var root = new BuildRoot(await DeployHarness.StartAsync(nodes, ssh, settings));
        root.WriteEnvironment(nodes, settings);
        root.Candidate = await ZstdCandidateAsync(root._temp.Combine("work"));
        StoredTestCandidate.Store(root.Paths, root.Candidate);
        return root;
    }

    /// <summary>A root with a stored candidate and the given config/environments/lab.yaml, no simulator or SSH member.</summary>
    public static async Task<BuildRoot> BareAsync(string environmentYaml)
    {
        var root = new BuildRoot(null);
        root._temp.Write("config/environments/lab.yaml", environmentYaml);
        root.Candidate = await ZstdCandidateAsync(root._temp.Combine("work"));
        StoredTestCandidate.Store(root.Paths, root.Candidate);
        return root;
    }

    /// <summary>Writes config/environments/lab.yaml (the harness's environment file).</summary>
    public void WriteEnvironment(int nodes, params (string Key, string Value)[] settings)
    {
        Harness.WriteEnvironment(nodes, settings);
        Directory.CreateDirectory(Path.GetDirectoryName(Paths.EnvironmentConfig("lab"))!);
        File.Copy(Harness.EnvironmentFile, Paths.EnvironmentConfig("lab"), overwrite: true);
    }

    /// <summary><c>./build.sh DeployEnvironment --skip</c> on this root, the secret only in the environment.</summary>
    public Task<ProcessResult> DeployAsync(TimeSpan timeout) => RunAsync(timeout, "DeployEnvironment", "--skip", "--environment", "lab", "--candidate", Candidate.Id.Value);

    public Task<ProcessResult> RunAsync(TimeSpan timeout, params string[] arguments) =>
        TestProcess.RunAsync("/bin/bash", [RepositoryRoot.Combine("build.sh"), .. arguments, "--root", Root, "--no-logo"], timeout, RepositoryRoot.Path,
            removePrefixes: ["PROXMOX_"], set: new Dictionary<string, string> { ["NO_COLOR"] = "1", ["PROXMOX_SECRET"] = Simulator.ProxmoxSimulator.TokenSecret });

    /// <summary>Random content (its sha256 is the candidate id) compressed with the zstd CLI, as a bake writes it.</summary>
    private static async Task<CandidateRef> ZstdCandidateAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var raw = Path.Combine(directory, "rootfs.tar");
        var content = RandomNumberGenerator.GetBytes(64 * 1024);
        await File.WriteAllBytesAsync(raw, content);
        var template = Path.Combine(directory, "cam-candidate_1.0_amd64.tar.zst");
        var zstd = await TestProcess.RunAsync("zstd", ["-q", "-3", "-f", raw, "-o", template], TimeSpan.FromSeconds(60));
        Assert.True(zstd.ExitCode == 0, zstd.Output);
        File.Delete(raw);
        return new CandidateRef(CandidateId.Parse(Convert.ToHexStringLower(SHA256.HashData(content))), template,
            Sha256.Parse(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(template))), "the test template's sha256"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        _temp.Dispose();
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("__pycache__" or "node_modules" or ".venv")))
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}

/// <summary>Compiles the build once (./build.sh does when its sources changed), so no test case pays for it.</summary>
public sealed class CompiledBuildFixture : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var help = await TestProcess.RunAsync("/bin/bash", [RepositoryRoot.Combine("build.sh"), "--help"], TimeSpan.FromMinutes(10), RepositoryRoot.Path,
            set: new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        Assert.True(help.ExitCode == 0, $"./build.sh --help failed after {clock.Elapsed}:\n{help.Output}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
