using CamBuild.Common;

namespace CamBuild.Release;

/// <summary>Why a promotion was refused; the engine maps every refusal to exit code 2.</summary>
public enum RefusalReason
{
    NoRecord,
    OtherConfigurations,
    OtherSuites,
    QualificationFailed,
    CandidateHashMismatch,
}

/// <summary>
/// A candidate may not be promoted: the message names what is missing and how to obtain it.
/// An <see cref="InputException"/>: the engine maps every refusal to exit code 2.
/// </summary>
public sealed class PromotionRefusedException(RefusalReason reason, string candidateId, string configurationHash, string message)
    : InputException(message)
{
    internal RefusalReason Reason { get; } = reason;
    public string CandidateId { get; } = candidateId;
    public string ConfigurationHash { get; } = configurationHash;
}
