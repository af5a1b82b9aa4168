using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

/// <summary>The full documents of the small candidate, byte for byte (review a change as a diff of Snapshots/).</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void CycloneDx_of_the_small_candidate() => Snapshot.Match("small-candidate.cdx.json", CycloneDxWriter.Write(SmallCandidate.Subject()));

    [Fact]
    public void Spdx_of_the_small_candidate() => Snapshot.Match("small-candidate.spdx.json", SpdxWriter.Write(SmallCandidate.Subject()));
}
