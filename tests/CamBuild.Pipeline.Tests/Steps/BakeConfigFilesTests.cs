using CamBuild.Images.Config;
using CamBuild.Pipeline.Config;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Pipeline.Tests.Steps;

public sealed class BakeConfigFilesTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static CandidateConfig With(params FileConfig[] files) =>
        new("cam", "1.0", new DebianConfig("bookworm", "amd64", "host"), ["python3"], [], 3, files);

    [Fact]
    public void A_directory_contributes_each_file_under_it_sorted_and_without_bytecode()
    {
        foreach (var file in new[] { "site/z.json", "site/a.json", "site/sub/B.txt", "site/sub/a.txt", "site/__pycache__/x.cpython-311.pyc", "site/sub/y.pyc", "site/Z.json" })
            _root.Write(file, file);

        var specs = BakeStep.ConfigFiles(_root.Path, With(new FileConfig("site", "/etc/cam/", "0640")));

        Assert.Equal(["/etc/cam/Z.json", "/etc/cam/a.json", "/etc/cam/sub/B.txt", "/etc/cam/sub/a.txt", "/etc/cam/z.json"], specs.Select(s => s.Destination));
        Assert.All(specs, s => Assert.Equal("0640", s.Mode));
        Assert.All(specs, s => Assert.Equal(s.Source, Path.Combine(_root.Path, "site", s.Destination["/etc/cam/".Length..])));
    }

    [Fact]
    public void Single_files_keep_their_destination_and_the_configured_order()
    {
        var roles = _root.Write("samples/site/roles.json", "{}");
        _root.Write("extra/b.conf", "b");

        var specs = BakeStep.ConfigFiles(_root.Path, With(
            new FileConfig("samples/site/roles.json", "/etc/cam/roles.json", "0644"),
            new FileConfig("extra", "/etc/extra", "0600")));

        Assert.Equal(
            [new ConfigFileSpec(roles, "/etc/cam/roles.json", "0644"), new ConfigFileSpec(Path.Combine(_root.Path, "extra", "b.conf"), "/etc/extra/b.conf", "0600")],
            specs);
    }
}
