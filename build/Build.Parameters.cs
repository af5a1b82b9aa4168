using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    [Parameter("Directory for everything the pipeline produces, relative to the root.")]
    readonly string Artifacts = "artifacts";

    [Parameter("User name for the package index (basic auth); the password comes from INDEX_PASSWORD or --index-password-file.")]
    readonly string? IndexUser;

    [Parameter("Password or token for the package index: set INDEX_PASSWORD or --index-password-file PATH (chmod 600)."), Secret]
    readonly string? IndexPassword;

    [Parameter("Port of the embedded package index on 127.0.0.1 (fixed, so that locks record stable URLs).")]
    readonly int EmbeddedIndexPort = CamBuild.Pipeline.Index.EmbeddedIndex.DefaultPort;

    [Parameter("Lock the OS packages again from the mirror even when config/candidate.yaml did not change.")]
    readonly bool RelockOs;

    [Parameter("Candidate id (or unique prefix) for DeployEnvironment, Qualify and Promote; default: the last baked (artifacts/candidate.json).")]
    readonly string? Candidate;

    [Parameter("Environment from config/environments/<name>.yaml to deploy, qualify against or promote the configuration of.")]
    readonly string Environment = "local";

    [Parameter("zstd level of the template (3 for development, 19 for releases); default: config/candidate.yaml.")]
    readonly int? CompressionLevel;

    [Parameter("Leave the nodes of a failed deploy in place for debugging instead of rolling them back.")]
    readonly bool KeepFailed;

    [Parameter("Print the deploy plan (create / replace / keep / destroy) and stop.")]
    readonly bool DeployPlanOnly;

    [Parameter("Keep the qualification environment after Qualify (for debugging); prints how to reach it.")]
    readonly bool KeepEnvironment;

    [Parameter("Release channel to promote to.")]
    readonly string Channel = "staging";

    [Parameter("GitHub repository (owner/name) to publish promotions to; nothing is published when unset.")]
    readonly string? GitHubRepository;

    [Parameter("GitHub API base URL for GitHub Enterprise (https://host/api/v3/); default: github.com.")]
    readonly string? GitHubApiUrl;

    [Parameter("GitHub token used to publish promotions: set GITHUB_TOKEN or --github-token-file PATH (chmod 600)."), Secret]
    readonly string? GitHubToken;

    [Parameter("Proxmox VE API token secret (or password with auth: ticket) for environments with provider: proxmox: set PROXMOX_SECRET or --proxmox-secret-file PATH (chmod 600)."), Secret]
    readonly string? ProxmoxSecret;

    [Parameter("PEM ECDSA P-256 private key (mode 0600) that signs provenance, qualifications, promotions and deliveries; also SIGNING_KEY_FILE. Default: a local key made on first use under .nuke/temp/keys/.")]
    readonly string? SigningKeyFile;

    [Parameter("The content-addressed cache this machine's clones share (debs, base root filesystems, bake stages, bake inputs, wheels); also CAMBUILD_MACHINE_CACHE_DIR.")]
    readonly string MachineCacheDir = CamBuild.Common.Caching.MachineCache.DefaultRoot;

    [Parameter("Size in GiB past which a build collects the machine cache (least recently used entries no candidate needs); Gc collects down to it.")]
    readonly double MachineCacheLimit = CamBuild.Common.Caching.MachineCache.DefaultLimitBytes / (double)(1L << 30);

    [Parameter("Clean also empties the machine cache (--machine-cache-dir) that every clone on this machine shares.")]
    readonly bool CleanMachineCache;

    [Parameter("Only run tests whose fully qualified name contains this text (dotnet test --filter).")]
    readonly string? TestFilter;

    [Parameter("Test category to run: unit (no root, no network, no external tool), integration (real tools), or all.")]
    readonly string Category = "all";
}
