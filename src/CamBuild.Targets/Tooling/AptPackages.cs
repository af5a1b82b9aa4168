using CamBuild.Targets.Output;

namespace CamBuild.Targets.Tooling;

/// <summary>Installs missing Debian packages (as root), so that the README's two commands set up a fresh machine by themselves.</summary>
public static class AptPackages
{
    public static async Task EnsureInstalledAsync(IReadOnlyList<string> packages, IBuildLog log, CancellationToken cancellationToken)
    {
        var query = await ProcessRunner.RunAsync(new ProcessSpec("dpkg-query", ["-W", "-f=${Package} ${db:Status-Status}\\n", .. packages]) { WorkingDirectory = "/" },
            cancellationToken).ConfigureAwait(false);
        var installed = query.Output.Where(l => l.EndsWith(" installed", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = packages.Where(p => !installed.Contains(p)).ToList();
        if (missing.Count == 0)
        {
            log.Debug($"All {packages.Count} prerequisite packages are installed.");
            return;
        }

        if (Environment.UserName != "root")
            throw new BuildUsageException($"Missing Debian packages: {string.Join(" ", missing)}. Install them with: sudo apt-get install -y {string.Join(" ", missing)}");

        log.Info($"Installing prerequisites: {string.Join(" ", missing)}");
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        foreach (var args in new[] { new[] { "update", "-qq" }, ["install", "-y", "-qq", "--no-install-recommends", .. missing] })
        {
            var run = await ProcessRunner.RunAsync(new ProcessSpec("apt-get", args)
            {
                WorkingDirectory = "/",
                Environment = env,
                OnOutputLine = log.Debug,
                OnErrorLine = log.Debug,
            }, cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0)
                throw new InvalidOperationException($"apt-get {string.Join(" ", args)} failed (exit {run.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, run.Output.TakeLast(15))}");
        }
    }

    public static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));
}
