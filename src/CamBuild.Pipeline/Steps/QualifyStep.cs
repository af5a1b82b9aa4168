using System.Security.Cryptography;
using System.Text.Json;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;
using CamBuild.Images.Store;
using CamBuild.Qualification.Records;
using CamBuild.Qualification.Reporting;
using CamBuild.Qualification.Running;
using CamBuild.Qualification.Store;
using CamBuild.Qualification.Suites;
using CamBuild.Targets;
using CamBuild.Targets.Execution;

namespace CamBuild.Pipeline.Steps;

/// <summary>
/// Qualify: a fresh, uniquely named environment from the candidate, the suites of config/qualification, a record bound
/// to (candidate id, configuration hash, suites hash), a report, and teardown (also after a failure).
/// </summary>
public static class QualifyStep
{
    public const string SuitesPath = "config/qualification/suites.yaml";

    public static SuiteSet Suites(PipelinePaths paths)
    {
        return SuiteLoader.Load(Path.Combine(paths.Root, SuitesPath), paths.Root);
    }

    /// <summary>
    /// The record file a passing qualification of the candidate this invocation qualifies (<c>--candidate</c>, else the
    /// last baked) and of the configuration writes: the cache output of Qualify.
    /// </summary>
    public static IEnumerable<string> RecordOf(PipelinePaths paths, string environment, string? candidateId, RoleCatalog roles)
    {
        if (CandidateIdOf(paths, candidateId) is not { } id) return [];
        var hash = Environments.ConfigurationHash(Environments.Load(paths, environment, roles));
        var name = QualificationRecord.RecordFileName(id, hash, Suites(paths).Hash);
        var record = Path.Combine(paths.Qualifications, name);
        return [paths.Relative(record), paths.Relative(Supply.QualificationAttestation.EnvelopePath(record))];
    }

    /// <summary>The full id of the candidate to qualify, or null when none was baked yet (for the cache key).</summary>
    public static string? CandidateIdOf(PipelinePaths paths, string? candidateId) =>
        candidateId is null && !File.Exists(paths.CurrentCandidate) ? null : Environments.ResolveCandidateId(paths, candidateId);

    /// <summary>
    /// The files Qualify's result depends on, derived from the configuration that names them: the environment file,
    /// the suites file and every file the suites hash covers, and the role catalogue.
    /// </summary>
    public static IEnumerable<string> InputFiles(PipelinePaths paths, string environment)
    {
        var suites = Suites(paths);
        return new[] { paths.Relative(paths.EnvironmentConfig(environment)), SuitesPath, paths.Relative(paths.RoleCatalog) }
            .Concat(suites.Files.Select(f => f.RelativePath))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>A copy of the configured environment with a unique name, bridge and (for /24 subnets) a free subnet.</summary>
    public static EnvironmentSpec Fresh(EnvironmentSpec configured, string? suffix = null)
    {
        suffix ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var network = configured.Network with { Bridge = "cbq" + suffix };
        var nodes = configured.Nodes;
        var parts = configured.Network.Subnet.Split('/');
        if (parts.Length == 2 && parts[1] == "24" && configured.Provider == "lxc")
        {
            var octets = parts[0].Split('.');
            var third = FreeThirdOctet(octets[0], octets[1]);
            string Move(string address) { var a = address.Split('/')[0].Split('.'); return $"{a[0]}.{a[1]}.{third}.{a[3]}" + (address.Contains('/') ? "/" + address.Split('/')[1] : ""); }
            network = network with { Subnet = $"{octets[0]}.{octets[1]}.{third}.0/24", Gateway = Move(configured.Network.Gateway) };
            nodes = [.. configured.Nodes.Select(n => n with { Address = Move(n.Address) })];
        }

        return configured with { Name = $"{Prefix}{configured.Name}-{suffix}", Network = network, Nodes = nodes };
    }

    private const string Prefix = "q-";

    /// <summary>For Teardown of a kept qualification environment: <c>q-&lt;configured&gt;-&lt;suffix&gt;</c> back to its spec.</summary>
    public static (string Configured, string Suffix)? ParseFreshName(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var dash = name.LastIndexOf('-');
        return dash > Prefix.Length ? (name[Prefix.Length..dash], name[(dash + 1)..]) : null;
    }

    private static int FreeThirdOctet(string a, string b)
    {
        var used = File.Exists("/proc/net/fib_trie") ? File.ReadAllText("/proc/net/fib_trie") : "";
        for (var i = 0; i < 64; i++)
        {
            var third = 100 + RandomNumberGenerator.GetInt32(0, 150);
            if (!used.Contains($"{a}.{b}.{third}.", StringComparison.Ordinal)) return third;
        }

        throw new InvalidOperationException($"No free {a}.{b}.x.0/24 subnet found for a qualification environment.");
    }

    /// <summary>Deploys a fresh, uniquely named copy of the configured environment from the candidate.</summary>
    public static async Task<FreshEnvironment> DeployFreshAsync(PipelinePaths paths, string environment, string? candidateId, string? proxmoxSecret,
        bool keepFailed, TargetContext context)
    {
        var roles = Environments.Roles(paths);
        var configured = Environments.Load(paths, environment, roles);
        var (candidate, stored) = await Environments.OpenCandidateAsync(paths, candidateId, context.Log, context.CancellationToken).ConfigureAwait(false);
        var fresh = Fresh(configured);
        var provider = Environments.Provider(fresh, proxmoxSecret, context.Log.Info);
        var result = await Environments.Deployer(paths, provider, roles, keepFailed, planOnly: false, context.Log)
            .DeployAsync(fresh, candidate, context.CancellationToken).ConfigureAwait(false);
        context.ReportSummary("Environment", $"{fresh.Name}: {result.Plan.Nodes.Count} nodes");
        Environments.LogTemplateReads(candidate, context.Log);
        return new FreshEnvironment(configured, fresh, stored, provider);
    }

    /// <summary>Runs the suites, then tears the environment down (also after a failure) unless asked to keep it.</summary>
    public static async Task RunAndTearDownAsync(PipelinePaths paths, FreshEnvironment fresh, bool keep, TargetContext context, string? signingKeyFile = null)
    {
        var environment = fresh.Environment;
        try
        {
            await RunAsync(new QualifyRequest(paths, fresh.Configured, environment, fresh.Provider, fresh.Candidate, signingKeyFile), context).ConfigureAwait(false);
        }
        finally
        {
            if (keep)
                context.Log.Warn($"Kept environment {environment.Name}: nodes at {string.Join(", ", environment.Nodes.Select(n => $"{n.Hostname}={n.Address}"))}; " +
                    $"on local LXC enter one with: lxc-attach -P /var/lib/cambuild/lxc/{environment.Name} -n <node>; remove it with: ./build.sh Teardown --environment {environment.Name}");
            else
                await Environments.Deployer(paths, fresh.Provider, Environments.Roles(paths), false, false, context.Log)
                    .TeardownAsync(environment, CancellationToken.None).ConfigureAwait(false);
            (fresh.Provider as IDisposable)?.Dispose();
        }
    }

    public static async Task RunAsync(QualifyRequest request, TargetContext context)
    {
        var (paths, configured, environment, provider, stored) = (request.Paths, request.Configured, request.Environment, request.Provider, request.Candidate);
        var log = context.Log;
        var suites = Suites(paths);
        var configHash = Environments.ConfigurationHash(configured);
        var store = new QualificationStore(paths.Qualifications);
        var invocations = SuitePlanner.Plan(suites, environment);
        var output = Path.Combine(paths.Reports, $"{stored.Id[..12]}-{environment.Name}");
        Directory.CreateDirectory(output);
        var versions = Path.Combine(output, "expected-versions.json");
        await File.WriteAllTextAsync(versions, JsonSerializer.Serialize(ExpectedVersions(stored)), context.CancellationToken).ConfigureAwait(false);

        var started = DateTimeOffset.UtcNow;
        log.Info($"Running {invocations.Count} suite invocation(s) against {environment.Name}");
        var runner = new SuiteRunner(suites, new SuiteRunOptions(output) { VersionsFile = versions }, provider, environment);
        var run = await runner.RunAllAsync(invocations, context.CancellationToken).ConfigureAwait(false);

        var identity = CandidateIdentity.Of(stored.Ref);
        var report = Path.Combine(output, QualificationReport.FileName);
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, identity, configHash, suites.Hash, environment.Name,
            started, DateTimeOffset.UtcNow, run.Passed, run.Outcomes(paths.Qualifications), Path.GetRelativePath(paths.Qualifications, report));
        var recordPath = store.Save(record);
        using (var key = Supply.Signing.Key(paths, request.SigningKeyFile, log))
            log.Info($"Signed {paths.Relative(Supply.QualificationAttestation.Sign(recordPath, record, key))}");

        var model = QualificationReportModel.Create(record, Timeline(context.Completed, DateTimeOffset.UtcNow - started), run, output);
        QualificationReport.Write(report, model);
        var summary = QualificationSummary.Render(model);
        AtomicFile.WriteAllText(Path.Combine(output, QualificationSummary.FileName), Secrets.MaskText(summary));
        log.Info(summary);
        log.Info($"Report: {paths.Relative(report)}");
        context.ReportSummary("Report", paths.Relative(report));

        var failures = record.Suites.SelectMany(s => s.Failures).ToList();
        if (!run.Passed)
            throw new InvalidOperationException($"Qualification failed: {string.Join("; ", failures.Take(8))}{(failures.Count > 8 ? $" (+{failures.Count - 8} more)" : "")}");
        context.ReportSummary("Qualified", $"{stored.Id[..12]} with configuration {configHash[..12]}");
    }

    /// <summary>Distribution name -> version, from the pip freeze of every environment recorded in the candidate's manifest.</summary>
    public static SortedDictionary<string, string> ExpectedVersions(StoredCandidate candidate)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in candidate.Manifest.PipFreeze.Values.SelectMany(f => f.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = line.Split("==", 2);
            if (parts.Length == 2) versions[parts[0]] = parts[1];
        }

        return versions;
    }

    private static IReadOnlyList<TargetTiming> Timeline(IReadOnlyList<TargetResult> completed, TimeSpan qualify)
    {
        var timings = new List<TargetTiming>();
        var start = TimeSpan.Zero;
        foreach (var t in completed.Append(new TargetResult("Qualify", TargetStatus.Succeeded, qualify, null)))
        {
            timings.Add(new TargetTiming(t.Name, t.Status.ToString(), start, t.Duration));
            start += t.Duration;
        }

        return timings;
    }
}

/// <summary>What Qualify runs against: the configured environment (for its hash) and the fresh copy deployed from the candidate.</summary>
public sealed record QualifyRequest(PipelinePaths Paths, EnvironmentSpec Configured, EnvironmentSpec Environment, INodeProvider Provider, StoredCandidate Candidate,
    string? SigningKeyFile = null);

/// <summary>A qualification environment deployed in this invocation, and the provider that runs it.</summary>
public sealed record FreshEnvironment(EnvironmentSpec Configured, EnvironmentSpec Environment, StoredCandidate Candidate, INodeProvider Provider);
