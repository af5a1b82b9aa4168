using CamBuild.Common;
using CamBuild.Images.Os;

namespace CamBuild.Images.Tests;

/// <summary>The OS lock written from what an mmdebstrap run installed (dpkg's status), its mirror stanzas and downloaded debs.</summary>
[Trait("Category", "unit")]
public sealed class LockFromInstalledTests
{
    private static readonly string ShaA = new('a', 64), ShaB = new('b', 64), ShaC = new('c', 64), ShaOld = new('d', 64);

    private static IEnumerable<Deb822Stanza> Stanzas(string text) => Deb822.Read(new StringReader(text));

    private static string Stanza(string package, string version, string arch, string sha) =>
        $"Package: {package}\nVersion: {version}\nArchitecture: {arch}\nFilename: pool/main/{package}_{version}_{arch}.deb\nSize: 10\nSHA256: {sha}\n\n";

    private const string Status =
        "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n\n" +
        "Package: tzdata\nStatus: install ok installed\nVersion: 2025b-0\nArchitecture: all\n\n" +
        "Package: removed-one\nStatus: deinstall ok config-files\nVersion: 1.0\nArchitecture: amd64\n\n";

    [Fact]
    public void Only_installed_packages_are_read_from_the_dpkg_status()
    {
        var installed = OsLockBuilder.InstalledPackages(Stanzas(Status));

        Assert.Equal([("libc6", "2.36-9", "amd64"), ("tzdata", "2025b-0", "all")], installed);
    }

    [Fact]
    public void Each_installed_package_is_locked_to_the_first_mirror_stanza_of_its_version_whose_deb_was_downloaded()
    {
        var installed = OsLockBuilder.InstalledPackages(Stanzas(Status));
        var main = Stanzas(Stanza("tzdata", "2024a-0", "all", ShaOld) + Stanza("libc6", "2.36-9", "amd64", ShaA) + Stanza("tzdata", "2025b-0", "all", ShaB));
        var updates = Stanzas(Stanza("tzdata", "2025b-0", "all", ShaB) + Stanza("not-installed", "1", "amd64", ShaC));

        var locked = OsLockBuilder.LockInstalled(installed, [("http://main", main), ("http://updates", updates)],
            new HashSet<string>([ShaA, ShaB, ShaC], StringComparer.Ordinal));

        Assert.Equal(["libc6 2.36-9 amd64 http://main", "tzdata 2025b-0 all http://main"],
            locked.Select(p => $"{p.Package} {p.Version} {p.Architecture} {p.Mirror}"));
        Assert.Equal([ShaA, ShaB], locked.Select(p => p.Sha256));
        Assert.StartsWith("Package: libc6\nVersion: 2.36-9", locked[0].Stanza, StringComparison.Ordinal);
        Assert.Equal("pool/main/tzdata_2025b-0_all.deb", locked[1].Filename);
    }

    [Fact]
    public void An_installed_package_without_a_downloaded_deb_of_its_stanza_stops_the_lock_naming_it()
    {
        var installed = OsLockBuilder.InstalledPackages(Stanzas(Status));
        var main = Stanzas(Stanza("libc6", "2.36-9", "amd64", ShaA) + Stanza("tzdata", "2025b-0", "all", ShaB));

        var e = Assert.Throws<ToolFailedException>(() =>
            OsLockBuilder.LockInstalled(installed, [("http://main", main)], new HashSet<string>([ShaA], StringComparer.Ordinal)));

        Assert.Contains("tzdata 2025b-0 all", e.Message, StringComparison.Ordinal);
        Assert.Contains("retry", e.Message, StringComparison.Ordinal);
    }
}
