using CamBuild.Pipeline.Config;

namespace CamBuild.Pipeline.Tests.Config;

public sealed class ShippedConfigTests
{
    [Fact]
    public void Shipped_leaves_use_the_embedded_index_and_name_the_sample_packages()
    {
        var leaves = LeavesConfig.Load(RepositoryRoot.Path);

        Assert.True(leaves.UsesEmbeddedIndex);
        Assert.Equal(["katcomp", "katproxy", "katportal", "katuilib", "katsim", "katconf"], leaves.Leaves.Select(l => l.Name));
        Assert.All(leaves.Leaves, l => Assert.False(l.AllowPrereleases || l.AllowDev));
    }

    [Fact]
    public void Shipped_candidate_loads_with_an_absolute_venv_and_existing_files()
    {
        var leaves = LeavesConfig.Load(RepositoryRoot.Path);
        var candidate = CandidateConfig.Load(RepositoryRoot.Path, leaves);

        Assert.Equal("cam", candidate.Name);
        Assert.Equal(new DebianConfig("bookworm", "amd64", "host"), candidate.Debian);
        Assert.Contains("python3-venv", candidate.OsPackages);
        var environment = Assert.Single(candidate.PythonEnvironments);
        Assert.Equal("/opt/cam/venv", environment.Path);
        Assert.Equal(leaves.Leaves.Select(l => l.Name).Order(), environment.Leaves.Order());
        Assert.InRange(candidate.CompressionLevel, 1, 19);
        Assert.All(candidate.Files, f => Assert.True(File.Exists(RepositoryRoot.Combine(f.Source)), f.Source));
    }
}
