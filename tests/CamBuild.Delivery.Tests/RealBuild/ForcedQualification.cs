using CamBuild.Pipeline;
using CamBuild.Pipeline.Supply;
using CamBuild.Qualification.Records;
using CamBuild.SupplyChain.Attestation;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>
/// Forces qualification, in the tests only: a signed passing record (one "forced" acceptance suite) for a candidate on
/// an environment, with the root's own signing key, so Promote and Deliver accept the candidate without a Qualify run.
/// </summary>
internal static class ForcedQualification
{
    public static void Write(PipelinePaths paths, CandidateIdentity candidate, string configurationHash, string suitesHash, string environment)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var now = DateTimeOffset.UtcNow;
        using var key = LocalSigningKey.LoadOrCreate(paths.Keys);
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, candidate, configurationHash, suitesHash, environment,
            now.AddMinutes(-2), now.AddMinutes(-1), true, [new SuiteOutcome("forced", "acceptance", 1, 0, 0, 1, "junit/forced.xml", [])], null);
        Directory.CreateDirectory(paths.Qualifications);
        var recordPath = Path.Combine(paths.Qualifications, record.FileName);
        File.WriteAllText(recordPath, record.ToJson());
        QualificationAttestation.Sign(recordPath, record, key);
    }
}
