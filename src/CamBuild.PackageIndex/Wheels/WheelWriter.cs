using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CamBuild.PackageIndex.Wheels;

/// <summary>Writes reproducible pure wheels (<c>py3-none-any</c> or <c>py2.py3-none-any</c>): sorted entries, fixed timestamps, RECORD with hashes.</summary>
internal static class WheelWriter
{
    /// <summary>Every entry gets this time, so the same input gives the same bytes.</summary>
    public static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 2, 0, 0, 0, TimeSpan.Zero);

    /// <param name="files">Package files by archive path (forward slashes), excluding the dist-info directory.</param>
    /// <returns>The full path of the written wheel.</returns>
    public static string WritePure(string directory, CoreMetadata metadata, IReadOnlyDictionary<string, string> files,
        string tag = WheelFileName.PurePythonTag)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(directory);
        var distInfo = WheelFileName.DistInfoDirectory(metadata.Name, metadata.Version);
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
            entries[path] = Encoding.UTF8.GetBytes(text);
        entries[$"{distInfo}/METADATA"] = Encoding.UTF8.GetBytes(RenderMetadata(metadata));
        entries[$"{distInfo}/WHEEL"] = Encoding.UTF8.GetBytes(
            "Wheel-Version: 1.0\nGenerator: cambuild-fixtures\nRoot-Is-Purelib: true\n"
            + string.Concat(ExpandTag(tag).Select(t => $"Tag: {t}\n")));
        var recordPath = $"{distInfo}/RECORD";
        var record = new StringBuilder();
        foreach (var (path, bytes) in entries)
            record.Append(path).Append(",sha256=").Append(RecordHash(bytes)).Append(',').Append(bytes.Length).Append('\n');
        record.Append(recordPath).Append(",,\n");

        var target = Path.Combine(directory, WheelFileName.Pure(metadata.Name, metadata.Version, tag));
        AtomicFile.Write(target, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (path, bytes) in entries)
                AddEntry(zip, path, bytes);
            AddEntry(zip, recordPath, Encoding.UTF8.GetBytes(record.ToString()));
        });
        return target;
    }

    /// <summary>py2.py3-none-any -> py2-none-any, py3-none-any (one Tag line each, as bdist_wheel writes).</summary>
    private static IEnumerable<string> ExpandTag(string tag)
    {
        var parts = tag.Split('-');
        return from python in parts[0].Split('.') from abi in parts[1].Split('.') from platform in parts[2].Split('.')
               select $"{python}-{abi}-{platform}";
    }

    public static string RenderMetadata(CoreMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var text = new StringBuilder();
        text.Append("Metadata-Version: ").Append(metadata.MetadataVersion).Append('\n');
        text.Append("Name: ").Append(metadata.Name).Append('\n');
        text.Append("Version: ").Append(metadata.Version).Append('\n');
        if (metadata.RequiresPython is { Length: > 0 } requiresPython)
            text.Append("Requires-Python: ").Append(requiresPython).Append('\n');
        foreach (var extra in metadata.ProvidesExtra)
            text.Append("Provides-Extra: ").Append(extra).Append('\n');
        foreach (var requirement in metadata.RequiresDist)
            text.Append("Requires-Dist: ").Append(requirement).Append('\n');
        return text.ToString();
    }

    private static void AddEntry(ZipArchive zip, string path, byte[] bytes)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTimestamp;
        using var content = entry.Open();
        content.Write(bytes);
    }

    private static string RecordHash(byte[] bytes) =>
        Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
