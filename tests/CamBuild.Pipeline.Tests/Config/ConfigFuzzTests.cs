using CamBuild.Common;
using CamBuild.Delivery.Config;
using CamBuild.Fuzzing;
using CamBuild.Pipeline.Config;
using Xunit.Abstractions;

namespace CamBuild.Pipeline.Tests.Config;

/// <summary>
/// 10,000 seeded hostile files each for config/leaves.yaml, config/candidate.yaml and config/channels.yaml, read by their
/// real loaders from a copy of the repository's configuration: a configuration or an input error (exit 2) with a
/// message, never another exception, never a hang.
/// </summary>
public sealed class ConfigFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 10_000;
    private readonly TempDirectory _root = Copy();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Leaves_yaml() => Check(Fuzz.Run("leaves YAML", 5081, Cases, Seeds(LeavesConfig.RelativePath), text =>
    {
        Write(_root.Combine(LeavesConfig.RelativePath), text);
        return LeavesConfig.Load(_root.Path);
    }, e => e is InputException));

    [Fact]
    public void Candidate_yaml()
    {
        var leaves = LeavesConfig.Load(_root.Path);
        Check(Fuzz.Run("candidate YAML", 5082, Cases, Seeds(CandidateConfig.RelativePath), text =>
        {
            Write(_root.Combine(CandidateConfig.RelativePath), text);
            return CandidateConfig.Load(_root.Path, leaves);
        }, e => e is InputException));
    }

    [Fact]
    public void Channels_yaml()
    {
        var path = _root.Combine("config/channels.yaml");
        Check(Fuzz.Run("channels YAML", 5083, Cases, Seeds("config/channels.yaml"), text =>
        {
            Write(path, text);
            return ChannelsConfigLoader.Load(path);
        }, e => e is InputException));
    }

    /// <summary>As a file holds it: UTF-8, a lone surrogate of the generator written as U+FFFD (a file cannot hold one).</summary>
    private static void Write(string path, string text) => File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    private void Check(FuzzReport report)
    {
        output.WriteLine(report.ToString());
        Assert.Equal(Cases, report.Accepted + report.Rejected + report.Crashes.Count + report.Hangs.Count);
        Assert.True(report.Crashes.Count == 0 && report.Hangs.Count == 0, report.ToString());
    }

    /// <summary>The shipped file and a few hostile shapes (an alias bomb, a key twice, a tab, wrong types) to mutate.</summary>
    private static string[] Seeds(string file) =>
    [
        File.ReadAllText(RepositoryRoot.Combine(file)),
        "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        "name: a\nname: b\n",
        "\tname: x\n",
        "name: [1, {a: b}]\nversion: {}\nleaves: yes\nchannels: 7\n",
    ];

    private static TempDirectory Copy()
    {
        var root = new TempDirectory();
        var site = Directory.GetFiles(RepositoryRoot.Combine("samples/site")).Select(f => "samples/site/" + Path.GetFileName(f));
        foreach (var file in new[] { LeavesConfig.RelativePath, CandidateConfig.RelativePath, "config/channels.yaml" }.Concat(site))
            root.Write(file, File.ReadAllText(RepositoryRoot.Combine(file)));
        return root;
    }
}
