using CamBuild.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CamBuild.Release;

/// <summary>Lower-case hex sha256 helpers and the shape check used for candidate ids and configuration hashes.</summary>
public static partial class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static bool IsValid(string? value) => value is not null && HexPattern().IsMatch(value);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter unless <paramref name="value"/> is 64 lower-case hex digits.</summary>
    public static string Require(string? value, string what)
    {
        if (!IsValid(value))
        {
            throw new InputException($"{what} must be a sha256 of 64 lower-case hex digits, got '{value}'.");
        }

        return value!;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();
}
