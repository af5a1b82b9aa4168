using CamBuild.Targets;
using CamBuild.Targets.Hosting;

namespace CamBuild.Build.Tests;

/// <summary>
/// Every target's declared cache inputs cover the files its configuration names, derived from that configuration
/// (not a hand-copied list): a file added to the configuration becomes an input without touching build/.
/// </summary>
public sealed class CacheInputTests : IDisposable
{
    private readonly string _root = RealBuild.CopyOfConfiguration();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TargetSpec Target(string name)
    {
        BuildBase.PendingRoot = _root;
        var build = new Build();
        return TargetDiscovery.Targets(build).Single(t => t.Name == name);
    }

    private HashSet<string> Inputs(string target) =>
        Target(target).Cache.ExpandInputGlobs().SelectMany(g => CamBuild.Targets.Caching.Glob.Expand(_root, g)).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void BakeCandidate_inputs_cover_every_file_candidate_yaml_bakes_in()
    {
        var inputs = Inputs("BakeCandidate");
        Assert.Contains("config/candidate.yaml", inputs);
        Assert.Contains("config/leaves.yaml", inputs);
        Assert.Contains("samples/site/roles.json", inputs);

        File.WriteAllText(Path.Combine(_root, "samples/site/motd"), "CAM node\n");
        File.AppendAllText(Path.Combine(_root, "config/candidate.yaml"), "  - source: samples/site/motd\n    destination: /etc/motd\n    mode: \"0644\"\n");
        Assert.Contains("samples/site/motd", Inputs("BakeCandidate"));
    }

    [Fact]
    public void Qualify_inputs_cover_the_suites_their_files_the_environment_and_the_role_catalogue()
    {
        var inputs = Inputs("Qualify");
        Assert.Contains("config/qualification/suites.yaml", inputs);
        Assert.Contains("config/environments/local.yaml", inputs);
        Assert.Contains("samples/site/roles.json", inputs);
        var acceptance = Directory.GetFiles(Path.Combine(_root, "samples/acceptance"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).Where(f => !f.Contains("__pycache__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(acceptance);
        Assert.All(acceptance, f => Assert.Contains(f, inputs));

        File.WriteAllText(Path.Combine(_root, "samples/acceptance/test_new_case.py"), "def test_new():\n    assert True\n");
        Assert.Contains("samples/acceptance/test_new_case.py", Inputs("Qualify"));
    }
}
