using CamBuild.Python.Versions;
using System.IO.Compression;
using System.Security.Cryptography;
using CamBuild.PackageIndex.Fixtures;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.PackageIndex.Wheels;

namespace CamBuild.PackageIndex.Tests.Wheels;

public sealed class FixtureWheelTests
{
    [Fact]
    public void Universe_loads_every_package_and_release()
    {
        var universe = UniverseIndex.Universe;

        Assert.Equal(63, universe.Packages.Count);
        Assert.Equal(150, universe.Packages.Sum(p => p.Releases.Count));
        Assert.All(universe.Packages, p => Assert.True(PackageName.IsNormalized(p.Name), p.Name));
    }

    [Fact]
    public void The_same_fixture_gives_byte_identical_wheels()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var a = UniverseIndex.WriteSubset(first.Path, "katcp", "scikits-fitting");
        var b = UniverseIndex.WriteSubset(second.Path, "katcp", "scikits-fitting");

        Assert.Equal(a.Select(w => (Path.GetFileName(w.Path), w.Sha256)), b.Select(w => (Path.GetFileName(w.Path), w.Sha256)));
        Assert.Contains(a, w => Path.GetFileName(w.Path) == "scikits_fitting-0.7.2-py3-none-any.whl");
    }

    [Fact]
    public void Wheel_has_metadata_wheel_record_with_correct_hashes_and_fixed_timestamps()
    {
        using var directory = new TempDirectory();
        var wheel = UniverseIndex.WriteSubset(directory.Path, "katsdptelstate").Single(w => w.Version == "0.14");

        using var zip = ZipFile.OpenRead(wheel.Path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(
            ["katsdptelstate-0.14.dist-info/METADATA", "katsdptelstate-0.14.dist-info/WHEEL", "katsdptelstate/__init__.py", "katsdptelstate-0.14.dist-info/RECORD"],
            names);
        Assert.All(zip.Entries, e => Assert.Equal(WheelWriter.FixedTimestamp.DateTime, e.LastWriteTime.DateTime));
        var record = Read(zip, "katsdptelstate-0.14.dist-info/RECORD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, record.Length);
        foreach (var line in record.SkipLast(1))
        {
            var fields = line.Split(',');
            var bytes = ReadBytes(zip, fields[0]);
            var expected = "sha256=" + Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal(expected, fields[1]);
            Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);
        }
        Assert.Equal("katsdptelstate-0.14.dist-info/RECORD,,", record[^1]);
        Assert.Contains("Tag: py3-none-any", Read(zip, "katsdptelstate-0.14.dist-info/WHEEL"), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_carries_requirements_extras_and_requires_python()
    {
        using var directory = new TempDirectory();
        var wheel = UniverseIndex.WriteSubset(directory.Path, "katsdptelstate").Single(w => w.Version == "0.14");

        var metadata = WheelMetadataReader.Read(wheel.Path);

        Assert.Equal(("2.1", "katsdptelstate", "0.14", ">=3.7"), (metadata.MetadataVersion, metadata.Name, metadata.Version, metadata.RequiresPython));
        Assert.Contains("rdbtools; extra == \"rdb\"", metadata.RequiresDist);
        Assert.Contains("redis>=4.2", metadata.RequiresDist);
        Assert.Contains("rdb", metadata.ProvidesExtra);
    }

    [Fact]
    public void Yank_markers_follow_the_options()
    {
        using var directory = new TempDirectory();

        var wheels = UniverseIndex.WriteSubset(directory.Path, "tornado", "katcp");

        var tornado = wheels.Single(w => w.Project == "tornado" && w.Version == "6.4");
        Assert.Equal(UniverseIndex.YankedWithReason, File.ReadAllText(tornado.Path + ".yanked"));
        Assert.Equal("", File.ReadAllText(wheels.Single(w => w.Project == "katcp" && w.Version == "0.9.1").Path + ".yanked"));
        Assert.Equal(2, Directory.GetFiles(directory.Path, "*.yanked", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Yanking_an_unknown_release_is_rejected_with_its_name()
    {
        using var directory = new TempDirectory();
        var options = new FixtureWheelOptions { Projects = ["tornado"], Yanks = [new FixtureYank("tornado", "9.9", "x")] };

        var error = Assert.Throws<ArgumentException>(() => FixtureWheels.WriteIndex(UniverseIndex.Universe, directory.Path, options));

        Assert.Contains("tornado 9.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_metadata_from_a_non_wheel_names_the_file()
    {
        using var directory = new TempDirectory();
        var notAZip = directory.Combine("broken-1.0-py3-none-any.whl");
        File.WriteAllText(notAZip, "not a zip");
        var noMetadata = directory.Combine("empty-1.0-py3-none-any.whl");
        using (var zip = ZipFile.Open(noMetadata, ZipArchiveMode.Create))
            zip.CreateEntry("empty/__init__.py");

        var corrupt = Assert.Throws<WheelFormatException>(() => WheelMetadataReader.ReadMetadataText(notAZip));
        var missing = Assert.Throws<WheelFormatException>(() => WheelMetadataReader.ReadMetadataText(noMetadata));

        Assert.Contains(notAZip, corrupt.Message, StringComparison.Ordinal);
        Assert.Contains("METADATA", missing.Message, StringComparison.Ordinal);
        Assert.Contains(noMetadata, missing.Message, StringComparison.Ordinal);
    }

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Read(ZipArchive zip, string name) => System.Text.Encoding.UTF8.GetString(ReadBytes(zip, name));
}
