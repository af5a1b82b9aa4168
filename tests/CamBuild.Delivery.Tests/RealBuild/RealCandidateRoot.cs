using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Pipeline;
using CamBuild.Pipeline.Steps;
using CamBuild.Pipeline.Supply;
using CamBuild.Qualification.Records;
using CamBuild.SupplyChain.Attestation;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>A candidate the real BakeCandidate put into the root's store: its id, template file name and template hash.</summary>
internal sealed record BakedCandidate(string Id, string FileName, string TemplateSha256)
{
    public override string ToString() => Id[..12];
}

/// <summary>
/// A throw-away repository root for the real candidate: copies of the repository's config/ and samples/ (so the bake is
/// what <c>./build.sh BakeCandidate</c> makes of config/candidate.yaml), and <c>config/environments/cam.yaml</c> copied as
/// <see cref="EnvironmentName"/> with only its name, subnet (10.240.1.0/24, the node addresses follow it) and bridge
/// changed, so it never collides with a real cam environment; the 15 nodes, roles, sizes and rollout are cam.yaml's.
/// Channels: <c>staging</c> without gates and <c>production</c> behind staging with soak and an approval, both delivering
/// to that environment. The heavy images (debs, base, stages) come from the machine cache every clone shares (default
/// /var/cache/cambuild, never deleted here) and the OS lock is copied, as the pipeline's end-to-end tests do. Qualification is forced in the test only (a signed passing record per candidate).
/// </summary>
internal sealed partial class RealCandidateRoot : IDisposable
{
    public const string EnvironmentName = "dlvcam";
    public const string Subnet = "10.240.1";
    public const string Staging = "staging";
    public const string Production = "production";
    private static readonly string[] Skipped = ["__pycache__", "build", "dist", ".venv", "node_modules"];
    private readonly CamBuild.TestSupport.TempDirectory temp = new("cambuild-real-candidate-", "/var/tmp");
    private readonly List<string> baked = [];

    public RealCandidateRoot()
    {
        foreach (var directory in new[] { "config", "samples" })
        {
            Copy(RepositoryRoot.Combine(directory), temp.Combine(directory));
        }
        Directory.CreateDirectory(temp.Combine(".nuke", "temp", "cache"));
        File.Copy(RepositoryRoot.Combine(".nuke", "parameters.json"), temp.Combine(".nuke", "parameters.json"));
        var osLock = RepositoryRoot.Combine("artifacts", "locks", "os-lock.json");
        if (File.Exists(osLock))
        {
            Directory.CreateDirectory(temp.Combine("artifacts", "locks"));
            File.Copy(osLock, temp.Combine("artifacts", "locks", "os-lock.json"));
        }

        var cam = File.ReadAllText(RepositoryRoot.Combine("config", "environments", "cam.yaml"));
        var copy = Replace(Replace(Replace(Replace(cam, NameLine(), $"name: {EnvironmentName}"), SubnetLine(), $"  subnet: {Subnet}.0/24"),
            GatewayLine(), $"  gateway: {Subnet}.1"), BridgeLine(), $"  bridge: cb-{EnvironmentName}");
        copy = AddressLine().Replace(copy, match => $"    address: {Subnet}.{match.Groups[1].Value}");
        temp.Write($"config/environments/{EnvironmentName}.yaml", copy);
        temp.Write("config/channels.yaml", $"""
            channels:
              - name: {Staging}
                environment: {EnvironmentName}
              - name: {Production}
                environment: {EnvironmentName}
                requires: {Staging}
                soak: 24h
                approvals: 1
            """);
        Paths = PipelinePaths.For(temp.Path, "artifacts");
        Spec = Environments.Load(Paths, EnvironmentName, Environments.Roles(Paths));
        ConfigurationHash = Environments.ConfigurationHash(Spec);
        IndexPort = FreePort();
    }

    public string Root => temp.Path;

    public PipelinePaths Paths { get; }

    public EnvironmentSpec Spec { get; }

    public string ConfigurationHash { get; }

    /// <summary>The embedded index's port for this root's bakes (a free one, never the shared default 3141).</summary>
    public int IndexPort { get; }

    public static string EnvironmentDirectory => new LxcProviderOptions().EnvironmentDirectory(EnvironmentName);

    public string EnvironmentFile => Paths.EnvironmentConfig(EnvironmentName);

    /// <summary>Runs the real BakeCandidate on the root as it is now; returns the candidate it stored.</summary>
    public async Task<BakedCandidate> BakeAsync(TimeSpan timeout)
    {
        var bake = await RunAsync(timeout, "BakeCandidate", "--embedded-index-port", IndexPort.ToString(CultureInfo.InvariantCulture));
        Assert.True(bake.ExitCode == 0, bake.ToString());
        using var pointer = JsonDocument.Parse(File.ReadAllText(Paths.CurrentCandidate));
        var id = pointer.RootElement.GetProperty("id").GetString()!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.Candidates, id, "manifest.json")));
        baked.Add(id);
        return new BakedCandidate(id, manifest.RootElement.GetProperty("fileName").GetString()!,
            manifest.RootElement.GetProperty("templateSha256").GetString()!);
    }

    /// <summary>The version of <paramref name="leaf"/> the last bake locked (artifacts/leaves.json).</summary>
    public string LeafVersion(string leaf)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Paths.LeavesJson));
        return json.RootElement.GetProperty("leaves").EnumerateArray()
            .Single(l => l.GetProperty("name").GetString() == leaf).GetProperty("version").GetString()!;
    }

    /// <summary>A newer, working build of a sample leaf: its pyproject version is set, so the embedded index publishes it.</summary>
    public void BumpLeaf(string leaf, string version) =>
        Rewrite(temp.Combine("samples", "packages", leaf, "pyproject.toml"), VersionLine(), $"version = \"{version}\"");

    /// <summary>The Qualify test's broken leaf: katproxy whose ?forward answers ok but never reaches the device (samples/README.md).</summary>
    public void BreakKatproxyForwarding(string version)
    {
        Rewrite(temp.Combine("samples", "packages", "katproxy", "src", "katproxy", "_build.py"), DefectsLine(),
            "DEFECTS: frozenset[str] = frozenset({\"forwarding\"})");
        BumpLeaf("katproxy", version);
    }

    /// <summary>Forces qualification, in the test only: a signed passing record for the candidate on this environment.</summary>
    public void ForceQualified(BakedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ForcedQualification.Write(Paths, new CandidateIdentity(candidate.Id, candidate.FileName, candidate.TemplateSha256), ConfigurationHash,
            QualifyStep.Suites(Paths).Hash, EnvironmentName);
    }

    public BuildProcess Start(params string[] arguments) => new(temp.Path, arguments);

    public async Task<BuildProcess> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var build = Start(arguments);
        await build.WaitAsync(timeout);
        return build;
    }

    public void Dispose()
    {
        // Nobody else deploys these candidates: drop their extracted templates (hundreds of MB each) again.
        var templates = new LxcProviderOptions().TemplatesDirectory;
        foreach (var id in baked.Distinct().Where(id => Directory.Exists(Path.Combine(templates, id))))
        {
            new LxcTemplateCache(templates).Remove(id);
        }
        temp.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Replace(string text, Regex line, string replacement)
    {
        var changed = line.Replace(text, replacement, 1);
        return changed != text ? changed : throw new InvalidOperationException($"config/environments/cam.yaml: no line matching {line}; the file changed.");
    }

    private static void Rewrite(string file, Regex line, string replacement)
    {
        var text = File.ReadAllText(file);
        var changed = line.Replace(text, replacement, 1);
        if (changed == text)
        {
            throw new InvalidOperationException($"{file}: no line matching {line} to rewrite; the sample changed.");
        }
        File.WriteAllText(file, changed);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(file => !file.EndsWith(".pyc", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (!Skipped.Contains(name) && !name.EndsWith(".egg-info", StringComparison.Ordinal))
            {
                Copy(directory, Path.Combine(to, name));
            }
        }
    }

    [GeneratedRegex(@"^name: cam$", RegexOptions.Multiline)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^  subnet: .*$", RegexOptions.Multiline)]
    private static partial Regex SubnetLine();

    [GeneratedRegex(@"^  gateway: .*$", RegexOptions.Multiline)]
    private static partial Regex GatewayLine();

    [GeneratedRegex(@"^  bridge: .*$", RegexOptions.Multiline)]
    private static partial Regex BridgeLine();

    [GeneratedRegex(@"^    address: 10\.81\.0\.(\d+)$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();

    [GeneratedRegex(@"^DEFECTS: frozenset\[str\] = .*$", RegexOptions.Multiline)]
    private static partial Regex DefectsLine();

    [GeneratedRegex(@"^version = "".*""$", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
