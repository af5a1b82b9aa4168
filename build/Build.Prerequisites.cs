using CamBuild.Targets;
using CamBuild.Targets.Tooling;

namespace CamBuild.Build;

internal sealed partial class Build
{
    /// <summary>What the pipeline and its tests run on this host; installed when missing.</summary>
    static readonly string[] HostPackages =
    [
        "lxc", "mmdebstrap", "uidmap", "zstd", "iproute2", "openssh-server", "openssh-client",
        "python3", "python3-venv", "python3-pip", "python3-build", "python3-wheel", "python3-setuptools", "python3-packaging",
        // The independent DSSE verifier test (Debian's python3-cryptography checks our signatures).
        "python3-cryptography",
        "nodejs", "hyperfine",
        // The CI file validator tests: npm-groovy-lint runs CodeNarc on Java; the diff tests apply patches with GNU patch.
        "openjdk-17-jre-headless", "patch",
        // The dashboard's browser tests open the generated site in Debian's headless Chromium (driven by Playwright).
        "chromium",
    ];

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Targets are instance members of Build; the engine finds them there.")]
    Target Prerequisites => _ => _
        .Description("Installs the Debian packages the pipeline and its tests need (lxc, mmdebstrap, python3-venv, ...).")
        .InputValue("packages", () => string.Join(" ", HostPackages))
        .Executes(async c =>
        {
            await AptPackages.EnsureInstalledAsync(HostPackages, c.Log, c.CancellationToken).ConfigureAwait(false);
            // nodesource's nodejs ships npm itself; Debian's splits it into its own package.
            if (!AptPackages.IsOnPath("npm"))
                await AptPackages.EnsureInstalledAsync(["npm"], c.Log, c.CancellationToken).ConfigureAwait(false);
        });
}
