using System.Security.Cryptography;

namespace CamBuild.PackageIndex;

internal static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static bool IsValid(string? hex) =>
        hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit);
}
