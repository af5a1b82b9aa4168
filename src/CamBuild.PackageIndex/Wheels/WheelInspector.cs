using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CamBuild.PackageIndex.Wheels;

/// <summary>
/// Checks a wheel before it goes into a candidate: every entry a plain relative path inside the install root (no zip
/// slip), no symbolic link, bounded entry count and unpacked size, a RECORD that lists every file with its true
/// sha256, and a METADATA of bounded size and Requires-Dist count. A wheel failing any check is refused with
/// <see cref="WheelFormatException"/> naming the wheel, the entry and the fix.
/// </summary>
public static class WheelInspector
{
    public const int MaximumEntries = 100_000;
    public const long MaximumUnpackedBytes = 2L * 1024 * 1024 * 1024;
    public const int MaximumMetadataBytes = 4 * 1024 * 1024;
    public const int MaximumRequiresDist = 1_000;

    private const int SymbolicLinkType = 0xA000;

    public static void Check(string wheelPath)
    {
        using var stream = File.OpenRead(wheelPath);
        Check(stream, Path.GetFileName(wheelPath));
    }

    public static void Check(Stream wheel, string displayName)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        try
        {
            using var zip = new ZipArchive(wheel, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaximumEntries)
                throw Refuse(displayName, $"it has {zip.Entries.Count} entries, more than {MaximumEntries}");
            long unpacked = 0;
            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                CheckEntryName(entry.FullName, displayName);
                if (((entry.ExternalAttributes >> 16) & 0xF000) == SymbolicLinkType)
                    throw Refuse(displayName, $"entry '{Shown(entry.FullName)}' is a symbolic link; wheels install regular files only");
                unpacked += entry.Length;
                if (unpacked > MaximumUnpackedBytes)
                    throw Refuse(displayName, $"it unpacks to more than {MaximumUnpackedBytes >> 30} GiB");
                if (!entry.FullName.EndsWith('/') && !files.TryAdd(entry.FullName, entry))
                    throw Refuse(displayName, $"entry '{Shown(entry.FullName)}' appears twice");
            }

            var distInfo = files.Keys.Where(k => k.Split('/') is [var dir, "RECORD"] && dir.EndsWith(".dist-info", StringComparison.Ordinal)).ToList();
            if (distInfo.Count != 1)
                throw Refuse(displayName, distInfo.Count == 0 ? "it has no '<name>-<version>.dist-info/RECORD'" : "it has more than one '.dist-info/RECORD'");
            var record = distInfo[0];
            CheckRecord(files, record, displayName);
            var metadata = record[..^"RECORD".Length] + "METADATA";
            if (!files.TryGetValue(metadata, out var metadataEntry))
                throw Refuse(displayName, $"it has no '{metadata}'");
            CheckMetadata(metadataEntry, displayName);
        }
        catch (InvalidDataException e)
        {
            throw new WheelFormatException(displayName, $"it is not a readable zip archive ({e.Message}); delete it and download it again", e);
        }
    }

    private static void CheckEntryName(string name, string wheel)
    {
        var problem =
            name.Length == 0 ? "an empty name"
            : name[0] == '/' || (name.Length > 1 && name[1] == ':') ? "an absolute path"
            : name.Contains('\\', StringComparison.Ordinal) ? "a backslash"
            : name.Any(char.IsControl) ? "a control character"
            : name.Split('/').Any(part => part == "..") ? "'..' (it would be written outside the install root)"
            : null;
        if (problem is not null)
            throw Refuse(wheel, $"entry '{Shown(name)}' has {problem}");
    }

    private static void CheckRecord(Dictionary<string, ZipArchiveEntry> files, string recordName, string wheel)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in ReadText(files[recordName], MaximumMetadataBytes * 4, wheel).Split('\n'))
        {
            lineNumber++;
            var text = line.TrimEnd('\r');
            if (text.Length == 0) continue;
            var fields = SplitCsv(text);
            if (fields.Count != 3)
                throw Refuse(wheel, $"{recordName}:{lineNumber} has {fields.Count} fields, not 3 (path,hash,size)");
            var (path, hash, size) = (fields[0], fields[1], fields[2]);
            listed.Add(path);
            if (path == recordName) continue;
            if (!files.TryGetValue(path, out var entry))
                throw Refuse(wheel, $"{recordName}:{lineNumber} lists '{Shown(path)}', which the wheel does not contain");
            if (!hash.StartsWith("sha256=", StringComparison.Ordinal))
                throw Refuse(wheel, $"{recordName}:{lineNumber}: '{Shown(path)}' has no sha256 hash");
            var actual = Sha256Base64Url(entry);
            if (!string.Equals(actual, hash["sha256=".Length..], StringComparison.Ordinal))
                throw Refuse(wheel, $"{recordName}:{lineNumber}: the RECORD says '{Shown(path)}' has {Shown(hash)} but it has sha256={actual}; the wheel was altered after it was built");
            if (size.Length > 0 && (!long.TryParse(size, out var length) || length != entry.Length))
                throw Refuse(wheel, $"{recordName}:{lineNumber}: the RECORD says '{Shown(path)}' is {Shown(size)} bytes but it is {entry.Length}");
        }

        var unlisted = files.Keys.FirstOrDefault(f => !listed.Contains(f));
        if (unlisted is not null)
            throw Refuse(wheel, $"'{Shown(unlisted)}' is not listed in {recordName}; the wheel was altered after it was built");
    }

    private static void CheckMetadata(ZipArchiveEntry entry, string wheel)
    {
        var text = ReadText(entry, MaximumMetadataBytes, wheel);
        var requires = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line == "\r") break;
            if (line.StartsWith("Requires-Dist:", StringComparison.OrdinalIgnoreCase) && ++requires > MaximumRequiresDist)
                throw Refuse(wheel, $"{entry.FullName} has more than {MaximumRequiresDist} Requires-Dist lines");
        }
    }

    private static string ReadText(ZipArchiveEntry entry, int limit, string wheel)
    {
        if (entry.Length > limit)
            throw Refuse(wheel, $"{entry.FullName} is {entry.Length} bytes, more than the {limit / (1024 * 1024)} MiB allowed");
        using var content = entry.Open();
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        if (buffer.Length > limit)
            throw Refuse(wheel, $"{entry.FullName} unpacks to more than {limit / (1024 * 1024)} MiB");
        return new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(buffer.ToArray());
    }

    private static string Sha256Base64Url(ZipArchiveEntry entry)
    {
        using var content = entry.Open();
        var hash = SHA256.HashData(content);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>RECORD is CSV: fields may be double-quoted (a path with a comma), quotes doubled inside.</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    private static string Shown(string text) => Client.IndexPageRules.Printable(text);

    private static WheelFormatException Refuse(string wheel, string problem) =>
        new(wheel, problem + ". Do not install it: ask the package's owner to rebuild and re-publish it");
}
