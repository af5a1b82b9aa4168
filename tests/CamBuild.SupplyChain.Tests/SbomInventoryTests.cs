using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

public sealed class SbomInventoryTests
{
    private static readonly SbomSubject Subject = SmallCandidate.Subject();

    private static string[] Dpkg => [.. Subject.DebianPackages.Select(p => $"{p.Name}\t{p.Version}\t{p.Architecture}")];

    private static Dictionary<string, string> Freeze => new() { ["cam"] = "katcomp==1.0.0\nkatconf==1.0.0\nKatCore==1.0.0\n" };

    [Fact]
    public void Both_documents_read_back_to_the_same_lists_as_the_template()
    {
        var cdx = SbomInventory.ReadCycloneDx(CycloneDxWriter.Write(Subject), "sbom.cdx.json");
        var spdx = SbomInventory.ReadSpdx(SpdxWriter.Write(Subject), "sbom.spdx.json");
        Assert.Equal(cdx.Debian, spdx.Debian);
        Assert.Equal(cdx.Python["cam"], spdx.Python["cam"]);
        Assert.Empty(cdx.Compare(Dpkg, Freeze));
        Assert.Empty(spdx.Compare(Dpkg, Freeze));
    }

    [Fact]
    public void A_package_the_template_has_but_the_sbom_lacks_is_named()
    {
        var cdx = SbomInventory.ReadCycloneDx(CycloneDxWriter.Write(Subject), "sbom.cdx.json");
        var problems = cdx.Compare([.. Dpkg, "zlib1g\t1:1.2.13\tamd64"], new Dictionary<string, string> { ["cam"] = "katcomp==1.0.0\nkatconf==1.0.0\n" });
        Assert.Equal(["missing deb zlib1g 1:1.2.13 amd64", "extra cam: katcore==1.0.0"], problems);
    }
}
