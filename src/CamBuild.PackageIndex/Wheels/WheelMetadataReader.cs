using System.IO.Compression;
using System.Text;

namespace CamBuild.PackageIndex.Wheels;

/// <summary>Reads <c>*.dist-info/METADATA</c> from a wheel.</summary>
internal static class WheelMetadataReader
{
    public static string ReadMetadataText(string wheelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(wheelPath);
        try
        {
            using var stream = File.OpenRead(wheelPath);
            return ReadMetadataText(stream, wheelPath);
        }
        catch (FileNotFoundException e)
        {
            throw new WheelFormatException(wheelPath, "the file does not exist", e);
        }
    }

    public static byte[] ReadMetadataBytes(string wheelPath)
    {
        using var stream = File.OpenRead(wheelPath);
        return ReadMetadataBytes(stream, wheelPath);
    }

    public static CoreMetadata Read(string wheelPath) =>
        CoreMetadata.Parse(ReadMetadataText(wheelPath), wheelPath);

    /// <param name="displayName">Names the wheel in error messages (path or URL without credentials).</param>
    public static string ReadMetadataText(Stream wheel, string displayName) =>
        Encoding.UTF8.GetString(ReadMetadataBytes(wheel, displayName));

    /// <summary>The METADATA file byte for byte, as PEP 658 serves it.</summary>
    public static byte[] ReadMetadataBytes(Stream wheel, string displayName)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        try
        {
            using var zip = new ZipArchive(wheel, ZipArchiveMode.Read, leaveOpen: true);
            var candidates = zip.Entries
                .Where(e => IsTopLevelDistInfoMetadata(e.FullName))
                .ToList();
            var entry = candidates.Count switch
            {
                0 => throw new WheelFormatException(displayName, "it has no top-level '<name>-<version>.dist-info/METADATA' entry"),
                1 => candidates[0],
                _ => PreferMatchingFileName(candidates, displayName),
            };
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new WheelFormatException(displayName, $"it is not a readable zip archive ({e.Message})", e);
        }
    }

    private static bool IsTopLevelDistInfoMetadata(string entryName)
    {
        var parts = entryName.Split('/');
        return parts.Length == 2 && parts[0].EndsWith(".dist-info", StringComparison.Ordinal) && parts[1] == "METADATA";
    }

    private static ZipArchiveEntry PreferMatchingFileName(List<ZipArchiveEntry> candidates, string displayName)
    {
        var fileName = Path.GetFileName(displayName);
        var dashes = fileName.Split('-');
        var expectedPrefix = dashes.Length >= 2 ? $"{dashes[0]}-{dashes[1]}.dist-info/" : null;
        var match = candidates.Where(e => expectedPrefix is not null &&
            e.FullName.StartsWith(expectedPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count == 1
            ? match[0]
            : throw new WheelFormatException(displayName,
                $"it has {candidates.Count} '.dist-info/METADATA' entries and none matches the file name uniquely");
    }
}
