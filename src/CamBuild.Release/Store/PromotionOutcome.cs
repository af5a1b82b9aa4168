namespace CamBuild.Release.Store;

public enum PromotionKind
{
    /// <summary>A pair new to the channel was appended.</summary>
    Promoted,

    /// <summary>A pair promoted to the channel before was made current again (a new line; history is never rewritten).</summary>
    RolledBack,

    /// <summary>The pair was already current; nothing was written.</summary>
    AlreadyCurrent,
}

/// <summary>What a promotion did, with a one-line human message.</summary>
public sealed record PromotionOutcome(PromotionKind Kind, ReleaseEntry Entry, string Message)
{
    public bool Changed => Kind != PromotionKind.AlreadyCurrent;
}

/// <summary>A history line whose stored qualification record is missing or no longer matches its recorded sha256.</summary>
internal sealed record TamperFinding(string Channel, int Line, string Release, string RecordPath, string Problem)
{
    public override string ToString() => $"channel {Channel} line {Line} (release {Release}): {RecordPath}: {Problem}";
}
