using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

public sealed class DebianPackagesTests
{
    private static readonly IReadOnlyList<DebianPackage> Packages = DebianPackages.FromStanzas(SmallCandidate.Stanzas());

    private static DebianPackage Get(string name) => Packages.Single(p => p.Name == name);

    [Fact]
    public void Depends_and_PreDepends_point_at_installed_packages_by_key()
    {
        Assert.Equal(["gcc-12-base:amd64", "libc6:amd64"], Get("libgcc-s1").DependsOn);
        Assert.Equal(["libc6:amd64"], Get("mawk").DependsOn);
    }

    [Fact]
    public void A_virtual_package_resolves_to_its_provider_and_the_first_installed_alternative_wins()
    {
        // "awk | gawk": awk is provided by mawk; gawk is not installed.
        Assert.Equal(["mawk:amd64"], Get("base-files").DependsOn);
        // "libnotinstalled1 | libc6:any" falls through to libc6; duplicates collapse.
        Assert.Equal(["gcc-12-base:amd64", "libc6:amd64", "libgcc-s1:amd64"], Get("libstdc++6").DependsOn);
    }

    [Fact]
    public void Source_names_the_source_package_and_its_own_version_when_given()
    {
        Assert.Equal(("glibc", "2.36-9+deb12u7"), (Get("libc6").SourceName, Get("libc6").SourceVersion));
        Assert.Equal(("gcc-12", "12.2.0-14"), (Get("libgcc-s1").SourceName, Get("libgcc-s1").SourceVersion));
        Assert.Equal(("mawk", "1.3.4.20200120-3.1"), (Get("mawk").SourceName, Get("mawk").SourceVersion));
    }

    [Fact]
    public void Packages_come_out_sorted_by_key()
    {
        Assert.Equal(Packages.Select(p => p.Key).Order(StringComparer.Ordinal), Packages.Select(p => p.Key));
    }

    [Fact]
    public void A_stanza_without_a_version_is_an_input_error_naming_the_fix()
    {
        var bad = SmallCandidate.Deb("x", "1", "amd64") with
        {
            Fields = new Dictionary<string, string> { ["Package"] = "x", ["Architecture"] = "amd64" },
        };
        var e = Assert.Throws<InputException>(() => DebianPackages.FromStanzas([bad]));
        Assert.Contains("'Version'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--relock-os", e.Message, StringComparison.Ordinal);
    }
}
