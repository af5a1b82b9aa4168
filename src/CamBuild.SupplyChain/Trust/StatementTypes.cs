namespace CamBuild.SupplyChain.Trust;

/// <summary>The statement types the pipeline signs: the short name policy.yaml uses and the in-toto predicate type.</summary>
public static class StatementTypes
{
    public const string Provenance = "provenance";
    public const string Qualification = "qualification";
    public const string Promotion = "promotion";
    public const string Delivery = "delivery";
    public const string Rebuild = "rebuild";

    public const string StatementV1 = "https://in-toto.io/Statement/v1";

    public static readonly IReadOnlyDictionary<string, string> PredicateTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Provenance] = "https://slsa.dev/provenance/v1",
        [Qualification] = "https://github.com/ska-sa/cambuild/qualification/v1",
        [Promotion] = "https://github.com/ska-sa/cambuild/promotion/v1",
        [Delivery] = "https://github.com/ska-sa/cambuild/delivery/v1",
        [Rebuild] = "https://github.com/ska-sa/cambuild/rebuild/v1",
    };

    public static IReadOnlyList<string> All { get; } = [.. PredicateTypes.Keys];
}
