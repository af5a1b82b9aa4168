using CamBuild.Qualification.Records;

namespace CamBuild.Release.Gate;

/// <summary>
/// A passing qualification record the gate accepted, with the exact bytes it read so the release store keeps
/// what was checked rather than re-reading a file that may have changed since. Only <see cref="PromotionGate"/> creates it.
/// </summary>
public sealed class ApprovedPromotion
{
    internal ApprovedPromotion(QualificationRecord record, string recordPath, byte[] recordBytes)
    {
        Record = record;
        RecordPath = recordPath;
        RecordBytes = recordBytes;
        RecordSha256 = Sha256.Of(recordBytes).Hex;
    }

    public QualificationRecord Record { get; }
    public string RecordPath { get; }
    public string RecordFileName => Path.GetFileName(RecordPath);
    public string RecordSha256 { get; }
    internal byte[] RecordBytes { get; }

    public string CandidateId => Record.Candidate.Id;
    public string ConfigurationHash => Record.ConfigurationHash;
}
