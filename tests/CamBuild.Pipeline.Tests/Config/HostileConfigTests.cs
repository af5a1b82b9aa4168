using CamBuild.Fuzzing;
using CamBuild.Pipeline.Config;

namespace CamBuild.Pipeline.Tests.Config;

/// <summary>config/leaves.yaml and config/candidate.yaml made hostile one way at a time: each is refused with file, line and fix.</summary>
public sealed class HostileConfigTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public HostileConfigTests()
    {
        // The configuration and every file the candidate bakes in (samples/site/), as the loader checks that they exist.
        var site = Directory.GetFiles(RepositoryRoot.Combine("samples/site")).Select(f => "samples/site/" + Path.GetFileName(f));
        foreach (var file in new[] { LeavesConfig.RelativePath, CandidateConfig.RelativePath }.Concat(site))
            _root.Write(file, File.ReadAllText(RepositoryRoot.Combine(file)));
    }

    public void Dispose() => _root.Dispose();

    private static Func<string, object> Loader(string file) => root =>
        file == LeavesConfig.RelativePath ? LeavesConfig.Load(root) : CandidateConfig.Load(root, LeavesConfig.Load(root));

    [Fact]
    public void The_unaltered_files_load()
    {
        Assert.Equal("cam", CandidateConfig.Load(_root.Path, LeavesConfig.Load(_root.Path)).Name);
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { LeavesConfig.RelativePath, CandidateConfig.RelativePath })
        foreach (var name in HostileConfig.Names)
            data.Add(file, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_file_is_refused_naming_file_line_and_fix(string file, string name)
    {
        var hostile = HostileConfig.Make(name, File.ReadAllText(RepositoryRoot.Combine(file)));
        File.WriteAllBytes(_root.Combine(file), hostile.Content);

        var error = Assert.ThrowsAny<Exception>(() => Loader(file)(_root.Path));

        HostileAssert.Refused(error, file, hostile.Line, hostile.Fix);
    }

    [Theory]
    [InlineData("config/leaves.yaml", "index: embedded", "index: [embedded]", "must be")]
    [InlineData("config/leaves.yaml", "  - name: katcomp", "  - name: {katcomp: 1}", "must be")]
    [InlineData("config/candidate.yaml", "name: cam", "name: [cam]", "must be")]
    [InlineData("config/candidate.yaml", "compression_level: 3", "compression_level: {three: 3}", "compression_level")]
    public void A_value_of_the_wrong_type_is_refused_at_its_line(string file, string line, string replacement, string fix)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(file));
        var number = Array.IndexOf(text.Split('\n'), line) + 1;
        Assert.True(number > 0, $"the shipped {file} has no line '{line}'");
        _root.Write(file, text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal));

        var error = Assert.ThrowsAny<Exception>(() => Loader(file)(_root.Path));

        HostileAssert.Refused(error, file, number, fix);
    }
}
