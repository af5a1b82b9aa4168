using System.Globalization;

namespace CamBuild.Images.Tools;

/// <summary>GNU tar invocations with the flags that make a root filesystem archive bit-for-bit reproducible.</summary>
internal static class TarTools
{
    public static Task ExtractAsync(string tarPath, string destination, CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync("tar", ["-C", destination, "--numeric-owner", "--xattrs", "--xattrs-include=*", "-xpf", tarPath],
            cancellationToken: cancellationToken);

    /// <summary>The pack flags; part of the pack stage's cache key.</summary>
    public static IReadOnlyList<string> PackFlags(long sourceDateEpoch) =>
    [
        "--sort=name", "--format=pax", "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime",
        $"--mtime=@{sourceDateEpoch.ToString(CultureInfo.InvariantCulture)}", "--clamp-mtime", "--numeric-owner",
        "--xattrs", "--xattrs-include=*", "--one-file-system", "--exclude=./dev/*",
    ];

    public static Task PackAsync(string rootDir, string tarPath, long sourceDateEpoch, CancellationToken cancellationToken = default)
    {
        var args = new List<string> { "-C", rootDir };
        args.AddRange(PackFlags(sourceDateEpoch));
        args.AddRange(["-cf", tarPath, "."]);
        return ToolRunner.RunAsync("tar", args, cancellationToken: cancellationToken);
    }

    /// <summary>Sets every mtime newer than the epoch to the epoch, so pyc source mtimes match the packed tar.</summary>
    public static Task ClampMtimesAsync(string rootDir, long sourceDateEpoch, CancellationToken cancellationToken = default)
    {
        var at = "@" + sourceDateEpoch.ToString(CultureInfo.InvariantCulture);
        return ToolRunner.RunAsync("find", [rootDir, "-xdev", "-newermt", at, "-exec", "touch", "-h", "-d", at, "{}", "+"],
            cancellationToken: cancellationToken);
    }
}
