namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>The deployment step as an assertion: install a lock into a fresh venv and prove the result is consistent.</summary>
internal static class LockInstall
{
    private static readonly string[] VenvBaseline = ["pip", "setuptools"];

    /// <summary>
    /// Installs with <c>--require-hashes --no-deps --no-index</c>, then asserts <c>pip check</c> passes, the venv holds
    /// exactly the locked versions (besides pip and setuptools), and the roots' closure including extras is satisfied.
    /// </summary>
    public static async Task AssertInstallsCleanlyAsync(PinnedLock pinned, params string[] roots)
    {
        (await InstallCleanlyAsync(pinned, roots)).Dispose();
    }

    /// <summary>As <see cref="AssertInstallsCleanlyAsync"/>, handing the venv to the caller (who disposes it).</summary>
    public static async Task<FreshVenv> InstallCleanlyAsync(PinnedLock pinned, params string[] roots)
    {
        var venv = await FreshVenv.CreateAsync();
        try
        {
            await AssertInstalledAsync(venv, pinned, roots);
            return venv;
        }
        catch
        {
            venv.Dispose();
            throw;
        }
    }

    private static async Task AssertInstalledAsync(FreshVenv venv, PinnedLock pinned, string[] roots)
    {
        var install = await venv.InstallLockAsync(pinned.LockPath, pinned.WheelDirectory);
        Assert.True(install.ExitCode == 0, $"pip install failed for\n{pinned.LockText}\n{install.Combined}");
        var check = await venv.CheckAsync();
        Assert.True(check.ExitCode == 0, $"pip check failed for\n{pinned.LockText}\n{check.Combined}");
        Assert.Contains("No broken requirements found", check.StandardOutput, StringComparison.Ordinal);

        var installed = await venv.InstalledAsync();
        var locked = pinned.Result.Packages.ToDictionary(p => p.Name, p => p.Version.ToString());
        Assert.Equal(
            locked.OrderBy(p => p.Key, StringComparer.Ordinal),
            installed.Where(p => locked.ContainsKey(p.Key) || !VenvBaseline.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal));

        var closure = await RequirementClosureCheck.RunAsync(venv, roots);
        Assert.True(closure.ExitCode == 0, $"requirements of the roots (with extras) are not satisfied:\n{closure.Combined}\n{pinned.LockText}");
        Assert.Contains(RequirementClosureCheck.Satisfied, closure.StandardOutput, StringComparison.Ordinal);
    }
}
