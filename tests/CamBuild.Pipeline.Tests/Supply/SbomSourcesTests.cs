using CamBuild.Images.Os;
using CamBuild.Images.Packing;
using CamBuild.Images.Store;
using CamBuild.Images.Tools;
using CamBuild.Pipeline.Supply;

namespace CamBuild.Pipeline.Tests.Supply;

public sealed class SbomSourcesTests
{
    private const string Pylock = """
        lock-version = "1.0"
        created-by = "cambuild"

        [[packages]]
        name = "katconf"
        version = "1.0.0"
        dependencies = [{ name = "katcore" }, { name = "not-installed" }]
        index = "http://127.0.0.1:3141/simple/"
        wheels = [
            { name = "katconf-1.0.0-py3-none-any.whl", url = "http://127.0.0.1:3141/files/katconf/katconf-1.0.0-py3-none-any.whl", hashes = { sha256 = "4d969c4e21c154423f6c8df56100cb95f5692f1a6c0f0aaf753da5c20b3c2125" } },
        ]

        [[packages]]
        name = "katcore"
        version = "1.0.0"
        index = "http://127.0.0.1:3141/simple/"
        wheels = [
            { name = "katcore-1.0.0-py3-none-any.whl", url = "http://127.0.0.1:3141/files/katcore/katcore-1.0.0-py3-none-any.whl", hashes = { sha256 = "0000000000000000000000000000000000000000000000000000000000000000" } },
        ]
        """;

    internal static CandidateManifest Manifest()
    {
        var libc = new OsLockPackage("libc6", "2.36-9+deb12u7", "amd64", new string('1', 64), 10, "pool/main/g/glibc/libc6_2.36-9+deb12u7_amd64.deb",
            "http://deb.debian.org/debian/", "Package: libc6\nSource: glibc\nVersion: 2.36-9+deb12u7\nArchitecture: amd64\nDepends: libgcc-s1");
        var gcc = new OsLockPackage("libgcc-s1", "12.2.0-14", "amd64", new string('2', 64), 10, "pool/main/g/gcc-12/libgcc-s1_12.2.0-14_amd64.deb",
            "http://deb.debian.org/debian", "Package: libgcc-s1\nSource: gcc-12\nVersion: 12.2.0-14\nArchitecture: amd64\nDepends: libc6 (>= 2.35)");
        var osLock = new OsLock(OsLock.FormatId, "bookworm", "amd64", "minbase", ["libc6"], 1717200000, [], [libc, gcc]);
        var env = new ManifestEnvironment("cam", "/opt/cam/venv", new string('3', 64),
        [
            new ManifestWheel("KatConf", "1.0.0", "katconf-1.0.0-py3-none-any.whl", "4d969c4e21c154423f6c8df56100cb95f5692f1a6c0f0aaf753da5c20b3c2125"),
            new ManifestWheel("katcore", "1.0.0", "katcore-1.0.0-py3-none-any.whl", "3898f532190adb26d82145a5fdd2d0581c9977e8d87c3f03fbfdcf65cb7bf1b2"),
        ]);
        return new CandidateManifest(CandidateManifest.FormatId, new string('a', 64), "debian-12-cam", "1.0", "amd64",
            "debian-12-cam_1.0-aaaaaaaaaaaa_amd64.tar.zst", new string('b', 64), 1, 1, 1717200000, 3,
            new ManifestInputs(new string('c', 64), osLock, [env], []),
            new ManifestRecipe("base/1", "python/2", "config/1", "pack/1", [], [], ""), new ToolVersions("1", "1", "1", "1"), [], [],
            new Dictionary<string, string>(), new string('d', 64), new List<ContentEntry>());
    }

    [Fact]
    public void Debian_packages_come_from_the_lock_stanzas_with_mirror_urls_and_relations()
    {
        var s = SbomSources.Subject(Manifest(), _ => Pylock);
        var libc = s.DebianPackages.Single(p => p.Name == "libc6");
        Assert.Equal("http://deb.debian.org/debian/pool/main/g/glibc/libc6_2.36-9+deb12u7_amd64.deb", libc.DownloadUrl);
        Assert.Equal("glibc", libc.SourceName);
        Assert.Equal(["libgcc-s1:amd64"], libc.DependsOn);
        Assert.Equal("http://deb.debian.org/debian/pool/main/g/gcc-12/libgcc-s1_12.2.0-14_amd64.deb",
            s.DebianPackages.Single(p => p.Name == "libgcc-s1").DownloadUrl);
        Assert.Equal("bookworm", s.Distro);
        Assert.Equal(1717200000, s.SourceDateEpoch);
    }

    [Fact]
    public void Wheels_join_the_pylock_by_sha256_only()
    {
        var env = Assert.Single(SbomSources.Subject(Manifest(), _ => Pylock).PythonEnvironments);
        var katconf = env.Distributions.Single(d => d.Name == "katconf");
        Assert.Equal("http://127.0.0.1:3141/simple/", katconf.IndexUrl);
        Assert.Equal(["katcore"], katconf.DependsOn);   // not-installed is not in the environment
        // The pylock's katcore has another sha256: it is not this wheel, so nothing of it is claimed.
        var katcore = env.Distributions.Single(d => d.Name == "katcore");
        Assert.Null(katcore.IndexUrl);
        Assert.Null(katcore.WheelUrl);
    }

    [Fact]
    public void Without_a_pylock_the_wheels_are_still_listed()
    {
        var env = Assert.Single(SbomSources.Subject(Manifest(), _ => null).PythonEnvironments);
        Assert.Equal(["katconf", "katcore"], env.Distributions.Select(d => d.Name));
        Assert.All(env.Distributions, d => Assert.Null(d.IndexUrl));
    }
}
