using CamBuild.Common;
using CamBuild.Qualification.Records;
using CamBuild.Qualification.Store;

namespace CamBuild.Qualification.Tests;

public sealed class QualificationStoreTests : IDisposable
{
    private static readonly string Candidate = new('c', 64);
    private static readonly string Config = new('1', 64);
    private static readonly string Suites = new('5', 64);

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    internal static QualificationRecord Record(bool passed, string? suitesHash = null, int minute = 0) => new(
        QualificationRecord.CurrentFormat,
        new CandidateIdentity(Candidate, "cam_1.0.0-cccccccccccc_amd64.tar.zst", new string('d', 64)),
        Config, suitesHash ?? Suites, "qualify-3f2a9c1d",
        new DateTimeOffset(2025, 3, 1, 12, minute, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 1, 12, minute + 3, 5, TimeSpan.Zero),
        passed,
        [new SuiteOutcome("system", "acceptance", 5, passed ? 0 : 1, 0, 61.5, "../artifacts/system/system.xml",
            passed ? [] : ["test_commands.CommandTests.test_forward: AssertionError: no"])],
        "report.html");

    [Fact]
    public void SavedRecordReadsBackEqual()
    {
        var store = new QualificationStore(directory.Path);
        var record = Record(passed: true);

        var path = store.Save(record);

        Assert.Equal(Path.Combine(directory.Path, $"{Candidate}-{Config}-{Suites}.json"), path);
        var read = store.Find(Candidate, Config, Suites)!;
        Assert.Equal(record.ToJson(), read.ToJson());
        Assert.Equal(record.Suites[0].Failures, read.Suites[0].Failures);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void OnlyAPassedRecordForTheSameThreeHashesIsCached()
    {
        var store = new QualificationStore(directory.Path);
        Assert.Null(store.FindPassed(Candidate, Config, Suites));

        store.Save(Record(passed: false));
        Assert.Null(store.FindPassed(Candidate, Config, Suites));
        Assert.NotNull(store.Find(Candidate, Config, Suites));

        store.Save(Record(passed: true));
        Assert.NotNull(store.FindPassed(Candidate, Config, Suites));
        Assert.Null(store.FindPassed(Candidate, Config, new string('6', 64)));
        Assert.Null(store.FindPassed(Candidate, new string('2', 64), Suites));
        Assert.Null(store.FindPassed(new string('e', 64), Config, Suites));
    }

    [Fact]
    public void ListsRecordsOldestFirstAndIgnoresOtherFiles()
    {
        var store = new QualificationStore(directory.Path);
        store.Save(Record(passed: true, suitesHash: new string('7', 64), minute: 30));
        store.Save(Record(passed: false, minute: 10));
        directory.Write("notes.json", "{}");

        Assert.Equal([10, 30], store.List().Select(record => record.Started.Minute));
        Assert.Empty(new QualificationStore(Path.Combine(directory.Path, "absent")).List());
    }

    [Fact]
    public void RecordUnderAnotherNameIsRefused()
    {
        var store = new QualificationStore(directory.Path);
        var saved = store.Save(Record(passed: true));
        var forged = Path.Combine(directory.Path, $"{Candidate}-{Config}-{new string('9', 64)}.json");
        File.Copy(saved, forged);

        var error = Assert.Throws<InvalidDataException>(() => store.FindPassed(Candidate, Config, new string('9', 64)));

        Assert.Contains("its content is bound to", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(forged, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptRecordNamesTheFile()
    {
        var store = new QualificationStore(directory.Path);
        var path = store.PathOf(Candidate, Config, Suites);
        File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => store.Find(Candidate, Config, Suites));

        Assert.StartsWith(path + ": not a qualification record", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("ABC")]
    [InlineData("")]
    public void HashesMustBeSha256Hex(string bad)
    {
        var store = new QualificationStore(directory.Path);

        var error = Assert.Throws<InputException>(() => store.Find(bad, Config, Suites));

        Assert.Contains("must be 64 lower-case hex digits", error.Message, StringComparison.Ordinal);
    }
}
