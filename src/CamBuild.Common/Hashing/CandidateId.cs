using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Common;

/// <summary>
/// The identity of a candidate: the sha256 of its uncompressed <c>rootfs.tar</c>. Shape as <see cref="Sha256"/>;
/// the template file name carries <see cref="Short"/>. Serialises to JSON as the 64-digit string.
/// </summary>
[JsonConverter(typeof(CandidateIdJsonConverter))]
public readonly record struct CandidateId
{
    /// <summary>Length of <see cref="Short"/>, the prefix in template file names.</summary>
    public const int ShortLength = 12;

    public CandidateId(Sha256 sha256) => Sha256 = sha256;

    public Sha256 Sha256 { get; }

    public string Value => Sha256.Hex;

    public string Short => Value[..ShortLength];

    public static bool IsValid(string? value) => Common.Sha256.IsValid(value);

    public static bool TryParse(string? value, out CandidateId id)
    {
        var ok = Common.Sha256.TryParse(value, out var sha256);
        id = ok ? new CandidateId(sha256) : default;
        return ok;
    }

    /// <summary>Parses input; a wrong shape is an <see cref="InputException"/> saying what a candidate id is.</summary>
    public static CandidateId Parse(string? value) =>
        TryParse(value, out var id)
            ? id
            : throw new InputException(NotACandidateId(value));

    /// <summary>The one wording of a malformed candidate id.</summary>
    public static string NotACandidateId(string? value) =>
        $"'{value}' is not a candidate id (64 lower-case hex digits, the sha256 of rootfs.tar).";

    /// <summary>Where a file name, a state record or a digest needs the id as text.</summary>
    public static implicit operator string(CandidateId id) => id.Value;

    public override string ToString() => Sha256.ToString();
}

internal sealed class CandidateIdJsonConverter : JsonConverter<CandidateId>
{
    public override CandidateId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CandidateId.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException(CandidateId.NotACandidateId(reader.GetString()));

    public override void Write(Utf8JsonWriter writer, CandidateId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
