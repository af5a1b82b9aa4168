using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;

namespace CamBuild.Images.Packing;

/// <summary>One tar member as recorded in the manifest: enough to say which file differs and how.</summary>
public sealed record ContentEntry(string Path, string Type, string Mode, int Uid, int Gid, long Mtime, long Size, string? Sha256, string? Link);

/// <summary>Lists a root filesystem tar member by member with content hashes.</summary>
internal static class ContentManifest
{
    public static async Task<IReadOnlyList<ContentEntry>> ReadAsync(string tarPath, CancellationToken cancellationToken = default)
    {
        var entries = new List<ContentEntry>();
        await using var stream = File.OpenRead(tarPath);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } e)
        {
            string? sha = null;
            if (e.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                sha = e.DataStream is null
                    ? Sha256.Of(ReadOnlySpan<byte>.Empty).Hex
                    : Convert.ToHexStringLower(await SHA256.HashDataAsync(e.DataStream, cancellationToken).ConfigureAwait(false));
            }
            var link = string.IsNullOrEmpty(e.LinkName) ? null : e.LinkName;
            entries.Add(new ContentEntry(e.Name, TypeName(e.EntryType), Convert.ToString((int)e.Mode, 8).PadLeft(4, '0'),
                e.Uid, e.Gid, e.ModificationTime.ToUnixTimeSeconds(), e.Length, sha, link));
        }
        return entries;
    }

    /// <summary>Human-readable differences between two content manifests (first <paramref name="max"/>).</summary>
    public static IReadOnlyList<string> Diff(IReadOnlyList<ContentEntry> expected, IReadOnlyList<ContentEntry> actual, int max = 200)
    {
        var result = new List<string>();
        var a = expected.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var b = actual.ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var path in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            if (result.Count >= max) break;
            if (!b.TryGetValue(path, out var y)) { result.Add($"{path}: only in the original"); continue; }
            if (!a.TryGetValue(path, out var x)) { result.Add($"{path}: only in the rebuild"); continue; }
            if (x == y) continue;
            var how = new List<string>();
            if (x.Type != y.Type) how.Add($"type {x.Type} -> {y.Type}");
            if (x.Mode != y.Mode) how.Add($"mode {x.Mode} -> {y.Mode}");
            if (x.Uid != y.Uid || x.Gid != y.Gid) how.Add($"owner {x.Uid}:{x.Gid} -> {y.Uid}:{y.Gid}");
            if (x.Mtime != y.Mtime) how.Add($"mtime {x.Mtime} -> {y.Mtime}");
            if (x.Size != y.Size) how.Add($"size {x.Size} -> {y.Size}");
            if (x.Sha256 != y.Sha256) how.Add("content differs");
            if (x.Link != y.Link) how.Add($"link {x.Link} -> {y.Link}");
            result.Add($"{path}: {string.Join(", ", how)}");
        }
        if (result.Count == 0 && !expected.Select(e => e.Path).SequenceEqual(actual.Select(e => e.Path), StringComparer.Ordinal))
            result.Add("same members, different member order");
        return result;
    }

    private static string TypeName(TarEntryType t) => t switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile => "file",
        TarEntryType.Directory => "dir",
        TarEntryType.SymbolicLink => "symlink",
        TarEntryType.HardLink => "hardlink",
        TarEntryType.CharacterDevice => "char",
        TarEntryType.BlockDevice => "block",
        TarEntryType.Fifo => "fifo",
        _ => t.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
