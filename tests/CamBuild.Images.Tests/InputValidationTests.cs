using CamBuild.Images.Config;
using CamBuild.Images.Packing;
using CamBuild.Images.Python;

namespace CamBuild.Images.Tests;

public class InputValidationTests
{
    [Fact]
    public void WheelWhoseHashIsNotInTheLockIsRejectedWithFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("cambuild-wheels-").FullName;
        var a = TestWheels.Build(dir, "camimgalpha", "1.0.0", "X = 1\n");
        var lockPath = Path.Combine(dir, "requirements.txt");
        TestWheels.WriteLock(lockPath, a);
        TestWheels.Build(Path.Combine(dir, "other"), "camimgalpha", "1.0.0", "X = 2\n");
        File.Copy(Path.Combine(dir, "other", Path.GetFileName(a)), a, overwrite: true);
        var e = Assert.Throws<ImageBuildException>(() => WheelVerifier.Verify(new PythonEnvironmentSpec("cam", "/opt/cam/venv", lockPath, dir)));
        Assert.Contains($"{lockPath} line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("camimgalpha==1.0.0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LockLineWithoutHashIsRejected()
    {
        var dir = Directory.CreateTempSubdirectory("cambuild-wheels-").FullName;
        var lockPath = Path.Combine(dir, "requirements.txt");
        File.WriteAllText(lockPath, "# x\nfoo==1.0 \\\n    --hash=sha256:" + new string('a', 64) + "\nbar==2.0\n");
        var e = Assert.Throws<ImageBuildException>(() => HashedRequirementsFile.Parse(lockPath));
        Assert.Contains("line 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("'bar'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsesMultipleHashesMarkersAndComments()
    {
        var dir = Directory.CreateTempSubdirectory("cambuild-wheels-").FullName;
        var lockPath = Path.Combine(dir, "requirements.txt");
        File.WriteAllText(lockPath, $"--index-url http://127.0.0.1/simple\nKatcp==0.9.3 ; python_version >= \"3.8\" \\\n" +
            $"    --hash=sha256:{new string('B', 64)} \\\n    --hash=sha256:{new string('c', 64)}\n    # via camalpha\n");
        var r = Assert.Single(HashedRequirementsFile.Parse(lockPath));
        Assert.Equal(("Katcp", "0.9.3", "python_version >= \"3.8\"", 2), (r.Name, r.Version, r.Marker, r.Line));
        Assert.Equal(2, r.Sha256s.Count);
        Assert.Contains(new string('b', 64), r.Sha256s);
    }

    [Fact]
    public void ConfigFileWithRelativeDestinationOrBadModeIsRejected()
    {
        var f = Path.GetTempFileName();
        Assert.Contains("absolute", Assert.Throws<ImageBuildException>(() => ConfigLayer.Verify([new ConfigFileSpec(f, "etc/cam/x")])).Message, StringComparison.Ordinal);
        Assert.Contains("octal", Assert.Throws<ImageBuildException>(() => ConfigLayer.Verify([new ConfigFileSpec(f, "/etc/x", "rw")])).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<ImageBuildException>(() => ConfigLayer.Verify([new ConfigFileSpec(f + ".nope", "/etc/x")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentManifestDiffNamesFileAndHow()
    {
        ContentEntry E(string p, string mode = "0644", string? sha = "aa", long mtime = 1) => new(p, "file", mode, 0, 0, mtime, 1, sha, null);
        var d = ContentManifest.Diff([E("./a"), E("./b"), E("./c")], [E("./a"), E("./b", "0600", "bb", 2), E("./d")]);
        Assert.Equal(["./b: mode 0644 -> 0600, mtime 1 -> 2, content differs", "./c: only in the original", "./d: only in the rebuild"], d);
    }

    [Fact]
    public void CompressionLevelOutOfRangeIsRejected()
    {
        Assert.Throws<ImageBuildException>(() => Compression.Flags(22));
        Assert.Equal(["-q", "-19", "-T0"], Compression.Flags(Compression.Release));
    }
}
