using CamBuild.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using CamBuild.Qualification.Records;

namespace CamBuild.Qualification.Store;

/// <summary>
/// Qualification records in one directory, one file per (candidate id, configuration hash, suites hash), written
/// atomically. A passed record for the same three hashes makes Qualify cached.
/// </summary>
public sealed partial class QualificationStore(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string PathOf(string candidateId, string configurationHash, string suitesHash)
    {
        RequireHash(candidateId, nameof(candidateId));
        RequireHash(configurationHash, nameof(configurationHash));
        RequireHash(suitesHash, nameof(suitesHash));
        return Path.Combine(Directory, QualificationRecord.RecordFileName(candidateId, configurationHash, suitesHash));
    }

    /// <summary>Writes (or replaces) the record; returns its path.</summary>
    public string Save(QualificationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Format != QualificationRecord.CurrentFormat)
        {
            throw new InputException($"qualification record format {record.Format} cannot be written; this version writes {QualificationRecord.CurrentFormat}");
        }
        var path = PathOf(record.Candidate.Id, record.ConfigurationHash, record.SuitesHash);
        AtomicFile.WriteAllText(path, record.ToJson());
        return path;
    }

    /// <summary>The record for these three hashes, or null when none was written.</summary>
    public QualificationRecord? Find(string candidateId, string configurationHash, string suitesHash)
    {
        var path = PathOf(candidateId, configurationHash, suitesHash);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>The record that lets Qualify be cached: it exists, passed and is bound to exactly these hashes.</summary>
    public QualificationRecord? FindPassed(string candidateId, string configurationHash, string suitesHash) =>
        Find(candidateId, configurationHash, suitesHash) is { Passed: true } record ? record : null;

    /// <summary>Every record, oldest finished first.</summary>
    public IReadOnlyList<QualificationRecord> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        return System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Where(path => RecordName().IsMatch(Path.GetFileName(path)))
            .Select(Read)
            .OrderBy(record => record.Finished)
            .ThenBy(record => record.FileName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads a record and checks that its content matches its file name (a renamed or edited file is refused).</summary>
    public static QualificationRecord Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        QualificationRecord record;
        try
        {
            record = QualificationRecord.FromJson(File.ReadAllText(path), path);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not a qualification record ({exception.Message}); delete it and qualify again", exception);
        }
        if (record.Candidate is null || record.Suites is null || record.ConfigurationHash is null || record.SuitesHash is null)
        {
            throw new InvalidDataException($"{path}: qualification record lacks candidate, hashes or suites; delete it and qualify again");
        }
        if (record.Format != QualificationRecord.CurrentFormat)
        {
            throw new InvalidDataException($"{path}: qualification record format {record.Format} is not {QualificationRecord.CurrentFormat}; qualify again with this version");
        }
        if (!string.Equals(record.FileName, Path.GetFileName(path), StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: its content is bound to {record.FileName}, not to its file name; delete it and qualify again");
        }
        return record;
    }

    private static void RequireHash(string value, string name)
    {
        if (value is null || !Hash().IsMatch(value))
        {
            throw new InputException($"{name} must be 64 lower-case hex digits (a sha256), got '{value}'");
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Hash();

    [GeneratedRegex("^[0-9a-f]{64}-[0-9a-f]{64}-[0-9a-f]{64}\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordName();
}
