namespace CamBuild.Dashboard.Model;

/// <summary>What a check of a signed statement (or a rebuild) found, as the pages show it.</summary>
internal enum VerdictState
{
    /// <summary>Signed by a trusted key, about this subject (for a rebuild: and identical).</summary>
    Verified,

    /// <summary>No statement was recorded.</summary>
    Missing,

    /// <summary>A statement is there but a gate would refuse it (untrusted key, altered, other subject).</summary>
    Refused,

    /// <summary>A trusted rebuild result that is not identical to the candidate.</summary>
    Differs,

    /// <summary>Not checked: the trust policy could not be read (the pages still show everything else).</summary>
    Unchecked,
}

/// <param name="What">provenance, qualification, promotion, delivery or rebuild.</param>
/// <param name="Detail">Signer, or the reason of a refusal, one paragraph.</param>
internal sealed record Verdict(string What, VerdictState State, string Detail)
{
    public string Word => State switch
    {
        VerdictState.Verified => What == "rebuild" ? "identical" : "verified",
        VerdictState.Missing => "missing",
        VerdictState.Refused => "refused",
        VerdictState.Unchecked => "unchecked",
        _ => "differs",
    };

    public string CssClass => State switch
    {
        VerdictState.Verified => "good",
        VerdictState.Missing or VerdictState.Unchecked => "none",
        _ => "bad",
    };
}

/// <summary>
/// The checks of signed statements the dashboard shows. The pipeline implements them with the same code its gates use,
/// so a page says "verified" exactly when Promote or Deliver would accept the statement.
/// </summary>
internal interface IStatementChecks
{
    Verdict Provenance(string candidateDirectory, string candidateId);

    Verdict Rebuild(string candidateDirectory, string candidateId);

    /// <param name="recordPath">The qualification record the release store holds.</param>
    Verdict Qualification(string recordPath, Qualification.Records.QualificationRecord record);

    /// <summary>Promotion and delivery statements of the release on its channel (one verdict per statement type).</summary>
    IReadOnlyList<Verdict> Release(Release.Store.ReleaseEntry entry);
}
