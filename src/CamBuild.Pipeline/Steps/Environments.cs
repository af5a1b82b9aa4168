using CamBuild.Deploy.Config;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.Proxmox;
using CamBuild.Deploy.Proxmox.Provider;
using CamBuild.Images.Store;
using CamBuild.Targets;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Steps;

/// <summary>Loading environments and candidates for the deploy-side targets, with bad input mapped to exit code 2.</summary>
public static class Environments
{
    public static RoleCatalog Roles(PipelinePaths paths) => Translate(() => RoleCatalog.Load(paths.RoleCatalog));

    public static EnvironmentSpec Load(PipelinePaths paths, string name, RoleCatalog roles)
    {
        var path = paths.EnvironmentConfig(name);
        if (!File.Exists(path))
        {
            var known = Directory.GetFiles(Path.GetDirectoryName(path)!, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
            throw new BuildInputException($"Environment '{name}' not found: {paths.Relative(path)} does not exist. Known environments: {string.Join(", ", known)}.");
        }

        return Translate(() => EnvironmentConfigLoader.Load(path, roles));
    }

    /// <summary>The hash of the node configuration: half of a release's identity.</summary>
    public static string ConfigurationHash(EnvironmentSpec spec) => DeployDigests.ConfigHash(spec);

    /// <param name="log">Where the provider's progress goes (retries with cause and delay, adoptions, VMID changes): the build log.</param>
    public static INodeProvider Provider(EnvironmentSpec spec, string? proxmoxSecret, Action<string>? log = null) => spec.Provider switch
    {
        "lxc" => new LxcNodeProvider(new LxcProviderOptions()),
        "proxmox" => Translate(() =>
        {
            ProxmoxSettings.FromEnvironment(spec);
            return string.IsNullOrEmpty(proxmoxSecret)
                ? throw new BuildInputException($"config/environments/{spec.Name}.yaml uses provider proxmox: pass the API token secret with --proxmox-secret (or PROXMOX_SECRET).")
                : new ProxmoxNodeProvider(proxmoxSecret, new ProxmoxProviderOptions { Log = log });
        }),
        var other => throw new BuildInputException($"config/environments/{spec.Name}.yaml: unknown provider '{other}'; use lxc or proxmox."),
    };

    /// <summary>
    /// The full id of the candidate this invocation works on: <c>--candidate</c> (an id or a unique prefix) when given,
    /// else the last baked one (artifacts/candidate.json). Reads no template.
    /// </summary>
    public static string ResolveCandidateId(PipelinePaths paths, string? candidateId)
    {
        var id = candidateId ?? CandidatePointer.Load(paths).Id;
        var match = new CandidateStore(paths.Candidates).List().Where(c => c.StartsWith(id, StringComparison.Ordinal)).ToList();
        return match.Count == 1 ? match[0] : throw new BuildInputException(match.Count == 0
            ? $"Candidate '{id}' is not in the store {paths.Relative(paths.Candidates)}. Bake it first or pass the id of a stored candidate."
            : $"Candidate prefix '{id}' is ambiguous: {string.Join(", ", match)}.");
    }

    /// <summary>
    /// Opens a candidate through the store, which verifies the template against its id (tampering is refused). Resolved
    /// once per invocation: later targets of the same run get the same verified reference without reading the template.
    /// </summary>
    public static async Task<(CandidateRef Ref, StoredCandidate Stored)> OpenCandidateAsync(PipelinePaths paths, string? candidateId, IBuildLog log, CancellationToken cancellationToken)
    {
        var store = new CandidateStore(paths.Candidates);
        var id = ResolveCandidateId(paths, candidateId);
        var key = (store.Root, id);
        Task<StoredCandidate> opening;
        lock (Opened)
        {
            if (!Opened.TryGetValue(key, out opening!) || opening.IsFaulted || opening.IsCanceled)
                Opened[key] = opening = store.OpenAsync(id, verifyContent: true, cancellationToken);
        }
        StoredCandidate stored;
        try
        {
            stored = await opening.ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new BuildInputException(e.Message, e);
        }

        var provenance = Supply.ProvenanceGate.Check(paths, stored);
        log.Info($"Candidate {stored.Id[..12]} verified ({Path.GetFileName(stored.TemplatePath)}); provenance signed by {provenance.Signer}");
        LogTemplateReads(stored.Ref, log);
        return (stored.Ref, stored);
    }

    /// <summary>The verbose log's counter of template bytes read so far in this invocation.</summary>
    public static void LogTemplateReads(CandidateRef candidate, IBuildLog log)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var length = File.Exists(candidate.TemplateFile) ? new FileInfo(candidate.TemplateFile).Length : 0;
        log.Debug($"Template reads: {TemplateReads.Describe(length)} ({candidate.TemplateFileName})");
    }

    /// <summary>Candidates verified in this invocation, by store and id.</summary>
    private static readonly Dictionary<(string Store, string Id), Task<StoredCandidate>> Opened = [];

    public static EnvironmentDeployer Deployer(PipelinePaths paths, INodeProvider provider, RoleCatalog roles, bool keepFailed, bool planOnly, IBuildLog log) =>
        new(provider, roles, new DeployOptions(paths.EnvironmentStates, KeepFailed: keepFailed, PlanOnly: planOnly, Progress: log.Progress), log.Info);

    private static T Translate<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (DeployConfigurationException e)
        {
            throw new BuildInputException(e.Message, e);
        }
        catch (ProxmoxConfigurationException e)
        {
            throw new BuildInputException(e.Message, e);
        }
    }
}
