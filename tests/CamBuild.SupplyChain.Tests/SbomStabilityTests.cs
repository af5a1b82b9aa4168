using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

public sealed class SbomStabilityTests
{
    public static TheoryData<string> Formats => ["cdx", "spdx"];

    private static string Write(string format, SbomSubject s) => format == "cdx" ? CycloneDxWriter.Write(s) : SpdxWriter.Write(s);

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_same_subject_in_any_input_order_gives_the_same_bytes(string format)
    {
        var s = SmallCandidate.Subject();
        var shuffled = s with
        {
            DebianPackages = [.. s.DebianPackages.Reverse().Select(p => p with { DependsOn = [.. p.DependsOn.Reverse()] })],
            PythonEnvironments = [.. s.PythonEnvironments.Select(e => e with { Distributions = [.. e.Distributions.Reverse()] })],
        };
        Assert.Equal(Write(format, s), Write(format, s));
        Assert.Equal(Write(format, s), Write(format, shuffled));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_timestamp_is_the_source_date_epoch_not_the_clock(string format)
    {
        var text = Write(format, SmallCandidate.Subject(sourceDateEpoch: 1717200000));
        Assert.Contains("\"2024-06-01T00:00:00Z\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.NotEqual(text, Write(format, SmallCandidate.Subject(sourceDateEpoch: 1717200001)));
    }

    [Fact]
    public void Serial_number_and_namespace_derive_from_the_candidate_id()
    {
        var other = CandidateId.Parse(new string('a', 64));
        Assert.Equal(SbomIdentity.SerialNumber(SmallCandidate.Id), SbomIdentity.SerialNumber(SmallCandidate.Id));
        Assert.NotEqual(SbomIdentity.SerialNumber(SmallCandidate.Id), SbomIdentity.SerialNumber(other));
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", SbomIdentity.SerialNumber(other));
        Assert.Contains(SmallCandidate.Id.Value, SpdxWriter.Write(SmallCandidate.Subject()), StringComparison.Ordinal);
        Assert.DoesNotContain(SmallCandidate.Id.Value, SpdxWriter.Write(SmallCandidate.Subject(other)), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_again_leaves_the_files_untouched()
    {
        using var dir = new TempDirectory();
        var files = SbomFiles.Write(dir.Path, SmallCandidate.Subject());
        var stamps = files.Select(File.GetLastWriteTimeUtc).ToList();
        var bytes = files.Select(File.ReadAllBytes).ToList();
        File.SetLastWriteTimeUtc(files[0], new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        SbomFiles.Write(dir.Path, SmallCandidate.Subject());
        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(files[0]));
        Assert.Equal(bytes, files.Select(File.ReadAllBytes).ToList());
        Assert.Equal(stamps[1], File.GetLastWriteTimeUtc(files[1]));
    }

    [Fact]
    public void SpdxIds_escape_what_spdx_refuses_without_collisions()
    {
        Assert.Equal("SPDXRef-deb-libstdc.2B.2B6-amd64", SpdxWriter.DebId("libstdc++6:amd64"));
        Assert.NotEqual(SpdxWriter.Escape("a+b"), SpdxWriter.Escape("a.2bb"));
    }
}
