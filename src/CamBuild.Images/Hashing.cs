using System.Text.Json;

namespace CamBuild.Images;

/// <summary>Cache keys: every key is the sha256 of a canonical JSON document.</summary>
internal static class Hashing
{
    public static readonly JsonSerializerOptions CanonicalJson = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Key = sha256 of the JSON of a value whose property order is fixed by its type.</summary>
    public static string KeyOf<T>(T value) => Sha256.OfText(JsonSerializer.Serialize(value, CanonicalJson)).Hex;
}
