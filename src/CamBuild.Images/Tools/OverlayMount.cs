namespace CamBuild.Images.Tools;

/// <summary>
/// An overlayfs view of cached layers: lower layers are never written, so a cached base or layer is reused as is
/// and a stage's output is just its (small) upper directory.
/// </summary>
internal sealed class OverlayMount : IAsyncDisposable
{
    private bool mounted;

    private OverlayMount(string merged) => Merged = merged;

    public string Merged { get; }

    /// <summary>Mounts <paramref name="lowerTopFirst"/> with an optional writable upper directory.</summary>
    public static async Task<OverlayMount> MountAsync(IReadOnlyList<string> lowerTopFirst, string merged, string? upper, string? work,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(merged);
        var lowers = lowerTopFirst.ToList();
        string options;
        if (upper is null)
        {
            // A read-only overlay needs two lower layers; an empty one changes nothing.
            if (lowers.Count == 1) lowers.Insert(0, Directory.CreateDirectory(merged + ".empty").FullName);
            options = "lowerdir=" + string.Join(':', lowers);
        }
        else
        {
            Directory.CreateDirectory(upper);
            Directory.CreateDirectory(work!);
            // The merged root takes the upper directory's mode; without this the host umask leaks into "./".
            File.SetUnixFileMode(upper, File.GetUnixFileMode(lowers[^1]));
            options = $"lowerdir={string.Join(':', lowers)},upperdir={upper},workdir={work}";
        }
        await ToolRunner.RunAsync("mount", ["-t", "overlay", "overlay", "-o", options, merged], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new OverlayMount(merged) { mounted = true };
    }

    public async ValueTask DisposeAsync()
    {
        if (!mounted) return;
        mounted = false;
        await ToolRunner.RunAsync("umount", [Merged]).ConfigureAwait(false);
        if (Directory.Exists(Merged + ".empty")) Directory.Delete(Merged + ".empty");
    }
}
