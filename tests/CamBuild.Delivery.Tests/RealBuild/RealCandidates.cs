namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>
/// The real candidates, baked once for every test of the collection by the real BakeCandidate (the compiled build as
/// its own process) in one <see cref="RealCandidateRoot"/>: A from the samples as they are; B with one leaf (katsim)
/// bumped to a newer working build; B' = B plus the Qualify test's broken katproxy (1.0.1, forwarding defect). Each is
/// forced qualified for the root's copy of cam.yaml. The later bakes reuse the first one's OS image and wheel caches.
/// </summary>
public sealed class RealCandidates : IAsyncLifetime
{
    private static readonly TimeSpan BakeTimeout = TimeSpan.FromMinutes(20);

    internal RealCandidateRoot Root { get; private set; } = null!;

    internal BakedCandidate A { get; private set; } = null!;

    internal BakedCandidate B { get; private set; } = null!;

    internal BakedCandidate Broken { get; private set; } = null!;

    /// <summary>What the bakes printed, for a test's output.</summary>
    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Root = new RealCandidateRoot();
        A = await Root.BakeAsync(BakeTimeout);
        var katsim = Root.LeafVersion("katsim");
        Root.BumpLeaf("katsim", NextPatch(katsim));
        B = await Root.BakeAsync(BakeTimeout);
        Assert.Equal(NextPatch(katsim), Root.LeafVersion("katsim"));
        Root.BreakKatproxyForwarding(NextPatch(Root.LeafVersion("katproxy")));
        Broken = await Root.BakeAsync(BakeTimeout);
        Assert.Equal(3, new[] { A.Id, B.Id, Broken.Id }.Distinct().Count());
        foreach (var candidate in new[] { A, B, Broken })
        {
            Root.ForceQualified(candidate);
        }
        Log = $"candidates: A {A}, B {B} (katsim {Root.LeafVersion("katsim")}), B' {Broken} (katproxy {Root.LeafVersion("katproxy")}, broken forwarding)";
    }

    public async Task DisposeAsync()
    {
        if (Root is null)
        {
            return;
        }
        // Whatever a failed test left: the environment goes, then the root.
        using (var teardown = await Root.RunAsync(TimeSpan.FromMinutes(5), "Teardown", "--environment", RealCandidateRoot.EnvironmentName))
        {
        }
        Root.Dispose();
    }

    private static string NextPatch(string version)
    {
        var parts = version.Split('.');
        parts[^1] = (int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('.', parts);
    }
}

[CollectionDefinition("lxc-real-candidate")]
public sealed class RealCandidateCollection : ICollectionFixture<RealCandidates>;
