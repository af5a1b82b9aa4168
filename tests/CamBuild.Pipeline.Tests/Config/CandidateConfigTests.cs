using CamBuild.Pipeline.Config;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Tests.Config;

public sealed partial class CandidateConfigTests : IDisposable
{
    private static readonly LeavesConfig Leaves = new(LeavesConfig.Embedded, [new LeafConfig("katcomp", false, false), new LeafConfig("kat_proxy", false, false), new LeafConfig("katcp", false, false)]);

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Every_problem_is_reported_at_once_with_file_line_and_column()
    {
        _root.Write("samples/site/roles.json", "{}");
        _root.Write(CandidateConfig.RelativePath, """
            name: Cam
            version: "1.0"
            debian:
              suite: bookworm
              architecture: amd64
              kernel: linux
            os_packages: [python3, ""]
            python_environments:
              - name: cam
                path: opt/cam/venv
                leaves: [katcomp, Kat.Proxy, katportal]
            compression_level: 22
            files:
              - source: samples/site/roles.json
                destination: /etc/cam/roles.json
                mode: "644"
              - source: samples/site/missing.json
                destination: /etc/cam/missing.json
            signing_key: abc
            """);

        var error = Assert.Throws<BuildInputException>(() => CandidateConfig.Load(_root.Path, Leaves));

        Snapshot.Match("candidate-many-problems.txt", error.Message.TrimEnd('\n') + "\n");
    }

    [Fact]
    public void Missing_sections_are_named()
    {
        _root.Write(CandidateConfig.RelativePath, "name: cam\n");

        var error = Assert.Throws<BuildInputException>(() => CandidateConfig.Load(_root.Path, Leaves));

        Snapshot.Match("candidate-missing-sections.txt", error.Message.TrimEnd('\n') + "\n");
    }

    [Fact]
    public void A_minimal_candidate_gets_defaults_and_normalised_leaf_names_match()
    {
        _root.Write("site/roles", "{}");
        _root.Write(CandidateConfig.RelativePath, """
            name: cam
            version: "2.1"
            debian: {suite: trixie, architecture: arm64}
            os_packages: [python3]
            python_environments:
              - {name: cam, path: /opt/cam/venv, leaves: [KatComp, kat-proxy]}
            files:
              - {source: site, destination: /etc/cam}
            """);

        var candidate = CandidateConfig.Load(_root.Path, Leaves);

        Assert.Equal(new DebianConfig("trixie", "arm64", "host"), candidate.Debian);
        Assert.Equal(3, candidate.CompressionLevel);
        Assert.Equal(["KatComp", "kat-proxy"], candidate.PythonEnvironments[0].Leaves);
        Assert.Equal(new FileConfig("site", "/etc/cam", "0644"), Assert.Single(candidate.Files));
    }
}
