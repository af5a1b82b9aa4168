using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Common;

/// <summary>
/// A sha256 as the build writes and compares it: exactly 64 lower-case hex digits (<see cref="IsValid"/> is the one
/// shape rule). Serialises to JSON as that string.
/// </summary>
[JsonConverter(typeof(Sha256JsonConverter))]
public readonly record struct Sha256
{
    private readonly string? _hex;

    private Sha256(string hex) => _hex = hex;

    /// <summary>The 64 lower-case hex digits.</summary>
    public string Hex => _hex ?? throw new InvalidOperationException("An uninitialised Sha256 has no value.");

    /// <summary>The shape rule: 64 characters, each 0-9 or a-f. Upper case is not a sha256 here.</summary>
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 64 })
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    public static bool TryParse(string? value, out Sha256 sha256)
    {
        sha256 = IsValid(value) ? new Sha256(value!) : default;
        return IsValid(value);
    }

    /// <summary>Parses input; a wrong shape is an <see cref="InputException"/> naming <paramref name="what"/>.</summary>
    public static Sha256 Parse(string? value, string what) =>
        TryParse(value, out var sha256)
            ? sha256
            : throw new InputException($"{what} must be a sha256 of 64 lower-case hex digits, got '{value}'.");

    /// <summary>A programming contract: throws an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> unless the shape rule holds.</summary>
    public static string Require(string? value, string parameterName) =>
        IsValid(value)
            ? value!
            : throw new ArgumentException($"{parameterName} must be a sha256 of 64 lower-case hex digits, got '{value}'.", parameterName);

    public static Sha256 Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>sha256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static Sha256 OfText(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static Sha256 Of(Stream stream) => new(Convert.ToHexStringLower(SHA256.HashData(stream)));

    public static async Task<Sha256> OfAsync(Stream stream, CancellationToken cancellationToken = default) =>
        new(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)));

    public static Sha256 OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Of(stream);
    }

    public static async Task<Sha256> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return await OfAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Wraps a digest already in hand, e.g. from an incremental hash.</summary>
    public static Sha256 FromDigest(ReadOnlySpan<byte> digest) =>
        digest.Length == SHA256.HashSizeInBytes
            ? new Sha256(Convert.ToHexStringLower(digest))
            : throw new ArgumentException($"a sha256 digest has {SHA256.HashSizeInBytes} bytes, got {digest.Length}.", nameof(digest));

    public override string ToString() => _hex ?? "";
}

internal sealed class Sha256JsonConverter : JsonConverter<Sha256>
{
    public override Sha256 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Sha256.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not a sha256 (64 lower-case hex digits).");

    public override void Write(Utf8JsonWriter writer, Sha256 value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Hex);
}
