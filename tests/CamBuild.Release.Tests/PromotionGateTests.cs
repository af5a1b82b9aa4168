using CamBuild.Common;
using CamBuild.Release.Gate;
using static CamBuild.Release.Tests.Records;

namespace CamBuild.Release.Tests;

public sealed class PromotionGateTests : IDisposable
{
    private static readonly string Candidate = Hash('a');
    private static readonly string Config = Hash('b');
    private static readonly string CandidateSha = Hash('c');
    private static readonly string Suites = Hash('5');
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Combine("qualifications");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Passing_record_for_candidate_and_configuration_is_admitted_with_its_exact_bytes()
    {
        var path = Write(Dir, Passing(Candidate, Config));
        Write(Dir, Failing(Candidate, Hash('d')));

        var approval = PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir);

        Assert.Equal(path, approval.RecordPath);
        Assert.Equal(Sha256Hex.OfFile(path), approval.RecordSha256);
        Assert.Equal(Config, approval.ConfigurationHash);
        Assert.True(approval.Record.Passed);
    }

    [Fact]
    public void Only_a_record_for_the_current_suites_is_admitted()
    {
        var current = Write(Dir, Passing(Candidate, Config, suitesHash: Suites, minutes: 5));
        Write(Dir, Passing(Candidate, Config, suitesHash: Hash('2'), minutes: 50));

        Assert.Equal(current, PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir).RecordPath);
    }

    [Fact]
    public void Passing_record_for_other_suites_is_refused_naming_the_suites_hashes_and_the_command()
    {
        var old = Write(Dir, Passing(Candidate, Config, suitesHash: Hash('2')));

        var e = Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.Equal(RefusalReason.OtherSuites, e.Reason);
        Assert.Contains($"the current suites hash is {Suites}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"suites {Hash('2')} (passed, {Path.GetFileName(old)})", e.Message, StringComparison.Ordinal);
        Assert.Contains($"./build.sh Qualify --candidate {Candidate[..12]}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_directory_is_refused_naming_it()
    {
        var e = Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.Equal(RefusalReason.NoRecord, e.Reason);
        Assert.Equal(
            $"Promotion refused: no qualification record for candidate {Candidate}: the qualification directory {Dir} does not exist. " +
            $"Run Qualify for this candidate with configuration {Config}, then promote again.", e.Message);
    }

    [Fact]
    public void No_record_for_candidate_is_refused()
    {
        Write(Dir, Passing(Hash('e'), Config));

        var e = Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.Equal(RefusalReason.NoRecord, e.Reason);
        Assert.Equal(
            $"Promotion refused: no qualification record for candidate {Candidate} in {Dir}. " +
            $"Run Qualify for this candidate with configuration {Config}, then promote again.", e.Message);
    }

    [Fact]
    public void Records_for_other_configurations_are_listed()
    {
        Write(Dir, Passing(Candidate, Hash('1')));
        Write(Dir, Failing(Candidate, Hash('2')));

        var e = Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.Equal(RefusalReason.OtherConfigurations, e.Reason);
        Assert.Equal(
            $"Promotion refused: candidate {Candidate} has no qualification record for configuration {Config}; records exist only for other configuration hashes:\n" +
            $"  {Hash('1')} (passed, {Candidate}-{Hash('1')}-{Hash('5')}.json)\n" +
            $"  {Hash('2')} (failed, {Candidate}-{Hash('2')}-{Hash('5')}.json)\n" +
            $"Run Qualify for this candidate with configuration {Config}, or promote a configuration that was qualified.", e.Message);
    }

    [Fact]
    public void Failed_record_is_refused_naming_the_failing_tests()
    {
        Write(Dir, Failing(Candidate, Config));

        var e = Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.Equal(RefusalReason.QualificationFailed, e.Reason);
        Assert.Equal(
            $"Promotion refused: candidate {Candidate} failed qualification with configuration {Config}:\n" +
            $"  {Candidate}-{Config}-{Hash('5')}.json: suite 'acceptance' (acceptance) failed 2: test_antenna_positioner::test_slew, test_receptor_proxy::test_broken_leaf_import\n" +
            "Fix the failures and run Qualify again; only a passing record can be promoted.", e.Message);
    }

    [Fact]
    public void Record_claiming_success_with_failures_or_no_tests_is_not_passing()
    {
        var inconsistent = Failing(Candidate, Config) with { Passed = true };
        Assert.StartsWith("suite 'acceptance' (acceptance) failed 2", PromotionGate.FailureSummary(inconsistent));

        var empty = Passing(Candidate, Config) with { Suites = [] };
        Assert.Equal("no test passed (no suite ran any test)", PromotionGate.FailureSummary(empty));

        Write(Dir, empty);
        Assert.Equal(RefusalReason.QualificationFailed,
            Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir)).Reason);
    }

    [Fact]
    public void Candidate_file_changed_since_qualification_is_refused()
    {
        Write(Dir, Passing(Candidate, Config));
        var now = Hash('9');

        var e = Assert.Throws<PromotionRefusedException>(() => PromotionGate.Admit(Candidate, now, Config, Suites, Dir));

        Assert.Equal(RefusalReason.CandidateHashMismatch, e.Reason);
        Assert.Equal(
            $"Promotion refused: candidate file hash mismatch for candidate {Candidate}: the candidate file now has sha256 {now}, " +
            $"but qualification record {Candidate}-{Config}-{Hash('5')}.json was made for cam_1.0.0-aaaaaaaaaaaa_amd64.tar.zst with sha256 {CandidateSha}. " +
            "The candidate changed after qualification; bake it again and run Qualify before promoting.", e.Message);
    }

    [Fact]
    public void Renamed_record_is_rejected_naming_the_file()
    {
        var path = Write(Dir, Passing(Candidate, Hash('1')));
        var renamed = Path.Combine(Dir, $"{Candidate}-{Config}-{Hash('5')}.json");
        File.Move(path, renamed);

        var e = Assert.Throws<ReleaseDataException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.StartsWith($"{renamed}: line 1: the file name does not match its content", e.Message);
        Assert.EndsWith("Delete the file and run Qualify again.", e.Message);
    }

    [Fact]
    public void Corrupt_record_is_rejected_with_file_and_line()
    {
        Directory.CreateDirectory(Dir);
        var path = Path.Combine(Dir, $"{Candidate}-{Config}-{Hash('5')}.json");
        File.WriteAllText(path, "{\n  \"format\": 1,\n  \"candidate\": oops\n}\n");

        var e = Assert.Throws<ReleaseDataException>(() => PromotionGate.Admit(Candidate, CandidateSha, Config, Suites, Dir));

        Assert.StartsWith($"{path}: line 3: not a valid qualification record", e.Message);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("")]
    public void Malformed_hashes_are_argument_errors(string bad)
    {
        var e = Assert.Throws<InputException>(() => PromotionGate.Admit(bad, CandidateSha, Config, Suites, Dir));
        Assert.Contains("candidateId must be a sha256 of 64 lower-case hex digits", e.Message);
    }
}
