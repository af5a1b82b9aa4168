using System.Text.Json;
using CamBuild.Qualification.Records;

namespace CamBuild.Release.Gate;

/// <summary>One qualification record file as read from disk, checked for internal consistency.</summary>
internal sealed record QualificationRecordFile(string Path, byte[] Bytes, QualificationRecord Record)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public static QualificationRecordFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        QualificationRecord record;
        try
        {
            record = QualificationRecord.FromJson(System.Text.Encoding.UTF8.GetString(bytes), path);
        }
        catch (JsonException e)
        {
            throw new ReleaseDataException(
                $"{path}: line {(e.LineNumber ?? 0) + 1}: not a valid qualification record ({e.Message}). Delete the file and run Qualify again.", e);
        }

        Check(path, record);
        return new QualificationRecordFile(path, bytes, record);
    }

    private static void Check(string path, QualificationRecord record)
    {
        string? problem = null;
        if (record.Format != QualificationRecord.CurrentFormat)
        {
            problem = $"format {record.Format} is not the supported format {QualificationRecord.CurrentFormat}";
        }
        else if (record.Candidate is null || record.Suites is null || record.ConfigurationHash is null || record.SuitesHash is null)
        {
            problem = "candidate, configurationHash, suitesHash and suites are required";
        }
        else if (!Sha256.IsValid(record.Candidate.Id) || !Sha256.IsValid(record.ConfigurationHash) || !Sha256.IsValid(record.SuitesHash))
        {
            problem = "candidate.id, configurationHash and suitesHash must each be 64 lower-case hex digits";
        }
        else if (!string.Equals(record.FileName, System.IO.Path.GetFileName(path), StringComparison.Ordinal))
        {
            problem = $"the file name does not match its content (expected {record.FileName}); it was renamed or edited";
        }

        if (problem is not null)
        {
            throw new ReleaseDataException($"{path}: line 1: {problem}. Delete the file and run Qualify again.");
        }
    }
}
