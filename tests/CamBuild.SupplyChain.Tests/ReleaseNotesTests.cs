using CamBuild.SupplyChain.Notes;
using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

public sealed class ReleaseNotesTests
{
    private static SbomInventory Inventory(SbomSubject s) => SbomInventory.ReadCycloneDx(CycloneDxWriter.Write(s), "sbom.cdx.json");

    private static ReleaseNotes Notes()
    {
        var before = SmallCandidate.Subject();
        var after = before with
        {
            DebianPackages = [.. before.DebianPackages.Where(p => p.Name != "mawk")
                .Select(p => p.Name == "libc6" ? p with { Version = "2.36-9+deb12u8" } : p)
                .Append(before.DebianPackages[0] with { Name = "gawk", Version = "1:5.2.1-2" })],
            PythonEnvironments = [SmallCandidate.Cam() with
            {
                Distributions = [.. SmallCandidate.Cam().Distributions.Select(d => d.Name == "katcore" ? d with { Version = "1.1.0" } : d)
                    .Append(SmallCandidate.Wheel("katportal", "1.0.0", []))],
            }],
        };
        ReleaseSide Side(string release, string id, string config, bool passed) => new(release, "staging", id, config, "local", passed, 12, passed ? 0 : 1, 0,
            ["node-health", "system"], new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        return new ReleaseNotes(Side("2026.11.30-1", new string('a', 64), new string('c', 64), true), Side("2026.12.01-1", new string('b', 64), new string('d', 64), true),
            PackageChanges.Between(Inventory(before), Inventory(after)));
    }

    [Fact]
    public void Packages_added_removed_and_changed_come_from_the_two_sboms()
    {
        var changes = Notes().Packages.Select(c => $"{c.Scope} {c.Name} {c.Change} {c.From}->{c.To}").ToList();
        Assert.Equal(
        [
            "debian gawk:amd64 added ->1:5.2.1-2",
            "debian libc6:amd64 changed 2.36-9+deb12u7->2.36-9+deb12u8",
            "debian mawk:amd64 removed 1.3.4.20200120-3.1->",
            "cam katcore changed 1.0.0->1.1.0",
            "cam katportal added ->1.0.0",
        ], changes);
    }

    [Fact]
    public void Markdown_of_the_notes() => Snapshot.Match("release-notes.md", Notes().ToMarkdown());

    [Fact]
    public void Json_of_the_notes() => Snapshot.Match("release-notes.json", Notes().ToJson());
}
