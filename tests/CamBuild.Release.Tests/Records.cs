using CamBuild.Qualification.Records;

namespace CamBuild.Release.Tests;

/// <summary>Builds and writes qualification records the way Qualify stores them.</summary>
internal static class Records
{
    public static string Hash(char c) => new(c, 64);

    public static readonly DateTimeOffset Started = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static QualificationRecord Passing(string candidateId, string configurationHash, string? candidateSha = null, string? suitesHash = null, int minutes = 10) =>
        new(QualificationRecord.CurrentFormat,
            new CandidateIdentity(candidateId, $"cam_1.0.0-{candidateId[..12]}_amd64.tar.zst", candidateSha ?? Hash('c')),
            configurationHash, suitesHash ?? Hash('5'), "qualify-ephemeral", Started, Started.AddMinutes(minutes), true,
            [
                new SuiteOutcome("integration", "integration", 12, 0, 1, 40.5, "junit/integration.xml", []),
                new SuiteOutcome("acceptance", "acceptance", 7, 0, 0, 95.25, "junit/acceptance.xml", []),
            ],
            "report.md");

    public static QualificationRecord Failing(string candidateId, string configurationHash, string? candidateSha = null) =>
        Passing(candidateId, configurationHash, candidateSha) with
        {
            Passed = false,
            Suites =
            [
                new SuiteOutcome("integration", "integration", 12, 0, 1, 40.5, "junit/integration.xml", []),
                new SuiteOutcome("acceptance", "acceptance", 5, 2, 0, 95.25, "junit/acceptance.xml",
                    ["test_antenna_positioner::test_slew", "test_receptor_proxy::test_broken_leaf_import"]),
            ],
        };

    public static string Write(string directory, QualificationRecord record)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, record.FileName);
        File.WriteAllText(path, record.ToJson());
        return path;
    }
}
